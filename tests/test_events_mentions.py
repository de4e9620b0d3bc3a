"""Event mentions and their attributes on sentences of current news (issue 9 item 4)."""

from __future__ import annotations

import datetime as dt

from test_events import by_name, run


def test_co_held_summits_are_two_records_sharing_place_and_date():
    text = "Presiden Joko Widodo menghadiri KTT ke-44 dan ke-45 ASEAN di Vientiane, Laos, pada 8 Oktober 2024."
    events = run(text, officials=[("Joko Widodo", "ID")], dates=[("8 Oktober 2024", "2024-10-08", "day")])
    assert [(e.name, e.ordinal) for e in events] == [("KTT ke-44 ASEAN", 44), ("KTT ke-45 ASEAN", 45)]
    assert all(e.parties == ["ASEAN"] and e.location == "Vientiane, Laos" and e.start == "2024-10-08" for e in events)


def test_co_held_ordinals_after_the_name_and_in_a_list():
    text = "KTT ASEAN ke-40 dan ke-41 digelar di Phnom Penh. Pertemuan ke-5, ke-6 dan ke-7 ASEAN-Jepang juga digelar."
    events = run(text)
    assert [(e.name, e.ordinal) for e in events] == [
        ("KTT ASEAN ke-40", 40),
        ("KTT ASEAN ke-41", 41),
        ("Pertemuan ke-5 ASEAN-Jepang", 5),
        ("Pertemuan ke-6 ASEAN-Jepang", 6),
        ("Pertemuan ke-7 ASEAN-Jepang", 7),
    ]


def test_one_ordinal_with_a_party_list_stays_one_record():
    events = run("KTT ke-4 ASEAN dan Rusia digelar di Singapura.")
    assert [(e.name, e.ordinal, e.parties) for e in events] == [("KTT ke-4 ASEAN dan Rusia", 4, ["ASEAN", "RU"])]


def test_bertolak_ke_a_state_is_a_visit():
    text = "Menlu Jepang Taro Kono akan bertolak ke Amerika Serikat pekan depan."
    events = run(text, officials=[("Taro Kono", "JP")])
    visit = by_name(events, "bertolak")
    assert visit.name == "bertolak ke Amerika Serikat" and visit.parties == ["JP", "US"] and visit.status.value == "planned"


def test_bertolak_ke_a_site_is_no_visit():
    assert run("Menlu Retno Marsudi bertolak ke Istana Bogor.", officials=[("Retno Marsudi", "ID")]) == []


def test_a_pronoun_subject_takes_the_official_named_before():
    text = "Menlu Retno Marsudi diperintahkan Presiden. Untuk itulah, dia berkunjung ke Bangladesh membahas pengungsi."
    events = run(text, officials=[("Retno Marsudi", "ID")])
    visit = by_name(events, "berkunjung")
    assert visit.parties == ["BD", "ID"] and visit.location == "Bangladesh"


def test_destination_is_the_whole_place_phrase():
    text = "Presiden Joko Widodo melakukan kunjungan kenegaraan ke Rio de Janeiro, Brasil, hari ini."
    visit = run(text, officials=[("Joko Widodo", "ID")])[0]
    assert visit.location == "Rio de Janeiro, Brasil"
    assert visit.mentions[0].text == "kunjungan kenegaraan ke Rio de Janeiro, Brasil"
    assert visit.parties == ["BR", "ID"]


def test_meeting_mention_runs_over_the_officials_it_is_held_with():
    text = "Kono akan melakukan pertemuan bilateral dengan Menhan James Mattis dan Menlu Rex Tillerson di Washington."
    events = run(text, officials=[("Kono", "JP"), ("James Mattis", "US"), ("Rex Tillerson", "US")])
    meeting = events[0]
    assert meeting.mentions[0].text == "pertemuan bilateral dengan Menhan James Mattis dan Menlu Rex Tillerson"
    assert meeting.parties == ["JP", "US"] and meeting.location == "Washington"


def test_several_meetings_in_one_sentence_keep_their_own_parties():
    text = "Retno bertemu Menlu Ekuador Maria Espinosa, kemudian bertemu Menlu Monako Gilles Tonelli."
    events = run(text, officials=[("Retno", "ID"), ("Maria Espinosa", "EC"), ("Gilles Tonelli", "MC")])
    assert [e.parties for e in events] == [["EC", "ID"], ["ID", "MC"]]


