"""Figures: numbers that carry a fact (spec § figures).

Regexes run over the article text itself (``doc.text == text``), so every span is exact whatever
the tokenizer did with ``US$16.74`` or ``ke-16``. Candidates of all kinds are collected, then the
longest, earliest ones win (``US$16.74 miliar`` beats a bare ``16.74``). A candidate is dropped
when it overlaps a date record, boilerplate, a URL or e-mail address, or follows a word that
makes the number a label rather than a fact (``Pasal 5``, ``Nomor 17``, ``pukul 10``).

Decisions worth knowing:

* A count needs a noun after the number: ``10 negara``, ``tiga area``, ``1,5 juta orang``. The
  noun is any lower-case word that is not a function word, verb (by prefix) or other junk listed
  in ``figures.json``; capitalised nouns only from a short list (``10 Negara``, ``4 WNI``). Bare
  numbers without a noun are not emitted: nothing says what they count.
* A bare four-digit 1900-2099 is a year, never a count or quantity. ``satu`` + noun is mostly
  an article (``satu hal``, ``salah satu negara``) and is not a count; ``1 negara`` is. Digits
  right after a capitalised word inside a sentence belong to a name (``Rush Hour 4``).
* Numbers after ``peringkat``/``posisi``/``Pasal``/``Nomor``/``pukul``... are labels or ranks.
* ``kedua``, ``ketiga`` ... without a hyphen mean "both/all three" after a function word or at a
  clause start (``Ketiga bidang tersebut``, ``antara kedua negara``) and are then not ordinals;
  after a noun they are (``pertemuan kedua``, ``terbesar ketiga``, ``untuk kedua kalinya``).
  ``ke-N`` and ``ke-delapan`` are always ordinals.
* ``pertama`` is an ordinal when it follows a word in the same clause (``pertemuan pertama``,
  ``untuk pertama kalinya``); a capitalised ``Pertama`` (titles such as ``Sekretaris Pertama``,
  the discourse marker ``Pertama, ...``) and ``pertama-tama`` are not.
* Vague plurals (``belasan``, ``puluhan negara``) have no value and are not figures.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc

from ..normalize.dates import calendar_names, weekday_forms
from ..resource_data import load_resource
from ..normalize.numbers import number_lexicon, parse_number, parse_ordinal
from ..pipeline import ExtractionContext, RecordStage
from ..records import Figure, FigureKind


@lru_cache(maxsize=1)
def figure_lexicon() -> dict:
    return load_resource("figures.json")


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first, with spaces matching any run of horizontal whitespace."""
    escaped = (re.escape(word).replace(r"\ ", r"[ \u00a0]+") for word in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


_GAP = r"[ \u00a0]+"
_OPT_GAP = r"[ \u00a0]?"
# A number starts where no word character, sign or separator glues it to something else
# (``G20``, ``ASEAN+3``, ``Su-35``, ``2/8``, ``021-555``) and ends before another digit group.
_NUMBER_START = r"(?<![\w+\-\u2010\u2011\u2013/.,:@#$€£¥])"
_DIGITS = r"\d+(?:[.,]\d+)*(?![.,]?\d)(?![:/\-\u2013]\d)"


@dataclass(frozen=True)
class FigurePatterns:
    money_prefix: re.Pattern
    amount_unit: re.Pattern
    percent: re.Pattern
    ordinal_ke: re.Pattern
    ordinal_suffix: re.Pattern
    ordinal_fused: re.Pattern
    ordinal_pertama: re.Pattern
    excluded_region: re.Pattern


@lru_cache(maxsize=1)
def figure_patterns() -> FigurePatterns:
    lexicon = figure_lexicon()
    numbers = number_lexicon()
    multipliers = _alternation(numbers["multipliers"])
    word = _alternation(lexicon["number_words"] + list(numbers["multipliers"]))
    # Number words and multipliers, case-insensitive; ``M``/``T`` only after digits, in capitals.
    # Bounded runs (20 words, more than any number a news text writes out): an unbounded run, retried from every
    # word of a long list of number words, is quadratic.
    words_amount = rf"\b{word}(?:{_GAP}{word}){{0,19}}\b(?![-\u2010\u2011])"
    digits_amount = rf"{_DIGITS}(?:{_GAP}{multipliers}\b){{0,3}}"
    amount = rf"(?P<amount>{_NUMBER_START}(?:{digits_amount}|{words_amount}))"
    money_amount = rf"(?P<amount>{_DIGITS}(?:{_OPT_GAP}(?:{multipliers}\b|(?-i:[MT])\b))?)"

    currencies = lexicon["currencies"]
    prefix = _alternation(currencies["prefix"])
    suffix = _alternation(currencies["suffix"])
    measures = _alternation(lexicon["measures"])
    durations = _alternation(lexicon["durations"])
    percent_words = _alternation(word for word in lexicon["percent"] if word != "%")
    ordinal_words = _alternation(lexicon["ordinals"]["word_forms"])
    tail_word = r"(?:belas|puluh|ratus)"
    return FigurePatterns(
        # "Rp 50 juta rupiah" repeats the currency: one figure
        money_prefix=re.compile(
            rf"(?<![\w$])(?-i:(?P<currency>{prefix}))[ \u00a0]?{money_amount}(?:{_GAP}{suffix}\b)?", re.IGNORECASE
        ),
        # Everything "amount + unit word": money written after the number, measures, durations,
        # counts; the unit decides the kind. Measures may stick to the number (``500km``).
        amount_unit=re.compile(
            rf"{amount}(?:(?P<gap>{_GAP})(?P<currency>{suffix})\b"
            rf"|(?P<mgap>{_OPT_GAP})(?P<measure>{measures})(?![\w²³])(?![ \u00a0]?\d)"
            rf"|{_GAP}(?P<duration>{durations})(?:nya)?\b"  # "kunjungan tiga harinya"
            rf"|{_GAP}(?P<noun>[^\W\d_]+)\b(?!-)(?=(?P<gap2>{_GAP})(?P<noun2>[^\W\d_]+)\b(?!-))?)",
            re.IGNORECASE,
        ),
        percent=re.compile(rf"{amount}(?:{_OPT_GAP}%|{_GAP}{percent_words}\b)", re.IGNORECASE),
        ordinal_ke=re.compile(
            rf"(?<![\w\-])ke[-\u2010\u2011\u2013]{_OPT_GAP}(?:\d+\b(?![.,]\d)|{words_amount})", re.IGNORECASE
        ),
        ordinal_suffix=re.compile(rf"{_NUMBER_START}\d+(?:st|nd|rd|th)\b", re.IGNORECASE),
        ordinal_fused=re.compile(rf"\b{ordinal_words}(?:{_GAP}{tail_word})?\b(?![-\u2010\u2011])", re.IGNORECASE),
        ordinal_pertama=re.compile(r"(?<=[^\W\d_])[ \u00a0]+(?P<word>pertama)\b(?![-\u2010\u2011])"),
        # A whole non-space run holding a URL, an e-mail address or a domain. Anchored at the run's
        # start, with lazy or disjoint scans, so that a long run is scanned once (linear time).
        excluded_region=re.compile(
            r"(?<!\S)(?=\S*?(?:https?://|www\.)|\S[^\s@]*@\S+?\.\S|\S*?\.(?:com|co\.id|go\.id|or\.id|org|net)\b)\S+"
        ),
    )


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: FigureKind
    value: float
    unit: Optional[str]
    rule: str
    priority: int  # lower wins ties between spans of equal length


_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)[ \u00a0]*$")
_CLAUSE_BOUNDARY = re.compile(r"[.!?;:,\"“”()\n](?:\s|$)|\n|^")


