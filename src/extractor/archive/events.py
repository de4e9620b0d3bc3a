"""Event consolidation: event records of different articles that report one real event become
one archive event, with all its sources, the best-supported value of each field and every
disagreement kept. A visit and the meetings held during it stay separate, linked.

Two reports may be one event only when nothing rules it out (hard constraints): different
articles, compatible types (``event_type_groups`` of ``resources/id/archive.json``), overlapping
dates, a shared ordinal if both give some (a report's ordinal is its record's, or failing that
those its name writes in digits, :func:`name_ordinals`), and a shared party besides Indonesia if both name
one (not between reports of a multilateral event: :func:`parties_differ`). When a report gives no date, its article's publication date stands in with a window
(:data:`HELD_WINDOW`, :data:`PLANNED_WINDOW`), unless its name writes the year (then that year
stands in). They are then one event when the evidence adds up
to :data:`MERGE_SCORE`: a shared ordinal (2), the same distinctive name words (2, or 1 when
half of them are shared; a state the name writes is a party, not a name word), a shared party
besides Indonesia (1), both reporting dates that overlap (1), the same place (1, a state and a
place in it too: :func:`place_relation`; a different place -1), a person taking part in both
(1; none in common -1, but not between two summits or conferences: many leaders attend one),
one trip when one of them names no participant (1, :func:`hold_in_trips`).

Records of one article that name one event alike (:func:`same_article_duplicates`: a partial
record of a mention) are one report first. Reports are joined best pair first; two groups join only if no pair across them contradicts
(:func:`contradicts`: all of the above but the guessed date windows), so a chain of near
matches never joins two reports that contradict each other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from .names import archive_resources, known_aliases, name_key, plain, slug

INDONESIA = "ID"
MERGE_SCORE = 2
MULTILATERAL = {"summit", "conference"}
HELD_WINDOW = (-10, 3)  # days around the publication date: a held event without a date
PLANNED_WINDOW = (0, 30)
# Outlets disagree on dates by a day or two (the day of the report, time zones, a two-day
# summit given by its opening or closing day): intervals this close still overlap. Not a month
# or a year that a report gives: `2016` and `2017` are two years, however close their ends.
DATE_SLACK = dt.timedelta(days=2)
# Reports sharing one name are compared across time only in groups up to this size (a name as
# common as `pertemuan bilateral` is no evidence anyway: its words are all stop words).
NAME_GROUP_LIMIT = 200
_WORD = re.compile(r"[^\W_]+")
# An ordinal written in a name in digits (`KTT ke-31 ASEAN`, `56th ASEAN Foreign Ministers
# Meeting`); number words are left out (`pertemuan kedua negara` is the two states' meeting).
_NAME_ORDINAL = re.compile(r"(?<![\w-])(?:ke[-\u2010\u2011\u2013](\d{1,3})|(\d{1,3})(?:st|nd|rd|th))(?![\w-])", re.IGNORECASE)


@dataclass
class EventRow:
    event_id: int
    doc_id: str
    type: str
    name: str
    ordinal: Optional[int]
    location: Optional[str]
    start: Optional[str]
    end: Optional[str]
    status: Optional[str]
    published: Optional[str]
    parties: frozenset
    persons: frozenset
    interval: Optional[tuple[dt.date, dt.date]]
    reported: bool  # the interval comes from the event's own date
    words: frozenset  # distinctive words of the name, less its people and its own place
    places: frozenset
    ordinals: frozenset = frozenset()  # the record's ordinal, or those its name writes
    long_words: frozenset = frozenset()  # the words of the long forms its short forms stand for
    place_words: frozenset = frozenset()  # the place's words less those naming a state
    place_states: frozenset = frozenset()  # the states the place names or lies in
    name_states: frozenset = frozenset()  # the states the name writes (`Forum Bisnis Indonesia-Mesir`)
    state_words: frozenset = frozenset()  # the words of ``words`` that write them
    kind: str = ""  # the type resolution goes by (a courtesy call typed `visit` is a meeting)
    trips: frozenset = frozenset()  # the resolved visits its article holds it in (:func:`hold_in_trips`)
    coarse: bool = False  # the interval is a month or a year the record or its name gives

    def __post_init__(self):
        self.kind = self.kind or self.type

    @property
    def foreign(self) -> frozenset:
        return self.parties - {INDONESIA}

    @property
    def blocs(self) -> frozenset:
        """The parties that are no state: blocs and organisations (`ASEAN`, `G20`, `UN`)."""
        return self.parties - _state_codes()

    @property
    def multilateral(self) -> bool:
        """A summit or conference, or a report naming a bloc or two states besides Indonesia, but
        not a visit: a visit to two states is a tour, and visits to other states are other visits."""
        if self.kind == "visit":
            return False
        return self.kind in MULTILATERAL or bool(self.blocs) or len(self.foreign - self.blocs) >= 2

    @property
    def naming_words(self) -> frozenset:
        """The name's words that say which event it is: a state the name writes is a party."""
        return self.words - self.state_words


