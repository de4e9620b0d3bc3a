"""The archive database: opening it (WAL, schema version check) and writing one document.

Each document is written in one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): a killed run
leaves whole documents only. A document is identified by its ``doc_id`` and its content hash
(the record line as ``extract`` writes it, and the text): the same hash again writes nothing; a
different hash replaces every row of the document, never adds a second copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Union

from ..io.writers import record_line
from ..records import DocumentRecords

SCHEMA_VERSION = 1
INDONESIA = "ID"
# Officials named within this many characters of an event mention take part in it when the
# document's text (and so its sentences) is not stored.
PARTICIPANT_WINDOW = 150
# A sentence ends at . ! ? after a lower-case letter, digit or closing mark (not after an
# initial: `L.P. Marsudi`), before white space and a capital; or at a line break.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”’'])[.!?][\"'”’)]*\s+(?=[A-Z\"“‘'])|\n\s*")


class ArchiveError(Exception):
    """The archive cannot be opened or written (not an archive, another schema version, ...)."""


def schema_sql() -> str:
    return resources.files("extractor.archive").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(path: Union[str, Path], readonly: bool = False) -> sqlite3.Connection:
    """An open archive: created with the current schema when new, checked otherwise.

    Connections are in autocommit mode; writers open their own transactions.
    """
    path = str(path)
    try:
        if readonly:
            if path != ":memory:" and not Path(path).exists():
                raise ArchiveError(f"{path}: no such archive")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        _check_schema(conn, path, readonly)
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"{path}: not an archive database ({error})") from None
    return conn


def _check_schema(conn: sqlite3.Connection, path: str, readonly: bool) -> None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables:
            raise ArchiveError(f"{path}: an SQLite database, but not an archive (no schema_version table)")
        if readonly:
            raise ArchiveError(f"{path}: empty database, not an archive")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(schema_sql()):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?)", (SCHEMA_VERSION, _now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    if row[0] != SCHEMA_VERSION:
        raise ArchiveError(f"{path}: archive schema version {row[0]}, this extractor reads version {SCHEMA_VERSION}")


def _statements(script: str) -> Iterable[str]:
    """The statements of ``schema.sql`` (no semicolons inside its statements or comments)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            yield statement


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def granularity(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    return {4: "year", 7: "month"}.get(len(value), "day")


def get_meta(conn: sqlite3.Connection, key: str, default: Optional[str] = None) -> Optional[str]:
    row = conn.execute("SELECT value FROM archive_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO archive_meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def is_resolved(conn: sqlite3.Connection) -> bool:
    """Whether the archive tables reflect every document (the last run was not cut short)."""
    return get_meta(conn, "documents_generation", "0") == get_meta(conn, "resolved_generation", "0")


def stored_text(conn: sqlite3.Connection, doc_id: str) -> Optional[str]:
    row = conn.execute("SELECT text FROM texts WHERE doc_id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def write_document(
    conn: sqlite3.Connection, records: DocumentRecords, text: Optional[str], origin: Optional[str] = None
) -> str:
    """Write one document in one transaction: ``"added"``, ``"replaced"`` or ``"unchanged"``.

    ``text`` is the article's text (``None``: not available; a text stored earlier is kept when
    the records still fit it). Offsets must fit the text: a mismatch raises ``ValueError``.
    """
    records_hash = sha256(record_line(records))
    existing = conn.execute(
        "SELECT records_hash, text_hash, fts_rowid FROM documents WHERE doc_id = ?", (records.doc_id,)
    ).fetchone()
    if text is None and existing is not None and existing["text_hash"] is not None:
        text = stored_text(conn, records.doc_id)
    if text is not None:
        records.check_offsets(text)
    text_hash = sha256(text) if text is not None else None
    content_hash = sha256(records_hash + (text_hash or ""))
    if existing is not None and existing["records_hash"] == records_hash and existing["text_hash"] == text_hash:
        return "unchanged"
    conn.execute("BEGIN IMMEDIATE")
    try:
        if existing is not None:
            _delete_document(conn, records.doc_id, existing["fts_rowid"])
        _insert_document(conn, records, text, origin, records_hash, text_hash, content_hash)
        generation = int(get_meta(conn, "documents_generation", "0")) + 1
        set_meta(conn, "documents_generation", str(generation))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return "replaced" if existing is not None else "added"


def _delete_document(conn: sqlite3.Connection, doc_id: str, fts_rowid: Optional[int]) -> None:
    if fts_rowid is not None:
        conn.execute("DELETE FROM documents_fts WHERE rowid = ?", (fts_rowid,))
    conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))  # cascades to every record table


