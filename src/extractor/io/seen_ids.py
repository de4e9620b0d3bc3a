"""The document ids read so far in a run, and where each was first read, in constant memory.

The duplicate-id check of :func:`extractor.io.readers.read_expanded` must remember every id of
a run: held in a dict, 100,000 articles cost the reading process some 25 MB (the ids and their
``file:line`` origins as Python strings), a million ten times that. :class:`SeenIds` keeps them
in a private temporary SQLite database instead, whose page cache is bounded
(:data:`CACHE_KIB`): pages past it go to a temporary file that SQLite deletes when the
connection closes, so the process's memory stays flat however long the run. The check stays
exact: ids are compared as their exact UTF-8 bytes (``surrogatepass``, so that an id taken from
a file name holding undecodable bytes is kept apart from every other), never by a hash, and the
first occurrence's origin comes back as it was read.
"""

from __future__ import annotations

import sqlite3
from typing import Optional

CACHE_KIB = 1024  # SQLite's page cache for the ids: what the check may hold in memory

_ENCODING = ("utf-8", "surrogatepass")


class SeenIds:
    """Ids with the origin where each was first read; :meth:`first_origin` adds new ones."""

    def __init__(self) -> None:
        # "" opens a private temporary database: kept in the page cache while it fits, spilled
        # to an anonymous temporary file past it, removed on close.
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode = OFF")  # a scratch table: nothing to roll back or recover
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (id BLOB PRIMARY KEY, origin BLOB NOT NULL) WITHOUT ROWID")
        self.count = 0

    def first_origin(self, doc_id: str, origin: str) -> Optional[str]:
        """Where ``doc_id`` was first read, or None if it is new (it is then recorded as read at ``origin``)."""
        key = doc_id.encode(*_ENCODING)
        cursor = self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (key, origin.encode(*_ENCODING)))
        if cursor.rowcount == 1:
            self.count += 1
            return None
        (first,) = self._db.execute("SELECT origin FROM seen WHERE id = ?", (key,)).fetchone()
        return first.decode(*_ENCODING)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "SeenIds":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