def test_place_continued_after_a_comma_is_no_title():
    text = "Presiden akan menghadiri KTT ke-35 ASEAN di Bangkok, Menteri Luar Negeri juga hadir."
    assert run(text)[0].location == "Bangkok"


def test_place_farther_in_the_sentence_when_the_clause_gives_none():
    text = (
        "Jokowi melakukan pertemuan bilateral dengan Presiden Timor Leste Taur Matan Ruak dan istrinya "
        "Isabel, di Istana Kepresidenan di Dili."
    )
    events = run(text, officials=[("Jokowi", "ID"), ("Taur Matan Ruak", "TL")])
    assert events[0].location == "Istana Kepresidenan"


def test_meeting_during_a_visit_takes_the_visited_city():
    text = (
        "Wapres Ma'ruf Amin melakukan kunjungan kerja ke Kuching, Malaysia, pada 28 November 2023. "
        "Dalam kunjungan itu, Ma'ruf bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim."
    )
    events = run(
        text,
        officials=[("Ma'ruf Amin", "ID", "Ma'ruf"), ("Anwar Ibrahim", "MY")],
        dates=[("28 November 2023", "2023-11-28", "day")],
        published=dt.date(2023, 11, 28),
    )
    meeting = by_name(events, "bertemu")
    assert meeting.location == "Kuching, Malaysia" and meeting.start == "2023-11-28"


def test_meeting_during_a_visit_to_a_country_takes_no_place():
    text = (
        "Presiden melakukan kunjungan kenegaraan ke Myanmar dan Bangladesh. "
        "Presiden Joko Widodo bertemu dengan PM Bangladesh Sheikh Hasina."
    )
    events = run(text, officials=[("Joko Widodo", "ID"), ("Sheikh Hasina", "BD")])
    assert by_name(events, "bertemu").location is None


def test_a_meeting_of_more_states_is_not_the_bilateral_one_before():
    text = (
        "Retno bertemu Menlu Rusia Sergey Lavrov di Jakarta. "
        "Retno juga memimpin pertemuan trilateral dengan Lavrov dan Menlu China Wang Yi."
    )
    events = run(text, officials=[("Retno", "ID"), ("Sergey Lavrov", "RU", "Lavrov"), ("Wang Yi", "CN")])
    assert [(e.name, e.parties) for e in events] == [
        ("bertemu", ["ID", "RU"]),
        ("pertemuan trilateral dengan Lavrov dan Menlu China Wang Yi", ["CN", "ID", "RU"]),
    ]


def test_a_meeting_reported_again_with_fewer_parties_is_the_same_one():
    text = (
        "Presiden Joko Widodo bertemu dengan PM Malaysia Anwar Ibrahim dan Sultan Brunei Hassanal Bolkiah. "
        "Dalam pertemuan dengan Anwar Ibrahim, kedua pemimpin membahas perbatasan."
    )
    events = run(text, officials=[("Joko Widodo", "ID"), ("Anwar Ibrahim", "MY"), ("Hassanal Bolkiah", "BN")])
    assert len(events) == 1 and events[0].parties == ["BN", "ID", "MY"]


def test_a_place_named_as_a_topic_is_no_location():
    text = "Dalam pertemuan empat mata, Jokowi dan Kishida bertukar pikiran mengenai situasi di Ukraina."
    events = run(text, officials=[("Jokowi", "ID"), ("Kishida", "JP")])
    assert events and all(e.location is None for e in events)


def test_the_subject_before_an_earlier_event_still_takes_part():
    text = "Dalam KTT BRICS ini, Sugiono akan bertemu dengan Presiden China Xi Jinping."
    events = run(text, officials=[("Sugiono", "ID"), ("Xi Jinping", "CN")])
    assert by_name(events, "bertemu").parties == ["CN", "ID"]


def test_a_place_in_a_later_clause_is_no_location():
    text = "Perundingan Palestina dan Israel mandek pada 2014 setelah Israel meneruskan pembangunan permukiman di Tepi Barat."
    events = run(text)
    assert events and all(e.location is None for e in events)


def test_a_name_that_is_no_diplomatic_event_stays_out_with_its_counterpart():
    text = '"Momen pertemuan Anda dengan Diah itu terjadi saat pelantikan?" tanya hakim.'
    assert run(text, officials=[("Diah", "ID")]) == []


