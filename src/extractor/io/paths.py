"""The check a run makes on its paths before any work: inputs exist, no path is both read and
written, no two outputs are one file.

Paths are compared resolved (symlinks followed, ``..`` removed) and, where they exist, by
device and inode, so that a hard link or a symlink to an input is caught too. Standard output
(``-``) counts as one path; character devices such as ``/dev/null`` may be named by several
outputs.
"""

from __future__ import annotations

import glob
import os
import stat
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from .readers import InputError
from .writers import OutputFile

_GLOB_CHARS = set("*?[")


def missing_inputs(paths: Iterable[str]) -> list[str]:
    """One message for each command-line input path that names nothing."""
    problems = []
    for raw in paths:
        if os.path.lexists(raw):
            continue
        if _GLOB_CHARS & set(raw):
            if not glob.glob(raw, recursive=True):
                problems.append(f"{raw}: no file matches this pattern")
            continue
        problems.append(f"{raw}: no such file or directory")
    return problems


def _file_key(path: str) -> Optional[tuple[int, int]]:
    try:
        info = os.stat(path)
    except OSError:
        return None
    if stat.S_ISCHR(info.st_mode):
        return None  # /dev/null and friends: any number of outputs may share them
    return info.st_dev, info.st_ino


def clashes(
    inputs: Sequence[Union[Path, InputError]],
    outputs: Sequence[tuple[str, OutputFile]],
) -> list[str]:
    """Problems for every output that is also an input, and for outputs that are one file.

    ``outputs`` are ``(option, OutputFile)`` pairs, the option as the user wrote it (``-o``)."""
    problems = []
    input_paths: dict[str, str] = {}
    input_keys: dict[tuple[int, int], str] = {}
    for entry in inputs:
        if isinstance(entry, InputError):
            continue
        input_paths.setdefault(os.path.realpath(entry), str(entry))
        key = _file_key(str(entry))
        if key is not None:
            input_keys.setdefault(key, str(entry))
    seen: dict[object, str] = {}
    for option, output in outputs:
        identity = output.identity()
        key = None if output.given == "-" else _file_key(output.given)
        described = f"{option} {output.given}"
        same_input = input_paths.get(identity) or (input_keys.get(key) if key else None)
        if same_input is not None:
            problems.append(f"{described} is the input file {same_input}: it would be overwritten; choose another output")
        if key is None and output.given != "-" and os.path.exists(identity):
            continue  # a character device
        for mark in (identity, key):
            if mark is None:
                continue
            if mark in seen:
                problems.append(f"{described} and {seen[mark]} are the same file: give them different paths")
                break
        for mark in (identity, key):
            if mark is not None:
                seen.setdefault(mark, described)
    return problems
