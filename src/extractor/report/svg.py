"""The overview's two charts as plain SVG markup, written here in Python (no chart library, no
script): a stacked bar timeline of archive events by month and type, and a meeting network
(nodes on a circle, the most connected node in the centre, edges and nodes sized by count).
Colours come from the stylesheet's classes (``t-<type>``, ``node-*``); every bar and node has a
``<title>``, so each figure reads without colour too; the page gives the same numbers as tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

from markupsafe import Markup, escape

EVENT_TYPES = ("meeting", "summit", "conference", "visit", "signing", "dialogue", "other")


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_svg(by_month: dict[str, dict[str, int]], title: str, types: Sequence[str] = EVENT_TYPES) -> Markup:
    """Stacked bars: one per month from the first to the last month with events."""
    if not by_month:
        return Markup("")
    months = months_between(min(by_month), max(by_month))
    width, height, left, bottom, top = 960, 260, 36, 28, 10
    plot_height = height - bottom - top
    peak = max(sum(counts.values()) for counts in by_month.values()) or 1
    step = (width - left - 4) / len(months)
    bar = max(step * 0.8, 0.8)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}"/>',
    ]
    for tick in sorted({0, peak // 2, peak}):
        y = height - bottom - plot_height * tick / peak
        parts.append(f'<text x="{left - 4}" y="{_number(y + 4)}" text-anchor="end">{tick}</text>')
    label_every = max(1, math.ceil(len(months) / 12))
    for i, month in enumerate(months):
        x = left + i * step
        counts = by_month.get(month, {})
        y = height - bottom
        for kind in types:
            count = counts.get(kind, 0)
            if not count:
                continue
            h = plot_height * count / peak
            y -= h
            parts.append(
                f'<rect class="bar t-{kind}" data-month="{month}" x="{_number(x)}" y="{_number(y)}" width="{_number(bar)}"'
                f' height="{_number(h)}"><title>{month}: {count} {kind}</title></rect>'
            )
        if i % label_every == 0:
            parts.append(f'<text x="{_number(x)}" y="{height - bottom + 16}">{month}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Node:
    node_id: str
    label: str
    weight: int
    kind: str  # country | person | home
    href: Optional[str] = None


def network_svg(nodes: Sequence[Node], edges: Sequence[tuple[str, str, int]], title: str, svg_id: str) -> Markup:
    """Nodes on a circle (the heaviest in the centre), an edge per pair with its count as width."""
    if not nodes:
        return Markup("")
    size, margin = 720, 110
    centre = size / 2
    radius = centre - margin
    ordered = sorted(nodes, key=lambda n: (-n.weight, n.label))
    hub, ring = ordered[0], ordered[1:]
    position = {hub.node_id: (centre, centre)}
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        position[node.node_id] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    top_weight = max(n.weight for n in nodes) or 1
    top_edge = max((w for _, _, w in edges), default=1) or 1
    by_id = {n.node_id: n for n in nodes}
    parts = [
        f'<svg viewBox="0 0 {size} {size}" role="img" aria-labelledby="{svg_id}-title">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
    ]
    for a, b, weight in sorted(edges, key=lambda e: e[2]):
        if a not in position or b not in position:
            continue
        (x1, y1), (x2, y2) = position[a], position[b]
        parts.append(
            f'<line class="edge" x1="{_number(x1)}" y1="{_number(y1)}" x2="{_number(x2)}" y2="{_number(y2)}"'
            f' stroke-width="{_number(0.6 + 7 * weight / top_edge)}"><title>{escape(by_id[a].label)} – '
            f"{escape(by_id[b].label)}: {weight}</title></line>"
        )
    for node in ordered:
        x, y = position[node.node_id]
        r = 4 + 16 * math.sqrt(node.weight / top_weight)
        anchor, dx = ("middle", 0.0) if node is hub else (("start", r + 3) if x >= centre else ("end", -r - 3))
        body = (
            f'<circle class="node node-{node.kind}" cx="{_number(x)}" cy="{_number(y)}" r="{_number(r)}">'
            f"<title>{escape(node.label)}: {node.weight}</title></circle>"
            f'<text x="{_number(x + dx)}" y="{_number(y + (r + 12 if node is hub else 4))}" text-anchor="{anchor}">'
            f"{escape(node.label)}</text>"
        )
        parts.append(f'<a href="{escape(node.href)}">{body}</a>' if node.href else body)
    parts.append("</svg>")
    return Markup("".join(parts))


def type_key(types: Sequence[str] = EVENT_TYPES) -> Markup:
    """The colour key of the timeline: a square and the type's name (the name is the cue)."""
    items = "".join(
        f'<li><svg viewBox="0 0 10 10" aria-hidden="true"><rect class="t-{kind}" width="10" height="10"/></svg> {kind}</li>'
        for kind in types
    )
    return Markup(f'<ul class="key">{items}</ul>')
