import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_context, make_doc
from extractor.extractors.dates import DatesStage, extract_dates
from extractor.components.calendar import published_from_doc
from extractor.pipeline import ExtractionPipeline, Stage


def dates(text, published=None, source=None, boilerplate=()):
    context = make_context(text, published=published)
    if source is not None:
        context.published_source = source
    context.boilerplate = list(boilerplate)
    records = list(extract_dates(context.doc, context))
    for record in records:
        assert text[record.start : record.end] == record.text
    return records


def triples(text, published=None, **kwargs):
    return [(r.text, r.value, r.value_end) for r in dates(text, published, **kwargs)]


def texts(text, published=None, **kwargs):
    return [r.text for r in dates(text, published, **kwargs)]


def infer_published(text):
    return published_from_doc(make_doc(text))


def seed(seed_texts, prefix):
    return next(text for name, text in seed_texts.items() if name.startswith(prefix))


def test_seed_004(seed_texts):
    text = seed(seed_texts, "004")
    published, source = infer_published(text)
    found = {r.text: (r.value, r.value_end, r.granularity.value) for r in dates(text, published, source=source)}
    assert found == {
        "2018-2021": ("2018", "2021", "year"),
        "2/8": ("2018-08-02", None, "day"),
        "periode 2015-2018": ("2015", "2018", "year"),
        "2016-2020": ("2016", "2020", "year"),
        "periode 2019-2020": ("2019", "2020", "year"),
        "November 2018": ("2018-11", None, "month"),
        "tahun 1991": ("1991", None, "year"),
        "tahun 1996": ("1996", None, "year"),
        "tahun 2017": ("2017", None, "year"),
        "Tahun 2016": ("2016", None, "year"),
        "19-20 Mei 2016": ("2016-05-19", "2016-05-20", "day"),
    }


def test_seed_000(seed_texts):
    text = seed(seed_texts, "000")
    published, source = infer_published(text)
    assert (published, source) == (dt.date(2019, 1, 1), "copyright")
    assert triples(text, published, source=source) == [
        ("Rabu", None, None),  # the copyright year alone cannot say which Wednesday
        ("periode 2018-2021", "2018", "2021"),
        ("tahun 2018", "2018", None),
    ]
    # with a real publication date the Wednesday resolves, and the copyright year is never a date
    assert triples(text, dt.date(2019, 2, 28))[0] == ("Rabu", "2019-02-27", None)
    assert "2019" not in texts(text, dt.date(2019, 2, 28))


def test_offsets_survive_nbsp_and_double_spaces():
    text = "Rapat\u00a0digelar  pada\u00a019\u00a0Mei 2016 dan  Rabu  (9/8).\n\nLalu\u00a0tahun\u00a02017."
    records = dates(text, dt.date(2017, 8, 10))
    assert [r.text for r in records] == ["19\u00a0Mei 2016", "Rabu  (9/8)", "tahun\u00a02017"]
    assert [r.value for r in records] == ["2016-05-19", "2017-08-09", "2017"]


@pytest.mark.parametrize(
    "text",
    [
        "Kerja sama yang akan berakhir 2 tahun mendatang.",
        "KTT Peringatan 20 Tahun Kerja Sama ASEAN-Rusia.",
        "Implementasi kegiatan POA baru mencapai 42%.",
        "Rapat dimulai pukul 10.00 WIB dan selesai pukul 12.30.",
        "Total perdagangan mencapai US$16.74 miliar.",
        "Pertemuan G20 dan ASEAN+3 membahas Pasal 5 dan No. 12.",
        "Hubungi 021-2019-2020 atau 0812 2018 1234.",
        "Sesuai UU Nomor 2 Tahun 2017 dan PP 12 Tahun 2019 tentang ormas.",
        "Kuota dibatasi 2000 orang, naik 2000% dan Rp 2015 per lembar, pukul 2015.",
        "Dia datang pekan lalu, beberapa waktu lalu, dan saat ini masih di sana.",
        "Mereka tinggal di Pasar Minggu dan salat Jumat di masjid.",
        "Kantor buka Senin-Jumat, setiap Sabtu tutup.",
        "Minggu lalu harga naik, Minggu ini turun.",
        "Sejak dua tahun lalu dan beberapa tahun lalu kondisinya sama.",
        "Ia lahir di era 1990-an.",
        "Skor akhir 113-93 dan 3-1.",
        "Sekitar 1500-2000 orang hadir.",
        "Layanan 24/7 dan rasio 3/4 bagian.",
    ],
)
def test_not_dates(text):
    assert dates(text, dt.date(2017, 8, 10)) == []


