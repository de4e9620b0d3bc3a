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


# Where ``_span_regex`` can match: a capital after no word character or hyphen.
_NAME_START = re.compile(r"(?<![\w-])[A-Z]")


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
    not_countries = _not_country_keys()
    found = []
    by_initial = _span_regex_by_initial()
    position = 0
    for start in _NAME_START.finditer(text):  # as _span_regex().finditer(text), trying only the names of that capital
        index = start.start()
        regex = by_initial.get(text[index]) if index >= position else None
        match = regex.match(text, index) if regex is not None else None
        if match is None:
            continue
        position = match.end()
        surface = match.group(0)
        if not surface[0].isupper() or _normalise(surface).casefold() in not_countries:
            continue
        code = party_code(surface)
        if code is not None:
            found.append((match.start(), match.end(), code))
    return tuple(found)


def country_spans(text: str) -> list[tuple[int, int, str]]:
    """Like :func:`party_spans`, states only."""
    return [(s, e, code) for s, e, code in party_spans(text) if country_code(text[s:e]) == code]
