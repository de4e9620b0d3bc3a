"""Universal Dependencies data prep for the Stanza tokenizer.

Turns CoNLL-U treebanks into Stanza's character-level training files: a raw text
file (paragraphs separated by a blank line) and a label file with one digit per
character (0 inside a token or whitespace, 1 token end, 2 sentence end).
Multi-word tokens are kept as one surface token (no clitic splitting), so the
labels 3/4 of Stanza's own converter never occur.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

TOKEN_END = "1"
SENTENCE_END = "2"
INSIDE = "0"


@dataclass(frozen=True)
class UDSentence:
    """One treebank sentence: its raw text and the surface tokens' character spans."""

    sent_id: str
    text: str
    token_spans: tuple[tuple[int, int], ...]

    @property
    def tokens(self) -> list[str]:
        return [self.text[start:end] for start, end in self.token_spans]


def _surface_tokens(token_lines: Sequence[list[str]]) -> list[tuple[str, bool]]:
    """Surface forms with their SpaceAfter flag; words inside a multi-word token are skipped."""
    surface: list[tuple[str, bool]] = []
    covered_until = 0
    for columns in token_lines:
        token_id = columns[0]
        if "." in token_id:
            continue
        space_after = "SpaceAfter=No" not in columns[9]
        if "-" in token_id:
            first, last = (int(part) for part in token_id.split("-"))
            covered_until = last
            surface.append((columns[1], space_after))
            continue
        if int(token_id) <= covered_until:
            continue
        surface.append((columns[1], space_after))
    return surface


def _align(text: str, forms: Sequence[str]) -> tuple[tuple[int, int], ...] | None:
    """Character spans of `forms` in `text`, skipping whitespace between them; None if they do not fit."""
    spans = []
    position = 0
    for form in forms:
        while position < len(text) and text[position].isspace() and not form[:1].isspace():
            position += 1
        if text.startswith(form, position):
            spans.append((position, position + len(form)))
            position += len(form)
        else:
            return None
    if text[position:].strip():
        return None
    return tuple(spans)


def _sentence_from_block(sent_id: str, text: str | None, token_lines: list[list[str]]) -> UDSentence:
    surface = _surface_tokens(token_lines)
    forms = [form for form, _ in surface]
    if text is not None:
        spans = _align(text, forms)
        if spans is not None:
            return UDSentence(sent_id, text, spans)
    # The `# text` comment is missing or disagrees with the tokens: rebuild it from SpaceAfter.
    pieces: list[str] = []
    spans_list = []
    position = 0
    for index, (form, space_after) in enumerate(surface):
        spans_list.append((position, position + len(form)))
        pieces.append(form)
        position += len(form)
        if space_after and index < len(surface) - 1:
            pieces.append(" ")
            position += 1
    return UDSentence(sent_id, "".join(pieces), tuple(spans_list))


def read_conllu(path: str | Path) -> Iterator[UDSentence]:
    """Sentences of a CoNLL-U file with surface-token spans into each sentence's raw text."""
    sent_id = ""
    text: str | None = None
    token_lines: list[list[str]] = []
    with open(path, encoding="utf-8") as handle:
        for raw_line in handle:
            line = raw_line.rstrip("\n").rstrip("\r")
            if not line:
                if token_lines:
                    yield _sentence_from_block(sent_id, text, token_lines)
                sent_id, text, token_lines = "", None, []
            elif line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "sent_id":
                    sent_id = value.strip()
                elif key == "text":
                    text = value.strip()
            else:
                token_lines.append(line.split("\t"))
    if token_lines:
        yield _sentence_from_block(sent_id, text, token_lines)


def sentence_labels(sentence: UDSentence) -> str:
    """One label digit per character of `sentence.text`."""
    labels = [INSIDE] * len(sentence.text)
    for start, end in sentence.token_spans:
        labels[end - 1] = TOKEN_END
    if sentence.token_spans:
        labels[sentence.token_spans[-1][1] - 1] = SENTENCE_END
    return "".join(labels)


def paragraphs(sentences: Iterable[UDSentence], sentences_per_paragraph: int) -> Iterator[list[UDSentence]]:
    """Consecutive sentences grouped into paragraphs, so the model sees sentence breaks in running text."""
    batch: list[UDSentence] = []
    for sentence in sentences:
        batch.append(sentence)
        if len(batch) == sentences_per_paragraph:
            yield batch
            batch = []
    if batch:
        yield batch


def paragraph_text_and_labels(paragraph: Sequence[UDSentence]) -> tuple[str, str]:
    """Sentences joined by one space, and their labels (the joining space is labelled 0)."""
    texts = [sentence.text for sentence in paragraph]
    labels = [sentence_labels(sentence) for sentence in paragraph]
    return " ".join(texts), INSIDE.join(labels)


def write_tokenizer_files(
    sentences: Iterable[UDSentence],
    txt_path: str | Path,
    label_path: str | Path,
    sentences_per_paragraph: int = 8,
) -> int:
    """Write Stanza tokenizer training files; returns the number of sentences written."""
    count = 0
    text_chunks: list[str] = []
    label_chunks: list[str] = []
    for paragraph in paragraphs(sentences, sentences_per_paragraph):
        text, labels = paragraph_text_and_labels(paragraph)
        assert len(text) == len(labels)
        text_chunks.append(text)
        label_chunks.append(labels)
        count += len(paragraph)
    Path(txt_path).write_text("\n\n".join(text_chunks) + "\n", encoding="utf-8")
    Path(label_path).write_text("\n\n".join(label_chunks) + "\n", encoding="utf-8")
    return count


def write_empty_mwt_file(path: str | Path) -> None:
    """Stanza's trainer insists on an MWT expansion file even with --no_use_mwt."""
    Path(path).write_text(json.dumps([]), encoding="utf-8")
