"""Figures: numbers that carry a fact (spec § figures).

The ``numbers`` component has matched every number phrase once (``doc.spans["number"]``, with the
exact characters of each match, so that a span is exact whatever the tokenizer did with
``US$16.74`` or ``ke-16``); this builder decides which are figures. Candidates of all kinds are
collected, then the longest, earliest ones win (``US$16.74 miliar`` beats a bare ``16.74``). A candidate is dropped
when it overlaps a date record, boilerplate, a URL or e-mail address, or follows a word that
makes the number a label rather than a fact (``Pasal 5``, ``Nomor 17``, ``pukul 10``).

Decisions worth knowing:

* A count needs a noun after the number: ``10 negara``, ``tiga area``, ``1,5 juta orang``. The
  noun is any lower-case word that is not a function word, verb (by prefix) or other junk listed
  in ``figures.json``; capitalised nouns only from a short list (``10 Negara``, ``4 WNI``). Bare
  numbers without a noun are not emitted: nothing says what they count.
* A bare four-digit 1900-2099 is a year, never a count or quantity. ``satu`` + noun is mostly
  an article (``satu hal``, ``salah satu negara``) and is not a count; ``1 negara`` is. Digits
  right after a capitalised word inside a sentence belong to a name (``Rush Hour 4``).
* Numbers after ``peringkat``/``posisi``/``Pasal``/``Nomor``/``pukul``... are labels or ranks.
* ``kedua``, ``ketiga`` ... without a hyphen mean "both/all three" after a function word or at a
  clause start (``Ketiga bidang tersebut``, ``antara kedua negara``) and are then not ordinals;
  after a noun they are (``pertemuan kedua``, ``terbesar ketiga``, ``untuk kedua kalinya``).
  ``ke-N`` and ``ke-delapan`` are always ordinals.
* ``pertama`` is an ordinal when it follows a word in the same clause (``pertemuan pertama``,
  ``untuk pertama kalinya``); a capitalised ``Pertama`` (titles such as ``Sekretaris Pertama``,
  the discourse marker ``Pertama, ...``) and ``pertama-tama`` are not.
* Vague plurals (``belasan``, ``puluhan negara``) are counts valued at their base (10, 10),
  as the annotation guide settles it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc

from ..components import spans
from ..components.boilerplate import KEY as BOILERPLATE
from ..components.boilerplate import boilerplate_ranges, overlaps_ranges
from ..components.numbers import WEB_ADDRESS, figure_lexicon, number_characters, number_matches_of
from ..components.numbers import KEY as NUMBER
from ..nlp.words import chunk_after, chunk_before, token_columns
from ..normalize.dates import calendar_names, weekday_forms
from ..normalize.numbers import number_lexicon
from ..pipeline import ExtractionContext, RecordStage
from ..records import Figure, FigureKind

_PRIORITY = {"money_prefix": 0, "money_suffix": 0, "percent": 1, "quantity": 2, "duration": 2, "count": 3}
_KIND = {
    "money_prefix": FigureKind.money,
    "money_suffix": FigureKind.money,
    "percent": FigureKind.percent,
    "quantity": FigureKind.quantity,
    "duration": FigureKind.duration,
    "count": FigureKind.count,
}
_INLINE_SPACE = " \u00a0"
# A clause ends at one of these followed by whitespace, or at a line break.
_CLAUSE_PUNCTUATION = frozenset(".!?;:,\"“”()\n")
# Where a clause ends: after a line break, or after clause punctuation that whitespace (``\s`` is
# ``str.isspace``) or the end of the text follows.
_CLAUSE_BOUNDARY = re.compile("\n|[" + re.escape("".join(sorted(_CLAUSE_PUNCTUATION))) + r"](?=\s|\Z)")
_SUBJECT_WORDS = 8
# What right before a capitalised word makes it start a clause rather than continue a name.
_NAME_BREAKS = frozenset(".!?:;\"“”'(\n-–")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: FigureKind
    value: float
    unit: Optional[str]
    rule: str
    priority: int  # lower wins ties between spans of equal length


def _is_letter(char: str) -> bool:
    return char.isalnum() and not char.isdecimal()


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_before(window: str) -> Optional[tuple[int, str]]:
    """The word (a letter, then letters, digits and full stops) that ends ``window``, spaces
    after it aside, and where it starts; the window may end with one line break after them."""
    if window.endswith("\n"):
        window = window[:-1]
    end = len(window.rstrip(_INLINE_SPACE))
    first = end
    while first > 0 and (_is_word_char(window[first - 1]) or window[first - 1] == "."):
        first -= 1
    for index in range(first, end):
        if _is_letter(window[index]):
            return index, window[index:end]
    return None


class _Reach:
    """How far around a number the builder reads, counted on the Doc's tokens: the written chunk
    (tokens written together, no whitespace between) before or after a position, or its sentence."""

    def __init__(self, doc: Doc, text: str):
        self.text = text
        self.tokens = token_columns(doc)
        self._boundaries: Optional[list[int]] = None
        self._word_starts: Optional[list[int]] = None
        self._word_ends: list[int] = []

    def chunk_before(self, position: int) -> int:
        return chunk_before(self.tokens, position)

    def chunk_after(self, position: int) -> int:
        return chunk_after(self.tokens, position, len(self.text))

    def sentence_start(self, position: int) -> int:
        starts = self.tokens.sentence_starts
        k = bisect.bisect_right(starts, position) - 1
        return starts[k] if k >= 0 else 0

    def clause_start(self, window_start: int, position: int) -> int:
        """Where the clause holding ``position`` starts, not before ``window_start``: after the
        last clause punctuation followed by whitespace, or the last line break, before ``position``
        (a punctuation mark right before ``position`` ends the clause there)."""
        if position > window_start and self.text[position - 1] in _CLAUSE_PUNCTUATION:
            return position
        boundaries = self._clause_boundaries()
        k = bisect.bisect_right(boundaries, position) - 1
        return boundaries[k] if k >= 0 and boundaries[k] > window_start else window_start

    def words(self, start: int, end: int) -> "_Words":
        """The whitespace-separated words of ``text[start:end]``, a word crossing either end cut
        there; looked up, not copied, so a long clause costs nothing until its words are read."""
        starts, ends = self._words()
        return _Words(self.text, starts, ends, start, end)

    def _clause_boundaries(self) -> list[int]:
        # Computed once per Doc: bisected per figure, so a long sentence costs its length once,
        # not once per figure in it.
        if self._boundaries is None:
            self._boundaries = [match.end() for match in _CLAUSE_BOUNDARY.finditer(self.text)]
        return self._boundaries

    def _words(self) -> tuple[list[int], list[int]]:
        if self._word_starts is None:
            starts, ends, position = [], [], 0
            text = self.text
            for word in text.split():
                position = text.index(word, position)
                starts.append(position)
                position += len(word)
                ends.append(position)
            self._word_starts, self._word_ends = starts, ends
        return self._word_starts, self._word_ends


class _Words:
    """A run of a text's whitespace-separated words: ``len``, ``words[k] -> (offset, word)``,
    ``pop()`` drops the last one and ``head(n)`` lists the first ``n``."""

    def __init__(self, text: str, starts: list[int], ends: list[int], start: int, end: int):
        self.text, self.starts, self.ends, self.start, self.end = text, starts, ends, start, end
        self.first = bisect.bisect_right(ends, start)
        self.last = bisect.bisect_left(starts, end)

    def __len__(self) -> int:
        return max(0, self.last - self.first)

    def __getitem__(self, k: int) -> tuple[int, str]:
        index = (self.last if k < 0 else self.first) + k
        begin = max(self.starts[index], self.start)
        return begin, self.text[begin : min(self.ends[index], self.end)]

    def pop(self) -> None:
        self.last -= 1

    def head(self, n: int) -> list[tuple[int, str]]:
        return [self[k] for k in range(min(n, len(self)))]


def _previous_word(reach: _Reach, start: int) -> Optional[str]:
    """The word right before ``start``, nothing but spaces between, or ``None``."""
    found = _word_before(reach.text[reach.chunk_before(start) : start])
    return found[1] if found else None


def _next_word(reach: _Reach, end: int) -> str:
    """The letters of the word after ``end`` (spaces between), lower-cased, or ``""``."""
    window = reach.text[end : reach.chunk_after(end)]
    first = len(window) - len(window.lstrip(_INLINE_SPACE))
    last = first
    while last < len(window) and _is_letter(window[last]):
        last += 1
    return window[first:last].lower()


def _is_year(amount: str) -> bool:
    return len(amount) == 4 and amount[:2] in ("19", "20") and amount[2:].isdecimal()


def _looks_like_verb(word: str, superlatives: bool = True) -> bool:
    """A lower-case word with a verbal prefix (``meminta``, ``bertemu``, ``dibahas``), bar known nouns.

    ``ter-`` also makes superlatives (``terbesar kedua``); ``superlatives=False`` leaves those out.
    """
    count = figure_lexicon()["count"]
    lowered = word.lower()
    prefixes = tuple(p for p in count["verb_prefixes"] if superlatives or p != "ter")
    return (
        word.islower()
        and len(lowered) >= 6
        and lowered.startswith(prefixes)
        and lowered not in count["nouns_despite_prefix"]
    )


def _is_count_noun(word: str) -> bool:
    count = figure_lexicon()["count"]
    lowered = word.lower()
    if word in count["capitalised_count_nouns"]:
        return True
    if not word.islower() or len(word) < 3 or lowered in _not_count_words():
        return False
    return not _looks_like_verb(word)


@lru_cache(maxsize=1)
def _not_count_words() -> frozenset[str]:
    lexicon = figure_lexicon()
    months = {w.casefold() for w in calendar_names() if w not in weekday_forms()}
    words = set(lexicon["count"]["not_count_words"]) | months | set(number_lexicon()["vague_plurals"])
    words |= set(lexicon["number_words"]) | {w.lower() for w in number_lexicon()["multipliers"]}
    words |= {w.lower() for w in lexicon["percent"]}
    return frozenset(words)


@lru_cache(maxsize=1)
def _fold_table(section: str) -> frozenset[str]:
    return frozenset(" ".join(key.lower().split()) for key in figure_lexicon()[section])


def _number_candidates(doc: Doc, text: str, reach: _Reach) -> Iterator[_Candidate]:
    """The ``number`` spans that are figures here, with the kind and unit each one gives."""
    spans(doc, NUMBER)  # an error naming the component when it did not run
    matches = number_matches_of(doc)
    characters = number_characters(doc)
    pair_ends = {start: end for match, (start, end, _) in zip(matches, characters) if match.pattern == "count_pair"}
    for match, (start, end, amount_end) in zip(matches, characters):
        pattern = match.pattern
        value, unit = float(match.value), match.unit or None  # what the span's ``kb_id_`` holds
        amount = text[start:amount_end]
        if pattern in ("money_suffix", "quantity", "duration", "count") and _is_excluded_context(reach, start):
            continue
        if pattern in ("money_prefix", "money_suffix", "percent"):
            # No label check on a percentage: a number with its percent sign is a share even
            # after a rank word (``dari posisi 7,5 persen``).
            pass
        elif pattern in ("quantity", "duration"):
            if _is_year(amount):
                continue
        elif pattern == "count":
            if amount[0].isdigit() and _follows_name(reach, start):
                continue
            noun = text[amount_end:end].lstrip(_INLINE_SPACE)
            if _is_year(amount) or not _is_count_noun(noun):
                continue
            pair_end = pair_ends.get(start)
            if pair_end is not None and unit in figure_lexicon()["count"]["classifiers"]:
                noun2 = text[end:pair_end].lstrip(_INLINE_SPACE)
                folded = noun2.lower()
                if (
                    folded not in figure_lexicon()["count"]["classifiers"]
                    and folded not in _fold_table("durations")
                    and folded not in _fold_table("measures")
                    and _is_count_noun(noun2)
                ):
                    end, unit = pair_end, folded
            if amount.lower() == "satu":
                continue  # mostly an article: "satu hal", "satu pendatang baru", "salah satu negara"
        elif pattern in ("ordinal_ke", "ordinal_suffix"):
            previous = _previous_word(reach, start)
            if previous is not None and previous.lower() in figure_lexicon()["ordinals"]["period_before"]:
                continue
            yield _Candidate(start, end, FigureKind.ordinal, value, None, pattern, 1)
            continue
        elif pattern == "ordinal_word":
            if not _is_ordinal_word(reach, start, end):
                continue
            yield _Candidate(start, end, FigureKind.ordinal, value, None, pattern, 1)
            continue
        elif pattern == "ordinal_pertama":
            yield _Candidate(start, end, FigureKind.ordinal, value, None, pattern, 1)
            continue
        else:
            continue  # count_pair: read with its count
        yield _Candidate(start, end, _KIND[pattern], value, unit, pattern, _PRIORITY[pattern])


def _is_ordinal_word(reach: _Reach, start: int, end: int) -> bool:
    ordinals = figure_lexicon()["ordinals"]
    next_word = _next_word(reach, end)
    if next_word in ordinals["collective_after"]:
        return False
    return next_word in ordinals["ordinal_after"] or not _is_collective(reach.text[start:end], _previous_word(reach, start))


def _is_collective(word: str, previous: Optional[str]) -> bool:
    """Whether ``kedua``/``ketiga``... means "both/all three" here rather than "second/third"."""
    if previous is None or previous.endswith("."):
        return True  # clause start: "Ketiga bidang tersebut ..."
    if previous.lower() in figure_lexicon()["ordinals"]["collective_before"] or _looks_like_verb(previous, superlatives=False):
        return True
    # "Pertemuan Kedua" (title case) is an ordinal; "Indonesia kedua ..." is not a noun + ordinal
    return word.islower() and not previous.islower()


@lru_cache(maxsize=1)
def _excluded_before() -> frozenset[str]:
    return frozenset(figure_lexicon()["excluded_before_number"])


def _follows_name(reach: _Reach, start: int) -> bool:
    """Digits right after a capitalised word inside a sentence belong to a name or model:
    ``KRI Nagapasa 403``, ``Rush Hour 4``, ``Liga 1``, ``iPhone 7`` (but ``Sebanyak 10 negara``
    starts its sentence)."""
    # The window: the chunk of the word before the number and the chunk before that one.
    window = reach.text[reach.chunk_before(reach.chunk_before(start)) : start]
    previous = _word_before(window)
    if not previous or previous[1].islower() or previous[1].endswith("."):
        return False
    before = window[: previous[0]].rstrip(_INLINE_SPACE)
    return bool(before) and before[-1] not in _NAME_BREAKS


def _is_excluded_context(reach: _Reach, start: int) -> bool:
    """The number is a label: ``Pasal 5``, ``UU Nomor 17``, ``pukul 10``, ``No. 12``."""
    previous = _previous_word(reach, start)
    if previous is None:
        return False
    lowered = previous.lower()
    return lowered in _excluded_before() or lowered.rstrip(".") in _excluded_before()


def _select(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """By kind priority (money, then percent and ordinals, then measures, then counts), then longest,
    then leftmost; no two selected spans overlap. ``Rp 200 miliar harganya`` stays money."""
    chosen: list[_Candidate] = []
    taken = _Occupancy()  # a test per candidate costs its length, not the number chosen so far
    for candidate in sorted(candidates, key=lambda c: (c.priority, -(c.end - c.start), c.start)):
        if not taken.overlaps(candidate.start, candidate.end):
            chosen.append(candidate)
            taken.add(candidate.start, candidate.end)
    return sorted(chosen, key=lambda c: c.start)


class _Occupancy:
    """Characters covered by a set of spans; overlap tests in the span's length."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.covered = bytearray()
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end > len(self.covered):
            self.covered.extend(bytes(end - len(self.covered)))
        self.covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.covered.find(1, start, end) >= 0


