"""Dates: temporal expressions that name a calendar date or period (spec § dates).

The builder reads the ``calendar`` component's mentions (:mod:`extractor.components.calendar`:
every match of the date grammar, with its exact character extent, whether its context frames it
as a date, its sentence's tense); offsets are exact whatever the tokenizer made of
``2018-2021(2/8)``, and no span starts or ends inside a word or number. Mentions that are no
date, or sit in boilerplate or on a copyright line, are dropped first, then overlaps go to the
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
  November``: first and last day), two full dates joined by ``hingga``/``sampai``, the first
  borrowing the second's year (``17 Oktober hingga 20 Oktober 2016``), and two bracketed days
  (``Jumat (28/7) hingga Minggu (30/7)``; ``dan`` between them still lists two); two years or two months
  joined by ``hingga``/``sampai`` are one period (``tahun 2005 hingga 2017``, ``Januari hingga Juli
  2017``);
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
* nothing inside boilerplate (``context.in_boilerplate``) or on a copyright line, nor after an
  article's closing sign-off (the desk's initials ending a line, ``(fai/imk)``): what follows it on
  a web page is furniture (``Hoegeng Awards 2025``, quizzes, related links).

Resolving (spec § dates, issue 9):

* relative words (``kemarin``, ``besok``, ``tahun lalu``, ``Februari tahun lalu``) resolve against
  the day the statement was made when its sentence dates it (a date closing the attribution:
  ``"... besok," kata Menlu, Senin (3/4).``), otherwise against ``published``; a relative day word
  named again by the date right after it takes that date (``besok, Rabu, 22 September``,
  ``hari ini (21/7)``): the explicit date wins;
* a day or month without a year takes the year nearest to ``published`` in the direction the
  sentence speaks (:func:`~extractor.normalize.dates.resolve_form`); ``sejak``/``semenjak``
  before it speak of the past, and so does a perfect-aspect word (``telah``, ``sudah``) after the
  sentence's last future cue in the date's own clause (``sebelum konferensi yang akan diikuti ...,
  telah dilangsungkan di New York pada Agustus``);
* a bare weekday the text has already dated this week is that day (``pada Selasa (26/7/2022)``
  ... ``akan ditemui ... pada Selasa``), and one shortly after a written-out day in the same
  sentence is the nearest such day to it; a bare weekday never anchors another;
* in a pair (``Kamis dan Jumat lalu``, ``Sabtu dan Minggu ini``) the second day's qualifier is
  both days'; every weekday of a habit's list (``setiap Senin, Rabu dan Sabtu``) is no date;
* publication stamps (a full date followed by a clock time, ``Kompas.com - 07/09/2017, 10:54
  WIB``) and embedded tweets' signature dates give no records, nor does any part of them;
* a date left null because the anchor was missing or known only to its year says so in
  ``unresolved`` (an extra field, present only then): nothing is resolved against a day that was
  never given.

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
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc

from ..components.calendar import YEARLESS_FORMS, CalendarMention, calendar_mentions
from ..nlp.line_scan import first_character_guard
from ..nlp.spacy_doc import doc_text
from ..nlp.words import token_columns
from ..normalize.dates import DateValue, anchor_granularity, date_lexicon, nearest_weekday, resolve_form, weekday_number
from ..pipeline import ExtractionContext, RecordStage
from ..records import DateRecord

# Settled after the others: a year list decides a bare year, ``(5/11) kemarin`` a relative word.
_SETTLED_LAST = ("bare_year", "relative")


def _qualifies_chosen_date(text: str, mention: CalendarMention, taken: bytearray) -> bool:
    """``Minggu (5/11) kemarin``: a relative word right after a chosen date only qualifies it."""
    gap_start = mention.start
    while gap_start and text[gap_start - 1] in " \u00a0":
        gap_start -= 1
    return bool(gap_start and taken[gap_start - 1])


@lru_cache(maxsize=1)
def _closing_sign_off() -> Optional[re.Pattern]:
    pattern = date_lexicon().get("closing_sign_off")
    # scanned over the whole text: behind a lookahead on the characters a sign-off can start with
    return first_character_guard(re.compile(pattern, re.MULTILINE)) if pattern else None


def _furniture_from(text: str) -> int:
    """Where the page furniture after an article's closing sign-off (``(fai/imk)`` ending a line)
    begins: the end of the last sign-off, or the text's end when there is none."""
    pattern = _closing_sign_off()
    last = None
    if pattern is not None:
        for last in pattern.finditer(text):
            pass
    return last.end() if last is not None else len(text)


