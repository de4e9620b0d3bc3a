"""The archive scorer: gold format, alignment, pairwise and B-cubed scores."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from extractor.archive.scoring import (
    ArchiveGoldError, GoldItem, bcubed, evaluate_archive, load_archive_gold, pairwise,
)
from extractor.archive.store import connect

ANNOTATIONS = Path(__file__).resolve().parent.parent / "data" / "annotations"
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
    with pytest.raises(ArchiveGoldError, match="1 of 1 documents have no raw document in the raw input \\(check --raw\\): 'd'$"):
        load_archive_gold(_gold_dir(tmp_path / "2", events=events), texts={})


def test_parts_partition_the_gold_by_the_held_out_slugs(tmp_path):
    from extractor.archive.scoring import load_split, select_part

    folder = _gold_dir(tmp_path)
    (folder / "split.json").write_text(json.dumps({"held_out": {"persons": ["sergey-lavrov"], "events": ["pertemuan-ri-rusia-manila-2017"]}}))
    gold = load_archive_gold(folder)
    held = select_part(gold, load_split(folder), "held-out")
    tune = select_part(gold, load_split(folder), "tune")
    assert {i.cluster for i in held.persons} == {"sergey-lavrov"} and {i.cluster for i in held.events} == {"pertemuan-ri-rusia-manila-2017"}
    assert len(tune.persons) + len(held.persons) == len(gold.persons) and "sergey-lavrov" not in {i.cluster for i in tune.persons}
    assert select_part(gold, load_split(folder), "all") is gold
    (folder / "split.json").write_text(json.dumps({"held_out": {"persons": ["no-such-person"], "events": []}}))
    with pytest.raises(ArchiveGoldError, match="held-out person 'no-such-person' is not in persons.json"):
        select_part(gold, load_split(folder), "tune")
    (folder / "split.json").unlink()
    with pytest.raises(ArchiveGoldError, match="no split file"):
        load_split(folder)


def test_the_frozen_split_holds_out_a_third_with_enough_multi_report_events():
    from extractor.archive.scoring import load_split, select_part

    folder = ANNOTATIONS / "archive"
    gold = load_archive_gold(folder)
    held = select_part(gold, load_split(folder), "held-out")
    tune = select_part(gold, load_split(folder), "tune")
    for kind in ("persons", "events"):
        held_clusters = {i.cluster for i in getattr(held, kind)}
        all_clusters = {i.cluster for i in getattr(gold, kind)}
        assert 0.3 <= len(held_clusters) / len(all_clusters) <= 0.37
        assert not held_clusters & {i.cluster for i in getattr(tune, kind)}
    reports = Counter(i.cluster for i in held.events)
    assert sum(1 for n in reports.values() if n > 1) >= 8


def test_events_are_scored_over_their_own_records_and_against_the_ceiling():
    from extractor.archive.scoring import GoldItem, score_event_clusters

    a1, a2, b1, c1, c2 = (GoldItem("a", "d1", "x"), GoldItem("a", "d2", "x"), GoldItem("b", "d2", "y"),
                          GoldItem("c", "d3", "z"), GoldItem("c", "d4", "z"))
    # a2 and b1 share record 20 (one record for two events); c2 was not extracted.
    result = score_event_clusters({a1: (10, 1), a2: (20, 2), b1: (20, 2), c1: (30, 3), c2: None})
    assert result["records"]["items"] == 2 and result["records"]["shared_record_items"] == 2
    assert result["records"]["pairwise"]["gold_pairs"] == 0  # a1 and c1 left: no pair to find
    # A perfect resolver still joins a1 with a2 (and so with b1), and cannot find c2.
    ceiling = result["ceiling"]["pairwise"]
    assert (ceiling["tp"], ceiling["predicted_pairs"], ceiling["gold_pairs"]) == (1, 3, 2)
    assert result["all"]["pairwise"]["tp"] == 0 and result["unaligned"] == 1


def test_a_person_form_aligns_to_the_one_official_whose_name_lacks_parts(tmp_path):
    from extractor.archive.scoring import align_persons
    from extractor.archive.resolve import resolve_archive
    from extractor.archive.store import write_document
    from extractor.records import DocumentRecords

    text = "Menlu Retno L.P Marsudi bertemu Menlu Sergey Lavrov dan Presiden Joko Widodo Kahiyang Ayu."

    def official(name, surface):
        start = text.index(surface)
        return {"name": name, "mentions": [{"start": start, "end": start + len(surface), "text": surface}]}

    conn = connect(tmp_path / "a.sqlite")
    write_document(conn, DocumentRecords.model_validate({"doc_id": "d", "officials": [
        official("Retno L", "Retno L"), official("Sergey Lavrov", "Sergey Lavrov"),
        official("Joko Widodo Kahiyang Ayu", "Joko Widodo Kahiyang Ayu")]}), text)
    resolve_archive(conn)
    tiers = Counter()
    items = [GoldItem("retno", "d", "Retno L.P Marsudi"), GoldItem("lavrov", "d", "Sergey Lavrov"),
             GoldItem("jokowi", "d", "Joko Widodo"), GoldItem("ghost", "d", "Sergey Shoigu")]
    aligned = align_persons(conn, items, tiers)
    assert tiers == Counter({"name": 1, "name_parts": 2})
    assert aligned[items[3]] is None and len({aligned[i] for i in items[:3]}) == 3


def test_the_persons_ceiling_counts_only_the_forms_the_extractor_missed(gold_archive, gold_archive_inputs, tmp_path):
    _, _, texts = gold_archive_inputs
    gold = load_archive_gold(_gold_dir(tmp_path), texts)
    persons = evaluate_archive(connect(gold_archive, readonly=True), gold, texts)["persons"]
    # 8 forms, `Nobody Here` unaligned and alone in its gold person: nothing lost.
    assert persons["ceiling"]["pairwise"]["f1"] == 1.0 and persons["aligned_by"]["name"] >= 6


def test_withheld_documents_leave_the_error_lists_but_not_the_scores():
    from extractor.archive.scoring import ArchiveGold, hidden_documents, score_clusters, withhold_items

    a1, a2, a3, b1 = GoldItem("a", "d1", "x"), GoldItem("a", "d2", "x"), GoldItem("a", "test-doc", "x"), GoldItem("b", "d3", "y")
    # a is split over 1 | 2 | 3 (3 in a test document), and cluster 2 joins a with b.
    result = {"events": score_clusters({a1: 1, a2: 2, a3: 3, b1: 2})}
    assert result["events"]["errors"]["joined_items"] == [{"a": ["d2: x"], "b": ["d3: y"]}]
    held_person = GoldItem("someone", "d9", "Some One")
    gold = ArchiveGold(persons=[held_person], events=[a1, a2, a3, b1, GoldItem("held", "d3", "z")])
    hidden = hidden_documents(gold, ArchiveGold(events=[a1, a2, a3, b1]), {"test-doc"})
    assert hidden["events"] == hidden["persons"] == {"test-doc", "d3", "d9"}  # a held-out item of either kind
    shown = withhold_items(result, "tune", hidden)["events"]
    assert shown["errors"]["split"] == [{"gold": "a", "predicted": 2, "groups": [["d1: x"], ["d2: x"]]}]
    assert shown["errors"]["joined"] == [] and shown["all"] == result["events"]["all"]
    assert "test-doc" not in json.dumps(shown) and "d3" not in json.dumps(shown)
    assert "errors" not in withhold_items(result, "held-out", hidden)["events"]
