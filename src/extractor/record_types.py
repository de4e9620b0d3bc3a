"""The record-type registry: one :class:`RecordType` descriptor per kind of record.

A descriptor says everything the rest of the package needs to know about a record type: its
Pydantic model, the stage that builds it, how evaluation matches and scores it, how ``show``
and the evaluation report describe and highlight it, and its Label Studio label and per-region
controls. The extractor's output, the CLI, evaluation and Label Studio read this registry, so
adding a type is one :func:`register` call next to its model and builder::

    register(RecordType(name="treaties", model=Treaty, stage=TreatyStage, label="TREATY",
                        scorer=span_scorer, describe=lambda r: r.kind, columns=("text", "kind")))

Built-in types are registered below, in output order (the order of ``DocumentRecords``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from .evaluation import matching as m
from .records import DateRecord, Event, EventStatus, EventType, Figure, FigureKind, Granularity, Official
from .records import PriorityArea, PriorityAreaSlug, Record

# The Stage class (or "module:Class") that builds the records; imported when first needed.
StageRef = Union[str, Callable[[], Any]]


@dataclass(frozen=True)
class RegionField:
    """A Label Studio per-region control: its ``name``, the record field it fills, and its form."""

    control: str  # Label Studio control name (from_name)
    record_type: str
    attribute: str
    form: str  # "text", "int", "float", "comma_list", "semicolon_list" or "choice"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoredAttribute:
    """An attribute whose accuracy evaluation reports over matched pairs (``officials.title``)."""

    attribute: str
    same: Callable[[Any, Any], bool]


@dataclass(frozen=True)
class RecordType:
    name: str  # the output field: ``DocumentRecords.<name>`` is a list of ``model``
    model: type[Record]
    stage: Optional[StageRef]
    label: str  # Label Studio region label
    describe: Callable[[Any], str]  # the value column of the evaluation report
    columns: tuple[str, ...]  # the fields `extractor show` lists
    scorer: m.PairScorer = m.span_scorer  # evaluation's pair scorer
    highlight: str = "reverse"  # rich style of its spans in `extractor show`
    layer: int = 10  # `extractor show` lays highlights down by layer: a higher one wins on overlap
    label_background: str = "#7f7f7f"  # the label's colour in Label Studio
    region_fields: tuple[RegionField, ...] = ()
    required: tuple[str, ...] = ()  # fields a Label Studio record must give
    attributes: tuple[ScoredAttribute, ...] = ()
    span_only: bool = False  # also scored on spans alone
    marker: str = ""  # `extractor show`'s bracket marker when not coloured (``[…]{official}``); default: name
    title: str = ""  # the type as reports name it ("Priority area"); default: from name
    report_columns: tuple[str, ...] = ()  # the fields an HTML article page lists; default: columns and rule

    def __post_init__(self) -> None:
        if not self.marker:
            object.__setattr__(self, "marker", self.name)
        if not self.title:
            object.__setattr__(self, "title", self.name.replace("_", " ").capitalize().rstrip("s"))
        if not self.report_columns:
            object.__setattr__(self, "report_columns", (*(c for c in self.columns if c != "mentions"), "rule"))

    @property
    def has_mentions(self) -> bool:
        """Records with several ``mentions`` (officials); otherwise the record is its own span."""
        return "mentions" in self.model.model_fields

    def spans(self, record: Any) -> list[Any]:
        return list(record.mentions) if self.has_mentions else [record]

    def build_stage(self) -> Any:
        if self.stage is None:
            raise ValueError(f"record type {self.name!r} has no stage")
        if isinstance(self.stage, str):
            module, _, attribute = self.stage.partition(":")
            return getattr(importlib.import_module(module), attribute)()
        return self.stage()


_REGISTRY: dict[str, RecordType] = {}


def register(record_type: RecordType) -> RecordType:
    """Add (or replace) a record type; it then appears in output, CLI, evaluation, Label Studio."""
    clash = next((t for t in _REGISTRY.values() if t.label == record_type.label and t.name != record_type.name), None)
    if clash is not None:
        raise ValueError(f"record type {record_type.name!r}: label {record_type.label!r} is already {clash.name!r}'s")
    _REGISTRY[record_type.name] = record_type
    return record_type


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def record_types() -> tuple[RecordType, ...]:
    """Every registered type, built-ins first, in output order."""
    return tuple(_REGISTRY.values())


def record_type_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def record_type(name: str) -> RecordType:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no record type {name!r} is registered (known: {', '.join(_REGISTRY)})") from None


def by_label(label: str) -> Optional[RecordType]:
    return next((t for t in _REGISTRY.values() if t.label == label), None)


def _choices(enum: Any) -> tuple[str, ...]:
    return tuple(item.value for item in enum)


def _describe_date(record: DateRecord) -> str:
    return (record.value or "null") + (f"/{record.value_end}" if record.value_end else "")


def _describe_figure(record: Figure) -> str:
    return f"{record.kind.value} {record.value:g}" + (f" {record.unit}" if record.unit else "")


register(RecordType(
    name="officials",
    report_columns=("name", "title", "organization", "country", "rule", "score"),
    marker="official",
    title="Official",
    model=Official,
    stage="extractor.extractors.officials:OfficialsStage",
    label="OFFICIAL",
    label_background="#1f77b4",
    describe=lambda r: " | ".join(x for x in (r.name, r.title, r.country) if x),
    columns=("name", "title", "organization", "country", "mentions"),
    scorer=m.mentions_scorer,
    highlight="bold black on bright_cyan",
    layer=2,
    region_fields=(
        RegionField("official_name", "officials", "name", "text"),
        RegionField("official_title", "officials", "title", "text"),
        RegionField("official_organization", "officials", "organization", "text"),
        RegionField("official_country", "officials", "country", "text"),
    ),
    attributes=(ScoredAttribute("title", m.same_string), ScoredAttribute("country", m.same_country)),
))
register(RecordType(
    name="events",
    report_columns=("type", "name", "ordinal", "parties", "location", "start", "end", "chairs", "status", "rule"),
    marker="event",
    title="Event",
    model=Event,
    stage="extractor.extractors.events:EventsStage",
    label="EVENT",
    label_background="#d62728",
    describe=lambda r: f"{r.type.value}: {r.name}",
    columns=("type", "name", "ordinal", "parties", "location", "start", "end", "chairs", "status", "mentions"),
    scorer=m.mentions_scorer,
    highlight="bold white on magenta",
    layer=0,
    region_fields=(
        RegionField("event_type", "events", "type", "choice", _choices(EventType)),
        RegionField("event_name", "events", "name", "text"),
        RegionField("event_ordinal", "events", "ordinal", "int"),
        RegionField("event_parties", "events", "parties", "comma_list"),
        RegionField("event_location", "events", "location", "text"),
        RegionField("event_start", "events", "start", "text"),
        RegionField("event_end", "events", "end", "text"),
        RegionField("event_chairs", "events", "chairs", "semicolon_list"),
        RegionField("event_status", "events", "status", "choice", _choices(EventStatus)),
    ),
    required=("type",),
    attributes=(
        ScoredAttribute("type", m.same_enum),
        ScoredAttribute("ordinal", m.same_value),
        ScoredAttribute("location", m.location_contains),
        ScoredAttribute("start", m.same_value),
        ScoredAttribute("parties", m.same_set),
        ScoredAttribute("chairs", m.same_set),
    ),
))
register(RecordType(
    name="dates",
    report_columns=("text", "value", "value_end", "granularity", "rule"),
    marker="date",
    title="Date",
    model=DateRecord,
    stage="extractor.extractors.dates:DatesStage",
    label="DATE",
    label_background="#2ca02c",
    describe=_describe_date,
    columns=("text", "value", "value_end", "granularity", "start"),
    scorer=m.date_scorer,
    highlight="black on green",
    layer=3,
    region_fields=(
        RegionField("date_value", "dates", "value", "text"),
        RegionField("date_value_end", "dates", "value_end", "text"),
        RegionField("date_granularity", "dates", "granularity", "choice", _choices(Granularity)),
    ),
    required=("granularity",),
    span_only=True,
))
register(RecordType(
    name="priority_areas",
    report_columns=("area", "rule"),
    marker="area",
    title="Priority area",
    model=PriorityArea,
    stage="extractor.extractors.priority_areas:PriorityAreasStage",
    label="PRIORITY_AREA",
    label_background="#9467bd",
    describe=lambda r: r.area.value,
    columns=("area", "mentions"),
    scorer=m.area_scorer,
    highlight="black on yellow",
    layer=1,
    region_fields=(RegionField("priority_area", "priority_areas", "area", "choice", _choices(PriorityAreaSlug)),),
    required=("area",),
))
register(RecordType(
    name="figures",
    report_columns=("text", "kind", "value", "unit", "subject", "rule"),
    marker="figure",
    title="Figure",
    model=Figure,
    stage="extractor.extractors.figures:FiguresStage",
    label="FIGURE",
    label_background="#ff7f0e",
    describe=_describe_figure,
    columns=("text", "kind", "value", "unit", "subject", "start"),
    scorer=m.figure_scorer,
    highlight="bold white on red",
    layer=4,
    region_fields=(
        RegionField("figure_kind", "figures", "kind", "choice", _choices(FigureKind)),
        RegionField("figure_value", "figures", "value", "float"),
        RegionField("figure_unit", "figures", "unit", "text"),
        RegionField("figure_subject", "figures", "subject", "text"),
    ),
    required=("kind", "value"),
    span_only=True,
))