def test_copyright_line_and_boilerplate_are_skipped():
    text = "Rapat pada 19 Mei 2016.\n\nCOPYRIGHT © ANTARA News Bali 2019\nEditor: Adi, Rabu (9/8)"
    assert texts(text, dt.date(2017, 8, 10)) == ["19 Mei 2016", "Rabu (9/8)"]
    byline = text.index("Editor")
    assert texts(text, dt.date(2017, 8, 10), boilerplate=[(byline, len(text))]) == ["19 Mei 2016"]


def test_bare_years_are_dates_also_inside_names():
    # as the gold annotates: ``Agenda 2030``, ``Pertemuan Direktur Jenderal Imigrasi ASEAN 2016``
    text = "Ia bergabung pada 2011, juara 2002 lalu. Agenda 2030 dan Pertemuan Imigrasi ASEAN 2016 (1991)."
    assert triples(text, dt.date(2017, 8, 10)) == [
        ("2011", "2011", None),
        ("2002", "2002", None),
        ("2030", "2030", None),
        ("2016", "2016", None),
        ("1991", "1991", None),
    ]


def test_year_lists():
    text = "Ia juara pada 2007, 2010, 2012, dan 2016. Studi di tahun 2005 dan 2012 menyatakan begitu."
    assert texts(text, dt.date(2017, 8, 10)) == ["2007", "2010", "2012", "2016", "tahun 2005", "2012"]


def test_lone_months_need_a_frame():
    text = "Sejak Januari hingga Mei 2017 terjadi 59 kasus. Pada April lalu ia datang. Agustus menyanyi."
    assert triples(text, dt.date(2017, 8, 10)) == [
        ("Januari hingga Mei 2017", "2017-01", "2017-05"),  # a period, like ``10 hingga 12 Oktober``
        ("April", "2017-04", None),
    ]


def test_ranges_and_borrowed_years():
    text = "Acara digelar 17 Oktober hingga 20 Oktober 2016, lalu 1-3 Agustus, dan periode Januari-Maret 2016."
    assert triples(text, dt.date(2017, 8, 10)) == [
        ("17 Oktober hingga 20 Oktober 2016", "2016-10-17", "2016-10-20"),
        ("1-3 Agustus", "2017-08-01", "2017-08-03"),
        ("periode Januari-Maret 2016", "2016-01", "2016-03"),
    ]


def test_bare_weekday_past_and_future():
    published = dt.date(2017, 8, 10)  # Thursday
    assert triples("Menlu bertemu mitranya di Manila, Rabu.", published) == [("Rabu", "2017-08-09", None)]
    assert triples("KTT itu akan digelar pada Rabu di Manila.", published) == [("Rabu", "2017-08-16", None)]
    assert triples("Delegasi dijadwalkan tiba Senin.", published) == [("Senin", "2017-08-14", None)]
    assert triples("Pertemuan digelar Sabtu mendatang.", published) == [("Sabtu", "2017-08-12", None)]
    # a statement dated by its attribution: the quote's future is not the weekday's
    assert triples('"Kami akan hadir," kata Menlu di Jakarta, Rabu.', published) == [("Rabu", "2017-08-09", None)]
    # a future inside a quotation closed before the weekday does not count either
    assert triples('"Kami akan hadir." Menlu tiba pada Senin.', published) == [("Senin", "2017-08-07", None)]
    # the reporting clause's future follows the weekday: the weekday is when it was said
    assert triples("Presiden pada Rabu mengatakan pemerintah akan membantu.", published) == [
        ("Rabu", "2017-08-09", None)
    ]


def test_weekday_with_date_and_week_qualifiers():
    published = dt.date(2017, 8, 10)
    assert triples("Pertemuan itu digelar Rabu (9/8) di Jakarta.", published) == [("Rabu (9/8)", "2017-08-09", None)]
    assert triples("Rencananya diluncurkan Jumat ini (11/8).", published) == [("Jumat ini (11/8)", "2017-08-11", None)]
    assert triples("Sidang digelar Senin pekan depan.", published) == [("Senin pekan depan", "2017-08-14", None)]
    assert triples("Dia ditangkap Jumat pekan lalu.", published) == [("Jumat pekan lalu", "2017-08-04", None)]


