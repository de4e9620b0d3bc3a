"""``extractor index RECORDS.jsonl... --db ARCHIVE.sqlite [--raw RAW...]`` and
``extractor query ARCHIVE.sqlite {meetings,timeline,person,areas,figures,search} ...``.

Exit status of ``index``: 0 every document indexed, 1 some input failed (the rest is indexed),
2 usage error or the archive cannot be opened. ``query``: 0 answered, 1 no such person and
the like, 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from contextlib import closing
from pathlib import Path
from typing import Any, Optional, Sequence

from .loading import index_files
from .queries import Answer, QueryError
from .store import ArchiveError, connect, is_resolved

CELL_WIDTH = 48


def add_parser(subparsers) -> None:
    """Register ``index`` and ``query`` on the main CLI's subparsers."""
    _add_index_parser(subparsers)
    _add_query_parser(subparsers)


def _add_index_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "index",
        help="load extraction output into an archive database (SQLite)",
        description="Index records files (the JSONL `extractor extract` writes) into ARCHIVE.sqlite, one "
        "transaction per document, then rebuild persons and archive events. The article texts come from "
        "--raw (matched on doc_id) or from what the archive already stores. Re-indexing unchanged records "
        "adds nothing; a document whose records or text changed is replaced.",
    )
    parser.add_argument("records", nargs="*", metavar="RECORDS.jsonl", help="records files (none: only re-resolve)")
    parser.add_argument("--db", required=True, metavar="ARCHIVE.sqlite", help="the archive (created when missing)")
    parser.add_argument("--raw", action="append", default=[], metavar="RAW",
                        help="raw articles (.txt/.json/.jsonl files or folders) giving the texts; repeat for several")
    parser.add_argument("--no-text", action="store_true",
                        help="index documents whose text is not available instead of reporting them as errors")
    parser.add_argument("--errors", metavar="ERR.jsonl", help="also write the problems as JSONL {file, line, reason, doc_id}")
    parser.set_defaults(func=index_command)


def index_command(args: argparse.Namespace) -> int:
    from ..io.writers import atomic_writer, json_line

    try:
        conn = connect(args.db)
    except ArchiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        report = index_files(conn, args.records, raw=args.raw, require_text=not args.no_text)
    finally:
        conn.close()
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    if args.errors:
        with atomic_writer(args.errors) as handle:
            for problem in report.problems:
                handle.write(json_line(problem.as_dict()))
    print(f"{args.db}: {report.summary()}", file=sys.stderr)
    return 1 if report.problems else 0


def _add_query_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "query",
        help="ask the archive: meetings, timeline, person, areas, figures, search",
        description="Answer a question from ARCHIVE.sqlite. Every answer names its source articles.",
    )
    parser.add_argument("db", metavar="ARCHIVE.sqlite")
    output = argparse.ArgumentParser(add_help=False)
    formats = output.add_mutually_exclusive_group()
    formats.add_argument("--csv", action="store_true", help="CSV on stdout")
    formats.add_argument("--json", action="store_true", help="JSON on stdout (with the sources' outlet, date, URL)")
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--since", metavar="DATE", help="from this ISO date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive")
    period.add_argument("--until", metavar="DATE", help="up to this ISO date, inclusive")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    meetings = kinds.add_parser("meetings", parents=[output, period], help="who met whom")
    meetings.add_argument("--country", help="only events with this party (ISO alpha-2 or bloc: RU, ASEAN)")
    meetings.add_argument("--person", help="only events this person took part in (a name or a person key)")
    meetings.add_argument("--type", action="append", dest="types", metavar="TYPE",
                          help="event types (default: meeting, summit, conference, dialogue, visit); repeat")
    meetings.add_argument("--pairs", choices=("country", "person"), help="count meetings per country or person pair")

    timeline = kinds.add_parser("timeline", parents=[output, period], help="a person's or a country's events in date order")
    timeline.add_argument("subject", metavar="NAME_OR_COUNTRY")
    timeline.add_argument("--as", dest="subject_kind", choices=("country", "person"), help="what SUBJECT is (default: guessed)")

    person = kinds.add_parser("person", parents=[output], help="a person's profile")
    person.add_argument("name", metavar="NAME")

    areas = kinds.add_parser("areas", parents=[output], help="priority areas by partner and year")
    areas.add_argument("--partner", help="ISO alpha-2 or bloc")
    areas.add_argument("--year", help="YYYY")
    areas.add_argument("--area", help="taxonomy slug (economy_trade, ...)")

    figures = kinds.add_parser("figures", parents=[output, period], help="money/percent figures by partner and subject")
    figures.add_argument("--partner", help="ISO alpha-2 or bloc")
    figures.add_argument("--subject", help="words of the subject (or the figure's text)")
    figures.add_argument("--kind", action="append", dest="kinds", metavar="KIND", help="figure kinds (default: money, percent)")
    figures.add_argument("--unit", help="unit (USD, IDR, %%)")

    search = kinds.add_parser("search", parents=[output], help="articles matching a full-text query (SQLite FTS5 syntax)")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20)
    parser.set_defaults(func=query_command)


