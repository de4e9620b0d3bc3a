"""Indexing as extraction goes (``extractor extract ... --db ARCHIVE.sqlite``).

The sink watches the articles on their way to the extractor, keeping each text until its
records come back, writes every document in its own transaction as soon as it is extracted,
and resolves persons and events once at the end. A run cut short leaves the documents indexed
so far, whole, and the archive marked as needing resolution (``extractor index --db`` does it).
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional, Union

from ..document import Article
from ..records import DocumentRecords
from .store import connect, write_document


class ArchiveSink:
    def __init__(self, path: Union[str, os.PathLike]):
        self.path = str(path)
        self.conn = connect(path)
        self.texts: dict[str, str] = {}
        self.origins: dict[str, Optional[str]] = {}
        self.outcomes = {"added": 0, "replaced": 0, "unchanged": 0}
        self.problems: list[str] = []
        self.resolution: dict[str, int] = {}

    def watch(self, inputs: Iterable) -> Iterator:
        """Pass the inputs through, remembering each article's text."""
        for item in inputs:
            if isinstance(item, Article):
                self.texts[item.doc_id] = item.text
                self.origins[item.doc_id] = item.origin
            yield item

    def add(self, records: DocumentRecords) -> None:
        text = self.texts.pop(records.doc_id, None)
        try:
            self.outcomes[write_document(self.conn, records, text, self.origins.pop(records.doc_id, None))] += 1
        except ValueError as error:
            self.problems.append(f"{self.path}: document {records.doc_id!r} not indexed: {error}")

    def finish(self) -> str:
        """Resolve persons and events; a one-line summary."""
        from .resolve import resolve_archive

        self.resolution = resolve_archive(self.conn)
        return self.summary()

    def summary(self) -> str:
        done = ", ".join(f"{value} {key}" for key, value in self.outcomes.items())
        resolved = ", ".join(f"{value} {key}" for key, value in self.resolution.items()) or "not resolved"
        return f"archive {self.path}: {done}; {resolved}"

    def close(self) -> None:
        self.conn.close()
