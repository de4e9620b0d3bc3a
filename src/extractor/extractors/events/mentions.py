"""Event mentions: triggers found and classified as named, reference, unnamed or verb.

The ``event_triggers`` component finds the triggers listed in ``resources/id/events.json`` on whole
tokens (``doc.spans["event_trigger"]``); the rest is read from the words around each trigger
(:class:`.text.Words`, built from the tokens, so that ``ASEAN-Russia`` and ``Officials'`` are one
word whatever the tokenizer did), with windows counted in words within the sentence:

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

Also: an English head in lowercase closes a name of capitalised English words on its left
(``Chiefs of Defence conference``); ``pembicaraan dengan`` an official or a state is a meeting;
a bare head with a sequence word and ``dengan``/``antara`` an official or a state is one more
meeting in a series (``Pertemuan kedua dilangsungkan dengan Menlu Ekuador``); ``kedatangan`` is a
visit only with an official of a known state right after it; a count before a head
(``13 pertemuan bilateral``) makes it a plural group; states right before a meeting verb, only
auxiliaries between, are its subject (``Korea Selatan dan Korea Utara bertemu``).

A head mention runs over ``dengan``/``antara`` and the officials it introduces (``pertemuan
bilateral dengan Menhan James Mattis dan Menlu Rex Tillerson``); a name ending in an ordinal
followed by more ordinals (``KTT ke-44 dan ke-45 ASEAN``) is one mention per co-held event; a
visit's destination is the whole place phrase (``ke Rio de Janeiro, Brasil``); a verb whose
subject is a pronoun (``dia berkunjung ke Bangladesh``) is reported of the official named before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ...nlp.spacy_doc import doc_text
from ...nlp.words import token_columns
from ...normalize.countries import party_code
from ...pipeline import ExtractionContext
from ...records import DateRecord, EventType, Official
from ...components import spans
from .lexicon import EventPatterns, event_lexicon, event_patterns, resource_regex
from .text import (
    HYPHENS,
    Words,
    _extend_left,
    _extend_right,
    _is_capword_stop,
    _read_place,
    capword_at,
    has_phrase,
    is_lower_word,
    is_plain_lower,
    phrase_at,
    ordinal_value,
    phrases_in,
)

NAMED, REFERENCE, UNNAMED, VERB = "named", "reference", "unnamed", "verb"


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
    # The location's characters in the text (``text[start:end] == location``).
    location_span: Optional[tuple[int, int]] = None
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
    # The id of the trigger pattern (``head|pertemuan``, ``verb|bertemu``) that found the mention.
    pattern: Optional[str] = None
    # A session of a standing body ("Sidang Majelis Umum PBB"): dates need an opening cue.
    session: bool = False
    # A part of a session ("Debat Umum ... pada SMU PBB"): takes the session's parties.
    session_part: bool = False
    # The act is a meeting between parties whoever is named ("menyerahkan surat kepercayaan").
    intrinsic: bool = False
    # The nearest visit mention before, when this mention falls within a visit.
    during_visit: Optional["Mention"] = None
    # Co-held events named together ("KTT ke-44 dan ke-45 ASEAN"): on the first mention, the
    # ``(start, end, name)`` of each further ordinal; on each further one, the first mention.
    co_held: list[tuple[int, int, str]] = field(default_factory=list)
    co_held_of: Optional["Mention"] = None
    # The mention's text before it was extended over the officials it is held with.
    head_text: Optional[str] = None
    # One more meeting in a series ("Pertemuan kedua dilangsungkan dengan ..."): its host is the
    # host of the meeting before.
    sequence: bool = False
    # A demonstrative reference (``pertemuan tersebut``, its head not ``named_only``) whose sentence
    # names an official: with no earlier event to refer to, it reports an event the article told in other
    # words (a meeting held during a visit: ``Retno yang turut hadir dalam pertemuan tersebut``).
    stands_alone: bool = False
    # Dated well before the publication day: an earlier event (``clusters.mark_looking_back``).
    looks_back: bool = False
    # For an acronym defined in an event name (``KAA`` of ``Konferensi Asia Afrika (KAA) ke-60``): that mention.
    acronym_of: Optional["Mention"] = None
    # An arrival of a foreign official naming no state it goes to (``menyambut kedatangan Presiden
    # Prancis Emmanuel Macron``): a visit of that official's state (this) to the home state.
    visitor_state: Optional[str] = None
    # The names of the officials a meeting verb reports meeting (``attributes.taking_part``).
    participants: frozenset = frozenset()
    # A verb receiving an official as a guest (``receives_guest``: ``menerima Menlu X``).
    receives: bool = False

    def take_parties(self, codes) -> None:
        """Add ``codes`` to the mention's parties (kept sorted, each once)."""
        self.parties = sorted(set(self.parties) | set(codes))

    @property
    def head(self) -> str:
        return self.head_text if self.head_text is not None else self.text


def _officials_index(officials: list[Official]) -> list[tuple[int, int, Official]]:
    return sorted((m.start, m.end, o) for o in officials for m in o.mentions)


def official_states_in(official_spans, start: int, end: int) -> set[str]:
    """The states of the officials mentioned wholly inside ``[start, end)``."""
    return {o.country for s, e, o in official_spans if start <= s and e <= end and o.country}


def _window(name: str) -> int:
    return event_lexicon()["windows"][name]


