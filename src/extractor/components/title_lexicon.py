"""``title_lexicon``: title heads, organisations, countries and honorifics of ``titles.json``
as ``doc.spans["title_lexicon"]``.

One spaCy ``PhraseMatcher`` on ``LOWER`` finds the phrases on the Doc's tokens, built once per
vocab (:func:`title_matcher`). Its patterns are the phrases tokenised every way a tokenizer may
split them: hyphenated and apostrophe compounds whole or in pieces (``Bangsa-Bangsa`` or
``Bangsa`` ``-`` ``Bangsa``), initials whole or letter by letter, words glued by a slash or a
hyphen (``ATR/BPN``) apart or together, an abbreviation with or without its full stop (``Dr.``).
Pattern ids are the lexicon (``head``, ``organization``, ``country``, ``honorific``), with ``+.``
appended where the phrase was matched with a full stop glued to its last word.

The title and name grammars read the lexicon's words (:mod:`extractor.nlp.words`):
:func:`lexicon_words` places the spans on them once per Doc (a hyphenated compound is one
word, so ``ASEAN`` inside ``ASEAN-Rusia`` qualifies nothing, and a match that does not start
and end on word boundaries is no phrase). Abbreviations must match in their exact case and
other phrases must start with a capital, as the lexicon file says (:class:`LexiconMatches`).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..nlp.matchers import once_per_vocab
from ..nlp.words import Word, doc_words, is_initials, phrase_words, token_columns, word_bounds
from ..normalize.titles import COUNTRY, HEAD, HONORIFIC, MISSING, ORGANIZATION, lexicon
from . import component

KEY = "title_lexicon"
DOTTED = "+."  # label suffix: the pattern spells the phrase with a full stop glued on (``Dr.``)
_SEPARATORS = "-'\u2019"
_MATCHES = "extractor.lexicon_words"


def _compound_pieces(word: str) -> list[str]:
    """``bangsa-bangsa`` → ``bangsa`` ``-`` ``bangsa``: runs between separators, each separator alone."""
    pieces: list[str] = []
    for char in word:
        if char in _SEPARATORS:
            pieces.append(char)
        elif pieces and pieces[-1] not in _SEPARATORS:
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _word_forms(word: str) -> list[list[str]]:
    """The token sequences one word of :func:`phrase_words` may be split into by a tokenizer."""
    forms = [[word]]
    if len(word) >= 4 and is_initials(word):
        forms.append([word[k : k + 2] for k in range(0, len(word), 2)])  # L.P. → L. P.
    elif len(word) > 1 and any(c in _SEPARATORS for c in word):
        pieces = _compound_pieces(word)
        words, separators = pieces[::2], pieces[1::2]
        forms.append(pieces)  # Bangsa-Bangsa → Bangsa - Bangsa
        # The separator glued to the word before it (Bangsa- Bangsa) or after it (Kemenpan -RB,
        # People 's).
        forms.append([w + sep for w, sep in zip(words, [*separators, ""])])
        forms.append([words[0], *(sep + w for sep, w in zip(separators, words[1:]))])
    return forms


def phrase_token_variants(phrase: str) -> list[tuple[str, ...]]:
    """The token sequences (lowercased) a lexicon phrase may appear as in a ``Doc``: each word of
    :func:`phrase_words` whole or split (:func:`_word_forms`), and words written together without a
    space (``ATR/BPN``, ``PPN/Kepala``) apart or as one token."""
    tokens = phrase_words(phrase)
    groups: list[list[Word]] = []
    for token in tokens:
        if groups and groups[-1][-1].end == token.start:
            groups[-1].append(token)
        else:
            groups.append([token])
    variants: list[list[str]] = [[]]
    for group in groups:
        forms: list[list[str]] = [[]]
        for token in group:
            forms = [f + w for f in forms for w in _word_forms(token.text.lower())]
        if len(group) > 1:
            forms.append(["".join(t.text.lower() for t in group)])
        variants = [v + f for v in variants for f in forms]
    unique = dict.fromkeys(tuple(v) for v in variants if v)
    return list(unique)


@once_per_vocab
def title_matcher(vocab: Vocab) -> PhraseMatcher:
    """The lexicon's phrase matcher (on ``LOWER``), built once per vocab. Labels are ``head``,
    ``organization``, ``country`` and ``honorific``; a label ending in ``+.`` marks a pattern that
    spells the phrase with a full stop glued to its last word (``Dr.``, ``Prof.``)."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for label in (HEAD, ORGANIZATION, COUNTRY, HONORIFIC):
        plain: dict[tuple[str, ...], None] = {}
        dotted: dict[tuple[str, ...], None] = {}
        for phrase in lexicon(label).phrases:
            for variant in phrase_token_variants(phrase):
                plain[variant] = None
                if variant[-1][-1:].isalpha():
                    dotted[(*variant[:-1], variant[-1] + ".")] = None
        matcher.add(label, [Doc(vocab, words=list(w)) for w in plain])
        matcher.add(label + DOTTED, [Doc(vocab, words=list(w)) for w in dotted])
    return matcher


