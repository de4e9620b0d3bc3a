import json
import xml.etree.ElementTree as ET

import pytest

from conftest import span_in
from extractor.evaluation.cli import main
from extractor.evaluation.gold import GoldError, load_gold, sorted_records
from extractor.evaluation.labelstudio import (
    region_fields,
    import_export,
    labeling_config,
    python_to_utf16,
    records_to_task,
    task_to_records,
    utf16_to_python,
)
from extractor.records import DocumentRecords

# A non-BMP character (emoji) before the spans shifts Label Studio's UTF-16 offsets by one.
TEXT = (
    "Badung \U0001F1EE\U0001F1E9 (Antaranews Bali) - Dirjen Kerja sama ASEAN Kemlu, Jose Tavares memimpin\u00a0"
    "16th ASEAN-Russia Senior Officials' Meeting, Rabu (9/8). Jose mengatakan kerja sama kontra terorisme "
    "dan keamanan siber menjadi prioritas, dengan nilai US$16,74 miliar. Pertemuan tersebut di Legian."
)


def span(surface: str, occurrence: int = 0) -> dict:
    return span_in(TEXT, surface, occurrence)


def gold() -> DocumentRecords:
    return DocumentRecords.model_validate({
        "doc_id": "doc1",
        "published": "2017-08-09",
        "officials": [{"name": "Jose Tavares", "title": "Direktur Jenderal Kerja Sama ASEAN",
                       "organization": "Kementerian Luar Negeri", "country": "ID",
                       "mentions": [span("Jose Tavares"), span("Jose", 1)]}],
        "events": [{"type": "meeting", "name": "16th ASEAN-Russia Senior Officials' Meeting", "ordinal": 16,
                    "parties": ["ASEAN", "RU"], "location": "Legian", "start": "2017-08-09",
                    "chairs": ["Jose Tavares"], "status": "held",
                    "mentions": [span("16th ASEAN-Russia Senior Officials' Meeting"), span("Pertemuan tersebut")]}],
        "dates": [{**span("Rabu (9/8)"), "value": "2017-08-09", "granularity": "day"}],
        "figures": [{**span("US$16,74 miliar"), "kind": "money", "value": 16.74e9, "unit": "USD"},
                    {**span("16th"), "kind": "ordinal", "value": 16}],
        "priority_areas": [{"area": "counter_terrorism", "mentions": [span("kontra terorisme")]},
                           {"area": "cybersecurity", "mentions": [span("keamanan siber")]}],
    }, context={"text": TEXT})


def test_utf16_offsets_round_trip():
    start = TEXT.index("Dirjen")
    assert python_to_utf16(TEXT, start) == start + 2
    assert utf16_to_python(TEXT, start + 2) == start
    assert utf16_to_python(TEXT, python_to_utf16(TEXT, len(TEXT))) == len(TEXT)


def test_round_trip_gold_to_preannotation_to_gold():
    task = records_to_task(gold(), TEXT)
    task = json.loads(json.dumps(task))  # as Label Studio would store it
    assert "predictions" in task and task["data"]["text"] == TEXT
    assert task_to_records(task, "export.json: task[0]") == sorted_records(gold())


def test_region_offsets_are_utf16_in_the_task():
    result = records_to_task(gold(), TEXT)["predictions"][0]["result"]
    date_region = next(r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["DATE"])
    assert date_region["value"]["start"] == TEXT.index("Rabu (9/8)") + 2
    assert date_region["value"]["text"] == "Rabu (9/8)"


def _labels(region_id, surface, label, occurrence=0):
    s = span(surface, occurrence)
    return {"id": region_id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": python_to_utf16(TEXT, s["start"]), "end": python_to_utf16(TEXT, s["end"]),
                      "text": surface, "labels": [label]}}


def _field(region_id, control, value, kind="textarea"):
    payload = {"choices": [value]} if kind == "choices" else {"text": [value]}
    return {"id": region_id, "from_name": control, "to_name": "text", "type": kind, "value": payload}


