"""The Ray Data engine: the same extraction, spread over a Ray cluster.

Shape of the job (one Ray Data pipeline a window of inputs, streamed end to end):

    input files ──driver: read_expanded, batches──► one row a batch (its inputs as JSON), in input order
                ──BatchExtractorActor (map_batches, actor pool)──► batch rows: one record line or error each
                ──driver (iter_batches, order preserved)──► JSONL / Parquet, errors file, summary

The driver reads the inputs itself, with the default engine's reader
(:func:`extractor.io.readers.read_expanded`: the same articles, input errors and duplicate ids),
skips what ``--resume`` finds written, refuses the texts the default engine refuses, and cuts the
same batches of ``batch_size`` inputs. Reading is a small part of the work (parsing JSON), and a
read stage of Ray tasks costs a Ray worker process of its own (importing Ray, Ray Data, pandas and
pyarrow: about 4 CPU seconds, a tenth of Ray's whole overhead on a 2-core machine). Each batch is
one block (``ray.data.from_items``, one item a batch: blocks built in the driver, no remote task),
so Ray Data hands each batch to one actor task, the actors share the work evenly and the first
records come back after one batch. The inputs go to Ray's object store a window of
:data:`WINDOW_BATCHES` batches at a time, so that the driver's memory stays bounded on an archive
of millions of articles (each window is one Dataset execution; the actors of the next window load
the models again, a small share of a window's work). Each actor loads the models once
(:class:`~extractor.core.Extractor`) and extracts the same batches as the default engine, so the
record lines are the same bytes. An actor that dies is restarted and its batch retried by Ray Data
(its actor pools default to unlimited ``max_restarts`` and ``max_task_retries``); the driver only
writes what Ray Data hands back, once, so nothing is lost or written twice.

:func:`extract_dataset` is the library form: a ``ray.data.Dataset`` of articles (columns ``id``,
``text``, optional ``published``, ``title``, ``url``, ``source``) in, a Dataset of results out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from itertools import islice
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from ..core import DEFAULT_BATCH_SIZE, Extractor, extraction_batches
from ..document import Article, parse_published
from ..io.readers import InputError, SkippedFile, article_from_object, read_expanded
from ..io.resume import Done, content_hash
from ..io.text_check import DEFAULT_MAX_CHARS
from ..io.record_writers import RecordLine, RemoteError
from ..io.writers import record_line
from ..records import DocumentRecords

ARTICLE_COLUMNS = ("id", "text", "published", "title", "url", "source")
INPUT_ROW_COLUMNS = ("order", "kind", "doc_id", "text", "published", "title", "url", "source", "origin", "error")
RESULT_COLUMNS = ("order", "kind", "doc_id", "origin", "sha256", "record", "error", "message", "counts")


def require_ray():
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError as error:
        raise RuntimeError(
            "the Ray engine needs the `ray` extra: pip install -e '.[ray]' (or pip install 'extractor[ray]')"
        ) from error
    import ray

    return ray


# Settings of the local cluster the engine starts (Ray's system config, `ray_config_def.h`). A
# cluster joined with --address keeps its own.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # Ray runs its workers at nice 15, below every other process of the machine: the extraction
    # actors would get a sliver of a shared machine that `--jobs` workers (nice 0) get in full.
    "worker_niceness": 0,
    # Observability the engine does not read, each a periodic timer in every Ray process (13 on
    # one node): metrics export, task state events sent to the GCS every second (and the
    # timeline built on them), per-handler event-loop statistics.
    "enable_metrics_collection": False,
    "task_events_report_interval_ms": 0,
    "enable_timeline": False,
    "event_stats": False,
}


def init_ray(address: Optional[str] = None, workers: Optional[int] = None):
    """Join the cluster at ``address``, or start a local Ray with ``workers`` CPUs."""
    import importlib.util
    import threading

    if importlib.util.find_spec("ray") is None or importlib.util.find_spec("ray.data") is None:
        require_ray()  # raises, naming the extra
    import ray

    if not ray.is_initialized():
        # Ray Data's import (pyarrow, pandas: a second or two of one core) runs while the cluster
        # starts, which is mostly waiting for its processes.
        importing = threading.Thread(target=require_ray, name="import ray.data", daemon=True)
        importing.start()
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR"}
        if address:
            options["address"] = address
        else:
            # "local": a new cluster of our own, never the one a `ray start` or RAY_ADDRESS left on
            # this machine (ray.init() alone would join that one).
            options["address"] = "local"
            options["_system_config"] = dict(LOCAL_CLUSTER_CONFIG)
            if workers:
                options["num_cpus"] = workers
        ray.init(**options)
        importing.join()
        logging.getLogger("ray.data").setLevel(logging.ERROR)
    return require_ray()


# --- rows -----------------------------------------------------------------------------------


def _article_row(order: int, article: Article) -> dict[str, Any]:
    return {
        "order": order,
        "kind": "article",
        "doc_id": article.doc_id,
        "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "error": None,
    }


def _error_row(order: int, error: InputError) -> dict[str, Any]:
    return {
        "order": order, "kind": "skipped_file" if isinstance(error, SkippedFile) else "input_error", "doc_id": error.doc_id, "text": None, "published": None,
        "title": None, "url": None, "source": None, "origin": error.location, "error": json.dumps(error.as_dict()),
    }


# Batches of inputs that go to Ray's object store together, as one Dataset (see the module docstring).
WINDOW_BATCHES = 2000


def input_batches(
    entries: Iterable[Union[Path, InputError]],
    *,
    max_bytes: int,
    published: Optional[dt.date] = None,
    done: Optional[Done] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_chars: Optional[int] = DEFAULT_MAX_CHARS,
) -> Iterator[list[dict[str, Any]]]:
    """The input rows of ``entries``, batch by batch: the default engine's inputs and batches
    (:func:`~extractor.io.readers.read_expanded`, documents ``done`` marks as already written left
    out, refused texts turned into input errors, ``batch_size`` inputs a batch, input errors
    counted in it). ``order`` numbers the rows in input order."""

    def not_done(inputs):
        for item in inputs:
            if done is None or not isinstance(item, Article) or done.status(item.doc_id, item.text) != "done":
                yield item

    inputs = not_done(read_expanded(entries, max_bytes=max_bytes, published=published))
    order = 0
    for chunk in extraction_batches(inputs, batch_size, max_chars):
        rows = []
        for item in chunk:
            rows.append(_article_row(order, item) if isinstance(item, Article) else _error_row(order, item))
            order += 1
        yield rows


def _columns(schema_name: str):
    import pyarrow as pa

    names = INPUT_ROW_COLUMNS if schema_name == "input" else RESULT_COLUMNS
    return [(name, pa.int64() if name == "order" else pa.string()) for name in names]


def _table(rows: list[dict[str, Any]], schema_name: str):
    """Rows as an Arrow table with a fixed schema: an all-None column stays a string column."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=pa.schema(_columns(schema_name)))


