"""Rebuild the archive tables (persons, archive events) from every document, in one transaction."""

from __future__ import annotations

import sqlite3

from . import store
from .events import resolve_events
from .persons import resolve_persons


def resolve_archive(conn: sqlite3.Connection) -> dict[str, int]:
    """Resolve persons, then events (which use persons as evidence); readers see the old tables
    until the transaction commits."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        persons = resolve_persons(conn)
        events = resolve_events(conn)
        store.set_meta(conn, "resolved_generation", store.get_meta(conn, "documents_generation", "0"))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return {"persons": persons, "archive events": events}
