"""The ``extractor`` command: ``extract``, ``show``, ``schema``, plus ``train`` and ``evaluate``
(registered by :mod:`extractor.training.cli` and :mod:`extractor.evaluation.cli`).

Exit status: 0 when every input succeeded, 1 when some input failed, nothing at all was
extracted, or the models cannot be loaded, 2 for usage errors (found before any work), 3 when an
output could not be written (disk full, I/O error: no output was changed), 130 when interrupted
(Ctrl-C), 143 on SIGTERM, 129 on SIGHUP.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import signal
import sys
import time
from collections import Counter
from enum import Enum
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Optional, Sequence, Union

from . import __version__
from .document import parse_published
from .io.paths import clashes, missing_inputs
from .io.readers import DEFAULT_MAX_BYTES, InputError, SkippedFile, expand_inputs, read_expanded, read_inputs
from .io.record_writers import CsvTables, JsonlRecords, ParquetRecords, RecordLine, RemoteError, ResumeSink
from .io.resume import ResumableOutput
from .io.writers import STDOUT, OutputError, OutputFile, OutputSet, safe_json_line
from .io.text_check import DEFAULT_MAX_CHARS
from .record_types import record_type, record_type_names, record_types
from .records import DocumentRecords

DEFAULT_TIMEOUT_PER_DOC = 600.0



EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread so that a run cleans up as after Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_interrupt():
    """SIGTERM and SIGHUP raise :class:`Terminated` while the command runs (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Terminated(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(features=_command_of(argv) not in BUILT_IN_COMMANDS)
    if not argv:  # `extractor` alone: what it can do
        parser.print_help(sys.stdout)
        return EXIT_OK
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # usage errors (2) and --help (0): return the status, don't exit
        return exit_.code if isinstance(exit_.code, int) else 2
    handler: Optional[Callable[[argparse.Namespace], Any]] = getattr(args, "func", None) or getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        with _signals_interrupt():
            return int(handler(args) or 0)
    except Terminated as stop:
        name = signal.Signals(stop.signum).name
        print(f"terminated by {name}: no output was changed", file=sys.stderr)
        return 128 + stop.signum
    except KeyboardInterrupt:
        print("interrupted: no output was changed", file=sys.stderr)
        return 130


# Commands of this module; the others come from feature modules (train, evaluate, index, query,
# report), which are imported only to run or list them: not for `extract`, whose start-up counts.
BUILT_IN_COMMANDS = frozenset({"extract", "show", "export", "schema"})


def _command_of(argv: Sequence[str]) -> Optional[str]:
    """The subcommand named in ``argv`` (the top-level options take no value)."""
    return next((argument for argument in argv if not argument.startswith("-")), None)


def build_parser(features: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor", description="Information extraction from Indonesian diplomacy news."
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract_parser(subparsers)
    _add_show_parser(subparsers)
    _add_export_parser(subparsers)
    schema = subparsers.add_parser("schema", help="print the JSON Schema of one output line (DocumentRecords)")
    schema.set_defaults(func=schema_command)
    if not features:
        return parser
    for command, module in (
        ("train", "extractor.training.cli"),
        ("evaluate", "extractor.evaluation.cli"),
        ("index", "extractor.archive.cli"),  # also `query`
    ):
        _add_feature_parser(subparsers, command, module)
    _add_feature_parser(subparsers, "report", "extractor.report.cli")
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


def jobs_value(value: str) -> Union[int, str]:
    return "auto" if value == "auto" else positive_int(value)


def positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} must be a positive number of seconds")
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
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or glob patterns")
    parser.add_argument(
        "-o", "--output", metavar="OUT.jsonl",
        help="output file, written atomically (default or `-`: stdout); with --format csv, a folder",
    )
    parser.add_argument(
        "--errors",
        metavar="ERR.jsonl",
        help="errors as JSONL {file, line, reason, doc_id} (default with -o: OUT.errors.jsonl). Written "
        "whenever it has a path, empty when nothing failed",
    )
    parser.add_argument(
        "--jobs", type=jobs_value, default=1,
        help="worker processes, or `auto` (from cores and free memory: each loads ~600 MB of models; default 1)",
    )
    parser.add_argument("--batch-size", type=positive_int, default=None, help="articles per Stanza batch (default 16)")
    parser.add_argument(
        "--threads",
        type=positive_int,
        default=None,
        help="torch threads per process (default: 1 with --jobs 1, so that a busy machine cannot stall it; "
        "cores // jobs otherwise)",
    )
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        help=f"largest input per article: a .txt/.json file or a .jsonl line (default {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) for inputs that give none")
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        default=DEFAULT_MAX_CHARS,
        help=f"longest text of one article, in characters (default {DEFAULT_MAX_CHARS}); a longer one is "
        "reported as an error before the models run",
    )
    parser.add_argument(
        "--timeout-per-doc",
        type=positive_float,
        default=DEFAULT_TIMEOUT_PER_DOC,
        metavar="SECONDS",
        help="time budget of one article (its share of a Stanza batch, then its matchers); an article over "
        f"it is reported as an error and the run goes on (default {DEFAULT_TIMEOUT_PER_DOC:g})",
    )
    parser.add_argument("--stats", metavar="FILE.json", help="also write the run's summary and timings as JSON")
    parser.add_argument(
        "--format", choices=("jsonl", "csv", "parquet"), default="jsonl",
        help="jsonl (default): one JSON object per article; csv: -o names a folder that gets one "
        "CSV per record type (UTF-8 with a BOM, for spreadsheets); parquet: -o names a folder of "
        "part-NNNNN.parquet files (needs the ray extra)",
    )
    parser.add_argument(
        "--resume", action="store_true",
        help="append to -o OUT, skipping documents it already holds (same id and text); a killed run resumed "
        "this way ends with every input exactly once",
    )
    parser.add_argument(
        "--engine", choices=("local", "ray"), default="local",
        help="local worker processes (default, see --jobs) or a Ray cluster (needs the ray extra)",
    )
    parser.add_argument("--address", help="with --engine ray: the cluster to join (default: start a local Ray)")
    parser.add_argument("--workers", type=positive_int, help="with --engine ray: extraction actors (default: the cluster's CPUs)")
    parser.add_argument("--db", metavar="ARCHIVE.sqlite",
                        help="also index each article into this archive as it is extracted (see `extractor index`)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no message per bad input, a one-line summary")
    parser.set_defaults(func=extract_command, print_usage=parser.print_help)


