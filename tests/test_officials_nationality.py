"""Nationality from the language (issue 9): an office without a state is Indonesia's, a state
after the office names it; no article-level fallback, no gazetteer, no term dates decide it.
Officials here are unlisted in ``known_officials.json`` unless a test says otherwise."""

import datetime as dt

import pytest

from extractor.extractors.article_meta import ArticleMetaStage
from extractor.extractors.officials import extract_officials

from conftest import make_context


def officials(text, entities=(), published=None):
    context = make_context(text, entities, published=published)
    ArticleMetaStage()(context)
    return {o.name: o for o in extract_officials(context.doc, context)}


@pytest.mark.parametrize(
    "text, name, title, country",
    [
        ("Menteri Perindustrian Rudi Hartanto meninjau pabrik.", "Rudi Hartanto", "Menteri Perindustrian", "ID"),
        ("Menhan Bambang Suryadi menerima tamu.", "Bambang Suryadi", "Menteri Pertahanan", "ID"),
        ("Dubes RI untuk Jepang Heri Akhmadi hadir.", "Heri Akhmadi", "Duta Besar", "ID"),
        ("Wamenlu Dewi Lestari membuka acara.", "Dewi Lestari", "Wakil Menteri Luar Negeri", "ID"),
        ("Presiden Darmawan Prasetyo berpidato.", "Darmawan Prasetyo", "Presiden", "ID"),
        ("Menlu Jepang Takeshi Iwaya tiba.", "Takeshi Iwaya", "Menteri Luar Negeri", "JP"),
        ("PM Malaysia Ismail Sabri hadir.", "Ismail Sabri", "Perdana Menteri", "MY"),
        ("Presiden Prancis Emmanuel Macron tiba.", "Emmanuel Macron", "Presiden", "FR"),
        ("Dubes Jepang untuk Indonesia Kanasugi Kenji hadir.", "Kanasugi Kenji", "Duta Besar", "JP"),
    ],
)
def test_office_without_a_state_is_indonesias_a_state_after_it_names_it(text, name, title, country):
    record = officials(text, [(name, "PER")])[name]
    assert (record.title, record.country) == (title, country)


def test_office_indonesia_does_not_have_names_no_state_by_itself():
    found = officials("Perdana Menteri Hamid Karzai dan Raja Abdullah hadir.", [("Hamid Karzai", "PER"), ("Abdullah", "PER")])
    assert found["Hamid Karzai"].country is None
    assert found["Abdullah"].country is None


def test_foreign_minister_named_next_to_an_unlisted_indonesian_keeps_his_state():
    text = (
        "Menlu Jepang Takeshi Iwaya dan Menteri Luar Negeri Budi Raharjo bertemu di Tokyo, Jepang. "
        "Jepang dan Jepang menyambut pertemuan bilateral itu bersama Menhan Agus Widjaja."
    )
    found = officials(text, [("Takeshi Iwaya", "PER"), ("Budi Raharjo", "PER"), ("Agus Widjaja", "PER")])
    assert found["Takeshi Iwaya"].country == "JP"
    assert found["Budi Raharjo"].country == "ID"  # not Japan, though Japan is named next to him and most
    assert found["Agus Widjaja"].country == "ID"


def test_term_dates_never_switch_nationality_off():
    # Joko Widodo's term in the gazetteer ends in 2024; Prabowo Subianto was defence minister
    # before his own presidential term begins.
    text = "Presiden Joko Widodo dan Menhan Prabowo Subianto bertemu PM Jepang Fumio Kishida."
    for published in (dt.date(2030, 1, 1), dt.date(2021, 5, 1), None):
        found = officials(text, [("Joko Widodo", "PER"), ("Prabowo Subianto", "PER"), ("Fumio Kishida", "PER")], published)
        assert found["Joko Widodo"].country == "ID"
        assert (found["Prabowo Subianto"].title, found["Prabowo Subianto"].country) == ("Menteri Pertahanan", "ID")
        assert found["Fumio Kishida"].country == "JP"


def test_hosts_of_a_visit_serve_the_visited_state():
    text = (
        "Menhan Jepang Itsunori Onodera bertolak ke Amerika Serikat untuk pertemuan dengan "
        "Menhan James Mattis dan Menlu Rex Tillerson. Ia juga bertemu Menlu Retno."
    )
    found = officials(text, [("Itsunori Onodera", "PER"), ("James Mattis", "PER"), ("Rex Tillerson", "PER")])
    assert found["James Mattis"].country == "US"
    assert found["Rex Tillerson"].country == "US"
    assert found["Retno"].country == "ID"  # another sentence names no visit


