import json

import pytest

from extractor.evaluation.gold import (
    GoldError,
    load_gold,
    load_gold_file,
    load_predictions,
    load_raw_documents,
    read_text,
    write_gold_file,
)
from extractor.records import DocumentRecords

TEXT = "Jakarta\u00a0(ANTARA) - Menlu  Retno bertemu\r\n“Lavrov” pada 19 Mei 2016."


def write_raw(folder, doc_id="x", text=TEXT, bom=True):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.txt").write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def gold_object(doc_id="x", **changes) -> dict:
    start = TEXT.index("19 Mei 2016")
    obj = {
        "doc_id": doc_id,
        "officials": [{"name": "Retno", "title": "Menteri Luar Negeri", "country": "ID",
                       "mentions": [{"start": TEXT.index("Retno"), "end": TEXT.index("Retno") + 5, "text": "Retno"}]}],
        "dates": [{"start": start, "end": start + 11, "text": "19 Mei 2016", "value": "2016-05-19", "granularity": "day"}],
    }
    obj.update(changes)
    return obj


def write_gold(folder, obj, name=None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name or obj['doc_id']}.json"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_read_text_removes_bom_and_keeps_newlines(tmp_path):
    write_raw(tmp_path)
    assert read_text(tmp_path / "x.txt") == TEXT


def test_raw_folder_mixes_txt_json_and_jsonl(tmp_path):
    write_raw(tmp_path, "a")
    (tmp_path / "b.json").write_text(json.dumps({"id": "b", "text": "B", "published": "2017-08-02T10:00:00"}))
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "C1"}) + "\n\n" + json.dumps({"id": "c2", "text": "C2"}) + "\n")
    articles = load_raw_documents(tmp_path)
    assert sorted(articles) == ["a", "b", "c1", "c2"]
    assert articles["a"].text == TEXT
    assert str(articles["b"].published) == "2017-08-02"
    assert sorted(load_raw_documents(tmp_path, ["c2", "a", "zz"])) == ["a", "c2"]


def test_jsonl_corpus_picks_documents_by_id(tmp_path):
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": f"n{i}", "text": f"teks {i}"}) for i in range(50)))
    articles = load_raw_documents(corpus, ["n7", "n42"])
    assert {k: v.text for k, v in articles.items()} == {"n7": "teks 7", "n42": "teks 42"}


def test_unreadable_inputs(tmp_path):
    with pytest.raises(GoldError, match="no such file or directory"):
        load_raw_documents(tmp_path / "nowhere")
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "T"}\n{"id": "broken", \n')
    with pytest.raises(GoldError, match="bad.jsonl:2: malformed JSON"):
        load_raw_documents(tmp_path)
    assert sorted(load_raw_documents(tmp_path, ["ok"])) == ["ok"]


def test_load_gold_validates_against_raw(tmp_path):
    write_raw(tmp_path / "raw")
    write_gold(tmp_path / "gold", gold_object())
    gold, articles = load_gold(tmp_path / "gold", tmp_path / "raw")
    assert gold["x"].dates[0].value == "2016-05-19"
    assert articles["x"].text == TEXT


def test_span_mismatch_names_file_record_and_field(tmp_path):
    write_raw(tmp_path / "raw")
    obj = gold_object()
    obj["dates"][0]["start"] += 1
    obj["dates"][0]["end"] += 1
    path = write_gold(tmp_path / "gold", obj)
    with pytest.raises(GoldError) as exc:
        load_gold(tmp_path / "gold", tmp_path / "raw")
    assert f"{path}: dates[0].span: text '19 Mei 2016' != document text" in str(exc.value)


@pytest.mark.parametrize("change, expected", [
    ({"dates": [{"start": 0, "end": 7, "text": "Jakarta", "value": "2016-13-01", "granularity": "day"}]}, "dates[0].value"),
    ({"dates": [{"start": 0, "end": 7, "text": "Jakarta", "value": "2016", "granularity": "week"}]}, "dates[0].granularity"),
    ({"events": [{"type": "party", "name": "x", "mentions": [{"start": 0, "end": 7, "text": "Jakarta"}]}]}, "events[0].type"),
    ({"officials": [{"name": "x", "country": "IDN", "mentions": [{"start": 0, "end": 7, "text": "Jakarta"}]}]}, "officials[0].country"),
    ({"priority_areas": [{"area": "tourism", "mentions": []}]}, "priority_areas[0].mentions"),
])
def test_bad_values_name_file_record_and_field(tmp_path, change, expected):
    write_raw(tmp_path / "raw")
    path = write_gold(tmp_path / "gold", gold_object(**change))
    with pytest.raises(GoldError) as exc:
        load_gold(tmp_path / "gold", tmp_path / "raw")
    assert f"{path}: {expected}:" in str(exc.value)


def test_gold_without_raw_text_and_unparseable_file(tmp_path):
    write_raw(tmp_path / "raw")
    write_gold(tmp_path / "gold", gold_object("missing"))
    broken = tmp_path / "gold" / "x.json"
    broken.write_text('{"doc_id": "x", ', encoding="utf-8")
    with pytest.raises(GoldError) as exc:
        load_gold(tmp_path / "gold", tmp_path / "raw")
    problems = exc.value.problems
    assert any(p.startswith(f"{tmp_path / 'gold' / 'missing.json'}: doc_id: no raw document 'missing'") for p in problems)
    assert any(p.startswith(f"{broken}: invalid JSON") for p in problems)


def test_doc_id_must_match_file_name(tmp_path):
    path = write_gold(tmp_path, gold_object(), name="other")
    with pytest.raises(GoldError, match="doc_id: 'x' differs from the file name 'other'"):
        load_gold_file(path, TEXT)


def test_write_gold_file_round_trips(tmp_path):
    records = DocumentRecords.model_validate(gold_object(), context={"text": TEXT})
    path = write_gold_file(records, tmp_path)
    assert load_gold_file(path, TEXT) == records


def test_load_predictions_warns_on_offsets_and_rejects_bad_lines(tmp_path):
    good = gold_object()
    shifted = gold_object("y")
    shifted["dates"][0]["start"] -= 1
    shifted["dates"][0]["end"] -= 1
    shifted["dates"][0]["text"] = TEXT[shifted["dates"][0]["start"]:shifted["dates"][0]["end"]][:-1] + "X"
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(shifted) + "\n", encoding="utf-8")
    predictions, warnings = load_predictions(path, {"x": TEXT, "y": TEXT})
    assert sorted(predictions) == ["x", "y"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:2: dates[0].span")

    path.write_text(json.dumps(good) + "\n" + json.dumps({"doc_id": "z", "figures": [{"start": 0, "end": 1, "text": "J", "kind": "money"}]}) + "\n")
    with pytest.raises(GoldError, match=r"pred.jsonl:2: figures\[0\].value"):
        load_predictions(path)
