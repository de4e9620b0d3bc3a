"""``calendar``: date expressions as ``doc.spans["calendar"]`` (spec § dates).

The grammar is a set of *forms* (``day_month``, ``weekday_dm``, ``year_range`` ...), built once
from the words of ``resources/id/dates.json`` (month and weekday names, calendar nouns,
relative words, range joiners). The forms are character patterns, not token patterns, because
the expressions they read are not token sequences: Stanza keeps ``2018-2021(2/8)``, ``19-20``
or ``17/10/2017`` as one token or splits them depending on their neighbours, and a bracketed
date is reported without its brackets. They are matched once over the Doc's text and each
match is snapped to tokens with ``Doc.char_span(..., alignment_mode="expand")`` (as textacy's
``regex_matches``); the exact character extent stays with the match.

Each span carries its form as pattern id (``span.label_``) and, where the expression is a date
on its own (``19 Mei 2016``, ``2018-2021``), its ISO value (``span.kb_id_``); a date that needs
the article's day (``Rabu``, ``(2/8)``, ``kemarin``) has an empty value. :func:`calendar_mentions`
gives every match with what the record builder needs about its context, decided here once:

* ``is_date``: whether the words around it frame it as a date (the rules of "What is and is not
  a date" in :mod:`extractor.extractors.dates`);
* ``tense``: whether its sentence speaks of the future or the past (for expressions without a
  year, :func:`_tense`);
* ``closes_attribution``: ``kata Menlu di Jakarta, Rabu.`` (the day of the statement);
* ``on_copyright_line``, ``publication_stamp`` (``Kompas.com - 07/09/2017, 10:54 WIB``, an
  embedded tweet's ``(@Menlu_RI) May 27, 2020``): page furniture, no date records.

Matches overlap across forms; choosing among them is the builder's job. ``doc.spans["copyright"]``
holds the copyright lines' years (``COPYRIGHT © ANTARA 2019``; value the latest year).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Optional

from spacy.tokens import Doc

from ..nlp.alternation import prefix_tree
from ..nlp.line_scan import finditer_anchored, first_character_guard, lines_of, stays_in_line
from ..nlp.spacy_doc import doc_text
from ..nlp.words import Word, chunk_after, chunk_before, doc_words, is_word_char, token_columns, word_bounds
from ..normalize.dates import (
    DateExpression,
    DateValue,
    GranularityName,
    Tense,
    date_lexicon,
    infer_published,
    resolve_form,
)
from . import component

KEY = "calendar"
COPYRIGHT_KEY = "copyright"
_MENTIONS = "extractor.calendar"  # doc.user_data key of the mentions, aligned with the forms' order

# Forms that carry no year of their own and may borrow one from a neighbouring date.
YEARLESS_FORMS = frozenset({"weekday_dm", "dm_paren", "weekday_day_month", "day_month", "day_month_range", "month_range", "month"})
_TENSE_FORMS = YEARLESS_FORMS | {"weekday"}


@dataclass(frozen=True)
class DateForm:
    """One shape of date expression. ``span`` group, when present, is the extent to report.
    Every match contains a match of ``anchor`` (a digit, a month name) at the same place: the
    text is scanned on the lines holding one (:mod:`extractor.nlp.line_scan`)."""

    name: str
    pattern: re.Pattern
    anchor: Optional[re.Pattern] = None
    in_line: bool = False
    scanned: Optional[re.Pattern] = None  # ``pattern`` as the text is scanned with it

    def __post_init__(self) -> None:
        scanned = first_character_guard(self.pattern)
        in_line = self.anchor is not None and stays_in_line(scanned) and stays_in_line(self.anchor)
        object.__setattr__(self, "scanned", scanned)
        object.__setattr__(self, "in_line", in_line)


@dataclass(frozen=True)
class CalendarMention:
    """One match of one form, with what its context says about it."""

    expression: DateExpression
    is_date: bool
    tense: Tense
    closes_attribution: bool
    on_copyright_line: bool
    sentence_start: int
    publication_stamp: bool = False

    @property
    def form(self) -> str:
        return self.expression.form

    @property
    def start(self) -> int:
        return self.expression.start

    @property
    def end(self) -> int:
        return self.expression.end


# --------------------------------------------------------------------------- grammar

_GAP = r"[ \u00a0]+"
_OPT = r"[ \u00a0]*"
_DASH = rf"{_OPT}[-\u2010\u2011\u2012\u2013\u2014]{_OPT}"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])(?!\d)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d\w])"
_NUM_START = r"(?<![\w.,/\-\u2013+:@#$])"
_NUM_END = r"(?![\w/]|[.,]\d|[\-\u2013]\d)"


def _words(words, *, title_and_upper: bool = True, abbreviation_dot: bool = False) -> str:
    variants = set()
    for word in words:
        variants.add(word)
        if title_and_upper:
            variants.add(word.upper())
    dot = r"\.?" if abbreviation_dot else ""
    return rf"{prefix_tree(variants, ignorecase=False)}{dot}(?!\w)"


def _literal_alternation(words) -> re.Pattern:
    """The words as written and in capitals, without lookarounds: a pattern the regex engine
    scans for quickly (an anchor of the forms, see :class:`DateForm`)."""
    return re.compile(prefix_tree({variant for word in words for variant in (word, word.upper())}, ignorecase=False))


def _noun(kind: str) -> str:
    words = date_lexicon()["calendar_nouns"][kind]
    return "(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def date_forms() -> tuple[DateForm, ...]:
    lexicon = date_lexicon()
    full_months = _words([w for ws in lexicon["months"].values() for w in ws])
    abbreviated = _words([w for ws in lexicon["month_abbreviations"].values() for w in ws], abbreviation_dot=True)
    month = f"(?:{full_months}|{abbreviated})"
    # ``26 Juni tahun depan``: a year given relative to the anchor
    relative_year = "(?:" + "|".join(
        "(?i:" + re.escape(p).replace(r"\ ", _GAP) + ")"
        for p in sorted(lexicon["relative_year_suffix"], key=len, reverse=True)
    ) + ")"
    ry = rf"(?:{_GAP}(?P<ry>{relative_year}))"
    month_full = _words(lexicon["month_names_standalone"])
    weekday = _words([w for ws in lexicon["weekdays"].values() for w in ws])
    relative = "|".join(
        "(?i:" + re.escape(phrase[0]) + ")" + re.escape(phrase[1:]).replace(r"\ ", _GAP)
        for phrase in sorted(lexicon["relative"], key=len, reverse=True)
    )
    day_noun, date_noun, month_noun = _noun("day"), _noun("date"), _noun("month")
    # ``awal April``, ``akhir 2017``: where in the period, part of the expression
    position = rf"(?:(?P<pos>{_noun('position')}){_GAP})?"
    year_noun, period_noun = _noun("year"), _noun("period")
    week = "|".join(re.escape(w).replace(r"\ ", _GAP) for w in sorted(lexicon["week_qualifiers"], key=len, reverse=True))
    day_part = "(?:" + "|".join(
        re.escape(w).replace(r"\ ", _GAP) for w in sorted(lexicon["day_parts"], key=len, reverse=True)
    ) + r")(?!\w)"
    wd = rf"(?:(?P<noun>{day_noun}){_GAP})?(?P<wd>{weekday})(?:{_GAP}(?P<wq>{week})(?!\w))?"
    # ``4-5/9/2023`` inside brackets: two days of one month
    dm_numeric = (
        rf"(?P<nd>{_DAY})(?:{_DASH}(?P<nd2>{_DAY}))?{_OPT}/{_OPT}(?P<nm>{_MONTH_NUM})"
        rf"(?:{_OPT}/{_OPT}(?P<ny>\d{{4}}|\d{{2}})(?!\d))?"
    )
    # ``Senin-Selasa (4-5/9/2023)``: the weekdays of a bracketed range
    wd_range = rf"(?:(?P<noun>{day_noun}){_GAP})?(?P<wd>{weekday})(?:{_DASH}(?P<wd2>{weekday}))?(?:{_GAP}(?P<wq>{week})(?!\w))?"
    day_joiner = "(?:" + "|".join(re.escape(w).replace(r"\ ", _GAP) for w in lexicon["day_range_joiners"]) + ")"
    # Between two full dates ``dan`` lists two days (``1 Januari dan 3 Februari``); only these make a range.
    range_joiner = "(?:" + "|".join(
        re.escape(w).replace(r"\ ", _GAP) for w in lexicon["day_range_joiners"] if w != "dan"
    ) + ")"
    day_month = (
        rf"(?P<d1>{_DAY})(?:(?:{_DASH}|{_GAP}{day_joiner}{_GAP})(?P<d2>{_DAY}))?{_GAP}(?P<m1>{month})"
        rf"(?:{_GAP}(?P<y1>{_YEAR})|{ry})?"
    )
    # What every match of a form holds, the rarest on a line: its weekday, a month name (written
    # out or abbreviated), a bracketed or slashed day number, a year, a relative word.
    weekday_word, month_word = re.compile(weekday), re.compile(month_full)
    month_any = _literal_alternation(
        [w for ws in lexicon["months"].values() for w in ws] + [w for ws in lexicon["month_abbreviations"].values() for w in ws]
    )
    # a relative phrase's first letter is matched in any case: the anchor is the rest of it
    relative_word = re.compile(
        prefix_tree((phrase[1:] for phrase in lexicon["relative"]), gap=_GAP, ignorecase=False)
    ) if all(len(phrase) > 1 for phrase in lexicon["relative"]) else None
    bracketed_day, slashed_day = re.compile(rf"\({_OPT}\d"), re.compile(r"\d/\d")
    year_digits = re.compile(r"(?:1[5-9]|20)\d\d")
    forms = [
        DateForm("weekday_dm", re.compile(rf"(?<!\w){wd_range}(?:{_GAP}{day_part})?,?{_OPT}\({_OPT}{dm_numeric}{_OPT}\)"), weekday_word),
        # ``Jumat (28/7) hingga Minggu (30/7)``: a range between two bracketed days is one span
        DateForm(
            "weekday_dm",
            re.compile(
                rf"(?<!\w){wd}(?:{_GAP}{day_part})?,?{_OPT}\({_OPT}(?P<nd>{_DAY}){_OPT}/{_OPT}(?P<nm>{_MONTH_NUM})"
                rf"(?:{_OPT}/{_OPT}(?P<ny>\d{{4}}|\d{{2}})(?!\d))?{_OPT}\)(?:{_GAP}{day_part})?"
                rf"(?:{_DASH}|{_GAP}{range_joiner}{_GAP})(?:{day_noun}{_GAP})?(?:{weekday})(?:{_GAP}{day_part})?,?{_OPT}"
                rf"\({_OPT}(?P<ed>{_DAY}){_OPT}/{_OPT}(?P<em>{_MONTH_NUM})(?:{_OPT}/{_OPT}(?P<ey>\d{{4}}|\d{{2}})(?!\d))?{_OPT}\)"
            ),
            weekday_word,
        ),
        # ``Selasa, 5/9/2023``, ``Selasa 13/11/2018``: a weekday with an unbracketed full date
        DateForm(
            "weekday_dm",
            re.compile(rf"(?<!\w){wd}(?:{_GAP}{day_part})?,?{_GAP}(?P<nd>{_DAY})/(?P<nm>{_MONTH_NUM})/(?P<ny>(?:19|20)\d\d){_NUM_END}"),
            weekday_word,
        ),
        # ``(Selasa, 17/10)``: the weekday inside the brackets, reported without them
        DateForm("weekday_dm", re.compile(rf"\({_OPT}(?P<span>{wd},?{_OPT}{dm_numeric}){_OPT}\)"), weekday_word),
        DateForm("dm_paren", re.compile(rf"\({_OPT}(?P<span>{dm_numeric}){_OPT}\)"), bracketed_day),
        DateForm(
            "dmy_numeric",
            re.compile(rf"{_NUM_START}(?P<nd>{_DAY})/(?P<nm>{_MONTH_NUM})/(?P<ny>(?:19|20)\d\d){_NUM_END}"),
            slashed_day,
        ),
        DateForm(
            "weekday_day_month",
            re.compile(rf"(?<!\w){wd}(?:{_GAP}{day_part})?,?{_GAP}(?:{date_noun}{_GAP})?{day_month}"),
            weekday_word,
        ),
        # ``Jumat (14 April 2017)``: a written-out date in brackets after its weekday
        DateForm(
            "weekday_day_month",
            re.compile(rf"(?<!\w){wd}(?:{_GAP}{day_part})?,?{_OPT}\({_OPT}{day_month}{_OPT}\)"),
            weekday_word,
        ),
        DateForm(
            "day_month_range",
            re.compile(
                rf"{_NUM_START}(?:(?P<noun>{date_noun}|{period_noun}){_GAP})?(?P<d1>{_DAY}){_GAP}(?P<m1>{month})"
                rf"(?:{_GAP}(?P<y0>{_YEAR}))?(?:{_DASH}|{_GAP}{range_joiner}{_GAP})"
                rf"(?P<d2>{_DAY}){_GAP}(?P<m2>{month})(?:{_GAP}(?P<y1>{_YEAR}))?"
            ),
            month_any,
        ),
        DateForm(
            "day_month",
            re.compile(rf"{_NUM_START}(?:(?P<noun>{date_noun}){_GAP})?{day_month}"),
            month_any,
        ),
        DateForm(
            "month_day_year",
            re.compile(rf"(?<!\w)(?P<m1>{month}){_GAP}(?P<d1>{_DAY}),{_OPT}(?P<y1>{_YEAR})"),
            month_any,
        ),
        DateForm(
            "month_range",
            re.compile(
                rf"(?<!\w)(?:(?P<noun>{period_noun}|{month_noun}){_GAP})?(?P<m1>{month_full})(?:{_DASH}|{_GAP}{range_joiner}{_GAP})"
                rf"(?P<m2>{month_full})(?:{_GAP}(?P<y1>{_YEAR})|{ry})?"
            ),
            month_word,
        ),
        DateForm(
            "month_year",
            re.compile(
                rf"(?<!\w){position}(?:(?P<noun>{month_noun}|{period_noun}){_GAP})?(?P<m1>{month}){_GAP}(?P<y1>{_YEAR})"
            ),
            month_any,
        ),
        DateForm(
            "month",
            re.compile(rf"(?<!\w){position}(?:(?P<noun>{month_noun}){_GAP})?(?P<m1>{month_full}){ry}?"),
            month_word,
        ),
        DateForm(
            "year_range",
            re.compile(
                rf"(?:(?<!\w)(?P<noun>{period_noun}|{year_noun})(?:{_GAP}{year_noun})?{_GAP})?{_NUM_START}"
                rf"(?P<y1>{_YEAR})(?:{_DASH}|{_OPT}/{_OPT}|{_GAP}{range_joiner}{_GAP}(?=(?:1[5-9]|20)\d\d))"
                rf"(?P<y2>(?:1[5-9]|20)\d\d|\d\d)(?![\w]|[.,]\d|[\-\u2013/]\d)"
            ),
            year_digits,
        ),
        DateForm(
            "year", re.compile(rf"(?<!\w){position}(?P<noun>{year_noun}){_GAP}(?P<y1>{_YEAR})(?![.,]\d|-an\b)"), year_digits
        ),
        DateForm(
            "bare_year",
            re.compile(
                rf"(?:(?<!\w){position})?{_NUM_START}(?P<y1>(?:19|20)\d\d)(?![\w]|[.,]\d|[\-\u2013/]\d|-an\b)"
            ),
            year_digits,
        ),
        DateForm("weekday", re.compile(rf"(?<!\w){wd}"), weekday_word),
        # ``awal bulan depan``, ``akhir tahun ini``: where in the period, part of the expression
        DateForm("relative", re.compile(rf"(?<!\w){position}(?P<rel>{relative})(?!\w)"), relative_word),
    ]
    return tuple(forms)


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class _Context:
    """Lexicon pieces compiled once: words that frame years, months and weekdays."""

    year_nouns: frozenset[str]
    bare_year_blockers_before: frozenset[str]
    bare_year_blockers_after: frozenset[str]
    month_before: frozenset[str]
    month_after: frozenset[str]
    weekday_blockers_before: frozenset[str]
    weekday_blockers_after: frozenset[str]
    week_words: frozenset[str]
    relative_blockers: frozenset[str]
    legal_words: frozenset[str]
    future_cues: re.Pattern
    weekday_range: re.Pattern
    weekday_names: frozenset[str]
    weekday_names_longest_first: tuple[str, ...]
    weekday_list_joiners: frozenset[str]
    weekday_pair_joiners: frozenset[str]
    future_words_after: frozenset[str]
    past_words_after: frozenset[str]
    tense_link_after: str
    past_words_before: frozenset[str]
    past_aspect: re.Pattern
    weekday_range_end: re.Pattern
    copyright_line: re.Pattern


# ``©``, ``(c)``, ``copyright``, ``hak cipta`` in any case: ``re.compile(r"©|\(c\)|\bcopyright\b|
# \bhak\s+cipta\b", re.IGNORECASE)`` written so that it opens with one class of plain characters
# (no ``\b``, no case folding before it; ``c`` and ``h`` fold to nothing else): the regex engine
# then skips to those characters instead of trying every position (30 ms per 400 articles -> 5).
# Each branch checks which first character it got; ``(?<!\w[Cc])`` is the ``\b`` before it.
_COPYRIGHT_MARK = re.compile(
    r"[©(CcHh](?:(?<=©)|(?<=\()(?i:c)\)|(?<=[Cc])(?<!\w[Cc])(?i:opyright)\b|(?<=[Hh])(?<!\w[Hh])(?i:ak\s+cipta)\b)"
)


@lru_cache(maxsize=1)
def _context_lexicon() -> _Context:
    lexicon = date_lexicon()
    lower = lambda words: frozenset(w.casefold() for w in words)  # noqa: E731
    weekdays = [w for ws in lexicon["weekdays"].values() for w in ws]
    weekday_alt = "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
    range_joiners = "|".join(
        re.escape(w).replace(r"\ ", "[ \u00a0]+") for w in sorted(lexicon["weekday_range_joiners"], key=len, reverse=True)
    )
    cues = prefix_tree(lexicon["future_cues"], gap="[ \u00a0]+")  # searched case-insensitively
    return _Context(
        year_nouns=lower(lexicon["calendar_nouns"]["year"]),
        bare_year_blockers_before=lower(lexicon["bare_year_blockers_before"]),
        bare_year_blockers_after=lower(lexicon["bare_year_blockers_after"]),
        month_before=lower(lexicon["month_context_before"]),
        month_after=lower(lexicon["month_context_after"]),
        weekday_blockers_before=frozenset(lexicon["weekday_blockers_before"]),
        weekday_blockers_after=frozenset(lexicon["weekday_blockers_after"]),
        week_words=lower(lexicon["week_words_after_minggu"]),
        relative_blockers=lower(lexicon["relative_blockers_before"]),
        legal_words=frozenset(lexicon["legal_citation_words"]),
        future_cues=re.compile(rf"(?<!\w){cues}(?!\w)", re.IGNORECASE),
        weekday_range=re.compile(rf"^[ \u00a0]*(?:{range_joiners})[ \u00a0]*(?:{weekday_alt})\b"),
        weekday_range_end=re.compile(rf"\b(?:{weekday_alt})[ \u00a0]*(?:{range_joiners})[ \u00a0]*$"),
        # ``setiap Senin, Rabu dan Sabtu``: every weekday of a habit's list (:func:`_in_weekday_list`)
        weekday_names=frozenset(weekdays),
        weekday_names_longest_first=tuple(sorted(weekdays, key=len, reverse=True)),
        weekday_list_joiners=frozenset(lexicon["weekday_list_joiners"]),
        weekday_pair_joiners=frozenset(lexicon["weekday_pair_joiners"]),
        future_words_after=lower(lexicon["future_words_after"]),
        past_words_after=lower(lexicon["past_words_after"]),
        tense_link_after=lexicon["tense_link_after"].casefold(),
        past_words_before=lower(lexicon["past_words_before"]),
        past_aspect=re.compile(
            r"(?<!\w)(?<!yang )(?:" + "|".join(re.escape(w) for w in lexicon["past_aspect_words"]) + r")(?!\w)", re.IGNORECASE
        ),
        copyright_line=_COPYRIGHT_MARK,
    )


class _Neighbours:
    """The text next to a candidate, read on the Doc's tokens: the written chunks (tokens written
    together, no whitespace between) right before or after it, with the whitespace between."""

    def __init__(self, doc: Doc, text: str):
        self.text = text
        self.columns = token_columns(doc)
        self.words = doc_words(doc)
        self.word_ends = word_bounds(doc)[1]

    def before(self, start: int, chunks: int = 1) -> str:
        """The text from the start of the ``chunks``-th chunk before ``start`` (the one ``start``
        falls inside counting first) up to ``start``."""
        first = start
        for _ in range(chunks):
            first = chunk_before(self.columns, first)
        return self.text[first:start]

    def after(self, end: int, chunks: int = 1) -> str:
        """The text from ``end`` to the end of the ``chunks``-th chunk after it (the one that
        holds ``end`` or follows it counting first)."""
        last, length = end, len(self.text)
        for _ in range(chunks):
            last = chunk_after(self.columns, last, length)
        return self.text[end:last]


_SPACES = " \u00a0"
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'/]*|\d+[\w./]*|,|\()[ \u00a0]*$")
_TWO_WORDS_BEFORE = re.compile(r"(\S+[ \u00a0]+\S+)[ \u00a0]*$")
_WORD_AFTER = re.compile(r"^[ \u00a0]*([^\W\d_][\w'\-]*|\d+)")
_TOKEN_AFTER = re.compile(r"^[ \u00a0]*([^\W\d_][\w'\-]*|\d+|%)")


def _word_before(around: _Neighbours, start: int, chunk: Optional[str] = None) -> Optional[str]:
    """The word (or ``,``/``(``) of the chunk right before ``start`` (``chunk``, its text up to
    ``start``, when read already), on the same line, or ``None``."""
    match = _WORD_BEFORE.search(around.before(start) if chunk is None else chunk)
    return match.group(1) if match else None


def _two_words_before(around: _Neighbours, start: int) -> Optional[str]:
    """The two chunks right before ``start``, spaces between, on the same line, or ``None``."""
    match = _TWO_WORDS_BEFORE.search(around.before(start, chunks=2))
    return match.group(1) if match else None


def _word_after(around: _Neighbours, end: int) -> Optional[str]:
    match = _WORD_AFTER.match(around.after(end))
    return match.group(1) if match else None


def _word_after_any(around: _Neighbours, end: int) -> Optional[str]:
    """Like :func:`_word_after`, but a ``%`` right after counts as a word too."""
    match = _TOKEN_AFTER.match(around.after(end))
    return match.group(1) if match else None


def _legal_citation(around: _Neighbours, candidate: DateExpression) -> bool:
    """``UU Nomor 2 Tahun 2017``, ``PP 12 Tahun 2019``: the year is part of the law's number."""
    before = _two_words_before(around, candidate.start)
    if not before:
        return False
    words = before.split()
    number = words[-1][:-1] if words[-1][-1:].isascii() and words[-1][-1:].isalpha() else words[-1]
    if number.isdecimal():  # ``2``, ``12A``: the law's number
        return True
    return words[-1] in _context_lexicon().legal_words


def _bare_year_is_date(around: _Neighbours, candidate: DateExpression) -> bool:
    """A lone ``2018`` is a year unless it is a number, a law's number or part of a phone number."""
    lex = _context_lexicon()
    before = _word_before(around, candidate.start)
    after = _word_after_any(around, candidate.end)
    if before and before.casefold() in lex.year_nouns:
        return False  # ``Nomor 1 Tahun 2017``: the ``year`` form was turned down as a citation
    if before and before.casefold() in lex.bare_year_blockers_before:
        return False
    if after and after.casefold() in lex.bare_year_blockers_after:
        return False
    # digit groups around it, one space apart: ``0812 2018 1234``
    before, after = around.before(candidate.start), around.after(candidate.end)
    return not (
        (len(before) >= 4 and before[-1] in _SPACES and before[-4:-1].isdecimal())
        or (len(after) >= 4 and after[0] in _SPACES and after[1:4].isdecimal())
    )


_LONGEST_BARE_PERIOD = 60  # years; ``1500-2000 orang`` is a count, ``2018-2021`` a period


def _plausible_period(candidate: DateExpression) -> bool:
    """A year range names a period, unless it spans centuries with nothing saying it is one."""
    if candidate.groups.get("noun"):
        return True
    start, end = candidate.groups.get("y1"), candidate.groups.get("y2")
    end_year = int(end) if len(end) == 4 else int(start[:2] + end)
    # ``2017-09`` (a year and a month number, ``date 2017-09`` in a page header) is no period either
    return 0 < end_year - int(start) <= _LONGEST_BARE_PERIOD


def _month_in_frame(around: _Neighbours, candidate: DateExpression) -> bool:
    lex = _context_lexicon()
    if candidate.groups.get("noun") or candidate.groups.get("pos"):
        return True
    before = _word_before(around, candidate.start)
    after = _word_after(around, candidate.end)
    return bool((before and before.casefold() in lex.month_before) or (after and after.casefold() in lex.month_after))


def _weekday_is_date(around: _Neighbours, candidate: DateExpression) -> bool:
    lex = _context_lexicon()
    before = _word_before(around, candidate.start)
    after = _word_after(around, candidate.end)
    if before in lex.weekday_blockers_before or after in lex.weekday_blockers_after:
        return False
    if _in_weekday_list(around, candidate.start):
        return False
    if candidate.groups.get("wd").casefold() == "minggu":
        qualifier = candidate.groups.get("wq")
        if qualifier == "ini" or (not qualifier and after and after.casefold() in lex.week_words):
            return False  # ``Minggu ini``, ``Minggu lalu``: the week, not Sunday
    # ``Senin-Jumat``, ``Senin hingga Jumat``: a habit, not a day. A range is three written
    # chunks at most (``sampai dengan Jumat``), the one holding the weekday's end counted first.
    end, text = candidate.end, around.text
    if end < len(text) and text[end] in _RANGE_AFTER_FIRST and lex.weekday_range.match(around.after(end, chunks=3)):
        return False
    if lex.weekday_range_end.search(around.before(candidate.start, chunks=3)):
        return False
    return True


def _line_end_dropped(before: str) -> str:
    """The text before an expression without the line break right before it, if any (what a
    pattern ending in ``$`` reads: the end, or a line break that ends the text)."""
    return before[:-1] if before.endswith("\n") else before


_RANGE_AFTER_FIRST = frozenset(" \u00a0-\u2013hs")  # what a range after a weekday can start with


def _in_weekday_list(around: _Neighbours, start: int) -> bool:
    """``setiap Senin, Rabu dan Sabtu``: whether the words before ``start`` are weekdays, each
    followed by a list joiner, after a habit's word (``setiap``), spaces alone between them (and
    a line break before ``start``)."""
    lex = _context_lexicon()
    words, text = around.words, around.text
    index = bisect.bisect_right(around.word_ends, start) - 1
    position, wanted = start, "joiner"  # read backwards: joiner, weekday, (joiner, weekday)*, habit word
    while index >= 0:
        word = words[index]
        gap = text[word.end : position]
        if position == start:
            gap = _line_end_dropped(gap)  # ``setiap Selasa,\nKamis``
        if gap.strip(_SPACES):
            return False
        if wanted == "weekday":
            if word.text not in lex.weekday_names:
                return False
            wanted = "joiner or habit"
        elif word.text in lex.weekday_list_joiners:
            wanted = "weekday"
        elif wanted == "joiner":
            return False
        else:
            return bool(gap) and word.text in lex.weekday_blockers_before
        position, index = word.start, index - 1
    return False


def _relative_is_date(around: _Neighbours, candidate: DateExpression) -> bool:
    """``dua tahun lalu``, ``beberapa tahun lalu``: a duration. (Whether the word only qualifies
    a date right before it, ``Minggu (5/11) kemarin``, depends on the dates chosen: the builder's.)"""
    lex = _context_lexicon()
    chunk = around.before(candidate.start)
    before = _word_before(around, candidate.start, chunk)
    if not before or candidate.groups.get("pos"):
        return True  # ``sampai akhir tahun lalu``: a position in a period is never a duration
    if before[0].isdigit():
        # ``ke-76 tahun ini``: an ordinal glued to its ``ke-`` (in the same chunk), not a count of years
        stripped = chunk.rstrip(_SPACES)
        return len(stripped) > len(before) and stripped[-len(before) - 1] == "-"
    return before.casefold() not in lex.relative_blockers


def _in_frame(around: _Neighbours, candidate: DateExpression) -> bool:
    name = candidate.form
    if name == "bare_year":
        return _bare_year_is_date(around, candidate)
    if name == "year":
        return not _legal_citation(around, candidate)
    if name == "year_range":
        return _plausible_period(candidate)
    if name == "month":
        return _month_in_frame(around, candidate)
    if name == "weekday":
        return _weekday_is_date(around, candidate)
    if name == "relative":
        return _relative_is_date(around, candidate)
    return True


def _copyright_lines(text: str, marks: Optional[list] = None):
    """``(start, end) -> bool``: whether the line(s) holding ``start:end`` hold a copyright mark,
    with the marks and line breaks found once (a search of the whole line per candidate was
    quadratic on one long line)."""
    if marks is None:
        marks = list(_context_lexicon().copyright_line.finditer(text))
    marks = [m.span() for m in marks if "\n" not in m.group()]
    mark_starts = [start for start, _ in marks]
    breaks = [m.start() for m in re.finditer("\n", text)]

    def on_copyright_line(start: int, end: int) -> bool:
        index = bisect.bisect_left(breaks, start)
        line_start = breaks[index - 1] + 1 if index else 0
        following = bisect.bisect_left(breaks, end)
        line_end = breaks[following] if following < len(breaks) else len(text)
        first = bisect.bisect_left(mark_starts, line_start)
        return first < len(marks) and marks[first][1] <= line_end

    return on_copyright_line


def _sentence_starts(doc: Doc) -> Callable[[int], int]:
    """``offset -> sentence start`` over the doc's sentences (0 without): the start of the
    sentence of the last token starting at or before ``offset`` (the first token for an offset
    before it), as ``doc[index].sent`` gives it; read from the token columns, built once per Doc."""
    if len(doc) == 0 or not doc.has_annotation("SENT_START"):
        return lambda offset: 0
    columns = token_columns(doc)
    starts = columns.sentence_starts
    if not starts or starts[0] != columns.offsets[0]:  # the first token opens a sentence either way
        starts = [columns.offsets[0], *starts]

    def start_of(offset: int) -> int:
        return starts[max(0, bisect.bisect_right(starts, offset) - 1)]

    return start_of


# A quotation closed before the expression speaks for its speaker, not for the expression.
_CLOSED_QUOTE = re.compile(r"[\"“”][^\"“”]*[\"“”]")


_ATTRIBUTION_BEFORE = frozenset(", \u00a0\n")


def _closes_attribution(around: _Neighbours, candidate: DateExpression) -> bool:
    """``..., kata Menlu di Jakarta, Rabu.``: a date right after a comma (spaces between, and a
    line break right before the date) and followed, spaces between, by a full stop, a closing
    bracket, a line break or the text's end."""
    start, text = candidate.start, around.text
    if not start or text[start - 1] not in _ATTRIBUTION_BEFORE:
        return False  # what the chunk before ends with, read without reading the chunk
    if not _line_end_dropped(around.before(candidate.start)).rstrip(_SPACES).endswith(","):
        return False
    following = around.after(candidate.end).lstrip(_SPACES)
    return not following or following[0] in ".)\n"


def _word_from(around: _Neighbours, position: int, *, spaced: bool = False) -> Optional[Word]:
    """The word starting at ``position`` or after it with spaces alone between (at least one when
    ``spaced``), or ``None`` (another character between, ``position`` inside a word, no word)."""
    index = bisect.bisect_right(around.word_ends, position)
    if index >= len(around.words):
        return None
    word = around.words[index]
    gap = around.text[position : word.start] if word.start >= position else None
    if gap is None or gap.strip(_SPACES) or (spaced and not gap):
        return None
    return word


def _leading_run(word: Optional[Word]) -> str:
    """A word's first run of word characters, lower-cased (``depan`` of ``depan-depan``): what a
    word pattern followed by a word boundary reads."""
    if word is None:
        return ""
    text = word.text
    end = 0
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return text[:end].lower()


def _past_after(around: _Neighbours, word: Optional[Word]) -> bool:
    """``lalu``, ``yang lalu`` from ``word`` (the word after an expression) on."""
    lex = _context_lexicon()
    if word is not None and word.text.lower() == lex.tense_link_after:
        following = _word_from(around, word.end, spaced=True)
        if following is not None:
            return _leading_run(following) in lex.past_words_after
    return _leading_run(word) in lex.past_words_after


def _pair_end(around: _Neighbours, candidate: DateExpression) -> int:
    """Where the words qualifying a weekday start: after the second day of ``Kamis dan Jumat``
    (``Sabtu dan Minggu ini``, ``Kamis dan Jumat lalu``: the second day's qualifier is both days')."""
    if candidate.form == "weekday" and not candidate.groups.get("wq"):
        joiner = _word_from(around, candidate.end)
        if joiner is not None and joiner.text in _context_lexicon().weekday_pair_joiners:
            day = _word_from(around, joiner.end, spaced=True)
            if day is not None:
                text = around.text
                for name in _context_lexicon().weekday_names_longest_first:
                    end = day.start + len(name)
                    if text.startswith(name, day.start) and (end == len(text) or not is_word_char(text[end])):
                        return end
    return candidate.end


def _shared_week(around: _Neighbours, candidate: DateExpression) -> DateExpression:
    """``Sabtu dan Minggu ini``: ``Sabtu`` takes the week the pair is in (a qualifier of one or
    two words, each a written chunk)."""
    end = _pair_end(around, candidate)
    if end == candidate.end:
        return candidate
    following = around.after(end, chunks=2).lstrip(_SPACES)
    for qualifier in sorted(date_lexicon()["week_qualifiers"], key=len, reverse=True):
        words = qualifier.split()
        if following.split()[: len(words)] == words and (len(following) == len(qualifier) or not following[len(qualifier)].isalnum()):
            return replace(candidate, groups={**candidate.groups, "wq": qualifier})
    return candidate


def _tense(around: _Neighbours, candidate: DateExpression, sentence_start: int, closes_attribution: bool) -> Tense:
    lex = _context_lexicon()
    text = around.text
    qualifier = _word_from(around, _pair_end(around, candidate))
    if _leading_run(qualifier) in lex.future_words_after:
        return "future"  # ``Rabu mendatang``
    if _past_after(around, qualifier):
        return "past"  # ``Mei yang lalu``
    if closes_attribution:
        return None  # ``kata Menlu di Jakarta, Rabu.``: the day of the statement
    before = _word_before(around, candidate.start)
    if candidate.form != "weekday" and before and before.casefold() in lex.past_words_before:
        return "past"  # ``sejak Mei``: since a month that has begun
    unquoted = _CLOSED_QUOTE.sub(" ", text[sentence_start : candidate.start])
    cues = list(lex.future_cues.finditer(unquoted))
    if not cues:
        return None
    if lex.past_aspect.search(unquoted, cues[-1].end()):
        return "past"  # ``... yang akan diikuti 30 ribu delegasi, telah dilangsungkan ... pada Agustus``
    return "future"


# A full date followed by a clock time on its line is an outlet's publication stamp
# (``Kompas.com - 07/09/2017, 10:54 WIB``, ``Selasa, 28 November 2023 14:28 WIB``); one after an
# ``(@handle)`` closes an embedded tweet. Both are page furniture (spec: boilerplate).
_STAMP_TIME = re.compile(r"^[ \u00a0]*[,|\-\u2013\u2022\u00b7]?[ \u00a0]*(?:\d{1,2}:\d\d(?!\d)|\d{1,2}\.\d\d[ \u00a0]*(?:WIB|WITA|WIT)\b)")
# The clock time is read in the three written chunks after the date (``, 10:54``, ``| 10.54
# WIB``), when the character after it can start one.
_STAMP_TIME_FIRST = frozenset(" \u00a0,|-\u2013\u2022\u00b7")
_TWEET_HANDLE = re.compile(r"\(@\w+\)[ \u00a0]*$")
_STAMP_FORMS = frozenset({"weekday_day_month", "day_month", "month_day_year", "dmy_numeric", "weekday_dm"})


def _publication_stamp(around: _Neighbours, candidate: DateExpression) -> bool:
    groups = candidate.groups
    has_year = any(len(groups.get(name) or "") == 4 for name in ("y1", "ny"))
    if candidate.form not in _STAMP_FORMS or not has_year:
        return False
    end, text = candidate.end, around.text
    if end < len(text) and (text[end] in _STAMP_TIME_FIRST or text[end].isdecimal()):
        if _STAMP_TIME.match(around.after(end, chunks=3)):
            return True
    return bool(_TWEET_HANDLE.search(around.before(candidate.start)))




# --------------------------------------------------------------------------- copyright years

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b|\bhak\s+cipta\b)[^\n]{0,80}?((?:19|20)\d\d)(?:\s*[-\u2013]\s*((?:19|20)\d\d))?",
    re.IGNORECASE,
)


