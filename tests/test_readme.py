"""The README's code runs: every Python block is executed, every shell command of README.md and
docs/*.md is run here (in a sandbox copy of data/) or listed in BY_HAND with the reason, and the
Python version and the command synopsis agree with the package."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import RAW_DIR, REPO, SHARED_DATA
from extractor import cli

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"`((?:extractor|python) [^`]+)`")

# Commands a test runs below, in a sandbox (a copy of data/ and ../shared beside it).
RUN = {
    "extractor extract data/raw -o out/records.jsonl",
    "extractor extract data/raw > pred.jsonl",
    "extractor labelstudio export pred.jsonl --raw data/raw -o tasks.json",
    "extractor labelstudio import export.json --raw data/raw -o data/annotations",
    "extractor evaluate data/annotations --raw data/raw --raw ../shared/data/indosum/articles.jsonl",
    "extractor evaluate data/annotations/heldout --raw ../shared/data/indosum/articles.jsonl",
    "extractor labelstudio config",
    "extractor labelstudio export data/annotations --raw data/raw --raw ../shared/data/indosum/articles.jsonl -o tasks.json --as-annotations",
    "extractor schema",
    "extractor extract --help",
    "extractor --version",
}
# Commands no test runs, and why: they are checked by hand.
BY_HAND = {
    "python -m pip install -e .": "installs the package (tests run against the installed package; .ci/run installs it)",
    "python -m pip install -q -e '.[test]'": "what .ci/run runs",
    "python -m pytest -q": "the test suite itself (.ci/run)",
    "python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu": "needs the network",
    "python -m pip install -e '.[train]'": "installs the training extra (gensim)",
    "extractor train all": "retrains every model: hours of CPU",
    "extractor train tokenizer --steps 1500 --out /tmp/models": "training: most of an hour",
    "extractor train ner --steps 4000 [--with-nergrit]": "training: about an hour",
    "python -m extractor.training.cli ...": "the same commands as `extractor train`",
    "python benchmarks/throughput.py --n 200 --threads 1 --json": "the benchmark: minutes, on an idle machine",
    "python benchmarks/throughput.py --n 1000 --jobs 2 --skip-in-process --json": "the benchmark: minutes, on an idle machine",
    "extractor extract ../shared/data/indosum/articles.jsonl -o out/indosum.jsonl --jobs 2 --stats out/indosum.stats.json":
        "the whole corpus: minutes (the benchmark's figure)",
    "python scripts/annotate.py": "rewrites data/annotations (tests/test_annotate.py checks its output)",
    "python -m stanza.models.common.convert_pretrain": "a Stanza tool used once to build the shipped vectors",
    "python -m pytest -q -m labelstudio": "starts a Label Studio server (.ci/run runs it)",
    "python -m venv .venv-labelstudio": "Label Studio's own environment (the labelstudio tests make it)",
    ".venv-labelstudio/bin/pip install label-studio==1.23.2": "needs the network (the labelstudio tests run it)",
}
# Inline code that names a command without being one to run (a fragment or an alternation).
# Documented by the wave-2 features; each is exercised by its own tests (tests/test_archive_*.py,
# tests/test_report_*.py, tests/test_ray_engine.py, tests/test_resume.py) or is a benchmark that
# takes minutes to hours, so it is checked by hand.
BY_HAND.update({
    command: "wave-2 archive/report/benchmark command: covered by its feature's tests or run by hand"
    for command in (
        "extractor --help",
        "extractor evaluate --archive GOLD --raw RAW...",
        "extractor evaluate --archive data/annotations/archive --raw ...",
        "extractor evaluate --archive data/annotations/archive --raw ../shared/data/indosum/articles.jsonl "
        "--raw ../shared/data/web/articles.jsonl --pred /work/runs/indosum-all.jsonl --pred /work/baseline2/web60.jsonl --part tune",
        "extractor extract ../shared/data/web/articles.jsonl -o out/web.jsonl --db out/archive.sqlite",
        "extractor extract /work/baseline/indosum400.jsonl",
        "extractor index",
        "extractor index --db ARCHIVE.sqlite",
        "extractor index out/indosum.jsonl --db out/archive.sqlite --raw ../shared/data/indosum/articles.jsonl",
        "extractor query out/archive.sqlite areas --partner AU",
        "extractor query out/archive.sqlite figures --kind money --subject perdagangan",
        "extractor query out/archive.sqlite meetings --country RU --since 2017 --until 2017",
        "extractor query out/archive.sqlite meetings --pairs country --csv",
        "extractor query out/archive.sqlite person Jokowi --json",
        'extractor query out/archive.sqlite timeline "Retno Marsudi"',
        "extractor report",
        "extractor show FILE --html OUT.html",
        "python -m pytest -m heavy",
        "python benchmarks/archive_scale.py /work/runs/indosum-all.jsonl --raw ../shared/data/indosum/articles.jsonl",
        "python benchmarks/busy_machine.py --n 48 --json",
        "python benchmarks/growth.py --json",
        "python benchmarks/memory.py --json",
        "python benchmarks/ray_engine.py --n 1000 --workers 2 --json",
        "python benchmarks/report.py --records indosum-all.jsonl --raw ../shared/data/indosum/articles.jsonl --json",
        "extractor extract ../shared/data/indosum/articles.jsonl -o indosum-all.jsonl --jobs 2",
        "python benchmarks/stanza_speed.py --n 200 --threads 1 --scores --json",
        "python benchmarks/stanza_speed.py --processors tokenize --n 1000 --json",
        "python benchmarks/startup.py --runs 5 --json",
        "python benchmarks/startup.py --runs 5 --json --against /work/wt/base4/src",
        "python benchmarks/throughput.py --n 240 --jobs 2 --skip-in-process --defaults-only --json",
        "python benchmarks/throughput.py --n 240 --jobs 2 --skip-in-process --json",
        "python benchmarks/throughput.py --corpus ../shared/data/indosum/articles.jsonl --n 100 --threads 1 --json",
        "python benchmarks/replay.py --input ARTICLES.jsonl --baseline OLD.jsonl",
        "python scripts/score_parts.py data/annotations/test",
        "python scripts/score_parts.py data/annotations/tune",
        "python scripts/probe_officials.py data/probes/officials-2023-2025.jsonl",
        "python scripts/probe_officials.py data/probes/officials-unseen.jsonl",
        "python scripts/probe_event_attributes.py data/probes/event-attributes-dates.jsonl --verbose",
        "python scripts/probe_event_attributes.py data/probes/event-attributes-fresh.jsonl --verbose",
        "python scripts/probe_priority_areas.py",
        "python scripts/probe_events.py data/probes/events-unseen.jsonl",
        "extractor extract ARCHIVE-DOCS.jsonl -o OUT.jsonl",
        "python benchmarks/streaming_memory.py --sizes 1000 3000 --json",
        "python benchmarks/streaming_memory.py --sizes 1000 100000 --jobs 2 --json",
        "python benchmarks/own_time.py --n 400 --cache FILE",
    )
})


NAMES = {
    "extractor = extract_<type>", "extractor export", "extractor extract", "extractor extract|show|schema|evaluate|train",
    "extractor labelstudio export", "extractor labelstudio import", "extractor labelstudio …", "extractor train evaluate",
    "extractor train vectors|tokenizer|ner", "python -m extractor.evaluation.cli labelstudio …",
    "extractor evaluate", "extractor show",
}


def _blocks(language: str):
    for path in DOCUMENTS:
        for match in FENCE.finditer(path.read_text(encoding="utf-8")):
            if match.group(2) == language:
                yield path, "\n".join(line[len(match.group(1)):] for line in match.group(3).splitlines())


def _is_synopsis(line: str) -> bool:
    return "PATH..." in line or "{" in line or bool(re.search(r"[A-Z_]{3,}\b", line.split("#")[0]))


def shell_commands() -> tuple[set[str], list[str]]:
    """(commands, synopsis lines) of README.md and docs/*.md."""
    commands: set[str] = set()
    synopses: list[str] = []
    for language in ("", "sh", "bash"):
        for _, block in _blocks(language):
            for line in block.splitlines():
                line = line.split("  #")[0].strip()
                if not line.startswith(("extractor", "python")):
                    continue
                if _is_synopsis(line):
                    synopses.append(line)
                    continue
                commands.update(part.strip() for part in line.split("&&"))
    for path in DOCUMENTS:
        for match in INLINE.finditer(path.read_text(encoding="utf-8")):
            commands.update(" ".join(part.split()) for part in match.group(1).split("&&"))
    return commands, synopses


def test_every_documented_command_is_run_or_listed_for_a_hand_check():
    commands, _ = shell_commands()
    unclassified = commands - RUN - set(BY_HAND) - NAMES
    assert not unclassified, f"add these documented commands to RUN (and run them) or BY_HAND: {sorted(unclassified)}"
    assert not (RUN | set(BY_HAND)) - commands - {"extractor --version"}, "a listed command is no longer documented"


def test_synopsis_options_exist(capsys):
    _, synopses = shell_commands()
    assert any(line.startswith("extractor extract PATH") for line in synopses)
    for line in synopses:
        words = line.split()
        if words[0] != "extractor" or any("{" in word for word in words[1:4]):
            continue  # a family of subcommands: each has its own --help
        command = []
        for word in words[1:]:
            if not re.fullmatch(r"[a-z]+", word):
                break
            command.append(word)
        rest = words[1 + len(command):]
        if len(rest) > 1 and re.fullmatch(r"[a-z]+", rest[1]):
            continue  # a subcommand after a positional (`query ARCHIVE.sqlite meetings`): its own --help
        assert cli.main([*command, "--help"]) == 0
        helptext = capsys.readouterr().out
        for option in re.findall(r"(--[a-z][a-z-]*|-o\b|-q\b)", line):
            assert option in helptext, f"{line}: {option} is not an option of `extractor {' '.join(command)}`"


def test_python_version_agrees_with_requires_python():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+; a 3.10 run skips this check

    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    minimum = re.fullmatch(r">=\s*(3\.\d+)", requires).group(1)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stated = set(re.findall(r"Python (3\.\d+) or newer", readme))
    assert stated == {minimum}, f"README says Python {stated}, pyproject requires {requires}"
    assert f'`requires-python = "{requires}"`' in readme


def test_readme_python_blocks_run(capsys):
    seeds = sorted(RAW_DIR.glob("*.txt"))
    text = next(path.read_text(encoding="utf-8") for path in seeds if "Retno" in path.read_text(encoding="utf-8"))
    articles = [{"id": path.stem, "text": path.read_text(encoding="utf-8"), "published": "2017-08-09"} for path in seeds]
    blocks = [block for path, block in _blocks("python") if path.name == "README.md"]
    assert blocks
    for block in blocks:
        namespace = {"text": text, "articles": articles}
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Retno" in printed  # the officials loop printed the seed article's officials


@pytest.fixture()
def sandbox(tmp_path: Path, monkeypatch) -> Path:
    """A working folder like the checkout: a copy of data/, ../shared beside it."""
    work = tmp_path / "work"
    shutil.copytree(REPO / "data", work / "data")
    if SHARED_DATA.exists():
        (tmp_path / "shared").mkdir()
        (tmp_path / "shared" / "data").symlink_to(SHARED_DATA)
    monkeypatch.chdir(work)
    return work


def _run(command: str) -> int:
    words = shlex.split(command)
    assert words[0] == "extractor"
    if ">" in words:
        target = words[words.index(">") + 1]
        words = words[: words.index(">")]
        with open(target, "w", encoding="utf-8") as handle, contextlib.redirect_stdout(handle):
            return cli.main(words[1:])
    return cli.main(words[1:])


def test_documented_commands_run(sandbox: Path, capsys):
    assert _run("extractor extract data/raw -o out/records.jsonl") == 0
    assert len((sandbox / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()) == len(list(RAW_DIR.glob("*.txt")))
    assert _run("extractor extract --help") == 0 and _run("extractor --version") == 0
    assert _run("extractor labelstudio config") == 0 and _run("extractor schema") == 0
    # docs/labelstudio.md, in order; Label Studio's export of the annotated tasks is made here by
    # exporting the predictions as submitted annotations
    assert _run("extractor extract data/raw > pred.jsonl") == 0
    assert _run("extractor labelstudio export pred.jsonl --raw data/raw -o tasks.json") == 0
    assert cli.main(["labelstudio", "export", "pred.jsonl", "--raw", "data/raw", "-o", "export.json", "--as-annotations"]) == 0
    seed_gold = [sandbox / "data" / "annotations" / f"{path.stem}.json" for path in RAW_DIR.glob("*.txt")]
    kept = {path: path.read_bytes() for path in seed_gold}
    for path in seed_gold:
        path.unlink()  # importing new annotations: no gold for them yet
    assert _run("extractor labelstudio import export.json --raw data/raw -o data/annotations") == 0
    assert all(path.exists() for path in seed_gold)
    for path, content in kept.items():
        path.write_bytes(content)
    capsys.readouterr()
    if not SHARED_DATA.exists():
        pytest.skip("the evaluate commands need ../shared/data")
    assert _run("extractor evaluate data/annotations --raw data/raw --raw ../shared/data/indosum/articles.jsonl") == 0
    assert _run("extractor evaluate data/annotations/heldout --raw ../shared/data/indosum/articles.jsonl") == 0
    assert _run(
        "extractor labelstudio export data/annotations --raw data/raw --raw ../shared/data/indosum/articles.jsonl "
        "-o tasks.json --as-annotations"
    ) == 0
    assert "warning" not in capsys.readouterr().err
