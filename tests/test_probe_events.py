"""scripts/probe_events.py: mention references and the probe file's own consistency."""

import importlib.util
import json

from conftest import REPO

_spec = importlib.util.spec_from_file_location("probe_events", REPO / "scripts" / "probe_events.py")
probe_events = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe_events)

PROBE = REPO / "data" / "probes" / "events-unseen.jsonl"


def test_a_reference_is_its_first_or_nth_occurrence():
    text = "bertemu A, lalu bertemu B"
    assert probe_events.resolve(text, "bertemu", "t") == (0, 7)
    assert probe_events.resolve(text, ["bertemu", 2], "t") == (16, 23)


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
                    probe_events.resolve(probe["text"], mention, probe["id"])


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