def date_range(value: Optional[str], value_end: Optional[str] = None) -> Optional[tuple[dt.date, dt.date]]:
    """The days a partial ISO date (or range) covers: ``2017-11`` → 1..30 November 2017."""
    if not value:
        return None
    low = _bounds(value)[0]
    high = _bounds(value_end or value)[1]
    return (low, high) if high >= low else (low, _bounds(value)[1])


def _bounds(value: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


@lru_cache(maxsize=1)
def _state_codes() -> frozenset:
    from ..normalize.countries import country_phrases

    return frozenset(country_phrases().values())


def parties_differ(a: "EventRow", b: "EventRow") -> bool:
    """Whether the parties say two reports are of different events: besides Indonesia they share
    none, and one report is bilateral (a meeting with another state is another meeting) or
    both name blocs (`G20` and `APEC`). Two reports of a multilateral event may each name the
    states of the delegations they mention (the ASEAN Regional Forum as `KP, US` and as `CN,
    JP`): that is no contradiction. Nor is a name writing states (`KTT ASEAN-Jepang`) written
    alike by both: two names writing states besides Indonesia that share none differ
    (`KTT ASEAN-Jepang` and `KTT ASEAN-India`, one bloc in common)."""
    named_a, named_b = a.name_states - {INDONESIA}, b.name_states - {INDONESIA}
    if named_a and named_b and not named_a & named_b:
        return True
    if not a.foreign or not b.foreign or a.foreign & b.foreign:
        return False
    if (a.multilateral or b.multilateral) and a.naming_words & b.naming_words:
        return False  # one forum named alike (`ARF`): its organiser or delegations given differently
    if a.blocs and b.blocs:
        return True
    return not (a.multilateral and b.multilateral)


def _type_group() -> dict[str, int]:
    return {kind: i for i, group in enumerate(archive_resources()["event_type_groups"]) for kind in group}


# `G-20`, `G 20` and `G20` are one word (a letter and a number naming a group of states), and
# so are `COP 21` and `COP21` (an acronym in capitals and a number of up to three digits).
_LETTER_NUMBER = re.compile(r"\b([^\W\d_])[- ]?(\d+)\b")
_ACRONYM_NUMBER = re.compile(r"\b([A-Z]{2,5})[- ]?(\d{1,3})\b")
# A year written in a name (`Konferensi Perubahan Iklim Paris 2015`) dates an undated report.
_NAME_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    pairs = dict(archive_resources()["event_name_abbreviations"])
    alternatives = "|".join(r"\s+".join(map(re.escape, long.split())) for long in sorted(pairs, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b"), {" ".join(long.split()): short for long, short in pairs.items()}


def name_words(text: str) -> list[str]:
    """The words of an event name, long forms replaced by their short form (``Forum Regional
    ASEAN`` → ``arf``, ``Konferensi Tingkat Tinggi G-20`` → ``ktt g20``)."""
    pattern, short = _abbreviations()
    words = " ".join(_WORD.findall(plain(_ACRONYM_NUMBER.sub(r"\1\2", text))))
    words = _LETTER_NUMBER.sub(r"\1\2", words)
    return pattern.sub(lambda m: short[" ".join(m.group(0).split())], words).split()


@lru_cache(maxsize=1)
def _long_form_words() -> dict[str, frozenset]:
    """Each one-word short form → the words of its long forms (``arf`` → ``asean``, ``regional``,
    ``forum``), stop words left in (the caller takes them out)."""
    table: dict[str, set[str]] = defaultdict(set)
    for long, short in archive_resources()["event_name_abbreviations"]:
        if len(short.split()) == 1:
            table[short].update(_WORD.findall(plain(long)))
    return {short: frozenset(words) for short, words in table.items()}


def long_words(words: frozenset, stopwords: set[str]) -> frozenset:
    """The distinctive words of the long forms of the short forms among ``words``: a name that
    writes part of a long form (``forum regional di Manila``) shares them with the short form
    (``ARF``)."""
    table = _long_form_words()
    return frozenset(w for short in words for w in table.get(short, ()) if w not in stopwords and len(w) > 1) - words


def name_ordinals(name: Optional[str]) -> frozenset:
    """The ordinals a name writes in digits (`KTT Ke-40 dan Ke-41 ASEAN`: two summits held
    jointly, either of which another report may name alone)."""
    return frozenset(int(a or b) for a, b in _NAME_ORDINAL.findall(name or ""))


def _distinctive(words: list[str], stopwords: set[str]) -> frozenset:
    return frozenset(w for w in words if w not in stopwords and not w.isdigit() and len(w) > 1)


def _words(text: Optional[str], stopwords: set[str]) -> frozenset:
    return _distinctive(name_words(text), stopwords) if text else frozenset()


def _places(location: Optional[str], stopwords: set[str]) -> frozenset:
    """The words of a place phrase and the states its parts name (``Cina`` and ``Tiongkok`` both
    give ``@CN``), so that two spellings of one country are one place."""
    if not location:
        return frozenset()
    words = _distinctive(_WORD.findall(plain(location)), stopwords)
    return words | {f"@{code}" for code in _named_states(location)}


def _named_states(location: str) -> set[str]:
    from ..normalize.countries import country_code

    parts = [p.strip() for p in re.split(r"[,;]| dan ", location) if p.strip()]
    return {code for code in map(country_code, parts + location.split()) if code}


@lru_cache(maxsize=1)
def _place_table() -> tuple[Optional[re.Pattern], dict[str, str]]:
    table = {
        " ".join(_WORD.findall(plain(place))): code
        for code, places in archive_resources().get("place_states", {}).items() for place in places
    }
    if not table:
        return None, table
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b"), table


def place_parts(location: Optional[str], stopwords: set[str]) -> tuple[frozenset, frozenset]:
    """A place phrase as ``(words, states)``: its distinctive words less those that name a state,
    and the states it names or lies in (``place_states``: ``Pulau Bali`` → ``ID``)."""
    if not location:
        return frozenset(), frozenset()
    from ..normalize.countries import country_spans

    folded = plain(location)
    state_words = {w for s, e, _ in country_spans(location) for w in _WORD.findall(plain(location[s:e]))}
    states = _named_states(location) | {code for *_, code in country_spans(location)}
    state_words |= {w for w in _WORD.findall(folded) if len(w) > 1 and w.upper() in states}  # `AS` of `(AS)`
    pattern, table = _place_table()
    if pattern is not None:
        states |= {table[m.group(0)] for m in pattern.finditer(" ".join(_WORD.findall(folded)))}
    return _distinctive(_WORD.findall(folded), stopwords) - state_words, frozenset(states)


def place_relation(a: "EventRow", b: "EventRow") -> int:
    """What two reports' places say: 1 the same place (a shared word; or a state and a place in
    it, `Indonesia` and `Pulau Bali`), -1 different places (different states, or places whose
    states are not known and that share no word), 0 no evidence (a place missing; two places of
    one state that share no word: a venue and its city, `Gedung Pancasila` and `Jakarta`)."""
    if not a.places or not b.places:
        return 0
    if a.place_words & b.place_words:
        return 1
    if a.place_states and b.place_states:
        if not a.place_states & b.place_states:
            return -1
        return 1 if not a.place_words or not b.place_words else 0
    return -1


@lru_cache(maxsize=1)
def _alias_table() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for alias, canonical in known_aliases().items():
        table[canonical].append(alias)
    return table


def _aliases_of(name: str) -> list[tuple[str, ...]]:
    """The known aliases of a person's name (``Joko Widodo`` → ``jokowi``)."""
    return _alias_table().get(name_key(name).core, [])


def load_events(conn: sqlite3.Connection) -> list[EventRow]:
    parties: dict[int, set[str]] = defaultdict(set)
    for row in conn.execute("SELECT event_id, party FROM event_parties"):
        parties[row[0]].add(row[1])
    persons: dict[int, set[int]] = defaultdict(set)
    for row in conn.execute(
        "SELECT p.event_id, po.person_id FROM event_participants p JOIN person_officials po ON po.official_id = p.official_id"
    ):
        persons[row[0]].add(row[1])
    resources = archive_resources()
    name_stop = set(resources["event_name_stopwords"])
    courtesy = re.compile(r"\b(?:" + "|".join(map(re.escape, resources["courtesy_call_names"])) + r")\b")
    # Words of the names of the article's officials say who met, not which event it was
    # (`pertemuan Jokowi` and `pertemuan Jokowi-Xi` are not one meeting for the word `jokowi`;
    # a shared person is evidence of its own).
    person_words: dict[str, set[str]] = defaultdict(set)
    for doc_id, text in conn.execute(
        "SELECT doc_id, name FROM officials UNION SELECT doc_id, text FROM mentions WHERE record_type = 'officials'"
    ):
        person_words[doc_id].update(_WORD.findall(plain(text or "")))
        person_words[doc_id].update(word for alias in _aliases_of(text or "") for word in alias)
    place_stop = set(resources["location_stopwords"])
    rows = []
    for r in conn.execute(
        'SELECT e.event_id, e.doc_id, e.type, e.name, e.ordinal, e.location, e.start, e."end", e.status, d.published'
        " FROM events e JOIN documents d ON d.doc_id = e.doc_id ORDER BY e.event_id"
    ):
        interval = date_range(r["start"], r["end"])
        reported = interval is not None
        coarse = reported and not _is_day(r["start"])
        years = set(_NAME_YEAR.findall(r["name"] or ""))
        if interval is None and len(years) == 1:
            interval, coarse = date_range(years.pop()), True
        if interval is None and r["published"]:
            low, high = _bounds(r["published"])
            before, after = PLANNED_WINDOW if r["status"] == "planned" else HELD_WINDOW
            interval = (low + dt.timedelta(days=before), high + dt.timedelta(days=after))
        event_parties = frozenset(parties[r["event_id"]])
        places = _places(r["location"], place_stop)
        place_words, place_states = place_parts(r["location"], place_stop)
        # A place written in the name is the place's evidence, not the name's (`KTT G20 Bali`
        # and `KTT G20` held in Bali have one name).
        words = _words(r["name"], name_stop) - person_words.get(r["doc_id"], set()) - places
        name_states, state_words = _name_states(r["name"])
        rows.append(
            EventRow(
                r["event_id"], r["doc_id"], r["type"], r["name"],
                r["ordinal"], r["location"], r["start"], r["end"],
                r["status"], r["published"], event_parties, frozenset(persons[r["event_id"]]), interval, reported,
                words,
                places,
                frozenset({r["ordinal"]}) if r["ordinal"] is not None else name_ordinals(r["name"]),
                long_words(words, name_stop),
                place_words,
                place_states,
                name_states,
                state_words & words,
                kind="meeting" if r["type"] == "visit" and courtesy.search(plain(r["name"] or "")) else r["type"],
                coarse=coarse,
            )
        )
    return rows


def _name_states(name: Optional[str]) -> tuple[frozenset, frozenset]:
    """The states an event name writes and the words that write them (``Pertemuan RI-Palestina``:
    ``PS``, ``palestina``)."""
    if not name:
        return frozenset(), frozenset()
    from ..normalize.countries import country_spans

    spans = country_spans(name.replace("-", " "))  # `Indonesia-Malaysia` writes two states
    return frozenset(code for *_, code in spans), frozenset(w for s, e, _ in spans for w in name_words(name[s:e]))


def _is_day(value: Optional[str]) -> bool:
    return bool(value) and value.count("-") == 2


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], slack: dt.timedelta = DATE_SLACK) -> bool:
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _rows_overlap(a: "EventRow", b: "EventRow") -> bool:
    """Whether two reports' intervals overlap: within :data:`DATE_SLACK` unless either is a
    month or a year (no outlet is a day off on those)."""
    return _overlap(a.interval, b.interval, dt.timedelta(0) if a.coarse or b.coarse else DATE_SLACK)


def _same_name_same_year(a: EventRow, b: EventRow) -> bool:
    """An undated report naming the event exactly as a dated one (the same distinctive words:
    ``KTT G20``), in an article of the year the other took place: an announcement or a look back
    within the year (`KTT G20` written in April of the Bali summit's year); with the same ordinal
    too (`SMU PBB ke-72`), in any year: a series holds its n-th meeting once."""
    if not a.words or a.words != b.words or (a.reported and b.reported):
        return False
    if place_relation(a, b) < 0:
        return False  # named alike but held elsewhere: a meeting of a series, not this one
    if a.ordinals & b.ordinals:
        return True
    if not (a.reported or b.reported):
        return False  # two guessed dates: neither says when the event was
    undated, other = (a, b) if not a.reported else (b, a)
    if not undated.published:
        return False
    year = int(undated.published[:4])
    return other.interval[0].year <= year <= other.interval[1].year


def ruled_out(a: EventRow, b: EventRow, groups: dict[str, int]) -> bool:
    if a.doc_id == b.doc_id:
        return True
    if groups.get(a.kind, -1) != groups.get(b.kind, -2):
        return True
    if a.interval is None or b.interval is None:
        return True
    if not _rows_overlap(a, b) and not _same_name_same_year(a, b):
        return True
    if a.ordinals and b.ordinals and not (a.ordinals & b.ordinals):
        return True
    if parties_differ(a, b):
        return True
    return False


def contradicts(a: EventRow, b: EventRow, groups: dict[str, int]) -> bool:
    """What keeps two groups of reports apart: anything that rules a pair out except a date
    window guessed from a publication date (a report without its own date may join a group
    through a report it does match)."""
    return a.doc_id == b.doc_id or incompatible(a, b, groups)


def incompatible(a: EventRow, b: EventRow, groups: dict[str, int]) -> bool:
    """:func:`contradicts` less the rule that one article reports an event once: what keeps two
    groups of records of one article apart (`KTT ASEAN ke-40` and `KTT ASEAN ke-41` are not one
    summit, even when each is a partial record of a third name)."""
    if groups.get(a.kind, -1) != groups.get(b.kind, -2):
        return True
    if a.ordinals and b.ordinals and not (a.ordinals & b.ordinals):
        return True
    if parties_differ(a, b):
        return True
    return a.reported and b.reported and not _rows_overlap(a, b)


def evidence(a: EventRow, b: EventRow) -> tuple[int, dict[str, Any]]:
    score = 0
    found: dict[str, Any] = {}
    if a.ordinals & b.ordinals:
        score += 2
        shared = sorted(a.ordinals & b.ordinals)
        found["ordinal"] = shared[0] if len(shared) == 1 else shared
    a_words, b_words = a.naming_words, b.naming_words
    if a_words and b_words:
        # Words one name writes of the long form of the other's short form count as shared.
        shared = (a_words & b_words) | (a_words & b.long_words) | (a.long_words & b_words)
        if a_words == b_words:
            score += 2
        elif len(shared) * 2 >= min(len(a_words), len(b_words)) and shared:
            score += 1
        if shared:
            found["name_words"] = sorted(shared)
    if a.foreign & b.foreign:
        score += 1
        found["parties"] = sorted(a.foreign & b.foreign)
    if a.reported and b.reported:
        score += 1
        found["dates"] = [a.start, b.start]
    place = place_relation(a, b)
    score += place
    if place > 0:
        found["place"] = sorted((a.places & b.places) or {f"@{code}" for code in a.place_states & b.place_states})
    if a.trips & b.trips and not (a.persons and b.persons):
        # Held on one trip, as the articles reporting it say, and one report names no one who
        # took part: the trip stands in for them (two reports naming their participants say
        # themselves whether they met the same people; a trip holds many meetings).
        score += 1
        found["trip"] = True
    if a.persons and b.persons:
        if a.persons & b.persons:
            score += 1
            found["persons"] = sorted(a.persons & b.persons)
        elif not (a.kind in MULTILATERAL and b.kind in MULTILATERAL):
            score -= 1  # a summit has many participants: two reports may name different ones
    return score, found


def _name_similarity(a: EventRow, b: EventRow) -> float:
    union = a.words | b.words
    return len(a.words & b.words) / len(union) if union else 0.0


def hold_in_trips(rows: list[EventRow]) -> None:
    """Each report other than a visit takes as ``trips`` the resolved visits (clusters of visit
    reports) that its article reports it with: at compatible dates, and in a state the visit
    goes to when the report names one. Two meetings held on one trip by the articles reporting
    it share a trip (evidence, :func:`evidence`)."""
    visits = [r for r in rows if r.kind == "visit"]
    clusters, _ = cluster_events(visits)
    trip_of = {row.event_id: min(r.event_id for r in cluster) for cluster in clusters for row in cluster}
    by_doc: dict[str, list[EventRow]] = defaultdict(list)
    for visit in visits:
        by_doc[visit.doc_id].append(visit)
    for row in rows:
        if row.kind == "visit":
            continue
        row.trips = frozenset(
            trip_of[v.event_id] for v in by_doc.get(row.doc_id, [])
            if (v.interval is None or row.interval is None or _within_dates(v, row))
            and (not row.foreign or row.foreign & v.foreign)
        )


def cluster_events(rows: list[EventRow]) -> tuple[list[list[EventRow]], dict[int, dict]]:
    """Groups of reports of one real event, and for each joined report the evidence it joined on."""
    groups = _type_group()
    candidates: list[tuple[int, int, int, dict]] = []
    by_group: dict[int, list[EventRow]] = defaultdict(list)
    for row in rows:
        if row.interval is not None:
            by_group[groups.get(row.kind, -1)].append(row)
    for members in by_group.values():
        members.sort(key=lambda r: r.interval[0])
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if b.interval[0] > a.interval[1] + DATE_SLACK:
                    break
                if ruled_out(a, b, groups):
                    continue
                score, found = evidence(a, b)
                if score >= MERGE_SCORE:
                    candidates.append((score, _name_similarity(a, b), a.event_id, b.event_id, found))
    # Best first: the higher score, then the closer names.
    # Reports named alike but apart in time: the exact-name exception of `ruled_out`.
    seen_pairs = {(c[2], c[3]) for c in candidates}
    by_words: dict[tuple[int, frozenset], list[EventRow]] = defaultdict(list)
    for row in rows:
        if row.words and row.interval is not None:
            by_words[(groups.get(row.kind, -1), row.words)].append(row)
    for members in by_words.values():
        if len(members) > NAME_GROUP_LIMIT:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                first, second = sorted((a, b), key=lambda r: r.interval[0])
                if (first.event_id, second.event_id) in seen_pairs or _rows_overlap(a, b):
                    continue
                if ruled_out(a, b, groups):
                    continue
                score, found = evidence(a, b)
                if score >= MERGE_SCORE:
                    candidates.append((score, _name_similarity(a, b), first.event_id, second.event_id, found))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    cluster_of: dict[int, list[EventRow]] = {row.event_id: [row] for row in rows}
    joined: dict[int, dict] = {}
    for kept, duplicate, found in same_article_duplicates(rows, groups):
        a, b = cluster_of[kept.event_id], cluster_of[duplicate.event_id]
        if a is b or any(incompatible(x, y, groups) for x in a for y in b):
            continue  # a chain of partial records never joins two that contradict each other
        joined[duplicate.event_id] = {"rule": "same_article", "with": kept.event_id, **found}
        a.extend(b)
        for row in b:
            cluster_of[row.event_id] = a
    for score, _, first, second, found in candidates:
        a, b = cluster_of[first], cluster_of[second]
        if a is b or any(contradicts(x, y, groups) for x in a for y in b):
            continue  # (two records of one article in `a` are one event already: `a`'s own pairs are not checked)
        small, big = (a, b) if len(a) < len(b) or (len(a) == len(b) and a[0].event_id > b[0].event_id) else (b, a)
        joined_id = first if small is a else second
        joined[joined_id] = {"score": score, "with": second if joined_id == first else first, **found}
        big.extend(small)
        for row in small:
            cluster_of[row.event_id] = big
    seen: set[int] = set()
    clusters = []
    for row in rows:
        cluster = cluster_of[row.event_id]
        if id(cluster) not in seen:
            seen.add(id(cluster))
            clusters.append(sorted(cluster, key=lambda r: r.event_id))
    return clusters, joined


def _contained(small: EventRow, big: EventRow) -> Optional[frozenset]:
    """The words of ``big`` that ``small``'s words are written as, when all of them are (the
    last one may be cut short: `Forum Bisnis Indonesia-Me` for `Mesir`)."""
    tail = (_WORD.findall(plain(small.name or "")) or [""])[-1]
    pool = big.words | big.long_words
    matched: set[str] = set()
    for word in small.words:
        found = {o for o in pool if o == word or (word == tail and len(word) >= 2 and o.startswith(word))}
        if not found:
            return None
        matched |= found
    return frozenset(matched)


def _names_contained(a: EventRow, b: EventRow) -> Optional[frozenset]:
    """The words of the shorter name when all of them are written in the longer one, one of
    them naming no state, and the longer one's other words name no state (`KTT Peringatan
    ASEAN-Kanada` is not `KTT ASEAN`; `pertemuan ... Rusia` twice is no name) nor, when only the
    shorter gives an ordinal, anything at all (`KTT ASEAN ke-40` is not `KTT ASEAN Plus Three`);
    ``None`` otherwise or when either names nothing."""
    from ..normalize.countries import country_code

    if not a.words or not b.words:
        return None
    for small, big in sorted(((a, b), (b, a)), key=lambda pair: len(pair[0].words)):
        matched = _contained(small, big)
        if matched is None:
            continue
        if all(country_code(word) for word in small.words) or any(country_code(word) for word in big.words - matched):
            return None
        if small.ordinals and not big.ordinals and big.words - matched:
            return None  # `KTT ASEAN ke-40` names one summit of its series, `KTT ASEAN Plus Three` another series
        return small.words
    return None


def same_article_duplicates(rows: list[EventRow], groups: dict[str, int]) -> list[tuple[EventRow, EventRow, dict]]:
    """Records of one article that report one event (a partial record of a mention: `KTT G20
    Disahkan` beside `KTT G20 Bali`, a name cut short): ``(kept, duplicate, evidence)``. Both
    must name the event, the shorter name's words all in the longer one, with compatible types,
    ordinals, parties and dates (the windows of undated ones too: an article's look back at an
    earlier event is not its news)."""
    by_doc: dict[str, list[EventRow]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc_id].append(row)
    found = []
    for members in by_doc.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if groups.get(a.kind, -1) != groups.get(b.kind, -2):
                    continue
                if a.ordinals and b.ordinals and not (a.ordinals & b.ordinals):
                    continue
                if parties_differ(a, b):
                    continue
                if a.interval is None or b.interval is None or not _rows_overlap(a, b):
                    continue
                shared = _names_contained(a, b)
                if shared is not None:
                    kept, duplicate = (a, b) if a.words != shared else (b, a)
                    found.append((kept, duplicate, {"name_words": sorted(shared)}))
    return found


def best_value(values: list[tuple[Any, str]]) -> tuple[Any, Counter]:
    """The value most sources give (ties: the most specific, i.e. the longest, then the smallest)."""
    counts = Counter(v for v, _ in values if v is not None)
    if not counts:
        return None, counts
    return min(counts, key=lambda v: (-counts[v], -len(str(v)), str(v))), counts


FIELDS = ("type", "name", "ordinal", "location", "start", "end", "status")


def resolve_events(conn: sqlite3.Connection) -> int:
    """Rebuild the archive event tables (inside the caller's transaction)."""
    rows = load_events(conn)
    hold_in_trips(rows)
    clusters, joined = cluster_events(rows)
    conn.execute("DELETE FROM archive_event_links")
    conn.execute("DELETE FROM archive_event_values")
    conn.execute("DELETE FROM archive_event_sources")
    conn.execute("DELETE FROM archive_events")
    used: Counter = Counter()
    archive_of: dict[int, int] = {}
    for cluster in sorted(clusters, key=lambda c: (_sort_date(c), c[0].event_id)):
        chosen: dict[str, Any] = {}
        value_rows = []
        for name in FIELDS:
            values = [(getattr(r, name), r.doc_id) for r in cluster]
            value, counts = best_value(values)
            chosen[name] = value
            for candidate, support in counts.items():
                docs = sorted({d for v, d in values if v == candidate})
                value_rows.append((name, json.dumps(candidate, ensure_ascii=False), support, int(candidate == value), json.dumps(docs)))
        party_counts = Counter(p for r in cluster for p in r.parties)
        for party, support in sorted(party_counts.items()):
            docs = sorted({r.doc_id for r in cluster if party in r.parties})
            value_rows.append(("parties", json.dumps(party), support, 1, json.dumps(docs)))
        date_basis = "reported" if chosen["start"] else "published"
        start = chosen["start"] or min((r.published for r in cluster if r.published), default=None)
        end = chosen["end"] if chosen["start"] else None
        base = slug(f"{start or 'undated'} {chosen['name']}")[:80]
        used[base] += 1
        key = base if used[base] == 1 else f"{base}-{used[base]}"
        cursor = conn.execute(
            'INSERT INTO archive_events (key, type, name, ordinal, location, start, "end", date_basis, status, parties, sources)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key, chosen["type"], chosen["name"], chosen["ordinal"], chosen["location"], start, end, date_basis,
                chosen["status"], json.dumps(sorted(party_counts)), len({r.doc_id for r in cluster}),
            ),
        )
        archive_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO archive_event_sources VALUES (?, ?, ?)",
            [(r.event_id, archive_id, json.dumps(joined[r.event_id], ensure_ascii=False) if r.event_id in joined else None) for r in cluster],
        )
        conn.executemany("INSERT INTO archive_event_values VALUES (?, ?, ?, ?, ?, ?)", [(archive_id, *v) for v in value_rows])
        for row in cluster:
            archive_of[row.event_id] = archive_id
    _link_visits(conn, rows, archive_of)
    return len(clusters)


