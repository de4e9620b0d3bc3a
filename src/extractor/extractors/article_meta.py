"""Article metadata and boilerplate: dateline, source, bylines, published date.

Sets ``context.meta`` (:class:`ArticleMeta`), ``context.boilerplate`` (character ranges of the
dateline, bylines, copyright, ``Baca juga:``, ``Selengkapnya:``, ``(Sumber: …)``, photo credits
and the closing editor initials: no record may come from them) and ``context.published`` /
``published_source``. Site habits live in ``resources/article_meta.json``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..components.calendar import published_from_doc
from ..nlp.line_scan import finditer_lines, lines_of
from ..normalize.dates import anchor_granularity, published_iso
from ..resource_data import load_resource
from ..pipeline import ExtractionContext, Stage
from ..records import ArticleMeta

@dataclass(frozen=True)
class _Patterns:
    datelines: tuple[re.Pattern[str], ...]
    not_places: frozenset[str]
    bylines: tuple[tuple[str, re.Pattern[str]], ...]
    name_separators: re.Pattern[str]
    boilerplate: tuple[tuple[str, re.Pattern[str]], ...]
    source_lines: tuple[re.Pattern[str], ...]


def _compiled(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """The resource file's regular expressions (Python syntax, ``re.MULTILINE``)."""
    return tuple(re.compile(pattern, re.MULTILINE) for pattern in patterns)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_resource("article_meta.json")
    return _Patterns(
        datelines=_compiled(data["datelines"]),
        not_places=frozenset(data["dateline_not_places"]),
        bylines=tuple(zip((b["role"] for b in data["bylines"]), _compiled([b["pattern"] for b in data["bylines"]]))),
        name_separators=_compiled([data["name_separators"]])[0],
        boilerplate=tuple(zip((b["id"] for b in data["boilerplate"]), _compiled([b["pattern"] for b in data["boilerplate"]]))),
        source_lines=_compiled(data["source_lines"]),
    )


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place: Optional[str]
    source: Optional[str]


def _clean(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" .,:-")
    return value or None


def read_dateline(text: str) -> Optional[Dateline]:
    """The dateline that opens the article: ``Badung (Antaranews Bali) -``, ``Singapura:``,
    ``Jakarta, CNN Indonesia - -``, ``Suara.com-``."""
    patterns = _patterns()
    for pattern in patterns.datelines:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        place = _clean(groups.get("place"))
        if place is not None and place in patterns.not_places:
            continue
        return Dateline(match.start(), match.end(), place, _clean(groups.get("source")))
    return None


def split_names(names: str) -> list[str]:
    """``Fulan, Fulana dan Fulanah`` → three names."""
    parts = _patterns().name_separators.split(names)
    return [name for name in (_clean(p) for p in parts) if name]


def read_bylines(text: str) -> tuple[dict[str, list[str]], list[tuple[int, int]]]:
    """People by role (``reporters``, ``editors``, ``photographers``) and the byline lines' ranges."""
    people: dict[str, list[str]] = {}
    ranges = []
    lines = lines_of(text)
    for role, pattern in _patterns().bylines:
        for match in finditer_lines(pattern, lines):
            if any(s < match.end() and match.start() < e for s, e in ranges):
                continue
            ranges.append((match.start(), match.end()))
            for name in split_names(match.group("names")):
                if name not in people.setdefault(role, []):
                    people[role].append(name)
    return people, sorted(ranges)


def boilerplate_matches(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, pattern id)`` of the boilerplate patterns: copyright lines, ``Baca juga:``,
    ``Simak:``, ``Selengkapnya:``, ``(Sumber: …)``, photo credits, closing initials, publication
    stamps, view counters, navigation, tag lists and share or subscription prompts."""
    found = []
    lines = lines_of(text)
    for pattern_id, pattern in _patterns().boilerplate:
        found.extend((m.start(), m.end(), pattern_id) for m in finditer_lines(pattern, lines) if m.end() > m.start())
    return found


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """The character ranges of :func:`boilerplate_matches`."""
    return [(start, end) for start, end, _ in boilerplate_matches(text)]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _source_line(text: str) -> Optional[str]:
    """The outlet named by a ``Selengkapnya:`` or ``Sumber:`` line, in that order of preference."""
    for pattern in _patterns().source_lines:
        match = pattern.search(text)
        source = _clean(match.group("source")) if match else None
        if source:
            return source
    return None


def read_article_meta(context: ExtractionContext, with_boilerplate: bool = True) -> tuple[ArticleMeta, list[tuple[int, int]]]:
    """The article's metadata and its boilerplate ranges (without the boilerplate patterns'
    matches unless ``with_boilerplate``)."""
    text = context.text
    article = context.article
    dateline = read_dateline(text)
    people, byline_ranges = read_bylines(text)
    ranges = (boilerplate_ranges(text) if with_boilerplate else []) + byline_ranges
    if dateline is not None:
        ranges.append((dateline.start, dateline.end))
    source = (dateline.source if dateline else None) or article.source
    source = source or _source_line(text)
    meta = ArticleMeta(
        title=article.title,
        url=article.url,
        dateline=dateline.place if dateline else None,
        source=source,
        reporters=people.get("reporters", []),
        editors=people.get("editors", []),
    )
    if people.get("photographers"):
        meta.photographers = people["photographers"]  # type: ignore[attr-defined]
    return meta, _merge(ranges)


def resolve_published(context: ExtractionContext) -> tuple[Optional[dt.date], Optional[str]]:
    """The input's ``published`` date, else what the text's dates tell (see
    :func:`extractor.normalize.dates.infer_published`)."""
    if context.article.published is not None:
        return context.article.published, "input"
    if context.published is not None:
        return context.published, context.published_source or "input"
    published, source = published_from_doc(context.doc)
    return published, source if published is not None else None


class ArticleMetaStage(Stage):
    name = "article"
    requires = frozenset({"spans:calendar", "spans:boilerplate"})
    provides = frozenset({"published", "boilerplate", "article_meta"})

    def __call__(self, context: ExtractionContext) -> None:
        from ..components.boilerplate import boilerplate_ranges as doc_boilerplate

        meta, _ = read_article_meta(context, with_boilerplate=False)
        # the boilerplate component has read the same lines: one place, doc.spans["boilerplate"]
        context.boilerplate = _merge([*context.boilerplate, *doc_boilerplate(context.doc)])
        context.published, context.published_source = resolve_published(context)
        meta.published = published_iso(context.published, context.published_source)
        meta.published_source = context.published_source
        meta.published_granularity = anchor_granularity(context.published_source) if context.published else None
        context.meta = meta
