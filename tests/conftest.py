"""Shared test helpers.

``make_doc`` builds a spaCy ``Doc`` exactly as the pipeline does, but from a simple regex
tokenizer and hand-given entities, so that matcher unit tests do not depend on the trained
Stanza models (end-to-end tests use the shipped models instead).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterable, Optional

import pytest
from hypothesis import settings

from extractor.document import Article
from extractor.nlp.spacy_doc import build_doc
from extractor.pipeline import ExtractionContext

# Hypothesis profiles: ``fuzz`` (loaded by default: a few hundred fuzz examples in all) and
# ``long`` (``pytest --hypothesis-profile=long``: 10,000 per fuzz test). Tests that set their own
# ``max_examples`` keep it.
settings.register_profile("fuzz", max_examples=150, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile("fuzz")

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
ANNOTATIONS_DIR = REPO / "data" / "annotations"
SHARED_DATA = Path(__import__("os").environ.get("EXTRACTOR_SHARED_DATA", REPO.parent / "shared" / "data"))

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[.,]\w+)*|\S", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]$")


def span_in(text: str, surface: str, occurrence: int = 0) -> dict:
    """The span dict of the ``occurrence``-th (0-based) ``surface`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "text": surface}


def simple_tokens(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Regex tokens and sentence starts (after ``.``, ``!``, ``?`` and blank lines)."""
    offsets = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    starts = [0] if offsets else []
    for i in range(1, len(offsets)):
        prev_start, prev_end = offsets[i - 1]
        gap = text[prev_end : offsets[i][0]]
        if _SENTENCE_END.search(text[prev_start:prev_end]) and len(text[prev_start:prev_end]) == 1 or "\n\n" in gap:
            starts.append(i)
    return offsets, starts


def make_doc(text: str, entities: Iterable[tuple[str, str]] = ()):
    """A ``Doc`` over ``text``; ``entities`` are ``(surface, label)``, every occurrence is labelled."""
    offsets, starts = simple_tokens(text)
    spans = []
    for surface, label in entities:
        for m in re.finditer(re.escape(surface), text):
            spans.append((m.start(), m.end(), label))
    return build_doc(text, offsets, starts, spans)


def make_context(
    text: str,
    entities: Iterable[tuple[str, str]] = (),
    published: Optional[dt.date] = None,
    doc_id: str = "test",
) -> ExtractionContext:
    doc = make_doc(text, entities)
    return ExtractionContext(
        article=Article(doc_id=doc_id, text=text, published=published),
        doc=doc,
        published=published,
        published_source="input" if published else None,
    )


@pytest.fixture
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold_archive_inputs(tmp_path_factory):
    """The gold files of ``data/annotations`` (and ``heldout``) as one records JSONL, and their
    texts: the small archive the archive tests are built on."""
    import json as _json

    from extractor.evaluation.gold import load_raw_documents
    from extractor.records import DocumentRecords

    paths = sorted(ANNOTATIONS_DIR.glob("*.json")) + sorted((ANNOTATIONS_DIR / "heldout").glob("*.json"))
    records = [DocumentRecords.model_validate(_json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    articles = load_raw_documents([RAW_DIR, SHARED_DATA / "indosum" / "articles.jsonl"], [r.doc_id for r in records])
    folder = tmp_path_factory.mktemp("gold_archive")
    records_path = folder / "gold.records.jsonl"
    with open(records_path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.model_dump_json() + "\n")
    raw_path = folder / "gold.raw.jsonl"
    with open(raw_path, "w", encoding="utf-8") as handle:
        for record in records:
            article = articles[record.doc_id]
            handle.write(_json.dumps({"id": article.doc_id, "text": article.text,
                                      "published": record.published}, ensure_ascii=False) + "\n")
    return records_path, raw_path, {r.doc_id: articles[r.doc_id].text for r in records}


@pytest.fixture(scope="session")
def gold_archive(gold_archive_inputs, tmp_path_factory):
    """Path of an archive indexed from the gold files (read-only: tests that write copy it)."""
    from extractor.archive import store
    from extractor.archive.loading import index_files

    records_path, raw_path, _ = gold_archive_inputs
    path = tmp_path_factory.mktemp("gold_archive_db") / "gold.sqlite"
    conn = store.connect(path)
    report = index_files(conn, [records_path], raw=[raw_path])
    conn.close()
    assert not report.problems, report.problems
    return path
