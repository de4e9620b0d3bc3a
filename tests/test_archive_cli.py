"""`extractor index`, `extractor query`, `extractor evaluate --archive` and the sink behind
`extractor extract --db`."""

from __future__ import annotations

import csv
import io
import json

from extractor.archive.sink import ArchiveSink
from extractor.archive.store import connect, is_resolved
from extractor.cli import main
from extractor.document import Article
from extractor.records import DocumentRecords


def _index(tmp_path, records_path, raw_path, *extra):
    db = tmp_path / "a.sqlite"
    return db, main(["index", str(records_path), "--db", str(db), "--raw", str(raw_path), *extra])


def test_index_then_query_in_three_formats(gold_archive_inputs, tmp_path, capsys):
    records_path, raw_path, texts = gold_archive_inputs
    db, status = _index(tmp_path, records_path, raw_path)
    assert status == 0
    assert f"{len(texts)} documents: {len(texts)} added" in capsys.readouterr().err
    assert main(["query", str(db), "meetings", "--country", "AF"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("meetings (") and "sources" in table.splitlines()[1] and "AF; ID" in table
    assert main(["query", str(db), "meetings", "--country", "AF", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all("AF" in r["parties"] and r["sources"] for r in rows)
    assert main(["query", str(db), "person", "Retno Marsudi", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == "person" and answer["tables"][0]["rows"][0]["key"] == "retno-marsudi"
    assert {s["doc_id"] for s in answer["sources"]} >= {"004_c1b15d166fd41f57"}
    for kind in (["timeline", "ID"], ["areas"], ["figures", "--kind", "money"], ["search", "Retno"]):
        assert main(["query", str(db), *kind, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["tables"][0]["rows"]


def test_query_errors(gold_archive_inputs, tmp_path, capsys):
    records_path, raw_path, _ = gold_archive_inputs
    db, _ = _index(tmp_path, records_path, raw_path)
    capsys.readouterr()
    assert main(["query", str(db), "person", "Nobody Atall"]) == 1
    assert "no person named 'Nobody Atall'" in capsys.readouterr().err
    assert main(["query", str(tmp_path / "missing.sqlite"), "areas"]) == 2
    assert "no such archive" in capsys.readouterr().err
    assert main(["query", str(db), "bogus"]) == 2


def test_index_reports_bad_input_and_exit_status(gold_archive_inputs, tmp_path, capsys):
    records_path, raw_path, texts = gold_archive_inputs
    broken = tmp_path / "broken.jsonl"
    lines = records_path.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join(lines[:2] + ['{"doc_id": "x", "officials": "nope"}'] + lines[2:]) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    db, status = _index(tmp_path, broken, raw_path, "--errors", str(errors))
    assert status == 1
    err = capsys.readouterr().err
    assert f"error: {broken}:3: fails the records schema" in err
    problems = [json.loads(line) for line in errors.read_text().splitlines()]
    assert problems == [{"file": str(broken), "line": 3, "reason": problems[0]["reason"], "doc_id": "x"}]
    assert connect(db, readonly=True).execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(texts)
    not_archive = tmp_path / "plain.sqlite"
    not_archive.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert main(["index", str(records_path), "--db", str(not_archive)]) == 2


def test_the_sink_indexes_each_article_as_it_comes_and_resolves_at_the_end(gold_archive_inputs, tmp_path):
    records_path, _, texts = gold_archive_inputs
    records = [DocumentRecords.model_validate_json(line) for line in records_path.read_text(encoding="utf-8").splitlines()]
    sink = ArchiveSink(tmp_path / "a.sqlite")
    articles = [Article(doc_id=r.doc_id, text=texts[r.doc_id]) for r in records]
    for article, record in zip(sink.watch(articles), records):
        sink.add(record)
        assert record.doc_id not in sink.texts
    reader = connect(tmp_path / "a.sqlite", readonly=True)
    assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(records)
    assert not is_resolved(reader)  # a run stopped here: documents whole, resolution pending
    summary = sink.finish()
    assert f"{len(records)} added" in summary and "persons" in summary
    assert is_resolved(reader)
    sink.close()


def test_extract_refuses_an_archive_path_that_is_its_output(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", "data/raw", "-o", str(out), "--db", str(out)]) == 2
    assert "is the same file as -o" in capsys.readouterr().err


def test_evaluate_archive_on_stored_predictions(gold_archive_inputs, tmp_path, capsys):
    records_path, raw_path, _ = gold_archive_inputs
    gold = tmp_path / "archive-gold"
    gold.mkdir()
    (gold / "persons.json").write_text(json.dumps({"persons": [
        {"person": "retno", "forms": [["004_c1b15d166fd41f57", "Retno L.P. Marsudi"],
                                      ["1502355236-bahas-korut-rusia-indonesia-akan-ikuti-hukum-inter", "Retno Marsudi"]]},
        {"person": "lavrov", "forms": [["004_c1b15d166fd41f57", "Sergey Lavrov"]]},
    ]}), encoding="utf-8")
    status = main(["evaluate", "--archive", str(gold), "--raw", str(raw_path), "--pred", str(records_path), "--json"])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["persons"]["all"]["pairwise"] == {"tp": 1, "predicted_pairs": 1, "gold_pairs": 1,
                                                    "precision": 1.0, "recall": 1.0, "f1": 1.0}
    db, _ = _index(tmp_path, records_path, raw_path)
    capsys.readouterr()
    assert main(["evaluate", "--archive", str(gold), "--raw", str(raw_path), "--db", str(db)]) == 0
    report = capsys.readouterr().out
    assert report.startswith("archive gold: 2 documents") and "persons" in report
    assert main(["evaluate", "--archive", str(tmp_path / "nowhere"), "--raw", str(raw_path), "--pred", str(records_path)]) == 2
    assert main(["evaluate", "--archive", str(gold), "--raw", str(raw_path), "--db", str(db), "--part", "tune"]) == 2
    assert "no split file" in capsys.readouterr().err
    (gold / "split.json").write_text(json.dumps({"held_out": {"persons": ["lavrov"], "events": []}}), encoding="utf-8")
    assert main(["evaluate", "--archive", str(gold), "--raw", str(raw_path), "--db", str(db), "--part", "held-out", "--json"]) == 0
    held_out = json.loads(capsys.readouterr().out)
    assert held_out["part"] == "held-out" and held_out["persons"]["items"] == 1 and held_out["documents"] == 1
    assert main(["evaluate", "--archive", str(gold), "--raw", str(raw_path), "--db", str(db), "--part", "tune", "--json"]) == 0
    tune = json.loads(capsys.readouterr().out)
    assert tune["persons"]["items"] == 2 and tune["persons"]["clusters"] == 1


def test_part_needs_the_archive_gold(capsys):
    assert main(["evaluate", "data/annotations", "--raw", "data/raw", "--part", "tune"]) == 2
    assert "--part scores a part of the archive gold" in capsys.readouterr().err


def test_evaluate_archive_prints_no_item_of_test_or_held_out_documents(gold_archive_inputs, tmp_path, capsys):
    records_path, raw_path, _ = gold_archive_inputs
    d004, korut = "004_c1b15d166fd41f57", "1502355236-bahas-korut-rusia-indonesia-akan-ikuti-hukum-inter"
    uruguay, reform = "1475951457-perkuat-kerja-sama-menlu-uruguay-akan-sambangi-ind", "1505842818-indonesia-dorong-upaya-reformasi-di-tubuh-pbb"
    gold = tmp_path / "annotations" / "archive"
    gold.mkdir(parents=True)
    (tmp_path / "annotations" / "test").mkdir()
    (tmp_path / "annotations" / "test" / f"{korut}.json").write_text("{}", encoding="utf-8")
    (gold / "persons.json").write_text(json.dumps({"persons": [
        {"person": "lavrov", "forms": [[d004, "Sergey Lavrov"]]},
        {"person": "ghost-of-004", "forms": [[d004, "Ghost Of Four"]]},
        {"person": "ghost-of-korut", "forms": [[korut, "Ghost Of Korut"]]},
        {"person": "ghost-of-uruguay", "forms": [[uruguay, "Ghost Of Uruguay"]]},
        {"person": "ghost-held-out", "forms": [[reform, "Ghost Held Out"]]},
    ]}), encoding="utf-8")
    (gold / "split.json").write_text(json.dumps({"held_out": {"persons": ["lavrov", "ghost-held-out"], "events": []}}),
                                     encoding="utf-8")
    command = ["evaluate", "--archive", str(gold), "--raw", str(raw_path), "--pred", str(records_path)]
    assert main(command + ["--part", "tune"]) == 0
    tune = capsys.readouterr().out
    # Tune items of a test document (korut) and of a document holding a held-out form (004) are withheld.
    assert "Ghost Of Uruguay" in tune and uruguay in tune
    assert not any(hidden in tune for hidden in ("Ghost Of Four", "Ghost Of Korut", d004, korut, "Ghost Held Out", "Lavrov"))
    assert main(command + ["--part", "tune", "--json"]) == 0
    tune_json = json.loads(capsys.readouterr().out)
    assert tune_json["persons"]["unaligned_items"] == [[uruguay, "Ghost Of Uruguay"]]
    assert tune_json["persons"]["unaligned"] == 3  # scores still count every tune item
    for part in ("held-out", "all"):
        assert main(command + ["--part", part]) == 0
        report = capsys.readouterr().out
        assert "Ghost" not in report and "unaligned:" not in report and "persons" in report
        assert not any(doc in report for doc in (d004, korut, uruguay, reform))
        assert main(command + ["--part", part, "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert "unaligned_items" not in shown["persons"] and "errors" not in shown["persons"]
        assert "Ghost" not in json.dumps(shown) and shown["persons"]["unaligned"] >= 1
