"""Record sinks: where a run's records go, as each document arrives.

Every sink takes :class:`~extractor.records.DocumentRecords` or a :class:`RecordLine` (a line
already serialised by a Ray actor) and writes the same bytes: JSONL (one line per document), CSV
tables (one per record type) and Parquet through :class:`extractor.io.writers.OutputFile` and its
kin (files appear only on commit), a resumable JSONL through
:class:`~extractor.io.resume.ResumableOutput`. None holds the run in memory. Errors reported by
remote workers arrive as :class:`RemoteError`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from ..document import Article
from ..record_types import record_type_names
from ..records import DocumentRecords
from .resume import Done, ResumableOutput, content_hash
from .writers import OutputFile, record_line


@dataclass
class RecordLine:
    """A document's record line as a remote worker produced it (the bytes ``record_line`` gives)."""

    doc_id: str
    line: str
    sha256: Optional[str]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class RemoteError:
    """An error reported by a remote worker, with the default engine's message and entry."""

    message: str
    entry: dict[str, Any]
    kind: str  # "input_error" or "extraction_error"

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return self.entry

    def as_input(self):
        """The reader's own error type for an input error, so that it is counted the same way."""
        from .readers import InputError, SkippedFile

        if self.kind == "skipped_file":
            return SkippedFile(**self.entry)
        if self.kind == "input_error":
            return InputError(**self.entry)
        return self


Written = Union[DocumentRecords, RecordLine]


def line_of(result: Written) -> str:
    """The JSONL line of a document's records, whichever worker serialised it."""
    return result.line if isinstance(result, RecordLine) else record_line(result)


class ResumeSink:
    """Appends to a resumable output; documents it already holds are skipped by :meth:`skip_done`,
    and a document written before from another text has its old line dropped first."""

    def __init__(self, output: ResumableOutput):
        self.output = output
        self.skipped = 0
        self._pending: dict[str, str] = {}

    @property
    def done(self) -> Done:
        return self.output.done

    def skip_done(self, inputs: Iterable[Any]) -> Iterator[Any]:
        for item in inputs:
            if isinstance(item, Article):
                if self.done.status(item.doc_id, item.text) == "done":
                    self.skipped += 1
                    continue
                self._pending[item.doc_id] = content_hash(item.text)
            yield item

    def write(self, result: Written) -> None:
        sha256 = result.sha256 if isinstance(result, RecordLine) else self._pending.pop(result.doc_id, None)
        if result.doc_id in self.done.hashes:  # changed since it was written: replace, never duplicate
            self.output.drop({result.doc_id})
        self.output.write(line_of(result), result.doc_id, sha256)


class JsonlRecords:
    """One JSON object per document, in the order written."""

    def __init__(self, output: OutputFile):
        self.output = output

    def write(self, records: Union[DocumentRecords, RecordLine]) -> None:
        self.output.write(line_of(records))

    def close(self) -> None:
        pass


class CsvTables:
    """One CSV per record type (``officials.csv``, …), rows of :meth:`DocumentRecords.to_rows`.

    ``outputs`` are in registry order (:func:`~extractor.record_types.record_type_names`); open
    them with ``encoding="utf-8-sig"`` so that spreadsheet programs read the text as UTF-8."""

    def __init__(self, outputs: Sequence[OutputFile]):
        names = record_type_names()
        if len(outputs) != len(names):
            raise ValueError(f"one output per record type ({', '.join(names)}) is needed")
        self.writers = {}
        for record_type, output in zip(names, outputs):
            writer = csv.DictWriter(output, fieldnames=DocumentRecords.row_fields(record_type), lineterminator="\r\n")
            writer.writeheader()
            self.writers[record_type] = writer

    def write(self, records: Union[DocumentRecords, RecordLine]) -> None:
        if isinstance(records, RecordLine):
            records = DocumentRecords.model_validate_json(records.line)
        for record_type, writer in self.writers.items():
            writer.writerows(records.to_rows(record_type))

    def close(self) -> None:
        pass


class ParquetRecords:
    """Record lines into ``part-NNNNN.parquet`` files (:class:`extractor.io.parquet.ParquetWriter`)."""

    def __init__(self, writer):
        self.writer = writer

    def write(self, records: Union[DocumentRecords, RecordLine]) -> None:
        self.writer.write(line_of(records))

    def close(self) -> None:
        pass
