"""Adversarial text shapes for the growth tests: each generator gives a text of about ``size``
characters, made of one unit repeated (digit soups, runs of capitalised or title words, opening
parentheses, number words, very long tokens, a line with no space)."""

from __future__ import annotations

from typing import Callable


def repeat(unit: str) -> Callable[[int], str]:
    def generate(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    generate.__name__ = f"repeat({unit!r})"
    return generate


NUMBER_WORDS = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas seratus seribu juta miliar "

def distinct_officials(size: int) -> str:
    """Sentences naming ever new officials (``Menteri Luar Negeri Badiko Sura ...``): each found
    name is looked up again in the whole text, once per name, unless that is indexed."""
    syllables = ["ba", "di", "ko", "ra", "su", "ti", "wa", "ne", "lo", "mi"]

    def name(number: int) -> str:
        return "".join(syllables[int(d)] for d in str(number)).capitalize()

    sentences, total, number = [], 0, 10
    while total < size:
        first, last = name(number), name(number * 7 + 3)
        sentence = f"Menteri Luar Negeri {first} {last} bertemu Presiden {name(number + 1)} di Jakarta. {last} berkata. "
        sentences.append(sentence)
        total += len(sentence)
        number += 2
    return "".join(sentences)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "digit_run": repeat("1234567890"),
    "digit_dot": repeat("1.2.3.4.5.6.7.8.9."),
    "digit_comma": repeat("1,2,3,4,5,6,7,8,9,"),
    "digit_hyphen": repeat("1-2-3-4-5-6-7-8-9-"),
    "digit_slash": repeat("9/8/2017/"),
    "money_soup": repeat("Rp1.000,5 US$2,5 juta 42% "),
    "capitalised_words": repeat("Budi Santoso Wijaya "),
    "capitalised_hyphens": repeat("Indonesia-Rusia-"),
    "title_words": repeat("Menteri "),
    "title_phrases": repeat("Menteri Luar Negeri Dirjen "),
    "open_parentheses": repeat("("),
    "parenthesised_words": repeat("(Jakarta "),
    "number_words": repeat(NUMBER_WORDS),
    "long_tokens": repeat("a" * 9_999 + " "),
    "no_space_line": repeat("abcdefghij"),
    "no_space_mixed": repeat("aB3.-_,x@"),
    "month_names": repeat("Januari Agustus "),
    "ordinals": repeat("ke-3 ke-ke- "),
    "dots_and_spaces": repeat(". "),
    "quotes": repeat('"'),
    "newlines": repeat("\n"),
    "no_break_spaces": repeat("a\u00a0\u00a0"),
    "distinct_officials": distinct_officials,
}
