"""Event attributes: parties, ordinal, status, and place, date and chairs within a sentence, per
mention; name, location, dates and status per event.

A place comes from the event's own clause first: a place phrase (``di Legian, Badung, Bali``)
right after the nearest event mention before it; then from its sentence: a ``di`` place farther
on, unless a topic (``membahas situasi di Ukraina``) or another clause (``setelah ...``) stands
between; then from the event it is part of: a mention linked to another by
``di sela``/``disela rangkaian``/``di`` takes that event's place and date, a meeting during a
visit the visited city or venue. A date record belongs to the nearest event mention before it
(a date before any mention goes to the first one after it). Events held together (``KTT ke-44
dan ke-45``) share place, date and status; a visit is between its visitor's state and its
destination's. Officials that are the object of the event before (``bertemu A, kemudian bertemu
B``) are no party of the next one. Chairs come from the officials named after ``dipimpin
(bersama) oleh`` or before ``memimpin``/``selaku ketua``. Status is ``planned`` with a planning
cue in the mention's clause (``akan``, ``dijadwalkan``, ``rencana``, ``yang diusulkan``, ``...
nanti``) or a start after the publication date, else ``held``.

Dates also: a date that does not close its clause goes to the event that clause names after it
(``pagi ini, Senin (29/1/2018) akan meninggalkan Bangladesh untuk melanjutkan kunjungan ...``); a
day after ``sejak``/``dari`` in the event's own clause is its start; a date after a subordinator
(``setelah terpilih ... dalam pemilu 17 April``) is not the event's; a sentence that goes on with the
day's programme (``Selanjutnya, ...``, ``Siang harinya, ...``) takes the day of the latest dated event
before it. Places also: a lowercase venue noun opens the place (``di ruang kerja Menhan, Jakarta``),
and the words of a title (``Duta Besar China untuk Indonesia Wang Lutong di ...``) may stand between
a mention and its place.

Per event (issue 9, carried over to unseen articles): an event held during another (a link, also
to a reference such as ``Di sela KTT tersebut,``) takes that event's place whichever mention gives
it, and its day when it is one day; a visit is where its first written place is, whatever kind of
mention holds it; an event dated only to a year or month takes a finer date written after another
of its mentions inside that period. A sentence opening with an arrival or a trip (``Setibanya di
Abu Dhabi,``, ``Dalam kunjungan kerja ke Tokyo,``: a city or venue, not a country) places the event
after the comma, unless a reporting verb makes it the place of a statement; a date set off by a
comma after a reporting or citing word (``Mengutip Reuters, Minggu (29/10), ...``) dates the
statement, not the event.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from ...normalize.numbers import parse_ordinal
from ...pipeline import ExtractionContext
from ...records import DateRecord, Event, EventStatus, EventType, Span
from .clusters import EventCluster
from .lexicon import EventPatterns, Phrases, event_lexicon, event_patterns, resource_regex
from .mentions import NAMED, REFERENCE, VERB, Mention, _link_gap_ok, _sentences, _window, official_states_in
from .text import CLAUSE_PUNCT, SPACES, Words, _hyphen_parts, is_plain_lower, _clause_clean, _read_place, has_phrase, ordinal_value, phrase_at


def _parties(
    words: Words, mention: Mention, official_spans, patterns: EventPatterns, next_mention_start: int, previous: Optional[Mention] = None
) -> list[str]:
    s_start, s_end = mention.sentence
    if mention.kind in (NAMED, REFERENCE):
        codes = words.party_codes_in(mention.start, mention.end, hyphen_parts=True)
        # Officials named inside: "kunjungan Presiden Joko Widodo ... ke Afghanistan".
        codes |= official_states_in(official_spans, mention.start, mention.end)
        codes |= _officials_in_joined_names(words, mention, official_spans)
        if EventType.visit.value in mention.refers_to and mention.kind == NAMED:
            # The visitor is the subject of the sentence: "Phu Trong menemui ... dalam lawatan resminya ke Indonesia";
            # for a courtesy call, its host: "Ratu Maxima yang diterima Presiden Joko Widodo dalam kunjungan kehormatan".
            subject = next((o for s, e, o in official_spans if s_start <= s and e <= mention.start and o.country), None)
            if subject is not None and subject.country:
                codes.add(subject.country)
        return sorted(codes)
    codes = {official.country for official in taking_part(words, mention, official_spans, patterns, next_mention_start, previous)}
    codes |= words.party_codes_in(mention.end, _object_end(words, mention, next_mention_start, patterns), hyphen_parts=True)
    codes |= words.party_codes_in(mention.start, mention.end)  # "melawat ke India"
    if mention.kind == VERB:
        clause_start = words.clause_start(mention.start, s_start, _window("party_clause"))
        codes |= words.party_codes_in(clause_start, mention.start)
        pronoun = next((w for w in words.words_in(clause_start, mention.start) if w.folded in patterns.subject_pronouns), None)
        if pronoun is not None:
            # "Untuk itulah, dia berkunjung ke Bangladesh": the official named last before "dia".
            named = [o for _s, e, o in official_spans if e <= pronoun.start and o.country]
            if named:
                codes.add(named[-1].country)
    return sorted(codes)


def taking_part(
    words: Words, mention: Mention, official_spans, patterns: EventPatterns, next_mention_start: int, previous: Optional[Mention] = None
) -> list:
    """The officials (of a known state) a mention read without a name reports taking part: those
    inside it (``pertemuan dengan Menlu X``) and those named in its clause within
    ``windows.verb_official`` words either side, not the object of the event before (``bertemu A,
    kemudian bertemu B``)."""
    s_start, s_end = mention.sentence
    found = []
    reach = _window("verb_official")
    before_from = words.window_start(mention.start, s_start, reach)
    after_to = words.window_end(mention.end, s_end, reach)
    for s, e, official in official_spans:
        if not (s_start <= s and e <= s_end) or not official.country:
            continue
        if mention.start <= s and e <= mention.end:
            found.append(official)  # "pertemuan dengan Menlu X": the official it is held with
            continue
        if before_from <= e <= mention.start:
            if previous is not None and previous.end <= s < _object_end(words, previous, mention.start, patterns):
                continue  # the object of the event before ("bertemu A, kemudian bertemu B")
            between = words.between(e, mention.start)
        elif mention.end <= s <= min(after_to, next_mention_start):
            between = words.between(mention.end, s)
        else:
            continue
        if _clause_clean(between, patterns):
            found.append(official)
    return found


def _officials_in_joined_names(words: Words, mention: Mention, official_spans) -> set[str]:
    """The states of officials whose names are joined by a hyphen in a mention (``pertemuan
    Jokowi-Xi``): each part written as one of their mentions."""
    by_surface = {m.text: o.country for _s, _e, o in official_spans if o.country for m in o.mentions}
    codes = set()
    for word in words.words_in(mention.start, mention.end):
        parts = _hyphen_parts(word.text)
        if len(parts) > 1:
            codes |= {by_surface[p] for p in parts if p in by_surface}
    return codes


def _object_end(words: Words, mention: Mention, next_mention_start: int, patterns: EventPatterns) -> int:
    """End of the object after a mention: before punctuation, a ``di`` place, a topic
    (``membahas pencalonan RI ... Dewan Keamanan PBB``), the next event."""
    limit = min(words.window_end(mention.end, mention.sentence[1], _window("verb_object")), next_mention_start)
    return words.object_end(mention.end, limit, patterns.object_cutters | patterns.topic_cues)


def object_parties(words: Words, mention: Mention, official_spans, next_mention_start: int, patterns: EventPatterns) -> set[str]:
    """The states a mention is held with: named in its complement (``dengan Menlu Liechtenstein,
    Aurelia Frick``) or in the object after it."""
    start = mention.start + len(mention.head) if mention.kind != VERB else mention.end
    end = max(mention.end, _object_end(words, mention, next_mention_start, patterns))
    codes = words.party_codes_in(start, end)
    return codes | official_states_in(official_spans, start, end)


def _ordinal(words: Words, mention: Mention) -> Optional[int]:
    if mention.kind not in (NAMED, REFERENCE):
        return None
    for index in range(words.first_from(mention.start), words.last_before(mention.end) + 1):
        found = ordinal_value(words, index)
        if found is not None and words[found[0] - 1].end <= mention.end:
            return found[1]
    return None


def cue_after(words: Words, position: int, phrases: Phrases, fillers: tuple[str, ...] = ()) -> Optional[int]:
    """The end of a ``phrases`` cue right after ``position`` (spaces between), optionally after
    each of ``fillers`` in order (``yang``, ``juga``)."""
    index = words.first_from(position)
    if index >= len(words) or not all(ch in SPACES for ch in words.text[position : words[index].start]):
        return None
    return _cue_from(words, index, phrases, fillers)


def _cue_from(words: Words, index: int, phrases: Phrases, fillers: tuple[str, ...]) -> Optional[int]:
    if fillers:
        first, rest = fillers[0], fillers[1:]
        if index < len(words) and words[index].folded == first and index + 1 < len(words) and words.spaced_between(index, index + 1):
            found = _cue_from(words, index + 1, phrases, rest)
            if found is not None:
                return found
        return _cue_from(words, index, phrases, rest)
    after = phrase_at(words, index, phrases)
    return words[after - 1].end if after is not None else None


def _planned(words: Words, mention: Mention, mentions_in_sentence: list[Mention], patterns: EventPatterns) -> bool:
    s_start, s_end = mention.sentence
    earlier = [m.end for m in mentions_in_sentence if m.end <= mention.start]
    later = [m.start for m in mentions_in_sentence if m.start >= mention.end]
    left_bound = max([s_start] + earlier)
    window = words.before(mention.start, left_bound, event_lexicon()["planned_before_window"])
    if any(w in patterns.planned_before for w in window):
        return True
    if cue_after(words, mention.end, patterns.planned_after, (patterns.relative_marker,)) is not None:
        return True
    right_bound = min([s_end] + later)
    return has_phrase(words, mention.end, right_bound, patterns.planned_clause_end)


def _first_word(text: str) -> str:
    """The first word of a date's text, casefolded (``periode`` of ``periode 2018-2021``)."""
    stripped = text.lstrip()
    if not stripped:
        return ""
    if not stripped[0].isalnum():
        return stripped[0]
    end = 0
    while end < len(stripped) and (stripped[end].isalnum() or (stripped[end] in "-\u2010\u2011" and stripped[end + 1 : end + 2].isalnum())):
        end += 1
    return stripped[:end].casefold()


