"""``extractor evaluate GOLD_DIR --raw RAW [--pred FILE.jsonl] [--json]`` (and, registered
alongside it, ``extractor labelstudio``). Runnable standalone: ``python -m extractor.evaluation.cli``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Optional, Sequence

from ..records import DocumentRecords
from .gold import GoldError, load_gold, load_predictions
from .report import print_report
from .scoring import evaluate


def run_extractor(articles: list) -> dict[str, DocumentRecords]:
    """Predictions of the extractor. A document whose extraction fails is reported on stderr and
    scored as predicting nothing; anything the extractor prints goes to stderr too, keeping
    ``--json`` output clean."""
    from ..core import Extractor  # loads the models: only when no --pred is given

    predictions: dict[str, DocumentRecords] = {}
    with contextlib.redirect_stdout(sys.stderr):
        for result in Extractor().iter_results(articles):
            if isinstance(result, DocumentRecords):
                predictions[result.doc_id] = result
            else:
                print(f"warning: {result} (scored as no predictions)", file=sys.stderr)
    return predictions


def evaluate_command(args: argparse.Namespace) -> int:
    if args.archive:
        from ..archive.cli import evaluate_archive_command

        return evaluate_archive_command(args)
    if not args.gold_dir:
        print("error: GOLD_DIR is required (or --archive ARCHIVE_GOLD_DIR)", file=sys.stderr)
        return 2
    if getattr(args, "part", "all") != "all":
        print("error: --part scores a part of the archive gold: it needs --archive", file=sys.stderr)
        return 2
    without_raw: list[str] = []
    try:
        gold, articles = load_gold(args.gold_dir, args.raw, without_raw=without_raw)
        if without_raw:
            print(
                f"warning: {len(without_raw)} gold files have no raw article in {', '.join(args.raw)} and are not "
                f"scored: {', '.join(sorted(without_raw))} (add the --raw that holds them)",
                file=sys.stderr,
            )
        if args.pred:
            if len(args.pred) > 1:
                print("error: --pred is given once (several only with --archive)", file=sys.stderr)
                return 2
            predictions, warnings = load_predictions(args.pred[0], {d: a.text for d, a in articles.items()})
            for warning in warnings:
                print(f"warning: {warning}", file=sys.stderr)
        else:
            predictions = run_extractor([articles[doc_id] for doc_id in sorted(articles)])
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"error: cannot run the extractor ({exc}); score stored predictions with --pred", file=sys.stderr)
        return 2
    if not gold:
        found = "no gold file with a raw article" if without_raw else "no gold files (*.json)"
        print(f"error: {found} in {args.gold_dir}", file=sys.stderr)
        return 2
    evaluation = evaluate(gold, predictions)
    if args.json:
        print(json.dumps(evaluation.as_dict(), ensure_ascii=False))
    else:
        print_report(evaluation)
    return 0


def add_evaluate_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "evaluate",
        help="score the extractor (or stored predictions) against gold annotations",
        description="Score predictions against the gold files of GOLD_DIR (data/annotations/<doc_id>.json).",
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", nargs="?", help="folder of gold files <doc_id>.json")
    parser.add_argument("--archive", metavar="ARCHIVE_GOLD_DIR",
                        help="score person and event clustering against persons.json/events.json of this folder instead")
    parser.add_argument("--part", choices=("all", "tune", "held-out"), default="all",
                        help="with --archive: score all clusters, the tune part or the held-out part of split.json")
    parser.add_argument("--db", metavar="ARCHIVE.sqlite", help="with --archive: score this archive (default: index the predictions)")
    parser.add_argument("--raw", required=True, action="append", metavar="RAW",
                        help="folder of raw articles (.txt/.json/.jsonl) or a .jsonl corpus; repeat for several")
    parser.add_argument("--pred", metavar="FILE.jsonl", action="append",
                        help="stored predictions (DocumentRecords JSONL) instead of running the extractor "
                        "(with --archive: repeat for several, all indexed into one archive)")
    parser.add_argument("--json", action="store_true", help="print only the JSON scores object on stdout")
    parser.set_defaults(func=evaluate_command)
    return parser


def add_parser(subparsers) -> None:
    """Register ``evaluate`` and ``labelstudio`` on the main CLI's subparsers."""
    from .labelstudio import add_parser as add_labelstudio_parser

    add_evaluate_parser(subparsers)
    add_labelstudio_parser(subparsers)


def main(argv: Optional[Sequence[str]] = None) -> int:
    from ..subcommands import run_standalone

    return run_standalone("python -m extractor.evaluation.cli", add_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
