"""`extractor train tokenizer|vectors|ner|all|evaluate`: train the Stanza models and install them.

Also runs standalone: `python -m extractor.training.cli tokenizer --steps 300`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

from extractor.nlp.stanza_models import NER, PRETRAIN, TOKENIZER, clear_cache
from extractor.training import evaluate, manifest, ner, tokenizer, vectors
from extractor.training.paths import PACKAGE_MODEL_DIR, shared_data_dir

DEFAULT_STEPS = {TOKENIZER: 3000, NER: 3000}


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `train` command to an argparse subparsers object."""
    parser = subparsers.add_parser("train", help="train the Stanza tokenizer, word vectors and NER model")
    _configure(parser)
    return parser


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=("tokenizer", "vectors", "ner", "all", "evaluate"),
                        help="which model to train and install (`all`: vectors, tokenizer, ner, then evaluate), "
                             "or `evaluate` the installed models")
    parser.add_argument("--data", help="shared data directory (default $EXTRACTOR_SHARED_DATA or ../shared/data)")
    parser.add_argument("--out", default=str(PACKAGE_MODEL_DIR),
                        help="model directory to install into and evaluate (default: the package's models/)")
    parser.add_argument("--steps", type=int, help="training steps for tokenizer / ner (default 3000 each)")
    parser.add_argument("--work", help="scratch directory for prepared data (default: a temporary directory)")
    parser.add_argument("--with-nergrit", action="store_true", help="add NERGrit train+valid to the NER training data")
    parser.add_argument("--vector-workers", type=int, default=1, help="gensim worker threads")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir = shared_data_dir(args.data)
    out_dir = Path(args.out)
    if not (data_dir / "ud").is_dir():
        print(f"no training data in {data_dir}: pass --data or set EXTRACTOR_SHARED_DATA", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="extractor-train-") as scratch:
        work_dir = Path(args.work) if args.work else Path(scratch)
        if args.what in ("vectors", "all"):
            train_vectors(data_dir, work_dir, out_dir, args.vector_workers)
        if args.what in ("tokenizer", "all"):
            train_tokenizer(data_dir, work_dir, out_dir, args.steps or DEFAULT_STEPS[TOKENIZER])
        if args.what in ("ner", "all"):
            train_ner(data_dir, work_dir, out_dir, args.steps or DEFAULT_STEPS[NER], args.with_nergrit)
    scores = evaluate_and_record(data_dir, out_dir, args.what)
    print(json.dumps(scores, indent=2))
    return 0


def train_vectors(data_dir: Path, work_dir: Path, out_dir: Path, workers: int) -> None:
    trained = work_dir / "vectors" / "pretrain.pt"
    trained.unlink(missing_ok=True)  # convert_pretrain would reuse an existing file
    facts = vectors.train(data_dir, trained, workers=workers)
    manifest.install(out_dir, PRETRAIN, trained, facts)


def train_tokenizer(data_dir: Path, work_dir: Path, out_dir: Path, steps: int) -> None:
    trained = work_dir / "tokenizer" / "tokenizer.pt"
    facts = tokenizer.train(data_dir, work_dir / "tokenizer" / "data", trained, steps)
    manifest.install(out_dir, TOKENIZER, trained, facts)


def train_ner(data_dir: Path, work_dir: Path, out_dir: Path, steps: int, with_nergrit: bool) -> None:
    current = manifest.read_manifest(out_dir)["files"].get(PRETRAIN)
    if current is None:
        raise SystemExit(f"no word vectors in {out_dir}: run `extractor train vectors --out {out_dir}` first")
    trained = work_dir / "ner" / "ner.pt"
    facts = ner.train(data_dir, work_dir / "ner" / "data", out_dir / current["path"], trained, steps, with_nergrit)
    manifest.install(out_dir, NER, trained, facts, pretrain=PRETRAIN, pretrain_sha256=current["sha256"])


def evaluate_and_record(data_dir: Path, out_dir: Path, what: str) -> dict:
    clear_cache()
    scores = {}
    if what in ("tokenizer", "all", "evaluate"):
        scores[TOKENIZER] = evaluate.evaluate_tokenizer(data_dir, out_dir)
        manifest.record_scores(out_dir, TOKENIZER, scores[TOKENIZER])
    if what in ("ner", "all", "evaluate"):
        scores[NER] = evaluate.evaluate_ner(data_dir, out_dir)
        manifest.record_scores(out_dir, NER, scores[NER])
    clear_cache()
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.training.cli", description=__doc__)
    _configure(parser)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
