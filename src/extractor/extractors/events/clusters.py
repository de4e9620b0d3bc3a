"""Event clusters: mentions of one event joined, references resolved to their antecedent.

Mentions of one event merge into one record: same type, ordinal and parties; the same
normalised name; a shorter name with the same parties contained in an earlier one; references
join the most recent compatible event, preferring one reported as held (``Rusia dalam pertemuan
tersebut`` is the annual meeting, not the planned ARF meeting named just before).
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from ...records import EventType
from ...resource_data import load_resource
from .lexicon import event_lexicon, event_patterns
from .mentions import NAMED, REFERENCE, UNNAMED, VERB, Mention
from .text import Words, fold_words, is_suffixed_ordinal, is_upper_code


def _between_parties(mention: Mention) -> bool:
    """An event reported only by a verb or a bare noun is diplomatic when it joins two states or
    involves a bloc (``Lavrov menemui Retno``), or when it says so (``pertemuan bilateral``)."""
    if mention.intrinsic or mention.during_visit is not None:
        return True  # credentials presented; a meeting held during a visit
    if mention.kind == UNNAMED and len(mention.head.split()) > 1:
        return True
    return len(mention.parties) >= 2 or any(p in _bloc_codes() or not is_upper_code(p) for p in mention.parties)


@lru_cache(maxsize=1)
def _bloc_codes() -> frozenset[str]:
    """The codes of blocs and international bodies, two-letter ones included (``UN``, ``EU``)."""
    return frozenset(load_resource("countries.json").get("blocs", {}))


def _fold_name(name: str) -> str:
    return " ".join(fold_words(name))


def _strip_ordinals(folded: str) -> str:
    return " ".join(w for w in folded.split() if not _ordinal_word(w))


def _ordinal_word(word: str) -> bool:
    """``ke``, ``16``, ``16th``, ``ke16``: the parts of an ordinal in a folded name."""
    return word == "ke" or word.isdigit() or is_suffixed_ordinal(word) or (word[:2] == "ke" and word[2:].isdigit())


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


def _truncated_name(short: str, long: Mention, words: Words) -> bool:
    """``pertemuan ASEAN`` for ``pertemuan ASEAN Regional Forum``: the words of ``short`` are words of
    ``long``'s name and every party named in it is named, at least in part, in ``short`` (so that
    ``KTT ASEAN`` is not ``KTT ASEAN-Rusia``). The parties are the Doc's party spans, the names
    inside hyphen-joined words included, over the stretch of text the name is read from (for one
    of co-held events, ``KTT ke-44 dan ke-45 ASEAN``, the stretch that names them all)."""
    short_words = set(_fold_name(short).split())
    long_folded = _fold_name(long.text)
    if len(short_words) < 2 or not short_words <= set(long_folded.split()) or len(short) >= len(long.text):
        return False
    named = long.co_held_of or long
    parties = words.parties_in(named.start, named.end, hyphen_parts=True)
    if not parties:
        return False
    text = words.text
    return all(set(_fold_name(text[s:e]).split()) & short_words for s, e, _c in parties)


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
    # Opened by a mention of an earlier event (see :func:`mark_looking_back`).
    looks_back: bool = False

    @property
    def last(self) -> int:
        return max(m.end for m in self.mentions)


def _last_day(value: Optional[str]) -> Optional[dt.date]:
    """The last day an ISO date or partial date (``2016``, ``2016-09``, ``2016-09-20``) covers."""
    parts = (value or "").split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
        return None
    year = int(parts[0])
    try:
        if len(parts) == 1:
            return dt.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, int(parts[2]))
    except ValueError:
        return None


def mark_looking_back(mentions: list[Mention], dates, published: Optional[dt.date], words: Words) -> None:
    """Flag the mentions of earlier events: those dated more than ``events.json`` ``look_back_days``
    before the publication day, by their own date or, having none (a session takes none), by the
    first date of their clause after them, no subordinator or clause breaker between (``di hadapan Sidang Umum PBB sebagai pemimpin nasional
    pada September tahun lalu``, ``KAA dahulu digelar pada tahun 1955``); that date becomes the
    mention's own."""
    if published is None:
        return
    reach = event_lexicon()["windows"]["look_back_date"]
    patterns = event_patterns()
    for mention in mentions:
        date = mention.date
        if date is None:
            s_end = mention.sentence[1]
            after = next((d for d in sorted(dates, key=lambda d: d.start) if mention.end <= d.start < s_end), None)
            gap = words.text[mention.end : after.start] if after is not None else ""
            between = words.between(mention.end, after.start) if after is not None else []
            clause_turn = any(w in patterns.subordinators or w in patterns.clause_breakers for w in between)
            if after is not None and len(between) <= reach and not clause_turn and not any(ch in gap for ch in ",.;:"):
                date = after  # not "KTT ASEAN setelah ... diterima sebagai anggota ... akhir tahun lalu"
        last = _last_day(date.value_end or date.value) if date is not None else None
        mention.looks_back = last is not None and (published - last).days > event_lexicon()["look_back_days"]
        if mention.looks_back and mention.date is None:
            mention.date = date  # the date that tells the earlier event is its date