def test_cabinet_2024_in_the_gazetteer_gives_titles_without_an_office_in_the_text():
    found = officials("Sugiono bertemu Sjafrie Sjamsoeddin di Jakarta.", [("Sugiono", "PER"), ("Sjafrie Sjamsoeddin", "PER")],
                      published=dt.date(2025, 5, 17))
    assert (found["Sugiono"].title, found["Sugiono"].rule) == ("Menteri Luar Negeri", "known_official")
    assert found["Sjafrie Sjamsoeddin"].title == "Menteri Pertahanan"


def test_former_office_holder_keeps_his_state():
    text = (
        "Presiden Joko Widodo bertemu Presiden Japan-Indonesia Association, Fukuda Yasuo, di Tokyo. "
        "Fukuda Yasuo juga merupakan mantan Perdana Menteri Jepang."
    )
    found = officials(text, [("Joko Widodo", "PER"), ("Fukuda Yasuo", "PER")])
    assert (found["Fukuda Yasuo"].title, found["Fukuda Yasuo"].country) == ("Presiden", "JP")
    assert found["Joko Widodo"].country == "ID"


def test_envoy_list_with_designate_and_resident():
    text = (
        "Berikut duta besar yang menyerahkan surat kepercayaan:\n"
        "2. Dagmar Gonzales Grau, Duta Besar LBBP Designate Resident Republik Kuba\n"
        "8. Darius Gaidys, Duta Besar LBBP Designate Non-Resident Republik Lithuania\n"
    )
    found = officials(text, [("Dagmar Gonzales Grau", "PER"), ("Darius Gaidys", "PER")])
    assert (found["Dagmar Gonzales Grau"].title, found["Dagmar Gonzales Grau"].country) == ("Duta Besar Luar Biasa dan Berkuasa Penuh", "CU")
    assert found["Darius Gaidys"].country == "LT"


@pytest.mark.parametrize(
    "text, entities, parties",
    [
        ("Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Jepang Takeshi Iwaya di Tokyo.",
         [("Sugiono", "PER"), ("Takeshi Iwaya", "PER"), ("Tokyo", "LOC")], ["ID", "JP"]),
        ("Menteri Perdagangan Budi Santoso bertemu Menteri Perdagangan Malaysia Tengku Zafrul di Kuala Lumpur.",
         [("Budi Santoso", "PER"), ("Tengku Zafrul", "PER"), ("Kuala Lumpur", "LOC")], ["ID", "MY"]),
    ],
)
def test_bilateral_meeting_of_unlisted_officials_keeps_both_states(text, entities, parties):
    from extractor.core import default_stages
    from extractor.pipeline import ExtractionPipeline

    context = make_context(text, entities, published=dt.date(2023, 1, 5))  # before any term in the gazetteer
    ExtractionPipeline(default_stages())(context)
    (meeting,) = [e for e in context.records["events"] if e.type == "meeting"]
    assert sorted(meeting.parties) == parties


def test_a_comma_after_a_list_of_unnamed_offices_closes_the_list():
    text = (
        "Menteri Luar Negeri Retno Marsudi tiba di Dhaka. Dalam pembicaraan dengan Perdana Menteri (PM) "
        "dan Menlu Bangladesh, Retno menegaskan dukungan Indonesia."
    )
    found = officials(text, [("Retno Marsudi", "PER"), ("Retno", "PER")])
    assert (found["Retno Marsudi"].title, found["Retno Marsudi"].country) == ("Menteri Luar Negeri", "ID")
    # one title named with its holder after the comma still takes him
    found = officials("Menteri Luar Negeri Laos, Saleumxay Kommasith, hadir.", [("Saleumxay Kommasith", "PER")])
    assert found["Saleumxay Kommasith"].country == "LA"


def test_spellings_one_letter_apart_are_one_person():
    text = (
        "Gerakan itu ingin menjatuhkan Presiden Abdul Fattah al-Sisi. Sementara itu Presiden Mesir "
        "Abdel Fattah al-Sisi menyatakan negaranya tidak berniat memicu konflik."
    )
    found = officials(text, [("Abdul Fattah al-Sisi", "PER"), ("Abdel Fattah al-Sisi", "PER")])
    assert list(found) == ["Abdul Fattah al-Sisi"]
    assert found["Abdul Fattah al-Sisi"].country == "EG"
    assert len(found["Abdul Fattah al-Sisi"].mentions) == 2


