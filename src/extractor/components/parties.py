"""``parties``: country and bloc names of ``countries.json`` as ``doc.spans["party"]``.

Names are matched once over the Doc's text (a multi-word, case-dependent pattern) and snapped
to tokens with ``Doc.char_span``; pattern id ``country`` or ``bloc``, value the ISO 3166
alpha-2 code or the bloc's acronym.

A name never stands next to a hyphen in ``party``, so the names inside words joined by hyphens
(``ASEAN-Rusia``, ``Indonesia-Australia``) are ``doc.spans["party_part"]``: each such word is
read with its hyphens as spaces; the exact characters of each name, and of the word it is part
of, are ``doc.spans["party_part"].attrs["characters"]`` (:func:`party_parts`), since a word
that is one token gives each of its names that token's span.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..nlp.spacy_doc import doc_text
from ..normalize.countries import country_code, party_spans
from . import component, spans

KEY = "party"
PART_KEY = "party_part"
CHARACTERS = "characters"
# Letters and digits joined by hyphens (what the events word reader takes as one word), or a
# run written right after a hyphen that stands apart from the word before (``ASEAN -Jepang``,
# where the whole-text names leave it out). Tried only where a run of letters and digits
# starts (else a long run is tried at each of its characters: quadratic).
_HYPHENS = "-\u2010\u2011\u2013"
_HYPHENATED = re.compile(rf"(?<![^\W_])[^\W_]+(?:[{_HYPHENS}][^\W_]+)+|(?<=[{_HYPHENS}])[^\W_]+")


def party_parts(doc: Doc) -> list[tuple[int, int, str, int, int]]:
    """``(start, end, code, word start, word end)`` of each name inside a hyphen-joined word or
    written right after a hyphen."""
    return spans(doc, PART_KEY).attrs[CHARACTERS]


@component("parties", assigns=[f"spans:{KEY}", f"spans:{PART_KEY}"])
def parties(doc: Doc) -> Doc:
    text = doc_text(doc)
    found = []
    for start, end, code in party_spans(text):
        kind = "country" if country_code(text[start:end]) == code else "bloc"
        span = doc.char_span(start, end, label=kind, kb_id=code, alignment_mode="expand")
        if span is not None:
            found.append(span)
    doc.spans[KEY] = found
    parts, characters = [], []
    for word in _HYPHENATED.finditer(text):
        offset, surface = word.start(), word.group()
        for start, end, code in party_spans(surface.translate({ord(h): " " for h in _HYPHENS})):
            kind = "country" if country_code(surface[start:end]) == code else "bloc"
            span = doc.char_span(offset + start, offset + end, label=kind, kb_id=code, alignment_mode="expand")
            if span is not None:
                parts.append(span)
                characters.append((offset + start, offset + end, code, offset, word.end()))
    doc.spans[PART_KEY] = parts
    doc.spans[PART_KEY].attrs[CHARACTERS] = characters
    return doc