def _specific_object(words: Words, position: int, limit: int, officials, patterns: EventPatterns) -> bool:
    """Whether ``dengan``/``antara`` at ``position`` introduces an official or a country."""
    index = words.spaced_after(position)
    if index is None or words[index].folded not in patterns.object_introducers or words.spaced_after(words[index].end) is None:
        return False
    start = words[index].end
    window_end = words.window_end(start, limit, _window("specific_object"))
    window_end = words.object_end(start, window_end, frozenset())
    if any(s >= start and s < window_end for s, _e, _o in officials):
        return True
    return bool(words.parties_in(start, window_end, hyphen_parts=True))  # "antara ... Indonesia-Australia"


def _held_cue_near(words: Words, start: int, end: int, s_start: int, s_end: int, patterns: EventPatterns) -> bool:
    """A holding or attending cue in the clause before the head, or right after its name."""
    before = words.clause_before(start, s_start, 8)
    after = words.after(end, s_end, 3)
    if after[:1] == [patterns.relative_marker]:
        after = after[1:]
    return any(w in patterns.held_cues for w in before) or bool(after[:1] and after[0] in patterns.held_cues)


def _reduplicated(text: str, start: int, end: int) -> bool:
    """A plural written twice: ``KTT-KTT``, ``pertemuan-pertemuan``."""
    head = text[start:end].casefold()
    after = text[end : end + 1] in tuple(HYPHENS) and text[end + 1 : end + 1 + len(head)].casefold() == head
    before = start > len(head) and text[start - 1] in HYPHENS and text[start - 1 - len(head) : start - 1].casefold() == head
    return after or before


