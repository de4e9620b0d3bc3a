"""Faster CPU inference for the shipped Stanza pipeline: the "optimisation" setting.

With the optimisation on (the default), `stanza_pipeline()` applies, after loading the wave-1
fp32 model files:

- int8 dynamic quantisation of the NER tagger's LSTM layers (weights int8, activations
  quantised on the fly; embeddings and Linear layers stay fp32: quantising the Linear layers too
  bought little speed for a measurable F1 cost);
- length-sorted NER batches: the sentences of a call (all documents of a `bulk_process`) are
  sorted by length before they are cut into batches, so that a batch's sentences are alike in
  length and the recurrent layers run fewer steps; predictions go back in document order;
- a frozen heap: the objects alive once the models are loaded move to the garbage collector's
  permanent generation, so that its full collections stop walking the model objects again and
  again while Stanza builds its many small Document/Token objects.

The tokenizer is left as trained. Turning the optimisation off (`optimize=False`,
`Extractor(optimize=False)`, or `EXTRACTOR_OPTIMIZE=0`) gives stock Stanza on the same files:
output byte-identical to the wave-1 extractor. The accuracy cost is measured by
`extractor train evaluate` (both settings) and recorded in the model card.
"""

from __future__ import annotations

import gc
import os
import warnings
from typing import Any

OPTIMIZE_ENV = "EXTRACTOR_OPTIMIZE"
OFF_VALUES = {"0", "false", "no", "off"}
NER_SORTED_BATCH_SIZE = 32


def optimization_enabled(setting: bool | None = None) -> bool:
    """The explicit setting, else ``$EXTRACTOR_OPTIMIZE`` (``0``/``false``/``no``/``off`` turn it off), else on."""
    if setting is not None:
        return bool(setting)
    return os.environ.get(OPTIMIZE_ENV, "1").strip().lower() not in OFF_VALUES


def optimize_pipeline(pipeline: Any) -> Any:
    """Apply the optimisations to a loaded tokenize(+ner) ``stanza.Pipeline``, in place."""
    ner = pipeline.processors.get("ner")
    if ner is not None:
        for trainer in ner.trainers:
            trainer.model = quantize_ner_model(trainer.model)
        sort_ner_batches(ner, NER_SORTED_BATCH_SIZE)
    freeze_heap()
    return pipeline


def quantize_ner_model(model: Any) -> Any:
    """The NER tagger with int8 dynamically quantised LSTM layers (eval mode)."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    model.eval()
    with warnings.catch_warnings():
        # torch announces the eager-mode API's move to torchao; it is present and supported in 2.13.
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {torch.nn.LSTM}, dtype=torch.qint8)


def sort_ner_batches(processor: Any, batch_size: int) -> None:
    """Make ``processor`` (a Stanza NERProcessor) tag length-sorted batches of ``batch_size`` sentences."""
    import torch
    from stanza.models.common import doc as stanza_doc
    from stanza.models.ner.data import DataLoader
    from stanza.models.ner.utils import merge_tags

    def process(document):
        # NERProcessor.process with one change: batches are cut from the length-sorted sentences.
        with torch.no_grad():
            all_predictions = []
            for trainer, config in zip(processor.trainers, processor.configs):
                loader = DataLoader(document, config["batch_size"], config, vocab=trainer.vocab, evaluation=True,
                                    preprocess_tags=False, bert_tokenizer=trainer.model.bert_tokenizer)
                sentences = [sentence for batch in loader.data for sentence in batch]
                order = sorted(range(len(sentences)), key=lambda index: len(sentences[index][0]), reverse=True)
                loader.data = [[sentences[index] for index in order[start:start + batch_size]]
                               for start in range(0, len(order), batch_size)]
                sorted_predictions = []
                for batch in loader:
                    sorted_predictions += trainer.predict(batch)
                predictions: list = [None] * len(order)
                for position, index in enumerate(order):
                    predictions[index] = sorted_predictions[position]
                all_predictions.append(predictions)
        merged = [merge_tags(*tags) for tags in zip(*all_predictions)]
        loader.doc.set([stanza_doc.NER], [tag for sentence in merged for tag in sentence], to_token=True)
        loader.doc.set([stanza_doc.MULTI_NER], [tuple(tag) for tags in zip(*all_predictions) for tag in zip(*tags)],
                       to_token=True)
        loader.doc.build_ents()
        return loader.doc

    processor.process = process  # instance attribute: bulk_process goes through it too


def freeze_heap() -> None:
    """Move every object alive now into the collector's permanent generation (models, lexicons)."""
    gc.collect()
    gc.freeze()
