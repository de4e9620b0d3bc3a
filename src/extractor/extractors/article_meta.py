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
from ..normalize.dates import anchor_granularity, published_iso
from ..resource_data import load_resource
from ..pipeline import ExtractionContext, Stage
from ..records import ArticleMeta

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Patterns:
    datelines: tuple[re.Pattern[str], ...]
    not_places: frozenset[str]
    bylines: tuple[tuple[str, re.Pattern[str]], ...]
    name_separators: re.Pattern[str]
    boilerplate: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_resource("article_meta.json")
    return _Patterns(
        datelines=tuple(re.compile(p) for p in data["datelines"]),
        not_places=frozenset(data["dateline_not_places"]),
        bylines=tuple((b["role"], re.compile(b["pattern"], re.MULTILINE)) for b in data["bylines"]),
        name_separators=re.compile(data["name_separators"]),
        boilerplate=tuple(re.compile(p, re.MULTILINE) for p in data["boilerplate"]),
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
    value = _WHITESPACE.sub(" ", value).strip(" .,:-")
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
    for role, pattern in _patterns().bylines:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in ranges):
                continue
            ranges.append((match.start(), match.end()))
            for name in split_names(match.group("names")):
                if name not in people.setdefault(role, []):
                    people[role].append(name)
    return people, sorted(ranges)


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Copyright lines, ``Baca juga:``, ``Selengkapnya:``, ``(Sumber: …)``, photo credits, closing initials."""
    ranges = []
    for pattern in _patterns().boilerplate:
        ranges.extend((m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start())
    return ranges


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _source_line(text: str, label: str) -> Optional[str]:
    match = re.search(rf"(?m)^[^\S\n]*\(?{label}[ \t\u00a0]*:[ \t\u00a0]*([^\n)]+)", text)
    return _clean(match.group(1)) if match else None


def read_article_meta(context: ExtractionContext) -> tuple[ArticleMeta, list[tuple[int, int]]]:
    """The article's metadata and its boilerplate ranges."""
    text = context.text
    article = context.article
    dateline = read_dateline(text)
    people, byline_ranges = read_bylines(text)
    ranges = boilerplate_ranges(text) + byline_ranges
    if dateline is not None:
        ranges.append((dateline.start, dateline.end))
    source = (dateline.source if dateline else None) or article.source
    source = source or _source_line(text, "Selengkapnya") or _source_line(text, "Sumber")
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
    requires = frozenset({"spans:calendar"})
    provides = frozenset({"published", "boilerplate", "article_meta"})

    def __call__(self, context: ExtractionContext) -> None:
        meta, ranges = read_article_meta(context)
        context.boilerplate = _merge([*context.boilerplate, *ranges])
        context.published, context.published_source = resolve_published(context)
        meta.published = published_iso(context.published, context.published_source)
        meta.published_source = context.published_source
        meta.published_granularity = anchor_granularity(context.published_source) if context.published else None
        context.meta = meta