def _select(text: str, mentions: Iterable[CalendarMention], context: ExtractionContext) -> list[CalendarMention]:
    """Date mentions, longest first; then bare years and relative words once their neighbours are known."""
    furniture = _furniture_from(text)
    plausible = [
        m
        for m in mentions
        if m.is_date and not m.on_copyright_line and not context.in_boilerplate(m.start, m.end) and m.start < furniture
    ]
    chosen: list[CalendarMention] = []
    # The characters of the chosen mentions: overlap tests cost a mention's length, not the
    # number chosen so far (which made a long list of dates quadratic).
    taken = bytearray(len(text))

    def free(mention: CalendarMention) -> bool:
        return taken.find(1, mention.start, mention.end) < 0

    def choose(mention: CalendarMention) -> None:
        chosen.append(mention)
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

    # Longest first, so ``tahun 2017`` beats ``2017`` and a rejected short form never blocks a long one.
    order = sorted(plausible, key=lambda m: (-(m.end - m.start), m.start))
    for mention in order:
        if mention.form not in _SETTLED_LAST and free(mention):
            choose(mention)
    for mention in sorted((m for m in order if m.form in _SETTLED_LAST), key=lambda m: m.start):
        if free(mention) and not (mention.form == "relative" and _qualifies_chosen_date(text, mention, taken)):
            choose(mention)
    # A publication stamp is chosen like any date, so that no part of it (``Selasa``,
    # ``November 2023``) is taken for one, and then dropped: it is page furniture.
    return sorted((m for m in chosen if not m.publication_stamp), key=lambda m: m.start)


def _explicit_year(mention: CalendarMention) -> Optional[int]:
    groups = mention.expression.groups
    for group in ("y1", "ny"):
        if groups.get(group) and len(groups[group]) == 4:
            return int(groups[group])
    return None


_NEXT_TO_DAY_REACH = 16  # tokens between a dated day and a weekday that is read next to it


def _tokens_between(doc: Doc, start: int, end: int) -> int:
    """The Doc's tokens (whitespace aside) lying within ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract") if start < end else None
    return 0 if span is None else sum(1 for token in span if not token.is_space)

_BORROW_JOINER = re.compile(
    r"^[ \u00a0]*(?:[-\u2013,]|hingga|sampai(?:[ \u00a0]+dengan)?|s/d|s\.d\.?|dan|atau)[ \u00a0]*(?:(?:tanggal|pada)[ \u00a0]+)?$",
    re.IGNORECASE,
)


def _borrowed_year(text: str, index: int, chosen: list[CalendarMention]) -> Optional[int]:
    """The year of the next date when the two are joined (``17 Oktober hingga 20 Oktober 2016``)."""
    mention = chosen[index]
    if mention.form not in YEARLESS_FORMS or _explicit_year(mention):
        return None
    for following in chosen[index + 1 : index + 3]:
        if not _BORROW_JOINER.match(text[mention.end : following.start]):
            return None
        year = _explicit_year(following)
        if year is not None:
            return year
        mention = following
    return None


# Forms that write a day out (day and month at least): the days a text dates.
_EXPLICIT_DAY_FORMS = frozenset({"weekday_dm", "dm_paren", "dmy_numeric", "weekday_day_month", "day_month", "month_day_year"})
_SAME_WEEK_DAYS = 6  # a weekday the text has dated is that day when it lies this near the anchor
_UNRESOLVED_NO_ANCHOR = "no publication date to resolve it against"
_UNRESOLVED_YEAR_ONLY = "the publication date is known only to its year"


def _single_day(value: DateValue) -> Optional[dt.date]:
    if value.granularity == "day" and value.value and value.value_end is None:
        return dt.date.fromisoformat(value.value)
    return None


def _needs_statement_day(mention: CalendarMention) -> bool:
    """Relative words (``kemarin``, ``tahun lalu``, ``Februari tahun lalu``): read against the day
    the statement was made when the sentence dates it."""
    return mention.form == "relative" or "ry" in mention.expression.groups


def _needs_anchor(mention: CalendarMention, default_year: Optional[int]) -> bool:
    return mention.form in ("weekday", "relative") or (
        mention.form in YEARLESS_FORMS and default_year is None and _explicit_year(mention) is None
    )


def _dated_weekday(weekday: int, dated: list[dt.date], anchor: Optional[dt.date]) -> Optional[dt.date]:
    """The last day the text dated with this weekday, when it is this week's (``pada Selasa
    (26/7/2022)`` ... ``akan ditemui ... pada Selasa``: that Tuesday, not next week's)."""
    if anchor is None:
        return None
    for day in reversed(dated):
        if day.weekday() == weekday and abs((day - anchor).days) <= _SAME_WEEK_DAYS:
            return day
    return None


_APPOSITION_MARKS = frozenset({",", "("})
_MOST_APPOSITION_MARKS = 2  # ``besok, (22/9)``


def _in_apposition(doc: Doc, mention: CalendarMention, following: CalendarMention) -> bool:
    """``besok, Rabu, 22 September``, ``hari ini (21/7)``: a relative day word named again by the
    date right after it. The tokens between (their parts between the two, where a mention ends or
    starts inside a token) are a comma or an opening bracket, two at most, and spaces."""
    columns = token_columns(doc)
    offsets, lengths = columns.offsets, columns.lengths
    text = doc_text(doc)
    start, end = mention.end, following.start
    marks = 0
    k = max(0, bisect.bisect_right(offsets, start) - 1)
    while k < len(offsets) and offsets[k] < end:
        piece = text[max(offsets[k], start) : min(offsets[k] + lengths[k], end)]
        k += 1
        if piece in _APPOSITION_MARKS:
            marks += 1
        elif piece.strip(" \u00a0"):
            return False  # a word, other punctuation, a line break
    return marks <= _MOST_APPOSITION_MARKS


