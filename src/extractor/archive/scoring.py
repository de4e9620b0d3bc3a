"""Scoring the archive's clustering against cross-article gold (``data/annotations/archive/``).

Gold format (``docs/archive.md``): ``persons.json`` maps name forms (one ``[doc_id, name]`` per
document and person) to persons; ``events.json`` maps reports (one ``[doc_id, surface]`` per
document and event, the surface's first occurrence in the text being the mention meant) to real
events.

Alignment, per document: a person form goes to the predicted official whose ``name`` equals it
after normalisation (casefold, whitespace and punctuation collapsed), failing that to one of
whose mentions' text equals it; an event report goes to the predicted event one of whose
mentions overlaps the surface's first occurrence (most overlap wins). The predicted cluster of an
aligned item is its official's person or its event's archive event; an unaligned item is a
singleton of its own.

Scores over the gold items: pairwise precision/recall/F1 (pairs of items in one cluster) and
B-cubed precision/recall/F1 (per item, averaged). ``all`` counts unaligned items as predicted
singletons; ``aligned`` scores the aligned items only (clustering quality apart from extraction
misses). Items of predicted clusters that the gold does not mention are not scored.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Hashable, Iterable, Optional, Union

from ..evaluation.matching import normalize_string

PathLike = Union[str, Path]


class ArchiveGoldError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class GoldItem:
    cluster: str  # person or event slug
    doc_id: str
    surface: str  # the name form or the event's surface


@dataclass
class ArchiveGold:
    persons: list[GoldItem] = field(default_factory=list)
    events: list[GoldItem] = field(default_factory=list)

    @property
    def doc_ids(self) -> set[str]:
        return {item.doc_id for item in self.persons + self.events}


def _read_json(path: Path, problems: list[str]) -> Optional[Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        problems.append(f"{path}: cannot read: {error.strerror or error}")
    except json.JSONDecodeError as error:
        problems.append(f"{path}: invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})")
    except UnicodeDecodeError as error:
        problems.append(f"{path}: not UTF-8: {error}")
    return None


def _read_clusters(path: Path, top: str, slug_field: str, items_field: str, problems: list[str]) -> list[GoldItem]:
    data = _read_json(path, problems)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(top), list):
        problems.append(f"{path}: expected an object {{\"{top}\": [...]}}")
        return []
    items: list[GoldItem] = []
    seen_slugs: set[str] = set()
    seen_pairs: dict[tuple[str, str], str] = {}
    for number, entry in enumerate(data[top]):
        where = f"{path}: {top}[{number}]"
        if not isinstance(entry, dict) or not isinstance(entry.get(slug_field), str) or not entry[slug_field]:
            problems.append(f"{where}: needs a string `{slug_field}`")
            continue
        slug = entry[slug_field]
        where = f"{path}: {top}[{number}] ({slug})"
        if slug in seen_slugs:
            problems.append(f"{where}: duplicate `{slug_field}`")
        seen_slugs.add(slug)
        pairs = entry.get(items_field)
        if not isinstance(pairs, list) or not pairs:
            problems.append(f"{where}: `{items_field}` must be a non-empty list of [doc_id, text]")
            continue
        docs_here: set[str] = set()
        for j, pair in enumerate(pairs):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
                problems.append(f"{where}: {items_field}[{j}]: expected [doc_id, text], got {pair!r}")
                continue
            doc_id, surface = pair
            if doc_id in docs_here:
                problems.append(f"{where}: {items_field}[{j}]: a second entry for document {doc_id!r} (one per document)")
                continue
            docs_here.add(doc_id)
            key = (doc_id, normalize_string(surface)) if top == "persons" else (doc_id, surface + "\0" + slug)
            if top == "persons" and key in seen_pairs:
                problems.append(f"{where}: {items_field}[{j}]: {pair!r} is already a form of {seen_pairs[key]!r}")
                continue
            seen_pairs[key] = slug
            items.append(GoldItem(slug, doc_id, surface))
    return items


def load_archive_gold(gold_dir: PathLike, texts: Optional[dict[str, str]] = None) -> ArchiveGold:
    """``persons.json`` and ``events.json`` of ``gold_dir``; with ``texts`` (doc id → text) every
    document must be known and every event surface must occur in its text."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise ArchiveGoldError([f"{gold_dir}: not a directory"])
    problems: list[str] = []
    gold = ArchiveGold()
    persons_path, events_path = gold_dir / "persons.json", gold_dir / "events.json"
    if not persons_path.exists() and not events_path.exists():
        raise ArchiveGoldError([f"{gold_dir}: holds neither persons.json nor events.json"])
    if persons_path.exists():
        gold.persons = _read_clusters(persons_path, "persons", "person", "forms", problems)
    if events_path.exists():
        gold.events = _read_clusters(events_path, "events", "event", "reports", problems)
    if texts is not None:
        for kind, items in (("persons", gold.persons), ("events", gold.events)):
            path = gold_dir / f"{kind}.json"
            for item in items:
                text = texts.get(item.doc_id)
                if text is None:
                    problems.append(f"{path}: {item.cluster}: no raw document {item.doc_id!r} in the raw input")
                elif kind == "events" and item.surface not in text:
                    problems.append(f"{path}: {item.cluster}: surface {item.surface!r} does not occur in {item.doc_id}")
    if problems:
        raise ArchiveGoldError(problems)
    return gold


