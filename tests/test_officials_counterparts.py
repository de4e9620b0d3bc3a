"""Officials' states and names on 2023-2025 phrasings (issue 9 item 3): visits named by a place
and its state, the foreign counterpart of an Indonesian office holder, offices Indonesia does not
have, a title that names its state, Title-Case headlines, the Kabinet Merah Putih abbreviations."""

import datetime as dt

import pytest

from test_officials_nationality import officials


def test_a_visit_to_a_place_and_its_state_makes_the_hosts_that_states():
    text = (
        "Presiden Prabowo Subianto melakukan kunjungan kenegaraan ke Ankara, Turki. "
        "Di sana, Prabowo bertemu dengan Presiden Recep Tayyip Erdogan."
    )
    found = officials(text, [("Prabowo Subianto", "PER"), ("Prabowo", "PER"), ("Recep Tayyip Erdogan", "PER")])
    assert found["Recep Tayyip Erdogan"].country == "TR"
    assert found["Prabowo Subianto"].country == "ID"


def test_an_arrival_names_the_visited_state():
    text = (
        "Menteri Luar Negeri Sugiono tiba di Kairo, Mesir, Kamis. "
        "Sugiono kemudian bertemu dengan Menlu Badr Abdelatty untuk membahas Gaza."
    )
    found = officials(text, [("Sugiono", "PER"), ("Badr Abdelatty", "PER")])
    assert found["Badr Abdelatty"].country == "EG"
    assert found["Sugiono"].country == "ID"


def test_a_visit_word_with_its_possessive_still_names_the_visit():
    text = "Dalam kunjungannya ke Canberra, Australia, Menteri Pertahanan Sjafrie Sjamsoeddin bertemu Menhan Richard Marles."
    found = officials(text, [("Sjafrie Sjamsoeddin", "PER"), ("Richard Marles", "PER")])
    assert (found["Sjafrie Sjamsoeddin"].country, found["Richard Marles"].country) == ("ID", "AU")


def test_a_place_without_a_state_names_no_host():
    text = "Menteri Luar Negeri Sugiono berkunjung ke Sydney pekan ini. Ia bertemu dengan Menlu Penny Wong."
    found = officials(text, [("Sugiono", "PER"), ("Penny Wong", "PER")], published=dt.date(2023, 1, 1))
    assert found["Penny Wong"].country == "ID"  # the article names no foreign state: nothing to give the counterpart


def test_a_capital_written_as_a_place_names_its_state():
    text = "Menteri Luar Negeri Sugiono berkunjung ke Canberra pekan ini. Ia bertemu dengan Menlu Penny Wong."
    found = officials(text, [("Sugiono", "PER"), ("Penny Wong", "PER")])
    assert (found["Sugiono"].country, found["Penny Wong"].country) == ("ID", "AU")
    # A capital not written as a place (an agreement named after it) names no state.
    text = "Menlu Sugiono dan Menlu Penny Wong membahas Perjanjian Paris."
    found = officials(text, [("Sugiono", "PER"), ("Penny Wong", "PER")])
    assert found["Penny Wong"].country == "ID"


def test_the_entourage_of_a_counterpart_takes_his_state_but_not_whom_he_welcomes():
    text = "Presiden Xi Jinping didampingi Menlu Wang Yi menyambut Presiden Prabowo Subianto di Aula Besar Rakyat, Beijing."
    found = officials(text, [("Xi Jinping", "PER"), ("Wang Yi", "PER"), ("Prabowo Subianto", "PER")], published=dt.date(2025, 4, 9))
    assert (found["Xi Jinping"].country, found["Wang Yi"].country, found["Prabowo Subianto"].country) == ("CN", "CN", "ID")


def test_the_other_holder_of_an_indonesian_office_is_the_foreign_counterpart():
    text = (
        "Menlu Sugiono dan Menlu Penny Wong membahas kerja sama kedua negara. "
        "Keduanya sepakat memperkuat kerja sama maritim Indonesia-Australia."
    )
    found = officials(text, [("Sugiono", "PER"), ("Penny Wong", "PER")], published=dt.date(2025, 3, 14))
    assert (found["Sugiono"].country, found["Penny Wong"].country) == ("ID", "AU")


