"""Event attributes: cues after a mention, ordinals, first words of dates."""

from __future__ import annotations

from extractor.extractors.events.attributes import _first_word, cue_after
from extractor.extractors.events.lexicon import event_patterns
from extractor.extractors.events.text import Words

from conftest import make_doc
from test_events import by_name, run


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


def test_a_sentence_going_on_with_the_days_programme_takes_that_day():
    from test_events import run

    text = (
        "Presiden Joko Widodo menghadiri KTT ASEAN ke-42 di Labuan Bajo, Rabu (10/5/2023). "
        "Selanjutnya, Presiden Jokowi akan bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim."
    )
    events = run(text, officials=[("Joko Widodo", "ID", "Jokowi"), ("Anwar Ibrahim", "MY")], dates=[("Rabu (10/5/2023)", "2023-05-10", "day")])
    assert [(e.type.value, e.start) for e in events] == [("summit", "2023-05-10"), ("meeting", "2023-05-10")]


def test_the_next_day_or_a_date_between_stops_the_programme_day():
    from test_events import run

    officials = [("Joko Widodo", "ID", "Jokowi"), ("Anwar Ibrahim", "MY")]
    first = "Presiden Joko Widodo menghadiri KTT ASEAN ke-42 di Labuan Bajo, Rabu (10/5/2023). "
    next_day = run(first + "Keesokan harinya, Presiden Jokowi bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim.", officials=officials,
                   dates=[("Rabu (10/5/2023)", "2023-05-10", "day")])
    assert [e.start for e in next_day] == ["2023-05-10", None]
    text = first + "Pada Mei 2022 ia juga hadir. Selanjutnya, Presiden Jokowi bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim."
    dated_between = run(text, officials=officials, dates=[("Rabu (10/5/2023)", "2023-05-10", "day"), ("Mei 2022", "2022-05", "month")])
    assert [e.start for e in dated_between] == ["2023-05-10", None]


def test_a_date_goes_to_the_event_its_own_clause_names_after_it():
    from test_events import run

    text = (
        "Hari ketiga kunjungan ke empat negara, Presiden Joko Widodo pagi ini, Selasa (7/3/2023) akan "
        "meninggalkan Laos untuk melanjutkan kunjungan kenegaraan ke Vietnam."
    )
    events = run(text, officials=[("Joko Widodo", "ID")], dates=[("Selasa (7/3/2023)", "2023-03-07", "day")])
    assert [(e.name, e.start) for e in events] == [
        ("kunjungan ke empat negara", None),
        ("kunjungan kenegaraan ke Vietnam", "2023-03-07"),
    ]


def test_a_courtesy_call_is_a_meeting_placed_after_the_visitors_title():
    from test_events import run

    text = (
        "Menteri Pertahanan Sjafrie Sjamsoeddin menerima kunjungan kehormatan Duta Besar Jepang untuk Indonesia "
        "Masaki Yasushi di Kantor Kementerian Pertahanan, Jakarta."
    )
    events = run(text, officials=[("Sjafrie Sjamsoeddin", "ID"), ("Masaki Yasushi", "JP")])
    assert [(e.type.value, e.location) for e in events] == [("meeting", "Kantor Kementerian Pertahanan, Jakarta")]


def test_a_day_after_a_start_cue_in_the_events_clause_is_its_start():
    from test_events import run

    text = "Menteri Luar Negeri Sugiono berkunjung ke Tiongkok sejak Senin 3 Maret 2025 untuk membahas kerja sama."
    events = run(text, officials=[("Sugiono", "ID")], dates=[("Senin 3 Maret 2025", "2025-03-03", "day")])
    assert [(e.location, e.start) for e in events] == [("Tiongkok", "2025-03-03")]
    text = "Menteri Luar Negeri Sugiono berkunjung ke Tiongkok. Hubungan kedua negara membaik sejak 2010."
    events = run(text, officials=[("Sugiono", "ID")], dates=[("2010", "2010", "year")])
    assert [e.start for e in events] == [None]