# --- alignment -------------------------------------------------------------------------------


def align_persons(conn: sqlite3.Connection, items: Iterable[GoldItem]) -> dict[GoldItem, Optional[int]]:
    """Each gold form → the person id of its predicted official (``None``: no official fits)."""
    officials: dict[str, list[sqlite3.Row]] = defaultdict(list)
    mentions: dict[int, set[str]] = defaultdict(set)
    items = list(items)
    docs = sorted({i.doc_id for i in items})
    for chunk in _chunks(docs):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT o.official_id, o.doc_id, o.name, po.person_id FROM officials o"
            f" LEFT JOIN person_officials po USING (official_id) WHERE o.doc_id IN ({marks}) ORDER BY o.official_id",
            chunk,
        ):
            officials[row["doc_id"]].append(row)
        for row in conn.execute(
            f"SELECT record_id, text FROM mentions WHERE record_type = 'officials' AND doc_id IN ({marks})", chunk
        ):
            mentions[row[0]].add(normalize_string(row[1]))
    aligned: dict[GoldItem, Optional[int]] = {}
    for item in items:
        wanted = normalize_string(item.surface)
        candidates = officials.get(item.doc_id, [])
        match = next((o for o in candidates if normalize_string(o["name"]) == wanted), None)
        if match is None:
            match = next((o for o in candidates if wanted in mentions[o["official_id"]]), None)
        aligned[item] = match["person_id"] if match is not None else None
    return aligned


