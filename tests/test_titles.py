import pytest

from extractor.normalize.titles import (
    expand_title,
    organization_country,
    organization_name,
    spell_portfolio,
    title_words,
)

KEMLU = "Kementerian Luar Negeri"


@pytest.mark.parametrize(
    "phrase, title, organization",
    [
        ("Menlu", "Menteri Luar Negeri", KEMLU),
        ("Menteri Luar Negeri", "Menteri Luar Negeri", KEMLU),
        ("Wamenlu", "Wakil Menteri Luar Negeri", KEMLU),
        ("Dirjen", "Direktur Jenderal", None),
        ("Dubes", "Duta Besar", None),
        ("Sekjen", "Sekretaris Jenderal", None),
        ("PM", "Perdana Menteri", None),
        ("Mendag", "Menteri Perdagangan", "Kementerian Perdagangan"),
        ("Menko Polhukam", "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan",
         "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan"),
        ("Menko Perekonomian", "Menteri Koordinator Bidang Perekonomian", "Kementerian Koordinator Bidang Perekonomian"),
        ("Menko Maritim", "Menteri Koordinator Bidang Kemaritiman", "Kementerian Koordinator Bidang Kemaritiman"),
        ("Menko PMK", "Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan",
         "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"),
        ("Mensesneg", "Menteri Sekretaris Negara", "Kementerian Sekretariat Negara"),
        ("Menhan", "Menteri Pertahanan", "Kementerian Pertahanan"),
        ("Mendagri", "Menteri Dalam Negeri", "Kementerian Dalam Negeri"),
        ("Menkeu", "Menteri Keuangan", "Kementerian Keuangan"),
        ("Menkominfo", "Menteri Komunikasi dan Informatika", "Kementerian Komunikasi dan Informatika"),
        ("MenPUPR", "Menteri Pekerjaan Umum dan Perumahan Rakyat", "Kementerian Pekerjaan Umum dan Perumahan Rakyat"),
        ("Menteri BUMN", "Menteri Badan Usaha Milik Negara", "Kementerian Badan Usaha Milik Negara"),
        ("Kapolri", "Kepala Kepolisian Negara Republik Indonesia", "Kepolisian Negara Republik Indonesia"),
        ("KSAL", "Kepala Staf Angkatan Laut", "Tentara Nasional Indonesia Angkatan Laut"),
        ("Wapres", "Wakil Presiden", None),
        ("Presiden", "Presiden", None),
        ("Putra Mahkota", "Putra Mahkota", None),
        ("Sekjen PBB", "Sekretaris Jenderal", "Perserikatan Bangsa-Bangsa"),
        ("Ketua DPR", "Ketua", "Dewan Perwakilan Rakyat"),
        ("Ketua MPR", "Ketua", "Majelis Permusyawaratan Rakyat"),
        ("Kepala BNPB", "Kepala", "Badan Nasional Penanggulangan Bencana"),
        ("Jubir Kemlu", "Juru Bicara", KEMLU),
        ("Dirjen Kerja sama ASEAN Kemlu", "Direktur Jenderal Kerja Sama ASEAN", KEMLU),
        ("Direktur Jenderal Kerja Sama ASEAN", "Direktur Jenderal Kerja Sama ASEAN", None),
        ("Dirjen Imigrasi", "Direktur Jenderal", "Direktorat Jenderal Imigrasi"),
        ("Dirjen Amerika dan Eropa Kemlu", "Direktur Jenderal Amerika dan Eropa", KEMLU),
        ("Menteri PPN/Kepala Bappenas", "Menteri Perencanaan Pembangunan Nasional", "Kementerian Perencanaan Pembangunan Nasional"),
        ("Gubernur Jawa Barat", "Gubernur", "Pemerintah Provinsi Jawa Barat"),
        ("Kepala Korlantas Polri", "Kepala", "Korps Lalu Lintas"),
        ("Konsul Jenderal", "Konsul Jenderal", None),
    ],
)
def test_expand_title(phrase, title, organization):
    assert expand_title(phrase) == (title, organization)


@pytest.mark.parametrize("phrase", ["", "menteri", "Retno", "Menlu Retno", "Kemlu"])
def test_not_one_title(phrase):
    assert expand_title(phrase) is None


def test_organizations():
    assert organization_name("Kemlu") == KEMLU
    assert organization_name("Kemenlu") == KEMLU
    assert organization_name("Kemendag") == "Kementerian Perdagangan"
    assert organization_name("Kemhan") == "Kementerian Pertahanan"
    assert organization_name("Polri") == "Kepolisian Negara Republik Indonesia"
    assert organization_name("Imigrasi") == "Direktorat Jenderal Imigrasi"
    assert organization_name("BNPT") == "Badan Nasional Penanggulangan Terorisme"
    assert organization_name("Retno") is None
    assert organization_country("TNI") == "ID"
    assert organization_country("PBB") is None


def test_title_words_cover_heads():
    words = title_words()
    assert {"menlu", "presiden", "dirjen", "senin"} <= words
    assert "retno" not in words


def test_portfolio_spelling_replaces_whole_words_only():
    assert spell_portfolio("Kerja sama ASEAN") == "Kerja Sama ASEAN"
    assert spell_portfolio("Kerja samanya") == "Kerja samanya"


@pytest.mark.parametrize(
    "phrase, title, organization",
    [
        ("Panglima TNI", "Panglima", "Tentara Nasional Indonesia"),
        ("Menteri Polhukam", "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan",
         "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan"),
        ("Tim Komunikasi Presiden", "Tim Komunikasi Presiden", None),
        ("Direktur Perlindungan WNI dan BHI", "Direktur Perlindungan Warga Negara Indonesia dan Badan Hukum Indonesia", None),
        ("Dubes LBBP", "Duta Besar Luar Biasa dan Berkuasa Penuh", None),
        ("Gubernur Jenderal", "Gubernur Jenderal", None),
    ],
)
def test_wave_two_titles(phrase, title, organization):
    assert expand_title(phrase) == (title, organization)
