"""The HTML view of one article: its text with every span highlighted, a legend, and the records
as tables whose rows link to their spans (and the spans to their rows).

:func:`article_view` computes what the ``article.html.j2`` template shows; :func:`render_article_page`
renders it as one self-contained page (styles and script inline), which is what
``extractor show FILE --html OUT.html`` writes. The site of ``extractor report`` renders the same
view with links to its person, event and country pages.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Callable, Optional

from ..record_types import record_types
from ..records import DocumentRecords
from .highlight import document_spans, highlight_html, record_key


# (kind, index) -> (link text, href) of a page about the record (a person, an archive event), if any.
RecordLink = Callable[[str, int], Optional[tuple[str, str]]]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ", ".join(cell_text(item) for item in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def article_view(
    text: str,
    records: DocumentRecords,
    title: Optional[str] = None,
    meta: Optional[dict[str, Any]] = None,
    record_link: Optional[RecordLink] = None,
) -> dict[str, Any]:
    """The template context of an article page (offsets are checked against ``text`` first)."""
    records.check_offsets(text)
    spans = document_spans(records)
    spans_of: dict[str, list] = {}
    for span in spans:
        spans_of.setdefault(span.record_key, []).append(span)
    tables = []
    tooltips: dict[str, dict[str, Any]] = {}
    for descriptor in record_types():
        kind, columns = descriptor.name, descriptor.report_columns
        rows = []
        for index, record in enumerate(getattr(records, kind, None) or []):
            key = record_key(kind, index)
            fields = [(name, cell_text(getattr(record, name, None))) for name in columns]
            link = record_link(kind, index) if record_link else None
            rows.append({"key": key, "cells": [value for _, value in fields], "spans": spans_of.get(key, []), "link": link})
            tooltips[key] = {
                "label": descriptor.title,
                "fields": [[name, value] for name, value in fields if value],
                **({"link": link[0]} if link else {}),
            }
        tables.append({"kind": kind, "label": descriptor.title, "columns": columns, "rows": rows})
    article = records.article
    details = dict(meta or {})
    if article is not None:
        for name in ("source", "url", "dateline", "published_source"):
            value = getattr(article, name)
            if value and name not in details:
                details[name] = value
        if article.reporters and "reporters" not in details:
            details["reporters"] = ", ".join(article.reporters)
    return {
        "doc_id": records.doc_id,
        "title": title or (article.title if article and article.title else records.doc_id),
        "published": records.published,
        "details": [(name, cell_text(value)) for name, value in details.items() if value],
        "text_html": highlight_html(text, spans),
        "legend": [(t.name, t.title, len(getattr(records, t.name, None) or [])) for t in record_types()],
        "tables": tables,
        "span_count": len(spans),
        "records_json": script_json(tooltips),
        "archive_links": [],
    }


def render_article_page(text: str, records: DocumentRecords, title: Optional[str] = None) -> str:
    """One self-contained HTML page (inline CSS and JS, no request of any kind) for one article."""
    from .render import render

    context = article_view(text, records, title=title)
    return render("article.html.j2", context, root="", inline_assets=True)
