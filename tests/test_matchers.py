"""extractor.nlp.matchers: a matcher is built once per vocab, and a new vocab gets its own."""

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from extractor.nlp.matchers import once_per_vocab


def test_built_once_per_vocab_and_vocab_kept_alive():
    built = []

    @once_per_vocab
    def matcher(vocab):
        built.append(vocab)
        return PhraseMatcher(vocab)

    first = Vocab()
    assert matcher(first) is matcher(first)
    assert len(built) == 1
    second = Vocab()
    assert matcher(second) is not matcher(first)
    assert len(built) == 2
    # The cache holds the vocab itself: its id cannot be reused by a later vocab.
    assert any(entry[0] is first for entry in matcher.cache.values())
