"""``extract_events``: mentions, their attributes, clusters, then one ``Event`` record per cluster."""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from ...components.parties import capital_names
from ...normalize.countries import party_names
from ...normalize.dates import anchor_granularity
from ...pipeline import ExtractionContext, RecordStage
from ...records import DateRecord, Event, EventType, Official
from .attributes import _assign_in_sentence, carry_day_forward, _inherit_from_visits, _ordinal, _parties, _planned, _to_event, object_parties
from .attributes import taking_part
from .attributes import inherit_from_frames
from .clusters import cluster_mentions, mark_looking_back
from .lexicon import event_lexicon, event_patterns
from .mentions import NAMED, REFERENCE, UNNAMED, VERB, Mention, _officials_index, _subject_states_of_verb, _window, find_mentions, official_states_in
from .text import CLAUSE_PUNCT, Words, has_phrase, member_lists


def extract_events(doc: Doc, context: ExtractionContext) -> Iterable[Event]:
    words = Words(doc)
    text = words.text
    patterns = event_patterns()
    officials: list[Official] = list(context.records.get("officials", []))
    dates: list[DateRecord] = list(context.records.get("dates", []))
    official_spans = _officials_index(officials)
    mentions = find_mentions(doc, context, officials, words)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for sentence, in_sentence in by_sentence.items():
        for mention in in_sentence:
            mention.planned = _planned(words, mention, in_sentence, patterns)
        sentence_dates = sorted((d for d in dates if sentence[0] <= d.start and d.end <= sentence[1]), key=lambda d: d.start)
        _assign_in_sentence(words, in_sentence, sentence_dates, official_spans, patterns, context)
    carry_day_forward(words, mentions, dates, patterns, context)
    for mention in mentions:
        _share_co_held(mention)
    for index, mention in enumerate(mentions):
        following = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        previous = mentions[index - 1] if index and mentions[index - 1].sentence == mention.sentence else None
        mention.parties = _parties(words, mention, official_spans, patterns, following, previous)
        if mention.kind == VERB and mention.type is EventType.meeting:
            mention.participants = frozenset(o.name for o in taking_part(words, mention, official_spans, patterns, following, previous))
        if mention.co_held_of is not None:
            mention.parties = list(mention.co_held_of.parties)
        listed = set().union(*(words.party_codes_in(*span) for span in member_lists(words, mention.start, mention.end, patterns)))
        if listed and set(mention.parties) - listed:
            # "KTT ke-16 Brasil, Rusia, India, Tiongok dan Afrika Selatan (BRICS)": the bloc, not its members.
            mention.parties = sorted(set(mention.parties) - listed)
        if len(mention.parties) < 2 and (
            has_phrase(words, mention.start, _both_sides_end(words, mention, following, patterns), patterns.both_sides)
            or _both_sides_subject(words, mention, patterns)
        ):
            # "antar kedua belah pihak": the two parties of the latest event reported between two.
            earlier = next((m for m in reversed(mentions[:index]) if len(m.parties) >= 2), None)
            if earlier is not None:
                mention.take_parties(earlier.parties)
            elif mention.kind != REFERENCE:  # a reference takes its antecedent's parties
                mention.take_parties(_last_two_states(words, mention))
        if mention.type is EventType.visit and mention.location:
            # A visit is between its visitor's state and its destination's.
            mention.take_parties(_destination_codes(words, mention))
            mention.take_parties(_visitor_of_legs(words, mention, mentions[:index]))
        if mention.type is EventType.meeting and mention.kind in (UNNAMED, REFERENCE) and len(mention.parties) < 2:
            # "Indonesia akan mengupayakan solusi lewat pertemuan dengan otoritas Myanmar": the
            # states that are the subject of its clause take part, as for a verb.
            mention.take_parties(_subject_states(words, mention, official_spans))
        if mention.kind == VERB and len(mention.parties) < 2:
            mention.take_parties(_unnamed_office_state(words, mention, official_spans, patterns))
        if mention.kind == VERB and mention.type is EventType.meeting and len(mention.parties) == 1:
            mention.take_parties(_described_subject_state(words, mention, official_spans, patterns))
        if mention.receives and len(mention.parties) == 1 and mention.parties[0] != event_lexicon()["home_state"]:
            # "Menko Marves ... akan menerima langsung kedatangan Menlu China Wang Yi": a foreign
            # official received, no other state named, is received by the home state.
            mention.take_parties({event_lexicon()["home_state"]})
        if mention.type is EventType.signing and mention.kind != VERB:
            mention.take_parties(_signatories(words, mention, official_spans, patterns))
        if mention.visitor_state is not None:
            # "Kedatangan Obama dan Najib": the visit of the official the head names, to the home state.
            mention.parties = sorted({mention.visitor_state, event_lexicon()["home_state"]})
        if mention.type is EventType.visit:
            mention.take_parties(_visitor_in_sentence(words, mention, official_spans))
            if len(mention.parties) == 1:
                mention.take_parties(_host_of_venue(words, mention, official_spans))
        if mention.kind == NAMED and not mention.parties:
            mention.take_parties(_joint_holders(words, mention, official_spans, patterns))
        if mention.sequence and len(mention.parties) < 2:
            host = _series_host(words, mentions[:index], mention.start, official_spans, patterns)
            mention.take_parties(host)
        mention.ordinal = _ordinal(words, mention)
        if mention.type is not EventType.visit:
            visit = next((m for m in reversed(mentions[:index]) if m.type is EventType.visit), None)
            if visit is not None and len(words.words_in(visit.end, mention.start)) <= _window("during_visit"):
                mention.during_visit = visit
    published = context.published if anchor_granularity(context.published_source) == "day" else None
    mark_looking_back(mentions, dates, published, words)
    clusters = cluster_mentions(mentions, lambda m: has_phrase(words, *m.sentence, patterns.background_cues), words=words)
    events = [_to_event(c, text, context, words) for c in clusters]
    _inherit_from_visits(clusters, events, words)
    _meetings_at_one_stop(clusters, events)
    inherit_from_frames(clusters, events)
    events.sort(key=lambda e: e.mentions[0].start)
    return events


