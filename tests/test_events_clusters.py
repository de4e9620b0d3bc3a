"""Event clusters: name folding and comparison helpers."""

from __future__ import annotations

import datetime as dt

from conftest import make_doc
from test_events import run
from extractor.extractors.events.clusters import _contains_word, _fold_name, _strip_ordinals, _truncated_name
from extractor.extractors.events.mentions import NAMED, Mention
from extractor.extractors.events.text import Words
from extractor.records import EventType


def test_fold_name_keeps_letters_and_digits():
    assert _fold_name("KTT ke-4 ASEAN-Rusia,  (Bali)") == "ktt ke 4 asean rusia bali"


def test_strip_ordinals_drops_every_ordinal_form():
    assert _strip_ordinals("pertemuan ke 16 asean 16th ke16 senior") == "pertemuan asean senior"


def test_contains_word_needs_whole_words():
    assert _contains_word("Pertemuan ARF ke-25", "ARF")
    assert not _contains_word("Pertemuan ARFX", "ARF")


def _named(words, name: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = words.text.index(name, start + 1)
    return Mention(start, start + len(name), EventType.summit, NAMED, frozenset({"summit"}), (0, len(words.text)), name)


def test_truncated_name_keeps_every_party_read_from_the_docs_party_spans():
    text = "Menlu hadir di pertemuan ASEAN Regional Forum dan KTT ASEAN-Rusia. Lalu KTT ASEAN digelar."
    words = Words(make_doc(text))
    assert _truncated_name("pertemuan ASEAN", _named(words, "pertemuan ASEAN Regional Forum"), words)
    # ``Rusia`` is a name inside the hyphen-joined word (a ``party_part`` span) that ``KTT ASEAN`` leaves out
    assert not _truncated_name("KTT ASEAN", _named(words, "KTT ASEAN-Rusia"), words)
    assert not _truncated_name("pertemuan", _named(words, "pertemuan ASEAN Regional Forum"), words)  # one word


def test_truncated_name_of_co_held_events_reads_the_parties_of_the_whole_stretch():
    text = "Presiden menghadiri KTT ke-44 dan ke-45 ASEAN di Vientiane."
    words = Words(make_doc(text))
    first = _named(words, "KTT ke-44 dan ke-45 ASEAN")
    first.text = "KTT ke-44 ASEAN"
    second = Mention(text.index("ke-45"), text.index("ke-45") + 5, EventType.summit, NAMED, frozenset({"summit"}), (0, len(text)), "KTT ke-45 ASEAN")
    second.co_held_of = first
    # the assembled name is no stretch of the text; its parties are those of the stretch naming both
    assert _truncated_name("KTT ASEAN", second, words)


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


def test_an_event_dated_long_before_publication_is_not_the_articles_own():
    from test_events import run

    text = (
        "Kanselir Jerman Olaf Scholz akan menghadiri KTT G7 di Hiroshima. "
        "Dalam KTT G7 pada Juni 2015 di Elmau, Jerman menjadi tuan rumah. "
        "KTT G7 dibuka oleh Perdana Menteri Jepang Fumio Kishida."
    )
    dates = [("Juni 2015", "2015-06", "month")]
    officials = [("Olaf Scholz", "DE"), ("Fumio Kishida", "JP")]
    events = run(text, officials=officials, dates=dates, published=dt.date(2023, 5, 10))
    assert [(e.start, [m.start for m in e.mentions]) for e in events] == [
        (None, [text.index("KTT G7"), text.rindex("KTT G7")]),
        ("2015-06", [text.index("KTT G7 pada")]),
    ]


def test_a_date_of_a_subordinate_clause_does_not_make_a_mention_an_earlier_event():
    from test_events import run

    text = (
        "Para pemimpin menghadiri KTT ASEAN di Labuan Bajo. "
        "PM Timor Leste Taur Matan Ruak menghadiri KTT ASEAN setelah diterima sebagai anggota akhir tahun lalu."
    )
    dates = [("akhir tahun lalu", "2022", "year")]
    events = run(text, officials=[("Taur Matan Ruak", "TL")], dates=dates, published=dt.date(2023, 5, 10))
    assert [len(e.mentions) for e in events] == [2]


def test_a_date_just_before_publication_is_still_the_same_event():
    from test_events import run

    text = "Presiden Prancis Emmanuel Macron menghadiri KTT G20. KTT G20 pada 30 Desember membahas iklim."
    dates = [("30 Desember", "2016-12-30", "day")]
    events = run(text, officials=[("Emmanuel Macron", "FR")], dates=dates, published=dt.date(2017, 1, 4))
    assert [len(e.mentions) for e in events] == [2]


def test_an_earlier_event_named_by_a_reference_is_its_own_event():
    from test_events import run

    text = (
        "Presiden Jokowi membuka Konferensi Maritim Pasifik (KMP) di Jakarta. "
        "Ia mengingatkan bahwa KMP dahulu digelar pada tahun 1997 di Mauritius."
    )
    events = run(text, officials=[("Jokowi", "ID")], dates=[("tahun 1997", "1997", "year")], published=dt.date(2017, 3, 7))
    assert [(e.start, [m.text for m in e.mentions]) for e in events] == [
        (None, ["Konferensi Maritim Pasifik (KMP)"]),
        ("1997", ["KMP"]),
    ]


def test_an_acronym_before_its_definition_joins_the_defined_event():
    from test_events import run

    text = (
        "Jokowi Buka KMP Jakarta\n\n"
        "Presiden Jokowi membuka Konferensi Maritim Pasifik (KMP) di Jakarta."
    )
    events = run(text, officials=[("Jokowi", "ID")], published=dt.date(2017, 3, 7))
    assert [[m.text for m in e.mentions] for e in events] == [
        ["KMP Jakarta", "Konferensi Maritim Pasifik (KMP)"]
    ]


def test_a_demonstrative_reference_with_nothing_to_refer_to_opens_an_event_when_an_official_takes_part():
    from test_events import run

    text = (
        "Presiden Joko Widodo berkunjung ke Uni Emirat Arab. "
        "Menteri Luar Negeri Retno Marsudi turut hadir dalam pertemuan tersebut."
    )
    events = run(text, officials=[("Joko Widodo", "ID"), ("Retno Marsudi", "ID")])
    assert [(e.type.value, [m.text for m in e.mentions]) for e in events] == [
        ("visit", ["berkunjung ke Uni Emirat Arab"]),
        ("meeting", ["pertemuan tersebut"]),
    ]


def test_an_orphan_reference_without_anyone_taking_part_or_to_a_named_only_head_is_no_event():
    from test_events import run

    assert run("Warga desa berkumpul sejak pagi. Pertemuan tersebut berlangsung hingga sore.") == []
    # A state alone does not take part: traders meeting, tourists counted.
    assert run("Pedagang kopi bertemu di Istanbul. Pada pertemuan tersebut, para importir Turki memesan kopi.") == []
    assert run("Wisman dari Jepang datang ke Bali. Jumlah kunjungan tersebut naik dua persen.") == []
    text = "Kepala BPS Suhariyanto mengatakan Juli 2016 tercatat 1,03 juta kunjungan wisman."
    dates = [("Juli 2016", "2016-07", "month")]
    assert run(text, officials=[("Suhariyanto", "ID")], dates=dates, published=dt.date(2017, 9, 1)) == []
    # Nothing else reported: a personal or domestic meeting an official speaks of.
    text = "Ketua DPRD Prasetyo menemui pejabat kementerian. Dari hasil pertemuan itu, Prasetyo berharap aturan ditinjau."
    assert run(text, officials=[("Prasetyo", "ID")]) == []
    text = "Menteri Luar Negeri Retno Marsudi menghadiri rapat di kantornya. Rapat terbatas tersebut membahas anggaran."
    assert run(text, officials=[("Retno Marsudi", "ID")]) == []


def test_a_verb_meeting_of_a_two_letter_bloc_alone_is_an_event():
    events = run("Dewan Keamanan PBB akan bertemu di ruang tertutup pada Rabu ini untuk membahas situasi Rohingya.")
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["UN"])]