def test_weekday_next_to_a_dated_day():
    text = "Balapan berlangsung pada Minggu (11/6) pukul 14.00 waktu setempat atau Senin dini hari WIB."
    assert triples(text, dt.date(2017, 6, 13)) == [("Minggu (11/6)", "2017-06-11", None), ("Senin", "2017-06-12", None)]


def test_weekday_next_to_a_dated_day_counts_tokens():
    published = dt.date(2017, 6, 30)
    spaced = "Balapan berlangsung pada Minggu (11/6) pukul 14.00 waktu setempat" + " " * 60 + "atau Senin dini hari WIB."
    assert ("Senin", "2017-06-12", None) in triples(spaced, published)
    many = "Balapan berlangsung pada Minggu (11/6) " + " ".join("abcdefghijklmnopq") + " atau Senin dini hari WIB."
    assert len(many) - many.index(")") < 80
    assert ("Senin", "2017-06-12", None) not in triples(many, published)


def test_relative_words():
    published = dt.date(2017, 8, 10)
    text = "Hari ini dia tiba, kemarin di Bali, besok ke Jakarta. Tahun lalu naik, tahun depan turun, bulan lalu stabil."
    assert triples(text, published) == [
        ("Hari ini", "2017-08-10", None),
        ("kemarin", "2017-08-09", None),
        ("besok", "2017-08-11", None),
        ("Tahun lalu", "2016", None),
        ("tahun depan", "2018", None),
        ("bulan lalu", "2017-07", None),
    ]
    # ``kemarin`` qualifying a date is not a second date
    assert texts("Konser dimulai sejak Minggu (5/11) kemarin di Denver.", published) == ["Minggu (5/11)"]
    # no anchor: found, but without value
    assert triples("Dia tiba kemarin, Rabu.") == [("kemarin", None, None), ("Rabu", None, None)]


def test_date_records_carry_granularity_and_rule():
    records = dates("Pada 19-20 Mei 2016, November 2018 dan tahun 2017.", dt.date(2017, 8, 10))
    assert [(r.granularity.value, r.rule) for r in records] == [
        ("day", "day_month"),
        ("month", "month_year"),
        ("year", "year"),
    ]


class _Published(Stage):
    name = "article_meta"
    provides = frozenset({"published", "boilerplate"})

    def __call__(self, context):
        context.published = dt.date(2017, 8, 10)
        context.published_source = "input"


def test_dates_stage_in_pipeline():
    assert DatesStage.name == "dates"
    assert DatesStage.requires == frozenset({"published", "boilerplate", "spans:calendar"})
    assert DatesStage.provides == frozenset({"dates"})
    with pytest.raises(ValueError):
        ExtractionPipeline([DatesStage()])
    context = make_context("Menlu tiba di Manila, Rabu (9/8).")
    ExtractionPipeline([_Published(), DatesStage()])(context)
    assert [(r.text, r.value) for r in context.records["dates"]] == [("Rabu (9/8)", "2017-08-09")]


def test_weekday_date_variants():
    published = dt.date(2017, 10, 17)
    assert triples("Bursa pada (Selasa, 17/10), investor asing masuk.", published) == [("Selasa, 17/10", "2017-10-17", None)]
    assert triples("Demo digelar Rabu waktu setempat (11/10).", published) == [("Rabu waktu setempat (11/10)", "2017-10-11", None)]
    assert triples("Ujarnya, Jumat malam (13/10).", published) == [("Jumat malam (13/10)", "2017-10-13", None)]
    # ``lalu`` on the weekday of the anchor itself means a week back
    assert triples("Topan menghantam pada Selasa lalu.", published) == [("Selasa", "2017-10-10", None)]
    assert triples("Pertemuan berlangsung 4 Juni lalu dan berlanjut 18 Mei nanti.", dt.date(2017, 5, 13)) == [
        ("4 Juni", "2016-06-04", None),
        ("18 Mei", "2017-05-18", None),
    ]


