"""The questions an analyst asks of the archive. Each answer is one or more :class:`Table`\\ s
whose rows name their source articles (``sources``: doc ids; :func:`source_details` gives their
outlet, date and URL).

- :func:`meetings`: who met whom (one row per archive event, or per country or person pair);
- :func:`timeline`: a person's or a country's events in date order;
- :func:`person`: a profile (names, titles over time, countries, events, articles);
- :func:`areas`: priority areas by partner and year;
- :func:`figures`: money and percent figures by partner and subject;
- :func:`search`: articles matching a full-text query (FTS5).

Dates filter on the archive event's date (``since``/``until``: ISO dates, possibly partial,
inclusive); for areas and figures on the article's publication date.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable, Optional

from .names import name_key, plain

MEETING_TYPES = ("meeting", "summit", "conference", "dialogue", "visit")
FIGURE_KINDS = ("money", "percent")


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "columns": self.columns, "rows": self.rows}


@dataclass
class Answer:
    kind: str
    tables: list[Table]
    note: Optional[str] = None

    @property
    def sources(self) -> list[str]:
        found: dict[str, None] = {}
        for table in self.tables:
            for row in table.rows:
                for doc_id in row.get("sources", []):
                    found.setdefault(doc_id)
        return list(found)

    def as_dict(self, conn: Optional[sqlite3.Connection] = None) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "tables": [t.as_dict() for t in self.tables]}
        if self.note:
            out["note"] = self.note
        if conn is not None:
            out["sources"] = source_details(conn, self.sources)
        return out


class QueryError(ValueError):
    """A query that cannot be answered as asked (unknown person, bad date, ...)."""


def _check_date(value: Optional[str], what: str) -> Optional[str]:
    from ..records import check_iso_partial

    if value is None:
        return None
    try:
        return check_iso_partial(value)
    except ValueError as error:
        raise QueryError(f"{what}: {error}") from None


def _in_period(date: Optional[str], since: Optional[str], until: Optional[str]) -> bool:
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date[: len(since)] < since:
        return False
    if until is not None and date[: len(until)] > until:
        return False
    return True


def source_details(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
    ids = list(doc_ids)
    details = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for row in conn.execute(
            f"SELECT doc_id, published, source, url, title FROM documents WHERE doc_id IN ({','.join('?' * len(part))})", part
        ):
            details[row["doc_id"]] = dict(row)
    return [details[d] for d in ids if d in details]


# --- persons ---------------------------------------------------------------------------------


def find_persons(conn: sqlite3.Connection, name: str) -> list[sqlite3.Row]:
    """Persons a name stands for: the person key, a name form written in an article, or a name
    whose parts include all the given ones (``Retno``, ``Marsudi``), most documented first."""
    exact = conn.execute("SELECT * FROM persons WHERE key = ?", (name,)).fetchall()
    if exact:
        return exact
    wanted = plain(" ".join(name.split()))
    by_form = conn.execute(
        "SELECT DISTINCT p.* FROM persons p JOIN person_officials po USING (person_id) JOIN officials o USING (official_id)"
        " WHERE lower(o.name) = lower(?) ORDER BY p.documents DESC",
        (" ".join(name.split()),),
    ).fetchall()
    if by_form:
        return by_form
    parts = set(name_key(name).core)
    found: dict[int, sqlite3.Row] = {}
    for row in conn.execute(
        "SELECT DISTINCT p.*, o.name AS form FROM persons p JOIN person_officials po USING (person_id) JOIN officials o USING (official_id)"
    ):
        if row["person_id"] not in found and (parts <= set(name_key(row["form"]).core) or wanted == plain(row["form"])):
            found[row["person_id"]] = row
    return sorted(found.values(), key=lambda r: -r["documents"])


def _one_person(conn: sqlite3.Connection, name: str) -> tuple[sqlite3.Row, Optional[str]]:
    """The person a name stands for (the most documented when several fit) and a note naming
    the others."""
    found = find_persons(conn, name)
    if not found:
        raise QueryError(f"no person named {name!r} in the archive")
    note = None
    if len(found) > 1:
        others = ", ".join(f"{r['name']} ({r['key']}, {r['documents']} articles)" for r in found[1:8])
        note = f"{name!r} also fits: {others}{' ...' if len(found) > 8 else ''}; ask for one by its key"
    return found[0], note


def _is_form_of(conn: sqlite3.Connection, person_id: int, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM person_officials po JOIN officials o USING (official_id) WHERE po.person_id = ? AND lower(o.name) = lower(?)",
        (person_id, " ".join(name.split())),
    ).fetchone()
    return row is not None


# --- archive events --------------------------------------------------------------------------


def _archive_events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every archive event with its parties, persons and sources."""
    persons: dict[int, dict[int, str]] = defaultdict(dict)
    for row in conn.execute(
        "SELECT s.archive_event_id, p.person_id, p.name FROM archive_event_sources s"
        " JOIN event_participants ep ON ep.event_id = s.event_id"
        " JOIN person_officials po ON po.official_id = ep.official_id JOIN persons p ON p.person_id = po.person_id"
    ):
        persons[row[0]][row[1]] = row[2]
    sources: dict[int, list[str]] = defaultdict(list)
    for row in conn.execute(
        "SELECT s.archive_event_id, e.doc_id FROM archive_event_sources s JOIN events e ON e.event_id = s.event_id ORDER BY e.doc_id"
    ):
        if row[1] not in sources[row[0]]:
            sources[row[0]].append(row[1])
    disagreements: dict[int, list[str]] = defaultdict(list)
    for row in conn.execute(
        "SELECT archive_event_id, field FROM archive_event_values WHERE field != 'parties' GROUP BY archive_event_id, field HAVING COUNT(*) > 1"
    ):
        disagreements[row[0]].append(row[1])
    events = []
    for row in conn.execute('SELECT * FROM archive_events ORDER BY start, archive_event_id'):
        event = dict(row)
        event["parties"] = json.loads(event["parties"])
        event["person_ids"] = persons[row["archive_event_id"]]
        event["persons"] = sorted(persons[row["archive_event_id"]].values())
        event["sources"] = sources[row["archive_event_id"]]
        event["disagreements"] = disagreements[row["archive_event_id"]]
        events.append(event)
    return events


