"""An article's text as HTML with every record span highlighted.

Spans of different records overlap (a date inside an event's name, a figure inside a priority
area) and may cross each other, which HTML elements cannot. The text is cut at every span
boundary; a span that a crossing span interrupts is closed and reopened, so one highlight can be
several ``<mark>`` elements sharing its ``data-span`` id: their texts, in document order, join to
the span's text. Only the first element of a span is focusable and carries the ``id`` links aim
at. Every character of the text is emitted once, escaped, and nothing else is added between
the marks, so the container's text is the article's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from markupsafe import Markup, escape

from ..record_types import record_types
from ..records import DocumentRecords



def kind_labels() -> dict[str, str]:
    """Each registered record type's name in reports ("Priority area"), in layer order: a
    longer-or-equal span of an earlier type is laid down outside a span of a later type."""
    return {t.name: t.title for t in sorted(record_types(), key=lambda t: t.layer)}


def kind_order() -> dict[str, int]:
    return {kind: position for position, kind in enumerate(kind_labels())}


@dataclass(frozen=True)
class HighlightSpan:
    """One span to highlight: its id (unique in the page), record type and record key."""

    span_id: str
    kind: str
    record_key: str
    start: int
    end: int
    text: str


def record_key(kind: str, index: int) -> str:
    return f"{kind}-{index}"


def document_spans(records: DocumentRecords, prefix: str = "s") -> list[HighlightSpan]:
    """Every span of the records, in document order, with ids ``{prefix}0``, ``{prefix}1``..."""
    order = kind_order()
    found = [
        (span.start, -span.end, order[kind], index, field, kind, span)
        for kind, index, field, span in records.iter_spans()
    ]
    found.sort(key=lambda item: item[:5])
    return [
        HighlightSpan(f"{prefix}{number}", kind, record_key(kind, index), span.start, span.end, span.text)
        for number, (_, _, _, index, _, kind, span) in enumerate(found)
    ]


def highlight_html(text: str, spans: Iterable[HighlightSpan], labels: Optional[dict[str, str]] = None) -> Markup:
    """``text`` escaped, with a ``<mark>`` around every (non-empty) span."""
    labels = labels or kind_labels()
    order = kind_order()
    ordered = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, -s.end, order.get(s.kind, 99)))
    for span in ordered:
        if span.end > len(text) or text[span.start : span.end] != span.text:
            raise ValueError(f"span {span.span_id} {span.text!r} != text[{span.start}:{span.end}]")
    boundaries = sorted({0, len(text)} | {s.start for s in ordered} | {s.end for s in ordered})
    starting: dict[int, list[HighlightSpan]] = {}
    for span in ordered:
        starting.setdefault(span.start, []).append(span)
    opened: set[str] = set()
    stack: list[HighlightSpan] = []
    out: list[str] = []

    def open_tag(span: HighlightSpan) -> str:
        first = span.span_id not in opened
        opened.add(span.span_id)
        label = labels.get(span.kind, span.kind)
        attributes = f' id="{span.span_id}" tabindex="0"' if first else ""
        return (
            f'<mark class="hl k-{span.kind}"{attributes} data-span="{span.span_id}" data-kind="{span.kind}"'
            f' data-label="{escape(label)}" data-record="{span.record_key}">'
        )

    for position, next_position in zip(boundaries, boundaries[1:] + [None]):
        ending = [i for i, span in enumerate(stack) if span.end == position]
        if ending:
            # Close down to the outermost span ending here; reopen the ones that go on.
            cut = ending[0]
            reopen = [span for span in stack[cut:] if span.end != position]
            out.append("</mark>" * (len(stack) - cut))
            del stack[cut:]
            for span in reopen:
                out.append(open_tag(span))
                stack.append(span)
        for span in starting.get(position, ()):
            # A span ending before the innermost open span's end nests inside it; one that crosses
            # it is split by the loop above when the inner one ends.
            out.append(open_tag(span))
            stack.append(span)
        if next_position is not None:
            out.append(str(escape(text[position:next_position])))
    out.append("</mark>" * len(stack))
    return Markup("".join(out))
