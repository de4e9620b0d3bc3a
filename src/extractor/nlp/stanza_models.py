"""The shipped Stanza models (tokenize + ner), verified against their manifest and loaded offline.

`stanza_pipeline()` loads the tokenizer, the NER tagger and the NER tagger's word
vectors from `extractor/models/` (or `$EXTRACTOR_MODEL_DIR`), after checking
every file against `manifest.json` (present, size, sha256). Single files can be
swapped with `$EXTRACTOR_TOKENIZE_MODEL`, `$EXTRACTOR_NER_MODEL`,
`$EXTRACTOR_NER_PRETRAIN` or the keyword overrides `tokenize_model`,
`ner_model`, `ner_pretrain`, `model_dir`; other keywords go to `stanza.Pipeline`.
Files of a manifest are checked (size, sha256) before anything reads them; a single file that
no manifest lists is loaded with an :class:`UntrustedModelWarning`. Every model file is read
with ``torch.load(weights_only=True)`` (by Stanza 1.15 and here), which refuses pickled code
(while the pipeline loads, through pickle's C unpickler restricted to the same globals:
:mod:`extractor.nlp.weights_loading`).
The tokenizer's sentence breaks after abbreviations and initials are corrected
(`extractor.nlp.sentence_breaks`, the `sentence_breaks` processor) before NER runs;
`sentence_correction=False` leaves it out. The NER tagger is int8-quantised and tags length-sorted
batches (`extractor.nlp.inference`); `optimize=False` or `$EXTRACTOR_OPTIMIZE=0` loads stock Stanza.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.nlp.lean_imports import import_stanza  # noqa: F401 (also imported from here)

PACKAGE_MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MANIFEST_NAME = "manifest.json"
RESOURCES_NAME = "resources.json"

MODEL_DIR_ENV = "EXTRACTOR_MODEL_DIR"
FILE_ENVS = {
    "tokenize_model": "EXTRACTOR_TOKENIZE_MODEL",
    "ner_model": "EXTRACTOR_NER_MODEL",
    "ner_pretrain": "EXTRACTOR_NER_PRETRAIN",
}
# Manifest entries by role.
TOKENIZER, NER, PRETRAIN = "tokenizer", "ner", "pretrain"
RETRAIN_HINT = "run `extractor train all --out {model_dir}` (or reinstall the package to get the shipped models)"

_cache: dict[tuple, Any] = {}
_cache_lock = threading.Lock()


class ModelError(RuntimeError):
    """A model file is missing, corrupt or inconsistent with its manifest."""


@dataclass(frozen=True)
class ModelFiles:
    tokenize_model: Path
    ner_model: Path | None
    ner_pretrain: Path | None
    resources: Path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(model_dir: Path) -> dict:
    manifest_path = model_dir / MANIFEST_NAME
    hint = RETRAIN_HINT.format(model_dir=model_dir)
    if not manifest_path.is_file():
        raise ModelError(f"model manifest {manifest_path} is missing: {hint}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"model manifest {manifest_path} is unreadable ({error}): {hint}") from error
    if not isinstance(manifest.get("files"), dict):
        raise ModelError(f"model manifest {manifest_path} has no `files` section: {hint}")
    return manifest


def verified_file(model_dir: Path, manifest: dict, role: str) -> Path:
    """The manifest's file for `role`, after checking that it exists and matches size and sha256."""
    hint = RETRAIN_HINT.format(model_dir=model_dir)
    entry = manifest["files"].get(role)
    if not entry:
        raise ModelError(f"model manifest {model_dir / MANIFEST_NAME} lists no `{role}` file: {hint}")
    path = model_dir / entry["path"]
    if not path.is_file():
        raise ModelError(f"{role} model file {path} is missing: {hint}")
    if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
        raise ModelError(
            f"{role} model file {path} does not match its manifest (size or sha256 differ; the file is "
            f"corrupt or was replaced): {hint}"
        )
    return path


class UntrustedModelWarning(UserWarning):
    """A model file named by a setting is not in any manifest: nothing vouches for its content."""


