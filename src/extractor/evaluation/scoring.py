"""Scores of predictions against gold: per type, overall micro-average, span-only, attributes.

Attribute accuracy is computed over all matched pairs; a pair where both gold and prediction
leave an attribute empty counts as correct (predicting an attribute the gold does not have is
an error, and so is missing one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from ..record_types import record_type_names, record_types
from ..records import DocumentRecords
from .matching import Matching, enum_value, match_type


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.accuracy, 4)}


def span_only_types() -> tuple[str, ...]:
    return tuple(t.name for t in record_types() if t.span_only)


def scored_attributes() -> list[tuple[str, str, str, Callable[[Any, Any], bool]]]:
    """``(name, record type, attribute, comparison)`` of every registered type's scored attributes."""
    return [
        (f"{t.name}.{a.attribute}", t.name, a.attribute, a.same) for t in record_types() for a in t.attributes
    ]


@dataclass
class AttributeMismatch:
    """One wrong attribute on a matched pair, for the report."""

    attribute: str
    gold_index: int
    pred_index: int
    gold: Any
    pred: Any


@dataclass
class DocumentResult:
    doc_id: str
    gold: DocumentRecords
    pred: DocumentRecords
    matchings: dict[str, Matching] = field(default_factory=dict)
    span_only: dict[str, Matching] = field(default_factory=dict)
    attribute_errors: list[AttributeMismatch] = field(default_factory=list)


@dataclass
class Evaluation:
    documents: list[DocumentResult]
    scores: dict[str, Counts]
    span_only: dict[str, Counts]
    attributes: dict[str, Accuracy]

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of the spec (plus ``span_only``)."""
        return {
            "documents": len(self.documents),
            "scores": {name: counts.as_dict() for name, counts in self.scores.items()},
            "span_only": {name: counts.as_dict() for name, counts in self.span_only.items()},
            "attributes": {name: acc.as_dict() for name, acc in self.attributes.items()},
        }


def score_document(gold: DocumentRecords, pred: DocumentRecords) -> DocumentResult:
    result = DocumentResult(doc_id=gold.doc_id, gold=gold, pred=pred)
    for record_type in record_type_names():
        result.matchings[record_type] = match_type(record_type, gold, pred)
    for record_type in span_only_types():
        result.span_only[record_type] = match_type(record_type, gold, pred, span_only=True)
    for name, record_type, attribute, same in scored_attributes():
        gold_records, pred_records = getattr(gold, record_type), getattr(pred, record_type)
        for gi, pi in result.matchings[record_type].pairs:
            g, p = getattr(gold_records[gi], attribute), getattr(pred_records[pi], attribute)
            if not same(g, p):
                result.attribute_errors.append(AttributeMismatch(name, gi, pi, enum_value(g), enum_value(p)))
    return result


def evaluate(gold: dict[str, DocumentRecords], predictions: dict[str, DocumentRecords]) -> Evaluation:
    """Score every gold document; a document without a prediction counts as predicting nothing.

    Predictions for documents without gold are ignored.
    """
    documents = []
    for doc_id in sorted(gold):
        pred = predictions.get(doc_id) or DocumentRecords(doc_id=doc_id)
        documents.append(score_document(gold[doc_id], pred))
    return aggregate(documents)


def aggregate(documents: list[DocumentResult]) -> Evaluation:
    scores = {record_type: Counts() for record_type in record_type_names()}
    span_only = {record_type: Counts() for record_type in span_only_types()}
    attributes = {name: Accuracy() for name, *_ in scored_attributes()}
    for doc in documents:
        for record_type, matching in doc.matchings.items():
            scores[record_type].add(Counts(matching.tp, matching.fp, matching.fn))
        for record_type, matching in doc.span_only.items():
            span_only[record_type].add(Counts(matching.tp, matching.fp, matching.fn))
        wrong = Counter(error.attribute for error in doc.attribute_errors)
        for name, record_type, *_ in scored_attributes():
            matched = doc.matchings[record_type].tp
            attributes[name].total += matched
            attributes[name].correct += matched - wrong[name]
    overall = Counts()
    for counts in scores.values():
        overall.add(counts)
    scores["overall"] = overall
    return Evaluation(documents=documents, scores=scores, span_only=span_only, attributes=attributes)
