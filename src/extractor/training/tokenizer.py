"""Train the Stanza tokenizer (surface tokens and sentences, no MWT) on the UD Indonesian treebanks.

GSD test is held out for evaluation. GSD dev is split: its last `DEV_SENTENCES`
sentences select the model, the rest are training data together with CSUI
train+test, PUD test and the news-style augmentation sentences.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from extractor.resource_data import LANGUAGE
from extractor.training import augment, ud

logger = logging.getLogger(__name__)

DEV_SENTENCES = 150
# Generated sentences per augmentation template (20 templates): about 7% of the training sentences.
AUGMENT_COPIES = 10
TRAIN_TREEBANKS = (
    "UD_Indonesian-GSD/id_gsd-ud-dev.conllu",
    "UD_Indonesian-CSUI/id_csui-ud-train.conllu",
    "UD_Indonesian-CSUI/id_csui-ud-test.conllu",
    "UD_Indonesian-PUD/id_pud-ud-test.conllu",
)
HELD_OUT_TEST = "UD_Indonesian-GSD/id_gsd-ud-test.conllu"
SHORTHAND = "id_extractor"


@dataclass(frozen=True)
class TokenizerData:
    train_txt: Path
    train_labels: Path
    dev_txt: Path
    dev_labels: Path
    mwt_json: Path
    train_sentences: int
    dev_sentences: int


def prepare(data_dir: Path, work_dir: Path, augment_copies: int = AUGMENT_COPIES) -> TokenizerData:
    """Write the training and dev files for the tokenizer under `work_dir`."""
    work_dir.mkdir(parents=True, exist_ok=True)
    ud_dir = data_dir / "ud"
    train_sentences: list[ud.UDSentence] = []
    dev_sentences: list[ud.UDSentence] = []
    for relative in TRAIN_TREEBANKS:
        sentences = list(ud.read_conllu(ud_dir / relative))
        if relative.startswith("UD_Indonesian-GSD/"):
            dev_sentences.extend(sentences[-DEV_SENTENCES:])
            sentences = sentences[:-DEV_SENTENCES]
        train_sentences.extend(sentences)
    if augment_copies:
        train_sentences.extend(augment.news_sentences(copies=augment_copies))
    data = TokenizerData(
        train_txt=work_dir / f"{SHORTHAND}.train.txt",
        train_labels=work_dir / f"{SHORTHAND}-ud-train.toklabels",
        dev_txt=work_dir / f"{SHORTHAND}.dev.txt",
        dev_labels=work_dir / f"{SHORTHAND}-ud-dev.toklabels",
        mwt_json=work_dir / f"{SHORTHAND}-mwt.json",
        train_sentences=len(train_sentences),
        dev_sentences=len(dev_sentences),
    )
    ud.write_tokenizer_files(augment.shuffled(train_sentences), data.train_txt, data.train_labels)
    ud.write_tokenizer_files(dev_sentences, data.dev_txt, data.dev_labels)
    ud.write_empty_mwt_file(data.mwt_json)
    return data


def train_command(data: TokenizerData, model_path: Path, steps: int) -> list[str]:
    return [
        sys.executable, "-m", "stanza.models.tokenizer",
        "--mode", "train",
        "--lang", LANGUAGE,
        "--shorthand", SHORTHAND,
        "--txt_file", str(data.train_txt),
        "--label_file", str(data.train_labels),
        "--dev_txt_file", str(data.dev_txt),
        "--dev_label_file", str(data.dev_labels),
        "--mwt_json_file", str(data.mwt_json),
        "--no_use_mwt",
        "--max_seqlen", "500",
        "--steps", str(steps),
        "--eval_steps", str(max(50, min(200, steps // 10))),
        "--save_dir", str(model_path.parent),
        "--save_name", model_path.name,
        "--cpu",
    ]


def train(data_dir: Path, work_dir: Path, model_path: Path, steps: int) -> dict:
    """Train the tokenizer; returns facts for the manifest (steps, seconds, data)."""
    data = prepare(data_dir, work_dir)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    command = train_command(data, model_path, steps)
    logger.info("running %s", " ".join(command))
    started = time.monotonic()
    subprocess.run(command, check=True, env={**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")})
    return {
        "steps": steps,
        "train_seconds": round(time.monotonic() - started, 1),
        "data": {
            "train": list(TRAIN_TREEBANKS) + ["news-style augmentation (extractor.training.augment)"],
            "dev": f"last {DEV_SENTENCES} sentences of UD_Indonesian-GSD dev",
            "held_out_test": HELD_OUT_TEST,
            "train_sentences": data.train_sentences,
            "dev_sentences": data.dev_sentences,
        },
    }
