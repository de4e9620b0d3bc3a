import datetime as dt
from pathlib import Path

import pytest

from extractor.normalize.dates import (
    DateExpression,
    DateValue,
    anchor_granularity,
    infer_published,
    nearest_weekday,
    published_iso,
    resolve_form,
)

PUBLISHED = dt.date(2017, 8, 10)  # a Thursday


def test_resolve_form_reads_named_parts():
    groups = {"d1": "19", "d2": "20", "m1": "Mei", "y1": "2016"}
    assert resolve_form("day_month", groups, PUBLISHED) == DateValue("2016-05-19", "2016-05-20", "day")
    assert resolve_form("dm_paren", {"nd": "2", "nm": "8"}, PUBLISHED) == DateValue("2017-08-02", None, "day")
    assert resolve_form("dm_paren", {"nd": "2", "nm": "8"}, PUBLISHED, default_year=2016).value == "2016-08-02"
    assert resolve_form("relative", {"rel": "tahun\u00a0lalu"}, PUBLISHED).value == "2016"
    with pytest.raises(KeyError, match="unknown date form"):
        resolve_form("fortnight", {}, PUBLISHED)


def test_infer_published_from_expressions():
    stamp = DateExpression("day_month", 10, 26, 10, {"d1": "28", "m1": "Agustus", "y1": "2017"})
    late = DateExpression("day_month", 400, 416, 400, {"d1": "19", "m1": "Mei", "y1": "2016"})
    assert infer_published([stamp]) == (dt.date(2017, 8, 28), "text")
    assert infer_published([late]) == (dt.date(2016, 1, 1), "inferred")
    assert infer_published([late], [2019]) == (dt.date(2019, 1, 1), "copyright")
    assert infer_published([]) == (None, None)


def test_anchor_granularity_and_iso():
    assert anchor_granularity("input") == "day"
    assert anchor_granularity("text") == "day"
    assert anchor_granularity("copyright") == "year"
    assert anchor_granularity("inferred") == "year"
    assert published_iso(dt.date(2019, 1, 1), "copyright") == "2019"
    assert published_iso(dt.date(2017, 8, 10), "input") == "2017-08-10"
    assert published_iso(None, None) is None


def test_nearest_weekday():
    assert nearest_weekday(6, dt.date(2018, 2, 17)) == dt.date(2018, 2, 18)
    assert nearest_weekday(0, dt.date(2017, 6, 11)) == dt.date(2017, 6, 12)


def test_module_never_uses_dateparser_text_search():
    source = Path(__file__).resolve().parents[1] / "src" / "extractor" / "normalize" / "dates.py"
    assert "search" + "_dates" not in source.read_text(encoding="utf-8")


# The calendar short cut of calendar_day/calendar_month must agree with dateparser's reading.
_SHORT_CUT_SAMPLE = [
    (2000, 1, 1), (2000, 2, 29), (2001, 2, 29), (2016, 2, 29), (2017, 2, 29), (2017, 2, 30),
    (2017, 4, 31), (2017, 8, 17), (2017, 12, 31), (2018, 1, 0), (2018, 6, 32), (2019, 11, 30),
    (2024, 2, 29), (2030, 12, 31), (2030, 9, 31),
]


@pytest.mark.parametrize("anchor, tense", [(None, None), (dt.date(2017, 3, 28), "future"), (dt.date(2016, 12, 30), "past")])
def test_calendar_short_cut_agrees_with_dateparser(anchor, tense):
    from extractor.normalize.dates import _dateparser_date, _canonical_month, calendar_day, calendar_month

    for year, month, day in _SHORT_CUT_SAMPLE:
        for numeric in (True, False):
            expression = f"{day}/{month}/{year}" if numeric else f"{day} {_canonical_month(month)} {year}"
            parsed = _dateparser_date(expression, ("day", "month", "year"), anchor, tense)
            expected = parsed if parsed and (parsed.year, parsed.month, parsed.day) == (year, month, day) else None
            assert calendar_day(year, month, day, numeric=numeric, anchor=anchor, tense=tense) == expected
        parsed = _dateparser_date(f"{_canonical_month(month)} {year}", ("month", "year"), anchor, tense)
        expected = (year, month) if parsed and (parsed.year, parsed.month) == (year, month) else None
        assert calendar_month(year, month, anchor=anchor, tense=tense) == expected


def test_choose_year_nearest_in_the_direction_spoken():
    anchor = dt.date(2017, 1, 20)
    assert resolve_form("month", {"m1": "Oktober"}, anchor).value == "2016-10"  # nearest
    assert resolve_form("month", {"m1": "Oktober"}, anchor, tense="future").value == "2017-10"
    assert resolve_form("dm_paren", {"nd": "31", "nm": "12"}, dt.date(2018, 1, 2)).value == "2017-12-31"
    assert resolve_form("dm_paren", {"nd": "25", "nm": "1"}, anchor, tense="past").value == "2016-01-25"
    # the anchor's own month is nearest
    assert resolve_form("month", {"m1": "Januari"}, anchor).value == "2017-01"
