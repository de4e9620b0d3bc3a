import random
import re

import pytest

from extractor.nlp.alternation import _FOLDED_ONTO_ASCII, longest_first, prefix_tree, word_start_tree

WORDS = ["se", "sepuluh", "seratus", "sepuluhan", "dua", "dua puluh", "dua  belas", "Dua", "ribu", "ribuan", "rb", "a-b", "a.b"]


def _matches(pattern: str, text: str, flags: int) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


def test_the_tree_factors_shared_prefixes():
    assert prefix_tree(["se", "sepuluh", "seratus", "dua"]) == "(?:dua|se(?:puluh|ratus|))"


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_the_tree_matches_what_the_flat_alternation_matches(flags):
    # Followed by a boundary and a continuation the engine backtracks from, so that which word
    # the alternation chose shows in the matches.
    alphabet = ["se", "puluh", "ratus", "dua", "Dua", "DUA", " ", "  ", "\u00a0", "belas", "-", ".", "b", "an", "ribu", "rb", "x", "a"]
    generator = random.Random(7)
    texts = ["".join(generator.choice(alphabet) for _ in range(generator.randint(1, 30))) for _ in range(3000)]
    tree = prefix_tree(WORDS, ignorecase=bool(flags))
    flat = longest_first(WORDS)
    for tail in ("", r"\b", r"(?:[ \u00a0]+puluh)?\b", r"an\b", r"(?![a-z])"):
        for text in texts:
            assert _matches(tree + tail, text, flags) == _matches(flat + tail, text, flags), (tail, text)


def test_words_that_are_not_ascii_keep_the_flat_form_under_ignorecase():
    words = ["Şubat", "Mei"]
    assert prefix_tree(words) == longest_first(words)
    assert prefix_tree(words, ignorecase=False) == "(?:Mei|Şubat)"


WORDS = ["kedua", "ketiga", "kesepuluh", "satu", "se", "sebelas", "ribu", "tahun lalu"]


@pytest.mark.parametrize(
    "text",
    [
        "Kedua KETIGA kedua-nya xkedua _ketiga ke\u212adua \u212aEDUA kesepuluh ribuan",
        "se sebelas SEBELAS \u017fatu 2satu satu_ (satu) tahun  lalu tahun\u00a0lalu",
        "ribu\nsatu\u0130 \u0131 sebelasan kedua.ketiga",
    ],
)
def test_the_word_start_tree_finds_what_the_boundary_and_folded_tree_find(text):
    plain = re.compile(rf"\b{prefix_tree(WORDS)}", re.IGNORECASE)
    fast = re.compile(word_start_tree(WORDS))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_word_start_tree_opens_with_a_plain_class():
    assert word_start_tree(["kedua", "satu"]).startswith("[")
    assert word_start_tree(["2an", "kedua"]).startswith(r"\b")  # not every word opens with a letter


def test_no_other_character_folds_onto_an_ascii_letter():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    folded = {c for letter in "abcdefghijklmnopqrstuvwxyz" for c in re.findall(f"(?i){letter}", everything)}
    assert folded - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == set(_FOLDED_ONTO_ASCII)
