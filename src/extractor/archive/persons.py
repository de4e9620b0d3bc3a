"""Person resolution: officials of all articles → one person per real person, every merge with
its evidence.

Officials are first grouped by name key (:mod:`.names`: the same name parts once honorifics,
initials and old spellings are set aside, or a known alias of ``known_officials.json``). Groups
are then joined, most specific first:

- ``same_name``: the same name key (recorded for every official after the group's first); a
  one-word name is one group per state, and per fitting set of titles when it is a part of a
  longer name (which of the persons so named it is, the titles tell);
- ``name_variant``: the same number of parts, each the same or a close spelling (``Sergey`` /
  ``Sergei``), states compatible;
- ``mention_form``: an official one of whose mentions is exactly another person's name (a
  ``name`` that took in a headline word: ``Retno Marsudi Bahas`` mentioned as ``Retno Marsudi``)
  joins that person when it alone fits; before name parts, so that these meet fewer rivals;
- ``name_part``: a name that is an ordered part of a longer one (``Retno`` of ``Retno Marsudi``,
  ``Luhut Panjaitan`` of ``Luhut Binsar Panjaitan``) joins it when exactly one person fits: the
  same state (or none given) and, for a one-word name, a shared title or state too. Two
  persons that fit (``Guterres`` when both an António and a Francisco Guterres are known and
  nothing tells them apart) leave the name alone.

A variant or part matched through close spellings, with fewer than two parts written (nearly)
alike, also needs fitting titles (``Arief Budiman`` / ``Aries Budiman``).
States fit when either side gives none or the states most of each side's officials give (all
of them when tied) meet.
Two officials of one article are never one person (an article has one record per person), and
two full names whose parts differ (``Antonio Guterres`` / ``Francisco Guterres``) never meet.
Evidence kept per merge: the names, titles and states of both sides and the persons named in
articles of both (co-occurrence).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from .names import NameKey, sure_parts, initials_fit, is_part, is_variant, name_key, plain, slug

INDONESIA = "ID"


@dataclass
class OfficialRow:
    official_id: int
    doc_id: str
    name: str
    title: Optional[str]
    country: Optional[str]
    key: NameKey


@dataclass
class Group:
    """Officials sharing one name key (split by state for one-word names)."""

    members: list[OfficialRow]
    key: NameKey
    parent: Optional["Group"] = None
    merges: list[tuple[int, int, str, dict]] = field(default_factory=list)

    def root(self) -> "Group":
        group = self
        while group.parent is not None:
            group = group.parent
        return group

    @property
    def docs(self) -> set[str]:
        return {m.doc_id for m in self.members}


@dataclass
class Cluster:
    """The running state of one person: all its groups' officials."""

    groups: list[Group]

    @property
    def members(self) -> list[OfficialRow]:
        return [m for g in self.groups for m in g.members]


def _country(members: list[OfficialRow]) -> Optional[str]:
    counts = Counter(m.country for m in members if m.country)
    return counts.most_common(1)[0][0] if counts else None


def _titles(members: list[OfficialRow]) -> set[frozenset]:
    return {frozenset(plain(m.title).split()) for m in members if m.title}


def _titles_fit(a: list[OfficialRow], b: list[OfficialRow]) -> bool:
    """Some title of one is some title of the other, word for word or with words left out
    (``Menteri`` and ``Menteri Luar Negeri``)."""
    return any(x <= y or y <= x for x in _titles(a) for y in _titles(b))


