"""An index run: records files (the JSONL ``extractor extract`` writes) into the archive.

How the text reaches the archive: record lines do not hold the article text, so the text of
each document comes from the raw articles given with ``--raw`` (read by the extractor's own
reader, matched on ``doc_id``), or from the text the archive already stores for that document.
A document whose text is found nowhere is an error (named by file and line) unless the run is
told ``require_text=False`` (``--no-text``): it is then indexed without text (no full-text
search, participants found by distance instead of by sentence).

Bad input never stops the run: each problem is an :class:`IndexProblem` naming the file and line,
and every other document is indexed. A file that is not the extractor's format (its first
record has no ``doc_id``: a raw articles file, say) is reported once and skipped whole.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from pydantic import ValidationError

from ..io.readers import InputError, read_inputs
from ..records import DocumentRecords
from . import store

PathLike = Union[str, os.PathLike]


@dataclass(frozen=True)
class IndexProblem:
    """A record line (or file) that could not be indexed."""

    file: str
    line: Optional[int]
    reason: str
    doc_id: Optional[str] = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IndexReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    without_text: int = 0
    problems: list[IndexProblem] = field(default_factory=list)
    resolution: dict[str, int] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        text = (
            f"{self.documents} documents: {self.added} added, {self.replaced} replaced, {self.unchanged} unchanged"
            f"; {len(self.problems)} errors"
        )
        if self.without_text:
            text += f"; {self.without_text} without text"
        if self.resolution:
            text += "; " + ", ".join(f"{value} {key}" for key, value in self.resolution.items())
        return text


def read_texts(raw: Iterable[PathLike]) -> tuple[dict[str, str], list[IndexProblem]]:
    """Article texts by ``doc_id`` from raw inputs (files, folders, globs), and their read errors."""
    texts: dict[str, str] = {}
    problems: list[IndexProblem] = []
    sources = [str(path) for path in raw]
    if not sources:
        return texts, problems
    for item in read_inputs(sources):
        if isinstance(item, InputError):
            problems.append(IndexProblem(item.file, item.line, f"raw input: {item.reason}", item.doc_id))
        else:
            texts[item.doc_id] = item.text
    return texts, problems


def read_records(path: PathLike) -> Iterator[Union[tuple[int, DocumentRecords], IndexProblem]]:
    """``(line, records)`` for every valid line of a records file, or the problem of a line."""
    file = str(path)
    try:
        handle = open(path, "rb")
    except OSError as error:
        yield IndexProblem(file, None, f"cannot read records file: {error.strerror or error}")
        return
    first = True
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield IndexProblem(file, number, f"not valid UTF-8 (byte offset {error.start} of the line)")
                first = False
                continue
            except json.JSONDecodeError as error:
                if first:
                    yield IndexProblem(file, number, f"not a records file (JSONL of `extractor extract`): malformed JSON: {error.msg}; file skipped")
                    return
                yield IndexProblem(file, number, f"malformed JSON: {error.msg} (column {error.colno})")
                continue
            if not isinstance(obj, dict) or "doc_id" not in obj:
                what = "a JSON object without `doc_id`" if isinstance(obj, dict) else f"a JSON {type(obj).__name__}"
                hint = " (a raw articles file? index takes the output of `extractor extract`)" if isinstance(obj, dict) and "text" in obj else ""
                if first:
                    yield IndexProblem(file, number, f"not a records file: line is {what}{hint}; file skipped")
                    return
                yield IndexProblem(file, number, f"not a records line: {what}", obj.get("id") if isinstance(obj, dict) else None)
                continue
            first = False
            try:
                yield number, DocumentRecords.model_validate(obj)
            except ValidationError as error:
                details = "; ".join(f"{_location(e['loc'])}: {e['msg']}" for e in error.errors()[:5])
                yield IndexProblem(file, number, f"fails the records schema: {details}", str(obj.get("doc_id")))
    if first:
        yield IndexProblem(file, None, "empty records file")


def _location(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "<document>"


def index_documents(
    conn: sqlite3.Connection,
    items: Iterable[Union[tuple[str, DocumentRecords, Optional[str]], IndexProblem]],
    report: IndexReport,
    require_text: bool = True,
    on_document: Optional[Callable[[IndexReport], None]] = None,
) -> IndexReport:
    """Write ``(origin, records, text)`` items, one transaction each; problems are collected."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, IndexProblem):
            report.problems.append(item)
            continue
        origin, records, text = item
        file, _, line = origin.rpartition(":")
        line_number = int(line) if line.isdigit() else None
        file = file if line_number is not None else origin
        if records.doc_id in seen:
            report.problems.append(
                IndexProblem(file, line_number, f"duplicate doc_id {records.doc_id!r} (first at {seen[records.doc_id]}); skipped", records.doc_id)
            )
            continue
        seen[records.doc_id] = origin
        if text is None and store.stored_text(conn, records.doc_id) is None:
            if require_text:
                report.problems.append(
                    IndexProblem(file, line_number, f"no text for document {records.doc_id!r}: give its raw article with --raw (or index without text: --no-text)", records.doc_id)
                )
                continue
            report.without_text += 1
        try:
            outcome = store.write_document(conn, records, text, origin)
        except ValueError as error:
            report.problems.append(IndexProblem(file, line_number, f"records do not fit the document text: {error}", records.doc_id))
            continue
        report.count(outcome)
        if on_document is not None:
            on_document(report)
    return report


def index_files(
    conn: sqlite3.Connection,
    paths: Iterable[PathLike],
    raw: Iterable[PathLike] = (),
    require_text: bool = True,
    resolve: bool = True,
) -> IndexReport:
    """Index records files (texts from ``raw``), then rebuild persons and archive events."""
    from .resolve import resolve_archive

    texts, problems = read_texts(raw)
    report = IndexReport(problems=list(problems))

    def items():
        for path in paths:
            for result in read_records(path):
                if isinstance(result, IndexProblem):
                    yield result
                else:
                    number, records = result
                    yield f"{path}:{number}", records, texts.get(records.doc_id)

    index_documents(conn, items(), report, require_text=require_text)
    if resolve:
        report.resolution = resolve_archive(conn)
    return report
