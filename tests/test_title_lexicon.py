"""The title_lexicon component and the placing of its phrases on the lexicon's words."""

from extractor.components.title_lexicon import lexicon_words, phrase_token_variants
from extractor.normalize.titles import COUNTRY, HEAD, HONORIFIC

from conftest import make_doc


def test_title_matcher_built_once_per_vocab():
    from spacy.vocab import Vocab

    from extractor.nlp.spacy_doc import shared_vocab
    from extractor.components.title_lexicon import title_matcher

    vocab = shared_vocab()
    assert title_matcher(vocab) is title_matcher(vocab)
    other = Vocab()
    assert title_matcher(other) is title_matcher(other)
    assert title_matcher(other) is not title_matcher(vocab)


def test_phrase_token_variants_split_compounds():
    variants = phrase_token_variants("Perserikatan Bangsa-Bangsa")
    assert ("perserikatan", "bangsa-bangsa") in variants
    assert ("perserikatan", "bangsa", "-", "bangsa") in variants
    assert ("menteri", "atr", "/", "kepala", "bpn") in phrase_token_variants("Menteri ATR/Kepala BPN")
    assert ("menteri", "atr/kepala", "bpn") in phrase_token_variants("Menteri ATR/Kepala BPN")


def test_phrases_placed_on_words_of_a_stanza_doc():
    text = "Wakil Presiden Dr. Jusuf Kalla dan Sekjen Perserikatan Bangsa-Bangsa hadir."
    found = lexicon_words(make_doc(text))
    words = [w.text for w in found.tokens]
    assert found.match(HONORIFIC, words.index("Dr")) is not None
    end, _ = found.match(HEAD, words.index("Wakil"))
    assert words[end - 1] == "Presiden"
    assert found.match(HEAD, words.index("Sekjen"))[0] == words.index("Sekjen") + 1
    assert found.match(COUNTRY, words.index("Wakil")) is None


def test_lowercase_phrase_is_no_match():
    text = "kata presiden itu"
    found = lexicon_words(make_doc(text))
    assert found.match(HEAD, 1) is None