def _insert_document(
    conn: sqlite3.Connection,
    records: DocumentRecords,
    text: Optional[str],
    origin: Optional[str],
    records_hash: str,
    text_hash: Optional[str],
    content_hash: str,
) -> None:
    doc_id = records.doc_id
    meta = records.article
    title = meta.title if meta else None
    cursor = conn.execute(
        "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)", (doc_id, title or "", text or "")
    )
    fts_rowid = cursor.lastrowid
    conn.execute(
        "INSERT INTO documents (doc_id, source, url, title, published, published_granularity, published_source,"
        " dateline, content_hash, records_hash, text_hash, origin, fts_rowid, indexed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            meta.source if meta else None,
            meta.url if meta else None,
            title,
            records.published,
            granularity(records.published),
            meta.published_source if meta else None,
            meta.dateline if meta else None,
            content_hash,
            records_hash,
            text_hash,
            origin,
            fts_rowid,
            _now(),
        ),
    )
    if text is not None:
        conn.execute("INSERT INTO texts VALUES (?, ?)", (doc_id, text))
    mentions: list[tuple] = []
    official_ids: dict[str, int] = {}
    official_spans: list[tuple[int, int, int]] = []
    for idx, official in enumerate(records.officials):
        cursor = conn.execute(
            "INSERT INTO officials (doc_id, idx, name, title, organization, country, rule, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, idx, official.name, official.title, official.organization, official.country, official.rule, official.score),
        )
        official_ids.setdefault(official.name, cursor.lastrowid)
        for span in official.mentions:
            mentions.append((doc_id, "officials", cursor.lastrowid, span.start, span.end, span.text))
            official_spans.append((span.start, span.end, cursor.lastrowid))
    sentences = _sentence_bounds(text) if text is not None else None
    participants: list[tuple[int, int, str]] = []
    partners: dict[str, str] = {}
    for idx, event in enumerate(records.events):
        cursor = conn.execute(
            'INSERT INTO events (doc_id, idx, type, name, ordinal, location, start, "end", status, rule, score)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, idx, event.type.value, event.name, event.ordinal, event.location, event.start, event.end,
                event.status.value if event.status else None, event.rule, event.score,
            ),
        )
        event_id = cursor.lastrowid
        conn.executemany("INSERT OR IGNORE INTO event_parties VALUES (?, ?)", [(event_id, p) for p in event.parties])
        conn.executemany("INSERT OR IGNORE INTO event_chairs VALUES (?, ?)", [(event_id, c) for c in event.chairs])
        for party in event.parties:
            if party != INDONESIA:
                partners.setdefault(party, "event")
        taking_part: dict[int, str] = {}
        for chair in event.chairs:
            if chair in official_ids:
                taking_part[official_ids[chair]] = "chair"
        for span in event.mentions:
            mentions.append((doc_id, "events", event_id, span.start, span.end, span.text))
            low, high = _context(span.start, span.end, sentences)
            for start, end, official_id in official_spans:
                if start < high and end > low:
                    taking_part.setdefault(official_id, "sentence")
        participants.extend((event_id, official_id, basis) for official_id, basis in taking_part.items())
    conn.executemany("INSERT INTO event_participants VALUES (?, ?, ?)", participants)
    if not partners:
        for official in records.officials:
            if official.country and official.country != INDONESIA:
                partners.setdefault(official.country, "official")
    conn.executemany("INSERT INTO document_partners VALUES (?, ?, ?)", [(doc_id, p, b) for p, b in partners.items()])
    for idx, date in enumerate(records.dates):
        conn.execute(
            'INSERT INTO dates (doc_id, idx, start, "end", text, value, value_end, granularity, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (doc_id, idx, date.start, date.end, date.text, date.value, date.value_end, date.granularity.value, date.rule),
        )
    for idx, area in enumerate(records.priority_areas):
        cursor = conn.execute(
            "INSERT INTO priority_areas (doc_id, idx, area, rule) VALUES (?, ?, ?, ?)", (doc_id, idx, area.area.value, area.rule)
        )
        for span in area.mentions:
            mentions.append((doc_id, "priority_areas", cursor.lastrowid, span.start, span.end, span.text))
    conn.executemany(
        'INSERT INTO figures (doc_id, idx, start, "end", text, kind, value, unit, subject, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (doc_id, idx, f.start, f.end, f.text, f.kind.value, f.value, f.unit, f.subject, f.rule)
            for idx, f in enumerate(records.figures)
        ],
    )
    conn.executemany('INSERT INTO mentions (doc_id, record_type, record_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)', mentions)


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _context(start: int, end: int, sentences: Optional[list[tuple[int, int]]]) -> tuple[int, int]:
    """The character range whose officials take part in the event mention ``start:end``."""
    if sentences is None:
        return start - PARTICIPANT_WINDOW, end + PARTICIPANT_WINDOW
    low, high = start, end
    for s_start, s_end in sentences:
        if s_start <= start < s_end:
            low = s_start
        if s_start < end <= s_end:
            high = s_end
            break
    return low, high