def test_a_place_of_a_purpose_clause_is_no_location():
    text = "Menlu Retno Marsudi melakukan pertemuan dengan Menlu Jepang Taro Kono, untuk membahas investasi di Jakarta."
    events = run(text, officials=[("Retno Marsudi", "ID"), ("Taro Kono", "JP")])
    assert events and all(e.location is None for e in events)


def test_a_lowercase_english_head_closes_a_capitalised_english_name():
    text = "Panglima TNI Gatot Nurmantyo akan menghadiri Chiefs of Defence conference on violent extremism di Washington."
    events = run(text, officials=[("Gatot Nurmantyo", "ID")])
    assert [(e.type.value, e.name, e.location) for e in events] == [("conference", "Chiefs of Defence conference", "Washington")]


def test_a_lowercase_english_head_alone_is_no_event():
    assert run("Menlu Retno Marsudi menyebut acara meeting rutin itu penting.", officials=[("Retno Marsudi", "ID")]) == []


def test_an_english_forum_is_a_meeting():
    text = "Wapres Ma'ruf Amin menghadiri Global Muslim Business Forum di Kuching, Malaysia."
    events = run(text, officials=[("Ma'ruf Amin", "ID")])
    assert [(e.type.value, e.name) for e in events] == [("meeting", "Global Muslim Business Forum")]


def test_a_courtesy_call_is_a_meeting():
    text = "Puan mengatakan itu dalam agenda Courtesy Call dengan pimpinan delegasi di Hotel Fairmont, Jakarta."
    events = run(text, officials=[("Puan", "ID")])
    assert [(e.type.value, e.location) for e in events] == [("meeting", "Hotel Fairmont, Jakarta")]


def test_bertamu_ke_an_official_is_a_meeting():
    text = "Jokowi baru bertamu ke tempat Perdana Menteri Singapura Lee Hsien Loong pada hari berikutnya."
    events = run(text, officials=[("Jokowi", "ID"), ("Lee Hsien Loong", "SG")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["ID", "SG"])]


def test_pergi_ke_a_state_is_a_visit_and_to_a_place_is_not():
    text = "Menlu Retno Marsudi akan pergi ke Thailand untuk menghadiri KTT ASEAN."
    visit = by_name(run(text, officials=[("Retno Marsudi", "ID")]), "pergi")
    assert visit.type.value == "visit" and visit.parties == ["ID", "TH"] and visit.status.value == "planned"
    assert run("Menlu Retno Marsudi pergi ke pasar tradisional.", officials=[("Retno Marsudi", "ID")]) == []


def test_witnessing_documents_is_a_signing_and_a_show_is_not():
    text = "Jokowi dan PM Lee menyaksikan empat nota kesepahaman (MoU) kerja sama di bidang pendidikan."
    events = run(text, officials=[("Jokowi", "ID"), ("Lee", "SG")])
    assert [(e.type.value, e.parties) for e in events] == [("signing", ["ID", "SG"])]
    assert run("Jokowi menyaksikan pertunjukan tari di Bali.", officials=[("Jokowi", "ID")]) == []


def test_talks_with_an_official_or_a_state_are_a_meeting():
    text = "Dalam pembicaraan dengan Perdana Menteri (PM) dan Menlu Bangladesh, Retno menegaskan sikap Indonesia."
    events = run(text, officials=[("Retno", "ID")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["BD", "ID"])]
    assert run("Retno menegaskan pembicaraan mengenai hal itu belum selesai.", officials=[("Retno", "ID")]) == []


def test_a_meeting_in_a_series_with_an_official_is_its_own_meeting():
    text = (
        "Menlu Retno Marsudi bertemu dengan Menlu Liechtenstein Aurelia Frick. "
        "Pertemuan kedua dilangsungkan dengan Menlu Ekuador Maria Fernanda Espinosa. "
        "Pertemuan selanjutnya dengan Menlu Monako Gilles Tonelli membahas pencalonan RI."
    )
    officials = [("Retno Marsudi", "ID"), ("Aurelia Frick", "LI"), ("Maria Fernanda Espinosa", "EC"), ("Gilles Tonelli", "MC")]
    events = run(text, officials=officials)
    assert [m.text for e in events for m in e.mentions] == [
        "bertemu",
        "Pertemuan kedua",
        "Pertemuan selanjutnya dengan Menlu Monako Gilles Tonelli",
    ]
    assert len(events) == 3
    assert "EC" in events[1].parties and "MC" in events[2].parties


