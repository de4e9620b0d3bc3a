"""The library API: :class:`Extractor` turns article texts into :class:`DocumentRecords`.

The Stanza pipeline (tokenize + ner) is loaded once per ``Extractor`` (and cached per process by
:func:`extractor.nlp.stanza_models.stanza_pipeline`); documents go through it in batches
(``bulk_process``), each result becomes a spaCy ``Doc`` over the original characters, and the
stages of :mod:`extractor.pipeline` fill in the records. :func:`extract_parallel` spreads the
same work over worker processes and returns results in input order.

    >>> from extractor import Extractor
    >>> extractor = Extractor()
    >>> records = extractor.extract(text, doc_id="a1", published="2017-08-09")
    >>> for records in extractor.extract_many(articles): ...
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import time
import traceback
from collections import defaultdict, deque
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from .document import Article, parse_published
from .io.readers import InputError, article_from_object, refusal_reason
from .io.text_check import DEFAULT_MAX_CHARS, TextTooLongError, check_text, first_refused, too_long_reason
from .nlp.language import guess_language
from .records import RECORD_TYPES, ArticleMeta, DocumentRecords
from .time_budget import BudgetExceeded, time_budget

if TYPE_CHECKING:  # the stages import spaCy (and torch): the --jobs parent process needs neither
    from .pipeline import ExtractionContext, Stage

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 16
# Progress inside a batch is reported (``Extractor(progress=...)``) for batches at least this long:
# below it a batch takes about a second and a per-article bar says enough.
PROGRESS_MIN_CHARS = 100_000
# ``progress(phase, done, total)``: ``tokenizing`` (characters, done 0), ``tagging`` (sentences),
# ``matching`` (stages of one article), then ``done``.
ProgressCallback = Callable[[str, int, Optional[int]], None]
STANZA = "stanza"
SPACY_DOC = "spacy_doc"
COMPONENTS = "components"  # the registered spaCy components writing doc.spans
RECORDS = "records"
WRITE = "write"  # added by callers that write output (the CLI)
WARM_UP_TEXT = (
    "Jakarta (ANTARA) - Menteri Luar Negeri RI Retno Marsudi bertemu Menlu Rusia di Jakarta, Rabu (9/8/2017), "
    "membahas kerja sama di bidang energi senilai US$1,5 miliar atau 42 persen dari 10 proyek "
    "yang dirintis sejak 17 Agustus 1945."  # a year outside the calendar short cut loads dateparser
    " Kerja sama  ekonomi."  # two spaces between words build the priority phrases' spaced matcher
)

ArticleLike = Union[Article, dict, str]


class ExtractionError(RuntimeError):
    """Extraction failed for one document (a bug in a stage, or spans off the text)."""

    def __init__(self, failure: "DocumentError"):
        super().__init__(str(failure))
        self.failure = failure


@dataclass(frozen=True)
class DocumentError:
    """One document whose extraction failed; the other documents are not affected."""

    doc_id: str
    origin: Optional[str]
    stage: str
    reason: str

    def __str__(self) -> str:
        where = self.origin or self.doc_id
        return f"{where}: document {self.doc_id!r}: {self.stage} failed: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        file, line = self.origin, None
        if self.origin and ":" in self.origin:
            head, _, tail = self.origin.rpartition(":")
            if tail.isdigit():
                file, line = head, int(tail)
        return {"file": file, "line": line, "reason": f"{self.stage} failed: {self.reason}", "doc_id": self.doc_id}


Result = Union[DocumentRecords, DocumentError, InputError]


@dataclass
class Timings:
    """Seconds spent per phase (``stanza``, ``spacy_doc``, one entry per stage, ``records``) and counts."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    documents: int = 0
    tokens: int = 0
    characters: int = 0

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] += seconds

    @property
    def stanza(self) -> float:
        return self.seconds.get(STANZA, 0.0)

    @property
    def extraction(self) -> float:
        """Everything but Stanza and writing: building the Doc, matchers, normalisation, records."""
        return sum(value for phase, value in self.seconds.items() if phase not in (STANZA, WRITE))

    @property
    def writing(self) -> float:
        return self.seconds.get(WRITE, 0.0)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def merge(self, other: "Timings") -> None:
        for phase, value in other.seconds.items():
            self.seconds[phase] += value
        self.documents += other.documents
        self.tokens += other.tokens
        self.characters += other.characters

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "tokens": self.tokens,
            "characters": self.characters,
            "seconds": {phase: round(value, 6) for phase, value in self.seconds.items()},
            "stanza_s": round(self.stanza, 6),
            "extraction_s": round(self.extraction, 6),
            "write_s": round(self.writing, 6),
        }


