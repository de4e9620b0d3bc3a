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


def test_a_date_in_the_events_own_clause_beats_one_before_it():
    from test_events import run

    text = (
        "Presiden Joko Widodo yang tiba di Beijing pada Senin malam dijadwalkan bertemu dengan "
        "Presiden China Xi Jinping pada Selasa (26/7/2022) sore."
    )
    dates = [("Senin", "2022-07-25", "day"), ("Selasa (26/7/2022)", "2022-07-26", "day")]
    events = run(text, officials=[("Joko Widodo", "ID"), ("Xi Jinping", "CN")], dates=dates)
    assert [(e.type.value, e.start) for e in events] == [("meeting", "2022-07-26")]


def test_a_date_before_the_event_stays_when_its_clause_gives_none():
    from test_events import run

    text = "Pada Senin (25/7/2022), Presiden Joko Widodo bertemu dengan Presiden China Xi Jinping di Beijing."
    events = run(text, officials=[("Joko Widodo", "ID"), ("Xi Jinping", "CN")], dates=[("Senin (25/7/2022)", "2022-07-25", "day")])
    assert [(e.start, e.location) for e in events] == [("2022-07-25", "Beijing")]


def test_a_meeting_between_a_hyphenated_pair_of_states_is_between_both():
    from test_events import run

    events = run("Pertemuan antara kedua Menteri Luar Negeri dan Menteri Pertahanan Indonesia-Australia ini digelar tertutup.")
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["AU", "ID"])]


def test_a_topic_after_a_meeting_names_no_party():
    from test_events import run

    text = "Menlu Retno Marsudi bertemu Menlu Monako Gilles Tonelli membahas pencalonan RI di Dewan Keamanan PBB."
    events = run(text, officials=[("Retno Marsudi", "ID"), ("Gilles Tonelli", "MC")])
    assert [e.parties for e in events] == [["ID", "MC"]]


def test_a_place_names_a_site_when_a_capitalised_word_lies_outside_every_state_name():
    from extractor.extractors.events.attributes import _names_a_site

    text = "Ia tiba di Kuching, Malaysia lalu ke Myanmar dan Bangladesh serta Istana Presiden (Arg)."
    words = Words(make_doc(text))

    def names_a_site(place):
        start = text.index(place)
        return _names_a_site(words, start, start + len(place))

    assert names_a_site("Kuching, Malaysia")
    assert names_a_site("Istana Presiden (Arg)")
    assert not names_a_site("Myanmar dan Bangladesh")
    assert not names_a_site("Malaysia")


def test_a_visit_takes_its_destination_state_from_the_places_characters():
    from test_events import run

    events = run("Presiden Joko Widodo melakukan kunjungan kenegaraan ke Kuching, Malaysia, pekan ini.")
    assert [(e.type.value, e.parties, e.location) for e in events] == [("visit", ["MY"], "Kuching, Malaysia")]
