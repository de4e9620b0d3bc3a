"""spaCy's lexical attribute getters, replaced by callables that return the same values faster.

A ``Vocab`` computes every lexical attribute (``lower``, ``is_alpha``, ``shape``, ``like_num``,
...) of a string the first time a ``Doc`` holds it, by calling one Python function per
attribute. A news article brings a few dozen new strings, each costing some twenty calls: the
largest part of building a ``Doc``. :func:`fast_getters` swaps the getters it knows (by
identity: spaCy's own functions, and the ``partial`` objects ``create_vocab`` makes of them)
for builtins that compute the same value (``str.isalpha`` for ``is_alpha``) or for a short
test that settles the common case (a word of letters only) and calls the original otherwise.
Any getter it does not recognise stays as it is. ``tests/test_lexeme_getters.py`` checks the
values are the originals' on corpus words and on every character of the first planes.
"""

from __future__ import annotations

import functools
from operator import itemgetter
from typing import Any, Callable

from spacy import util
from spacy.lang import lex_attrs as base
from spacy.lang.id import lex_attrs as indonesian

Getter = Callable[[str], Any]

# The values of these getters are plain ``str`` methods or slices of the string.
_BUILTIN: dict[Getter, Getter] = {
    base.lower: str.lower,
    base.prefix: itemgetter(0),
    base.suffix: itemgetter(slice(-3, None)),
    base.is_alpha: str.isalpha,
    base.is_digit: str.isdigit,
    base.is_lower: str.islower,
    base.is_space: str.isspace,
    base.is_title: str.istitle,
    base.is_upper: str.isupper,
    base.is_ascii: str.isascii,  # every character below 128 (true for "", as the original)
}

# Each of these is ``text in <a tuple of strings of one or two characters>``.
_MEMBERSHIP = (base.is_bracket, base.is_quote, base.is_left_punct, base.is_right_punct)
_MAX_MEMBER_LENGTH = 2


def _membership(original: Getter) -> Getter:
    """``original`` (a test of membership in a short list of one- and two-character strings)
    as a set lookup; the set is read off the original on every string of up to two characters it
    can hold (those of its own constants)."""
    members = {
        value
        for constant in original.__code__.co_consts
        if isinstance(constant, tuple)
        for value in constant
        if isinstance(value, str)
    }
    if any(len(value) > _MAX_MEMBER_LENGTH for value in members) or not all(original(value) for value in members):
        return original
    return frozenset(members).__contains__


def _shape(original: Getter) -> Getter:
    def word_shape(text: str) -> str:
        # A word of lowercase letters is ``xxxx`` (a run is cut at four), a capitalised one
        # ``Xxxxx``, digits ``dddd``; any other string goes to spaCy's loop.
        length = len(text)
        if length < 100:
            if text.isalpha():
                if text.islower():
                    return "x" * min(length, 4)
                if length > 1 and text[0].isupper() and text[1:].islower():
                    return "X" + "x" * min(length - 1, 4)
            elif text.isdigit():
                return "d" * min(length, 4)
        return original(text)

    return word_shape


def _like_url(original: Getter) -> Getter:
    def like_url(text: str) -> bool:
        # Without a full stop only the scheme can make a URL-like string.
        if "." not in text:
            return text.startswith(("http://", "https://"))
        return original(text)

    return like_url


def _like_num(original: Getter) -> Getter:
    number_words = frozenset(indonesian._num_words)

    def like_num(text: str) -> bool:
        # A word of letters only is number-like when it is a number word.
        if text.isalpha():
            return text.lower() in number_words
        return original(text)

    return like_num


def _is_currency(original: Getter) -> Getter:
    currencies = frozenset(indonesian.LIST_CURRENCY)

    def is_currency(text: str) -> bool:
        # No letter or digit is a currency sign: a word of them is one only as a listed name.
        if text.isalnum():
            return text in currencies
        return original(text)

    return is_currency


def _is_punct(original: Getter) -> Getter:
    def is_punct(text: str) -> bool:
        if text.isalnum():  # letters and digits are never punctuation (categories L and N)
            return False
        return original(text)

    return is_punct


def _like_email(original: Getter) -> Getter:
    def like_email(text: str) -> bool:
        return "@" in text and original(text)  # the pattern needs an ``@``

    return like_email


def _is_stop(stops: frozenset) -> Getter:
    def is_stop(text: str) -> bool:
        return text.lower() in stops

    return is_stop


def _norm(exceptions: tuple, default: Getter) -> Getter:
    if default is not base.lower or len(exceptions) != 1:
        return functools.partial(util._get_attr_unless_lookup, default, exceptions)
    table = exceptions[0]

    def norm(text: str) -> str:
        return table[text] if text in table else text.lower()

    return norm


_WRAPPED: dict[Getter, Callable[[Getter], Getter]] = {
    base.word_shape: _shape,
    base.like_url: _like_url,
    indonesian.like_num: _like_num,
    indonesian.is_currency: _is_currency,
    base.is_punct: _is_punct,
    base.like_email: _like_email,
}


def fast_getter(getter: Getter) -> Getter:
    """A callable returning what ``getter`` returns for every non-empty string, faster; ``getter``
    itself when it is not one this module knows."""
    if getter in _BUILTIN:
        return _BUILTIN[getter]
    if getter in _MEMBERSHIP:
        return _membership(getter)
    if getter in _WRAPPED:
        return _WRAPPED[getter](getter)
    if isinstance(getter, functools.partial) and not getter.args:
        keywords = getter.keywords
        if getter.func is base.is_stop and set(keywords) == {"stops"}:
            return _is_stop(frozenset(keywords["stops"]))
        if getter.func is base.get_lang and set(keywords) == {"lang"}:
            return _constant(keywords["lang"])
    if (
        isinstance(getter, functools.partial)
        and getter.func is util._get_attr_unless_lookup
        and len(getter.args) == 2
        and not getter.keywords
    ):
        default, exceptions = getter.args
        if all(isinstance(table, dict) for table in exceptions):
            return _norm(tuple(exceptions), default)
    return getter


def _constant(value: str) -> Getter:
    def constant(text: str) -> str:
        return value

    return constant


def fast_getters(getters: dict[int, Getter]) -> dict[int, Getter]:
    """``getters`` (a ``Vocab``'s ``lex_attr_getters``) with each known getter replaced."""
    return {attr: fast_getter(getter) for attr, getter in getters.items()}
