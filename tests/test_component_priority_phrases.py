"""The ``priority_phrases`` component: the phrases of priority_areas.json on the one Doc."""

from __future__ import annotations

from extractor.components import spans

from conftest import make_doc


def test_cues_and_areas_with_pattern_ids():
    doc = make_doc("Kedua negara sepakat memperkuat kerja sama di bidang energi dan kontra-terorisme.")
    cues = {(s.text, s.label_) for s in spans(doc, "cue")}
    assert ("sepakat", "cue") in cues and ("Kedua negara", "context") in cues
    areas = [(s.text, s.label_, s.kb_id_) for s in spans(doc, "area")]
    assert ("energi", "area|energy", "energy") in areas
    assert ("kontra-terorisme", "area|counter_terrorism", "counter_terrorism") in areas


def test_a_phrase_may_run_over_a_double_or_non_breaking_space_but_not_a_line_break():
    doc = make_doc("Fokus pada keamanan\u00a0 siber. Lalu keamanan\nsiber.")
    areas = [s.text for s in spans(doc, "area") if s.kb_id_ == "cybersecurity"]
    assert "keamanan\u00a0 siber" in areas and "keamanan\nsiber" not in areas


def test_non_area_phrases_carry_no_slug():
    doc = make_doc("Mereka membahas krisis kemanusiaan.")
    assert [(s.text, s.kb_id_) for s in spans(doc, "area") if s.label_ == "non_area"] == [("krisis kemanusiaan", "")]
