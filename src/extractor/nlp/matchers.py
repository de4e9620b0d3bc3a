"""Matchers compiled from a lexicon are costly to build: each is built once per ``Vocab``.

:class:`TokenMatcher` takes spaCy ``Matcher`` patterns and returns what a ``Matcher`` holding
them returns, faster: spaCy's ``Matcher`` tries every pattern at every token, so its cost grows
with the number of patterns; a pattern that is a plain sequence of words (``{"LOWER": w}`` or
``{"ORTH": w}`` per token) is found by a ``PhraseMatcher`` (one hash lookup per token) instead,
and the other patterns run only on a Doc holding a token they must start with.
"""

from __future__ import annotations

import itertools
import re
from functools import wraps
from typing import Any, Callable, Optional, TypeVar

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

M = TypeVar("M")


_PER_VOCAB: list[Callable[[Vocab], Any]] = []  # every once_per_vocab function, for build_per_vocab


def once_per_vocab(build: Callable[[Vocab], M]) -> Callable[[Vocab], M]:
    """``build(vocab)`` on the first call for a vocab, the same object on every later call.

    The cache (``function.cache``) keeps the vocab alive with its matcher, so that a new vocab
    can never reuse the ``id`` of a collected one and receive a matcher of another string store.
    A matcher's strings and pattern lexemes must outlive every document: built inside a spaCy
    memory zone (:meth:`Vocab.memory_zone`) they would be freed with the document's, so that is
    refused; :func:`build_per_vocab` builds them all before the first zone.
    """

    @wraps(build)
    def matcher_for(vocab: Vocab) -> M:
        cache: dict[int, tuple[Vocab, Any]] = matcher_for.cache  # type: ignore[attr-defined]
        entry = cache.get(id(vocab))
        if entry is None:
            if vocab.in_memory_zone:
                raise RuntimeError(
                    f"{build.__module__}.{build.__qualname__} is first built inside a memory zone: "
                    "call build_per_vocab(vocab) before the first zone"
                )
            built = build(vocab)
            _compile_token_matchers(built)
            entry = cache[id(vocab)] = (vocab, built)
        return entry[1]

    matcher_for.cache = {}  # type: ignore[attr-defined]
    _PER_VOCAB.append(matcher_for)
    return matcher_for


def build_per_vocab(vocab: Vocab) -> None:
    """Build every :func:`once_per_vocab` resource of the modules imported so far for ``vocab``."""
    for matcher_for in list(_PER_VOCAB):
        matcher_for(vocab)


def _compile_token_matchers(built: Any) -> None:
    """Compile a :class:`TokenMatcher` (alone or in a tuple) now: its strings are the vocab's for good."""
    for part in built if isinstance(built, tuple) else (built,):
        if isinstance(part, TokenMatcher) and part._compiled is None:
            part._compiled = part._compile()


_LITERAL_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}
_OPTIONAL = frozenset({"?", "*", "!"})
Match = tuple[int, int, int]
_SERIALS = itertools.count()


def _literal(pattern: list[dict]) -> Optional[tuple[str, tuple[str, ...]]]:
    """``(attribute, words)`` when every token of ``pattern`` is one required word of one
    attribute (``ORTH`` or ``LOWER``), else ``None``."""
    attrs, words = set(), []
    for token in pattern:
        if len(token) != 1:
            return None
        (name, value), = token.items()
        if name not in _LITERAL_ATTRS or not isinstance(value, str):
            return None
        attrs.add(_LITERAL_ATTRS[name])
        words.append(value)
    return (attrs.pop(), tuple(words)) if len(attrs) == 1 else None


def _anchor(pattern: list[dict]) -> Optional[tuple[str, Any]]:
    """A token test every match of ``pattern`` passes on one of its tokens: the first token the
    pattern requires (no ``?``/``*``/``!`` operator), when it is a word or a ``REGEX`` of
    ``ORTH``/``LOWER`` and nothing else; ``None`` when there is no such token."""
    for token in pattern:
        if token.get("OP") in _OPTIONAL:
            continue
        tests = {name: value for name, value in token.items() if name != "OP"}
        if len(tests) != 1:
            return None
        (name, value), = tests.items()
        if name not in _LITERAL_ATTRS:
            return None
        if isinstance(value, str):
            return _LITERAL_ATTRS[name], ("word", value)
        if isinstance(value, dict) and set(value) == {"REGEX"}:
            return _LITERAL_ATTRS[name], ("regex", re.compile(value["REGEX"]))
        return None
    return None


def _anchor_tests(anchors: list[tuple[str, Any]]) -> list[tuple[str, frozenset, Callable[[str], bool]]]:
    """Per attribute (in name order), the anchors' words as a set and their regular expressions
    as one test: ``search(text)`` is true when one of them is found in ``text`` (one alternation
    where the expressions allow it, else each in turn)."""
    tests = []
    for attr in sorted({attr for attr, _ in anchors}):
        words = frozenset(test for a, (kind, test) in anchors if a == attr and kind == "word")
        regexes = [test for a, (kind, test) in anchors if a == attr and kind == "regex"]
        tests.append((attr, words, _any_search(regexes)))
    return tests


