"""The spec's matching of predicted records to gold records, one document at a time.

Matching is one-to-one and greedy, best pair first. "Best" is, in this order: more spans that
are exactly equal, more overlapping characters, then (figures) the closer value. Ties are broken
by the records' content (offsets, then their JSON), never by their position in the list, so
shuffling the records does not change the result. Because matching is one-to-one, a duplicate
prediction (identical or overlapping the same gold record) is a false positive, and a gold
record annotated twice needs two predictions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence

from ..records import DocumentRecords, Span

FIGURE_TOLERANCE = 0.005
_SEPARATORS = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_string(value: Optional[str]) -> str:
    """Casefold, and collapse runs of whitespace and punctuation into one space."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", value).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def overlap(a: Span, b: Span) -> int:
    """Characters shared by two spans (0: they do not overlap, even when adjacent)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def values_close(gold: float, predicted: float, tolerance: float = FIGURE_TOLERANCE) -> bool:
    """Whether ``predicted`` is within ``tolerance`` (relative to gold) of ``gold``."""
    if gold == 0:
        return predicted == 0
    return abs(predicted - gold) <= tolerance * abs(gold)


def _span_key(span: Span) -> tuple[int, int, str]:
    return (span.start, span.end, span.text)


def record_order_key(record: Any) -> tuple:
    """A content key for deterministic tie-breaks: first span, all spans, then the whole record."""
    spans = getattr(record, "mentions", None)
    spans = sorted(_span_key(s) for s in spans) if spans is not None else [_span_key(record)]
    return (spans[0] if spans else (0, 0, ""), spans, record.model_dump_json(exclude={"rule", "score"}))


def _mention_pair_score(gold_spans: Sequence[Span], pred_spans: Sequence[Span]) -> tuple[int, int]:
    exact = 0
    shared = 0
    for g in gold_spans:
        for p in pred_spans:
            shared += overlap(g, p)
            exact += (g.start, g.end) == (p.start, p.end)
    return exact, shared


# A scorer returns None when two records cannot match, else a tuple: larger is a better match.
PairScorer = Callable[[Any, Any], Optional[tuple]]


def span_scorer(gold: Span, pred: Span) -> Optional[tuple]:
    shared = overlap(gold, pred)
    if shared == 0:
        return None
    return ((gold.start, gold.end) == (pred.start, pred.end), shared)


def date_scorer(gold: Any, pred: Any) -> Optional[tuple]:
    base = span_scorer(gold, pred)
    if base is None:
        return None
    if gold.value is not None and (gold.value != pred.value or gold.value_end != pred.value_end):
        return None
    return base


def figure_scorer(gold: Any, pred: Any) -> Optional[tuple]:
    base = span_scorer(gold, pred)
    if base is None or gold.kind != pred.kind or not values_close(gold.value, pred.value):
        return None
    return base + (-abs(pred.value - gold.value),)


def mentions_scorer(gold: Any, pred: Any) -> Optional[tuple]:
    exact, shared = _mention_pair_score(gold.mentions, pred.mentions)
    if shared == 0:
        return None
    return (exact, shared)


def area_scorer(gold: Any, pred: Any) -> Optional[tuple]:
    if gold.area != pred.area:
        return None
    exact, shared = _mention_pair_score(gold.mentions, pred.mentions)
    return (exact, shared)


# Attribute comparisons (a descriptor's ``ScoredAttribute.same``).


def same_string(gold: Optional[str], pred: Optional[str]) -> bool:
    return normalize_string(gold) == normalize_string(pred)


def same_country(gold: Optional[str], pred: Optional[str]) -> bool:
    return (gold or "").upper() == (pred or "").upper()


def same_value(gold: Any, pred: Any) -> bool:
    return gold == pred


def enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def same_enum(gold: Any, pred: Any) -> bool:
    return enum_value(gold) == enum_value(pred)


def location_contains(gold: Optional[str], pred: Optional[str]) -> bool:
    g, p = normalize_string(gold), normalize_string(pred)
    if not g or not p:
        return g == p
    return g in p or p in g


def same_set(gold: Iterable[str], pred: Iterable[str]) -> bool:
    return {normalize_string(x) for x in gold} == {normalize_string(x) for x in pred}


@dataclass
class Matching:
    """Result of matching one record type in one document (indices into the given lists)."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    unmatched_gold: list[int] = field(default_factory=list)
    unmatched_pred: list[int] = field(default_factory=list)

    @property
    def tp(self) -> int:
        return len(self.pairs)

    @property
    def fp(self) -> int:
        return len(self.unmatched_pred)

    @property
    def fn(self) -> int:
        return len(self.unmatched_gold)


def greedy_match(gold: Sequence[Any], pred: Sequence[Any], scorer: PairScorer) -> Matching:
    """One-to-one greedy matching, best-scoring pair first, ties broken by record content."""
    gold_keys = [record_order_key(r) for r in gold]
    pred_keys = [record_order_key(r) for r in pred]
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = scorer(g, p)
            if score is not None:
                candidates.append((score, gold_keys[gi], pred_keys[pi], gi, pi))
    # Best score first; then the earliest gold and prediction in text order.
    candidates.sort(key=lambda c: (_negate(c[0]), c[1], c[2], c[3], c[4]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    pairs.sort(key=lambda pair: gold_keys[pair[0]])
    return Matching(
        pairs=pairs,
        unmatched_gold=sorted((i for i in range(len(gold)) if i not in used_gold), key=lambda i: gold_keys[i]),
        unmatched_pred=sorted((i for i in range(len(pred)) if i not in used_pred), key=lambda i: pred_keys[i]),
    )


def _negate(score: tuple) -> tuple:
    return tuple(-float(x) for x in score)


def match_type(record_type: str, gold: DocumentRecords, pred: DocumentRecords, span_only: bool = False) -> Matching:
    """Match one record type of one document; ``span_only`` (dates, figures): overlap alone."""
    from ..record_types import record_type as descriptor

    scorer = span_scorer if span_only else descriptor(record_type).scorer
    return greedy_match(getattr(gold, record_type), getattr(pred, record_type), scorer)
