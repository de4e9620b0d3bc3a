"""Install trained model files into a model directory and keep its manifest.json up to date."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from extractor.nlp.stanza_models import MANIFEST_NAME, NER, PRETRAIN, RESOURCES_NAME, TOKENIZER, sha256_of
from extractor.training.paths import git_commit

FILE_NAMES = {TOKENIZER: "tokenizer.pt", NER: "ner.pt", PRETRAIN: "pretrain.pt"}
MANIFEST_FORMAT = 1


def read_manifest(model_dir: Path) -> dict:
    path = model_dir / MANIFEST_NAME
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"format": MANIFEST_FORMAT, "files": {}}


def write_manifest(model_dir: Path, manifest: dict) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    (model_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    resources = model_dir / RESOURCES_NAME
    if not resources.is_file():
        # Stanza insists on a resources.json when download_method=None; ours lists nothing to download.
        resources.write_text("{}\n", encoding="utf-8")


def install(model_dir: Path, role: str, trained_file: Path, facts: dict, **links: str) -> dict:
    """Copy `trained_file` into `model_dir` under its role's name and record it in the manifest."""
    model_dir.mkdir(parents=True, exist_ok=True)
    target = model_dir / FILE_NAMES[role]
    if trained_file.resolve() != target.resolve():
        shutil.copyfile(trained_file, target)
    entry = {
        "path": target.name,
        "sha256": sha256_of(target),
        "size": target.stat().st_size,
        "git_commit": git_commit(),
        "trained_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        **facts,
        **links,
    }
    manifest = read_manifest(model_dir)
    manifest["format"] = MANIFEST_FORMAT
    manifest.setdefault("files", {})[role] = entry
    write_manifest(model_dir, manifest)
    return entry


def record_scores(model_dir: Path, role: str, scores: dict) -> None:
    manifest = read_manifest(model_dir)
    manifest["files"][role]["scores"] = scores
    write_manifest(model_dir, manifest)