EVENT_COLUMNS = ["date", "type", "event", "location", "parties", "persons", "sources"]


def _event_row(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": event["start"] or "",
        "type": event["type"],
        "event": event["name"],
        "location": event["location"] or "",
        "parties": event["parties"],
        "persons": event["persons"],
        "sources": event["sources"],
        "key": event["key"],
        "date_basis": event["date_basis"],
        "disagreements": event["disagreements"],
    }


def meetings(
    conn: sqlite3.Connection,
    country: Optional[str] = None,
    person: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    types: Optional[Iterable[str]] = None,
    pairs: Optional[str] = None,
) -> Answer:
    """Who met whom: archive events (``pairs=None``), or ``"country"`` / ``"person"`` pairs with
    how often and where they met."""
    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    kinds = set(types or MEETING_TYPES)
    note = None
    person_id = None
    if person:
        found, note = _one_person(conn, person)
        person_id = found["person_id"]
    selected = []
    for event in _archive_events(conn):
        if event["type"] not in kinds or not _in_period(event["start"], since, until):
            continue
        if country and country not in event["parties"]:
            continue
        if person_id is not None and person_id not in event["person_ids"]:
            continue
        selected.append(event)
    if pairs is None:
        return Answer("meetings", [Table("meetings", EVENT_COLUMNS, [_event_row(e) for e in selected])], note)
    if pairs not in ("country", "person"):
        raise QueryError(f"pairs must be 'country' or 'person', not {pairs!r}")
    counts: dict[tuple[str, str], dict[str, Any]] = {}
    for event in selected:
        members = event["parties"] if pairs == "country" else event["persons"]
        for a, b in combinations(sorted(set(members)), 2):
            if country and country not in (a, b) and pairs == "country":
                continue
            entry = counts.setdefault((a, b), {"a": a, "b": b, "events": 0, "first": None, "last": None, "sources": []})
            entry["events"] += 1
            date = event["start"]
            if date:
                entry["first"] = min(filter(None, [entry["first"], date]))
                entry["last"] = max(filter(None, [entry["last"], date]))
            entry["sources"].extend(d for d in event["sources"] if d not in entry["sources"])
    rows = sorted(counts.values(), key=lambda r: (-r["events"], r["a"], r["b"]))
    return Answer("meetings", [Table(f"{pairs} pairs", ["a", "b", "events", "first", "last", "sources"], rows)], note)