def _read_head(words: Words, start, end, sentence, info, officials, patterns: EventPatterns) -> Optional[Mention]:
    text = words.text
    s_start, s_end = sentence
    event_type = EventType(info["type"])
    refers_to = frozenset(info.get("refers_to", [event_type.value]))
    head = text[start:end]
    suffix = event_lexicon().get("possessive_suffix") or ""
    possessive = bool(suffix) and " " not in head and head.casefold().endswith(suffix) and head.casefold()[: -len(suffix)] in event_lexicon()["heads"]
    word_before = words.word_before(start, s_start)
    counted = word_before.isdigit() and int(word_before) > 1  # "13 pertemuan bilateral"
    if word_before in patterns.plural_cues or counted or _reduplicated(text, start, end):
        return None
    if word_before in patterns.negations:
        return None  # "bersifat pribadi dan bukan kunjungan kenegaraan"
    if info.get("official_object"):
        return _read_arrival(words, start, end, sentence, event_type, refers_to, officials, patterns)
    position = end
    modifiers: list[str] = []
    while True:
        index = words.spaced_after(position)
        after = None if index is None else phrase_at(words, index, patterns.modifiers)
        if after is None and index is not None and not words[index].end > s_end:
            if any(resource_regex(p).fullmatch(words[index].text) for p in patterns.modifier_patterns):
                after = index + 1
        if after is None or words[after - 1].end > s_end:
            break
        modifiers.append(text[words[index].start : words[after - 1].end].casefold())
        position = words[after - 1].end
    name_end, items = _extend_right(words, position, s_end, patterns, english=False)
    destination = None
    tour = False
    if event_type is EventType.visit:
        to = words.spaced_after(name_end)
        if to is not None and words[to].text in patterns.destination_words and words.spaced_after(words[to].end) is not None:
            dest_start = words.skip_spaces(words[to].end)
            place_end, place_items = _destination(words, words[to].end, s_end, patterns)
            several = resource_regex(event_lexicon()["tour_destination"]).match(text, dest_start)
            if place_items:
                destination = (dest_start, place_end)
                name_end, items = place_end, items + place_items
            elif several and several.end() <= s_end:
                name_end, tour = several.end(), True  # "kunjungan ke lima negara"
    following = words.after(name_end, s_end, 3)
    if following[:1] and following[0] in patterns.plural_after:
        return None
    if tour:
        return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
    if not items and not modifiers and not possessive and not info.get("named_only") and not info.get("reference_only"):
        # ("mekanisme dialog kedua pihak": a head that is an event only when named stays out.)
        both_sides = _both_sides_after(words, name_end, s_end, patterns)
        if both_sides is not None:
            # "pertemuan kedua negara itu", "pertemuan kedua pemimpin": the event between the two
            # sides reported (its parties are theirs), not a second meeting.
            mention = Mention(start, both_sides, event_type, REFERENCE, refers_to, sentence, text[start:both_sides])
            mention.stands_alone = _takes_part(words, sentence, officials)
            return mention
    demonstrative_at = None
    if following[:1] and following[0] in patterns.demonstratives:
        demonstrative_at = 0
    elif not items and not modifiers:
        for i in (1, 2):
            if len(following) > i and following[i] in patterns.demonstratives and all(
                is_plain_lower(w) and w not in patterns.function_words for w in following[:i]
            ):
                demonstrative_at = i
                break
    if demonstrative_at is not None:
        mention_end = _letter_words_end(words, name_end, demonstrative_at + 1)
        mention = Mention(start, mention_end, event_type, REFERENCE, refers_to, sentence, text[start:mention_end])
        if destination is not None:  # "kunjungan Menlu China ke Indonesia ini": the visit's destination
            mention.location, mention.location_span = text[destination[0] : destination[1]], destination
        # Heads that are events only when named ("rapat terbatas tersebut": a cabinet meeting) never stand alone.
        mention.stands_alone = not info.get("named_only") and any(sentence[0] <= s and e <= sentence[1] for s, e, _o in officials)
        return mention
    held = info.get("held_cue_named") and _held_cue_near(words, start, name_end, s_start, s_end, patterns)
    if items and (not info.get("reference_only") or held):
        co_held = _co_held(words, start, name_end, s_end, patterns)
        if co_held is not None:
            full_end, first_name, others = co_held
            mention = Mention(start, full_end, event_type, NAMED, refers_to, sentence, first_name)
            mention.co_held = others
            mention.session = bool(info.get("session"))
            return mention
        mention = Mention(start, name_end, event_type, NAMED, refers_to, sentence, text[start:name_end])
        if destination is not None:
            mention.location, mention.location_span = text[destination[0] : destination[1]], destination
        mention.session = bool(info.get("session"))
        mention.session_part = bool(info.get("session_part"))
        return mention
    if any(w in patterns.establish_cues for w in words.clause_before(start, s_start, 3)):
        return None  # "membentuk forum khusus": a body to be set up
    if (
        info.get("held_cue_descriptor")
        and not items
        and not modifiers
        and following[:1]
        and is_plain_lower(following[0])
        and following[0] not in patterns.function_words
        and following[0] not in patterns.reference_followers
        and _held_cue_near(words, start, end, s_start, s_end, patterns)
    ):
        descriptor = words.spaced_after(name_end)
        if descriptor is not None and is_plain_lower(words[descriptor].text):
            # "dihadiri delegasi dari Australia untuk forum konsultasi"
            d_end = words[descriptor].end
            return Mention(start, d_end, event_type, UNNAMED, refers_to, sentence, text[start:d_end])
    if event_type is EventType.signing and not items:
        document = words.spaced_after(name_end)
        if document is not None and phrase_at(words, document, patterns.documents) is not None:
            # "penandatanganan nota kesepahaman atau MoU antar kedua belah pihak"
            limit = words.window_end(name_end, s_end, _window("signed_document"))
            object_end = words.object_end(name_end, limit, patterns.object_cutters)
            object_end = len(text[:object_end].rstrip())
            return Mention(start, object_end, event_type, UNNAMED, refers_to, sentence, text[start:object_end])
    if info.get("named_only") or info.get("reference_only"):
        # "pembicaraan dengan Perdana Menteri (PM) dan Menlu Bangladesh"
        object_named = info.get("object_named") and not items and _specific_object(words, name_end, s_end, officials, patterns)
        # "Presiden Xi Jinping dan Presiden Prabowo melakukan pembicaraan di ...": held between its subjects.
        held_between = (
            info.get("object_named") and not items and word_before in patterns.light_verbs and len(_subject_states_of_verb(words, start, s_start, officials)) >= 2
        )
        if not object_named and not held_between and not (possessive and not items and not modifiers):
            return None
    has_object = _specific_object(words, name_end, s_end, officials, patterns)
    if not items and not has_object and _in_plural_list(words, start, s_start, patterns):
        return None  # "sejumlah KTT dengan mitra wicara ASEAN dan pertemuan bilateral": a programme
    specific = any(m in patterns.specific_modifiers for m in modifiers) or has_object
    if not specific and not items and not modifiers and following[:1] and following[0] in patterns.sequence_words:
        sequence_end = _sequence_end(words, name_end, s_end, officials, patterns)
        if sequence_end is not None:
            mention = Mention(start, sequence_end, event_type, UNNAMED, refers_to, sentence, text[start:sequence_end])
            mention.sequence = True
            return mention
    if modifiers:
        if specific:
            return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
        if word_before in patterns.predicate_cues:
            return None  # "merupakan pertemuan tingkat pejabat tinggi": a description
        if event_type is EventType.visit and _abroad(words, start, sentence, officials, patterns):
            # "Presiden Joko Widodo ... terbang ... ke Malaysia untuk kunjungan resmi selama dua hari"
            return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
        if event_type is EventType.meeting and word_before in patterns.light_verbs and _foreign_state_named(words, sentence, officials):
            # "para pejabat dari 40 negara Muslim menggelar pertemuan perdana aliansi ... di Riyadh"
            return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
        mention = Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
        mention.needs_link = True
        return mention
    if specific:
        return Mention(start, name_end, event_type, UNNAMED, refers_to, sentence, text[start:name_end])
    if possessive or not following or following[0] in patterns.reference_followers or not is_lower_word(following[0]):
        if word_before in patterns.negations or word_before in patterns.predicate_cues:
            return None
        mention = Mention(start, name_end, event_type, REFERENCE, refers_to, sentence, text[start:name_end])
        takes_part = _takes_part(words, sentence, officials)
        mention.introduced = word_before in patterns.purpose_cues and not possessive and takes_part
        di = words.spaced_after(name_end)
        place_at = words.spaced_after(words[di].end) if di is not None and words[di].text in patterns.place_prepositions else None
        if place_at is not None and "A" <= words[place_at].text[0] <= "Z" and not possessive and takes_part:
            place = _read_place(words, words[place_at].start, s_end, patterns, [])
            if place:
                mention.place_span = place
                mention.place_text = text[place[0] : place[1]]
                mention.extended_text = text[start : place[1]]
        return mention
    if (
        event_type is EventType.meeting
        and word_before in patterns.light_verbs
        and following[0] not in patterns.function_words
        and following[0] not in patterns.predicate_cues
        and not possessive
        and _states_before_verb(words, start, s_start)
    ):
        # "Delegasi Indonesia dan Filipina melakukan perundingan batas maritim": a topic after the
        # head, not a description of it; the head opens a new event, as a bare one would.
        mention = Mention(start, name_end, event_type, REFERENCE, refers_to, sentence, text[start:name_end])
        mention.introduced = True
        return mention
    return None