def test_attribution_after_a_dated_day_keeps_its_own_weekday():
    text = "Krisis dibahas di New York, 23 September 2017, kata Menlu Retno di Jakarta, Senin."
    assert triples(text, dt.date(2017, 9, 12)) == [("23 September 2017", "2017-09-23", None), ("Senin", "2017-09-11", None)]


def test_day_pairs_and_relative_years_stay_with_their_date():
    text = "Bom meledak pada 14 Januari dua tahun lalu. Konser pada 4 dan 5 November lalu, lalu 1 hingga 3 Desember."
    assert triples(text, dt.date(2018, 2, 27)) == [
        ("14 Januari dua tahun lalu", "2016-01-14", None),
        ("4 dan 5 November", "2017-11-04", "2017-11-05"),  # past: the November before
        ("1 hingga 3 Desember", "2017-12-01", "2017-12-03"),  # no tense: the year nearest to the anchor
    ]


def test_missing_years_follow_the_anchor_year_and_tense():
    published = dt.date(2018, 1, 12)
    text = "ANC mencopot Zuma pada Desember lalu. Sidang digelar 20 Maret. Lalu (10/1) dan (30/12)."
    assert triples(text, published) == [
        ("Desember", "2017-12", None),
        ("20 Maret", "2018-03-20", None),
        ("10/1", "2018-01-10", None),
        ("30/12", "2017-12-30", None),
    ]


_FRAGMENTS = [
    "Rabu", "(9/8)", "19-20 Mei 2016", "pada", "2018", "tahun", "2017", "periode", "2018-2021", "kemarin",
    "akan", "Menlu", "bertemu", ",", ".", "\u201cKami", "hadir\u201d", "Mei-Juni", "42%", "pukul 10.00",
    "Minggu", "lalu", "2 tahun", "Nomor 2 Tahun 2017", "November", "Agt", "1-3", "Agustus", "COPYRIGHT ©",
]


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=25),
    gaps=st.lists(st.sampled_from([" ", "  ", "\u00a0", "\n", "\n\n", ""]), min_size=25, max_size=25),
    published=st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))),
)
def test_any_text_gives_exact_ordered_spans(words, gaps, published):
    text = "".join(word + gap for word, gap in zip(words, gaps))
    records = dates(text, published)  # ``dates`` checks every span against the text
    assert all(a.end <= b.start for a, b in zip(records, records[1:]))


def test_position_words_belong_to_the_span():
    text = "Proyek dimulai awal April dan selesai akhir tahun 2017, lalu pada pertengahan 2018."
    assert triples(text, dt.date(2017, 3, 1)) == [
        ("awal April", "2017-04", None),
        ("akhir tahun 2017", "2017", None),
        ("pertengahan 2018", "2018", None),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nilai dagang periode 1 Januari 2010 hingga 30 Juni 2016 naik.",
         [("periode 1 Januari 2010 hingga 30 Juni 2016", "2010-01-01", "2016-06-30")]),
        ("Pameran 30 Desember sampai 2 Januari 2017.", [("30 Desember sampai 2 Januari 2017", "2016-12-30", "2017-01-02")]),
        # "dan" between two full dates lists two days; it makes no range
        ("Rapat pada 1 Januari dan 3 Februari 2017.", [("1 Januari", "2017-01-01", None), ("3 Februari 2017", "2017-02-03", None)]),
    ],
)
def test_ranges_between_full_dates(text, expected):
    assert triples(text, published=dt.date(2017, 4, 7)) == expected


# --- issue 9: dates per the updated spec -------------------------------------------------------


def test_relative_words_resolve_against_the_statement_day():
    # spec: ``"... besok," kata Menlu, Senin (3/4)`` -> the Tuesday, whatever the publication day
    text = '"Kami berangkat besok," kata Menlu, Senin (3/4).'
    assert triples(text, dt.date(2017, 4, 5)) == [("besok", "2017-04-04", None), ("Senin (3/4)", "2017-04-03", None)]
    # a sentence the text does not date keeps the publication day
    assert triples("Menlu berangkat besok.", dt.date(2017, 4, 5)) == [("besok", "2017-04-06", None)]


