"""The ``calendar`` component: the date grammar over the Doc's text, on Stanza's tokens."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_doc
from extractor.components import spans
from extractor.components.calendar import calendar_mentions, copyright_marks, normalize_date, published_from_doc
from extractor.normalize.dates import DateValue, date_lexicon

PUBLISHED = dt.date(2017, 8, 10)  # a Thursday


def infer_published(text):
    return published_from_doc(make_doc(text))


def copyright_year(text):
    years = [year for _, _, year in copyright_marks(text)]
    return max(years) if years else None


def test_spans_carry_form_and_value():
    text = "Menlu bertemu pada 19-20 Mei 2016 dan Rabu (9/8), kata dia, Rabu."
    doc = make_doc(text)
    found = [(s.text, s.label_, s.kb_id_) for s in spans(doc, "calendar")]
    assert ("19-20 Mei 2016", "day_month", "2016-05-19") in found
    assert ("Rabu (9/8)", "weekday_dm", "") in found
    assert ("2016", "bare_year", "2016") in found  # overlapping matches all kept: the builder chooses
    mentions = {(m.form, m.start): m for m in calendar_mentions(doc)}
    last = mentions[("weekday", text.rindex("Rabu"))]
    assert last.closes_attribution and last.is_date and last.sentence_start == 0


def test_bracketed_date_is_reported_without_brackets_and_snapped_to_tokens():
    text = "Pertemuan digelar di Jakarta (2/8) pagi."
    doc = make_doc(text)
    mention = next(m for m in calendar_mentions(doc) if m.form == "dm_paren")
    assert text[mention.start : mention.end] == "2/8"
    assert mention.expression.match_start == text.index("(")
    span = next(s for s in spans(doc, "calendar") if s.label_ == "dm_paren")
    assert span.start_char <= mention.start and span.end_char >= mention.end


def test_context_decides_what_is_a_date():
    text = "Sebanyak 2000 orang hadir di Pasar Minggu, dua tahun lalu, sejak Februari."
    mentions = {(m.form, m.expression.groups.get("y1") or m.expression.groups.get("wd") or m.expression.groups.get("rel") or m.expression.groups.get("m1")): m
                for m in calendar_mentions(make_doc(text))}
    assert not mentions[("bare_year", "2000")].is_date
    assert not mentions[("weekday", "Minggu")].is_date
    assert not mentions[("relative", "tahun lalu")].is_date
    assert mentions[("month", "Februari")].is_date


def test_context_words_are_read_on_the_written_chunks_next_to_the_expression():
    from extractor.components.calendar import _Neighbours

    link = "www.kemlu.go.id/portal/id/read/2017/08/12/berita-yang-judulnya-panjang"
    text = f"Baca di {link} 2018 lalu.\nUU Nomor 2 Tahun 2017"
    doc = make_doc(text)
    around = _Neighbours(doc, text)
    year = text.index(" 2018") + 1
    assert around.before(year) == link + " "  # the whole chunk, however long
    assert around.before(year, chunks=2) == "di " + link + " "
    assert around.after(year + 4) == " lalu."
    assert around.before(text.index("UU")) == "lalu.\n"  # a line break: no word before on the line
    citation = next(m for m in calendar_mentions(doc) if m.form == "year")
    assert text[citation.start : citation.end] == "Tahun 2017" and not citation.is_date


def test_weekday_habits_are_read_on_the_words_and_chunks_around_it():
    text = (
        "Pasar buka setiap Senin, Rabu dan Kamis. Kantor buka Senin sampai dengan Jumat. "
        "Layanan Senin-Jumat. Ia datang Kamis."
    )
    found = {}
    for m in calendar_mentions(make_doc(text)):
        if m.form == "weekday":
            found.setdefault(m.expression.groups["wd"], []).append(m.is_date)
    assert found["Rabu"] == [False] and found["Kamis"] == [False, True]  # the habit's list; a day
    assert found["Senin"] == [False, False, False]  # first of the list, start of two ranges
    assert found["Jumat"] == [False, False]  # ``sampai dengan Jumat`` (three chunks), ``Senin-Jumat``


def test_weekday_list_needs_the_habit_word_and_spaces_alone():
    text = "Ia bertemu Senin, Rabu dan Kamis.\nsetiap Selasa,\nJumat dan\n\nSabtu ada rapat."
    weekdays = {m.expression.groups["wd"]: m.is_date for m in calendar_mentions(make_doc(text)) if m.form == "weekday"}
    assert weekdays["Kamis"] and weekdays["Rabu"]  # no habit word before the list
    assert not weekdays["Selasa"] and not weekdays["Jumat"]  # one line break right before the weekday
    assert weekdays["Sabtu"]  # two: the list ended


def test_attribution_tense_stamp_and_digit_groups_read_on_chunks():
    text = (
        "Kompas.com - 07/09/2017, 10:54 WIB\n"
        '"Kami siap," kata Menlu di Jakarta, Rabu.\n'
        "Mereka bertemu Sabtu dan Minggu ini di Bali, lalu Kamis yang lalu.\n"
        "Hubungi 0812 2018 444 atau datang sejak 2018 ini."
    )
    mentions = calendar_mentions(make_doc(text))
    stamp = next(m for m in mentions if m.form == "dmy_numeric")
    assert stamp.publication_stamp  # the clock time, three chunks after
    rabu = next(m for m in mentions if m.form == "weekday" and m.expression.groups["wd"] == "Rabu")
    assert rabu.closes_attribution and rabu.tense is None
    assert next(m for m in calendar_mentions(make_doc("kata dia,\nRabu.")) if m.form == "weekday").closes_attribution
    sabtu = next(m for m in mentions if m.form == "weekday" and m.expression.groups["wd"] == "Sabtu")
    assert sabtu.expression.groups.get("wq") == "ini"  # the pair's week, two chunks after ``dan Minggu``
    kamis = next(m for m in mentions if m.form == "weekday" and m.expression.groups["wd"] == "Kamis")
    assert kamis.tense == "past"  # ``yang lalu``: two chunks
    years = [m for m in mentions if m.form == "bare_year" and m.expression.groups["y1"] == "2018"]
    assert [m.is_date for m in years] == [False, True]  # between digit groups; a year


def test_tense_and_pair_words_after_are_read_on_the_words():
    text = (
        "Ia datang Kamis dan Jumat mendatang. Ia pulang Senin yang lalu. Ia tiba Rabu yang baru. "
        "Mereka duduk Selasa,depan rumah. Ia libur Sabtu dan\nAhad lalu."
    )
    tenses = {m.expression.groups["wd"]: m.tense for m in calendar_mentions(make_doc(text)) if m.form == "weekday"}
    assert tenses["Kamis"] == tenses["Jumat"] == "future"  # the pair's second day's qualifier is both days'
    assert tenses["Senin"] == "past"
    assert tenses["Rabu"] is None  # ``yang`` then another word
    assert tenses["Selasa"] is None  # a comma between
    assert tenses["Sabtu"] is None and tenses["Ahad"] == "past"  # a line break inside the pair


def test_tense_of_the_sentence():
    text = "Menlu dijadwalkan bertemu Rabu. Menlu bertemu Rabu lalu. Ia datang Senin mendatang."
    tenses = [m.tense for m in calendar_mentions(make_doc(text)) if m.form == "weekday"]
    assert tenses == ["future", "past", "future"]


def test_copyright_spans_and_line():
    text = "Rabu, pertemuan digelar.\n\nCOPYRIGHT © ANTARA News Bali 2019"
    doc = make_doc(text)
    assert [(s.label_, s.kb_id_) for s in spans(doc, "copyright")] == [("copyright", "2019")]
    assert [m.on_copyright_line for m in calendar_mentions(doc) if m.form == "bare_year"] == [True]


def test_mentions_of_an_unannotated_doc_are_a_clear_error():
    from extractor.nlp.spacy_doc import to_spacy_doc
    from extractor.nlp.stanza_models import stanza_pipeline

    bare = to_spacy_doc("Rabu", stanza_pipeline()("Rabu"))
    with pytest.raises(KeyError, match="component 'calendar'"):
        calendar_mentions(bare)


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


def test_each_form_is_scanned_by_line_on_its_anchor_and_finds_what_a_whole_scan_finds():
    from extractor.components.calendar import date_forms, expressions_in

    assert all(form.in_line for form in date_forms())
    text = ("Jakarta, Rabu (2/8) - Menlu bertemu pada 19-20 Mei 2016 dan 1 Januari dan 3 Februari.\n"
            "Baris tanpa tanggal.\n(Selasa, 17/10) kemarin; akhir tahun lalu, awal April, 2018-2021, "
            "tahun 2017, Mei-Juni 2019.\nKompas.com - 07/09/2017, 10:54 WIB\nMay 27, 2020 Senin-Jumat")
    whole = []
    for form in date_forms():
        for match in form.pattern.finditer(text):
            start, end = match.span("span") if "span" in match.re.groupindex and match.group("span") is not None else match.span()
            whole.append((form.name, start, end))
    found = [(e.form, e.start, e.end) for e in expressions_in(text)]
    assert len(found) > 15
    assert found == whole


def test_the_copyright_mark_pattern_finds_what_the_plain_case_insensitive_one_finds():
    from extractor.components.calendar import _COPYRIGHT_MARK

    plain = re.compile(r"©|\(c\)|\bcopyright\b|\bhak\s+cipta\b", re.IGNORECASE)
    text = "Copyright © 2019 ANTARA. HAK\tCIPTA (C) x(c) aCopyright copyrights _hak cipta\nhak\ncipta COPYRIGHT"
    assert [m.span() for m in _COPYRIGHT_MARK.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(plain.finditer(text))) == 7