def test_officials_joined_by_a_hyphen_in_a_name_are_its_parties():
    from test_events import run

    text = "Presiden Joko Widodo bertemu Presiden Xi Jinping di Beijing. Hasil pertemuan Jokowi-Xi akan diumumkan."
    events = run(text, officials=[("Joko Widodo", "ID", "Jokowi"), ("Xi Jinping", "CN", "Xi")])
    assert [(e.type.value, e.parties, len(e.mentions)) for e in events] == [("meeting", ["CN", "ID"], 2)]


def test_a_date_of_a_subordinate_clause_is_not_the_events():
    from test_events import run

    text = "Lawatan Presiden Joko Widodo ke Malaysia merupakan yang pertama setelah terpilih kembali dalam pemilu 17 April lalu."
    events = run(text, officials=[("Joko Widodo", "ID")], dates=[("17 April", "2019-04-17", "day")])
    assert [(e.location, e.start) for e in events] == [("Malaysia", None)]
    text = "Menlu Retno bertemu dengan Duta Besar Australia untuk Indonesia Roderick Brazier pada Jumat (16/5/2025)."
    events = run(text, officials=[("Retno", "ID"), ("Roderick Brazier", "AU")], dates=[("Jumat (16/5/2025)", "2025-05-16", "day")])
    assert [e.start for e in events] == ["2025-05-16"]


def test_the_host_of_a_courtesy_call_is_a_party():
    from test_events import run

    text = "Ratu Maxima yang diterima Presiden Joko Widodo dalam kunjungan kehormatan Utusan Khusus PBB di Istana Merdeka."
    events = run(text, officials=[("Maxima", None), ("Joko Widodo", "ID")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["ID", "UN"])]


def test_a_lowercase_venue_noun_opens_the_place_phrase():
    from test_events import run

    officials = [("Prabowo Subianto", "ID"), ("Khaled Nordin", "MY")]
    text = "Menhan Prabowo Subianto menerima kunjungan kehormatan Menhan Malaysia Khaled Nordin di ruang kerja Menhan, Jakarta."
    assert [e.location for e in run(text, officials=officials)] == ["ruang kerja Menhan, Jakarta"]
    text = "Menhan Prabowo Subianto menerima kunjungan kehormatan Menhan Malaysia Khaled Nordin di ruang yang sempit."
    assert [e.location for e in run(text, officials=officials)] == [None]


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


def test_a_mention_less_next_sentence_gives_the_event_its_day_and_venue():
    import datetime as dt

    from test_events import run

    text = (
        "Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Kanada Melanie Joly. "
        "Acara itu berlangsung di Gedung Pancasila, Jakarta, Selasa (14/1/2025)."
    )
    events = run(
        text,
        officials=[("Sugiono", "ID"), ("Melanie Joly", "CA")],
        dates=[("Selasa (14/1/2025)", "2025-01-14", "day")],
        published=dt.date(2025, 1, 15),
    )
    assert [(e.type.value, e.start, e.location) for e in events] == [("meeting", "2025-01-14", "Gedung Pancasila, Jakarta")]


def test_the_next_sentence_gives_no_day_of_a_statement_history_or_another_tense():
    import datetime as dt

    from test_events import run

    officials = [("Sugiono", "ID"), ("Melanie Joly", "CA")]
    meeting = "Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Kanada Melanie Joly. "
    statement = meeting + "Dalam keterangan pers yang diterima wartawan, Selasa (14/1/2025), Kemlu merinci hasilnya."
    history = meeting + "Kedua negara menjalin hubungan diplomatik sejak 9 Mei 1952 di Ottawa."
    future = meeting + "Sebuah perjanjian akan diteken Jumat (17/1/2025)."
    quoted = meeting + "\u201cHari bersejarah bagi kita adalah Selasa (14/1/2025) ini,\u201d katanya."
    cases = (
        (statement, ("Selasa (14/1/2025)", "2025-01-14", "day")),
        (history, ("9 Mei 1952", "1952-05-09", "day")),
        (future, ("Jumat (17/1/2025)", "2025-01-17", "day")),
        (quoted, ("Selasa (14/1/2025)", "2025-01-14", "day")),
    )
    for text, day in cases:
        events = run(text, officials=officials, dates=[day], published=dt.date(2025, 1, 15))
        assert [(e.start, e.location) for e in events] == [(None, None)], text
    # A sentence that names an event of its own is not a continuation.
    own = meeting + "Sugiono juga bertemu Menlu Australia Penny Wong yang digelar di Ottawa, Selasa (14/1/2025)."
    events = run(own, officials=officials + [("Penny Wong", "AU")], dates=[("Selasa (14/1/2025)", "2025-01-14", "day")], published=dt.date(2025, 1, 15))
    assert [(e.parties, e.start) for e in events] == [(["CA", "ID"], None), (["AU", "ID"], "2025-01-14")]


