"""Score the extractor's priority areas on the priority-area probe set.

    python scripts/probe_priority_areas.py [data/probes/priority-areas.jsonl] [--json OUT]

Each line of the probe file names one document and the areas a reader finds in it, from the text
and the spec only (never from extractor output):
``{"doc_id", "source", "areas": [{"area", "surface"}], "optional": [...], "note"}``. ``source`` is
the JSONL file holding the article (a path relative to the repository root, e.g.
``../shared/data/indosum/articles.jsonl``), or ``inline`` for a hand-written sentence, which then
carries its own ``text`` and ``published``. ``surface`` is the phrase that justifies the area (it
must occur in the text). ``optional`` areas are borderline readings: predicting one is neither a
false positive nor is missing one a false negative. A document with no areas counts too: every
area predicted for it is a false positive.

Matching is the spec's: same (doc_id, area). Prints tp/fp/fn/P/R/F1 for the articles, the
sentences and both, then every error with the predicted mention texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from probe_texts import ROOT, read_articles

DEFAULT_PROBES = ROOT / "data" / "probes" / "priority-areas.jsonl"


def load_probes(path: Path) -> list[dict]:
    probes = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted: dict[str, set[str]] = {}
    for probe in probes:
        if probe["source"] != "inline":
            wanted.setdefault(probe["source"], set()).add(probe["doc_id"])
    for source, ids in wanted.items():
        file = (ROOT / source).resolve()
        if not file.exists():
            raise SystemExit(f"{path}: source {source} not found ({file})")
        articles = read_articles(ids, [file])
        for probe in probes:
            if probe["source"] == source:
                article = articles[probe["doc_id"]]
                probe["text"], probe["published"] = article["text"], article.get("published")
    for probe in probes:
        for entry in probe["areas"] + probe.get("optional", []):
            if entry["surface"] not in probe["text"]:
                raise SystemExit(f"{path}: {probe['doc_id']}: surface {entry['surface']!r} ({entry['area']}) not in the text")
    return probes


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", type=Path, nargs="?", default=DEFAULT_PROBES)
    parser.add_argument("--json", type=Path, help="write the scores and the predicted areas per document here")
    args = parser.parse_args(argv)

    from extractor.core import Extractor
    from extractor.records import DocumentRecords

    probes = load_probes(args.probes)
    inputs = [{"id": p["doc_id"], "text": p["text"], "published": p.get("published")} for p in probes]
    results = {r.doc_id: r for r in Extractor().iter_results(inputs) if isinstance(r, DocumentRecords)}
    counts = {part: [0, 0, 0] for part in ("articles", "sentences")}
    errors, predicted_all = [], {}
    for probe in probes:
        doc_id = probe["doc_id"]
        if doc_id not in results:
            raise SystemExit(f"{doc_id}: the extractor gave no result")
        part = "sentences" if probe["source"] == "inline" else "articles"
        predicted = {a.area.value: [m.text for m in a.mentions] for a in results[doc_id].priority_areas}
        predicted_all[doc_id] = predicted
        gold = {e["area"]: e["surface"] for e in probe["areas"]}
        optional = {e["area"] for e in probe.get("optional", [])}
        for area in sorted(set(gold) | set(predicted)):
            if area in gold and area in predicted:
                counts[part][0] += 1
            elif area in predicted and area not in optional:
                counts[part][1] += 1
                errors.append(f"FP {doc_id} {area}: {predicted[area]}")
            elif area in gold:
                counts[part][2] += 1
                errors.append(f"FN {doc_id} {area}: {gold[area]!r}")
    scores = {part: prf(*c) for part, c in counts.items()}
    scores["all"] = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    for line in errors:
        print(line)
    for part, s in scores.items():
        print(f"{part:10s} tp {s['tp']:3d} fp {s['fp']:3d} fn {s['fn']:3d}  P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
    if args.json:
        args.json.write_text(json.dumps({"scores": scores, "predicted": predicted_all}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
