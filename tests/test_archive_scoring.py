"""The archive scorer: gold format, alignment, pairwise and B-cubed scores."""

from __future__ import annotations

import json

import pytest

from extractor.archive.scoring import (
    ArchiveGoldError, bcubed, evaluate_archive, load_archive_gold, pairwise,
)
from extractor.archive.store import connect

D004 = "004_c1b15d166fd41f57"
D_URUGUAY = "1475951457-perkuat-kerja-sama-menlu-uruguay-akan-sambangi-ind"
D_KORUT = "1502355236-bahas-korut-rusia-indonesia-akan-ikuti-hukum-inter"
D_REFORM = "1505842818-indonesia-dorong-upaya-reformasi-di-tubuh-pbb"
D_ROHINGYA = "1505213757-krisis-kemanusiaan-myanmar-akan-dibahas-para-menlu"
D_TIMOR = "1517471100-perkuat-konektivitas-ri-akan-buka-rute-damri-kupan"

PERSONS = {"persons": [
    {"person": "retno-marsudi", "note": "Menlu RI", "forms": [[D004, "Retno L.P. Marsudi"], [D_URUGUAY, "Retno LP Marsudi"], [D_KORUT, "Retno Marsudi"]]},
    {"person": "sergey-lavrov", "forms": [[D004, "Sergey Lavrov"], [D_KORUT, "Lavrov"]]},
    {"person": "antonio-guterres", "forms": [[D_REFORM, "Antonio Guterres"]]},
    {"person": "aurelio-guterres", "forms": [[D_TIMOR, "Aurelio Sergio Guterres"]]},
    {"person": "nobody", "forms": [[D_TIMOR, "Nobody Here"]]},
]}
EVENTS = {"events": [
    {"event": "sidang-majelis-umum-pbb-72", "reports": [[D_ROHINGYA, "Sidang Majelis Umum PBB"], [D_REFORM, "Sidang Majelis Umum (SMU) PBB ke-72"]]},
    {"event": "pertemuan-ri-rusia-manila-2017", "reports": [[D_KORUT, "pertemuan"]]},
]}


def _gold_dir(tmp_path, persons=PERSONS, events=EVENTS):
    folder = tmp_path / "archive-gold"
    folder.mkdir(parents=True)
    (folder / "persons.json").write_text(json.dumps(persons), encoding="utf-8")
    (folder / "events.json").write_text(json.dumps(events), encoding="utf-8")
    return folder


def test_pairwise_and_bcubed_by_hand():
    gold, predicted = ["a", "a", "b", "b"], [1, 1, 1, 2]
    pairs = pairwise(gold, predicted)
    assert (pairs["tp"], pairs["predicted_pairs"], pairs["gold_pairs"]) == (1, 3, 2)
    assert (pairs["precision"], pairs["recall"], pairs["f1"]) == (0.3333, 0.5, 0.4)
    b3 = bcubed(gold, predicted)
    assert (b3["precision"], b3["recall"], b3["f1"]) == (0.6667, 0.75, 0.7059)
    perfect = pairwise(["a", "a", "b"], [7, 7, 8])
    assert perfect["f1"] == 1.0 and bcubed(["a", "a", "b"], [7, 7, 8])["f1"] == 1.0


def test_scores_of_the_gold_archive_on_a_synthetic_gold(gold_archive, gold_archive_inputs, tmp_path):
    _, _, texts = gold_archive_inputs
    gold = load_archive_gold(_gold_dir(tmp_path), texts)
    result = evaluate_archive(connect(gold_archive, readonly=True), gold, texts)
    persons = result["persons"]
    assert (persons["items"], persons["clusters"], persons["unaligned"]) == (8, 5, 1)
    assert persons["unaligned_items"] == [[D_TIMOR, "Nobody Here"]]
    assert persons["all"]["pairwise"]["f1"] == 1.0 and persons["all"]["bcubed"]["f1"] == 1.0
    events = result["events"]
    assert events["unaligned"] == 0 and events["all"]["pairwise"]["f1"] == 1.0
    assert result["documents"] == 6


def test_a_split_cluster_lowers_recall_and_is_listed(gold_archive, gold_archive_inputs, tmp_path):
    _, _, texts = gold_archive_inputs
    events = {"events": [{"event": "one", "reports": [[D_KORUT, "pertemuan"], [D_REFORM, "Sidang Majelis Umum (SMU) PBB ke-72"]]}]}
    gold = load_archive_gold(_gold_dir(tmp_path, events=events), texts)
    result = evaluate_archive(connect(gold_archive, readonly=True), gold, texts)["events"]
    assert result["all"]["pairwise"]["recall"] == 0.0 and result["all"]["pairwise"]["precision"] == 1.0
    assert result["errors"]["split"][0]["gold"] == "one"


@pytest.mark.parametrize("persons, message", [
    ({"people": []}, 'expected an object {"persons"'),
    ({"persons": [{"person": "x", "forms": [["d", "A"]]}, {"person": "x", "forms": [["e", "B"]]}]}, "duplicate `person`"),
    ({"persons": [{"person": "x", "forms": [["d", "A"], ["d", "A B"]]}]}, "a second entry for document 'd'"),
    ({"persons": [{"person": "x", "forms": [["d", "A"]]}, {"person": "y", "forms": [["d", "a"]]}]}, "already a form of 'x'"),
    ({"persons": [{"person": "x", "forms": [["d"]]}]}, "expected [doc_id, text]"),
])
def test_bad_gold_is_reported_with_file_and_entry(tmp_path, persons, message):
    with pytest.raises(ArchiveGoldError) as error:
        load_archive_gold(_gold_dir(tmp_path, persons=persons))
    assert message in str(error.value) and "persons.json" in str(error.value)


def test_gold_documents_and_surfaces_must_exist(tmp_path):
    events = {"events": [{"event": "e", "reports": [["d", "KTT"]]}]}
    with pytest.raises(ArchiveGoldError) as error:
        load_archive_gold(_gold_dir(tmp_path, events=events), texts={"d": "no summit here", D004: "x", D_URUGUAY: "x",
                                                                     D_KORUT: "x", D_REFORM: "x", D_TIMOR: "x"})
    assert "surface 'KTT' does not occur in d" in str(error.value)
    with pytest.raises(ArchiveGoldError, match="no raw document 'd'"):
        load_archive_gold(_gold_dir(tmp_path / "2", events=events), texts={})
