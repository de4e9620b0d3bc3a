"""The lexicon's word layer: the article's words as title and name patterns are written in them.

A lexicon phrase (``Perserikatan Bangsa-Bangsa``, ``Retno L.P. Marsudi``) is a sequence of
*words*: initials (``L.P.``), runs of letters and digits with inner hyphens or apostrophes
(``Bangsa-Bangsa``, ``O'Brien``), any other non-space character alone. A word is read from the
characters, whatever Stanza's tokens (which may split a word, ``Bangsa`` ``-`` ``Bangsa``, or hold
several, ``Dr.``): one regular expression (:data:`_WORD`) over the article text gives the words of
a Doc (:func:`doc_words`, once per Doc) and over a lexicon or gazetteer string the words of that
string (:func:`phrase_words`), so that a phrase's words are the ones a Doc gives.
The token columns (:func:`token_columns`: offsets, lengths, whitespace, sentence starts) serve
the builders that count their reach in tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial
from itertools import accumulate, compress
from typing import NamedTuple, Optional

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

from .spacy_doc import doc_text

_LAYER = "extractor.words"
_APOSTROPHES = "'\u2019"
# Initials (two letters or more, each with its full stop right after), else a run of word
# characters (``\w``: :func:`is_word_char`) joined to the next runs by single hyphens or
# apostrophes, else any other non-space character alone. The lookahead tries the initials only
# where two stand, and the possessive quantifiers keep no backtracking state (a match never
# gives characters back: what follows a run cannot start with a word character).
_WORD = re.compile(r"(?=[^\W\d_]\.[^\W\d_]\.)(?:[^\W\d_]\.){2,}|\w++(?:[-'\u2019]\w++)*+|\S")
_RUN_SPLIT = re.compile(r"([\w-]+)")  # the runs of :meth:`_DocLayer.runs`, as ``re.split`` separators


class Word(NamedTuple):
    """A word and its character offsets (a tuple: cheap to build by the thousand)."""

    start: int
    end: int
    text: str


# :data:`_WORD` as the separator of ``re.split``: the pieces alternate between the text between
# two words (whitespace only: ``\S`` takes any other character) and a word.
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_new_word = partial(tuple.__new__, Word)  # ``Word(...)`` without the Python frame of its ``__new__``


def _words(text: str) -> list[Word]:
    return words_by_split(_WORD_SPLIT, text, _new_word)[0]


def words_by_split(separator: re.Pattern[str], text: str, new_word) -> tuple[list, list[int], list[int], list[str]]:
    """``new_word((start, end, text))`` of each match of ``separator`` (one capturing group
    around a pattern that never matches nothing) in ``text``, with the starts, the ends and the
    texts: the offsets are the running sums of the pieces' lengths, read with no Match object
    and no Python step per word."""
    pieces = separator.split(text)
    bounds = list(accumulate(map(len, pieces)))
    starts, ends, texts = bounds[:-1:2], bounds[1::2], pieces[1::2]
    return list(map(new_word, zip(starts, ends, texts))), starts, ends, texts


class TokenColumns:
    """The Doc's tokens as columns of plain values, read once per Doc (no Token objects):
    ``offsets``, ``lengths``, ``is_space`` (whitespace token), ``spaced`` (a space follows),
    ``first_tokens`` (the tokens flagged as a sentence's first) and ``sentence_starts`` (their
    offsets)."""

    def __init__(self, doc: Doc):
        if len(doc):
            table = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY, SENT_START]).T.tolist()
            self.offsets, self.lengths, self.is_space, self.spaced, starts = table
            self.first_tokens = list(compress(range(len(starts)), map((1).__eq__, starts)))
            self.sentence_starts = list(map(self.offsets.__getitem__, self.first_tokens))
        else:
            self.offsets, self.lengths, self.is_space, self.spaced, self.sentence_starts = [], [], [], [], []
            self.first_tokens = []

    def sentences(self) -> list[tuple[int, int, int, int]]:
        """``(first token, end token, start_char, end_char)`` of each sentence, as ``doc.sents``
        gives them (the first one starts at the Doc's first token, whatever its flag)."""
        count = len(self.offsets)
        if not count:
            return []
        firsts = self.first_tokens if self.first_tokens[:1] == [0] else [0, *self.first_tokens]
        ends = [*firsts[1:], count]
        offsets, lengths = self.offsets, self.lengths
        return [(first, end, offsets[first], offsets[end - 1] + lengths[end - 1]) for first, end in zip(firsts, ends)]


    def expand(self, start_char: int, end_char: int) -> Optional[tuple[int, int]]:
        """The tokens ``[start, end)`` that ``doc.char_span(start_char, end_char,
        alignment_mode="expand")`` covers (None where it gives None), read without a Token: a
        token holds its characters and its trailing space, and a span starting on that space
        starts at the next token."""
        offsets, lengths = self.offsets, self.lengths
        if not offsets:
            return None
        length = offsets[-1] + lengths[-1] + self.spaced[-1]
        if not (0 <= start_char < length and 0 <= end_char - 1 < length):
            return None
        start = bisect_right(offsets, start_char) - 1
        if start_char == offsets[start] + lengths[start]:
            start += 1
        return start, bisect_right(offsets, end_char - 1)

    def sentence_of(self, start: int) -> tuple[int, int]:
        """The tokens of the sentence of token ``start`` (``span.sent`` of a span starting there,
        whatever its end): from the last sentence start at or before it (else the first token)
        to the next one (else the end)."""
        firsts = self.first_tokens
        following = bisect_right(firsts, start)
        return (firsts[following - 1] if following else 0), (firsts[following] if following < len(firsts) else len(self.offsets))

    def end_char(self, end: int) -> int:
        """The character after token ``end - 1`` (a span's ``end_char``)."""
        return self.offsets[end - 1] + self.lengths[end - 1]


class _DocLayer:
    """The words, the token columns and (on demand) the runs of one Doc."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.columns = TokenColumns(doc)
        self.words, self.starts, self.ends, self.texts = words_by_split(_WORD_SPLIT, self.text, _new_word)
        self._runs: Optional[tuple[list[int], list[int], list[str]]] = None

    def runs(self) -> tuple[list[int], list[int], list[str]]:
        """The starts, ends and texts of the maximal runs of word characters and hyphens written
        together: the tokens cover the text and whitespace breaks a run, so they are the text's
        runs of ``[\\w-]`` (``\\w`` is :func:`is_word_char`), whatever the tokens."""
        if self._runs is None:
            pieces = _RUN_SPLIT.split(self.text)
            bounds = list(accumulate(map(len, pieces)))
            self._runs = (bounds[:-1:2], bounds[1::2], pieces[1::2])
        return self._runs


def _layer(doc: Doc) -> _DocLayer:
    layer = doc.user_data.get(_LAYER)
    if layer is None:
        layer = doc.user_data[_LAYER] = _DocLayer(doc)
    return layer


def doc_words(doc: Doc) -> list[Word]:
    """The words of the Doc, regrouped from its tokens once per Doc."""
    return _layer(doc).words


def word_texts(doc: Doc) -> list[str]:
    """The texts of :func:`doc_words`, in order."""
    return _layer(doc).texts


def token_columns(doc: Doc) -> TokenColumns:
    """The Doc's tokens as columns, read once per Doc."""
    return _layer(doc).columns


def chunk_before(columns: TokenColumns, position: int) -> int:
    """Where the written chunk (tokens written together, no whitespace between) that ends the
    text before ``position`` starts, whitespace between aside (``position`` may fall inside the
    chunk); 0 when there is none."""
    offsets, is_space, spaced = columns.offsets, columns.is_space, columns.spaced
    k = bisect_left(offsets, position) - 1
    while k >= 0 and is_space[k]:
        k -= 1
    if k < 0:
        return 0
    while k > 0 and not is_space[k - 1] and not spaced[k - 1]:
        k -= 1
    return offsets[k]


def chunk_after(columns: TokenColumns, position: int, text_length: int) -> int:
    """Where the written chunk that holds ``position`` or follows it (whitespace between) ends;
    ``text_length`` when there is none."""
    offsets, lengths, is_space, spaced = columns.offsets, columns.lengths, columns.is_space, columns.spaced
    count = len(offsets)
    k = bisect_right(offsets, position) - 1
    if k < 0 or offsets[k] + lengths[k] <= position:
        k += 1
    while k < count and is_space[k]:
        k += 1
    if k >= count:
        return text_length
    while k + 1 < count and not spaced[k] and not is_space[k + 1]:
        k += 1
    return offsets[k] + lengths[k]


def word_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """The start and end offsets of the Doc's words (both increasing), for bisecting."""
    layer = _layer(doc)
    return layer.starts, layer.ends


def phrase_words(text: str) -> list[Word]:
    """The words of a short string (a lexicon phrase, a name), read as :func:`doc_words` reads a
    Doc's text; punctuation is one word per character."""
    return _words(text)


def standalone_occurrences(doc: Doc, word: str) -> list[tuple[int, int]]:
    """Where ``word`` (a word of :func:`phrase_words` made of word characters, hyphens and
    apostrophes: no initials, no punctuation) is written with neither a word character nor a
    hyphen on either side: its parts between apostrophes are whole runs of word characters and
    hyphens of the Doc (``O'Brien`` in ``O'Brien,`` but not in ``O'Brien-Smith``)."""
    layer = _layer(doc)
    starts, ends, runs = layer.runs()
    text = layer.text
    parts: list[str] = []
    separators: list[str] = []
    current = ""
    for char in word:
        if char in _APOSTROPHES:
            parts.append(current)
            separators.append(char)
            current = ""
        else:
            current += char
    parts.append(current)
    found = []
    k = -1
    while True:
        try:
            k = runs.index(parts[0], k + 1)  # the next run written as the first part
        except ValueError:
            break
        last = k
        for part, separator in zip(parts[1:], separators):
            following = last + 1
            if not (
                following < len(runs)
                and starts[following] == ends[last] + 1
                and text[ends[last]] == separator
                and runs[following] == part
            ):
                break
            last = following
        else:
            found.append((starts[k], ends[last]))
    return found


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
