"""Officials rules written from the spec and the guide for phrasings the development articles
lacked (the fresh-article probe ``data/probes/officials-unseen.jsonl``): the body a title
heads, states inside a portfolio, honorifics and ranks in names, offices the lexicon lacked,
regional heads abroad, lowercase titles after ``sebagai``, envoys posted to a city."""

import pytest

from extractor.components.title_heads import find_titles

from test_officials import officials


def only_title(phrase):
    (match,) = find_titles(phrase)
    return match


@pytest.mark.parametrize(
    "phrase, title, organization",
    [
        ("Ketua ACONDIP", "Ketua", "ACONDIP"),  # an acronym after a head of bodies is the body
        ("Direktur CPB", "Direktur", "CPB"),
        ("Kepala Badan Gizi Nasional", "Kepala", "Badan Gizi Nasional"),  # a body noun opens it
        ("Komandan Pasukan Quds", "Komandan", "Pasukan Quds"),
        ("Direktur Jenderal Kantor PBB", "Direktur Jenderal", "Perserikatan Bangsa-Bangsa"),  # an international body's office
        ("Ketua Parlemen Turki", "Ketua", "Parlemen"),
        ("Sekjen Jeddah Chamber of Commerce and Industry (Kadin Jeddah)", "Sekretaris Jenderal", "Jeddah Chamber of Commerce and Industry"),
    ],
)
def test_the_body_a_title_heads_goes_to_organization(phrase, title, organization):
    match = only_title(phrase)
    assert (match.title, match.organization) == (title, organization)
    assert match.end == len(phrase)  # the short name in brackets belongs to the body


@pytest.mark.parametrize(
    "phrase, title",
    [
        ("Direktur Jenderal Kerja sama ASEAN", "Direktur Jenderal Kerja Sama ASEAN"),  # a portfolio stays
        ("Kepala Pusat Penerangan", "Kepala Pusat Penerangan"),
        ("Wakil Ketua Komisi I", "Wakil Ketua Komisi I"),  # committees stay in the title (guide)
        ("Dirjen HAM", "Direktur Jenderal HAM"),  # no head of bodies: an acronym is its portfolio
        ("Wakil Ketua Badan Legislasi DPR", "Wakil Ketua Badan Legislasi"),  # a unit of the body after it
        ("Kepala Eksekutif Pengawas Industri Keuangan Non Bank", "Kepala Eksekutif Pengawas Industri Keuangan Non Bank"),
    ],
)
def test_portfolios_stay_in_the_title(phrase, title):
    assert only_title(phrase).title == title


def test_a_state_after_warga_negara_belongs_to_the_portfolio():
    match = only_title("Direktur Perlindungan WNI dan Badan Hukum Indonesia Kementerian Luar Negeri")
    assert match.title == "Direktur Perlindungan Warga Negara Indonesia dan Badan Hukum Indonesia"
    assert (match.organization, match.country) == ("Kementerian Luar Negeri", "ID")


def test_a_state_then_an_institution_name_is_the_body_and_the_holder_follows():
    text = "Kepala Indonesia Trade and Promotion Center (ITPC) Gunawan mengatakan transaksi naik."
    found = officials(text, [("ITPC", "ORG"), ("Gunawan", "PER")])
    assert list(found) == ["Gunawan"]
    assert (found["Gunawan"].title, found["Gunawan"].organization, found["Gunawan"].country) == (
        "Kepala",
        "Indonesia Trade and Promotion Center",
        "ID",
    )


def test_honorifics_written_with_the_name_stay_and_ranks_go():
    text = "Hadiah diserahkan Emir Qatar, Sheikh Hamad Bin Khalid Al Thani, kepada Sekjen Kemhan Laksamana Madya Budiman."
    found = officials(text, [("Sheikh Hamad Bin Khalid Al Thani", "PER"), ("Laksamana Madya Budiman", "PER")])
    assert set(found) == {"Sheikh Hamad Bin Khalid Al Thani", "Budiman"}
    assert (found["Sheikh Hamad Bin Khalid Al Thani"].title, found["Sheikh Hamad Bin Khalid Al Thani"].country) == ("Emir", "QA")


def test_agung_is_a_name_word():
    text = "Dubes RI untuk Belanda, I Gusti Agung Made Suta mengundang para diplomat."
    found = officials(text, [("Gusti Agung Made", "PER")])
    assert list(found) == ["I Gusti Agung Made Suta"]


