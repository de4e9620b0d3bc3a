import json
import subprocess
import sys

from conftest import span_in
from extractor.evaluation.cli import main

TEXT = "Menlu Retno bertemu Lavrov di Sochi pada 19 Mei 2016 dan menyepakati 3 area kerja sama."


def span(surface: str) -> dict:
    return span_in(TEXT, surface)


GOLD = {
    "doc_id": "art1",
    "officials": [{"name": "Retno", "title": "Menteri Luar Negeri", "country": "ID", "mentions": [span("Retno")]},
                  {"name": "Lavrov", "mentions": [span("Lavrov")]}],
    "dates": [{**span("19 Mei 2016"), "value": "2016-05-19", "granularity": "day"}],
    "figures": [{**span("3 area"), "kind": "count", "value": 3, "unit": "area"}],
}
PRED = {
    "doc_id": "art1",
    "officials": [{"name": "Retno", "title": "Menteri Luar Negeri", "country": "ID", "mentions": [span("Retno")]},
                  {"name": "Sochi", "mentions": [span("Sochi")]}],
    "dates": [{**span("19 Mei 2016"), "value": "2016-05-19", "granularity": "day"}],
}


def setup(tmp_path, gold=GOLD):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "art1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "art1.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    return [str(tmp_path / "gold"), "--raw", str(tmp_path / "raw"), "--pred", str(tmp_path / "pred.jsonl")]


def test_json_output_is_only_the_scores_object(tmp_path, capsys):
    assert main(["evaluate", *setup(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)  # the whole of stdout parses as one JSON object
    assert set(result) == {"documents", "scores", "span_only", "attributes"}
    assert result["documents"] == 1
    assert set(result["scores"]) == {"officials", "events", "dates", "priority_areas", "figures", "overall"}
    assert set(result["scores"]["overall"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    assert (result["scores"]["officials"]["tp"], result["scores"]["officials"]["fp"], result["scores"]["officials"]["fn"]) == (1, 1, 1)
    assert result["scores"]["overall"]["tp"] == 2 and result["scores"]["overall"]["fn"] == 2
    assert result["attributes"]["officials.title"] == {"correct": 1, "total": 1, "accuracy": 1.0}


def test_text_report_lists_false_positives_and_negatives(tmp_path, capsys):
    assert main(["evaluate", *setup(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "art1" in out
    assert "Sochi" in out and "Lavrov" in out and "3 area" in out
    assert "FP" in out and "FN" in out


def test_malformed_gold_file_is_an_error_naming_file_record_and_field(tmp_path, capsys):
    bad = json.loads(json.dumps(GOLD))
    bad["dates"][0]["text"] = "19 Mei"
    args = setup(tmp_path, bad)
    assert main(["evaluate", *args, "--json"]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{tmp_path / 'gold' / 'art1.json'}: dates[0].span: Value error, span text '19 Mei'" in captured.err


def test_module_runs_standalone(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "extractor.evaluation.cli", "evaluate", *setup(tmp_path), "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(completed.stdout)["scores"]["dates"]["tp"] == 1


def test_without_pred_runs_the_extractor_on_gold_documents_only(tmp_path, capsys, monkeypatch):
    import extractor.core
    from extractor.records import DocumentRecords

    seen = []

    class FakeExtractor:
        def iter_results(self, articles):
            print("loading models...")  # must not reach stdout under --json
            for article in articles:
                seen.append((article.doc_id, article.text))
                yield DocumentRecords.model_validate(PRED)

    monkeypatch.setattr(extractor.core, "Extractor", FakeExtractor)
    args = setup(tmp_path)[:3]
    (tmp_path / "raw" / "other.txt").write_text("no gold for this one", encoding="utf-8")
    assert main(["evaluate", *args, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["scores"]["dates"]["tp"] == 1
    assert "loading models" in captured.err
    assert seen == [("art1", TEXT)]


def test_raw_may_be_given_several_times(tmp_path, capsys):
    args = setup(tmp_path)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "art2", "text": TEXT}) + "\n", encoding="utf-8")
    (tmp_path / "gold" / "art2.json").write_text(json.dumps({**GOLD, "doc_id": "art2"}), encoding="utf-8")
    assert main(["evaluate", *args, "--raw", str(corpus), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 2
    assert result["scores"]["officials"]["fn"] == 1 + 2  # art2 has no prediction: all its records are missed

