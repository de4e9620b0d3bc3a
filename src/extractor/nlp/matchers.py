"""Matchers compiled from a lexicon are costly to build: each is built once per ``Vocab``."""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar

from spacy.vocab import Vocab

M = TypeVar("M")


def once_per_vocab(build: Callable[[Vocab], M]) -> Callable[[Vocab], M]:
    """``build(vocab)`` on the first call for a vocab, the same object on every later call.

    The cache (``function.cache``) keeps the vocab alive with its matcher, so that a new vocab
    can never reuse the ``id`` of a collected one and receive a matcher of another string store.
    """

    @wraps(build)
    def matcher_for(vocab: Vocab) -> M:
        cache: dict[int, tuple[Vocab, Any]] = matcher_for.cache  # type: ignore[attr-defined]
        entry = cache.get(id(vocab))
        if entry is None:
            entry = cache[id(vocab)] = (vocab, build(vocab))
        return entry[1]

    matcher_for.cache = {}  # type: ignore[attr-defined]
    return matcher_for
