"""Scores for the trained models: token and sentence F1 on character spans, entity F1 on tag sequences."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

Span = tuple[int, int]


@dataclass(frozen=True)
class PRF:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.predicted + self.gold
        return 2 * self.true_positives / total if total else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(100 * self.precision, 2),
            "recall": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
            "gold": self.gold,
            "predicted": self.predicted,
        }


def span_prf(predicted: Iterable, gold: Iterable) -> PRF:
    """Exact-match precision/recall/F1 over multisets of hashable spans."""
    predicted_counts = Counter(predicted)
    gold_counts = Counter(gold)
    matched = sum((predicted_counts & gold_counts).values())
    return PRF(matched, sum(predicted_counts.values()), sum(gold_counts.values()))


def strip_span(text: str, span: Span) -> Span:
    """The span without leading and trailing whitespace (sentence scoring ignores whitespace)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_prf(text: str, predicted: Iterable[Span], gold: Iterable[Span]) -> PRF:
    return span_prf((strip_span(text, span) for span in predicted), (strip_span(text, span) for span in gold))


def entity_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first token, last token + 1) for BIO or BIOES tags; a stray I-/E- starts an entity."""
    spans = []
    current_type: str | None = None
    current_start = 0
    for index, tag in enumerate(list(tags) + ["O"]):
        prefix, _, entity_type = tag.partition("-")
        continues = current_type is not None and prefix in ("I", "E") and entity_type == current_type
        if current_type is not None and not continues:
            spans.append((current_type, current_start, index))
            current_type = None
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            current_type, current_start = entity_type, index
        if current_type is not None and prefix in ("E", "S"):
            spans.append((current_type, current_start, index + 1))
            current_type = None
    return spans


def entity_scores(
    predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]], types: Sequence[str] = ("PER", "ORG", "LOC")
) -> dict[str, dict]:
    """Exact entity-span scores overall and per type; sentences are aligned lists of tags."""
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted sentences for {len(gold)} gold sentences")
    predicted_entities = []
    gold_entities = []
    for sentence_index, (predicted_tags, gold_tags) in enumerate(zip(predicted, gold)):
        if len(predicted_tags) != len(gold_tags):
            raise ValueError(f"sentence {sentence_index}: {len(predicted_tags)} predicted tags for {len(gold_tags)} gold tags")
        predicted_entities += [(sentence_index, *span) for span in entity_spans(predicted_tags)]
        gold_entities += [(sentence_index, *span) for span in entity_spans(gold_tags)]
    scores = {"overall": span_prf(predicted_entities, gold_entities).as_dict()}
    for entity_type in types:
        scores[entity_type] = span_prf(
            (entity for entity in predicted_entities if entity[1] == entity_type),
            (entity for entity in gold_entities if entity[1] == entity_type),
        ).as_dict()
    return scores
