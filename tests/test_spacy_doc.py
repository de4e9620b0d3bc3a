"""extractor.nlp.spacy_doc: the spaCy Doc over Stanza's tokens reproduces the article exactly."""

from __future__ import annotations

import pytest

from conftest import stanza_tokens
from extractor.nlp.spacy_doc import TEXT, blank_nlp, build_doc, doc_text, shared_vocab

TEXT_WITH_GAPS = "Menlu Retno  bertemu\u00a0Menlu Rusia Sergei Lavrov.\n\nKeduanya membahas Suriah.\t"


def test_the_doc_reproduces_every_character_and_whitespace_gets_its_own_token():
    offsets, starts = stanza_tokens(TEXT_WITH_GAPS)
    doc = build_doc(TEXT_WITH_GAPS, offsets, starts)
    assert doc.text == TEXT_WITH_GAPS and doc_text(doc) == TEXT_WITH_GAPS and doc.user_data[TEXT] == TEXT_WITH_GAPS
    for start, end in offsets:  # every Stanza token is one spaCy token at the same characters
        span = doc.char_span(start, end)
        assert span is not None and len(span) == 1 and span.text == TEXT_WITH_GAPS[start:end]
    gaps = [token.text for token in doc if token.is_space]
    assert "  " not in [t.text for t in doc if not t.is_space]
    assert {" ", "\u00a0", "\n\n", "\t"} <= set(gaps) | {" "}
    assert [s.text.strip() for s in doc.sents][:2] == ["Menlu Retno  bertemu\u00a0Menlu Rusia Sergei Lavrov.", "Keduanya membahas Suriah."]


def test_entities_snap_outwards_to_tokens_and_never_overlap():
    text = "Presiden Joko Widodo menerima PM Lee di Istana."
    offsets, starts = stanza_tokens(text)
    joko, lee = text.index("Joko"), text.index("Lee")
    # a span cut inside words grows to whole tokens; of two overlapping spans the first one kept wins
    doc = build_doc(text, offsets, starts, [(joko + 1, joko + 8, "PER"), (joko + 2, joko + 4, "ORG"), (lee, lee + 2, "PER")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Joko Widodo", "PER"), ("Lee", "PER")]


def test_empty_text_and_text_of_spaces():
    assert len(build_doc("", [])) == 0
    doc = build_doc("   ", [])
    assert doc.text == "   " and all(token.is_space for token in doc)


def test_one_shared_vocabulary_and_the_indonesian_blank_pipeline():
    assert shared_vocab() is shared_vocab()
    nlp = blank_nlp()
    assert nlp.lang == "id" and nlp.vocab is shared_vocab()
    doc = build_doc("dua puluh", [(0, 3), (4, 9)])
    assert doc.vocab is shared_vocab() and doc[0].like_num


def test_a_gap_of_one_space_is_the_previous_tokens_trailing_space():
    doc = build_doc("a b", [(0, 1), (2, 3)])
    assert [t.text for t in doc] == ["a", "b"] and doc[0].whitespace_ == " "
    with pytest.raises(AssertionError):
        build_doc("a b", [(0, 2), (1, 3)])  # overlapping offsets cannot reproduce the text