def test_a_sequence_word_without_a_counterpart_opens_no_meeting():
    text = "Menlu Retno Marsudi bertemu Menlu Jepang Taro Kono. Pertemuan kedua itu membahas ekonomi."
    events = run(text, officials=[("Retno Marsudi", "ID"), ("Taro Kono", "JP")])
    assert len(events) == 1


def test_the_arrival_of_an_official_is_a_visit():
    text = "Polri bersiap menyambut kedatangan mantan Presiden Amerika Serikat, Barack Obama, ke Indonesia pekan depan."
    events = run(text, officials=[("Barack Obama", "US")])
    assert [(e.type.value, e.name, e.location, e.parties) for e in events] == [
        ("visit", "kedatangan mantan Presiden Amerika Serikat, Barack Obama, ke Indonesia", "Indonesia", ["ID", "US"])
    ]
    text = "Kedatangan Barack Obama ke Indonesia ternyata tak cuma untuk berlibur."
    visit = run(text, officials=[("Barack Obama", "US")])[0]
    assert (visit.location, visit.parties) == ("Indonesia", ["ID", "US"])


def test_an_arrival_without_an_official_is_no_visit():
    assert run("Kedatangan ribuan wisatawan ke Bali meningkat tahun ini.") == []
    text = "Warga menunggu kedatangan bantuan dari Menlu Retno Marsudi."
    assert run(text, officials=[("Retno Marsudi", "ID")]) == []
    text = "Warga menolak kedatangan Ketua DPR RI, Fahri Hamzah, ke Manado, Sulawesi Utara."
    assert run(text, officials=[("Fahri Hamzah", "ID")]) == []
    text = "Tujuan lain kedatangan Presiden Jokowi adalah memberi semangat kepada kontraktor."
    assert run(text, officials=[("Jokowi", "ID")]) == []


def test_a_foreign_officials_arrival_naming_no_state_is_a_visit_to_the_home_state():
    text = "Ribuan warga menyambut kedatangan Presiden Prancis Emmanuel Macron, Rabu (28/5/2025)."
    events = run(text, officials=[("Emmanuel Macron", "FR")])
    assert [(e.type.value, e.name, e.location, e.parties) for e in events] == [
        ("visit", "kedatangan Presiden Prancis Emmanuel Macron", None, ["FR", "ID"])
    ]
    text = "Kedatangan Presiden Brasil Lula da Silva ke Jakarta dimanfaatkan untuk memperkuat kerja sama."
    visit = run(text, officials=[("Lula da Silva", "BR")])[0]
    assert (visit.name, visit.location, visit.parties) == ("Kedatangan Presiden Brasil Lula da Silva ke Jakarta", "Jakarta", ["BR", "ID"])


def test_a_home_officials_arrival_naming_no_state_is_no_visit():
    text = "Kedatangan Presiden Prabowo Subianto di Bandara Halim Perdanakusuma disambut sejumlah menteri."
    assert run(text, officials=[("Prabowo Subianto", "ID")]) == []



def test_a_joint_arrival_is_the_visit_of_the_official_the_head_names():
    text = (
        "Polri menyambut kedatangan mantan Presiden Amerika Serikat, Barack Obama, yang berlibur di Bali. "
        "Kedatangan Obama dan Perdana Menteri Malaysia Najib Razak diperkirakan meramaikan Bali."
    )
    events = run(text, officials=[("Barack Obama", "US", "Obama"), ("Najib Razak", "MY")])
    assert [(e.type.value, e.parties, len(e.mentions)) for e in events] == [("visit", ["ID", "US"], 2)]


def test_an_arrival_received_by_a_verb_is_the_verbs_meeting():
    text = "Menko Marves pada sore ini akan menerima langsung kedatangan Menteri Luar Negeri China Wang Yi di Danau Toba."
    events = run(text, officials=[("Wang Yi", "CN")])
    assert [(e.type.value, e.mentions[0].text, e.parties) for e in events] == [("meeting", "menerima", ["CN", "ID"])]


