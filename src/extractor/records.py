"""Pydantic records of ``extraction-spec.md``: the contract shared by the extractor, the gold
files and the scorer.

Field names and meanings follow the spec exactly; extra fields (``rule``, ``score``) help users
debug and filter. Span checks against the article text need the text, so they run in
:meth:`DocumentRecords.check_offsets` (and automatically when a ``text`` is passed in the
validation context: ``DocumentRecords.model_validate(obj, context={"text": text})``).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Iterator, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_iso_partial(value: Optional[str]) -> Optional[str]:
    """Validate an ISO 8601 calendar date, possibly partial: ``2016``, ``2016-05``, ``2016-05-19``."""
    if value is None:
        return None
    match = _ISO_PARTIAL.match(value)
    if not match:
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} has month {month} outside 01-12")
    if day is not None:
        import datetime

        try:
            datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a calendar date: {exc}") from None
    return value


def iso_not_before(value: str, value_end: str) -> bool:
    """Whether ``value_end`` does not precede ``value``; partial dates compare on their common prefix."""
    n = min(len(value), len(value_end))
    return value_end[:n] >= value[:n]


class Record(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=False)


class Span(Record):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} precedes start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text {self.text!r} has length {len(self.text)}, offsets say {self.end - self.start}"
            )
        return self


class EventType(str, Enum):
    meeting = "meeting"
    summit = "summit"
    conference = "conference"
    visit = "visit"
    signing = "signing"
    dialogue = "dialogue"
    other = "other"


class EventStatus(str, Enum):
    held = "held"
    planned = "planned"


class Granularity(str, Enum):
    day = "day"
    month = "month"
    year = "year"


class FigureKind(str, Enum):
    percent = "percent"
    money = "money"
    count = "count"
    quantity = "quantity"
    ordinal = "ordinal"
    duration = "duration"


class PriorityAreaSlug(str, Enum):
    counter_terrorism = "counter_terrorism"
    cybersecurity = "cybersecurity"
    disaster_management = "disaster_management"
    transnational_crime = "transnational_crime"
    maritime_security = "maritime_security"
    defence = "defence"
    economy_trade = "economy_trade"
    investment = "investment"
    energy = "energy"
    food_security = "food_security"
    health = "health"
    education = "education"
    science_technology = "science_technology"
    connectivity_infrastructure = "connectivity_infrastructure"
    tourism = "tourism"
    culture_people = "culture_people"
    environment_climate = "environment_climate"
    nuclear_nonproliferation = "nuclear_nonproliferation"
    digital_economy = "digital_economy"
    other = "other"


class Official(Record):
    name: str
    title: Optional[str] = None
    organization: Optional[str] = None
    country: Optional[str] = None
    mentions: list[Span] = Field(min_length=1)
    rule: Optional[str] = None
    score: Optional[float] = None

    @field_validator("country")
    @classmethod
    def _alpha2(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and not re.fullmatch(r"[A-Z]{2}", v):
            raise ValueError(f"country {v!r} is not an ISO 3166-1 alpha-2 code")
        return v


class Event(Record):
    type: EventType
    name: str
    ordinal: Optional[int] = None
    parties: list[str] = Field(default_factory=list)
    location: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    chairs: list[str] = Field(default_factory=list)
    status: Optional[EventStatus] = None
    mentions: list[Span] = Field(min_length=1)
    rule: Optional[str] = None
    score: Optional[float] = None

    _iso = field_validator("start", "end")(classmethod(lambda cls, v: check_iso_partial(v)))

    @field_validator("parties")
    @classmethod
    def _sorted_parties(cls, v: list[str]) -> list[str]:
        return sorted(set(v))

    @model_validator(mode="after")
    def _end_after_start(self) -> "Event":
        if self.start and self.end and not iso_not_before(self.start, self.end):
            raise ValueError(f"event end {self.end} precedes start {self.start}")
        return self


class DateRecord(Span):
    value: Optional[str] = None
    value_end: Optional[str] = None
    granularity: Granularity
    rule: Optional[str] = None
    score: Optional[float] = None

    _iso = field_validator("value", "value_end")(classmethod(lambda cls, v: check_iso_partial(v)))

    @model_validator(mode="after")
    def _range(self) -> "DateRecord":
        if self.value_end is not None:
            if self.value is None:
                raise ValueError("value_end given without value")
            if not iso_not_before(self.value, self.value_end):
                raise ValueError(f"value_end {self.value_end} precedes value {self.value}")
        return self


class PriorityArea(Record):
    area: PriorityAreaSlug
    mentions: list[Span] = Field(min_length=1)
    rule: Optional[str] = None
    score: Optional[float] = None


class Figure(Span):
    kind: FigureKind
    value: float
    unit: Optional[str] = None
    subject: Optional[str] = None
    rule: Optional[str] = None
    score: Optional[float] = None


class ArticleMeta(Record):
    """Unscored metadata read from the article's dateline, bylines and input fields."""

    title: Optional[str] = None
    url: Optional[str] = None
    dateline: Optional[str] = None
    source: Optional[str] = None
    reporters: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)
    published: Optional[str] = None
    published_source: Optional[str] = None
    # "day", or "year" when the source (a copyright line, the article's own years) gives only the
    # year: ``published`` is then ``2019``, never ``2019-01-01``
    published_granularity: Optional[str] = None
    language: Optional[str] = None  # "id", or "und" for text that does not look Indonesian

    _iso = field_validator("published")(classmethod(lambda cls, v: check_iso_partial(v)))


