"""The archive: records of many articles in one SQLite database, officials resolved to persons
and event reports consolidated into archive events. See ``docs/archive.md``.

    from extractor.archive import Archive

    with Archive("archive.sqlite") as archive:
        archive.index(["out/records.jsonl"], raw=["data/raw"])
        answer = archive.meetings(country="RU", since="2017")
        for row in answer.tables[0].rows:
            print(row["date"], row["event"], row["parties"], row["sources"])
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any, Iterable, Optional, Union

from . import queries
from .loading import IndexProblem, IndexReport, index_documents, index_files
from .queries import Answer, QueryError, Table
from .resolve import resolve_archive
from .store import SCHEMA_VERSION, ArchiveError, connect, is_resolved, write_document

PathLike = Union[str, os.PathLike]


class Archive:
    """An open archive database: index records into it, ask it questions."""

    def __init__(self, path: PathLike, readonly: bool = False):
        self.path = str(path)
        self.conn: sqlite3.Connection = connect(path, readonly=readonly)

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # --- writing -------------------------------------------------------------------------

    def index(self, records_files: Iterable[PathLike], raw: Iterable[PathLike] = (), require_text: bool = True) -> IndexReport:
        """Index records files (texts from ``raw``), then rebuild persons and archive events."""
        return index_files(self.conn, records_files, raw=raw, require_text=require_text)

    def add(self, records, text: Optional[str], origin: Optional[str] = None) -> str:
        """Write one document (``DocumentRecords`` and its text): ``added``, ``replaced`` or
        ``unchanged``. Call :meth:`resolve` when done adding."""
        return write_document(self.conn, records, text, origin)

    def resolve(self) -> dict[str, int]:
        """Rebuild persons and archive events from every document."""
        return resolve_archive(self.conn)

    @property
    def resolved(self) -> bool:
        return is_resolved(self.conn)

    # --- questions -----------------------------------------------------------------------

    def meetings(self, **filters: Any) -> Answer:
        return queries.meetings(self.conn, **filters)

    def timeline(self, subject: str, **filters: Any) -> Answer:
        return queries.timeline(self.conn, subject, **filters)

    def person(self, name: str) -> Answer:
        return queries.person(self.conn, name)

    def areas(self, **filters: Any) -> Answer:
        return queries.areas(self.conn, **filters)

    def figures(self, **filters: Any) -> Answer:
        return queries.figures(self.conn, **filters)

    def search(self, query: str, limit: int = 20) -> Answer:
        return queries.search(self.conn, query, limit)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.conn)


__all__ = [
    "Archive", "Answer", "Table", "QueryError", "ArchiveError", "IndexProblem", "IndexReport", "SCHEMA_VERSION",
    "index_documents", "index_files", "resolve_archive", "connect",
]