def _assign_in_sentence(words: Words, sentence_mentions, dates, official_spans, patterns: EventPatterns, context) -> None:
    if not sentence_mentions:
        return
    text = words.text
    s_start, s_end = sentence_mentions[0].sentence
    mention_spans = [(m.start, m.end) for m in sentence_mentions]
    date_spans = [(d.start, d.end) for d in dates]

    def owner_before(position: int) -> Optional[Mention]:
        candidates = [m for m in sentence_mentions if m.end <= position]
        if not candidates:
            return None
        owner = candidates[-1]
        if any(w in patterns.reporting for w in words.between(owner.end, position)):
            return None
        return owner

    # Links: "A ... disela rangkaian B", "pertemuan bilateral ... di KTT G20".
    for a, b in zip(sentence_mentions, sentence_mentions[1:]):
        if _link_gap_ok(words, a, b, patterns):
            a.link = b

    # Places after "di", and ", Place, Country" right after a name.
    farther: list[tuple[Mention, tuple[int, int]]] = []
    for index in range(words.first_from(s_start), words.last_before(s_end) + 1):
        preposition = words[index]
        if preposition.text not in patterns.place_prepositions:
            continue
        place_at = words.spaced_after(preposition.end)
        venue_at = _venue_name_at(words, place_at, patterns)
        venue_start = None
        if venue_at is not None:
            venue_start, place_at = words[place_at].start, venue_at  # "di ruang kerja Menhan, Jakarta"
        if place_at is None or not (("A" <= words[place_at].text[0] <= "Z") or words[place_at].text == "("):
            continue
        position = words[place_at].start
        if any(s <= position < e for s, e in mention_spans):
            continue
        place = _read_place(words, position, s_end, patterns, date_spans + mention_spans)
        if place and venue_start is not None:
            place = (venue_start, place[1])
        owner = owner_before(preposition.start)
        if not place or not owner:
            continue
        if (
            owner.location is None
            and len(words.words_in(owner.end, position)) <= _window("location_max")
            and _location_gap_ok(words, owner.end, preposition.start, patterns)
        ):
            owner.location, owner.location_span = text[place[0] : place[1]], place
        elif not any(
            w in patterns.clause_breakers or w in patterns.topic_cues or w in patterns.subordinators
            for w in words.between(owner.end, preposition.start)
        ):
            farther.append((owner, place))  # not "membahas situasi di Ukraina": a topic, not a venue
    for mention in sentence_mentions:
        comma = words.word_at(mention.end)
        place_at = words.spaced_after(mention.end + 1) if comma is not None and comma.text == "," else None
        if mention.location is None and mention.kind == NAMED and place_at is not None and "A" <= words[place_at].text[0] <= "Z":
            place = _read_place(words, words[place_at].start, s_end, patterns, date_spans + mention_spans)
            if place and words.parties_in(*place):
                mention.location, mention.location_span = text[place[0] : place[1]], place

    # A place farther in the sentence, when the event's own clause gives none.
    for owner, place in farther:
        if owner.location is None:
            owner.location, owner.location_span = text[place[0] : place[1]], place

    # A visit with no place of its own is where its visitor arrived ("tiba di Kuching, Malaysia,
    # Selasa, untuk melakukan kunjungan kerja").
    # So is what the visitor came for ("tiba di Kazan, Rusia, untuk menghadiri KTT BRICS"): a
    # purpose word between the place and the event, and no other event between.
    for mention in sentence_mentions:
        if mention.location is None:
            arrival = _arrival_place(words, s_start, mention.start, patterns, date_spans + mention_spans)
            arrival = arrival or _departure_place(words, s_start, mention.start, patterns, date_spans + mention_spans)
            if arrival is not None and mention.type is not EventType.visit:
                between = words.between(arrival[1], mention.start)
                purpose = any(w in patterns.purpose_cues for w in between)
                crossed = any(arrival[1] <= m.start < mention.start for m in sentence_mentions)
                if not purpose or crossed or any(w in patterns.clause_breakers for w in between):
                    arrival = None
            if arrival is not None:
                mention.location, mention.location_span = text[arrival[0] : arrival[1]], arrival
    for mention in sentence_mentions:
        if mention.location is None and mention.type is not EventType.visit:
            visited = _visited_place(words, mention, s_start, patterns, date_spans + mention_spans)
            if visited is not None:
                mention.location, mention.location_span = text[visited[0] : visited[1]], visited

    _fronted_setting(words, s_start, s_end, sentence_mentions, patterns, date_spans + mention_spans)

    # Dates: nearest mention before; a date before every mention goes to the first one, unless
    # the mention's own clause, after it, gives one ("tiba pada Senin malam dijadwalkan bertemu
    # ... pada Selasa (26/7/2022)": Selasa).
    dated_from_before: set[int] = set()
    for record in dates:
        if record.value is None or context.in_boilerplate(record.start, record.end):
            continue
        if any(s <= record.start < e for s, e in mention_spans):
            continue
        owner = owner_before(record.start)
        if owner is not None and _in_subordinate_clause(words, owner.end, record.start, patterns):
            owner = None  # "Lawatan tersebut ... setelah terpilih kembali dalam pemilu 17 April lalu"
        first_word = _first_word(record.text)
        is_period = words.word_before(record.start, s_start) in patterns.period_cues or first_word in patterns.period_cues
        # "ARF ISM (CTTC) periode 2019-2020": a period right after the name qualifies the event.
        if is_period and not (owner is not None and not text[owner.end : record.start].strip()) and not _starts_event(words, owner, record, s_start, patterns):
            continue
        before_all = owner is None and not any(m.end <= record.start for m in sentence_mentions)
        if owner is not None and _in_topic(words, owner, record.start, patterns):
            continue  # "bertemu ... untuk membahas perjanjian yang ditargetkan rampung pada 2025"
        following = _mention_in_clause_after(words, record, sentence_mentions, patterns)
        # The commas of the owner's own place phrase (", Australia,") do not close its clause.
        clause_from = None
        if owner is not None and owner.location_span and owner.end <= owner.location_span[0] and owner.location_span[1] <= record.start:
            clause_from = owner.location_span[1]
        # "bertandang ke Canberra, Australia, pada 2 Februari 2025 untuk bertemu ...": a day that
        # ``pada`` ties to the clause just closed is that clause's event's.
        tied = owner is not None and words.between(clause_from or owner.end, record.start) in ([",", patterns.day_linker], [patterns.day_linker])
        if following is not None and not tied and (owner is None or _clause_punct_between(words, clause_from or owner.end, record.start)):
            # "... pagi ini, Senin (29/1/2018) akan meninggalkan Bangladesh untuk melanjutkan
            # kunjungan kenegaraan ke Afghanistan": the date's own clause names its event.
            owner, before_all = following, True
        if before_all and following is None:
            owner = sentence_mentions[0]
            if any(w in patterns.reporting for w in words.between(record.end, owner.start)):
                owner = None
            elif _dates_a_statement_before(words, s_start, record, patterns):
                owner = None
        if owner is not None and owner.session:
            # A session runs for weeks: the date is the event held at it, or the session's opening.
            linkers = [m for m in sentence_mentions if m.link is owner]
            if linkers:
                owner = linkers[0]
            elif not any(w in patterns.opening_cues for w in words.between(owner.end, record.start)):
                continue
        if owner is None or _on_a_later_day(words, owner, s_start):
            continue
        own_clause = not before_all and id(owner) in dated_from_before
        if owner.date is None or _granularity_rank(record) > _granularity_rank(owner.date) or (
            own_clause and _granularity_rank(record) >= _granularity_rank(owner.date)
        ):
            owner.date = record
            if before_all:
                dated_from_before.add(id(owner))
            else:
                dated_from_before.discard(id(owner))

    # Chairs.
    for mention in sentence_mentions:
        after = cue_after(words, mention.end, patterns.chair_after, patterns.chair_fillers)
        if after is not None:
            for s, _e, official in official_spans:
                if after <= s < s_end and official.name not in mention.chairs:
                    if any(m.start > mention.end and m.start < s for m in sentence_mentions):
                        break
                    mention.chairs.append(official.name)
        cue_start = words.phrase_ending(s_start, mention.start, patterns.chair_before)
        if cue_start is not None:
            subjects = [(s, e, o) for s, e, o in official_spans if s_start <= s and e <= cue_start]
            if subjects:
                s, e, official = subjects[-1]
                between = words.between(e, cue_start)
                window = event_lexicon()["chair_subject_window"]
                if len(between) <= window and _clause_clean(between, patterns) and "," not in between:
                    if official.name not in mention.chairs:
                        mention.chairs.append(official.name)
                    # "duduk bersama memimpin jalannya pertemuan tersebut dengan ... Antonio Guterres,
                    # Presiden AS Donald Trump dan Menlu Inggris Boris Johnson": co-chairs.
                    jointly = any(w in patterns.joint_words for w in words.between(e, mention.start))
                    partner = words.first_from(mention.end)
                    partners = (
                        partner < len(words)
                        and all(ch in SPACES for ch in text[mention.end : words[partner].start])
                        and words[partner].folded in patterns.partner_words
                    )
                    if jointly and partners:
                        limit = min([s_end] + [m.start for m in sentence_mentions if m.start > mention.end])
                        for s2, _e2, partner_official in official_spans:
                            if words[partner].end <= s2 < limit and partner_official.name not in mention.chairs:
                                mention.chairs.append(partner_official.name)


