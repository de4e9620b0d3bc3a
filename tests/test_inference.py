"""The inference optimisation: int8 NER LSTMs, length-sorted NER batches, the on/off setting."""

from __future__ import annotations

import gc

import pytest
import torch

from extractor.nlp import inference
from extractor.nlp.stanza_models import stanza_pipeline

TEXT = ("Menteri Luar Negeri Retno Marsudi bertemu Menlu Rusia Sergey Lavrov di Jakarta. "
        "Keduanya membahas kerja sama ASEAN.\n\nPresiden Joko Widodo tiba di Istana Merdeka, Jakarta.")


def _lstm_types(pipeline) -> set[str]:
    model = pipeline.processors["ner"].trainers[0].model
    return {type(module).__module__ + "." + type(module).__name__
            for module in model.modules() if "LSTM" in type(module).__name__ and "Packed" not in type(module).__name__}


@pytest.mark.parametrize("value, expected", [(None, True), ("1", True), ("0", False), ("off", False),
                                             ("False", False), ("no", False), ("yes", True)])
def test_setting_from_the_environment(monkeypatch, value, expected) -> None:
    if value is None:
        monkeypatch.delenv(inference.OPTIMIZE_ENV, raising=False)
    else:
        monkeypatch.setenv(inference.OPTIMIZE_ENV, value)
    assert inference.optimization_enabled() is expected
    assert inference.optimization_enabled(False) is False and inference.optimization_enabled(True) is True


def test_optimised_pipeline_quantises_the_ner_lstms_and_sorts_batches() -> None:
    optimised = stanza_pipeline(optimize=True)
    stock = stanza_pipeline(optimize=False)
    assert optimised is not stock
    assert _lstm_types(optimised) == {"torch.ao.nn.quantized.dynamic.modules.rnn.LSTM"}
    assert _lstm_types(stock) == {"torch.nn.modules.rnn.LSTM"}
    assert "process" in vars(optimised.processors["ner"]) and "process" not in vars(stock.processors["ner"])
    assert gc.get_freeze_count() > 0


def test_environment_turns_the_optimisation_off(monkeypatch) -> None:
    monkeypatch.setenv(inference.OPTIMIZE_ENV, "0")
    assert stanza_pipeline() is stanza_pipeline(optimize=False)


def test_optimised_entities_match_stock_on_clear_names() -> None:
    def entities(pipeline):
        document = pipeline(TEXT)
        return {(entity.text, entity.type) for entity in document.ents}

    optimised, stock = entities(stanza_pipeline(optimize=True)), entities(stanza_pipeline(optimize=False))
    assert {("Retno Marsudi", "PER"), ("Joko Widodo", "PER"), ("Jakarta", "LOC")} <= optimised
    assert optimised == stock


def test_sorted_batches_return_predictions_in_document_order() -> None:
    """Sentences of very different lengths, several batches: each gets its own tags back."""
    pipeline = stanza_pipeline(optimize=True, tokenize_pretokenized=True, sentence_correction=False)
    long_sentence = ["kata"] * 40 + ["Joko", "Widodo"]
    sentences = [["Retno", "Marsudi", "tiba"], long_sentence] * 40  # 80 sentences: 3 batches of 32
    with torch.no_grad():
        document = pipeline(sentences)
    tags = [[token.ner for token in sentence.tokens] for sentence in document.sentences]
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    assert all(t[:2] == ["B-PER", "E-PER"] for t in tags[::2])
    assert all(t[-2:] == ["B-PER", "E-PER"] and set(t[:-2]) == {"O"} for t in tags[1::2])


def test_batched_viterbi_equals_stanza_per_sentence_decoding() -> None:
    import numpy as np
    from stanza.models.common.crf import viterbi_decode

    rng = np.random.default_rng(0)
    for _ in range(20):
        lengths = sorted(rng.integers(1, 60, size=int(rng.integers(1, 30))).tolist(), reverse=True)
        scores = np.round(rng.standard_normal((len(lengths), max(lengths), 9)), 1).astype(np.float32)  # ties
        transitions = np.round(rng.standard_normal((9, 9)), 1).astype(np.float32)
        expected = [[int(tag) for tag in viterbi_decode(scores[i, :n], transitions)[0]] for i, n in enumerate(lengths)]
        assert inference.viterbi_paths(scores, transitions, lengths) == expected


def test_extractor_setting_reaches_the_pipeline() -> None:
    from extractor.core import Extractor

    assert Extractor(optimize=False, warm_up=False).nlp is stanza_pipeline(optimize=False)
    assert Extractor(optimize=True, warm_up=False).nlp is stanza_pipeline(optimize=True)
