"""Word vectors for the NER model: gensim word2vec on IndoSum + UD + NER text, as a Stanza pretrain file."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from extractor.training import ner as ner_data
from extractor.training import ud

logger = logging.getLogger(__name__)

DIMENSIONS = 100
MAX_VOCABULARY = 60_000
MIN_COUNT = 3
EPOCHS = 10
# Test splits stay out of the vector text too: GSD test scores the tokenizer, idner test the NER.
HELD_OUT_TREEBANK = "id_gsd-ud-test.conllu"
# Splits like the NER corpora: numbers with their separators, words, single punctuation marks.
WORD_PATTERN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")


def tokenize_for_vectors(text: str) -> list[str]:
    """Lowercased tokens in the style of the NER training data."""
    return [token.lower() for token in WORD_PATTERN.findall(text)]


def indosum_texts(data_dir: Path) -> Iterator[str]:
    with open(data_dir / "indosum" / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)["text"]


def corpus_sentences(data_dir: Path) -> Iterator[list[str]]:
    """Lowercased token lists: IndoSum article lines, UD sentences, NER train/dev sentences."""
    for text in indosum_texts(data_dir):
        for line in text.split("\n"):
            tokens = tokenize_for_vectors(line)
            if tokens:
                yield tokens
    for treebank in sorted((data_dir / "ud").glob("*/*.conllu")):
        if treebank.name == HELD_OUT_TREEBANK:
            continue
        for sentence in ud.read_conllu(treebank):
            yield [token.lower() for token in sentence.tokens]
    for path in ner_data.ner_source_files(data_dir):
        for sentence in ner_data.read_bio(path):
            yield [word.lower() for word, _ in sentence]


def write_text_vectors(model, path: Path, max_vocabulary: int) -> int:
    """word2vec text format, most frequent words first; returns the number of words written."""
    words = model.wv.index_to_key[:max_vocabulary]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"{len(words)} {model.vector_size}\n")
        for word in words:
            vector = " ".join(f"{value:.5f}" for value in model.wv[word])
            handle.write(f"{word} {vector}\n")
    return len(words)


def train(data_dir: Path, pretrain_path: Path, workers: int = 1, max_vocabulary: int = MAX_VOCABULARY,
          epochs: int = EPOCHS) -> dict:
    """Train word2vec and convert it to a Stanza pretrain file; returns facts for the manifest."""
    from gensim.models import Word2Vec

    started = time.monotonic()
    sentences = list(corpus_sentences(data_dir))
    token_count = sum(len(sentence) for sentence in sentences)
    logger.info("word2vec on %d sentences, %d tokens", len(sentences), token_count)
    model = Word2Vec(
        sentences=sentences, vector_size=DIMENSIONS, window=5, min_count=MIN_COUNT,
        workers=workers, epochs=epochs, seed=1, sg=1,
    )
    pretrain_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        text_path = Path(scratch) / "vectors.txt"
        vocabulary = write_text_vectors(model, text_path, max_vocabulary)
        subprocess.run(
            [sys.executable, "-m", "stanza.models.common.convert_pretrain", str(pretrain_path), str(text_path), "-1"],
            check=True,
        )
    return {
        "train_seconds": round(time.monotonic() - started, 1),
        "dimensions": DIMENSIONS,
        "vocabulary": vocabulary,
        "min_count": MIN_COUNT,
        "epochs": epochs,
        "corpus_tokens": token_count,
        "data": ["indosum/articles.jsonl", "ud/*/*.conllu except GSD test (text only)",
                 "ner/idner-news-2k train+dev (text only)", "ner/nergrit train+valid (text only)"],
    }