def _both_sides_after(words: Words, position: int, s_end: int, patterns: EventPatterns) -> Optional[int]:
    """The end of a ``kedua negara``-like cue right after a head, with a demonstrative after it
    (``pertemuan kedua negara itu``); None when none follows."""
    index = words.spaced_after(position)
    if index is None:
        return None
    after = phrase_at(words, index, patterns.both_sides)
    if after is None or words[after - 1].end > s_end:
        return None
    end = words[after - 1].end
    demonstrative = words.spaced_after(end)
    if demonstrative is not None and words[demonstrative].folded in patterns.demonstratives and words[demonstrative].end <= s_end:
        end = words[demonstrative].end
    return end


def _states_before_verb(words: Words, head_start: int, s_start: int) -> bool:
    """Whether states are named in the clause right before the verb before a head (its subject:
    ``Delegasi Indonesia dan Filipina melakukan``)."""
    verb = words.last_before(head_start)
    if verb < 0:
        return False
    clause_start = words.clause_start(words[verb].start, s_start, _window("party_clause"))
    return bool(words.parties_in(words.window_start(words[verb].start, clause_start, 6), words[verb].start))


def _subject_states_of_verb(words: Words, head_start: int, s_start: int, officials) -> set[str]:
    """The states named, or served by the officials named, in the clause before the verb before a
    head (its subject: ``Presiden Xi Jinping dan Presiden Prabowo melakukan``)."""
    verb = words.last_before(head_start)
    if verb < 0:
        return set()
    clause_start = words.clause_start(words[verb].start, s_start, _window("party_clause"))
    codes = words.party_codes_in(clause_start, words[verb].start)
    return codes | {o.country for s, e, o in officials if clause_start <= s and e <= words[verb].start and o.country}


def _foreign_state_named(words: Words, sentence: tuple[int, int], officials) -> bool:
    """Whether a sentence names a state or bloc other than the states of the officials it names."""
    s_start, s_end = sentence
    own = {o.country for s, e, o in officials if s_start <= s and e <= s_end and o.country}
    return bool(words.party_codes_in(s_start, s_end) - own)


def _abroad(words: Words, head_start: int, sentence: tuple[int, int], officials, patterns: EventPatterns) -> bool:
    """Whether an official's trip abroad leads to a head: its sentence names, before it, after
    ``ke``/``di``, a state other than the official's (``terbang ... ke Malaysia untuk kunjungan
    resmi``; not ``kunjungan kerja melepas ekspor ... ke Thailand``)."""
    s_start, s_end = sentence
    own = {o.country for s, e, o in officials if s_start <= s and e <= s_end and o.country}
    reached = {
        code
        for p_start, _e, code in words.parties_in(s_start, head_start)
        if words.word_before(p_start, s_start) in patterns.destination_words | patterns.place_prepositions
    }
    return bool(own) and bool(reached - own)


def _takes_part(words: Words, sentence: tuple[int, int], officials) -> bool:
    """Whether someone takes part in a new event of this sentence: an official or a state is named in it."""
    s_start, s_end = sentence
    return any(s_start <= s and e <= s_end for s, e, _o in officials) or bool(words.parties_in(s_start, s_end))


def _received(words: Words, start: int, s_start: int, patterns: EventPatterns) -> bool:
    """Whether a verb receiving an official (``needs_official_object``) stands right before
    ``start``, only ``receiving_fillers`` between (``menerima langsung kedatangan ...``)."""
    before = words.clause_before(start, s_start, 4)
    while before and before[-1] in patterns.receiving_fillers:
        before = before[:-1]
    receivers = {v for v, info in event_lexicon()["verbs"].items() if info.get("needs_official_object")}
    return bool(before) and before[-1] in receivers


# How many words back, in its clause, a list of events opened by a plural cue is looked for.
PLURAL_LIST_REACH = 12


def _in_plural_list(words: Words, start: int, s_start: int, patterns: EventPatterns) -> bool:
    """Whether the head at ``start`` is joined (``dan``/``serta``) to an event noun opened by a plural
    cue earlier in its clause (``sejumlah KTT dengan mitra wicara ASEAN dan pertemuan bilateral``,
    ``beberapa pertemuan bilateral serta pertemuan trilateral``): the cue covers the whole list."""
    before = words.clause_before(start, s_start, PLURAL_LIST_REACH)
    if not before or before[-1] not in patterns.co_held_joiners:
        return False
    heads = _head_first_words()
    return any(before[i] in heads and before[i - 1] in patterns.plural_cues for i in range(1, len(before) - 1))


@lru_cache(maxsize=1)
def _head_first_words() -> frozenset[str]:
    return frozenset(head.split()[0] for head in event_lexicon()["heads"])


