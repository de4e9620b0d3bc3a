"""The `extractor` command: bad inputs, exit codes, atomic output, --jobs, show, schema."""

from __future__ import annotations

import json
import os
import shutil
import stat
from itertools import islice
from pathlib import Path

import pytest

from extractor import __version__, cli
from extractor.core import Extractor
from extractor.io.readers import EMPTY_TEXT

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
    out = tmp_path / "out.jsonl"
    errors_path = tmp_path / "errs.jsonl"
    status = cli.main(["extract", str(folder), "-o", str(out), "--errors", str(errors_path)])
    assert status == 1
    written = [json.loads(line)["doc_id"] for line in _lines(out)]
    assert written == [*ids, "j1"]
    errors = [json.loads(line) for line in _lines(errors_path)]
    # every input accounted for: the seeds, 4 JSONL lines, 3 bad files
    assert len(written) + len(errors) == len(ids) + 4 + 3
    by_file = {(Path(e["file"]).name, e["line"]): e["reason"] for e in errors}
    assert "not valid UTF-8" in by_file[("latin.txt", 1)]
    assert by_file[("empty.txt", None)] == EMPTY_TEXT
    assert "NUL" in by_file[("binary.txt", None)]
    assert "malformed JSON" in by_file[("corpus.jsonl", 2)]
    assert "no `text`" in by_file[("corpus.jsonl", 3)]
    assert "bad `published`" in by_file[("corpus.jsonl", 4)]
    stderr = capsys.readouterr().err
    assert f"error: {corpus}:2: malformed JSON" in stderr
    assert "6 errors (6 input, 0 extraction)" in stderr


def test_stdout_without_output_file(tmp_path: Path, capsys):
    article = tmp_path / "berita.txt"
    article.write_text("Menteri Luar Negeri Retno Marsudi tiba di Jakarta.", encoding="utf-8")
    assert cli.main(["extract", str(article)]) == 0
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert json.loads(line)["doc_id"] == "berita"
    assert "1 articles extracted" in captured.err
    assert not list(tmp_path.glob("*.errors.jsonl"))


def test_no_arguments_prints_the_help_and_version(capsys):
    assert cli.main([]) == 0
    assert "usage: extractor" in capsys.readouterr().out
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"extractor {__version__}"


