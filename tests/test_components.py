"""Components: the domain vocabulary written once per Doc as typed span groups, on Stanza's tokens."""

from __future__ import annotations

import pytest

from extractor.components import annotate, annotation_nlp, assigned_by, components, spans
from extractor.nlp.spacy_doc import to_spacy_doc
from extractor.nlp.stanza_models import stanza_pipeline
from extractor.pipeline import ExtractionPipeline, RecordStage

TEXT = (
    "Menteri Luar Negeri RI Retno Marsudi bertemu Menlu Rusia Sergey Lavrov di sela KTT ASEAN "
    "di Manila, Filipina, Rabu (9/8/2017)."
)


@pytest.fixture(scope="module")
def doc():
    return annotate(to_spacy_doc(TEXT, stanza_pipeline()(TEXT)))


def triples(group):
    return [(span.text, span.label_, span.kb_id_) for span in group]


def test_components_are_spacy_factories_on_the_blank_pipeline():
    nlp = annotation_nlp()
    assert nlp.lang == "id"
    names = [info.name for info in components()]
    assert names == nlp.pipe_names
    assert set(names) == {"boilerplate", "calendar", "event_triggers", "numbers", "parties", "priority_phrases",
                          "title_lexicon", "known_officials", "person_names", "title_heads"}
    # registration follows imports; every component comes after the ones it requires
    assert names.index("title_heads") > max(names.index("title_lexicon"), names.index("person_names"))
    assert assigned_by("spans:party") == "parties"


def test_event_triggers_carry_pattern_id_and_event_type(doc):
    assert triples(spans(doc, "event_trigger")) == [
        ("bertemu", "verb|bertemu", "meeting"),
        ("KTT", "head|ktt", "summit"),
    ]


def test_parties_are_snapped_to_tokens_with_their_codes(doc):
    assert triples(spans(doc, "party")) == [
        ("RI", "country", "ID"),
        ("Rusia", "country", "RU"),
        ("ASEAN", "bloc", "ASEAN"),
        ("Filipina", "country", "PH"),
    ]


def test_names_inside_hyphen_joined_words_are_party_parts_with_their_characters():
    from extractor.components.parties import party_parts

    text = "KTT ASEAN-Rusia dan dialog Indonesia-Australia, serta negara-negara lain."
    doc = annotate(to_spacy_doc(text, stanza_pipeline()(text)))
    assert triples(spans(doc, "party")) == []  # a name next to a hyphen is no party span
    assert [(text[s:e], code, text[w_start:w_end]) for s, e, code, w_start, w_end in party_parts(doc)] == [
        ("ASEAN", "ASEAN", "ASEAN-Rusia"),
        ("Rusia", "RU", "ASEAN-Rusia"),
        ("Indonesia", "ID", "Indonesia-Australia"),
        ("Australia", "AU", "Indonesia-Australia"),
    ]
    assert [(span.label_, span.kb_id_) for span in spans(doc, "party_part")] == [
        ("bloc", "ASEAN"), ("country", "RU"), ("country", "ID"), ("country", "AU"),
    ]


def test_title_lexicon_phrases(doc):
    found = triples(spans(doc, "title_lexicon"))
    assert ("Menteri Luar Negeri", "head", "") in found
    assert ("Menlu", "head", "") in found
    assert ("RI", "country", "") in found


def test_a_doc_that_was_not_annotated_is_a_clear_error():
    bare = to_spacy_doc(TEXT, stanza_pipeline()(TEXT))
    with pytest.raises(KeyError, match=r"doc.spans\['party'\] is missing: it is assigned by 'parties'"):
        spans(bare, "party")


def test_a_stage_needing_spans_no_component_assigns_is_refused():
    class NeedsWeather(RecordStage):
        name = "weather_things"
        requires = frozenset({"spans:weather"})
        extractor = staticmethod(lambda doc, context: [])

    class NeedsParties(RecordStage):
        name = "party_things"
        requires = frozenset({"spans:party"})
        extractor = staticmethod(lambda doc, context: [])

    with pytest.raises(ValueError, match=r"stage 'weather_things' requires \['spans:weather'\]"):
        ExtractionPipeline([NeedsWeather()])
    with pytest.raises(ValueError, match=r"spans:party is assigned by component 'parties', which is not in the pipeline"):
        ExtractionPipeline([NeedsParties()], components=[])
    assert ExtractionPipeline([NeedsParties()]).stages
