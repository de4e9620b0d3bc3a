import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.components import annotate
from extractor.extractors.figures import FiguresStage, extract_figures
from extractor.nlp.spacy_doc import build_doc
from extractor.pipeline import ExtractionPipeline
from extractor.records import DateRecord, DocumentRecords, Figure

from conftest import make_context


def figures_of(text, **kwargs):
    context = make_context(text, **kwargs)
    figures = list(extract_figures(context.doc, context))
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
    return figures


def table(text):
    return {(f.text, f.kind.value, f.value, f.unit) for f in figures_of(text)}


def only(text):
    figures = figures_of(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


SEED_FACTS = {
    "000_23c578c81a53ec19": [
        ("10 negara", "count", 10, "negara"),
        ("ke-16", "ordinal", 16, None),
        ("16th", "ordinal", 16, None),
        ("tiga bidang", "count", 3, "bidang"),
        ("ke-3", "ordinal", 3, None),
    ],
    "004_c1b15d166fd41f57": [
        ("tiga area", "count", 3, "area"),
        ("2 tahun", "duration", 2, "year"),
        ("42%", "percent", 42, "%"),
        ("ke-4", "ordinal", 4, None),
        ("ke-33", "ordinal", 33, None),
        ("US$16.74 miliar", "money", 16.74e9, "USD"),
        ("ke-delapan", "ordinal", 8, None),
        ("20 Tahun", "duration", 20, "year"),
    ],
}


@pytest.mark.parametrize("doc_id", sorted(SEED_FACTS))
def test_seed_facts(seed_texts, doc_id):
    found = table(seed_texts[doc_id])
    for fact in SEED_FACTS[doc_id]:
        assert fact in found


def test_seed_articles_have_no_year_or_collective_figures(seed_texts):
    texts = {f.text for doc_id in SEED_FACTS for f in figures_of(seed_texts[doc_id])}
    assert not texts & {"2018", "2021", "2019", "2017", "1991", "Ketiga", "kedua", "19", "20"}
    assert all(not text.isdigit() for text in texts)


def test_seed_subject_of_percent(seed_texts):
    figures = figures_of(seed_texts["004_c1b15d166fd41f57"])
    percent = next(f for f in figures if f.text == "42%")
    assert percent.subject == "implementasi kegiatan POA"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dana itu Rp1,5 triliun.", ("Rp1,5 triliun", "money", 1.5e12, "IDR")),
        ("Bantuan USD 2 juta diberikan.", ("USD 2 juta", "money", 2e6, "USD")),
        ("Nilainya 433,9 juta dolar AS tahun ini.", ("433,9 juta dolar AS", "money", 433.9e6, "USD")),
        ("Investasi 5 miliar dolar Singapura masuk.", ("5 miliar dolar Singapura", "money", 5e9, "SGD")),
        ("Harganya 3 juta yen saja.", ("3 juta yen", "money", 3e6, "JPY")),
        ("Kontrak senilai €200 juta diteken.", ("€200 juta", "money", 200e6, "EUR")),
        ("Denda Rp 50 juta rupiah dijatuhkan.", ("Rp 50 juta rupiah", "money", 50e6, "IDR")),
        ("Anggaran Rp 2 T disetujui.", ("Rp 2 T", "money", 2e12, "IDR")),
        ("Uang tunai Rp 500.000 disita.", ("Rp 500.000", "money", 500_000, "IDR")),
        ("Nilai ekspor naik 42 persen.", ("42 persen", "percent", 42, "%")),
        ("Inflasi 3,5% pada Mei.", ("3,5%", "percent", 3.5, "%")),
        ("Dihadiri tiga puluh lima negara.", ("tiga puluh lima negara", "count", 35, "negara")),
        ("Sebanyak 1.500 orang hadir.", ("1.500 orang", "count", 1500, "orang")),
        ("Rumah bagi 120 juta orang miskin.", ("120 juta orang", "count", 120e6, "orang")),
        ("Kapal mengangkut 500 ton beras.", ("500 ton", "quantity", 500, "ton")),
        ("Jalur sepanjang 12,5 km dibangun.", ("12,5 km", "quantity", 12.5, "km")),
        ("Lahan 300 hektare dibuka.", ("300 hektare", "quantity", 300, "ha")),
        ("Pembangkit 35.000 MW direncanakan.", ("35.000 MW", "quantity", 35_000, "MW")),
        ("Ia ditahan selama dua pekan.", ("dua pekan", "duration", 2, "week")),
        ("Sidang berlangsung 24 jam.", ("24 jam", "duration", 24, "hour")),
        ("Perundingan berjalan enam bulan.", ("enam bulan", "duration", 6, "month")),
        ("Polisi menyita lima buah telepon.", ("lima buah telepon", "count", 5, "telepon")),
        ("Dua WNI dibebaskan.", ("Dua WNI", "count", 2, "WNI".lower())),
    ],
)
def test_single_figures(text, expected):
    figure = only(text)
    assert (figure.text, figure.kind.value, figure.unit) == (expected[0], expected[1], expected[3])
    assert figure.value == pytest.approx(expected[2])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KTT ke-4 ASEAN-Rusia", ("ke-4", 4)),
        ("Sidang Majelis Umum PBB ke-72 di New York", ("ke-72", 72)),
        ("mitra dagang terbesar ke-delapan bagi ASEAN", ("ke-delapan", 8)),
        ("mitra dagang terbesar kedelapan bagi ASEAN", ("kedelapan", 8)),
        ("the 16th ASEAN-Russia meeting", ("16th", 16)),
        ("merupakan pertemuan pertama bagi Indonesia", ("pertama", 1)),
        ("untuk kedua kalinya Indonesia terpilih", ("kedua", 2)),
        ("Ini adalah pertemuan ketiga mereka", ("ketiga", 3)),
    ],
)
def test_ordinals(text, expected):
    figure = only(text)
    assert (figure.text, figure.value, figure.kind.value) == (*expected, "ordinal")


