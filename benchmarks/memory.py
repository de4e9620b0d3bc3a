"""Peak memory of one huge document: each case runs ``extractor extract`` on one article in a
fresh process and reports its peak resident set size (``getrusage`` of the child), wall time,
exit status and the error entry, if the article was refused.

Cases (texts built at run time; nothing is copied into the repository):
- ``article_9mb``: IndoSum articles joined into one text of 9 MB (just under ``--max-bytes``);
- ``tokens_1m``: one million short tokens (``kata``, ``dan``, digits) on 20,000 lines;
- ``article_1mb``: the first megabyte of the 9 MB text, for scale;
- ``tokens_1m_chars``: short tokens up to the default ``--max-chars`` (1,000,000 characters).

    python benchmarks/memory.py --json                   # all cases
    python benchmarks/memory.py --case tokens_1m --limit-mb 2048
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("EXTRACTOR_SHARED_DATA", REPO.parent / "shared" / "data"))
MB = 1024 * 1024


def joined_articles(size: int) -> str:
    texts, total = [], 0
    with open(SHARED_DATA / "indosum" / "articles.jsonl", encoding="utf-8") as handle:
        while total < size:
            line = handle.readline()
            if not line:
                handle.seek(0)
                continue
            text = json.loads(line)["text"]
            texts.append(text)
            total += len(text.encode("utf-8")) + 2
    return "\n\n".join(texts).encode("utf-8")[:size].decode("utf-8", "ignore")


def short_tokens(count: int) -> str:
    words = ["kata", "dan", "di", "7", "ke", "ini", "itu", "ya"]
    lines = []
    for start in range(0, count, 50):
        lines.append(" ".join(words[(start + i) % len(words)] for i in range(min(50, count - start))) + ".")
    return "\n".join(lines)


CASES = {
    "article_9mb": lambda: joined_articles(9 * MB),
    "tokens_1m": lambda: short_tokens(1_000_000),
    "article_1mb": lambda: joined_articles(1 * MB),
    "tokens_1m_chars": lambda: short_tokens(400_000)[:1_000_000],  # the most tokens --max-chars lets in
}


# The command in a child process that reports its own peak RSS (getrusage of itself).
_CHILD = """
import json, resource, sys
from extractor import cli
status = cli.main(sys.argv[2:])
with open(sys.argv[1], "w") as handle:
    json.dump({"status": status, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, handle)
"""


def run_case(name: str, timeout_per_doc: float) -> dict:
    text = CASES[name]()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}.txt"
        source.write_text(text, encoding="utf-8")
        out = Path(folder) / "out.jsonl"
        report = Path(folder) / "rusage.json"
        command = [sys.executable, "-c", _CHILD, str(report), "extract", str(source), "-o", str(out),
                   "--timeout-per-doc", str(timeout_per_doc)]
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        child = json.loads(report.read_text()) if report.exists() else {"status": completed.returncode, "peak_kb": 0}
        errors_path = Path(folder) / "out.errors.jsonl"
        errors = [json.loads(line) for line in errors_path.read_text(encoding="utf-8").splitlines()] if errors_path.exists() else []
        written = out.read_text(encoding="utf-8").count("\n") if out.exists() else 0
    return {
        "case": name,
        "bytes": len(text.encode("utf-8")),
        "characters": len(text),
        "exit_status": child["status"],
        "articles_written": written,
        "errors": [e["reason"] for e in errors],
        "peak_rss_mb": round(child["peak_kb"] / 1024, 1),
        "wall_s": round(wall, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="case to run (default: all)")
    parser.add_argument("--limit-mb", type=float, default=2048, help="peak RSS a case may use (default 2048)")
    parser.add_argument("--timeout-per-doc", type=float, default=3600, help="passed to the command (default 3600)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = []
    for name in args.case or CASES:
        result = run_case(name, args.timeout_per_doc)
        result["within_limit"] = result["peak_rss_mb"] <= args.limit_mb
        results.append(result)
        if not args.json:
            print(result, flush=True)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0 if all(r["within_limit"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
