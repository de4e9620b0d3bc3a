"""Stages of the extraction pipeline and the context they share.

Each stage is one class, in the manner of Stanza's processors: it declares what it ``requires``
and what it ``provides``, and :class:`ExtractionPipeline` checks at construction that every
requirement is provided by an earlier stage. The work itself lives in pure functions
``extract_<type>(doc, context) -> Iterable[Record]`` in :mod:`extractor.extractors`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Optional, Sequence

from spacy.tokens import Doc

from .document import Article
from .records import ArticleMeta

if TYPE_CHECKING:
    from .components import ComponentInfo


@dataclass
class ExtractionContext:
    """What the stages know about one article, filled in stage by stage."""

    article: Article
    doc: Doc
    published: Optional[dt.date] = None
    published_source: Optional[str] = None  # "input", "text", "copyright", "inferred" or None
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    # Character ranges of bylines, copyright lines and other boilerplate: no record comes from them.
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    records: dict[str, list[Any]] = field(default_factory=dict)
    _boilerplate_index: tuple = field(default=(None, [], []), repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    def in_boilerplate(self, start: int, end: int) -> bool:
        ranges = self.boilerplate
        if len(ranges) <= 16:
            return any(start < b_end and b_start < end for b_start, b_end in ranges)
        # Many ranges (a page of "Baca juga:" lines): bisect their merged form, built once per list.
        key = (id(ranges), len(ranges))
        if self._boilerplate_index[0] != key:
            merged: list[list[int]] = []
            for b_start, b_end in sorted(ranges):
                if merged and b_start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], b_end)
                else:
                    merged.append([b_start, b_end])
            self._boilerplate_index = (key, [r[0] for r in merged], [r[1] for r in merged])
        _, starts, ends = self._boilerplate_index
        index = bisect.bisect_left(starts, end)  # ranges starting before ``end``; the last may reach ``start``
        return index > 0 and ends[index - 1] > start


class Stage:
    """One step of the pipeline. Subclasses set ``name``, ``requires``, ``provides``."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, context: ExtractionContext) -> None:
        raise NotImplementedError


class RecordStage(Stage):
    """A stage that runs one extractor function, ``extractor(doc, context)``, and stores its
    records under ``name``, which is what it provides unless the subclass says otherwise."""

    extractor: ClassVar[Callable[[Doc, ExtractionContext], Iterable[Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__ and "provides" not in cls.__dict__:
            cls.provides = frozenset({cls.name})

    def extract(self, doc: Doc, context: ExtractionContext) -> Iterable[Any]:
        return type(self).extractor(doc, context)

    def __call__(self, context: ExtractionContext) -> None:
        context.records[self.name] = list(self.extract(context.doc, context))


class ExtractionPipeline:
    """An ordered list of stages whose requirements are checked once, at construction."""

    def __init__(self, stages: Sequence[Stage], components: Optional[Sequence["ComponentInfo"]] = None):
        from .components import assigned_by, check_components
        from .components import components as registered

        self.components = list(registered() if components is None else components)
        available: set[str] = {"article", *check_components(self.components)}
        for stage in stages:
            missing = set(stage.requires) - available
            if missing:
                owners = {m: assigned_by(m) for m in sorted(missing)}
                hints = "; ".join(f"{m} is assigned by component {o!r}, which is not in the pipeline" for m, o in owners.items() if o)
                raise ValueError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no component or earlier stage provides"
                    + (f" ({hints})" if hints else "")
                )
            available |= set(stage.provides)
        self.stages = list(stages)

    def __call__(self, context: ExtractionContext) -> ExtractionContext:
        for stage in self.stages:
            stage(context)
        return context
