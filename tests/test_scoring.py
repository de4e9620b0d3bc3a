import random

import pytest

from conftest import span_in
from extractor.evaluation.scoring import Counts, evaluate
from extractor.records import DocumentRecords

TEXT = (
    "Menlu Retno L.P. Marsudi dan Menlu Lavrov memimpin KTT ke-3 ASEAN-Rusia di Legian, Badung, Bali "
    "pada 19 Mei 2016. Retno mengatakan 10 negara sepakat. Pertemuan tersebut fokus pada kontra terorisme."
)


def span(surface: str, occurrence: int = 0) -> dict:
    return span_in(TEXT, surface, occurrence)


def gold_doc() -> DocumentRecords:
    return DocumentRecords.model_validate({
        "doc_id": "a",
        "officials": [
            {"name": "Retno L.P. Marsudi", "title": "Menteri Luar Negeri", "country": "ID",
             "mentions": [span("Retno L.P. Marsudi"), span("Retno", 1)]},
            {"name": "Lavrov", "title": "Menteri Luar Negeri", "country": "RU", "mentions": [span("Lavrov")]},
        ],
        "events": [{"type": "summit", "name": "KTT ke-3 ASEAN-Rusia", "ordinal": 3, "parties": ["RU", "ASEAN"],
                    "location": "Legian, Badung, Bali", "start": "2016-05-19",
                    "chairs": ["Retno L.P. Marsudi", "Lavrov"],
                    "mentions": [span("KTT ke-3 ASEAN-Rusia"), span("Pertemuan tersebut")]}],
        "dates": [{**span("19 Mei 2016"), "value": "2016-05-19", "granularity": "day"}],
        "figures": [{**span("10 negara"), "kind": "count", "value": 10, "unit": "negara"},
                    {**span("ke-3"), "kind": "ordinal", "value": 3}],
        "priority_areas": [{"area": "counter_terrorism", "mentions": [span("kontra terorisme")]}],
    }, context={"text": TEXT})


def pred_doc() -> DocumentRecords:
    return DocumentRecords.model_validate({
        "doc_id": "a",
        "officials": [
            # matched via the second mention only; title differs in case/punctuation only
            {"name": "Retno", "title": "menteri luar-negeri", "country": "ID", "mentions": [span("Retno", 1)]},
            {"name": "Lavrov", "title": "Presiden", "country": "RU", "mentions": [span("Lavrov")]},
            {"name": "Bali", "mentions": [span("Bali")]},
        ],
        "events": [{"type": "meeting", "name": "ASEAN-Rusia", "ordinal": 3, "parties": ["ASEAN", "RU"],
                    "location": "Bali", "start": "2016-05-19", "chairs": ["retno l.p. marsudi", "LAVROV"],
                    "mentions": [span("ASEAN-Rusia")]}],
        "dates": [{**span("19 Mei"), "value": "2016-05-20", "granularity": "day"}],
        "figures": [{**span("10 negara"), "kind": "count", "value": 10.03},
                    {**span("10 negara"), "kind": "count", "value": 10}],
        "priority_areas": [{"area": "counter_terrorism", "mentions": [span("terorisme")]},
                           {"area": "counter_terrorism", "mentions": [span("kontra")]}],
    }, context={"text": TEXT})


def test_counts_precision_recall_f1():
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().as_dict() == {"tp": 0, "fp": 0, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_exact_counts_per_type_and_overall():
    result = evaluate({"a": gold_doc()}, {"a": pred_doc()}).as_dict()
    scores = result["scores"]
    assert result["documents"] == 1
    assert {k: (v["tp"], v["fp"], v["fn"]) for k, v in scores.items()} == {
        "officials": (2, 1, 0),
        "events": (1, 0, 0),
        "dates": (0, 1, 1),  # wrong value
        "figures": (1, 1, 1),  # duplicate is an fp, "ke-3" missed
        "priority_areas": (1, 1, 0),  # same area twice: the second is an fp
        "overall": (5, 4, 2),
    }
    assert scores["overall"]["precision"] == pytest.approx(5 / 9, abs=1e-4)
    assert scores["overall"]["recall"] == pytest.approx(5 / 7, abs=1e-4)
    assert {k: (v["tp"], v["fp"], v["fn"]) for k, v in result["span_only"].items()} == {
        "dates": (1, 0, 0),
        "figures": (1, 1, 1),
    }


def test_attribute_accuracy_counts():
    attributes = evaluate({"a": gold_doc()}, {"a": pred_doc()}).as_dict()["attributes"]
    assert attributes["officials.title"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert attributes["officials.country"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert attributes["events.type"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    for name in ("events.ordinal", "events.location", "events.start", "events.parties", "events.chairs"):
        assert attributes[name] == {"correct": 1, "total": 1, "accuracy": 1.0}, name


def test_location_containment_both_ways_and_null_handling():
    from extractor.evaluation.matching import location_contains as _location_contains

    assert _location_contains("Legian, Badung, Bali", "badung bali")
    assert _location_contains("Bali", "Legian, Badung, Bali")
    assert not _location_contains("Jakarta", "Bali")
    assert not _location_contains(None, "Bali")
    assert _location_contains(None, None)


def test_missing_prediction_counts_every_gold_record_as_false_negative():
    result = evaluate({"a": gold_doc()}, {}).as_dict()
    assert result["scores"]["overall"]["fn"] == 7
    assert result["scores"]["overall"]["tp"] == 0
    assert result["attributes"]["officials.title"]["total"] == 0


def test_prediction_without_gold_is_ignored():
    other = DocumentRecords(doc_id="b")
    assert evaluate({"a": gold_doc()}, {"a": pred_doc(), "b": other}).as_dict()["documents"] == 1


def test_scores_do_not_depend_on_record_order():
    reference = evaluate({"a": gold_doc()}, {"a": pred_doc()}).as_dict()
    rng = random.Random(3)
    for _ in range(10):
        gold, pred = gold_doc(), pred_doc()
        for records in (gold, pred):
            for record_type in ("officials", "events", "dates", "figures", "priority_areas"):
                rng.shuffle(getattr(records, record_type))
        assert evaluate({"a": gold}, {"a": pred}).as_dict() == reference