def test_a_relative_word_named_again_by_a_date_takes_that_date():
    text = "Presiden akan berpidato besok, Rabu, 22 September, sore waktu New York."
    assert triples(text, dt.date(2021, 9, 22))[0] == ("besok", "2021-09-22", None)
    assert triples("Ia datang hari ini (21/7) ke pameran.", dt.date(2017, 7, 23))[0] == ("hari ini", "2017-07-21", None)
    # a comma and a bracket between still name it again; a line break or another mark do not
    assert triples("Ia datang besok, (22/9) ke pameran.", dt.date(2021, 9, 20))[0] == ("besok", "2021-09-22", None)
    assert triples("Ia datang besok\n(22/9) ke pameran.", dt.date(2021, 9, 20))[0] == ("besok", "2021-09-21", None)
    assert triples("Ia datang besok; (22/9) ke pameran.", dt.date(2021, 9, 20))[0] == ("besok", "2021-09-21", None)


def test_yearless_date_takes_the_year_nearest_in_the_direction_spoken():
    # no direction: nearest either way
    assert triples("Pameran dibuka pada Oktober.", dt.date(2017, 1, 20)) == [("Oktober", "2016-10", None)]
    # future (spec example): akan dilantik 5 Januari, written 20 November 2020
    assert triples("Ia akan dilantik pada 5 Januari.", dt.date(2020, 11, 20)) == [("5 Januari", "2021-01-05", None)]
    # past: ``sejak`` speaks of a time that has begun
    assert triples("Lagu itu dikerjakan sejak Mei.", dt.date(2017, 12, 4)) == [("Mei", "2017-05", None)]
    # the weekday written with it keeps the year whose calendar agrees
    assert triples("Debat digelar di Jakarta, Jumat (13/1) malam.", dt.date(2017, 10, 21))[0][1] == "2017-01-13"


def test_a_weekday_the_text_has_dated_is_that_day():
    text = (
        "Jokowi dijadwalkan bertemu Xi pada Selasa (26/7/2022) sore. "
        "Jokowi akan ditemui Xi di Diaoyutai pada Selasa pukul 15.00 waktu setempat."
    )
    assert triples(text, dt.date(2022, 7, 26)) == [("Selasa (26/7/2022)", "2022-07-26", None), ("Selasa", "2022-07-26", None)]


def test_a_weekday_next_to_a_bare_weekday_is_read_on_its_own():
    # ``pada Jumat, sebelum meninggalkan Rusia pada Sabtu``: each the next such day (spec future)
    text = "Raja dijadwalkan bertemu Medvedev pada Jumat, sebelum meninggalkan Rusia pada Sabtu."
    assert triples(text, dt.date(2017, 10, 6)) == [("Jumat", "2017-10-13", None), ("Sabtu", "2017-10-07", None)]


def test_weekday_pairs_and_habit_lists():
    assert triples("Jokowi berkunjung ke China pada Senin dan Selasa.", dt.date(2022, 7, 26)) == [
        ("Senin", "2022-07-25", None), ("Selasa", "2022-07-26", None)]
    assert triples("Balapan pada hari Sabtu dan Minggu ini akan seru.", dt.date(2017, 5, 12))[0] == ("hari Sabtu", "2017-05-13", None)
    assert triples("Kelas berlangsung setiap Senin, Rabu dan Sabtu pagi.", dt.date(2017, 9, 15)) == []
    assert triples("Bendera dikibarkan di depan Museum sejak Senin sore.", dt.date(2022, 7, 26)) == [("Senin", "2022-07-25", None)]


def test_positions_in_relative_periods_and_ordinals():
    assert triples("Kunjungan dilakukan awal bulan depan.", dt.date(2022, 5, 24)) == [("awal bulan depan", "2022-06", None)]
    assert triples("Pemesanan tercatat sampai akhir tahun lalu.", dt.date(2017, 5, 19)) == [("akhir tahun lalu", "2016", None)]
    assert texts("Sidang ke-76 tahun ini digelar hibrida.", dt.date(2021, 9, 22)) == ["tahun ini"]
    assert texts("Ia menjabat dua tahun lalu.", dt.date(2021, 9, 22)) == []


