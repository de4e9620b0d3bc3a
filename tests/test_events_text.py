"""The events word reader: words built from Stanza tokens, names, places, ordinals, phrases."""

from __future__ import annotations

import pytest

from extractor.extractors.events.lexicon import Phrases, event_patterns
from extractor.extractors.events.text import (
    Words,
    _extend_left,
    _extend_right,
    NAME_BRACKET_WORDS,
    PLACE_BRACKET_WORDS,
    _chunk_start,
    _read_place,
    _upper,
    _upper_or_digit,
    is_capword,
    ordinal_value,
    paren_end,
    phrase_at,
)

from conftest import make_doc


def words_of(text: str) -> Words:
    return Words(make_doc(text))


def test_words_join_hyphens_and_possessives_but_split_brackets():
    words = words_of("KTT ke-4 ASEAN-Rusia (KTT) Senior Officials' Meeting, Bali.")
    assert [w.text for w in words.items] == ["KTT", "ke-4", "ASEAN-Rusia", "(", "KTT", ")", "Senior", "Officials'", "Meeting", ",", "Bali", "."]
    assert all(words.text[w.start : w.end] == w.text for w in words.items)


def test_capword_shapes():
    assert is_capword("ASEAN-Rusia") and is_capword("Officials's") and is_capword("16th") and is_capword("G20")
    assert not is_capword("dengan") and not is_capword("2018") and not is_capword("U.S.")


def test_ordinals_in_their_written_forms():
    words = words_of("KTT ke-44 dan ke 45 serta ke-empat dan 16th Meeting")
    values = [ordinal_value(words, i) for i in range(len(words))]
    assert [v[1] for v in values if v] == [44, 45, 4, 16]


def test_name_runs_right_over_ordinals_brackets_and_party_joiners():
    text = "Konferensi Tingkat Tinggi (KTT) ke-4 ASEAN dengan Rusia di Singapura."
    words = words_of(text)
    end, items = _extend_right(words, text.index(" Tingkat"), len(text), event_patterns(), english=False)
    assert text[:end] == "Konferensi Tingkat Tinggi (KTT) ke-4 ASEAN dengan Rusia"
    assert items == 6


def test_bracketed_groups_are_bounded_in_words_and_by_the_line():
    longest = " ".join(f"W{k}" for k in range(NAME_BRACKET_WORDS))
    text = f"KTT ({longest}) lalu ({longest} X) lalu (KTT\nX) lalu (Jawa Tengah)"
    words = words_of(text)
    opens = [i for i, w in enumerate(words.items) if w.text == "("]
    closes = [i for i, w in enumerate(words.items) if w.text == ")"]
    assert paren_end(words, opens[0], NAME_BRACKET_WORDS, _upper_or_digit) == closes[0] + 1
    assert _chunk_start(words, closes[0], 0) == opens[0]
    assert paren_end(words, opens[1], NAME_BRACKET_WORDS, _upper_or_digit) is None  # one word too many
    assert _chunk_start(words, closes[1], 0) is None
    assert paren_end(words, opens[2], NAME_BRACKET_WORDS, _upper_or_digit) is None  # a line break inside
    assert paren_end(words, opens[3], PLACE_BRACKET_WORDS, _upper) == closes[3] + 1
    assert paren_end(words, opens[0], PLACE_BRACKET_WORDS, _upper) is None


def test_english_name_runs_left_and_right_over_connectors():
    text = "Sebelumnya digelar 16th ASEAN-Russia Senior Officials' Meeting on Counter Terrorism di Bali."
    words = words_of(text)
    head = text.index("Meeting")
    start, left = _extend_left(words, head, 0, event_patterns())
    end, right = _extend_right(words, head + len("Meeting"), len(text), event_patterns(), english=True)
    assert text[start:end] == "16th ASEAN-Russia Senior Officials' Meeting on Counter Terrorism"
    assert (left, right) == (4, 2)


