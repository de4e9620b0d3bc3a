"""Linear time: for each adversarial shape the work on 16 kB is at most 3x the work on 8 kB.

Nothing is timed against a threshold: CPU seconds of ``Extractor.extract`` (the process's own,
Stanza included) are compared between two sizes in the same process. A measurement over the
ratio is repeated up to three times, keeping the minimum (the machine is shared); a shape stays over only when it really grows
faster than linearly. The 1 MB line with no space is the ``heavy`` variant (``pytest -m heavy``).
"""

from __future__ import annotations

import time

import pytest

from extractor.core import Extractor
from hostile_shapes import SHAPES

SMALL, LARGE = 8_000, 16_000
MAX_RATIO = 3.0
SLACK_S = 0.05  # below this, CPU time is too coarse to compare
RETRIES = 3  # on a loaded machine CPU seconds inflate too (shared caches); a real blow-up stays over every time


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(batch_size=1)


def cpu_seconds(extractor: Extractor, text: str) -> float:
    started = time.process_time()
    records = extractor.extract(text, doc_id="shape")
    elapsed = time.process_time() - started
    for _, _, _, span in records.iter_spans():
        assert text[span.start : span.end] == span.text
    return elapsed


def growth(extractor: Extractor, shape: str, small: int, large: int) -> tuple[float, float]:
    generate = SHAPES[shape]
    small_s, large_s = cpu_seconds(extractor, generate(small)), cpu_seconds(extractor, generate(large))
    for _ in range(RETRIES):
        if large_s <= MAX_RATIO * small_s + SLACK_S:
            break
        small_s = min(small_s, cpu_seconds(extractor, generate(small)))
        large_s = min(large_s, cpu_seconds(extractor, generate(large)))
    return small_s, large_s


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly(extractor: Extractor, shape: str):
    small_s, large_s = growth(extractor, shape, SMALL, LARGE)
    assert large_s <= MAX_RATIO * small_s + SLACK_S, f"{shape}: {small_s:.3f} s on {SMALL}, {large_s:.3f} s on {LARGE}"


@pytest.mark.heavy
def test_one_megabyte_line_without_spaces(extractor: Extractor):
    small_s, large_s = growth(extractor, "no_space_line", 500_000, 1_000_000)
    assert large_s <= MAX_RATIO * small_s, f"{small_s:.2f} s on 500 kB, {large_s:.2f} s on 1 MB"