def _read_arrival(words: Words, start, end, sentence, event_type, refers_to, officials, patterns: EventPatterns) -> Optional[Mention]:
    """``Kedatangan Barack Obama ke Indonesia``, ``kedatangan mantan Presiden Amerika Serikat, Barack
    Obama, ke Indonesia``: a head that is a visit only with an official of a known state right after
    it (titles, capitalised words and commas between) and a ``ke`` destination in another state
    (``kedatangan Ketua DPR RI Fahri Hamzah ke Manado`` is domestic); the mention runs over both.
    With no destination naming a state (none, or ``ke Jakarta``), a foreign official's arrival is a
    visit to the home state (``menyambut kedatangan Presiden Prancis Emmanuel Macron``), the mention
    running over the official (and the destination); a home official's is no event."""
    text = words.text
    s_start, s_end = sentence
    if _received(words, start, s_start, patterns):
        return None  # "akan menerima langsung kedatangan Menlu China": the verb reports a meeting
    limit = words.window_end(end, s_end, _window("official_object"))
    following = [(s, e, o) for s, e, o in officials if end <= s and e <= limit and o.country]
    if not following:
        return None
    o_start, o_end, official = min(following, key=lambda item: item[0])
    between = words.words_in(end, o_start)
    if not all(w.text[:1].isupper() or w.folded in patterns.title_words or w.text == "," for w in between):
        return None
    to = words.spaced_after(o_end + 1 if text[o_end : o_end + 1] == "," else o_end)
    place_end, place_items = (o_end, [])
    if to is not None and words[to].text in patterns.destination_words:
        place_end, place_items = _destination(words, words[to].end, s_end, patterns)
    states = {code for _s, _e, code in words.parties_in(words[to].end, place_end)} if place_items else set()
    if states:
        if states == {official.country}:
            return None
    elif official.country == event_lexicon()["home_state"]:
        return None  # "kedatangan Presiden Prabowo di Bandara Halim": an office holder coming home
    else:
        # "menyambut kedatangan Presiden Prancis Emmanuel Macron", "kedatangan ... ke Jakarta": a
        # foreign official arriving, no other state named, comes to the home state.
        place_end = place_end if place_items else o_end
    mention = Mention(start, place_end, event_type, UNNAMED, refers_to, sentence, text[start:place_end])
    mention.visitor_state = None if states else official.country
    if place_items:
        mention.location_span = (words.skip_spaces(words[to].end), place_end)
        mention.location = text[mention.location_span[0] : place_end]
    return mention


def _sequence_end(words: Words, position: int, s_end: int, officials, patterns: EventPatterns) -> Optional[int]:
    """``Pertemuan kedua dilangsungkan dengan Menlu Ekuador``, ``Pertemuan selanjutnya dengan Menlu
    Monako``: the end of the sequence word when, after it and an optional holding verb, ``dengan``
    or ``antara`` introduces an official or a state; else None."""
    index = words.spaced_after(position)
    if index is None:
        return None
    sequence_end = object_at = words[index].end
    held = words.spaced_after(object_at)
    if held is not None and words[held].folded in patterns.held_cues:
        object_at = words[held].end
    return sequence_end if _specific_object(words, object_at, s_end, officials, patterns) else None


def _destination(words: Words, position: int, s_end: int, patterns: EventPatterns) -> tuple[int, int]:
    """A visit's destination after ``ke``: names joined by party joiners (``Jepang dan Korea
    Selatan``) or a whole place phrase (``Dili, Timor Leste``, ``Rio de Janeiro, Brasil``),
    whichever is longer; ``(end, items)``."""
    end, items = _extend_right(words, position, s_end, patterns, english=False)
    start = words.spaced_after(position)
    if items and start is not None:
        place = _read_place(words, words[start].start, s_end, patterns, [])
        if place is not None and place[1] > end:
            end, items = place[1], items + 1
    return _listed_states_end(words, end, s_end, patterns), items


def _listed_states_end(words: Words, end: int, s_end: int, patterns: EventPatterns) -> int:
    """A destination that lists states goes on over ``, dan``/``serta`` and the next state
    (``ke Aljazair, Tunisia, dan Maroko``): the end of the last state listed."""
    while True:
        index = words.first_from(end)
        if index < len(words) and words[index].start == end and words[index].text == ",":
            index += 1
        if index >= len(words) or words[index].folded not in patterns.co_held_joiners:
            return end
        state = words.spaced_after(words[index].end)
        if state is None:
            return end
        found = [p for p in words.parties_in(words[state].start, s_end) if p[0] == words[state].start]
        if not found or not words.parties_in(*_listed_before(words, end)):
            return end
        end = max(p[1] for p in found)


def _listed_before(words: Words, end: int) -> tuple[int, int]:
    """The word ending at ``end`` (a list of states goes on only after a state)."""
    last = words.last_before(end)
    return (words[last].start, end) if last >= 0 else (end, end)


def _counterparts_end(words: Words, mention: Mention, officials, patterns: EventPatterns) -> int:
    """The end of ``dengan``/``antara`` and the officials it introduces right after a mention
    (``pertemuan bilateral dengan Menhan James Mattis dan Menlu Rex Tillerson``), else its end."""
    s_end = mention.sentence[1]
    index = words.spaced_after(mention.end)
    if index is None or words[index].folded not in patterns.object_introducers:
        return mention.end
    end, position = mention.end, words[index].end
    while True:
        limit = words.window_end(position, s_end, _window("specific_object"))
        official = min(((s, e) for s, e, _o in officials if position < s and e <= limit), default=None)
        if official is None:
            return end
        between = words.words_in(position, official[0])
        if not all(w.text[:1].isupper() or w.folded in patterns.title_words for w in between):
            return end
        end = official[1]
        joiner = words.spaced_after(end)
        if joiner is None or words[joiner].folded not in patterns.co_held_joiners:
            return end
        position = words[joiner].end