def test_a_foreign_official_received_with_no_other_state_named_meets_the_home_state():
    text = "Pada Kamis pagi, Kementerian Pertahanan menerima Kepala Staf Angkatan Darat Prancis Jenderal Pierre Schill."
    events = run(text, officials=[("Pierre Schill", "FR")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["FR", "ID"])]
    text = "Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri China Wang Yi di Kremlin."
    events = run(text, officials=[("Vladimir Putin", "RU"), ("Wang Yi", "CN")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["CN", "RU"])]
    # "diterima": the official after the verb is the host, not a guest of the home state
    text = "Pangeran William tiba di Kanada dan diterima Perdana Menteri Justin Trudeau di pangkalan udara militer."
    events = run(text, officials=[("Justin Trudeau", "CA")])
    assert all("ID" not in e.parties for e in events)


def test_states_as_the_subject_of_a_meeting_verb():
    text = "Para wakil dari Korea Selatan dan Korea Utara bertemu langsung di zona demiliterisasi."
    events = run(text)
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["KP", "KR"])]
    assert run("Wisatawan China berkunjung ke Bali setiap tahun.") == []


def test_melakukan_introduces_a_visit_of_its_own():
    text = (
        "Wapres Ma'ruf Amin tiba di Kuching, Malaysia, Selasa, untuk melakukan kunjungan kerja. "
        "Ma'ruf Amin bertolak ke Malaysia setelah melakukan kunjungan kerja di Bratislava, Slovakia."
    )
    events = run(text, officials=[("Ma'ruf Amin", "ID")], dates=[("Selasa", "2023-11-28", "day")])
    visits = [(e.location, e.start, [m.text for m in e.mentions]) for e in events]
    assert ("Bratislava, Slovakia", None, ["kunjungan kerja di Bratislava, Slovakia"]) in visits
    assert ("Kuching, Malaysia", "2023-11-28", ["kunjungan kerja", "bertolak ke Malaysia"]) in visits


def test_a_cooperation_meeting_spelt_kerjasama_is_diplomatic():
    text = "Menlu Retno bersama Menlu Norwegia Borge Brende memimpin pertemuan Kerjasama Selatan-Selatan dan Triangular mengenai perdamaian."
    events = run(text, officials=[("Retno", "ID"), ("Borge Brende", "NO")])
    assert [e.name for e in events] == ["pertemuan Kerjasama Selatan-Selatan dan Triangular"]


def test_states_named_before_a_meeting_verb_but_not_its_subject():
    assert run("Program ini menyiapkan startup asal Malaysia dan Singapura tersebut untuk bertemu dengan partner lokal.") == []
    assert run("Grup idol itu akan menyambangi Indonesia untuk menemui penggemarnya.") == []
    events = run("Korea Selatan dan Korea Utara akan bertemu di zona demiliterisasi.")
    assert [(e.type.value, e.parties, e.status.value) for e in events] == [("meeting", ["KP", "KR"], "planned")]


def test_a_counted_head_is_a_plural_group_not_an_event():
    text = "Menlu Retno Marsudi melakukan 13 pertemuan bilateral dan belasan pertemuan bilateral lainnya."
    assert run(text, officials=[("Retno Marsudi", "ID")]) == []
    assert run("Presiden Joko Widodo menggelar dua pertemuan bilateral di Tokyo.", officials=[("Joko Widodo", "ID")]) == []


def test_a_dialogue_offered_between_parties_is_no_event():
    text = "Wapres Jusuf Kalla mengatakan Indonesia siap menjadi mediator dialog antara negara-negara Islam dengan pemerintah Myanmar."
    assert run(text, officials=[("Jusuf Kalla", "ID")]) == []


def test_a_passive_signing_verb_with_its_document_right_after():
    from test_events import run

    text = "Presiden Joko Widodo melakukan kunjungan kenegaraan ke Vietnam. Dalam kunjungan ini juga ditandatangani 4 MoU kerja sama."
    events = run(text, officials=[("Joko Widodo", "ID")])
    assert [(e.type.value, [m.text for m in e.mentions]) for e in events] == [
        ("visit", ["kunjungan kenegaraan ke Vietnam", "kunjungan ini"]),
        ("signing", ["ditandatangani"]),
    ]
    text = "Presiden Joko Widodo melakukan kunjungan kenegaraan ke Vietnam. Dalam kunjungan ini juga ditandatangani oleh kedua menteri sebuah buku tamu."
    assert [e.type.value for e in run(text, officials=[("Joko Widodo", "ID")])] == ["visit"]


