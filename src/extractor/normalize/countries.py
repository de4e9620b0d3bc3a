"""Country and bloc names → codes: ISO 3166-1 alpha-2 for states, the acronym for blocs.

The names live in ``resources/id/countries.json`` (Indonesian and English names, variants,
English demonyms). Names written in capitals there (``AS``, ``RI``, ``UE``, ``PBB``) are
abbreviations and match only in that exact case, because ``as`` and ``ri`` are ordinary
strings; every other name matches whatever its case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..resource_data import load_resource

# Curly apostrophes and the hyphen-or-space habits of "Timor-Leste" / "Bosnia Herzegovina".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})


def _normalise(phrase: str) -> str:
    return " ".join(phrase.translate(_APOSTROPHES).split())


def _is_abbreviation(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(name) <= 5


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_resource("countries.json")


def _index(section: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(exact, folded)``: abbreviations keyed as written, other names keyed casefolded."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for code, names in _data()[section].items():
        for name in names:
            name = _normalise(name)
            if _is_abbreviation(name):
                exact[name] = code
            else:
                folded[name.casefold()] = code
    return exact, folded


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, str], dict[str, str]]:
    return _index("countries")


@lru_cache(maxsize=1)
def _bloc_index() -> tuple[dict[str, str], dict[str, str]]:
    return _index("blocs")


def _lookup(phrase: str, index: tuple[dict[str, str], dict[str, str]]) -> Optional[str]:
    exact, folded = index
    key = _normalise(phrase)
    if not key:
        return None
    if key in exact:
        return exact[key]
    if _is_abbreviation(key) and key.casefold() not in folded:
        return None
    return folded.get(key.casefold())


def country_code(phrase: str) -> Optional[str]:
    """ISO alpha-2 of a country name, variant, demonym or abbreviation, else ``None``.

    ``country_code("Federasi Rusia") == "RU"``, ``country_code("AS") == "US"``,
    ``country_code("as") is None``.
    """
    return _lookup(phrase, _country_index())


def bloc_code(phrase: str) -> Optional[str]:
    """Acronym of a bloc or international organisation: ``Uni Eropa`` → ``EU``, ``PBB`` → ``UN``."""
    return _lookup(phrase, _bloc_index())


def party_code(phrase: str) -> Optional[str]:
    """Country code or, failing that, bloc code: the form of ``Event.parties`` entries."""
    return country_code(phrase) or bloc_code(phrase)


def _phrases(section: str) -> dict[str, str]:
    return {_normalise(name): code for code, names in _data()[section].items() for name in names}


@lru_cache(maxsize=1)
def _country_phrases() -> dict[str, str]:
    return _phrases("countries")


@lru_cache(maxsize=1)
def _bloc_phrases() -> dict[str, str]:
    return _phrases("blocs")


def country_phrases() -> dict[str, str]:
    """Every country name as written in the data → its code (a fresh dict; iterate it for a
    PhraseMatcher). Match abbreviations (see :func:`is_abbreviation`) on ``ORTH`` and other
    names on ``LOWER``, and prefer the longest match (``Korea Selatan`` over ``Korea``)."""
    return dict(_country_phrases())


def bloc_phrases() -> dict[str, str]:
    """Every bloc name as written in the data → its acronym."""
    return dict(_bloc_phrases())


def not_country_phrases() -> tuple[str, ...]:
    """Regions, seas and languages that contain a country name without naming the country
    (``Amerika Latin``, ``Laut China Selatan``, ``Bahasa Indonesia``)."""
    return tuple(_data()["not_countries"])


def is_abbreviation(name: str) -> bool:
    """Whether ``name`` is matched only in its exact case (``AS``, ``RI``, ``PBB``)."""
    return _is_abbreviation(_normalise(name))


def _phrase_pattern(name: str) -> str:
    words = [re.escape(w) for w in _normalise(name).split(" ")]
    return r"[\s\u00a0]+".join(words)


@lru_cache(maxsize=1)
def _span_regex() -> re.Pattern[str]:
    names = set(_country_phrases()) | set(_bloc_phrases()) | set(not_country_phrases())
    ordered = sorted(names, key=len, reverse=True)  # longest first: alternation takes the first that fits
    alternation = "|".join(_phrase_pattern(n) for n in ordered)
    # Every name starts with an ASCII letter and must be capitalised in the text: the
    # case-sensitive lookahead skips the other positions before the long alternation is tried.
    return re.compile(rf"(?<![\w-])(?=(?-i:[A-Z]))(?:{alternation})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _span_regex_by_initial() -> dict[str, re.Pattern[str]]:
    """``_span_regex`` without its start conditions, one per capital: only the names whose first
    letter can match that capital, in the same order (the alternation takes the same first fit)."""
    names = set(_country_phrases()) | set(_bloc_phrases()) | set(not_country_phrases())
    ordered = sorted(names, key=len, reverse=True)
    by_initial = {}
    for capital in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        group = [n for n in ordered if re.match(re.escape(_normalise(n)[:1]), capital, re.IGNORECASE)]
        if group:
            alternation = "|".join(_phrase_pattern(n) for n in group)
            by_initial[capital] = re.compile(rf"(?:{alternation})(?![\w-])", re.IGNORECASE)
    return by_initial


@lru_cache(maxsize=1)
def _not_country_keys() -> frozenset[str]:
    return frozenset(n.casefold() for n in not_country_phrases())


def party_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, code)`` of every country or bloc name in ``text``, longest match first.

    Names must start with a capital letter in the text (``Mali`` but not ``mali``), and
    abbreviations must match their exact case; region and language phrases (``Amerika Latin``)
    are skipped.
    """
    return list(_party_spans(text))


