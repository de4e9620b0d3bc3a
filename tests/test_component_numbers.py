"""The ``numbers`` component: number phrases matched once over the characters, snapped to
Stanza's tokens, each with its pattern id, value and exact characters."""

from __future__ import annotations

from extractor.components import spans
from extractor.components.numbers import number_characters, number_value

from conftest import make_doc


def found(text):
    doc = make_doc(text)
    return [
        (text[start:end], span.label_, number_value(span))
        for span, (start, end, _) in zip(spans(doc, "number"), number_characters(doc))
    ]


def test_money_percent_and_counts_carry_pattern_and_value():
    text = "Perdagangan mencapai US$16,74 miliar atau naik 42% dengan 10 negara dan Rp1,2 triliun."
    assert found(text) == [
        ("US$16,74 miliar", "money_prefix", (16.74e9, "USD")),
        ("Rp1,2 triliun", "money_prefix", (1.2e12, "IDR")),
        ("10 negara", "count", (10.0, "negara")),
        ("10 negara dan", "count_pair", (10.0, "dan")),  # the builder reads "dan" as no noun
        ("42%", "percent", (42.0, "%")),
    ]


def test_number_words_durations_and_ordinals():
    text = "Kunjungan tiga hari itu adalah pertemuan ke-16 dan yang kedua."
    assert found(text) == [
        ("tiga hari", "duration", (3.0, "day")),
        ("ke-16", "ordinal_ke", (16.0, None)),
        ("kedua", "ordinal_word", (2.0, None)),
    ]


def test_a_match_inside_a_token_keeps_its_exact_characters():
    text = "Kunjungan tiga harinya berakhir."
    doc = make_doc(text)
    (span,) = [s for s in spans(doc, "number") if s.label_ == "duration"]
    start, end, amount_end = number_characters(doc)[list(spans(doc, "number")).index(span)]
    assert text[start:end] == "tiga hari" and text[start:amount_end] == "tiga"
    assert span.text == "tiga harinya"  # the span itself is snapped outwards to whole tokens


def test_a_classifier_count_also_offers_the_noun_after_it():
    labels = [(surface, label) for surface, label, _ in found("Mereka membeli dua buah kapal.")]
    assert ("dua buah", "count") in labels and ("dua buah kapal", "count_pair") in labels


def test_web_addresses_are_their_own_group():
    doc = make_doc("Info lengkap di www.kemlu.go.id atau humas@kemlu.go.id hari ini.")
    assert [s.text for s in spans(doc, "web_address")] == ["www.kemlu.go.id", "humas@kemlu.go.id"]