def default_errors_path(output: str) -> str:
    path = Path(output)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return str(path.with_name(f"{stem}.errors.jsonl"))


def printable(message: str) -> str:
    """``message`` safe for a terminal: control characters (escape sequences) and lone
    surrogates are shown as escapes instead of being sent raw."""
    return "".join(
        ch if ch in "\n\t" or (ch.isprintable() and not "\ud800" <= ch <= "\udfff") else ascii(ch)[1:-1]
        for ch in message
    )


class _Reporter:
    """Messages on stderr, and a progress bar (total and time left) when stderr is a terminal."""

    def __init__(self, show_progress: bool, quiet: bool = False, total: Optional[int] = None):
        self.progress = None
        self.task = None
        self.inner = None
        self.quiet = quiet
        self.total = total
        if show_progress and not quiet:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.progress.add_task("loading models", total=total, rate="")

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
            total = max(self.total, done) if self.total is not None else None
            self.progress.update(self.task, description="extracting", completed=done, total=total, rate=rate)

    def inside(self, phase: str, done: int, total: Optional[int]) -> None:
        """Progress inside one large batch (a huge article), as a second line under the bar:
        the characters being tokenised, then sentences tagged and matcher stages, done of total."""
        if self.progress is None:
            return
        if self.inner is None:
            self.inner = self.progress.add_task("", total=None, rate="")
        if phase == "done":
            self.progress.update(self.inner, visible=False)
            return
        label = f"tokenizing {total:,} characters" if phase == "tokenizing" else f"{phase} (this batch)"
        self.progress.update(self.inner, description=f"  {label}", completed=done,
                             total=None if phase == "tokenizing" else total, visible=True)

    def say(self, message: str) -> None:
        message = printable(message)
        if self.progress is not None:
            self.progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr, flush=True)

    def error(self, message: str) -> None:
        if not self.quiet:
            self.say(f"error: {message}")


def count_articles(entries: Sequence[Any]) -> int:
    """How many results reading ``entries`` will give, found cheaply: one a ``.txt`` file or
    bad input, one a non-blank ``.jsonl`` line, the items of a ``.json`` list."""
    total = 0
    for entry in entries:
        if isinstance(entry, InputError) or entry.suffix.lower() == ".txt":
            total += 1
            continue
        try:
            with open(entry, "rb") as handle:
                if entry.suffix.lower() == ".jsonl":
                    total += sum(1 for line in handle if line.strip())
                else:
                    obj = json.loads(handle.read())
                    total += len(obj) if isinstance(obj, list) and obj else 1
        except (OSError, ValueError):
            total += 1
    return total


