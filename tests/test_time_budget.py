"""The per-document time budget: the library reports a document over it and goes on; the
command's --timeout-per-doc does the same, with --jobs too."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from extractor import cli
from extractor.core import DocumentError, ExtractionError, Extractor
from extractor.document import Article
from extractor.pipeline import RecordStage
from extractor.records import DocumentRecords
from extractor.time_budget import BudgetExceeded, time_budget


class _SlowStage(RecordStage):
    """Busy forever on texts that say so: a catastrophic regex, or a plain Python loop."""

    name = "figures"
    provides = frozenset({"figures"})

    def extract(self, doc, context):
        if "regex" in context.text:
            re.match(r"(a+)+$", "a" * 60 + "b")  # exponential: never returns by itself
        if "loop" in context.text:
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # a stage that swallows errors must not swallow the budget
                    pass
        return []


def test_budget_interrupts_a_regex_and_a_python_loop():
    with pytest.raises(BudgetExceeded):
        with time_budget(0.2):
            re.match(r"(a+)+$", "a" * 60 + "b")
    with time_budget(5):
        pass
    time.sleep(0.01)  # the timer was cleared: nothing fires later


def test_document_over_budget_is_reported_and_the_rest_extracted():
    extractor = Extractor(stages=[_SlowStage()], timeout_per_doc=3)
    articles = [Article("ok1", "Aman."), Article("slow", "Ini regex.", origin="in.jsonl:2"), Article("loop", "Ini loop."),
                Article("ok2", "Aman juga.")]
    started = time.monotonic()
    results = list(extractor.iter_results(articles))
    assert time.monotonic() - started < 30
    assert isinstance(results[0], DocumentRecords) and isinstance(results[3], DocumentRecords)
    for failure in results[1:3]:
        assert isinstance(failure, DocumentError)
        assert failure.stage == "figures" and "time budget of 3 s" in failure.reason
    assert results[1].as_dict()["line"] == 2
    with pytest.raises(ExtractionError, match="--timeout-per-doc"):
        list(extractor.extract_many(articles[1:2]))


def test_no_budget_by_default_in_the_library():
    assert Extractor(stages=[], warm_up=False).timeout_per_doc is None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_command_reports_documents_over_budget_and_goes_on(tmp_path: Path, capsys, jobs: str):
    corpus = tmp_path / "in.jsonl"
    texts = ["Menteri Luar Negeri Retno Marsudi bertemu Menlu Rusia di Jakarta.", "Presiden Joko Widodo ke Bali."]
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    # a budget no document can meet: every one is reported, none stops the run
    assert cli.main(["extract", str(corpus), "-o", str(out), "--jobs", jobs, "--timeout-per-doc", "0.000001"]) == 1
    assert out.read_text(encoding="utf-8") == ""
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc_id"] for e in errors] == ["d0", "d1"]
    assert all("--timeout-per-doc" in e["reason"] and e["line"] in (1, 2) for e in errors)
    assert "0 articles extracted" in capsys.readouterr().err


def test_default_budget_is_generous():
    # every other command test runs under it; an IndoSum article takes well under a second
    assert cli.build_parser().parse_args(["extract", "x.txt"]).timeout_per_doc >= 300


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf"])
def test_timeout_must_be_positive_seconds(value: str, capsys):
    assert cli.main(["extract", "x.txt", "--timeout-per-doc", value]) == 2
