"""How long `extractor report` takes on a whole corpus, and how fast its overview loads in
headless Chromium.

    python benchmarks/report.py --records OUT.jsonl --raw ARTICLES.jsonl [--scale-to 3463] [--json]
    python benchmarks/report.py --archive ARCHIVE.sqlite [--json]

Steps, each timed: index the records into a fresh archive (``extractor index``'s work, issue
12's code), build the site (``build_report``), then open ``index.html`` and one article page in
Debian's headless Chromium (Playwright, the system browser) ``--loads`` times each, from a new
browser context every time (no cache), and report the median time to the ``load`` event
(navigation start to ``loadEventEnd``, which includes parsing the embedded data and running the
filters once).

``--scale-to N`` builds an archive of N documents out of fewer real ones, for when the
extraction of the whole corpus is not at hand: copy ``k`` of a document gets the id
``DOC~k`` and every date value of its records (publication, events, dates) moved ``20 k``
years later, so that copies never join the same archive event; texts and spans are the real
ones. Persons do join across copies (same names), so person pages are ``k`` times longer than in
a real archive of that size: a heavier test, not a lighter one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
YEARS_PER_COPY = 20


def shift_years(value, years: int):
    if not isinstance(value, str) or not re.match(r"^\d{4}", value) or years == 0:
        return value
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def scaled_copy(record: dict, copy: int) -> dict:
    years = YEARS_PER_COPY * copy
    out = json.loads(json.dumps(record))
    out["doc_id"] = f"{record['doc_id']}~{copy}"
    out["published"] = shift_years(out.get("published"), years)
    if out.get("article"):
        out["article"]["published"] = shift_years(out["article"].get("published"), years)
    for event in out.get("events", []):
        event["start"], event["end"] = shift_years(event.get("start"), years), shift_years(event.get("end"), years)
    for date in out.get("dates", []):
        date["value"], date["value_end"] = shift_years(date.get("value"), years), shift_years(date.get("value_end"), years)
    return out


def prepare_inputs(records_path: Path, raw_path: Path, scale_to: int, folder: Path) -> tuple[Path, Path, int]:
    from extractor.document import Article
    from extractor.io.readers import read_inputs

    records = [json.loads(line) for line in records_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {r["doc_id"] for r in records}
    texts = {a.doc_id: a for a in read_inputs([str(raw_path)]) if isinstance(a, Article) and a.doc_id in wanted}
    records = [r for r in records if r["doc_id"] in texts]
    target = max(scale_to, len(records))
    out_records, out_raw = folder / "records.jsonl", folder / "raw.jsonl"
    written = 0
    with open(out_records, "w", encoding="utf-8") as rec, open(out_raw, "w", encoding="utf-8") as raw:
        copy = 0
        while written < target:
            for record in records:
                if written >= target:
                    break
                line = scaled_copy(record, copy) if copy else record
                article = texts[record["doc_id"]]
                rec.write(json.dumps(line, ensure_ascii=False) + "\n")
                raw.write(json.dumps({"id": line["doc_id"], "text": article.text, "published": line.get("published"),
                                      "title": article.title, "url": article.url, "source": article.source},
                                     ensure_ascii=False) + "\n")
                written += 1
            copy += 1
    return out_records, out_raw, written


def browser_loads(pages: dict[str, Path], loads: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("EXTRACTOR_CHROMIUM") or shutil.which("chromium")
    if not executable:
        raise SystemExit("no chromium on PATH (apt-get install -y chromium)")
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for name, path in pages.items():
            times, walls = [], []
            for _ in range(loads):
                context = browser.new_context()
                page = context.new_page()
                started = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                walls.append(time.perf_counter() - started)
                times.append(page.evaluate(
                    "() => { const n = performance.getEntriesByType('navigation')[0]; return (n.loadEventEnd - n.startTime) / 1000; }"))
                context.close()
            results[name] = {
                "median_load_s": round(statistics.median(times), 3), "max_load_s": round(max(times), 3),
                "median_goto_wall_s": round(statistics.median(walls), 3), "loads": loads,
                "bytes": path.stat().st_size,
            }
        browser.close()
    return results


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, help="extractor output (JSONL)")
    parser.add_argument("--raw", type=Path, help="the raw articles of those records")
    parser.add_argument("--archive", type=Path, help="an existing archive instead of --records/--raw")
    parser.add_argument("--scale-to", type=int, default=0, help="replicate documents up to this many (see above)")
    parser.add_argument("--loads", type=int, default=5, help="page loads per page in Chromium")
    parser.add_argument("--keep", type=Path, help="keep the archive and site in this folder")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not args.archive and not (args.records and args.raw):
        parser.error("give --archive, or --records and --raw")

    from extractor.archive import Archive
    from extractor.report.site import build_report

    work = Path(tempfile.mkdtemp(prefix="report-bench-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"load_average_before": load_average(), "cpus": os.cpu_count()}
    try:
        if args.archive:
            archive_path = args.archive
        else:
            records, raw, documents = prepare_inputs(args.records, args.raw, args.scale_to, work)
            result["documents_input"] = documents
            result["scaled"] = bool(args.scale_to and documents > sum(1 for _ in open(args.records, encoding="utf-8")))
            archive_path = work / "archive.sqlite"
            if archive_path.exists():
                archive_path.unlink()
            started = time.perf_counter()
            with Archive(archive_path) as archive:
                report = archive.index([records], raw=[raw])
            result["index_s"] = round(time.perf_counter() - started, 2)
            result["index_problems"] = len(report.problems)
        with Archive(archive_path, readonly=True) as archive:
            result["archive"] = archive.counts()
        site = work / "site"
        started = time.perf_counter()
        stats = build_report(archive_path, site)
        result["report_s"] = round(time.perf_counter() - started, 2)
        result["report_steps_s"] = stats.seconds
        result["pages"] = dict(stats.pages)
        result["site_mb"] = round(stats.bytes / 1e6, 1)
        article = max((site / "article").glob("*.html"), key=lambda p: p.stat().st_size)
        result["browser"] = browser_loads({"index": site / "index.html", "largest_article": article}, args.loads)
        result["load_average_after"] = load_average()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"archive {result['archive']}")
        print(f"report: {result['report_s']} s, {sum(result['pages'].values())} pages, {result['site_mb']} MB; steps {result['report_steps_s']}")
        for name, figures in result["browser"].items():
            print(f"{name}: load {figures['median_load_s']} s (median of {figures['loads']}, max {figures['max_load_s']}), {figures['bytes']} bytes")
        print(f"load average before {result['load_average_before']}, after {result['load_average_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
