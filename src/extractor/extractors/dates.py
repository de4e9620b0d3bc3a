"""Dates: temporal expressions that name a calendar date or period (spec § dates).

The forms of :mod:`extractor.normalize.dates` are searched over ``doc.text`` (which is the
article text), so offsets are exact whatever the tokenizer made of ``2018-2021(2/8)``; each form
guards its own ends against letters and digits, so no span starts or ends inside a word or
number. Candidates that fail their context checks are dropped first, then overlaps go to the
longest span. Values come from :func:`~extractor.normalize.dates.resolve_form` against
``context.published``.

Span extents (decided once, applied everywhere):

* calendar nouns and position words belong to the span: ``tahun 2017``, ``Tahun 2016``,
  ``periode 2018-2021``, ``bulan Mei``, ``tanggal 17 Agustus``, ``hari Rabu``, ``awal April``,
  ``akhir tahun 2017``; prepositions do not (``pada``, ``sejak``, ``hingga``), nor trailing
  ``lalu``/``mendatang``/``nanti`` (``November 2018`` in ``November 2018 nanti``), as in
  ``docs/annotation-guide.md``;
* a weekday joined to its date is one span, with a time of day or week between them:
  ``Rabu (9/8)``, ``Senin, (16/10/2017)``, ``Jumat malam (30/6)``, ``Jumat ini (6/10)``,
  ``Rabu, 9 Agustus 2017``; a bracketed date is reported without its brackets (``2/8``,
  ``Selasa, 17/10`` from ``(Selasa, 17/10)``);
* a weekday keeps its week: ``Jumat pekan lalu``, ``Senin pekan depan``, ``Sabtu ini`` (the
  week of the anchor, Monday to Sunday); ``lalu``/``mendatang`` after it only set the tense;
* ranges are one span with ``value_end``: ``19-20 Mei 2016``, ``1 hingga 3 Agustus``,
  ``Mei-Juni 2017``, ``2018-2021``, ``2016/17``; so are two days of one month (``4 dan 5
  November``: first and last day); two full dates joined by ``hingga`` stay two spans, the first
  borrowing the second's year (``17 Oktober hingga 20 Oktober 2016``);
* a year given relative to the anchor stays with its date: ``26 Juni tahun depan``,
  ``14 Januari dua tahun lalu``.

What is and is not a date:

* a four-digit year range is always a date, also inside a document's or programme's name
  (``Plan of Action (POA) 2016-2020``, ``musim 2017/2018``): it names a period; only a range of
  more than 60 years with no ``periode``/``tahun`` before it is read as numbers (``1500-2000 orang``);
* a lone year 1900-2099 is a date, also inside the name of an agenda, event or document
  (``Agenda 2030``, ``Pertemuan Direktur Jenderal Imigrasi ASEAN 2016``: the gold annotates
  them), unless it is a number (``2000 orang``, ``2000%``, ``Rp 2015``, ``No. 2019``,
  ``pukul 2015``), part of a phone number (``0812 2018 1234``) or glued to a code (``G20``);
* ``tahun YYYY`` inside a legal citation (``UU Nomor 2 Tahun 2017``) is part of the law's number;
* a lone month name needs ``bulan`` or a temporal frame (``pada Februari``, ``Maret lalu``);
* a weekday is not a date after ``Pasar``/``Salat``/``setiap`` (``Pasar Minggu``, ``salat
  Jumat``, habits), in weekday ranges (``Senin-Jumat``), or as ``Minggu lalu/depan/ini`` (week);
* ``kemarin``/``lalu`` right after a date (``Minggu (5/11) kemarin``) only qualify that date;
  ``tahun lalu`` after a number or quantifier (``dua tahun lalu``, ``beberapa tahun lalu``) is a
  duration, not a date; durations (``2 tahun``), clock times, ``pekan lalu``, ``saat ini`` never
  match a form;
* nothing inside boilerplate (``context.in_boilerplate``) or on a copyright line.

The future test for bare weekdays and day-months without a year: a cue word of the lexicon
(``akan``, ``dijadwalkan``, ``mendatang`` ...) in the sentence before the expression, outside
quotations closed before it, or ``mendatang``/``depan``/``nanti`` right after it; ``lalu``/
``kemarin`` right after it make it past (``Selasa lalu`` on a Tuesday is a week back). A weekday
closing an attribution (``kata Menlu di Jakarta, Rabu.``) dates the statement and is read as past
whatever the quote says. A bare weekday shortly after a dated day in the same sentence is the
nearest such day to it (``Minggu (11/6) ... atau Senin dini hari WIB``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from ..normalize.dates import (
    DateForm,
    DateValue,
    Tense,
    anchor_granularity,
    date_lexicon,
    iter_form_matches,
    match_span,
    nearest_weekday,
    resolve_form,
    weekday_number,
)
from ..pipeline import ExtractionContext, RecordStage
from ..records import DateRecord

# Forms that carry no year of their own and may borrow one from a neighbouring date.
_YEARLESS_FORMS = frozenset({"weekday_dm", "dm_paren", "weekday_day_month", "day_month", "day_month_range", "month_range", "month"})
_TENSE_FORMS = _YEARLESS_FORMS | {"weekday"}

@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    form: DateForm
    match: re.Match

    @property
    def length(self) -> int:
        return self.end - self.start


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
    future_after: re.Pattern
    past_after: re.Pattern
    weekday_range: re.Pattern
    weekday_range_end: re.Pattern
    copyright_line: re.Pattern


@lru_cache(maxsize=1)
def _context_lexicon() -> _Context:
    lexicon = date_lexicon()
    lower = lambda words: frozenset(w.casefold() for w in words)  # noqa: E731
    weekdays = [w for ws in lexicon["weekdays"].values() for w in ws]
    weekday_alt = "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
    cues = "|".join(re.escape(c) for c in sorted(lexicon["future_cues"], key=len, reverse=True))
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
        future_cues=re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE),
        future_after=re.compile(r"^[ \u00a0]*(?:mendatang|depan|nanti|besok)\b", re.IGNORECASE),
        past_after=re.compile(r"^[ \u00a0]*(?:yang[ \u00a0]+)?(?:lalu|kemarin|silam)\b", re.IGNORECASE),
        weekday_range=re.compile(
            rf"^[ \u00a0]*(?:[-\u2013]|hingga|sampai(?:[ \u00a0]+dengan)?|s/d|s\.d\.?|dan)[ \u00a0]*(?:{weekday_alt})\b"
        ),
        weekday_range_end=re.compile(
            rf"\b(?:{weekday_alt})[ \u00a0]*(?:[-\u2013]|hingga|sampai(?:[ \u00a0]+dengan)?|s/d|s\.d\.?|dan)[ \u00a0]*$"
        ),
        copyright_line=re.compile(r"©|\(c\)|\bcopyright\b|\bhak\s+cipta\b", re.IGNORECASE),
    )


_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'/]*|\d+[\w./]*|,|\()[ \u00a0]*$")
_WORD_AFTER = re.compile(r"^[ \u00a0]*([^\W\d_][\w'\-]*|\d+)")
_TOKEN_AFTER = re.compile(r"^[ \u00a0]*([^\W\d_][\w'\-]*|\d+|%)")


def _word_before(text: str, start: int) -> Optional[str]:
    """The word (or ``,``/``(``) right before ``start`` on the same line, or ``None``."""
    match = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return match.group(1) if match else None


def _two_words_before(text: str, start: int) -> Optional[str]:
    match = re.search(r"(\S+[ \u00a0]+\S+)[ \u00a0]*$", text[max(0, start - 60) : start])
    return match.group(1) if match else None


def _word_after(text: str, end: int) -> Optional[str]:
    match = _WORD_AFTER.match(text[end : end + 40])
    return match.group(1) if match else None


def _word_after_any(text: str, end: int) -> Optional[str]:
    """Like :func:`_word_after`, but a ``%`` right after counts as a word too."""
    match = _TOKEN_AFTER.match(text[end : end + 40])
    return match.group(1) if match else None


# --------------------------------------------------------------------------- candidates


def _candidates(text: str) -> Iterator[_Candidate]:
    for form, match in iter_form_matches(text):
        start, end = match_span(match)
        if end > start:
            yield _Candidate(start, end, form, match)


def _legal_citation(text: str, candidate: _Candidate) -> bool:
    """``UU Nomor 2 Tahun 2017``, ``PP 12 Tahun 2019``: the year is part of the law's number."""
    before = _two_words_before(text, candidate.start)
    if not before:
        return False
    words = before.split()
    if re.fullmatch(r"\d+[A-Za-z]?", words[-1]):
        return True
    return words[-1] in _context_lexicon().legal_words


def _bare_year_is_date(text: str, candidate: _Candidate) -> bool:
    """A lone ``2018`` is a year unless it is a number, a law's number or part of a phone number."""
    lex = _context_lexicon()
    before = _word_before(text, candidate.start)
    after = _word_after_any(text, candidate.end)
    if before and before.casefold() in lex.year_nouns:
        return False  # ``Nomor 1 Tahun 2017``: the ``year`` form was turned down as a citation
    if before and before.casefold() in lex.bare_year_blockers_before:
        return False
    if after and after.casefold() in lex.bare_year_blockers_after:
        return False
    # digit groups around it: ``0812 2018 1234``
    return not (re.search(r"\d{3}[ \u00a0]$", text[max(0, candidate.start - 4) : candidate.start])
                or re.match(r"^[ \u00a0]\d{3}", text[candidate.end : candidate.end + 4]))


_LONGEST_BARE_PERIOD = 60  # years; ``1500-2000 orang`` is a count, ``2018-2021`` a period


def _plausible_period(candidate: _Candidate) -> bool:
    """A year range names a period, unless it spans centuries with nothing saying it is one."""
    if candidate.match.group("noun"):
        return True
    start, end = candidate.match.group("y1"), candidate.match.group("y2")
    end_year = int(end) if len(end) == 4 else int(start[:2] + end)
    return end_year - int(start) <= _LONGEST_BARE_PERIOD


def _month_in_frame(text: str, candidate: _Candidate) -> bool:
    lex = _context_lexicon()
    if candidate.match.group("noun") or candidate.match.group("pos"):
        return True
    before = _word_before(text, candidate.start)
    after = _word_after(text, candidate.end)
    return bool((before and before.casefold() in lex.month_before) or (after and after.casefold() in lex.month_after))


def _weekday_is_date(text: str, candidate: _Candidate) -> bool:
    lex = _context_lexicon()
    before = _word_before(text, candidate.start)
    after = _word_after(text, candidate.end)
    if before in lex.weekday_blockers_before or after in lex.weekday_blockers_after:
        return False
    if candidate.match.group("wd").casefold() == "minggu":
        qualifier = candidate.match.group("wq")
        if qualifier == "ini" or (not qualifier and after and after.casefold() in lex.week_words):
            return False  # ``Minggu ini``, ``Minggu lalu``: the week, not Sunday
    if lex.weekday_range.match(text[candidate.end : candidate.end + 30]):
        return False  # Senin-Jumat, Senin hingga Jumat: a habit, not a day
    if lex.weekday_range_end.search(text[max(0, candidate.start - 30) : candidate.start]):
        return False
    return True


def _relative_is_date(text: str, candidate: _Candidate, accepted: bytearray) -> bool:
    lex = _context_lexicon()
    before = _word_before(text, candidate.start)
    if before and (before.casefold() in lex.relative_blockers or before[0].isdigit()):
        return False
    gap_start = candidate.start
    while gap_start and text[gap_start - 1] in " \u00a0":
        gap_start -= 1
    if gap_start and accepted[gap_start - 1]:
        return False  # ``Minggu (5/11) kemarin``: the word qualifies the date before it
    return True


def _in_frame(text: str, candidate: _Candidate, accepted: bytearray) -> bool:
    name = candidate.form.name
    if name == "bare_year":
        return _bare_year_is_date(text, candidate)
    if name == "year":
        return not _legal_citation(text, candidate)
    if name == "year_range":
        return _plausible_period(candidate)
    if name == "month":
        return _month_in_frame(text, candidate)
    if name == "weekday":
        return _weekday_is_date(text, candidate)
    if name == "relative":
        return _relative_is_date(text, candidate, accepted)
    return True


def _select(text: str, candidates: list[_Candidate], context: ExtractionContext) -> list[_Candidate]:
    """Context-checked candidates, longest first; then relative words once their neighbours are known."""
    lex = _context_lexicon()
    on_copyright_line = _copyright_lines(text)
    plausible = [
        c for c in candidates if not context.in_boilerplate(c.start, c.end) and not on_copyright_line(c.start, c.end)
    ]
    chosen: list[_Candidate] = []
    # The characters of the chosen candidates: overlap tests cost a candidate's length, not the
    # number chosen so far (which made a long list of dates quadratic).
    taken = bytearray(len(text))

    def free(candidate: _Candidate) -> bool:
        return taken.find(1, candidate.start, candidate.end) < 0

    def choose(candidate: _Candidate) -> None:
        chosen.append(candidate)
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)

    # Longest first, so ``tahun 2017`` beats ``2017`` and a rejected short form never blocks a long one.
    order = sorted(plausible, key=lambda c: (-c.length, c.start))
    for candidate in order:
        if not free(candidate):
            continue
        if candidate.form.name in ("bare_year", "relative"):
            continue  # need the others settled first (year lists, ``(5/11) kemarin``)
        if _in_frame(text, candidate, taken):
            choose(candidate)
    for candidate in sorted((c for c in order if c.form.name in ("bare_year", "relative")), key=lambda c: c.start):
        if free(candidate) and _in_frame(text, candidate, taken):
            choose(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _copyright_lines(text: str):
    """``(start, end) -> bool``: whether the line(s) holding ``start:end`` hold a copyright mark,
    with the marks and line breaks found once (a search of the whole line per candidate was
    quadratic on one long line)."""
    marks = [m.span() for m in _context_lexicon().copyright_line.finditer(text) if "\n" not in m.group()]
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


# --------------------------------------------------------------------------- tense and years


def _sentence_bounds(doc: Doc, text_length: int):
    """``offset -> (sentence start, sentence end)`` over the doc's sentences (whole text without).

    The sentence of the last token starting at or before ``offset`` (the first token for an
    offset before it), as ``doc[index].sent`` gives it; computed once from the token arrays.
    """
    if len(doc) == 0 or not doc.has_annotation("SENT_START"):
        return lambda offset: (0, text_length)
    table = doc.to_array([SENT_START, IDX, LENGTH]).tolist()
    first = [index for index, (flag, _, _) in enumerate(table) if flag == 1 or index == 0]
    starts = [table[index][1] for index in first]
    ends = [table[index - 1][1] + table[index - 1][2] for index in first[1:]]
    ends.append(table[-1][1] + table[-1][2])

    def bounds(offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return starts[index], ends[index]

    return bounds


# A quotation closed before the expression speaks for its speaker, not for the expression.
_CLOSED_QUOTE = re.compile(r"[\"“”][^\"“”]*[\"“”]")


def _closes_attribution(text: str, candidate: _Candidate) -> bool:
    """``..., kata Menlu di Jakarta, Rabu.``: a weekday after a comma that ends its sentence."""
    before = text[max(0, candidate.start - 5) : candidate.start]
    following = text[candidate.end : candidate.end + 30]
    return bool(re.search(r",[ \u00a0]*$", before) and re.match(r"^[ \u00a0]*(?:[.)\n]|$)", following))


def _tense(text: str, candidate: _Candidate, sentence_start: int) -> Tense:
    lex = _context_lexicon()
    following = text[candidate.end : candidate.end + 30]
    if lex.future_after.match(following):
        return "future"
    if lex.past_after.match(following):
        return "past"
    if _closes_attribution(text, candidate):
        return None  # ``kata Menlu di Jakarta, Rabu.``: the day of the statement
    unquoted = _CLOSED_QUOTE.sub(" ", text[sentence_start : candidate.start])
    return "future" if lex.future_cues.search(unquoted) else None


def _explicit_year(candidate: _Candidate) -> Optional[int]:
    match = candidate.match
    for group in ("y1", "ny"):
        if group in match.re.groupindex and match.group(group) and len(match.group(group)) == 4:
            return int(match.group(group))
    return None


_NEXT_TO_DAY_REACH = 80  # characters between a dated day and a weekday that is read next to it

_BORROW_JOINER = re.compile(
    r"^[ \u00a0]*(?:[-\u2013,]|hingga|sampai(?:[ \u00a0]+dengan)?|s/d|s\.d\.?|dan|atau)[ \u00a0]*(?:(?:tanggal|pada)[ \u00a0]+)?$",
    re.IGNORECASE,
)


def _borrowed_year(text: str, index: int, chosen: list[_Candidate]) -> Optional[int]:
    """The year of the next date when the two are joined (``17 Oktober hingga 20 Oktober 2016``)."""
    candidate = chosen[index]
    if candidate.form.name not in _YEARLESS_FORMS or _explicit_year(candidate):
        return None
    for following in chosen[index + 1 : index + 3]:
        if not _BORROW_JOINER.match(text[candidate.end : following.start]):
            return None
        year = _explicit_year(following)
        if year is not None:
            return year
        candidate = following
    return None


# --------------------------------------------------------------------------- extractor


def extract_dates(doc: Doc, context: ExtractionContext) -> Iterable[DateRecord]:
    text = context.text
    bounds = _sentence_bounds(doc, len(text))
    chosen = _select(text, list(_candidates(text)), context)
    anchor = context.published
    grain = anchor_granularity(context.published_source)
    last_day: Optional[tuple[int, dt.date, int]] = None  # (sentence start, date, end) of the last day resolved
    for index, candidate in enumerate(chosen):
        name = candidate.form.name
        sentence_start = bounds(candidate.start)[0]
        tense = _tense(text, candidate, sentence_start) if name in _TENSE_FORMS else None
        value = resolve_form(
            name,
            candidate.match,
            anchor,
            anchor_grain=grain,
            tense=tense,
            default_year=_borrowed_year(text, index, chosen),
        )
        if (
            name == "weekday"
            and not candidate.match.group("wq")
            and last_day is not None
            and last_day[0] == sentence_start
            and candidate.start - last_day[2] <= _NEXT_TO_DAY_REACH
            and not _closes_attribution(text, candidate)
        ):
            # ``Minggu (11/6) pukul 14.00 waktu setempat atau Senin dini hari WIB``: next to that day
            near = nearest_weekday(weekday_number(candidate.match.group("wd")), last_day[1])
            if near is not None:
                value = DateValue(near.isoformat(), None, "day")
        if value.granularity == "day" and value.value and value.value_end is None:
            last_day = (sentence_start, dt.date.fromisoformat(value.value), candidate.end)
        yield DateRecord(
            start=candidate.start,
            end=candidate.end,
            text=text[candidate.start : candidate.end],
            value=value.value,
            value_end=value.value_end,
            granularity=value.granularity,
            rule=name,
        )


class DatesStage(RecordStage):
    name = "dates"
    requires = frozenset({"published", "boilerplate"})
    extractor = extract_dates