RECORD_TYPES = ("officials", "events", "dates", "priority_areas", "figures")


class DocumentRecords(Record):
    """Everything extracted from (or annotated on) one article: a gold file or one output line."""

    doc_id: str
    published: Optional[str] = None
    officials: list[Official] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)
    priority_areas: list[PriorityArea] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    article: Optional[ArticleMeta] = None

    _iso = field_validator("published")(classmethod(lambda cls, v: check_iso_partial(v)))

    @model_validator(mode="after")
    def _registered_extra_types(self) -> "DocumentRecords":
        """Lists under the name of a registered record type (not a built-in field) are read
        with that type's model, so that gold files and outputs of custom types round-trip."""
        extra = self.model_extra
        if extra:
            from .record_types import record_type_names, record_type

            for kind in [k for k in extra if k in record_type_names()]:
                model = record_type(kind).model
                extra[kind] = [item if isinstance(item, model) else model.model_validate(item) for item in extra[kind]]
        return self

    @model_validator(mode="after")
    def _offsets_from_context(self, info: ValidationInfo) -> "DocumentRecords":
        context: Any = info.context
        if isinstance(context, dict) and context.get("text") is not None:
            problems = self.offset_problems(context["text"])
            if problems:
                raise ValueError("; ".join(problems))
        return self

    def record_lists(self) -> Iterator[tuple[str, list[Any]]]:
        """``(record type, records)`` for the built-in lists, then for any other record type
        (a custom stage's records, kept as extra fields)."""
        for kind in RECORD_TYPES:
            yield kind, getattr(self, kind)
        for kind, value in (self.model_extra or {}).items():
            if isinstance(value, list):
                yield kind, value

    def iter_spans(self) -> Iterator[tuple[str, int, str, Span]]:
        """Yield ``(record_type, index, field, span)`` for every span in the document."""
        for kind, i, j, span in self._located_spans():
            yield kind, i, "span" if j is None else f"mentions[{j}]", span

    def _located_spans(self) -> Iterator[tuple[str, int, Optional[int], Span]]:
        """``(record_type, index, mention index or None for a record that is a span, span)``."""
        for kind, records in self.record_lists():
            for i, record in enumerate(records):
                mentions = getattr(record, "mentions", None)
                if mentions is not None:
                    for j, span in enumerate(mentions):
                        yield kind, i, j, span
                elif isinstance(record, Span):
                    yield kind, i, None, record

    def offset_problems(self, text: str) -> list[str]:
        """Describe every span whose ``text`` differs from ``text[start:end]``."""
        problems = []
        for kind, i, field, span in self.iter_spans():
            actual = text[span.start : span.end]
            if span.end > len(text) or actual != span.text:
                problems.append(
                    f"{kind}[{i}].{field}: text {span.text!r} != document text[{span.start}:{span.end}] {actual!r}"
                )
        return problems

    def check_offsets(self, text: str) -> None:
        if all(text[span.start : span.end] == span.text and span.end <= len(text) for *_, span in self._located_spans()):
            return  # the usual case, without naming each span
        raise ValueError(f"document {self.doc_id}: " + "; ".join(self.offset_problems(text)))

    # Flat rows for spreadsheets (CSV export): one row per record.

    @staticmethod
    def row_fields(record_type: str) -> list[str]:
        """Column names of :meth:`to_rows` for ``record_type``: the document id, the record's
        (first) span, then every field of the record type in the model's order."""
        from .record_types import record_type as descriptor

        model = descriptor(record_type).model
        span_fields = ("start", "end", "text") if issubclass(model, Span) else ()  # an event's start/end are dates
        fields = [name for name in model.model_fields if name not in (*span_fields, "mentions")]
        mentions = ["mentions"] if "mentions" in model.model_fields else []
        return ["doc_id", "span_start", "span_end", "span_text", *fields, *mentions]

    def to_rows(self, record_type: str) -> list[dict[str, Any]]:
        """The records of ``record_type`` as flat rows (``row_fields`` keys): lists joined with
        ``"; "``, mentions as ``text@start-end``, enums as their values, missing values empty."""
        from .record_types import record_type_names

        if record_type not in record_type_names():
            raise ValueError(f"record type {record_type!r} is not one of {', '.join(record_type_names())}")
        columns = self.row_fields(record_type)
        rows = []
        for record in dict(self.record_lists()).get(record_type, []):
            spans = sorted(record.mentions, key=lambda s: (s.start, s.end)) if hasattr(record, "mentions") else [record]
            row: dict[str, Any] = {"doc_id": self.doc_id, "span_start": spans[0].start, "span_end": spans[0].end,
                                   "span_text": spans[0].text}
            for name in columns[4:]:
                value = getattr(record, name)
                if name == "mentions":
                    row[name] = "; ".join(f"{span.text}@{span.start}-{span.end}" for span in spans)
                else:
                    row[name] = _cell_value(value)
            rows.append(row)
        return rows


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return "; ".join(str(_cell_value(item)) for item in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
