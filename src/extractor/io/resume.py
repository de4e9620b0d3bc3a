"""Resumable output: a JSONL file written as it goes, with a journal that makes a rerun exact.

``extractor extract ... -o OUT --resume`` appends to ``OUT`` instead of replacing it, and keeps a
journal beside it (``.OUT.journal``): one line ``{"doc_id", "sha256", "end"}`` per record line,
written after that line, where ``end`` is the size of ``OUT`` once the line is complete.

A run killed at any moment (SIGKILL included) leaves either a complete journal entry for a line,
or a line (complete or cut) that the journal does not vouch for. :meth:`ResumableOutput.open`
truncates ``OUT`` to the end of the last vouched line and the journal to its last complete entry,
so the next run starts from a consistent prefix: every document whose line is journaled is
skipped (same ``doc_id`` and same text hash), every other document is extracted and appended.
A document whose text changed since it was written has its old line removed (``OUT`` is
rewritten once, atomically) and is extracted again: every input ends up exactly once.

An ``OUT`` without a journal (written by a run without ``--resume``) is adopted: its complete
lines are taken as done by ``doc_id`` alone (their texts' hashes were never recorded), and the
journal is started from them.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from .writers import atomic_writer


def content_hash(text: str) -> str:
    """The hash that identifies a document's text across runs."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def journal_path(output: Union[str, os.PathLike]) -> Path:
    path = Path(output)
    return path.with_name(f".{path.name}.journal")


@dataclass
class Done:
    """What a previous run completed: ``doc_id`` → text hash (None when it was never recorded)."""

    hashes: dict[str, Optional[str]] = field(default_factory=dict)

    def status(self, doc_id: str, text: str) -> str:
        """``"done"`` (skip it), ``"changed"`` (written from another text) or ``"new"``."""
        if doc_id not in self.hashes:
            return "new"
        recorded = self.hashes[doc_id]
        if recorded is None or recorded == content_hash(text):
            return "done"
        return "changed"

    def __len__(self) -> int:
        return len(self.hashes)


class ResumableOutput:
    """Append-only JSONL output with a journal; see the module docstring."""

    def __init__(self, output: Union[str, os.PathLike]):
        self.path = Path(output)
        self.journal = journal_path(self.path)
        self.done = Done()
        self._out_fd: Optional[int] = None
        self._journal_fd: Optional[int] = None
        self._size = 0
        self.recovered_bytes = 0  # bytes of cut or unjournaled lines dropped when opening

    # -- opening: recover a consistent prefix ------------------------------------------------

    def open(self) -> "ResumableOutput":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not self.journal.exists():
            self._adopt_plain_output()
        size = self.path.stat().st_size if self.path.exists() else 0
        valid = []
        for entry in self._journal_entries():
            if entry["end"] > size:
                break
            valid.append(entry)
        end = valid[-1]["end"] if valid else 0
        self.recovered_bytes = size - end
        self._out_fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o666)
        os.ftruncate(self._out_fd, end)
        os.fsync(self._out_fd)
        os.lseek(self._out_fd, 0, os.SEEK_END)
        self._size = end
        self._start_journal(valid)
        return self

    def _journal_entries(self) -> list[dict]:
        if not self.journal.exists():
            return []
        entries = []
        with open(self.journal, "rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break  # cut while being written
                try:
                    entry = json.loads(raw)
                    entries.append({"doc_id": str(entry["doc_id"]), "sha256": entry.get("sha256"), "end": int(entry["end"])})
                except (ValueError, KeyError, TypeError):
                    break
        return entries

    def _adopt_plain_output(self) -> None:
        """Journal the complete lines of an output written without ``--resume`` (hash unknown)."""
        entries = []
        end = 0
        with open(self.path, "rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    break
                try:
                    doc_id = json.loads(raw)["doc_id"]
                except (ValueError, KeyError, TypeError):
                    break
                end += len(raw)
                entries.append({"doc_id": str(doc_id), "sha256": None, "end": end})
        self._write_journal(entries)

    def _write_journal(self, entries: list[dict]) -> None:
        with atomic_writer(self.journal) as handle:
            for entry in entries:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def _start_journal(self, entries: list[dict]) -> None:
        # Rewritten from the recovered entries, so that a cut last entry cannot precede new ones.
        self._write_journal(entries)
        self.done = Done({entry["doc_id"]: entry["sha256"] for entry in entries})
        self._journal_fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND)

    # -- changed documents -------------------------------------------------------------------

    def drop(self, doc_ids: set[str]) -> int:
        """Remove the lines of ``doc_ids`` from ``OUT`` (one atomic rewrite); returns how many."""
        if not doc_ids:
            return 0
        self._close_fds()
        kept: list[dict] = []
        removed = 0
        end = 0
        with open(self.path, "rb") as source, atomic_writer(self.path) as target:
            position = 0
            for entry in self._journal_entries():
                raw = source.read(entry["end"] - position)
                position = entry["end"]
                if entry["doc_id"] in doc_ids:
                    removed += 1
                    continue
                target.write(raw.decode("utf-8"))
                end += len(raw)
                kept.append({**entry, "end": end})
        self._out_fd = os.open(self.path, os.O_WRONLY)
        self._size = os.lseek(self._out_fd, 0, os.SEEK_END)
        self._start_journal(kept)
        return removed

    # -- writing -----------------------------------------------------------------------------

    def write(self, line: str, doc_id: str, sha256: Optional[str]) -> None:
        """Append one record line (with its newline), then vouch for it in the journal.

        ``sha256`` is :func:`content_hash` of the document's text."""
        assert self._out_fd is not None and self._journal_fd is not None, "open() first"
        data = line.encode("utf-8")
        _write_all(self._out_fd, data)
        os.fsync(self._out_fd)
        self._size += len(data)
        entry = {"doc_id": doc_id, "sha256": sha256, "end": self._size}
        _write_all(self._journal_fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        self.done.hashes[doc_id] = entry["sha256"]

    def close(self) -> None:
        for fd in (self._out_fd, self._journal_fd):
            if fd is not None:
                os.fsync(fd)
        self._close_fds()

    def _close_fds(self) -> None:
        for name in ("_out_fd", "_journal_fd"):
            fd = getattr(self, name)
            if fd is not None:
                os.close(fd)
                setattr(self, name, None)

    def __enter__(self) -> "ResumableOutput":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
