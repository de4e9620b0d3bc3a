"""The ``extractor`` command: ``extract``, ``show``, ``schema``, plus ``train`` and ``evaluate``
(registered by :mod:`extractor.training.cli` and :mod:`extractor.evaluation.cli`).

Exit status: 0 when every input succeeded, 1 when some input failed (or the models cannot be
loaded), 2 for usage errors, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import sys
import time
from collections import Counter
from enum import Enum
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, Callable, Optional, Sequence

from .document import parse_published
from .io.readers import DEFAULT_MAX_BYTES, InputError, read_inputs
from .io.writers import atomic_writer, json_line, record_line
from .record_types import record_type_names, record_types
from .records import DocumentRecords


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # usage errors (2) and --help (0): return the status, don't exit
        return exit_.code if isinstance(exit_.code, int) else 2
    handler: Optional[Callable[[argparse.Namespace], Any]] = getattr(args, "func", None) or getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor", description="Information extraction from Indonesian diplomacy news."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract_parser(subparsers)
    _add_show_parser(subparsers)
    schema = subparsers.add_parser("schema", help="print the JSON Schema of one output line (DocumentRecords)")
    schema.set_defaults(func=schema_command)
    for command, module in (("train", "extractor.training.cli"), ("evaluate", "extractor.evaluation.cli")):
        _add_feature_parser(subparsers, command, module)
    return parser


def _add_feature_parser(subparsers, command: str, module_name: str) -> None:
    """Let a feature module add its own subcommand; if it cannot be imported, say so when used."""
    try:
        module = importlib.import_module(module_name)
        module.add_parser(subparsers)
    except Exception as error:  # a broken optional feature must not take `extract` down with it
        reason = f"{type(error).__name__}: {error}"
        unavailable = subparsers.add_parser(command, help=f"(unavailable: {reason})")
        unavailable.add_argument("rest", nargs=argparse.REMAINDER)

        def report(args: argparse.Namespace) -> int:
            print(f"error: `extractor {command}` is unavailable: {module_name} failed to load ({reason})", file=sys.stderr)
            return 1

        unavailable.set_defaults(func=report)


# --- argument types -------------------------------------------------------------------------


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an integer") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def iso_date(value: str) -> dt.date:
    try:
        published = parse_published(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if published is None:
        raise argparse.ArgumentTypeError("an ISO date (YYYY-MM-DD) is required")
    return published


# --- extract --------------------------------------------------------------------------------


def _add_extract_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract records from articles into JSONL",
        description="Extract officials, events, dates, priority areas and figures from articles "
        "(.txt, .json, .jsonl files, folders read recursively, or glob patterns). Writes one JSON "
        "object per article, in input order. Bad inputs are reported and skipped; the rest is processed.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    parser.add_argument("-o", "--output", metavar="OUT.jsonl", help="output file, written atomically (default: stdout)")
    parser.add_argument(
        "--errors",
        metavar="ERR.jsonl",
        help="errors as JSONL {file, line, reason, doc_id} (default with -o: OUT.errors.jsonl). Written "
        "whenever it has a path, empty when nothing failed",
    )
    parser.add_argument("--jobs", type=positive_int, default=1, help="worker processes (default 1)")
    parser.add_argument("--batch-size", type=positive_int, default=None, help="articles per Stanza batch (default 16)")
    parser.add_argument(
        "--threads",
        type=positive_int,
        default=None,
        help="torch threads per process (default: torch's own with --jobs 1, cores // jobs otherwise)",
    )
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        help=f"largest input per article: a .txt/.json file or a .jsonl line (default {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) for inputs that give none")
    parser.add_argument("--stats", metavar="FILE.json", help="also write the run's summary and timings as JSON")
    parser.set_defaults(func=extract_command)


def default_errors_path(output: str) -> str:
    path = Path(output)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return str(path.with_name(f"{stem}.errors.jsonl"))


class _Reporter:
    """Messages on stderr, and a progress bar when stderr is a terminal."""

    def __init__(self, show_progress: bool):
        self.progress = None
        self.task = None
        if show_progress:
            from rich.console import Console
            from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.progress.add_task("loading models", total=None, rate="")

    def __enter__(self) -> "_Reporter":
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, done: int, elapsed: float) -> None:
        if self.progress is not None:
            rate = f"{done / elapsed:.1f} articles/s" if elapsed > 0 else ""
            self.progress.update(self.task, description="extracting", completed=done, rate=rate)

    def error(self, message: str) -> None:
        if self.progress is not None:
            self.progress.console.print(f"error: {message}", markup=False, highlight=False)
        else:
            print(f"error: {message}", file=sys.stderr, flush=True)


def extract_command(args: argparse.Namespace) -> int:
    from .core import WRITE, Timings, extract_parallel

    from .nlp.stanza_models import ModelError

    errors_path = args.errors or (default_errors_path(args.output) if args.output else None)
    started = time.perf_counter()
    inputs = read_inputs(
        args.paths,
        max_bytes=args.max_bytes,
        published=args.published,
        exclude=[p for p in (args.output, errors_path) if p],
    )
    timings = Timings()
    counts: Counter = Counter()
    errors: list[dict[str, Any]] = []
    try:
        with ExitStack() as stack:
            sink: IO[str] = stack.enter_context(atomic_writer(args.output)) if args.output else sys.stdout
            reporter = stack.enter_context(_Reporter(sys.stderr.isatty()))
            if args.jobs > 1:
                results = extract_parallel(
                    inputs, args.jobs, batch_size=args.batch_size or _default_batch_size(), timings=timings,
                    threads=args.threads,
                )
            else:
                from .core import Extractor

                extractor = Extractor(batch_size=args.batch_size or _default_batch_size(), torch_threads=args.threads)
                extractor.timings = timings
                results = extractor.iter_results(inputs)
            for result in results:
                if isinstance(result, DocumentRecords):
                    write_started = time.perf_counter()
                    sink.write(record_line(result))
                    timings.add(WRITE, time.perf_counter() - write_started)
                    counts["articles"] += 1
                    for name, records in result.record_lists():
                        counts[name] += len(records)
                else:
                    counts["input_errors" if isinstance(result, InputError) else "extraction_errors"] += 1
                    errors.append(result.as_dict())
                    reporter.error(str(result))
                reporter.advance(counts["articles"] + len(errors), time.perf_counter() - started)
            if sink is sys.stdout:
                sys.stdout.flush()
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # the output cannot be written: nothing was produced, a usage error
        print(f"error: cannot write {error.filename or args.output}: {error.strerror or error}", file=sys.stderr)
        return 2
    if errors_path:
        with atomic_writer(errors_path) as handle:
            for error in errors:
                handle.write(json_line(error))
    elapsed = time.perf_counter() - started
    summary = _summary(counts, len(errors), elapsed, args, errors_path)
    print(summary, file=sys.stderr)
    if args.stats:
        stats = {
            "articles": counts["articles"],
            "records": {name: counts[name] for name in record_type_names()},
            "errors": len(errors),
            "input_errors": counts["input_errors"],
            "extraction_errors": counts["extraction_errors"],
            "seconds": round(elapsed, 3),
            "jobs": args.jobs,
            "timings": timings.as_dict(),
        }
        with atomic_writer(args.stats) as handle:
            handle.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
    return 1 if errors else 0


def _default_batch_size() -> int:
    from .core import DEFAULT_BATCH_SIZE

    return DEFAULT_BATCH_SIZE


def _summary(counts: Counter, error_count: int, elapsed: float, args: argparse.Namespace, errors_path: Optional[str]) -> str:
    articles = counts["articles"]
    rate = articles / elapsed if elapsed > 0 else 0.0
    per_type = ", ".join(f"{name} {counts[name]}" for name in record_type_names())
    lines = [
        f"{articles} articles extracted ({per_type}); {error_count} errors "
        f"({counts['input_errors']} input, {counts['extraction_errors']} extraction); "
        f"{elapsed:.1f} s, {rate:.2f} articles/s, jobs {args.jobs}",
    ]
    if args.output:
        lines.append(f"output: {args.output}")
    if errors_path and error_count:
        lines.append(f"errors: {errors_path}")
    return "\n".join(lines)


# --- show -----------------------------------------------------------------------------------


def _add_show_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print an article with its records highlighted",
        description="Print an article (.txt, .json or .jsonl) with its records highlighted, a legend, "
        "and the records listed below. Records come from running the extractor, or from --records.",
    )
    parser.add_argument("file", metavar="FILE", help="article file (.txt, .json, .jsonl)")
    parser.add_argument("--id", dest="doc_id", help="which article of a .json/.jsonl file (default: the first)")
    parser.add_argument("--records", metavar="PRED.jsonl", help="stored records (output of `extract`) instead of running the extractor")
    parser.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) if the input gives none")
    parser.set_defaults(func=show_command)


def show_command(args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console()
    article = None
    count = 0
    for item in read_inputs([args.file], published=args.published):
        if isinstance(item, InputError):
            print(f"error: {item}", file=sys.stderr)
            continue
        count += 1
        if article is None and (args.doc_id is None or item.doc_id == args.doc_id):
            article = item
    if article is None:
        wanted = f" with id {args.doc_id!r}" if args.doc_id else ""
        print(f"error: no article{wanted} in {args.file}", file=sys.stderr)
        return 1
    if args.records:
        try:
            records = _stored_records(args.records, article.doc_id, article.text)
        except (OSError, ValueError) as error:  # pydantic's ValidationError is a ValueError
            print(f"error: {args.records}: {error}", file=sys.stderr)
            return 1
        if records is None:
            print(f"error: no records for {article.doc_id!r} in {args.records}", file=sys.stderr)
            return 1
    else:
        from .core import Extractor

        records = Extractor().extract(article.text, doc_id=article.doc_id, published=article.published)
    render_records(console, article.text, records)
    if count > 1 and args.doc_id is None:
        console.print(f"[dim]{count} articles in {args.file}; showing the first ({article.doc_id}); choose with --id[/dim]")
    return 0


def _stored_records(path: str, doc_id: str, text: str) -> Optional[DocumentRecords]:
    """The records of ``doc_id`` in a JSONL of records, checked against the article's text."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"line {number}: malformed JSON: {error.msg}") from None
            if isinstance(obj, dict) and obj.get("doc_id") == doc_id:
                return DocumentRecords.model_validate(obj, context={"text": text})
    return None