def title_lexicon_spans(doc: Doc) -> list[Span]:
    strings = doc.vocab.strings
    return [Span(doc, start, end, label=strings[match_id]) for match_id, start, end in title_matcher(doc.vocab)(doc)]


@component("title_lexicon", assigns=[f"spans:{KEY}"])
def title_lexicon(doc: Doc) -> Doc:
    doc.spans[KEY] = title_lexicon_spans(doc)
    return doc


class LexiconMatches:
    """The lexicon phrases of one Doc placed on its words: ``match(label, i)`` is the longest
    phrase of that lexicon starting at word ``i``."""

    def __init__(self, text: str, tokens: list[Word], doc: Doc):
        self.text = text
        self.tokens = tokens
        starts, word_ends = word_bounds(doc)
        ends: dict[tuple[str, int], set[int]] = {}
        if KEY in doc.spans:  # annotated by the title_lexicon component
            matched = [(span.label_, span.start, span.end) for span in doc.spans[KEY]]
        else:  # a Doc built here for a short string
            matched = [(span.label_, span.start, span.end) for span in title_lexicon_spans(doc)]
        columns = token_columns(doc)
        offsets, lengths = columns.offsets, columns.lengths
        for label, s, e in matched:
            end = offsets[e - 1] + lengths[e - 1]
            if label.endswith(DOTTED):
                label, end = label[: -len(DOTTED)], end - 1
            start = offsets[s]
            i = bisect_left(starts, start)
            j = bisect_left(word_ends, end) + 1  # the index after the word ending at ``end``
            if i < len(starts) and starts[i] == start and j <= len(word_ends) and word_ends[j - 1] == end and j > i:
                ends.setdefault((label, i), set()).add(j)
        self.ends = ends
        self._cache: dict[tuple[str, int], Optional[tuple[int, object]]] = {}

    def starts(self, label: str) -> list[int]:
        """The words, in order, where a phrase of lexicon ``label`` may start (where
        :meth:`match` can be other than None)."""
        return sorted(i for key, i in self.ends if key == label)

    def match(self, label: str, i: int) -> Optional[tuple[int, object]]:
        """The longest entry of lexicon ``label`` starting at word ``i``: ``(index after it,
        value)``; abbreviations in their exact case, other phrases capitalised, never across a
        line break."""
        key = (label, i)
        candidates = self.ends.get(key)
        if not candidates:
            return None
        if key in self._cache:
            return self._cache[key]
        best = None
        entries = lexicon(label)
        for j in sorted(candidates, reverse=True):
            value = entries.lookup(self.tokens[i:j], self.text)
            if value is not MISSING:
                best = (j, value)
                break
        self._cache[key] = best
        return best


def lexicon_words(doc: Doc) -> LexiconMatches:
    """The Doc's lexicon phrases on its words, placed once per Doc."""
    found = doc.user_data.get(_MATCHES)
    if found is None:
        from ..nlp.spacy_doc import doc_text

        found = doc.user_data[_MATCHES] = LexiconMatches(doc_text(doc), doc_words(doc), doc)
    return found


def phrase_doc(text: str) -> Doc:
    """A ``Doc`` over a short text split into its words, for the string-level helpers
    (:func:`extractor.normalize.titles.expand_title`)."""
    from ..nlp.spacy_doc import build_doc

    return build_doc(text, [(t.start, t.end) for t in phrase_words(text)])