def timeline(
    conn: sqlite3.Connection,
    subject: str,
    since: Optional[str] = None,
    until: Optional[str] = None,
    kind: Optional[str] = None,
) -> Answer:
    """A person's or a country's (party's) events in date order, with sources. ``kind``:
    ``"country"`` or ``"person"``; by default a party code known to the archive is a country."""
    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    if kind is None:
        is_party = conn.execute("SELECT 1 FROM event_parties WHERE party = ? LIMIT 1", (subject,)).fetchone()
        kind = "country" if is_party else "person"
    events = _archive_events(conn)
    note = None
    if kind == "country":
        chosen = [e for e in events if subject in e["parties"]]
        title = subject
    elif kind == "person":
        found, note = _one_person(conn, subject)
        chosen = [e for e in events if found["person_id"] in e["person_ids"]]
        title = f"{found['name']} ({found['key']})"
    else:
        raise QueryError(f"timeline of a 'country' or a 'person', not {kind!r}")
    chosen = [e for e in chosen if _in_period(e["start"], since, until)]
    chosen.sort(key=lambda e: (e["start"] or "9999", e["archive_event_id"]))
    return Answer("timeline", [Table(f"timeline of {title}", EVENT_COLUMNS, [_event_row(e) for e in chosen])], note)


def person(conn: sqlite3.Connection, name: str) -> Answer:
    """A person's profile: name forms, titles over time, countries, events, articles."""
    found, note = _one_person(conn, name)
    person_id = found["person_id"]
    rows = conn.execute(
        "SELECT o.official_id, o.name, o.title, o.organization, o.country, d.doc_id, d.published FROM person_officials po"
        " JOIN officials o USING (official_id) JOIN documents d ON d.doc_id = o.doc_id WHERE po.person_id = ?"
        " ORDER BY d.published, d.doc_id",
        (person_id,),
    ).fetchall()
    names: dict[str, list[str]] = defaultdict(list)
    titles: dict[tuple, list[sqlite3.Row]] = defaultdict(list)
    countries: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        names[" ".join(row["name"].split())].append(row["doc_id"])
        if row["title"]:
            titles[(row["title"], row["organization"] or "", row["country"] or "")].append(row)
        if row["country"]:
            countries[row["country"]].append(row["doc_id"])
    name_table = Table("names", ["name", "articles", "sources"], [
        {"name": n, "articles": len(d), "sources": d} for n, d in sorted(names.items(), key=lambda x: (-len(x[1]), x[0]))
    ])
    title_rows = []
    for (title, organization, country), items in titles.items():
        dates = [r["published"] for r in items if r["published"]]
        title_rows.append({
            "title": title, "organization": organization, "country": country,
            "first": min(dates) if dates else "", "last": max(dates) if dates else "",
            "articles": len(items), "sources": [r["doc_id"] for r in items],
        })
    title_rows.sort(key=lambda r: (r["first"] or "9999", r["title"]))
    title_table = Table("titles", ["title", "organization", "country", "first", "last", "articles", "sources"], title_rows)
    country_table = Table("countries", ["country", "articles", "sources"], [
        {"country": c, "articles": len(d), "sources": d} for c, d in sorted(countries.items(), key=lambda x: -len(x[1]))
    ])
    events = [e for e in _archive_events(conn) if person_id in e["person_ids"]]
    events.sort(key=lambda e: (e["start"] or "9999", e["archive_event_id"]))
    event_table = Table("events", EVENT_COLUMNS, [_event_row(e) for e in events])
    articles = source_details(conn, dict.fromkeys(r["doc_id"] for r in rows))
    article_table = Table("articles", ["published", "source", "title", "sources"], [
        {"published": a["published"] or "", "source": a["source"] or "", "title": a["title"] or a["url"] or "", "sources": [a["doc_id"]]}
        for a in articles
    ])
    merges = [
        {"rule": r["rule"], **json.loads(r["evidence"])}
        for r in conn.execute("SELECT rule, evidence FROM person_merges WHERE person_id = ?", (person_id,))
    ]
    header = Table("person", ["key", "name", "country", "articles"], [
        {"key": found["key"], "name": found["name"], "country": found["country"] or "", "articles": found["documents"], "merges": merges}
    ])
    return Answer("person", [header, name_table, title_table, country_table, event_table, article_table], note)