def copyright_marks(text: str, marks: Optional[list] = None) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of each copyright line's mark and (latest) year, e.g.
    ``COPYRIGHT © ANTARA News Bali 2019``, ``Hak Cipta © 2005-2018``. ``marks``: the copyright
    marks of ``text`` (``copyright_line`` matches) when they are found already."""
    # Every match starts at a copyright mark: ``_COPYRIGHT.finditer`` tried at the marks alone.
    found, position, match_at = [], 0, _COPYRIGHT.match
    for mark in _context_lexicon().copyright_line.finditer(text) if marks is None else marks:
        if mark.start() < position:
            continue
        match = match_at(text, mark.start())
        if match is not None:
            found.append((match.start(), match.end(), int(match.group(2) or match.group(1))))
            position = match.end()
    return found


# --------------------------------------------------------------------------- the component


def expressions_in(text: str) -> list[DateExpression]:
    """Every match of every form in ``text``, in the grammar's order (overlapping across forms)."""
    found = []
    lines = lines_of(text)
    for form in date_forms():
        for match in finditer_anchored(form.scanned, lines, form.anchor, form.in_line):
            start, end = match.span("span") if "span" in match.re.groupindex and match.group("span") is not None else match.span()
            groups = {name: value for name, value in match.groupdict().items() if value is not None and name != "span"}
            found.append(DateExpression(form.name, start, end, match.start(), groups))
    return found


