"""Readable evaluation report: score tables, then each document's errors (what to fix)."""

from __future__ import annotations

from typing import Any, Optional, TextIO

from rich.console import Console
from rich.table import Table

from ..record_types import record_type as record_type_of
from ..record_types import record_type_names
from .scoring import Evaluation


def _first_span(record: Any) -> Any:
    mentions = getattr(record, "mentions", None)
    if mentions is None:
        return record
    return min(mentions, key=lambda s: (s.start, s.end))


def describe_record(record_type: str, record: Any) -> tuple[str, str, str]:
    """``(span text, offsets, value)`` of a record for the error listing."""
    span = _first_span(record)
    offsets = f"{span.start}-{span.end}"
    value = record_type_of(record_type).describe(record)
    mentions = getattr(record, "mentions", None)
    if mentions is not None and len(mentions) > 1:
        offsets += f" (+{len(mentions) - 1} more)"
    return span.text, offsets, value


def _scores_table(evaluation: Evaluation) -> Table:
    table = Table(title=f"Scores over {len(evaluation.documents)} documents")
    for column in ("type", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    rows = [(name, counts) for name, counts in evaluation.scores.items()]
    rows += [(f"{name} (span only)", counts) for name, counts in evaluation.span_only.items()]
    for name, counts in rows:
        table.add_row(
            name, str(counts.tp), str(counts.fp), str(counts.fn),
            f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}",
            style="bold" if name == "overall" else None,
        )
    return table


def _attributes_table(evaluation: Evaluation) -> Table:
    table = Table(title="Attribute accuracy over matched pairs")
    for column in ("attribute", "correct", "total", "accuracy"):
        table.add_column(column, justify="left" if column == "attribute" else "right")
    for name, acc in evaluation.attributes.items():
        table.add_row(name, str(acc.correct), str(acc.total), f"{acc.accuracy:.3f}")
    return table


def _document_table(result: Any) -> Optional[Table]:
    table = Table(title=f"{result.doc_id}", title_justify="left", show_lines=False)
    for column in ("error", "type", "text", "offsets", "value"):
        table.add_column(column, overflow="fold")
    rows = 0
    for record_type in record_type_names():
        matching = result.matchings[record_type]
        gold_records, pred_records = getattr(result.gold, record_type), getattr(result.pred, record_type)
        for label, indices, records in (("FN", matching.unmatched_gold, gold_records), ("FP", matching.unmatched_pred, pred_records)):
            for i in indices:
                table.add_row(label, record_type, *describe_record(record_type, records[i]),
                              style="red" if label == "FN" else "yellow")
                rows += 1
    for error in result.attribute_errors:
        record_type = error.attribute.split(".")[0]
        gold_record = getattr(result.gold, record_type)[error.gold_index]
        text, offsets, _ = describe_record(record_type, gold_record)
        table.add_row("ATTR", error.attribute, text, offsets, f"gold {error.gold!r} / pred {error.pred!r}", style="cyan")
        rows += 1
    return table if rows else None


def print_report(evaluation: Evaluation, file: Optional[TextIO] = None, width: Optional[int] = None) -> None:
    """Score tables, attribute table, then per document its false negatives, false positives
    and wrong attributes."""
    console = Console(file=file, width=width, highlight=False, soft_wrap=False)
    console.print(_scores_table(evaluation))
    console.print(_attributes_table(evaluation))
    for result in evaluation.documents:
        table = _document_table(result)
        if table is None:
            console.print(f"{result.doc_id}: no errors")
        else:
            console.print(table)
