"""--resume: a killed run, resumed, ends with every input exactly once (extractor.io.resume)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest

from extractor import cli
from extractor.core import Extractor
from extractor.io.resume import ResumableOutput, content_hash, journal_path

REPO = Path(__file__).resolve().parents[1]
INDOSUM = Path(os.environ.get("EXTRACTOR_SHARED_DATA", REPO.parent / "shared" / "data")) / "indosum" / "articles.jsonl"


def _articles(n: int, start: int = 0) -> list[dict]:
    with open(INDOSUM, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in islice(handle, start, start + n)]
    return [{"id": row["id"], "text": row["text"], "published": row["published"]} for row in rows]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _doc_ids(path: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def loaded_models():
    Extractor()


# --- the journal, without models ------------------------------------------------------------------


def _line(doc_id: str) -> str:
    return json.dumps({"doc_id": doc_id, "officials": []}) + "\n"


def test_journal_recovers_a_consistent_prefix(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    with ResumableOutput(out) as output:
        for doc_id in ("a", "b", "c"):
            output.write(_line(doc_id), doc_id, content_hash(doc_id))
    # a kill after the output line but before its journal entry, then one in the middle of a line
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(_line("d"))
        handle.write(_line("e")[:7])
    with open(journal_path(out), "a", encoding="utf-8") as handle:
        handle.write('{"doc_id": "d", "sha')  # a journal entry cut while being written
    with ResumableOutput(out) as output:
        assert sorted(output.done.hashes) == ["a", "b", "c"]
        assert output.recovered_bytes == len(_line("d")) + 7
        output.write(_line("d"), "d", content_hash("d"))
    assert _doc_ids(out) == ["a", "b", "c", "d"]
    entries = [json.loads(line) for line in journal_path(out).read_text().splitlines()]
    assert [e["doc_id"] for e in entries] == ["a", "b", "c", "d"] and entries[-1]["end"] == out.stat().st_size


def test_a_changed_document_is_replaced_not_duplicated(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    with ResumableOutput(out) as output:
        for doc_id in ("a", "b", "c"):
            output.write(_line(doc_id), doc_id, content_hash(doc_id))
    with ResumableOutput(out) as output:
        assert output.done.status("b", "b") == "done"
        assert output.done.status("b", "b changed") == "changed"
        assert output.done.status("z", "z") == "new"
        assert output.drop({"b"}) == 1
        output.write(_line("b"), "b", content_hash("b changed"))
    assert _doc_ids(out) == ["a", "c", "b"]
    with ResumableOutput(out) as output:
        assert output.done.status("b", "b changed") == "done" and output.recovered_bytes == 0


def test_an_output_written_without_resume_is_adopted(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    out.write_text(_line("a") + _line("b") + _line("c")[:5], encoding="utf-8")
    with ResumableOutput(out) as output:
        assert output.done.status("a", "any text") == "done"  # no hash was recorded for it
        assert output.done.status("c", "c") == "new"
    assert _doc_ids(out) == ["a", "b"]


# --- the command line -----------------------------------------------------------------------------


def test_resume_skips_what_is_written_and_matches_a_fresh_run(tmp_path: Path, loaded_models, capsys):
    articles = _articles(6)
    source = _write_jsonl(tmp_path / "in.jsonl", articles)
    fresh = tmp_path / "fresh.jsonl"
    assert cli.main(["extract", str(source), "-o", str(fresh)]) == 0
    partial = tmp_path / "partial.jsonl"
    _write_jsonl(tmp_path / "first.jsonl", articles[:4])
    assert cli.main(["extract", str(tmp_path / "first.jsonl"), "-o", str(partial), "--resume"]) == 0
    capsys.readouterr()
    assert cli.main(["extract", str(source), "-o", str(partial), "--resume"]) == 0
    assert "4 documents already in" in capsys.readouterr().err
    assert partial.read_bytes() == fresh.read_bytes()


def test_resuming_a_finished_run_succeeds_and_changes_nothing(tmp_path: Path, loaded_models, capsys):
    source = _write_jsonl(tmp_path / "in.jsonl", _articles(2))
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(source), "-o", str(out), "--resume"]) == 0
    written = out.read_bytes()
    capsys.readouterr()
    assert cli.main(["extract", str(source), "-o", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "2 documents already in" in err and "nothing was extracted" not in err
    assert out.read_bytes() == written


def test_resume_needs_an_output_file(capsys):
    assert cli.main(["extract", "data/raw", "--resume"]) == 2
    assert "--resume needs -o" in capsys.readouterr().err


def _run(args: list[str], stderr=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        env={**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")},
    )


def test_sigkill_at_random_moments_then_resume_gives_every_input_once(tmp_path: Path):
    articles = _articles(24, start=100)
    source = _write_jsonl(tmp_path / "in.jsonl", articles)
    out = tmp_path / "out.jsonl"
    rng = random.Random(20261201)
    kills = 0
    for attempt in range(4):
        process = _run(["extract", str(source), "-o", str(out), "--resume", "--batch-size", "2"])
        # Wait until this attempt has written something new (or a random moment during start-up).
        before = out.stat().st_size if out.exists() else 0
        deadline = time.monotonic() + 120
        wait_for_growth = attempt % 2 == 1
        pause = rng.uniform(0.5, 6.0)
        started = time.monotonic()
        while process.poll() is None and time.monotonic() < deadline:
            grown = out.exists() and out.stat().st_size > before
            if (wait_for_growth and grown and time.monotonic() - started > pause) or (not wait_for_growth and time.monotonic() - started > pause):
                break
            time.sleep(0.05)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
    final = _run(["extract", str(source), "-o", str(out), "--resume"], stderr=subprocess.PIPE)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode("utf-8", "replace")
    ids = _doc_ids(out)  # every line parses: none truncated
    assert sorted(ids) == sorted(a["id"] for a in articles) and len(ids) == len(set(ids))
    assert kills >= 1
    expected = {row["doc_id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    reference = Extractor()
    for article in articles[:3]:
        records = reference.extract(article["text"], doc_id=article["id"], published=article["published"])
        assert expected[article["id"]] == records.model_dump(mode="json")
