"""The lexicon's word layer: the Doc's tokens regrouped into the words title and name patterns are written in.

A lexicon phrase (``Perserikatan Bangsa-Bangsa``, ``Retno L.P. Marsudi``) is a sequence of
*words*: initials (``L.P.``), runs of letters and digits with inner hyphens or apostrophes
(``Bangsa-Bangsa``, ``O'Brien``), any other non-space character alone. Stanza's tokens may split
a word (``Bangsa`` ``-`` ``Bangsa``) or hold several (``Dr.``), so the title and name grammars
read words, regrouped from the Doc's tokens once per ``Doc`` (:func:`doc_words`): each token is
cut into *pieces* (a run of word characters, or one other character), pieces written together
across a token boundary are joined where they make one word (``Bangsa`` ``-`` ``Bangsa``,
``L.`` ``P.``), and a token holding several words gives several (``Dr`` ``.``). A lexicon or
gazetteer string is read into words by the same grammar (:func:`phrase_words`), its
whitespace-separated parts standing for tokens, so that its words are the ones a Doc gives.
The token columns the words are read from (:func:`token_columns`: offsets, lengths, whitespace,
sentence starts) serve the builders that count their reach in tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, NamedTuple, Optional

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

from .spacy_doc import doc_text

_LAYER = "extractor.words"
_SEPARATORS = frozenset("-'\u2019")  # what may join the letter runs of one word (Bangsa-Bangsa, O'Brien)
_APOSTROPHES = "'\u2019"
# A one-character token that is neither a letter nor a digit is a word of its own unless it may
# join the runs around it (a separator) or is itself a word character (``_``); a token holding
# no whitespace is never a space.
_JOINERS = _SEPARATORS | {"_"}
_RUN = re.compile(r"[\w-]+")


class Word(NamedTuple):
    """A word and its character offsets (a tuple: cheap to build by the thousand)."""

    start: int
    end: int
    text: str


class _Pieces:
    """Runs of word characters (``kind == ""``) and single other characters (``kind`` the
    character) in text order; runs written together across a token boundary are one run."""

    def __init__(self, chunks: Iterable[tuple[int, str]]):
        starts: list[int] = []
        ends: list[int] = []
        kinds: list[str] = []
        for offset, chunk in chunks:
            if chunk.isalnum():  # most tokens: one run of letters and digits
                if kinds and ends[-1] == offset and kinds[-1] == "":
                    ends[-1] = offset + len(chunk)
                else:
                    starts.append(offset)
                    ends.append(offset + len(chunk))
                    kinds.append("")
                continue
            for position, char in enumerate(chunk, offset):
                if is_word_char(char):
                    if kinds and ends[-1] == position and kinds[-1] == "":
                        ends[-1] = position + 1
                    else:
                        starts.append(position)
                        ends.append(position + 1)
                        kinds.append("")
                elif not char.isspace():
                    starts.append(position)
                    ends.append(position + 1)
                    kinds.append(char)
        self.starts, self.ends, self.kinds = starts, ends, kinds

    def words(self, text: str) -> list[Word]:
        """The pieces grouped into words: initials (two letters or more, each with its full
        stop), runs joined by single separators (:data:`_SEPARATORS`), any other piece alone."""
        starts, ends, kinds = self.starts, self.ends, self.kinds
        count = len(kinds)
        words = []
        i = 0
        while i < count:
            start = starts[i]
            if kinds[i]:
                words.append(Word(start, ends[i], kinds[i]))
                i += 1
                continue
            j = i  # initials: a one-letter run, its full stop, the next letter written right after
            while (
                j + 1 < count
                and kinds[j] == ""
                and ends[j] - starts[j] == 1
                and kinds[j + 1] == "."
                and starts[j + 1] == ends[j]
                and (j == i or starts[j] == ends[j - 1])
                and is_letter(text[starts[j]])
            ):
                j += 2
            if j - i >= 4:
                words.append(Word(start, ends[j - 1], text[start : ends[j - 1]]))
                i = j
                continue
            j = i
            while (
                j + 2 < count
                and kinds[j + 1] in _SEPARATORS
                and starts[j + 1] == ends[j]
                and kinds[j + 2] == ""
                and starts[j + 2] == ends[j + 1]
            ):
                j += 2
            words.append(Word(start, ends[j], text[start : ends[j]]))
            i = j + 1
        return words


class TokenColumns:
    """The Doc's tokens as columns of plain values, read once per Doc (no Token objects):
    ``offsets``, ``lengths``, ``is_space`` (whitespace token), ``spaced`` (a space follows) and
    ``sentence_starts`` (offsets of the sentences' first tokens)."""

    def __init__(self, doc: Doc):
        if len(doc):
            table = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY, SENT_START]).T.tolist()
            self.offsets, self.lengths, self.is_space, self.spaced, starts = table
            self.sentence_starts = [offset for offset, start in zip(self.offsets, starts) if start == 1]
        else:
            self.offsets, self.lengths, self.is_space, self.spaced, self.sentence_starts = [], [], [], [], []