def _dated(cluster: EventCluster) -> bool:
    return any(m.date is not None for m in cluster.mentions if m.kind != REFERENCE)


def _same_event(cluster: EventCluster, mention: Mention, words: Words) -> bool:
    if cluster.type is not mention.type:
        return False
    if (
        mention.looks_back
        and not cluster.looks_back
        and not _dated(cluster)
        and (mention.ordinal is None or mention.ordinal != cluster.ordinal)
    ):
        return False  # "Sidang Umum PBB mendatang" is not "Sidang Umum PBB ... pada September tahun lalu"
    if _other_year(cluster, mention):
        return False  # "kunjungannya ke Ulan Bator ... Rabu (22/11)" is not "Kunjungan ... ke Mongolia pada 2006"
    if mention.type is EventType.visit:
        # One visit per visitor and destination in a news article; a visit to a venue ("kunjungan
        # kenegaraan ke Istana Presiden Arg") is part of the visit to the country reported before.
        if mention.location and not words.parties_in(*mention.location_span) and not words.capital_codes_in(*mention.location_span):
            return True
        if _capital_of_destination(words, mention, cluster):
            return True  # "kunjungan kerja ke Abu Dhabi" of "bertolak ke Uni Emirat Arab (UEA)"
        destinations = [m.location for m in cluster.mentions if m.location]
        if mention.location and destinations and not any(_same_place(mention.location, d) for d in destinations):
            return False  # "kunjungan Presiden Nauru ke Indonesia" is not "kunjungannya ke Nauru"
        if mention.parties and cluster.parties and set(mention.parties) <= cluster.parties:
            return True
    if mention.kind == UNNAMED and any(
        m.kind == UNNAMED and _fold_name(m.head) == _fold_name(mention.head) for m in cluster.mentions
    ):
        return True  # "pertemuan tingkat tinggi" twice
    if (
        mention.type is EventType.meeting
        and mention.kind in (NAMED, UNNAMED)
        and len(mention.parties) >= 2
        and set(mention.parties) == cluster.parties
        and _plain_bilateral(mention, words)
        and all(_plain_bilateral(m, words) for m in cluster.defining)
    ):
        return True  # "Pertemuan RI-Palestina", "Pertemuan bilateral Palestina-Indonesia", "pertemuan bilateral"
    if mention.kind in (VERB, UNNAMED):
        # "menandatangani ... ; Para kepala negara ... menandatangani ...": one act reported twice;
        # a mention naming more states than a meeting between two is another meeting
        # ("bertemu Lavrov ... pertemuan trilateral dengan Lavrov dan Wang Yi").
        return (
            all(m.kind in (VERB, UNNAMED) for m in cluster.defining)
            and not _other_participants(cluster, mention)
            and not (mention.type is EventType.meeting and _other_day(cluster, mention))
            and bool(mention.parties)
            and bool(cluster.parties)
            and (set(mention.parties) <= cluster.parties or (cluster.parties <= set(mention.parties) and len(cluster.parties) < 2))
        )
    if mention.kind != NAMED:
        return False
    if (
        mention.type is EventType.meeting
        and len(mention.parties) >= 2
        and set(mention.parties) == cluster.parties
        and all(m.kind in (VERB, UNNAMED) for m in cluster.mentions)
    ):
        return True  # "bertemu dengan Presiden China Xi Jinping ... pertemuan Jokowi-Xi"
    if mention.text.isupper() and any(_contains_word(m.text, mention.text) for m in cluster.mentions if m.kind == NAMED):
        return True
    folded = _fold_name(mention.text)
    names = [_fold_name(m.text) for m in cluster.mentions if m.kind == NAMED]
    if folded in names:
        return True
    if any(_truncated_name(mention.text, m, words) for m in cluster.mentions if m.kind == NAMED):
        return True
    ordinal = cluster.ordinal
    if ordinal is not None and mention.ordinal is not None and ordinal != mention.ordinal:
        return False
    if not mention.parties and not cluster.parties:
        # Names without parties: the one written inside the other ("Global Muslim Business Forum",
        # "Pembukaan Global Muslim Business Forum 2023").
        return any(_inside(folded, n) or _inside(n, folded) for n in names)
    if not mention.parties or set(mention.parties) != cluster.parties:
        return False
    if ordinal is not None and mention.ordinal == ordinal:
        return True
    if mention.type is EventType.visit:
        return True  # one visit per destination and visitor in a news article
    short = _strip_ordinals(folded)
    if (ordinal is None) != (mention.ordinal is None):
        # Only the name without an ordinal may be the shorter one: "KTT ASEAN" refers to "KTT ASEAN
        # ke-40", but "KTT ASEAN ke-40" is not "KTT ASEAN Plus Three".
        if mention.ordinal is None:
            return any(_similar_names(short, _strip_ordinals(n)) for n in names)
        return any(_similar_names(_strip_ordinals(n), short) for n in names)
    return any(_similar_names(short, _strip_ordinals(n)) or _similar_names(_strip_ordinals(n), short) for n in names)


