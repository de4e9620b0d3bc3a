"""Event clusters: name folding and comparison helpers."""

from __future__ import annotations

from extractor.extractors.events.clusters import _contains_word, _fold_name, _strip_ordinals, _truncated_name


def test_fold_name_keeps_letters_and_digits():
    assert _fold_name("KTT ke-4 ASEAN-Rusia,  (Bali)") == "ktt ke 4 asean rusia bali"


def test_strip_ordinals_drops_every_ordinal_form():
    assert _strip_ordinals("pertemuan ke 16 asean 16th ke16 senior") == "pertemuan asean senior"


def test_contains_word_needs_whole_words():
    assert _contains_word("Pertemuan ARF ke-25", "ARF")
    assert not _contains_word("Pertemuan ARFX", "ARF")


def test_truncated_name_keeps_every_party():
    assert _truncated_name("pertemuan ASEAN", "pertemuan ASEAN Regional Forum")
    assert not _truncated_name("KTT ASEAN", "KTT ASEAN-Rusia")