def _meetings_at_one_stop(clusters, events) -> None:
    """A meeting held during a tour of several states, placed in one of them (``pertemuan di Nay
    Pyi Taw`` during ``kunjungannya ke Myanmar dan Bangladesh``), is between the visitor and that
    state, not every state of the tour."""
    event_of = {id(m): events[i] for i, c in enumerate(clusters) for m in c.mentions}
    for cluster, event in zip(clusters, events):
        first = min(cluster.mentions, key=lambda m: m.start)
        visit_mention = first.during_visit
        visit = event_of.get(id(visit_mention)) if visit_mention is not None else None
        if visit is None or event.type is not EventType.meeting or not event.location or not visit.location:
            continue
        toured = _place_codes(visit.location)
        here = _place_codes(event.location) & toured
        if len(toured) < 2 or len(here) != 1 or set(event.parties) != set(visit.parties):
            continue
        event.parties = sorted((set(visit.parties) - toured) | here)


def _place_codes(place: str) -> set[str]:
    """The states a place phrase names, by name or by capital city."""
    return {code for _s, _e, code in party_names(place)[0]} | {code for _s, _e, code in capital_names(place)}


def _share_co_held(mention: Mention) -> None:
    """Events held together share their place, date and status."""
    first = mention.co_held_of
    if first is None:
        return
    if not first.location:
        first.location, first.location_span = mention.location, mention.location_span
    first.date = first.date or mention.date
    if first.location:
        mention.location, mention.location_span = first.location, first.location_span
    mention.date, mention.planned = first.date, first.planned


def _both_sides_subject(words: Words, mention: Mention, patterns) -> bool:
    """Whether ``kedua belah pihak`` and its kin are the subject of a mention's clause (``Kedua
    menteri kemudian menandatangani nota kesepahaman``); only a verb has them as its subject
    (``kedua Kepala Negara sudah bertukar pikiran mengenai ... KTT G20``: a topic)."""
    if mention.kind != VERB:
        return False
    clause_start = words.clause_start(mention.start, mention.sentence[0], _window("party_clause"))
    return has_phrase(words, clause_start, mention.start, patterns.both_sides)


def _host_of_venue(words: Words, mention: Mention, official_spans) -> set[str]:
    """A visit by one state's official to a venue or city that names no state (``Raja Yordania
    Abdullah II bertandang ke Istana Bogor untuk bertemu Presiden Prabowo Subianto``) is hosted
    by the state of the other officials its sentence names, when they serve one state."""
    if not mention.location_span or words.parties_in(*mention.location_span) or words.capital_codes_in(*mention.location_span):
        return set()
    s_start, s_end = mention.sentence
    others = official_states_in(official_spans, s_start, s_end) - set(mention.parties)
    return others if len(others) == 1 else set()


