"""``extractor report ARCHIVE.sqlite -o SITE/``: the static site of an archive."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="build a static HTML site of an archive (no server, no network)",
        description="Build a static site of an archive made by `extractor index`: an overview (counts, timeline, "
        "meeting networks, top lists, filters) and a page per person, country, archive event and article. "
        "Open SITE/index.html in a browser, from file://.",
    )
    parser.add_argument("archive", metavar="ARCHIVE.sqlite", help="archive database (read only)")
    parser.add_argument("-o", "--output", metavar="SITE", required=True, help="folder to write (replaced if an earlier report)")
    parser.add_argument("--title", default="Archive report", help="title of the overview page")
    parser.add_argument("--stats", metavar="FILE.json", help="also write page counts and timings as JSON")
    parser.set_defaults(func=report_command)


def report_command(args: argparse.Namespace) -> int:
    from ..io.writers import atomic_writer
    from .paths import UnsafePath
    from .site import ReportError, build_report

    try:
        stats = build_report(args.archive, args.output, title=args.title)
    except (ReportError, UnsafePath) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write {error.filename or args.output}: {error.strerror or error}", file=sys.stderr)
        return 2
    pages = ", ".join(f"{kind} {count}" for kind, count in sorted(stats.pages.items()))
    print(
        f"{args.output}: {stats.total_pages} pages ({pages}), {stats.bytes / 1e6:.1f} MB, {stats.seconds['total']:.1f} s",
        file=sys.stderr,
    )
    if args.stats:
        with atomic_writer(args.stats) as handle:
            handle.write(json.dumps({"pages": dict(stats.pages), "bytes": stats.bytes, "seconds": stats.seconds}, indent=2) + "\n")
    return 0