@lru_cache(maxsize=4096)  # events look up the same clauses and mentions many times
def _party_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_scan(text, with_parts=False)[0])


# Hyphens that join the parts of a word (``ASEAN-Rusia``), read as spaces between names.
HYPHENS = "-\u2010\u2011\u2013"
_HYPHEN_AS_SPACE = {ord(h): " " for h in HYPHENS}
# Where a name can start in the whole text or inside a hyphen-joined word: a capital after no
# letter or digit.
_CAPITAL = re.compile(r"(?<![^\W_])[A-Z]")
# A run of letters and digits and the runs joined to it by single hyphens.
_JOINED = re.compile(rf"[^\W_]+(?:[{HYPHENS}][^\W_]+)*")


def party_names(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str, int, int]]]:
    """One scan of ``text`` for country and bloc names: ``(whole, parts)``.

    ``whole`` is :func:`party_spans` of ``text``: names standing apart, no word character or
    hyphen next to them. ``parts`` are ``(start, end, code, word start, word end)`` of the names
    inside a word joined by hyphens (``ASEAN-Rusia``, ``pro-Rusia``) or in a run written right
    after a hyphen (``KTT ASEAN -Jepang``), each word read with its hyphens as spaces (a name
    may run over several of its parts). Both are tried at each capital of the text, with the
    same name patterns.
    """
    return _scan(text, with_parts=True)


def _scan(text: str, with_parts: bool) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str, int, int]]]:
    """:func:`party_names`; the ``parts`` left empty unless ``with_parts`` (:func:`party_spans`)."""
    by_initial = _span_regex_by_initial()
    whole: list[tuple[int, int, str]] = []
    parts: list[tuple[int, int, str, int, int]] = []
    whole_end = 0  # names do not overlap: a start inside the last name found is skipped
    word_start = word_end = part_end = 0  # the hyphen-joined word read last, its last name's end
    plain = ""
    for capital in _CAPITAL.finditer(text):
        index = capital.start()
        regex = by_initial.get(text[index])
        if regex is None:
            continue
        before = text[index - 1] if index else ""
        # the names standing apart: where ``_span_regex().finditer(text)`` finds them, trying only
        # the names of that capital
        if index >= whole_end and before != "_" and before != "-":
            match = regex.match(text, index)
            if match is not None:
                whole_end = match.end()
                code = _accepted(match.group(0))
                if code is not None:
                    whole.append((index, whole_end, code))
        if not with_parts:
            continue
        after_hyphen = before != "" and before in HYPHENS
        if index >= word_end:
            end = _JOINED.match(text, index).end()
            start = index
            if after_hyphen:
                # the word holds the runs joined before the hyphen too (``pro-Rusia``)
                while start >= 2 and text[start - 1] in HYPHENS and text[start - 2].isalnum():
                    start -= 1
                    while start and text[start - 1].isalnum():
                        start -= 1
            else:
                segment = text[index:end]
                if not any(hyphen in segment for hyphen in HYPHENS):
                    continue  # a word standing alone: no part
            word_start, word_end, part_end = start, end, start
            plain = text[start:end].translate(_HYPHEN_AS_SPACE)
        elif not after_hyphen:
            continue  # inside a part of the word: no name starts here
        if index < part_end:
            continue
        match = regex.match(plain, index - word_start)
        if match is None:
            continue
        part_end = word_start + match.end()
        code = _accepted(match.group(0))
        if code is not None:
            parts.append((index, part_end, code, word_start, word_end))
    return whole, parts


def _accepted(surface: str) -> Optional[str]:
    """The code of a name the patterns matched, unless it is a region or language phrase."""
    if not surface[0].isupper() or _normalise(surface).casefold() in _not_country_keys():
        return None
    return party_code(surface)


def country_spans(text: str) -> list[tuple[int, int, str]]:
    """Like :func:`party_spans`, states only."""
    return [(s, e, code) for s, e, code in party_spans(text) if country_code(text[s:e]) == code]