class _DocLayer:
    """The words (and, on demand, the runs) of one Doc."""

    def __init__(self, doc: Doc):
        self.text = text = doc_text(doc)
        self.columns = columns = TokenColumns(doc)
        offsets, lengths, is_space, spaced = columns.offsets, columns.lengths, columns.is_space, columns.spaced
        words: list[Word] = []
        append = words.append
        new = tuple.__new__  # ``Word(...)`` without the Python frame of a named tuple's ``__new__``
        k, count = 0, len(offsets)
        while k < count:
            if is_space[k]:
                k += 1
                continue
            start, length = offsets[k], lengths[k]
            if spaced[k] or k + 1 == count or is_space[k + 1]:
                # Most tokens are written alone and are each a word (``Jakarta`` ``,``): a run of
                # letters and digits, or a mark that joins nothing (no separator, no full stop after one letter).
                token = text[start : start + length]
                if token.isalnum() or (length == 1 and token not in _JOINERS):
                    append(new(Word, (start, start + length, token)))
                    k += 1
                    continue
                last = k
            else:
                last = k + 1  # the tokens written together with this one (no whitespace between)
                while not spaced[last] and last + 1 < count and not is_space[last + 1]:
                    last += 1
                chunk = []
                after_run = 0  # length of the run of letters and digits right before, 0 after a mark
                for m in range(k, last + 1):
                    start, length = offsets[m], lengths[m]
                    token = text[start : start + length]
                    if token.isalnum():
                        if after_run:
                            break
                        after_run = length
                    elif length == 1 and token not in _JOINERS:
                        if token == "." and after_run == 1:
                            break
                        after_run = 0
                    else:
                        break
                    chunk.append(new(Word, (start, start + length, token)))
                else:
                    words.extend(chunk)
                    k = last + 1
                    continue
            start, end = offsets[k], offsets[last] + lengths[last]
            words.extend(_Pieces(((start, text[start:end]),)).words(text))
            k = last + 1
        self.words = words
        self.starts = [w[0] for w in words]
        self.ends = [w[1] for w in words]
        self._runs: Optional[list[tuple[int, int]]] = None
        self._run_index: dict[str, list[int]] = {}

    def runs(self) -> tuple[list[tuple[int, int]], dict[str, list[int]]]:
        if self._runs is None:
            # Maximal runs of word characters and hyphens written together: the tokens cover the
            # text and whitespace breaks a run, so they are the text's runs of ``[\w-]`` (``\w``
            # is :func:`is_word_char`), whatever the tokens.
            text = self.text
            self._runs = [match.span() for match in _RUN.finditer(text)]
            index: dict[str, list[int]] = {}
            for k, (start, end) in enumerate(self._runs):
                index.setdefault(text[start:end], []).append(k)
            self._run_index = index
        return self._runs, self._run_index


def _layer(doc: Doc) -> _DocLayer:
    layer = doc.user_data.get(_LAYER)
    if layer is None:
        layer = doc.user_data[_LAYER] = _DocLayer(doc)
    return layer


def doc_words(doc: Doc) -> list[Word]:
    """The words of the Doc, regrouped from its tokens once per Doc."""
    return _layer(doc).words


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


def _whitespace_parts(text: str) -> Iterable[tuple[int, str]]:
    position = 0
    for part in text.split():
        position = text.index(part, position)
        yield position, part
        position += len(part)


def phrase_words(text: str) -> list[Word]:
    """The words of a short string (a lexicon phrase, a name), read as :func:`doc_words` reads a
    Doc, its whitespace-separated parts standing for tokens; punctuation is one word per character."""
    return _Pieces(_whitespace_parts(text)).words(text)


def standalone_occurrences(doc: Doc, word: str) -> list[tuple[int, int]]:
    """Where ``word`` (a word of :func:`phrase_words` made of word characters, hyphens and
    apostrophes: no initials, no punctuation) is written with neither a word character nor a
    hyphen on either side: its parts between apostrophes are whole runs of word characters and
    hyphens of the Doc (``O'Brien`` in ``O'Brien,`` but not in ``O'Brien-Smith``)."""
    layer = _layer(doc)
    runs, index = layer.runs()
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
    for k in index.get(parts[0], ()):
        last = k
        for part, separator in zip(parts[1:], separators):
            following = last + 1
            if not (
                following < len(runs)
                and runs[following][0] == runs[last][1] + 1
                and text[runs[last][1]] == separator
                and text[runs[following][0] : runs[following][1]] == part
            ):
                break
            last = following
        else:
            found.append((runs[k][0], runs[last][1]))
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
