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

Parts (``split.json`` of the gold folder): the held-out clusters it lists and the tune part
(every other cluster). A part is scored on its own items only, so a predicted cluster joining a
tune and a held-out cluster costs neither part (``all`` sees it).

Events are also scored apart from extraction: ``records`` are the aligned reports without those
that share their event record with a report of another gold event (one record standing for two
events: an extraction decision the resolver cannot undo), the resolver's own score;
``ceiling`` (persons too) is the end-to-end score a perfect resolver would reach on this
extraction.
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


PARTS = ("all", "tune", "held-out")
MISSING_SHOWN = 3  # documents named when raw documents are missing


def load_split(gold_dir: PathLike) -> dict[str, set[str]]:
    """The held-out cluster slugs of ``split.json``: ``{"persons": {...}, "events": {...}}``."""
    path = Path(gold_dir) / "split.json"
    problems: list[str] = []
    data = _read_json(path, problems) if path.exists() else None
    if not path.exists():
        problems.append(f"{path}: no split file (needed for --part tune/held-out)")
    elif data is not None:
        held = data.get("held_out") if isinstance(data, dict) else None
        if not isinstance(held, dict) or not all(isinstance(held.get(k, []), list) for k in ("persons", "events")):
            problems.append(f"{path}: expected {{\"held_out\": {{\"persons\": [...], \"events\": [...]}}}}")
        else:
            return {kind: {str(slug) for slug in held.get(kind, [])} for kind in ("persons", "events")}
    raise ArchiveGoldError(problems)


def select_part(gold: "ArchiveGold", held_out: dict[str, set[str]], part: str) -> "ArchiveGold":
    """The items of ``gold`` in ``part`` (``all``, ``tune`` or ``held-out``); a held-out slug that
    the gold does not know is an error (the split no longer fits the gold)."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r} (expected one of {', '.join(PARTS)})")
    unknown = [
        f"split.json: held-out {kind[:-1]} {slug!r} is not in {kind}.json"
        for kind, items in (("persons", gold.persons), ("events", gold.events))
        for slug in sorted(held_out.get(kind, set()) - {i.cluster for i in items})
    ]
    if unknown:
        raise ArchiveGoldError(unknown)
    if part == "all":
        return gold
    keep = (lambda kind, item: item.cluster in held_out[kind]) if part == "held-out" else (
        lambda kind, item: item.cluster not in held_out[kind])
    return ArchiveGold(
        persons=[i for i in gold.persons if keep("persons", i)], events=[i for i in gold.events if keep("events", i)]
    )


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
            # Missing documents are counted, not listed item by item: a wrong --raw would
            # otherwise print every cluster, held-out ones too.
            missing = sorted({item.doc_id for item in items if item.doc_id not in texts})
            if missing:
                shown = ", ".join(map(repr, missing[:MISSING_SHOWN])) + (", ..." if len(missing) > MISSING_SHOWN else "")
                problems.append(f"{path}: {len(missing)} of {len({i.doc_id for i in items})} documents have no raw document"
                                f" in the raw input (check --raw): {shown}")
            for item in items:
                text = texts.get(item.doc_id)
                if text is None:
                    continue
                if kind == "events" and item.surface not in text:
                    problems.append(f"{path}: {item.cluster}: surface {item.surface!r} does not occur in {item.doc_id}")
    if problems:
        raise ArchiveGoldError(problems)
    return gold


# --- alignment -------------------------------------------------------------------------------


def align_persons(conn: sqlite3.Connection, items: Iterable[GoldItem], tiers: Optional[Counter] = None) -> dict[GoldItem, Optional[int]]:
    """Each gold form → the person id of its predicted official (``None``: no official fits).

    Tiers, in order: the official's ``name`` equals the form (normalised); one of its mentions
    does; failing both, the one official of the document left unclaimed whose name is the form's
    name with parts missing or added (``Retno L`` or ``Retno Marsudi`` for ``Retno L.P Marsudi``,
    ``Joko Widodo Kahiyang Ayu`` for ``Joko Widodo``: a name boundary the extractor got wrong on
    the right official). ``tiers`` counts the items aligned by each (``name``, ``mention``,
    ``name_parts``)."""
    from .names import initials_fit, is_part, name_key

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
    tiers = tiers if tiers is not None else Counter()
    matched: dict[GoldItem, sqlite3.Row] = {}
    for item in items:
        wanted = normalize_string(item.surface)
        candidates = officials.get(item.doc_id, [])
        match = next((o for o in candidates if normalize_string(o["name"]) == wanted), None)
        tier = "name"
        if match is None:
            match = next((o for o in candidates if wanted in mentions[o["official_id"]]), None)
            tier = "mention"
        if match is not None:
            matched[item] = match
            tiers[tier] += 1
    claimed = {(o["doc_id"], o["official_id"]) for o in matched.values()}

    def fits(form: str, official: sqlite3.Row) -> bool:
        a, b = name_key(form), name_key(official["name"])
        if a.core == b.core:
            return True
        if is_part(b.core, a.core):
            return initials_fit(b.initials, a)
        return is_part(a.core, b.core) and initials_fit(a.initials, b)

    for item in items:
        if item in matched:
            continue
        fitting = [o for o in officials.get(item.doc_id, []) if (item.doc_id, o["official_id"]) not in claimed and fits(item.surface, o)]
        if len(fitting) == 1:
            matched[item] = fitting[0]
            claimed.add((item.doc_id, fitting[0]["official_id"]))
            tiers["name_parts"] += 1
    return {item: matched[item]["person_id"] if item in matched else None for item in items}


def align_events(conn: sqlite3.Connection, items: Iterable[GoldItem], texts: dict[str, str]) -> dict[GoldItem, Optional[int]]:
    """Each gold report → the archive event of the predicted event whose mention overlaps the
    surface's first occurrence most (``None``: none overlaps)."""
    return {item: found[1] if found else None for item, found in align_event_records(conn, items, texts).items()}


