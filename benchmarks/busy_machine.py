"""The default settings on an idle machine and next to a CPU-bound busy loop, side by side.

    python benchmarks/busy_machine.py [--n 64] [--busy 1] [--json]

Runs ``extractor extract`` (a fresh process, default settings: ``--jobs 1``, torch threads =
cores, OMP_WAIT_POLICY=PASSIVE set by the package) on the first N IndoSum articles, alternately
alone and with ``--busy`` competing processes (``while True: pass``) that the benchmark starts and
stops itself. For comparison the same with ``--threads 1`` and, to show what the wait policy
prevents, with ``OMP_WAIT_POLICY=ACTIVE`` (spinning OpenMP threads). Reports wall seconds and the
busy/idle ratio of each setting (the limit for the defaults: 1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS  # noqa: E402

SETTINGS = {
    "defaults": ([], {}),
    "threads_1": (["--threads", "1"], {}),
    "spinning_threads": ([], {"OMP_WAIT_POLICY": "ACTIVE"}),
}


def run(corpus: Path, out: Path, extra: list[str], environment: dict[str, str], timeout: float) -> float:
    env = {**os.environ, **environment}
    command = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "-o", str(out), *extra]
    started = time.perf_counter()
    try:
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=64)
    parser.add_argument("--busy", type=int, default=1, help="competing busy-loop processes (default 1)")
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    parser.add_argument("--timeout", type=float, default=600, help="give up on one run after this many seconds")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    report: dict = {"n": args.n, "busy_processes": args.busy, "cores": os.cpu_count(), "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        with open(args.corpus, encoding="utf-8") as handle:
            corpus.write_text("".join(islice(handle, args.n)), encoding="utf-8")
        for name in args.settings:
            extra, environment = SETTINGS[name]
            idle = run(corpus, Path(tmp) / f"{name}-idle.jsonl", extra, environment, args.timeout)
            loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
            try:
                busy = run(corpus, Path(tmp) / f"{name}-busy.jsonl", extra, environment, args.timeout)
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
            same = (Path(tmp) / f"{name}-idle.jsonl").read_bytes() == (Path(tmp) / f"{name}-busy.jsonl").read_bytes() \
                if busy != float("inf") else None
            report[name] = {"idle_s": round(idle, 2), "busy_s": round(busy, 2), "busy_over_idle": round(busy / idle, 3),
                            "identical_output": same}
    report["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.n} articles, {args.busy} busy loop(s), {report['cores']} cores, load average {report['load_average'][0]:.1f}")
        for name in args.settings:
            row = report[name]
            print(f"  {name:18s} idle {row['idle_s']:7.1f} s  busy {row['busy_s']:7.1f} s  ratio {row['busy_over_idle']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
