"""The title_heads component: title phrases read from the lexicon's words, as typed spans."""

import pytest

from extractor.components import spans
from extractor.components.title_heads import find_titles, title_matches

from conftest import make_doc


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
        ("Presiden", "ID", "default"),
        ("Perdana Menteri", None, None),
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


def test_title_head_spans_carry_pattern_id_expanded_title_and_match():
    text = "Menlu RI Retno Marsudi bertemu Dirjen Imigrasi Ronny Sompie di Jakarta."
    doc = make_doc(text, [("Retno Marsudi", "PER"), ("Ronny Sompie", "PER")])
    group = spans(doc, "title_head")
    assert [(s.text, s.label_, s.kb_id_) for s in group] == [
        ("Menlu RI", "title_head|menlu", "Menteri Luar Negeri"),
        ("Dirjen Imigrasi", "title_head|dirjen", "Direktur Jenderal"),
    ]
    first, second = title_matches(doc)
    assert (first.country, first.country_source) == ("ID", "explicit")
    assert second.organization == "Direktorat Jenderal Imigrasi"  # stopped at the person's name


def test_compound_title_pattern_names_both_heads():
    text = "Ketua Tim Ahli Wapres Sofjan Wanandi hadir."
    doc = make_doc(text, [("Sofjan Wanandi", "PER")])
    (span,) = spans(doc, "title_head")
    assert span.label_.startswith("title_head|ketua") and "+wapres" in span.label_


def test_bracketed_sub_portfolio_but_no_acronym_or_single_word():
    from extractor.components.title_heads import find_titles

    def first(text):
        match = find_titles(text)[0]
        return match.title, match.country

    assert first("Menteri Pendidikan (Pendidikan Tinggi dan Keterampilan) Singapura Ong Ye Kung") == ("Menteri Pendidikan (Pendidikan Tinggi dan Keterampilan)", "SG")
    assert first("Menteri Perdagangan (Mendag) Enggartiasto") == ("Menteri Perdagangan", "ID")
    assert first("Kepala Biro Tata Pemerintahan (Tapem) Budi")[0] == "Kepala Biro Tata Pemerintahan"
