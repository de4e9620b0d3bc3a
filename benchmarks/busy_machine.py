"""The default settings on an idle machine and next to a CPU-bound busy loop, side by side.

    python benchmarks/busy_machine.py [--n 64] [--busy 1] [--json]

Runs ``extractor extract`` (a fresh process, default settings: ``--jobs 1``, 1 torch thread,
OMP_WAIT_POLICY=PASSIVE set by the package) on the first N IndoSum articles, alternately alone and
with ``--busy`` competing processes (``while True: pass``) that the benchmark starts and stops
itself. For comparison the same with ``--threads 2`` (2 torch threads, sleeping while they wait)
and, to show what the wait policy prevents, ``--threads 2`` with ``OMP_WAIT_POLICY=ACTIVE``
(spinning OpenMP threads). Reports wall and CPU seconds, the load average at the start of each
run and the busy/idle ratio of each setting (the limit for the defaults: 1.5). "Idle" means
without the benchmark's busy loops: on a shared machine, say what else ran (the load average).
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
    "threads_2": (["--threads", "2"], {}),
    "threads_2_spinning": (["--threads", "2"], {"OMP_WAIT_POLICY": "ACTIVE"}),
}


def run(corpus: Path, out: Path, extra: list[str], environment: dict[str, str], timeout: float) -> tuple[float, float, float]:
    """Wall seconds (inf past ``timeout``), CPU seconds and the 1-minute load average at the start."""
    env = {**os.environ, **environment}
    command = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "-o", str(out), *extra]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            process.wait()
            return float("inf"), float("nan"), load
        time.sleep(0.05)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, load


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
            idle, idle_cpu, idle_load = run(corpus, Path(tmp) / f"{name}-idle.jsonl", extra, environment, args.timeout)
            loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
            try:
                busy, busy_cpu, busy_load = run(corpus, Path(tmp) / f"{name}-busy.jsonl", extra, environment, args.timeout)
            finally:
                for loop in loops:
                    loop.kill()
                    loop.wait()
            same = (Path(tmp) / f"{name}-idle.jsonl").read_bytes() == (Path(tmp) / f"{name}-busy.jsonl").read_bytes() \
                if busy != float("inf") else None
            report[name] = {"idle_s": round(idle, 2), "busy_s": round(busy, 2), "busy_over_idle": round(busy / idle, 3),
                            "idle_cpu_s": round(idle_cpu, 2), "busy_cpu_s": round(busy_cpu, 2),
                            "load_1min_at_start": {"idle": round(idle_load, 2), "busy": round(busy_load, 2)},
                            "identical_output": same}
    report["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.n} articles, {args.busy} busy loop(s), {report['cores']} cores, load average {report['load_average'][0]:.1f}")
        for name in args.settings:
            row = report[name]
            print(f"  {name:18s} idle {row['idle_s']:7.1f} s (CPU {row['idle_cpu_s']} s)  busy {row['busy_s']:7.1f} s "
                  f"(CPU {row['busy_cpu_s']} s)  ratio {row['busy_over_idle']}  load {row['load_1min_at_start']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