def _task(result, **data):
    return {"id": 7, "data": {"text": TEXT, "doc_id": "doc1", **data},
            "annotations": [{"result": result, "was_cancelled": False}]}


def test_mentions_grouped_by_entity_id_and_fields_from_any_region():
    task = _task([
        _labels("a", "Jose Tavares", "OFFICIAL"), _field("a", "entity_id", "o1"),
        _labels("b", "Jose", "OFFICIAL", 1), _field("b", "entity_id", "o1"), _field("b", "official_country", "ID"),
        _labels("c", "Rabu (9/8)", "DATE"), _field("c", "date_value", "2017-08-09"),
        _labels("d", "kontra terorisme", "PRIORITY_AREA"), _field("d", "priority_area", "counter_terrorism", "choices"),
    ])
    records = task_to_records(task, "t")
    assert len(records.officials) == 1
    official = records.officials[0]
    assert official.name == "Jose Tavares" and official.country == "ID"
    assert [m.text for m in official.mentions] == ["Jose Tavares", "Jose"]
    assert records.dates[0].granularity.value == "day"
    assert records.priority_areas[0].area.value == "counter_terrorism"


def test_conflicting_fields_and_missing_required_fields_are_errors():
    task = _task([
        _labels("a", "Jose Tavares", "OFFICIAL"), _field("a", "entity_id", "o1"), _field("a", "official_country", "ID"),
        _labels("b", "Jose", "OFFICIAL", 1), _field("b", "entity_id", "o1"), _field("b", "official_country", "TL"),
        _labels("f", "US$16,74 miliar", "FIGURE"),
    ])
    with pytest.raises(GoldError) as exc:
        task_to_records(task, "export.json: task[0]")
    text = str(exc.value)
    assert "region b: country: 'TL' conflicts with 'ID'" in text
    assert "FIGURE region f: kind: missing" in text


def test_span_text_mismatch_is_reported():
    bad = _labels("a", "Jose Tavares", "OFFICIAL")
    bad["value"]["text"] = "Jose Tavarez"
    with pytest.raises(GoldError, match="region a: span: text 'Jose Tavarez' not found"):
        task_to_records(_task([bad]), "t")


def test_latest_annotation_wins_and_cancelled_are_ignored(tmp_path):
    task = _task([_labels("a", "Rabu (9/8)", "DATE"), _field("a", "date_value", "2017-08-09")])
    task["annotations"][0]["updated_at"] = "2026-01-02T00:00:00"
    task["annotations"].append({"result": [], "was_cancelled": True, "updated_at": "2026-02-01T00:00:00"})
    task["annotations"].append({"result": [], "was_cancelled": False, "updated_at": "2026-01-01T00:00:00"})
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task, {"data": {"text": "x", "doc_id": "unlabelled"}}]))
    documents = import_export(path, None)
    assert [d.doc_id for d in documents] == ["doc1"]
    assert documents[0].dates[0].value == "2017-08-09"


def test_labeling_config_is_xml_with_every_control():
    root = ET.fromstring(labeling_config())
    names = {el.get("name") for el in root.iter() if el.get("name")}
    assert {f.control for f in region_fields()} | {"entity_id", "label", "text"} <= names
    for el in root.iter():
        if el.tag in ("TextArea", "Choices"):
            assert el.get("perRegion") == "true"


