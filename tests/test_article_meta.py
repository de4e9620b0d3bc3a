import datetime as dt

import pytest

from extractor.document import Article
from extractor.extractors.article_meta import (
    ArticleMetaStage,
    boilerplate_ranges,
    read_bylines,
    read_dateline,
    split_names,
)

from conftest import make_context


def run(text, published=None, **article):
    context = make_context(text, published=published)
    for key, value in article.items():
        setattr(context.article, key, value)
    ArticleMetaStage()(context)
    return context


def covered(context, phrase):
    start = context.text.index(phrase)
    return any(s <= start and start + len(phrase) <= e for s, e in context.boilerplate)


def test_seed_000(seed_texts):
    context = run(seed_texts["000_23c578c81a53ec19"])
    meta = context.meta
    assert (meta.dateline, meta.source) == ("Badung", "Antaranews Bali")
    assert meta.reporters == ["Naufal Fikri Yusuf"]
    assert meta.editors == ["Adi Lazuardi"]
    assert meta.photographers == ["Pande Yudha"]
    for phrase in ["Video oleh Pande Yudha", "Pewarta: Naufal Fikri Yusuf", "Editor : Adi Lazuardi", "COPYRIGHT © ANTARA News Bali 2019"]:
        assert covered(context, phrase), phrase
    assert not covered(context, "Jose Tavares")


def test_seed_004(seed_texts):
    context = run(seed_texts["004_c1b15d166fd41f57"])
    assert context.meta.dateline == "Singapura"
    assert covered(context, "(Sumber: Dit. Kerja Sama Eksternal ASEAN – Kemlu)")
    assert covered(context, "Selengkapnya: Kementerian Luar Negeri RI")
    assert not covered(context, "Menlu Retno")


@pytest.mark.parametrize(
    "text, place, source",
    [
        ("Jakarta, CNN Indonesia - - Pelatih fisik timnas", "Jakarta", "CNN Indonesia"),
        ("Jakarta (ANTARA News) - Ketua DPR RI", "Jakarta", "ANTARA News"),
        ("Samarinda, Kalimantan Timur (ANTARA News) - Saat itu", "Samarinda, Kalimantan Timur", "ANTARA News"),
        ("JAKARTA (Pos Kota) – Kepolisian sampai", "JAKARTA", "Pos Kota"),
        ("Suara.com-Cerita sekuel terbaru", None, "Suara.com"),
        ("GOLD COAST, JUARA.net-Pebulu tangkis", "GOLD COAST", "JUARA.net"),
        ("Singapura: Pertemuan Tahunan ASEAN", "Singapura", None),
    ],
)
def test_datelines(text, place, source):
    dateline = read_dateline(text)
    assert (dateline.place, dateline.source) == (place, source)
    assert text[dateline.start : dateline.end].strip(" -–:") != ""


@pytest.mark.parametrize("text", ["Ketua MPR Zulkifli Hasan menyesalkan", "Video: Judika Jadi Penyanyi", "Oleh karena itu, dia"])
def test_no_dateline(text):
    assert read_dateline(text) is None


def test_bylines_and_names():
    text = "Isi berita.\n\nReporter: Fair Cholis\nPenulis: Dwi Widijatmiko, Anggun Pratama\nOleh karena itu dia pergi."
    people, ranges = read_bylines(text)
    assert people == {"reporters": ["Fair Cholis", "Dwi Widijatmiko", "Anggun Pratama"]}
    assert len(ranges) == 2
    assert split_names("Fulan, Fulana dan Fulanah / Ani") == ["Fulan", "Fulana", "Fulanah", "Ani"]


def test_boilerplate_lines():
    text = (
        "Tim Cook, CEO Apple (Foto: Reuters) berkata.\n\nBaca juga: Setya Novanto: Jangan Sampai Kisruh\n\n"
        "[Baca juga: Membedah Fitur Suzuki]\n\nSumber: The Verge.\n\nAkhir berita. (den/asa)"
    )
    found = [text[s:e] for s, e in boilerplate_ranges(text)]
    assert "(Foto: Reuters)" in found
    assert "Baca juga: Setya Novanto: Jangan Sampai Kisruh" in found
    assert "[Baca juga: Membedah Fitur Suzuki]" in found
    assert "Sumber: The Verge." in found
    assert "(den/asa)" in found
    assert not any("Tim Cook" in f for f in found)


def test_closing_acronym_is_not_boilerplate():
    assert boilerplate_ranges("kerja sama dengan Amerika Serikat (AS)") == []


def test_published_from_input_and_meta_fields():
    context = run("Jakarta (ANTARA News) - Isi.", published=dt.date(2017, 8, 2), title="Judul", url="http://x")
    assert (context.published, context.published_source) == (dt.date(2017, 8, 2), "input")
    assert context.meta.published == "2017-08-02" and context.meta.published_source == "input"
    assert (context.meta.title, context.meta.url) == ("Judul", "http://x")


def test_published_inferred_when_missing(seed_texts):
    context = run(seed_texts["000_23c578c81a53ec19"])
    assert (context.published.year, context.published_source) == (2019, "copyright")
    # a year alone is written as the year, never as 1 January
    assert (context.meta.published, context.meta.published_granularity) == ("2019", "year")


def test_input_source_used_without_dateline_source():
    context = make_context("Isi berita tanpa dateline.")
    context.article = Article(doc_id="x", text=context.text, source="kumparan")
    ArticleMetaStage()(context)
    assert context.meta.source == "kumparan"


def test_published_granularity():
    from extractor.core import _document_records

    dated = run("Jakarta (ANTARA News) - Isi.", published=dt.date(2017, 8, 2))
    assert (dated.meta.published, dated.meta.published_granularity) == ("2017-08-02", "day")
    copyright_only = run("Rabu, pertemuan digelar.\n\nCOPYRIGHT © ANTARA News Bali 2019")
    assert (copyright_only.meta.published, copyright_only.meta.published_granularity) == ("2019", "year")
    assert _document_records(copyright_only.article, copyright_only).published == "2019"
    undated = run("Tidak ada tanggal di sini.")
    assert (undated.meta.published, undated.meta.published_granularity) == (None, None)