@pytest.mark.parametrize(
    "text",
    [
        "Ketiga bidang tersebut kami pandang penting.",
        "Dimana kedua pihak sepakat meningkatkan upaya.",
        "membahas pembentukan mekanisme dialog kedua pihak",
        "Hubungan antara kedua negara membaik.",
        "Ia meminta kedua Kodam mengirim pasukan.",
        "kerja sama kedua belah pihak",
        "Pertama, kita harus bersatu.",
        "Sekretaris Pertama KBRI hadir.",
        "Pertama-tama saya berterima kasih.",
    ],
)
def test_collective_and_non_ordinal_words(text):
    assert figures_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Pertemuan G20 di Osaka.",
        "Forum ASEAN+3 dan P5 bertemu.",
        "Pesawat Su-35 dibeli.",
        "Hubungi 021-5551234 atau 0812 3456 7890.",
        "Sesuai Pasal 5 ayat 2 UU Nomor 17 Tahun 2003.",
        "Sesuai No. 12 tahun lalu.",
        "Acara dimulai pukul 10.30 WIB.",
        "Rapat pukul 09:00 pagi.",
        "Lihat https://www.antaranews.com/berita/123 orang dan email info5@kemlu.go.id",
        "COPYRIGHT © ANTARA News Bali 2019 dengan 5 negara",
        "periode 2018-2021 dan 2015-2018 negara",
        "Pada tahun 2017 mencapai puncaknya.",
        "Pertemuan empat mata digelar.",
        "salah satu negara anggota",
        "Sejak 1991 hubungan berjalan.",
        "Pada 2018 negara itu menang.",
        "Skor akhir 2-1 untuk tuan rumah.",
        "Produk 4G dan 5G tersedia.",
        "Di Jalan Sudirman 12 Jakarta.",
    ],
)
def test_not_figures(text):
    assert figures_of(text) == []


def test_figures_never_overlap_dates():
    text = "Sejak 2 tahun mendatang, 5 negara bergabung."
    context = make_context(text)
    start = text.index("2 tahun mendatang")
    context.records["dates"] = [
        DateRecord(start=start, end=start + len("2 tahun mendatang"), text="2 tahun mendatang", value="2020", granularity="year")
    ]
    figures = list(extract_figures(context.doc, context))
    assert [f.text for f in figures] == ["5 negara"]


def test_figures_skip_boilerplate():
    text = "Sebanyak 10 negara hadir.\n\nFoto: 3 orang fotografer"
    context = make_context(text)
    context.doc.spans["boilerplate"] = [context.doc.char_span(text.index("Foto"), len(text), alignment_mode="expand")]
    assert [f.text for f in extract_figures(context.doc, context)] == ["10 negara"]


def test_offsets_survive_nbsp_and_double_spaces():
    text = "Nilai\u00a0US$\u00a016.74\u00a0miliar dan  tiga\u00a0area serta 42\u00a0persen."
    figures = figures_of(text)
    assert [f.text for f in figures] == ["US$\u00a016.74\u00a0miliar", "tiga\u00a0area", "42\u00a0persen"]
    assert DocumentRecords(doc_id="t", figures=figures).offset_problems(text) == []


