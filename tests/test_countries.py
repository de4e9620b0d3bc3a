from extractor.resource_data import load_resource

import pytest

from extractor.normalize.countries import (
    bloc_code,
    bloc_phrases,
    country_code,
    country_phrases,
    country_spans,
    is_abbreviation,
    party_code,
    party_spans,
)


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("RI", "ID"), ("Indonesia", "ID"), ("Republik Indonesia", "ID"),
        ("Rusia", "RU"), ("Russia", "RU"), ("Federasi Rusia", "RU"),
        ("Laos", "LA"), ("AS", "US"), ("Amerika Serikat", "US"), ("Amerika", "US"),
        ("Tiongkok", "CN"), ("RRT", "CN"), ("China", "CN"), ("Cina", "CN"),
        ("Republik Rakyat Tiongkok", "CN"), ("Korut", "KP"), ("Korea Utara", "KP"),
        ("Korsel", "KR"), ("Korea Selatan", "KR"), ("Inggris", "GB"), ("Jepang", "JP"),
        ("Selandia Baru", "NZ"), ("Singapura", "SG"), ("Malaysia", "MY"), ("Myanmar", "MM"),
        ("Vietnam", "VN"), ("Filipina", "PH"), ("Thailand", "TH"), ("Kamboja", "KH"),
        ("Brunei", "BN"), ("Brunei Darussalam", "BN"), ("Timor Leste", "TL"), ("Timor-Leste", "TL"),
        ("India", "IN"), ("Bangladesh", "BD"), ("Uruguay", "UY"), ("Arab Saudi", "SA"),
        ("Saudi", "SA"), ("Uni Emirat Arab", "AE"), ("UEA", "AE"), ("Australia", "AU"),
        ("Jerman", "DE"), ("Prancis", "FR"), ("Perancis", "FR"), ("Belanda", "NL"),
        ("Palestina", "PS"), ("Russian", "RU"),
    ],
)
def test_country_code(phrase, code):
    assert country_code(phrase) == code


def test_whitespace_and_case():
    assert country_code("Selandia\u00a0 Baru") == "NZ"
    assert country_code("  laos ") == "LA"
    assert country_code("LAOS") == "LA"


@pytest.mark.parametrize("phrase", ["as", "As", "ri", "Ri", "Korea", "Asia", "", "Jakarta", "PBB"])
def test_not_a_country(phrase):
    assert country_code(phrase) is None


@pytest.mark.parametrize(
    "phrase, code",
    [("ASEAN", "ASEAN"), ("UE", "EU"), ("Uni Eropa", "EU"), ("PBB", "UN"), ("OKI", "OIC"),
     ("G20", "G20"), ("APEC", "APEC"), ("MIKTA", "MIKTA"), ("BRICS", "BRICS"), ("IORA", "IORA"),
     ("EAEU", "EAEU"), ("SCO", "SCO")],
)
def test_bloc_code(phrase, code):
    assert bloc_code(phrase) == code
    assert party_code(phrase) == code


def test_party_code_prefers_country():
    assert party_code("Rusia") == "RU"
    assert party_code("Jakarta") is None
    assert bloc_code("Rusia") is None


def test_every_un_member_and_no_ambiguous_name():
    data = load_resource("countries.json")
    assert len(data["countries"]) >= 193
    seen = {}
    for code, names in data["countries"].items():
        assert len(code) == 2 and code.isupper()
        for name in names:
            assert seen.setdefault(name.casefold(), code) == code, name
    assert not set(data["countries"]) & set(data["blocs"])


def test_phrases_round_trip():
    phrases = country_phrases()
    assert phrases["Federasi Rusia"] == "RU"
    for phrase, code in phrases.items():
        assert country_code(phrase) == code, phrase
    for phrase, code in bloc_phrases().items():
        assert bloc_code(phrase) == code, phrase
    assert is_abbreviation("AS") and not is_abbreviation("Laos")


