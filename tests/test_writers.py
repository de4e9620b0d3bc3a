"""Atomic output: the target holds the old content or the complete new file, never a part."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from extractor.io.writers import atomic_writer, json_line, record_line
from extractor.records import DocumentRecords


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_complete_write_replaces_target(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with atomic_writer(target) as handle:
        handle.write("baris\u00a0satu\r\n")
        handle.write("dua\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # nothing visible until the end
    assert target.read_bytes() == "baris\u00a0satu\r\ndua\n".encode("utf-8")  # no newline translation
    assert _leftovers(tmp_path) == []


def test_permissions_follow_umask(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    with atomic_writer(target) as handle:
        handle.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("interruption", [RuntimeError("boom"), KeyboardInterrupt()])
def test_interrupted_write_leaves_no_partial_file(tmp_path: Path, interruption: BaseException):
    target = tmp_path / "out.jsonl"
    fresh = tmp_path / "fresh.jsonl"
    target.write_text("old\n", encoding="utf-8")
    for path in (target, fresh):
        with pytest.raises(type(interruption)):
            with atomic_writer(path) as handle:
                handle.write("partial")
                raise interruption
    assert target.read_text(encoding="utf-8") == "old\n"
    assert not fresh.exists()
    assert _leftovers(tmp_path) == []


def test_relative_path_in_current_directory(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with atomic_writer("plain.jsonl") as handle:
        handle.write("ok\n")
    assert (tmp_path / "plain.jsonl").read_text(encoding="utf-8") == "ok\n"


def test_record_line_is_one_deterministic_json_line():
    records = DocumentRecords(
        doc_id="d1",
        published="2017-08-09",
        dates=[{"start": 0, "end": 4, "text": "Rabu", "value": "2017-08-09", "granularity": "day"}],
    )
    line = record_line(records)
    assert line.endswith("\n") and line.count("\n") == 1
    assert json.loads(line)["dates"][0]["value"] == "2017-08-09"
    assert line == record_line(DocumentRecords.model_validate(json.loads(line)))
    assert json_line({"teks": "Kerja sama \u201cerat\u201d"}) == '{"teks":"Kerja sama \u201cerat\u201d"}\n'