@lru_cache(maxsize=None)
def _fronted_link_cues() -> Phrases:
    return Phrases(event_lexicon()["fronted_link_cues"])


@lru_cache(maxsize=None)
def _fronted_visit_heads() -> Phrases:
    return Phrases(event_lexicon()["fronted_visit_heads"])


def _fronted_setting(words: Words, s_start: int, s_end: int, sentence_mentions: list[Mention], patterns: EventPatterns, stops) -> None:
    """A sentence opening with its main clause's setting, closed by a comma: a place (``Di
    Beijing, Presiden ... bertemu ...``, ``Saat berada di Tokyo, ...``) goes to the first event
    mention after the comma when it has none of its own; an event (``Di sela-sela KTT ASEAN di
    Vientiane, Laos, Presiden ... bertemu ...``) is the one that mention is held during: it
    takes that event's place and date when it has none (``Mention.link``)."""
    first = words.first_from(s_start)
    if first >= len(words) or words[first].start >= s_end:
        return
    frame: Optional[Mention] = None
    after_cue = phrase_at(words, first, _fronted_link_cues(), s_end)
    if after_cue is not None and after_cue < len(words):
        frame = next((m for m in sentence_mentions if m.start >= words[after_cue - 1].end), None)
        if frame is None or any(w not in patterns.link_cue_followers for w in words.between(words[after_cue - 1].end, frame.start)):
            return
        setting_end = frame.location_span[1] if frame.location_span and frame.location_span[1] > frame.end else frame.end
        place = None
    else:
        openers = frozenset(event_lexicon()["fronted_place_openers"])
        index = first
        while index < len(words) and words[index].folded in openers:
            index += 1
        travelled = phrase_at(words, index, _fronted_visit_heads(), s_end)
        trip_start = words[index].start if index < len(words) else s_end
        if travelled is not None and travelled < len(words) and words[travelled].folded in patterns.destination_words:
            # "Dalam kunjungan kerja ke Tokyo, Presiden ... bertemu ...": the trip's destination,
            # when it names a city or a venue, places what follows; a country alone is the whole trip.
            index = travelled
        else:
            travelled = None
            if index >= len(words) or words[index].folded not in patterns.place_prepositions:
                return
        place_at = words.spaced_after(words[index].end)
        venue_at = _venue_name_at(words, place_at, patterns)
        opening = words[place_at].start if venue_at is not None else None
        place_at = venue_at if venue_at is not None else place_at
        if place_at is None or not words[place_at].text[:1].isupper():
            return
        # Only the trip's own verb (``Saat berkunjung ke Tokyo``) may stand before the place.
        trip_verb = lambda m: travelled is not None and m.type is EventType.visit and m.start >= trip_start  # noqa: E731
        if any(m.start < words[place_at].start and not trip_verb(m) for m in sentence_mentions):
            return
        trip = next((m for m in sentence_mentions if trip_verb(m) and m.location_span), None)
        place = trip.location_span if trip is not None else _read_place(words, words[place_at].start, s_end, patterns, stops)
        if not place or (travelled is not None and not _names_a_site(words, *place)):
            return
        place = (opening, place[1]) if opening is not None else place
        setting_end = place[1]
        # "Dalam kunjungannya ke Tokyo pada Rabu (27/7/2022), ...": the setting's day before the comma
        day = min(
            ((st, e) for st, e in stops if st >= setting_end and not any(m.start < e and st < m.end for m in sentence_mentions)),
            default=None,
        )
        if day is not None and words.between(setting_end, day[0]) in ([], [patterns.day_linker]):
            setting_end = day[1]
    comma = words.first_from(setting_end)
    if comma >= len(words) or words[comma].text != "," or words[comma].start >= s_end:
        return
    target = next((m for m in sentence_mentions if m.start >= words[comma].end), None)
    if target is None or target is frame:
        return
    between = words.between(words[comma].end, target.start)
    if any(w in patterns.clause_breakers or w in patterns.subordinators for w in between):
        return
    if place is not None and any(w in patterns.reporting for w in between):
        return  # "Setibanya di Bandara Soekarno-Hatta, Menlu mengatakan pertemuan ...": where it was said
    if frame is not None:
        if target.link is None:
            target.link = frame
    elif target.location is None:
        target.location, target.location_span = words.text[place[0] : place[1]], place