def _previous_word(text: str, start: int) -> Optional[str]:
    """The word right before ``start`` (same line, nothing but spaces between), or ``None``."""
    match = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return match.group(1) if match else None


def _is_year(amount: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", amount))


def _looks_like_verb(word: str, superlatives: bool = True) -> bool:
    """A lower-case word with a verbal prefix (``meminta``, ``bertemu``, ``dibahas``), bar known nouns.

    ``ter-`` also makes superlatives (``terbesar kedua``); ``superlatives=False`` leaves those out.
    """
    count = figure_lexicon()["count"]
    lowered = word.lower()
    prefixes = tuple(p for p in count["verb_prefixes"] if superlatives or p != "ter")
    return (
        word.islower()
        and len(lowered) >= 6
        and lowered.startswith(prefixes)
        and lowered not in count["nouns_despite_prefix"]
    )


def _is_count_noun(word: str) -> bool:
    count = figure_lexicon()["count"]
    lowered = word.lower()
    if word in count["capitalised_count_nouns"]:
        return True
    if not word.islower() or len(word) < 3 or lowered in _not_count_words():
        return False
    return not _looks_like_verb(word)


@lru_cache(maxsize=1)
def _not_count_words() -> frozenset[str]:
    lexicon = figure_lexicon()
    months = {w.casefold() for w in calendar_names() if w not in weekday_forms()}
    words = set(lexicon["count"]["not_count_words"]) | months | set(number_lexicon()["vague_plurals"])
    words |= set(lexicon["number_words"]) | {w.lower() for w in number_lexicon()["multipliers"]}
    words |= {w.lower() for w in lexicon["percent"]}
    return frozenset(words)


@lru_cache(maxsize=1)
def _unit_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    lexicon = figure_lexicon()

    def folded(table: dict[str, str]) -> dict[str, str]:
        return {" ".join(key.lower().split()): value for key, value in table.items()}

    return (
        lexicon["currencies"]["prefix"],
        folded(lexicon["currencies"]["suffix"]),
        folded(lexicon["measures"]),
        folded(lexicon["durations"]),
    )


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _amount_value(amount: str, allow_letters: bool = False) -> Optional[float]:
    words = amount.split()
    if not allow_letters and any(w in number_lexicon()["multipliers_case_sensitive"] for w in words):
        return None
    return parse_number(amount)


def _money_candidates(text: str, patterns: FigurePatterns) -> Iterator[_Candidate]:
    prefixes, _, _, _ = _unit_tables()
    for match in patterns.money_prefix.finditer(text):
        amount = match.group("amount")
        # ``M``/``T`` glued to digits are multipliers; a price without multiplier groups
        # thousands with commas too (``Rp 9,000``, ``US$1,500``), one with a multiplier never.
        glued = re.fullmatch(r"(.*?\d)([MT])", amount)
        if glued:
            value = parse_number(f"{glued.group(1)} {glued.group(2)}")
        else:
            value = parse_number(amount, comma_thousands=" " not in amount.replace("\u00a0", " ").strip())
        if value is None:
            continue
        yield _Candidate(match.start(), match.end(), FigureKind.money, value, prefixes[match.group("currency")], "money_prefix", 0)


def _amount_unit_candidates(text: str, patterns: FigurePatterns) -> Iterator[_Candidate]:
    _, suffixes, measures, durations = _unit_tables()
    classifiers = set(figure_lexicon()["count"]["classifiers"])
    for match in patterns.amount_unit.finditer(text):
        amount = match.group("amount")
        value = _amount_value(amount)
        start = match.start("amount")
        if value is None or _is_excluded_context(text, start):
            continue
        if match.group("noun") and amount[0].isdigit() and _follows_name(text, start):
            continue
        if match.group("currency"):
            yield _Candidate(start, match.end("currency"), FigureKind.money, value, suffixes[_fold(match.group("currency"))], "money_suffix", 0)
        elif match.group("measure"):
            measure = match.group("measure")
            unit = measures.get(_fold(measure)) or measures.get(measure)
            if unit is None or _is_year(amount):
                continue
            yield _Candidate(start, match.end("measure"), FigureKind.quantity, value, unit, "quantity", 2)
        elif match.group("duration"):
            if _is_year(amount):
                continue
            unit = durations[_fold(match.group("duration"))]
            yield _Candidate(start, match.end("duration"), FigureKind.duration, value, unit, "duration", 2)
        elif match.group("noun"):
            noun = match.group("noun")
            if _is_year(amount) or not _is_count_noun(noun):
                continue
            end, unit = match.end("noun"), noun.lower()
            noun2 = match.group("noun2")
            if (
                unit in classifiers
                and noun2
                and noun2.lower() not in classifiers
                and _fold(noun2) not in durations
                and _fold(noun2) not in measures
                and _is_count_noun(noun2)
            ):
                end, unit = match.end("noun2"), noun2.lower()
            if amount.lower() == "satu":
                continue  # mostly an article: "satu hal", "satu pendatang baru", "salah satu negara"
            yield _Candidate(start, end, FigureKind.count, value, unit, "count", 3)


def _percent_candidates(text: str, patterns: FigurePatterns) -> Iterator[_Candidate]:
    for match in patterns.percent.finditer(text):
        value = _amount_value(match.group("amount"))
        # No label check: a number with its percent sign is a share even after a rank word
        # (``dari posisi 7,5 persen``).
        if value is None:
            continue
        yield _Candidate(match.start(), match.end(), FigureKind.percent, value, "%", "percent", 1)


def _ordinal_candidates(text: str, patterns: FigurePatterns) -> Iterator[_Candidate]:
    ordinals = figure_lexicon()["ordinals"]
    period_before = frozenset(ordinals["period_before"])
    for pattern, rule in ((patterns.ordinal_ke, "ordinal_ke"), (patterns.ordinal_suffix, "ordinal_suffix")):
        for match in pattern.finditer(text):
            value = parse_ordinal(match.group())
            previous = _previous_word(text, match.start())
            if previous is not None and previous.lower() in period_before:
                continue
            if value is not None and value > 0:
                yield _Candidate(match.start(), match.end(), FigureKind.ordinal, value, None, rule, 1)
    for match in patterns.ordinal_fused.finditer(text):
        value = parse_ordinal(match.group())
        if value is None:
            continue
        following = re.match(r"[ \u00a0]*([^\W\d_]+)", text[match.end() : match.end() + 30])
        next_word = following.group(1).lower() if following else ""
        if next_word in ordinals["collective_after"]:
            continue
        if next_word not in ordinals["ordinal_after"] and _is_collective(match.group(), _previous_word(text, match.start())):
            continue
        yield _Candidate(match.start(), match.end(), FigureKind.ordinal, value, None, "ordinal_word", 1)
    for match in patterns.ordinal_pertama.finditer(text):
        yield _Candidate(match.start("word"), match.end("word"), FigureKind.ordinal, 1, None, "ordinal_pertama", 1)


def _is_collective(word: str, previous: Optional[str]) -> bool:
    """Whether ``kedua``/``ketiga``... means "both/all three" here rather than "second/third"."""
    if previous is None or previous.endswith("."):
        return True  # clause start: "Ketiga bidang tersebut ..."
    if previous.lower() in figure_lexicon()["ordinals"]["collective_before"] or _looks_like_verb(previous, superlatives=False):
        return True
    # "Pertemuan Kedua" (title case) is an ordinal; "Indonesia kedua ..." is not a noun + ordinal
    return word.islower() and not previous.islower()


@lru_cache(maxsize=1)
def _excluded_before() -> frozenset[str]:
    return frozenset(figure_lexicon()["excluded_before_number"])


def _follows_name(text: str, start: int) -> bool:
    """Digits right after a capitalised word inside a sentence belong to a name or model:
    ``KRI Nagapasa 403``, ``Rush Hour 4``, ``Liga 1``, ``iPhone 7`` (but ``Sebanyak 10 negara``
    starts its sentence)."""
    previous = _WORD_BEFORE.search(text[max(0, start - 60) : start])
    if not previous or previous.group(1).islower() or previous.group(1).endswith("."):
        return False
    before = text[max(0, start - 60) : start][: previous.start()].rstrip(" \u00a0")
    return bool(before) and not re.search(r"[.!?:;\"“”'(\n\-–]$", before)


def _is_excluded_context(text: str, start: int) -> bool:
    """The number is a label: ``Pasal 5``, ``UU Nomor 17``, ``pukul 10``, ``No. 12``."""
    previous = _previous_word(text, start)
    if previous is None:
        return False
    lowered = previous.lower()
    return lowered in _excluded_before() or lowered.rstrip(".") in _excluded_before()


def _select(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """By kind priority (money, then percent and ordinals, then measures, then counts), then longest,
    then leftmost; no two selected spans overlap. ``Rp 200 miliar harganya`` stays money."""
    chosen: list[_Candidate] = []
    taken = _Occupancy()  # a test per candidate costs its length, not the number chosen so far
    for candidate in sorted(candidates, key=lambda c: (c.priority, -(c.end - c.start), c.start)):
        if not taken.overlaps(candidate.start, candidate.end):
            chosen.append(candidate)
            taken.add(candidate.start, candidate.end)
    return sorted(chosen, key=lambda c: c.start)


class _Occupancy:
    """Characters covered by a set of spans; overlap tests in the span's length."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.covered = bytearray()
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end > len(self.covered):
            self.covered.extend(bytes(end - len(self.covered)))
        self.covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.covered.find(1, start, end) >= 0


def _subject(text: str, start: int) -> Optional[str]:
    """The noun phrase before ``mencapai``/``sebesar``/... that introduces the figure, if any."""
    lexicon = figure_lexicon()
    window_start = max(0, start - 200)
    window = text[window_start:start]
    boundaries = list(_CLAUSE_BOUNDARY.finditer(window))
    clause_offset = boundaries[-1].end() if boundaries else 0
    words = [(m.start() + window_start + clause_offset, m.group()) for m in re.finditer(r"\S+", window[clause_offset:])]
    triggers = set(lexicon["subject_triggers"])
    while words and words[-1][1].lower() in ("sekitar", "hampir", "lebih", "dari", "kurang", "nyaris"):
        words.pop()
    if len(words) < 2 or words[-1][1].lower() not in triggers:
        return None
    words.pop()
    phrase = " ".join(w for _, w in words).lower()
    for filler in sorted(lexicon["subject_leading_fillers"], key=len, reverse=True):
        if phrase.startswith(filler + " "):
            words = words[len(filler.split()) :]
            break
    stops = set(lexicon["subject_stop_words"])
    for index, (_, word) in enumerate(words):
        if word.lower() in stops or word[0].isdigit():
            words = words[:index]
            break
    if not words or len(words) > 8:
        return None
    first_start = words[0][0]
    last_start, last_word = words[-1]
    return " ".join(text[first_start : last_start + len(last_word)].split())


def _date_spans(context: ExtractionContext) -> list[tuple[int, int]]:
    return [(record.start, record.end) for record in context.records.get("dates", [])]


def extract_figures(doc: Doc, context: ExtractionContext) -> Iterable[Figure]:
    """Figures in the article, in text order."""
    text = context.text
    patterns = figure_patterns()
    blocked = _Occupancy(_date_spans(context) + [m.span() for m in patterns.excluded_region.finditer(text)])
    in_copyright_line = _copyright_lines(text)
    candidates = [
        candidate
        for generator in (_money_candidates, _amount_unit_candidates, _percent_candidates, _ordinal_candidates)
        for candidate in generator(text, patterns)
        if not context.in_boilerplate(candidate.start, candidate.end)
        and not blocked.overlaps(candidate.start, candidate.end)
        and not in_copyright_line(candidate.start)
    ]
    for candidate in _select(candidates):
        subject = _subject(text, candidate.start) if candidate.kind in (FigureKind.percent, FigureKind.money, FigureKind.quantity) else None
        yield Figure(
            start=candidate.start,
            end=candidate.end,
            text=text[candidate.start : candidate.end],
            kind=candidate.kind,
            value=candidate.value,
            unit=candidate.unit,
            subject=subject,
            rule=candidate.rule,
        )


def _copyright_lines(text: str):
    """``position -> bool``: whether the line holding ``position`` has ``©`` or ``copyright``;
    each line is looked at once (once per candidate was quadratic on one long line)."""
    lines = text.split("\n")
    flags = [("©" in line or "copyright" in line.lower()) for line in lines]
    if not any(flags):
        return lambda position: False
    breaks = list(itertools.accumulate(len(line) + 1 for line in lines))
    return lambda position: flags[bisect.bisect_right(breaks, position)]


class FiguresStage(RecordStage):
    name = "figures"
    requires = frozenset({"dates", "boilerplate"})
    extractor = extract_figures
