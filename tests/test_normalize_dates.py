import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize.dates import (
    DateValue,
    anchor_granularity,
    copyright_year,
    date_lexicon,
    infer_published,
    nearest_weekday,
    normalize_date,
    published_iso,
)

PUBLISHED = dt.date(2017, 8, 10)  # a Thursday


@pytest.mark.parametrize(
    "expression, value, value_end, granularity",
    [
        ("19 Mei 2016", "2016-05-19", None, "day"),
        ("Rabu, 9 Agustus 2017", "2017-08-09", None, "day"),
        ("9 Agt 2017", "2017-08-09", None, "day"),
        ("9 Agu 2017", "2017-08-09", None, "day"),
        ("9 Sept. 2017", "2017-09-09", None, "day"),
        ("9 August 2017", "2017-08-09", None, "day"),
        ("August 9, 2017", "2017-08-09", None, "day"),
        ("tanggal 17 Agustus", "2017-08-17", None, "day"),
        ("November 2018", "2018-11", None, "month"),
        ("Nopember 2018", "2018-11", None, "month"),
        ("bulan Mei", "2017-05", None, "month"),
        ("tahun 2017", "2017", None, "year"),
        ("Tahun 2016", "2016", None, "year"),
        ("2018", "2018", None, "year"),
        ("19-20 Mei 2016", "2016-05-19", "2016-05-20", "day"),
        ("19\u2013 20 Mei 2016", "2016-05-19", "2016-05-20", "day"),
        ("1-3 Agustus", "2017-08-01", "2017-08-03", "day"),
        ("28 Desember - 2 Januari 2018", "2017-12-28", "2018-01-02", "day"),
        ("Mei-Juni 2017", "2017-05", "2017-06", "month"),
        ("periode Januari – Agustus 2017", "2017-01", "2017-08", "month"),
        ("2018-2021", "2018", "2021", "year"),
        ("periode 2018-2021", "2018", "2021", "year"),
        ("tahun 2015-2016", "2015", "2016", "year"),
        ("2016/17", "2016", "2017", "year"),
        ("Rabu (9/8)", "2017-08-09", None, "day"),
        ("(2/8)", "2017-08-02", None, "day"),
        ("2/8", "2017-08-02", None, "day"),
        ("Selasa (26/9 / 2017)", "2017-09-26", None, "day"),
        ("Senin, (16/10/2017)", "2017-10-16", None, "day"),
        ("23/05/2007", "2007-05-23", None, "day"),
        ("Rabu", "2017-08-09", None, "day"),
        ("hari Senin", "2017-08-07", None, "day"),
        ("Kamis", "2017-08-10", None, "day"),  # the anchor's own weekday is the anchor
        ("Jumat pekan lalu", "2017-08-04", None, "day"),
        ("Senin pekan depan", "2017-08-14", None, "day"),
        ("Sabtu ini", "2017-08-12", None, "day"),
        ("hari ini", "2017-08-10", None, "day"),
        ("Hari ini", "2017-08-10", None, "day"),
        ("kemarin", "2017-08-09", None, "day"),
        ("besok", "2017-08-11", None, "day"),
        ("lusa", "2017-08-12", None, "day"),
        ("tahun lalu", "2016", None, "year"),
        ("tahun depan", "2018", None, "year"),
        ("tahun ini", "2017", None, "year"),
        ("bulan lalu", "2017-07", None, "month"),
        ("26 Juni tahun depan", "2018-06-26", None, "day"),
        ("Juni tahun lalu", "2016-06", None, "month"),
    ],
)
def test_normalize_forms(expression, value, value_end, granularity):
    assert normalize_date(expression, PUBLISHED) == DateValue(value, value_end, granularity)


@pytest.mark.parametrize(
    "expression",
    ["2 tahun", "20 Tahun", "42%", "pukul 10.00", "pukul 10.00 WIB", "US$16.74", "pekan lalu", "saat ini",
     "beberapa waktu lalu", "G20", "Pasal 5", "No. 12", "021-5551234", "", "Mei 2"],
)
def test_not_date_expressions(expression):
    assert normalize_date(expression, PUBLISHED) is None