def _joint_holders(words: Words, mention: Mention, official_spans, patterns) -> set[str]:
    """A named event whose name names no party, held by states that are the subject of its
    holding verb (``Indonesia dan Vietnam menggelar Dialog Strategis Keamanan ke-3``): those
    states, when two or more are named (one host alone does not make the parties)."""
    verb = words.last_before(mention.start)
    if verb < 0 or words[verb].folded not in patterns.light_verbs:  # holding, not attending ("menghadiri KTT G20")
        return set()
    clause_start = words.clause_start(words[verb].start, mention.sentence[0], _window("party_clause"))
    codes = words.party_codes_in(clause_start, words[verb].start)
    codes |= official_states_in(official_spans, clause_start, words[verb].start)
    return codes if len(codes) >= 2 else set()


def _last_two_states(words: Words, mention: Mention) -> set[str]:
    """The two states named last before a mention, in its sentence or a few words before it
    (what ``kedua negara`` stands for when no event between two was reported before)."""
    reach_start = words.window_start(mention.sentence[0], 0, _window("both_sides_back"))
    codes: list[str] = []
    for _s, _e, code in reversed(words.parties_in(min(reach_start, mention.sentence[0]), mention.start)):
        if code not in codes:
            codes.append(code)
    return set(codes[:2]) if len(codes) >= 2 else set()


def _unnamed_office_state(words: Words, mention: Mention, official_spans, patterns) -> set[str]:
    """The home state when a verb's subject is an office named without a state or a holder
    (``Panglima sudah bisa berangkat ke AS``); none when its clause names an official or a state
    (``Menlu Jepang akan bertemu``)."""
    s_start = mention.sentence[0]
    clause_start = words.clause_start(mention.start, s_start, 5)
    if not any(w in patterns.title_words for w in words.clause_before(mention.start, s_start, 4)):
        return set()
    if words.parties_in(clause_start, mention.start, hyphen_parts=True):
        return set()
    if any(clause_start <= s and e <= mention.start for s, e, _o in official_spans):
        return set()
    return {event_lexicon()["home_state"]}


def _described_subject_state(words: Words, mention: Mention, official_spans, patterns) -> set[str]:
    """A meeting verb whose subject is a description, not a name (``diplomat kelahiran Semarang
    itu bertemu dengan Menlu Liechtenstein``), and whose object is one state's: the subject is the
    official named last before its sentence, when another state's. A clause naming an official or
    a state before the verb has its own subject."""
    s_start = mention.sentence[0]
    clause_start = words.clause_start(mention.start, s_start, _window("party_clause"))
    if words.parties_in(s_start, mention.start, hyphen_parts=True) or any(s_start <= s and e <= mention.start for s, e, _o in official_spans):
        return set()
    before = words.words_in(clause_start, mention.start)
    if not before or not any(w.folded in patterns.demonstratives for w in before):
        return set()  # only a demonstrative description ("diplomat ... itu") points back to a person
    named = [o for _s, e, o in official_spans if e <= s_start and o.country]
    return {named[-1].country} - set(mention.parties) if named else set()


def _signatories(words: Words, mention: Mention, official_spans, patterns) -> set[str]:
    """A signing's agents after ``oleh`` (``penandatanganan Rencana Aksi ... periode 2025-2029 oleh
    Menlu RI Sugiono dan Menlu Australia Penny Wong``): the states of the officials named there,
    within its clause."""
    s_end = mention.sentence[1]
    limit = words.window_end(mention.end, s_end, _window("official_object"))
    agent = next((w for w in words.words_in(mention.end, limit) if w.folded == patterns.agent_marker), None)
    if agent is None or any(ch in CLAUSE_PUNCT for ch in words.text[mention.end : agent.start]):
        return set()
    if any(w.folded == patterns.relative_marker for w in words.words_in(mention.end, agent.start)):
        return set()  # "penandatanganan ... yang disaksikan oleh": witnesses, not signatories
    end = words.object_end(agent.end, words.window_end(agent.end, s_end, _window("verb_object")), patterns.object_cutters)
    return official_states_in(official_spans, agent.end, end)