def test_a_meeting_during_a_one_day_visit_takes_the_visits_day():
    import datetime as dt

    from test_events import run

    officials = [("Anwar Ibrahim", "MY"), ("Prabowo Subianto", "ID")]
    day = [("Senin (27/1/2025)", "2025-01-27", "day")]
    visit = "Perdana Menteri Malaysia Anwar Ibrahim melakukan kunjungan kenegaraan ke Indonesia, Senin (27/1/2025). "
    text = visit + "Mengawali kunjungannya, Anwar bertemu Presiden Prabowo Subianto di Istana Merdeka."
    events = run(text, officials=officials, dates=day, published=dt.date(2025, 1, 27))
    assert [(e.type.value, e.start, e.location) for e in events] == [
        ("visit", "2025-01-27", "Indonesia"),
        ("meeting", "2025-01-27", "Istana Merdeka"),
    ]
    # A visit of several days does not date what is held during it.
    days = [("Senin (27/1/2025)", "2025-01-27", "day", "2025-01-29")]
    events = run(text, officials=officials, dates=days, published=dt.date(2025, 1, 27))
    assert [(e.type.value, e.start) for e in events] == [("visit", "2025-01-27"), ("meeting", None)]


def test_a_sentence_opening_with_a_place_gives_it_to_the_event_after_the_comma():
    from test_events import run

    officials = [("Retno Marsudi", "ID"), ("Wang Yi", "CN")]
    for opening in ("Di Beijing, ", "Saat berada di Beijing, ", "Ketika di Beijing, "):
        text = opening + "Menlu Retno Marsudi bertemu dengan Menlu China Wang Yi."
        events = run(text, officials=officials)
        assert [(e.type.value, e.location) for e in events] == [("meeting", "Beijing")], text
    # Its own place wins; a lowercase opening is no place; nor is one without the closing comma.
    own = run("Di Beijing, Menlu Retno Marsudi bertemu dengan Menlu China Wang Yi di Diaoyutai.", officials=officials)
    assert [e.location for e in own] == ["Diaoyutai"]
    for text in (
        "Di sana, Menlu Retno Marsudi bertemu dengan Menlu China Wang Yi.",
        "Di Beijing Menlu Retno Marsudi bertemu dengan Menlu China Wang Yi.",
        "Di Beijing, yang sedang diguyur hujan, karena itu Menlu Retno Marsudi bertemu dengan Menlu China Wang Yi.",
    ):
        assert [e.location for e in run(text, officials=officials)] == [None], text


def test_a_meeting_on_the_sidelines_of_an_event_opening_the_sentence_takes_its_place_and_date():
    import datetime as dt

    from test_events import run

    text = (
        "Di sela-sela KTT ASEAN ke-47 di Kuala Lumpur, Malaysia, Minggu (26/10/2025), "
        "Presiden Prabowo Subianto bertemu dengan Perdana Menteri Jepang Sanae Takaichi."
    )
    events = run(
        text,
        officials=[("Prabowo Subianto", "ID"), ("Sanae Takaichi", "JP")],
        dates=[("Minggu (26/10/2025)", "2025-10-26", "day")],
        published=dt.date(2025, 10, 26),
    )
    meeting = next(e for e in events if e.type.value == "meeting")
    summit = next(e for e in events if e.type.value == "summit")
    assert (summit.location, summit.start) == ("Kuala Lumpur, Malaysia", "2025-10-26")
    assert (meeting.location, meeting.start, meeting.parties) == ("Kuala Lumpur, Malaysia", "2025-10-26", ["ID", "JP"])


