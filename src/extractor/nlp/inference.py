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
    tokenize = pipeline.processors.get("tokenize")
    if tokenize is not None:
        from extractor.nlp.tokenizer_inference import install_fast_tokenizer

        install_fast_tokenizer(tokenize)
    ner = pipeline.processors.get("ner")
    if ner is not None:
        for trainer in ner.trainers:
            trainer.model = quantize_ner_model(trainer.model)
            trainer.predict = batched_viterbi_predict(trainer)
            if getattr(trainer.model, "charmodel", None) is not None:
                unique_word_character_model(trainer.model.charmodel)
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
        # in place: a copy (the default) deep-copies the whole tagger, vocabularies included, to throw the original away
        return quantize_dynamic(model, {torch.nn.LSTM}, dtype=torch.qint8, inplace=True)


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
                report = getattr(processor, "batch_progress", None)  # set by Extractor(progress=...)
                for batch in loader:
                    sorted_predictions += trainer.predict(batch)
                    if report is not None:
                        report(len(sorted_predictions), len(order))
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


def unique_word_character_model(charmodel: Any) -> None:
    """Make a Stanza CharacterModel (attention pooling) run its character LSTM once per distinct
    word of a batch instead of once per occurrence; a word's vector depends on its characters only."""
    import torch
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence

    stock_forward = charmodel.forward

    def forward(chars, chars_mask, word_orig_idx, sentlens, wordlens):
        # Words come sorted by length, longest first; the first occurrence of each stays in that order.
        first: dict[tuple, int] = {}
        kept: list[int] = []
        inverse: list[int] = []
        for index, (row, length) in enumerate(zip(chars.tolist(), wordlens)):
            key = tuple(row[:length])
            position = first.get(key)
            if position is None:
                position = first[key] = len(kept)
                kept.append(index)
            inverse.append(position)
        if len(kept) == len(wordlens) or not charmodel.attn or charmodel.training:
            return stock_forward(chars, chars_mask, word_orig_idx, sentlens, wordlens)
        lengths = [wordlens[index] for index in kept]
        embs = charmodel.char_emb(chars[torch.tensor(kept)])
        count = embs.size(0)
        layers = charmodel.num_dir * charmodel.args["char_num_layers"]
        hidden = charmodel.args["char_hidden_dim"]
        output = charmodel.charlstm(pack_padded_sequence(embs, lengths, batch_first=True), lengths, hx=(
            charmodel.charlstm_h_init.expand(layers, count, hidden).contiguous(),
            charmodel.charlstm_c_init.expand(layers, count, hidden).contiguous()))
        char_reps = output[0]
        weights = torch.sigmoid(charmodel.char_attn(char_reps.data))
        char_reps, _ = pad_packed_sequence(PackedSequence(char_reps.data * weights, char_reps.batch_sizes), batch_first=True)
        result = char_reps.sum(1)[torch.tensor(inverse)]
        result = pack_sequence(tensor_unsort(result, word_orig_idx).split(sentlens))
        if charmodel.pad:
            result = pad_packed_sequence(result, batch_first=True)[0]
        return result

    charmodel.forward = forward


def batched_viterbi_predict(trainer: Any):
    """``trainer.predict`` (a Stanza NER Trainer) with the CRF decoded for the whole batch at once.

    Stanza decodes sentence by sentence, a few numpy calls per token; here each time step is one
    set of numpy calls over all sentences of the batch. The arithmetic per sentence is the same
    (same float32 additions, first maximum wins), so the tags are the same.
    """
    from stanza.models.common import utils
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.ner.trainer import fix_singleton_tags, unpack_batch

    def predict(batch, unsort=True):
        device = next(trainer.model.parameters()).device
        inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = unpack_batch(batch, device)
        word, wordchars, wordchars_mask, chars, tags = inputs
        trainer.model.eval()
        _, logits, trans = trainer.model(word, wordchars, wordchars_mask, tags, word_orig_idx, sentlens, wordlens,
                                         chars, charoffsets, charlens, char_orig_idx)
        trans = [x.data.cpu().numpy() for x in trans]
        logits = [x.data.cpu().numpy() for x in logits]
        columns = [viterbi_paths(scores, transitions, sentlens) for scores, transitions in zip(logits, trans)]
        predict_tagset = trainer.args["predict_tagset"]
        tag_seqs = []
        for index in range(len(sentlens)):
            sentence_tags = [[x if x >= VOCAB_PREFIX_SIZE else VOCAB_PREFIX_SIZE for x in column[index]] for column in columns]
            sentence_tags = trainer.vocab["tag"].unmap(list(zip(*sentence_tags)))
            sentence_tags = [x[predict_tagset] if isinstance(x, list) else x for x in sentence_tags]
            tag_seqs.append(fix_singleton_tags(sentence_tags))
        if unsort:
            tag_seqs = utils.unsort(tag_seqs, orig_idx)
        return tag_seqs

    return predict


def viterbi_paths(scores, transitions, lengths) -> list[list[int]]:
    """Best tag path per sentence: ``scores`` batch x time x tags, ``lengths`` per sentence."""
    import numpy as np

    batch, steps, tags = scores.shape
    trellis = np.zeros_like(scores)
    backpointers = np.zeros(scores.shape, dtype=np.int32)
    trellis[:, 0] = scores[:, 0]
    for t in range(1, max(lengths) if len(lengths) else 0):
        candidates = trellis[:, t - 1, :, None] + transitions[None]
        trellis[:, t] = scores[:, t] + np.max(candidates, 1)
        backpointers[:, t] = np.argmax(candidates, 1)
    paths = []
    for index, length in enumerate(lengths):
        path = [int(np.argmax(trellis[index, length - 1]))]
        for t in range(length - 1, 0, -1):
            path.append(int(backpointers[index, t, path[-1]]))
        path.reverse()
        paths.append(path)
    return paths


def freeze_heap() -> None:
    """Move every object alive now into the collector's permanent generation (models, lexicons)."""
    gc.collect()
    gc.freeze()