def _other_participants(cluster: EventCluster, mention: Mention) -> bool:
    """A meeting verb naming officials the event's verbs do not, while they name some it does not
    (``Retno bertemu dengan Menlu Malaysia Saifuddin ... Saifuddin telah bertemu dengan Presiden
    Joko Widodo``; ``bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim ... akan bertemu dengan
    Premier Sarawak ...``): another meeting of the same states. A verb naming none, some or all of
    them, or them and more (``Kedua menteri bertemu``, ``ia bertemu Farrell``, ``Wapres Ma'ruf Amin
    bertemu PM Anwar Ibrahim``) tells the same meeting again."""
    known = frozenset().union(*(m.participants for m in cluster.mentions if m.kind == VERB))
    return bool(mention.participants - known) and bool(known - mention.participants)


def _other_day(cluster: EventCluster, mention: Mention) -> bool:
    """A mention dated to a day that none of the event's mentions dated to a day gives (``akan
    menerima ... Menlu China Wang Yi ... (12/1/2021)``, ``bertemu Presiden Joko Widodo ... pada
    Rabu (13/1/2021)``): a meeting verb told again for another day reports another meeting (a visit
    runs over several days)."""
    day = _day(mention)
    days = {_day(m) for m in cluster.mentions if m.kind != REFERENCE} - {None}
    return day is not None and bool(days) and day not in days


def _day(mention: Mention) -> Optional[str]:
    value = mention.date.value if mention.date is not None else None
    return value if value and len(value) == 10 and not (mention.date.value_end or "") else None


def _plain_bilateral(mention: Mention, words: Words) -> bool:
    """Whether a meeting mention names nothing but its head, the modifier ``bilateral`` and the
    states it joins (``Pertemuan bilateral Palestina-Indonesia``, ``Pertemuan RI-Palestina``,
    ``pertemuan bilateral``): one article's names of its meeting between two states. A kind of
    meeting (``pertemuan empat mata``, ``tete-a-tete``), an ordinal or any other word tells another."""
    if mention.kind not in (NAMED, UNNAMED) or mention.ordinal is not None:
        return False
    text = words.text
    kept = list(text[mention.start : mention.end])
    for s, e, _c in words.parties_in(mention.start, mention.end, hyphen_parts=True):
        kept[s - mention.start : e - mention.start] = " " * (e - s)
    rest = fold_words("".join(kept))
    head = event_lexicon()["heads"]
    return bool(rest) and rest[0] in head and all(w in _plain_meeting_modifiers() for w in rest[1:])


@lru_cache(maxsize=1)
def _plain_meeting_modifiers() -> frozenset[str]:
    return frozenset(event_lexicon()["plain_meeting_modifiers"])


def _capital_of_destination(words: Words, mention: Mention, cluster: EventCluster) -> bool:
    """A visit to a capital city (``kunjungan kerja ke Abu Dhabi``) of the state an event's visit
    goes to (``bertolak ke Uni Emirat Arab (UEA)``)."""
    if mention.location_span is None or words.parties_in(*mention.location_span):
        return False
    capitals = words.capital_codes_in(*mention.location_span)
    reached: set[str] = set()
    for m in cluster.mentions:
        if m.location_span is not None:
            reached |= words.party_codes_in(*m.location_span) | words.capital_codes_in(*m.location_span)
    return bool(capitals) and capitals <= reached


def _inside(short: str, long: str) -> bool:
    """Whether the folded name ``short`` (three words or more) stands as a run of words in ``long``."""
    words, longer = short.split(), long.split()
    return len(words) >= 3 and any(longer[i : i + len(words)] == words for i in range(len(longer) - len(words) + 1))


def _year(mention: Mention) -> Optional[str]:
    return mention.date.value[:4] if mention.date is not None and mention.date.value else None


def _other_year(cluster: EventCluster, mention: Mention) -> bool:
    """A mention dated in another year than every dated mention of the event (references aside)."""
    year = _year(mention) if mention.kind != REFERENCE else None
    years = {_year(m) for m in cluster.mentions if m.kind != REFERENCE} - {None}
    return year is not None and bool(years) and year not in years