def _mentions(doc: Doc, text: str, marks: Optional[list] = None) -> tuple[CalendarMention, ...]:
    sentence_start_of = _sentence_starts(doc)
    on_copyright_line = _copyright_lines(text, marks)
    around = _Neighbours(doc, text)
    mentions = []
    for expression in expressions_in(text):
        if expression.end <= expression.start:
            continue
        expression = _shared_week(around, expression)
        is_date = _in_frame(around, expression)
        sentence_start = sentence_start_of(expression.start)
        closes_attribution = _closes_attribution(around, expression)
        tense = (
            _tense(around, expression, sentence_start, closes_attribution)
            if is_date and expression.form in _TENSE_FORMS
            else None
        )
        mentions.append(
            CalendarMention(
                expression,
                is_date=is_date,
                tense=tense,
                closes_attribution=closes_attribution,
                on_copyright_line=on_copyright_line(expression.start, expression.end),
                sentence_start=sentence_start,
                publication_stamp=_publication_stamp(around, expression),
            )
        )
    return tuple(mentions)


@component("calendar", assigns=[f"spans:{KEY}", f"spans:{COPYRIGHT_KEY}"], requires=["doc.sents"])
def calendar(doc: Doc) -> Doc:
    text = doc_text(doc)
    marks = list(_context_lexicon().copyright_line.finditer(text))  # read by both: the scan runs once
    mentions = _mentions(doc, text, marks)
    doc.user_data[_MENTIONS] = mentions
    found = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            value = _standalone_value(mention.form, tuple(mention.expression.groups.items())) if mention.is_date else None
            span.label_ = mention.form
            span.kb_id_ = value or ""
            found.append(span)
    doc.spans[KEY] = found
    years = []
    for start, end, year in copyright_marks(text, marks):
        span = doc.char_span(start, end, label="copyright", kb_id=str(year), alignment_mode="expand")
        if span is not None:
            years.append(span)
    doc.spans[COPYRIGHT_KEY] = years
    return doc