def _subject(reach: _Reach, start: int) -> Optional[str]:
    """The noun phrase before ``mencapai``/``sebesar``/... that introduces the figure, if any,
    read in the figure's clause within its sentence."""
    lexicon = figure_lexicon()
    text = reach.text
    window_start = reach.sentence_start(start)
    clause = reach.words(reach.clause_start(window_start, start), start)
    triggers = set(lexicon["subject_triggers"])
    hedges = set(lexicon["subject_hedges"])
    while clause and clause[-1][1].lower() in hedges:
        clause.pop()
    if len(clause) < 2 or clause[-1][1].lower() not in triggers:
        return None
    clause.pop()
    fillers = sorted(lexicon["subject_leading_fillers"], key=len, reverse=True)
    # The subject is at most _SUBJECT_WORDS words after a filler, cut at the first stop word: the
    # words past that reach can only make it too long, so they are not read.
    words = clause.head(max(len(filler.split()) for filler in fillers) + _SUBJECT_WORDS + 2)
    phrase = " ".join(w for _, w in words).lower()
    for filler in fillers:
        if phrase.startswith(filler + " "):
            words = words[len(filler.split()) :]
            break
    stops = set(lexicon["subject_stop_words"])
    for index, (_, word) in enumerate(words):
        if word.lower() in stops or word[0].isdigit():
            words = words[:index]
            break
    if not words or len(words) > _SUBJECT_WORDS:
        return None
    first_start = words[0][0]
    last_start, last_word = words[-1]
    return " ".join(text[first_start : last_start + len(last_word)].split())


