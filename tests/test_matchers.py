"""extractor.nlp.matchers: a matcher is built once per vocab, and a new vocab gets its own."""

import re

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


import pytest
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractor.nlp.matchers import TokenMatcher
from extractor.nlp.spacy_doc import shared_vocab

WORDS = ("Kunjungan kerja Menlu ke Summit ASEAN , lalu kunjungannya dan tete - a - tete di KTT ASEAN "
         "Summit serta kunjungan kerja kedua , Summit Summit tete-a-tete").split()
PATTERNS = [
    ("head|kunjungan", [[{"LOWER": "kunjungan"}], [{"LOWER": "kunjungannya"}]], None),
    ("head|kunjungan kerja", [[{"LOWER": "kunjungan"}, {"LOWER": "kerja"}]], None),
    ("english|Summit", [[{"ORTH": "Summit"}]], None),
    ("english|ASEAN Summit", [[{"ORTH": "ASEAN"}, {"ORTH": "Summit"}]], None),
    ("acronym|KTT", [[{"TEXT": "KTT"}]], None),
    ("never", [[{"LOWER": "Kunjungan"}]], None),  # a token's LOWER is never capitalised
    ("mixed", [[{"LOWER": "ktt"}, {"ORTH": "ASEAN"}]], None),
    ("standalone|tete", [
        [{"LOWER": {"REGEX": "^tete-a(?:-tete)?$"}}, {"LOWER": {"REGEX": "^-$"}, "OP": "?"}],
        [{"LOWER": "tete"}, {"LOWER": "-"}, {"LOWER": "a"}, {"LOWER": "-"}, {"LOWER": "tete"}],
    ], "LONGEST"),
    ("greedy_first", [[{"ORTH": "Summit", "OP": "+"}]], "FIRST"),
]


def _both(entries, words=WORDS):
    doc = Doc(shared_vocab(), words=list(words))
    spacy_matcher, token_matcher = Matcher(doc.vocab), TokenMatcher(doc.vocab)
    for key, patterns, greedy in entries:
        spacy_matcher.add(key, patterns, greedy=greedy)
        token_matcher.add(key, patterns, greedy=greedy)
    return spacy_matcher(doc), token_matcher(doc)


def test_token_matcher_returns_what_a_matcher_returns_in_its_order():
    expected, found = _both(PATTERNS)
    assert len(expected) > 10
    assert found == expected


@pytest.mark.parametrize("drop", range(len(PATTERNS)))
def test_token_matcher_agrees_with_any_pattern_left_out(drop):
    expected, found = _both(PATTERNS[:drop] + PATTERNS[drop + 1 :])
    assert found == expected


def test_token_matcher_keeps_the_matcher_order_when_a_non_greedy_key_has_operators():
    entries = PATTERNS + [("optional", [[{"LOWER": "kerja"}, {"LOWER": "menlu", "OP": "?"}]], None)]
    expected, found = _both(entries)
    assert any(key == shared_vocab().strings["optional"] for key, _, _ in found)
    assert found == expected


def test_token_matcher_agrees_on_a_doc_without_the_first_token_of_its_regex_patterns():
    words = [w for w in WORDS if not w.startswith("tete")]
    expected, found = _both(PATTERNS, words)
    assert found == expected
    assert len(TokenMatcher(Vocab())) == 0


def test_the_anchors_regular_expressions_searched_as_one_alternation_or_in_turn():
    from extractor.nlp.matchers import _any_search

    texts = ["tete", "tete-a-tete", "Tete", "courtesy", "a", "tete\n", "xtetex", "", "-", "aa"]
    for regexes in (
        ["^tete-a(?:-tete)?$", "^tete$", "^[-‐‑–]$"],
        ["(a)\\1", "^tete$"],  # a back-reference: the expressions are tried in turn
        ["(?i)tete", "^a$"],  # inline global flags cannot go into an alternation
        ["x"],
    ):
        compiled = [re.compile(r) for r in regexes]
        search = _any_search(compiled)
        assert [search(t) for t in texts] == [any(r.search(t) for r in compiled) for t in texts], regexes
    assert not _any_search([])("tete")


def test_build_per_vocab_builds_every_resource_and_compiles_token_matchers():
    from extractor.nlp.matchers import TokenMatcher, build_per_vocab

    @once_per_vocab
    def words(vocab):
        matcher = TokenMatcher(vocab)
        matcher.add("kata", [[{"LOWER": "kerja"}, {"LOWER": "sama"}]])
        return matcher, 2

    vocab = Vocab()
    build_per_vocab(vocab)
    assert words.cache[id(vocab)][1][0]._compiled is not None  # its strings are in the store for good
    assert "kata" in vocab.strings


def test_a_resource_first_asked_for_inside_a_memory_zone_is_refused():
    @once_per_vocab
    def late(vocab):
        return PhraseMatcher(vocab)

    vocab = Vocab()
    with vocab.memory_zone():
        with pytest.raises(RuntimeError, match="inside a memory zone"):
            late(vocab)
    assert late(vocab) is late(vocab)  # outside a zone it is built as usual
