"""The event lexicon (``resources/id/events.json``), the patterns compiled from it, and the trigger
``Matcher`` built from it once per vocab."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.vocab import Vocab

from ...normalize.dates import calendar_names, weekday_forms
from ...resource_data import load_resource
from ...nlp.matchers import TokenMatcher, once_per_vocab


@lru_cache(maxsize=1)
def event_lexicon() -> dict:
    return load_resource("events.json")


def _calendar_words() -> frozenset[str]:
    """Weekday and month names (every weekday spelling), casefolded."""
    return frozenset(w.casefold() for w in calendar_names() | weekday_forms())


def _words_set(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in event_lexicon()[key])


class Phrases:
    """Phrases of a lexicon list as word sequences, looked up by their first word (longest first).
    ``exact`` phrases match the written case, the others any case."""

    def __init__(self, phrases: Iterable[str], exact: bool = False):
        self.exact = exact
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in set(phrases):
            words = tuple(phrase.split() if exact else phrase.casefold().split())
            by_first.setdefault(words[0], []).append(words)
        self._by_first = {k: sorted(v, key=lambda w: (len(" ".join(w)), len(w)), reverse=True) for k, v in by_first.items()}

    def starting(self, key: str) -> list[tuple[str, ...]]:
        return self._by_first.get(key, [])

    def key(self, word) -> str:
        return word.text if self.exact else word.folded


def _phrases(key: str, exact: bool = False) -> Phrases:
    return Phrases(event_lexicon()[key], exact)


@lru_cache(maxsize=None)
def resource_regex(pattern: str) -> re.Pattern:
    """A regular expression given in ``events.json`` (``modifier_patterns``, ``tour_destination``)."""
    return re.compile(pattern)


@dataclass(frozen=True)
class EventPatterns:
    modifiers: Phrases
    modifier_patterns: tuple[str, ...]
    specific_modifiers: frozenset[str]
    sequence_words: frozenset[str]
    demonstratives: frozenset[str]
    reference_followers: frozenset[str]
    plural_cues: frozenset[str]
    plural_after: frozenset[str]
    negations: frozenset[str]
    planned_before: frozenset[str]
    planned_after: Phrases
    planned_clause_end: Phrases
    chair_after: Phrases
    chair_before: Phrases
    clause_breakers: frozenset[str]
    link_cues: Phrases
    link_cue_followers: frozenset[str]
    location_stop: frozenset[str]
    location_gap: frozenset[str]
    location_gap_connectors: frozenset[str]
    sequence_openers: Phrases
    venue_nouns: frozenset[str]
    calendar: frozenset[str]
    place_followers: frozenset[str]
    left_stop: frozenset[str]
    period_cues: frozenset[str]
    period_start_cues: frozenset[str]
    reporting: frozenset[str]
    documents: Phrases
    function_words: frozenset[str]
    title_words: frozenset[str]
    party_connectors: frozenset[str]
    name_connectors: frozenset[str]
    english_suffix: frozenset[str]
    head_words: frozenset[str]
    diplomatic_name: Phrases
    context_blocker: Phrases
    non_event_name: Phrases
    predicate_cues: frozenset[str]
    held_cues: frozenset[str]
    establish_cues: frozenset[str]
    opening_cues: frozenset[str]
    background_cues: Phrases
    both_sides: Phrases
    purpose_cues: frozenset[str]
    light_verbs: frozenset[str]
    object_cutters: frozenset[str]
    object_introducers: frozenset[str]
    co_held_joiners: frozenset[str]
    place_particles: frozenset[str]
    subject_pronouns: frozenset[str]
    subject_auxiliaries: frozenset[str]
    topic_cues: frozenset[str]
    subordinators: frozenset[str]
    destination_words: frozenset[str]
    place_prepositions: frozenset[str]
    arrival_cues: frozenset[str]
    receiving_fillers: frozenset[str]
    relative_marker: str
    agent_marker: str
    day_linker: str
    chair_fillers: tuple[str, ...]
    joint_words: frozenset[str]
    partner_words: frozenset[str]
    headline_verb: re.Pattern


@lru_cache(maxsize=1)
def event_patterns() -> EventPatterns:
    lex = event_lexicon()
    head_words = {k.split()[0] for k in lex["heads"]} | {k.split()[-1].casefold() for k in lex["english_heads"]}
    return EventPatterns(
        modifiers=_phrases("modifiers", exact=True),
        modifier_patterns=tuple(lex["modifier_patterns"]),
        specific_modifiers=_words_set("specific_modifiers"),
        sequence_words=_words_set("sequence_words"),
        demonstratives=_words_set("demonstratives"),
        reference_followers=_words_set("reference_followers"),
        plural_cues=_words_set("plural_cues"),
        plural_after=_words_set("plural_after"),
        negations=_words_set("negation_cues"),
        planned_before=_words_set("planned_before"),
        planned_after=_phrases("planned_after"),
        planned_clause_end=_phrases("planned_clause_end"),
        chair_after=_phrases("chair_after"),
        chair_before=_phrases("chair_before"),
        clause_breakers=_words_set("clause_breakers"),
        link_cues=_phrases("link_cues"),
        link_cue_followers=_words_set("link_cue_followers"),
        location_stop=_words_set("location_stop_words") | _calendar_words(),
        calendar=_calendar_words(),
        location_gap=_words_set("location_gap_words"),
        location_gap_connectors=_words_set("location_gap_connectors"),
        sequence_openers=_phrases("sequence_openers"),
        venue_nouns=_words_set("venue_nouns"),
        place_followers=_words_set("place_followers"),
        left_stop=_words_set("left_stop_words") | _words_set("title_words"),
        period_cues=_words_set("period_cues"),
        period_start_cues=_words_set("period_start_cues"),
        reporting=_words_set("reporting_verbs"),
        documents=_phrases("document_cues"),
        function_words=_words_set("function_words"),
        title_words=_words_set("title_words"),
        party_connectors=_words_set("party_connectors"),
        name_connectors=_words_set("name_connectors"),
        english_suffix=frozenset(lex["english_suffix_words"]),
        head_words=frozenset(head_words),
        diplomatic_name=_phrases("diplomatic_name_words"),
        non_event_name=_phrases("non_event_name_words"),
        context_blocker=_phrases("context_blockers"),
        predicate_cues=_words_set("predicate_cues"),
        held_cues=_words_set("held_cues"),
        establish_cues=_words_set("establish_cues"),
        opening_cues=_words_set("opening_cues"),
        background_cues=_phrases("background_cues"),
        both_sides=_phrases("both_sides_cues"),
        purpose_cues=_words_set("purpose_cues"),
        light_verbs=_words_set("light_verbs"),
        object_cutters=frozenset(lex["object_cutters"]),
        object_introducers=_words_set("object_introducers"),
        co_held_joiners=_words_set("co_held_joiners"),
        place_particles=frozenset(lex["place_particles"]),
        subject_pronouns=_words_set("subject_pronouns"),
        subject_auxiliaries=_words_set("subject_auxiliaries"),
        topic_cues=_words_set("topic_cues"),
        subordinators=_words_set("subordinators"),
        destination_words=frozenset(lex["destination_words"]),
        place_prepositions=frozenset(lex["place_prepositions"]),
        arrival_cues=_words_set("arrival_cues"),
        receiving_fillers=_words_set("receiving_fillers"),
        relative_marker=lex["relative_marker"],
        agent_marker=lex["agent_marker"],
        day_linker=lex["day_linker"],
        chair_fillers=tuple(w.casefold() for w in lex["chair_fillers"]),
        joint_words=_words_set("joint_words"),
        partner_words=_words_set("partner_words"),
        headline_verb=re.compile("|".join(f"(?:{p})" for p in lex["headline_verb_forms"])),
    )


@once_per_vocab
def event_matcher(vocab: Vocab) -> TokenMatcher:
    """The trigger matcher, built once per vocab: labels are ``kind|key``."""
    lex = event_lexicon()
    matcher = TokenMatcher(vocab)
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
    lowercase = set(lex["english_lowercase_heads"])
    for key in lex["english_heads"]:
        patterns = [[{"ORTH": w} for w in key.split()]]
        if key in lowercase:
            patterns.append([{"ORTH": w.lower()} for w in key.split()])  # "Chiefs of Defence conference"
        matcher.add(f"english|{key}", patterns)
    for key in lex["acronyms"]:
        matcher.add(f"acronym|{key}", [[{"ORTH": key}]])
    for key in lex["verbs"]:
        matcher.add(f"verb|{key}", [[{"LOWER": w} for w in key.split()]])
    return matcher