def test_the_counterpart_takes_the_state_of_his_own_sentence():
    text = (
        "Saya dan Menhan Marles bertemu dua jam membahas keamanan maritim di Canberra, Australia, kata Menhan "
        "Sjafrie Sjamsoeddin. Sebelumnya Sjafrie berkunjung ke Prancis dan Jepang."
    )
    found = officials(text, [("Marles", "PER"), ("Sjafrie Sjamsoeddin", "PER"), ("Sjafrie", "PER")])
    assert (found["Marles"].country, found["Sjafrie Sjamsoeddin"].country) == ("AU", "ID")


def test_two_listed_indonesians_with_one_office_both_keep_their_state():
    # The transition: a president and his successor, both listed as Indonesia's by the gazetteer.
    text = "Presiden Joko Widodo menyerahkan jabatan kepada Presiden Prabowo Subianto, disaksikan PM Jepang Fumio Kishida."
    found = officials(text, [("Joko Widodo", "PER"), ("Prabowo Subianto", "PER"), ("Fumio Kishida", "PER")], published=dt.date(2024, 10, 20))
    assert (found["Joko Widodo"].country, found["Prabowo Subianto"].country) == ("ID", "ID")


def test_without_an_indonesian_holder_named_as_such_the_office_stays_indonesias():
    text = "Menlu Budi Raharjo dan Menlu Dewi Anggraini membahas kerja sama Indonesia-Australia."
    found = officials(text, [("Budi Raharjo", "PER"), ("Dewi Anggraini", "PER")])
    assert (found["Budi Raharjo"].country, found["Dewi Anggraini"].country) == ("ID", "ID")


def test_a_counterpart_among_several_foreign_states_keeps_the_office_default():
    text = "Menlu RI Sugiono dan Menlu Penny Wong hadir bersama delegasi Jepang dan Korea Selatan."
    found = officials(text, [("Sugiono", "PER"), ("Penny Wong", "PER")])
    assert found["Penny Wong"].country == "ID"  # no one foreign state: nothing to give him


def test_an_office_indonesia_does_not_have_takes_the_one_foreign_state_of_its_context():
    text = (
        "Presiden Joko Widodo terbang ke Malaysia, Kamis. "
        "Perdana Menteri Mahathir Mohamad dijadwalkan akan bertemu Jokowi untuk membahas perbatasan."
    )
    found = officials(text, [("Joko Widodo", "PER"), ("Mahathir Mohamad", "PER"), ("Jokowi", "PER")])
    assert found["Mahathir Mohamad"].country == "MY"
    found = officials("Perdana Menteri Hamid Karzai hadir bersama delegasi Jepang dan Korea Selatan.", [("Hamid Karzai", "PER")])
    assert found["Hamid Karzai"].country is None  # two states: none is his


def test_a_title_that_names_its_state_is_whole_before_a_royal_title():
    text = "Sugiono juga bertemu Menteri Luar Negeri Arab Saudi Pangeran Faisal bin Farhan di Riyadh."
    found = officials(text, [("Sugiono", "PER"), ("Faisal bin Farhan", "PER")], published=dt.date(2025, 1, 20))
    assert (found["Faisal bin Farhan"].title, found["Faisal bin Farhan"].country) == ("Menteri Luar Negeri", "SA")


@pytest.mark.parametrize(
    "text, entity, name",
    [
        ("Menteri Luar Negeri Timor-Leste Bendito dos Santos Freitas tiba di Jakarta.", "Bendito", "Bendito dos Santos Freitas"),
        ("Presiden Brasil Luiz Inacio Lula da Silva menyambut tamunya.", "Luiz Inacio Lula", "Luiz Inacio Lula da Silva"),
        ("Presiden Komisi Eropa Ursula von der Leyen tiba.", "Ursula", "Ursula von der Leyen"),
    ],
)
def test_romance_name_particles_stay_inside_the_name(text, entity, name):
    found = officials(text, [(entity, "PER")])
    assert name in found


def test_a_headline_name_is_the_body_name_it_starts_with():
    text = (
        "Mendag Budi Santoso Lepas Ekspor Perdana Kopi ke Peru\n"
        "Jakarta - Menteri Perdagangan Budi Santoso melepas ekspor perdana kopi ke Peru."
    )
    found = officials(text, [("Budi Santoso Lepas Ekspor", "PER")])
    assert list(found) == ["Budi Santoso"]
    record = found["Budi Santoso"]
    assert [m.text for m in record.mentions] == ["Budi Santoso", "Budi Santoso"]
    assert (record.title, record.country) == ("Menteri Perdagangan", "ID")