def resolve_persons(conn: sqlite3.Connection) -> int:
    """Rebuild ``persons``, ``person_officials`` and ``person_merges`` (inside the caller's transaction)."""
    rows = [
        OfficialRow(r["official_id"], r["doc_id"], r["name"], r["title"], r["country"], name_key(r["name"]))
        for r in conn.execute("SELECT official_id, doc_id, name, title, country FROM officials ORDER BY official_id")
    ]
    mention_cores: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for official_id, text in conn.execute("SELECT record_id, text FROM mentions WHERE record_type = 'officials'"):
        core = name_key(text).core
        if len(core) > 1:
            mention_cores[official_id].add(core)
    clusters = cluster_officials(rows, mention_cores)
    conn.execute("DELETE FROM person_merges")
    conn.execute("DELETE FROM person_officials")
    conn.execute("DELETE FROM persons")
    ordered = sorted(clusters, key=lambda c: (-len({m.doc_id for m in c.members}), _best_name(c.members)))
    used: Counter = Counter()
    for cluster in ordered:
        members = cluster.members
        name = _best_name(members)
        base = slug(name)
        used[base] += 1
        key = base if used[base] == 1 else f"{base}-{used[base]}"
        cursor = conn.execute(
            "INSERT INTO persons (key, name, country, documents) VALUES (?, ?, ?, ?)",
            (key, name, _country(members), len({m.doc_id for m in members})),
        )
        person_id = cursor.lastrowid
        conn.executemany("INSERT INTO person_officials VALUES (?, ?)", [(m.official_id, person_id) for m in members])
        conn.executemany(
            "INSERT INTO person_merges VALUES (?, ?, ?, ?, ?)",
            [(person_id, a, b, rule, json.dumps(evidence, ensure_ascii=False)) for g in cluster.groups for a, b, rule, evidence in g.merges],
        )
    return len(ordered)


def _best_name(members: list[OfficialRow]) -> str:
    """The most frequent form (ties: the longer, then alphabetical); a form of two or more
    parts wins over a one-word form given by up to twice as many articles."""
    counts = Counter(" ".join(m.name.split()) for m in members)
    parts = {" ".join(m.name.split()): len(m.key.core) for m in members}

    def weight(name: str) -> float:
        return counts[name] * (2 if parts[name] > 1 else 1)

    return min(counts, key=lambda name: (-weight(name), -len(name), name))


