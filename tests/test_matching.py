import random

import pytest

from conftest import span_in
from extractor.evaluation.matching import match_type, normalize_string, overlap, values_close
from extractor.records import DocumentRecords, Span

TEXT = "Pertemuan ke-16 ASEAN-Rusia digelar 19-20 Mei 2016 dan Rabu (9/8) di Bali, nilai US$16,74 miliar."


span = span_in


def date(surface: str, value=None, value_end=None, granularity="day") -> dict:
    return {**span(TEXT, surface), "value": value, "value_end": value_end, "granularity": granularity}


def figure(surface: str, kind: str, value: float) -> dict:
    return {**span(TEXT, surface), "kind": kind, "value": value}


def doc(**lists) -> DocumentRecords:
    return DocumentRecords.model_validate({"doc_id": "d", **lists}, context={"text": TEXT})


def counts(record_type: str, gold: DocumentRecords, pred: DocumentRecords, span_only=False):
    m = match_type(record_type, gold, pred, span_only=span_only)
    return m.tp, m.fp, m.fn


def test_normalize_string_casefolds_and_collapses_punctuation():
    assert normalize_string("Retno  L.P.\u00a0Marsudi") == "retno l p marsudi"
    assert normalize_string("Menteri Luar Negeri,") == normalize_string("menteri luar-negeri")
    assert normalize_string(None) == ""


def test_overlap_needs_a_shared_character():
    a = Span(start=0, end=5, text="abcde")
    assert overlap(a, Span(start=5, end=7, text="fg")) == 0
    assert overlap(a, Span(start=4, end=7, text="efg")) == 1


def test_adjacent_spans_do_not_match():
    gold = doc(dates=[date("19-20 Mei", "2016-05-19", "2016-05-20")])
    pred = doc(dates=[{**span(TEXT, " 2016"), "value": "2016-05-19", "value_end": "2016-05-20", "granularity": "day"}])
    assert counts("dates", gold, pred) == (0, 1, 1)


def test_one_big_prediction_matches_only_one_of_two_golds():
    gold = doc(dates=[date("19-20 Mei"), date("Rabu (9/8)")])
    pred = doc(dates=[{**span(TEXT, "19-20 Mei 2016 dan Rabu (9/8)"), "value": "2016-05-19", "granularity": "day"}])
    assert counts("dates", gold, pred) == (1, 0, 1)


def test_gold_null_value_matches_any_value_but_not_the_reverse():
    gold = doc(dates=[date("Rabu (9/8)", None)])
    assert counts("dates", gold, doc(dates=[date("Rabu (9/8)", "2017-08-09")])) == (1, 0, 0)
    gold = doc(dates=[date("Rabu (9/8)", "2017-08-09")])
    assert counts("dates", gold, doc(dates=[date("Rabu (9/8)", None)])) == (0, 1, 1)
    assert counts("dates", gold, doc(dates=[date("Rabu (9/8)", "2017-08-10")])) == (0, 1, 1)


def test_date_value_end_must_agree():
    gold = doc(dates=[date("19-20 Mei 2016", "2016-05-19", "2016-05-20")])
    assert counts("dates", gold, doc(dates=[date("19-20 Mei 2016", "2016-05-19")])) == (0, 1, 1)
    assert counts("dates", gold, doc(dates=[date("19-20 Mei 2016", "2016-05-19")]), span_only=True) == (1, 0, 0)


@pytest.mark.parametrize("factor, matches", [(1.004, True), (0.996, True), (1.006, False), (0.994, False)])
def test_figure_value_tolerance(factor, matches):
    gold = doc(figures=[figure("US$16,74 miliar", "money", 16.74e9)])
    pred = doc(figures=[figure("US$16,74 miliar", "money", 16.74e9 * factor)])
    assert counts("figures", gold, pred) == ((1, 0, 0) if matches else (0, 1, 1))
    assert values_close(100, 100.4) and not values_close(100, 100.6)


def test_figure_kind_must_agree():
    gold = doc(figures=[figure("ke-16", "ordinal", 16)])
    pred = doc(figures=[figure("ke-16", "count", 16)])
    assert counts("figures", gold, pred) == (0, 1, 1)
    assert counts("figures", gold, pred, span_only=True) == (1, 0, 0)


def test_identical_duplicate_prediction_is_a_false_positive():
    gold = doc(figures=[figure("ke-16", "ordinal", 16)])
    pred = doc(figures=[figure("ke-16", "ordinal", 16), figure("ke-16", "ordinal", 16)])
    assert counts("figures", gold, pred) == (1, 1, 0)


def test_best_pair_first_prefers_the_exact_span_whatever_the_order():
    gold = doc(dates=[date("19-20 Mei"), date("Mei 2016")])
    for preds in ([date("Mei 2016"), date("19-20 Mei 2016")], [date("19-20 Mei 2016"), date("Mei 2016")]):
        m = match_type("dates", gold, doc(dates=preds))
        matched = {(gold.dates[g].text, doc(dates=preds).dates[p].text) for g, p in m.pairs}
        assert matched == {("19-20 Mei", "19-20 Mei 2016"), ("Mei 2016", "Mei 2016")}


def official(name: str, *surfaces: str, title=None) -> dict:
    return {"name": name, "title": title, "mentions": [span(TEXT, s) for s in surfaces]}


def test_officials_match_on_any_overlapping_mention():
    gold = doc(officials=[official("ASEAN", "ASEAN"), official("Bali", "Bali")])
    pred = doc(officials=[official("ASEAN-Rusia", "Rusia", "ASEAN-Rusia"), official("Rabu", "Rabu")])
    assert counts("officials", gold, pred) == (1, 1, 1)


def test_priority_areas_match_on_area_only():
    gold = doc(priority_areas=[{"area": "tourism", "mentions": [span(TEXT, "Bali")]}])
    pred = doc(priority_areas=[{"area": "tourism", "mentions": [span(TEXT, "Rabu")]},
                               {"area": "energy", "mentions": [span(TEXT, "Bali")]}])
    assert counts("priority_areas", gold, pred) == (1, 1, 0)


def test_results_do_not_depend_on_record_order():
    rng = random.Random(7)
    golds = [date("19-20 Mei"), date("Mei 2016"), date("Rabu (9/8)"), date("2016", "2016", granularity="year")]
    preds = [date("19-20 Mei 2016"), date("Mei"), date("Mei 2016"), date("Rabu"), date("(9/8)"), date("2016", "2016")]
    reference = None
    for _ in range(20):
        rng.shuffle(golds)
        rng.shuffle(preds)
        gold, pred = doc(dates=golds), doc(dates=preds)
        m = match_type("dates", gold, pred)
        pairs = sorted((gold.dates[g].start, gold.dates[g].end, pred.dates[p].start, pred.dates[p].end) for g, p in m.pairs)
        if reference is None:
            reference = pairs
        assert pairs == reference
        assert (m.tp, m.fp, m.fn) == (4, 2, 0)