def _contains_word(name: str, part: str) -> bool:
    """Whether ``part`` stands in ``name`` as whole words (``ARF`` in ``Pertemuan ARF ke-25``)."""
    position = name.find(part)
    while position >= 0:
        before = name[position - 1 : position]
        after = name[position + len(part) : position + len(part) + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        position = name.find(part, position + 1)
    return False


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


def cluster_mentions(mentions: list[Mention], background=None, *, words: Words) -> list[EventCluster]:
    clusters: list[EventCluster] = []
    # Events that only set the scene of another ("di sela KTT ASEAN ke-33") are background:
    # later references ("pertemuan itu") go to the event reported, not to its setting.
    # So are events first reported as earlier ones ("sebelumnya ... pekan lalu").
    link_targets = {id(m.link) for m in mentions if m.link is not None}
    for mention in mentions:
        before = {id(c): len(c.mentions) for c in clusters}
        _place(clusters, mention, words)
        opened = [c for c in clusters if id(c) not in before]
        for cluster in opened:
            if id(mention) in link_targets or (background is not None and background(mention)):
                cluster.background = True
            # An earlier event is background too: later references go to the article's own.
            cluster.looks_back = mention.looks_back
            cluster.background = cluster.background or mention.looks_back
    return _join_acronyms_before_definition(clusters)


def _join_acronyms_before_definition(clusters: list[EventCluster]) -> list[EventCluster]:
    """An acronym used before the name that defines it (a headline's ``KAA Bandung`` above
    ``Konferensi Asia Afrika (KAA) ke-60``) opened an event of its own: it joins the defining
    name's event, unless either reports an earlier event."""
    home = {id(m): c for c in clusters for m in c.mentions}
    kept = []
    for cluster in clusters:
        sources = {id(m.acronym_of) for m in cluster.mentions if m.acronym_of is not None}
        target = home.get(next(iter(sources))) if len(sources) == 1 else None
        if (
            target is not None
            and target is not cluster
            and all(m.acronym_of is not None for m in cluster.mentions)
            and not cluster.looks_back
            and not target.looks_back
            and cluster.type is target.type
        ):
            target.mentions = sorted(target.mentions + cluster.mentions, key=lambda m: m.start)
            for m in cluster.mentions:
                home[id(m)] = target
            continue
        kept.append(cluster)
    return kept


def _place(clusters: list[EventCluster], mention: Mention, words: Words) -> None:
    """Add ``mention`` to the event it names or refers to, or open a new event."""
    if mention.kind == REFERENCE:
        target = None if mention.introduced else _antecedent(clusters, mention)
        if target is not None and mention.looks_back and not target.looks_back and not _dated(target):
            target = None  # "KAA dahulu digelar pada tahun 1955" is not this year's KAA
        if target is not None:
            target.mentions.append(mention)
            return
        stands_alone = mention.stands_alone and bool(clusters)  # in an article that reports events
        # "Berkunjung ke Pentagon ... Di akhir pertemuan, Menhan Prabowo ...": with no meeting told
        # before, a meeting referred to during a visit is the meeting held there.
        stands_alone = stands_alone or (mention.during_visit is not None and mention.type is EventType.meeting and mention.place_span is None)
        if (mention.parties or stands_alone or mention.looks_back) and not mention.introduced and mention.place_span is None:
            # "Kunjungan Retno dan Ryamizard ini" with nothing earlier to refer to: its naming
            # complement names a new event; so does "pertemuan tersebut" where an official of its
            # sentence takes part, after other events of the article (the meeting of a visit told
            # as a visit: "Retno yang turut hadir dalam pertemuan tersebut"), or one dated long
            # before publication ("Kunjungan terakhir saya pada November 2016", "KAA dahulu ... 1955").
            clusters.append(EventCluster([mention]))
            return
        if mention.introduced or mention.place_span is not None:
            # "untuk pertemuan", "menggelar pertemuan di Nay Pyi Taw": a new event; the place, its
            # only naming complement, stays in the mention.
            if mention.place_span is not None:
                mention.end, mention.text = mention.place_span[1], mention.extended_text
                if not mention.location:
                    mention.location, mention.location_span = mention.place_text, mention.place_span
            mention.kind = UNNAMED
            clusters.append(EventCluster([mention]))
        return
    if mention.kind == UNNAMED and not mention.head.split()[1:]:
        # A bare "pertemuan dengan <official>": the event just reported, if there is one.
        target = _antecedent(clusters, mention)
        if target is not None:
            target.mentions.append(mention)
            return
    matching = [c for c in reversed(clusters) if _same_event(c, mention, words)]
    # A mention of a name goes to the article's own event before an earlier one.
    target = next((c for c in matching if not c.looks_back or mention.looks_back), None)
    target = target or next(iter(matching), None)
    if target is not None:
        target.mentions.append(mention)
    elif mention.kind == NAMED or _between_parties(mention):
        clusters.append(EventCluster([mention]))
