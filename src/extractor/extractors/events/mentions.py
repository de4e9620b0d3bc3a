"""Event mentions: triggers found and classified as named, reference, unnamed or verb.

A spaCy ``Matcher`` finds the triggers listed in ``resources/id/events.json`` on whole tokens; the
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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.matcher import Matcher
from spacy.tokens import Doc

from ...normalize.countries import party_code, party_spans
from ...pipeline import ExtractionContext
from ...records import DateRecord, EventType, Official
from ...components import spans
from .lexicon import EventPatterns, event_lexicon, event_patterns
from .text import (
    _ANY_WORD,
    _CAPWORD,
    _HYPHENS,
    _PUNCT_BREAK,
    _WS,
    _clause_words_before,
    _extend_left,
    _extend_right,
    _is_capword_stop,
    _object_end,
    _read_place,
    _skip_ws,
    _word_before,
    _words_between,
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


def _officials_index(officials: list[Official]) -> list[tuple[int, int, Official]]:
    return sorted((m.start, m.end, o) for o in officials for m in o.mentions)


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
        mention.pattern = f"{kind}|{key}"
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
        mention.pattern = f"defined_acronym|{source.pattern}"
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