def test_what_a_visitor_arrived_for_is_held_where_they_arrived():
    from test_events import run

    officials = [("Sugiono", "ID")]
    text = "Menteri Luar Negeri Sugiono tiba di Kazan, Rusia, untuk menghadiri KTT BRICS."
    assert [(e.type.value, e.location) for e in run(text, officials=officials)] == [("summit", "Kazan, Rusia")]
    # Without a purpose word the arrival says nothing of the event.
    text = "Menteri Luar Negeri Sugiono tiba di Kazan, Rusia, sehari setelah KTT BRICS dibuka."
    assert [e.location for e in run(text, officials=officials)] == [None]


def test_where_a_traveller_went_or_came_places_the_event_they_went_for():
    from test_events import run

    officials = [("Joko Widodo", "ID"), ("Retno Marsudi", "ID"), ("Wang Yi", "CN")]
    cases = {
        "Presiden Joko Widodo bertolak menuju Abu Dhabi, UEA, untuk kunjungan kerja.": "Abu Dhabi, UEA",
        "Menlu Retno Marsudi berangkat ke Beijing untuk menghadiri pertemuan dengan Menlu China Wang Yi.": "Beijing",
        "Menlu China Wang Yi mendatangi Kementerian Luar Negeri menemui Menlu Retno Marsudi.": "Kementerian Luar Negeri",
        "Menlu China Wang Yi menyambangi kantor Kementerian Luar Negeri untuk bertemu Menlu Retno Marsudi.": "kantor Kementerian Luar Negeri",
        # No purpose word, or something else between: the trip says nothing of the event.
        "Menlu Retno Marsudi terbang ke Beijing, lalu bertemu dengan Menlu China Wang Yi.": None,
        "Menlu China Wang Yi mendatangi Jakarta pekan lalu dan sempat bertemu Menlu Retno Marsudi.": None,
    }
    for text, place in cases.items():
        events = run(text, officials=[o for o in officials if o[0] in text])
        assert [e.location for e in events] == [place], text


def test_a_later_day_of_an_event_is_not_its_start():
    import datetime as dt

    from test_events import run

    day = [("Selasa (5/3/2024)", "2024-03-05", "day")]
    officials = [("Joko Widodo", "ID")]
    first = run("Presiden Joko Widodo menghadiri hari pertama KTT ASEAN di Jakarta, Selasa (5/3/2024).", officials, day, dt.date(2024, 3, 5))
    assert [(e.start, e.location) for e in first] == [("2024-03-05", "Jakarta")]
    for qualifier in ("hari terakhir", "hari ketiga", "hari ke-3"):
        text = f"Presiden Joko Widodo berpidato pada {qualifier} KTT ASEAN di Jakarta, Selasa (5/3/2024)."
        assert [(e.start, e.location) for e in run(text, officials, day, dt.date(2024, 3, 5))] == [(None, "Jakarta")], text
    # The day still dates the programme that follows it.
    text = (
        "Presiden Joko Widodo menjalani hari ketiga kunjungannya di Kamboja, Selasa (5/3/2024). "
        "Selanjutnya, Presiden bertemu dengan Perdana Menteri Kamboja Hun Manet."
    )
    events = run(text, officials + [("Hun Manet", "KH")], day, dt.date(2024, 3, 5))
    assert sorted((e.type.value, e.start) for e in events) == [("meeting", "2024-03-05"), ("visit", None)]


