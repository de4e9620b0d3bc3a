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

from extractor.components import annotate
from extractor.document import Article
from extractor.nlp.spacy_doc import build_doc
from extractor.pipeline import ExtractionContext

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
