"""The ``boilerplate`` component: page furniture as ``doc.spans["boilerplate"]``, one test for
every builder (``in_boilerplate``)."""

from __future__ import annotations

import pytest

from extractor.components import spans
from extractor.components.boilerplate import in_boilerplate, overlaps_ranges

from conftest import make_context, make_doc

BODY = "Menlu Retno bertemu Menlu Jepang di Tokyo pada 12 Juli 2023 dan sepakat bekerja sama di bidang energi."


def furniture(line):
    text = f"{BODY}\n{line}\n{BODY}"
    doc = make_doc(text)
    start = text.index(line)
    return [(span.label_, span.text) for span in spans(doc, "boilerplate") if span.start_char <= start < span.end_char]


@pytest.mark.parametrize(
    "line, pattern",
    [
        ("Baca juga: Menlu Retno bertemu Menlu Jepang", "related_line"),
        ("Baca: Jokowi Ajak Jepang Investasi Perikanan di Natuna", "related_line"),
        ("Simak: Prabowo Sambut PM Jepang", "related_line"),
        ("Lihat juga: KTT G20 di Bali", "related_line"),
        ("Kompas.com - 07/09/2017, 10:54 WIB", "publication_stamp_line"),
        ("Selasa, 28 November 2023 14:28 WIB 837", "publication_stamp_line"),
        ("Kamis, 18 Agustus 2016 | 16:43 WIB", "publication_stamp_line"),
        ("Dibaca: 1.039 Kali", "view_counter_line"),
        ("ADVERTISEMENT", "page_furniture_line"),
        ("SCROLL TO CONTINUE WITH CONTENT", "page_furniture_line"),
        ("Tags: Retno Marsudi, Jepang", "tag_line"),
        ("Baca berita dengan sedikit iklan, klik di sini", "promo_line"),
        ("Ikuti berita terkini di Google News", "promo_line"),
    ],
)
def test_web_page_furniture(line, pattern):
    assert [label for label, _ in furniture(line)] == [pattern]


def test_reading_time_inside_a_line():
    doc = make_doc(f"waktu baca 2 menit\n{BODY}")
    assert [(s.label_, s.text) for s in spans(doc, "boilerplate")] == [("reading_time", "waktu baca 2 menit")]


def test_captions_and_sentences_are_content():
    assert furniture("Menlu Retno Marsudi (kiri) berjabat tangan dengan Menlu Jepang di Tokyo, Rabu.") == []
    assert furniture("Ia membaca laporan itu pada 12 Juli 2023 pukul 19.36 WIB dan menilai kerja sama kedua negara berjalan baik.") == []


def test_in_boilerplate_and_the_builders_skip_it():
    from extractor.extractors.figures import extract_figures
    from extractor.extractors.priority_areas import extract_priority_areas

    text = f"{BODY}\nBaca juga: Kedua negara sepakat kerja sama di bidang pendidikan dan 10 negara hadir"
    context = make_context(text)
    start = text.index("Baca juga")
    assert in_boilerplate(context.doc, start + 3, start + 4) and not in_boilerplate(context.doc, 0, start - 1)
    context.records["dates"] = []
    assert [r.area.value for r in extract_priority_areas(context.doc, context)] == ["energy"]
    assert [f.text for f in extract_figures(context.doc, context)] == []


def test_a_span_overlaps_the_merged_ranges_it_shares_a_character_with():
    ranges = [(0, 5), (10, 20)]
    assert overlaps_ranges(ranges, 4, 6) and overlaps_ranges(ranges, 19, 25) and overlaps_ranges(ranges, 12, 13)
    assert not overlaps_ranges(ranges, 5, 10) and not overlaps_ranges(ranges, 20, 30) and not overlaps_ranges([], 0, 1)
