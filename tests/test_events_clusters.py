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


def test_a_name_with_an_ordinal_is_not_a_longer_name_without_one():
    from test_events import run

    text = "Presiden menghadiri KTT ASEAN Plus Three di Jakarta. Sebelumnya, Presiden mengikuti KTT ASEAN ke-43 dan KTT ASEAN."
    events = run(text)
    assert [(e.name, e.ordinal, len(e.mentions)) for e in events] == [
        ("KTT ASEAN Plus Three", None, 1),
        ("KTT ASEAN ke-43", 43, 2),
    ]


def test_names_without_parties_join_when_one_stands_in_the_other():
    from test_events import run

    text = (
        "Wakil Presiden Ma'ruf Amin akan menghadiri Global Muslim Business Forum. "
        "Pada malam hari, ia membuka Pembukaan Global Muslim Business Forum 2023 di Kuching."
    )
    events = run(text, officials=[("Ma'ruf Amin", "ID")])
    assert [len(e.mentions) for e in events] == [2]


def test_visits_dated_in_other_years_are_two_visits():
    from test_events import run

    text = (
        "Kunjungan Menlu Retno ke Mongolia pada Rabu (22/11) membahas kerja sama. "
        "Kunjungan Menlu Retno ke Mongolia pada 2006 juga membahas perdagangan."
    )
    dates = [("Rabu (22/11)", "2016-11-22", "day"), ("2006", "2006", "year")]
    events = run(text, officials=[("Retno", "ID")], dates=dates)
    assert [e.start for e in events] == ["2016-11-22", "2006"]


def test_a_reference_naming_its_parties_with_nothing_to_refer_to_is_an_event():
    from test_events import run

    text = "Kunjungan Menlu Retno ke Canberra ini untuk mendampingi Presiden dalam acara kenegaraan."
    events = run(text, officials=[("Retno", "ID")])
    assert [(e.type.value, e.name) for e in events] == [("visit", "Kunjungan Menlu Retno ke Canberra ini")]
    assert run("Kunjungan ini untuk mendampingi Presiden dalam acara kenegaraan.") == []
