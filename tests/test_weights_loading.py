"""torch.load(weights_only=True) through the restricted C unpickler: the same objects, the same refusals."""

from __future__ import annotations

import io
import pickle

import pytest
import torch

from extractor.nlp.stanza_models import PACKAGE_MODEL_DIR
from extractor.nlp.weights_loading import RESTRICTED_PICKLE, fast_weights_only_loads


def _same(left, right, where="") -> None:
    assert type(left) is type(right), where
    if isinstance(left, torch.Tensor):
        assert left.dtype == right.dtype and left.shape == right.shape and torch.equal(left, right), where
        assert left.requires_grad == right.requires_grad, where
    elif isinstance(left, dict):
        assert list(left) == list(right), where
        for key in left:
            _same(left[key], right[key], f"{where}/{key}")
    elif isinstance(left, (list, tuple)):
        assert len(left) == len(right), where
        for index, (a, b) in enumerate(zip(left, right)):
            _same(a, b, f"{where}[{index}]")
    else:
        assert left == right, where


@pytest.mark.parametrize("name", ["tokenizer.pt", "ner.pt", "pretrain.pt"])
def test_shipped_model_files_load_to_the_same_objects(name: str):
    path = PACKAGE_MODEL_DIR / name
    stock = torch.load(path, lambda storage, location: storage, weights_only=True)
    with fast_weights_only_loads():
        fast = torch.load(path, lambda storage, location: storage, weights_only=True)
    _same(stock, fast, name)


class _Code:
    ran = False

    def __reduce__(self):
        return (exec, ("_Code.ran = True",))


def _pickled_code() -> io.BytesIO:
    buffer = io.BytesIO()
    torch.save({"weights": torch.ones(2), "payload": _Code()}, buffer)
    buffer.seek(0)
    return buffer


def test_the_restricted_unpickler_refuses_pickled_code():
    with pytest.raises(pickle.UnpicklingError, match="builtins.exec is not allowed"):
        torch.load(_pickled_code(), pickle_module=RESTRICTED_PICKLE, weights_only=False)
    assert not _Code.ran


def test_a_refused_file_gets_torchs_own_error():
    with fast_weights_only_loads():
        with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
            torch.load(_pickled_code(), weights_only=True)
    assert not _Code.ran


def test_torch_load_is_restored_and_other_calls_untouched(tmp_path):
    stock = torch.load
    path = tmp_path / "plain.pt"
    torch.save({"a": [1, 2]}, path)
    with fast_weights_only_loads():
        assert torch.load is not stock
        assert torch.load(path, weights_only=False) == {"a": [1, 2]}  # not weights-only: torch's own path
    assert torch.load is stock