def test_party_spans_longest_match_and_case():
    text = "Menlu RI dan Menlu Korea Selatan bertemu di Amerika Latin, as well as PBB dan Uni Eropa; mali."
    spans = party_spans(text)
    assert [(text[s:e], c) for s, e, c in spans] == [
        ("RI", "ID"), ("Korea Selatan", "KR"), ("PBB", "UN"), ("Uni Eropa", "EU"),
    ]
    assert [c for _, _, c in country_spans(text)] == ["ID", "KR"]


def test_party_spans_offsets_on_odd_whitespace():
    text = "Menteri Luar Negeri Selandia\u00a0Baru dan Federasi  Rusia"
    spans = party_spans(text)
    assert [(text[s:e], c) for s, e, c in spans] == [("Selandia\u00a0Baru", "NZ"), ("Federasi  Rusia", "RU")]


def test_refugee_and_migration_agencies_are_parties():
    assert bloc_code("UNHCR") == "UNHCR"
    assert bloc_code("Organisasi Internasional untuk Migrasi") == "IOM"
    assert [code for _s, _e, code in party_spans("bertemu UNHCR dan IOM di Yangon")] == ["UNHCR", "IOM"]
    assert [code for _s, _e, code in party_spans("Badan Pengungsi PBB")] == ["UNHCR"]  # not UN


def test_party_spans_match_the_whole_alternation_scanned_everywhere():
    from extractor.normalize.countries import _normalise, _not_country_keys, _party_spans, _span_regex, party_code

    text = ("Menlu RI bertemu Menlu Amerika Serikat, Korea Selatan dan Uni Eropa; ASEAN-Jepang, "
            "Timor Leste, amerika, Amerika Latin, KTT G20 di Arab Saudi.\nRepublik Rakyat Tiongkok")
    expected = []
    for match in _span_regex().finditer(text):
        surface = match.group(0)
        if surface[0].isupper() and _normalise(surface).casefold() not in _not_country_keys() and party_code(surface):
            expected.append((match.start(), match.end(), party_code(surface)))
    found = _party_spans.__wrapped__(text)
    assert len(found) >= 6
    assert list(found) == expected


def test_party_names_reads_whole_names_and_hyphen_parts_in_one_scan():
    from extractor.normalize.countries import party_names

    text = "KTT ASEAN-Rusia, pro-Amerika Serikat, KTT ASEAN -Jepang, Timor-Leste dan Korea Selatan."
    whole, parts = party_names(text)
    assert [(text[s:e], c) for s, e, c in whole] == [("ASEAN", "ASEAN"), ("Timor-Leste", "TL"), ("Korea Selatan", "KR")]
    assert whole == party_spans(text)
    assert [(text[s:e], c, text[ws:we]) for s, e, c, ws, we in parts] == [
        ("ASEAN", "ASEAN", "ASEAN-Rusia"),
        ("Rusia", "RU", "ASEAN-Rusia"),
        ("Amerika", "US", "pro-Amerika"),  # the word ends at the space: ``Serikat`` is not in it
        ("Jepang", "JP", "Jepang"),  # right after a hyphen written apart
        ("Timor-Leste", "TL", "Timor-Leste"),  # read as ``Timor Leste``, a name too
    ]


@pytest.mark.parametrize("text", [
    "Indonesia-Korea Selatan", "anti-Uni-Eropa", "x_Indonesia-Rusia", "ASEAN--Jepang", "--Jepang-Korea",
    "Perserikatan Bangsa-Bangsa-Rusia", "G20-ASEAN\u2013Jepang", "Korea-Selatan-Jepang", "Asia-Pasifik",
])
def test_party_names_parts_are_the_names_of_each_hyphen_joined_word_read_with_spaces(text):
    import re

    from extractor.normalize.countries import HYPHENS, party_names

    # the definition: each word of runs joined by hyphens (or run right after a hyphen), its
    # hyphens read as spaces, scanned for names on its own
    words = re.compile(rf"(?<![^\W_])[^\W_]+(?:[{HYPHENS}][^\W_]+)+|(?<=[{HYPHENS}])[^\W_]+")
    expected = [
        (word.start() + s, word.start() + e, code, word.start(), word.end())
        for word in words.finditer(text)
        for s, e, code in party_spans(word.group().translate({ord(h): " " for h in HYPHENS}))
    ]
    assert party_names(text) == (party_spans(text), expected)
