"""Priority areas: the areas of cooperation an article puts forward (spec § priority_areas).

An area phrase from the lexicon of ``resources/priority_areas.json`` counts only inside a
priority, focus or agreement framing:

* a framing cue (``area prioritas``, ``diutamakan``, ``fokus pada``, ``sepakat``, ``MoU``) in the
  same sentence, followed by the area within a few words (``tiga area prioritas kerja sama yaitu
  kontra terorisme``, ``MoU dalam bidang kerja sama penanganan bencana``), and every further area
  chained to it as a list (``kontra terorisme, keamanan siber dan penanganan bencana``);
* or a cue sentence that announces a counted list without naming it (``terdapat tiga bidang
  kerja sama yang diutamakan.``): the list then runs on at the start of the next sentence.

A cue followed by a demonstrative (``usulan prioritas kerja sama tersebut``) refers back to areas
already named and frames nothing new. Topics merely discussed (``membahas ... ekonomi``,
``perlunya peningkatan kerja sama ekonomi``) have no cue and are not areas.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from spacy.tokens import Doc

from ..pipeline import ExtractionContext, RecordStage
from ..records import PriorityArea, PriorityAreaSlug, Span

_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*|[^\w\s]", re.UNICODE)
# Phrase boundaries: no letter or digit glued on, and no hyphen that would make the phrase
# part of a compound (``anti-terorisme`` is fine, ``terorisme-nya`` is not a match).
_LEFT = r"(?<![\w])"
_RIGHT = r"(?![\w])"
# A clause break that ends a cue's reach: the areas after it belong to another statement.
_HARD_BREAK = re.compile(r"[;:!?]|\.(?:\s|$)")


@lru_cache(maxsize=1)
def priority_lexicon() -> dict:
    with resources.files("extractor.resources").joinpath("priority_areas.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"[ \u00a0]+").replace(r"\-", r"[-\u2010\u2011 ]?") for p in ordered)


@dataclass(frozen=True)
class PriorityPatterns:
    area: re.Pattern
    area_of: dict[str, str]
    cue: re.Pattern
    blockers: frozenset[str]
    area_blockers: frozenset[str]
    joiners: frozenset[str]
    max_gap_words: int
    announcement: re.Pattern


@lru_cache(maxsize=1)
def priority_patterns() -> PriorityPatterns:
    lexicon = priority_lexicon()
    area_of: dict[str, str] = {}
    for slug, phrases in lexicon["areas"].items():
        PriorityAreaSlug(slug)  # fail loudly on a slug the spec's taxonomy does not know
        for phrase in phrases:
            area_of[_fold(phrase)] = slug
    announcement = lexicon["announcement"]
    counts = "|".join(announcement["count_words"])
    nouns = "|".join(re.escape(n) for n in announcement["area_nouns"])
    return PriorityPatterns(
        area=re.compile(_LEFT + "(?:" + _alternation(area_of_phrases(lexicon)) + ")" + _RIGHT, re.IGNORECASE),
        area_of=area_of,
        cue=re.compile(_LEFT + "(?:" + _alternation(lexicon["cues"]) + ")" + _RIGHT, re.IGNORECASE),
        blockers=frozenset(w.casefold() for w in lexicon["cue_blockers"]),
        area_blockers=frozenset(w.casefold() for w in lexicon["area_blockers"]),
        joiners=frozenset(w.casefold() for phrase in lexicon["list_joiners"] for w in _WORD.findall(phrase)),
        max_gap_words=int(lexicon["max_gap_words"]),
        announcement=re.compile(rf"{_LEFT}(?:{counts})[ \u00a0]+(?:{nouns}){_RIGHT}", re.IGNORECASE),
    )


def area_of_phrases(lexicon: dict) -> list[str]:
    return [phrase for phrases in lexicon["areas"].values() for phrase in phrases]


def _fold(phrase: str) -> str:
    """Lexicon key of a phrase as written: casefolded, hyphens and whitespace runs as one space."""
    return " ".join(re.split(r"[\s\u00a0\-\u2010\u2011]+", phrase.casefold())).strip()


def area_slug(phrase: str) -> str | None:
    """The taxonomy slug of an area phrase (``penanggulangan bencana alam`` → ``disaster_management``)."""
    return priority_patterns().area_of.get(_fold(phrase))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_list_gap(gap: str, joiners: frozenset[str]) -> bool:
    words = _words(gap)
    return len(words) <= 4 and all(w.casefold() in joiners for w in words)


def _framed_areas(text: str, start: int, end: int, origin: int, patterns: PriorityPatterns, max_gap: int) -> Iterator[tuple[int, int]]:
    """Area phrases in ``text[start:end]`` framed by a cue ending at ``origin``: the first within
    ``max_gap`` words of it, the rest chained to the previous one as a list."""
    previous_end = None
    for match in patterns.area.finditer(text, origin, end):
        before = _words(text[max(0, match.start() - 40) : match.start()])[-1:]
        if before and before[0].casefold() in patterns.area_blockers:
            continue
        if previous_end is None:
            gap = text[origin : match.start()]
            if len(_words(gap)) > max_gap or _HARD_BREAK.search(gap):
                return
        elif not _is_list_gap(text[previous_end : match.start()], patterns.joiners):
            return
        yield match.start(), match.end()
        previous_end = match.end()


def _sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    ranges = []
    for sent in doc.sents:
        if sent.text.strip():
            ranges.append((sent.start_char, sent.end_char))
    return ranges


def extract_priority_areas(doc: Doc, context: ExtractionContext) -> Iterable[PriorityArea]:
    text = doc.text
    patterns = priority_patterns()
    found: dict[str, dict[tuple[int, int], None]] = {}

    def add(span: tuple[int, int]) -> None:
        start, end = span
        if context.in_boilerplate(start, end):
            return
        slug = area_slug(text[start:end])
        if slug is not None:
            found.setdefault(slug, {})[span] = None

    sentences = _sentence_ranges(doc)
    for index, (start, end) in enumerate(sentences):
        for cue in patterns.cue.finditer(text, start, end):
            following = _words(text[cue.end() : end])[:1]
            if following and following[0].casefold() in patterns.blockers:
                continue
            areas = list(_framed_areas(text, start, end, cue.end(), patterns, patterns.max_gap_words))
            for span in areas:
                add(span)
            if not areas and patterns.announcement.search(text, start, cue.end() + 1) and index + 1 < len(sentences):
                next_start, next_end = sentences[index + 1]
                for span in _framed_areas(text, next_start, next_end, next_start, patterns, 2 * patterns.max_gap_words):
                    add(span)

    for slug in PriorityAreaSlug:
        spans = found.get(slug.value)
        if not spans:
            continue
        mentions = [Span(start=s, end=e, text=text[s:e]) for s, e in sorted(spans)]
        yield PriorityArea(area=slug, mentions=mentions, rule="framed_area")


class PriorityAreasStage(RecordStage):
    name = "priority_areas"
    requires = frozenset({"boilerplate"})
    provides = frozenset({"priority_areas"})

    def extract(self, doc: Doc, context: ExtractionContext) -> Iterable[PriorityArea]:
        return extract_priority_areas(doc, context)
