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

from extractor.components import annotate
from extractor.document import Article
from extractor.nlp.spacy_doc import build_doc
from extractor.pipeline import ExtractionContext

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