def _date_spans(context: ExtractionContext) -> list[tuple[int, int]]:
    return [(record.start, record.end) for record in context.records.get("dates", [])]


def extract_figures(doc: Doc, context: ExtractionContext) -> Iterable[Figure]:
    """Figures in the article, in text order."""
    text = context.text
    addresses = [(span.start_char, span.end_char) for span in spans(doc, WEB_ADDRESS)]
    blocked = _Occupancy(_date_spans(context) + addresses)
    in_copyright_line = _copyright_lines(text)
    reach = _Reach(doc, text)
    boilerplate = boilerplate_ranges(doc)
    candidates = [
        candidate
        for candidate in _number_candidates(doc, text, reach)
        if not overlaps_ranges(boilerplate, candidate.start, candidate.end)
        and not blocked.overlaps(candidate.start, candidate.end)
        and not in_copyright_line(candidate.start)
    ]
    for candidate in _select(candidates):
        subject = _subject(reach, candidate.start) if candidate.kind in (FigureKind.percent, FigureKind.money, FigureKind.quantity) else None
        yield Figure(
            start=candidate.start,
            end=candidate.end,
            text=text[candidate.start : candidate.end],
            kind=candidate.kind,
            value=candidate.value,
            unit=candidate.unit,
            subject=subject,
            rule=candidate.rule,
        )


def _copyright_lines(text: str):
    """``position -> bool``: whether the line holding ``position`` has ``©`` or ``copyright``;
    each line is looked at once (once per candidate was quadratic on one long line)."""
    lines = text.split("\n")
    flags = [("©" in line or "copyright" in line.lower()) for line in lines]
    if not any(flags):
        return lambda position: False
    breaks = list(itertools.accumulate(len(line) + 1 for line in lines))
    return lambda position: flags[bisect.bisect_right(breaks, position)]


class FiguresStage(RecordStage):
    name = "figures"
    requires = frozenset({"dates", f"spans:{BOILERPLATE}", f"spans:{NUMBER}", f"spans:{WEB_ADDRESS}"})
    extractor = extract_figures
