"""Indonesian (and English) numbers as written in news text -> values.

``parse_number`` reads cardinal expressions: digits (``16,74``, ``16.74``, ``1.500.000``,
``1,500,000``), digits or words with a multiplier (``Rp``-less ``1,5 triliun``, ``2 jt``,
``US``-style ``16.74 miliar``, ``2.5 million``) and number words (``tiga``, ``dua puluh lima``,
``seratus``, ``dua ribu lima ratus``, ``setengah``, ``seperempat``, ``satu setengah juta``).
``parse_ordinal`` reads ``ke-16``, ``ke-delapan``, ``kedelapan``, ``pertama``, ``16th``.

Separators, the one real ambiguity (``1.500`` is 1500 but ``16.74`` is 16.74):

* both ``.`` and ``,`` present: the last one is the decimal mark (``1.500.000,50``, ``1,500.5``);
* the same separator more than once: thousands grouping, every group three digits (``1.500.000``);
* one dot followed by exactly three digits, and the integer part one to three digits not
  starting with ``0``: thousands (``1.500`` -> 1500), also before a multiplier
  (``Rp1.500 triliun`` -> 1.5e15, the Indonesian habit);
* one comma is the Indonesian decimal mark whatever follows (``16,74``, ``1,214 persen``,
  ``1 menit 23,235 detik``), except where the caller says commas group thousands
  (``comma_thousands=True``: prices without a multiplier, ``Rp 9,000`` -> 9000);
* any other single dot is a decimal mark (``16.74``, ``2.5``, ``0.125``).

Vague plurals (``belasan``, ``puluhan``, ``ratusan``, ``ribuan``, ``jutaan``) are valued at their
base, as the annotation guide settles it: ``belasan`` 10, ``ratusan juta`` 1e8.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..resource_data import load_resource


@lru_cache(maxsize=1)
def number_lexicon() -> dict:
    """Number words, multipliers and ordinal words: the ``numbers`` section of ``resources/figures.json``."""
    return load_resource("figures.json")["numbers"]


_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_KE_HYPHENS = "-\u2010\u2011\u2013"


def is_digit_string(text: str) -> bool:
    """Digit groups joined by single ``.`` or ``,`` (``16,74``, ``1.500.000``), nothing else."""
    return all(group.isdecimal() for group in text.replace(",", ".").split("."))


def parse_digits(text: str, comma_thousands: bool = False) -> Optional[float]:
    """Value of a digit string with optional thousands and decimal separators, or ``None``."""
    text = text.strip()
    if not is_digit_string(text):
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        if text.count(decimal) > 1:
            return None
        integer, fraction = text.split(decimal)
        if not _valid_grouping(integer.split(thousands)):
            return None
        return float(integer.replace(thousands, "") + "." + fraction)
    separator = "." if dots else "," if commas else None
    if separator is None:
        return float(text)
    groups = text.split(separator)
    if len(groups) > 2:
        return float("".join(groups)) if _valid_grouping(groups) else None
    integer, fraction = groups
    grouping = separator == "." or comma_thousands
    if grouping and len(fraction) == 3 and 1 <= len(integer) <= 3 and not integer.startswith("0"):
        return float(integer + fraction)
    return float(integer + "." + fraction)


def _valid_grouping(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def multiplier_of(word: str) -> Optional[float]:
    """Value of a multiplier word (``juta`` -> 1e6); the one-letter ``M``/``T`` only in capitals."""
    lexicon = number_lexicon()
    if word in lexicon["multipliers_case_sensitive"]:
        return float(lexicon["multipliers_case_sensitive"][word])
    value = lexicon["multipliers"].get(word.lower().rstrip("."))
    return float(value) if value is not None else None


def parse_number(text: str, comma_thousands: bool = False) -> Optional[float]:
    """Value of a cardinal number expression, or ``None`` when ``text`` is not one.

    ``comma_thousands`` reads a lone ``,ddd`` as thousands (see the module docstring).

    >>> parse_number("US$16.74 miliar".removeprefix("US$"))
    16740000000.0
    """
    words = text.split()
    if not words:
        return None
    lexicon = number_lexicon()
    units: dict[str, int] = lexicon["units"]
    se_words: dict[str, float] = lexicon["se_words"]
    total = 0.0  # completed thousands/millions/... groups
    hundreds = 0.0  # completed hundreds within the current group
    small = 0.0  # the tens and units being built
    seen_any = False
    for index, raw in enumerate(words):
        word = raw.lower()
        digits = parse_digits(raw, comma_thousands)
        if digits is not None:
            if seen_any:
                return None
            small = digits
        elif word in units:
            small += units[word]
        elif word == "belas":
            if not 1 <= small <= 9:
                return None
            small += 10
        elif word == "puluh":
            if not 1 <= small <= 9:
                return None
            small *= 10
        elif word == "ratus":
            if not 1 <= small <= 9:
                return None
            hundreds += small * 100
            small = 0
        elif word in lexicon["vague_plurals"]:
            if hundreds or small:
                return None
            small = float(lexicon["vague_plurals"][word])
        elif word in ("setengah", "seperdua"):
            small += 0.5
        elif word == "seperempat":
            small += 0.25
        elif word in se_words and multiplier_of(word[2:]) is None:
            # sepuluh, sebelas, seratus
            value = se_words[word]
            if value == 100:
                hundreds += 100
            else:
                small += value
        elif word in se_words:
            # seribu, sejuta, semiliar: "se" + multiplier, never after other digits of its group
            if hundreds or small:
                return None
            total += se_words[word]
        elif (multiplier := multiplier_of(raw)) is not None:
            amount = hundreds + small
            if not seen_any or amount == 0:
                return None
            total += amount * multiplier
            hundreds = small = 0
        else:
            return None
        seen_any = True
    if not seen_any:
        return None
    # 16.74 * 1e9 is 16739999999.999998 in binary floating point: keep what was written
    return float(f"{total + hundreds + small:.12g}")


def parse_ordinal(text: str) -> Optional[int]:
    """Value of an ordinal: ``ke-16``, ``ke 16``, ``ke-delapan``, ``kedelapan``, ``pertama``, ``16th``."""
    text = text.strip()
    lexicon = number_lexicon()
    lowered = text.lower()
    if lowered in lexicon["ordinal_words"]:
        return int(lexicon["ordinal_words"][lowered])
    if lowered.endswith(_ORDINAL_SUFFIXES) and text[:-2].isdecimal():
        return int(text[:-2])
    if not lowered.startswith("ke"):
        return None
    rest = text[2:]
    rest = rest[1:] if rest[:1] and rest[0] in _KE_HYPHENS else rest
    rest = rest[1:] if rest[:1].isspace() else rest
    if not rest:
        return None
    if rest.isdigit():
        return int(rest)
    if any(word.lower() in lexicon["vague_plurals"] for word in rest.split()):
        return None  # "ke-belasan" is no ordinal
    value = parse_number(rest)
    if value is None or value != int(value) or value < 1 or any(ch.isdigit() for ch in rest):
        return None
    return int(value)
