"""Date values: what a date expression means, and the publication date the expressions imply.

Finding expressions is the ``calendar`` component's job (:mod:`extractor.components.calendar`
writes them as ``doc.spans["calendar"]``, each a :class:`DateExpression` with its grammar form
and named parts); here :func:`resolve_form` turns one expression into a :class:`DateValue`.
Calendar dates are read by ``dateparser`` with explicit settings (``languages=['id']``,
``DATE_ORDER='DMY'``, ``RELATIVE_BASE`` = the anchor, ``PREFER_DATES_FROM``,
``REQUIRE_PARTS``); month names are first mapped to their Indonesian spelling from the lexicon,
so ``Agt``, ``Sept``, ``August`` and ``Nopember`` all parse. dateparser's own search over
running text is never used.

Resolving against the anchor (``published``):

* a day or month without a year (``(2/8)``, ``1-3 Agustus``, ``April``) takes the year that
  puts it nearest to the anchor in the direction the sentence speaks: the latest on or before
  the anchor when it speaks of the past (``Desember lalu`` in January), the first on or after
  it when it speaks of the future (``akan dilantik 5 Januari`` written in November), the
  nearest either way otherwise (``(31/12)`` read on 2 January); a weekday given with it
  (``Rabu (9/8)``) picks the nearby year whose calendar agrees;
* a bare weekday is the most recent such day on or before the anchor, or the next one after it
  in future sentences;
* relative words (``kemarin``, ``tahun lalu``) add their lexicon offset;
* an anchor known only to the year (``published_source`` ``copyright`` or ``inferred``, see
  :func:`anchor_granularity`) resolves year-relative words and supplies missing years, but a
  bare weekday or ``kemarin`` then gets ``value`` null;
* with no anchor at all, anything relative gets ``value`` null.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Mapping, Optional, Sequence

from dateparser.date import DateDataParser
from dateutil.relativedelta import relativedelta

from ..resource_data import load_resource

Tense = Optional[Literal["past", "future"]]
GranularityName = Literal["day", "month", "year"]

# Sources whose published date is only good for its year: infer_published returns 1 January.
YEAR_ONLY_SOURCES = frozenset({"copyright", "inferred"})


@lru_cache(maxsize=1)
def date_lexicon() -> dict:
    return load_resource("dates.json")


@lru_cache(maxsize=1)
def calendar_names() -> frozenset[str]:
    """The standard weekday and month names (``Senin``, ``Januari``: the first form of each
    entry of ``dates.json``), for the matchers that must not read them as names or places."""
    lexicon = date_lexicon()
    return frozenset(forms[0] for section in ("weekdays", "months") for forms in lexicon[section].values())


@lru_cache(maxsize=1)
def weekday_forms() -> frozenset[str]:
    """Every spelling of a weekday in ``dates.json`` (``Jumat``, ``Jum'at``, ``Ahad``)."""
    return frozenset(form for forms in date_lexicon()["weekdays"].values() for form in forms)


@dataclass(frozen=True)
class DateExpression:
    """One date expression found in a text: the grammar form it matched (``day_month``,
    ``weekday_dm`` ...), the extent to report (``start``/``end``; a bracketed ``(2/8)`` is
    reported without its brackets, so ``match_start`` may lie before ``start``) and its named
    parts (``d1`` day, ``m1`` month, ``y1`` year, ``wd`` weekday, ``noun`` a calendar noun ...),
    only those present."""

    form: str
    start: int
    end: int
    match_start: int
    groups: Mapping[str, str]


@dataclass(frozen=True)
class DateValue:
    """The value of one date expression: ISO (possibly partial) start, end of a range, granularity."""

    value: Optional[str]
    value_end: Optional[str]
    granularity: GranularityName


# --------------------------------------------------------------------------- lexicon lookups


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    table = {}
    lexicon = date_lexicon()
    for section in ("months", "month_abbreviations"):
        for number, words in lexicon[section].items():
            for word in words:
                table[word.casefold()] = int(number)
    return table


@lru_cache(maxsize=1)
def _weekday_numbers() -> dict[str, int]:
    table = {}
    for number, words in date_lexicon()["weekdays"].items():
        for word in words:
            table[word.casefold()] = int(number)
    return table


def month_number(word: str) -> Optional[int]:
    return _month_numbers().get(word.rstrip(".").casefold())


def weekday_number(word: str) -> Optional[int]:
    """Monday = 0 ... Sunday = 6, as ``datetime.date.weekday``."""
    return _weekday_numbers().get(word.casefold())


def _canonical_month(month: int) -> str:
    return date_lexicon()["months"][str(month)][0]


# --------------------------------------------------------------------------- dateparser


def _settings(anchor: Optional[dt.date], tense: Tense, parts: list[str]) -> dict:
    base = anchor or dt.date(2000, 1, 1)
    return {
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": parts,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


@lru_cache(maxsize=4096)
def _dateparser_date(expression: str, parts: tuple[str, ...], anchor: Optional[dt.date], tense: Tense) -> Optional[dt.date]:
    parser = DateDataParser(languages=["id"], settings=_settings(anchor, tense, list(parts)))
    data = parser.get_date_data(expression)
    return data.date_obj.date() if data and data.date_obj else None


# Years for which dateparser's reading of a fully written day (``17/8/2017``, ``17 Agustus 2017``)
# or month (``Agustus 2017``) is known to be exactly the calendar's, whatever the anchor and
# tense: checked exhaustively for every day of every month (tests/test_normalize_dates.py keeps a
# sample). There the calendar answers directly, saving a dateparser call (about a millisecond);
# a triple that is no real day can never match what dateparser reads either.
_CALENDAR_YEARS = range(2000, 2031)


def _fast_calendar_day(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def calendar_day(
    year: int, month: int, day: int, *, numeric: bool = False, anchor: Optional[dt.date] = None, tense: Tense = None
) -> Optional[dt.date]:
    """A real calendar day, read by dateparser (``31 Februari`` is not one)."""
    if type(year) is int and type(month) is int and type(day) is int and year in _CALENDAR_YEARS and 1 <= month <= 12:
        return _fast_calendar_day(year, month, day)
    expression = f"{day}/{month}/{year}" if numeric else f"{day} {_canonical_month(month)} {year}"
    parsed = _dateparser_date(expression, ("day", "month", "year"), anchor, tense)
    if parsed is None or (parsed.year, parsed.month, parsed.day) != (year, month, day):
        return None
    return parsed


def calendar_month(
    year: int, month: int, *, anchor: Optional[dt.date] = None, tense: Tense = None
) -> Optional[tuple[int, int]]:
    if type(year) is int and type(month) is int and year in _CALENDAR_YEARS and 1 <= month <= 12:
        return year, month
    parsed = _dateparser_date(f"{_canonical_month(month)} {year}", ("month", "year"), anchor, tense)
    if parsed is None or (parsed.year, parsed.month) != (year, month):
        return None
    return year, month


# --------------------------------------------------------------------------- resolution


def anchor_granularity(published_source: Optional[str]) -> GranularityName:
    """How much of ``context.published`` can be trusted: the whole day, or only its year."""
    return "year" if published_source in YEAR_ONLY_SOURCES else "day"


def published_iso(published: Optional[dt.date], published_source: Optional[str]) -> Optional[str]:
    """``published`` as ISO, partial (``2019``) when its source only knows the year."""
    if published is None:
        return None
    if anchor_granularity(published_source) == "year":
        return f"{published.year:04d}"
    return published.isoformat()


_WEEKDAY_REACH_DAYS = 183


def _choose_year(
    month: int,
    day: Optional[int],
    anchor: Optional[dt.date],
    anchor_grain: GranularityName,
    tense: Tense,
    weekday: Optional[int] = None,
) -> Optional[int]:
    """The year for a day/month written without one (see the module docstring)."""
    if anchor is None:
        return None
    if weekday is not None and day is not None:
        years = [anchor.year - 1, anchor.year, anchor.year + 1]
        agreeing = [y for y in years if (d := calendar_day(y, month, day)) and d.weekday() == weekday]
        if anchor_grain == "year":
            return anchor.year if anchor.year in agreeing or not agreeing else agreeing[0]
        # Writers get weekdays wrong now and then: let the weekday pick only among nearby years.
        near = [y for y in agreeing if abs((dt.date(y, month, day) - anchor).days) <= _WEEKDAY_REACH_DAYS]
        if near:
            return min(near, key=lambda y: (abs((dt.date(y, month, day) - anchor).days), y > anchor.year))
        if tense is None and anchor.year in agreeing:
            return anchor.year  # ``Jumat (13/1)`` read in October: the January the weekday names
    if anchor_grain == "year":
        return anchor.year
    first = dt.date(anchor.year, month, min(day or 1, 28))
    last = first if day else first + relativedelta(months=1, days=-1)
    if tense == "past" and first > anchor:
        return anchor.year - 1
    if tense == "future" and last < anchor:
        return anchor.year + 1
    if tense is None:
        # no direction: the year that puts it nearest (``(31/12)`` read on 2 January is last
        # year's, ``November`` read in January the last one)
        return min(
            (anchor.year, anchor.year - 1, anchor.year + 1),
            key=lambda year: _distance_days(year, month, day, anchor),
        )
    return anchor.year


def _distance_days(year: int, month: int, day: Optional[int], anchor: dt.date) -> int:
    """Days between ``anchor`` and the day (or the nearest day of the month) in ``year``."""
    first = dt.date(year, month, min(day or 1, 28))
    last = first if day else first + relativedelta(months=1, days=-1)
    if first <= anchor <= last:
        return 0
    return min(abs((first - anchor).days), abs((last - anchor).days))


def _iso_day(year: Optional[int], month: int, day: int, **reading) -> Optional[str]:
    if year is None:
        return None
    parsed = calendar_day(year, month, day, **reading)
    return parsed.isoformat() if parsed else None


def _iso_month(year: Optional[int], month: int, **reading) -> Optional[str]:
    if year is None or calendar_month(year, month, **reading) is None:
        return None
    return f"{year:04d}-{month:02d}"


def _range_end_year(start: int, end_text: str) -> Optional[int]:
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    return end if end > start else None


def _ordered(value: Optional[str], value_end: Optional[str], granularity: GranularityName) -> DateValue:
    if value_end is not None and (value is None or value_end < value):
        return DateValue(None, None, granularity)  # half-read or backwards (``9-2 Juli``): unreadable
    return DateValue(value, value_end, granularity)


def _full_year(text: str) -> int:
    """``2017`` or ``17`` (written after a day and month) as a four-digit year."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def _spaced(words: str) -> str:
    """A phrase as the lexicon spells it: one plain space between its words (``pekan\u00a0lalu``)."""
    return " ".join(words.split())


def resolve_form(
    form: str,
    groups: Mapping[str, str],
    anchor: Optional[dt.date] = None,
    *,
    anchor_grain: GranularityName = "day",
    tense: Tense = None,
    default_year: Optional[int] = None,
) -> DateValue:
    """The value of one expression of the form named ``form``, from its named parts ``groups``
    (``d1``, ``m1``, ``y1``, ``wd`` ...: :attr:`DateExpression.groups`).

    ``default_year`` is the year to use for a day/month written without one when the text
    supplies it nearby (``17 Oktober hingga 20 Oktober 2016``).
    """
    lexicon = date_lexicon()
    reading = {"anchor": anchor, "tense": tense}  # dateparser's RELATIVE_BASE and PREFER_DATES_FROM
    weekday = weekday_number(groups.get("wd")) if groups.get("wd") else None
    if groups.get("ry"):
        offset = lexicon["relative_year_suffix"][_spaced(groups["ry"]).casefold()]
        default_year = anchor.year + offset if anchor else None
        if default_year is None:
            granularity: GranularityName = "month" if form.startswith("month") else "day"
            return DateValue(None, None, granularity)

    if form in ("weekday_dm", "dm_paren", "dmy_numeric"):
        day, month = int(groups.get("nd")), int(groups.get("nm"))
        # ``Jumat (28/7) hingga Minggu (30/7)``: the range's last day; either side may give the year
        end_month = int(groups["em"]) if groups.get("em") else month
        end_day = int(groups["ed"]) if groups.get("ed") else int(groups["nd2"]) if groups.get("nd2") else None
        year_text, end_year_text = groups.get("ny"), groups.get("ey")
        if year_text:
            year = _full_year(year_text)
        elif end_year_text:
            year = _full_year(end_year_text) - (1 if end_month < month else 0)
        else:
            year = default_year or _choose_year(month, day, anchor, anchor_grain, tense, weekday)
        end_year = _full_year(end_year_text) if end_year_text else (year + 1 if year is not None and end_month < month else year)
        value_end = _iso_day(end_year, end_month, end_day, numeric=True, **reading) if end_day is not None else None
        return _ordered(_iso_day(year, month, day, numeric=True, **reading), value_end, "day")

    if form in ("weekday_day_month", "day_month", "day_month_range", "month_day_year"):
        month = month_number(groups.get("m1"))
        end_month = month_number(groups.get("m2")) if groups.get("m2") else month
        day = int(groups.get("d1"))
        end_day = int(groups.get("d2")) if groups.get("d2") else None
        end_year = int(groups.get("y1")) if groups.get("y1") else None
        start_year = int(groups.get("y0")) if groups.get("y0") else None
        if start_year is None and end_year is not None:
            start_year = end_year - 1 if month > end_month else end_year
        if start_year is None:
            start_year = default_year or _choose_year(month, day, anchor, anchor_grain, tense, weekday)
        if end_year is None and start_year is not None:
            end_year = start_year + 1 if end_month < month else start_year
        value = _iso_day(start_year, month, day, **reading)
        value_end = _iso_day(end_year, end_month, end_day, **reading) if end_day is not None else None
        return _ordered(value, value_end, "day")

    if form in ("month_range", "month_year", "month"):
        month = month_number(groups.get("m1"))
        end_month = month_number(groups.get("m2")) if groups.get("m2") else None
        end_year = int(groups.get("y1")) if groups.get("y1") else None
        if end_year is not None:
            start_year = end_year - 1 if end_month is not None and end_month < month else end_year
        else:
            start_year = default_year or _choose_year(month, None, anchor, anchor_grain, tense)
            if end_month is not None and start_year is not None:
                end_year = start_year + 1 if end_month < month else start_year
        value = _iso_month(start_year, month, **reading)
        value_end = _iso_month(end_year, end_month, **reading) if end_month is not None else None
        return _ordered(value, value_end, "month")

    if form == "year_range":
        start = int(groups.get("y1"))
        end = _range_end_year(start, groups.get("y2"))
        if end is None:
            return DateValue(None, None, "year")
        return DateValue(f"{start:04d}", f"{end:04d}", "year")

    if form in ("year", "bare_year"):
        return DateValue(f"{int(groups['y1']):04d}", None, "year")

    if form == "weekday":
        if anchor is None or anchor_grain != "day":
            return DateValue(None, None, "day")
        if groups.get("wq"):
            weeks = lexicon["week_qualifiers"][_spaced(groups["wq"])]
            monday = anchor - dt.timedelta(days=anchor.weekday())
            return DateValue((monday + dt.timedelta(days=7 * weeks + weekday)).isoformat(), None, "day")
        if tense == "future":
            offset = (weekday - anchor.weekday()) % 7 or 7
        elif tense == "past":  # ``Selasa lalu``: last week's when the anchor is itself a Tuesday
            offset = -((anchor.weekday() - weekday) % 7 or 7)
        else:
            offset = -((anchor.weekday() - weekday) % 7)
        return DateValue((anchor + dt.timedelta(days=offset)).isoformat(), None, "day")

    if form == "relative":
        phrase = _spaced(groups["rel"]).casefold()
        entry = lexicon["relative"][phrase]
        granularity = entry["granularity"]
        if anchor is None or (granularity != "year" and anchor_grain != "day"):
            return DateValue(None, None, granularity)
        moved = anchor + relativedelta(
            years=entry.get("years", 0), months=entry.get("months", 0), days=entry.get("days", 0)
        )
        if granularity == "year":
            return DateValue(f"{moved.year:04d}", None, "year")
        if granularity == "month":
            return DateValue(f"{moved.year:04d}-{moved.month:02d}", None, "month")
        return DateValue(moved.isoformat(), None, "day")

    raise KeyError(f"unknown date form {form!r}")


def nearest_weekday(weekday: int, reference: dt.date, reach: int = 3) -> Optional[dt.date]:
    """The day with this weekday within ``reach`` days of ``reference`` (``Sabtu (Minggu WIB)``)."""
    for distance in range(reach + 1):
        for sign in (1, -1):
            day = reference + dt.timedelta(days=sign * distance)
            if day.weekday() == weekday:
                return day
    return None


# --------------------------------------------------------------------------- published date

_DATELINE_REACH = 300  # a dateline or publication stamp sits in the first lines
_WEEKDAY_YEAR_REACH = 2
_FULL_DATE_FORMS = ("weekday_day_month", "day_month", "month_day_year", "weekday_dm", "dm_paren", "dmy_numeric")


def _of_form(expressions: Sequence[DateExpression], *names: str) -> list[DateExpression]:
    return [e for e in expressions if e.form in names]


def _explicit_days(expressions: Sequence[DateExpression]) -> list[tuple[int, dt.date]]:
    """Full dates with an explicit year, as ``(offset, date)`` in text order."""
    found = []
    for name in _FULL_DATE_FORMS:
        for expression in _of_form(expressions, name):
            groups = expression.groups
            has_year = (groups.get("ny") or groups.get("y1")) and not groups.get("d2")
            if not has_year:
                continue
            value = resolve_form(name, groups).value
            if value:
                found.append((expression.match_start, dt.date.fromisoformat(value)))
    return sorted(found)


def _mentioned_year(expressions: Sequence[DateExpression]) -> Optional[int]:
    """The article's own year, from its dates: full dates and ``Month YYYY`` (the most frequent,
    ties to the latest), else the latest ``tahun YYYY``."""
    years = [day.year for _, day in _explicit_days(expressions)]
    years += [int(e.groups["y1"]) for e in _of_form(expressions, "month_year")]
    if years:
        return max(set(years), key=lambda y: (years.count(y), y))
    years = [int(e.groups["y1"]) for e in _of_form(expressions, "year")]
    return max(years) if years else None


def _weekday_dated(expressions: Sequence[DateExpression], year_hint: int) -> Optional[dt.date]:
    """The first ``Senin (27/3)`` of the text, in the year near ``year_hint`` whose calendar agrees."""
    for expression in sorted(_of_form(expressions, "weekday_dm"), key=lambda e: e.match_start):
        groups = expression.groups
        if groups.get("ny"):
            continue
        weekday, day, month = weekday_number(groups["wd"]), int(groups["nd"]), int(groups["nm"])
        agreeing = [
            y
            for y in range(year_hint - _WEEKDAY_YEAR_REACH, year_hint + _WEEKDAY_YEAR_REACH + 1)
            if (d := calendar_day(y, month, day)) is not None and d.weekday() == weekday
        ]
        if agreeing:
            year = min(agreeing, key=lambda y: (abs(y - year_hint), -y))
            return dt.date(year, month, day)
    return None


def infer_published(
    expressions: Sequence[DateExpression], copyright_years: Sequence[int] = ()
) -> tuple[Optional[dt.date], Optional[str]]:
    """A publication date for an article that came without one, and where it came from, given
    every date expression of its text (in the order the grammar finds them) and the years of
    its copyright lines.

    * ``"text"``: a full date (day, month, year) in the first ``300`` characters, where datelines
      and publication stamps sit (``Jakarta, Senin, 28 Agustus 2017``); or else the first
      ``Weekday (d/m)`` of the article (news dates its report that way), in the year next to the
      year below whose calendar has that weekday on that day;
    * ``"copyright"``: the (latest) year of a copyright line, returned as 1 January of that year;
    * ``"inferred"``: the article's own year (:func:`_mentioned_year`), as 1 January;
    * ``(None, None)`` when the text gives nothing.

    The last two carry only a year: read them through :func:`anchor_granularity`.
    """
    stamped = [day for offset, day in _explicit_days(expressions) if offset < _DATELINE_REACH]
    if stamped:
        return stamped[0], "text"
    year, source = (max(copyright_years) if copyright_years else None), "copyright"
    if year is None:
        year, source = _mentioned_year(expressions), "inferred"
    if year is None:
        return None, None
    dated = _weekday_dated(expressions, year)
    if dated is not None:
        return dated, "text"
    return dt.date(year, 1, 1), source
