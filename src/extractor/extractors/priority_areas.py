"""Priority areas: the areas of cooperation an article puts forward (spec § priority_areas).

An area phrase from the lexicon of ``resources/priority_areas.json`` counts only inside a
priority, focus or agreement framing. The framings, each a section of the lexicon file:

* **forward cues** (``cues``): a priority, focus, agreement, signature word of the same sentence,
  followed by the area within ``max_gap_words`` words (``tiga area prioritas kerja sama yaitu
  kontra terorisme``, ``sepakat terus meningkatkan kerja sama dalam sektor kelapa sawit``), or
  within ``extended_gap_words`` when a ``field_markers`` phrase introduces the area (``sepakat
  akan tingkatkan kerja sama ini lebih baik lagi terutama dalam hal pembangunan ekonomi``);
* **commitment cues** (``commitment_cues``): a plan or commitment that governs a cooperation verb
  and its cooperation object (``berencana memperkuat kerja sama ekonomi``, ``berkomitmen membantu
  dan memperkuat kerja sama ..., terutama dalam bidang infrastruktur``), read as a forward cue
  ending at the verb;
* **outcome cues** (``outcome_cues``): what a meeting produced (``Pertemuan itu menghasilkan
  beberapa poin di antaranya ... berbagi data terkait pergerakan FTF``) frames the rest of the
  sentence, whatever the distance;
* **post cues** (``post_cues``): a list of areas followed, through linking words only, by a focus
  word (``energi dan pertanian, yang merupakan konsen Presiden``, ``Isu reformasi di tubuh PBB
  menjadi salah satu agenda yang menjadi fokus Indonesia``);
* **announced lists** (``announcement``): a cue sentence that announces a counted list without
  naming it (``terdapat tiga bidang kerja sama yang diutamakan.``): the list then runs on at the
  start of the next sentence.

Priority areas are areas of cooperation: an article with no word of foreign relations
(``cooperation_context``: ``bilateral``, ``kedua negara``, ``Menlu``, ``ASEAN``, ...) puts none
forward, whatever its focus words (a ministry's budget ``difokuskan untuk ... infrastruktur``).

Every further area chained to a framed one as a list (``kontra terorisme, keamanan siber dan
penanganan bencana``) counts too. A cue followed by a demonstrative (``usulan prioritas kerja sama
tersebut``) refers back to areas already named and frames nothing new, unless the demonstrative
goes on to state the scope (``MoU tersebut mencakup kerja sama energi``, ``anaphor_scope``). A discussion, a need or a
contrast between a cue and an area (``sepakat untuk membahas``, ``perlunya``, ``namun``) ends the
cue's reach: topics merely discussed (``membahas ... ekonomi``, ``perlunya peningkatan kerja sama
ekonomi``) are not areas. An area word inside an office or body name (``Menteri Perdagangan``,
``Menko bidang Perekonomian``) or inside a ``non_areas`` phrase (``krisis kemanusiaan``) is no area.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc

from ..pipeline import ExtractionContext, RecordStage
from ..records import PriorityArea, PriorityAreaSlug, Span

_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*|[^\w\s]", re.UNICODE)
_WORD_RE = r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*"
_SPACE = r"[ \u00a0]+"
# A relative clause (``berkomitmen yang akan membangun``) leaves the commitment's scope.
_NOT_THAT = r"(?!yang\b)"
# Phrase boundaries: no letter or digit glued on, and no hyphen that would make the phrase
# part of a compound (``anti-terorisme`` is fine, ``terorisme-nya`` is not a match).
_LEFT = r"(?<![\w])"
_RIGHT = r"(?![\w])"
# A clause break that ends a cue's reach: the areas after it belong to another statement.
_HARD_BREAK = re.compile(r"[;:!?]|\.(?:\s|$)")
# Words that, right before an area, may separate it from the office naming it
# (``Menteri Koordinator bidang Perekonomian``).
_OFFICE_LINKS = frozenset({"bidang", "urusan"})
_UNBOUNDED = 10**6
# Words a cue's phrase may run on before a colon that opens its list.
_COLON_HEAD_WORDS = 4


@lru_cache(maxsize=1)
def priority_lexicon() -> dict:
    with resources.files("extractor.resources").joinpath("priority_areas.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", _SPACE).replace(r"\-", r"[-\u2010\u2011 ]?") for p in ordered)


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern:
    return re.compile(_LEFT + "(?:" + _alternation(phrases) + ")" + _RIGHT, re.IGNORECASE)


def _folded_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


@dataclass(frozen=True)
class PriorityPatterns:
    area: re.Pattern
    area_of: dict[str, str]
    non_areas: frozenset[str]
    cue: re.Pattern
    commitment: re.Pattern
    outcome: re.Pattern
    outcome_subject: re.Pattern
    post_cue: re.Pattern
    post_linkers: frozenset[str]
    post_max_gap_words: int
    blockers: frozenset[str]
    scope_words: frozenset[str]
    scope_fillers: frozenset[str]
    gap_blockers: frozenset[str]
    area_blockers: frozenset[str]
    joiners: frozenset[str]
    max_gap_words: int
    extended_gap_words: int
    field_marker: re.Pattern
    announcement: re.Pattern
    cooperation_context: re.Pattern


@lru_cache(maxsize=1)
def priority_patterns() -> PriorityPatterns:
    lexicon = priority_lexicon()
    area_of: dict[str, str] = {}
    for slug, phrases in lexicon["areas"].items():
        PriorityAreaSlug(slug)  # fail loudly on a slug the spec's taxonomy does not know
        for phrase in phrases:
            area_of[_fold(phrase)] = slug
    non_areas = frozenset(_fold(p) for p in lexicon.get("non_areas", []))
    commitment = lexicon["commitment_cues"]
    heads = _alternation(commitment["heads"])
    verbs = _alternation(commitment["verbs"])
    between = int(commitment["max_words_between"])
    objects = _alternation(commitment["objects"])
    to_object = int(commitment["max_words_to_object"])
    outcome = lexicon["outcome_cues"]
    announcement = lexicon["announcement"]
    counts = "|".join(announcement["count_words"])
    nouns = "|".join(re.escape(n) for n in announcement["area_nouns"])
    markers = _alternation(lexicon["field_markers"])
    return PriorityPatterns(
        area=_phrase_regex(area_of_phrases(lexicon) + list(lexicon.get("non_areas", []))),
        area_of=area_of,
        non_areas=non_areas,
        cue=_phrase_regex(lexicon["cues"]),
        commitment=re.compile(
            rf"{_LEFT}(?:{heads})(?:{_SPACE}{_NOT_THAT}{_WORD_RE}){{0,{between}}}?{_SPACE}(?:{verbs})"
            rf"(?=(?:{_SPACE}{_WORD_RE}){{0,{to_object}}}?{_SPACE}(?:{objects}){_RIGHT})",
            re.IGNORECASE,
        ),
        outcome=_phrase_regex(outcome["cues"]),
        outcome_subject=_phrase_regex(outcome["subjects"]),
        post_cue=_phrase_regex(lexicon["post_cues"]),
        post_linkers=_folded_set(lexicon["post_linkers"]),
        post_max_gap_words=int(lexicon["post_max_gap_words"]),
        blockers=_folded_set(lexicon["cue_blockers"]),
        scope_words=_folded_set(lexicon["anaphor_scope"]["words"]),
        scope_fillers=_folded_set(lexicon["anaphor_scope"]["fillers"]),
        gap_blockers=_folded_set(lexicon["gap_blockers"]),
        area_blockers=_folded_set(lexicon["area_blockers"]),
        joiners=frozenset(w.casefold() for phrase in lexicon["list_joiners"] for w in _WORD.findall(phrase)),
        max_gap_words=int(lexicon["max_gap_words"]),
        extended_gap_words=int(lexicon["extended_gap_words"]),
        field_marker=re.compile(rf"{_LEFT}(?:{markers})\W*$", re.IGNORECASE),
        announcement=re.compile(rf"{_LEFT}(?:{counts})[ \u00a0]+(?:{nouns}){_RIGHT}", re.IGNORECASE),
        cooperation_context=_phrase_regex(lexicon["cooperation_context"]),
    )


def area_of_phrases(lexicon: dict) -> list[str]:
    return [phrase for phrases in lexicon["areas"].values() for phrase in phrases]


def _fold(phrase: str) -> str:
    """Lexicon key of a phrase as written: casefolded, hyphens and whitespace runs as one space."""
    return " ".join(re.split(r"[\s\u00a0\-\u2010\u2011]+", phrase.casefold())).strip()


def area_slug(phrase: str) -> Optional[str]:
    """The taxonomy slug of an area phrase (``penanggulangan bencana alam`` → ``disaster_management``)."""
    return priority_patterns().area_of.get(_fold(phrase))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_list_gap(gap: str, joiners: frozenset[str]) -> bool:
    words = _words(gap)
    return len(words) <= 4 and all(w.casefold() in joiners for w in words)


def _is_area(text: str, match: re.Match, patterns: PriorityPatterns) -> bool:
    """A lexicon match that names an area: no ``non_areas`` phrase, no office or body name."""
    if _fold(match.group()) in patterns.non_areas:
        return False
    before = [w.casefold() for w in _words(text[max(0, match.start() - 60) : match.start()])[-2:]]
    if not before:
        return True
    if before[-1] in patterns.area_blockers:
        return False
    return not (before[-1] in _OFFICE_LINKS and len(before) == 2 and before[0] in patterns.area_blockers)


def _broken(gap: str) -> bool:
    """Whether ``gap`` holds a clause break. A colon right after the cue's phrase introduces its
    list (``tiga area prioritas jangka panjang: meningkatkan pertumbuhan ekonomi``) and is no break."""
    head, colon, rest = gap.partition(":")
    if colon and len(_words(head)) <= _COLON_HEAD_WORDS:
        return bool(_HARD_BREAK.search(head) or _HARD_BREAK.search(rest))
    return bool(_HARD_BREAK.search(gap))


def _reaches(gap: str, max_gap: int, patterns: PriorityPatterns) -> bool:
    """Whether a cue reaches across ``gap`` to the area after it."""
    if _broken(gap):
        return False
    words = [w.casefold() for w in _words(gap)]
    if any(w in patterns.gap_blockers for w in words):
        return False
    if len(words) <= max_gap:
        return True
    return len(words) <= max(max_gap, patterns.extended_gap_words) and bool(patterns.field_marker.search(gap))


def _framed_areas(text: str, end: int, origin: int, patterns: PriorityPatterns, max_gap: int) -> Iterator[tuple[int, int]]:
    """Area phrases in ``text[origin:end]`` framed by a cue ending at ``origin``: the first one the
    cue reaches, the rest chained to the previous one as a list."""
    previous_end = None
    for match in patterns.area.finditer(text, origin, end):
        if not _is_area(text, match, patterns):
            continue
        if previous_end is None:
            gap = text[origin : match.start()]
            if not _reaches(gap, max_gap, patterns):
                if _broken(gap) or len(_words(gap)) > max(max_gap, patterns.extended_gap_words):
                    return
                if any(w.casefold() in patterns.gap_blockers for w in _words(gap)):
                    return
                continue
        elif not _is_list_gap(text[previous_end : match.start()], patterns.joiners):
            return
        yield match.start(), match.end()
        previous_end = match.end()


def _areas_before(text: str, start: int, cue_start: int, patterns: PriorityPatterns) -> list[tuple[int, int]]:
    """Areas framed by a post cue at ``cue_start``: the last area before it, joined to it by
    linking words only, and the list that ends with that area."""
    matches = [m for m in patterns.area.finditer(text, start, cue_start) if _is_area(text, m, patterns)]
    if not matches:
        return []
    last = matches[-1]
    gap = text[last.end() : cue_start]
    words = [w.casefold() for w in _words(gap)]
    if _HARD_BREAK.search(gap) or len(words) > patterns.post_max_gap_words:
        return []
    if not all(w in patterns.post_linkers for w in words):
        return []
    framed = [(last.start(), last.end())]
    for match in reversed(matches[:-1]):
        if not _is_list_gap(text[match.end() : framed[-1][0]], patterns.joiners):
            break
        framed.append((match.start(), match.end()))
    return framed


def _anaphoric(after: str, patterns: PriorityPatterns) -> bool:
    """A cue followed by a demonstrative refers back (``usulan prioritas kerja sama tersebut``)
    unless the demonstrative goes on to state the scope (``MoU tersebut mencakup ...``)."""
    following = [w.casefold() for w in _words(after)[:3]]
    if not following or following[0] not in patterns.blockers:
        return False
    rest = [w for w in following[1:] if w not in patterns.scope_fillers]
    return not (rest and rest[0] in patterns.scope_words)


def _sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    ranges = []
    for sent in doc.sents:
        if sent.text.strip():
            ranges.append((sent.start_char, sent.end_char))
    return ranges


def _framed_in_sentence(text: str, sentences: list[tuple[int, int]], index: int, patterns: PriorityPatterns) -> Iterator[tuple[int, int]]:
    start, end = sentences[index]
    origins: list[tuple[int, int, int]] = []  # (cue start, cue end, reach in words)
    for cue in patterns.cue.finditer(text, start, end):
        origins.append((cue.start(), cue.end(), patterns.max_gap_words))
    for cue in patterns.commitment.finditer(text, start, end):
        origins.append((cue.start(), cue.end(), patterns.max_gap_words))
    for cue in patterns.outcome.finditer(text, start, end):
        if patterns.outcome_subject.search(text, start, cue.start()):
            origins.append((cue.start(), cue.end(), _UNBOUNDED))
    for cue_start, cue_end, reach in origins:
        if _anaphoric(text[cue_end:end], patterns):
            continue
        areas = list(_framed_areas(text, end, cue_end, patterns, reach))
        yield from areas
        if not areas and patterns.announcement.search(text, start, cue_end + 1) and index + 1 < len(sentences):
            next_start, next_end = sentences[index + 1]
            yield from _framed_areas(text, next_end, next_start, patterns, 2 * patterns.max_gap_words)
    for cue in patterns.post_cue.finditer(text, start, end):
        yield from _areas_before(text, start, cue.start(), patterns)


def extract_priority_areas(doc: Doc, context: ExtractionContext) -> Iterable[PriorityArea]:
    text = doc.text
    patterns = priority_patterns()
    if not patterns.cooperation_context.search(text):
        return
    found: dict[str, dict[tuple[int, int], None]] = {}
    sentences = _sentence_ranges(doc)
    for index in range(len(sentences)):
        for start, end in _framed_in_sentence(text, sentences, index, patterns):
            if context.in_boilerplate(start, end):
                continue
            slug = area_slug(text[start:end])
            if slug is not None:
                found.setdefault(slug, {})[(start, end)] = None

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
