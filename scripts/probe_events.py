"""Score the extractor's events on a hand-labelled probe set of unseen articles and sentences.

    python scripts/probe_events.py data/probes/events-unseen.jsonl [--raw FILE.jsonl ...] [--json OUT] [-v]

Each probe line is one document, labelled from the text and the spec by hand (never from extractor
output): ``{"id", "source", "events": [{"type", "parties", "mentions", "status"?}], "ignore"?}``.
Articles (``source`` ``indosum``/``web``) are read from the ``--raw`` JSONL files by id, so the probe
holds no article text; hand-written sentences (``source`` ``sentence``) carry their ``text`` and
``published``. A mention is a surface (its first occurrence) or ``[surface, N]`` (the N-th, 1-based).
``type`` or ``parties`` null: not scored for that event (the text leaves it open). ``ignore``
surfaces mark stretches where either reading is defensible: a predicted event whose mentions all
overlap them is neither a true nor a false positive.

Scoring follows the spec's events scoring: a gold and a predicted event match when some mentions
overlap (one-to-one, greedy, most shared characters first); then type and parties accuracy over
matched pairs. Prints each difference and the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from probe_texts import CORPORA, read_articles, resolve


def shared(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", type=Path)
    parser.add_argument("--raw", action="append", type=Path, help="JSONL article files (default: IndoSum and web)")
    parser.add_argument("--json", type=Path, help="write the totals here")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print matched events")
    args = parser.parse_args(argv)

    from extractor.core import Extractor
    from extractor.records import DocumentRecords

    probes = [json.loads(line) for line in args.probes.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {p["id"] for p in probes if p["source"] != "sentence"}
    raw = read_articles(wanted, args.raw or CORPORA)
    articles = []
    for probe in probes:
        if probe["source"] == "sentence":
            articles.append({"id": probe["id"], "text": probe["text"], "published": probe["published"]})
        else:
            articles.append(raw[probe["id"]])
    texts = {a["id"]: a["text"] for a in articles}
    results = {r.doc_id: r for r in Extractor().iter_results(articles) if isinstance(r, DocumentRecords)}

    totals = dict(gold=0, predicted=0, tp=0, fp=0, fn=0, type_correct=0, type_total=0, parties_correct=0, parties_total=0)
    for probe in probes:
        doc, text = probe["id"], texts[probe["id"]]
        gold = [
            (e, [resolve(text, m, f"{doc} event {i}") for m in e["mentions"]]) for i, e in enumerate(probe["events"])
        ]
        ignored = [resolve(text, m, f"{doc} ignore") for m in probe.get("ignore", [])]
        result = results.get(doc)
        predicted = [(e, [(m.start, m.end) for m in e.mentions]) for e in (result.events if result else [])]
        pairs = sorted(
            ((shared(g, p), gi, pi) for gi, (_e, g) in enumerate(gold) for pi, (_f, p) in enumerate(predicted) if shared(g, p)),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_g, used_p, matches = set(), set(), []
        for _score, gi, pi in pairs:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi), used_p.add(pi), matches.append((gi, pi))
        totals["gold"] += len(gold)
        for gi, pi in sorted(matches):
            g, p = gold[gi][0], predicted[pi][0]
            totals["tp"] += 1
            notes = []
            if g.get("type") is not None:
                totals["type_total"] += 1
                if p.type.value == g["type"]:
                    totals["type_correct"] += 1
                else:
                    notes.append(f"type {p.type.value} (gold {g['type']})")
            if g.get("parties") is not None:
                totals["parties_total"] += 1
                if sorted(p.parties) == sorted(g["parties"]):
                    totals["parties_correct"] += 1
                else:
                    notes.append(f"parties {sorted(p.parties)} (gold {sorted(g['parties'])})")
            if notes or args.verbose:
                print(f"{doc} MATCH {p.name!r}: {'; '.join(notes) or 'ok'}")
        for gi, (g, spans) in enumerate(gold):
            if gi not in used_g:
                totals["fn"] += 1
                print(f"{doc} MISSED {g.get('type')} {g.get('parties')} {text[spans[0][0]:spans[0][1]]!r}")
        for pi, (p, spans) in enumerate(predicted):
            if pi in used_p:
                continue
            if ignored and all(shared([s], ignored) for s in spans):
                continue
            totals["predicted"] += 1
            totals["fp"] += 1
            print(f"{doc} EXTRA {p.type.value} {p.parties} {p.name!r} {[text[s:e] for s, e in spans]}")
        totals["predicted"] += len(matches)
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    totals.update(precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3))
    totals["type_accuracy"] = round(totals["type_correct"] / totals["type_total"], 3) if totals["type_total"] else None
    totals["parties_accuracy"] = round(totals["parties_correct"] / totals["parties_total"], 3) if totals["parties_total"] else None
    print(json.dumps(totals))
    if args.json:
        args.json.write_text(json.dumps(totals, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