def test_a_verb_meeting_of_one_state_alone_is_no_event():
    text = "Menaker Hanif Dhakiri bertemu mantan Menakertrans Muhaimin Iskandar di Jakarta."
    assert run(text, officials=[("Hanif Dhakiri", "ID"), ("Muhaimin Iskandar", "ID")]) == []


def test_a_visit_to_the_capital_of_the_state_visited_is_the_same_visit():
    text = (
        "Presiden Joko Widodo bertolak ke Uni Emirat Arab (UEA), Minggu. "
        "Presiden Joko Widodo akan melakukan kunjungan kerja ke Abu Dhabi untuk membahas investasi."
    )
    events = run(text, officials=[("Joko Widodo", "ID")])
    assert len(events) == 1 and events[0].parties == ["AE", "ID"]
    assert [m.text for m in events[0].mentions] == ["bertolak ke Uni Emirat Arab (UEA)", "kunjungan kerja ke Abu Dhabi"]


def test_a_meeting_verb_between_other_officials_is_another_meeting():
    text = (
        "Menlu Retno Marsudi bertemu dengan Menlu Malaysia Saifuddin Abdullah di Gedung Pancasila. "
        "Sebelumnya, Saifuddin Abdullah telah bertemu dengan Presiden Joko Widodo di Istana Bogor."
    )
    events = run(text, officials=[("Retno Marsudi", "ID"), ("Saifuddin Abdullah", "MY"), ("Joko Widodo", "ID")])
    assert [(e.type.value, e.parties, e.location) for e in events] == [
        ("meeting", ["ID", "MY"], "Gedung Pancasila"), ("meeting", ["ID", "MY"], "Istana Bogor")
    ]


