"""The Ray engine against ``--jobs``, its start-up, and a simulated 2-node cluster.

    python benchmarks/ray_engine.py [--n 1000] [--workers 2] [--rounds 1] [--skip-cluster] [--json]

Runs ``extractor extract`` as a subprocess on the first N IndoSum articles, alternating the
engines round by round so that load on a shared machine hits both alike:

- ``--jobs W`` (the default engine's worker processes) and ``--engine ray --workers W``
  (a local Ray started by the command): wall-clock seconds, articles/s, and the ratio;
- start-up: seconds from process start to the first record line on stdout, for each engine
  (models loading in every worker, plus starting Ray for the Ray engine), and its split
  (``start_up_split_s``, from when each kind of process first appeared): for the Ray engine
  the cluster's start (``gcs_server``: the command's imports done, ``ray.init`` begun), the
  raylet's start (after the GCS and the dashboard's API server are up), the cluster ready (the first Ray worker process, which the raylet starts once the driver has
  connected: ``ray.init`` about done), the actors' class loaded (``ray::MapWorker``: the models
  loading), then the first record; for ``--jobs`` the workers started, then the first record;
- CPU seconds of each run, all its processes together (on Linux: sampled from /proc every 0.2 s
  over the command's process tree, Ray's daemons and workers included, since Ray's workers are
  not reaped by the command), and the load average before each run: on a shared machine, wall
  seconds alone say little;
- where each run's CPU goes (``cpu_s_by_part``: the command's own process, the extraction
  workers, Ray's other workers such as Ray Data's helper actors and the read task's worker, and
  Ray's daemons; ``cpu_s_by_process``: by process kind), and when each kind of process first
  appeared (``process_first_seen_s``: the cluster's daemons, the actors, the read worker);
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


def process_part(root: int, pid: int, command: str) -> str:
    """Which part of a run a process is: the command itself, an extraction worker (``--jobs``
    worker or Ray Data actor), another Ray worker (Ray Data's helper actors, the read task's
    worker, idle workers), a Ray daemon, or something else."""
    if pid == root:
        return "driver"
    if "spawn_main" in command or command.startswith("ray::MapWorker"):
        return "extraction_workers"
    if command.startswith("ray::") and not command.startswith(("ray::DashboardAgent", "ray::RuntimeEnvAgent")):
        return "other_ray_workers"
    if "ray" in command:
        return "ray_daemons"
    return "other"


class TreeCPU:
    """CPU seconds of a process and all its descendants, sampled from /proc (Linux): Ray's
    workers outlive their raylet's reaping, so ``RUSAGE_CHILDREN`` misses most of them. Also
    the CPU seconds of each part of the run (:func:`process_part`) and when each part's first
    process appeared."""

    TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, pid: int):
        self.pid = pid
        self.started = time.perf_counter()
        self.seconds: dict[int, float] = {}  # pid -> CPU seconds at its last sample
        self.commands: dict[int, str] = {}  # pid -> its command line at its last sample
        self.first_seen: dict[str, float] = {}  # part or Ray process kind -> seconds after start
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

    def by_part(self) -> dict[str, float]:
        parts: dict[str, float] = {}
        for pid, seconds in self.seconds.items():
            part = process_part(self.pid, pid, self.commands.get(pid, ""))
            parts[part] = round(parts.get(part, 0.0) + seconds, 2)
        return dict(sorted(parts.items(), key=lambda item: -item[1]))

    def by_process(self) -> dict[str, float]:
        """CPU seconds by process kind (the command's program or Ray process title)."""
        kinds: dict[str, float] = {}
        for pid, seconds in self.seconds.items():
            kind = "driver" if pid == self.pid else _process_kind(self.commands.get(pid, ""))
            kinds[kind] = round(kinds.get(kind, 0.0) + seconds, 2)
        return dict(sorted(kinds.items(), key=lambda item: -item[1]))

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
        now = round(time.perf_counter() - self.started, 2)
        stack = [self.pid]
        while stack:
            pid = stack.pop()
            if pid in cpu:
                self.seconds[pid] = cpu[pid]
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as handle:
                        command = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
                except OSError:
                    command = ""
                if command:  # a Ray worker retitles itself (ray::IDLE, then its actor's class)
                    self.commands[pid] = command
                    self.first_seen.setdefault(_process_kind(command), now)
            stack.extend(parents.get(pid, []))


def _process_kind(command: str) -> str:
    if command.startswith("ray::"):
        return command.split("(")[0].split()[0]
    words = command.split()
    if not words:
        return "?"
    if not os.path.basename(words[0]).startswith("python"):
        return os.path.basename(words[0])  # a program of its own (gcs_server, raylet), whatever its arguments name
    program = next((os.path.basename(word) for word in words if word.endswith(".py")), None)
    return program or ("jobs worker" if "spawn_main" in command else "python")


# Kinds of process whose first appearance marks a step of the start-up (see start_up_split).
START_UP_STEPS = {
    "jobs": (("workers_started", ("jobs worker",)),),
    "ray": (("cluster_start", ("gcs_server",)),
            ("raylet_start", ("raylet",)),
            ("cluster_ready", ("default_worker.py", "ray::IDLE")),
            ("actors_loaded", ("ray::MapWorker",))),
}


def start_up_split(engine: str, first_seen: dict[str, float], first_record: float) -> dict[str, float]:
    """Seconds after the command's start at which each step of its start-up was first seen
    (the /proc sampling: within 0.2 s), and the first record line."""
    split = {}
    for step, kinds in START_UP_STEPS[engine]:
        seen = [first_seen[kind] for kind in kinds if kind in first_seen]
        if seen:
            split[step] = min(seen)
    split["first_record"] = round(first_record, 2)
    return split


def timed(args: list[str], env: dict | None = None) -> tuple[float, float, bytes, TreeCPU]:
    """(wall seconds, seconds to the first stdout line, stdout, CPU sampler) of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    with TreeCPU(process.pid) as tree:
        first = process.stdout.readline()
        first_at = time.perf_counter() - started
        rest = process.stdout.read()
        if process.wait() != 0:
            raise SystemExit(f"failed: {' '.join(args)}")
    return time.perf_counter() - started, first_at, first + rest, tree


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
                wall, first, out, tree = timed(command(source, *options), env)
                runs[engine].append({"wall_s": round(wall, 2), "first_record_s": round(first, 2),
                                     "start_up_split_s": start_up_split(engine, tree.first_seen, first),
                                     "cpu_s": tree.total(),
                                     "load_average_before": load, "cpu_s_by_part": tree.by_part(),
                                     "cpu_s_by_process": tree.by_process(),
                                     "process_first_seen_s": dict(sorted(tree.first_seen.items(), key=lambda kv: kv[1]))})
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
        for number, run in enumerate(r["runs"], 1):
            split = ", ".join(f"{step} {seconds:.1f}" for step, seconds in run["start_up_split_s"].items())
            parts = ", ".join(f"{part} {seconds:.1f}" for part, seconds in run["cpu_s_by_part"].items())
            print(f"    run {number} (load {run['load_average_before']:.1f}): {run['wall_s']:.1f} s, {run['cpu_s']} CPU s;"
                  f" start-up (s after start): {split}")
            print(f"      CPU s by part: {parts}")
    print(f"  ray / jobs throughput: {report['ray_vs_jobs']:.3f}; same bytes: {report['same_output']}")
    if "simulated_cluster_same_output" in report:
        print(f"  simulated 2-node cluster (--address): same bytes as --jobs: {report['simulated_cluster_same_output']}")


if __name__ == "__main__":
    main()