def test_a_meeting_on_the_sidelines_of_an_event_named_by_a_reference_takes_that_events_place():
    import datetime as dt

    from test_events import run

    officials = [("Joko Widodo", "ID"), ("Fumio Kishida", "JP")]
    text = (
        "Presiden Joko Widodo menghadiri KTT ASEAN-Jepang di Tokyo, Jepang, pada 16-18 Desember 2023. "
        "Di sela KTT tersebut, Joko Widodo bertemu Perdana Menteri Fumio Kishida."
    )
    events = run(text, officials=officials, dates=[("16-18 Desember 2023", "2023-12-16", "day", "2023-12-18")], published=dt.date(2023, 12, 18))
    meeting = next(e for e in events if e.type.value == "meeting")
    assert meeting.location == "Tokyo, Jepang"
    assert meeting.start is None  # one of the summit's three days, not its first to its last

    text = (
        "Presiden Joko Widodo menghadiri KTT APEC di San Francisco, Amerika Serikat, Kamis (16/11/2023). "
        "Di sela-sela KTT itu, Joko Widodo melakukan pertemuan bilateral dengan Perdana Menteri Fumio Kishida."
    )
    events = run(text, officials=officials, dates=[("Kamis (16/11/2023)", "2023-11-16", "day")], published=dt.date(2023, 11, 17))
    meeting = next(e for e in events if e.type.value == "meeting")
    assert (meeting.location, meeting.start) == ("San Francisco, Amerika Serikat", "2023-11-16")


def test_an_unlinked_event_takes_no_place_from_an_earlier_summit():
    import datetime as dt

    from test_events import run

    text = (
        "Presiden Joko Widodo menghadiri KTT APEC di San Francisco, Amerika Serikat, Kamis (16/11/2023). "
        "Sepekan kemudian Joko Widodo bertemu Perdana Menteri Fumio Kishida."
    )
    events = run(text, officials=[("Joko Widodo", "ID"), ("Fumio Kishida", "JP")], dates=[("Kamis (16/11/2023)", "2023-11-16", "day")], published=dt.date(2023, 11, 24))
    meeting = next(e for e in events if e.type.value == "meeting")
    assert meeting.location is None


def test_a_visit_is_where_its_first_written_destination_is_also_from_a_reference():
    import datetime as dt

    from test_events import run

    text = (
        "Juru bicara Jodi Mahardi mengatakan, kunjungan Menlu China Wang Yi ke Indonesia ini sudah lama direncanakan. "
        "Wang Yi akan berkunjung ke Toba besok."
    )
    events = run(text, officials=[("Jodi Mahardi", "ID"), ("Wang Yi", "CN")], dates=[("besok", "2021-01-13", "day")], published=dt.date(2021, 1, 12))
    visit = next(e for e in events if e.type.value == "visit")
    assert len(visit.mentions) == 2
    assert visit.location == "Indonesia"  # the stop at Toba is part of it


def test_a_finer_date_of_another_mention_inside_the_events_year_says_when():
    import datetime as dt

    from test_events import run

    text = (
        "Bank Indonesia bakal menjadi tuan rumah Konferensi International Committee for Money and Banking Museum (ICOMON) 2017. "
        "Rencananya, konferensi ICOMON Ke-24 ini akan dilaksanakan pada 3-6 September 2017 di Museum BI, Jakarta."
    )
    dates = [("2017", "2017", "year"), ("3-6 September 2017", "2017-09-03", "day", "2017-09-06")]
    conference = run(text, dates=dates, published=dt.date(2017, 8, 31))[0]
    assert (conference.start, conference.end) == ("2017-09-03", "2017-09-06")
    # a day outside the year named is another matter
    text = text.replace("3-6 September 2017", "3-6 September 2018")
    dates = [("2017", "2017", "year"), ("3-6 September 2018", "2018-09-03", "day", "2018-09-06")]
    conference = run(text, dates=dates, published=dt.date(2017, 8, 31))[0]
    assert conference.start == "2017"


def test_a_visit_is_where_its_visitor_first_arrived_not_the_later_leg():
    import datetime as dt

    from test_events import run

    text = (
        "Wakil Presiden Ma'ruf Amin tiba di Kuching, Malaysia, Selasa, untuk melakukan kunjungan kerja. "
        "Sebelumnya Wakil Presiden Ma'ruf Amin bertolak ke Malaysia dari Jakarta."
    )
    events = run(text, officials=[("Ma'ruf Amin", "ID")], dates=[("Selasa", "2023-11-28", "day")], published=dt.date(2023, 11, 28))
    visit = next(e for e in events if e.type.value == "visit")
    assert visit.location == "Kuching, Malaysia"