def resolve_jobs(requested: Union[int, str], warn: Callable[[str], None]) -> int:
    """The number of worker processes for ``--jobs``: ``auto`` from cores and free memory;
    a number above the cores is kept, with a warning."""
    from .core import WORKER_MEMORY_MB, available_cores, available_memory_mb

    cores = available_cores()
    if requested == "auto":
        memory = available_memory_mb()
        by_memory = max(1, memory // WORKER_MEMORY_MB) if memory is not None else cores
        return max(1, min(cores, by_memory))
    jobs = int(requested)
    if jobs > cores:
        warn(
            f"warning: --jobs {jobs} is more than the {cores} cores available: each worker loads its own "
            f"~{WORKER_MEMORY_MB} MB of models and the workers share the cores, so expect more memory and "
            f"no speed-up (`--jobs auto` picks a number)"
        )
    return jobs


def _plan_outputs(args: argparse.Namespace) -> tuple[list[tuple[str, OutputFile]], Optional[str]]:
    """The run's outputs as ``(option, OutputFile)`` and the errors path; raises OutputError."""
    outputs: list[tuple[str, OutputFile]] = []
    if args.format == "parquet":
        if not args.output or args.output == STDOUT:
            raise OutputError(args.output or "(none)", "--format parquet needs -o FOLDER: it writes part-NNNNN.parquet files", usage=True)
        if Path(args.output).exists() and not Path(args.output).is_dir():
            raise OutputError(args.output, "--format parquet writes into a folder, and this is a file", usage=True)
        errors_path = args.errors or str(Path(args.output) / "errors.jsonl")
    elif args.format == "csv":
        if not args.output or args.output == STDOUT:
            raise OutputError(args.output or "(none)", "--format csv needs -o FOLDER: it writes one file per record type", usage=True)
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise OutputError(args.output, "--format csv writes into a folder, and this is a file", usage=True)
        for name in record_type_names():
            outputs.append(("-o", OutputFile(folder / f"{name}.csv", encoding="utf-8-sig")))
        errors_path = args.errors or str(folder / "errors.jsonl")
    else:
        if args.output and args.output != STDOUT:
            if Path(args.output).is_dir() or args.output.endswith(("/", os.sep)):
                raise OutputError(args.output, "is a directory: give a file name (OUT.jsonl), or --format csv", usage=True)
        outputs.append(("-o", OutputFile(args.output or STDOUT)))
        errors_path = args.errors
    for option, output in outputs:
        output.inspect()
    if errors_path is None and args.output and args.format == "jsonl" and outputs and not outputs[0][1].streamed:
        errors_path = default_errors_path(args.output)
    extra = [("--errors", errors_path), ("--stats", args.stats)]
    for option, path in extra:
        if path is None:
            continue
        if path == STDOUT:
            raise OutputError(path, f"{option} cannot go to standard output: give a file", usage=True)
        output = OutputFile(path)
        output.inspect()
        outputs.append((option, output))
    return outputs, errors_path


def extract_command(args: argparse.Namespace) -> int:
    from .core import WRITE, DocumentError, Timings, extract_parallel

    from .nlp.stanza_models import ModelError

    if not args.paths:
        args.print_usage(sys.stderr)
        print("\nerror: give at least one PATH (a file, folder or glob pattern of .txt/.json/.jsonl)", file=sys.stderr)
        return EXIT_USAGE
    problem = _check_engine_options(args)
    if problem:
        print(printable(f"error: {problem}"), file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    # Every path is checked before the models load: a typo costs nothing and changes nothing.
    problems = missing_inputs(args.paths)
    try:
        planned, errors_path = _plan_outputs(args)
    except OutputError as error:
        problems.append(str(error))
        planned, errors_path = [], None
    if problems:
        for problem in problems:
            print(printable(f"error: {problem}"), file=sys.stderr)
        return EXIT_USAGE
    excluded = [output.target for _, output in planned if output.target is not None]
    entries = expand_inputs(args.paths, exclude=excluded)
    problems = clashes(entries, planned)
    if problems:
        for problem in problems:
            print(printable(f"error: {problem}"), file=sys.stderr)
        return EXIT_USAGE
    outputs = OutputSet()
    for option, output in planned:
        if option == "-o" and args.resume:
            continue  # written in place by the resumable output, not replaced on commit
        outputs.add(output)
    try:
        outputs.prepare()
    except OutputError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    show_progress = sys.stderr.isatty() and not args.quiet
    messages = _Reporter(False, quiet=args.quiet)
    jobs = resolve_jobs(args.jobs, messages.say)
    total = count_articles(entries) if show_progress else None
    sinks = [output for option, output in planned if option == "-o"]
    errors_output = next((output for option, output in planned if option == "--errors"), None)
    stats_output = next((output for option, output in planned if option == "--stats"), None)
    inputs = read_expanded(entries, max_bytes=args.max_bytes, published=args.published)
    archive = None
    if args.db:
        archive = _open_archive_sink(args)
        if archive is None:
            return EXIT_USAGE
    timings = Timings()
    counts: Counter = Counter()
    # Counts and the first few names only (what the summary shows): a run of any length holds no more.
    errors = _Tally()  # each error goes to the errors file as it comes
    skipped = _Tally()
    unresolved = _Tally()
    not_indonesian = _Tally()
    try:
        with ExitStack() as stack:
            stack.callback(outputs.discard)  # after a commit, nothing left to discard
            if archive is not None:
                stack.callback(archive.close)
            record_sink = stack.enter_context(_record_sink(args, sinks))
            done = record_sink.done if isinstance(record_sink, ResumeSink) else None
            reporter = stack.enter_context(_Reporter(show_progress, quiet=args.quiet, total=total))
            batch_size = args.batch_size or _default_batch_size()
            if args.engine == "ray":
                from .scale.ray_engine import run_entries

                results = run_entries(
                    entries, address=args.address, workers=args.workers, max_bytes=args.max_bytes,
                    published=args.published, batch_size=batch_size, done=done, max_chars=args.max_chars,
                )
            else:
                if done is not None:
                    inputs = record_sink.skip_done(inputs)
                if archive is not None:
                    inputs = archive.watch(inputs)
                if jobs > 1:
                    results = extract_parallel(
                        inputs, jobs, batch_size=batch_size, timings=timings, threads=args.threads,
                        timeout_per_doc=args.timeout_per_doc, max_chars=args.max_chars,
                    )
                else:
                    from .core import Extractor

                    extractor = Extractor(
                        batch_size=batch_size, torch_threads=args.threads or 1,
                        timeout_per_doc=args.timeout_per_doc, max_chars=args.max_chars,
                        warm_up=False,  # the first article sooner: resources load as documents need them
                    )
                    extractor.progress = reporter.inside if reporter.progress is not None else None
                    extractor.timings = timings
                    results = extractor.iter_results(inputs)
            stack.enter_context(closing(results))  # workers stop whatever ends the run
            for result in results:
                if isinstance(result, RemoteError):
                    result = result.as_input()
                if isinstance(result, (DocumentRecords, RecordLine)):
                    write_started = time.perf_counter()
                    try:
                        record_sink.write(result)
                        if isinstance(result, RecordLine):
                            result = DocumentRecords.model_validate_json(result.line)
                        if archive is not None:
                            archive.add(result)
                    except UnicodeEncodeError as error:
                        result = DocumentError(result.doc_id, None, "writing", f"cannot be written as UTF-8 ({error.reason})")
                    timings.add(WRITE, time.perf_counter() - write_started)
                if isinstance(result, DocumentRecords):
                    counts["articles"] += 1
                    for name, records in result.record_lists():
                        counts[name] += len(records)
                    if result.published is None and any(date.value is None for date in result.dates):
                        unresolved.append(result.doc_id)
                    language = result.article.language if result.article else None
                    if language not in (None, "id"):
                        not_indonesian.append(result.doc_id)
                elif isinstance(result, SkippedFile):
                    skipped.append(result.file)
                    errors.append(result.file)
                    if errors_output is not None:
                        errors_output.write(safe_json_line(result.as_dict()))
                else:
                    counts["input_errors" if isinstance(result, InputError) else "extraction_errors"] += 1
                    errors.append(str(result))
                    if errors_output is not None:
                        errors_output.write(safe_json_line(result.as_dict()))
                    reporter.error(str(result))
                reporter.advance(counts["articles"] + len(errors), time.perf_counter() - started)
            if isinstance(record_sink, ResumeSink):
                counts["skipped"] = record_sink.skipped
            if archive is not None:
                for problem in archive.problems:
                    reporter.error(problem)
                print(archive.finish(), file=sys.stderr)
            elapsed = time.perf_counter() - started
            if stats_output is not None:
                stats = {
                    "articles": counts["articles"],
                    "records": {name: counts[name] for name in record_type_names()},
                    "errors": len(errors) - len(skipped),
                    "input_errors": counts["input_errors"],
                    "extraction_errors": counts["extraction_errors"],
                    "skipped_files": len(skipped),
                    "unresolved_relative_dates": len(unresolved),
                    "not_indonesian": len(not_indonesian),
                    "seconds": round(elapsed, 3),
                    "jobs": jobs,
                    "engine": args.engine,
                    "skipped_already_written": counts["skipped"],
                    "timings": timings.as_dict(),
                }
                stats_output.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
            outputs.commit()
    except ModelError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OutputError as error:
        print(printable(f"error: {error}; no output was changed (exit status {EXIT_WRITE})"), file=sys.stderr)
        return EXIT_WRITE
    summary = _summary(counts, len(errors) - len(skipped), elapsed, args, jobs, errors_path)
    notes = _notes(skipped, unresolved, not_indonesian, args.quiet)
    print(printable("\n".join([summary, *notes])), file=sys.stderr)
    if counts["articles"] == 0 and not counts["skipped"]:
        # A resumed run whose every input is already written has nothing left to do: that is success.
        print("error: nothing was extracted", file=sys.stderr)
        return EXIT_FAILED
    if archive is not None and archive.problems:
        return EXIT_FAILED
    return EXIT_FAILED if len(errors) > len(skipped) else EXIT_OK


@contextmanager
def _record_sink(args: argparse.Namespace, sinks: Sequence[OutputFile]):
    """Where record lines go: JSONL or CSV through the run's outputs, a resumable JSONL, or Parquet."""
    if args.format == "parquet":
        from .io.parquet import ParquetWriter

        with ParquetWriter(args.output) as writer:
            yield ParquetRecords(writer)
    elif args.resume:
        with ResumableOutput(args.output) as output:
            yield ResumeSink(output)
    else:
        sink = CsvTables(sinks) if args.format == "csv" else JsonlRecords(sinks[0])
        yield sink
        sink.close()


def _open_archive_sink(args: argparse.Namespace):
    """The archive of ``--db``; ``None`` (the error said) when it cannot be opened."""
    from .archive.sink import ArchiveSink
    from .archive.store import ArchiveError

    if args.output and Path(args.output).resolve() == Path(args.db).resolve():
        print(f"error: --db {args.db} is the same file as -o {args.output}", file=sys.stderr)
        return None
    try:
        return ArchiveSink(args.db)
    except ArchiveError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def _check_engine_options(args: argparse.Namespace) -> Optional[str]:
    """A usage problem with --resume/--format/--engine/--db, or None."""
    if args.resume and (not args.output or args.output == STDOUT):
        return "--resume needs -o OUT (the output to resume)"
    if args.resume and args.format != "jsonl":
        return f"--resume works with JSONL output, not --format {args.format}"
    if args.engine != "ray" and (args.address or args.workers):
        return "--address and --workers go with --engine ray"
    if args.engine == "ray" and args.db:
        return "--db goes with the local engine; index a Ray run's output with `extractor index OUT.jsonl --db ...`"
    if args.engine == "ray" and args.jobs != 1:
        return "--jobs is for the local engine; with --engine ray use --workers"
    if args.engine == "ray" or args.format == "parquet":
        needed = ("ray", "ray.data") if args.engine == "ray" else ("pyarrow",)
        missing = [name for name in needed if not _importable(name)]
        if missing:
            return f"{missing[0]} is not installed: pip install -e '.[ray]'"
    return None


def _importable(name: str) -> bool:
    """Whether ``name`` can be imported, without importing it: ``find_spec`` of a submodule
    imports its parents (``ray`` takes a second or two, and the Ray engine imports it in parallel
    with starting the cluster)."""
    import importlib.machinery
    import importlib.util

    parent, _, child = name.rpartition(".")
    try:
        if not parent:
            return importlib.util.find_spec(name) is not None
        spec = importlib.util.find_spec(parent) if _importable(parent) else None
        locations = spec.submodule_search_locations if spec is not None else None
        return bool(locations) and importlib.machinery.PathFinder.find_spec(child, list(locations)) is not None
    except (ImportError, ValueError):
        return False


def _default_batch_size() -> int:
    from .core import DEFAULT_BATCH_SIZE

    return DEFAULT_BATCH_SIZE


def _summary(
    counts: Counter, error_count: int, elapsed: float, args: argparse.Namespace, jobs: int, errors_path: Optional[str]
) -> str:
    articles = counts["articles"]
    rate = articles / elapsed if elapsed > 0 else 0.0
    per_type = ", ".join(f"{name} {counts[name]}" for name in record_type_names())
    lines = [
        f"{articles} articles extracted ({per_type}); {error_count} errors "
        f"({counts['input_errors']} input, {counts['extraction_errors']} extraction); "
        f"{elapsed:.1f} s, {rate:.2f} articles/s, "
        + (f"ray workers {args.workers or 'auto'}" if args.engine == "ray" else f"jobs {jobs}"),
    ]
    if counts["skipped"]:
        lines.append(f"resumed: {counts['skipped']} documents already in {args.output} were skipped")
    if args.quiet:
        return lines[0]
    if args.output and args.output != STDOUT:
        lines.append(f"output: {args.output}")
    if errors_path and error_count:
        lines.append(f"errors: {errors_path}")
    return "\n".join(lines)


class _Tally:
    """How many names were added, and the first :data:`LISTED` of them."""

    LISTED = 5

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    def append(self, name: str) -> None:
        self.count += 1
        if len(self.first) < self.LISTED:
            self.first.append(name)

    def __len__(self) -> int:
        return self.count


def _listing(names: "_Tally", shown: int = _Tally.LISTED) -> str:
    listed = ", ".join(names.first[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _notes(skipped: "_Tally", unresolved: "_Tally", not_indonesian: "_Tally", quiet: bool) -> list[str]:
    """What the user should know about the run beyond the counts."""
    if quiet:
        return []
    notes = []
    if skipped:
        notes.append(f"skipped {len(skipped)} files that are not .txt/.json/.jsonl (listed in the errors file): {_listing(skipped)}")
    if unresolved:
        notes.append(
            f"{len(unresolved)} articles have relative dates left unresolved (no publication date: give "
            f"--published YYYY-MM-DD or a `published` field): {_listing(unresolved)}"
        )
    if not_indonesian:
        notes.append(
            f"{len(not_indonesian)} articles do not look Indonesian (extracted anyway; see `article.language`): "
            f"{_listing(not_indonesian)}"
        )
    return notes


# --- export ---------------------------------------------------------------------------------


def _add_export_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="convert records (output of `extract`) to one CSV per record type",
        description="Write the records of an `extract` output as CSV tables for spreadsheets: "
        "FOLDER/officials.csv, events.csv, dates.csv, priority_areas.csv, figures.csv (UTF-8 with a "
        "BOM; one row per record with doc_id, span offsets and text, and every field).",
    )
    parser.add_argument("records", metavar="RECORDS.jsonl", help="output of `extractor extract`")
    parser.add_argument("--csv", required=True, metavar="FOLDER", help="folder for the CSV files")
    parser.set_defaults(func=export_command)


def export_command(args: argparse.Namespace) -> int:
    folder = Path(args.csv)
    if folder.exists() and not folder.is_dir():
        print(printable(f"error: {args.csv}: --csv names a folder, and this is a file"), file=sys.stderr)
        return EXIT_USAGE
    problems = missing_inputs([args.records])
    outputs = OutputSet()
    planned = [("--csv", outputs.add(OutputFile(folder / f"{name}.csv", encoding="utf-8-sig"))) for name in record_type_names()]
    try:
        for _, output in planned:
            output.inspect()
    except OutputError as error:
        problems.append(str(error))
    if not problems:
        problems = clashes([Path(args.records)], planned)
    if problems:
        for problem in problems:
            print(printable(f"error: {problem}"), file=sys.stderr)
        return EXIT_USAGE
    try:
        outputs.prepare()
    except OutputError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    counts: Counter = Counter()
    bad = 0
    with outputs:
        tables = CsvTables(outputs.outputs)
        try:
            handle = open(args.records, encoding="utf-8", newline="")
        except OSError as error:
            print(printable(f"error: {args.records}: cannot read: {error.strerror or error}"), file=sys.stderr)
            outputs.discard()
            return EXIT_FAILED
        with handle:
            try:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        records = DocumentRecords.model_validate_json(line)
                    except ValueError as error:  # pydantic's ValidationError is a ValueError
                        first = str(error).splitlines()[0] if str(error) else type(error).__name__
                        print(printable(f"error: {args.records}:{number}: not a record line ({first})"), file=sys.stderr)
                        bad += 1
                        continue
                    tables.write(records)
                    counts["documents"] += 1
                    for name in record_type_names():
                        counts[name] += len(getattr(records, name))
            except UnicodeDecodeError as error:
                print(printable(f"error: {args.records}: not valid UTF-8 ({error.reason})"), file=sys.stderr)
                outputs.discard()
                return EXIT_FAILED
        try:
            outputs.commit()
        except OutputError as error:
            print(printable(f"error: {error}; no output was changed (exit status {EXIT_WRITE})"), file=sys.stderr)
            return EXIT_WRITE
    per_type = ", ".join(f"{name} {counts[name]}" for name in record_type_names())
    print(f"{counts['documents']} documents ({per_type}) written to {folder}{os.sep}*.csv; {bad} bad lines", file=sys.stderr)
    return EXIT_FAILED if bad or not counts["documents"] else EXIT_OK


# --- show -----------------------------------------------------------------------------------

TABLE_MIN_WIDTH = 120  # narrower consoles get the records as stacked key/value blocks


def _add_show_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print an article with its records highlighted",
        description="Print an article (.txt, .json or .jsonl) with its records highlighted, a legend, "
        "and the records listed below. Records come from running the extractor, or from --records. "
        "Without colours (piped, or --color never) spans are marked [like this]{official}.",
    )
    parser.add_argument("file", metavar="FILE", help="article file (.txt, .json, .jsonl)")
    parser.add_argument("--id", dest="doc_id", help="which article of a .json/.jsonl file (default: the first)")
    parser.add_argument("--records", metavar="PRED.jsonl", help="stored records (output of `extract`) instead of running the extractor")
    parser.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) if the input gives none")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colours on a terminal (auto, default), always (also when piped) or never (bracket markers)",
    )
    parser.add_argument(
        "--html", metavar="OUT.html", help="write one self-contained HTML page (no network needed) instead of printing"
    )
    parser.set_defaults(func=show_command)