def default_stages() -> list[Stage]:
    """The article-metadata stage, then a stage per registered record type, each after the
    stages it requires (registration order otherwise)."""
    from .components import check_components, components
    from .extractors.article_meta import ArticleMetaStage
    from .record_types import record_types

    pending = [t.build_stage() for t in record_types() if t.stage is not None]
    stages: list[Stage] = [ArticleMetaStage()]
    available = {"article", *check_components(components()), *ArticleMetaStage.provides}
    while pending:
        ready = next((stage for stage in pending if set(stage.requires) <= available), pending[0])
        pending.remove(ready)
        stages.append(ready)
        available |= set(ready.provides)
    return stages


WORKER_MEMORY_MB = 700  # resident memory of one worker with the shipped models (README: Throughput)


def available_memory_mb() -> Optional[int]:
    """Memory available to new processes (``MemAvailable``), or None where it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# oneDNN, which runs torch's LSTMs on the CPU, keeps the kernel it builds for each input shape in
# a cache of 1,024 by default, some megabytes each; Stanza's batches come in ever new shapes (sentences
# and words of every length), so a worker grew by hundreds of megabytes over a long run (631 MB
# after 500 articles, 947 MB after 50,000). A cache of 64 fills within the first hundred articles
# and costs no measurable time (a kernel is rebuilt the same, so the output does not change).
ONEDNN_CACHE_ENV = "ONEDNN_PRIMITIVE_CACHE_CAPACITY"
ONEDNN_CACHE_CAPACITY = 64


def bound_onednn_cache(environ: Optional[dict] = None) -> None:
    """Give oneDNN's kernel cache :data:`ONEDNN_CACHE_CAPACITY` entries unless the environment
    sets its own. oneDNN reads the setting when torch first runs an LSTM in this process, so this is
    called before the models load (and the workers inherit it)."""
    (os.environ if environ is None else environ).setdefault(ONEDNN_CACHE_ENV, str(ONEDNN_CACHE_CAPACITY))


def set_torch_threads(threads: Optional[int]) -> None:
    if threads is None:
        return
    from .nlp.lean_imports import import_torch

    torch = import_torch()
    torch.set_num_threads(max(1, int(threads)))


class Extractor:
    """Loads the models once; extracts records from one text or a stream of articles.

    ``batch_size`` documents go through Stanza together. ``torch_threads`` sets torch's intra-op
    threads for this process (default: leave torch's setting). ``stages`` replaces the default
    stage list. ``resources`` is a folder of resource files laid out like ``extractor/resources/id``
    (default: ``$EXTRACTOR_RESOURCES``, else the shipped ones; one folder per process at a time,
    see :mod:`extractor.resource_data`). Other keywords go to :func:`extractor.nlp.stanza_models.stanza_pipeline`
    (``model_dir``, ``ner_model``, ``optimize``: ``False`` loads stock Stanza, see
    :mod:`extractor.nlp.inference`; default ``$EXTRACTOR_OPTIMIZE``, else on). ``timings``
    accumulates seconds per phase. ``warm_up``
    runs one short text through everything at construction (lazy resources load there); without
    it (the command line's choice: a quicker first article) each resource loads when a document
    first needs it, within that document's time.
    ``timeout_per_doc`` (seconds, default none) bounds each document's work: its share of a
    Stanza batch and its stages each get that long; a document over it becomes a
    :class:`DocumentError` (``extract`` raises :class:`ExtractionError`) and the rest go on.
    A text over ``max_chars`` characters is refused before the models run (``extract`` raises
    :class:`~extractor.TextTooLongError`; :meth:`iter_results` yields an :class:`InputError`).
    ``progress`` is called with ``(phase, done, total)`` while a batch of at least
    :data:`PROGRESS_MIN_CHARS` characters (one huge article) is worked on: the characters being
    tokenised, the sentences tagged so far (with the optimised NER stage), the matcher stages of
    each article, then ``("done", 0, None)``.
    """

    def __init__(
        self,
        batch_size: int = DEFAULT_BATCH_SIZE,
        torch_threads: Optional[int] = None,
        stages: Optional[Sequence[Stage]] = None,
        warm_up: bool = True,
        timeout_per_doc: Optional[float] = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        progress: Optional[ProgressCallback] = None,
        resources: Union[str, "os.PathLike[str]", None] = None,
        **stanza_overrides: Any,
    ):
        from .nlp.lean_imports import import_spacy
        from .nlp.stanza_models import stanza_pipeline
        from .resource_data import use_resources

        import_spacy()  # before the stages import it
        from .pipeline import ExtractionPipeline

        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        bound_onednn_cache()
        self.resources = use_resources(resources)
        self.batch_size = batch_size
        self.max_chars = max_chars
        self.timeout_per_doc: Optional[float] = None  # the warm-up (lazy imports, lexicons) runs unbounded
        self.progress: Optional[ProgressCallback] = None  # and unreported
        set_torch_threads(torch_threads)
        self.nlp = stanza_pipeline(**stanza_overrides)
        from .components import annotation_nlp

        self.pipeline = ExtractionPipeline(list(stages) if stages is not None else default_stages())
        self.annotation = annotation_nlp()
        from .nlp.matchers import build_per_vocab
        from .nlp.spacy_doc import shared_vocab

        # Each batch's words and strings are freed when it is done (_vocab_zone): the matchers,
        # which must keep theirs, are built before the first batch.
        self.vocab = shared_vocab()
        build_per_vocab(self.vocab)
        self.timings = Timings()
        from .nlp.inference import freeze_heap, optimization_enabled

        # Once the lazy resources are loaded, they move to the collector's permanent generation:
        # after the warm-up, else before the second batch (a one-batch run never pays for it).
        self._freeze_pending = self._freeze_before_next_chunk = False
        if warm_up:
            # Matchers, lexicons and spaCy's language data load lazily on first use: load them now,
            # so that timings measure steady-state work. A failure here is reported, not raised:
            # each document that meets the same bug is reported on its own.
            for result in self.process_chunk([Article(doc_id="warm-up", text=WARM_UP_TEXT)]):
                if isinstance(result, DocumentError):
                    logger.warning("extraction of the warm-up text failed: %s", result)
            self.timings = Timings()
            if optimization_enabled(stanza_overrides.get("optimize")):
                freeze_heap()  # matchers and lexicons loaded by the warm-up live as long as the process
        else:
            self._freeze_pending = optimization_enabled(stanza_overrides.get("optimize"))
        self.timeout_per_doc = timeout_per_doc
        self.progress = progress

    def extract(
        self, text: str, doc_id: Optional[str] = None, published: Union[str, dt.date, None] = None
    ) -> DocumentRecords:
        """The records of one text; ``published`` (ISO date) anchors relative dates. Raises
        :class:`~extractor.InvalidTextError` for a text holding a surrogate, a control character
        or a noncharacter (:mod:`extractor.io.text_check`), :class:`~extractor.TextTooLongError`
        for one over ``max_chars``."""
        article = Article(doc_id=doc_id or "document", text=text, published=parse_published(published))
        return next(self.extract_many([article]))

    def extract_many(self, docs: Iterable[ArticleLike], batch_size: Optional[int] = None) -> Iterator[DocumentRecords]:
        """Records for each of ``docs`` (Articles, dicts with ``id``/``text``/``published``, or
        strings, whose ``doc_id`` is their position), in input order, batching across documents.
        Raises :class:`ExtractionError` for a document whose extraction fails and
        :class:`~extractor.InvalidTextError` or :class:`~extractor.TextTooLongError` for a refused text."""
        for result in self.iter_results(_refusing_invalid_text(docs, self.max_chars), batch_size):
            if isinstance(result, DocumentError):
                raise ExtractionError(result)
            if isinstance(result, InputError):
                raise ValueError(str(result))
            yield result

    def iter_results(self, items: Iterable[Any], batch_size: Optional[int] = None) -> Iterator[Result]:
        """Like :meth:`extract_many`, but a failed document yields a :class:`DocumentError` and
        :class:`InputError` items pass through in place, so that one bad input stops nothing."""
        size = batch_size or self.batch_size
        for chunk in extraction_batches(items, size, self.max_chars):
            yield from self.process_chunk(chunk)

    def process_chunk(self, chunk: Sequence[Union[Article, InputError]]) -> list[Result]:
        """Results for one batch of inputs: Stanza runs once over all non-empty texts."""
        if self._freeze_before_next_chunk:
            from .nlp.inference import freeze_heap

            self._freeze_before_next_chunk = self._freeze_pending = False
            freeze_heap()
        self._freeze_before_next_chunk = self._freeze_pending
        articles = [item for item in chunk if isinstance(item, Article) and item.text.strip()]
        characters = sum(len(article.text) for article in articles)
        report = self.progress if self.progress is not None and characters >= PROGRESS_MIN_CHARS else None
        with _sentence_progress(self.nlp, report):
            if report is not None:
                report("tokenizing", 0, characters)
            analysed = self._analyse(articles)
        results: list[Result] = []
        with _vocab_zone(self.vocab):
            for item in chunk:
                if isinstance(item, InputError):
                    results.append(item)
                elif not item.text.strip():
                    results.append(_empty_records(item))
                else:
                    stanza_doc = analysed.get(id(item))
                    if isinstance(stanza_doc, DocumentError):
                        results.append(stanza_doc)
                    else:
                        results.append(self._records_within_budget(item, stanza_doc, report))
        if report is not None:
            report("done", 0, None)
        return results

    def _records_within_budget(
        self, article: Article, stanza_doc: Any, report: Optional[ProgressCallback] = None
    ) -> Union[DocumentRecords, DocumentError]:
        try:
            with time_budget(self.timeout_per_doc), _collector_paused():
                return self._records(article, stanza_doc, report)
        except BudgetExceeded as exceeded:
            return self._over_budget(article, getattr(exceeded, "phase", RECORDS))

    def _over_budget(self, article: Article, phase: str) -> DocumentError:
        reason = f"over the time budget of {self.timeout_per_doc:g} s per document (--timeout-per-doc)"
        return DocumentError(article.doc_id, article.origin, phase, reason)

    def _analyse(self, articles: list[Article]) -> dict[int, Any]:
        """Stanza documents by ``id(article)``; a batch that fails is retried one document at a time."""
        import stanza

        if not articles:
            return {}
        started = time.perf_counter()
        budget = self.timeout_per_doc * len(articles) if self.timeout_per_doc else None
        try:
            with time_budget(budget):
                analysed = self.nlp.bulk_process([stanza.Document([], text=a.text) for a in articles])
        except (Exception, BudgetExceeded) as error:
            self.timings.add(STANZA, time.perf_counter() - started)
            if len(articles) == 1:
                if isinstance(error, BudgetExceeded):
                    return {id(articles[0]): self._over_budget(articles[0], STANZA)}
                return {id(articles[0]): _failure(articles[0], STANZA)}
            by_article: dict[int, Any] = {}
            for article in articles:
                by_article.update(self._analyse([article]))
            return by_article
        self.timings.add(STANZA, time.perf_counter() - started)
        return {id(a): d for a, d in zip(articles, analysed)}

    def _records(
        self, article: Article, stanza_doc: Any, report: Optional[ProgressCallback] = None
    ) -> Union[DocumentRecords, DocumentError]:
        from .nlp.spacy_doc import to_spacy_doc
        from .nlp.words import token_columns
        from .pipeline import ExtractionContext

        timings = self.timings
        phase = SPACY_DOC
        try:
            started = time.perf_counter()
            doc = to_spacy_doc(article.text, stanza_doc)
            context = ExtractionContext(
                article=article,
                doc=doc,
                published=article.published,
                published_source="input" if article.published else None,
            )
            now = time.perf_counter()
            timings.add(SPACY_DOC, now - started)
            phase = COMPONENTS
            for _, process in self.annotation.pipeline:
                doc = process(doc)
            then, now = now, time.perf_counter()
            timings.add(COMPONENTS, now - then)
            for number, stage in enumerate(self.pipeline.stages):
                if report is not None:
                    report("matching", number, len(self.pipeline.stages))
                phase = stage.name
                stage(context)
                then, now = now, time.perf_counter()
                timings.add(phase, now - then)
            phase = RECORDS
            records = _document_records(article, context)
            records.check_offsets(article.text)
            timings.add(RECORDS, time.perf_counter() - now)
        except BudgetExceeded as exceeded:
            exceeded.phase = phase
            raise
        except Exception:
            return _failure(article, phase)
        timings.documents += 1
        timings.characters += len(article.text)
        timings.tokens += len(doc) - sum(token_columns(doc).is_space)  # the components have read the columns
        return records


def _vocab_zone(vocab: Any):
    """A spaCy memory zone over one batch: the lexemes and strings its documents add to the shared
    vocabulary are freed at its end, so that the vocabulary does not grow with every new word of
    a long run (records hold plain strings, nothing of the Doc). Not nested in a caller's zone."""
    return nullcontext() if vocab.in_memory_zone else vocab.memory_zone()


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while one document's records are built: the Doc, its spans
    and the records are freed by reference counting, and the collector, run every 700
    allocations, would traverse the young objects of the document some dozens of times (about 2 %
    of the extractor's own time). It runs again, on what is left, when the document is done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def _sentence_progress(pipeline: Any, report: Optional[ProgressCallback]):
    """While Stanza runs, pass the optimised NER stage's batches on to ``report`` as ``tagging``."""
    ner = pipeline.processors.get("ner") if report is not None else None
    if ner is None:
        yield
        return
    ner.batch_progress = lambda done, total: report("tagging", done, total)
    try:
        yield
    finally:
        ner.batch_progress = None


def _document_records(article: Article, context: ExtractionContext) -> DocumentRecords:
    """The output of one article: every stage's records, the built-in types as their fields and
    any other stage's records (a custom stage's) as extra fields under the stage's name."""
    from .normalize.dates import published_iso

    published = published_iso(context.published, context.published_source)  # ``2019`` when only the year is known
    lists = {name: list(context.records.get(name, [])) for name in RECORD_TYPES}
    for name, records in context.records.items():
        if name not in lists:
            lists[name] = list(records)
    meta = (context.meta or ArticleMeta()).model_copy(update={"language": guess_language(article.text)})
    return DocumentRecords(doc_id=article.doc_id, published=published, article=meta, **lists)


def _empty_records(article: Article) -> DocumentRecords:
    published = article.published.isoformat() if article.published else None
    meta = ArticleMeta(
        title=article.title,
        url=article.url,
        published=published,
        published_source="input" if published else None,
        language=guess_language(article.text),
    )
    return DocumentRecords(doc_id=article.doc_id, published=published, article=meta)


def _failure(article: Article, phase: str) -> DocumentError:
    lines = traceback.format_exc().strip().splitlines()
    return DocumentError(article.doc_id, article.origin, phase, lines[-1] if lines else "unknown error")


def _coerce(item: Any, position: int) -> Union[Article, InputError]:
    if isinstance(item, (Article, InputError)):
        return item
    if isinstance(item, str):
        return Article(doc_id=str(position), text=item)
    if isinstance(item, dict):
        result = article_from_object(item, "<input>", None, str(position), None, f"item {position}: ")
        if isinstance(result, InputError):
            raise ValueError(str(result))
        return result
    raise TypeError(f"cannot extract from {type(item).__name__}: expected an Article, a dict or a str")


def _coerce_all(items: Iterable[Any], max_chars: Optional[int] = None) -> Iterator[Union[Article, InputError]]:
    for position, item in enumerate(items):
        article = _coerce(item, position)
        if not isinstance(article, Article):
            yield article
            continue
        # never let a refused text reach the models: one input error, named like the reader's
        reason = None
        if max_chars is not None and len(article.text) > max_chars:
            reason = too_long_reason(len(article.text), max_chars)
        elif (offset := first_refused(article.text)) is not None:
            reason = refusal_reason(article.text, offset)
        if reason is None:
            yield article
        else:
            file, line = _file_and_line(article.origin)
            yield InputError(file or "<input>", line, reason, article.doc_id)


def _file_and_line(origin: Optional[str]) -> tuple[Optional[str], Optional[int]]:
    if origin and ":" in origin:
        head, _, tail = origin.rpartition(":")
        if tail.isdigit():
            return head, int(tail)
    return origin, None


def _refusing_invalid_text(items: Iterable[Any], max_chars: Optional[int] = None) -> Iterator[Union[Article, InputError]]:
    for position, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("text"), str):  # before the dict's own checks
            check_text(item["text"].removeprefix("\ufeff"), str(item.get("id") or position))
        article = _coerce(item, position)
        if isinstance(article, Article):
            if max_chars is not None and len(article.text) > max_chars:
                raise TextTooLongError(len(article.text), max_chars, article.doc_id)
            check_text(article.text, article.doc_id)
        yield article


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extraction_batches(items: Iterable[Any], size: int, max_chars: Optional[int] = None) -> Iterator[list[Union[Article, InputError]]]:
    """The batches every engine extracts: ``size`` inputs each, as articles or input errors (a
    refused or over-long text is an input error, counted in its batch), in input order."""
    return _batched(_coerce_all(items, max_chars), size)


# Parallel extraction: one Extractor per worker process, chunks of `batch_size` inputs, results
# in input order. Chunks are the same as the sequential path's batches, so output is identical.

_worker_extractor: Optional[Extractor] = None
_worker_error: Optional[BaseException] = None


def worker_threads(jobs: int) -> int:
    """Torch threads per worker so that ``jobs`` workers do not oversubscribe the cores."""
    return max(1, available_cores() // max(1, jobs))


def _die_with_parent(parent_pid: int) -> None:
    """Make this worker end when the process that started it ends, even by SIGKILL (Linux)."""
    if not hasattr(os, "getppid"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the pool's own shutdown is all there is
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)


def _init_worker(
    batch_size: int,
    threads: int,
    stanza_overrides: dict[str, Any],
    parent_pid: Optional[int] = None,
    timeout_per_doc: Optional[float] = None,
) -> None:
    global _worker_extractor, _worker_error
    if parent_pid is not None:
        _die_with_parent(parent_pid)
        import signal

        # Ctrl-C reaches the whole process group: the parent handles it and stops the workers.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    import atexit

    atexit.register(_exit_without_teardown)
    try:
        _worker_extractor = Extractor(
            batch_size=batch_size, torch_threads=threads, timeout_per_doc=timeout_per_doc, warm_up=False,
            **stanza_overrides,
        )
    except BaseException as error:  # reported with the first task: an initializer error breaks the pool silently
        _worker_error = error


def _exit_without_teardown() -> None:
    """A worker's last act once the pool has stopped it: end the process at once. The parent waits
    for its workers to end, and tearing down an interpreter with torch and the models loaded
    takes about a second of that; a worker has nothing left to write or release by then."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(0)


def _work_chunk(chunk: list[Union[Article, InputError]]) -> tuple[list[Result], Timings]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_extractor is not None
    _worker_extractor.timings = Timings()
    results = _worker_extractor.process_chunk(chunk)
    return results, _worker_extractor.timings


def extract_parallel(
    items: Iterable[Any],
    jobs: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    timings: Optional[Timings] = None,
    threads: Optional[int] = None,
    start_method: str = "spawn",
    timeout_per_doc: Optional[float] = None,
    max_chars: Optional[int] = DEFAULT_MAX_CHARS,
    **stanza_overrides: Any,
) -> Iterator[Result]:
    """:meth:`Extractor.iter_results` over ``jobs`` worker processes, each with ``threads`` torch
    threads (default ``worker_threads(jobs)``); results in input order. Worker timings are added
    to ``timings`` (seconds summed over workers). ``timeout_per_doc``, ``max_chars``: as for :class:`Extractor`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    threads = threads or worker_threads(jobs)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(start_method),
        initializer=_init_worker,
        initargs=(batch_size, threads, stanza_overrides, os.getpid(), timeout_per_doc),
    )
    pending: deque = deque()

    def collect() -> list[Result]:
        results, chunk_timings = pending.popleft().result()
        if timings is not None:
            timings.merge(chunk_timings)
        return results

    try:
        for chunk in extraction_batches(items, batch_size, max_chars):
            pending.append(pool.submit(_work_chunk, chunk))
            # Results come back in input order: a worker can run this many chunks ahead of the one
            # the output waits for (on a busy machine, workers do not keep the same pace).
            if len(pending) >= 4 * jobs:
                yield from collect()
        while pending:
            yield from collect()
    finally:
        if pending:  # stopped early (an error, Ctrl-C, SIGTERM): the workers' chunks are not wanted
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        pool.shutdown(wait=not pending, cancel_futures=True)
