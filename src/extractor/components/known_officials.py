"""``known_officials``: names and aliases of ``known_officials.json`` as
``doc.spans["known_official"]``.

A form (``Jokowi``, ``Retno L.P. Marsudi``) matches as written, its words apart by whitespace,
with no word character on either side: a character-level pattern per form, matched once and
snapped to the Doc's tokens. Pattern id ``known_official|<name>``, value the entry's index in
the gazetteer; ``span._.known_matches`` holds the exact characters of each match the span covers
(a token may hold more, ``Jokowi-JK``) with its gazetteer index. Whether the
person's term covers the article's date is the record builder's question.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span

from ..nlp.spacy_doc import doc_text
from ..nlp.words import token_columns
from ..resource_data import load_resource
from . import component

KEY = "known_official"

if not Span.has_extension("known_matches"):
    Span.set_extension("known_matches", default=None)


@dataclass(frozen=True)
class KnownOfficial:
    name: str
    aliases: tuple[str, ...]
    title: Optional[str]
    organization: Optional[str]
    country: Optional[str]
    term_from: Optional[dt.date]
    term_to: Optional[dt.date]

    def in_office(self, day: Optional[dt.date]) -> bool:
        if day is None:
            return True
        return (self.term_from is None or self.term_from <= day) and (self.term_to is None or day <= self.term_to)


@lru_cache(maxsize=1)
def known_officials() -> tuple[KnownOfficial, ...]:
    entries = load_resource("known_officials.json")["officials"]
    parse = lambda value: dt.date.fromisoformat(value) if value else None  # noqa: E731
    return tuple(
        KnownOfficial(
            name=e["name"],
            aliases=tuple(e.get("aliases", ())),
            title=e.get("title"),
            organization=e.get("organization"),
            country=e.get("country"),
            term_from=parse(e.get("from")),
            term_to=parse(e.get("to")),
        )
        for e in entries
    )


_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _form_patterns() -> tuple[tuple[int, tuple[tuple[Optional[str], str, re.Pattern], ...]], ...]:
    """Per known official, each name form's longest run of word characters, its longest word
    (which any match contains) and its pattern."""
    table = []
    for index, official in enumerate(known_officials()):
        forms = []
        for form in (official.name, *official.aliases):
            words = form.split()
            pattern = re.compile(r"(?<!\w)" + r"[\s\u00a0]+".join(re.escape(w) for w in words) + r"(?!\w)")
            runs = _WORD_RUN.findall(form)
            forms.append((max(runs, key=len) if runs else None, max(words, key=len) if words else "", pattern))
        table.append((index, tuple(forms)))
    return tuple(table)


@lru_cache(maxsize=1)
def _forms_by_run() -> tuple[dict[str, list[tuple[int, int, str, re.Pattern]]], list[tuple[int, int, str, re.Pattern]]]:
    """The forms of :func:`_form_patterns` by their longest run, each with its place in the
    gazetteer's order, and the forms without a run (scanned in every text)."""
    by_run: dict[str, list[tuple[int, int, str, re.Pattern]]] = {}
    always: list[tuple[int, int, str, re.Pattern]] = []
    order = 0
    for index, forms in _form_patterns():
        for run, word, pattern in forms:
            (by_run.setdefault(run, []) if run is not None else always).append((order, index, word, pattern))
            order += 1
    return by_run, always


def form_matches(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, gazetteer index)`` of every name form in ``text``, gazetteer order."""
    # A match holds each run of word characters of its form as a whole run of the text (the
    # pattern allows no word character before or after the form): a form none of whose runs
    # the text has is not scanned for, nor one whose longest word the text does not contain.
    by_run, always = _forms_by_run()
    candidates = [*always]
    for run in by_run.keys() & set(_WORD_RUN.findall(text)):
        candidates += by_run[run]
    found = []
    for _, index, word, pattern in sorted(candidates):
        if word in text:
            found.extend((m.start(), m.end(), index) for m in pattern.finditer(text))
    return found


@component("known_officials", assigns=[f"spans:{KEY}"])
def known_official_spans(doc: Doc) -> Doc:
    text = doc_text(doc)
    officials = known_officials()
    expand = token_columns(doc).expand  # the tokens ``doc.char_span(..., alignment_mode="expand")`` covers
    by_span: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    for order, (start, end, index) in enumerate(form_matches(text)):
        tokens = expand(start, end)
        if tokens is not None:
            by_span.setdefault(tokens, []).append((order, start, end, index))
    found = []
    for (first, last), matches in by_span.items():
        index = matches[0][3]
        span = Span(doc, first, last, label=f"{KEY}|{officials[index].name}", kb_id=str(index))
        span._.known_matches = matches
        found.append(span)
    doc.spans[KEY] = found
    return doc


def known_matches(doc: Doc) -> list[tuple[int, int, KnownOfficial]]:
    """The gazetteer's matches on ``doc`` in the order :func:`form_matches` finds them."""
    from . import spans

    officials = known_officials()
    matches = sorted(m for span in spans(doc, KEY) for m in span._.known_matches)
    return [(start, end, officials[index]) for _, start, end, index in matches]
