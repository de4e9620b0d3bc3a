"""The Extractor API end to end with the shipped models (loaded once for the module)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.core import (
    ONEDNN_CACHE_CAPACITY,
    ONEDNN_CACHE_ENV,
    DocumentError,
    ExtractionError,
    Extractor,
    Timings,
    bound_onednn_cache,
    worker_threads,
)
from extractor.document import Article
from extractor.io.readers import InputError
from extractor.io.writers import record_line
from extractor.pipeline import RecordStage
from extractor.records import DocumentRecords, Figure

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"
_ENVIRONMENT_AT_START = dict(os.environ)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(batch_size=4)


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [
        Article(doc_id=path.stem, text=path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
        for path in sorted(RAW_DIR.glob("*.txt"))
    ]


def test_seed_articles_give_exact_spans(extractor: Extractor, seeds: list[Article]):
    results = list(extractor.extract_many(seeds))
    assert [r.doc_id for r in results] == [a.doc_id for a in seeds]
    for article, records in zip(seeds, results):
        assert isinstance(records, DocumentRecords)
        assert records.offset_problems(article.text) == []
        assert records.dates and records.figures and records.officials
        assert records.article is not None
        for _, _, _, span in records.iter_spans():
            assert article.text[span.start : span.end] == span.text


def test_batching_does_not_change_results(extractor: Extractor, seeds: list[Article]):
    together = [record_line(r) for r in extractor.extract_many(seeds, batch_size=len(seeds))]
    alone = [record_line(extractor.extract(a.text, doc_id=a.doc_id)) for a in seeds]
    assert together == alone


def test_inputs_of_every_kind_in_order(extractor: Extractor):
    text = "Menteri Luar Negeri Retno Marsudi tiba di Jakarta pada Rabu (9/8/2017)."
    docs = [
        Article(doc_id="a", text=text),
        {"id": "b", "text": text, "published": "2017-08-10"},
        text,
        {"text": text},
    ]
    results = list(extractor.extract_many(docs, batch_size=3))
    assert [r.doc_id for r in results] == ["a", "b", "2", "3"]
    assert results[1].published == "2017-08-10"


def test_published_anchor_is_kept(extractor: Extractor):
    records = extractor.extract("Pertemuan digelar di Jakarta, Rabu (9/8).", doc_id="x", published="2017-08-10")
    assert records.doc_id == "x" and records.published == "2017-08-10"
    assert records.article.published_source == "input"


@pytest.mark.parametrize("text", ["", "   ", "\n\n\u00a0\t\r\n"])
def test_empty_or_whitespace_text_gives_empty_records(extractor: Extractor, text: str):
    records = extractor.extract(text, doc_id="kosong", published=dt.date(2017, 8, 9))
    assert records.doc_id == "kosong" and records.published == "2017-08-09"
    assert not any(getattr(records, name) for name in ("officials", "events", "dates", "priority_areas", "figures"))


def test_input_errors_pass_through_in_place(extractor: Extractor):
    error = InputError("bad.jsonl", 3, "malformed JSON")
    results = list(extractor.iter_results([Article("a", "Jakarta."), error, Article("b", "Bali.")]))
    assert results[1] is error
    assert [r.doc_id for r in (results[0], results[2])] == ["a", "b"]
    with pytest.raises(ValueError, match="bad.jsonl:3"):
        list(extractor.extract_many([error]))


class _ExplodingStage(RecordStage):
    name = "figures"
    provides = frozenset({"figures"})

    def extract(self, doc, context):
        if "meledak" in context.text:
            raise RuntimeError("stage bug")
        return []


class _OffByOneStage(RecordStage):
    name = "figures"
    provides = frozenset({"figures"})

    def extract(self, doc, context):
        return [Figure(start=1, end=3, text=context.text[0:2], kind="count", value=1)]


def test_failing_document_is_reported_and_the_rest_extracted():
    extractor = Extractor(stages=[_ExplodingStage()], warm_up=False)
    articles = [Article("ok1", "Aman."), Article("bad", "Ini meledak.", origin="in.jsonl:2"), Article("ok2", "Aman juga.")]
    results = list(extractor.iter_results(articles))
    assert isinstance(results[0], DocumentRecords) and isinstance(results[2], DocumentRecords)
    failure = results[1]
    assert isinstance(failure, DocumentError)
    assert failure.stage == "figures" and "stage bug" in failure.reason
    assert failure.as_dict() == {"file": "in.jsonl", "line": 2, "reason": failure.as_dict()["reason"], "doc_id": "bad"}
    with pytest.raises(ExtractionError, match="stage bug"):
        list(extractor.extract_many(articles))


def test_spans_off_the_text_are_refused():
    extractor = Extractor(stages=[_OffByOneStage()], warm_up=False)
    [failure] = extractor.iter_results([Article("d", "Kerja sama")])
    assert isinstance(failure, DocumentError) and failure.stage == "records"
    assert "figures[0]" in failure.reason


def test_timings_split_stanza_from_extraction(seeds: list[Article]):
    extractor = Extractor(batch_size=2)
    list(extractor.extract_many(seeds))
    timings = extractor.timings
    assert timings.documents == len(seeds)
    assert timings.tokens > 100 and timings.characters == sum(len(a.text) for a in seeds)
    assert timings.stanza > 0 and timings.extraction > 0
    assert {"stanza", "spacy_doc", "dates", "figures", "officials", "events", "records"} <= set(timings.seconds)
    merged = Timings()
    merged.merge(timings)
    merged.merge(timings)
    assert merged.documents == 2 * timings.documents
    assert merged.as_dict()["stanza_s"] == pytest.approx(2 * timings.stanza, rel=1e-3)


def test_settings_are_checked():
    with pytest.raises(ValueError, match="batch_size"):
        Extractor(batch_size=0, warm_up=False)
    with pytest.raises(TypeError):
        list(Extractor(stages=[], warm_up=False).extract_many([42]))
    assert worker_threads(1) >= 1 and worker_threads(64) == 1


def test_stanza_failure_is_isolated_to_its_document(monkeypatch):
    extractor = Extractor(stages=[], warm_up=False)
    real_bulk_process = extractor.nlp.bulk_process

    def fragile(documents):
        if any("RUSAK" in d.text for d in documents):
            raise RuntimeError("tokenizer exploded")
        return real_bulk_process(documents)

    monkeypatch.setattr(extractor.nlp, "bulk_process", fragile)
    results = list(extractor.iter_results([Article("a", "Jakarta."), Article("b", "RUSAK"), Article("c", "Bali.")]))
    assert [type(r).__name__ for r in results] == ["DocumentRecords", "DocumentError", "DocumentRecords"]
    assert results[1].stage == "stanza" and "tokenizer exploded" in results[1].reason


def test_seed_key_facts_end_to_end(extractor: Extractor, seeds: list[Article]):
    """The issue's key facts of both seed articles, through the shipped Stanza models."""
    by_id = {r.doc_id: (a.text, r) for a, r in zip(seeds, extractor.extract_many(seeds))}
    text, kemlu = by_id["004_c1b15d166fd41f57"]
    retno = next(o for o in kemlu.officials if o.name == "Retno L.P. Marsudi")
    assert (retno.title, retno.country) == ("Menteri Luar Negeri", "ID")
    assert any(text[m.start - len("Menlu ") : m.end] == "Menlu Retno" for m in retno.mentions)
    figures = {f.text: (f.kind.value, f.value, f.unit) for f in kemlu.figures}
    assert figures["42%"] == ("percent", 42, "%")
    assert figures["US$16.74 miliar"] == ("money", 16_740_000_000, "USD")
    dates = {d.text: (d.value, d.value_end) for d in kemlu.dates}
    assert dates["19-20 Mei 2016"] == ("2016-05-19", "2016-05-20")
    assert "counter_terrorism" in {p.area.value for p in kemlu.priority_areas}

    _, antara = by_id["000_23c578c81a53ec19"]
    som = next(e for e in antara.events if e.ordinal == 16)
    assert (som.type.value, som.location) == ("meeting", "Legian, Badung, Bali")
    assert "Senior Officials" in som.name
    assert {"kontra terorisme"} <= {m.text for p in antara.priority_areas for m in p.mentions}


