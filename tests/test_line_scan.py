"""extractor.nlp.line_scan: a pattern that stays in a line, scanned on the lines holding its
anchor, finds what a scan of the whole text finds."""

import re

import pytest

from extractor.nlp.line_scan import (
    Lines,
    finditer_anchored,
    finditer_lines,
    first_character_guard,
    lines_of,
    starts_lines,
    stays_in_line,
)


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!\w)\d+[ \u00a0]+(?i:mei)(?!\w)", True),
    (r"\bx\b", True),
    (r"x(?![\w/]|[.,]\d)", True),
    (r"x.", True),          # ``.`` stops at a line break
    (r"(?s:x.)", False),    # unless DOTALL
    (r"\d\s", False),       # ``\s`` holds the line break
    (r"[^a]b", False),
    (r"(?=\W)x", False),    # a lookahead may read the break and what follows
    (r"a$", False),         # tests the end of the string
    (r"^a", False),
    (r"a*", False),         # may match empty
    (r"a\nb", False),
])
def test_stays_in_line(pattern, expected):
    assert stays_in_line(re.compile(pattern)) is expected


TEXT = ("Pada 19 Mei 2016, Menlu bertemu.\nTidak ada tanggal di sini.\n\n(Rabu, 17/10) Mei\n"
        "akhir Mei 2017 dan 20\u00a0Mei\n2018 lagi 21 Mei")


def test_anchored_scan_finds_what_the_whole_scan_finds():
    pattern = re.compile(r"(?<!\d)(?:\d{1,2}[ \u00a0]+)?Mei(?:[ \u00a0]+\d{4})?(?!\w)")
    anchor = re.compile(r"Mei")
    lines = Lines(TEXT)
    assert lines.holding(anchor) == [0, 3, 4, 5]
    expected = [m.span() for m in pattern.finditer(TEXT)]
    assert len(expected) == 5
    assert [m.span() for m in finditer_anchored(pattern, lines, anchor, True)] == expected
    # ``20\u00a0Mei\n2018``: the year on the next line is not part of the date, either way
    assert TEXT[expected[3][0]:expected[3][1]] == "20\u00a0Mei"


def test_a_pattern_that_leaves_its_line_is_scanned_whole():
    pattern = re.compile(r"Mei\s+\d{4}")
    assert not stays_in_line(pattern)
    found = [m.group() for m in finditer_anchored(pattern, Lines(TEXT), re.compile("Mei"), stays_in_line(pattern))]
    assert "Mei\n2018" in found


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"^[^\S\n]*Editor:[^\n]*$", re.MULTILINE, True),
    (r"^(?:Baca|Simak) juga", re.MULTILINE, True),
    (r"^a", 0, False),                  # without MULTILINE ``^`` is the text's start only
    (r"^a|b", re.MULTILINE, False),     # an alternative that needs no line start
    (r"^a*", re.MULTILINE, False),      # may match empty
    (r"x^a", re.MULTILINE, False),
])
def test_starts_lines(pattern, flags, expected):
    assert starts_lines(re.compile(pattern, flags)) is expected


LINES_TEXT = "Editor: Ani\nBaca juga: X\n  Editor: Budi\nteks Editor: bukan\nEditor:\nBaca"


@pytest.mark.parametrize("pattern", [
    r"^[^\S\n]*Editor:[^\n]*$",
    r"^[^\S\n]*(?:Editor|Baca)[^\n]*\n?(?:Baca)?",  # a match may run into the next line
    r"^\s*Baca",                                   # ``\s`` crosses blank lines
    r"Editor",                                     # no line start: the whole text is scanned
])
def test_line_start_scan_finds_what_the_whole_scan_finds(pattern):
    compiled = re.compile(pattern, re.MULTILINE)
    expected = [(m.span(), m.group()) for m in compiled.finditer(LINES_TEXT)]
    assert expected
    assert [(m.span(), m.group()) for m in finditer_lines(compiled, Lines(LINES_TEXT))] == expected


def test_one_line_index_per_text_shared_by_its_scans():
    text = "Rabu 9 Mei\nSELASA\nselasa"
    assert lines_of(text) is lines_of(text)
    other = "Kamis\n" + text.split("\n", 1)[1]
    assert lines_of(other) is not lines_of(text)
    assert lines_of(text).starts == [0, 11, 18]


def test_anchors_differing_in_flags_keep_their_own_lines():
    lines = Lines("Rabu 9 Mei\nSELASA\nselasa")
    assert lines.holding(re.compile("selasa")) == [2]
    assert lines.holding(re.compile("selasa", re.IGNORECASE)) == [1, 2]


GUARDED_TEXT = "hari Senin, 5 Mei 2017. awal 2018, Kelvin \u212aamis 1999-2000 (Rabu, 3/4) kamis KAMIS\nAkhir tahun 2019-an"


@pytest.mark.parametrize(
    "source, flags",
    [
        (r"(?<!\w)(?:(?P<noun>(?i:hari))[ ]+)?(?P<wd>Senin|Rabu|Kamis)", 0),
        (r"(?:(?<!\w)(?:(?P<pos>(?i:awal|akhir))[ ]+)?)?(?<![\w.])(?P<y>(?:19|20)\d\d)(?!\d|-an\b)", 0),
        (r"(?<!\w)(?:kamis|tahun)", re.IGNORECASE),
        (r"\b\d+(?:[.,]\d+)?", 0),
        (r"(?:^|(?<=[,.])[ ]*)[(\[]?[A-Z][a-z]+", re.MULTILINE),  # an alternative opening with ``^``
    ],
)
def test_the_guarded_pattern_finds_what_the_pattern_finds(source, flags):
    pattern = re.compile(source, flags)
    guarded = first_character_guard(pattern)
    assert guarded is not pattern and guarded.pattern.endswith(source)
    found = [(m.span(), m.groupdict()) for m in pattern.finditer(GUARDED_TEXT)]
    assert found and [(m.span(), m.groupdict()) for m in guarded.finditer(GUARDED_TEXT)] == found


def test_a_case_folded_guard_holds_every_folding_of_its_letters():
    guarded = first_character_guard(re.compile(r"(?<!\w)kamis", re.IGNORECASE))
    assert "\u212a" in guarded.pattern  # the Kelvin sign matches k under IGNORECASE
    assert guarded.pattern.startswith("(?-i:(?=[")  # the guard itself is not folded again
    assert [m.group() for m in guarded.finditer(GUARDED_TEXT)] == ["\u212aamis", "kamis", "KAMIS"]


@pytest.mark.parametrize(
    "source",
    [
        r"\(\d+\)",  # a literal first: re skips to it already
        r"(?<!\w)[^\W\d]+",  # a negated set: not read
        r"(?<!\w)x?",  # may match empty
        r"(?i)(?<!\w)kamis",  # global flags at the start
    ],
)
def test_patterns_not_guarded_come_back_as_they_are(source):
    pattern = re.compile(source)
    assert first_character_guard(pattern) is pattern