def _co_held(words: Words, start: int, name_end: int, s_end: int, patterns: EventPatterns):
    """Events named together by their ordinals: ``KTT ASEAN ke-40 dan ke-41``, ``KTT ke-44 dan
    ke-45 ASEAN``, ``Pertemuan ke-5, ke-6 dan ke-7 ...``. Returns the end of the whole name, the
    first event's name and ``(start, end, name)`` of each further ordinal, or None."""
    last = words.last_before(name_end)
    if last < 0 or ordinal_value(words, last) is None or words[last].end != name_end:
        return None
    ordinals: list[int] = []
    position = name_end
    while True:
        index = words.first_from(position)
        if index >= len(words) or words[index].end > s_end:
            break
        joiner = words[index]
        glued_comma = joiner.text == "," and joiner.start == position
        spaced_word = words.spaced_after(position) == index and joiner.folded in patterns.co_held_joiners
        if not (glued_comma or spaced_word):
            break
        following = words.spaced_after(joiner.end)
        if following is None and glued_comma:
            break
        if following is not None and words[following].folded in patterns.co_held_joiners and glued_comma:
            following = words.spaced_after(words[following].end)  # "ke-5, ke-6, dan ke-7"
        found = ordinal_value(words, following) if following is not None else None
        if found is None or words[found[0] - 1].end > s_end:
            break
        ordinals.append(following)
        position = words[found[0] - 1].end
    if not ordinals:
        return None
    tail_end, _items = _extend_right(words, position, s_end, patterns, english=False)
    text = words.text
    first_ordinal = words[last]
    base, tail = text[start:name_end], text[position:tail_end]
    others = []
    for index in ordinals:
        after = ordinal_value(words, index)[0]
        o_start, o_end = words[index].start, words[after - 1].end
        name = text[start : first_ordinal.start] + text[o_start:o_end] + tail
        others.append((o_start, o_end, name))
    return tail_end, base + tail, others


def _letter_words_end(words: Words, position: int, count: int) -> int:
    """The end of ``count`` words of letters after ``position`` (each after spaces), else ``position``."""
    end = position
    for step in range(count):
        index = words.spaced_after(end)
        if index is None or not words[index].text[:1].isalpha():
            return position
        word = words[index].text
        letters = 0
        while letters < len(word) and word[letters].isalpha():
            letters += 1
        end = words[index].start + letters
        if letters < len(word):
            return end if step == count - 1 else position
    return end


def _read_english(words: Words, start, end, sentence, event_type, claimed, patterns: EventPatterns) -> Optional[Mention]:
    text = words.text
    s_start, s_end = sentence
    lower_bound = max([s_start] + [e for s, e in claimed if e <= start])
    name_start, left_items = _extend_left(words, start, lower_bound, patterns)
    name_end, right_items = _extend_right(words, end, s_end, patterns, english=True)
    if not left_items and (not right_items or text[start:end].islower()):
        return None  # a lowercase English head only closes a capitalised name on its left
    glued = words.spaced_after(name_end)
    if capword_at(words, glued) and not _is_capword_stop(words[glued].text, patterns):
        return None  # "Asia Summit Capital": the head is inside a company or body name
    if words.word_before(name_start, s_start) in patterns.plural_cues:
        return None
    if words.word_before(name_start, s_start) in patterns.title_words:
        return None  # "Executive Chairman World Economic Forum": a body whose officer is named
    return Mention(
        name_start, name_end, event_type, NAMED, frozenset({event_type.value}), sentence, text[name_start:name_end]
    )


def _read_verb(words: Words, start, end, sentence, info, officials, patterns: EventPatterns) -> Optional[Mention]:
    text = words.text
    s_start, s_end = sentence
    event_type = EventType(info["type"])
    if any(w in patterns.negations for w in words.before(start, s_start, 3)):
        return None
    mention_end = end
    destination = None
    if info.get("needs_next"):
        nxt = words.spaced_after(end)
        if nxt is None or words[nxt].folded not in {w.casefold() for w in info["needs_next"]}:
            return None
        mention_end = words[nxt].end
        if event_type is EventType.visit:
            place_end, place_items = _destination(words, mention_end, s_end, patterns)
            if place_items:  # "melawat ke India", "berangkat ke Myanmar dan Bangladesh"
                destination = (words.skip_spaces(mention_end), place_end)
                mention_end = place_end
    object_end = words.window_end(mention_end, s_end, _window("verb_object"))
    if info.get("needs_document") and not has_phrase(words, mention_end, object_end, patterns.documents):
        return None
    if info.get("needs_document_before"):
        reach_start = words.starts[max(words.first_from(s_start), words.last_before(start) - _window("document_before") + 1)] if words.last_before(start) >= 0 else start
        documents = list(phrases_in(words, max(s_start, reach_start), start, patterns.documents))
        if not documents:
            # "juga ditandatangani 5 MoU": the document right after the passive verb.
            after = words.window_end(end, s_end, _window("document_after"))
            return _document_after(words, start, end, after, sentence, info, officials, patterns)
        # "apakah akan ada kesepakatan yang ditandatangani": the cue may stand before the document.
        first = documents[-1][0]
        negation_from = words[max(words.first_from(s_start), first - _window("negation_before"))].start
        if any(w in patterns.negations for w in words.between(negation_from, start)):
            return None
    if info.get("needs_party_object"):
        target = destination if destination is not None else (mention_end, words.object_end(mention_end, object_end, patterns.object_cutters))
        if not words.parties_in(*target):
            return None  # "mengunjungi Istana Darul Aman": a site visit, not a visit to a state
    near_after = words.window_end(mention_end, s_end, _window("verb_official"))
    near_before = words.window_start(start, s_start, _window("verb_official"))
    if info.get("needs_official_object"):
        following = [(s, o) for s, _e, o in officials if mention_end <= s <= words.window_end(mention_end, len(text), _window("official_object"))]
        if not following:
            return None
        first = min(following, key=lambda pair: pair[0])[0]
        between = words.words_in(mention_end, first)
        if not all(w.text[:1].isupper() or w.folded in patterns.title_words or w.folded in patterns.receiving_fillers for w in between):
            return None  # "menerima Phu Trong", "menerima Menlu X", not "menerima bantuan dari X"
    near = [o for s, e, o in officials if s_start <= s and e <= s_end and (near_before <= e <= start or mention_end <= s <= near_after)]
    signs_document = info.get("needs_document") or info.get("needs_document_before")
    clause = words.clause_before(start, s_start, 4)
    subject = any(w in patterns.title_words or w in patterns.subject_pronouns for w in clause)
    subject = subject or (event_type is EventType.meeting and _states_as_subject(words, start, s_start, patterns))
    if not near and not signs_document and not subject:
        return None  # no official takes part, nor a titled subject ("Presiden juga akan bertemu")
    mention = Mention(start, mention_end, event_type, VERB, frozenset({event_type.value}), sentence, text[start:mention_end])
    if destination is not None:
        mention.location, mention.location_span = text[destination[0] : destination[1]], destination
    mention.intrinsic = bool(info.get("intrinsic"))
    mention.receives = bool(info.get("receives_guest"))
    return mention