def test_where_a_traveller_arrived_opening_the_sentence_places_the_event_after_the_comma():
    from test_events import run

    officials = [("Retno Marsudi", "ID"), ("Yoshimasa Hayashi", "JP")]
    for opener in ("Setibanya di Tokyo", "Sesampainya di Tokyo"):
        text = f"{opener}, Menlu Retno Marsudi bertemu dengan Menlu Jepang Yoshimasa Hayashi."
        assert [e.location for e in run(text, officials=officials)] == ["Tokyo"], text


def test_a_fronted_place_is_where_a_statement_was_made_not_the_event_it_reports():
    from test_events import run

    officials = [("Retno Marsudi", "ID"), ("Yoshimasa Hayashi", "JP")]
    for opener in ("Setibanya di Bandara Soekarno-Hatta", "Di Jakarta"):
        text = f"{opener}, Menlu Retno Marsudi mengatakan pertemuan dengan Menlu Jepang Yoshimasa Hayashi berlangsung baik."
        assert [e.location for e in run(text, officials=officials)] == [None], text


def test_a_date_set_off_after_a_citing_word_dates_the_statement_not_the_event():
    import datetime as dt

    from test_events import run

    officials = [("Tsai Ing-wen", "TW")]
    published = dt.date(2017, 10, 29)
    cited = "Mengutip Reuters, Minggu (29/10), Presiden Taiwan Tsai Ing-wen berangkat dalam kunjungan ke Tuvalu."
    own = "Presiden Taiwan Tsai Ing-wen, Minggu (29/10), berangkat dalam kunjungan ke Tuvalu."
    with_pada = "Menurut keterangan pers, pada Minggu (29/10) Presiden Taiwan Tsai Ing-wen melakukan kunjungan ke Tuvalu."
    starts = [
        [e.start for e in run(text, officials=officials, dates=[("Minggu (29/10)", "2017-10-29", "day")], published=published)]
        for text in (cited, own, with_pada)
    ]
    assert starts == [[None], ["2017-10-29"], ["2017-10-29"]]


def test_a_day_written_before_a_mention_does_not_refine_the_events_year():
    import datetime as dt

    from test_events import run

    text = (
        "Start-up Ku Ka terpilih untuk berpartisipasi pada pameran Web Summit 2016. "
        "Menurut Ahmad Rama kepada Antara, Sabtu, Ku Ka juga berpresentasi di Web Summit."
    )
    dates = [("2016", "2016", "year"), ("Sabtu", "2016-11-12", "day")]
    events = run(text, officials=[("Ahmad Rama", "ID")], dates=dates, published=dt.date(2016, 11, 13))
    assert [e.start for e in events] == ["2016"]


def test_a_trip_opening_the_sentence_places_the_event_after_the_comma_when_it_names_a_city():
    import datetime as dt

    from test_events import run

    officials = [("Joko Widodo", "ID"), ("Fumio Kishida", "JP")]
    dates = [("Rabu (27/7/2022)", "2022-07-27", "day")]
    published = dt.date(2022, 7, 27)
    for opener in ("Dalam kunjungan kerja ke Tokyo", "Dalam kunjungannya ke Tokyo pada Rabu (27/7/2022)", "Saat berkunjung ke Tokyo"):
        text = f"{opener}, Presiden Joko Widodo bertemu dengan Perdana Menteri Fumio Kishida."
        meeting = next(e for e in run(text, officials=officials, dates=dates if "Rabu" in text else (), published=published) if e.type.value == "meeting")
        assert meeting.location == "Tokyo", text
    # a country alone is the whole trip; a statement is not the event it reports
    for text in (
        "Dalam lawatan ke Jepang, Presiden Joko Widodo bertemu dengan Perdana Menteri Fumio Kishida.",
        "Dalam kunjungan kerja ke Tokyo, Presiden Joko Widodo mengatakan pertemuan dengan Perdana Menteri Fumio Kishida penting.",
    ):
        meeting = next(e for e in run(text, officials=officials, published=published) if e.type.value == "meeting")
        assert meeting.location is None, text


