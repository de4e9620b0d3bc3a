"""Everything the report shows, read once from an archive database (read-only, through the
archive's documented schema, ``extractor/archive/schema.sql``): documents with their texts and
records, persons, archive events with their sources, values and links.

The archive's query functions answer one question at a time; a site asks every question about
every person and event, so this module reads each table once and joins in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from ..records import DocumentRecords

HOME = "ID"  # the archive is about Indonesia's diplomacy: partners are the other parties


@lru_cache(maxsize=1)
def party_names() -> dict[str, str]:
    """Display name of each country code and bloc acronym (the first name in the resource)."""
    from ..resource_data import load_resource

    data = load_resource("countries.json")
    names = {code: forms[0] for code, forms in data["countries"].items() if forms}
    names.update({code: forms[0] for code, forms in data["blocs"].items() if forms})
    return names


def party_name(code: str) -> str:
    return party_names().get(code, code)


@dataclass
class Document:
    doc_id: str
    title: Optional[str]
    source: Optional[str]
    url: Optional[str]
    published: Optional[str]
    dateline: Optional[str]
    text: Optional[str]
    records: DocumentRecords
    official_ids: list[int] = field(default_factory=list)  # by the record's index
    event_ids: list[int] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)


@dataclass
class Person:
    person_id: int
    key: str
    name: str
    country: Optional[str]
    documents: int
    official_ids: list[int] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    archive_event_ids: list[int] = field(default_factory=list)


@dataclass
class ArchiveEvent:
    archive_event_id: int
    key: str
    type: str
    name: str
    ordinal: Optional[int]
    location: Optional[str]
    start: Optional[str]
    end: Optional[str]
    date_basis: Optional[str]
    status: Optional[str]
    parties: list[str]
    source_count: int
    sources: list[tuple[int, Optional[dict]]] = field(default_factory=list)  # (event_id, evidence)
    values: list[dict[str, Any]] = field(default_factory=list)
    links: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (relation, other id, doc ids)
    person_ids: list[int] = field(default_factory=list)

    @property
    def month(self) -> Optional[str]:
        return self.start[:7] if self.start and len(self.start) >= 7 else None

    @property
    def disagreements(self) -> dict[str, list[dict[str, Any]]]:
        """Fields whose sources give more than one value (parties are a union, not a choice)."""
        by_field: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for value in self.values:
            if value["field"] != "parties":
                by_field[value["field"]].append(value)
        return {name: values for name, values in by_field.items() if len(values) > 1}


@dataclass
class OfficialRow:
    official_id: int
    doc_id: str
    idx: int
    name: str
    title: Optional[str]
    organization: Optional[str]
    country: Optional[str]


@dataclass
class ArchiveData:
    documents: dict[str, Document]
    persons: dict[int, Person]
    events: dict[int, ArchiveEvent]
    officials: dict[int, OfficialRow]
    event_docs: dict[int, tuple[str, int]]  # per-document event id -> (doc id, record index)
    person_of_official: dict[int, int]
    archive_event_of: dict[int, int]  # per-document event id -> archive event id
    resolved: bool


def _rows(conn: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    return conn.execute(sql).fetchall()


def _span(row: sqlite3.Row) -> dict[str, Any]:
    return {"start": row["start"], "end": row["end"], "text": row["text"]}


def load_archive(conn: sqlite3.Connection) -> ArchiveData:
    """Read the whole archive (``conn`` may be read-only; ``row_factory`` must be ``sqlite3.Row``)."""
    mentions: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in _rows(conn, 'SELECT record_type, record_id, start, "end", text FROM mentions ORDER BY start, "end"'):
        mentions[(row["record_type"], row["record_id"])].append(_span(row))
    texts = {row[0]: row[1] for row in conn.execute("SELECT doc_id, text FROM texts")}
    raw: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    officials: dict[int, OfficialRow] = {}
    official_index: dict[str, list[int]] = defaultdict(list)
    for row in _rows(conn, "SELECT * FROM officials ORDER BY doc_id, idx"):
        officials[row["official_id"]] = OfficialRow(
            row["official_id"], row["doc_id"], row["idx"], row["name"], row["title"], row["organization"], row["country"]
        )
        official_index[row["doc_id"]].append(row["official_id"])
        raw[row["doc_id"]]["officials"].append({
            "name": row["name"], "title": row["title"], "organization": row["organization"], "country": row["country"],
            "mentions": mentions[("officials", row["official_id"])], "rule": row["rule"], "score": row["score"],
        })
    parties: dict[int, list[str]] = defaultdict(list)
    for row in _rows(conn, "SELECT event_id, party FROM event_parties ORDER BY party"):
        parties[row[0]].append(row[1])
    chairs: dict[int, list[str]] = defaultdict(list)
    for row in _rows(conn, "SELECT event_id, name FROM event_chairs ORDER BY rowid"):
        chairs[row[0]].append(row[1])
    event_docs: dict[int, tuple[str, int]] = {}
    event_index: dict[str, list[int]] = defaultdict(list)
    for row in _rows(conn, "SELECT * FROM events ORDER BY doc_id, idx"):
        event_docs[row["event_id"]] = (row["doc_id"], row["idx"])
        event_index[row["doc_id"]].append(row["event_id"])
        raw[row["doc_id"]]["events"].append({
            "type": row["type"], "name": row["name"], "ordinal": row["ordinal"], "parties": parties[row["event_id"]],
            "location": row["location"], "start": row["start"], "end": row["end"], "chairs": chairs[row["event_id"]],
            "status": row["status"], "mentions": mentions[("events", row["event_id"])], "rule": row["rule"], "score": row["score"],
        })
    for row in _rows(conn, "SELECT * FROM dates ORDER BY doc_id, idx"):
        raw[row["doc_id"]]["dates"].append({
            **_span(row), "value": row["value"], "value_end": row["value_end"], "granularity": row["granularity"], "rule": row["rule"],
        })
    for row in _rows(conn, "SELECT * FROM priority_areas ORDER BY doc_id, idx"):
        raw[row["doc_id"]]["priority_areas"].append({
            "area": row["area"], "mentions": mentions[("priority_areas", row["area_id"])], "rule": row["rule"],
        })
    for row in _rows(conn, "SELECT * FROM figures ORDER BY doc_id, idx"):
        raw[row["doc_id"]]["figures"].append({
            **_span(row), "kind": row["kind"], "value": row["value"], "unit": row["unit"], "subject": row["subject"], "rule": row["rule"],
        })
    partners: dict[str, list[str]] = defaultdict(list)
    for row in _rows(conn, "SELECT doc_id, partner FROM document_partners ORDER BY partner"):
        partners[row[0]].append(row[1])
    documents: dict[str, Document] = {}
    for row in _rows(conn, "SELECT * FROM documents ORDER BY published, doc_id"):
        doc_id = row["doc_id"]
        article = {name: row[name] for name in ("title", "url", "source", "dateline", "published", "published_source")}
        records = DocumentRecords.model_validate({
            "doc_id": doc_id, "published": row["published"], **raw.get(doc_id, {}),
            "article": {name: value for name, value in article.items() if value is not None},
        })
        documents[doc_id] = Document(
            doc_id, row["title"], row["source"], row["url"], row["published"], row["dateline"], texts.get(doc_id), records,
            official_index[doc_id], event_index[doc_id], partners[doc_id],
        )

    persons: dict[int, Person] = {}
    for row in _rows(conn, "SELECT * FROM persons ORDER BY documents DESC, name"):
        persons[row["person_id"]] = Person(row["person_id"], row["key"], row["name"], row["country"], row["documents"])
    person_of_official: dict[int, int] = {}
    for row in _rows(conn, "SELECT official_id, person_id FROM person_officials ORDER BY official_id"):
        person_of_official[row[0]] = row[1]
        persons[row[1]].official_ids.append(row[0])
    for row in _rows(conn, "SELECT person_id, rule, evidence FROM person_merges ORDER BY rowid"):
        persons[row[0]].merges.append({"rule": row[1], **json.loads(row[2])})

    events: dict[int, ArchiveEvent] = {}
    for row in _rows(conn, 'SELECT * FROM archive_events ORDER BY start, archive_event_id'):
        events[row["archive_event_id"]] = ArchiveEvent(
            row["archive_event_id"], row["key"], row["type"], row["name"], row["ordinal"], row["location"], row["start"],
            row["end"], row["date_basis"], row["status"], json.loads(row["parties"]), row["sources"],
        )
    archive_event_of: dict[int, int] = {}
    for row in _rows(conn, "SELECT event_id, archive_event_id, evidence FROM archive_event_sources ORDER BY event_id"):
        archive_event_of[row[0]] = row[1]
        events[row[1]].sources.append((row[0], json.loads(row[2]) if row[2] else None))
    for row in _rows(conn, "SELECT * FROM archive_event_values ORDER BY archive_event_id, field, support DESC, rowid"):
        events[row["archive_event_id"]].values.append({
            "field": row["field"], "value": json.loads(row["value"]), "support": row["support"],
            "chosen": bool(row["chosen"]), "doc_ids": json.loads(row["doc_ids"]),
        })
    for row in _rows(conn, "SELECT * FROM archive_event_links ORDER BY archive_event_id, linked_event_id"):
        doc_ids = json.loads(row["doc_ids"])
        events[row["archive_event_id"]].links.append(("includes", row["linked_event_id"], doc_ids))
        events[row["linked_event_id"]].links.append((row["relation"], row["archive_event_id"], doc_ids))
    seen: set[tuple[int, int]] = set()
    for row in _rows(conn, "SELECT event_id, official_id FROM event_participants ORDER BY event_id, official_id"):
        archive_id, person_id = archive_event_of.get(row[0]), person_of_official.get(row[1])
        if archive_id is None or person_id is None or (archive_id, person_id) in seen:
            continue
        seen.add((archive_id, person_id))
        events[archive_id].person_ids.append(person_id)
        persons[person_id].archive_event_ids.append(archive_id)
    meta = dict(conn.execute("SELECT key, value FROM archive_meta").fetchall())
    resolved = meta.get("documents_generation", "0") == meta.get("resolved_generation", "0")
    return ArchiveData(documents, persons, events, officials, event_docs, person_of_official, archive_event_of, resolved)