def render_records(console, text: str, records: DocumentRecords) -> None:
    """The text with every span highlighted in its type's colour, a legend, then the records."""
    from rich.table import Table
    from rich.text import Text

    layers = sorted(record_types(), key=lambda t: t.layer)  # a later layer wins on overlap
    body = Text(text)
    for descriptor in layers:
        for record_kind, _, _, span in records.iter_spans():
            if record_kind == descriptor.name:
                body.stylize(descriptor.highlight, span.start, span.end)
    legend = Text()
    for descriptor in layers:
        legend.append(f" {descriptor.name} ", style=descriptor.highlight)
        legend.append("  ")
    meta = records.article
    heading = f"{records.doc_id}" + (f"  published {records.published}" if records.published else "")
    if meta and meta.published_source:
        heading += f" ({meta.published_source})"
    console.rule(heading)
    console.print(legend)
    console.print(body)
    console.rule("records")
    for descriptor in record_types():
        items = getattr(records, descriptor.name, None) or []
        table = Table(title=f"{descriptor.name} ({len(items)})", title_style=descriptor.highlight, expand=False)
        for name in descriptor.columns:
            table.add_column(name, overflow="fold")
        for item in items:
            table.add_row(*(_cell(getattr(item, name)) for name in descriptor.columns))
        console.print(table)
    if meta:
        console.print(f"article: {meta.model_dump(exclude_none=True)}", markup=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(
            f"{item.text}@{item.start}" if hasattr(item, "start") and hasattr(item, "text") else str(item) for item in value
        )
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- schema ---------------------------------------------------------------------------------


def schema_command(args: argparse.Namespace) -> int:
    print(json.dumps(DocumentRecords.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