def carry_day_forward(words: Words, mentions: list[Mention], dates: list[DateRecord], patterns: EventPatterns, context) -> None:
    """Events of a sentence opening with a sequence phrase (``Selanjutnya, ...``, ``Siang harinya,
    ...``) and no date of their own are on the day of the latest dated event before, when no other
    date stands between: the text goes on with that day's programme. First, a sentence with no
    event mention goes on reporting the event of the sentence before it
    (:func:`continue_from_next_sentence`)."""
    continue_from_next_sentence(words, mentions, dates, patterns, context)
    day: Optional[DateRecord] = None
    sentences: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        sentences.setdefault(mention.sentence, []).append(mention)
    for (s_start, _s_end), in_sentence in sorted(sentences.items()):
        first = words.first_from(s_start)
        if day is not None and phrase_at(words, first, patterns.sequence_openers) is not None:
            between = [d for d in dates if day.end <= d.start < s_start and d.value is not None and not context.in_boilerplate(d.start, d.end)]
            if not between:
                for mention in in_sentence:
                    if mention.date is None and mention.kind != REFERENCE:
                        mention.date = day
        dated = [m.date for m in in_sentence if m.date is not None and _granularity_rank(m.date) == 2]
        # "pada hari keempat kunjungannya di Kamboja, Sabtu, 12 November 2022": not the visit's
        # start, but the day the programme that follows is on.
        dated += [
            d
            for m in in_sentence
            if m.date is None and _on_a_later_day(words, m, s_start)
            for d in dates
            if m.end <= d.start < _s_end and d.value is not None and _granularity_rank(d) == 2 and not context.in_boilerplate(d.start, d.end)
        ][:1]
        if dated:
            day = max(dated, key=lambda d: d.start)