def test_minister_counsellor_is_an_office():
    text = "Demikian Minister Counsellor KBRI Canberra, Dewi Lestari kepada wartawan."
    found = officials(text, [("Minister Counsellor", "PER"), ("KBRI", "ORG"), ("Dewi Lestari", "PER")])
    assert (found["Dewi Lestari"].title, found["Dewi Lestari"].country) == ("Minister Counsellor", "ID")


def test_a_foreign_story_led_by_an_office_indonesia_lacks_gives_its_state_to_a_mayor():
    text = (
        "Badai menghantam Tasmania di Australia. Perdana Menteri Tasmania Peter Gutwein meninjau banjir. "
        "Wali Kota Hobart Anna Reynolds mengatakan kota itu akan dibangun kembali."
    )
    found = officials(text, [("Tasmania", "LOC"), ("Peter Gutwein", "PER"), ("Anna Reynolds", "PER")])
    assert found["Peter Gutwein"].country == "AU"
    assert (found["Anna Reynolds"].title, found["Anna Reynolds"].country) == ("Wali Kota", "AU")


def test_a_regional_head_of_indonesia_news_stays_indonesian():
    found = officials("Gubernur Jawa Barat Ridwan Kamil meninjau banjir di Bekasi.", [("Ridwan Kamil", "PER")])
    assert (found["Ridwan Kamil"].title, found["Ridwan Kamil"].country) == ("Gubernur", "ID")


def test_a_place_named_elsewhere_is_not_the_first_word_of_a_name():
    text = "Badai menghantam pesisir Tasmania. Perdana Menteri Tasmania Peter Gutwein meninjau lokasi."
    found = officials(text, [("Tasmania", "LOC"), ("Peter Gutwein", "PER")])
    assert list(found) == ["Peter Gutwein"]


def test_a_regional_heads_lone_word_is_his_region():
    text = '"Sekitar 150 orang ditangkap," kata Gubernur Hamedan pada 2 Januari.'
    assert officials(text, [("Hamedan", "PER")]) == {}
    text = "Gubernur Jawa Tengah Ganjar Pranowo datang. Gubernur Ganjar mengatakan panen naik."
    assert set(officials(text, [("Ganjar Pranowo", "PER"), ("Ganjar", "PER")])) == {"Ganjar Pranowo"}


def test_a_lowercase_title_after_sebagai_names_the_office():
    text = "Kemenangan Donald Trump sebagai presiden Amerika Serikat mengejutkan banyak pihak."
    found = officials(text, [("Donald Trump", "PER")])
    assert (found["Donald Trump"].title, found["Donald Trump"].country) == ("Presiden", "US")


def test_an_envoy_posted_to_a_city_and_its_state():
    text = "Konsul Jenderal RI di Istanbul, Turki, Herry Susanto, mengatakan minat importir tinggi."
    found = officials(text, [("Istanbul", "LOC"), ("Turki", "LOC"), ("Herry Susanto", "PER")])
    assert (found["Herry Susanto"].title, found["Herry Susanto"].country) == ("Konsul Jenderal", "ID")


@pytest.mark.parametrize(
    "text, entities, name, organization",
    [
        # NER put the city and the mayor in one place entity: the region is one word, the name follows.
        ("Wali Kota Bogor Dedie Rachim meninjau pasar.", [("Bogor Dedie Rachim", "LOC")], "Dedie Rachim", "Pemerintah Kota Bogor"),
        ("Gubernur Jawa Tengah Ahmad Luthfi membuka pameran.", [], "Ahmad Luthfi", "Pemerintah Provinsi Jawa Tengah"),
        # A region written out in full stays whole.
        ("Gubernur Nusa Tenggara Barat Lalu Iqbal membuka pameran.", [("Lalu Iqbal", "PER")], "Lalu Iqbal", "Pemerintah Provinsi Nusa Tenggara Barat"),
    ],
)
def test_a_region_ends_where_its_holders_name_begins(text, entities, name, organization):
    found = officials(text, entities)
    assert list(found) == [name]
    assert (found[name].title, found[name].organization) == (text.split()[0] if not text.startswith("Wali") else "Wali Kota", organization)
