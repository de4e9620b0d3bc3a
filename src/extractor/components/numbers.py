"""``numbers``: numerals, number words, money, percentages, ordinals and amount + unit phrases as
``doc.spans["number"]``; URLs, e-mail addresses and domains as ``doc.spans["web_address"]``.

Numbers are written in ways the tokenizers split unpredictably (``US$16,74``, ``Rp1,2 triliun``,
``500km``, ``ke-16``), so the patterns of ``figures.json`` are matched once over the Doc's
characters and each match is snapped to tokens with ``Doc.char_span(alignment_mode="expand")``,
the way textacy's ``regex_matches`` does. Pattern ids (``span.label_``):

* ``money_prefix`` (``US$16.74 miliar``, ``Rp 50 juta rupiah``), ``money_suffix`` (``3 juta
  dolar AS``), ``percent`` (``42%``, ``7,5 persen``);
* ``quantity`` (``500 km``), ``duration`` (``tiga hari``), ``count`` (``10 negara``: the number
  and the word after it) and ``count_pair`` (``dua buah kapal``: the same number with the two
  words after it, where the builder may read the first as a classifier);
* ``ordinal_ke`` (``ke-16``, ``ke-delapan``), ``ordinal_suffix`` (``16th``), ``ordinal_word``
  (``kedua``, ``ketiga puluh``), ``ordinal_pertama`` (``pertama`` after a word).

The normalised value (``span.kb_id_``) is the number, then the unit where the pattern has one
(``16740000000.0 USD``, ``10.0 negara``, ``16.0``); :func:`number_value` reads it back. A match
may end inside a token (``tiga hari`` of ``harinya``, ``70 mm`` of ``mm/tahun``): the exact
characters of every span, and where its number ends before the unit, are
``doc.spans["number"].attrs["characters"]``
(:func:`number_characters`), and the matches themselves, value and unit as numbers, are
``attrs["matches"]`` (:func:`number_matches_of`: what the builder reads, no Span made). Whether a match is a figure (a count needs a noun, ``Pasal 5`` is a
label, ``kedua negara`` means both) is the figures builder's decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc, Span

from ..nlp.alternation import prefix_tree, word_start_tree
from ..nlp.line_scan import Lines, finditer_anchored, lines_of, stays_in_line
from ..nlp.spacy_doc import doc_text
from ..normalize.numbers import number_lexicon, parse_number, parse_ordinal
from ..resource_data import load_resource
from . import component

KEY = "number"
WEB_ADDRESS = "web_address"
CHARACTERS = "characters"
MATCHES = "matches"


@lru_cache(maxsize=1)
def figure_lexicon() -> dict:
    return load_resource("figures.json")


def _alternation(words: Iterable[str], ignorecase: bool = True) -> str:
    """Regex alternation, longest first, with spaces matching any run of horizontal whitespace
    (as a prefix tree: :mod:`extractor.nlp.alternation`)."""
    return prefix_tree(words, ignorecase=ignorecase)


_GAP = r"[ \u00a0]+"
_OPT_GAP = r"[ \u00a0]?"
# A number starts where no word character, sign or separator glues it to something else
# (``G20``, ``ASEAN+3``, ``Su-35``, ``2/8``, ``021-555``) and ends before another digit group.
_NUMBER_START = r"(?<![\w+\-\u2010\u2011\u2013/.,:@#$€£¥])"
_DIGITS = r"\d+(?:[.,]\d+)*(?![.,]?\d)(?![:/\-\u2013]\d)"


@dataclass(frozen=True)
class NumberPatterns:
    money_prefix: re.Pattern
    amount_unit: re.Pattern
    percent: re.Pattern
    ordinal_ke: re.Pattern
    ordinal_suffix: re.Pattern
    ordinal_fused: re.Pattern
    ordinal_pertama: re.Pattern
    web_address: re.Pattern
    # What every match of a pattern holds (its currency sign, ``%``, ``pertama``, ``www.``): the
    # pattern is scanned on the lines holding one (:mod:`extractor.nlp.line_scan`).
    anchors: dict = field(default_factory=dict, compare=False)

    def finditer(self, name: str, lines: Lines) -> Iterator[re.Match]:
        anchor, in_line = self.anchors.get(name, (None, False))
        return finditer_anchored(getattr(self, name), lines, anchor, in_line)


@lru_cache(maxsize=1)
def number_patterns() -> NumberPatterns:
    lexicon = figure_lexicon()
    numbers = number_lexicon()
    multipliers = _alternation(numbers["multipliers"])
    word = _alternation(lexicon["number_words"] + list(numbers["multipliers"]) + list(numbers["vague_plurals"]))
    # Number words and multipliers, case-insensitive; ``M``/``T`` only after digits, in capitals.
    # Bounded runs (20 words, more than any number a news text writes out): an unbounded run, retried from every
    # word of a long list of number words, is quadratic.
    words_amount = rf"\b{word}(?:{_GAP}{word}){{0,19}}\b(?![-\u2010\u2011])"
    digits_amount = rf"{_DIGITS}(?:{_GAP}{multipliers}\b){{0,3}}"
    amount = rf"(?P<amount>{_NUMBER_START}(?:{digits_amount}|{words_amount}))"
    money_amount = rf"(?P<amount>{_DIGITS}(?:{_OPT_GAP}(?:{multipliers}\b|(?-i:[MT])\b))?)"

    currencies = lexicon["currencies"]
    prefix = _alternation(currencies["prefix"], ignorecase=False)
    suffix = _alternation(currencies["suffix"])
    measures = _alternation(lexicon["measures"])
    durations = _alternation(lexicon["durations"])
    percent_words = _alternation(word for word in lexicon["percent"] if word != "%")
    tail_word = r"(?:belas|puluh|ratus)"
    sources = dict(
        # "Rp 50 juta rupiah" repeats the currency: one figure
        money_prefix=rf"(?<![\w$])(?-i:(?P<currency>{prefix}))[ \u00a0]?{money_amount}(?:{_GAP}{suffix}\b)?",
        # Everything "amount + unit word": money written after the number, measures, durations,
        # counts; the unit decides the kind. Measures may stick to the number (``500km``).
        amount_unit=(
            rf"{amount}(?:(?P<gap>{_GAP})(?P<currency>{suffix})\b"
            rf"|(?P<mgap>{_OPT_GAP})(?P<measure>{measures})(?![\w²³])(?![ \u00a0]?\d)"
            rf"|{_GAP}(?P<duration>{durations})(?:nya)?\b"  # "kunjungan tiga harinya"
            rf"|{_GAP}(?P<noun>[^\W\d_]+)\b(?!-)(?=(?P<gap2>{_GAP})(?P<noun2>[^\W\d_]+)\b(?!-))?)"
        ),
        percent=rf"{amount}(?:{_OPT_GAP}%|{_GAP}{percent_words}\b)",
        ordinal_ke=rf"(?<![\w\-])ke[-\u2010\u2011\u2013]{_OPT_GAP}(?:\d+\b(?![.,]\d)|{words_amount})",
        ordinal_suffix=rf"{_NUMBER_START}\d+(?:st|nd|rd|th)\b",
        ordinal_pertama=r"(?-i:(?<=[^\W\d_])[ \u00a0]+(?P<word>pertama)\b(?![-\u2010\u2011]))",
        # A whole non-space run holding a URL, an e-mail address or a domain. Anchored at the run's
        # start, with lazy or disjoint scans, so that a long run is scanned once (linear time).
        web_address=(
            r"(?-i:(?<!\S)(?=\S*?(?:https?://|www\.)|\S[^\s@]*@\S+?\.\S|\S*?\.(?:com|co\.id|go\.id|or\.id|org|net)\b)\S+)"
        ),
    )
    compiled = {name: re.compile(source, re.IGNORECASE) for name, source in sources.items()}
    # Scanned over the whole text (no anchor): opened with a class of plain characters, not
    # ``\b`` and a case-folded letter, it is tried at those characters alone (:func:`word_start_tree`).
    compiled["ordinal_fused"] = re.compile(
        rf"{word_start_tree(lexicon['ordinals']['word_forms'])}(?i:(?:{_GAP}{tail_word})?\b(?![-\u2010\u2011]))"
    )
    anchors = dict(
        money_prefix=re.compile(prefix),
        percent=re.compile(rf"%|{percent_words}", re.IGNORECASE),
        ordinal_ke=re.compile(r"ke[-\u2010\u2011\u2013]", re.IGNORECASE),
        ordinal_suffix=re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE),
        ordinal_pertama=re.compile("pertama"),
        web_address=re.compile(r"https?://|www\.|@|\.(?:com|co\.id|go\.id|or\.id|org|net)"),
    )
    checked = {
        name: (anchor, stays_in_line(compiled[name]) and stays_in_line(anchor)) for name, anchor in anchors.items()
    }
    return NumberPatterns(**compiled, anchors=checked)


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    pattern: str
    value: float
    unit: Optional[str] = None
    amount_end: Optional[int] = None  # where the number ends, before its unit


@lru_cache(maxsize=1)
def _unit_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    lexicon = figure_lexicon()

    def folded(table: dict[str, str]) -> dict[str, str]:
        return {_fold(key): value for key, value in table.items()}

    return (
        lexicon["currencies"]["prefix"],
        folded(lexicon["currencies"]["suffix"]),
        folded(lexicon["measures"]),
        folded(lexicon["durations"]),
    )


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _amount_value(amount: str) -> Optional[float]:
    if any(w in number_lexicon()["multipliers_case_sensitive"] for w in amount.split()):
        return None
    return parse_number(amount)


def _money_value(amount: str) -> Optional[float]:
    # ``M``/``T`` glued to digits are multipliers; a price without multiplier groups thousands
    # with commas too (``Rp 9,000``, ``US$1,500``), one with a multiplier never.
    if amount[-1:] in ("M", "T") and amount[-2:-1].isdecimal():
        return parse_number(f"{amount[:-1]} {amount[-1]}")
    return parse_number(amount, comma_thousands=" " not in amount.replace("\u00a0", " ").strip())


def number_matches(text: str, lines: Optional[Lines] = None) -> Iterator[NumberMatch]:
    """Every match of the number patterns over ``text`` (its ``lines``) that has a value."""
    patterns = number_patterns()
    lines = lines or lines_of(text)
    prefixes, suffixes, measures, durations = _unit_tables()
    for match in patterns.finditer("money_prefix", lines):
        value = _money_value(match.group("amount"))
        if value is not None:
            yield NumberMatch(match.start(), match.end(), "money_prefix", value, prefixes[match.group("currency")])
    for match in patterns.amount_unit.finditer(text):
        value = _amount_value(match.group("amount"))
        if value is None:
            continue
        start, amount_end = match.span("amount")
        if match.group("currency"):
            yield NumberMatch(start, match.end("currency"), "money_suffix", value, suffixes[_fold(match.group("currency"))], amount_end)
        elif match.group("measure"):
            measure = match.group("measure")
            unit = measures.get(_fold(measure)) or measures.get(measure)
            if unit is not None:
                yield NumberMatch(start, match.end("measure"), "quantity", value, unit, amount_end)
        elif match.group("duration"):
            yield NumberMatch(start, match.end("duration"), "duration", value, durations[_fold(match.group("duration"))], amount_end)
        else:
            yield NumberMatch(start, match.end("noun"), "count", value, match.group("noun").lower(), amount_end)
            if match.group("noun2"):
                yield NumberMatch(start, match.end("noun2"), "count_pair", value, match.group("noun2").lower(), amount_end)
    for match in patterns.finditer("percent", lines):
        value = _amount_value(match.group("amount"))
        if value is not None:
            yield NumberMatch(match.start(), match.end(), "percent", value, "%")
    for pattern, name in (("ordinal_ke", "ordinal_ke"), ("ordinal_suffix", "ordinal_suffix"), ("ordinal_fused", "ordinal_word")):
        for match in patterns.finditer(pattern, lines):
            value = parse_ordinal(match.group())
            if value is not None and value > 0:
                yield NumberMatch(match.start(), match.end(), name, value)
    for match in patterns.finditer("ordinal_pertama", lines):
        yield NumberMatch(match.start("word"), match.end("word"), "ordinal_pertama", 1)


def number_value(span: Span) -> tuple[float, Optional[str]]:
    """The value and unit a ``number`` span carries (``(16740000000.0, "USD")``)."""
    value, _, unit = span.kb_id_.partition(" ")
    return float(value), unit or None


def number_matches_of(doc: Doc) -> list[NumberMatch]:
    """The match behind each ``number`` span, in the group's order (its value and unit read
    without making the Span objects or parsing ``kb_id_`` back)."""
    return doc.spans[KEY].attrs[MATCHES]


def number_characters(doc: Doc) -> list[tuple[int, int, int]]:
    """The exact characters of each ``number`` span, in the group's order: ``(start, end,
    amount_end)``, where the number before its unit ends at ``amount_end``."""
    return doc.spans[KEY].attrs[CHARACTERS]


@component("numbers", assigns=[f"spans:{KEY}", f"spans:{WEB_ADDRESS}"])
def numbers(doc: Doc) -> Doc:
    text = doc_text(doc)
    lines = lines_of(text)
    found, characters, kept = [], [], []
    for match in number_matches(text, lines):
        value = repr(float(match.value)) + (f" {match.unit}" if match.unit else "")
        span = doc.char_span(match.start, match.end, label=match.pattern, kb_id=value, alignment_mode="expand")
        if span is not None:
            found.append(span)
            characters.append((match.start, match.end, match.end if match.amount_end is None else match.amount_end))
            kept.append(match)
    doc.spans[KEY] = found
    doc.spans[KEY].attrs[CHARACTERS] = characters
    doc.spans[KEY].attrs[MATCHES] = kept
    addresses = (doc.char_span(*m.span(), label="web_address", alignment_mode="expand") for m in number_patterns().finditer("web_address", lines))
    doc.spans[WEB_ADDRESS] = [span for span in addresses if span is not None]
    return doc
