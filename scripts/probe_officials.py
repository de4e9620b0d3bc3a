"""Run the extractor over a probe file and compare its officials with the expected ones.

    python scripts/probe_officials.py data/probes/officials-2023-2025.jsonl [--events] [--json OUT]
    python scripts/probe_officials.py data/probes/officials-unseen.jsonl [--corpus ARTICLES.jsonl ...]

Two kinds of probe line, both written from the spec by hand:

* a sentence probe ``{"id", "published", "text", "officials": [[name, title, country], …]}``
  (sentences phrased as 2023-2025 Indonesian news writes them);
* an article probe ``{"id", "source", "officials": [{"name", "mentions", "title", "country",
  "optional"?}, …]}`` that names an article of a corpus (``--corpus``, by default the shared
  IndoSum and web files) and holds only surfaces, never its text. ``mentions`` are the surfaces of
  the person's name as written (matched as whole words); ``name``, ``title`` and ``country`` may be
  a list of acceptable values (the spec leaves some readings open) or ``"*"`` (not checked). An
  ``optional`` person (an office the text leaves unclear) is neither missed nor extra.

An expected official is found when a predicted record has a mention overlapping an occurrence of
the expected name (sentence probe) or of one of its surfaces (article probe); then its name
(exact), title and country are compared. Predicted records found for no expected official are
extra. Prints one line per difference and the totals (with precision, recall and F1 of finding).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from probe_texts import CORPORA, read_articles


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    found, start = [], text.find(surface)
    while start >= 0:
        found.append((start, start + len(surface)))
        start = text.find(surface, start + 1)
    return found


def word_occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text)]


def accepts(want, got) -> bool:
    if want == "*":
        return True
    return got in want if isinstance(want, list) else got == want


def expected_officials(probe: dict, text: str) -> list[dict]:
    """The probe's officials as ``{"name", "title", "country", "spots", "optional"}``; a surface absent from the text is an error."""
    if "text" in probe:
        return [dict(name=n, title=t, country=c, spots=occurrences(text, n), optional=False) for n, t, c in probe["officials"]]
    expected = []
    for official in probe["officials"]:
        spots = []
        for surface in official["mentions"]:
            found = word_occurrences(text, surface)
            if not found:
                raise SystemExit(f"{probe['id']}: surface {surface!r} of {official['name']!r} is not in the article")
            spots += found
        expected.append(dict(name=official["name"], title=official["title"], country=official["country"], spots=spots, optional=official.get("optional", False)))
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", type=Path)
    parser.add_argument("--corpus", type=Path, action="append", help="articles an article probe names (default: the shared IndoSum and web files)")
    parser.add_argument("--events", action="store_true", help="also print each probe's events")
    parser.add_argument("--json", type=Path, help="write the predicted officials per probe here")
    args = parser.parse_args(argv)

    from extractor.core import Extractor
    from extractor.records import DocumentRecords

    probes = [json.loads(line) for line in args.probes.read_text(encoding="utf-8").splitlines() if line.strip()]
    stored = read_articles({p["id"] for p in probes if "text" not in p}, args.corpus or CORPORA)
    articles = [{"id": p["id"], "text": p["text"], "published": p["published"]} if "text" in p else stored[p["id"]] for p in probes]
    texts = {a["id"]: a["text"] for a in articles}
    results = {r.doc_id: r for r in Extractor().iter_results(articles) if isinstance(r, DocumentRecords)}
    totals = dict(expected=0, found=0, name=0, title=0, country=0, extra=0)
    dump = {}
    for probe in probes:
        text, result = texts[probe["id"]], results.get(probe["id"])
        predicted = list(result.officials) if result else []
        dump[probe["id"]] = [[o.name, o.title, o.country] for o in predicted]
        used = set()
        for want in expected_officials(probe, text):
            record = next(
                (k for k, o in enumerate(predicted) if k not in used and any(m.start < e and s < m.end for m in o.mentions for s, e in want["spots"])),
                None,
            )
            if want["optional"]:
                if record is not None:
                    used.add(record)
                continue
            totals["expected"] += 1
            if record is None:
                print(f"{probe['id']} MISSED {want['name']!r} ({want['title']}, {want['country']})")
                continue
            used.add(record)
            o = predicted[record]
            totals["found"] += 1
            for field, got in (("name", o.name), ("title", o.title), ("country", o.country)):
                if accepts(want[field], got):
                    totals[field] += 1
                else:
                    print(f"{probe['id']} {field} of {want['name']!r}: want {want[field]!r}, got {got!r}")
        for k, o in enumerate(predicted):
            if k not in used:
                totals["extra"] += 1
                print(f"{probe['id']} EXTRA {o.name!r} ({o.title}, {o.country})")
        if args.events and result:
            for event in result.events:
                print(f"{probe['id']}   event {event.type} {event.name!r} parties={event.parties}")
    if args.json:
        args.json.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    found, predicted_total = totals["found"], totals["found"] + totals["extra"]
    precision = found / predicted_total if predicted_total else 0.0
    recall = found / totals["expected"] if totals["expected"] else 0.0
    totals["f1"] = round(2 * precision * recall / (precision + recall), 3) if found else 0.0
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