def align_event_records(
    conn: sqlite3.Connection, items: Iterable[GoldItem], texts: dict[str, str]
) -> dict[GoldItem, Optional[tuple[int, Optional[int]]]]:
    """Each gold report → ``(event record id, archive event id)`` of the predicted event whose
    mention overlaps the surface's first occurrence most (``None``: none overlaps)."""
    items = list(items)
    spans: dict[str, list[tuple[int, int, int, Optional[int]]]] = defaultdict(list)
    for chunk in _chunks(sorted({i.doc_id for i in items})):
        for row in conn.execute(
            f'SELECT m.doc_id, m.start, m."end", m.record_id, s.archive_event_id FROM mentions m'
            f" LEFT JOIN archive_event_sources s ON s.event_id = m.record_id"
            f" WHERE m.record_type = 'events' AND m.doc_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            spans[row[0]].append((row[1], row[2], row[3], row[4]))
    aligned: dict[GoldItem, Optional[tuple[int, Optional[int]]]] = {}
    for item in items:
        text = texts.get(item.doc_id, "")
        start = text.find(item.surface)
        best: tuple[int, Optional[tuple[int, Optional[int]]]] = (0, None)
        if start >= 0:
            end = start + len(item.surface)
            for m_start, m_end, event_id, archive_id in spans.get(item.doc_id, []):
                shared = min(end, m_end) - max(start, m_start)
                if shared > best[0]:
                    best = (shared, (event_id, archive_id))
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


def score_event_clusters(records: dict[GoldItem, Optional[tuple[int, Optional[int]]]]) -> dict[str, Any]:
    """:func:`score_clusters` of the archive events, plus the resolver's own score (``records``)
    and the ``ceiling`` of a perfect resolver on this extraction (see the module's docstring)."""
    result = score_clusters({item: found[1] if found else None for item, found in records.items()})
    clusters_of_record: dict[int, set[str]] = defaultdict(set)
    for item, found in records.items():
        if found is not None:
            clusters_of_record[found[0]].add(item.cluster)
    shared = {record for record, clusters in clusters_of_record.items() if len(clusters) > 1}
    items = sorted(records, key=lambda i: (i.cluster, i.doc_id, i.surface))
    kept = [i for i in items if records[i] is not None and records[i][0] not in shared]
    gold = [i.cluster for i in items]
    # A perfect resolver: each record in the cluster of its gold event; a record standing for
    # several events goes with the one of them that has the most other aligned reports (and
    # still puts its events together).
    aligned_reports = Counter(i.cluster for i, found in records.items() if found is not None)
    record_label = {
        record: max(sorted(clusters), key=lambda c: aligned_reports[c]) for record, clusters in clusters_of_record.items()
    }
    ceiling = [record_label[records[i][0]] if records[i] is not None else ("unaligned", n) for n, i in enumerate(items)]
    result["records"] = {
        "items": len(kept),
        "shared_record_items": sum(1 for i in items if records[i] is not None and records[i][0] in shared),
        "shared_record_items_list": [[i.doc_id, i.surface, i.cluster] for i in items if records[i] is not None and records[i][0] in shared],
        "pairwise": pairwise([i.cluster for i in kept], [records[i][1] for i in kept]),
        "bcubed": bcubed([i.cluster for i in kept], [records[i][1] for i in kept]),
    }
    result["ceiling"] = {"pairwise": pairwise(gold, ceiling), "bcubed": bcubed(gold, ceiling)}
    return result


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
    joined_labels = [label for label, clusters in sorted(by_pred.items(), key=lambda kv: str(kv[0])) if len(clusters) > 1]
    joined = [sorted(by_pred[label]) for label in joined_labels]
    joined_items = [
        {cluster: sorted(f"{i.doc_id}: {i.surface}" for i in items if i.cluster == cluster and aligned[i] == label)
         for cluster in sorted(by_pred[label])}
        for label in joined_labels
    ]
    return {"split": split, "joined": joined, "joined_items": joined_items}


def evaluate_archive(conn: sqlite3.Connection, gold: ArchiveGold, texts: dict[str, str]) -> dict[str, Any]:
    """Scores of the archive in ``conn`` against ``gold``: ``{"persons": ..., "events": ...}``."""
    result: dict[str, Any] = {"documents": len(gold.doc_ids)}
    if gold.persons:
        tiers: Counter = Counter()
        aligned = align_persons(conn, gold.persons, tiers)
        result["persons"] = score_clusters(aligned)
        result["persons"]["aligned_by"] = dict(sorted(tiers.items()))
        # A perfect resolver on this extraction: every aligned form in its gold person.
        items = sorted(aligned, key=lambda i: (i.cluster, i.doc_id, i.surface))
        perfect = [i.cluster if aligned[i] is not None else ("unaligned", n) for n, i in enumerate(items)]
        gold_labels = [i.cluster for i in items]
        result["persons"]["ceiling"] = {"pairwise": pairwise(gold_labels, perfect), "bcubed": bcubed(gold_labels, perfect)}
    if gold.events:
        result["events"] = score_event_clusters(align_event_records(conn, gold.events, texts))
    return result


ITEM_LISTS = ("unaligned_items", "errors")


def frozen_test_documents(gold_dir: PathLike) -> set[str]:
    """Doc ids of the frozen test set, ``test/`` beside the archive gold folder (one
    ``DOC_ID.json`` per document; only the file names are read)."""
    folder = Path(gold_dir).resolve().parent / "test"
    return {path.stem for path in folder.glob("*.json")} if folder.is_dir() else set()


def hidden_documents(gold: ArchiveGold, shown: ArchiveGold, test_docs: set[str]) -> dict[str, set[str]]:
    """Per kind, the documents whose items a report of the part ``shown`` must not print: those
    of the frozen test set and those holding any gold item outside ``shown`` (a held-out
    cluster's person form or event report, when the tune part is shown)."""
    kept = set(shown.persons) | set(shown.events)
    withheld = set(test_docs) | {i.doc_id for i in gold.persons + gold.events if i not in kept}
    return {kind: withheld for kind in ("persons", "events")}


def withhold_items(result: dict[str, Any], part: str, hidden: dict[str, set[str]]) -> dict[str, Any]:
    """``result`` as it may be shown for ``part``: the ``tune`` part keeps its item lists (errors,
    unaligned and shared-record reports) less the items of the documents ``hidden`` holds for
    their kind (see :func:`hidden_documents`); ``held-out`` and ``all`` keep aggregate scores
    only, never an item. Scores are unchanged."""
    shown = dict(result)
    for kind in ("persons", "events"):
        if kind not in result:
            continue
        hidden_docs = hidden.get(kind, set())
        scores = dict(result[kind])
        if part != "tune":
            for key in ITEM_LISTS:
                scores.pop(key, None)
            if "records" in scores:
                scores["records"] = {k: v for k, v in scores["records"].items() if k != "shared_record_items_list"}
            scores["items_withheld"] = "all"
        else:
            errors = scores.get("errors", {"split": [], "joined": []})
            split = []
            for entry in errors["split"]:
                groups = [[g for g in group if g.split(": ", 1)[0] not in hidden_docs] for group in entry["groups"]]
                groups = [g for g in groups if g]
                if len(groups) > 1:
                    split.append({**entry, "predicted": len(groups), "groups": groups})
            joined_items = []
            for entry in errors.get("joined_items", []):
                visible = {c: [g for g in group if g.split(": ", 1)[0] not in hidden_docs] for c, group in entry.items()}
                visible = {c: group for c, group in visible.items() if group}
                if len(visible) > 1:
                    joined_items.append(visible)
            scores["errors"] = {"split": split, "joined": [sorted(e) for e in joined_items], "joined_items": joined_items}
            scores["unaligned_items"] = [i for i in scores.get("unaligned_items", []) if i[0] not in hidden_docs]
            if "records" in scores:
                scores["records"] = {**scores["records"], "shared_record_items_list": [
                    i for i in scores["records"].get("shared_record_items_list", []) if i[0] not in hidden_docs]}
            scores["items_withheld"] = "documents of the test set and of held-out clusters"
        shown[kind] = scores
    return shown


def print_archive_report(result: dict[str, Any], handle) -> None:
    part = f", part {result['part']}" if result.get("part") else ""
    handle.write(f"archive gold: {result['documents']} documents{part}\n")
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
    if "persons" in result:
        ceiling = result["persons"]["ceiling"]
        handle.write(f"persons ceiling (a perfect resolver on this extraction): pair F1 {ceiling['pairwise']['f1']:.3f}, "
                     f"B3 F1 {ceiling['bcubed']['f1']:.3f}\n")
    if "events" in result:
        records, ceiling = result["events"]["records"], result["events"]["ceiling"]
        rp, rb = records["pairwise"], records["bcubed"]
        handle.write(
            f"events over their own records ({records['items']} reports; {records['shared_record_items']} more share one "
            f"record with another event's report): pair P/R/F1 {rp['precision']:.3f} {rp['recall']:.3f} {rp['f1']:.3f}, "
            f"B3 F1 {rb['f1']:.3f}\n"
            f"events ceiling (a perfect resolver on this extraction): pair F1 {ceiling['pairwise']['f1']:.3f}, "
            f"B3 F1 {ceiling['bcubed']['f1']:.3f}\n"
        )
    for kind in ("persons", "events"):
        if kind not in result or "errors" not in result[kind]:
            continue
        errors = result[kind]["errors"]
        for split in errors["split"]:
            groups = " | ".join("; ".join(group[:4]) + (" ..." if len(group) > 4 else "") for group in split["groups"])
            handle.write(f"  {kind} split: {split['gold']} over {split['predicted']} predicted clusters: {groups}\n")
        for joined in errors.get("joined_items", []):
            groups = " | ".join(f"{cluster}: " + "; ".join(group[:4]) + (" ..." if len(group) > 4 else "")
                                for cluster, group in joined.items())
            handle.write(f"  {kind} joined: {groups}\n")
        for doc_id, surface in result[kind]["unaligned_items"][:30]:
            handle.write(f"  {kind} unaligned: {doc_id}: {surface!r}\n")