def continue_from_next_sentence(words: Words, mentions: list[Mention], dates: list[DateRecord], patterns: EventPatterns, context) -> None:
    """A sentence that names no event, right after a sentence that does, goes on reporting it
    (``Presiden Jokowi menerima surat kepercayaan ... . Lokasi di Istana Merdeka Jakarta, Kamis
    (8/8/2024).``, ``... tiba di Kazan untuk menghadiri KTT BRICS. Dalam agenda yang bakal dihelat
    ... pada 23-24 Oktober 2024 ini.``). When neither the event's sentence nor its mentions hold a
    date, its mentions take the first day of that sentence that lies near publication (the news
    days: ``continued_day_reach``; history like ``17 Agustus 1945`` is not the event's) and that
    no reporting verb (a statement's day) or subordinator (another clause's) comes before. When
    none of them has a place, they take the place after ``di`` following a venue cue
    (``continued_venue_cues``: ``Lokasi di``, ``berlangsung di``)."""
    lexicon = event_lexicon()
    venue_cues = frozenset(lexicon["continued_venue_cues"])
    reach = lexicon["continued_day_reach"]
    statement_words = frozenset(w.casefold() for w in lexicon["continued_statement_words"])
    sentences = _sentences(context.doc)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    usable = [d for d in dates if d.value is not None and not context.in_boilerplate(d.start, d.end)]
    mention_spans = [(m.start, m.end) for m in mentions]
    for (s_start, s_end), (n_start, n_end) in zip(sentences, sentences[1:]):
        in_sentence = by_sentence.get((s_start, s_end))
        if not in_sentence or (n_start, n_end) in by_sentence or any(n_start <= s < n_end for s, _e in mention_spans):
            continue
        receivers = [m for m in in_sentence if m.kind != REFERENCE]
        own_dated = any(s_start <= d.start < s_end for d in usable) or any(m.date is not None for m in in_sentence)
        day = next((d for d in usable if n_start <= d.start < n_end and _granularity_rank(d) == 2), None)
        if receivers and not own_dated and day is not None and _near_publication(day, context, reach):
            before = words.between(n_start, day.start)
            future = any(w in patterns.planned_before for w in before)
            statement = any(w in patterns.reporting or w in statement_words or w in patterns.subordinators for w in before)
            statement = statement or _in_quotation(words.text, n_start, day.start)
            if not statement and future == any(m.planned for m in receivers):
                for mention in receivers:
                    mention.date = day
        if receivers and all(m.location is None for m in in_sentence):
            place = _venue_cue_place(words, n_start, n_end, venue_cues, patterns, [(d.start, d.end) for d in dates])
            if place is not None:
                for mention in receivers:
                    mention.location, mention.location_span = words.text[place[0] : place[1]], place


def _dates_a_statement_before(words: Words, s_start: int, record: DateRecord, patterns: EventPatterns) -> bool:
    """Whether a date set off by a comma after a reporting or citing word, before every event
    mention of its sentence, dates the statement (``Menurut ... kepada Antara, Sabtu, Ku Ka
    terpilih ... Web Summit``, ``Mengutip Reuters, Minggu (29/10), Tsai berangkat ...``)."""
    if not words.text[s_start : record.start].rstrip().endswith(","):
        return False
    statement_words = frozenset(w.casefold() for w in event_lexicon()["continued_statement_words"])
    return any(w in patterns.reporting or w in statement_words for w in words.between(s_start, record.start))


def _in_quotation(text: str, start: int, position: int) -> bool:
    """Whether a quotation opened in ``[start, position)`` is still open at ``position`` (a quote's
    ``hari ini`` is the speaker's)."""
    stretch = text[start:position]
    return stretch.count("\u201c") > stretch.count("\u201d") or stretch.count('"') % 2 == 1


def _near_publication(record: DateRecord, context, reach: int) -> bool:
    """Whether a day lies at most ``reach`` days from a publication date known to the day."""
    if context.published is None or context.published_source not in ("input", "text"):
        return False
    try:
        day = dt.date.fromisoformat(record.value)
    except (TypeError, ValueError):
        return False
    return abs((day - context.published).days) <= reach