def _document_after(words: Words, start, end, limit, sentence, info, officials, patterns: EventPatterns) -> Optional[Mention]:
    if not has_phrase(words, end, limit, patterns.documents):
        return None
    if any(w in patterns.negations for w in words.before(start, sentence[0], _window("verb_negation"))):
        return None
    return _read_verb(words, start, end, sentence, {**info, "needs_document_before": False, "needs_document": True}, officials, patterns)


def _states_as_subject(words: Words, start: int, s_start: int, patterns: EventPatterns) -> bool:
    """``Korea Selatan dan Korea Utara bertemu``, ``Dewan Keamanan PBB akan bertemu``: a state or
    bloc right before the verb, only auxiliaries between."""
    found = words.parties_in(words.window_start(start, words.clause_start(start, s_start, 4), 4), start)
    if not found:
        return False
    last_end = max(e for _s, e, _c in found)
    return all(w in patterns.subject_auxiliaries for w in words.between(last_end, start))


def _diplomatic(words: Words, mention: Mention, official_spans, patterns: EventPatterns) -> bool:
    """Whether a mention can be a diplomatic event rather than a match, a trial or a company."""
    if has_phrase(words, mention.start, mention.end, patterns.non_event_name):
        return False
    if mention.type is EventType.summit:
        return True
    s_start, s_end = mention.sentence
    if has_phrase(words, s_start, s_end, patterns.context_blocker):
        return False
    if mention.kind != NAMED:
        return True
    if any(mention.start <= s and e <= mention.end for s, e, _o in official_spans):
        return True  # "kunjungan Phu Trong"
    if mention.type is EventType.visit and _foreign_capital(words, mention, official_spans):
        return True  # "Menlu Retno melakukan kunjungan kerja ke Beijing"
    return bool(words.parties_in(mention.start, mention.end, hyphen_parts=True) or has_phrase(words, mention.start, mention.end, patterns.diplomatic_name))


def _foreign_capital(words: Words, mention: Mention, official_spans) -> bool:
    """Whether a visit goes to the capital city of a state other than that of the officials its
    sentence names, or of the official named last before it (``Setelah itu ia melakukan kunjungan
    ke Tokyo``); a minister's ``kunjungan kerja ke Jakarta`` is domestic."""
    capitals = words.capital_codes_in(mention.start, mention.end)
    if not capitals:
        return False
    s_start, s_end = mention.sentence
    named = [o for s, e, o in official_spans if s_start <= s and e <= s_end and o.country]
    if not named:
        named = [o for _s, e, o in official_spans if e <= mention.start and o.country][-1:]
    return any(o.country not in capitals for o in named)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    text = doc_text(doc)  # a span's text is the text between its offsets
    return [(start, end) for _, _, start, end in token_columns(doc).sentences() if text[start:end].strip()]


def _sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for s in sentences:
        if s[0] <= position < s[1]:
            return s
    return (0, 0)


