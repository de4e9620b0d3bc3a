"""Records into output files: JSONL (one line per document) or CSV tables (one per record type).

Both write each document as it arrives, through :class:`extractor.io.writers.OutputFile` (which
makes the files appear only on commit), so they stream and never hold the run in memory.
"""

from __future__ import annotations

import csv
from typing import Sequence, Union

from ..records import RECORD_TYPES, DocumentRecords
from .sinks import RecordLine, line_of
from .writers import OutputFile


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

    ``outputs`` are in :data:`RECORD_TYPES` order; open them with ``encoding="utf-8-sig"`` so that
    spreadsheet programs read the text as UTF-8."""

    def __init__(self, outputs: Sequence[OutputFile]):
        if len(outputs) != len(RECORD_TYPES):
            raise ValueError(f"one output per record type ({', '.join(RECORD_TYPES)}) is needed")
        self.writers = {}
        for record_type, output in zip(RECORD_TYPES, outputs):
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