def _dates_a_statement(doc: Doc, text: str, mention: CalendarMention) -> bool:
    """A bare weekday right after a statement's words (``menurut kantornya pada Rabu``, ``kata
    Menlu, Senin``): at most ``statement_reach`` tokens back within its sentence, and no future
    word right after it (``Rabu depan``)."""
    lexicon = date_lexicon()
    phrases = [phrase.split() for phrase in lexicon["weekday_future_after"]]
    after = doc.char_span(mention.end, len(text), alignment_mode="expand") if mention.end < len(text) else None
    following = [token.lower_ for token in (after or ())[: 2 * max(map(len, phrases))] if not token.is_space]
    if any(following[: len(phrase)] == phrase for phrase in phrases):
        return False
    span = doc.char_span(mention.sentence_start, mention.start, alignment_mode="contract") if mention.sentence_start < mention.start else None
    if span is None:
        return False
    words = frozenset(lexicon["statement_words"])
    before = [token.text.casefold() for token in span if not token.is_space][-lexicon["statement_reach"] :]
    return any(word in words for word in before)


def extract_dates(doc: Doc, context: ExtractionContext) -> Iterable[DateRecord]:
    text = context.text
    chosen = _select(text, calendar_mentions(doc), context)
    anchor = context.published
    grain = anchor_granularity(context.published_source)
    values: list[Optional[DateValue]] = [None] * len(chosen)
    borrowed = [_borrowed_year(text, index, chosen) for index in range(len(chosen))]
    dated: list[dt.date] = []  # days the text wrote out, in text order
    last_day: Optional[tuple[int, dt.date, int]] = None  # (sentence start, date, end) of the last day written out
    for index, mention in enumerate(chosen):
        if _needs_statement_day(mention):
            continue
        name = mention.form
        groups = mention.expression.groups
        tense = mention.tense
        if name == "weekday" and tense == "future" and _dates_a_statement(doc, text, mention):
            tense = None  # "... menurut kantornya pada Rabu": the day the statement was made
        value = resolve_form(name, groups, anchor, anchor_grain=grain, tense=tense, default_year=borrowed[index])
        if name == "weekday" and not groups.get("wq"):
            weekday = weekday_number(groups["wd"])
            near = None
            if (
                last_day is not None
                and last_day[0] == mention.sentence_start
                and _tokens_between(doc, last_day[2], mention.start) <= _NEXT_TO_DAY_REACH
                and not mention.closes_attribution
            ):
                # ``Minggu (11/6) pukul 14.00 waktu setempat atau Senin dini hari WIB``: next to that day
                near = nearest_weekday(weekday, last_day[1])
            elif grain == "day":
                near = _dated_weekday(weekday, dated, anchor)
            if near is not None:
                value = DateValue(near.isoformat(), None, "day")
        day = _single_day(value)
        if day is not None and name in _EXPLICIT_DAY_FORMS:
            last_day = (mention.sentence_start, day, mention.end)
            dated.append(day)
        values[index] = value
    # The day a statement was made: ``"... besok," kata Menlu, Senin (3/4).``
    statement_days = {
        mention.sentence_start: day
        for mention, value in zip(chosen, values)
        if value is not None and mention.closes_attribution and (day := _single_day(value)) is not None
    }
    for index, mention in enumerate(chosen):
        if not _needs_statement_day(mention):
            continue
        statement_day = statement_days.get(mention.sentence_start)
        reference, reference_grain = (statement_day, "day") if statement_day else (anchor, grain)
        value = resolve_form(
            mention.form,
            mention.expression.groups,
            reference,
            anchor_grain=reference_grain,
            tense=mention.tense,
            default_year=borrowed[index],
        )
        following = chosen[index + 1] if index + 1 < len(chosen) else None
        if value.granularity == "day" and following is not None and _in_apposition(doc, mention, following):
            named = values[index + 1]
            if named is not None and _single_day(named) is not None:
                value = named  # an explicit date wins over the word's own reading
        values[index] = value
    for index, (mention, value) in enumerate(zip(chosen, values)):
        assert value is not None
        unresolved = {}
        if value.value is None and _needs_anchor(mention, borrowed[index]):
            if anchor is None:
                unresolved = {"unresolved": _UNRESOLVED_NO_ANCHOR}
            elif grain != "day":
                unresolved = {"unresolved": _UNRESOLVED_YEAR_ONLY}
        yield DateRecord(
            start=mention.start,
            end=mention.end,
            text=text[mention.start : mention.end],
            value=value.value,
            value_end=value.value_end,
            granularity=value.granularity,
            rule=mention.form,
            **unresolved,
        )


class DatesStage(RecordStage):
    name = "dates"
    requires = frozenset({"published", "boilerplate", "spans:calendar"})
    extractor = extract_dates