def test_cli_export_then_import_reproduces_gold(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc1.txt").write_text(TEXT, encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(gold().model_dump_json() + "\n", encoding="utf-8")
    tasks = tmp_path / "tasks.json"
    assert main(["labelstudio", "export", str(pred), "--raw", str(raw), "-o", str(tasks)]) == 0
    out = tmp_path / "gold"
    assert main(["labelstudio", "import", str(tasks), "--raw", str(raw), "-o", str(out)]) == 0
    assert not out.exists() or not list(out.glob("*.json"))  # pre-annotations alone are not gold
    assert main(["labelstudio", "import", str(tasks), "--raw", str(raw), "-o", str(out), "--from-predictions"]) == 0
    loaded, _ = load_gold(out, raw)
    assert loaded["doc1"] == sorted_records(gold())
    assert main(["labelstudio", "import", str(tasks), "--raw", str(raw), "-o", str(out), "--from-predictions"]) == 2


def _as_label_studio_exports(task: dict, prediction_id: int = 7) -> dict:
    """``task`` (with one prediction) as Label Studio 1.23's Export → JSON writes it once the
    prediction was accepted and submitted: predictions listed by id, the annotation carrying its
    parent prediction, the server's bookkeeping fields around both."""
    prediction = {"id": prediction_id, "model_version": "extractor", "created_ago": "0\xa0minutes", "score": None,
                  "result": task["predictions"][0]["result"], "task": 1, "project": 1,
                  "created_at": "2026-12-01T14:18:20.282342Z", "updated_at": "2026-12-01T14:18:20.286604Z"}
    annotation = {"id": 1, "completed_by": 1, "result": [{**item, "id": item["id"].replace("_", "x")} for item in prediction["result"]],
                  "was_cancelled": False, "ground_truth": False, "created_at": "2026-12-01T14:18:37.294710Z",
                  "updated_at": "2026-12-01T14:18:37.294785Z", "draft_created_at": None, "lead_time": 12.5,
                  "prediction": prediction, "result_count": 9, "unique_id": "99a1a5f2-9ae3-41c1-b2d9-e90d454f701a",
                  "import_id": None, "last_action": None, "bulk_created": False, "task": 1, "project": 1,
                  "updated_by": 1, "parent_prediction": prediction_id, "parent_annotation": None, "last_created_by": None}
    return {"id": 1, "annotations": [annotation], "drafts": [], "predictions": [prediction_id], "data": task["data"],
            "meta": {}, "created_at": "2026-12-01T14:18:20.259562Z", "updated_at": "2026-12-01T14:18:37.531207Z",
            "allow_skip": True, "inner_id": 1, "total_annotations": 1, "cancelled_annotations": 0, "total_predictions": 1,
            "comment_count": 0, "unresolved_comment_count": 0, "last_comment_updated_at": None, "project": 1,
            "updated_by": 1, "comment_authors": []}


def test_label_studio_export_with_prediction_ids_imports(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc1.txt").write_text(TEXT, encoding="utf-8")
    export = tmp_path / "export.json"
    export.write_text(json.dumps([_as_label_studio_exports(records_to_task(gold(), TEXT))]), encoding="utf-8")
    for from_predictions in (False, True):  # the submitted annotation wins either way
        [imported] = import_export(export, raw, from_predictions=from_predictions)
        assert imported == sorted_records(gold())


def test_prediction_ids_alone_are_no_pre_annotation(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc1.txt").write_text(TEXT, encoding="utf-8")
    task = _as_label_studio_exports(records_to_task(gold(), TEXT), prediction_id=15)
    task["annotations"] = [{**task["annotations"][0], "was_cancelled": True, "result": []}]  # skipped
    export = tmp_path / "export.json"
    export.write_text(json.dumps([task]), encoding="utf-8")
    out = tmp_path / "gold"
    assert main(["labelstudio", "import", str(export), "--raw", str(raw), "-o", str(out)]) == 0
    assert not out.exists() or not list(out.iterdir())  # a skipped task is not gold
    capsys.readouterr()
    assert main(["labelstudio", "import", str(export), "--raw", str(raw), "-o", str(out), "--from-predictions"]) == 2
    err = capsys.readouterr().err
    assert f"{export}: task[0]: predictions: the export lists prediction ids only (15)" in err
    assert not list(out.iterdir())


def _good_task():
    return _task([_labels("a", "Rabu (9/8)", "DATE"), _field("a", "date_value", "2017-08-09")])


def _with(change):
    task = _good_task()
    change(task)
    return [task]


MALFORMED_EXPORTS = {
    "a string": "\"tasks\"",
    "tasks that are not objects": [1, "two"],
    "data not an object": _with(lambda t: t.__setitem__("data", "text")),
    "annotations not a list": _with(lambda t: t.__setitem__("annotations", "done")),
    "annotation not an object": _with(lambda t: t.__setitem__("annotations", [3])),
    "result an object": _with(lambda t: t["annotations"][0].__setitem__("result", {"id": "a"})),
    "result item a string": _with(lambda t: t["annotations"][0]["result"].append("region")),
    "value a list": _with(lambda t: t["annotations"][0]["result"][0].__setitem__("value", [1, 2])),
    "labels a list of lists": _with(lambda t: t["annotations"][0]["result"][0]["value"].__setitem__("labels", [["DATE"]])),
    "start a string": _with(lambda t: t["annotations"][0]["result"][0]["value"].__setitem__("start", "5")),
    "start a boolean": _with(lambda t: t["annotations"][0]["result"][0]["value"].__setitem__("start", True)),
    "negative offsets": _with(lambda t: t["annotations"][0]["result"][0]["value"].update(start=-3, end=-1, text=None)),
    "choices a number": _with(lambda t: t["annotations"][0]["result"].append(
        {"id": "a", "from_name": "date_granularity", "type": "choices", "value": {"choices": 5}})),
    "text a list of numbers": _with(lambda t: t["annotations"][0]["result"][1]["value"].__setitem__("text", [1, 2])),
    "predictions a string": _with(lambda t: (t.pop("annotations"), t.__setitem__("predictions", "p"))),
    "prediction ids that are strings": _with(lambda t: t.__setitem__("predictions", ["7"])),
    "prediction id a boolean": _with(lambda t: t.__setitem__("predictions", [True])),
    "NaN figure value": [_task([_labels("f", "US$16,74 miliar", "FIGURE"), _field("f", "figure_kind", "money", "choices"),
                                _field("f", "figure_value", "nan")])],
    "Infinity figure value": [_task([_labels("f", "US$16,74 miliar", "FIGURE"), _field("f", "figure_kind", "money", "choices"),
                                     _field("f", "figure_value", "inf")])],
    "NaN literal in the JSON": "[{\"data\": {\"text\": \"x\", \"doc_id\": \"d\"}, \"annotations\": [{\"result\": [], \"score\": NaN}]}]",
    "two tasks for one document": [_good_task(), _good_task()],
    "not UTF-8": b"\xff\xfe[]",
    "empty file": "",
}


@pytest.mark.parametrize("case", sorted(MALFORMED_EXPORTS))
def test_malformed_exports_are_errors_never_tracebacks(case, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc1.txt").write_text(TEXT, encoding="utf-8")
    export = tmp_path / "export.json"
    content = MALFORMED_EXPORTS[case]
    if isinstance(content, bytes):
        export.write_bytes(content)
    else:
        export.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    out = tmp_path / "gold"
    status = main(["labelstudio", "import", str(export), "--raw", str(raw), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith(f"error: {export}") and "Traceback" not in err
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("doc_id", ["../../escaped", "/tmp/absolute", "https://example.org/a/b?c=1", "CON", "x" * 400])
def test_imported_gold_files_stay_inside_the_output_folder(doc_id, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "corpus.jsonl").write_text(json.dumps({"id": doc_id, "text": TEXT}) + "\n", encoding="utf-8")
    task = _good_task()
    task["data"]["doc_id"] = doc_id
    export = tmp_path / "deep" / "er" / "export.json"
    export.parent.mkdir(parents=True)
    export.write_text(json.dumps([task]), encoding="utf-8")
    out = tmp_path / "deep" / "er" / "gold"
    assert main(["labelstudio", "import", str(export), "--raw", str(raw), "-o", str(out)]) == 0
    [written] = [p for p in tmp_path.rglob("*.json") if p != export]
    assert written.parent == out
    loaded, _ = load_gold(out, raw)
    assert list(loaded) == [doc_id] and loaded[doc_id].dates[0].value == "2017-08-09"