def test_a_meeting_verb_naming_some_or_more_of_its_officials_is_the_same_meeting():
    text = (
        "Menteri Perdagangan Budi Santoso bertemu dengan Menteri Perdagangan Australia Don Farrell di Jakarta. "
        "Budi Santoso mengatakan ia bertemu Don Farrell untuk membahas IA-CEPA. Kedua menteri bertemu selama dua jam."
    )
    events = run(text, officials=[("Budi Santoso", "ID"), ("Don Farrell", "AU")])
    assert [(e.type.value, len(e.mentions)) for e in events] == [("meeting", 3)]
    text = "Wakil Presiden bertemu dengan PM Malaysia Anwar Ibrahim di Kuching. Wapres Ma'ruf Amin bertemu PM Anwar Ibrahim selama satu jam."
    events = run(text, officials=[("Anwar Ibrahim", "MY"), ("Ma'ruf Amin", "ID")])
    assert [(e.type.value, len(e.mentions)) for e in events] == [("meeting", 2)]


def test_a_meeting_verb_told_again_for_another_day_is_another_meeting():
    text = (
        "Menko Marves akan menerima Menlu China Wang Yi di Toba, Selasa (12/1/2021). "
        "Wang Yi dijadwalkan bertemu Presiden Joko Widodo di Jakarta, Rabu (13/1/2021)."
    )
    events = run(
        text, officials=[("Wang Yi", "CN"), ("Joko Widodo", "ID")],
        dates=[("Selasa (12/1/2021)", "2021-01-12", "day"), ("Rabu (13/1/2021)", "2021-01-13", "day")],
        published=dt.date(2021, 1, 12),
    )
    assert [(e.mentions[0].text, e.start) for e in events] == [("menerima", "2021-01-12"), ("bertemu", "2021-01-13")]
