"""The `extractor` command: bad inputs, exit codes, atomic output, --jobs, show, schema."""

from __future__ import annotations

import json
import os
import shutil
from itertools import islice
from pathlib import Path

import pytest

from extractor import cli
from extractor.core import Extractor

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
INDOSUM = Path(os.environ.get("EXTRACTOR_SHARED_DATA", REPO.parent / "shared" / "data")) / "indosum" / "articles.jsonl"


@pytest.fixture(scope="module", autouse=True)
def loaded_models():
    """Load the models once: every in-process `extract` below reuses the cached pipeline."""
    Extractor()


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _seed_copy(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(RAW_DIR.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    return sorted(p.stem for p in RAW_DIR.glob("*.txt"))


def test_all_good_inputs_exit_0(tmp_path: Path, capsys):
    ids = _seed_copy(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(tmp_path / "in"), "-o", str(out), "--published", "2017-08-09"]) == 0
    objects = [json.loads(line) for line in _lines(out)]
    assert [o["doc_id"] for o in objects] == ids
    assert all(o["published"] for o in objects)
    errors = tmp_path / "out.errors.jsonl"
    assert errors.exists() and errors.read_text(encoding="utf-8") == ""
    summary = capsys.readouterr().err
    assert f"{len(ids)} articles extracted" in summary and "0 errors" in summary


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path: Path, capsys):
    folder = tmp_path / "in"
    ids = _seed_copy(folder)
    (folder / "latin.txt").write_bytes("Menteri Luar Negeri caf\u00e9".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    corpus = folder / "corpus.jsonl"
    corpus.write_text(
        "\n".join(
            [
                json.dumps({"id": "j1", "text": "Presiden Joko Widodo tiba di Bali, Rabu (9/8/2017)."}),
                "{broken json",
                json.dumps({"id": "j3", "title": "no text"}),
                json.dumps({"id": "j4", "text": "Teks", "published": "9 Agustus"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.jsonl"
    errors_path = tmp_path / "errs.jsonl"
    status = cli.main(["extract", str(folder), str(missing), "-o", str(out), "--errors", str(errors_path)])
    assert status == 1
    written = [json.loads(line)["doc_id"] for line in _lines(out)]
    assert written == [*ids, "j1"]
    errors = [json.loads(line) for line in _lines(errors_path)]
    # every input accounted for: the seeds, 4 JSONL lines, 3 bad files, 1 missing path
    assert len(written) + len(errors) == len(ids) + 4 + 3 + 1
    by_file = {(Path(e["file"]).name, e["line"]): e["reason"] for e in errors}
    assert "not valid UTF-8" in by_file[("latin.txt", 1)]
    assert by_file[("empty.txt", None)] == "empty file"
    assert "NUL" in by_file[("binary.txt", None)]
    assert "malformed JSON" in by_file[("corpus.jsonl", 2)]
    assert "no `text`" in by_file[("corpus.jsonl", 3)]
    assert "bad `published`" in by_file[("corpus.jsonl", 4)]
    assert by_file[("missing.txt", None)] == "no such file or directory"
    stderr = capsys.readouterr().err
    assert f"error: {corpus}:2: malformed JSON" in stderr
    assert f"error: {missing}: no such file or directory" in stderr
    assert "7 errors (7 input, 0 extraction)" in stderr


def test_stdout_without_output_file(tmp_path: Path, capsys):
    article = tmp_path / "berita.txt"
    article.write_text("Menteri Luar Negeri Retno Marsudi tiba di Jakarta.", encoding="utf-8")
    assert cli.main(["extract", str(article)]) == 0
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert json.loads(line)["doc_id"] == "berita"
    assert "1 articles extracted" in captured.err
    assert not list(tmp_path.glob("*.errors.jsonl"))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["extract", "x.txt", "--jobs", "0"],
        ["extract", "x.txt", "--batch-size", "many"],
        ["extract", "x.txt", "--published", "kemarin"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert cli.main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_interrupted_run_leaves_the_old_output(tmp_path: Path, monkeypatch):
    _seed_copy(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    real_iter_results = Extractor.iter_results

    def interrupted(self, items, batch_size=None):
        yield from islice(real_iter_results(self, items, batch_size), 1)
        raise KeyboardInterrupt

    monkeypatch.setattr(Extractor, "iter_results", interrupted)
    assert cli.main(["extract", str(tmp_path / "in"), "-o", str(out)]) == 130
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path: Path):
    folder = tmp_path / "in"
    _seed_copy(folder)
    if INDOSUM.exists():
        with open(INDOSUM, encoding="utf-8") as handle:
            (folder / "indosum.jsonl").write_text("".join(islice(handle, 3)), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert cli.main(["extract", str(folder), "-o", str(out), "--jobs", jobs, "--batch-size", "2"]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == (5 if INDOSUM.exists() else 2)


def test_stats_file(tmp_path: Path):
    _seed_copy(tmp_path / "in")
    stats_path = tmp_path / "stats.json"
    assert cli.main(["extract", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "--stats", str(stats_path)]) == 0
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    assert stats["articles"] == 2 and stats["errors"] == 0
    assert stats["timings"]["stanza_s"] > 0 and "write" in stats["timings"]["seconds"]


def test_show_highlights_records(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # wide enough that no table cell wraps
    seed = sorted(RAW_DIR.glob("*.txt"))[-1]
    predictions = tmp_path / "pred.jsonl"
    assert cli.main(["extract", str(seed), "-o", str(predictions)]) == 0
    capsys.readouterr()
    assert cli.main(["show", str(seed), "--records", str(predictions)]) == 0
    shown = capsys.readouterr().out
    record = json.loads(_lines(predictions)[0])
    for kind in ("officials", "events", "dates", "priority_areas", "figures"):
        assert f"{kind} ({len(record[kind])})" in shown
    assert record["officials"][0]["name"] in shown
    assert cli.main(["show", str(seed), "--id", "nope"]) == 1


def test_schema_and_feature_commands(capsys):
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"doc_id", "officials", "events", "dates", "priority_areas", "figures"} <= set(schema["properties"])
    assert cli.main(["evaluate", "--help"]) == 0
    assert cli.main(["train", "--help"]) == 0
    assert "evaluate" in capsys.readouterr().out


def test_show_refuses_records_that_do_not_fit_the_text(tmp_path: Path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Presiden Joko Widodo tiba.", encoding="utf-8")
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({"doc_id": "a", "dates": [{"start": 0, "end": 4, "text": "Rabu", "granularity": "day"}]}) + "\n", encoding="utf-8")
    assert cli.main(["show", str(article), "--records", str(wrong)]) == 1
    assert "Rabu" in capsys.readouterr().err
    assert cli.main(["show", str(article), "--records", str(tmp_path / "none.jsonl")]) == 1


def test_output_folder_is_created(tmp_path: Path):
    ids = _seed_copy(tmp_path / "in")
    out = tmp_path / "new" / "folder" / "records.jsonl"
    assert cli.main(["extract", str(tmp_path / "in"), "-o", str(out)]) == 0
    assert [json.loads(line)["doc_id"] for line in _lines(out)] == ids


def test_unwritable_output_is_a_clear_error(tmp_path: Path, capsys):
    _seed_copy(tmp_path / "in")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "in"), "-o", str(blocker / "records.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "error: cannot write" in err and str(blocker) in err and "Traceback" not in err


@pytest.mark.parametrize("arguments", [["--help"], ["schema"], ["extract", "--help"], ["--version"]])
def test_light_commands_import_no_torch(arguments):
    """`extractor --help`, `schema`, `--version` stay fast: no torch, Stanza or spaCy (in a fresh interpreter)."""
    import subprocess
    import sys

    if arguments == ["--version"] and "--version" not in cli.build_parser().format_help():
        pytest.skip("this checkout's CLI has no --version option")

    code = ("import contextlib, io, sys\nfrom extractor.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): status = main({arguments!r})\n"
            "print(status, *sorted(m for m in ('torch', 'stanza', 'spacy', 'dateparser') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0"]
