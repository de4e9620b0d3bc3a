"""scripts/probe_texts.py (what the probe scripts share) and scripts/probe_events.py: mention
references, the frozen test set refused, and the events probe file's own consistency."""

import json
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))  # the probe scripts import probe_texts as scripts do
import probe_events  # noqa: E402
import probe_texts  # noqa: E402

PROBE = REPO / "data" / "probes" / "events-unseen.jsonl"


def test_a_reference_is_its_first_or_nth_occurrence():
    text = "bertemu A, lalu bertemu B"
    assert probe_texts.resolve(text, "bertemu", "t") == (0, 7)
    assert probe_texts.resolve(text, ["bertemu", 2], "t") == (16, 23)
    with pytest.raises(SystemExit, match="occurrence 3"):
        probe_texts.resolve(text, ["bertemu", 3], "t")


def test_a_probe_may_not_name_a_document_of_the_frozen_test_set():
    frozen = sorted(path.stem for path in (REPO / "data" / "annotations" / "test").glob("*.json"))
    assert frozen
    with pytest.raises(SystemExit, match="frozen test documents"):
        probe_texts.read_articles({frozen[0]})
    with pytest.raises(SystemExit, match="not found"):
        probe_texts.read_articles({"no-such-article"})


def test_characters_shared_by_two_span_lists():
    assert probe_events.shared([(0, 10)], [(5, 12), (20, 30)]) == 5
    assert probe_events.shared([(0, 10)], [(10, 12)]) == 0


def test_the_probe_holds_no_article_text_and_resolves_on_its_sentences():
    probes = [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {p["source"] for p in probes} == {"indosum", "web", "sentence"}
    for probe in probes:
        assert ("text" in probe) == (probe["source"] == "sentence")
        if probe["source"] == "sentence":
            for event in probe["events"]:
                for mention in event["mentions"]:
                    probe_texts.resolve(probe["text"], mention, probe["id"])


def test_the_probe_articles_are_in_no_gold_set():
    """IndoSum articles: in no per-document or archive gold; web excerpts: in no per-document gold."""
    probes = [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_document = {path.stem for path in (REPO / "data" / "annotations").rglob("*.json")}
    archive = json.loads((REPO / "data" / "annotations" / "archive" / "events.json").read_text(encoding="utf-8"))
    linked = {doc for event in archive["events"] for doc, _surface in event["reports"]}
    persons = json.loads((REPO / "data" / "annotations" / "archive" / "persons.json").read_text(encoding="utf-8"))
    linked |= {doc for person in persons["persons"] for doc, _name in person["forms"]}
    assert not {p["id"] for p in probes if p["source"] != "sentence"} & per_document
    assert not {p["id"] for p in probes if p["source"] == "indosum"} & linked
