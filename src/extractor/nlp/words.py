"""The lexicon's word layer: the words title and name patterns are written in.

A lexicon phrase (``Perserikatan Bangsa-Bangsa``, ``Retno L.P. Marsudi``) is a sequence of
*words*: initials (``L.P.``), runs of letters and digits with inner hyphens or apostrophes
(``Bangsa-Bangsa``, ``O'Brien``), any other non-space character alone. Stanza's tokens may split
a word (``Bangsa`` ``-`` ``Bangsa``) or hold several (``Dr.``), so the title and name grammars
read words, found once per ``Doc`` (:func:`doc_words`) with the one character-level pattern
below, and map the Doc's token matches onto them (see ``components/title_lexicon.py``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

from .spacy_doc import doc_text

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'\u2019]\w+)*|[^\w\s]", re.UNICODE)
WORDS = "extractor.words"
WORD_RUNS = "extractor.word_runs"


class Word(NamedTuple):
    """A word and its character offsets (a tuple: cheap to build by the thousand)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Word]:
    """The words of ``text`` with their offsets; punctuation is one word per character."""
    return [Word(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


def doc_words(doc: Doc) -> list[Word]:
    """The words of the Doc's text, found once per Doc."""
    words = doc.user_data.get(WORDS)
    if words is None:
        words = doc.user_data[WORDS] = tokenize(doc_text(doc))
    return words


def is_word_char(char: str) -> bool:
    """What ``\\w`` matches: a letter, a digit or ``_``."""
    return char.isalnum() or char == "_"


def has_line_break(gap: str) -> bool:
    return "\n" in gap or "\r" in gap


def is_letter(char: str) -> bool:
    r"""What ``[^\W\d_]`` matches: a word character that is neither a decimal digit nor ``_``."""
    return is_word_char(char) and not char.isdecimal() and char != "_"


def is_initials(word: str) -> bool:
    """``L.``, ``L.P.``: letters each followed by a full stop."""
    return len(word) >= 2 and len(word) % 2 == 0 and all(
        is_letter(word[k]) and word[k + 1] == "." for k in range(0, len(word), 2)
    )


def collapse_spaces(text: str) -> str:
    """Runs of whitespace as one space, ends stripped."""
    return " ".join(text.split())


def word_runs(doc: Doc) -> dict[str, list[int]]:
    """Start offsets of each maximal run of word characters and hyphens in the Doc's text
    (``(?<![\\w-])word(?![\\w-])`` for every word at once), built once per Doc."""
    runs = doc.user_data.get(WORD_RUNS)
    if runs is not None:
        return runs
    text = doc_text(doc)
    runs = {}
    start = None
    for position, char in enumerate(text):
        inside = is_word_char(char) or char == "-"
        if inside and start is None:
            start = position
        elif not inside and start is not None:
            runs.setdefault(text[start:position], []).append(start)
            start = None
    if start is not None:
        runs.setdefault(text[start:], []).append(start)
    doc.user_data[WORD_RUNS] = runs
    return runs


def find_standalone(text: str, word: str) -> list[tuple[int, int]]:
    """Occurrences of ``word`` with neither a word character nor a hyphen on either side."""
    found = []
    position = text.find(word)
    while position >= 0 and word:
        end = position + len(word)
        before = text[position - 1] if position else ""
        after = text[end] if end < len(text) else ""
        if not (before and (is_word_char(before) or before == "-")) and not (after and (is_word_char(after) or after == "-")):
            found.append((position, end))
        position = text.find(word, position + 1)
    return found
