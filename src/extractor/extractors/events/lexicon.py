"""The event lexicon (``resources/id/events.json``), the patterns compiled from it, and the trigger
``Matcher`` built from it once per vocab."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from ...normalize.dates import calendar_names, weekday_forms
from ...resource_data import load_resource
from ...nlp.matchers import once_per_vocab
from .text import _WS


@lru_cache(maxsize=1)
def event_lexicon() -> dict:
    return load_resource("events.json")


def _calendar_words() -> frozenset[str]:
    """Weekday and month names (every weekday spelling), casefolded."""
    return frozenset(w.casefold() for w in calendar_names() | weekday_forms())


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
        location_stop=_words_set("location_stop_words") | _calendar_words(),
        calendar=_calendar_words(),
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


@once_per_vocab
def event_matcher(vocab: Vocab) -> Matcher:
    """The trigger matcher, built once per vocab: labels are ``kind|key``."""
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
    return matcher
