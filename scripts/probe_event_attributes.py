"""Score event places and days, and dates, on a hand-labelled probe of unannotated articles.

    python scripts/probe_event_attributes.py data/probes/event-attributes-dates.jsonl [--verbose] [--json]

Each line of the probe names an article of ``../shared/data/web`` or ``../shared/data/indosum`` by
``id`` (no article text is stored), or carries a hand-written sentence in ``text`` (with its
``published``), and gives, written from the text and the spec by hand:
``events``: ``{"mentions": [REF, …], "location", "start", "end"}``; ``dates``: ``[REF, value,
value_end]``; ``ignore``: REFs of expressions left undecided (a predicted date overlapping one is
neither right nor wrong). A REF is a surface string (its first occurrence) or ``[surface, N]`` (the
N-th occurrence, 1-based); a surface may carry context words, since matching is by overlap.

Scoring follows the spec. Events: a gold event matches the predicted event with the most overlapping
mentions (one-to-one, greedy); over matched pairs, ``location`` is right when one contains the other
after normalisation, ``start`` when the values are equal. Dates: a gold date matches an overlapping
predicted date with the same ``value`` and ``value_end`` (a gold null value matches any value);
precision, recall and F1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from probe_texts import read_articles, resolve


def overlaps(a: tuple[int, int], b) -> bool:
    return a[0] < b.end and b.start < a[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probe", type=Path)
    parser.add_argument("--verbose", action="store_true", help="print every difference")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON only")
    args = parser.parse_args(argv)

    from extractor.core import Extractor
    from extractor.evaluation.matching import location_contains
    from extractor.records import DocumentRecords

    probes = [json.loads(line) for line in args.probe.read_text(encoding="utf-8").splitlines() if line.strip()]
    # A line with its own ``text`` is a hand-written sentence (with its ``published``), not an article.
    articles = read_articles({p["id"] for p in probes if "text" not in p})
    articles.update({p["id"]: {"id": p["id"], "text": p["text"], "published": p.get("published")} for p in probes if "text" in p})
    inputs = [{k: articles[p["id"]][k] for k in ("id", "text", "published") if k in articles[p["id"]]} for p in probes]
    results = {r.doc_id: r for r in Extractor().iter_results(inputs) if isinstance(r, DocumentRecords)}
    t = dict(events=0, matched=0, location=0, start=0, dates_gold=0, dates_pred=0, dates_tp=0)
    say = print if args.verbose and not args.json else (lambda *a, **k: None)
    for probe in probes:
        doc_id, text, result = probe["id"], articles[probe["id"]]["text"], results.get(probe["id"])
        events = list(result.events) if result else []
        used: set[int] = set()
        for gold in probe["events"]:
            t["events"] += 1
            spots = [resolve(text, ref, doc_id) for ref in gold["mentions"]]
            best, best_n = None, 0
            for k, event in enumerate(events):
                n = sum(any(overlaps(s, m) for m in event.mentions) for s in spots)
                if k not in used and n > best_n:
                    best, best_n = k, n
            label = text[spots[0][0]:spots[0][1]]
            if best is None:
                say(f"{doc_id} event MISSED {label!r}")
                continue
            used.add(best)
            t["matched"] += 1
            event = events[best]
            if location_contains(gold["location"], event.location):
                t["location"] += 1
            else:
                say(f"{doc_id} location of {label!r}: want {gold['location']!r}, got {event.location!r}")
            if gold["start"] == (event.start or None):
                t["start"] += 1
            else:
                say(f"{doc_id} start of {label!r}: want {gold['start']!r}, got {event.start!r}")
        ignored = [resolve(text, ref, doc_id) for ref in probe.get("ignore", [])]
        dates = [d for d in (result.dates if result else []) if not any(overlaps(s, d) for s in ignored)]
        t["dates_gold"] += len(probe["dates"])
        t["dates_pred"] += len(dates)
        taken: set[int] = set()
        for ref, value, value_end in probe["dates"]:
            spot = resolve(text, ref, doc_id)
            hit = next(
                (
                    k
                    for k, d in enumerate(dates)
                    if k not in taken and overlaps(spot, d) and (value is None or (d.value == value and (d.value_end or None) == value_end))
                ),
                None,
            )
            if hit is None:
                near = [f"{d.text!r}={d.value}/{d.value_end}" for d in dates if overlaps(spot, d)]
                say(f"{doc_id} date MISSED {text[spot[0]:spot[1]]!r} = {value}/{value_end}; predicted there: {near}")
            else:
                taken.add(hit)
                t["dates_tp"] += 1
        for k, d in enumerate(dates):
            if k not in taken and not any(overlaps(resolve(text, ref, doc_id), d) for ref, _, _ in probe["dates"]):
                say(f"{doc_id} date EXTRA {d.text!r} = {d.value}/{d.value_end}")
    p = t["dates_tp"] / t["dates_pred"] if t["dates_pred"] else 0.0
    r = t["dates_tp"] / t["dates_gold"] if t["dates_gold"] else 0.0
    summary = {
        **t,
        "location_accuracy": round(t["location"] / t["matched"], 3) if t["matched"] else None,
        "start_accuracy": round(t["start"] / t["matched"], 3) if t["matched"] else None,
        "dates_precision": round(p, 3),
        "dates_recall": round(r, 3),
        "dates_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