def _venue_cue_place(words: Words, start: int, end: int, cues: frozenset[str], patterns: EventPatterns, stops) -> Optional[tuple[int, int]]:
    """The place after the first ``<venue cue> di`` (``Lokasi di Istana Merdeka Jakarta``) in ``[start, end)``."""
    for index in range(words.first_from(start), words.last_before(end)):
        if words[index].folded not in cues:
            continue
        preposition = words.spaced_after(words[index].end)
        if preposition is None or words[preposition].text not in patterns.place_prepositions:
            continue
        place_at = words.spaced_after(words[preposition].end)
        venue_at = _venue_name_at(words, place_at, patterns)
        opening = words[place_at].start if venue_at is not None else None
        place_at = venue_at if venue_at is not None else place_at
        if place_at is None or words[place_at].start >= end or not words[place_at].text[:1].isupper():
            continue
        place = _read_place(words, words[place_at].start, end, patterns, stops)
        if place:
            return (opening, place[1]) if opening is not None else place
    return None


def _starts_event(words: Words, owner: Optional[Mention], record: DateRecord, s_start: int, patterns: EventPatterns) -> bool:
    """``berkunjung ke Tiongkok sejak Senin 25 April``, ``kunjungan kerja di Bratislava, Slovakia
    dari 22 November``: a day after a start cue in the event's own clause is when it began."""
    cue = words.last_before(record.start)
    if owner is None or cue < 0 or words[cue].folded not in patterns.period_start_cues or _granularity_rank(record) < 2:
        return False
    return words[cue].start >= owner.end and _location_gap_ok(words, owner.end, words[cue].start, patterns)


def _in_subordinate_clause(words: Words, start: int, end: int, patterns: EventPatterns) -> bool:
    """Whether a subordinator (``setelah``, ``ketika``; not a purpose word: ``Duta Besar Australia
    untuk Indonesia``) opens another clause between an event mention and a date; a start cue right
    before the date (``sejak Senin``) does not count."""
    between = words.words_in(start, end)
    if between and between[-1].folded in patterns.period_start_cues:
        between = between[:-1]
    return any(w.folded in patterns.subordinators and w.folded not in patterns.purpose_cues for w in between)


def _venue_name_at(words: Words, index: Optional[int], patterns: EventPatterns) -> Optional[int]:
    """A lowercase venue noun opening a place phrase (``ruang kerja Menhan``, ``gedung tamu negara
    Diaoyutai``): the index of the capitalised word that names it, after at most
    ``venue_modifiers`` lowercase words. A venue owned by the sentence's subject (``ruang
    kerjanya``, ``kediamannya``) is named after a comma: ``di ruang kerjanya, Gedung Pancasila,
    Jakarta``."""
    if index is None or not is_plain_lower(words[index].text):
        return None
    suffix = event_lexicon()["possessive_suffix"]
    folded = words[index].folded
    if folded not in patterns.venue_nouns and not (folded.endswith(suffix) and folded[: -len(suffix)] in patterns.venue_nouns):
        return None
    current = index
    following = words.spaced_after(words[index].end)
    for _ in range(event_lexicon()["venue_modifiers"] + 1):
        if words[current].folded.endswith(suffix):
            return _named_after_comma(words, current)
        if following is None:
            return None
        if words[following].text[:1].isupper():
            return following
        if not is_plain_lower(words[following].text) or words[following].folded in patterns.function_words:
            return None
        current, following = following, words.spaced_after(words[following].end)
    return None


def _named_after_comma(words: Words, index: int) -> Optional[int]:
    """The capitalised word after a comma right after word ``index`` (``kerjanya, Gedung``)."""
    comma = index + 1
    if comma >= len(words) or words[comma].text != "," or words[comma].start != words[index].end:
        return None
    named = words.spaced_after(words[comma].end)
    return named if named is not None and words[named].text[:1].isupper() else None


def _on_a_later_day(words: Words, mention: Mention, s_start: int) -> bool:
    """``pada hari keempat kunjungannya di Kamboja, Sabtu``, ``hari terakhir KTT``: the mention is
    qualified by a later day of the event, so the date is not when it began (``hari pertama`` is)."""
    index = words.last_before(mention.start)
    if index < 1 or words[index - 1].start < s_start or words[index - 1].folded != "hari":
        return False
    if words[index].folded in event_lexicon()["later_day_words"]:
        return True
    value = parse_ordinal(words[index].text)
    return value is not None and value >= 2


@lru_cache(maxsize=None)
def _tour_list_cues() -> Phrases:
    return Phrases(event_lexicon()["tour_list_cues"])


def _tour_list(words: Words, mention: Mention, s_end: int, patterns: EventPatterns) -> Optional[tuple[int, int]]:
    """``lawatan ke lima negara, yakni China, Amerika Serikat, Peru, Brasil, dan Inggris``: the
    states listed after a tour's count (two at least, joined by commas, ``dan``, ``serta``)."""
    if not resource_regex(event_lexicon()["tour_destination"]).search(mention.text):
        return None
    index = words.first_from(mention.end)
    if index < len(words) and words[index].text == ",":
        index += 1
    after_cue = phrase_at(words, index, _tour_list_cues(), s_end) if index < len(words) else None
    if after_cue is None or after_cue >= len(words):
        return None
    start = words[after_cue].start
    listed: list[tuple[int, int]] = []
    for s, e, _code in words.parties_in(start, s_end):
        gap = words.between(listed[-1][1] if listed else start, s)
        if any(w not in (",", ":") and w not in patterns.co_held_joiners for w in gap) or (not listed and gap not in ([], [":"])):
            break
        listed.append((s, e))
    return (listed[0][0], listed[-1][1]) if len(listed) >= 2 else None