def _batch_row(rows: list[dict[str, Any]], schema_name: str):
    """Rows as one batch row: a one-row Arrow table whose columns hold lists."""
    import pyarrow as pa

    return pa.table({name: pa.array([[row[name] for row in rows]], type=pa.list_(kind))
                     for name, kind in _columns(schema_name)})


def _rows(batch) -> list[dict[str, Any]]:
    return batch.to_pylist()


def _batch_rows(batch) -> Iterator[list[dict[str, Any]]]:
    """The rows of each batch row of an Arrow table of batch rows."""
    columns = batch.to_pydict()
    for values in zip(*columns.values()):
        yield [dict(zip(columns, row)) for row in zip(*values)]


def _input_batches(batch) -> Iterator[list[dict[str, Any]]]:
    """The input rows of each batch of an Arrow table of input batches (column ``batch``)."""
    for text in batch.column("batch").to_pylist():
        yield json.loads(text)


class ExtractorActor:
    """Ray Data UDF run by an actor pool: the models load once per actor."""

    def __init__(self, batch_size: int = DEFAULT_BATCH_SIZE, threads: int = 1, stanza_overrides: Optional[dict] = None):
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        # No warm-up text: the resources load with the first batch, as in the default engine's workers.
        self.extractor = Extractor(batch_size=batch_size, torch_threads=threads, warm_up=False, **(stanza_overrides or {}))
        self._crash_marker = os.environ.get("EXTRACTOR_TEST_CRASH_ONCE")  # tests: kill this actor once

    def __call__(self, batch):
        return _table(self.extract_rows(_rows(batch)), "result")

    def extract_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One result row per input row; the articles among them are extracted as one batch."""
        articles = {}
        for row in rows:
            if row["kind"] == "article":
                articles[int(row["order"])] = _row_article(row)
        self._maybe_crash(articles.values())
        results = dict(zip(articles, self.extractor.process_chunk(list(articles.values())))) if articles else {}
        out: list[dict[str, Any]] = []
        for row in rows:
            order = int(row["order"])
            result = results.get(order)
            base = {"order": order, "doc_id": row.get("doc_id"), "origin": row.get("origin"), "kind": row["kind"],
                    "sha256": None, "record": None, "error": None, "message": None, "counts": None}
            if result is None:  # an input error
                base["error"] = row.get("error")
                if base["error"]:
                    error = InputError(**json.loads(base["error"]))
                    base["message"] = str(error)
            elif isinstance(result, DocumentRecords):
                base["sha256"] = content_hash(row["text"])
                base["record"] = record_line(result)
                base["counts"] = json.dumps({name: len(records) for name, records in result.record_lists()})
            else:
                base["error"] = json.dumps(result.as_dict())
                base["message"] = str(result)
                base["kind"] = "extraction_error"
            out.append(base)
        return out

    def _maybe_crash(self, articles) -> None:
        if not self._crash_marker:
            return
        doc_id, _, marker = self._crash_marker.partition("@")
        if any(article.doc_id == doc_id for article in articles) and not os.path.exists(marker):
            Path(marker).write_text("crashed once\n")
            os._exit(1)


class BatchExtractorActor(ExtractorActor):
    """:class:`ExtractorActor` over input batches: each batch in, its results as one batch row out."""

    def __call__(self, batch):
        import pyarrow as pa

        return pa.concat_tables([_batch_row(self.extract_rows(rows), "result") for rows in _input_batches(batch)])


def _row_article(row: dict[str, Any]) -> Article:
    return Article(
        doc_id=row["doc_id"],
        text=row["text"],
        published=parse_published(row.get("published")),
        title=row.get("title"),
        url=row.get("url"),
        source=row.get("source"),
        origin=row.get("origin"),
    )


# --- the library entry point ------------------------------------------------------------------


def extract_dataset(
    ds,
    *,
    workers: Optional[int] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    threads: int = 1,
    **stanza_overrides: Any,
):
    """Extract every article of ``ds`` (columns ``id``, ``text``, optional ``published``, ``title``,
    ``url``, ``source``) with an actor pool of ``workers`` actors (default: the cluster's CPUs).

    Returns a Dataset with one row per article: ``doc_id``, ``record`` (the JSONL line of its
    :class:`~extractor.records.DocumentRecords`, as ``extractor extract`` writes it, or None),
    ``error`` (a JSON ``{file, line, reason, doc_id}`` or None) and ``sha256`` of the text."""
    ray = require_ray()

    def to_rows(batch):
        rows = []
        for index, obj in enumerate(_rows(batch)):
            if isinstance(obj.get("published"), (dt.date, dt.datetime)):
                obj["published"] = obj["published"].isoformat()
            item = article_from_object({k: v for k, v in obj.items() if k in ARTICLE_COLUMNS and v is not None},
                                       "<dataset>", None, str(obj.get("id")))
            order = index  # order inside the batch only: Dataset order is kept by Ray Data
            rows.append(_article_row(order, item) if isinstance(item, Article) else _error_row(order, item))
        return _table(rows, "input")

    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    results = ds.map_batches(to_rows, batch_size=batch_size, batch_format="pyarrow").map_batches(
        ExtractorActor,
        fn_constructor_kwargs={"batch_size": batch_size, "threads": threads, "stanza_overrides": stanza_overrides},
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=size),
        num_cpus=1,
    )
    return results.select_columns(["doc_id", "record", "error", "sha256"])


# --- the CLI engine ---------------------------------------------------------------------------


def run_entries(
    entries: Sequence[Union[Path, InputError]],
    *,
    address: Optional[str] = None,
    workers: Optional[int] = None,
    max_bytes: int,
    published: Optional[dt.date] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    done: Optional[Done] = None,
    max_chars: Optional[int] = DEFAULT_MAX_CHARS,
) -> Iterator[Union[RecordLine, RemoteError]]:
    """Results for every input of ``entries`` (:func:`extractor.io.readers.expand_inputs`), in
    input order, computed on Ray; documents that ``done`` marks as already written are skipped."""
    from concurrent.futures import ThreadPoolExecutor

    if not entries:
        return
    batches = input_batches(entries, max_bytes=max_bytes, published=published, done=done,
                            batch_size=batch_size, max_chars=max_chars)
    # The first window is read while the cluster starts (about a second for 1,000 articles).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="read inputs") as reader:
        first = reader.submit(lambda: list(islice(batches, WINDOW_BATCHES)))
        ray = init_ray(address, workers)
        window = first.result()
    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # Each map task would poll its process's memory every second in a thread of its own, for
    # statistics nobody reads.
    context.memory_usage_poll_interval_s = None
    while window:
        # One item a batch, one block an item: each actor task is one batch.
        items = [{"batch": json.dumps(rows, ensure_ascii=False)} for rows in window]
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            BatchExtractorActor,
            fn_constructor_kwargs={"batch_size": batch_size, "threads": 1},
            batch_size=1,  # one item: batch_size inputs
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(size, len(items))),
            num_cpus=1,
        )
        del items
        for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            for row in (row for rows in _batch_rows(batch) for row in rows):
                if row["record"] is not None:
                    yield RecordLine(row["doc_id"], row["record"], row["sha256"], json.loads(row["counts"]))
                else:
                    yield RemoteError(row["message"], json.loads(row["error"]), row["kind"])
        window = list(islice(batches, WINDOW_BATCHES))


__all__ = ["extract_dataset", "init_ray", "input_batches", "run_entries", "RecordLine", "RemoteError"]