# --- areas and figures -----------------------------------------------------------------------


def _partners(conn: sqlite3.Connection) -> dict[str, list[str]]:
    partners: dict[str, list[str]] = defaultdict(list)
    for row in conn.execute("SELECT doc_id, partner FROM document_partners ORDER BY partner"):
        partners[row[0]].append(row[1])
    return partners


def areas(
    conn: sqlite3.Connection, partner: Optional[str] = None, year: Optional[str] = None, area: Optional[str] = None
) -> Answer:
    """Priority areas by partner (the document's foreign parties, or ``-`` for none) and year."""
    partners = _partners(conn)
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in conn.execute(
        "SELECT DISTINCT a.doc_id, a.area, substr(d.published, 1, 4) AS year FROM priority_areas a"
        " JOIN documents d ON d.doc_id = a.doc_id ORDER BY a.doc_id"
    ):
        if year and row["year"] != year or area and row["area"] != area:
            continue
        for each in partners.get(row["doc_id"]) or ["-"]:
            if partner and each != partner:
                continue
            groups[(each, row["year"] or "", row["area"])].append(row["doc_id"])
    rows = [
        {"partner": p, "year": y, "area": a, "articles": len(d), "sources": d}
        for (p, y, a), d in sorted(groups.items(), key=lambda x: (x[0][0] == "-", x[0][0], x[0][1], -len(x[1]), x[0][2]))
    ]
    return Answer("areas", [Table("priority areas", ["partner", "year", "area", "articles", "sources"], rows)])


def figures(
    conn: sqlite3.Connection,
    partner: Optional[str] = None,
    subject: Optional[str] = None,
    kinds: Optional[Iterable[str]] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    unit: Optional[str] = None,
) -> Answer:
    """Figures (money and percent by default) with their subject and the article's partners, in
    date order: how the numbers moved."""
    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    wanted = tuple(kinds or FIGURE_KINDS)
    partners = _partners(conn)
    conditions = [f"f.kind IN ({','.join('?' * len(wanted))})"]
    values: list[Any] = list(wanted)
    if partner:
        conditions.append("f.doc_id IN (SELECT doc_id FROM document_partners WHERE partner = ?)")
        values.append(partner)
    if unit:
        conditions.append("f.unit = ?")
        values.append(unit)
    query = (
        'SELECT f.doc_id, f.start, f."end", f.kind, f.value, f.unit, f.subject, f.text, d.published'
        f" FROM figures f JOIN documents d ON d.doc_id = f.doc_id WHERE {' AND '.join(conditions)}"
        " ORDER BY d.published, f.doc_id, f.start"
    )
    needle = plain(subject) if subject else None
    rows = []
    for doc_id, start, end, kind, value, unit_, subject_, text, published in conn.execute(query, values):
        if needle and needle not in plain(subject_ or "") and needle not in plain(text):
            continue
        if (since or until) and not _in_period(published, since, until):
            continue
        rows.append({
            "published": published or "", "partners": partners.get(doc_id, []), "kind": kind, "value": value,
            "unit": unit_ or "", "subject": subject_ or "", "text": text, "sources": [doc_id], "span": [start, end],
        })
    columns = ["published", "partners", "kind", "value", "unit", "subject", "text", "sources"]
    return Answer("figures", [Table("figures", columns, rows)])


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> Answer:
    """Articles matching an FTS5 query over titles and texts, best first, with a snippet."""
    try:
        found = conn.execute(
            "SELECT doc_id, snippet(documents_fts, 2, '[', ']', '…', 12) AS snippet FROM documents_fts"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
    except sqlite3.OperationalError as error:
        raise QueryError(f"bad full-text query {query!r}: {error}") from None
    rows = [{"snippet": r["snippet"], "sources": [r["doc_id"]]} for r in found]
    return Answer("search", [Table(f"articles matching {query!r}", ["sources", "snippet"], rows)])


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many rows each main table holds."""
    tables = ("documents", "texts", "officials", "events", "dates", "priority_areas", "figures", "persons", "archive_events")
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


__all__ = [
    "Answer", "Table", "QueryError", "meetings", "timeline", "person", "areas", "figures", "search", "find_persons",
    "source_details", "counts",
]