def show_console(color: str = "auto", file: Optional[IO[str]] = None):
    """The console of `show`, and whether spans are shown by colour (else by bracket markers)."""
    from rich.console import Console

    if color == "always":
        console = Console(file=file, force_terminal=True)
    elif color == "never":
        console = Console(file=file, color_system=None, force_terminal=False)
    else:
        console = Console(file=file)
        if not console.is_terminal:
            console = Console(file=file, color_system=None, force_terminal=False)
    return console, console.color_system is not None


def show_command(args: argparse.Namespace) -> int:
    console, colored = show_console(args.color)
    article = None
    count = 0
    for item in read_inputs([args.file], published=args.published):
        if isinstance(item, InputError):
            print(printable(f"error: {item}"), file=sys.stderr)
            continue
        count += 1
        if article is None and (args.doc_id is None or item.doc_id == args.doc_id):
            article = item
    if article is None:
        wanted = f" with id {args.doc_id!r}" if args.doc_id else ""
        print(printable(f"error: no article{wanted} in {args.file}"), file=sys.stderr)
        return 1
    if args.records:
        try:
            records = _stored_records(args.records, article.doc_id, article.text)
        except (OSError, ValueError) as error:  # pydantic's ValidationError is a ValueError
            print(printable(f"error: {args.records}: {error}"), file=sys.stderr)
            return 1
        if records is None:
            print(printable(f"error: no records for {article.doc_id!r} in {args.records}"), file=sys.stderr)
            return 1
    else:
        from .core import Extractor

        records = Extractor(warm_up=False).extract(article.text, doc_id=article.doc_id, published=article.published)
    if args.html:
        return _write_html(args.html, article, records)
    render_records(console, article.text, records, colored=colored)
    if count > 1 and args.doc_id is None:
        from rich.text import Text

        note = f"{count} articles in {args.file}; showing the first ({article.doc_id}); choose with --id"
        console.print(Text(visible_text(note), style="dim"))
    return 0