def test_independent_of_tokenization():
    text = "Pertemuan ke-16 mencatat US$16.74 miliar dan 10 negara."
    context = make_context(text)
    # one token per whitespace-separated chunk, as a tokenizer that keeps "ke-16" and "US$16.74" whole
    offsets, position = [], 0
    for chunk in text.split(" "):
        offsets.append((position, position + len(chunk)))
        position += len(chunk) + 1
    coarse = annotate(build_doc(text, offsets, [0]))
    assert [f.text for f in extract_figures(coarse, context)] == [f.text for f in extract_figures(context.doc, context)]
    assert [f.text for f in extract_figures(coarse, context)] == ["ke-16", "US$16.74 miliar", "10 negara"]


def test_subject_before_trigger():
    figure = only("Total perdagangan ASEAN-Rusia pada tahun 2017 mencapai US$16.74 miliar.")
    assert figure.subject == "Total perdagangan ASEAN-Rusia"
    assert only("Hari ini 5 negara hadir.").subject is None


def test_stage_declares_contract_and_stores_figures():
    assert FiguresStage.name == "figures"
    assert FiguresStage.requires == frozenset({"dates", "spans:boilerplate", "spans:number", "spans:web_address"})
    assert FiguresStage.provides == frozenset({"figures"})
    context = make_context("Sebanyak 10 negara hadir.")
    context.records["dates"] = []
    FiguresStage()(context)
    assert all(isinstance(f, Figure) for f in context.records["figures"])
    assert [f.text for f in context.records["figures"]] == ["10 negara"]
    with pytest.raises(ValueError):
        ExtractionPipeline([FiguresStage()])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tarif menjadi Rp 11,500 dari sebelumnya.", ("Rp 11,500", 11_500)),
        ("Nilainya Rp 5,417 miliar saja.", ("Rp 5,417 miliar", 5.417e9)),
        ("Waktunya 1 menit 23,235 detik.", ("23,235 detik", 23.235)),
        ("Lahan 120 ribu meter persegi dibangun.", ("120 ribu meter persegi", 120_000)),
    ],
)
def test_separator_conventions(text, expected):
    figures = {f.text: f.value for f in figures_of(text)}
    assert figures[expected[0]] == pytest.approx(expected[1])


def test_lap_times_are_not_metres():
    assert [f.text for f in figures_of("Marquez (RC213V) 1 m 59.694s + 0.482s")] == []


_PIECES = st.sampled_from(
    ["10", "1.500", "16,74", "US$", "Rp", "ke-", "tiga", "juta", "miliar", "negara", "persen", "%", "tahun",
     "km", "kedua", "pertama", "\u00a0", "  ", " ", "\n", "-", "2018", "G", "th", ",", ".", "orang", "Pasal"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_spans_are_exact_on_arbitrary_text(pieces):
    text = "".join(pieces)
    figures = figures_of(text)  # asserts text[start:end] == figure.text
    spans = sorted((f.start, f.end) for f in figures)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_percent_after_a_rank_word_is_still_a_percent():
    text = "India menaikkan bea impor CPO sebesar 15 persen dari posisi 7,5 persen, di posisi 3 dunia."
    assert table(text) == {("15 persen", "percent", 15, "%"), ("7,5 persen", "percent", 7.5, "%")}


def test_fold_multiplier_is_a_quantity():
    assert table("Bea impor dikerek dua kali lipat.") == {("dua kali lipat", "quantity", 2, "kali lipat")}


def test_century_ordinal_is_a_period_not_a_figure():
    assert table("Tujuan bersama kita adalah PBB Abad ke-21 yang lebih fokus.") == set()
    assert table("KTT ke-21 ASEAN.") == {("ke-21", "ordinal", 21, None)}


def test_duration_with_possessive_suffix():
    assert table("Kunjungan tiga harinya berakhir.") == {("tiga hari", "duration", 3, "day")}


def test_vague_plurals_are_counts_at_their_base_value():
    assert table("Belasan pertemuan bilateral digelar dan ratusan juta dosis dikirim.") >= {
        ("Belasan pertemuan", "count", 10, "pertemuan"),
        ("ratusan juta dosis", "count", 1e8, "dosis"),
    }


def test_agreements_are_counted_nouns():
    assert ("5 MoU", "count", 5, "mou") in table("Kedua menteri menandatangani 5 MoU di Jakarta.")


def test_reach_is_counted_in_tokens_not_characters():
    # The label word is the word before the number however many spaces stand between.
    assert figures_of("Sesuai Pasal" + " " * 60 + "5 negara hadir.") == []
    assert [f.text for f in figures_of("Sesuai ketentuan" + " " * 60 + "5 negara hadir.")] == ["5 negara"]
    # The subject is read from its clause's start within the sentence, however long the clause.
    long_clause = "Total perdagangan ASEAN-Rusia yang " + " ".join(["terus"] * 60) + " mencapai US$16.74 miliar."
    assert only(long_clause).subject == "Total perdagangan ASEAN-Rusia"
