"""Atomic output: the target holds the old content or the complete new file, never a part."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from extractor.io.writers import OutputError, OutputFile, OutputSet, atomic_writer, json_line, record_line, safe_json_line
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


def test_new_file_permissions_follow_umask(tmp_path: Path):
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


def device_clone(folder: Path, name: str, major: int, minor: int) -> Path:
    """A private copy of a character device (``/dev/null`` is 1,3; ``/dev/full`` 1,7) in a test
    folder, so that a writer that wrongly replaced it would replace only the copy."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        with open(path, "w") as handle:  # a nodev mount refuses to open it
            handle.write("")
    except (PermissionError, OSError, AttributeError) as error:
        pytest.skip(f"cannot make a character device here ({error}): needs root on a mount without nodev")
    return path


def test_symlink_is_followed_and_mode_kept(tmp_path: Path):
    real = tmp_path / "data" / "records.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    with atomic_writer(link) as handle:
        handle.write("new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_character_device_is_streamed_never_replaced(tmp_path: Path):
    null = device_clone(tmp_path, "null", 1, 3)
    with atomic_writer(null) as handle:
        handle.write("x" * 100_000)
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_disk_full_is_an_output_error_and_nothing_changes(tmp_path: Path):
    full = device_clone(tmp_path, "full", 1, 7)
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    outputs = OutputSet()
    outputs.add(OutputFile(target))
    outputs.add(OutputFile(full))
    outputs.prepare()
    for output in outputs.outputs:
        output.write("line\n")
    with pytest.raises(OutputError, match="no space left"):
        outputs.commit()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == [] and stat.S_ISCHR(os.lstat(full).st_mode)


def test_a_failing_second_file_leaves_the_first_unchanged(tmp_path: Path):
    """A file-size limit makes the second output fail (EFBIG) like a full disk would."""
    import subprocess
    import sys

    script = f"""
import resource, signal
from extractor.io.writers import OutputError, OutputFile, OutputSet
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
outputs = OutputSet()
first, second = outputs.add(OutputFile({str(tmp_path / "a.jsonl")!r})), outputs.add(OutputFile({str(tmp_path / "b.jsonl")!r}))
outputs.prepare()
first.write("new\\n")
try:
    second.write("x" * 100000)
    outputs.commit()
except OutputError as error:
    outputs.discard()
    print("refused:", error)
"""
    (tmp_path / "a.jsonl").write_text("old\n", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "refused:" in completed.stdout, completed.stderr
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8") == "old\n"
    assert not (tmp_path / "b.jsonl").exists() and _leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["directory", "fifo without reader", "file as folder"])
def test_outputs_that_cannot_be_written_are_refused_before_work(tmp_path: Path, kind: str):
    if kind == "directory":
        path = tmp_path / "folder"
        path.mkdir()
    elif kind == "fifo without reader":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    else:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        path = tmp_path / "file" / "out.jsonl"
    output = OutputFile(path)
    with pytest.raises(OutputError) as error:
        output.prepare()
    assert error.value.usage and error.value.path == str(path)


def test_second_writer_on_one_output_is_refused(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    first = OutputFile(target)
    first.prepare()
    try:
        with pytest.raises(OutputError, match=f"another extractor run is writing this output \\(pid {os.getpid()}\\)"):
            OutputFile(target).prepare()
    finally:
        first.discard()
    second = OutputFile(target)
    second.prepare()  # free again once the first is done
    second.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    stale = tmp_path / ".out.jsonl.extractor-abc123.tmp"
    stale.write_text("partial", encoding="utf-8")
    other = tmp_path / ".other.jsonl.extractor-abc123.tmp"
    other.write_text("another output's", encoding="utf-8")
    with atomic_writer(target) as handle:
        handle.write("ok\n")
    assert not stale.exists() and other.exists()


def test_errors_lines_are_always_writable():
    line = safe_json_line({"doc_id": "x\ud800", "reason": "judul \u201cbaru\u201d"})
    line.encode("utf-8")
    assert json.loads(line)["doc_id"] == "x\ud800"
    assert safe_json_line({"a": "\u00e9"}) == '{"a":"\u00e9"}\n'


def test_document_records_to_rows():
    text = "Menlu Retno bertemu Menlu Lavrov, Rabu (9/8), senilai US$1,5 miliar."
    records = DocumentRecords.model_validate({
        "doc_id": "d1",
        "officials": [{"name": "Retno", "title": "Menteri Luar Negeri", "country": "ID",
                       "mentions": [{"start": 6, "end": 11, "text": "Retno"}, {"start": 0, "end": 11, "text": "Menlu Retno"}]}],
        "events": [{"type": "meeting", "name": "bertemu", "parties": ["RU", "ID"],
                    "mentions": [{"start": 12, "end": 19, "text": "bertemu"}]}],
        "figures": [{"start": text.index("US$"), "end": text.index("US$") + 13, "text": "US$1,5 miliar", "kind": "money", "value": 1.5e9, "unit": "USD"}],
    }, context={"text": text})
    [official] = records.to_rows("officials")
    assert official == {"doc_id": "d1", "span_start": 0, "span_end": 11, "span_text": "Menlu Retno", "name": "Retno",
                        "title": "Menteri Luar Negeri", "organization": "", "country": "ID",
                        "rule": "", "score": "", "mentions": "Menlu Retno@0-11; Retno@6-11"}
    [event] = records.to_rows("events")
    assert event["type"] == "meeting" and event["parties"] == "ID; RU" and event["start"] == ""
    assert records.to_rows("figures")[0]["value"] == 1500000000 and records.to_rows("dates") == []
    assert list(official) == DocumentRecords.row_fields("officials")
    with pytest.raises(ValueError):
        records.to_rows("article")


def test_read_only_folder_is_refused_naming_the_given_path(tmp_path: Path, monkeypatch):
    folder = tmp_path / "readonly"
    folder.mkdir()
    real_access = os.access
    # root may write anywhere, so the refusal is tested through os.access, which is what is asked
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == folder else real_access(path, mode))
    with pytest.raises(OutputError) as error:
        OutputFile(folder / "out.jsonl").prepare()
    assert error.value.path == str(folder / "out.jsonl") and "is not writable" in error.value.reason
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_dev_stdout_is_written_through_wherever_it_points():
    for path in ("/dev/stdout", "/dev/stderr", "/dev/fd/2", "-"):
        output = OutputFile(path)
        output.inspect()
        assert output.streamed and output.target is None, path
