"""Score the models in a model directory on the held-out test sets, through `stanza_pipeline`.

Tokenizer: UD Indonesian-GSD test, its sentences joined by one space into one
running text; token F1 over exact character spans, sentence F1 over sentence
character spans with surrounding whitespace ignored. Scored as shipped (with
the abbreviation sentence-break correction) and without it.
NER: idner-news-2k test on its gold tokens and sentences, exact entity spans.
Both are scored as shipped (with the inference optimisation of `extractor.nlp.inference`) and
on stock Stanza with the same files (`without_optimization`).
"""

from __future__ import annotations

from pathlib import Path

from extractor.nlp.stanza_models import stanza_pipeline
from extractor.training import ner as ner_data
from extractor.training import scoring, ud
from extractor.training.tokenizer import HELD_OUT_TEST


def gold_running_text(sentences: list[ud.UDSentence]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The sentences joined by single spaces, with gold token spans and sentence spans in that text."""
    tokens: list[tuple[int, int]] = []
    sentence_spans: list[tuple[int, int]] = []
    offset = 0
    for sentence in sentences:
        tokens.extend((offset + start, offset + end) for start, end in sentence.token_spans)
        sentence_spans.append((offset, offset + len(sentence.text)))
        offset += len(sentence.text) + 1
    return " ".join(sentence.text for sentence in sentences), tokens, sentence_spans


def predicted_spans(document) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    tokens = [(token.start_char, token.end_char) for sentence in document.sentences for token in sentence.tokens]
    sentences = [(sentence.tokens[0].start_char, sentence.tokens[-1].end_char) for sentence in document.sentences]
    return tokens, sentences


def evaluate_tokenizer(data_dir: Path, model_dir: Path) -> dict:
    sentences = list(ud.read_conllu(data_dir / "ud" / HELD_OUT_TEST))
    text, gold_tokens, gold_sentences = gold_running_text(sentences)
    scores = {"test_set": HELD_OUT_TEST, "sentences": len(sentences), "tokens": len(gold_tokens)}
    runs = (("shipped", True, True), ("without_sentence_correction", False, True), ("without_optimization", True, False))
    for label, correction, optimize in runs:
        pipeline = stanza_pipeline(model_dir=model_dir, processors="tokenize", sentence_correction=correction,
                                   optimize=optimize)
        document = pipeline(text)
        tokens, sentence_spans = predicted_spans(document)
        assert all(text[start:end] == token.text for (start, end), token in
                   zip(tokens, (t for s in document.sentences for t in s.tokens)))
        scores[label] = {
            "token": scoring.span_prf(tokens, gold_tokens).as_dict(),
            "sentence": scoring.sentence_prf(text, sentence_spans, gold_sentences).as_dict(),
        }
    return scores


def evaluate_ner(data_dir: Path, model_dir: Path, split: str = "test") -> dict:
    sentences = ner_data.idner_sentences(data_dir, split)
    words = [[word for word, _ in sentence] for sentence in sentences]
    gold = [[tag for _, tag in sentence] for sentence in sentences]

    def entity_scores(optimize: bool) -> dict:
        pipeline = stanza_pipeline(model_dir=model_dir, tokenize_pretokenized=True, sentence_correction=False,
                                   optimize=optimize)
        document = pipeline(words)
        predicted = [[token.ner for token in sentence.tokens] for sentence in document.sentences]
        return scoring.entity_scores(predicted, gold)

    return {"test_set": f"{ner_data.IDNER_DIR}/{ner_data.IDNER_SPLITS[split]}", "sentences": len(sentences),
            **entity_scores(True), "without_optimization": entity_scores(False)}