def _write_html(path: str, article, records: DocumentRecords) -> int:
    from .io.writers import atomic_writer
    from .report import render_article_page

    page = render_article_page(article.text, records, title=getattr(article, "title", None))
    try:
        with atomic_writer(path) as handle:
            handle.write(page)
    except (OSError, OutputError) as error:
        print(printable(f"error: cannot write {path}: {error}"), file=sys.stderr)
        return EXIT_USAGE
    print(printable(f"{path}: {records.doc_id}, {sum(1 for _ in records.iter_spans())} spans"), file=sys.stderr)
    return EXIT_OK


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


def visible_text(text: str) -> str:
    """``text`` with every character a terminal would act on replaced by one visible character
    (offsets keep their meaning): C0 controls by their control pictures (ESC is ␛), carriage
    returns by a space, C1 controls, lone surrogates and bidirectional overrides by U+FFFD."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif ch == "\r":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _marked_text(text: str, records: DocumentRecords):
    """The text with spans marked ``[span]{type}`` (no colours needed; nested spans nest)."""
    from rich.text import Text

    opens: dict[int, list[tuple[int, str]]] = {}
    for kind, _, _, span in records.iter_spans():
        opens.setdefault(span.start, []).append((span.end, record_type(kind).marker))
    out = Text()
    stack: list[tuple[int, str]] = []
    position = 0
    for index in sorted({*opens, *(end for spans in opens.values() for end, _ in spans)}):
        out.append(visible_text(text[position:index]))
        position = index
        while stack and stack[-1][0] <= index:
            _, name = stack.pop()
            out.append(f"]{{{name}}}")
        for end, name in sorted(opens.get(index, []), key=lambda item: -item[0]):
            if end <= index:
                out.append(f"[]{{{name}}}")
                continue
            stack.append((end, name))
            out.append("[")
    out.append(visible_text(text[position:]))
    while stack:
        out.append(f"]{{{stack.pop()[1]}}}")
    return out


def render_records(console, text: str, records: DocumentRecords, colored: bool = True) -> None:
    """The text with every span highlighted in its type's colour (or bracket markers), a legend,
    then the records: a table per type on wide consoles, stacked key/value blocks on narrow ones.
    Everything from the input is shown as text, never as markup or terminal control."""
    from rich.table import Table
    from rich.text import Text

    layers = sorted(record_types(), key=lambda t: t.layer)  # a later layer wins on overlap
    if colored:
        body = Text(visible_text(text))
        for descriptor in layers:
            for record_kind, _, _, span in records.iter_spans():
                if record_kind == descriptor.name:
                    body.stylize(descriptor.highlight, span.start, span.end)
        legend = Text()
        for descriptor in layers:
            legend.append(f" {descriptor.name} ", style=descriptor.highlight)
            legend.append("  ")
    else:
        body = _marked_text(text, records)
        legend = Text("markers: " + "  ".join(f"[…]{{{t.marker}}} {t.name}" for t in layers))
    meta = records.article
    heading = f"{records.doc_id}" + (f"  published {records.published}" if records.published else "")
    if meta and meta.published_source:
        heading += f" ({meta.published_source})"
    console.rule(Text(visible_text(heading)))
    console.print(legend)
    console.print(body)
    console.rule(Text("records"))
    wide = console.width >= TABLE_MIN_WIDTH
    for descriptor in record_types():
        items = getattr(records, descriptor.name, None) or []
        fields = descriptor.columns
        title = Text(f"{descriptor.name} ({len(items)})", style=descriptor.highlight if colored else "")
        if wide:
            table = Table(title=title, expand=False)
            for name in fields:
                table.add_column(name, overflow="fold")
            for item in items:
                table.add_row(*(Text(visible_text(_cell(getattr(item, name)))) for name in fields))
            console.print(table)
            continue
        console.print(title)
        for number, item in enumerate(items, start=1):
            block = Table.grid(padding=(0, 1))
            block.add_column(style="bold" if colored else "", no_wrap=True)
            block.add_column(overflow="fold")
            for name in fields:
                value = _cell(getattr(item, name))
                if value:
                    block.add_row(Text(f"{number}. {name}" if name == fields[0] else f"   {name}"), Text(visible_text(value)))
            console.print(block)
    if meta:
        console.print(Text(visible_text(f"article: {meta.model_dump(exclude_none=True)}")))


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