def test_publication_stamps_give_no_dates():
    cases = [
        "Kompas.com - 07/09/2017, 10:54 WIB\nMenlu tiba di Dhaka.",
        "Reporter\n\nMinggu, 3 September 2017 15:11 WIB\n\nMenlu tiba di Dhaka.",
        "Fajar Nugraha • 12 June 2025 14:55\nJakarta: Menlu tiba di Dhaka.",
        "Suara.com\n\nKamis, 18 Agustus 2016 | 16:43 WIB\nMenlu tiba di Dhaka.",
        "— Menteri Luar Negeri Republik Indonesia (@Menlu_RI) May 27, 2020\nMenlu tiba di Dhaka.",
        " date 2017-09 NEW YORK - Menlu tiba di Dhaka.",
    ]
    for text in cases:
        assert dates(text, dt.date(2017, 9, 7)) == [], text
    # a dated clause of the article is content
    assert texts("Menlu tiba di Dhaka pada 7 September 2017 pukul 10.54 WIB.", dt.date(2017, 9, 7)) == ["7 September 2017"]


def test_unresolved_dates_say_why():
    year_only = dates("Menlu tiba kemarin, Rabu.", dt.date(2019, 1, 1), source="copyright")
    assert [(r.text, r.value, r.unresolved) for r in year_only] == [
        ("kemarin", None, "the publication date is known only to its year"),
        ("Rabu", None, "the publication date is known only to its year"),
    ]
    assert [(r.value, r.unresolved) for r in dates("Menlu tiba Rabu.")] == [(None, "no publication date to resolve it against")]
    # a date that resolves, or that is no date whatever the anchor, carries no reason
    resolved = dates("Menlu tiba pada 19 Mei 2016 dan 31 Februari 2017.", dt.date(2019, 1, 1), source="copyright")
    assert [r.model_dump().get("unresolved") for r in resolved] == [None, None]


def test_nothing_after_the_closing_sign_off_is_a_date():
    text = (
        "Menlu Sugiono bertemu Menlu Jepang di Tokyo pada 3 Maret 2025.\n"
        "Kedua menteri sepakat bertemu lagi tahun depan. (rdp/hns)\n"
        "Festival Musik 2026\n"
        "Daftar sekarang, tiket terbatas hingga 30 Juni 2026"
    )
    assert triples(text, dt.date(2025, 3, 4)) == [("3 Maret 2025", "2025-03-03", None), ("tahun depan", "2026", None)]
    # A bracketed word inside a sentence is no sign-off; nor are capitals (a caption's credit).
    inside = "Indonesia dan (saya) berharap pada 2026 ada kemajuan.\nTarget 2030 tetap."
    assert texts(inside, dt.date(2025, 3, 4)) == ["2026", "2030"]
    credit = "Presiden tiba di Bali. (ANTARA/Fikri)\nKTT digelar pada 2026."
    assert texts(credit, dt.date(2025, 3, 4)) == ["2026"]
    listed = "Delegasi RI:\n1 Retno Marsudi (ketua)\n2 Tiba pada 5 Maret 2025."
    assert texts(listed, dt.date(2025, 3, 4)) == ["5 Maret 2025"]


def test_a_weekday_right_after_a_statements_words_is_the_statements_day():
    published = dt.date(2017, 9, 14)  # a Thursday
    text = "Suu Kyi tidak akan menghadiri Sidang Umum PBB mendatang di New York menurut kantornya pada Rabu, di tengah tekanan."
    assert triples(text, published) == [("Rabu", "2017-09-13", None)]
    assert triples("Presiden akan bertemu PM Jepang, ujar Menlu, Rabu, di Jakarta.", published) == [("Rabu", "2017-09-13", None)]
    # The future holds when the weekday is the plan's, or a future word follows it.
    assert triples("Menlu akan berkunjung ke Jepang pada Rabu, kata juru bicara.", published) == [("Rabu", "2017-09-20", None)]
    assert triples("Presiden dijadwalkan bertemu PM Jepang, kata Menlu pada Rabu depan.", published) == [("Rabu", "2017-09-20", None)]


def test_two_years_joined_by_hingga_are_one_period():
    assert triples("Pembakuan nama pulau telah dimulai dari tahun 2005 hingga 2017.", dt.date(2017, 8, 16)) == [
        ("tahun 2005 hingga 2017", "2005", "2017")
    ]
    assert triples("Sejak 2015 sampai 2017, Indonesia memverifikasi 2.590 pulau.", dt.date(2017, 8, 16)) == [("2015 sampai 2017", "2015", "2017")]
    # a count between two numbers is no period
    assert triples("Sebanyak 1500 hingga 2000 orang hadir.", dt.date(2017, 8, 16)) == []


