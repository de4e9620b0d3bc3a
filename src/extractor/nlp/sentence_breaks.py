"""Deterministic correction of sentence breaks the Stanza tokenizer puts after abbreviations.

The tokenizer sometimes ends a sentence at the full stop of a title (`Dr.`), a
reference abbreviation (`No.`, `Jl.`) or a personal initial (`Retno L.P. Marsudi`).
A break is merged away when the sentence's last word is such an abbreviation
(lexicon: `resources/sentence_abbreviations.json`) or capital initials after a
capitalised word (`Retno L.P.`, not `hepatitis B.`), the full stop is attached
to it, the gap to the next sentence holds no line break, and the next sentence
starts with a letter, a digit or an opening bracket.

The correction is a Stanza processor of its own, :class:`SentenceBreaksProcessor`, registered
as ``sentence_breaks`` and placed right after ``tokenize`` in Stanza's processor order, so that
NER reads the corrected sentences: ``stanza.Pipeline(processors="tokenize,sentence_breaks,ner")``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from stanza.models.common import doc as stanza_doc
from stanza.pipeline._constants import TOKENIZE
from stanza.pipeline.processor import Processor, register_processor
from stanza.pipeline.registry import NAME_TO_PROCESSOR_CLASS, PIPELINE_NAMES

from ..resource_data import load_resource

SENTENCE_BREAKS = "sentence_breaks"

INITIALS = re.compile(r"(?:[A-Z]\.)+")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations with their final full stop, e.g. `Dr.`, `No.`."""
    lexicon = load_resource("sentence_abbreviations.json")
    return frozenset(entry for key in ("titles", "references", "inline") for entry in lexicon[key])


def ends_with_abbreviation(text: str, tokens: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence whose token spans are `tokens` ends with an abbreviation's full stop."""
    words = [text[start:end] for start, end in tokens]
    if words and words[-1] == "." and len(tokens) >= 2 and tokens[-2][1] == tokens[-1][0]:
        # The tokenizer split the full stop off: judge the word it belongs to.
        words = words[:-2] + [words[-2] + "."]
    if not words or not words[-1].endswith("."):
        return False
    last = words[-1]
    if last in abbreviations():
        return True
    if INITIALS.fullmatch(last):
        before = words[-2] if len(words) >= 2 else ""
        return not before or before[:1].isupper()
    return False


def should_merge(text: str, sentence_tokens: Sequence[tuple[int, int]], next_tokens: Sequence[tuple[int, int]]) -> bool:
    if not sentence_tokens or not next_tokens:
        return False
    gap = text[sentence_tokens[-1][1]:next_tokens[0][0]]
    if "\n" in gap:
        return False
    next_first = text[next_tokens[0][0]:next_tokens[0][1]]
    return (next_first[:1].isalnum() or next_first[:1] == "(") and ends_with_abbreviation(text, sentence_tokens)


def merged_sentence_groups(text: str, sentences: Sequence[Sequence[tuple[int, int]]]) -> list[list[int]]:
    """Indices of the tokenizer's sentences grouped into corrected sentences."""
    groups: list[list[int]] = []
    for index, tokens in enumerate(sentences):
        if groups and should_merge(text, sentences[index - 1], tokens):
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def correct_sentence_breaks(document: stanza_doc.Document) -> stanza_doc.Document:
    """The document with abbreviation-caused sentence breaks merged; unchanged if there are none."""
    spans = [[(token.start_char, token.end_char) for token in sentence.tokens] for sentence in document.sentences]
    groups = merged_sentence_groups(document.text, spans)
    if len(groups) == len(document.sentences):
        return document
    merged: list[list[dict]] = []
    for group in groups:
        words: list[dict] = []
        for index in group:
            words.extend(document.sentences[index].to_dict())
        renumber(words)
        merged.append(words)
    return stanza_doc.Document(merged, document.text)


def renumber(words: list[dict]) -> None:
    """Give the words of a merged sentence consecutive ids (multi-word token ranges included)."""
    next_id = 1
    for word in words:
        word_id = word["id"]
        if isinstance(word_id, (tuple, list)) and len(word_id) == 2:
            width = word_id[1] - word_id[0]
            word["id"] = (next_id, next_id + width)
        else:
            word["id"] = next_id
            next_id += 1


class SentenceBreaksProcessor(Processor):
    """Merges the tokenizer's sentence breaks after abbreviations and initials (no model)."""

    REQUIRES_DEFAULT = {TOKENIZE}
    PROVIDES_DEFAULT = {SENTENCE_BREAKS}

    def process(self, doc: stanza_doc.Document) -> stanza_doc.Document:
        return correct_sentence_breaks(doc)


def _register() -> None:
    if NAME_TO_PROCESSOR_CLASS.get(SENTENCE_BREAKS) is not SentenceBreaksProcessor:
        register_processor(SENTENCE_BREAKS)(SentenceBreaksProcessor)
    # Stanza runs processors in registry order; new ones go last (after ner): this one must run
    # right after the tokenizer, before anything reads sentences.
    PIPELINE_NAMES.remove(SENTENCE_BREAKS)
    PIPELINE_NAMES.insert(PIPELINE_NAMES.index(TOKENIZE) + 1, SENTENCE_BREAKS)


_register()
