"""Reading inputs: every bad input is an InputError naming file/line/reason, the rest is read."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from extractor.document import Article
from extractor.io.readers import EMPTY_TEXT, InputError, SkippedFile, article_from_object, read_file, read_inputs


def _articles(items):
    return [item for item in items if isinstance(item, Article)]


def _errors(items):
    return [item for item in items if isinstance(item, InputError)]


def test_txt_keeps_text_exactly(tmp_path: Path):
    text = "Jakarta\u00a0(ANTARA) \u2013 \u201cKerja sama\u201d  erat.\r\nBaris dua.\rTiga\n"
    path = tmp_path / "berita-1.txt"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    [article] = read_inputs([path])
    assert article.doc_id == "berita-1"
    assert article.text == text  # BOM removed, \r\n and \r untouched, NBSP and double space kept
    assert article.origin == str(path)


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Teks z", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Teks a", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "Teks c"}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [a.doc_id for a in _articles(items)] == ["a", "z", "c1"]
    [skipped] = _errors(items)  # named, never silently dropped; hidden entries are left out
    assert isinstance(skipped, SkippedFile) and skipped.file == str(tmp_path / "notes.md")
    assert skipped.reason == "unsupported file type '.md'"


def test_glob_pattern(tmp_path: Path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Teks {name}", encoding="utf-8")
    ids = [a.doc_id for a in read_inputs([str(tmp_path / "x*.txt")])]
    assert ids == ["x1", "x2"]
    [error] = read_inputs([str(tmp_path / "nothing*.txt")])
    assert isinstance(error, InputError) and "no .txt" in error.reason


def test_json_object_and_list(tmp_path: Path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": 7, "text": "Satu", "published": "2017-08-09T10:00:00", "title": "T"}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "m1", "text": "A"}, {"text": "B"}, {"id": "m3"}]), encoding="utf-8")
    items = list(read_inputs([single, many]))
    first = items[0]
    assert first.doc_id == "7" and first.published == dt.date(2017, 8, 9) and first.title == "T"
    assert [a.doc_id for a in _articles(items)] == ["7", "m1", "many-2"]
    [error] = _errors(items)
    assert error.file == str(many) and "item 3" in error.reason and "`text`" in error.reason


def test_jsonl_bad_lines_name_their_line_and_the_rest_is_read(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "Baik", "source": "antara", "category": "berita"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "int-text", "text": 42}),
        json.dumps({"id": "bad-date", "text": "x", "published": "kemarin"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok1", "text": "duplicate"}),
        json.dumps({"id": "ok2", "text": "Baik juga"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [a.doc_id for a in _articles(items)] == ["ok1", "ok2"]
    assert _articles(items)[0].extra == {"category": "berita"}
    assert _articles(items)[0].source == "antara"
    errors = {e.line: e for e in _errors(items)}
    assert sorted(errors) == [2, 3, 4, 5, 7, 8]
    assert "malformed JSON" in errors[2].reason
    assert "no `text`" in errors[3].reason and errors[3].doc_id == "no-text"
    assert "not a string" in errors[4].reason
    assert "bad `published`" in errors[5].reason
    assert "expected a JSON object" in errors[7].reason
    assert "duplicate id 'ok1'" in errors[8].reason
    assert all(e.file == str(path) for e in errors.values())
    assert str(errors[2]).startswith(f"{path}:2: ")


def test_non_utf8_binary_empty_and_missing_files(tmp_path: Path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Baris satu\nKerja sama caf\u00e9".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Baik", encoding="utf-8")
    items = list(read_inputs([latin, binary, empty, tmp_path / "missing.txt", good]))
    assert [a.doc_id for a in _articles(items)] == ["good"]
    latin_error, binary_error, empty_error, missing_error = _errors(items)
    assert "not valid UTF-8" in latin_error.reason and latin_error.line == 2
    assert "NUL" in binary_error.reason
    assert empty_error.reason == EMPTY_TEXT
    assert missing_error.reason == "no such file or directory"


def test_jsonl_invalid_utf8_line(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n')
    items = list(read_inputs([path]))
    assert [a.doc_id for a in _articles(items)] == ["a", "c"]
    [error] = _errors(items)
    assert error.line == 2 and "UTF-8" in error.reason


def test_oversized_inputs(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("x" * 200, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("kecil", encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        json.dumps({"id": "long", "text": "y" * 500}) + "\n" + json.dumps({"id": "short", "text": "z"}) + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([big, small, lines], max_bytes=100))
    assert [a.doc_id for a in _articles(items)] == ["small", "short"]
    big_error, line_error = _errors(items)
    assert "over the limit of 100" in big_error.reason
    assert line_error.line == 1 and "over the limit" in line_error.reason


def test_unsupported_extension_and_empty_folder(tmp_path: Path):
    other = tmp_path / "notes.md"
    other.write_text("x", encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    unsupported, empty = read_inputs([other, folder])
    assert "unsupported file type '.md'" in unsupported.reason
    assert "holds no" in empty.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path):
    path = tmp_path / "secret.txt"
    path.write_text("rahasia", encoding="utf-8")
    path.chmod(0)
    try:
        [error] = read_inputs([path])
    finally:
        path.chmod(0o644)
    assert "cannot read file" in error.reason


def test_default_published_and_excluded_outputs(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Teks", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"id": "b", "text": "Teks", "published": "2018-01-02"}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"doc_id": "a"}) + "\n", encoding="utf-8")
    items = list(read_inputs([tmp_path], published=dt.date(2017, 8, 9), exclude=[out]))
    assert [(a.doc_id, a.published) for a in items] == [("a", dt.date(2017, 8, 9)), ("b", dt.date(2018, 1, 2))]


def test_read_file_and_article_from_object():
    article = article_from_object({"text": "\ufeffTeks", "url": "http://x"}, "<input>", None, "fallback")
    # a BOM inside a JSON string is a character of the caller's text: kept, so offsets match it
    assert article.doc_id == "fallback" and article.text == "\ufeffTeks" and article.url == "http://x"
    error = article_from_object({"id": "x", "text": None}, "f.json", 3, "d")
    assert isinstance(error, InputError) and error.location == "f.json:3"
    assert error.as_dict() == {"file": "f.json", "line": 3, "reason": "`text` is NoneType, not a string", "doc_id": "x"}


def test_seed_articles_read_exactly():
    raw_dir = Path(__file__).resolve().parents[1] / "data" / "raw"
    for path in sorted(raw_dir.glob("*.txt")):
        [article] = read_file(path)
        expected = path.read_bytes().decode("utf-8")
        assert article.text == expected.removeprefix("\ufeff")


def test_dangling_symlink_is_unreadable(tmp_path: Path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    [error] = read_inputs([link])
    assert error.file == str(link) and "cannot read file" in error.reason


def _special_files(folder: Path) -> dict[str, str]:
    """A folder of everything that must not hang or crash a reader, and the reason expected."""
    import socket

    folder.mkdir()
    (folder / "good.txt").write_text("Teks baik", encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "gone.txt").symlink_to(folder / "vanished.txt")
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "report.docx").write_bytes(b"PK\x03\x04")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.json"))
    server.close()
    return {
        "pipe.jsonl": "FIFO",
        "zero.jsonl": "character device",
        "a.txt": "symbolic link loop",
        "b.txt": "symbolic link loop",
        "gone.txt": "broken symbolic link",
        "loop": "folder already read",
        "report.docx": "unsupported file type '.docx'",
        "sock.json": "socket",
    }


def _within(seconds: int, function):
    """``function()``, failing the test instead of hanging when it blocks (a FIFO opened for reading)."""
    import signal

    def hung(signum, frame):
        raise AssertionError(f"blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        return function()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_folder_walk_never_raises_or_blocks(tmp_path: Path):
    expected = _special_files(tmp_path / "in")
    items = _within(30, lambda: list(read_inputs([tmp_path / "in"])))
    assert [a.doc_id for a in _articles(items)] == ["good"]
    reasons = {Path(e.file).name: e.reason for e in _errors(items)}
    assert set(reasons) == set(expected)
    for name, part in expected.items():
        assert part in reasons[name], (name, reasons[name])
    assert isinstance(next(e for e in _errors(items) if e.file.endswith("report.docx")), SkippedFile)


def test_explicit_special_files_are_errors_not_reads(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    items = _within(30, lambda: list(read_inputs([tmp_path / "pipe.jsonl", tmp_path / "a.txt", tmp_path / "zero.txt"])))
    assert not _articles(items)
    assert ["FIFO" in items[0].reason, "loop" in items[1].reason, "character device" in items[2].reason] == [True] * 3


@pytest.mark.parametrize(
    "record, reason",
    [
        ({"id": "t", "title": "Judul \ud800", "text": "Teks"}, "`title` holds a lone surrogate"),
        ({"id": "x\udc00", "text": "Teks"}, "`id` 'x\\udc00' holds a lone surrogate"),
        ({"id": "u", "url": ["http://a"], "text": "Teks"}, "`url` is list, not a string"),
        ({"id": {"a": 1}, "text": "Teks"}, "`id` is dict: expected a string or an integer"),
        ({"id": True, "text": "Teks"}, "`id` is bool"),
        ({"id": "e", "text": ""}, EMPTY_TEXT),
        ({"id": "w", "text": " \n\u00a0\t"}, EMPTY_TEXT),
    ],
)
def test_one_bad_field_is_that_records_error(tmp_path: Path, record, reason):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "ok1", "text": "Baik"}), json.dumps(record), json.dumps({"id": "ok2", "text": "Baik"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    assert [a.doc_id for a in _articles(items)] == ["ok1", "ok2"]
    [error] = _errors(items)
    assert error.line == 2 and reason in error.reason


def test_empty_text_is_the_same_error_in_every_format(tmp_path: Path):
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "blank.json").write_text(json.dumps({"text": " "}), encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text(json.dumps({"text": ""}) + "\n", encoding="utf-8")
    assert [e.reason for e in read_inputs([tmp_path])] == [EMPTY_TEXT] * 3


def test_duplicate_id_names_the_file_and_line_of_its_first_occurrence(tmp_path: Path):
    first = tmp_path / "a.jsonl"
    first.write_text("".join(json.dumps({"id": f"d{i}", "text": "Teks"}) + "\n" for i in range(5)), encoding="utf-8")
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps({"id": "baru", "text": "Teks"}) + "\n" + json.dumps({"id": "d3", "text": "Lagi"}) + "\n", encoding="utf-8")
    text_file = tmp_path / "d1.txt"  # a .txt file's id is its stem
    text_file.write_text("Teks", encoding="utf-8")
    items = list(read_inputs([first, second, text_file]))
    assert [a.doc_id for a in _articles(items)] == ["d0", "d1", "d2", "d3", "d4", "baru"]
    late_jsonl, late_txt = _errors(items)
    assert (late_jsonl.file, late_jsonl.line, late_jsonl.doc_id) == (str(second), 2, "d3")
    assert late_jsonl.reason == f"duplicate id 'd3' (first read from {first}:4); skipped"
    assert (late_txt.file, late_txt.line) == (str(text_file), None)
    assert late_txt.reason == f"duplicate id 'd1' (first read from {first}:2); skipped"


def test_ids_differing_only_in_undecodable_bytes_are_not_duplicates(tmp_path: Path):
    names = [b"berita-\xff.txt", b"berita-\xfe.txt", b"berita-.txt"]
    for name in names:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(b"Teks")
    items = list(read_inputs([tmp_path]))
    assert len(_articles(items)) == 3 and not _errors(items)
