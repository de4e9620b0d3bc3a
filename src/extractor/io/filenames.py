"""File names derived from document ids: sanitised, and proven to stay inside their folder.

A ``doc_id`` is whatever the input says (``../../etc/x``, ``/abs``, ``https://a/b?c``, NUL,
a thousand characters, ``CON``); every file written per document (gold files, Label Studio
imports, exports, report pages) is named by :func:`safe_stem` and placed with
:func:`path_inside`. An id that is already a plain portable name is kept as it is (the gold
files of the repository keep their names); any other id is cleaned and gets a short hash of
the original, so that two ids never share a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Union

MAX_NAME_BYTES = 200  # leaves room for a suffix under the common 255-byte limit
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def _hash(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _is_plain(name: str) -> bool:
    if not name or name != name.strip() or name.startswith(".") or name.endswith("."):
        return False
    if _UNSAFE.search(name) or any(unicodedata.category(ch) in ("Cs", "Cc", "Cf", "Zl", "Zp") for ch in name):
        return False
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        return False
    return len(name.encode("utf-8")) <= MAX_NAME_BYTES


def safe_stem(doc_id: str) -> str:
    """A file name stem for ``doc_id`` that is one path component on every common file system."""
    if _is_plain(doc_id):
        return doc_id
    cleaned = "".join(
        "_" if _UNSAFE.match(ch) or unicodedata.category(ch) in ("Cs", "Cc", "Cf", "Zl", "Zp") else ch for ch in doc_id
    )
    cleaned = cleaned.strip(" .") or "_"
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    suffix = "-" + _hash(doc_id)
    budget = MAX_NAME_BYTES - len(suffix)
    encoded = cleaned.encode("utf-8")
    if len(encoded) > budget:
        cleaned = encoded[:budget].decode("utf-8", "ignore").rstrip(" .") or "_"
    return cleaned + suffix


def path_inside(folder: Union[str, os.PathLike], name: str) -> Path:
    """``folder / name``, after checking that it names a file directly inside ``folder``."""
    base = Path(folder)
    path = base / name
    if Path(name).name != name or name in ("", ".", ".."):
        raise ValueError(f"file name {name!r} is not a single path component")
    resolved_parent = Path(os.path.realpath(base))
    if Path(os.path.realpath(path)).parent != resolved_parent:
        raise ValueError(f"{path} would be written outside {base}")
    return path


def document_path(folder: Union[str, os.PathLike], doc_id: str, suffix: str) -> Path:
    """The file for document ``doc_id`` in ``folder``: ``<safe_stem(doc_id)><suffix>``."""
    return path_inside(folder, safe_stem(doc_id) + suffix)