def test_a_visit_naming_only_its_destination_takes_its_subject_s_state():
    text = "Presiden Joko Widodo akan menghadiri KTT ASEAN-Jepang pada hari keempat kunjungannya di Kamboja, Sabtu."
    visit = by_name(run(text, officials=[("Joko Widodo", "ID")]), "kunjungannya")
    assert visit.parties == ["ID", "KH"]


def test_an_arrival_in_a_capital_makes_its_state_a_party_of_the_visit():
    text = "Raja Yordania Abdullah II tiba di Jakarta untuk kunjungan kenegaraan selama dua hari."
    visit = run(text, officials=[("Abdullah II", "JO")])[0]
    assert (visit.location, visit.parties) == ("Jakarta", ["ID", "JO"])


def test_the_subject_state_of_an_unnamed_meeting_takes_part():
    text = "Retno menyampaikan bahwa Indonesia akan mengupayakan solusi lewat pertemuan dengan otoritas Myanmar."
    meeting = run(text)[0]
    assert meeting.parties == ["ID", "MM"]


def test_an_office_named_without_a_state_as_subject_is_the_home_state_s():
    text = "Panglima TNI akan bertemu dengan delegasi militer Thailand di Bangkok, Selasa."
    assert [(e.type.value, e.parties) for e in run(text)] == [("meeting", ["ID", "TH"])]


def test_an_office_with_its_state_as_subject_is_that_state_s():
    text = "Menteri Luar Negeri Jepang akan bertemu dengan delegasi Thailand di Bangkok."
    assert [(e.type.value, e.parties) for e in run(text)] == [("meeting", ["JP", "TH"])]


def test_both_sides_with_no_event_before_are_the_two_states_named_last():
    text = "Indonesia dan Vietnam sepakat meningkatkan perdagangan. Hal itu disepakati dalam pertemuan Komisi Bersama ke-5 kedua negara di Hanoi."
    meeting = run(text)[0]
    assert (meeting.ordinal, meeting.parties) == (5, ["ID", "VN"])


def test_a_visit_in_a_sentence_naming_no_official_is_the_last_named_official_s():
    text = "Presiden Prabowo Subianto tiba di Brasilia. Kunjungan kenegaraan ke Brasil itu berlangsung dua hari."
    visit = by_name(run(text, officials=[("Prabowo Subianto", "ID")]), "Brasil")
    assert visit.parties == ["BR", "ID"]


def test_a_visit_naming_a_visitor_without_office_takes_no_earlier_official():
    text = "Presiden Joko Widodo membuka acara. Kunjungan Dalai Lama ke Mongolia pada 2006 memicu protes."
    visit = by_name(run(text, officials=[("Joko Widodo", "ID")]), "Mongolia")
    assert visit.parties == ["MN"]


def test_a_date_inside_the_topic_after_an_event_is_not_when_it_is_held():
    text = (
        "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Kanada Melanie Joly di Ottawa untuk "
        "membahas perjanjian perdagangan yang ditargetkan rampung pada 2025."
    )
    events = run(text, officials=[("Retno Marsudi", "ID"), ("Melanie Joly", "CA")], dates=[("2025", "2025", "year")])
    assert [(e.location, e.start) for e in events] == [("Ottawa", None)]


def test_a_capitalised_topic_word_inside_a_name_does_not_open_a_topic():
    text = "Presiden Joko Widodo menghadiri KTT ASEAN Ke-28 dan KTT Terkait ASEAN Ke-29 di Vientiane, Laos, Selasa (6/9/2016)."
    events = run(text, officials=[("Joko Widodo", "ID")], dates=[("Selasa (6/9/2016)", "2016-09-06", "day")])
    assert {(e.location, e.start) for e in events} == {("Vientiane, Laos", "2016-09-06")}


