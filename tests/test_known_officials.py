"""The known_officials component: gazetteer names and aliases as spans."""

from extractor.components import spans
from extractor.components.known_officials import known_matches, known_officials

from conftest import make_doc


def test_aliases_found_with_exact_characters():
    text = "Jokowi-JK bertemu Presiden Joko  Widodo; jokowi tidak."
    doc = make_doc(text)
    found = [(text[s:e], official.name) for s, e, official in known_matches(doc)]
    assert ("Joko  Widodo", "Joko Widodo") in found
    assert ("Jokowi", "Joko Widodo") in found
    assert ("JK", "Jusuf Kalla") in found
    assert all(text[s:e] != "jokowi" for s, e, _ in known_matches(doc))
    labels = {span.label_ for span in spans(doc, "known_official")}
    assert "known_official|Joko Widodo" in labels


def test_terms_are_read_from_the_gazetteer():
    jokowi = next(o for o in known_officials() if o.name == "Joko Widodo")
    import datetime as dt

    assert jokowi.in_office(dt.date(2017, 1, 1)) and jokowi.in_office(None)