def test_a_headline_name_the_body_writes_whole_is_kept():
    text = "Menlu Retno Marsudi Hadiri Sidang PBB\nNew York - Menteri Luar Negeri Retno Marsudi tiba di New York."
    found = officials(text, [("Retno Marsudi", "PER")])
    assert [m.text for m in found["Retno Marsudi"].mentions] == ["Retno Marsudi", "Retno Marsudi"]


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Menko Polkam Djamari Chaniago menerima tamu.", "Djamari Chaniago", "Menteri Koordinator Bidang Politik dan Keamanan"),
        ("Menko Polhukam Mahfud MD menerima tamu.", "Mahfud", "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan"),
        ("Menkomdigi Meutya Hafid membuka forum.", "Meutya Hafid", "Menteri Komunikasi dan Digital"),
        ("Mendikdasmen Abdul Mu'ti meninjau sekolah.", "Abdul Mu'ti", "Menteri Pendidikan Dasar dan Menengah"),
        ("Menko Pangan Zulkifli Hasan meninjau gudang.", "Zulkifli Hasan", "Menteri Koordinator Bidang Pangan"),
    ],
)
def test_kabinet_merah_putih_abbreviations(text, name, title):
    record = officials(text, [(name, "PER")])[name]
    assert (record.title, record.country) == (title, "ID")


def test_a_prose_line_is_no_headline_however_capitalised():
    text = (
        "Jakarta, CNN Indonesia - Mantan Gubernur DKI Jakarta Djarot Saiful Hidayat Bertemu Basuki Tjahaja Purnama Di Depok.\n\n"
        "Hari ini Djarot resmi mengakhiri masa jabatannya."
    )
    found = officials(text, [("Djarot Saiful Hidayat", "PER"), ("Djarot", "PER")])
    assert "Djarot Saiful Hidayat" in found


def test_a_ministry_written_out_after_menteri_is_read_whole():
    found = officials("Menteri PU dan Pera Basuki Hadimuljono meninjau bendungan.", [("Basuki Hadimuljono", "PER")])
    assert found["Basuki Hadimuljono"].country == "ID"


def test_a_foreign_ministry_that_goes_on_past_an_indonesian_portfolio_is_read_whole():
    text = "Menteri Perdagangan Budi Santoso bertemu Menteri Perdagangan dan Industri Singapura Gan Kim Yong di Singapura."
    found = officials(text, [("Budi Santoso", "PER"), ("Kim Yong", "PER")])
    assert (found["Gan Kim Yong"].title, found["Gan Kim Yong"].country) == ("Menteri Perdagangan dan Industri", "SG")
    assert found["Gan Kim Yong"].organization is None  # not Indonesia's Kementerian Perdagangan
    assert (found["Budi Santoso"].title, found["Budi Santoso"].country) == ("Menteri Perdagangan", "ID")
    # another title or a state after "dan" ends the ministry's name
    found = officials("Menteri Perdagangan dan Menteri Luar Negeri Sugiono hadir.", [("Sugiono", "PER")])
    assert found["Sugiono"].title == "Menteri Luar Negeri"


def test_an_initial_split_from_its_full_stop_belongs_to_the_name():
    text = "Menteri Luar Negeri India S. Jaishankar bertemu dengan Menlu Sugiono di New Delhi."
    found = officials(text, [("Jaishankar", "PER"), ("Sugiono", "PER")])
    assert (found["S. Jaishankar"].title, found["S. Jaishankar"].country) == ("Menteri Luar Negeri", "IN")


def test_an_envoys_posting_may_name_a_city_ner_cut_short():
    text = "Konsul Jenderal RI di Johor Bahru Sigit S. Widiyanto menjemput para pekerja migran."
    found = officials(text, [("Johor", "LOC"), ("Sigit S. Widiyanto", "PER")])
    assert (found["Sigit S. Widiyanto"].title, found["Sigit S. Widiyanto"].country) == ("Konsul Jenderal", "ID")


def test_a_ministry_that_goes_on_keeps_its_written_words():
    text = "Ia bertemu mantan Menteri Tenaga Kerja dan Transmigrasi Muhaimin Iskandar di Jakarta."
    found = officials(text, [("Muhaimin Iskandar", "PER")])
    assert (found["Muhaimin Iskandar"].title, found["Muhaimin Iskandar"].country) == ("Menteri Tenaga Kerja dan Transmigrasi", "ID")
