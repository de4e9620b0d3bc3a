import pytest

from extractor.normalize.titles import (
    expand_title,
    find_titles,
    organization_country,
    organization_name,
    title_words,
    tokenize,
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


@pytest.mark.parametrize(
    "phrase, country, source",
    [
        ("Menteri Luar Negeri Laos", "LA", "explicit"),
        ("Menteri Luar Negeri RI", "ID", "explicit"),
        ("Menlu Federasi Rusia", "RU", "explicit"),
        ("Presiden Republik Indonesia", "ID", "explicit"),
        ("Dubes RI untuk Jepang", "ID", "explicit"),
        ("Duta Besar Rusia untuk Indonesia", "RU", "explicit"),
        ("Dirjen Kerja sama ASEAN Kemlu", "ID", "organization"),
        ("Panglima TNI", "ID", "institution"),
        ("Menko Polhukam", "ID", "institution"),
        ("Menlu", "ID", "default"),
        ("Menteri Pertahanan", "ID", "default"),
        ("Presiden", None, None),
        ("Sekjen PBB", None, "international"),
    ],
)
def test_country_of_title(phrase, country, source):
    (match,) = find_titles(phrase)
    assert (match.country, match.country_source) == (country, source)
    assert match.end == len(phrase)


def test_find_titles_in_text_offsets():
    text = "ujar Dirjen Kerja sama ASEAN Kemlu, Jose Tavares. Menteri Luar Negeri Laos, Saleumxay Kommasith"
    matches = find_titles(text)
    assert [text[m.start : m.end] for m in matches] == ["Dirjen Kerja sama ASEAN Kemlu", "Menteri Luar Negeri Laos"]


def test_portfolio_stops_at_name_start():
    text = "Dirjen Protokol dan Konsuler Andy Rachmianto hadir"
    (match,) = find_titles(text, stops=[text.index("Andy")])
    assert match.title == "Direktur Jenderal Protokol dan Konsuler"
    assert text[match.start : match.end] == "Dirjen Protokol dan Konsuler"


def test_title_does_not_cross_lines_or_lowercase():
    assert find_titles("presiden itu") == []
    (match,) = find_titles("Menteri Luar Negeri\n\nRusia")
    assert match.country is None or match.country_source == "default"


def test_place_named_after_office_is_no_title():
    assert find_titles("mendarat di Bandara Sultan Hasanuddin") == []


def test_former_marker():
    (match,) = find_titles("mantan Presiden Habibie")
    assert match.former


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


def test_tokenize_keeps_initials_and_offsets():
    text = "Retno\u00a0 L.P. Marsudi, Ban Ki-moon"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Retno", "L.P.", "Marsudi", ",", "Ban", "Ki-moon"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_title_words_cover_heads():
    words = title_words()
    assert {"menlu", "presiden", "dirjen", "senin"} <= words
    assert "retno" not in words


def test_title_matcher_built_once_per_vocab():
    from spacy.vocab import Vocab

    from extractor.nlp.spacy_doc import shared_vocab
    from extractor.normalize.titles import title_matcher

    vocab = shared_vocab()
    assert title_matcher(vocab) is title_matcher(vocab)
    other = Vocab()
    assert title_matcher(other) is title_matcher(other)
    assert title_matcher(other) is not title_matcher(vocab)


def test_phrase_token_variants_split_compounds():
    from extractor.normalize.titles import phrase_token_variants

    variants = phrase_token_variants("Perserikatan Bangsa-Bangsa")
    assert ("perserikatan", "bangsa-bangsa") in variants
    assert ("perserikatan", "bangsa", "-", "bangsa") in variants
    assert ("menteri", "atr", "/", "kepala", "bpn") in phrase_token_variants("Menteri ATR/Kepala BPN")
    assert ("menteri", "atr/kepala", "bpn") in phrase_token_variants("Menteri ATR/Kepala BPN")


def _stanza_like_doc(text, pieces):
    """A Doc over ``text`` split the way Stanza splits it: ``pieces`` in order, spaces between."""
    from extractor.nlp.spacy_doc import build_doc

    offsets, position = [], 0
    for piece in pieces:
        start = text.index(piece, position)
        offsets.append((start, start + len(piece)))
        position = start + len(piece)
    return build_doc(text, offsets, [0])


def test_multi_token_title_on_split_doc_tokens():
    # Stanza splits the hyphenated organisation and keeps "Dr." whole: the phrases still match,
    # and the offsets are the text's.
    text = "Sekjen Perserikatan Bangsa-Bangsa Antonio Guterres dan Wakil Presiden RI"
    doc = _stanza_like_doc(
        text, ["Sekjen", "Perserikatan", "Bangsa", "-", "Bangsa", "Antonio", "Guterres", "dan", "Wakil", "Presiden", "RI"]
    )
    first, second = find_titles(text, doc=doc)
    assert text[first.start : first.end] == "Sekjen Perserikatan Bangsa-Bangsa"
    assert (first.title, first.organization, first.country_source) == (
        "Sekretaris Jenderal",
        "Perserikatan Bangsa-Bangsa",
        "international",
    )
    assert text[second.start : second.end] == "Wakil Presiden RI"
    assert (second.title, second.country) == ("Wakil Presiden", "ID")


def test_hyphen_split_word_is_no_qualifier():
    # "ASEAN-Rusia" is one word: its first part qualifies nothing, whichever way the Doc splits it.
    text = "Menlu ASEAN-Rusia bertemu"
    doc = _stanza_like_doc(text, ["Menlu", "ASEAN", "-", "Rusia", "bertemu"])
    (match,) = find_titles(text, doc=doc)
    assert (match.start, match.end) == (0, len("Menlu"))
    assert match.country_source == "default"
