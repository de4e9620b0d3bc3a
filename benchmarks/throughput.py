"""Throughput of the extractor on the first N IndoSum articles, side by side with bare Stanza.

    python benchmarks/throughput.py [--n 200] [--batch-size 16] [--threads T] [--jobs 2] [--json]

In one process, batch by batch (interleaved, so that load on a shared machine hits both alike):
bare Stanza (tokenize + ner, the shipped pipeline, ``bulk_process``) and the full extractor on
the same batch, then serialising and writing its output. Reports articles/s, tokens/s, peak
resident memory, the extractor's time split (Stanza, matchers + normalisation, writing, and the
annotation components one by one) and its overhead over bare Stanza, by the clock and in CPU
seconds (``cpu``: steadier on a shared machine), with the load average. With ``--jobs N`` it also
runs the CLI end to end (``extractor extract --jobs``) as a subprocess for jobs 1 (torch threads
= cores), jobs 1 with 1 thread, and jobs N (cores // N threads each); a second run on a few
articles measures the fixed start-up cost (model loading), which the "steady" rate leaves out.
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
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "indosum" / "articles.jsonl"


def load_articles(corpus: Path, n: int) -> list:
    from extractor.document import Article
    from extractor.io.readers import read_file

    return list(islice((a for a in read_file(corpus) if isinstance(a, Article)), n))


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


class TimedComponents:
    """Stands in for the extractor's annotation pipeline (``Extractor.annotation``, read through
    its ``pipeline``) and adds each component's seconds to ``seconds[name]`` and its CPU seconds
    (this process) to ``cpu_seconds[name]``."""

    def __init__(self, nlp, seconds: dict, cpu_seconds: dict):
        self._timed = [(name, self._timer(name, process, seconds, cpu_seconds)) for name, process in nlp.pipeline]

    @staticmethod
    def _timer(name: str, process, seconds: dict, cpu_seconds: dict):
        def timed(doc):
            started, cpu_started = time.perf_counter(), time.process_time()
            doc = process(doc)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
            cpu_seconds[name] = cpu_seconds.get(name, 0.0) + time.process_time() - cpu_started
            return doc

        return timed

    @property
    def pipeline(self) -> list:
        return self._timed


def in_process(articles: list, batch_size: int, threads: int | None) -> dict:
    import stanza

    from extractor.core import Extractor, _batched, set_torch_threads
    from extractor.io.writers import atomic_writer, record_line
    from extractor.records import DocumentRecords

    set_torch_threads(threads)
    started = time.perf_counter()
    extractor = Extractor(batch_size=batch_size, torch_threads=threads)
    load_s = time.perf_counter() - started
    component_s: dict = {}
    component_cpu_s: dict = {}
    if hasattr(extractor, "annotation"):  # an older checkout (timed side by side) has no components
        extractor.annotation = TimedComponents(extractor.annotation, component_s, component_cpu_s)
    stanza_cpu = [0.0]  # CPU seconds of the Stanza step inside the extractor
    analyse = extractor._analyse

    def timed_analyse(articles):
        started = time.process_time()
        try:
            return analyse(articles)
        finally:
            stanza_cpu[0] += time.process_time() - started

    extractor._analyse = timed_analyse
    bare_s = write_s = bare_cpu_s = extractor_cpu_s = 0.0
    bare_tokens = 0
    with tempfile.TemporaryDirectory() as folder, atomic_writer(Path(folder) / "out.jsonl") as sink:
        for index, chunk in enumerate(_batched(articles, batch_size)):
            if index % 2:  # alternate which goes first, so that neither gains from a warm cache
                c0 = time.process_time()
                results = extractor.process_chunk(chunk)
                extractor_cpu_s += time.process_time() - c0
            texts = [a.text for a in chunk if a.text.strip()]
            t0, c0 = time.perf_counter(), time.process_time()
            analysed = extractor.nlp.bulk_process([stanza.Document([], text=t) for t in texts])
            bare_s += time.perf_counter() - t0
            bare_cpu_s += time.process_time() - c0
            bare_tokens += sum(len(s.tokens) for d in analysed for s in d.sentences)
            if not index % 2:
                c0 = time.process_time()
                results = extractor.process_chunk(chunk)
                extractor_cpu_s += time.process_time() - c0
            for result in results:
                if not isinstance(result, DocumentRecords):
                    raise RuntimeError(f"extraction failed: {result}")
                t0 = time.perf_counter()
                sink.write(record_line(result))
                write_s += time.perf_counter() - t0
    timings = extractor.timings
    total_s = timings.stanza + timings.extraction + write_s
    import torch

    return {
        "articles": len(articles),
        "batch_size": batch_size,
        "torch_threads": torch.get_num_threads(),
        "model_load_s": round(load_s, 2),
        "tokens": timings.tokens,
        "characters": timings.characters,
        "bare_stanza": {
            "seconds": round(bare_s, 3),
            "articles_per_s": round(len(articles) / bare_s, 3),
            "tokens_per_s": round(bare_tokens / bare_s, 1),
        },
        "extractor": {
            "seconds": round(total_s, 3),
            "articles_per_s": round(len(articles) / total_s, 3),
            "tokens_per_s": round(timings.tokens / total_s, 1),
            "stanza_s": round(timings.stanza, 3),
            "matchers_normalisation_s": round(timings.extraction, 3),
            "write_s": round(write_s, 3),
            "per_phase_s": {phase: round(value, 3) for phase, value in sorted(timings.seconds.items())},
            # The ``components`` phase split by component, slowest first.
            "per_component_s": {name: round(value, 3) for name, value in sorted(component_s.items(), key=lambda kv: -kv[1])},
            "per_component_cpu_s": {
                name: round(value, 3) for name, value in sorted(component_cpu_s.items(), key=lambda kv: -kv[1])
            },
        },
        # CPU seconds of this process (all its threads) on the same batches: bare Stanza, the
        # extractor's ``process_chunk`` (without writing), its Stanza step, and the rest (its own
        # work), whose ratio to bare Stanza is the overhead in CPU terms.
        "cpu": {
            "bare_stanza_s": round(bare_cpu_s, 3),
            "extractor_s": round(extractor_cpu_s, 3),
            "stanza_in_extractor_s": round(stanza_cpu[0], 3),
            "own_s": round(extractor_cpu_s - stanza_cpu[0], 3),
            "overhead_vs_bare_stanza": round((extractor_cpu_s - stanza_cpu[0]) / bare_cpu_s, 4) if bare_cpu_s else None,
        },
        "load_average": [round(value, 2) for value in os.getloadavg()],
        # The extractor's own work (everything but Stanza) relative to bare Stanza on the same texts.
        "overhead_vs_bare_stanza": round((timings.extraction + write_s) / bare_s, 4),
        "stanza_inside_extractor_vs_bare": round(timings.stanza / bare_s, 4),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def run_cli(corpus: Path, jobs: int, threads: int | None, batch_size: int, folder: Path, tag: str) -> dict:
    out = folder / f"out-{tag}.jsonl"
    stats = folder / f"stats-{tag}.json"
    command = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "-o", str(out),
               "--jobs", str(jobs), "--batch-size", str(batch_size), "--stats", str(stats)]
    if threads:
        command += ["--threads", str(threads)]
    log = folder / f"stderr-{tag}.txt"
    load = os.getloadavg()[0]
    with open(log, "wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{log.read_text(encoding='utf-8', errors='replace')}")
    summary = json.loads(stats.read_text(encoding="utf-8"))
    # wait4's ru_maxrss: the largest resident set of the CLI process and its reaped workers.
    # CPU seconds of the CLI and its workers (wait4 counts the children a process has reaped).
    return {"wall_s": wall, "articles": summary["articles"], "peak_rss_mb": usage.ru_maxrss / 1024,
            "output": out, "timings": summary["timings"], "cpu_s": usage.ru_utime + usage.ru_stime, "load_1min": load}


def parallel(articles_path: Path, n: int, jobs: int, batch_size: int, defaults_only: bool = False) -> dict:
    from extractor.core import available_cores, worker_threads

    cores = available_cores()
    # Threads are explicit: an OMP_NUM_THREADS in the environment must not decide torch's default.
    configs = [("jobs1", 1, cores), ("jobs1_threads1", 1, 1), (f"jobs{jobs}", jobs, worker_threads(jobs))]
    if defaults_only:  # `--jobs 1` as it runs by default (1 thread) and `--jobs N`
        configs = configs[1:]
    results: dict = {"cores": cores}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full, tiny = folder / "full.jsonl", folder / "tiny.jsonl"
        with open(articles_path, encoding="utf-8") as handle:
            lines = list(islice(handle, n))
        full.write_text("".join(lines), encoding="utf-8")
        outputs = {}
        for tag, job_count, threads in configs:
            tiny_n = job_count * batch_size  # one batch per worker: every worker starts
            tiny.write_text("".join(lines[:tiny_n]), encoding="utf-8")
            start_up = run_cli(tiny, job_count, threads, batch_size, folder, tag + "-tiny")
            run = run_cli(full, job_count, threads, batch_size, folder, tag)
            steady_s = run["wall_s"] - start_up["wall_s"]
            results[tag] = {
                "jobs": job_count,
                "torch_threads_per_process": threads,
                "articles": run["articles"],
                "wall_s": round(run["wall_s"], 2),
                "articles_per_s": round(run["articles"] / run["wall_s"], 3),
                "cpu_s": round(run["cpu_s"], 2),
                "load_1min_at_start": round(run["load_1min"], 2),
                "small_run_wall_s": round(start_up["wall_s"], 2),
                "small_run_cpu_s": round(start_up["cpu_s"], 2),
                "small_run_articles": start_up["articles"],
                "steady_articles_per_s": round((run["articles"] - start_up["articles"]) / steady_s, 3) if steady_s > 0 else None,
                "peak_rss_mb_largest_process": round(run["peak_rss_mb"], 1),
            }
            outputs[tag] = run["output"].read_bytes()
        for base_tag in ("jobs1", "jobs1_threads1"):
            base = results.get(base_tag)
            if base is None:
                continue
            suffix = "" if base_tag == "jobs1" else "_threads1"  # vs the default `--jobs 1` (1 thread)
            for tag, _, _ in configs:
                if tag in ("jobs1", base_tag):
                    continue
                results[tag][f"speedup_vs_jobs1{suffix}"] = round(results[tag]["articles_per_s"] / base["articles_per_s"], 3)
                if base["steady_articles_per_s"] and results[tag]["steady_articles_per_s"]:
                    results[tag][f"steady_speedup_vs_jobs1{suffix}"] = round(
                        results[tag]["steady_articles_per_s"] / base["steady_articles_per_s"], 3
                    )
        results["identical_output"] = len(set(outputs.values())) == 1
        if not results["identical_output"]:
            first = configs[0][0]
            reference = outputs[first].splitlines()
            results["differing_doc_ids"] = {
                tag: [json.loads(a)["doc_id"] for a, b in zip(reference, output.splitlines()) if a != b]
                for tag, output in outputs.items()
                if output != outputs[first]
            }
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="IndoSum articles.jsonl")
    parser.add_argument("--n", type=int, default=200, help="first N articles (default 200)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None, help="torch threads in-process (default: all cores)")
    parser.add_argument("--jobs", type=int, default=None, help="also time the CLI with 1 and N worker processes")
    parser.add_argument("--skip-in-process", action="store_true", help="only the --jobs comparison")
    parser.add_argument("--defaults-only", action="store_true",
                        help="with --jobs: leave out `--jobs 1` at 2 threads (time `--jobs 1` as it runs by default, and --jobs N)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    report: dict = {"corpus": str(args.corpus), "n": args.n}
    if not args.skip_in_process:
        articles = load_articles(args.corpus, args.n)
        from extractor.core import available_cores

        report["in_process"] = in_process(articles, args.batch_size, args.threads or available_cores())
    if args.jobs:
        report["load_average"] = os.getloadavg()
        report["cli"] = parallel(args.corpus, args.n, args.jobs, args.batch_size, args.defaults_only)
        report["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


def print_report(report: dict) -> None:
    inner = report.get("in_process")
    if inner:
        bare, ext = inner["bare_stanza"], inner["extractor"]
        print(f"{inner['articles']} articles, {inner['tokens']} tokens, batch {inner['batch_size']}, "
              f"torch threads {inner['torch_threads']}, model load {inner['model_load_s']} s")
        print(f"bare Stanza : {bare['seconds']:8.2f} s  {bare['articles_per_s']:7.2f} articles/s  {bare['tokens_per_s']:8.0f} tokens/s")
        print(f"extractor   : {ext['seconds']:8.2f} s  {ext['articles_per_s']:7.2f} articles/s  {ext['tokens_per_s']:8.0f} tokens/s")
        print(f"  split     : Stanza {ext['stanza_s']:.2f} s, matchers+normalisation {ext['matchers_normalisation_s']:.2f} s, "
              f"writing {ext['write_s']:.3f} s")
        print(f"  phases    : {ext['per_phase_s']}")
        print(f"  components: {ext['per_component_s']}")
        print(f"  components (CPU s): {ext['per_component_cpu_s']}")
        cpu = inner["cpu"]
        print(f"CPU seconds : bare Stanza {cpu['bare_stanza_s']:.2f}, extractor {cpu['extractor_s']:.2f} (Stanza "
              f"{cpu['stanza_in_extractor_s']:.2f}, own work {cpu['own_s']:.2f}: overhead "
              f"{100 * cpu['overhead_vs_bare_stanza']:.1f} %), load average {inner['load_average']}")
        print(f"overhead over bare Stanza: {100 * inner['overhead_vs_bare_stanza']:.1f} %  "
              f"(Stanza inside the extractor / bare: {inner['stanza_inside_extractor_vs_bare']:.3f})")
        print(f"peak RSS    : {inner['peak_rss_mb']:.0f} MB")
    cli = report.get("cli")
    if cli:
        print(f"CLI end to end ({cli['cores']} cores; identical output across runs: {cli['identical_output']}):")
        for tag, row in cli.items():
            if isinstance(row, dict):
                print(f"  {tag:16s} {row['wall_s']:7.1f} s (CPU {row['cpu_s']:.1f} s, load {row['load_1min_at_start']})  "
                      f"{row['articles_per_s']:6.2f} articles/s  steady "
                      f"{row['steady_articles_per_s']} articles/s  peak RSS {row['peak_rss_mb_largest_process']:.0f} MB"
                      + (f"  speed-up {row['speedup_vs_jobs1']} (steady {row.get('steady_speedup_vs_jobs1')})"
                         if "speedup_vs_jobs1" in row else ""))


if __name__ == "__main__":
    sys.exit(main())