def _subject_states(words: Words, mention: Mention, official_spans) -> set[str]:
    """States named in a new unnamed meeting's clause before it (its subject): ``Delegasi
    Indonesia dan Filipina melakukan perundingan``; a reference to an earlier event takes none."""
    if mention.kind == REFERENCE and not mention.introduced:
        return set()
    clause_start = words.clause_start(mention.start, mention.sentence[0], _window("party_clause"))
    codes = words.party_codes_in(clause_start, mention.start)
    if mention.introduced and words.word_before(mention.start, clause_start) in event_patterns().light_verbs:
        # "Presiden Xi Jinping dan Presiden Prabowo melakukan pembicaraan": the officials that are its subject.
        codes |= _subject_states_of_verb(words, mention.start, mention.sentence[0], official_spans)
    return codes


def _destination_codes(words: Words, mention: Mention) -> set[str]:
    """The states a visit goes to: named, or by their capital city (``ke Beijing``)."""
    if not mention.location:
        return set()
    return words.party_codes_in(*mention.location_span) | words.capital_codes_in(*mention.location_span)


def _named_destination(words: Words, mention: Mention) -> set[str]:
    """The states named right after a ``ke`` inside a visit's mention."""
    patterns = event_patterns()
    return {
        code
        for start, _e, code in words.parties_in(mention.start, mention.end)
        if words.word_before(start, mention.start) in patterns.destination_words
    }


def _visitor_in_sentence(words: Words, mention: Mention, official_spans) -> set[str]:
    """A visit naming only its destination's state (``kunjungannya di Kamboja``, ``melakukan
    kunjungan kerja ke Beijing``) is made by the official its sentence names before it, from
    another state: the subject (``Presiden Joko Widodo ... pada hari keempat kunjungannya di Kamboja``);
    in a sentence naming no official, the official named last before it."""
    # Where no place was read, the states its mention names after "ke" ("Kunjungan kenegaraan ke Brasil itu").
    destination = _destination_codes(words, mention) if mention.location else _named_destination(words, mention)
    if not destination or not set(mention.parties) <= destination:
        return set()
    s_start = mention.sentence[0]
    before = [o for s, e, o in official_spans if s_start <= s and e <= mention.start and o.country and o.country not in destination]
    if before:
        return {before[0].country}
    if any(s_start <= s < mention.sentence[1] for s, _e, _o in official_spans):
        return set()  # the sentence names its officials after the visit: the host, not the visitor
    destination_at = next((w.start for w in words.words_in(mention.start, mention.end) if w.folded in event_patterns().destination_words), mention.end)
    named_before = [w for w in words.words_in(s_start, destination_at)[1:] if w.text[:1].isupper()]
    if named_before:
        return set()  # "Kunjungan Dalai Lama ke Mongolia": a visitor named who holds no office
    # "Setelah itu ia melakukan kunjungan ke Tokyo", "... . Kunjungan kenegaraan ke Brasil itu ...":
    # the official named last before it.
    named = [o for _s, e, o in official_spans if e <= mention.start and o.country]
    return {named[-1].country} - destination if named else set()


def _visitor_of_legs(words: Words, mention: Mention, earlier: list[Mention]) -> set[str]:
    """A visit naming only its destination (``Dalam kunjungan kerja ke Peru, ...``) is a leg of
    the latest visit before it whose visitor is known: that visitor's state."""
    destination = _destination_codes(words, mention)
    if not destination or not set(mention.parties) <= destination:
        return set()
    for previous in reversed(earlier):
        reached = _destination_codes(words, previous) if previous.type is EventType.visit else set()
        if reached:
            visitor = set(previous.parties) - reached
            if visitor:
                return visitor
    return set()


def _series_host(words: Words, earlier: list[Mention], limit: int, official_spans, patterns) -> set[str]:
    """The host of the latest meeting between two or more parties before a meeting in a series:
    its parties less those it is held with."""
    for index in range(len(earlier) - 1, -1, -1):
        previous = earlier[index]
        if previous.type is EventType.meeting and len(previous.parties) >= 2:
            following = earlier[index + 1].start if index + 1 < len(earlier) else limit
            return set(previous.parties) - object_parties(words, previous, official_spans, following, patterns)
    return set()


def _both_sides_end(words: Words, mention: Mention, following: int, patterns) -> int:
    """Where a ``kedua belah pihak`` cue may stand: the mention and its object."""
    limit = min(words.window_end(mention.end, mention.sentence[1], _window("specific_object")), following)
    return words.object_end(mention.end, limit, patterns.object_cutters)


class EventsStage(RecordStage):
    name = "events"
    requires = frozenset({"dates", "officials", "spans:event_trigger", "spans:party", "spans:party_part", "spans:capital"})
    extractor = extract_events