def _explicit_file(setting: str, value: str | os.PathLike, model_dir: Path | None = None) -> Path:
    """A file named by an override; a warning unless its sha256 is one of the manifest's."""
    path = Path(value)
    if not path.is_file():
        raise ModelError(
            f"{setting} points at {path}, which is not a file: fix the setting or unset it to use the shipped models"
        )
    known: set[str] = set()
    if model_dir is not None:
        try:
            known = {entry.get("sha256") for entry in load_manifest(model_dir)["files"].values() if isinstance(entry, dict)}
        except ModelError:
            pass
    if sha256_of(path) not in known:
        warnings.warn(
            f"{setting} = {path}: this model file is in no manifest, so its checksum was not checked; a model "
            f"file is loaded like code (torch.load): use only files you trust",
            UntrustedModelWarning,
            stacklevel=3,
        )
    return path


def resolve_model_files(overrides: dict[str, Any], with_ner: bool = True) -> ModelFiles:
    """The files to load: explicit single files first, else the verified files of the model directory."""
    model_dir = Path(overrides.get("model_dir") or os.environ.get(MODEL_DIR_ENV) or PACKAGE_MODEL_DIR)
    explicit: dict[str, Path] = {}
    for key, env in FILE_ENVS.items():
        if overrides.get(key):
            explicit[key] = _explicit_file(key, overrides[key], model_dir)
        elif os.environ.get(env):
            explicit[key] = _explicit_file(f"${env}", os.environ[env], model_dir)

    manifest = None
    if "tokenize_model" not in explicit or (with_ner and "ner_model" not in explicit):
        manifest = load_manifest(model_dir)

    tokenize_model = explicit.get("tokenize_model") or verified_file(model_dir, manifest, TOKENIZER)
    ner_model, ner_pretrain = _ner_files(model_dir, manifest, explicit) if with_ner else (None, None)

    resources_path = model_dir / RESOURCES_NAME
    if not resources_path.is_file():
        resources_path = PACKAGE_MODEL_DIR / RESOURCES_NAME
    if not resources_path.is_file():
        raise ModelError(f"{RESOURCES_NAME} is missing from {model_dir} and {PACKAGE_MODEL_DIR}: reinstall the package")
    return ModelFiles(tokenize_model, ner_model, ner_pretrain, resources_path)


def _ner_files(model_dir: Path, manifest: dict | None, explicit: dict[str, Path]) -> tuple[Path, Path | None]:
    """The NER model and the word vectors it was trained with; never a vector-trained model without them."""
    if "ner_model" in explicit:
        ner_model = explicit["ner_model"]
        ner_pretrain = explicit.get("ner_pretrain")
        if ner_pretrain is None and ner_model_uses_pretrain(ner_model):
            raise ModelError(
                f"NER model {ner_model} was trained with word vectors: set $EXTRACTOR_NER_PRETRAIN (or the "
                f"`ner_pretrain` override) to its pretrain file"
            )
        return ner_model, ner_pretrain
    ner_entry = manifest["files"].get(NER) or {}
    ner_model = verified_file(model_dir, manifest, NER)
    if "ner_pretrain" in explicit:
        return ner_model, explicit["ner_pretrain"]
    pretrain_role = ner_entry.get("pretrain")
    if not pretrain_role:
        if ner_model_uses_pretrain(ner_model):
            raise ModelError(
                f"NER model {ner_model} was trained with word vectors but {model_dir / MANIFEST_NAME} names "
                f"none: {RETRAIN_HINT.format(model_dir=model_dir)}"
            )
        return ner_model, None
    ner_pretrain = verified_file(model_dir, manifest, pretrain_role)
    trained_with = ner_entry.get("pretrain_sha256")
    if trained_with and trained_with != manifest["files"][pretrain_role]["sha256"]:
        raise ModelError(
            f"NER model {ner_model} was trained with other word vectors than {ner_pretrain}: "
            f"retrain it with `extractor train ner --out {model_dir}`"
        )
    return ner_model, ner_pretrain


