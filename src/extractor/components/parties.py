"""``parties``: country and bloc names of ``countries.json`` as ``doc.spans["party"]`` and
``doc.spans["party_part"]``, and its capital cities as ``doc.spans["capital"]``.

One scan of the Doc's text (:func:`extractor.normalize.countries.party_names`: multi-word,
case-dependent name patterns tried at each capital) finds both kinds of name, and each is
snapped to tokens with ``Doc.char_span``; pattern id ``country`` or ``bloc``, value the ISO
3166 alpha-2 code or the bloc's acronym:

* ``party``: names standing apart (no word character or hyphen next to them);
* ``party_part``: names inside words joined by hyphens (``ASEAN-Rusia``,
  ``Indonesia-Australia``) or written right after a hyphen (``KTT ASEAN -Jepang``), each such
  word read with its hyphens as spaces. The exact characters of each name, and of the word it
  is part of, are ``doc.spans["party_part"].attrs["characters"]`` (:func:`party_parts`), since a
  word that is one token gives each of its names that token's span;
* ``capital``: the capital cities (``countries.json`` ``capitals``), value their state's code;
  whether one names its state (``tiba di Beijing``) is the reader's call.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span

from ..nlp.alternation import prefix_tree
from ..nlp.spacy_doc import doc_text
from ..nlp.words import token_columns
from ..normalize.countries import country_code, party_names
from ..normalize.text import collapse_spaces
from ..resource_data import load_resource
from . import component, spans

KEY = "party"
PART_KEY = "party_part"
CAPITAL_KEY = "capital"
CHARACTERS = "characters"


def party_parts(doc: Doc) -> list[tuple[int, int, str, int, int]]:
    """``(start, end, code, word start, word end)`` of each name inside a hyphen-joined word or
    written right after a hyphen."""
    return spans(doc, PART_KEY).attrs[CHARACTERS]


@lru_cache(maxsize=1)
def _capitals() -> tuple[Optional[re.Pattern[str]], dict[str, str]]:
    """A pattern over the capital cities of ``countries.json`` ``capitals`` and their states."""
    forms = {name: code for code, names in load_resource("countries.json").get("capitals", {}).items() for name in names}
    if not forms:
        return None, {}
    alternatives = prefix_tree(forms, gap=r"[ \u00a0]+", ignorecase=False)  # the names longest first
    return re.compile(rf"(?<!\w){alternatives}(?!\w)"), {collapse_spaces(name): code for name, code in forms.items()}


def capital_names(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, code)`` of each capital city of ``countries.json`` ``capitals`` in ``text``
    (``Beijing`` -> ``CN``), standing apart."""
    pattern, codes = _capitals()
    if pattern is None:
        return []
    return [(found.start(), found.end(), codes[collapse_spaces(found.group())]) for found in pattern.finditer(text)]


@component("parties", assigns=[f"spans:{KEY}", f"spans:{PART_KEY}", f"spans:{CAPITAL_KEY}"])
def parties(doc: Doc) -> Doc:
    text = doc_text(doc)
    expand = token_columns(doc).expand  # the tokens of ``doc.char_span(..., alignment_mode="expand")``
    whole, in_words = party_names(text)
    found = []
    for start, end, code in whole:
        kind = "country" if country_code(text[start:end]) == code else "bloc"
        tokens = expand(start, end)
        if tokens is not None:
            found.append(Span(doc, *tokens, label=kind, kb_id=code))
    doc.spans[KEY] = found
    parts, characters = [], []
    for start, end, code, word_start, word_end in in_words:
        kind = "country" if country_code(text[start:end]) == code else "bloc"
        tokens = expand(start, end)
        if tokens is not None:
            parts.append(Span(doc, *tokens, label=kind, kb_id=code))
            characters.append((start, end, code, word_start, word_end))
    doc.spans[PART_KEY] = parts
    doc.spans[PART_KEY].attrs[CHARACTERS] = characters
    capitals = []
    for start, end, code in capital_names(text):
        tokens = expand(start, end)
        if tokens is not None:
            capitals.append(Span(doc, *tokens, label=CAPITAL_KEY, kb_id=code))
    doc.spans[CAPITAL_KEY] = capitals
    return doc