def test_name_stops_at_line_break_and_month():
    text = "Pertemuan ASEAN\nJakarta. Pertemuan Jepang Mei lalu."
    words = words_of(text)
    patterns = event_patterns()
    assert _extend_right(words, len("Pertemuan"), len(text), patterns, english=False)[0] == len("Pertemuan ASEAN")
    second = text.index("Pertemuan Jepang") + len("Pertemuan")
    assert text[second : _extend_right(words, second, len(text), patterns, english=False)[0]] == " Jepang"


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Pertemuan digelar di Legian, Badung, Bali pada 19 Mei.", "Legian, Badung, Bali"),
        ("Pertemuan digelar di Singapura, Indonesia didaulat menjadi ketua.", "Singapura"),
        ("Pertemuan digelar di Nay Pyi Taw kemarin.", "Nay Pyi Taw"),
    ],
)
def test_place_phrase_runs_over_commas_only_when_the_clause_ends(sentence, place):
    words = words_of(sentence)
    position = sentence.index(" di ") + 4
    found = _read_place(words, position, len(sentence), event_patterns(), [])
    assert sentence[found[0] : found[1]] == place


def test_phrases_match_whole_words_longest_first():
    words = words_of("Ia datang di sela-sela KTT dan di sela acara.")
    phrases = Phrases(["di sela-sela", "di sela", "di"])
    at = phrase_at(words, 2, phrases)
    assert words.text[words[2].start : words[at - 1].end] == "di sela-sela"
    exact = Phrases(["bilateral"], exact=True)
    assert phrase_at(words_of("pertemuan Bilateral"), 1, exact) is None


def test_parties_in_a_range_from_the_party_spans_and_hyphen_parts():
    text = "KTT ASEAN-Rusia dan pertemuan Indonesia dengan Jepang."
    words = words_of(text)
    assert words.party_codes_in(0, len(text)) == {"ID", "JP"}
    assert words.party_codes_in(0, len(text), hyphen_parts=True) == {"ASEAN", "RU", "ID", "JP"}
    assert words.party_codes_in(0, text.index(" dengan")) == {"ID"}


def test_clause_words_and_object_end_count_words_not_characters():
    text = "Menurut dia, Presiden akan bertemu dengan Menlu Jepang di Tokyo pada Senin."
    words = words_of(text)
    verb = text.index("bertemu")
    assert words.clause_before(verb, 0, 3) == ["presiden", "akan"]
    end = words.object_end(verb + len("bertemu"), len(text), event_patterns().object_cutters)
    assert text[verb:end] == "bertemu dengan Menlu Jepang "


def test_places_with_their_states_joined_by_dan_are_one_phrase():
    from extractor.extractors.events.lexicon import event_patterns
    from extractor.extractors.events.text import Words, _read_place

    from conftest import make_doc

    patterns = event_patterns()
    text = "kunjungan kerja di Bratislava, Slovakia dan Athena, Yunani dari 22 November."
    words = Words(make_doc(text))
    start = text.index("Bratislava")
    place = _read_place(words, start, len(text), patterns, [])
    assert text[place[0] : place[1]] == "Bratislava, Slovakia dan Athena, Yunani"
    text = "pertemuan di Jakarta dan Menlu Jepang hadir."
    words = Words(make_doc(text))
    place = _read_place(words, text.index("Jakarta"), len(text), patterns, [])
    assert text[place[0] : place[1]] == "Jakarta"
    text = "bertemu di Tokyo, Jepang dan Presiden Filipina hadir."
    words = Words(make_doc(text))
    place = _read_place(words, text.index("Tokyo"), len(text), patterns, [])
    assert text[place[0] : place[1]] == "Tokyo, Jepang"


def test_a_list_of_states_joined_by_dan_is_not_widened():
    from extractor.extractors.events.lexicon import event_patterns
    from extractor.extractors.events.text import Words, _read_place

    from conftest import make_doc

    text = "KTT ke-16 Brasil, Rusia, India, Tiongkok dan Afrika Selatan (BRICS) digelar."
    words = Words(make_doc(text))
    place = _read_place(words, text.index("Rusia"), len(text), event_patterns(), [])
    assert text[place[0] : place[1]] == "Rusia, India, Tiongkok"


def test_a_hyphen_written_apart_joins_the_parties_of_a_name():
    from test_events import run

    for text in ("Presiden akan mengikuti KTT ASEAN -Jepang ke-24 di Jakarta.", "Presiden akan mengikuti KTT ASEAN - Jepang ke-24 di Jakarta."):
        events = run(text)
        assert [(e.name, e.parties, e.ordinal) for e in events] == [(text[24:-12], ["ASEAN", "JP"], 24)]