def _in_topic(words: Words, owner: Mention, position: int, patterns: EventPatterns) -> bool:
    """Whether a topic cue (``membahas``, ``soal``, ``isu``) after an event mention opens what
    ``position`` lies in: a date there is the topic's (``membahas perjanjian yang ditargetkan
    rampung pada 2025``, ``mengangkat isu tahun depan``), not when the event is held, unless a
    held cue (``yang digelar``, ``berlangsung``) after the topic comes back to the event."""
    between = words.words_in(owner.end, position)
    # Written in lower case: ``KTT Terkait ASEAN`` is a name, not a topic.
    topic = max((i for i, w in enumerate(between) if w.folded in patterns.topic_cues and is_plain_lower(w.text)), default=None)
    if topic is None:
        return False
    held = frozenset(event_lexicon()["continued_venue_cues"])
    return not any(w.folded in held for w in between[topic + 1 :])


def _clause_punct_between(words: Words, start: int, end: int) -> bool:
    return any(w.text in CLAUSE_PUNCT for w in words.words_in(start, end))


def _mention_in_clause_after(words: Words, record: DateRecord, sentence_mentions, patterns: EventPatterns) -> Optional[Mention]:
    """The first event mention after a date in the date's clause (no clause punctuation, reporting
    verb or clause breaker between), when the date does not close its clause."""
    for mention in sentence_mentions:
        if mention.start < record.end:
            continue
        between = words.words_in(record.end, mention.start)
        if not between or between[0].text in CLAUSE_PUNCT:
            return None
        if any(w.text in CLAUSE_PUNCT or w.folded in patterns.reporting or w.folded in patterns.clause_breakers for w in between):
            return None
        return mention
    return None


def _arrival_place(words: Words, start: int, end: int, patterns: EventPatterns, stops) -> Optional[tuple[int, int]]:
    """The place after the last ``tiba di`` (an arrival cue and a place preposition) in ``[start, end)``."""
    return _travel_place(words, start, end, patterns.arrival_cues, patterns.place_prepositions, patterns, stops)


def _departure_place(words: Words, start: int, end: int, patterns: EventPatterns, stops) -> Optional[tuple[int, int]]:
    """The place after the last ``bertolak menuju``/``terbang ke`` in ``[start, end)``: where the traveller went."""
    lexicon = event_lexicon()
    cues = frozenset(w.casefold() for w in lexicon["departure_cues"])
    prepositions = frozenset(lexicon["departure_prepositions"])
    return _travel_place(words, start, end, cues, prepositions, patterns, stops)


def _travel_place(words: Words, start: int, end: int, cues, prepositions, patterns: EventPatterns, stops) -> Optional[tuple[int, int]]:
    found = None
    for index in range(words.first_from(start), words.last_before(end)):
        if words[index].folded not in cues:
            continue
        preposition = words.spaced_after(words[index].end)
        if preposition is None or words[preposition].text not in prepositions:
            continue
        place_at = words.spaced_after(words[preposition].end)
        if place_at is not None and words[place_at].start < end and words[place_at].text[:1].isupper():
            place = _read_place(words, words[place_at].start, end, patterns, stops)
            found = place or found
    return found


def _visited_place(words: Words, mention: Mention, s_start: int, patterns: EventPatterns, stops) -> Optional[tuple[int, int]]:
    """``mendatangi Kementerian Luar Negeri menemui Menlu Retno``: the place a ``venue_visit_verbs``
    verb goes to, right before the event (only a comma or a purpose word between)."""
    verbs = frozenset(w.casefold() for w in event_lexicon()["venue_visit_verbs"])
    before = words.words_in(s_start, mention.start)
    verb = next((i for i in range(len(before) - 1, -1, -1) if before[i].folded in verbs), None)
    if verb is None:
        return None
    place_at = words.spaced_after(before[verb].end)
    venue_at = _venue_name_at(words, place_at, patterns)
    opening = words[place_at].start if venue_at is not None else None
    place_at = venue_at if venue_at is not None else place_at
    if place_at is None or words[place_at].start >= mention.start or not words[place_at].text[:1].isupper():
        return None
    place = _read_place(words, words[place_at].start, mention.start, patterns, stops)
    if not place:
        return None
    rest = words.words_in(place[1], mention.start)
    named = 0
    while named < len(rest) and rest[named].text[:1].isupper():
        named += 1  # the rest of a capitalised name the place reader stopped in (``Kementerian Luar Negeri``)
    if named:
        place = (place[0], rest[named - 1].end)
    if any(w.text != "," and w.folded not in patterns.purpose_cues for w in rest[named:]):
        return None
    return (opening, place[1]) if opening is not None else place


def _location_gap_ok(words: Words, start: int, end: int, patterns: EventPatterns) -> bool:
    gap = words.words_in(start, end)
    for index, word in enumerate(gap):
        if word.text[:1].isupper() or word.text in {",", "(", ")", "-"} or word.folded in patterns.location_gap:
            continue
        if word.folded in patterns.location_gap_connectors and gap[index + 1 : index + 2] and gap[index + 1].text[:1].isupper():
            continue  # inside a title or name: "Duta Besar China untuk Indonesia Wang Lutong di"
        return False
    return True


def _granularity_rank(record: DateRecord) -> int:
    return {"year": 0, "month": 1, "day": 2}[record.granularity.value if hasattr(record.granularity, "value") else record.granularity]


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


def _located(cluster: EventCluster) -> Optional[Mention]:
    """The mention whose location is the event's: the first of its defining mentions, then of
    the others, then of the events they are linked to, that has one."""
    ordered = cluster.defining + [m for m in cluster.mentions if m not in cluster.defining]
    if cluster.type is EventType.visit:
        # A visit is where its first written place is (``kunjungan Menlu China ke Indonesia ini``
        # before ``berkunjung ke Toba``, a stop of it; ``tiba di Kuching, Malaysia, ... untuk
        # kunjungan kerja`` before ``bertolak ke Malaysia``), whatever kind of mention holds it.
        placed = [m for m in cluster.mentions if m.location and m.location_span]
        if placed:
            return min(placed, key=lambda m: m.location_span[0])
    located = next((m for m in ordered if m.location), None)
    return located or next((m.link for m in ordered if m.link is not None and m.link.location), None)


