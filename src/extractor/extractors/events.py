"""Diplomatic events: meetings, summits, conferences, visits, signings, dialogues (spec § events).

A spaCy ``Matcher`` finds the triggers listed in ``resources/events.json`` on whole tokens; the
rest is read from the characters around each trigger, so that mentions are exact whatever the
tokenizer did with ``ke-16``, ``ASEAN-Russia`` or ``Officials'``:

* an Indonesian head opens a name that runs right over capitalised words, ordinals, bracketed
  acronyms and party joiners (``Konferensi Tingkat Tinggi (KTT) ke-4 ASEAN-Rusia``,
  ``Pertemuan Tahunan ASEAN dengan Russia``, ``Pertemuan ke-16 ASEAN-Russia Senior Officials's
  Meeting``); an English head closes one that runs left (``16th ASEAN-Russia Senios Officials'
  Meeting``) and right over ``on``/``of`` phrases (``ARF Inter-Sessional Meeting on Counter
  Terrorism and Trans National Crime (CTTC)``);
* a head with a demonstrative (``pertemuan tersebut``, ``Pertemuan ASEAN-Rusia tersebut``,
  ``Forum diskusi tersebut``) or standing bare (``Pertemuan juga membahas``) is a reference to an
  earlier event; a bare head followed by a description (``pertemuan tingkat pejabat tinggi``,
  ``pertemuan pertama bagi Indonesia``) is no mention at all, nor is a head after a plural cue
  (``beberapa pertemuan PMC lainnya``);
* a lowercase head is an unnamed event when it is specific: ``pertemuan bilateral``, ``pertemuan
  dengan`` an official or a country, ``kunjungan kerja ke Yordania``;
* where no noun names the event, a verb reports it (``bertemu``, ``menemui``, ``berkunjung ke``,
  ``menerima kunjungan``), provided an official or a country takes part and it is not negated.

Further triggers: possessed heads (``kunjungannya ke Myanmar``, bare ``pertemuannya`` refers back),
standalone nouns (``Tete-a-Tete``), ``Forum ...`` only with a holding cue (``juga digelar Forum
Intelijen ...``), a signing noun with its document (``penandatanganan nota kesepahaman ...``), a
modified head tied by a link cue to a named event (``pertemuan tingkat tinggi ... pada Sidang ...``),
acronyms defined in an event name (``(SMU)``), and verbs with flags (``melawat ke``/``berangkat ke`` a
state, ``menerima`` an official, ``menyerahkan surat kepercayaan``, ``dokumen ... diteken``). A bare
head after a purpose cue (``untuk pertemuan``) or with only a place (``pertemuan di Nay Pyi Taw``)
opens a new event when nothing earlier fits; ``kedua belah pihak`` takes the parties of the latest
event between two; a meeting within a visit takes its venue, date and parties.

Within a sentence, a place phrase (``di Legian, Badung, Bali``) and a date record belong to the
nearest event mention before them (a date before any mention goes to the first one after it);
a mention linked to another by ``di sela``/``disela rangkaian``/``di`` takes that event's place
and date when it has none of its own. Chairs come from the officials named after ``dipimpin
(bersama) oleh`` or before ``memimpin``/``selaku ketua``. Status is ``planned`` with a planning
cue in the mention's clause (``akan``, ``dijadwalkan``, ``rencana``, ``yang diusulkan``, ``...
nanti``) or a start after the publication date, else ``held``.

Mentions of one event merge into one record: same type, ordinal and parties; the same
normalised name; a shorter name with the same parties contained in an earlier one; references
join the most recent compatible event, preferring one reported as held (``Rusia dalam pertemuan
tersebut`` is the annual meeting, not the planned ARF meeting named just before).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..normalize.countries import party_code, party_spans
from ..normalize.numbers import parse_ordinal
from ..pipeline import ExtractionContext, RecordStage
from ..records import DateRecord, Event, EventStatus, EventType, Official, Span

NAMED, REFERENCE, UNNAMED, VERB = "named", "reference", "unnamed", "verb"

_WS = r"[ \u00a0]+"
_HYPHENS = "\\-\u2010\u2011\u2013"
_CAPWORD = re.compile(
    rf"(?:[A-Z][^\W_]*|\d+[A-Za-z][^\W_]*)(?:[{_HYPHENS}][^\W_]+)*(?:['\u2019]s|['\u2019])?(?![\w{_HYPHENS}])"
)
_ORDINAL = re.compile(
    rf"(?:[Kk]e[{_HYPHENS}][ ]?(?:\d+|[a-z]+)|[Kk]e[ ]?\d+|\d+(?:st|nd|rd|th))(?![\w{_HYPHENS}])"
)
_PAREN = re.compile(r"\([A-Z0-9][^()\n]{0,80}\)")
_NUMBER_BEFORE_CAPWORD = re.compile(r"\d+(?=[ \u00a0]+[A-Z])")
_LOWER_WORD = re.compile(rf"[a-z][a-z]*(?:[{_HYPHENS}][a-z]+)*(?![\w])")
_ANY_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*|[^\w\s]")
_PUNCT_BREAK = re.compile(r"[.;:!?\"\u201c\u201d]|,")
_FOLD_PUNCT = re.compile(r"[^\w]+")


# --------------------------------------------------------------------------- resources


@lru_cache(maxsize=1)
def event_lexicon() -> dict:
    with resources.files("extractor.resources").joinpath("events.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _words_set(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in event_lexicon()[key])


def _phrase_regex(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", _WS) for p in ordered) + ")"


@dataclass(frozen=True)
class EventPatterns:
    modifiers: re.Pattern
    specific_modifiers: frozenset[str]
    demonstratives: frozenset[str]
    reference_followers: frozenset[str]
    plural_cues: frozenset[str]
    plural_after: frozenset[str]
    negations: frozenset[str]
    planned_before: frozenset[str]
    planned_after: re.Pattern
    planned_clause_end: re.Pattern
    chair_after: re.Pattern
    chair_before: re.Pattern
    clause_breakers: frozenset[str]
    link_cue: re.Pattern
    location_stop: frozenset[str]
    location_gap: frozenset[str]
    calendar: frozenset[str]
    place_followers: frozenset[str]
    left_stop: frozenset[str]
    period_cues: frozenset[str]
    reporting: frozenset[str]
    documents: re.Pattern
    function_words: frozenset[str]
    title_words: frozenset[str]
    party_connectors: frozenset[str]
    name_connectors: frozenset[str]
    english_suffix: frozenset[str]
    head_words: frozenset[str]
    diplomatic_name: re.Pattern
    context_blocker: re.Pattern
    non_event_name: re.Pattern
    predicate_cues: frozenset[str]
    held_cues: frozenset[str]
    establish_cues: frozenset[str]
    opening_cues: frozenset[str]
    background_cues: re.Pattern
    both_sides: re.Pattern
    purpose_cues: frozenset[str]


@lru_cache(maxsize=1)
def event_patterns() -> EventPatterns:
    lex = event_lexicon()
    head_words = {k.split()[0] for k in lex["heads"]} | {k.split()[-1].casefold() for k in lex["english_heads"]}
    return EventPatterns(
        modifiers=re.compile(
            _WS + "(?:" + "|".join([_phrase_regex(lex["modifiers"])] + lex.get("modifier_patterns", [])) + r")(?![\w])"
        ),
        specific_modifiers=_words_set("specific_modifiers"),
        demonstratives=_words_set("demonstratives"),
        reference_followers=_words_set("reference_followers"),
        plural_cues=_words_set("plural_cues"),
        plural_after=_words_set("plural_after"),
        negations=_words_set("negation_cues"),
        planned_before=_words_set("planned_before"),
        planned_after=re.compile(
            r"[ \u00a0]*(?:yang[ \u00a0]+)?" + _phrase_regex(lex["planned_after"]) + r"(?![\w])", re.IGNORECASE
        ),
        planned_clause_end=re.compile(r"(?<![\w])" + _phrase_regex(lex["planned_clause_end"]) + r"(?![\w])", re.IGNORECASE),
        chair_after=re.compile(
            r"[ \u00a0]*(?:yang[ \u00a0]+)?(?:juga[ \u00a0]+)?" + _phrase_regex(lex["chair_after"]) + r"(?![\w])",
            re.IGNORECASE,
        ),
        chair_before=re.compile(
            r"(?<![\w])" + _phrase_regex(lex["chair_before"]) + r"(?:[ \u00a0]+[a-z]+)?[ \u00a0]*$", re.IGNORECASE
        ),
        clause_breakers=_words_set("clause_breakers"),
        link_cue=re.compile(
            r"(?<![\w])" + _phrase_regex(lex["link_cues"]) + r"(?:[ \u00a0]+(?:acara|rangkaian|pelaksanaan|penyelenggaraan))?[ \u00a0]*$",
            re.IGNORECASE,
        ),
        location_stop=_words_set("location_stop_words") | _words_set("calendar_words"),
        calendar=_words_set("calendar_words"),
        location_gap=_words_set("location_gap_words"),
        place_followers=_words_set("place_followers"),
        left_stop=_words_set("left_stop_words") | _words_set("title_words"),
        period_cues=_words_set("period_cues"),
        reporting=_words_set("reporting_verbs"),
        documents=re.compile(r"(?<![\w])" + _phrase_regex(lex["document_cues"]) + r"(?![\w])", re.IGNORECASE),
        function_words=_words_set("function_words"),
        title_words=_words_set("title_words"),
        party_connectors=_words_set("party_connectors"),
        name_connectors=_words_set("name_connectors"),
        english_suffix=frozenset(lex["english_suffix_words"]),
        head_words=frozenset(head_words),
        diplomatic_name=re.compile(r"(?<![\w])" + _phrase_regex(lex["diplomatic_name_words"]) + r"(?![\w])", re.IGNORECASE),
        non_event_name=re.compile(r"(?<![\w])" + _phrase_regex(lex["non_event_name_words"]) + r"(?![\w])", re.IGNORECASE),
        context_blocker=re.compile(r"(?<![\w])" + _phrase_regex(lex["context_blockers"]) + r"(?![\w])", re.IGNORECASE),
        predicate_cues=_words_set("predicate_cues"),
        held_cues=_words_set("held_cues"),
        establish_cues=_words_set("establish_cues"),
        opening_cues=_words_set("opening_cues"),
        background_cues=re.compile(r"(?<![\w])" + _phrase_regex(lex["background_cues"]) + r"(?![\w])", re.IGNORECASE),
        both_sides=re.compile(r"(?<![\w])" + _phrase_regex(lex["both_sides_cues"]) + r"(?![\w])", re.IGNORECASE),
        purpose_cues=_words_set("purpose_cues"),
    )


_matchers: dict[int, Matcher] = {}


def event_matcher(vocab: Vocab) -> Matcher:
    """The trigger matcher, built once per vocab: labels are ``kind|key``."""
    matcher = _matchers.get(id(vocab))
    if matcher is not None:
        return matcher
    lex = event_lexicon()
    matcher = Matcher(vocab)
    suffix = lex.get("possessive_suffix")
    for key in lex["heads"]:
        patterns = [[{"LOWER": w} for w in key.split()]]
        if suffix and " " not in key:
            patterns.append([{"LOWER": key + suffix}])  # "kunjungannya", "pertemuannya"
        matcher.add(f"head|{key}", patterns)
    for key, info in lex.get("standalone", {}).items():
        alternatives = []
        for pattern in info["patterns"]:
            tokens = []
            for regex, *flags in pattern:
                token = {"LOWER": {"REGEX": regex}}
                if flags:
                    token["OP"] = flags[0]
                tokens.append(token)
            alternatives.append(tokens)
        matcher.add(f"standalone|{key}", alternatives, greedy="LONGEST")
    for key in lex["english_heads"]:
        matcher.add(f"english|{key}", [[{"ORTH": w} for w in key.split()]])
    for key in lex["acronyms"]:
        matcher.add(f"acronym|{key}", [[{"ORTH": key}]])
    for key in lex["verbs"]:
        matcher.add(f"verb|{key}", [[{"LOWER": w} for w in key.split()]])
    _matchers[id(vocab)] = matcher
    return matcher


# --------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    start: int
    end: int
    type: EventType
    kind: str
    refers_to: frozenset[str]
    sentence: tuple[int, int]
    text: str
    parties: list[str] = field(default_factory=list)
    ordinal: Optional[int] = None
    planned: bool = False
    location: Optional[str] = None
    date: Optional[DateRecord] = None
    chairs: list[str] = field(default_factory=list)
    link: Optional["Mention"] = None
    # A head with modifiers only: an event when a link cue ties it to a named event (checked later).
    needs_link: bool = False
    # A bare head after a purpose cue ("untuk pertemuan"): a new event, never a reference.
    introduced: bool = False
    # A bare head followed by "di <Place>": the place phrase, the mention's only naming complement
    # when no earlier event fits ("pertemuan di Nay Pyi Taw").
    place_span: Optional[tuple[int, int]] = None
    place_text: Optional[str] = None
    extended_text: Optional[str] = None
    # A session of a standing body ("Sidang Majelis Umum PBB"): dates need an opening cue.
    session: bool = False
    # A part of a session ("Debat Umum ... pada SMU PBB"): takes the session's parties.
    session_part: bool = False
    # The act is a meeting between parties whoever is named ("menyerahkan surat kepercayaan").
    intrinsic: bool = False
    # The nearest visit mention before, when this mention falls within a visit.
    during_visit: Optional["Mention"] = None


def _word_before(text: str, position: int, lower_bound: int) -> str:
    words = _ANY_WORD.findall(text[max(lower_bound, position - 40) : position])
    return words[-1].casefold() if words else ""


def _words_between(text: str, start: int, end: int) -> list[str]:
    return [w.casefold() for w in _ANY_WORD.findall(text[start:end])]


def _skip_ws(text: str, position: int) -> int:
    match = re.compile(_WS).match(text, position)
    return match.end() if match else position


def _is_capword_stop(word: str, patterns: EventPatterns) -> bool:
    """Capitalised words that end a name: weekdays, months, sentence-initial function words."""
    folded = word.casefold().rstrip("'\u2019")
    return folded in patterns.calendar or folded in patterns.function_words


def _is_place_stop(word: str, patterns: EventPatterns) -> bool:
    folded = word.casefold().rstrip("'\u2019")
    return folded in patterns.location_stop or folded in patterns.function_words


def _party_of_word(word: str) -> Optional[str]:
    for part in re.split(rf"[{_HYPHENS}]", word):
        code = party_code(part.rstrip("'\u2019"))
        if code:
            return code
    return None


def _extend_right(text: str, position: int, limit: int, patterns: EventPatterns, english: bool) -> tuple[int, int]:
    """Read name items right of ``position``; return ``(end, items)``. In English mode capitalised
    words only follow a connector (``Meeting on Counter Terrorism``)."""
    end, items = position, 0
    caps_open = not english
    while True:
        cursor = _skip_ws(text, end)
        if cursor == end or cursor >= limit:
            return end, items
        ordinal = _ORDINAL.match(text, cursor)
        if ordinal and ordinal.end() <= limit and parse_ordinal(ordinal.group(0)) is not None and not english:
            end, items = ordinal.end(), items + 1
            continue
        paren = _PAREN.match(text, cursor)
        if paren and paren.end() <= limit:
            end, items = paren.end(), items + 1
            continue
        word = _CAPWORD.match(text, cursor)
        if word and word.end() <= limit and not _is_capword_stop(word.group(0), patterns):
            if caps_open or word.group(0) in patterns.english_suffix:
                end, items = word.end(), items + 1
                continue
            return end, items
        number = _NUMBER_BEFORE_CAPWORD.match(text, cursor)
        if number and caps_open:
            end = number.end()
            continue
        connector = _LOWER_WORD.match(text, cursor) or re.compile(r"&").match(text, cursor)
        if connector:
            after = _skip_ws(text, connector.end())
            following = _CAPWORD.match(text, after)
            if following and after > connector.end() and following.end() <= limit:
                follower = following.group(0)
                joiner = connector.group(0).casefold()
                if follower.casefold() in patterns.head_words or _is_capword_stop(follower, patterns):
                    return end, items
                if joiner in patterns.name_connectors and (caps_open or english):
                    end = connector.end()
                    caps_open = True
                    continue
                if joiner in patterns.party_connectors and _party_of_word(follower) and items:
                    end = connector.end()
                    continue
        return end, items


def _extend_left(text: str, position: int, lower_bound: int, patterns: EventPatterns) -> tuple[int, int]:
    """Read English name items left of ``position`` (``16th ASEAN-Russia Senior Officials'``)."""
    tokens = list(re.finditer(r"\([^()\n]{1,80}\)|[^\s()]+", text[lower_bound:position]))
    start, items = position, 0
    pending_connector: Optional[int] = None
    for token in reversed(tokens):
        t_start, t_end = lower_bound + token.start(), lower_bound + token.end()
        gap = text[t_end:start] if pending_connector is None else text[t_end:pending_connector]
        if not re.fullmatch(_WS, gap or "x"):
            break
        word = token.group(0)
        if _CAPWORD.fullmatch(word) and len(word) > 1 and not _is_capword_stop(word, patterns) and word.casefold() not in patterns.left_stop or re.fullmatch(r"\d+(?:st|nd|rd|th)", word) or _PAREN.fullmatch(word):
            start, items, pending_connector = t_start, items + 1, None
            continue
        if word.casefold() in patterns.name_connectors and pending_connector is None and items:
            pending_connector = t_start
            continue
        break
    return start, items


def _officials_index(officials: list[Official]) -> list[tuple[int, int, Official]]:
    return sorted((m.start, m.end, o) for o in officials for m in o.mentions)


def _clause_clean(words: list[str], patterns: EventPatterns) -> bool:
    return not any(w in patterns.clause_breakers or w in {".", ";", "!", "?", ":"} for w in words)


def _specific_object(text: str, position: int, limit: int, officials, patterns: EventPatterns) -> bool:
    """Whether ``dengan``/``antara`` at ``position`` introduces an official or a country."""
    match = re.compile(r"(?:dengan|antara)" + _WS, re.IGNORECASE).match(text, _skip_ws(text, position))
    if not match:
        return False
    window_end = min(limit, match.end() + 60)
    stop = _PUNCT_BREAK.search(text, match.end(), window_end)
    window_end = stop.start() if stop else window_end
    if any(s >= match.end() and s < window_end for s, _e, _o in officials):
        return True
    return any(True for _ in party_spans(text[match.end() : window_end]))


def _clause_words_before(text: str, position: int, s_start: int, count: int) -> list[str]:
    """The last ``count`` words before ``position`` in its clause (after the last punctuation)."""
    clause_start = max([s_start] + [m.end() for m in _PUNCT_BREAK.finditer(text, max(s_start, position - 120), position)])
    return _words_between(text, clause_start, position)[-count:]


def _held_cue_near(text: str, start: int, end: int, s_start: int, s_end: int, patterns: EventPatterns) -> bool:
    """A holding or attending cue in the clause before the head, or right after its name."""
    before = _clause_words_before(text, start, s_start, 8)
    after = _words_between(text, end, min(s_end, end + 40))[:3]
    if after[:1] == ["yang"]:
        after = after[1:]
    return any(w in patterns.held_cues for w in before) or bool(after[:1] and after[0] in patterns.held_cues)


def _read_head(text, start, end, sentence, info, officials, patterns: EventPatterns) -> Optional[Mention]:
    s_start, s_end = sentence
    event_type = EventType(info["type"])
    refers_to = frozenset(info.get("refers_to", [event_type.value]))
    head = text[start:end]
    suffix = event_lexicon().get("possessive_suffix") or ""
    possessive = bool(suffix) and " " not in head and head.casefold().endswith(suffix) and head.casefold()[: -len(suffix)] in event_lexicon()["heads"]
    reduplicated = re.match(rf"[{_HYPHENS}]{re.escape(head)}", text[end:], re.IGNORECASE) or re.search(
        rf"{re.escape(head)}[{_HYPHENS}]$", text[max(0, start - len(head) - 1) : start], re.IGNORECASE
    )  # plural "KTT-KTT", "pertemuan-pertemuan"
    word_before = _word_before(text, start, s_start)
    if word_before in patterns.plural_cues or reduplicated:
        return None
    position = end
    modifiers: list[str] = []
    while True:
        modifier = patterns.modifiers.match(text, position)
        if not modifier or modifier.end() > s_end:
            break
        modifiers.append(modifier.group(0).strip().casefold())
        position = modifier.end()
    name_end, items = _extend_right(text, position, s_end, patterns, english=False)
    destination = None
    tour = False
    if event_type is EventType.visit:
        to = re.compile(r"ke" + _WS).match(text, _skip_ws(text, name_end))
        if to and name_end < _skip_ws(text, name_end):
            place_end, place_items = _extend_right(text, to.end() - 1, s_end, patterns, english=False)
            several = re.compile(event_lexicon()["tour_destination"]).match(text, to.end())
            if place_items:
                destination = text[to.end() : place_end]
                name_end, items = place_end, items + place_items
            elif several and several.end() <= s_end:
                name_end, tour = several.end(), True  # "kunjungan ke lima negara"
    following = _ANY_WORD.findall(text[name_end : min(s_end, name_end + 60)])
    following = [w.casefold() for w in following]
    if following[:1] and following[0] in patterns.plural_after:
        return None
    if tour:
        return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
    demonstrative_at = None
    if following[:1] and following[0] in patterns.demonstratives:
        demonstrative_at = 0
    elif not items and not modifiers:
        for i in (1, 2):
            if len(following) > i and following[i] in patterns.demonstratives and all(
                re.fullmatch(r"[a-z]+", w) and w not in patterns.function_words for w in following[:i]
            ):
                demonstrative_at = i
                break
    if demonstrative_at is not None:
        match = re.compile(
            r"(?:" + _WS + r"[^\W\d_]+){" + str(demonstrative_at + 1) + r"}", re.UNICODE
        ).match(text, name_end)
        mention_end = match.end() if match else name_end
        return Mention(start, mention_end, event_type, REFERENCE, refers_to, sentence, text[start:mention_end])
    held = info.get("held_cue_named") and _held_cue_near(text, start, name_end, s_start, s_end, patterns)
    if items and (not info.get("reference_only") or held):
        mention = Mention(start, name_end, event_type, NAMED, refers_to, sentence, text[start:name_end])
        mention.location = destination
        mention.session = bool(info.get("session"))
        mention.session_part = bool(info.get("session_part"))
        return mention
    if any(w in patterns.establish_cues for w in _clause_words_before(text, start, s_start, 3)):
        return None  # "membentuk forum khusus": a body to be set up
    if (
        info.get("held_cue_descriptor")
        and not items
        and not modifiers
        and following[:1]
        and re.fullmatch(r"[a-z]+", following[0])
        and following[0] not in patterns.function_words
        and following[0] not in patterns.reference_followers
        and _held_cue_near(text, start, end, s_start, s_end, patterns)
    ):
        descriptor = re.compile(_WS + r"[a-z]+(?![\w])").match(text, name_end)
        if descriptor:  # "dihadiri delegasi dari Australia untuk forum konsultasi"
            return Mention(start, descriptor.end(), event_type, UNNAMED, refers_to, sentence, text[start : descriptor.end()])
    if event_type is EventType.signing and not items:
        document = patterns.documents.match(text, _skip_ws(text, name_end))
        if document and _skip_ws(text, name_end) > name_end:
            # "penandatanganan nota kesepahaman atau MoU antar kedua belah pihak"
            object_end = _object_end(text, name_end, min(s_end, name_end + 120), s_end)
            object_end = len(text[:object_end].rstrip())
            return Mention(start, object_end, event_type, UNNAMED, refers_to, sentence, text[start:object_end])
    if info.get("named_only") or info.get("reference_only"):
        if not (possessive and not items and not modifiers):
            return None
    specific = any(m in patterns.specific_modifiers for m in modifiers) or _specific_object(
        text, name_end, s_end, officials, patterns
    )
    if modifiers:
        if specific:
            return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
        if word_before in patterns.predicate_cues:
            return None  # "merupakan pertemuan tingkat pejabat tinggi": a description
        mention = Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
        mention.needs_link = True
        return mention
    if specific:
        return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
    if possessive or not following or following[0] in patterns.reference_followers or not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", following[0]):
        if word_before in patterns.negations or word_before in patterns.predicate_cues:
            return None
        mention = Mention(start, name_end, event_type, REFERENCE, refers_to, sentence, text[start:name_end])
        # A new event needs someone taking part in its sentence: an official or a state.
        takes_part = any(s_start <= s and e <= s_end for s, e, _o in officials) or bool(party_spans(text[s_start:s_end]))
        mention.introduced = word_before in patterns.purpose_cues and not possessive and takes_part
        di = re.compile(_WS + r"di" + _WS + r"(?=[A-Z])").match(text, name_end)
        if di and not possessive and takes_part:
            place = _read_place(text, di.end(), s_end, patterns, [])
            if place:
                mention.place_span = place
                mention.place_text = text[place[0] : place[1]]
                mention.extended_text = text[start : place[1]]
        return mention
    return None


def _read_english(text, start, end, sentence, event_type, claimed, patterns: EventPatterns) -> Optional[Mention]:
    s_start, s_end = sentence
    lower_bound = max([s_start] + [e for s, e in claimed if e <= start])
    name_start, left_items = _extend_left(text, start, lower_bound, patterns)
    name_end, right_items = _extend_right(text, end, s_end, patterns, english=True)
    if not left_items and not right_items:
        return None
    glued = _CAPWORD.match(text, _skip_ws(text, name_end))
    if glued and _skip_ws(text, name_end) > name_end and not _is_capword_stop(glued.group(0), patterns):
        return None  # "Asia Summit Capital": the head is inside a company or body name
    if _word_before(text, name_start, s_start) in patterns.plural_cues:
        return None
    return Mention(
        name_start, name_end, event_type, NAMED, frozenset({event_type.value}), sentence, text[name_start:name_end]
    )


def _read_verb(text, start, end, sentence, info, officials, patterns: EventPatterns) -> Optional[Mention]:
    s_start, s_end = sentence
    event_type = EventType(info["type"])
    window = _words_between(text, max(s_start, start - 30), start)[-3:]
    if any(w in patterns.negations for w in window):
        return None
    mention_end = end
    destination = None
    if info.get("needs_next"):
        nxt = re.compile(_WS + "(" + "|".join(info["needs_next"]) + r")(?![\w])", re.IGNORECASE).match(text, end)
        if not nxt:
            return None
        mention_end = nxt.end()
        if event_type is EventType.visit:
            place_end, place_items = _extend_right(text, mention_end, s_end, patterns, english=False)
            if place_items:  # "melawat ke India", "berangkat ke Myanmar dan Bangladesh"
                destination = text[_skip_ws(text, mention_end) : place_end]
                mention_end = place_end
    object_end = min(s_end, mention_end + 120)
    if info.get("needs_document") and not patterns.documents.search(text, mention_end, object_end):
        return None
    if info.get("needs_document_before"):
        documents = list(patterns.documents.finditer(text, max(s_start, start - 120), start))
        if not documents:
            return None
        # "apakah akan ada kesepakatan yang ditandatangani": the cue may stand before the document.
        if any(w in patterns.negations for w in _words_between(text, max(s_start, documents[-1].start() - 30), start)):
            return None
    if info.get("needs_party_object"):
        target = destination if destination is not None else text[mention_end : _object_end(text, mention_end, object_end, s_end)]
        if not party_spans(target):
            return None  # "mengunjungi Istana Darul Aman": a site visit, not a visit to a state
    if info.get("needs_official_object"):
        following = [(s, o) for s, _e, o in officials if mention_end <= s <= mention_end + 60]
        if not following:
            return None
        first = min(following, key=lambda pair: pair[0])[0]
        between = _ANY_WORD.findall(text[mention_end:first])
        if not all(w[:1].isupper() or w.casefold() in patterns.title_words for w in between):
            return None  # "menerima Phu Trong", "menerima Menlu X", not "menerima bantuan dari X"
    near = [o for s, e, o in officials if s_start <= s and e <= s_end and (start - 100 <= e <= start or mention_end <= s <= mention_end + 100)]
    signs_document = info.get("needs_document") or info.get("needs_document_before")
    if not near and not signs_document and not any(w in patterns.title_words for w in _clause_words_before(text, start, s_start, 4)):
        return None  # no official takes part, nor a titled subject ("Presiden juga akan bertemu")
    mention = Mention(start, mention_end, event_type, VERB, frozenset({event_type.value}), sentence, text[start:mention_end])
    mention.location = destination
    mention.intrinsic = bool(info.get("intrinsic"))
    return mention


def _diplomatic(text: str, mention: Mention, official_spans, patterns: EventPatterns) -> bool:
    """Whether a mention can be a diplomatic event rather than a match, a trial or a company."""
    if patterns.non_event_name.search(mention.text):
        return False
    if mention.type is EventType.summit:
        return True
    s_start, s_end = mention.sentence
    if patterns.context_blocker.search(text, s_start, s_end):
        return False
    if mention.kind != NAMED:
        return True
    if any(mention.start <= s and e <= mention.end for s, e, _o in official_spans):
        return True  # "kunjungan Phu Trong"
    return bool(party_spans(re.sub(rf"[{_HYPHENS}]", " ", mention.text)) or patterns.diplomatic_name.search(mention.text))


def _between_parties(mention: Mention) -> bool:
    """An event reported only by a verb or a bare noun is diplomatic when it joins two states or
    involves a bloc (``Lavrov menemui Retno``), or when it says so (``pertemuan bilateral``)."""
    if mention.intrinsic or mention.during_visit is not None:
        return True  # credentials presented; a meeting held during a visit
    if mention.kind == UNNAMED and len(mention.text.split()) > 1:
        return True
    return len(mention.parties) >= 2 or any(not re.fullmatch(r"[A-Z]{2}", p) for p in mention.parties)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def _sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for s in sentences:
        if s[0] <= position < s[1]:
            return s
    return (0, 0)


def find_mentions(doc: Doc, context: ExtractionContext, officials: list[Official]) -> list[Mention]:
    """Every event mention in document order, each classified as named, reference, unnamed or verb."""
    text = context.text
    lex = event_lexicon()
    patterns = event_patterns()
    sentences = _sentences(doc)
    official_spans = _officials_index(officials)
    candidates = []
    for match_id, t_start, t_end in event_matcher(doc.vocab)(doc):
        kind, key = doc.vocab.strings[match_id].split("|", 1)
        span = doc[t_start:t_end]
        if context.in_boilerplate(span.start_char, span.end_char):
            continue
        candidates.append((span.start_char, span.end_char, kind, key))
    order = {"head": 0, "english": 1, "acronym": 2, "standalone": 3, "verb": 4}
    candidates.sort(key=lambda c: (order[c[2]], c[0], -(c[1] - c[0])))
    mentions: list[Mention] = []
    for start, end, kind, key in candidates:
        if any(m.start < end and start < m.end for m in mentions):
            continue
        sentence = _sentence_of(sentences, start)
        if kind == "head":
            mention = _read_head(text, start, end, sentence, lex["heads"][key], official_spans, patterns)
        elif kind == "english":
            claimed = [(m.start, m.end) for m in mentions]
            mention = _read_english(text, start, end, sentence, EventType(lex["english_heads"][key]), claimed, patterns)
        elif kind == "acronym":
            around = _words_between(text, max(sentence[0], start - 40), start)[-2:]
            after = _words_between(text, end, min(sentence[1], end + 20))[:1]
            if any(w in patterns.plural_cues for w in around) or any(w in patterns.plural_after for w in after):
                continue
            event_type = EventType(lex["acronyms"][key])
            mention = Mention(start, end, event_type, NAMED, frozenset({event_type.value}), sentence, text[start:end])
        elif kind == "standalone":
            event_type = EventType(lex["standalone"][key]["type"])
            mention = Mention(start, end, event_type, UNNAMED, frozenset({event_type.value}), sentence, text[start:end])
        else:
            mention = _read_verb(text, start, end, sentence, lex["verbs"][key], official_spans, patterns)
        if mention is None or context.in_boilerplate(mention.start, mention.end):
            continue
        if not _diplomatic(text, mention, official_spans, patterns):
            continue
        if any(m.start < mention.end and mention.start < m.end for m in mentions):
            continue
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    mentions.extend(_acronym_mentions(doc, context, mentions, sentences, patterns))
    mentions.sort(key=lambda m: m.start)
    return [m for i, m in enumerate(mentions) if not m.needs_link or _linked_to_named(text, m, mentions[i + 1 :], patterns)]


_DEFINED_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")


def _acronym_mentions(doc: Doc, context: ExtractionContext, mentions: list[Mention], sentences, patterns: EventPatterns) -> list[Mention]:
    """An acronym defined in brackets inside an event name (``Sidang Majelis Umum (SMU) PBB ke-72``,
    its capitals the initials of the words before it) names that event wherever it recurs:
    ``SMU PBB ke-72``, ``SMU PBB tahun ini``."""
    text = context.text
    defined: dict[str, Mention] = {}
    for mention in mentions:
        if mention.kind != NAMED:
            continue
        for match in _DEFINED_ACRONYM.finditer(mention.text):
            acronym = match.group(1)
            words = [w for w in re.findall(r"[^\W\d_]+", mention.text[: match.start()]) if w[:1].isupper()]
            initials = "".join(w[0] for w in words[-len(acronym) :])
            if initials == acronym and party_code(acronym) is None:
                defined.setdefault(acronym, mention)
    if not defined:
        return []
    matcher = Matcher(doc.vocab)
    for acronym in defined:
        matcher.add(acronym, [[{"ORTH": acronym}]])
    found: list[Mention] = []
    for match_id, t_start, t_end in matcher(doc):
        span = doc[t_start:t_end]
        start, end = span.start_char, span.end_char
        source = defined[doc.vocab.strings[match_id]]
        if any(m.start < end and start < m.end for m in mentions + found) or context.in_boilerplate(start, end):
            continue
        sentence = _sentence_of(sentences, start)
        if _word_before(text, start, sentence[0]) in patterns.plural_cues:
            continue
        name_end, items = _extend_right(text, end, sentence[1], patterns, english=False)
        kind = NAMED if items else REFERENCE
        mention = Mention(start, name_end, source.type, kind, source.refers_to, sentence, text[start:name_end])
        mention.session = source.session
        found.append(mention)
    return found


def _link_gap_ok(text: str, a: "Mention", b: "Mention", patterns: EventPatterns) -> bool:
    gap = text[a.end : b.start]
    return (
        len(gap) <= 80
        and bool(patterns.link_cue.search(gap))
        and not any(w in patterns.reporting for w in _words_between(text, a.end, b.start))
    )


def _linked_to_named(text: str, mention: "Mention", later: list["Mention"], patterns: EventPatterns) -> bool:
    """``pertemuan tingkat tinggi guna membahas reformasi PBB pada Sidang Majelis Umum PBB ke-72``."""
    following = next((m for m in later if m.sentence == mention.sentence), None)
    return following is not None and following.kind == NAMED and _link_gap_ok(text, mention, following, patterns)


# --------------------------------------------------------------------------- attributes


def _parties(text: str, mention: Mention, official_spans, patterns: EventPatterns, next_mention_start: int) -> list[str]:
    s_start, s_end = mention.sentence
    if mention.kind in (NAMED, REFERENCE):
        found = party_spans(re.sub(rf"[{_HYPHENS}]", " ", mention.text))
        codes = {code for _s, _e, code in found}
        # Officials named inside: "kunjungan Presiden Joko Widodo ... ke Afghanistan".
        codes |= {o.country for s, e, o in official_spans if mention.start <= s and e <= mention.end and o.country}
        if mention.type is EventType.visit and mention.kind == NAMED:
            # The visitor is the subject of the sentence: "Phu Trong menemui ... dalam lawatan resminya ke Indonesia".
            subject = next((o for s, e, o in official_spans if s_start <= s and e <= mention.start), None)
            if subject is not None and subject.country:
                codes.add(subject.country)
        return sorted(codes)
    codes = set()
    for s, e, official in official_spans:
        if not (s_start <= s and e <= s_end) or not official.country:
            continue
        if mention.start - 100 <= e <= mention.start:
            between = _words_between(text, e, mention.start)
        elif mention.end <= s <= mention.end + 100:
            between = _words_between(text, mention.end, s)
        else:
            continue
        if _clause_clean(between, patterns):
            codes.add(official.country)
    object_end = _object_end(text, mention.end, min(s_end, mention.end + 120), next_mention_start)
    codes |= {code for _s, _e, code in party_spans(text[mention.end : object_end])}
    codes |= {code for _s, _e, code in party_spans(mention.text)}  # "melawat ke India"
    if mention.kind == VERB:
        clause_start = max([s_start] + [m.end() for m in _PUNCT_BREAK.finditer(text, max(s_start, mention.start - 80), mention.start)])
        codes |= {code for _s, _e, code in party_spans(text[clause_start : mention.start])}
    return sorted(codes)


def _object_end(text: str, start: int, limit: int, next_mention_start: int) -> int:
    """End of the object after a verb or ``dengan``: before punctuation, a ``di`` place or the next event."""
    limit = min(limit, next_mention_start)
    stop = re.compile(r"[.;:!?,\"\u201c\u201d]|(?<![\w])(?:di|pada|untuk|guna)(?![\w])").search(text, start, limit)
    return stop.start() if stop else limit


def _ordinal(mention: Mention) -> Optional[int]:
    if mention.kind not in (NAMED, REFERENCE):
        return None
    for match in _ORDINAL.finditer(mention.text):
        value = parse_ordinal(match.group(0))
        if value is not None:
            return value
    return None


def _planned(text: str, mention: Mention, mentions_in_sentence: list[Mention], patterns: EventPatterns) -> bool:
    s_start, s_end = mention.sentence
    earlier = [m.end for m in mentions_in_sentence if m.end <= mention.start]
    later = [m.start for m in mentions_in_sentence if m.start >= mention.end]
    left_bound = max([s_start] + earlier)
    window = _words_between(text, left_bound, mention.start)[-event_lexicon()["planned_before_window"] :]
    if any(w in patterns.planned_before for w in window):
        return True
    if patterns.planned_after.match(text, mention.end):
        return True
    right_bound = min([s_end] + later)
    clause = text[mention.end : right_bound]
    return bool(patterns.planned_clause_end.search(clause))


_PLACE_RUN = re.compile(
    r"(?:[A-Z][^\W_]*(?:[-\u2010\u2011][^\W_]+)*|\([A-Z][^()\n]{0,40}\))"
    r"(?:[ \u00a0]+(?:[A-Z][^\W_]*(?:[-\u2010\u2011][^\W_]+)*|\([A-Z][^()\n]{0,40}\)))*"
)


def _read_place(text: str, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """A place phrase at ``position``: capitalised runs joined by commas (``Legian, Badung, Bali``),
    cut before weekdays, months, dates and other stop words."""
    end = position
    cursor = position
    while True:
        run = _PLACE_RUN.match(text, cursor)
        if not run or run.end() > limit:
            break
        words = list(re.finditer(r"\([^()]*\)|\S+", text[run.start() : run.end()]))
        run_end = cursor
        for w in words:
            w_start, w_end = run.start() + w.start(), run.start() + w.end()
            if _is_place_stop(w.group(0), patterns) or any(s < w_end and w_start < e for s, e in stops):
                break
            run_end = w_end
        if run_end == cursor:
            break
        if cursor != position and not _ends_clause(text, run_end, limit, patterns, stops):
            break
        end = run_end
        if run_end < run.end():
            break
        comma = re.compile(r",[ \u00a0]+").match(text, end)
        if not comma:
            break
        cursor = comma.end()
    if end == position:
        return None
    return position, end


def _ends_clause(text: str, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> bool:
    """Whether a place part continued after a comma closes its clause (``..., Bali.``,
    ``..., Rusia pada 19-20 Mei``) rather than a new clause starting (``..., Indonesia didaulat``)."""
    cursor = _skip_ws(text, position)
    if cursor >= limit or not text[cursor].isalnum() or any(s <= cursor < e for s, e in stops):
        return True
    word = _ANY_WORD.match(text, cursor)
    folded = word.group(0).casefold() if word else ""
    return folded in patterns.place_followers or folded in patterns.location_stop or folded[:1].isupper() or not folded.isalpha() or word.group(0)[:1].isupper()


def _assign_in_sentence(text, sentence_mentions, dates, official_spans, patterns: EventPatterns, context) -> None:
    if not sentence_mentions:
        return
    s_start, s_end = sentence_mentions[0].sentence
    mention_spans = [(m.start, m.end) for m in sentence_mentions]
    date_spans = [(d.start, d.end) for d in dates]

    def owner_before(position: int) -> Optional[Mention]:
        candidates = [m for m in sentence_mentions if m.end <= position]
        if not candidates:
            return None
        owner = candidates[-1]
        between = _words_between(text, owner.end, position)
        if any(w in patterns.reporting for w in between):
            return None
        return owner

    # Links: "A ... disela rangkaian B", "pertemuan bilateral ... di KTT G20".
    for a, b in zip(sentence_mentions, sentence_mentions[1:]):
        if _link_gap_ok(text, a, b, patterns):
            a.link = b

    # Places after "di", and ", Place, Country" right after a name.
    for match in re.finditer(r"(?<![\w])di" + _WS + r"(?=[A-Z(])", text[s_start:s_end]):
        position = s_start + match.end()
        if any(s <= position < e for s, e in mention_spans):
            continue
        place = _read_place(text, position, s_end, patterns, date_spans + mention_spans)
        owner = owner_before(s_start + match.start())
        if (
            place
            and owner
            and owner.location is None
            and position - owner.end <= event_lexicon()["location_max_distance"]
            and _location_gap_ok(text, owner.end, s_start + match.start(), patterns)
        ):
            owner.location = text[place[0] : place[1]]
    for mention in sentence_mentions:
        comma = re.compile(r",[ \u00a0]+(?=[A-Z])").match(text, mention.end)
        if mention.location is None and mention.kind == NAMED and comma:
            place = _read_place(text, comma.end(), s_end, patterns, date_spans + mention_spans)
            if place and party_spans(text[place[0] : place[1]]):
                mention.location = text[place[0] : place[1]]

    # Dates: nearest mention before; a date before every mention goes to the first one.
    for record in dates:
        if record.value is None or context.in_boilerplate(record.start, record.end):
            continue
        if any(s <= record.start < e for s, e in mention_spans):
            continue
        owner = owner_before(record.start)
        first_word = (_ANY_WORD.findall(record.text)[:1] or [""])[0].casefold()
        is_period = _word_before(text, record.start, s_start) in patterns.period_cues or first_word in patterns.period_cues
        # "ARF ISM (CTTC) periode 2019-2020": a period right after the name qualifies the event.
        if is_period and not (owner is not None and not text[owner.end : record.start].strip()):
            continue
        if owner is None and not any(m.end <= record.start for m in sentence_mentions):
            owner = sentence_mentions[0]
            if any(w in patterns.reporting for w in _words_between(text, record.end, owner.start)):
                owner = None
        if owner is not None and owner.session:
            # A session runs for weeks: the date is the event held at it, or the session's opening.
            linkers = [m for m in sentence_mentions if m.link is owner]
            if linkers:
                owner = linkers[0]
            elif not any(w in patterns.opening_cues for w in _words_between(text, owner.end, record.start)):
                continue
        if owner is None:
            continue
        if owner.date is None or _granularity_rank(record) > _granularity_rank(owner.date):
            owner.date = record

    # Chairs.
    for mention in sentence_mentions:
        after = patterns.chair_after.match(text, mention.end)
        if after:
            for s, _e, official in official_spans:
                if after.end() <= s < s_end and official.name not in mention.chairs:
                    if any(m.start > mention.end and m.start < s for m in sentence_mentions):
                        break
                    mention.chairs.append(official.name)
        before = patterns.chair_before.search(text[s_start : mention.start])
        if before:
            cue_start = s_start + before.start()
            subjects = [(s, e, o) for s, e, o in official_spans if s_start <= s and e <= cue_start]
            if subjects:
                s, e, official = subjects[-1]
                between = _words_between(text, e, cue_start)
                window = event_lexicon()["chair_subject_window"]
                if len(between) <= window and _clause_clean(between, patterns) and "," not in between:
                    if official.name not in mention.chairs:
                        mention.chairs.append(official.name)
                    # "duduk bersama memimpin jalannya pertemuan tersebut dengan ... Antonio Guterres,
                    # Presiden AS Donald Trump dan Menlu Inggris Boris Johnson": co-chairs.
                    jointly = "bersama" in _words_between(text, e, s_start + before.end())
                    partners = re.compile(r"[ \u00a0]*(?:dengan|bersama)(?![\w])", re.IGNORECASE).match(text, mention.end)
                    if jointly and partners:
                        limit = min([s_end] + [m.start for m in sentence_mentions if m.start > mention.end])
                        for s2, _e2, partner in official_spans:
                            if partners.end() <= s2 < limit and partner.name not in mention.chairs:
                                mention.chairs.append(partner.name)


def _location_gap_ok(text: str, start: int, end: int, patterns: EventPatterns) -> bool:
    for word in _ANY_WORD.findall(text[start:end]):
        if word[:1].isupper() or word in {",", "(", ")", "-"} or word.casefold() in patterns.location_gap:
            continue
        return False
    return True


def _granularity_rank(record: DateRecord) -> int:
    return {"year": 0, "month": 1, "day": 2}[record.granularity.value if hasattr(record.granularity, "value") else record.granularity]


# --------------------------------------------------------------------------- clustering


def _fold_name(name: str) -> str:
    return " ".join(_FOLD_PUNCT.sub(" ", name.casefold()).split())


def _strip_ordinals(folded: str) -> str:
    return " ".join(w for w in folded.split() if not re.fullmatch(r"ke|\d+(?:st|nd|rd|th)?|ke\d+", w))


def _similar_words(word: str, other: str) -> bool:
    """Equal up to typos (``Senios``/``Senior``) or sharing a long stem (``Direktur``/``Direktorat``)."""
    if word == other or SequenceMatcher(None, word, other).ratio() >= 0.8:
        return True
    stem = len(os.path.commonprefix([word, other]))
    return stem >= 6 and stem >= 0.6 * min(len(word), len(other))


def _similar_names(short: str, long: str) -> bool:
    """Whether the (ordinal-free) words of ``short`` all occur, up to typos, in ``long``."""
    long_words = long.split()
    for word in short.split():
        if not any(_similar_words(word, other) for other in long_words):
            return False
    return bool(short)


def _truncated_name(short: str, long: str) -> bool:
    """``pertemuan ASEAN`` for ``pertemuan ASEAN Regional Forum``: the words of ``short`` are words of
    ``long`` and every party named in ``long`` is named, at least in part, in ``short`` (so that
    ``KTT ASEAN`` is not ``KTT ASEAN-Rusia``)."""
    short_words = set(_fold_name(short).split())
    long_folded = _fold_name(long)
    if len(short_words) < 2 or not short_words <= set(long_folded.split()) or len(short) >= len(long):
        return False
    spans = party_spans(re.sub(rf"[{_HYPHENS}]", " ", long))
    if not spans:
        return False
    plain = re.sub(rf"[{_HYPHENS}]", " ", long)
    return all(set(_fold_name(plain[s:e]).split()) & short_words for s, e, _c in spans)


@dataclass
class EventCluster:
    mentions: list[Mention]

    @property
    def defining(self) -> list[Mention]:
        named = [m for m in self.mentions if m.kind == NAMED]
        return named or [m for m in self.mentions if m.kind != REFERENCE] or self.mentions

    @property
    def type(self) -> EventType:
        return self.defining[0].type

    @property
    def planned(self) -> bool:
        return self.defining[0].planned

    @property
    def parties(self) -> set[str]:
        return {p for m in self.defining for p in m.parties}

    @property
    def ordinal(self) -> Optional[int]:
        return next((m.ordinal for m in self.mentions if m.ordinal is not None), None)

    background: bool = False

    @property
    def last(self) -> int:
        return max(m.end for m in self.mentions)


def _same_event(cluster: EventCluster, mention: Mention) -> bool:
    if cluster.type is not mention.type:
        return False
    if mention.type is EventType.visit:
        # One visit per visitor and destination in a news article; a visit to a venue ("kunjungan
        # kenegaraan ke Istana Presiden Arg") is part of the visit to the country reported before.
        if mention.location and not party_spans(mention.location):
            return True
        destinations = [m.location for m in cluster.mentions if m.location]
        if mention.location and destinations and not any(_same_place(mention.location, d) for d in destinations):
            return False  # "kunjungan Presiden Nauru ke Indonesia" is not "kunjungannya ke Nauru"
        if mention.parties and cluster.parties and set(mention.parties) <= cluster.parties:
            return True
    if mention.kind == UNNAMED and any(
        m.kind == UNNAMED and _fold_name(m.text) == _fold_name(mention.text) for m in cluster.mentions
    ):
        return True  # "pertemuan tingkat tinggi" twice
    if mention.kind in (VERB, UNNAMED):
        # "menandatangani ... ; Para kepala negara ... menandatangani ...": one act reported twice.
        return (
            all(m.kind in (VERB, UNNAMED) for m in cluster.defining)
            and bool(mention.parties)
            and bool(cluster.parties)
            and (set(mention.parties) <= cluster.parties or cluster.parties <= set(mention.parties))
        )
    if mention.kind != NAMED:
        return False
    if mention.text.isupper() and any(
        re.search(rf"(?<![\w]){re.escape(mention.text)}(?![\w])", m.text) for m in cluster.mentions if m.kind == NAMED
    ):
        return True
    folded = _fold_name(mention.text)
    names = [_fold_name(m.text) for m in cluster.mentions if m.kind == NAMED]
    if folded in names:
        return True
    if any(_truncated_name(mention.text, m.text) for m in cluster.mentions if m.kind == NAMED):
        return True
    ordinal = cluster.ordinal
    if ordinal is not None and mention.ordinal is not None and ordinal != mention.ordinal:
        return False
    if not mention.parties or set(mention.parties) != cluster.parties:
        return False
    if ordinal is not None and mention.ordinal == ordinal:
        return True
    if mention.type is EventType.visit:
        return True  # one visit per destination and visitor in a news article
    short = _strip_ordinals(folded)
    return any(_similar_names(short, _strip_ordinals(n)) or _similar_names(_strip_ordinals(n), short) for n in names)


def _same_place(a: str, b: str) -> bool:
    a, b = _fold_name(a), _fold_name(b)
    return a in b or b in a


def _antecedent(clusters: list[EventCluster], mention: Mention) -> Optional[EventCluster]:
    compatible = [c for c in clusters if c.type.value in mention.refers_to or c.type is mention.type]
    if mention.parties:
        compatible = [c for c in compatible if set(mention.parties) <= c.parties]
    if not compatible:
        return None
    foreground = [c for c in compatible if not c.background]
    held = [c for c in compatible if not c.planned]
    pool = [c for c in held if not c.background] or held or foreground or compatible
    return max(pool, key=lambda c: c.last)


def cluster_mentions(mentions: list[Mention], background=None) -> list[EventCluster]:
    clusters: list[EventCluster] = []
    # Events that only set the scene of another ("di sela KTT ASEAN ke-33") are background:
    # later references ("pertemuan itu") go to the event reported, not to its setting.
    # So are events first reported as earlier ones ("sebelumnya ... pekan lalu").
    link_targets = {id(m.link) for m in mentions if m.link is not None}
    for mention in mentions:
        before = {id(c): len(c.mentions) for c in clusters}
        _place(clusters, mention)
        opened = [c for c in clusters if id(c) not in before]
        for cluster in opened:
            if id(mention) in link_targets or (background is not None and background(mention)):
                cluster.background = True
    return clusters


def _place(clusters: list[EventCluster], mention: Mention) -> None:
    """Add ``mention`` to the event it names or refers to, or open a new event."""
    if mention.kind == REFERENCE:
        target = None if mention.introduced else _antecedent(clusters, mention)
        if target is not None:
            target.mentions.append(mention)
            return
        if mention.introduced or mention.place_span is not None:
            # "untuk pertemuan", "menggelar pertemuan di Nay Pyi Taw": a new event; the place, its
            # only naming complement, stays in the mention.
            if mention.place_span is not None:
                mention.end, mention.text = mention.place_span[1], mention.extended_text
                mention.location = mention.location or mention.place_text
            mention.kind = UNNAMED
            clusters.append(EventCluster([mention]))
        return
    if mention.kind == UNNAMED and not mention.text.split()[1:]:
        # A bare "pertemuan dengan <official>": the event just reported, if there is one.
        target = _antecedent(clusters, mention)
        if target is not None:
            target.mentions.append(mention)
            return
    target = next((c for c in reversed(clusters) if _same_event(c, mention)), None)
    if target is not None:
        target.mentions.append(mention)
    elif mention.kind == NAMED or _between_parties(mention):
        clusters.append(EventCluster([mention]))


# --------------------------------------------------------------------------- records


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _status(
    cluster: EventCluster, start: Optional[str], published: Optional[dt.date], published_source: Optional[str]
) -> EventStatus:
    if start and published:
        # A publication date inferred from a copyright line or a year is only good to the year.
        precision = len(start) if published_source in ("input", "text") else 4
        start = start[:precision]
        anchor = published.isoformat()[:precision]
        if start > anchor:
            return EventStatus.planned
        if start < anchor:
            return EventStatus.held
    return EventStatus.planned if cluster.planned else EventStatus.held


def _to_event(cluster: EventCluster, text: str, context: ExtractionContext) -> Event:
    defining = cluster.defining
    named = [m for m in defining if m.kind == NAMED]
    name_source = max(named, key=lambda m: len(_collapse(m.text))) if named else defining[0]
    ordered = defining + [m for m in cluster.mentions if m not in defining]
    location = next((m.location for m in ordered if m.location), None)
    date = next((m.date for m in ordered if m.date is not None), None)
    if location is None or date is None:
        for m in ordered:
            linked = m.link
            if linked is None:
                continue
            location = location or linked.location
            date = date or linked.date
    parties = cluster.parties or {p for m in cluster.mentions for p in m.parties}
    if not parties:
        parties = {p for m in cluster.mentions if m.session_part and m.link is not None for p in m.link.parties}
    chairs: list[str] = []
    for m in cluster.mentions:
        chairs.extend(c for c in m.chairs if c not in chairs)
    start = date.value if date is not None else None
    end = date.value_end if date is not None else None
    rule = "+".join(sorted({m.kind for m in cluster.mentions}))
    return Event(
        type=cluster.type,
        name=_collapse(name_source.text),
        ordinal=cluster.ordinal,
        parties=sorted(parties),
        location=_collapse(location) if location else None,
        start=start,
        end=end,
        chairs=chairs,
        status=_status(cluster, start, context.published, context.published_source),
        mentions=[Span(start=m.start, end=m.end, text=text[m.start : m.end]) for m in sorted(cluster.mentions, key=lambda m: m.start)],
        rule=rule,
    )


def extract_events(doc: Doc, context: ExtractionContext) -> Iterable[Event]:
    text = context.text
    patterns = event_patterns()
    officials: list[Official] = list(context.records.get("officials", []))
    dates: list[DateRecord] = list(context.records.get("dates", []))
    official_spans = _officials_index(officials)
    mentions = find_mentions(doc, context, officials)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for sentence, in_sentence in by_sentence.items():
        for mention in in_sentence:
            mention.planned = _planned(text, mention, in_sentence, patterns)
        sentence_dates = sorted((d for d in dates if sentence[0] <= d.start and d.end <= sentence[1]), key=lambda d: d.start)
        _assign_in_sentence(text, in_sentence, sentence_dates, official_spans, patterns, context)
    for index, mention in enumerate(mentions):
        following = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        mention.parties = _parties(text, mention, official_spans, patterns, following)
        if len(mention.parties) < 2 and patterns.both_sides.search(text, mention.start, _object_end(text, mention.end, min(mention.sentence[1], mention.end + 60), following)):
            # "antar kedua belah pihak": the two parties of the latest event reported between two.
            earlier = next((m for m in reversed(mentions[:index]) if len(m.parties) >= 2), None)
            if earlier is not None:
                mention.parties = sorted(set(mention.parties) | set(earlier.parties))
        mention.ordinal = _ordinal(mention)
        if mention.type is not EventType.visit:
            visit = next((m for m in reversed(mentions[:index]) if m.type is EventType.visit), None)
            if visit is not None and mention.start - visit.end <= event_lexicon()["during_visit_distance"]:
                mention.during_visit = visit
    clusters = cluster_mentions(mentions, lambda m: bool(patterns.background_cues.search(text, *m.sentence)))
    events = [_to_event(c, text, context) for c in clusters]
    _inherit_from_visits(clusters, events)
    events.sort(key=lambda e: e.mentions[0].start)
    return events


def _inherit_from_visits(clusters: list[EventCluster], events: list[Event]) -> None:
    """A meeting held during a visit, with no place, date or parties of its own, takes the visit's
    latest named destination (``kunjungan kenegaraan ke Istana Presiden Arg``), its date and, when
    its own parties are among the visit's, the visit's parties."""
    by_mention = {id(m): events[i] for i, c in enumerate(clusters) for m in c.mentions}
    for cluster, event in zip(clusters, events):
        first = min(cluster.mentions, key=lambda m: m.start)
        visit_mention = first.during_visit
        if visit_mention is None or cluster.type is EventType.visit or any(m.kind == NAMED for m in cluster.mentions):
            continue
        visit = by_mention.get(id(visit_mention))
        if visit is None:
            continue
        venue = visit_mention.location
        if venue and not party_spans(venue) and event.location is None:
            # Only a venue ("Istana Presiden Arg") places the meeting: a country is the whole visit.
            event.location = _collapse(venue)
            if event.start is None and visit.start is not None:
                event.start, event.end = visit.start, visit.end
        if set(event.parties) <= set(visit.parties):
            event.parties = list(visit.parties)


class EventsStage(RecordStage):
    name = "events"
    requires = frozenset({"dates", "officials"})
    provides = frozenset({"events"})

    def extract(self, doc: Doc, context: ExtractionContext) -> Iterable[Event]:
        return extract_events(doc, context)