def cluster_officials(rows: list[OfficialRow], mention_cores: Optional[dict[int, set[tuple[str, ...]]]] = None) -> list[Cluster]:
    """Persons of ``rows``; ``mention_cores`` (official id → name keys of its mentions of two or
    more words) lets an official whose ``name`` took in a word too many (``Retno Marsudi
    Bahas`` from a headline) join the person one of its mentions names."""
    groups = _initial_groups(rows)
    names_by_doc: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in rows:
        names_by_doc[row.doc_id].add(row.key.core)
    clusters: dict[int, Cluster] = {id(g): Cluster([g]) for g in groups}

    def cluster_of(group: Group) -> Cluster:
        return clusters[id(group.root())]

    def join(small: Group, big: Group, rule: str) -> bool:
        a, b = cluster_of(small), cluster_of(big)
        if a is b:
            return False
        a_docs = {m.doc_id for m in a.members}
        b_docs = {m.doc_id for m in b.members}
        if a_docs & b_docs:
            return False
        shared_names = set()
        for doc in small.docs:
            shared_names |= names_by_doc[doc]
        other = set()
        for doc in big.docs:
            other |= names_by_doc[doc]
        co_occurring = sorted(" ".join(n) for n in (shared_names & other) - {small.key.core, big.key.core})
        evidence = {
            "names": [small.members[0].name, big.members[0].name],
            "titles": [sorted({m.title for m in small.members if m.title}), sorted({m.title for m in big.members if m.title})],
            "countries": [_country(small.members), _country(b.members)],
            "co_occurring": co_occurring[:10],
        }
        a_root, b_root = small.root(), big.root()
        a_root.parent = b_root
        b_root.merges.extend(a_root.merges)
        a_root.merges = []
        b_root.merges.append((small.members[0].official_id, big.members[0].official_id, rule, evidence))
        b.groups.extend(a.groups)
        del clusters[id(a_root)]
        return True

    # The same name key: each official joins the group's first, with its evidence.
    for group in groups:
        first = group.members[0]
        for member in group.members[1:]:
            co_occurring = (names_by_doc[member.doc_id] & names_by_doc[first.doc_id]) - {group.key.core}
            group.merges.append((member.official_id, first.official_id, "same_name", {
                "names": [member.name, first.name],
                "titles": [[member.title] if member.title else [], [first.title] if first.title else []],
                "countries": [member.country, first.country],
                "co_occurring": sorted(" ".join(n) for n in co_occurring)[:10],
            }))
    # Known aliases and variants of the same length.
    by_block: dict[tuple[int, str], list[Group]] = defaultdict(list)
    for group in groups:
        if group.key.alias_of is not None:
            group.merges.append(
                (group.members[0].official_id, group.members[0].official_id, "known_alias", {"names": sorted({m.name for m in group.members})})
            )
        by_block[(len(group.key.core), group.key.core[0][:1])].append(group)
    for block in by_block.values():
        if len(block[0].key.core) < 2:
            continue
        for i, first in enumerate(block):
            for second in block[i + 1 :]:
                if first.key.core != second.key.core and is_variant(first.key.core, second.key.core):
                    a, b = cluster_of(first).members, cluster_of(second).members
                    if _states_fit(a, b) and _spelling_fits(first.key.core, second.key.core, a, b):
                        join(first, second, "name_variant")

    # A mention naming another group exactly (``Retno Marsudi`` inside ``Retno Marsudi Bahas``).
    by_core: dict[tuple[str, ...], list[Group]] = defaultdict(list)
    for group in groups:
        by_core[group.key.core].append(group)
    for group in groups:
        cores = set().union(*((mention_cores or {}).get(m.official_id, set()) for m in group.members)) - {group.key.core}
        fitting: dict[int, Group] = {}
        mine = cluster_of(group)
        for core in cores:
            for other in by_core.get(core, ()):
                cluster = cluster_of(other)
                if cluster is not mine and _states_fit(mine.members, cluster.members):
                    fitting.setdefault(id(cluster), other)
        if len(fitting) == 1:
            join(group, next(iter(fitting.values())), "mention_form")
    # Name parts, longest names first so that chains (Retno ⊂ Retno Marsudi ⊂ Retno L.P. Marsudi) settle.
    by_token: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        for token in set(group.key.core):
            by_token[token].append(group)
    for group in sorted(groups, key=lambda g: (-len(g.key.core), -len(g.members), g.key.core)):
        candidates: dict[int, tuple[Cluster, Group]] = {}
        for token in group.key.core[:1] + group.key.core[-1:]:
            for other in by_token.get(token, ()):
                if len(other.key.core) > len(group.key.core) and is_part(group.key.core, other.key.core):
                    if initials_fit(group.key.initials, other.key):
                        cluster = cluster_of(other)
                        candidates.setdefault(id(cluster), (cluster, other))
        if not candidates:
            continue
        mine = cluster_of(group)
        fitting = [(c, g) for c, g in candidates.values() if c is not mine and _part_fits(group, mine.members, c.members, g.key.core)]
        if len(fitting) > 1:
            fitting = [(c, g) for c, g in fitting if _titles_fit(mine.members, c.members)] or fitting
        if len(fitting) == 1:
            cluster, other = fitting[0]
            join(group, other, "name_part")
    return list(clusters.values())


def _name_part_words(cores: set[tuple[str, ...]]) -> set[str]:
    """Words that are a part of a longer name (``gatot`` of Gatot Nurmantyo): a one-word name
    so written may be that person or another who shares the word."""
    return {token for core in cores if len(core) > 1 for token in core}


