"""Train the Stanza NER tagger (PER, ORG, LOC) on idner-news-2k, optionally with NERGrit added.

idner-news-2k is `token POS tag` with CRLF line ends; NERGrit is `token<TAB>tag`
with its own type names, mapped to ours (other types become O). Model selection
uses idner-news-2k dev; idner-news-2k test is only used for the reported score.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator, Sequence

logger = logging.getLogger(__name__)

SHORTHAND = "id_extractor"
ENTITY_TYPES = ("PER", "ORG", "LOC")
NERGRIT_TYPES = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}
IDNER_DIR = "ner/idner-news-2k"
NERGRIT_DIR = "ner/nergrit"
IDNER_SPLITS = {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"}
NERGRIT_SPLITS = {"train": "train_preprocess.txt", "dev": "valid_preprocess.txt", "test": "test_preprocess.txt"}

TaggedSentence = list[tuple[str, str]]


def read_bio(path: str | Path) -> Iterator[TaggedSentence]:
    """Sentences of (word, tag) from a token-per-line file: first column word, last column tag."""
    sentence: TaggedSentence = []
    with open(path, encoding="utf-8", newline="") as handle:
        for raw_line in handle:
            line = raw_line.strip("\r\n")
            columns = line.split("\t") if "\t" in line else line.split()
            if len(columns) < 2:
                if sentence:
                    yield sentence
                sentence = []
                continue
            sentence.append((columns[0], columns[-1]))
    if sentence:
        yield sentence


def map_tag(tag: str, type_map: dict[str, str] | None) -> str:
    """Tag with its type renamed through `type_map`; unknown types become O."""
    if tag == "O" or type_map is None:
        return tag
    prefix, _, entity_type = tag.partition("-")
    mapped = type_map.get(entity_type)
    return f"{prefix}-{mapped}" if mapped else "O"


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Turn an I- that does not continue an entity of its type into B- (happens after dropping types)."""
    repaired = []
    previous_type = None
    for tag in tags:
        if tag.startswith("I-") and previous_type != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous_type = tag[2:] if tag != "O" else None
    return repaired


def idner_sentences(data_dir: Path, split: str) -> list[TaggedSentence]:
    return list(read_bio(data_dir / IDNER_DIR / IDNER_SPLITS[split]))


def nergrit_sentences(data_dir: Path, split: str) -> list[TaggedSentence]:
    sentences = []
    for sentence in read_bio(data_dir / NERGRIT_DIR / NERGRIT_SPLITS[split]):
        words = [word for word, _ in sentence]
        tags = repair_bio([map_tag(tag, NERGRIT_TYPES) for _, tag in sentence])
        sentences.append(list(zip(words, tags)))
    return sentences


def ner_source_files(data_dir: Path, splits: Iterable[str] = ("train", "dev")) -> list[Path]:
    """The NER files of the given splits (for word-vector text; test splits stay out by default)."""
    wanted = tuple(splits)
    return [data_dir / IDNER_DIR / IDNER_SPLITS[split] for split in wanted] + [
        data_dir / NERGRIT_DIR / NERGRIT_SPLITS[split] for split in wanted
    ]


def write_stanza_json(sentences: Iterable[TaggedSentence], path: Path) -> int:
    """Stanza's NER JSON: a list of sentences, each a list of {"text", "ner"}."""
    document = [[{"text": word, "ner": tag} for word, tag in sentence] for sentence in sentences]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return len(document)


def prepare(data_dir: Path, work_dir: Path, with_nergrit: bool) -> dict[str, Path]:
    work_dir.mkdir(parents=True, exist_ok=True)
    train = idner_sentences(data_dir, "train")
    if with_nergrit:
        train += nergrit_sentences(data_dir, "train") + nergrit_sentences(data_dir, "dev")
    files = {split: work_dir / f"{SHORTHAND}.{split}.json" for split in ("train", "dev", "test")}
    write_stanza_json(train, files["train"])
    write_stanza_json(idner_sentences(data_dir, "dev"), files["dev"])
    write_stanza_json(idner_sentences(data_dir, "test"), files["test"])
    return files


def train_command(files: dict[str, Path], pretrain_path: Path, model_path: Path, steps: int) -> list[str]:
    return [
        sys.executable, "-m", "stanza.models.ner_tagger",
        "--mode", "train",
        "--shorthand", SHORTHAND,
        "--train_file", str(files["train"]),
        "--eval_file", str(files["dev"]),
        "--wordvec_pretrain_file", str(pretrain_path),
        "--max_steps", str(steps),
        "--eval_interval", str(max(100, min(500, steps // 8))),
        "--save_dir", str(model_path.parent),
        "--save_name", model_path.name,
        "--cpu",
    ]


def train(data_dir: Path, work_dir: Path, pretrain_path: Path, model_path: Path, steps: int,
          with_nergrit: bool = False) -> dict:
    """Train the NER tagger with the given word vectors; returns facts for the manifest."""
    files = prepare(data_dir, work_dir, with_nergrit)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    command = train_command(files, pretrain_path, model_path, steps)
    logger.info("running %s", " ".join(command))
    started = time.monotonic()
    subprocess.run(command, check=True, env={**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")})
    train_data = [f"{IDNER_DIR}/{IDNER_SPLITS['train']}"]
    if with_nergrit:
        train_data += [f"{NERGRIT_DIR}/{NERGRIT_SPLITS['train']}", f"{NERGRIT_DIR}/{NERGRIT_SPLITS['dev']}"]
    return {
        "steps": steps,
        "train_seconds": round(time.monotonic() - started, 1),
        "data": {"train": train_data, "dev": f"{IDNER_DIR}/{IDNER_SPLITS['dev']}",
                 "held_out_test": f"{IDNER_DIR}/{IDNER_SPLITS['test']}"},
    }
