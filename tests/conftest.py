"""Shared test helpers.

``make_doc`` builds the annotated spaCy ``Doc`` exactly as the pipeline does, on the shipped
Stanza tokenizer's tokens and sentences, with hand-given entities instead of the NER's, so that
a builder's test states the entities it is about.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Optional

import pytest
from hypothesis import settings

from extractor.components import annotate
from extractor.document import Article
from extractor.nlp.spacy_doc import build_doc
from extractor.pipeline import ExtractionContext

# Hypothesis profiles: ``fuzz`` (loaded by default: a few hundred fuzz examples in all) and
# ``long`` (``pytest --hypothesis-profile=long``: 10,000 per fuzz test). Tests that set their own
# ``max_examples`` keep it.
settings.register_profile("fuzz", max_examples=150, deadline=None)
settings.register_profile("medium", max_examples=1_000, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile("fuzz")

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
ANNOTATIONS_DIR = REPO / "data" / "annotations"
SHARED_DATA = Path(__import__("os").environ.get("EXTRACTOR_SHARED_DATA", REPO.parent / "shared" / "data"))

def span_in(text: str, surface: str, occurrence: int = 0) -> dict:
    """The span dict of the ``occurrence``-th (0-based) ``surface`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "text": surface}


def stanza_tokens(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Token offsets and sentence starts from the shipped Stanza tokenizer (with the sentence-break
    processor), exactly as the pipeline gets them."""
    from extractor.nlp.stanza_models import stanza_pipeline

    analysed = stanza_pipeline(processors="tokenize")(text)
    offsets: list[tuple[int, int]] = []
    starts: list[int] = []
    for sentence in analysed.sentences:
        starts.append(len(offsets))
        offsets.extend((token.start_char, token.end_char) for token in sentence.tokens)
    return offsets, starts


def make_doc(text: str, entities: Iterable[tuple[str, str]] = ()):
    """The pipeline's annotated ``Doc`` over ``text`` on Stanza's tokens; ``entities`` are
    ``(surface, label)`` given by hand (every occurrence is labelled) instead of the NER's."""
    offsets, starts = stanza_tokens(text)
    spans = []
    for surface, label in entities:
        position = text.find(surface)
        while position >= 0:
            spans.append((position, position + len(surface), label))
            position = text.find(surface, position + 1)
    return annotate(build_doc(text, offsets, starts, spans))


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