def _initial_groups(rows: list[OfficialRow]) -> list[Group]:
    by_core: dict[tuple[str, ...], list[OfficialRow]] = defaultdict(list)
    for row in rows:
        by_core[row.key.core].append(row)
    shared = _name_part_words(set(by_core))
    groups: list[Group] = []
    for core, members in by_core.items():
        parts = _split_one_document(members)
        if len(core) == 1:
            parts = [piece for part in parts for piece in _split_by_state(part)]
            if core[0] in shared:
                parts = [piece for part in parts for piece in _split_by_title(part)]
        for part in parts:
            key = next((m.key for m in part if m.key.alias_of is not None), part[0].key)
            groups.append(Group(part, NameKey(core, max((m.key.initials for m in part), key=len), key.alias_of)))
    return groups


def _split_one_document(members: list[OfficialRow]) -> list[list[OfficialRow]]:
    """Officials of one name key, in groups that hold at most one official per document."""
    parts: list[list[OfficialRow]] = []
    for member in members:
        for part in parts:
            if all(m.doc_id != member.doc_id for m in part):
                part.append(member)
                break
        else:
            parts.append([member])
    return parts


def _split_by_state(members: list[OfficialRow]) -> list[list[OfficialRow]]:
    """A one-word name held by officials of different states: one group per state; officials of
    no stated state go with the most frequent one."""
    states = Counter(m.country for m in members if m.country)
    if len(states) <= 1:
        return [members]
    first = states.most_common(1)[0][0]
    by_state: dict[str, list[OfficialRow]] = defaultdict(list)
    for member in members:
        by_state[member.country or first].append(member)
    return list(by_state.values())


def _leading_states(members: list[OfficialRow]) -> set[str]:
    """The states the most officials of a person give (all of them when tied): one article's
    wrong state (an American general given as Indonesian in one of two articles) is not the
    person's state, nor evidence against the other."""
    counts = Counter(m.country for m in members if m.country)
    if not counts:
        return set()
    top = max(counts.values())
    return {state for state, count in counts.items() if count == top}


def _split_by_title(members: list[OfficialRow]) -> list[list[OfficialRow]]:
    """A one-word name that is a part of a longer name, held by officials whose titles do not fit
    (``Gatot`` the Panglima TNI and ``Gatot`` the head of a fire brigade section): one group
    per fitting set of titles; officials with no title go with the largest. A one-word name
    that no longer name holds (``Wiranto``) is one group whatever its offices."""
    parts: list[list[OfficialRow]] = []
    for member in (m for m in members if m.title):
        for part in parts:
            if _titles_fit([member], part):
                part.append(member)
                break
        else:
            parts.append([member])
    untitled = [m for m in members if not m.title]
    if not parts:
        return [untitled]
    largest = max(parts, key=len)
    largest.extend(untitled)
    return parts


def _states_fit(a: list[OfficialRow], b: list[OfficialRow]) -> bool:
    first, second = _leading_states(a), _leading_states(b)
    return not first or not second or bool(first & second)


def _spelling_fits(part: tuple[str, ...], whole: tuple[str, ...], a: list[OfficialRow], b: list[OfficialRow]) -> bool:
    """A name matched through a close spelling (``Aries`` / ``Arief Budiman``) with fewer than
    two parts written alike (:func:`.names.sure_parts`) is one person only when the titles fit too (one side without
    title: nothing against it): ``Arief Budiman`` chairing the KPU and ``Aries Budiman``
    directing KPK investigations stay two."""
    if sure_parts(part, whole) >= min(2, len(part)):
        return True
    return not _titles(a) or not _titles(b) or _titles_fit(a, b)


def _part_fits(group: Group, mine: list[OfficialRow], theirs: list[OfficialRow], whole: tuple[str, ...] = ()) -> bool:
    if not _states_fit(mine, theirs):
        return False
    if whole and not _spelling_fits(group.key.core, whole, mine, theirs):
        return False
    if len(group.key.core) > 1:
        return True
    # A one-word name: the same office, or the same foreign state (Indonesian officials are
    # too many for the state alone to tell them apart).
    state = _country(mine)
    return _titles_fit(mine, theirs) or (state not in (None, INDONESIA) and state == _country(theirs))