def test_a_day_tied_by_pada_to_the_clause_just_closed_is_that_clauses_event():
    text = (
        "Menteri Pertahanan Sjafrie Sjamsoeddin bertandang ke Canberra, Australia, pada 2 Februari 2025 untuk "
        "bertemu Menteri Pertahanan Australia Richard Marles."
    )
    events = run(text, officials=[("Sjafrie Sjamsoeddin", "ID"), ("Richard Marles", "AU")], dates=[("2 Februari 2025", "2025-02-02", "day")])
    visit = next(e for e in events if e.type.value == "visit")
    assert (visit.location, visit.start) == ("Canberra, Australia", "2025-02-02")


def test_a_date_set_off_before_its_own_clause_still_goes_to_the_event_after_it():
    text = (
        "Presiden Joko Widodo, pagi ini, Senin (29/1/2018) akan meninggalkan Bangladesh untuk melanjutkan "
        "kunjungan kenegaraan ke Afghanistan."
    )
    events = run(text, officials=[("Joko Widodo", "ID")], dates=[("Senin (29/1/2018)", "2018-01-29", "day")])
    assert [(e.location, e.start) for e in events] == [("Afghanistan", "2018-01-29")]


def test_a_lowercase_area_or_site_noun_opens_the_place_phrase():
    officials = [("Joko Widodo", "ID"), ("Anwar Ibrahim", "MY")]
    day = [("Senin (4/9/2023)", "2023-09-04", "day")]
    text = "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Anwar Ibrahim di kota Bandung, Jawa Barat, Senin (4/9/2023)."
    assert [e.location for e in run(text, officials=officials, dates=day)] == ["kota Bandung, Jawa Barat"]
    text = "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Anwar Ibrahim di kawasan Nusa Dua, Bali, Senin (4/9/2023)."
    assert [e.location for e in run(text, officials=officials, dates=day)] == ["kawasan Nusa Dua, Bali"]
    text = "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Anwar Ibrahim di kota itu, Senin (4/9/2023)."
    assert [e.location for e in run(text, officials=officials, dates=day)] == [None]


def test_a_tours_listed_states_are_its_place():
    text = "Presiden Prabowo Subianto melakukan lawatan ke lima negara, yakni China, Amerika Serikat, Peru, Brasil, dan Inggris."
    events = run(text, officials=[("Prabowo Subianto", "ID")])
    assert [(e.type.value, e.location) for e in events] == [("visit", "China, Amerika Serikat, Peru, Brasil, dan Inggris")]
    # no list after the cue: no place
    events = run("Presiden Prabowo Subianto melakukan kunjungan ke lima negara, yakni untuk memperkuat kerja sama.", officials=[("Prabowo Subianto", "ID")])
    assert [e.location for e in events] == [None]


def test_a_named_meeting_during_a_visit_to_a_city_is_held_there():
    text = (
        "Wakil Presiden Ma'ruf Amin tiba di Kuching, Malaysia, Selasa (28/11/2023), untuk melakukan kunjungan kerja. "
        "Selasa malam, Wapres menghadiri Pembukaan Global Muslim Business Forum 2023."
    )
    events = run(text, officials=[("Ma'ruf Amin", "ID")], dates=[("Selasa (28/11/2023)", "2023-11-28", "day"), ("2023", "2023", "year")])
    forum = by_name(events, "Global Muslim Business Forum")
    assert forum.location == "Kuching, Malaysia"


def test_a_venue_owned_by_the_subject_is_named_after_a_comma():
    officials = [("Retno Marsudi", "ID"), ("Yoko Kamikawa", "JP")]
    day = [("Senin (4/9/2023)", "2023-09-04", "day")]
    text = "Menlu Retno Marsudi bertemu Menlu Jepang Yoko Kamikawa di ruang kerjanya, Gedung Pancasila, Jakarta, Senin (4/9/2023)."
    assert [e.location for e in run(text, officials=officials, dates=day)] == ["ruang kerjanya, Gedung Pancasila, Jakarta"]
    text = "Menlu Retno Marsudi bertemu Menlu Jepang Yoko Kamikawa di ruang kerjanya, Senin (4/9/2023)."
    assert [e.location for e in run(text, officials=officials, dates=day)] == [None]
