"""Score a gold folder by part (web excerpts, IndoSum articles, all) from one extraction.

    python scripts/score_parts.py data/annotations/test [--pred PRED.jsonl] [--write-pred PRED.jsonl] [--json]

The web excerpts are the gold files named ``web-*.json`` (their raw text is in
``../shared/data/web/articles.jsonl``), the others IndoSum articles. The extractor runs once over
every document of the folder (or ``--pred`` gives stored predictions); each part is scored on its
own documents. Prints a Markdown table of F1 per type and overall, and the attribute accuracies.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = [ROOT.parent / "shared" / "data" / "web" / "articles.jsonl", ROOT.parent / "shared" / "data" / "indosum" / "articles.jsonl"]
ATTRIBUTES = ("officials.title", "officials.country", "events.location", "events.start", "events.parties")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--pred", type=Path, help="stored predictions instead of running the extractor")
    parser.add_argument("--write-pred", type=Path, help="also write the predictions made here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from extractor.evaluation.cli import run_extractor
    from extractor.evaluation.gold import load_gold, load_predictions
    from extractor.evaluation.scoring import evaluate
    from extractor.io.writers import record_line
    from extractor.record_types import record_type_names

    gold, articles = load_gold(args.gold_dir, [str(path) for path in RAW])
    if args.pred:
        predictions, _ = load_predictions(str(args.pred), {d: a.text for d, a in articles.items()})
    else:
        predictions = run_extractor([articles[d] for d in sorted(articles)])
    if args.write_pred:
        args.write_pred.write_text("".join(record_line(predictions[d]) for d in sorted(predictions)), encoding="utf-8")
    parts = {
        "web": sorted(d for d in gold if d.startswith("web-")),
        "IndoSum": sorted(d for d in gold if not d.startswith("web-")),
        "all": sorted(gold),
    }
    results = {}
    for part, ids in parts.items():
        if ids:
            results[part] = evaluate({d: gold[d] for d in ids}, {d: predictions[d] for d in ids if d in predictions}).as_dict()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    types = [*record_type_names(), "overall"]
    print("| part | docs | " + " | ".join(types) + " |")
    print("|---" * (len(types) + 2) + "|")
    for part, result in results.items():
        cells = [f"{result['scores'][t]['f1']:.3f}" if t in result["scores"] else "" for t in types]
        print(f"| {part} | {result['documents']} | " + " | ".join(cells) + " |")
    print()
    print("| part | " + " | ".join(ATTRIBUTES) + " |")
    print("|---" * (len(ATTRIBUTES) + 1) + "|")
    for part, result in results.items():
        cells = [f"{result['attributes'][a]['accuracy']:.3f} ({result['attributes'][a]['total']})" if a in result["attributes"] else "" for a in ATTRIBUTES]
        print(f"| {part} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
