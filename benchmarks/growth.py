"""Growth of the work with the input, per adversarial shape (tests/hostile_shapes.py): CPU
seconds of ``Extractor.extract`` on SMALL and LARGE characters of each shape, measured in one
process, and their ratio (linear work gives 2.0 for a doubling; the tests allow 3.0).

    python benchmarks/growth.py --json
    python benchmarks/growth.py --small 500000 --large 1000000 --shape no_space_line
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile_shapes import SHAPES  # noqa: E402


def cpu_seconds(extractor, text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        extractor.extract(text, doc_id="shape")
        best = min(best, time.process_time() - started)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=8_000)
    parser.add_argument("--large", type=int, default=16_000)
    parser.add_argument("--repeats", type=int, default=2, help="best of N measurements (default 2)")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append", help="shapes (default: all)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from extractor import Extractor

    extractor = Extractor(batch_size=1, torch_threads=args.threads)
    rows = []
    for name in args.shape or SHAPES:
        small = cpu_seconds(extractor, SHAPES[name](args.small), args.repeats)
        large = cpu_seconds(extractor, SHAPES[name](args.large), args.repeats)
        row = {"shape": name, "small_s": round(small, 3), "large_s": round(large, 3),
               "ratio": round(large / small, 2) if small > 0 else None}
        rows.append(row)
        if not args.json:
            print(f"{name:22s} {small:8.3f} s {large:8.3f} s  x{row['ratio']}", flush=True)
    if args.json:
        print(json.dumps({"small": args.small, "large": args.large, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