def _sort_date(cluster: list[EventRow]) -> str:
    return min((r.start or r.published or "9999") for r in cluster)


def _link_visits(conn: sqlite3.Connection, rows: list[EventRow], archive_of: dict[int, int]) -> None:
    """Archive events that stay apart but belong together, linked (``archive_event_links``):

    - ``during``: another event (a meeting, a signing, a summit) held during a visit. From an
      article reporting both at compatible dates (``doc_ids``: those articles), or, with no
      such article, inferred from reports of both in different articles (``doc_ids`` empty):
      dates that overlap, a shared party besides Indonesia, a person taking part in both and
      places that do not differ (:func:`place_relation`).
    - ``part_of``: one leg of a tour, from an article reporting both: a visit whose states are
      some of those of a visit to several (`ke Myanmar` and `ke Myanmar dan Bangladesh`), or any
      other visit of an article that names the tour by the number of its states (`kunjungan
      ke lima negara`: ``tour_counts`` of ``archive.json``).
    """
    by_doc: dict[str, list[EventRow]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc_id].append(row)
    links: dict[tuple[int, int], tuple[str, set[str]]] = {}

    def add(parent: int, child: int, relation: str, doc_id: Optional[str]) -> None:
        if (child, parent) in links:
            return
        _, docs = links.setdefault((parent, child), (relation, set()))
        if doc_id is not None:
            docs.add(doc_id)

    for doc_id, events in by_doc.items():
        for visit in (e for e in events if e.kind == "visit"):
            for other in events:
                if archive_of[other.event_id] == archive_of[visit.event_id]:
                    continue
                if visit.interval and other.interval and not _within_dates(visit, other):
                    continue
                if other.kind != "visit":
                    add(archive_of[visit.event_id], archive_of[other.event_id], "during", doc_id)
                elif _is_leg(other, visit):
                    add(archive_of[visit.event_id], archive_of[other.event_id], "part_of", doc_id)
    linked = {pair for pair in links} | {(b, a) for a, b in links}
    by_party: dict[str, list[EventRow]] = defaultdict(list)
    for row in rows:
        if row.kind != "visit" and row.interval is not None:
            for party in row.foreign:
                by_party[party].append(row)
    for visit in (r for r in rows if r.kind == "visit" and r.interval is not None and r.persons):
        seen: set[int] = set()
        for party in sorted(visit.foreign):
            for other in by_party[party]:
                pair = (archive_of[visit.event_id], archive_of[other.event_id])
                if other.event_id in seen or pair in linked or other.doc_id == visit.doc_id:
                    continue
                seen.add(other.event_id)
                if _rows_overlap(visit, other) and visit.persons & other.persons and place_relation(visit, other) >= 0:
                    add(*pair, "during", None)
    conn.executemany(
        "INSERT INTO archive_event_links VALUES (?, ?, ?, ?)",
        [(parent, child, relation, json.dumps(sorted(docs))) for (parent, child), (relation, docs) in sorted(links.items())],
    )


def _within_dates(visit: EventRow, other: EventRow) -> bool:
    return not (visit.interval[0] > other.interval[1] or other.interval[0] > visit.interval[1])


@lru_cache(maxsize=1)
def _tour_name() -> re.Pattern:
    resources = archive_resources()
    counts = "|".join(map(re.escape, resources.get("tour_counts", []))) or r"(?!)"
    nouns = "|".join(map(re.escape, resources.get("tour_nouns", []))) or r"(?!)"
    return re.compile(rf"\b(?:\d+|{counts})\s+(?:{nouns})\b")


def _is_leg(leg: EventRow, tour: EventRow) -> bool:
    """Whether visit ``leg`` is one leg of visit ``tour`` (both of one article)."""
    if leg.foreign and len(tour.foreign) > len(leg.foreign) and leg.foreign < tour.foreign:
        return True
    return bool(_tour_name().search(plain(tour.name or ""))) and not _tour_name().search(plain(leg.name or ""))
