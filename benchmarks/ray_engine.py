"""The Ray engine against ``--jobs``, its start-up, and a simulated 2-node cluster.

    python benchmarks/ray_engine.py [--n 1000] [--workers 2] [--rounds 1] [--skip-cluster] [--json]

Runs ``extractor extract`` as a subprocess on the first N IndoSum articles, alternating the
engines round by round so that load on a shared machine hits both alike:

- ``--jobs W`` (the default engine's worker processes) and ``--engine ray --workers W``
  (a local Ray started by the command): wall-clock seconds, articles/s, and the ratio;
- start-up: seconds from process start to the first record line on stdout, for each engine
  (models loading in every worker, plus starting Ray for the Ray engine);
- CPU seconds of each run, all its processes together (on Linux: sampled from /proc every 0.2 s
  over the command's process tree, Ray's daemons and workers included, since Ray's workers are
  not reaped by the command), and the load average before each run: on a shared machine, wall
  seconds alone say little;
- a simulated 2-node cluster (``ray.cluster_utils.Cluster``: a head node and a second node of
  one CPU each, two raylets on this machine), joined with ``--address``: its output must be the
  same bytes as ``--jobs 1``'s.

Needs the ray extra (``pip install -e '.[ray]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "indosum" / "articles.jsonl"


def write_inputs(path: Path, n: int) -> Path:
    with open(CORPUS, encoding="utf-8") as source, open(path, "w", encoding="utf-8") as target:
        for line in islice(source, n):
            row = json.loads(line)
            target.write(json.dumps({k: row.get(k) for k in ("id", "text", "published")}, ensure_ascii=False) + "\n")
    return path


def command(source: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "extractor.cli", "extract", str(source), *options]


class TreeCPU:
    """CPU seconds of a process and all its descendants, sampled from /proc (Linux): Ray's
    workers outlive their raylet's reaping, so ``RUSAGE_CHILDREN`` misses most of them."""

    TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, pid: int):
        self.pid = pid
        self.seconds: dict[int, float] = {}  # pid -> CPU seconds at its last sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeCPU":
        if os.path.isdir("/proc"):
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def total(self) -> float | None:
        return round(sum(self.seconds.values()), 2) if self.seconds else None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.2)

    def _sample(self) -> None:
        parents: dict[int, list[int]] = {}
        cpu: dict[int, float] = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rpartition(")")[2].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(name))
            cpu[int(name)] = (int(fields[11]) + int(fields[12])) / self.TICKS
        stack = [self.pid]
        while stack:
            pid = stack.pop()
            if pid in cpu:
                self.seconds[pid] = cpu[pid]
            stack.extend(parents.get(pid, []))


def timed(args: list[str], env: dict | None = None) -> tuple[float, float, bytes, float | None]:
    """(wall seconds, seconds to the first stdout line, stdout, CPU seconds) of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    with TreeCPU(process.pid) as tree:
        first = process.stdout.readline()
        first_at = time.perf_counter() - started
        rest = process.stdout.read()
        if process.wait() != 0:
            raise SystemExit(f"failed: {' '.join(args)}")
    return time.perf_counter() - started, first_at, first + rest, tree.total()


def simulated_cluster_output(source: Path, workers: int) -> bytes:
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    try:
        for _ in range(workers - 1):
            cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
        _, _, out, _ = timed(command(source, "--engine", "ray", "--address", cluster.address, "--workers", str(workers)))
        return out
    finally:
        cluster.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--skip-cluster", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    report: dict = {"n": args.n, "workers": args.workers, "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as folder:
        source = write_inputs(Path(folder) / "in.jsonl", args.n)
        runs: dict[str, list] = {"jobs": [], "ray": []}
        outputs: dict[str, bytes] = {}
        for round_ in range(args.rounds):
            order = ("jobs", "ray") if round_ % 2 == 0 else ("ray", "jobs")
            for engine in order:
                options = ("--jobs", str(args.workers)) if engine == "jobs" else ("--engine", "ray", "--workers", str(args.workers))
                load = round(os.getloadavg()[0], 2)
                wall, first, out, cpu = timed(command(source, *options), env)
                runs[engine].append({"wall_s": round(wall, 2), "first_record_s": round(first, 2), "cpu_s": cpu,
                                     "load_average_before": load})
                outputs[engine] = out
        for engine, items in runs.items():
            wall = min(item["wall_s"] for item in items)
            cpu = [item["cpu_s"] for item in items if item["cpu_s"] is not None]
            report[engine] = {"runs": items, "best_wall_s": wall, "articles_per_s": round(args.n / wall, 3),
                              "start_up_s": min(item["first_record_s"] for item in items),
                              "least_cpu_s": min(cpu) if cpu else None}
        report["ray_vs_jobs"] = round(report["ray"]["articles_per_s"] / report["jobs"]["articles_per_s"], 3)
        if report["ray"]["least_cpu_s"] and report["jobs"]["least_cpu_s"]:
            report["ray_extra_cpu_s"] = round(report["ray"]["least_cpu_s"] - report["jobs"]["least_cpu_s"], 2)
        report["same_output"] = outputs["ray"] == outputs["jobs"]
        if not args.skip_cluster:
            cluster_out = simulated_cluster_output(source, args.workers)
            report["simulated_cluster_same_output"] = cluster_out == outputs["jobs"]
    report["load_average_at_end"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{args.n} articles, {args.workers} workers (load average at start {report['load_average_at_start'][0]:.1f})")
    for engine in ("jobs", "ray"):
        r = report[engine]
        label = f"--jobs {args.workers}" if engine == "jobs" else f"--engine ray --workers {args.workers}"
        cpu = f"  {r['least_cpu_s']:.1f} CPU s" if r["least_cpu_s"] is not None else ""
        print(f"  {label:<28} {r['best_wall_s']:8.1f} s  {r['articles_per_s']:6.2f} articles/s  first record after {r['start_up_s']:.1f} s{cpu}")
    print(f"  ray / jobs throughput: {report['ray_vs_jobs']:.3f}; same bytes: {report['same_output']}")
    if "simulated_cluster_same_output" in report:
        print(f"  simulated 2-node cluster (--address): same bytes as --jobs: {report['simulated_cluster_same_output']}")


if __name__ == "__main__":
    main()