def ner_model_uses_pretrain(path: Path) -> bool:
    """Whether a Stanza NER model file was trained with pretrained word vectors. Read with
    ``weights_only=True`` (tensors and plain containers only), as Stanza itself loads models."""
    from extractor.nlp.lean_imports import import_torch

    torch = import_torch()

    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types for a damaged file
        raise ModelError(f"NER model {path} cannot be read ({error})") from error
    config = saved.get("config", {}) if isinstance(saved, dict) else {}
    return bool(config.get("pretrain", True))


def _build_pipeline(files: ModelFiles, sentence_correction: bool, stanza_options: dict[str, Any]):
    stanza = import_stanza()

    from extractor.nlp import stanza_mask
    from extractor.nlp.sentence_breaks import SENTENCE_BREAKS
    from extractor.resource_data import LANGUAGE

    stanza_mask.install()

    options: dict[str, Any] = {
        "lang": LANGUAGE,
        "processors": "tokenize,ner",
        "dir": str(files.resources.parent),
        "resources_filepath": str(files.resources),
        "download_method": None,
        "allow_unknown_language": True,
        "tokenize_model_path": str(files.tokenize_model),
        "logging_level": "ERROR",
        "use_gpu": False,
    }
    if files.ner_model is not None:
        options["ner_model_path"] = str(files.ner_model)
    if files.ner_pretrain is not None:
        options["ner_pretrain_path"] = str(files.ner_pretrain)
    options.update(stanza_options)
    if sentence_correction:
        options["processors"] = _with_processor(options["processors"], SENTENCE_BREAKS)
    from extractor.nlp.weights_loading import fast_weights_only_loads

    try:
        with _no_training_optimizers(), fast_weights_only_loads():
            pipeline = stanza.Pipeline(**options)
    except (OSError, RuntimeError, ValueError, KeyError, EOFError) as error:
        raise ModelError(
            f"Stanza could not load the models ({error}); files: {files}. "
            f"{RETRAIN_HINT.format(model_dir=files.tokenize_model.parent)}"
        ) from error
    return pipeline


@contextmanager
def _no_training_optimizers():
    """Stanza's tokenizer and NER trainers build a training optimizer even to predict; building one
    imports ``torch._dynamo`` (about 2 s). The pipeline only predicts: build none while it loads."""
    from stanza.models.common import utils

    get_optimizer = utils.get_optimizer
    utils.get_optimizer = lambda *args, **kwargs: None
    try:
        yield
    finally:
        utils.get_optimizer = get_optimizer


def _with_processor(processors: Any, name: str) -> Any:
    """Stanza's ``processors`` option (``"tokenize,ner"`` or a dict) with ``name`` added."""
    if isinstance(processors, dict):
        return {**processors, name: processors.get(name, "default")}
    names = [item.strip() for item in str(processors).split(",") if item.strip()]
    return ",".join(names if name in names else [*names, name])


def stanza_pipeline(**overrides: Any):
    """The Stanza tokenize+ner pipeline, loaded once per process per settings; never touches the network."""
    from extractor.nlp.inference import optimization_enabled, optimize_pipeline

    sentence_correction = overrides.pop("sentence_correction", True)
    optimize = optimization_enabled(overrides.pop("optimize", None))
    stanza_options = {key: value for key, value in overrides.items() if key not in FILE_ENVS and key != "model_dir"}
    file_overrides = {key: value for key, value in overrides.items() if key in FILE_ENVS or key == "model_dir"}
    environment = tuple(os.environ.get(name) for name in (MODEL_DIR_ENV, *FILE_ENVS.values()))
    key = (
        tuple(sorted((name, str(value)) for name, value in file_overrides.items())),
        environment,
        sentence_correction,
        optimize,
        tuple(sorted((name, repr(value)) for name, value in stanza_options.items())),
    )
    with _cache_lock:
        pipeline = _cache.get(key)
        if pipeline is None:
            with_ner = "ner" in str(stanza_options.get("processors", "tokenize,ner"))
            files = resolve_model_files(file_overrides, with_ner)
            pipeline = _build_pipeline(files, sentence_correction, stanza_options)
            if optimize:
                optimize_pipeline(pipeline)
            _cache[key] = pipeline
    return pipeline


def clear_cache() -> None:
    """Forget loaded pipelines (tests that swap model directories)."""
    with _cache_lock:
        _cache.clear()