def find_mentions(doc: Doc, context: ExtractionContext, officials: list[Official], words: Optional[Words] = None) -> list[Mention]:
    """Every event mention in document order, each classified as named, reference, unnamed or verb."""
    words = words or Words(doc)
    text = words.text
    lex = event_lexicon()
    patterns = event_patterns()
    sentences = _sentences(doc)
    official_spans = _officials_index(officials)
    candidates = []
    for span in spans(doc, "event_trigger"):
        kind, key = span.label_.split("|", 1)
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
            mention = _read_head(words, start, end, sentence, lex["heads"][key], official_spans, patterns)
        elif kind == "english":
            claimed = [(m.start, m.end) for m in mentions]
            mention = _read_english(words, start, end, sentence, EventType(lex["english_heads"][key]), claimed, patterns)
        elif kind == "acronym":
            around = words.before(start, sentence[0], 2)
            after = words.after(end, sentence[1], 1)
            if any(w in patterns.plural_cues for w in around) or any(w in patterns.plural_after for w in after):
                continue
            event_type = EventType(lex["acronyms"][key])
            mention = Mention(start, end, event_type, NAMED, frozenset({event_type.value}), sentence, text[start:end])
        elif kind == "standalone":
            event_type = EventType(lex["standalone"][key]["type"])
            mention = Mention(start, end, event_type, UNNAMED, frozenset({event_type.value}), sentence, text[start:end])
        else:
            mention = _read_verb(words, start, end, sentence, lex["verbs"][key], official_spans, patterns)
        if mention is None or context.in_boilerplate(mention.start, mention.end):
            continue
        if not _diplomatic(words, mention, official_spans, patterns):
            continue
        if kind == "head" and mention.kind in (NAMED, UNNAMED) and not mention.co_held:
            end_with = _counterparts_end(words, mention, official_spans, patterns)
            if end_with > mention.end and not context.in_boilerplate(mention.start, end_with):
                mention.head_text = mention.text
                mention.end, mention.text = end_with, text[mention.start : end_with]
        if any(m.start < mention.end and mention.start < m.end for m in mentions):
            continue
        mention.pattern = f"{kind}|{key}"
        mentions.append(mention)
        for o_start, o_end, name in mention.co_held:
            other = Mention(o_start, o_end, mention.type, NAMED, mention.refers_to, sentence, name)
            other.session, other.co_held_of = mention.session, mention
            other.pattern = f"co_held|{kind}|{key}"
            mentions.append(other)
    mentions.sort(key=lambda m: m.start)
    mentions.extend(_acronym_mentions(doc, words, context, mentions, sentences, patterns))
    mentions.sort(key=lambda m: m.start)
    return [m for i, m in enumerate(mentions) if not m.needs_link or _linked_to_named(words, m, mentions[i + 1 :], patterns)]


def _defined_acronyms(words: Words, mention: Mention) -> list[tuple[str, int]]:
    """``(acronym, position)`` of each bracketed capital acronym (2 to 8 letters) in a mention."""
    found = []
    first, last = words.first_from(mention.start), words.last_before(mention.end)
    for index in range(first, last - 1):
        inner = words[index + 1]
        if (
            words[index].text == "("
            and words[index + 2].text == ")"
            and words[index].end == inner.start
            and inner.end == words[index + 2].start
            and 2 <= len(inner.text) <= 8
            and inner.text.isascii()
            and inner.text.isalpha()
            and inner.text.isupper()
        ):
            found.append((inner.text, words[index].start))
    return found


def _letter_runs(text: str) -> list[str]:
    return "".join(ch if ch.isalpha() else " " for ch in text).split()


def _acronym_mentions(doc: Doc, words: Words, context: ExtractionContext, mentions: list[Mention], sentences, patterns: EventPatterns) -> list[Mention]:
    """An acronym defined in brackets inside an event name (``Sidang Majelis Umum (SMU) PBB ke-72``,
    its capitals the initials of the words before it) names that event wherever it recurs:
    ``SMU PBB ke-72``, ``SMU PBB tahun ini``."""
    text = words.text
    defined: dict[str, Mention] = {}
    for mention in mentions:
        if mention.kind != NAMED:
            continue
        for acronym, position in _defined_acronyms(words, mention):
            capitals = [w for w in _letter_runs(text[mention.start : position]) if w[:1].isupper()]
            initials = "".join(w[0] for w in capitals[-len(acronym) :])
            if initials == acronym and party_code(acronym) is None:
                defined.setdefault(acronym, mention)
    if not defined:
        return []
    found: list[Mention] = []
    columns = token_columns(doc)  # the tokens written as a defined acronym (``ORTH``), in order
    for start, length in zip(columns.offsets, columns.lengths):
        source = defined.get(text[start : start + length])
        if source is None:
            continue
        end = start + length
        if any(m.start < end and start < m.end for m in mentions + found) or context.in_boilerplate(start, end):
            continue
        sentence = _sentence_of(sentences, start)
        if words.word_before(start, sentence[0]) in patterns.plural_cues:
            continue
        name_end, items = _extend_right(words, end, sentence[1], patterns, english=False)
        kind = NAMED if items else REFERENCE
        mention = Mention(start, name_end, source.type, kind, source.refers_to, sentence, text[start:name_end])
        mention.session = source.session
        mention.pattern = f"defined_acronym|{source.pattern}"
        mention.acronym_of = source
        found.append(mention)
    return found


def _link_gap_ok(words: Words, a: "Mention", b: "Mention", patterns: EventPatterns) -> bool:
    return (
        len(words.words_in(a.end, b.start)) <= _window("link_gap")
        and words.phrase_ending(a.end, b.start, patterns.link_cues, patterns.link_cue_followers) is not None
        and not any(w in patterns.reporting for w in words.between(a.end, b.start))
    )


def _linked_to_named(words: Words, mention: "Mention", later: list["Mention"], patterns: EventPatterns) -> bool:
    """``pertemuan tingkat tinggi guna membahas reformasi PBB pada Sidang Majelis Umum PBB ke-72``."""
    following = next((m for m in later if m.sentence == mention.sentence), None)
    return following is not None and following.kind == NAMED and _link_gap_ok(words, mention, following, patterns)
