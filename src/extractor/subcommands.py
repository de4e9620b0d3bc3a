"""Running a family of subcommands on its own: ``python -m extractor.archive.cli index ...``.

Each family (``archive``, ``evaluation``) registers its subcommands on the main CLI through an
``add_parser(subparsers)`` function; :func:`run_standalone` gives that family a parser of its own.
"""

from __future__ import annotations

import argparse
from typing import Callable, Optional, Sequence


def run_standalone(prog: str, add_parser: Callable[[object], None], argv: Optional[Sequence[str]] = None) -> int:
    """Parse ``argv`` with the subcommands ``add_parser`` registers and run the chosen one."""
    parser = argparse.ArgumentParser(prog=prog)
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_parser(subparsers)
    args = parser.parse_args(argv)
    return args.func(args)
