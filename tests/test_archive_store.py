"""The archive database: schema and version, WAL, one transaction per document, idempotent
re-indexing, replacement, full-text index."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from extractor.archive import store
from extractor.archive.store import ArchiveError, connect, write_document
from extractor.records import DocumentRecords

TEXT = "Menlu Retno Marsudi bertemu Menlu Rusia Sergey Lavrov di Jakarta, Senin (7/8)."


def _records(doc_id="d1", title="Menteri Luar Negeri"):
    return DocumentRecords.model_validate({
        "doc_id": doc_id,
        "published": "2017-08-08",
        "officials": [
            {"name": "Retno Marsudi", "title": title, "country": "ID", "mentions": [{"start": 6, "end": 19, "text": "Retno Marsudi"}]},
            {"name": "Sergey Lavrov", "title": "Menteri Luar Negeri", "country": "RU", "mentions": [{"start": 40, "end": 53, "text": "Sergey Lavrov"}]},
        ],
        "events": [{"type": "meeting", "name": "bertemu", "parties": ["ID", "RU"], "start": "2017-08-07",
                    "mentions": [{"start": 20, "end": 27, "text": "bertemu"}]}],
    })


def _count(conn, table):
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_new_archive_has_the_schema_version_and_wal(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == store.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "officials", "events", "persons", "archive_events", "documents_fts"} <= tables


def test_other_schema_version_and_foreign_databases_are_refused(tmp_path):
    path = tmp_path / "a.sqlite"
    conn = connect(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.close()
    with pytest.raises(ArchiveError, match="schema version 99"):
        connect(path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(ArchiveError, match="not an archive"):
        connect(other)
    not_sqlite = tmp_path / "x.sqlite"
    not_sqlite.write_text("hello, not a database" * 100)
    with pytest.raises(ArchiveError, match="not an archive"):
        connect(not_sqlite)
    with pytest.raises(ArchiveError, match="no such archive"):
        connect(tmp_path / "missing.sqlite", readonly=True)


def test_writing_the_same_document_twice_adds_nothing(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    assert write_document(conn, _records(), TEXT) == "added"
    before = {t: _count(conn, t) for t in ("documents", "officials", "events", "mentions", "event_participants")}
    assert write_document(conn, _records(), TEXT) == "unchanged"
    assert {t: _count(conn, t) for t in before} == before
    assert before["officials"] == 2 and before["event_participants"] == 2


def test_a_changed_document_is_replaced_not_duplicated(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    write_document(conn, _records(), TEXT)
    assert write_document(conn, _records(title="Menteri"), TEXT) == "replaced"
    assert _count(conn, "documents") == 1
    assert _count(conn, "officials") == 2
    assert _count(conn, "mentions") == 3
    assert conn.execute("SELECT title FROM officials WHERE name = 'Retno Marsudi'").fetchone()[0] == "Menteri"
    changed_text = TEXT.replace("Jakarta", "Jakarta.")
    assert write_document(conn, _records(), changed_text) == "replaced"
    assert conn.execute("SELECT text FROM texts").fetchone()[0] == changed_text
    assert _count(conn, "documents_fts") == 1


def test_records_without_text_keep_the_stored_text(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    write_document(conn, _records(), TEXT)
    assert write_document(conn, _records(), None) == "unchanged"
    assert write_document(conn, _records(title="Menteri"), None) == "replaced"
    assert store.stored_text(conn, "d1") == TEXT


def test_offsets_that_do_not_fit_the_text_are_refused_and_nothing_is_written(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    with pytest.raises(ValueError, match="Retno Marsudi"):
        write_document(conn, _records(), "X" * len(TEXT))
    assert _count(conn, "documents") == 0


def test_a_failure_inside_a_document_rolls_the_whole_document_back(tmp_path, monkeypatch):
    conn = connect(tmp_path / "a.sqlite")
    write_document(conn, _records("d0"), TEXT)
    real = store._insert_document

    def half_then_fail(conn, records, *args):
        conn.execute("INSERT INTO documents_fts (doc_id, title, text) VALUES ('d1', '', 'partial')")
        conn.execute("INSERT INTO documents (doc_id, content_hash, records_hash, indexed_at) VALUES ('d1', 'x', 'x', 'now')")
        raise KeyboardInterrupt  # killed half-way through the document

    monkeypatch.setattr(store, "_insert_document", half_then_fail)
    with pytest.raises(KeyboardInterrupt):
        write_document(conn, _records("d1"), TEXT)
    monkeypatch.setattr(store, "_insert_document", real)
    assert [r[0] for r in conn.execute("SELECT doc_id FROM documents")] == ["d0"]
    assert _count(conn, "documents_fts") == 1
    assert _count(conn, "officials") == 2


def test_readers_see_committed_documents_while_a_writer_holds_a_transaction(tmp_path):
    path = tmp_path / "a.sqlite"
    writer = connect(path)
    write_document(writer, _records("d0"), TEXT)
    reader = connect(path, readonly=True)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM documents")
    assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    writer.execute("ROLLBACK")


def test_full_text_search_finds_the_document(tmp_path):
    conn = connect(tmp_path / "a.sqlite")
    write_document(conn, _records(), TEXT)
    found = conn.execute("SELECT doc_id FROM documents_fts WHERE documents_fts MATCH 'lavrov'").fetchall()
    assert [r[0] for r in found] == ["d1"]


def test_participants_are_officials_in_the_sentence_of_an_event_mention(tmp_path):
    text = "Retno Marsudi bertemu Sergey Lavrov. Di tempat lain Wang Yi sibuk."
    records = DocumentRecords.model_validate({
        "doc_id": "p",
        "officials": [
            {"name": "Retno Marsudi", "mentions": [{"start": 0, "end": 13, "text": "Retno Marsudi"}]},
            {"name": "Sergey Lavrov", "mentions": [{"start": 22, "end": 35, "text": "Sergey Lavrov"}]},
            {"name": "Wang Yi", "mentions": [{"start": 52, "end": 59, "text": "Wang Yi"}]},
        ],
        "events": [{"type": "meeting", "name": "bertemu", "mentions": [{"start": 14, "end": 21, "text": "bertemu"}]}],
    })
    conn = connect(tmp_path / "a.sqlite")
    write_document(conn, records, text)
    names = {r[0] for r in conn.execute(
        "SELECT o.name FROM event_participants p JOIN officials o USING (official_id)")}
    assert names == {"Retno Marsudi", "Sergey Lavrov"}


def test_granularity_of_published():
    assert store.granularity("2017") == "year"
    assert store.granularity("2017-08") == "month"
    assert store.granularity("2017-08-08") == "day"
    assert store.granularity(None) is None
