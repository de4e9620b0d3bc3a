import pytest

from extractor.normalize.numbers import parse_digits, parse_number, parse_ordinal


@pytest.mark.parametrize(
    "text, expected",
    [
        ("16,74", 16.74),
        ("16.74", 16.74),
        ("2.5", 2.5),
        ("0.125", 0.125),
        ("0,125", 0.125),
        ("1.500", 1500),
        ("1,500", 1.5),
        ("23,235", 23.235),
        ("1.500.000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1.500.000,50", 1_500_000.5),
        ("1,500,000.50", 1_500_000.5),
        ("2019", 2019),
        ("12345.678", 12345.678),
    ],
)
def test_parse_digits_separators(text, expected):
    assert parse_digits(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["1.50.000", "1,5,00", "1.500,000.5", "abc", "", "12a"])
def test_parse_digits_rejects_malformed(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("16.74 miliar", 16.74e9),
        ("16,74 miliar", 16.74e9),
        ("1,5 triliun", 1.5e12),
        ("1.500 triliun", 1.5e15),
        ("2 juta", 2e6),
        ("2 jt", 2e6),
        ("500 rb", 500e3),
        ("3 milyar", 3e9),
        ("2.5 million", 2.5e6),
        ("4 billion", 4e9),
        ("2 M", 2e9),
        ("7 T", 7e12),
        ("satu", 1),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("dua belas", 12),
        ("Tiga", 3),
        ("dua puluh lima", 25),
        ("seratus", 100),
        ("tiga ratus", 300),
        ("dua ratus lima puluh", 250),
        ("seratus dua puluh tiga", 123),
        ("seribu", 1000),
        ("dua ribu", 2000),
        ("dua ribu lima ratus", 2500),
        ("seratus ribu", 100_000),
        ("lima juta", 5e6),
        ("setengah", 0.5),
        ("seperempat", 0.25),
        ("satu setengah juta", 1.5e6),
        ("setengah juta", 5e5),
        ("sejuta", 1e6),
        ("1,5 juta", 1.5e6),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


def test_comma_thousands_on_request():
    assert parse_digits("9,000", comma_thousands=True) == 9000
    assert parse_number("1,500", comma_thousands=True) == 1500
    assert parse_number("16,74", comma_thousands=True) == 16.74


def test_parse_number_keeps_written_decimals_exact():
    assert parse_number("16.74 miliar") == 16_740_000_000.0


@pytest.mark.parametrize(
    "text",
    ["juta", "m", "dua tiga belas puluh", "negara", "", "2 3", "seribu dua ribu x"],
)
def test_parse_number_rejects_vague_or_invalid(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [("belasan", 10), ("puluhan", 10), ("ratusan", 100), ("ribuan", 1000), ("jutaan", 1e6), ("ratusan juta", 1e8), ("puluhan ribu", 1e4)],
)
def test_vague_plurals_take_their_base_value(text, expected):
    assert parse_number(text) == expected


def test_a_vague_plural_after_other_digits_is_no_number():
    assert parse_number("dua ratusan") is None


def test_lowercase_m_is_not_a_multiplier():
    assert parse_number("2 m") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ke-16", 16),
        ("ke-3", 3),
        ("Ke-33", 33),
        ("ke-delapan", 8),
        ("kedelapan", 8),
        ("kedua", 2),
        ("kesepuluh", 10),
        ("kedua belas", 12),
        ("ke-dua puluh satu", 21),
        ("pertama", 1),
        ("kesatu", 1),
        ("16th", 16),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("ke–4", 4),
    ],
)
def test_parse_ordinal(text, expected):
    assert parse_ordinal(text) == expected


@pytest.mark.parametrize("text", ["keluar", "ke", "ke-", "kebun", "16", "ke-16a", "ke-belasan", "first"])
def test_parse_ordinal_rejects_non_ordinals(text):
    assert parse_ordinal(text) is None