def align_events(conn: sqlite3.Connection, items: Iterable[GoldItem], texts: dict[str, str]) -> dict[GoldItem, Optional[int]]:
    """Each gold report → the archive event of the predicted event whose mention overlaps the
    surface's first occurrence most (``None``: none overlaps)."""
    items = list(items)
    spans: dict[str, list[tuple[int, int, Optional[int]]]] = defaultdict(list)
    for chunk in _chunks(sorted({i.doc_id for i in items})):
        for row in conn.execute(
            f'SELECT m.doc_id, m.start, m."end", s.archive_event_id FROM mentions m'
            f" LEFT JOIN archive_event_sources s ON s.event_id = m.record_id"
            f" WHERE m.record_type = 'events' AND m.doc_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            spans[row[0]].append((row[1], row[2], row[3]))
    aligned: dict[GoldItem, Optional[int]] = {}
    for item in items:
        text = texts.get(item.doc_id, "")
        start = text.find(item.surface)
        best: tuple[int, Optional[int]] = (0, None)
        if start >= 0:
            end = start + len(item.surface)
            for m_start, m_end, archive_id in spans.get(item.doc_id, []):
                shared = min(end, m_end) - max(start, m_start)
                if shared > best[0]:
                    best = (shared, archive_id)
        aligned[item] = best[1]
    return aligned


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# --- clustering scores -----------------------------------------------------------------------


def _prf(tp: float, predicted: float, gold: float) -> dict[str, float]:
    precision = tp / predicted if predicted else 1.0
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def pairwise(gold: list[Hashable], predicted: list[Hashable]) -> dict[str, Any]:
    """Pairwise P/R/F1 of a predicted clustering of items against the gold one (labels per item)."""
    same_gold = same_pred = both = 0
    for i, j in combinations(range(len(gold)), 2):
        g = gold[i] == gold[j]
        p = predicted[i] == predicted[j]
        same_gold += g
        same_pred += p
        both += g and p
    return {"tp": both, "predicted_pairs": same_pred, "gold_pairs": same_gold, **_prf(both, same_pred, same_gold)}


def bcubed(gold: list[Hashable], predicted: list[Hashable]) -> dict[str, Any]:
    """B-cubed P/R/F1: per item, the share of its predicted cluster in its gold cluster (precision)
    and of its gold cluster in its predicted cluster (recall), averaged over items."""
    if not gold:
        return _prf(0, 0, 0)
    pair_counts = Counter(zip(gold, predicted))
    gold_sizes, pred_sizes = Counter(gold), Counter(predicted)
    precision = sum(pair_counts[(g, p)] / pred_sizes[p] for g, p in zip(gold, predicted)) / len(gold)
    recall = sum(pair_counts[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_clusters(aligned: dict[GoldItem, Optional[int]]) -> dict[str, Any]:
    items = sorted(aligned, key=lambda i: (i.cluster, i.doc_id, i.surface))
    gold_labels = [i.cluster for i in items]
    predicted = [aligned[i] if aligned[i] is not None else ("unaligned", n) for n, i in enumerate(items)]
    kept = [n for n, i in enumerate(items) if aligned[i] is not None]
    return {
        "items": len(items),
        "clusters": len(set(gold_labels)),
        "multi_document_clusters": sum(1 for c in Counter(gold_labels).values() if c > 1),
        "documents": len({i.doc_id for i in items}),
        "unaligned": len(items) - len(kept),
        "unaligned_items": [[i.doc_id, i.surface] for i in items if aligned[i] is None],
        "all": {"pairwise": pairwise(gold_labels, predicted), "bcubed": bcubed(gold_labels, predicted)},
        "aligned": {
            "pairwise": pairwise([gold_labels[n] for n in kept], [predicted[n] for n in kept]),
            "bcubed": bcubed([gold_labels[n] for n in kept], [predicted[n] for n in kept]),
        },
        "errors": _cluster_errors(items, aligned),
    }


def _cluster_errors(items: list[GoldItem], aligned: dict[GoldItem, Optional[int]]) -> dict[str, list]:
    """Gold clusters split over several predicted clusters, and predicted clusters joining several
    gold clusters: what to read when a score drops."""
    by_gold: dict[str, set] = defaultdict(set)
    by_pred: dict[int, set[str]] = defaultdict(set)
    for item in items:
        label = aligned[item]
        if label is None:
            continue
        by_gold[item.cluster].add(label)
        by_pred[label].add(item.cluster)
    split = [
        {
            "gold": cluster,
            "predicted": len(labels),
            "groups": [
                sorted(f"{i.doc_id}: {i.surface}" for i in items if i.cluster == cluster and aligned[i] == label)
                for label in sorted(labels, key=str)
            ],
        }
        for cluster, labels in sorted(by_gold.items()) if len(labels) > 1
    ]
    joined = [sorted(clusters) for _, clusters in sorted(by_pred.items()) if len(clusters) > 1]
    return {"split": split, "joined": joined}


def evaluate_archive(conn: sqlite3.Connection, gold: ArchiveGold, texts: dict[str, str]) -> dict[str, Any]:
    """Scores of the archive in ``conn`` against ``gold``: ``{"persons": ..., "events": ...}``."""
    result: dict[str, Any] = {"documents": len(gold.doc_ids)}
    if gold.persons:
        result["persons"] = score_clusters(align_persons(conn, gold.persons))
    if gold.events:
        result["events"] = score_clusters(align_events(conn, gold.events, texts))
    return result


def print_archive_report(result: dict[str, Any], handle) -> None:
    handle.write(f"archive gold: {result['documents']} documents\n")
    handle.write(f"{'':8} {'items':>5} {'clusters':>8} {'multi':>5} {'unaligned':>9}   "
                 f"{'pair P':>6} {'pair R':>6} {'pair F1':>7}   {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}   aligned-only pair F1 / B3 F1\n")
    for kind in ("persons", "events"):
        if kind not in result:
            continue
        r = result[kind]
        p, b = r["all"]["pairwise"], r["all"]["bcubed"]
        ap, ab = r["aligned"]["pairwise"], r["aligned"]["bcubed"]
        handle.write(
            f"{kind:8} {r['items']:5} {r['clusters']:8} {r['multi_document_clusters']:5} {r['unaligned']:9}   "
            f"{p['precision']:6.3f} {p['recall']:6.3f} {p['f1']:7.3f}   {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f}   "
            f"{ap['f1']:.3f} / {ab['f1']:.3f}\n"
        )
    for kind in ("persons", "events"):
        if kind not in result:
            continue
        errors = result[kind]["errors"]
        for split in errors["split"]:
            groups = " | ".join("; ".join(group[:4]) + (" ..." if len(group) > 4 else "") for group in split["groups"])
            handle.write(f"  {kind} split: {split['gold']} over {split['predicted']} predicted clusters: {groups}\n")
        for joined in errors["joined"]:
            handle.write(f"  {kind} joined: {', '.join(joined)}\n")
        for doc_id, surface in result[kind]["unaligned_items"][:30]:
            handle.write(f"  {kind} unaligned: {doc_id}: {surface!r}\n")
