"""Run the extractor over a probe file of sentences and compare its officials with the expected ones.

    python scripts/probe_officials.py data/probes/officials-2023-2025.jsonl [--events] [--json OUT]

Each line of the probe file is ``{"id", "published", "text", "officials": [[name, title, country], …]}``,
written from the spec by hand (sentences phrased as 2023-2025 Indonesian news writes them). An
expected official is found when a predicted record has a mention overlapping an occurrence of the
expected name; then its name (exact), title and country are compared. Predicted records found for no
expected official are extra. Prints one line per difference and the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    found, start = [], text.find(surface)
    while start >= 0:
        found.append((start, start + len(surface)))
        start = text.find(surface, start + 1)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", type=Path)
    parser.add_argument("--events", action="store_true", help="also print each probe's events")
    parser.add_argument("--json", type=Path, help="write the predicted officials per probe here")
    args = parser.parse_args(argv)

    from extractor.core import Extractor
    from extractor.records import DocumentRecords

    probes = [json.loads(line) for line in args.probes.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [{"id": p["id"], "text": p["text"], "published": p["published"]} for p in probes]
    results = {r.doc_id: r for r in Extractor().iter_results(articles) if isinstance(r, DocumentRecords)}
    totals = dict(expected=0, found=0, name=0, title=0, country=0, extra=0)
    dump = {}
    for probe in probes:
        text, result = probe["text"], results.get(probe["id"])
        predicted = list(result.officials) if result else []
        dump[probe["id"]] = [[o.name, o.title, o.country] for o in predicted]
        used = set()
        for name, title, country in probe["officials"]:
            totals["expected"] += 1
            spots = occurrences(text, name)
            record = next(
                (k for k, o in enumerate(predicted) if k not in used and any(m.start < e and s < m.end for m in o.mentions for s, e in spots)),
                None,
            )
            if record is None:
                print(f"{probe['id']} MISSED {name!r} ({title}, {country})")
                continue
            used.add(record)
            o = predicted[record]
            totals["found"] += 1
            for field, want, got in (("name", name, o.name), ("title", title, o.title), ("country", country, o.country)):
                if want == got:
                    totals[field] += 1
                else:
                    print(f"{probe['id']} {field} of {name!r}: want {want!r}, got {got!r}")
        for k, o in enumerate(predicted):
            if k not in used:
                totals["extra"] += 1
                print(f"{probe['id']} EXTRA {o.name!r} ({o.title}, {o.country})")
        if args.events and result:
            for event in result.events:
                print(f"{probe['id']}   event {event.type} {event.name!r} parties={event.parties}")
    if args.json:
        args.json.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