def answer(conn, args: argparse.Namespace) -> Answer:
    from . import queries

    if args.kind == "meetings":
        return queries.meetings(conn, args.country, args.person, args.since, args.until, args.types, args.pairs)
    if args.kind == "timeline":
        return queries.timeline(conn, args.subject, args.since, args.until, args.subject_kind)
    if args.kind == "person":
        return queries.person(conn, args.name)
    if args.kind == "areas":
        return queries.areas(conn, args.partner, args.year, args.area)
    if args.kind == "figures":
        return queries.figures(conn, args.partner, args.subject, args.kinds, args.since, args.until, args.unit)
    return queries.search(conn, args.query, args.limit)


def query_command(args: argparse.Namespace) -> int:
    try:
        conn = connect(args.db, readonly=True)
    except ArchiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with closing(conn):
        if not is_resolved(conn):
            print(f"warning: {args.db}: persons and archive events predate the last indexed documents "
                  f"(an index run was cut short); run `extractor index --db {args.db}` to rebuild them", file=sys.stderr)
        try:
            result = answer(conn, args)
        except QueryError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps(result.as_dict(conn), ensure_ascii=False, indent=1))
        elif args.csv:
            write_csv(result, sys.stdout)
        else:
            print_tables(result, sys.stdout)
    return 0


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(result: Answer, handle) -> None:
    """One CSV block per table (header row first); blocks are separated by a blank line."""
    writer = csv.writer(handle, lineterminator="\n")
    for i, table in enumerate(result.tables):
        if i:
            handle.write("\n")
        columns = table.columns if len(result.tables) == 1 else ["section", *table.columns]
        writer.writerow(columns)
        for row in table.rows:
            cells = [_cell(row.get(c)) for c in table.columns]
            writer.writerow(cells if len(result.tables) == 1 else [table.name, *cells])


def print_tables(result: Answer, handle) -> None:
    """Plain aligned columns, long cells cut to :data:`CELL_WIDTH` (``…``)."""
    for table in result.tables:
        handle.write(f"{table.name} ({len(table.rows)})\n")
        cells = [[_short(_cell(row.get(c))) for c in table.columns] for row in table.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
        handle.write("  ".join(c.ljust(w) for c, w in zip(table.columns, widths)).rstrip() + "\n")
        handle.write("  ".join("-" * w for w in widths) + "\n")
        for row in cells:
            handle.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
        handle.write("\n")
    if result.note:
        handle.write(result.note + "\n")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def main(argv: Optional[Sequence[str]] = None) -> int:
    from ..subcommands import run_standalone

    return run_standalone("python -m extractor.archive.cli", add_parser, argv)


if __name__ == "__main__":
    sys.exit(main())


# --- evaluate --archive (registered by extractor.evaluation.cli) ------------------------------


def evaluate_archive_command(args: argparse.Namespace) -> int:
    """Score person and event clustering against ``persons.json``/``events.json`` of
    ``args.archive``: of an existing archive (``--db``), of stored predictions indexed into a
    fresh in-memory archive (``--pred``, repeatable), or of the extractor run on the gold's
    documents."""
    from .loading import IndexReport, index_documents, read_records, read_texts
    from .resolve import resolve_archive
    from .scoring import (
        ArchiveGoldError, evaluate_archive, frozen_test_documents, hidden_documents, load_archive_gold, load_split, print_archive_report,
        select_part, withhold_items,
    )

    texts, problems = read_texts(args.raw)
    part = getattr(args, "part", None) or "all"
    try:
        full_gold = load_archive_gold(args.archive)
        gold = full_gold
        if part != "all" or (Path(args.archive) / "split.json").exists():
            gold = select_part(full_gold, load_split(args.archive), part)
        if args.db:
            conn = connect(args.db, readonly=True)
            for row in conn.execute("SELECT doc_id, text FROM texts"):
                texts.setdefault(row[0], row[1])
        else:
            conn = connect(":memory:")
            report = IndexReport()
            if args.pred:
                items = (
                    result if not isinstance(result, tuple) else (f"{path}:{result[0]}", result[1], texts.get(result[1].doc_id))
                    for path in args.pred for result in read_records(path)
                )
            else:
                items = _extract_for_gold(full_gold.doc_ids, args.raw)
            index_documents(conn, items, report, require_text=False)
            for problem in report.problems:
                print(f"warning: {problem}", file=sys.stderr)
            resolve_archive(conn)
        load_archive_gold(args.archive, texts={d: texts[d] for d in full_gold.doc_ids if d in texts})
    except ArchiveGoldError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except ArchiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        if problem.doc_id in gold.doc_ids:
            print(f"warning: {problem}", file=sys.stderr)
    with closing(conn):
        result = evaluate_archive(conn, gold, texts)
    result["part"] = part
    result = withhold_items(result, part, hidden_documents(full_gold, gold, frozen_test_documents(args.archive)))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print_archive_report(result, sys.stdout)
    return 0


def _extract_for_gold(doc_ids: set[str], raw: list[str]):
    """Run the extractor on the gold's documents: ``(origin, records, text)`` items."""
    import contextlib

    from ..core import Extractor
    from ..evaluation.gold import load_raw_documents
    from ..records import DocumentRecords

    articles = load_raw_documents(raw, doc_ids)
    with contextlib.redirect_stdout(sys.stderr):
        extractor = Extractor()
        for result in extractor.iter_results([articles[d] for d in sorted(articles)]):
            if isinstance(result, DocumentRecords):
                yield articles[result.doc_id].origin or result.doc_id, result, articles[result.doc_id].text
            else:
                print(f"warning: {result} (scored as no predictions)", file=sys.stderr)
