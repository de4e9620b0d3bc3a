"""A regex alternation of lexicon words, longest first, factored by shared prefixes.

``(?:seperempat|setengah|sepuluh|...|dua)`` is tried alternative by alternative at every
position a scan reaches; case-insensitive literals give ``re`` no quick first-character test,
so a list of fifty words costs fifty failed branches per position. The same words as a prefix
tree (``(?:se(?:perempat|tengah|puluh)|dua|...)``) fail at the first character that no word
continues with. The tree keeps the flat alternation's choice: among the words a text starts
with (each a prefix of the next), the longer is tried first, since a node's continuations
come before the end of the word that stops there; two words that differ at some character
cannot both match at one place. Spaces in a word match ``gap``, as in the flat form.
"""

from __future__ import annotations

import re
from typing import Iterable

_END = ""  # marks a word that ends at a node


def longest_first(words: Iterable[str], gap: str = r"[ \u00a0]+") -> str:
    """The flat alternation: each word escaped, longest first, spaces matching ``gap``."""
    escaped = (re.escape(word).replace(r"\ ", gap) for word in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def prefix_tree(words: Iterable[str], gap: str = r"[ \u00a0]+", ignorecase: bool = True) -> str:
    """What :func:`longest_first` matches, written as a prefix tree. Under ``ignorecase``, the
    tree is built on lower-cased ASCII words; a non-ASCII word (whose case folding ``re`` may
    read otherwise than ``str.lower``) keeps the flat form."""
    words = sorted(set(words))
    if not words or any(not word for word in words) or (ignorecase and not all(word.isascii() for word in words)):
        return longest_first(words, gap)
    tree: dict = {}
    for word in words:
        node = tree
        for symbol in word.lower() if ignorecase else word:  # a space stands for ``gap``
            node = node.setdefault(symbol, {})
        node[_END] = {}
    return "(?:" + _written(tree, gap) + ")"


def _written(node: dict, gap: str) -> str:
    branches = []
    for symbol in sorted(key for key in node if key != _END):
        head = gap if symbol == " " else re.escape(symbol)
        child = node[symbol]
        rest = _written(child, gap)
        if not rest:
            branches.append(head)
        elif len([key for key in child if key != _END]) == 1 and _END not in child:
            branches.append(head + rest)  # one continuation: no group needed
        else:
            branches.append(f"{head}(?:{rest})")
    if _END in node and branches:
        branches.append("")  # the word ending here, after every longer one
    return "|".join(branches)


# The only characters outside ASCII that ``re``'s IGNORECASE matches to an ASCII letter (``İ``
# and ``ı`` to ``i``, ``ſ`` to ``s``, the Kelvin sign to ``k``; read off every code point).
_FOLDED_ONTO_ASCII = "\u0130\u0131\u017f\u212a"


def _case_variants(letter: str) -> str:
    """Every character that ``(?i:letter)`` matches, for an ASCII letter."""
    candidates = {letter.lower(), letter.upper(), *_FOLDED_ONTO_ASCII}
    return "".join(sorted(c for c in candidates if re.fullmatch(f"(?i:{re.escape(letter)})", c)))


def word_start_tree(words: Iterable[str], gap: str = r"[ \u00a0]+") -> str:
    """``\\b`` and the case-insensitive :func:`prefix_tree` of ``words``, for a pattern compiled
    without IGNORECASE, written to open with one class of plain characters: the words' first
    letters in every case. ``re`` skips a scan to those characters; a pattern opening with ``\\b``
    or a case-folded letter is tried at every position. After the first character, a lookbehind
    of two checks the ``\\b`` before it, and one of one picks the subtree of the letter read.
    Words that do not all open with an ASCII letter keep the plain form."""
    words = sorted(set(words))
    if not words or not all(word.isascii() and word[:1].isalpha() for word in words):
        return rf"\b(?i:{prefix_tree(words, gap)})"
    tree: dict = {}
    for word in words:
        node = tree
        for symbol in word.lower():
            node = node.setdefault(symbol, {})
        node[_END] = {}
    variants = {letter: _case_variants(letter) for letter in sorted(tree)}
    first = "[" + "".join(variants.values()) + "]"
    branches = []
    for letter, cases in variants.items():
        rest = _written(tree[letter], gap)
        branches.append(f"(?<=[{cases}])" + (f"(?i:{rest})" if rest else ""))
    return rf"{first}(?<!\w{first})(?:" + "|".join(branches) + ")"
