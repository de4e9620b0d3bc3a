"""A title and its holder's name with words between them (issue 9 item 3): a body or place, a
posting, an ordinal, a bracket, a rank, ``terpilih``, a copula."""

import pytest

from test_officials import officials


@pytest.mark.parametrize(
    "text, entities, name, title",
    [
        ("Hadir pula Gubernur DKI terpilih Anies Baswedan di sana.", [("Anies Baswedan", "PER")], "Anies Baswedan", "Gubernur Terpilih"),
        ("Namun Utusan Khusus PBB untuk Sudan Volker Perthes mengatakan hal itu.", [("Volker Perthes", "PER"), ("Sudan", "LOC")], "Volker Perthes", "Utusan Khusus"),
        ("Diketahui, Presiden SMU PBB Ke-76 adalah Abdulla Shahid dari Maladewa.", [("Abdulla Shahid", "PER")], "Abdulla Shahid", "Presiden"),
        ("Ia disambut Atase Pertahanan RI di Kuala Lumpur Brigjen TNI Winarno beserta istri.", [("Kuala Lumpur", "LOC")], "Winarno", "Atase Pertahanan"),
        ("Hadir Wakil Presiden Japan-Indonesia Association Kuroda Naoki di Tokyo.", [("Kuroda Naoki", "PER")], "Kuroda Naoki", "Wakil Presiden"),
    ],
)
def test_name_found_past_the_words_between_title_and_holder(text, entities, name, title):
    found = officials(text, entities)
    assert name in found
    assert found[name].title == title


def test_a_rank_is_skipped_whole_never_a_name_inside_it():
    text = "Hadir Wakil Menteri Pertahanan (Wamenhan) Marsekal Madya TNI (Purn.) Donny Ermawan Taufanto di sana."
    found = officials(text, [("Marsekal Madya", "PER"), ("Donny Ermawan Taufanto", "PER")])
    assert "Madya" not in found
    assert found["Donny Ermawan Taufanto"].title == "Wakil Menteri Pertahanan"


@pytest.mark.parametrize(
    "text, entities, name",
    [
        # A lowercase word that is no body, rank, posting or copula stops the reading.
        ("Presiden mengatakan bahwa Joko Susanto benar.", [("Joko Susanto", "PER")], "Joko Susanto"),
        # A posting to what is no place.
        ("Utusan Khusus untuk perdamaian Ahmad Yani hadir.", [("Ahmad Yani", "PER")], "Ahmad Yani"),
        # "dan" joins another person: no holder of the first office.
        ("Presiden RI dan Bambang Susilo hadir.", [("Bambang Susilo", "PER")], "Bambang Susilo"),
    ],
)
def test_no_holder_across_other_words(text, entities, name):
    assert name not in officials(text, entities)


def test_another_office_first_keeps_the_name_for_it():
    found = officials("Hadir Presiden RI, Menlu Retno Marsudi.", [("Retno Marsudi", "PER")])
    assert found["Retno Marsudi"].title == "Menteri Luar Negeri"


@pytest.mark.parametrize(
    "text, entities, name, country",
    [
        ("Presiden SMU PBB Ke-76 adalah Abdulla Shahid dari Maladewa.", [("Abdulla Shahid", "PER")], "Abdulla Shahid", "MV"),
        ("Ratu Maxima dari Belanda bertindak sebagai utusan.", [("Maxima", "PER")], "Maxima", "NL"),
    ],
)
def test_a_state_after_the_titled_name_with_dari_is_his(text, entities, name, country):
    assert officials(text, entities)[name].country == country


def test_a_journey_from_a_state_names_no_origin():
    text = "Presiden Jokowi dari Bangladesh ke Sri Lanka hari ini."
    assert officials(text, [("Jokowi", "PER")])["Jokowi"].country == "ID"


def test_a_bracketed_part_of_the_portfolio_stays_in_the_title_and_the_state_after_it_counts():
    text = "Kerja sama dengan Menteri Pendidikan (Pendidikan Dasar) Singapura Ng Chee Meng diteken."
    record = officials(text, [("Ng Chee Meng", "PER")])["Ng Chee Meng"]
    assert (record.title, record.country) == ("Menteri Pendidikan (Pendidikan Dasar)", "SG")


def test_a_word_named_as_a_regency_elsewhere_is_no_part_of_the_name():
    text = "Pemerintah Kabupaten Jayawijaya mendatangkan arkeolog. Kepala Dinas Kebudayaan dan Pariwisata (Disbudpar) Jayawijaya Alpius Wetipo mengatakan itu."
    found = officials(text, [("Jayawijaya Alpius Wetipo", "PER")])
    assert list(found) == ["Alpius Wetipo"]


def test_a_body_named_by_its_institution_word_between_title_and_name():
    text = "Presiden ke-44 ASEAN Inter Parliamentary Assembly (AIPA) Puan Maharani mengingatkan hal itu."
    found = officials(text, [("Puan Maharani", "PER"), ("ASEAN Inter", "ORG")])
    assert found["Puan Maharani"].title == "Presiden"


def test_an_envoy_of_a_state_written_with_its_full_style():
    text = "6. Simon Namiss, Duta Besar LBBP Designate Resident Negara Merdeka Papua Nugini.\n7. Lainnya."
    record = officials(text, [("Simon Namiss", "PER")])["Simon Namiss"]
    assert (record.title, record.country) == ("Duta Besar Luar Biasa dan Berkuasa Penuh", "PG")


def test_an_office_counted_in_the_plural_then_yaitu_and_its_holders():
    text = "Hadir pula tiga mantan Menlu pendahulu Retno, yaitu Alwi Shihab (1999-2001), Hassan Wirajuda (2001-2009), dan Marty Natalegawa (2009-2014)."
    ents = [("Retno", "PER"), ("Alwi Shihab", "PER"), ("Hassan Wirajuda", "PER"), ("Marty Natalegawa", "PER")]
    found = officials(text, ents)
    for name in ("Alwi Shihab", "Hassan Wirajuda", "Marty Natalegawa"):
        assert (found[name].title, found[name].country) == ("Menteri Luar Negeri", "ID")


def test_no_holders_listed_after_an_office_in_the_singular_or_after_a_verb_list():
    ents = [("Ahmad Dani", "PER"), ("Budi Karya", "PER")]
    # No plural marker before the office: the list names who it invited, not who holds it.
    assert officials("Presiden mengundang tokoh, yaitu Ahmad Dani dan Budi Karya.", ents) == {}