def test_offsets_index_the_callers_string_in_every_entry_point(extractor: Extractor):
    text = "\ufeffMenteri Luar Negeri Retno Marsudi bertemu Menlu Rusia di Jakarta, Rabu (9/8/2017)."
    single = extractor.extract(text, doc_id="bom", published="2017-08-10")
    [from_dict] = list(extractor.extract_many([{"id": "bom", "text": text, "published": "2017-08-10"}]))
    [from_str] = list(extractor.extract_many([text]))
    for records in (single, from_dict, from_str):
        assert records.offset_problems(text) == []
        assert records.dates and text[records.dates[0].start : records.dates[0].end] == records.dates[0].text
    assert from_dict.model_dump(exclude={"doc_id"}) == single.model_dump(exclude={"doc_id"})
def test_core_module_imports_no_models():
    """The --jobs parent imports extractor.core: spaCy and torch load only in the workers."""
    import subprocess
    import sys

    code = "import sys, extractor.core; print(*sorted(m for m in ('torch', 'stanza', 'spacy') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == []


def test_progress_inside_a_huge_article(extractor: Extractor, seeds: list[Article]):
    from extractor.core import PROGRESS_MIN_CHARS

    text = "\n\n".join(seed.text for seed in seeds)
    huge = Article(doc_id="huge", text=(text + "\n\n") * (PROGRESS_MIN_CHARS // len(text) + 1))
    calls: list[tuple[str, int, object]] = []
    extractor.progress = lambda phase, done, total: calls.append((phase, done, total))
    try:
        [records] = extractor.process_chunk([huge])
        extractor.process_chunk([seeds[0]])  # a short batch is not reported
    finally:
        extractor.progress = None
    assert records.doc_id == "huge" and records.officials
    phases = [phase for phase, _, _ in calls]
    assert phases[0] == "tokenizing" and calls[0][2] == len(huge.text)
    assert phases[-1] == "done" and phases.count("done") == 1
    tagging = [(done, total) for phase, done, total in calls if phase == "tagging"]
    assert tagging and tagging[-1][0] == tagging[-1][1] > 100  # every sentence, batch by batch
    assert [done for done, _ in tagging] == sorted(done for done, _ in tagging)
    matching = [done for phase, done, _ in calls if phase == "matching"]
    assert matching == list(range(len(extractor.pipeline.stages)))
    assert phases.index("tagging") < phases.index("matching")


def test_onednn_kernel_cache_is_bounded_unless_the_environment_sets_it():
    environ: dict[str, str] = {}
    bound_onednn_cache(environ)
    assert environ == {ONEDNN_CACHE_ENV: str(ONEDNN_CACHE_CAPACITY)}
    chosen = {ONEDNN_CACHE_ENV: "512"}
    bound_onednn_cache(chosen)
    assert chosen == {ONEDNN_CACHE_ENV: "512"}


def test_the_extractor_bounds_onednn_kernel_cache_in_its_process(extractor: Extractor):
    assert os.environ[ONEDNN_CACHE_ENV] == _ENVIRONMENT_AT_START.get(ONEDNN_CACHE_ENV, str(ONEDNN_CACHE_CAPACITY))


_LSTM_SHAPES = """
import os, sys
{setting}
import torch
torch.set_num_threads(1)
def rss():
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmRSS"))
lstm = torch.nn.LSTM(100, 256, bidirectional=True, batch_first=True)
with torch.no_grad():
    lstm(torch.randn(2, 4, 100))
    before = rss()
    for length in range(5, 205):  # a new input shape each time, as Stanza's batches
        lstm(torch.randn(3, length, 100))
print((rss() - before) // 1024)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads resident memory from /proc")
def test_with_the_bound_new_lstm_shapes_stop_adding_memory():
    setting = f"from extractor.core import bound_onednn_cache; os.environ.pop({ONEDNN_CACHE_ENV!r}, None); bound_onednn_cache()"
    environment = {key: value for key, value in os.environ.items() if key != ONEDNN_CACHE_ENV}
    environment["PYTHONPATH"] = os.pathsep.join(sys.path)
    grown = {}
    for name, line in (("bounded", setting), ("default", "")):
        run = subprocess.run([sys.executable, "-c", _LSTM_SHAPES.format(setting=line)], capture_output=True,
                             text=True, env=environment, check=True)
        grown[name] = int(run.stdout.split()[-1])
    # 200 shapes keep some 200 MB of kernels in the default cache of 1,024; the bound keeps 64 at most.
    assert grown["bounded"] < 80 and grown["default"] > 2 * grown["bounded"], grown


def test_a_batchs_new_words_leave_the_vocabulary_when_it_is_done(extractor: Extractor):
    strings = extractor.vocab.strings
    before = len(strings)
    invented = [f"Zqxvar{chr(97 + k)}tung" for k in range(20)]
    texts = [f"Menteri Luar Negeri Retno Marsudi bertemu {word} di Jakarta, Rabu (9/8/2017)." for word in invented]
    results = list(extractor.extract_many({"id": f"z{k}", "text": text, "published": "2017-08-09"} for k, text in enumerate(texts)))
    assert all(any(o.name == "Retno Marsudi" for o in records.officials) for records in results)
    assert not any(word in strings for word in invented)
    assert len(strings) == before  # however many new words a run brings
