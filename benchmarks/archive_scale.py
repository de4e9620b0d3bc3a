"""Scale of the archive: index extraction output into a fresh archive, then time each query kind.

    python benchmarks/archive_scale.py RECORDS.jsonl... --raw ../shared/data/indosum/articles.jsonl \
        [--replicate-to 3463] [--db /tmp/bench.sqlite] [--json OUT.json]

Reports the documents indexed, the seconds of the index run (reading, one transaction per
document, resolution of persons and events), the database size against the records' size, and
the best of ``--repeat`` runs of each query kind (``meetings``, ``meetings --pairs country``,
``timeline`` of the most documented country and person, ``person``, ``areas``, ``figures``,
``search``) through the same code as ``extractor query``.

``--replicate-to N`` (for when the full extraction is not at hand) copies the records of the given
articles under new doc ids (``<doc_id>~2``, ...) until N documents are indexed; the copies keep
their texts, so sizes and per-document costs are those of real articles, and person and event
resolution sees N documents' worth of officials and events (the copies of one article are
reports of the same day by "different outlets": the densest case for event blocking).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from extractor.archive import queries
from extractor.archive.loading import IndexReport, index_documents, read_records, read_texts
from extractor.archive.resolve import resolve_archive
from extractor.archive.store import connect


def _items(paths, texts, replicate_to):
    originals = []
    for path in paths:
        for result in read_records(path):
            if isinstance(result, tuple):
                number, records = result
                originals.append((f"{path}:{number}", records))
    for origin, records in originals:
        yield origin, records, texts.get(records.doc_id)
    total, copy = len(originals), 2
    while replicate_to and total < replicate_to:
        for origin, records in originals:
            if total >= replicate_to:
                break
            doc_id = f"{records.doc_id}~{copy}"
            yield f"{origin}~{copy}", records.model_copy(update={"doc_id": doc_id}), texts.get(records.doc_id)
            total += 1
        copy += 1


def _best(function, repeat):
    """Best wall and CPU seconds of ``repeat`` runs (the machine is shared: CPU time is what the
    query itself costs, wall time what a user waits under the present load)."""
    best, best_cpu = float("inf"), float("inf")
    answer = None
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        answer = function()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best, best_cpu, answer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", nargs="+")
    parser.add_argument("--raw", action="append", default=[])
    parser.add_argument("--replicate-to", type=int, default=0)
    parser.add_argument("--db", help="archive path (default: a temporary file, removed after)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    folder = None
    if args.db:
        db = Path(args.db)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    else:
        folder = tempfile.TemporaryDirectory()
        db = Path(folder.name) / "bench.sqlite"

    started, cpu_started = time.perf_counter(), time.process_time()
    texts, _ = read_texts(args.raw)
    read_seconds = time.perf_counter() - started
    conn = connect(db)
    report = IndexReport()
    write_started = time.perf_counter()
    index_documents(conn, _items(args.records, texts, args.replicate_to), report, require_text=False)
    write_seconds = time.perf_counter() - write_started
    resolve_started = time.perf_counter()
    report.resolution = resolve_archive(conn)
    resolve_seconds = time.perf_counter() - resolve_started
    index_seconds = time.perf_counter() - started
    index_cpu_seconds = time.process_time() - cpu_started
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    records_bytes = sum(os.path.getsize(p) for p in args.records)
    db_bytes = sum(os.path.getsize(str(db) + s) for s in ("", "-wal") if os.path.exists(str(db) + s))
    copies = report.documents - sum(1 for _ in _items(args.records, {}, 0))
    scale = report.documents / (report.documents - copies) if report.documents > copies else 1.0

    reader = connect(db, readonly=True)
    country = reader.execute(
        "SELECT party FROM event_parties WHERE party != 'ID' GROUP BY party ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    person = reader.execute("SELECT key FROM persons ORDER BY documents DESC LIMIT 1").fetchone()[0]
    kinds = {
        "meetings": lambda: queries.meetings(reader),
        f"meetings --country {country}": lambda: queries.meetings(reader, country=country),
        "meetings --pairs country": lambda: queries.meetings(reader, pairs="country"),
        f"timeline {country}": lambda: queries.timeline(reader, country),
        f"timeline {person}": lambda: queries.timeline(reader, person, kind="person"),
        f"person {person}": lambda: queries.person(reader, person),
        "areas": lambda: queries.areas(reader),
        "figures": lambda: queries.figures(reader),
        "search presiden": lambda: queries.search(reader, "presiden"),
    }
    timings = {}
    for name, function in kinds.items():
        seconds, cpu, answer = _best(function, args.repeat)
        timings[name] = {"seconds": round(seconds, 4), "cpu_seconds": round(cpu, 4), "rows": sum(len(t.rows) for t in answer.tables)}
    counts = queries.counts(reader)
    reader.close()

    result = {
        "documents": report.documents,
        "replicated_documents": copies,
        "problems": len(report.problems),
        "index_seconds": round(index_seconds, 2),
        "index_cpu_seconds": round(index_cpu_seconds, 2),
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "read_raw_seconds": round(read_seconds, 2),
        "write_seconds": round(write_seconds, 2),
        "resolve_seconds": round(resolve_seconds, 2),
        "records_bytes": records_bytes,
        "records_bytes_at_scale": round(records_bytes * scale),
        "db_bytes": db_bytes,
        "db_to_records": round(db_bytes / (records_bytes * scale), 2),
        "counts": counts,
        "queries": timings,
    }
    print(f"indexed {report.documents} documents ({copies} replicated) in {index_seconds:.1f} s wall, {index_cpu_seconds:.1f} s CPU "
          f"(raw texts {read_seconds:.1f} s, writing {write_seconds:.1f} s, resolution {resolve_seconds:.1f} s); "
          f"{len(report.problems)} problems; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"database {db_bytes / 1e6:.1f} MB = {result['db_to_records']}x the records' {records_bytes * scale / 1e6:.1f} MB")
    print(f"{counts['persons']} persons, {counts['archive_events']} archive events from {counts['officials']} officials, {counts['events']} events")
    for name, timing in timings.items():
        print(f"  query {name:40} {timing['seconds'] * 1000:8.1f} ms wall {timing['cpu_seconds'] * 1000:8.1f} ms CPU  ({timing['rows']} rows)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if folder is not None:
        folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
