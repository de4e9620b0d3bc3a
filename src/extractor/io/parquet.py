"""Parquet input and output (needs ``pyarrow``, which the ``ray`` extra installs).

Input: a ``.parquet`` file with columns ``id`` and ``text`` and optionally ``published``,
``title``, ``url``, ``source``; each row is read like a ``.jsonl`` line (row ``N`` plays line
``N``, 1-based), with the same errors.

Output: ``-o DIR --format parquet`` writes ``DIR/part-NNNNN.parquet`` files whose columns are
``doc_id``, ``published`` and, as JSON text, each record type and ``article``: the same content
as the JSONL lines, column by column (JSON text keeps the nested spans exact and the schema
stable when a list is empty).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Iterator, Optional, Union

from ..records import RECORD_TYPES
from .readers import Input, InputError, article_from_object

INPUT_COLUMNS = ("id", "text", "published", "title", "url", "source")
OUTPUT_COLUMNS = ("doc_id", "published", *RECORD_TYPES, "article")
ROWS_PER_FILE = 10_000


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        return None
    return pyarrow


def read_parquet(path: Path, max_bytes: int, published: Optional[dt.date]) -> Iterator[Input]:
    file = str(path)
    pa = _pyarrow()
    if pa is None:
        yield InputError(file, None, "Parquet input needs pyarrow: pip install -e '.[ray]'")
        return
    try:
        parquet = pa.parquet.ParquetFile(path)
        names = set(parquet.schema_arrow.names)
    except (OSError, pa.ArrowException) as error:
        yield InputError(file, None, f"not a readable Parquet file: {error}")
        return
    if "text" not in names:
        yield InputError(file, None, "Parquet file has no `text` column")
        return
    columns = [name for name in INPUT_COLUMNS if name in names]
    row_number = 0
    for batch in parquet.iter_batches(columns=columns, batch_size=256):
        for obj in batch.to_pylist():
            row_number += 1
            text = obj.get("text")
            if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
                yield InputError(file, row_number, f"row is over the limit of {max_bytes} bytes (--max-bytes)", obj.get("id"))
                continue
            if isinstance(obj.get("published"), (dt.date, dt.datetime)):
                obj["published"] = obj["published"].isoformat()
            yield article_from_object(
                {key: value for key, value in obj.items() if value is not None}, file, row_number,
                f"{path.stem}-{row_number}", published, "",
            )
    if row_number == 0:
        yield InputError(file, None, "empty file")


def parquet_row(line: str) -> dict[str, Optional[str]]:
    obj = json.loads(line)
    row = {"doc_id": obj["doc_id"], "published": obj.get("published")}
    for name in (*RECORD_TYPES, "article"):
        row[name] = json.dumps(obj.get(name), ensure_ascii=False, separators=(",", ":"))
    return row


class ParquetWriter:
    """Record lines in, ``part-NNNNN.parquet`` files out; each file appears whole (temp + rename)."""

    def __init__(self, directory: Union[str, os.PathLike], rows_per_file: int = ROWS_PER_FILE):
        pa = _pyarrow()
        if pa is None:
            raise RuntimeError("Parquet output needs pyarrow: pip install -e '.[ray]'")
        self.pa = pa
        self.directory = Path(directory)
        self.rows_per_file = rows_per_file
        self.schema = pa.schema([(name, pa.string()) for name in OUTPUT_COLUMNS])
        self.rows: list[dict] = []
        self.parts = 0

    def __enter__(self) -> "ParquetWriter":
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in self.directory.glob("part-*.parquet"):
            stale.unlink()  # this run's files replace the last run's, never mix with them
        return self

    def write(self, line: str) -> None:
        self.rows.append(parquet_row(line))
        if len(self.rows) >= self.rows_per_file:
            self._flush()

    def _flush(self) -> None:
        table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
        name = f"part-{self.parts:05d}.parquet"
        temporary = self.directory / f".{name}.tmp"
        self.pa.parquet.write_table(table, temporary)
        os.replace(temporary, self.directory / name)
        self.parts += 1
        self.rows = []

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None and (self.rows or self.parts == 0):
            self._flush()
