"""extractor.pipeline: stages declare what they require and provide; the pipeline checks it once."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_context
from extractor.core import default_stages
from extractor.pipeline import ExtractionPipeline, RecordStage, Stage


class Tokens(RecordStage):
    name = "tokens"
    requires = frozenset({"article"})

    @staticmethod
    def extractor(doc, context):
        return [token.text for token in doc if not token.is_space]


class NeedsTokens(Stage):
    name = "counter"
    requires = frozenset({"tokens"})
    provides = frozenset({"count"})

    def __call__(self, context) -> None:
        context.records["count"] = [len(context.records["tokens"])]


def test_stages_run_in_order_on_one_context():
    context = make_context("Menlu Retno bertemu Menlu Rusia.")
    ExtractionPipeline([Tokens(), NeedsTokens()])(context)
    assert context.records["tokens"][:3] == ["Menlu", "Retno", "bertemu"]
    assert context.records["count"] == [len(context.records["tokens"])]
    assert Tokens.provides == frozenset({"tokens"})  # a record stage provides its name


def test_a_requirement_no_earlier_stage_provides_is_refused_at_construction():
    with pytest.raises(ValueError, match="stage 'counter' requires \\['tokens'\\]"):
        ExtractionPipeline([NeedsTokens(), Tokens()])


def test_a_span_group_of_a_missing_component_names_the_component():
    from extractor.components import components

    without_parties = [info for info in components() if info.name != "parties"]
    stage = type("PartyReader", (Stage,), {"name": "party_reader", "requires": frozenset({"spans:party"})})()
    with pytest.raises(ValueError, match="spans:party is assigned by component 'parties'"):
        ExtractionPipeline([stage], components=without_parties)


def test_the_default_stages_satisfy_each_other():
    stages = default_stages()
    names = [stage.name for stage in stages]
    assert names[0] == "article" and {"officials", "events", "dates", "priority_areas", "figures"} <= set(names)
    pipeline = ExtractionPipeline(stages)
    assert pipeline.stages == stages
    assert names.index("dates") < names.index("events")  # events read dates


def test_boilerplate_ranges_are_found_with_few_and_with_many():
    context = make_context("Baca juga: sesuatu. Isi berita.", published=dt.date(2017, 8, 9))
    context.boilerplate = [(0, 18)]
    assert context.in_boilerplate(5, 8) and not context.in_boilerplate(20, 24)
    context.boilerplate = [(i * 10, i * 10 + 5) for i in range(40)]  # the bisected path
    assert context.in_boilerplate(12, 13) and not context.in_boilerplate(16, 19) and context.in_boilerplate(19, 21)
