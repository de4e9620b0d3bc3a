"""Replay corpora through the extractor and compare with a baseline output, ignoring ``rule``.

A refactoring must not change what the extractor writes: this runs the library on the inputs,
serialises each document exactly as ``extractor extract`` does (``record_line``) and compares
line by line with a baseline JSONL, every ``rule`` value removed from both sides.

    python benchmarks/replay.py --input /work/baseline/indosum400.jsonl --baseline /work/baseline/indosum400.out.jsonl
    python benchmarks/replay.py --input ../shared/data/web/articles.jsonl --baseline /work/baseline/web60.out.jsonl
    python benchmarks/replay.py --gold --baseline out/gold.baseline.jsonl        # data/raw + annotated IndoSum docs
    python benchmarks/replay.py --gold --write out/gold.baseline.jsonl           # make a baseline

Exit status 0 when every document is identical, 1 otherwise. ``--show N`` prints the first N
differing records.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
INDOSUM = ROOT.parent / "shared" / "data" / "indosum" / "articles.jsonl"


def without_rule(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: without_rule(item) for key, item in value.items() if key != "rule"}
    if isinstance(value, list):
        return [without_rule(item) for item in value]
    return value


def gold_inputs(root: Path, indosum: Path) -> list[str]:
    """``data/raw`` and a JSONL of the IndoSum articles named by ``data/annotations/**/src``."""
    named: set[str] = set()
    for source in sorted((root / "data" / "annotations").rglob("src/*.json")):
        entry = json.loads(source.read_text(encoding="utf-8"))
        if not entry.get("raw"):
            named.add(entry["doc_id"])
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False)
    with handle, open(indosum, encoding="utf-8") as articles:
        for line in articles:
            if json.loads(line)["id"] in named:
                handle.write(line)
    return [str(root / "data" / "raw"), handle.name]


def frozen_test_ids(root: Path) -> set[str]:
    """The documents of the frozen test set (``data/annotations/test``): their differences are
    counted, never printed, so that nobody reads the extractor's errors on them."""
    return {path.stem for path in (root / "data" / "annotations" / "test").glob("*.json")}


def output_lines(paths: list[str]) -> Iterator[str]:
    from extractor.core import Extractor
    from extractor.io.readers import read_inputs
    from extractor.io.writers import record_line
    from extractor.records import DocumentRecords

    extractor = Extractor(torch_threads=1)
    for result in extractor.iter_results(read_inputs(paths)):
        if isinstance(result, DocumentRecords):
            yield record_line(result)
        else:
            print(f"error: {result}", file=sys.stderr)


def differing_records(produced: dict, expected: dict) -> list[str]:
    problems = []
    for key in sorted(set(produced) | set(expected)):
        mine, theirs = produced.get(key), expected.get(key)
        if isinstance(mine, list) and isinstance(theirs, list):
            for index in range(max(len(mine), len(theirs))):
                a = mine[index] if index < len(mine) else None
                b = theirs[index] if index < len(theirs) else None
                if a != b:
                    problems.append(f"  {key}[{index}]:\n    now  {json.dumps(a, ensure_ascii=False)}\n    base {json.dumps(b, ensure_ascii=False)}")
        elif mine != theirs:
            problems.append(f"  {key}:\n    now  {json.dumps(mine, ensure_ascii=False)}\n    base {json.dumps(theirs, ensure_ascii=False)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", action="append", default=[], help="input paths (as for `extractor extract`)")
    parser.add_argument("--gold", action="store_true", help="data/raw and the IndoSum articles of data/annotations")
    parser.add_argument("--indosum", type=Path, default=INDOSUM)
    parser.add_argument("--baseline", type=Path, help="baseline JSONL to compare with")
    parser.add_argument("--write", type=Path, help="write the output here (a new baseline)")
    parser.add_argument("--show", type=int, default=5, help="differing records to print")
    args = parser.parse_args(argv)
    paths = list(args.input) + (gold_inputs(ROOT, args.indosum) if args.gold else [])
    if not paths:
        parser.error("give --input or --gold")
    lines = list(output_lines(paths))
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text("".join(lines), encoding="utf-8")
    if not args.baseline:
        print(f"{len(lines)} documents written to {args.write}")
        return 0
    baseline = {json.loads(line)["doc_id"]: line for line in args.baseline.read_text(encoding="utf-8").splitlines()}
    differing_docs = differing_recs = byte_identical = missing = hidden = 0
    shown = 0
    frozen = frozen_test_ids(ROOT)
    for line in lines:
        produced = json.loads(line)
        expected_line = baseline.pop(produced["doc_id"], None)
        if expected_line is None:
            missing += 1
            continue
        if line.rstrip("\n") == expected_line:
            byte_identical += 1
            continue
        a, b = without_rule(produced), without_rule(json.loads(expected_line))
        if json.dumps(a, ensure_ascii=False, separators=(",", ":")) == json.dumps(b, ensure_ascii=False, separators=(",", ":")):
            continue
        differing_docs += 1
        problems = differing_records(a, b)
        differing_recs += len(problems)
        if produced["doc_id"] in frozen:
            hidden += 1
            continue
        for problem in problems:
            if shown < args.show:
                print(f"{produced['doc_id']}\n{problem}")
                shown += 1
    print(
        f"{len(lines)} documents: {differing_docs} differ (ignoring rule) in {differing_recs} records; "
        f"{byte_identical} byte-identical with rule; {missing} not in the baseline; {len(baseline)} baseline documents not produced"
        + (f"; {hidden} differing documents of the frozen test set not shown" if hidden else "")
    )
    return 1 if differing_docs or missing or baseline else 0


if __name__ == "__main__":
    sys.exit(main())
