"""The lexicon's word layer: the Doc's Stanza tokens regrouped into words."""

from extractor.nlp.words import doc_words, is_initials, is_letter, phrase_words, standalone_occurrences, token_columns

from conftest import make_doc


def test_doc_words_regroup_the_stanza_tokens():
    text = "Wakil Presiden Dr. Jusuf Kalla bertemu Retno L.P. Marsudi soal ASEAN-Rusia, lalu O'Brien."
    doc = make_doc(text)
    tokens = [t.text for t in doc if not t.is_space]
    # Stanza keeps "Dr." and "L.P." whole and splits "ASEAN - Rusia" and "O' Brien".
    assert "Dr." in tokens and "L.P." in tokens and tokens[tokens.index("ASEAN") + 1] == "-" and "O'" in tokens
    words = doc_words(doc)
    assert [w.text for w in words] == [
        "Wakil", "Presiden", "Dr", ".", "Jusuf", "Kalla", "bertemu", "Retno", "L.P.", "Marsudi",
        "soal", "ASEAN-Rusia", ",", "lalu", "O'Brien", ".",
    ]
    assert all(text[w.start : w.end] == w.text for w in words)
    assert doc_words(doc) is words  # once per Doc


def test_phrase_words_read_a_string_as_a_doc_is_read():
    text = "Retno\u00a0 L.P. Marsudi, Ban Ki-moon (Sekjen PBB)"
    words = phrase_words(text)
    assert [w.text for w in words] == ["Retno", "L.P.", "Marsudi", ",", "Ban", "Ki-moon", "(", "Sekjen", "PBB", ")"]
    assert all(text[w.start : w.end] == w.text for w in words)
    assert [w.text for w in phrase_words("A.B.C x-L.P. 5.P. Dr.")] == ["A.B.", "C", "x-L", ".", "P", ".", "5", ".", "P", ".", "Dr", "."]
    assert [tuple(w) for w in phrase_words("Bangsa-Bangsa")] == [tuple(w) for w in doc_words(make_doc("Bangsa-Bangsa"))]


def test_initials_and_letters():
    assert is_initials("L.") and is_initials("L.P.") and is_initials("É.")
    assert not is_initials("L") and not is_initials("LP.") and not is_initials("1.") and not is_initials("_.")
    assert is_letter("a") and not is_letter("1") and not is_letter("_") and not is_letter("-")


def test_standalone_occurrences_respect_hyphens_and_word_characters():
    text = "O'Brien dan O'Brien-Smith serta XO'Brien, Retno-Lavrov, O'Brien dan Retno."
    doc = make_doc(text)
    last = text.rindex("O'Brien")
    assert standalone_occurrences(doc, "O'Brien") == [(0, 7), (last, last + 7)]
    assert standalone_occurrences(doc, "Retno") == [(text.rindex("Retno"), text.rindex("Retno") + 5)]
    assert standalone_occurrences(doc, "Retno-Lavrov") == [(text.index("Retno-"), text.index("Retno-") + 12)]
    assert standalone_occurrences(doc, "Lavrov") == []


def test_token_columns_read_once_per_doc():
    text = "Menlu Retno tiba.  Ia bertemu Lavrov."
    doc = make_doc(text)
    columns = token_columns(doc)
    assert columns is token_columns(doc)
    assert columns.offsets == [t.idx for t in doc] and columns.lengths == [len(t) for t in doc]
    assert columns.is_space == [t.is_space for t in doc] and columns.spaced == [bool(t.whitespace_) for t in doc]
    assert columns.sentence_starts == [s.start_char for s in doc.sents] == [0, text.index("Ia")]