def _any_search(regexes: list[re.Pattern]) -> Callable[[str], bool]:
    if not regexes:
        return lambda text: False
    if all(r.flags == regexes[0].flags and not r.groups for r in regexes) and not regexes[0].flags & re.VERBOSE:
        try:  # an alternation is found at a position where one of its branches is found
            combined = re.compile("|".join(f"(?:{r.pattern})" for r in regexes), regexes[0].flags)
        except re.error:  # inline global flags, for one
            pass
        else:
            return lambda text: combined.search(text) is not None
    return lambda text: any(r.search(text) is not None for r in regexes)


class TokenMatcher:
    """``add(key, patterns, greedy=None)`` as spaCy's ``Matcher``; ``matcher(doc)`` returns the
    ``(match_id, start, end)`` list a ``Matcher`` with the same patterns, added in the same order,
    returns, in the same order.

    A ``Matcher`` reports the matches of non-greedy keys in the order it completes them (by end
    token, then start token, then pattern), then those of each greedy key. Plain word sequences
    of non-greedy keys go to a ``PhraseMatcher`` and are put in that order; the remaining patterns
    (greedy keys, operators, regular expressions) stay in a ``Matcher``, which runs only on a Doc
    holding a token one of them must contain. Should a non-greedy key hold a pattern that is no
    word sequence, every pattern stays in one ``Matcher``: the order would not be reproducible.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._entries: list[tuple[str, list[list[dict]], Optional[str]]] = []
        self._compiled: Optional[tuple] = None
        self._serial = next(_SERIALS)

    def add(self, key: str, patterns: list[list[dict]], *, greedy: Optional[str] = None) -> None:
        self._entries.append((key, [list(p) for p in patterns], greedy))
        self._compiled = None

    def __len__(self) -> int:
        return len({key for key, _, _ in self._entries})

    def _compile(self) -> tuple:
        strings = self.vocab.strings
        literal: list[tuple[int, int, str, tuple[str, ...]]] = []  # (order, key, attr, words)
        rest: list[tuple[str, list[list[dict]], Optional[str]]] = []
        # A key added twice is filtered as its last ``add`` says, as in a ``Matcher``.
        greedy_of = {key: greedy for key, _, greedy in self._entries}
        order = 0
        splittable = True
        for key, patterns, _ in self._entries:
            greedy = greedy_of[key]
            kept = []
            for pattern in patterns:
                found = _literal(pattern) if greedy is None else None
                if found is not None:
                    literal.append((order, strings.add(key), *found))
                else:
                    kept.append(pattern)
                    splittable = splittable and greedy is not None
                order += 1
            if kept:
                rest.append((key, kept, greedy))
        if not splittable:
            literal, rest = [], self._entries
        phrase_matchers: dict[str, PhraseMatcher] = {}
        pattern_info: dict[int, tuple[int, int]] = {}  # phrase label -> (order, key)
        for order, key, attr, words in literal:
            if attr == "LOWER" and any(word != word.lower() for word in words):
                continue  # a token's LOWER is lowercase: the pattern can never match
            matcher = phrase_matchers.setdefault(attr, PhraseMatcher(self.vocab, attr=attr))
            label = f"{__name__}.TokenMatcher:{self._serial}:{order}"
            pattern_info[strings.add(label)] = (order, key)
            matcher.add(label, [Doc(self.vocab, words=list(words))])
        rest_matcher: Optional[Matcher] = None
        anchors: Optional[list[tuple[str, frozenset, Callable[[str], bool]]]] = None
        if rest:
            rest_matcher = Matcher(self.vocab)
            for key, patterns, greedy in rest:
                rest_matcher.add(key, patterns, greedy=greedy)
            found = [_anchor(pattern) for _, patterns, _ in rest for pattern in patterns]
            if all(anchor is not None for anchor in found):
                anchors = _anchor_tests(found)
        return list(phrase_matchers.values()), pattern_info, rest_matcher, anchors, {}

    def _may_match(self, doc: Doc, tests: list[tuple[str, frozenset, Callable[[str], bool]]], seen: dict) -> bool:
        """Whether some token of ``doc`` passes one of the anchors' ``tests`` (:func:`_anchor_tests`;
        answers kept per string, as the sets of strings that pass and that fail, per attribute)."""
        strings = self.vocab.strings
        for attr, words, search in tests:
            passing, failing = seen.setdefault(attr, (set(), set()))
            values = set(doc.to_array(ORTH if attr == "ORTH" else LOWER).tolist())
            if not values.isdisjoint(passing):
                return True
            for value in values - failing:
                text = strings[value]
                if text in words or search(text):
                    passing.add(value)
                    return True
                failing.add(value)
        return False

    def __call__(self, doc: Doc) -> list[Match]:
        if self._compiled is None:
            self._compiled = self._compile()
        phrase_matchers, pattern_info, rest_matcher, anchors, seen = self._compiled
        found: list[tuple[int, int, int, int]] = []  # (end, start, order, key)
        for matcher in phrase_matchers:
            for label, start, end in matcher(doc):
                order, key = pattern_info[label]
                found.append((end, start, order, key))
        found.sort()
        matches: list[Match] = []
        emitted: set[Match] = set()
        for end, start, _, key in found:
            match = (key, start, end)
            if match not in emitted:
                emitted.add(match)
                matches.append(match)
        if rest_matcher is not None and (anchors is None or self._may_match(doc, anchors, seen)):
            matches.extend(rest_matcher(doc))
        return matches
