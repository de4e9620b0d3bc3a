"""Event attributes: cues after a mention, ordinals, first words of dates."""

from __future__ import annotations

from extractor.extractors.events.attributes import _first_word, cue_after
from extractor.extractors.events.lexicon import event_patterns
from extractor.extractors.events.text import Words

from conftest import make_doc


def test_cue_after_takes_optional_fillers_in_order():
    patterns = event_patterns()
    text = "Pertemuan yang juga dipimpin oleh Menlu itu."
    words = Words(make_doc(text))
    end = cue_after(words, len("Pertemuan"), patterns.chair_after, patterns.chair_fillers)
    assert text[:end] == "Pertemuan yang juga dipimpin oleh"
    assert cue_after(words, len("Pertemuan"), patterns.planned_after, (patterns.relative_marker,)) is None


def test_planned_cue_right_after_a_mention():
    patterns = event_patterns()
    text = "KTT itu yang dijadwalkan akan digelar besok."
    words = Words(make_doc(text))
    end = cue_after(words, len("KTT itu"), patterns.planned_after, (patterns.relative_marker,))
    assert text[:end] == "KTT itu yang dijadwalkan akan"


def test_first_word_of_a_date_text():
    assert _first_word("periode 2018-2021") == "periode"
    assert _first_word("19-20 Mei") == "19-20"
    assert _first_word("(19/5)") == "("
