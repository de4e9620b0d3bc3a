"""An input article and its analysed form (the spaCy ``Doc`` built from Stanza's output)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class Article:
    """One raw article, its text exactly as read (BOM removed, nothing else touched)."""

    doc_id: str
    text: str
    published: Optional[dt.date] = None
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    origin: Optional[str] = None  # file (and line) the article was read from
    extra: dict[str, Any] = field(default_factory=dict)


def parse_published(value: Any) -> Optional[dt.date]:
    """Read a ``published`` input field: an ISO date or datetime string, a date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD)")
