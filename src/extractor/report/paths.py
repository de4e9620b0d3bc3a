"""File names of the site's pages, derived from ids that come from the data (doc ids, person
keys, country codes) and so may hold anything: ``../``, ``/etc/passwd``, a URL, NUL, a thousand
characters, ``CON``.

An id that is already a plain lowercase name is used as it is; any other is reduced to safe
characters and suffixed with a hash of the original, so two ids never share a file (also on
case-insensitive file systems). :func:`page_path` checks the result stays inside the site.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

MAX_STEM = 80
_PLAIN = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*")
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
# Names Windows reserves whatever the extension; a site copied there must still open.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class UnsafePath(ValueError):
    """A page path that would leave the site's folder."""


@lru_cache(maxsize=1 << 16)
def safe_stem(identifier: str) -> str:
    """A file name stem for ``identifier``: only ``[a-z0-9_-]`` (and inner dots), at most
    ``MAX_STEM`` characters, never a reserved device name, distinct for distinct ids."""
    if (
        len(identifier) <= MAX_STEM
        and _PLAIN.fullmatch(identifier)
        and identifier.split(".")[0] not in _RESERVED
        and not re.search(r"-h[0-9a-f]{12}$", identifier)  # the form of a hashed name: keep it for those
    ):
        return identifier
    folded = unicodedata.normalize("NFKD", identifier).encode("ascii", "ignore").decode("ascii").lower()
    readable = _UNSAFE.sub("-", folded).strip("-_")[: MAX_STEM - 14].rstrip("-_") or "id"
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable}-h{digest}"


def page_path(root: Path, folder: str, identifier: str) -> Path:
    """``root/folder/<safe stem>.html``, proven to lie inside ``root``."""
    path = root / folder / f"{safe_stem(identifier)}.html"
    resolved_root = root.resolve()
    resolved = path.resolve()
    if resolved.parent != (resolved_root / folder).resolve() or not resolved.is_relative_to(resolved_root):
        raise UnsafePath(f"page for {identifier!r} would be written outside {root}: {path}")
    return path


def page_href(folder: str, identifier: str) -> str:
    """The link to a page from the site's root (the stem needs no URL quoting)."""
    return f"{folder}/{safe_stem(identifier)}.html"
