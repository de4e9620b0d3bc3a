"""The lexicon's word layer."""

from extractor.nlp.words import (
    collapse_spaces,
    doc_words,
    find_standalone,
    is_initials,
    is_letter,
    tokenize,
    word_runs,
)

from conftest import make_doc


def test_tokenize_keeps_initials_and_offsets():
    text = "Retno\u00a0 L.P. Marsudi, Ban Ki-moon"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Retno", "L.P.", "Marsudi", ",", "Ban", "Ki-moon"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_initials_and_letters():
    assert is_initials("L.") and is_initials("L.P.") and is_initials("É.")
    assert not is_initials("L") and not is_initials("LP.") and not is_initials("1.") and not is_initials("_.")
    assert is_letter("a") and not is_letter("1") and not is_letter("_") and not is_letter("-")


def test_collapse_spaces():
    assert collapse_spaces(" Retno\u00a0 L.P.\nMarsudi ") == "Retno L.P. Marsudi"


def test_words_and_runs_once_per_doc():
    text = "Retno bertemu Retno-Lavrov, lalu Retno."
    doc = make_doc(text)
    assert doc_words(doc) is doc_words(doc)
    runs = word_runs(doc)
    assert runs["Retno"] == [0, text.rindex("Retno")]
    assert runs["Retno-Lavrov"] == [text.index("Retno-")]
    assert word_runs(doc) is runs


def test_find_standalone_respects_hyphens_and_word_characters():
    text = "O'Brien dan O'Brien-Smith serta XO'Brien, O'Brien."
    assert find_standalone(text, "O'Brien") == [(0, 7), (text.rindex("O'Brien"), text.rindex("O'Brien") + 7)]