@pytest.mark.parametrize(
    "argv",
    [
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
    assert f"error: {blocker / 'records.jsonl'}: cannot create a folder under {blocker}: not a directory" in err
    assert "Traceback" not in err


# --- paths and outputs: a table of what a careless or hostile user may type -------------------

SHORT = "Menteri Luar Negeri Retno Marsudi bertemu Menlu Rusia di Jakarta, Rabu (9/8/2017)."


def _scene(tmp_path: Path) -> Path:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": SHORT}) + "\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(data)
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain").write_text("not a folder", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    return data


USAGE_ERRORS = {
    "output is the input": (["in.jsonl", "-o", "in.jsonl"], "-o in.jsonl is the input file in.jsonl"),
    "output is a link to the input": (["in.jsonl", "-o", "link.jsonl"], "-o link.jsonl is the input file in.jsonl"),
    "errors file is the output": (["in.jsonl", "-o", "o.jsonl", "--errors", "o.jsonl"], "--errors o.jsonl and -o o.jsonl are the same file"),
    "stats file is the input": (["in.jsonl", "-o", "o.jsonl", "--stats", "in.jsonl"], "--stats in.jsonl is the input file"),
    "errors file is the input": (["in.jsonl", "--errors", "in.jsonl"], "--errors in.jsonl is the input file"),
    "stats file is the errors file": (["in.jsonl", "-o", "o.jsonl", "--stats", "o.errors.jsonl"], "are the same file"),
    "missing input": (["in.jsonl", "missing.txt", "-o", "o.jsonl"], "missing.txt: no such file or directory"),
    "glob that matches nothing": (["*.txt", "-o", "o.jsonl"], "*.txt: no file matches this pattern"),
    "output is a folder": (["in.jsonl", "-o", "folder"], "folder: is a directory"),
    "output names a new folder": (["in.jsonl", "-o", "new/"], "new/: is a directory"),
    "output under a file": (["in.jsonl", "-o", "plain/o.jsonl"], "plain/o.jsonl: cannot create a folder under"),
    "output is a FIFO without a reader": (["in.jsonl", "-o", "pipe"], "pipe: cannot write: FIFO has no reader"),
    "errors to standard output": (["in.jsonl", "--errors", "-"], "--errors cannot go to standard output"),
    "csv without a folder": (["in.jsonl", "--format", "csv"], "--format csv needs -o FOLDER"),
    "csv into a file": (["in.jsonl", "--format", "csv", "-o", "plain"], "writes into a folder, and this is a file"),
}


@pytest.mark.parametrize("case", sorted(USAGE_ERRORS))
def test_path_problems_are_usage_errors_before_the_models_load(case, tmp_path: Path, monkeypatch, capsys):
    argv, message = USAGE_ERRORS[case]
    data = _scene(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.chdir(tmp_path)

    def no_models(*args, **kwargs):
        raise AssertionError("the models were loaded before the paths were checked")

    monkeypatch.setattr(Extractor, "__init__", no_models)
    assert cli.main(["extract", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created, nothing replaced
    assert json.loads(data.read_text(encoding="utf-8"))["id"] == "a"


def test_a_second_run_on_one_output_is_refused(tmp_path: Path, monkeypatch, capsys):
    from extractor.io.writers import OutputFile

    data = _scene(tmp_path)
    running = OutputFile(tmp_path / "o.jsonl")
    running.prepare()  # what a run in progress holds
    try:
        monkeypatch.setattr(Extractor, "__init__", lambda *a, **k: (_ for _ in ()).throw(AssertionError("loaded")))
        assert cli.main(["extract", str(data), "-o", str(tmp_path / "o.jsonl")]) == 2
    finally:
        running.discard()
    assert "another extractor run is writing this output" in capsys.readouterr().err


def test_one_hostile_folder_costs_no_good_article(tmp_path: Path, capsys):
    """Special files, bad fields and unsupported files are error entries; the rest is written;
    the summary says what was skipped and what is uncertain."""
    folder = tmp_path / "in"
    folder.mkdir()
    records = [
        {"id": "good", "text": SHORT + " Keduanya membahas kerja sama yang erat di bidang energi dan perdagangan antara kedua negara itu.", "published": "2017-08-09"},
        {"id": "bad-title", "title": "Judul \ud800", "text": SHORT},
        {"id": "bad-id\udc00", "text": SHORT},
        {"id": "blank", "text": "  "},
        {"id": "relative", "text": "Menlu Retno Marsudi tiba di Bali kemarin untuk bertemu dengan para menteri yang hadir dalam pertemuan itu."},
        {"id": "english", "text": "The foreign minister said on Tuesday that the two countries would work together on trade and that the talks had been useful for both of them."},
    ]
    (folder / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "x.txt").symlink_to("y.txt")
    (folder / "y.txt").symlink_to("x.txt")
    (folder / "laporan.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(folder), "-o", str(out)]) == 1
    written = {json.loads(line)["doc_id"]: json.loads(line) for line in _lines(out)}
    assert sorted(written) == ["english", "good", "relative"]
    assert written["english"]["article"]["language"] == "en" and written["good"]["article"]["language"] == "id"
    errors = [json.loads(line) for line in _lines(tmp_path / "out.errors.jsonl")]  # valid UTF-8 JSON lines
    reasons = {Path(e["file"]).name + (f":{e['line']}" if e["line"] else ""): e["reason"] for e in errors}
    assert "lone surrogate" in reasons["corpus.jsonl:2"] and "lone surrogate" in reasons["corpus.jsonl:3"]
    assert errors[[e["line"] for e in errors].index(3)]["doc_id"] == "bad-id\udc00"
    assert reasons["corpus.jsonl:4"] == EMPTY_TEXT
    assert "FIFO" in reasons["pipe.jsonl"] and "character device" in reasons["zero.jsonl"]
    assert reasons["x.txt"] == reasons["y.txt"] == "symbolic link loop"
    assert reasons["laporan.docx"] == "unsupported file type '.docx'"
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\ud800" not in err
    assert f"skipped 1 files that are not .txt/.json/.jsonl (listed in the errors file): {folder / 'laporan.docx'}" in err
    assert "1 articles have relative dates left unresolved" in err and "--published YYYY-MM-DD" in err
    assert "1 articles do not look Indonesian" in err and "english" in err


def test_only_unsupported_files_is_nothing_extracted(tmp_path: Path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(b"%PDF")
    assert cli.main(["extract", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "a.pdf" in err and "nothing was extracted" in err


def test_output_link_followed_mode_kept_stale_temporary_removed(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    real = tmp_path / "store" / "records.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    stale = real.parent / ".records.jsonl.extractor-dead01.tmp"
    stale.write_text("left by a killed run", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    assert cli.main(["extract", str(article), "-o", str(link), "--errors", str(tmp_path / "e.jsonl")]) == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["doc_id"] == "a"
    assert oct(real.stat().st_mode & 0o777) == oct(0o600)
    assert sorted(p.name for p in real.parent.iterdir()) == ["records.jsonl"]


def test_devices_are_streamed_and_a_full_disk_changes_nothing(tmp_path: Path, capsys):
    from test_writers import device_clone

    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    null, full = device_clone(tmp_path, "null", 1, 3), device_clone(tmp_path, "full", 1, 7)
    assert cli.main(["extract", str(article), "-o", str(null)]) == 0
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(article), "-o", str(out), "--stats", str(full)]) == 3
    err = capsys.readouterr().err
    assert f"error: {full}: cannot write: no space left on the device" in err and "exit status 3" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "full", "null"]
    assert cli.main(["extract", str(article), "-o", str(full)]) == 3
    assert all(stat.S_ISCHR(os.lstat(device).st_mode) for device in (null, full))


def test_csv_tables_from_extract_and_from_export(tmp_path: Path):
    import csv

    from extractor.records import RECORD_TYPES, DocumentRecords

    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    assert cli.main(["extract", str(article), "--format", "csv", "-o", str(tmp_path / "tables")]) == 0
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(
        [f"{name}.csv" for name in RECORD_TYPES] + ["errors.jsonl"]
    )
    raw = (tmp_path / "tables" / "officials.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))  # Excel reads the file as UTF-8
    with open(tmp_path / "tables" / "officials.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == DocumentRecords.row_fields("officials")
    retno = next(row for row in rows if "Retno" in row["name"])
    assert SHORT[int(retno["span_start"]) : int(retno["span_end"])] == retno["span_text"]
    assert retno["doc_id"] == "a" and "@" in retno["mentions"]
    assert cli.main(["extract", str(article), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert cli.main(["export", str(tmp_path / "o.jsonl"), "--csv", str(tmp_path / "again")]) == 0
    for name in RECORD_TYPES:
        assert (tmp_path / "again" / f"{name}.csv").read_bytes() == (tmp_path / "tables" / f"{name}.csv").read_bytes()


def test_jobs_warning_and_auto(monkeypatch):
    import extractor.core as core

    monkeypatch.setattr(core, "available_cores", lambda: 2)
    warnings: list[str] = []
    assert cli.resolve_jobs(8, warnings.append) == 8
    [warning] = warnings
    assert "--jobs 8 is more than the 2 cores" in warning and "MB of models" in warning
    assert cli.resolve_jobs(2, warnings.append) == 2 and len(warnings) == 1
    monkeypatch.setattr(core, "available_memory_mb", lambda: 1000)
    assert cli.resolve_jobs("auto", warnings.append) == 1  # room for one worker's models only
    monkeypatch.setattr(core, "available_memory_mb", lambda: 64000)
    assert cli.resolve_jobs("auto", warnings.append) == 2  # no more workers than cores
    assert len(warnings) == 1


def test_progress_total_is_counted_before_the_run(tmp_path: Path):
    from extractor.io.readers import expand_inputs

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "1"}\n\n{"text": "2"}\n{broken\n', encoding="utf-8")
    (tmp_path / "c.json").write_text('[{"text": "1"}, {"text": "2"}]', encoding="utf-8")
    (tmp_path / "d.md").write_text("skipped", encoding="utf-8")
    assert cli.count_articles(expand_inputs([tmp_path])) == 1 + 3 + 2 + 1
    reporter = cli._Reporter(True, total=7)
    columns = [type(column).__name__ for column in reporter.progress.columns]
    assert "TimeRemainingColumn" in columns and "BarColumn" in columns
    assert reporter.progress.tasks[0].total == 7
    reporter.inside("tokenizing", 0, 250_000)
    inner = reporter.progress.tasks[1]
    assert "tokenizing 250,000 characters" in inner.description and inner.visible
    reporter.inside("tagging", 120, 400)
    assert "tagging" in inner.description and (inner.completed, inner.total) == (120, 400)
    reporter.inside("done", 0, None)
    assert not inner.visible


# --- show: escaped, readable at 80 columns, markers when piped ---------------------------------


def _show_records():
    from extractor.records import DocumentRecords

    text = "[bold]Menlu[/bold] Retno \x1b[2J\x1b]0;owned\x07 bertemu Menlu Rusia, Rabu (9/8/2017) di Jakarta."
    start = text.index("Menlu")
    records = DocumentRecords(
        doc_id="[/bold] \x1b[31mred",
        officials=[{"name": "[red]Retno[/red]", "title": "Menteri \x1b[5m", "mentions": [
            {"start": start, "end": start + len("Menlu[/bold] Retno"), "text": text[start : start + len("Menlu[/bold] Retno")]}]}],
        dates=[{"start": text.index("Rabu"), "end": text.index("Rabu") + 15, "text": "Rabu (9/8/2017)", "granularity": "day",
                "value": "2017-08-09"}],
    )
    return text, records


@pytest.mark.parametrize("color", ["never", "always"])
def test_show_cannot_be_injected_and_fits_80_columns(color):
    import io

    text, records = _show_records()
    buffer = io.StringIO()
    console, colored = cli.show_console(color, buffer)
    console.width = 80
    cli.render_records(console, text, records, colored=colored)  # markup-like ids used to crash
    shown = buffer.getvalue()
    without_styles = __import__("re").sub(r"\x1b\[[0-9;]*m", "", shown)
    assert "\x1b" not in without_styles and "\x07" not in shown  # only the styles `always` asked for
    assert "[/bold]" in without_styles and "[red]Retno[/red]" in without_styles and "\u241b[2J" in without_styles
    assert max(len(line) for line in without_styles.splitlines()) <= 80
    assert "1. name" in without_styles and "granularity" in without_styles  # stacked blocks, not a clipped table
    if color == "never":
        assert "[Rabu" in shown and "(9/8/2017)]{date}" in shown and "]{official}" in shown
        assert "\x1b" not in shown
    else:
        assert "\x1b[" in shown and "]{date}" not in shown


def test_show_keeps_markers_when_piped(tmp_path: Path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    records = tmp_path / "r.jsonl"
    assert cli.main(["extract", str(article), "-o", str(records)]) == 0
    capsys.readouterr()
    assert cli.main(["show", str(article), "--records", str(records)]) == 0  # captured: not a terminal
    shown = capsys.readouterr().out
    assert "]{official}" in shown and "]{date}" in shown and "\x1b" not in shown


# --- signals: a killed or terminated run leaves nothing behind ---------------------------------


def _spawned_run(tmp_path: Path, *extra: str, articles: int = 400):
    import subprocess
    import sys

    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": SHORT}) + "\n" for i in range(articles)), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "-o", str(tmp_path / "out.jsonl"), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )


def _wait_for(condition, seconds: float, what: str):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(fields[1]) == pid and b"spawn_main" in cmdline:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("signame, status", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_clean_up_like_ctrl_c(tmp_path: Path, signame: str, status: int):
    import signal

    process = _spawned_run(tmp_path)
    _wait_for(lambda: list(tmp_path.glob(".out.jsonl.extractor-*.tmp")), 120, "the run to open its output")
    process.send_signal(getattr(signal, signame))
    _, err = process.communicate(timeout=120)
    assert process.returncode == status, err
    assert f"terminated by {signame}: no output was changed" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_die_with_a_killed_parent(tmp_path: Path):
    import signal

    # Enough articles that the run is still going when its first records are written, on any machine.
    process = _spawned_run(tmp_path, "--jobs", "2", articles=20_000)
    workers = _wait_for(lambda: len(_children(process.pid)) == 2 and _children(process.pid), 120, "two workers")
    _wait_for(lambda: any(p.stat().st_size for p in tmp_path.glob(".out.jsonl.extractor-*.tmp")), 120,
              "the workers' first records (past their initializer)")
    assert process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() and b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
                              for pid in workers), 60, "the workers to end")
    # a later run on the same output finds the killed run's temporary file and removes it
    assert list(tmp_path.glob(".out.jsonl.extractor-*.tmp"))
    from extractor.io.writers import OutputFile

    for name in ("out.jsonl", "out.errors.jsonl"):  # the outputs of the next run
        output = OutputFile(tmp_path / name)
        output.prepare()
        output.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


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


def test_extract_imports_no_feature_command_modules_and_help_lists_them_all():
    """`extract` does not import the train/evaluate/index/report modules (start-up); `--help` still lists them."""
    import subprocess
    import sys

    code = ("import contextlib, io, sys\nfrom extractor.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            "    status = main(['extract', 'no-such-file.jsonl'])\n"
            "print(status, *sorted(m for m in ('extractor.training.cli', 'extractor.evaluation.cli', "
            "'extractor.archive.cli', 'extractor.report.cli') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["2"]  # the usage error for the missing file, and none of the modules
    listing = cli.build_parser().format_help()
    for command in ("extract", "show", "export", "schema", "train", "evaluate", "index", "query", "report"):
        assert command in listing


def test_a_runs_lists_of_names_keep_their_count_and_first_five_only():
    tally = cli._Tally()
    for number in range(10_000):
        tally.append(f"doc-{number}")
    assert len(tally) == 10_000 and tally.first == [f"doc-{number}" for number in range(5)]
    assert cli._listing(tally) == "doc-0, doc-1, doc-2, doc-3, doc-4 and 9995 more"
    few = cli._Tally()
    few.append("a")
    few.append("b")
    assert cli._listing(few) == "a, b" and len(few) == 2
