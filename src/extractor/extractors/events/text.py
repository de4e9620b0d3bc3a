"""Reading words, names and places from the tokens around an event trigger.

The reader works on **words** read once per Doc from its characters, whatever Stanza's tokens
(:data:`_WORD`): a run of letters and digits with the hyphens and possessive that make one
written word (``ASEAN-Rusia``, ``Officials's``); punctuation is one word per character.
Names, places and ordinals are runs of words; every window is counted in words and bounded by
the sentence; ``text[word.start:word.end]`` is always the word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial
from typing import TYPE_CHECKING, Iterable, NamedTuple, Optional

from spacy.tokens import Doc

from ...components import spans
from ...components.parties import party_parts
from ...nlp.spacy_doc import doc_text
from ...nlp.words import words_by_split
from ...normalize.countries import party_code
from ...normalize.numbers import parse_ordinal

if TYPE_CHECKING:
    from .lexicon import EventPatterns, Phrases


HYPHENS = "-\u2010\u2011\u2013"
APOSTROPHES = "'\u2019"
SPACES = " \u00a0"
CLAUSE_PUNCT = frozenset('.;:!?"\u201c\u201d,')
SENTENCE_PUNCT = frozenset(".;!?:")
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
# A word: a run of letters and digits, continued by a hyphen and the next run (``ASEAN-Rusia``)
# or a possessive (``Officials's``), ended by an apostrophe no letter follows (``Officials'``);
# any other non-space character alone.
# (Possessive quantifiers: a match never gives characters back, so none keeps backtracking state.)
_RUN = r"[^\W_]++"
_WORD = re.compile(rf"{_RUN}(?:[{HYPHENS}]{_RUN}|[{APOSTROPHES}]s(?![^\W_]))*+(?:[{APOSTROPHES}](?![^\W_]))?+|\S")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # for :func:`~extractor.nlp.words.words_by_split`


class Word(NamedTuple):
    """A word and its character offsets (a tuple: cheap to build by the thousand)."""

    start: int
    end: int
    text: str

    @property
    def folded(self) -> str:
        return self.text.casefold()


_new_word = partial(tuple.__new__, Word)  # ``Word(...)`` without the Python frame of its ``__new__``


def _alnum(ch: str) -> bool:
    return ch.isalnum()


def _word_chars(part: str) -> bool:
    """``[^\\W_]+``: letters and digits only."""
    return bool(part) and part.isalnum()


def _hyphen_parts(text: str) -> list[str]:
    parts, current = [], []
    for ch in text:
        if ch in HYPHENS:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def is_capword(text: str) -> bool:
    """A capitalised word (``ASEAN-Rusia``, ``Officials'``, ``16th``): an ASCII capital, or digits and
    a letter, then letters and digits, hyphen parts, an optional possessive."""
    if text[-2:-1] in tuple(APOSTROPHES) and text[-1:] == "s":
        text = text[:-2]
    elif text[-1:] in tuple(APOSTROPHES):
        text = text[:-1]
    parts = _hyphen_parts(text)
    if not all(_word_chars(p) for p in parts):
        return False
    first = parts[0]
    if "A" <= first[0] <= "Z":
        return True
    digits = len(first) - len(first.lstrip("0123456789"))
    return 0 < digits < len(first) and first[digits].isascii() and first[digits].isalpha()


def is_lower_word(text: str) -> bool:
    """A lowercase ASCII word, hyphen parts allowed (``dan``, ``negara-negara``)."""
    parts = _hyphen_parts(text)
    return all(p and p.isascii() and p.isalpha() and p.islower() for p in parts)


def is_plain_lower(text: str) -> bool:
    """One lowercase ASCII word without hyphen."""
    return text.isascii() and text.isalpha() and text.islower()


def is_suffixed_ordinal(text: str) -> bool:
    """``16th``, ``1st``."""
    return len(text) > 2 and text[:-2].isdigit() and text[-2:] in ORDINAL_SUFFIXES


def is_upper_code(text: str) -> bool:
    """Two ASCII capitals (a country code)."""
    return len(text) == 2 and text.isascii() and text.isalpha() and text.isupper()


def fold_words(text: str) -> list[str]:
    """The casefolded letter-and-digit runs of a name (``ASEAN-Rusia,`` -> ``asean rusia``)."""
    return "".join(ch if ch.isalnum() or ch == "_" else " " for ch in text.casefold()).split()


def dehyphenate(text: str) -> str:
    return text.translate({ord(h): " " for h in HYPHENS})


class Words:
    """The words of a Doc, with lookups by character position and the Doc's party spans."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.items: list[Word]
        self.items, self.starts, self.ends, _ = words_by_split(_WORD_SPLIT, self.text, _new_word)
        self.parties = sorted((s.start_char, s.end_char, s.kb_id_) for s in spans(doc, "party"))
        self._party_starts = [p[0] for p in self.parties]
        # Capital cities, valued by their state's code: a visit to one is a visit to that state.
        self.capitals = sorted((s.start_char, s.end_char, s.kb_id_) for s in spans(doc, "capital"))
        # A name inside a hyphen-joined word, with the word it is part of.
        self.party_parts = [(s, e, code, self._word_holding(s)) for s, e, code, _ws, _we in party_parts(doc)]

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Word:
        return self.items[index]

    def _word_holding(self, position: int) -> Word:
        return self.items[bisect_right(self.starts, position) - 1]

    def first_from(self, position: int) -> int:
        """Index of the first word starting at or after ``position``."""
        return bisect_left(self.starts, position)

    def last_before(self, position: int) -> int:
        """Index of the last word ending at or before ``position`` (-1 when none)."""
        return bisect_right(self.ends, position) - 1

    def spaced_after(self, position: int) -> Optional[int]:
        """The word after ``position`` when only spaces (no line break) stand between."""
        index = self.first_from(position)
        if index >= len(self.items):
            return None
        gap = self.text[position : self.items[index].start]
        if gap and all(ch in SPACES for ch in gap):
            return index
        return None

    def skip_spaces(self, position: int) -> int:
        index = self.spaced_after(position)
        return self.items[index].start if index is not None else position

    def spaced_between(self, first: int, second: int) -> bool:
        gap = self.text[self.items[first].end : self.items[second].start]
        return bool(gap) and all(ch in SPACES for ch in gap)

    def between(self, start: int, end: int) -> list[str]:
        """Casefolded words lying in ``[start, end)``."""
        return [w.folded for w in self.items[self.first_from(start) : self.last_before(end) + 1]]

    def before(self, position: int, lower_bound: int, count: int) -> list[str]:
        """The last ``count`` words before ``position``, none before ``lower_bound``."""
        last = self.last_before(position)
        first = max(self.first_from(lower_bound), last - count + 1)
        return [w.folded for w in self.items[first : last + 1]]

    def after(self, position: int, upper_bound: int, count: int) -> list[str]:
        first = self.first_from(position)
        last = min(self.last_before(upper_bound), first + count - 1)
        return [w.folded for w in self.items[first : last + 1]]

    def word_before(self, position: int, lower_bound: int) -> str:
        words = self.before(position, lower_bound, 1)
        return words[0] if words else ""

    def word_at(self, position: int) -> Optional[Word]:
        index = self.first_from(position)
        if index < len(self.items) and self.items[index].start == position:
            return self.items[index]
        return None

    def clause_start(self, position: int, s_start: int, reach: int) -> int:
        """Where the clause of ``position`` starts: after the last punctuation within ``reach``
        words before it, else the sentence start."""
        last = self.last_before(position)
        lower = self.first_from(s_start)
        for index in range(last, max(lower, last - reach + 1) - 1, -1):
            if self.items[index].text in CLAUSE_PUNCT:
                return self.items[index].end
        return s_start

    def clause_before(self, position: int, s_start: int, count: int) -> list[str]:
        """The last ``count`` words before ``position`` in its clause."""
        return self.before(position, self.clause_start(position, s_start, count + 1), count)

    def object_end(self, start: int, limit: int, cutters: frozenset[str]) -> int:
        """End of the object after a verb or ``dengan``: before punctuation, a ``cutters`` word
        (``di`` a place, ``pada`` a date) or ``limit``."""
        for word in self.items[self.first_from(start) :]:
            if word.end > limit:
                break
            if word.text in CLAUSE_PUNCT or word.folded in cutters:
                return word.start
        return limit

    def words_in(self, start: int, end: int) -> list[Word]:
        return self.items[self.first_from(start) : self.last_before(end) + 1]

    def parties_in(self, start: int, end: int, hyphen_parts: bool = False) -> list[tuple[int, int, str]]:
        """Countries and blocs in ``[start, end)``: the Doc's party spans; with ``hyphen_parts``
        also the parts of words joined by hyphens (``ASEAN-Rusia``), which the Doc's spans leave
        out because they stand as one word."""
        found = [p for p in self.parties[bisect_left(self._party_starts, start) :] if p[0] < end]
        found = [p for p in found if p[1] <= end]
        if hyphen_parts:
            for s, e, code, word in self.party_parts:
                if start <= word.start and word.end <= end:
                    found.append((s, e, code))
        return sorted(set(found))

    def party_codes_in(self, start: int, end: int, hyphen_parts: bool = False) -> set[str]:
        return {code for _s, _e, code in self.parties_in(start, end, hyphen_parts)}

    def capital_codes_in(self, start: int, end: int) -> set[str]:
        """The states whose capital cities stand in ``[start, end)`` (``ke Beijing``: CN)."""
        return {code for s, e, code in self.capitals if start <= s and e <= end}

    def window_start(self, position: int, lower_bound: int, count: int) -> int:
        """The start of the ``count``-th word before ``position`` (none before ``lower_bound``)."""
        last = self.last_before(position)
        first = max(self.first_from(lower_bound), last - count + 1)
        return self.items[first].start if 0 <= first <= last else position

    def phrase_ending(self, start: int, end: int, phrases: Phrases, followers: Optional[frozenset[str]] = None) -> Optional[int]:
        """Where the earliest phrase of ``phrases`` in ``[start, end)`` starts that is followed by
        nothing but spaces up to ``end``, or by one ``followers`` word (any lowercase word when
        ``followers`` is None) then spaces."""
        last = self.last_before(end)
        if last < 0 or not all(ch in SPACES for ch in self.text[self.items[last].end : end]):
            return None
        for first, after in phrases_in(self, start, end, phrases):
            if after - 1 == last:
                return self.items[first].start
            if after == last and self.spaced_between(after - 1, last):
                follower = self.items[last]
                if (follower.folded in followers) if followers is not None else is_plain_lower(follower.text):
                    return self.items[first].start
        return None

    def window_end(self, position: int, limit: int, count: int) -> int:
        """The end of the ``count``-th word after ``position`` (or ``limit``)."""
        last = min(self.last_before(limit), self.first_from(position) + count - 1)
        return self.items[last].end if last >= self.first_from(position) else position


def _is_capword_stop(word: str, patterns: EventPatterns) -> bool:
    """Capitalised words that end a name: weekdays, months, sentence-initial function words, and
    verbs of a Title-Case headline (``KTT G20 Disahkan``, ``Forum Digelar``)."""
    folded = word.casefold().rstrip(APOSTROPHES)
    return (
        folded in patterns.calendar
        or folded in patterns.function_words
        or folded in patterns.held_cues
        or folded in patterns.reporting
        or patterns.headline_verb.fullmatch(folded) is not None
    )


def _is_place_stop(word: str, patterns: EventPatterns) -> bool:
    folded = word.casefold().rstrip(APOSTROPHES)
    return folded in patterns.location_stop or folded in patterns.function_words


def _party_of_word(word: str) -> Optional[str]:
    for part in _hyphen_parts(word):
        code = party_code(part.rstrip(APOSTROPHES))
        if code:
            return code
    return None


def _glued_after(words: Words, index: int) -> bool:
    """A letter, digit or hyphen written right after the word (the word is cut, not whole)."""
    end = words[index].end
    ch = words.text[end : end + 1]
    return bool(ch) and (ch.isalnum() or ch == "_" or ch in HYPHENS)


def capword_at(words: Words, index: Optional[int]) -> bool:
    return index is not None and index < len(words) and is_capword(words[index].text) and not _glued_after(words, index)


def ordinal_value(words: Words, index: int) -> Optional[tuple[int, int]]:
    """``(index after, value)`` of an ordinal starting at word ``index`` (``ke-4``, ``ke-empat``,
    ``ke 16``, ``16th``)."""
    word = words[index].text
    if _glued_after(words, index):
        return None
    surface, after = None, index + 1
    if word[:2] in ("ke", "Ke") and len(word) > 3 and word[2] in HYPHENS:
        if word[3:].isdigit() or is_plain_lower(word[3:]):
            surface = word
    elif (word[:2] in ("ke", "Ke") and word[2:].isdigit()) or is_suffixed_ordinal(word):
        surface = word
    elif word in ("ke", "Ke") and index + 1 < len(words):
        following = words[index + 1]
        if words.text[words[index].end : following.start] == " " and following.text.isdigit() and not _glued_after(words, index + 1):
            surface, after = f"{word} {following.text}", index + 2
    value = parse_ordinal(surface) if surface is not None else None
    return (after, value) if value is not None else None


def ordinal_at(words: Words, index: int) -> Optional[int]:
    found = ordinal_value(words, index)
    return found[0] if found is not None else None


# The most words a bracketed group inside a name (``(KTT)``, ``(Senior Officials' Meeting)``) or a
# place (``(Jawa Tengah)``) holds. Chosen on the bracketed groups of the IndoSum and web corpora
# as the word counts that best match the 80 and 41 characters these limits were: 13 words
# disagree with 80 characters on 13 of 7,945 groups, 7 words with 41 characters on 19 of 4,283;
# every group the readers met there holds a single word.
NAME_BRACKET_WORDS = 13
PLACE_BRACKET_WORDS = 7


def paren_end(words: Words, index: int, most_words: int, first_ok) -> Optional[int]:
    """The index after a bracketed group opening at word ``index``: ``(KTT)``, ``(CTTC)``; at most
    ``most_words`` words inside, no line break, the first character accepted by ``first_ok``."""
    if words[index].text != "(":
        return None
    open_end = words[index].end
    if not first_ok(words.text[open_end : open_end + 1]):
        return None
    for close in range(index + 1, min(len(words), index + most_words + 2)):
        word = words[close]
        if word.text == "(" or "\n" in words.text[words[close - 1].end : word.start]:
            return None
        if word.text == ")":
            return close + 1
    return None


def _upper_or_digit(ch: str) -> bool:
    return bool(ch) and ("A" <= ch <= "Z" or ch.isdigit())


def _upper(ch: str) -> bool:
    return bool(ch) and "A" <= ch <= "Z"


def _extend_right(words: Words, position: int, limit: int, patterns: EventPatterns, english: bool) -> tuple[int, int]:
    """Read name items right of ``position``; return ``(end, items)``. In English mode capitalised
    words only follow a connector (``Meeting on Counter Terrorism``)."""
    end, items = position, 0
    caps_open = not english
    while True:
        glued = words.first_from(end)
        if items and not english and glued < len(words) and words[glued].start == end and words[glued].text == ",":
            listed = _member_list_end(words, glued, limit, patterns)
            if listed is not None:
                end, items = listed, items + 1
                continue
        index = words.spaced_after(end)
        if index is None or words[index].start >= limit:
            return end, items
        ordinal = ordinal_at(words, index)
        if ordinal is not None and words[ordinal - 1].end <= limit and not english:
            end, items = words[ordinal - 1].end, items + 1
            continue
        paren = paren_end(words, index, NAME_BRACKET_WORDS, _upper_or_digit)
        if paren is not None and words[paren - 1].end <= limit:
            end, items = words[paren - 1].end, items + 1
            continue
        word = words[index]
        if capword_at(words, index) and word.end <= limit and not _is_capword_stop(word.text, patterns):
            if caps_open or word.text in patterns.english_suffix:
                end, items = word.end, items + 1
                continue
            return end, items
        if caps_open and word.text.isdigit() and not _glued_after(words, index):
            following = words.spaced_after(word.end)
            if following is not None and _upper(words[following].text[:1]):
                end = word.end
                continue
        if (is_lower_word(word.text) and not _glued_after(words, index)) or word.text == "&" or _spaced_hyphen(words, index):
            after = words.spaced_after(word.end) if word.text not in HYPHENS else words.first_from(word.end)
            if after is not None and capword_at(words, after) and words[after].end <= limit:
                follower = words[after].text
                joiner = word.folded
                if follower.casefold() in patterns.head_words or _is_capword_stop(follower, patterns):
                    return end, items
                if joiner in patterns.name_connectors and (caps_open or english):
                    end = word.end
                    caps_open = True
                    continue
                if joiner in patterns.party_connectors and _party_of_word(follower) and items:
                    end = word.end if word.text not in HYPHENS else words[after].end
                    continue
        return end, items


def _member_list_end(words: Words, comma: int, limit: int, patterns: EventPatterns) -> Optional[int]:
    """A bloc spelled out as its members, then its acronym in brackets (``KTT ke-16 Brasil, Rusia,
    India, Tiongkok dan Afrika Selatan (BRICS)``): from the comma after the first member, the end of
    the bracket. Members are capitalised words, all but one of them states (a typo may stand), the
    last joined by ``dan``/``serta``."""
    index, members, states, joined = comma, 1, 1, False
    while index < len(words) and words[index].end <= limit:
        joiner = words[index]
        if joiner.text != "," and joiner.folded not in patterns.co_held_joiners:
            return None
        joined = joiner.folded in patterns.co_held_joiners
        start = index + 1
        if start < len(words) and words[start].folded in patterns.co_held_joiners and joiner.text == ",":
            start, joined = start + 1, True  # "..., dan Afrika Selatan"
        member_end = start
        while member_end < len(words) and capword_at(words, member_end) and not _is_capword_stop(words[member_end].text, patterns):
            member_end += 1
        if member_end == start or member_end - start > 3 or words[member_end - 1].end > limit:
            return None
        members += 1
        states += bool(words.parties_in(words[start].start, words[member_end - 1].end))
        if joined:
            paren = paren_end(words, member_end, NAME_BRACKET_WORDS, _upper) if member_end < len(words) else None
            if paren is None or words[paren - 1].end > limit or members < 3 or states < members - 1:
                return None
            return words[paren - 1].end
        index = member_end
    return None


def member_lists(words: Words, start: int, end: int, patterns: EventPatterns) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each bloc's member list inside ``start:end``, its bracketed acronym
    left out (``Brasil, Rusia, India, Tiongok dan Afrika Selatan`` of ``... (BRICS)``)."""
    found = []
    for comma in range(words.first_from(start), words.last_before(end) + 1):
        if words[comma].text != "," or comma == 0 or not capword_at(words, comma - 1):
            continue
        closed = _member_list_end(words, comma, end, patterns)
        if closed is not None:
            first = comma - 1
            bracket = max(i for i in range(comma, words.last_before(closed) + 1) if words[i].text == "(")
            found.append((words[first].start, words[bracket - 1].end))
    return found


def _spaced_hyphen(words: Words, index: int) -> bool:
    """A hyphen written apart from the word before it (``ASEAN -Jepang``, ``ASEAN - Jepang``)."""
    word = words[index]
    if word.text not in HYPHENS or index + 1 >= len(words):
        return False
    gap = words.text[word.end : words[index + 1].start]
    return all(ch in SPACES for ch in gap)


def _chunk_start(words: Words, last: int, lower: int) -> Optional[int]:
    """The first word of the written chunk (no space inside) ending with word ``last``: a
    bracketed group, or words without brackets."""
    if words[last].text == ")":
        for index in range(last - 1, max(lower, last - NAME_BRACKET_WORDS - 1) - 1, -1):
            text = words[index].text
            if text == ")":
                return None
            if text == "(":
                inside = words.text[words[index].end : words[last].start]
                return index if index < last - 1 and "\n" not in inside else None
        return None
    index = last
    while index > lower and words[index - 1].end == words[index].start and words[index - 1].text not in "()":
        index -= 1
    return index


def _extend_left(words: Words, position: int, lower_bound: int, patterns: EventPatterns) -> tuple[int, int]:
    """Read English name items left of ``position`` (``16th ASEAN-Russia Senior Officials'``)."""
    start, items = position, 0
    pending_connector: Optional[int] = None
    lower = words.first_from(lower_bound)
    last = words.last_before(position)
    while last >= lower:
        if words[last].text == "(":
            break
        first = _chunk_start(words, last, lower)
        if first is None:
            break
        t_start, t_end = words[first].start, words[last].end
        gap = words.text[t_end : start if pending_connector is None else pending_connector]
        if not (gap and all(ch in SPACES for ch in gap)):
            break
        word = words.text[t_start:t_end]
        if (
            (is_capword(word) and len(word) > 1 and not _is_capword_stop(word, patterns) and word.casefold() not in patterns.left_stop)
            or is_suffixed_ordinal(word)
            or (paren_end(words, first, NAME_BRACKET_WORDS, _upper_or_digit) == last + 1)
        ):
            start, items, pending_connector = t_start, items + 1, None
            last = first - 1
            continue
        if word.casefold() in patterns.name_connectors and pending_connector is None and items:
            pending_connector = t_start
            last = first - 1
            continue
        break
    return start, items


def _clause_clean(words: list[str], patterns: EventPatterns) -> bool:
    return not any(w in patterns.clause_breakers or w in SENTENCE_PUNCT for w in words)


def _placeword_length(text: str) -> int:
    """Length of the place word at the start of ``text``: an ASCII capital, letters and digits,
    hyphen parts (``Nay``, ``Pyi-Taw``); 0 when there is none."""
    if not _upper(text[:1]):
        return 0
    length = 1
    while length < len(text) and text[length].isalnum():
        length += 1
    while length + 1 < len(text) and text[length] in "-\u2010\u2011" and text[length + 1].isalnum():
        length += 1
        while length < len(text) and text[length].isalnum():
            length += 1
    return length


def _place_run(words: Words, index: int, limit: int, particles: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Capitalised words and bracketed groups separated by spaces from word ``index``: their
    ``(start, end)``; the run stops inside a word where its letters stop (``Bali.``). A lowercase
    ``particles`` word between two capitalised ones belongs to the name (``Rio de Janeiro``)."""
    run: list[tuple[int, int]] = []
    while index is not None and index < len(words):
        if run and words[index].text in particles and not _glued_after(words, index):
            following = words.spaced_after(words[index].end)
            if following is not None and _placeword_length(words[following].text):
                run[-1] = (run[-1][0], words[index].end)
                index = following
                continue
            break
        paren = paren_end(words, index, PLACE_BRACKET_WORDS, _upper)
        if paren is not None:
            run.append((words[index].start, words[paren - 1].end))
            index = words.spaced_after(words[paren - 1].end)
            continue
        word = words[index]
        length = _placeword_length(word.text)
        if not length:
            break
        run.append((word.start, word.start + length))
        if length < len(word.text) or _glued_after(words, index):
            break
        index = words.spaced_after(word.end)
    if run and run[-1][1] > limit:
        return []
    return run


def _read_place(words: Words, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """A place phrase at ``position``: capitalised runs joined by commas (``Legian, Badung, Bali``),
    cut before weekdays, months, dates and other stop words; places with their states joined by
    ``dan`` are one phrase."""
    end = _read_place_parts(words, position, limit, patterns, stops)
    if end is None:
        return None
    return position, _joined_places_end(words, position, end, limit, patterns, stops)


def _read_place_parts(words: Words, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> Optional[int]:
    """The end of the comma-joined capitalised runs at ``position`` (see :func:`_read_place`)."""
    text = words.text
    end = position
    cursor = position
    while True:
        index = words.word_at(cursor) and words.first_from(cursor)
        run = _place_run(words, index, limit, patterns.place_particles) if index is not None else []
        if not run:
            break
        run_end = cursor
        for w_start, w_end in run:
            if _is_place_stop(text[w_start:w_end], patterns) or any(s < w_end and w_start < e for s, e in stops):
                break
            run_end = w_end
        if run_end == cursor:
            break
        if cursor != position and text[run[0][0] : run[0][1]].casefold() in patterns.title_words:
            break  # "di Bangkok, Menteri ...": a new clause, not a wider place
        if cursor != position and not _ends_clause(words, run_end, limit, patterns, stops):
            break
        end = run_end
        if run_end < run[-1][1]:
            break
        comma = words.word_at(end)
        following = words.spaced_after(end + 1) if comma is not None and comma.text == "," else None
        if following is None:
            break
        cursor = words[following].start
    if end == position:
        return None
    return end


def _joined_places_end(words: Words, position: int, end: int, limit: int, patterns: EventPatterns, stops) -> int:
    """A place phrase and its state joined by ``dan`` to another (``Bratislava, Slovakia dan Athena,
    Yunani``): the end of the whole phrase when both parts name a city or site and its state (not
    a list of states: ``Rusia, India, Tiongkok dan Afrika Selatan``)."""
    while _site_and_state(words, position, end):
        joiner = words.spaced_after(end)
        if joiner is None or words[joiner].folded not in patterns.co_held_joiners:
            break
        following = words.spaced_after(words[joiner].end)
        if following is None or words[following].folded in patterns.title_words:
            break
        start = words[following].start
        other = _read_place_parts(words, start, limit, patterns, stops)
        if other is None or not _site_and_state(words, start, other):
            break
        position, end = start, other
    return end


def _site_and_state(words: Words, start: int, end: int) -> bool:
    """Whether ``[start, end)`` names a state and a capitalised word outside every state name."""
    found = words.parties_in(start, end)
    return bool(found) and any(
        w.text[:1].isupper() and not any(s <= w.start < e for s, e, _c in found) for w in words.words_in(start, end)
    )


def _ends_clause(words: Words, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> bool:
    """Whether a place part continued after a comma closes its clause (``..., Bali.``,
    ``..., Rusia pada 19-20 Mei``) rather than a new clause starting (``..., Indonesia didaulat``)."""
    cursor = words.skip_spaces(position)
    text = words.text
    if cursor >= limit or not text[cursor].isalnum() or any(s <= cursor < e for s, e in stops):
        return True
    word = words.word_at(cursor)
    surface = word.text if word is not None else ""
    folded = surface.casefold()
    return folded in patterns.place_followers or folded in patterns.location_stop or not folded.isalpha() or surface[:1].isupper()


def phrase_at(words: Words, index: int, phrases: Phrases, limit: Optional[int] = None) -> Optional[int]:
    """The index after the longest phrase of ``phrases`` starting at word ``index`` (words
    separated by spaces only), or None."""
    if index is None or index >= len(words):
        return None
    for phrase in phrases.starting(phrases.key(words[index])):
        end = index
        ok = True
        for position, expected in enumerate(phrase):
            current = index + position
            if current >= len(words) or phrases.key(words[current]) != expected or (position and not words.spaced_between(current - 1, current)):
                ok = False
                break
            end = current + 1
        if ok and (limit is None or words[end - 1].end <= limit) and not _glued_after(words, end - 1):
            return end
    return None


def phrases_in(words: Words, start: int, end: int, phrases: Phrases) -> Iterable[tuple[int, int]]:
    """``(first, after)`` word indices of each phrase of ``phrases`` inside ``[start, end)``."""
    index = words.first_from(start)
    last = words.last_before(end)
    while index <= last:
        if index > 0 and words[index - 1].end == words[index].start and words[index - 1].text[-1:].isalnum():
            index += 1
            continue
        after = phrase_at(words, index, phrases, end)
        if after is not None:
            yield index, after
            index = after
        else:
            index += 1


def has_phrase(words: Words, start: int, end: int, phrases: Phrases) -> bool:
    return next(iter(phrases_in(words, start, end, phrases)), None) is not None