def test_future_tense_moves_forward():
    assert normalize_date("Rabu", PUBLISHED, tense="future").value == "2017-08-16"
    assert normalize_date("Kamis", PUBLISHED, tense="future").value == "2017-08-17"
    # a day-month nearest the anchor, or the next one in the future
    assert normalize_date("(2/8)", PUBLISHED).value == "2017-08-02"
    assert normalize_date("(2/8)", PUBLISHED, tense="future").value == "2018-08-02"
    assert normalize_date("(2/1)", dt.date(2017, 12, 30)).value == "2018-01-02"
    assert normalize_date("(2/1)", dt.date(2017, 12, 30), tense="past").value == "2017-01-02"


def test_weekday_picks_year_near_anchor():
    # 9 August is a Wednesday in 2017 only among 2016-2018
    assert normalize_date("Rabu (9/8)", dt.date(2018, 1, 20)).value == "2017-08-09"
    # but a weekday a year away is a writer's slip, not a reason to move a year
    assert normalize_date("Sabtu (2/7)", dt.date(2017, 7, 2)).value == "2017-07-02"


def test_invalid_calendar_dates_have_no_value():
    assert normalize_date("31 Februari 2017", PUBLISHED) == DateValue(None, None, "day")
    assert normalize_date("9-2 Juli 2017", PUBLISHED) == DateValue(None, None, "day")
    assert normalize_date("2021-2018", PUBLISHED) == DateValue(None, None, "year")


def test_relative_without_anchor_is_null():
    assert normalize_date("kemarin") == DateValue(None, None, "day")
    assert normalize_date("Rabu") == DateValue(None, None, "day")
    assert normalize_date("tahun lalu") == DateValue(None, None, "year")
    assert normalize_date("(2/8)") == DateValue(None, None, "day")
    assert normalize_date("19 Mei 2016") == DateValue("2016-05-19", None, "day")


def test_year_only_anchor():
    anchor = dt.date(2018, 1, 1)
    assert normalize_date("Rabu", anchor, anchor_grain="year").value is None
    assert normalize_date("kemarin", anchor, anchor_grain="year").value is None
    assert normalize_date("bulan lalu", anchor, anchor_grain="year").value is None
    assert normalize_date("tahun lalu", anchor, anchor_grain="year").value == "2017"
    assert normalize_date("(2/8)", anchor, anchor_grain="year").value == "2018-08-02"
    assert normalize_date("Mei", anchor, anchor_grain="year").value == "2018-05"


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


def test_infer_published_from_dateline():
    text = "Jakarta, Senin, 28 Agustus 2017 - Menteri Luar Negeri bertemu mitranya pada 19 Mei 2016."
    assert infer_published(text) == (dt.date(2017, 8, 28), "text")


def test_infer_published_from_copyright():
    text = "Rabu, pertemuan digelar.\n\nCOPYRIGHT © ANTARA News Bali 2019"
    assert copyright_year(text) == 2019
    assert infer_published(text) == (dt.date(2019, 1, 1), "copyright")
    assert copyright_year("Hak Cipta © 2005-2018 Kompas") == 2018


def test_infer_published_from_weekday_and_year():
    # 27 March is a Monday in 2017; the article's own year says which Monday
    filler = "Pertemuan itu membahas kerja sama. " * 12
    text = filler + "kata Menlu di Jakarta, Senin (27/3). Target pada tahun 2017 tercapai."
    assert infer_published(text) == (dt.date(2017, 3, 27), "text")


def test_infer_published_from_neighbouring_years():
    text = "KTT ke-33 digelar di Singapura pada November 2018 nanti, setelah KTT tahun 2016."
    assert infer_published(text) == (dt.date(2018, 1, 1), "inferred")
    assert infer_published("Tidak ada tanggal di sini.") == (None, None)


def test_infer_published_on_seed_articles(seed_texts):
    by_prefix = {name[:3]: text for name, text in seed_texts.items()}
    assert infer_published(by_prefix["000"]) == (dt.date(2019, 1, 1), "copyright")
    assert infer_published(by_prefix["004"]) == (dt.date(2018, 1, 1), "inferred")


_SPELLINGS = {int(k): v for k, v in date_lexicon()["months"].items()}
_ABBREVIATIONS = {int(k): v for k, v in date_lexicon()["month_abbreviations"].items()}


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)), data=st.data())
def test_any_spelling_of_a_full_date_reads_back(day, data):
    spellings = _SPELLINGS[day.month] + _ABBREVIATIONS[day.month]
    month = data.draw(st.sampled_from(spellings))
    assert normalize_date(f"{day.day} {month} {day.year}") == DateValue(day.isoformat(), None, "day")
    assert normalize_date(f"{day.day}/{day.month}/{day.year}") == DateValue(day.isoformat(), None, "day")


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
