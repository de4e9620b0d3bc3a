"""Peak memory of the default engine as the input grows: it streams, so RSS stays flat.

    python benchmarks/streaming_memory.py [--sizes 1000 100000] [--jobs 1] [--json]

Generates N articles by repeating the IndoSum corpus with new ids (``<id>~<k>``), runs
``extractor extract`` on them as a subprocess (``-o`` to a file, so the output is written as it
goes) and reads the peak resident memory of the main process and of its worker processes
(``--jobs``) from ``/proc`` while it runs (polled every 0.2 s; ``ru_maxrss`` of the reaped
children as a floor). Reports each size's peak RSS and its ratio to the smallest size's; each
size's figures also go to stderr as soon as its run ends.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "indosum" / "articles.jsonl"


def generate(path: Path, n: int) -> Path:
    rows = [json.loads(line) for line in open(CORPUS, encoding="utf-8")]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            row = rows[i % len(rows)]
            doc_id = row["id"] if i < len(rows) else f"{row['id']}~{i // len(rows)}"
            handle.write(json.dumps({"id": doc_id, "text": row["text"], "published": row["published"]}, ensure_ascii=False) + "\n")
    return path


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def measure(source: Path, out: Path, jobs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "extract", str(source), "-o", str(out), "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    main_peak = worker_peak = 0
    while process.poll() is None:
        main_peak = max(main_peak, rss_kib(process.pid))
        for child in children(process.pid):
            worker_peak = max(worker_peak, rss_kib(child))
        time.sleep(0.2)
    floor = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "exit": process.returncode,
        "main_peak_mb": round(max(main_peak, floor if jobs == 1 else 0) / 1024, 1),
        "worker_peak_mb": round(worker_peak / 1024, 1) if jobs > 1 else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sorted(args.sizes):
            source = generate(Path(folder) / f"in{n}.jsonl", n)
            result = {"articles": n, **measure(source, Path(folder) / f"out{n}.jsonl", args.jobs)}
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)  # each size as it ends: long runs get cut short
            source.unlink()
    base = results[0]
    for result in results:
        result["main_vs_smallest"] = round(result["main_peak_mb"] / base["main_peak_mb"], 3)
        if result["worker_peak_mb"]:
            result["worker_vs_smallest"] = round(result["worker_peak_mb"] / base["worker_peak_mb"], 3)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        workers = f", workers {r['worker_peak_mb']} MB ({r.get('worker_vs_smallest')}x)" if r["worker_peak_mb"] else ""
        print(f"{r['articles']:>7} articles: main {r['main_peak_mb']} MB ({r['main_vs_smallest']}x){workers}, {r['seconds']} s, exit {r['exit']}")


if __name__ == "__main__":
    main()