def test_flying_to_a_state_is_a_visit_and_a_series_is_plural():
    from test_events import run

    events = run("Presiden Joko Widodo terbang ke Malaysia untuk kunjungan resmi.", officials=[("Joko Widodo", "ID")])
    assert [(e.type.value, e.location, e.parties) for e in events] == [("visit", "Malaysia", ["ID", "MY"])]
    events = run("Presiden Joko Widodo terbang ke Bali untuk berlibur.", officials=[("Joko Widodo", "ID")])
    assert events == []
    events = run("Presiden Joko Widodo akan menghadiri sederet KTT pada pekan ini.", officials=[("Joko Widodo", "ID")])
    assert events == []


def test_a_title_case_headline_verb_ends_the_event_name():
    text = "Komunike KTT APEC Diumumkan, Para Pemimpin Pulang\n\nPara pemimpin APEC menutup KTT APEC di Lima, Peru."
    events = run(text)
    assert [m.text for e in events for m in e.mentions][:1] == ["KTT APEC"]
    text = "Forum Ekonomi Dunia Digelar di Davos\n\nPresiden Swiss Alain Berset membuka forum itu."
    assert [e.name for e in run(text, officials=[("Alain Berset", "CH")])] == ["Forum Ekonomi Dunia"]


def test_an_english_event_name_after_a_title_is_the_body_of_its_officer():
    text = "Presiden Prabowo menerima President Asian Development Forum Masatsugu Asakawa di Jakarta."
    events = run(text, officials=[("Prabowo", "ID"), ("Masatsugu Asakawa", None)])
    assert all("Forum" not in e.name for e in events)
    text = "Para menteri ASEAN menghadiri ASEAN Regional Forum di Manila."
    assert [e.name for e in run(text)] == ["ASEAN Regional Forum"]


def test_a_bloc_spelled_out_as_its_members_and_its_acronym_is_one_name_with_the_bloc_as_party():
    text = "Pertemuan Menlu Meksiko, Indonesia, Korea Selatan, Turki dan Australia (MIKTA) digelar di New York."
    events = run(text)
    assert [(e.name, e.parties) for e in events] == [
        ("Pertemuan Menlu Meksiko, Indonesia, Korea Selatan, Turki dan Australia (MIKTA)", ["MIKTA"])
    ]
    # Without the bracketed acronym a comma ends the name.
    assert [e.name for e in run("Presiden menghadiri KTT ASEAN, Jepang dan Korea di Tokyo.")] == ["KTT ASEAN"]


def test_a_visit_to_a_foreign_capital_is_a_visit_to_its_state():
    text = "Menlu Retno Marsudi akan melakukan kunjungan kerja ke Beijing pekan depan."
    visit = run(text, officials=[("Retno Marsudi", "ID")])[0]
    assert (visit.type.value, visit.location, visit.parties) == ("visit", "Beijing", ["CN", "ID"])


def test_a_visit_to_the_own_capital_is_domestic():
    text = "Gubernur Anies Baswedan melakukan kunjungan kerja ke Jakarta Utara."
    assert run(text, officials=[("Anies Baswedan", "ID")]) == []


def test_a_capital_visit_after_a_pronoun_takes_the_official_named_before():
    text = "Menlu Sugiono tiba di Seoul kemarin. Setelah itu ia melakukan kunjungan ke Tokyo."
    visit = by_name(run(text, officials=[("Sugiono", "ID")]), "Tokyo")
    assert visit.parties == ["ID", "JP"]


def test_a_modified_visit_head_abroad_is_a_visit():
    text = "Presiden Joko Widodo telah terbang dengan pesawat kepresidenan ke Malaysia untuk kunjungan resmi selama dua hari."
    visit = by_name(run(text, officials=[("Joko Widodo", "ID")]), "kunjungan resmi")
    assert visit.type.value == "visit" and "ID" in visit.parties


def test_a_modified_visit_head_at_home_is_no_event():
    text = "Menteri Pertanian Amran Sulaiman melakukan kunjungan resmi selama dua hari di Jawa Timur."
    assert run(text, officials=[("Amran Sulaiman", "ID")]) == []