@lru_cache(maxsize=4096)
def _standalone_value(form: str, groups: tuple[tuple[str, str], ...]) -> Optional[str]:
    """The ISO value of an expression read on its own (no anchor): the same for the same form
    and parts, so computed once per distinct expression (``2017``, ``Mei 2016``)."""
    return resolve_form(form, dict(groups)).value


def calendar_mentions(doc: Doc) -> tuple[CalendarMention, ...]:
    """The calendar component's mentions of ``doc`` (an error naming the component when it did not run)."""
    try:
        return doc.user_data[_MENTIONS]
    except KeyError:
        raise KeyError(
            "the calendar mentions are missing: they are assigned by component 'calendar'; run "
            "extractor.components.annotate(doc) before the record builders"
        ) from None


def published_from_doc(doc: Doc):
    """:func:`~extractor.normalize.dates.infer_published` over the calendar's expressions and
    copyright years of ``doc``."""
    expressions = [mention.expression for mention in calendar_mentions(doc)]
    years = [int(span.kb_id_) for span in doc.spans[COPYRIGHT_KEY]]
    return infer_published(expressions, years)


def normalize_date(
    expression: str,
    anchor=None,
    *,
    anchor_grain: GranularityName = "day",
    tense: Tense = None,
) -> Optional[DateValue]:
    """The value of one date expression (``19-20 Mei 2016``, ``Rabu (9/8)``, ``tahun lalu``).

    ``None`` when the whole string is not a date expression of the grammar (``2 tahun``, ``42%``,
    ``pukul 10.00``). Context-dependent forms (a bare ``2018``, ``Mei``, ``Rabu``) are read as
    dates here: deciding whether they are dates in running text is the extractor's job.
    """
    text = expression.strip()
    if not text:
        return None
    for form in date_forms():
        for candidate in (text, f"({text})"):
            match = form.pattern.fullmatch(candidate)
            if match is not None:
                groups = {name: value for name, value in match.groupdict().items() if value is not None}
                return resolve_form(form.name, groups, anchor, anchor_grain=anchor_grain, tense=tense)
    return None
