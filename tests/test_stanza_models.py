"""The shipped Stanza models: offline loading, exact offsets, seed entities, clear errors for broken models."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

import extractor
from extractor.nlp import stanza_models
from extractor.nlp.stanza_models import MODEL_DIR_ENV, PACKAGE_MODEL_DIR, ModelError, stanza_pipeline

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "data" / "raw").glob("*.txt"))
MODEL_ENVS = (MODEL_DIR_ENV, *stanza_models.FILE_ENVS.values())


class NetworkUsed(AssertionError):
    pass


def _no_network(*args, **kwargs):
    raise NetworkUsed("the Stanza pipeline tried to open a socket")


@pytest.fixture(scope="module")
def seed_docs():
    """Both seed articles processed by a pipeline loaded while sockets are blocked."""
    with pytest.MonkeyPatch.context() as patch:
        for name in MODEL_ENVS:
            patch.delenv(name, raising=False)
        patch.setattr(socket, "socket", _no_network)
        patch.setattr(socket, "create_connection", _no_network)
        stanza_models.clear_cache()
        pipeline = stanza_pipeline()
        texts = [path.read_text(encoding="utf-8") for path in SEEDS]
        docs = [pipeline(text) for text in texts]
    return list(zip(texts, docs))


@pytest.fixture()
def clean_env(monkeypatch):
    for name in MODEL_ENVS:
        monkeypatch.delenv(name, raising=False)
    stanza_models.clear_cache()
    yield monkeypatch
    stanza_models.clear_cache()


def test_package_exports() -> None:
    assert extractor.stanza_pipeline is stanza_pipeline
    assert issubclass(extractor.ModelError, RuntimeError)


def test_shipped_models_fit_the_size_budget_and_manifest() -> None:
    manifest = json.loads((PACKAGE_MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    total = 0
    for role in ("tokenizer", "ner", "pretrain"):
        entry = manifest["files"][role]
        path = PACKAGE_MODEL_DIR / entry["path"]
        assert path.stat().st_size == entry["size"]
        assert entry["git_commit"] and entry["data"]
        total += entry["size"]
    assert manifest["files"]["ner"]["pretrain"] == "pretrain"
    assert total <= 40 * 1024 * 1024


def test_loading_and_processing_need_no_network(seed_docs) -> None:
    assert len(seed_docs) == 2
    assert all(doc.sentences for _, doc in seed_docs)


def test_every_token_has_exact_offsets(seed_docs) -> None:
    for text, doc in seed_docs:
        tokens = [token for sentence in doc.sentences for token in sentence.tokens]
        assert len(tokens) > 300
        for token in tokens:
            assert text[token.start_char:token.end_char] == token.text
        for entity in doc.ents:
            assert text[entity.start_char:entity.end_char] == entity.text


def _entities(doc) -> set[tuple[str, str]]:
    return {(entity.text, entity.type) for entity in doc.ents}


def test_seed_entities(seed_docs) -> None:
    (_, antara), (kemlu_text, kemlu) = seed_docs
    kemlu_entities = _entities(kemlu)
    assert ("Sergey Lavrov", "PER") in kemlu_entities
    assert ("Singapura", "LOC") in kemlu_entities
    assert ("Joko Widodo", "PER") in kemlu_entities
    # The name has a space and a non-breaking space before the initials; the span keeps both.
    retno = [entity for entity in kemlu.ents if entity.text.startswith("Retno") and "Marsudi" in entity.text]
    assert retno and retno[0].type == "PER"
    assert retno[0].text == "Retno \u00a0L.P. Marsudi"
    assert kemlu_text[retno[0].start_char:retno[0].end_char] == retno[0].text
    assert ("Jose Tavares", "PER") in _entities(antara)


def test_initials_do_not_end_a_sentence(seed_docs) -> None:
    _, kemlu = seed_docs[1]
    for sentence in kemlu.sentences:
        assert not sentence.tokens[-1].text.endswith("L.P."), sentence.text
        assert sentence.tokens[-1].text not in ("L", "L.", "L.P")


def _model_copy(tmp_path: Path) -> Path:
    """The shipped model directory with symlinked model files (copy a file before corrupting it)."""
    copy = tmp_path / "models"
    copy.mkdir()
    for path in PACKAGE_MODEL_DIR.iterdir():
        if path.suffix == ".pt":
            (copy / path.name).symlink_to(path)
        elif path.is_file():
            shutil.copyfile(path, copy / path.name)
    return copy


def test_missing_model_file_names_the_file_and_the_fix(tmp_path: Path, clean_env) -> None:
    models = _model_copy(tmp_path)
    (models / "ner.pt").unlink()
    clean_env.setenv(MODEL_DIR_ENV, str(models))
    with pytest.raises(ModelError, match=r"ner\.pt.*missing.*extractor train"):
        stanza_pipeline()


def test_missing_word_vectors_are_an_error(tmp_path: Path, clean_env) -> None:
    models = _model_copy(tmp_path)
    (models / "pretrain.pt").unlink()
    clean_env.setenv(MODEL_DIR_ENV, str(models))
    with pytest.raises(ModelError, match=r"pretrain\.pt.*missing"):
        stanza_pipeline()


def test_corrupt_model_file_fails_the_checksum(tmp_path: Path, clean_env) -> None:
    models = _model_copy(tmp_path)
    tokenizer = models / "tokenizer.pt"
    data = bytearray(tokenizer.read_bytes())
    tokenizer.unlink()
    data[len(data) // 2] ^= 0xFF
    tokenizer.write_bytes(bytes(data))
    clean_env.setenv(MODEL_DIR_ENV, str(models))
    with pytest.raises(ModelError, match=r"tokenizer\.pt.*sha256"):
        stanza_pipeline()


def test_missing_manifest(tmp_path: Path, clean_env) -> None:
    models = _model_copy(tmp_path)
    (models / "manifest.json").unlink()
    with pytest.raises(ModelError, match=r"manifest.*missing.*extractor train all"):
        stanza_pipeline(model_dir=models)


def test_vectors_from_another_training_run_are_refused(tmp_path: Path, clean_env) -> None:
    models = _model_copy(tmp_path)
    manifest = json.loads((models / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["ner"]["pretrain_sha256"] = "0" * 64
    (models / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelError, match="other word vectors"):
        stanza_pipeline(model_dir=models)


def test_vector_trained_ner_file_without_its_vectors_is_refused(clean_env) -> None:
    clean_env.setenv("EXTRACTOR_NER_MODEL", str(PACKAGE_MODEL_DIR / "ner.pt"))
    with pytest.raises(ModelError, match="EXTRACTOR_NER_PRETRAIN"):
        stanza_pipeline()


def test_single_file_setting_must_exist(tmp_path: Path, clean_env) -> None:
    with pytest.raises(ModelError, match="not a file"):
        stanza_pipeline(tokenize_model=tmp_path / "nothing.pt")


class _RunsCode:
    """A pickle that runs code when loaded without ``weights_only`` (what a crafted model file does)."""

    def __reduce__(self):
        import os

        return (os.system, ("touch " + str(_RunsCode.marker),))


def test_crafted_model_file_is_warned_about_and_never_runs_code(tmp_path: Path, clean_env) -> None:
    import torch

    _RunsCode.marker = tmp_path / "code-ran"
    crafted = tmp_path / "ner.pt"
    torch.save({"config": {"pretrain": False}, "payload": _RunsCode()}, crafted)
    clean_env.setenv("EXTRACTOR_NER_MODEL", str(crafted))
    with pytest.warns(stanza_models.UntrustedModelWarning, match=r"EXTRACTOR_NER_MODEL.*in no manifest.*trust"):
        with pytest.raises(ModelError, match="cannot be read"):
            stanza_pipeline()
    assert not _RunsCode.marker.exists()


def test_override_with_a_manifest_checksum_is_not_warned_about(clean_env, recwarn) -> None:
    stanza_models._explicit_file("$EXTRACTOR_TOKENIZE_MODEL", PACKAGE_MODEL_DIR / "tokenizer.pt", PACKAGE_MODEL_DIR)
    assert not [w for w in recwarn if issubclass(w.category, stanza_models.UntrustedModelWarning)]