def _to_event(cluster: EventCluster, text: str, context: ExtractionContext, words: Words) -> Event:
    defining = cluster.defining
    named = [m for m in defining if m.kind == NAMED]
    name_source = max(named, key=lambda m: len(_collapse(m.text))) if named else defining[0]
    ordered = defining + [m for m in cluster.mentions if m not in defining]
    located = _located(cluster)
    location = located.location if located is not None else None
    date = next((m.date for m in ordered if m.date is not None), None)
    if date is None:
        for m in ordered:
            linked = m.link
            if linked is None:
                continue
            date = date or linked.date
    if date is not None and date.value is not None and date.value_end is None and _granularity_rank(date) < 2:
        # ``Konferensi ICOMON 2017`` ... ``konferensi ICOMON Ke-24 ini akan dilaksanakan pada 3-6
        # September 2017``: a finer date of another mention, inside the coarser one, says when.
        date = next(
            (
                m.date
                for m in ordered
                if m.date is not None
                and m.date.value is not None
                and _granularity_rank(m.date) > _granularity_rank(date)
                and m.date.value.startswith(date.value)
                and m.date.start >= m.end  # the mention's own clause, not a day written before it
            ),
            date,
        )
    parties = cluster.parties or {p for m in cluster.mentions for p in m.parties}
    if cluster.type is EventType.visit and location and parties:
        # A visit is between the visitor's state and its destination's.
        parties = set(parties) | words.party_codes_in(*located.location_span)
    if cluster.type is EventType.visit and location is None:
        # A tour's place is the list of its states, read once the visit is whole (a leg named on
        # its own, "kunjungan ke Cina", stays its own visit).
        listed = next((span for m in ordered if (span := _tour_list(words, m, m.sentence[1], event_patterns())) is not None), None)
        if listed is not None:
            location = text[listed[0] : listed[1]]
            parties = set(parties) | words.party_codes_in(*listed)
    if not parties:
        parties = {p for m in cluster.mentions if m.session_part and m.link is not None for p in m.link.parties}
    chairs: list[str] = []
    for m in cluster.mentions:
        chairs.extend(c for c in m.chairs if c not in chairs)
    start = date.value if date is not None else None
    end = date.value_end if date is not None else None
    # The mention kinds, then the trigger patterns that found them: "named+reference:head|ktt".
    rule = "+".join(sorted({m.kind for m in cluster.mentions}))
    patterns = sorted({m.pattern for m in cluster.mentions if m.pattern})
    if patterns:
        rule += ":" + ",".join(patterns)
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


def _names_a_site(words: Words, start: int, end: int) -> bool:
    """Whether a place phrase names more than states (``Kuching, Malaysia``, ``Istana Presiden
    Arg``; not ``Myanmar dan Bangladesh``): a capitalised word of it, after a space, lies in no
    country or bloc name."""
    found = words.parties_in(start, end)
    return any(
        (w.start == start or words.text[w.start - 1].isspace())
        and w.text[:1].isupper()
        and not any(s <= w.start < e for s, e, _c in found)
        for w in words.words_in(start, end)
    )


def _inherit_from_visits(clusters: list[EventCluster], events: list[Event], words: Words) -> None:
    """A meeting held during a visit, with no place, date or parties of its own, takes the visit's
    latest named destination (``kunjungan kenegaraan ke Istana Presiden Arg``), its date and, when
    its own parties are among the visit's, the visit's parties."""
    by_mention = {id(m): events[i] for i, c in enumerate(clusters) for m in c.mentions}
    visit_clusters = {id(m): c for c in clusters for m in c.mentions}
    for cluster, event in zip(clusters, events):
        first = min(cluster.mentions, key=lambda m: m.start)
        visit_mention = first.during_visit
        named = any(m.kind == NAMED for m in cluster.mentions)
        if visit_mention is None or cluster.type is EventType.visit or (named and (cluster.planned or event.location is not None)):
            continue
        visit = by_mention.get(id(visit_mention))
        if visit is None:
            continue
        venue_of = visit_mention if visit_mention.location else _located(visit_clusters[id(visit_mention)])
        venue = venue_of.location if venue_of is not None else None
        reported = first.start > visit_mention.end and any(
            w in event_patterns().reporting for w in words.between(visit_mention.end, first.start))
        if venue and _names_a_site(words, *venue_of.location_span) and event.location is None and not reported:
            # Only a venue or a city ("Istana Presiden Arg", "Kuching, Malaysia") places the
            # meeting: a country alone is the whole visit. A meeting a statement made during the
            # visit reports ("..., Presiden mengatakan pertemuan dengan PM Kishida penting") may be
            # held anywhere.
            event.location = _collapse(venue)
            if event.start is None and visit.start is not None:
                event.start, event.end = visit.start, visit.end
        one_day = visit.start is not None and len(visit.start) == 10 and visit.end is None
        if event.start is None and one_day and cluster.type is EventType.meeting and not cluster.planned:
            # A one-day visit dates what is held during it ("melakukan kunjungan kenegaraan ke Dili,
            # Timor Leste, hari ini. Mengawali kunjungannya, Jokowi melakukan pertemuan bilateral").
            event.start = visit.start
        if set(event.parties) <= set(visit.parties):
            event.parties = list(visit.parties)


def inherit_from_frames(clusters: list[EventCluster], events: list[Event]) -> None:
    """An event held during another (a mention linked by ``di sela``, ``Di sela KTT tersebut,``,
    ``dalam rangkaian``) with no place of its own is where that event is, whichever mention of it
    gives the place (the frame is often a reference, ``KTT tersebut``, whose event was placed in
    an earlier sentence); with no date of its own it takes the frame's day when the frame is one
    day (a meeting on the sidelines of a three-day summit is on one of its days, not from its
    first to its last)."""
    event_of = {id(m): events[i] for i, c in enumerate(clusters) for m in c.mentions}
    for cluster, event in zip(clusters, events):
        frames = [event_of.get(id(m.link)) for m in sorted(cluster.mentions, key=lambda m: m.start) if m.link is not None]
        frame = next((f for f in frames if f is not None and f is not event), None)
        if frame is None:
            continue
        if event.location is None and frame.location is not None:
            event.location = frame.location
        if event.start is None and frame.start is not None and frame.end is None and len(frame.start) == 10:
            event.start = frame.start
