"""Index runs: records files and raw texts in, clear errors for bad input, the rest indexed."""

from __future__ import annotations

import json

import pytest

from extractor.archive.loading import index_files
from extractor.archive.store import connect


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_index_the_gold_files_then_again_adds_nothing(gold_archive_inputs, tmp_path):
    records_path, raw_path, texts = gold_archive_inputs
    conn = connect(tmp_path / "a.sqlite")
    first = index_files(conn, [records_path], raw=[raw_path])
    assert first.added == len(texts) and not first.problems
    assert first.resolution["persons"] > 0 and first.resolution["archive events"] > 0
    rows = conn.execute("SELECT COUNT(*) FROM officials").fetchone()[0]
    second = index_files(conn, [records_path], raw=[raw_path])
    assert (second.added, second.replaced, second.unchanged) == (0, 0, len(texts))
    assert conn.execute("SELECT COUNT(*) FROM officials").fetchone()[0] == rows
    assert conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == len(texts)


def test_bad_lines_are_reported_by_file_and_line_and_the_rest_is_indexed(gold_archive_inputs, tmp_path):
    records_path, raw_path, texts = gold_archive_inputs
    lines = _lines(records_path)
    bad = json.loads(lines[1])
    bad["officials"][0]["country"] = "Indonesia"  # fails the schema
    missing = json.loads(lines[2])
    missing["doc_id"] = "no-such-article"  # no text anywhere
    shifted = json.loads(lines[3])
    shifted["officials"][0]["mentions"][0]["start"] += 1  # offsets do not fit the text
    shifted["officials"][0]["mentions"][0]["end"] += 1
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([lines[0], json.dumps(bad), "{not json", json.dumps(missing), json.dumps(shifted), lines[0], *lines[4:]]) + "\n", encoding="utf-8")
    conn = connect(tmp_path / "a.sqlite")
    report = index_files(conn, [mixed], raw=[raw_path])
    reasons = {p.line: p.reason for p in report.problems}
    assert all(p.file == str(mixed) for p in report.problems)
    assert "fails the records schema" in reasons[2] and "country" in reasons[2]
    assert "malformed JSON" in reasons[3]
    assert "no text for document 'no-such-article'" in reasons[4]
    assert "do not fit the document text" in reasons[5]
    assert "duplicate doc_id" in reasons[6]
    assert report.added == len(texts) - 3
    indexed = {r[0] for r in conn.execute("SELECT doc_id FROM documents")}
    assert json.loads(lines[1])["doc_id"] not in indexed and json.loads(lines[3])["doc_id"] not in indexed


def test_a_file_that_is_not_records_is_reported_once_and_skipped(gold_archive_inputs, tmp_path):
    records_path, raw_path, texts = gold_archive_inputs
    conn = connect(tmp_path / "a.sqlite")
    report = index_files(conn, [raw_path, records_path], raw=[raw_path])
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.file == str(raw_path) and problem.line == 1
    assert "not a records file" in problem.reason and "raw articles file" in problem.reason
    assert report.added == len(texts)


def test_missing_and_empty_records_files(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    report = index_files(conn, [tmp_path / "missing.jsonl", empty])
    assert [p.reason for p in report.problems] == ["cannot read records file: No such file or directory", "empty records file"]


def test_without_text_documents_are_indexed_only_when_asked(gold_archive_inputs, tmp_path):
    records_path, _, texts = gold_archive_inputs
    conn = connect(tmp_path / "a.sqlite")
    refused = index_files(conn, [records_path])
    assert refused.added == 0 and len(refused.problems) == len(texts)
    assert "give its raw article with --raw" in refused.problems[0].reason
    accepted = index_files(conn, [records_path], require_text=False)
    assert accepted.added == len(texts) and accepted.without_text == len(texts) and not accepted.problems
    assert conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0


@pytest.mark.parametrize("garbage", [b"\xff\xfe not utf-8\n", b"[1, 2, 3]\n"])
def test_garbage_first_lines_skip_the_file(tmp_path, garbage):
    path = tmp_path / "g.jsonl"
    path.write_bytes(garbage)
    report = index_files(connect(tmp_path / "a.sqlite"), [path])
    assert len(report.problems) == 1 and report.problems[0].line == 1
