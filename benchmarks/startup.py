"""Start-up: seconds from process start to the first article extracted, and where they go.

    python benchmarks/startup.py [--runs 5] [--json] [--against OTHER/src]

Each run is a fresh process. ``cli``: ``python -m extractor.cli extract ONE.jsonl -o OUT`` on the
first IndoSum article; ``first_article_s`` is the time until OUT appears (written atomically once
the article is extracted), ``exit_s`` until the process has exited, ``cpu_s`` the process's CPU seconds (user + system: on
a loaded machine, what the wall time would be on an idle one, less waiting for the disk). ``split``: a fresh process
that times each phase in order as the command runs them (the interpreter's start from the launch,
imports, model loading, stages, the article, which loads the lexicons and matchers it needs: the
command runs no warm-up text, then the interpreter's exit), in wall and in CPU seconds. Medians over ``--runs`` runs, with the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS  # noqa: E402

PHASES = r"""
import json, sys, time
marks, cpu = {}, {}
last, last_cpu = time.perf_counter(), time.process_time()
marks["python_start"] = round(time.time() - float(sys.argv[2]), 3)  # interpreter and site, from the launch
cpu["python_start"] = round(last_cpu, 3)
def mark(phase):
    global last, last_cpu
    now, now_cpu = time.perf_counter(), time.process_time()
    marks[phase], cpu[phase] = round(now - last, 3), round(now_cpu - last_cpu, 3)
    last, last_cpu = now, now_cpu
import extractor.cli
mark("import_cli")
from extractor.core import Extractor
from extractor.nlp.lean_imports import import_torch
from extractor.nlp.stanza_models import import_stanza, stanza_pipeline
import_torch()  # as the command imports it (extractor.nlp.lean_imports)
mark("import_torch")
import_stanza()
mark("import_stanza")
stanza_pipeline()
mark("load_models")
extractor = Extractor(warm_up=False, torch_threads=1)  # as `extractor extract` builds it
mark("import_spacy_and_stages")
article = json.loads(open(sys.argv[1], encoding="utf-8").readline())
extractor.extract(article["text"], doc_id=article["id"])
mark("first_article")  # with the resources it is the first to need (no warm-up text)
marks["cpu_s"] = round(time.process_time(), 3)
print(json.dumps({"wall": marks, "cpu": cpu}), flush=True)
"""


def cli_run(article: Path, folder: Path, index: int, source: Optional[Path] = None) -> dict:
    out = folder / f"out-{index}-{'against' if source else 'this'}.jsonl"
    command = [sys.executable, "-m", "extractor.cli", "extract", str(article), "-o", str(out)]
    env = {**os.environ, "PYTHONPATH": str(source)} if source else None
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    first = None
    while process.poll() is None:
        if first is None and out.exists():
            first = time.perf_counter() - started
        time.sleep(0.005)
    exit_s = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # CPU seconds of the whole process: what the wall time comes to when nothing else runs.
    return {"first_article_s": first if first is not None else exit_s, "exit_s": exit_s, "cpu_s": cpu_s, "load_1min": load}


def split_run(article: Path) -> dict:
    """Wall and CPU seconds per phase; ``exit`` is the wall time from the last phase to the process's
    exit (the interpreter's teardown)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PHASES, str(article), repr(time.time())],
                            capture_output=True, text=True, check=True)
    ended = time.perf_counter()
    split = json.loads(result.stdout.strip().splitlines()[-1])
    phases = sum(value for phase, value in split["wall"].items() if phase != "cpu_s")
    split["wall"]["exit"] = round(max(0.0, ended - started - phases), 3)
    return split


def imports_of(arguments: list[str]) -> list[str]:
    """Heavy modules loaded by `extractor ARGUMENTS` (run in-process in a fresh interpreter)."""
    code = ("import io, contextlib, sys\nfrom extractor.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main({arguments!r})\n"
            "print(' '.join(m for m in ('torch', 'stanza', 'spacy', 'dateparser') if m in sys.modules))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--against", type=Path, metavar="SRC",
                        help="also time the command from another source tree (its src/ folder: PYTHONPATH), "
                             "run for run alternately with this one")
    args = parser.parse_args(argv)

    report: dict = {"load_average": os.getloadavg(), "runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = folder / "one.jsonl"
        with open(args.corpus, encoding="utf-8") as handle:
            article.write_text("".join(islice(handle, 1)), encoding="utf-8")
        cli, against = [], []
        for index in range(args.runs):
            cli.append(cli_run(article, folder, index))
            if args.against:
                against.append(cli_run(article, folder, index, args.against.resolve()))
        splits = [split_run(article) for _ in range(args.runs)]
    report["cli_median"] = {key: round(statistics.median(run[key] for run in cli), 2) for key in cli[0]}
    report["cli_runs"] = [{key: round(value, 2) for key, value in run.items()} for run in cli]
    if against:
        report["against"] = str(args.against)
        report["against_median"] = {key: round(statistics.median(run[key] for run in against), 2) for key in against[0]}
        report["against_runs"] = [{key: round(value, 2) for key, value in run.items()} for run in against]
    report["split_median_s"] = {phase: round(statistics.median(s["wall"][phase] for s in splits), 2) for phase in splits[0]["wall"]}
    report["split_cpu_median_s"] = {phase: round(statistics.median(s["cpu"][phase] for s in splits), 2) for phase in splits[0]["cpu"]}
    report["split_total_s"] = round(sum(v for k, v in report["split_median_s"].items() if k not in ("cpu_s", "exit")), 2)
    report["heavy_imports"] = {" ".join(a): imports_of(a) for a in (["--help"], ["schema"])}
    report["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"load average {report['load_average'][0]:.1f}; median of {args.runs} fresh processes")
        print(f"  extractor extract ONE.jsonl: first article {report['cli_median']['first_article_s']} s, "
              f"exit {report['cli_median']['exit_s']} s, CPU {report['cli_median']['cpu_s']} s")
        if against:
            print(f"  the same from {args.against}: first article {report['against_median']['first_article_s']} s, "
                  f"exit {report['against_median']['exit_s']} s, CPU {report['against_median']['cpu_s']} s")
        print(f"  split: {report['split_median_s']} (sum to the first article {report['split_total_s']} s)")
        print(f"  split, CPU seconds: {report['split_cpu_median_s']}")
        print(f"  heavy modules imported: {report['heavy_imports']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