def test_a_head_with_a_topic_after_a_light_verb_is_a_new_meeting_of_its_subject_states():
    text = "Delegasi Indonesia dan Filipina melakukan perundingan batas maritim di Manila pekan ini."
    meeting = run(text)[0]
    assert (meeting.type.value, meeting.name, meeting.parties) == ("meeting", "perundingan", ["ID", "PH"])


def test_a_head_with_a_description_after_a_light_verb_without_participants_is_no_event():
    assert run("Pemerintah daerah melakukan pertemuan rutin setiap bulan.") == []


def test_a_head_with_a_topic_after_a_light_verb_needs_its_subject_named():
    text = "Mentan Amran Sulaiman mengemukakan hal itu saat melakukan pertemuan terbatas membahas ekspor."
    assert run(text, officials=[("Amran Sulaiman", "ID")]) == []
    text = "Pemerintah Malaysia menyebut umat Muslim menghadiri pertemuan kelompok Atheist Republic di Kuala Lumpur."
    assert run(text) == []


def test_a_modified_head_after_a_light_verb_with_a_foreign_state_is_a_held_meeting():
    text = "Para pejabat dari 40 negara menggelar pertemuan perdana aliansi kontra-terorisme di Riyadh, Arab Saudi, Minggu."
    meeting = run(text)[0]
    assert (meeting.type.value, meeting.name) == ("meeting", "pertemuan perdana")


def test_a_modified_head_after_a_light_verb_at_home_is_no_event():
    text = "Presiden Joko Widodo menggelar pertemuan tertutup dengan para gubernur di Istana Bogor."
    assert run(text, officials=[("Joko Widodo", "ID")]) == []


def test_a_modified_visit_head_before_a_foreign_state_is_no_visit_there():
    text = "Mentan Amran Sulaiman melakukan kunjungan kerja melepas ekspor 10 ton bawang merah ke Thailand di Brebes."
    assert run(text, officials=[("Amran Sulaiman", "ID")]) == []


def test_a_negated_head_is_no_event():
    text = "Kementerian Luar Negeri AS menyebut transit Presiden Taiwan Tsai Ing-wen bersifat pribadi dan bukan kunjungan kenegaraan."
    assert run(text, officials=[("Tsai Ing-wen", "TW")]) == []


def test_receiving_credentials_is_a_meeting_of_the_receiving_and_the_sending_states():
    text = "Presiden Jokowi menerima surat kepercayaan duta besar Kuba dan Tunisia di Istana Merdeka, Jakarta."
    meeting = run(text, officials=[("Jokowi", "ID")])[0]
    assert meeting.type.value == "meeting" and meeting.mentions[0].text == "menerima surat kepercayaan"
    assert meeting.parties == ["CU", "ID", "TN"]


def test_an_indonesian_office_written_short_is_a_subject_taking_part():
    text = "Sebelum kembali ke Tanah Air, Wapres juga akan bertemu dengan Perdana Menteri Singapura Lawrence Wong."
    events = run(text, officials=[("Lawrence Wong", "SG")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["ID", "SG"])]
    text = "Menhan dijadwalkan berangkat ke Prancis untuk meninjau pengadaan jet tempur."
    assert [(e.type.value, e.parties) for e in run(text)] == [("visit", ["FR", "ID"])]
    assert run("Wapres bertemu dengan para petani di Kabupaten Grobogan.") == []


def test_a_plural_cue_covers_every_event_noun_of_its_list():
    text = "Presiden akan menghadiri sederet KTT dengan mitra wicara ASEAN dan pertemuan bilateral di Phnom Penh."
    assert [e for e in run(text) if e.type.value == "meeting"] == []
    text = "Presiden menggelar beberapa pertemuan bilateral serta pertemuan trilateral."
    assert run(text) == []
    # a noun of the list with its own counterpart is an event
    text = "Presiden Prabowo Subianto menghadiri sejumlah acara budaya dan pertemuan bilateral dengan Perdana Menteri Jepang Shigeru Ishiba."
    events = run(text, officials=[("Prabowo Subianto", "ID"), ("Shigeru Ishiba", "JP")])
    assert [(e.type.value, e.parties) for e in events] == [("meeting", ["ID", "JP"])]