def test_different_names_are_not_spelling_variants():
    text = "Presiden Kim Jong-il dan Presiden Kim Jong-un hadir. Menteri Ali Hasan dan Menteri Ali Husin juga."
    found = officials(text, [("Kim Jong-il", "PER"), ("Kim Jong-un", "PER"), ("Ali Hasan", "PER"), ("Ali Husin", "PER")])
    assert {"Kim Jong-il", "Kim Jong-un", "Ali Hasan", "Ali Husin"} <= set(found)


def test_hosts_met_later_by_the_traveller_of_a_visit_serve_the_visited_state():
    text = (
        "Raja Arab Saudi Salman bin Abdulaziz tiba di Moskow dalam kunjungan resmi ke Rusia. "
        "Kunjungan itu berlangsung tiga hari. Raja Salman akan menemui Presiden Vladimir Putin pada Kamis. "
        "Raja juga dijadwalkan bertemu dengan Perdana Menteri Dmitry Medvedev, sebelum meninggalkan Rusia. "
        "Di Jakarta, Menteri Perdagangan Budi Santoso menerima Menlu Sugiono."
    )
    ents = [("Salman bin Abdulaziz", "PER"), ("Salman", "PER"), ("Vladimir Putin", "PER"), ("Dmitry Medvedev", "PER"), ("Budi Santoso", "PER"), ("Sugiono", "PER")]
    found = officials(text, ents)
    assert found["Salman bin Abdulaziz"].country == "SA"
    assert found["Vladimir Putin"].country == "RU"  # met by the traveller of the visit to Russia
    assert found["Dmitry Medvedev"].country == "RU"  # met before leaving Russia
    assert found["Sugiono"].country == "ID"  # met by someone who made no visit
    assert found["Budi Santoso"].country == "ID"


def test_offices_listed_after_didampingi_serve_the_state_of_the_accompanied_person():
    text = (
        "Sekjen Partai Komunis Vietnam Nguyen Phu Trong tiba di Jakarta. Dalam lawatannya, Phu Trong "
        "didampingi anggota Biro Politik, Menteri Luar Negeri Phan Binh Minh. "
        "Presiden Joko Widodo didampingi Menteri Sekretaris Negara Pratikno."
    )
    ents = [("Nguyen Phu Trong", "PER"), ("Phu Trong", "PER"), ("Phan Binh Minh", "PER"), ("Joko Widodo", "PER"), ("Pratikno", "PER")]
    found = officials(text, ents)
    assert found["Nguyen Phu Trong"].country == "VN"
    assert found["Phan Binh Minh"].country == "VN"
    assert found["Pratikno"].country == "ID"  # the accompanied person's state comes from no office


def test_in_foreign_news_an_office_without_a_state_serves_the_state_of_the_first_official():
    text = (
        "Presiden Afrika Selatan Jacob Zuma akhirnya mengundurkan diri. Ketua partai ANC yang baru, "
        "Wakil Presiden Cyril Ramaphosa, memerintahkan Zuma mundur."
    )
    found = officials(text, [("Jacob Zuma", "PER"), ("Zuma", "PER"), ("Cyril Ramaphosa", "PER")])
    assert found["Cyril Ramaphosa"].country == "ZA"
    # News that names Indonesia, or whose first official is named without a state, keeps the rule.
    found = officials(text + " Indonesia menyampaikan simpati.", [("Jacob Zuma", "PER"), ("Zuma", "PER"), ("Cyril Ramaphosa", "PER")])
    assert found["Cyril Ramaphosa"].country == "ID"
    text = "Menteri Pertahanan Ryamizard Ryacudu bertemu Menteri Pertahanan Selandia Baru Mark Mitchell."
    found = officials(text, [("Ryamizard Ryacudu", "PER"), ("Mark Mitchell", "PER")])
    assert (found["Ryamizard Ryacudu"].country, found["Mark Mitchell"].country) == ("ID", "NZ")


def test_foreign_news_that_follows_a_visit_to_the_state_keeps_the_rule():
    text = (
        "Perdana Menteri Kamboja Hun Manet menyambut tamu. Presiden Joko Widodo menghadiri KTT pada "
        "hari keempat kunjungannya di Kamboja."
    )
    found = officials(text, [("Hun Manet", "PER"), ("Joko Widodo", "PER")])
    assert (found["Hun Manet"].country, found["Joko Widodo"].country) == ("KH", "ID")


def test_old_and_new_indonesian_spellings_are_one_person():
    text = "Kepala Bakamla Arie Soedewo hadir. Kepala Bakamla Arie Sudewo lalu berpidato."
    found = officials(text, [("Arie Soedewo", "PER"), ("Arie Sudewo", "PER")])
    assert list(found) == ["Arie Soedewo"]
    assert len(found["Arie Soedewo"].mentions) == 2