def test_a_perfect_aspect_word_after_the_future_cue_makes_a_yearless_date_past():
    published = dt.date(2016, 10, 15)
    text = "Pertemuan terakhir, sebelum konferensi yang akan diikuti 30 ribu delegasi, telah dilangsungkan di New York pada Agustus."
    assert triples(text, published) == [("Agustus", "2016-08", None)]
    text = "Pertemuan terakhir, sebelum konferensi yang akan diikuti delegasi, telah digelar di New York dan di Surabaya, Indonesia, pada Juli."
    assert triples(text, published) == [("Juli", "2016-07", None)]
    # a perfect word inside a relative clause qualifies a noun: the future cue still rules
    text = "Presiden akan menghadiri KTT yang telah dipersiapkan lama, pada 5 Agustus."
    assert triples(text, published) == [("5 Agustus", "2017-08-05", None)]
    assert triples("Presiden akan berkunjung ke Jepang pada Agustus.", published) == [("Agustus", "2017-08", None)]


def test_two_months_joined_by_hingga_are_one_period():
    published = dt.date(2017, 8, 16)
    assert triples("Sejak Januari hingga Juli 2017, Indonesia memverifikasi pulau.", published) == [
        ("Januari hingga Juli 2017", "2017-01", "2017-07")
    ]
    assert triples("Dari Januari sampai dengan Maret 2016 ekspor naik.", published) == [
        ("Januari sampai dengan Maret 2016", "2016-01", "2016-03")
    ]
    # ``dan`` lists two months
    assert triples("Ia datang pada Januari dan Juli 2017.", published) == [("Januari", "2017-01", None), ("Juli 2017", "2017-07", None)]


def test_a_bracketed_day_range_of_one_month_is_one_span_with_its_end():
    published = dt.date(2023, 9, 5)
    assert triples("Pertemuan berlangsung Senin-Selasa (4-5/9/2023) di Jakarta.", published) == [
        ("Senin-Selasa (4-5/9/2023)", "2023-09-04", "2023-09-05")
    ]
    assert triples("Pertemuan berlangsung pada (4-5/9) di Jakarta.", published) == [("4-5/9", "2023-09-04", "2023-09-05")]
    assert triples("Kantor buka Senin-Jumat pukul 08.00.", published) == []


def test_a_weekday_with_an_unbracketed_full_date_is_one_span():
    published = dt.date(2023, 9, 5)
    assert triples("Laporan itu dirilis pada Selasa, 5/9/2023, oleh kementerian.", published) == [("Selasa, 5/9/2023", "2023-09-05", None)]
    assert triples("Pertemuan digelar Selasa 13/11/2018 di Jakarta.", published) == [("Selasa 13/11/2018", "2018-11-13", None)]
    # a publication stamp stays furniture
    assert triples("Detik.com - Selasa, 05/09/2023 10:15 WIB\nMenlu bertemu Menlu Jepang.", published) == []


def test_a_range_between_two_bracketed_days_is_one_span():
    assert triples("Pertemuan berlangsung Senin (13/1/2025) hingga Rabu (15/1/2025).", dt.date(2025, 1, 13)) == [
        ("Senin (13/1/2025) hingga Rabu (15/1/2025)", "2025-01-13", "2025-01-15")
    ]
    # the year of the last day, across the new year
    assert triples("Pertemuan berlangsung Jumat (29/12) hingga Selasa (2/1/2018).", dt.date(2017, 12, 20)) == [
        ("Jumat (29/12) hingga Selasa (2/1/2018)", "2017-12-29", "2018-01-02")
    ]
    # ``dan`` lists two days
    assert texts("Pertemuan Senin (13/1/2025) dan Rabu (15/1/2025) berjalan lancar.", dt.date(2025, 1, 13)) == [
        "Senin (13/1/2025)",
        "Rabu (15/1/2025)",
    ]


def test_a_weekday_keeps_its_written_out_date_in_brackets_or_after_a_time_of_day():
    published = dt.date(2025, 1, 13)
    assert triples("Menlu bertemu Menlu Jepang pada Senin (13 Januari 2025).", published) == [("Senin (13 Januari 2025)", "2025-01-13", None)]
    assert triples("Pertemuan itu berlangsung pada Senin sore, 13 Januari 2025.", published) == [("Senin sore, 13 Januari 2025", "2025-01-13", None)]
