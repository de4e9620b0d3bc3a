"""Build a spaCy ``Doc`` from Stanza's tokens, sentences and entities.

The ``Doc`` reproduces the original text character for character (``doc.text == text``), so a
token's ``idx`` and a span's ``start_char``/``end_char`` are offsets into the article. Whitespace
between tokens other than a single space (newlines, double spaces, non-breaking spaces) becomes a
whitespace token of its own, as spaCy's own tokenizer does.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..resource_data import LANGUAGE


# ``doc.user_data[TEXT]`` is the article text the Doc reproduces: components that match over
# characters read it there rather than rebuild it with ``doc.text`` (a Token object per token).
TEXT = "extractor.text"


def doc_text(doc: Doc) -> str:
    return doc.user_data.get(TEXT) or doc.text


_ENTITIES = "extractor.entities"


class Entity(NamedTuple):
    """One of ``doc.ents`` as plain values: its characters, label and tokens ``[start, end)``."""

    start_char: int
    end_char: int
    label_: str
    start: int
    end: int


def doc_entities(doc: Doc) -> tuple[Entity, ...]:
    """``doc.ents``, read once per Doc (the getter builds every entity's Span anew on each call),
    as plain values: a Span kept in ``doc.user_data`` would tie the Doc in a reference cycle,
    left to the cyclic collector instead of freed when the document is done. Nothing sets the
    entities after :func:`to_spacy_doc` (or :func:`build_doc`) built the Doc."""
    entities = doc.user_data.get(_ENTITIES)
    if entities is None:
        entities = doc.user_data[_ENTITIES] = tuple(
            Entity(e.start_char, e.end_char, e.label_, e.start, e.end) for e in doc.ents
        )
    return entities


@lru_cache(maxsize=1)
def shared_vocab() -> Vocab:
    """The Indonesian vocabulary: lexical attributes such as ``like_num`` and ``is_stop``, no models.

    Built as ``spacy.blank("id")`` builds its vocabulary, without the blank pipeline's tokenizer,
    whose ~16,000 special cases (seconds to compile) a Doc built from Stanza's tokens never uses,
    and with lexical attribute getters that compute the same values faster
    (:mod:`extractor.nlp.lexeme_getters`): every new word of an article runs them all.
    """
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    from .lexeme_getters import fast_getters

    language = get_lang_class(LANGUAGE)
    vocab = create_vocab(language.lang, language.Defaults)
    vocab.lex_attr_getters = fast_getters(vocab.lex_attr_getters)
    return vocab


def _rule_free_tokenizer(nlp: "spacy.language.Language"):
    from spacy.tokenizer import Tokenizer

    return Tokenizer(nlp.vocab)


@lru_cache(maxsize=1)
def blank_nlp() -> "spacy.language.Language":
    """The blank Indonesian spaCy language over the shared vocabulary.

    Its tokenizer splits on whitespace only: every Doc the extractor processes is built from
    Stanza's tokens, and the language's default tokenizer compiles ~16,000 special cases (about
    5 s at start-up) that nothing here would use.
    """
    from spacy.util import get_lang_class

    return get_lang_class(LANGUAGE)(vocab=shared_vocab(), create_tokenizer=_rule_free_tokenizer)


def to_spacy_doc(text: str, stanza_doc) -> Doc:
    """Convert a Stanza ``Document`` over ``text`` into a spaCy ``Doc`` with the same characters.

    Stanza's tokens are read as :func:`build_doc` reads offsets (a token without characters, or
    overlapping the previous one, is left out, so that the character stream stays exact), in
    one pass."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_flags: list[bool] = []
    position = 0
    last_end = -1
    for sentence in stanza_doc.sentences:
        first = True
        for token in sentence.tokens:
            start, end = token.start_char, token.end_char
            if start is None or end <= start or start < last_end:
                continue
            if start > position:
                # :func:`_add_gap` inlined for its commonest case, one space after a token
                if start - position == 1 and text[position] == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                else:
                    _add_gap(text[position:start], words, spaces, sent_flags)
            words.append(text[start:end])
            spaces.append(False)
            sent_flags.append(first or not sent_flags)
            first = False
            position = last_end = end
    if len(text) > position:
        _add_gap(text[position:], words, spaces, sent_flags)
    entities = [(ent.start_char, ent.end_char, ent.type) for ent in getattr(stanza_doc, "ents", [])]
    return _assemble(text, words, spaces, sent_flags, entities)


def _add_gap(gap: str, words: list[str], spaces: list[bool], sent_flags: list[bool]) -> None:
    """A gap between tokens is a whitespace token of its own, except a single space after a
    token, which becomes that token's trailing space."""
    if gap == " " and words and not spaces[-1] and not words[-1].isspace():
        spaces[-1] = True
    else:
        words.append(gap)
        spaces.append(False)
        sent_flags.append(not sent_flags)


def build_doc(
    text: str,
    token_offsets: list[tuple[int, int]],
    sentence_starts: Iterable[int] = (),
    entities: Iterable[tuple[int, int, str]] = (),
) -> Doc:
    """Build a ``Doc`` over ``text`` from token character offsets (sorted, non-overlapping).

    ``sentence_starts`` are indices into ``token_offsets``; ``entities`` are character spans with
    a label, snapped outwards to token boundaries.
    """
    words: list[str] = []
    spaces: list[bool] = []
    sent_flags: list[bool] = []
    starts = set(sentence_starts)
    position = 0
    for index, (start, end) in enumerate(token_offsets):
        if start > position:
            _add_gap(text[position:start], words, spaces, sent_flags)
        if end == start == len(text):
            break
        words.append(text[start:end])
        spaces.append(False)
        sent_flags.append(index in starts or not sent_flags)
        position = end
    if len(text) > position:
        _add_gap(text[position:], words, spaces, sent_flags)
    return _assemble(text, words, spaces, sent_flags, entities)


def _assemble(
    text: str, words: list[str], spaces: list[bool], sent_flags: list[bool], entities: Iterable[tuple[int, int, str]]
) -> Doc:
    if not words:
        return Doc(shared_vocab(), words=[], spaces=[])
    # The words are slices of ``text`` in order, each gap between them a word or a trailing
    # space: they reproduce the text exactly when no two overlap, that is when their lengths
    # add up to the text's (offsets that overlap or run past the text do not).
    assert sum(map(len, words)) + sum(spaces) == len(text), "spaCy Doc does not reproduce the article text"
    doc = Doc(shared_vocab(), words=words, spaces=spaces)
    # What ``Doc(sent_starts=...)`` does (1 for a start, -1 otherwise, through ``from_array``),
    # without its per-token Python loop over a numpy array.
    doc.from_array([SENT_START], numpy.where(sent_flags, 1, -1).astype(numpy.uint64))
    assert len(doc) == len(words), "spaCy Doc does not reproduce the article text"
    doc.user_data[TEXT] = text
    from .words import token_columns  # (imports this module)

    expand = token_columns(doc).expand  # the tokens ``doc.char_span(..., alignment_mode="expand")`` covers
    spans: list[Span] = []
    last_end = -1
    for start, end, label in sorted(entities):
        tokens = expand(start, end)
        if tokens is None or tokens[0] < last_end:
            continue
        spans.append(Span(doc, *tokens, label=label))
        last_end = tokens[1]
    doc.set_ents(spans)  # what ``doc.ents = spans`` does, without copying every span
    return doc
