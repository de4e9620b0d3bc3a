"""The record-type registry: one descriptor per type, read by output, CLI, evaluation and Label Studio.

``Treaty`` below is a whole new record type, added in this one file: a model, a stage that
builds it from the Doc's tokens, and one ``register`` call. Nothing else in the package changes,
yet its records appear in the extractor's output, in ``extractor show``, in the evaluation
scores and in the Label Studio configuration and export.
"""

from __future__ import annotations

import io
import json
from typing import Iterable

import pytest

from extractor.core import Extractor, default_stages
from extractor.evaluation import labelstudio
from extractor.evaluation.scoring import evaluate
from extractor.io.writers import record_line
from extractor.pipeline import RecordStage
from extractor.record_types import RecordType, RegionField, record_type, record_type_names, register, unregister
from extractor.records import RECORD_TYPES, DocumentRecords, Span

TEXT = "Kedua negara menandatangani perjanjian ekstradisi di Jakarta. Kesepakatan itu berlaku tahun depan."


class Treaty(Span):
    kind: str
    rule: str | None = None


class TreatiesStage(RecordStage):
    name = "treaties"
    requires = frozenset({"boilerplate"})

    @staticmethod
    def extractor(doc, context) -> Iterable[Treaty]:
        for token in doc[:-1]:
            if token.lower_ == "perjanjian" and token.nbor().is_alpha and token.nbor().is_lower:
                span = doc[token.i : token.i + 2]
                yield Treaty(start=span.start_char, end=span.end_char, text=span.text, kind=token.nbor().text, rule="treaty_noun")


@pytest.fixture
def treaties():
    descriptor = register(RecordType(
        name="treaties",
        model=Treaty,
        stage=TreatiesStage,
        label="TREATY",
        describe=lambda record: record.kind,
        columns=("text", "kind", "start"),
        region_fields=(RegionField("treaty_kind", "treaties", "kind", "text"),),
        required=("kind",),
    ))
    yield descriptor
    unregister("treaties")


def test_built_in_types_are_registered_in_output_order():
    assert record_type_names() == RECORD_TYPES
    assert record_type("figures").span_only and not record_type("officials").span_only
    assert record_type("officials").has_mentions and not record_type("dates").has_mentions
    with pytest.raises(KeyError, match="no record type 'treaty'"):
        record_type("treaty")


def test_a_label_is_one_type_only():
    with pytest.raises(ValueError, match="label 'DATE' is already 'dates'"):
        register(RecordType(name="days", model=Treaty, stage=None, label="DATE", describe=str, columns=()))


def test_a_registered_type_runs_by_default_and_reaches_the_output(treaties):
    assert "treaties" in [stage.name for stage in default_stages()]
    extractor = Extractor()
    records = extractor.extract(TEXT, doc_id="t1", published="2017-08-09")
    assert [(t.text, t.kind) for t in records.treaties] == [("perjanjian ekstradisi", "ekstradisi")]
    line = json.loads(record_line(records))
    assert line["treaties"] == [{"start": 28, "end": 49, "text": "perjanjian ekstradisi", "kind": "ekstradisi", "rule": "treaty_noun"}]
    assert line["dates"], "the built-in types still run"
    reread = DocumentRecords.model_validate(line, context={"text": TEXT})
    assert isinstance(reread.treaties[0], Treaty)


def test_an_unregistered_custom_stage_still_reaches_the_output():
    from extractor.extractors.article_meta import ArticleMetaStage

    records = next(Extractor(stages=[ArticleMetaStage(), TreatiesStage()], warm_up=False).extract_many([TEXT]))
    assert json.loads(record_line(records))["treaties"][0]["text"] == "perjanjian ekstradisi"


def test_evaluation_show_and_label_studio_read_the_registry(treaties):
    from rich.console import Console

    from extractor.cli import render_records

    gold = DocumentRecords(doc_id="t1", treaties=[Treaty(start=28, end=49, text="perjanjian ekstradisi", kind="ekstradisi")])
    pred = DocumentRecords(doc_id="t1", treaties=[])
    scores = evaluate({"t1": gold}, {"t1": pred}).scores
    assert (scores["treaties"].tp, scores["treaties"].fn) == (0, 1)
    assert scores["overall"].fn == 1

    console = Console(file=io.StringIO(), width=120)
    render_records(console, TEXT, gold)
    assert "treaties (1)" in console.file.getvalue()

    assert '<Label value="TREATY"' in labelstudio.labeling_config()
    assert 'name="treaty_kind"' in labelstudio.labeling_config()
    results = labelstudio.records_to_results(gold, TEXT)
    assert {"TREATY"} == {label for r in results if r["type"] == "labels" for label in r["value"]["labels"]}
    task = labelstudio.records_to_task(gold, TEXT, as_annotation=True)
    back = labelstudio.task_to_records(task, "task 1", text=TEXT)
    assert [(t.text, t.kind) for t in back.treaties] == [("perjanjian ekstradisi", "ekstradisi")]
