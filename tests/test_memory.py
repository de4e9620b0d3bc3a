"""Memory (heavy): a 9 MB article and a text of one million short tokens either extract within
2 GB peak RSS or are refused with a clear message before the models run (benchmarks/memory.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SHARED_DATA

LIMIT_MB = 2048
BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "memory.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("memory_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.heavy
@pytest.mark.parametrize("case", ["article_9mb", "tokens_1m"])
def test_huge_document_within_memory_or_refused(case: str):
    if not (SHARED_DATA / "indosum" / "articles.jsonl").is_file():
        pytest.skip("IndoSum articles are not available")
    result = _benchmark().run_case(case, timeout_per_doc=3600)
    assert result["peak_rss_mb"] <= LIMIT_MB, result
    if result["articles_written"] == 0:
        [reason] = result["errors"]
        assert "over the limit" in reason and "--max-chars" in reason, result
        assert result["exit_status"] == 1
    else:
        assert result["exit_status"] == 0 and not result["errors"], result
