"""The tokenizer's faster path gives Stanza's own tokens and sentences, offsets included."""

from __future__ import annotations

import random

import pytest
import stanza

from extractor.nlp import tokenizer_inference
from extractor.nlp.stanza_models import stanza_pipeline

WORDS = ("Menteri Luar Negeri Retno Marsudi bertemu Menlu Rusia Sergey Lavrov di Jakarta pada 12 Mei 2019 . "
         "Keduanya membahas kerja sama ASEAN-Rusia , perdagangan senilai Rp 1,5 triliun dan US$ 20 juta ( 30 % ) "
         "dengan Dr. Ahmad , No. 5 , Jl. Sudirman ; \" kata dia \" : ya ! apa ? 3.000 orang 2,5 persen").split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 30))]
    return " ".join(words).replace(" .", ".").replace(" ,", ",") + rng.choice([".", ".", "!", "?", ""])


def _paragraph(rng: random.Random, length: int) -> str:
    parts = []
    while sum(len(part) + 1 for part in parts) < length:
        parts.append(_sentence(rng))
    return " ".join(parts)[:length].rstrip()


def _texts() -> list[str]:
    rng = random.Random(16)
    texts = [
        "",
        "   \n\n  ",
        "a",
        "Retno tiba.",
        "Kunjungi https://www.kemlu.go.id/portal/id atau kirim surel ke info@kemlu.go.id.\n\nLihat www.antaranews.com.",
        "Spasi\tganda  dan\u00a0tak\u2003terputus\u0085dan\r\nbaris\n \n\nbaru \u0097 di sini.",
        "  Awal berspasi.\n\n\n\nSetelah empat baris.   \n\n",
        "Kata " + "a" * 600 + " panjang sekali.",
    ]
    # around the window of 1,000 characters Stanza cuts long paragraphs into
    for length in (998, 999, 1000, 1001, 1002, 2500, 4200):
        texts.append(_paragraph(rng, length))
    # several long paragraphs in one text share Stanza's windowed batches with short ones
    texts.append("\n\n".join(_paragraph(rng, length) for length in (3100, 1500, 120, 1800, 40, 999, 2200)))
    texts.append("\n\n".join(_paragraph(rng, rng.randint(5, 700)) for _ in range(80)))
    texts.append(" ".join(_paragraph(rng, 300) for _ in range(12)).replace(". ", ".\n", 5))
    return texts


@pytest.fixture(scope="module")
def stock_tokenizer():
    return stanza_pipeline(optimize=False, processors="tokenize").processors["tokenize"]


def _analysis(document) -> list[list[tuple[str, int, int]]]:
    return [[(token.text, token.start_char, token.end_char) for token in sentence.tokens]
            for sentence in document.sentences]


@pytest.mark.parametrize("index", range(len(_texts())))
def test_same_tokens_and_sentences_as_stanza(stock_tokenizer, index) -> None:
    text = _texts()[index]
    fast = tokenizer_inference.FastTokenizer(stock_tokenizer)
    expected = stock_tokenizer.process(text)
    got = fast.document(text)
    assert _analysis(got) == _analysis(expected)
    assert got.text == expected.text
    assert [[token.spaces_after for token in s.tokens] for s in got.sentences] == \
        [[token.spaces_after for token in s.tokens] for s in expected.sentences]


def test_long_paragraphs_are_windowed_and_tokens_are_long_tokens_replaced(stock_tokenizer) -> None:
    fast = tokenizer_inference.FastTokenizer(stock_tokenizer)
    document = fast.document(_texts()[7])
    assert "<UNK>" in [token.text for token in document.iter_tokens()]
    long_text = _texts()[-3]
    assert max(len(paragraph) for paragraph in fast.paragraphs(long_text)) > 3 * fast.window
    assert sum(len(s.tokens) for s in fast.document(long_text).sentences) > 1000


def test_bulk_process_gives_each_document_its_stanza_tokens(stock_tokenizer) -> None:
    texts = _texts()[3:12]
    optimised = stanza_pipeline(optimize=True, processors="tokenize").processors["tokenize"]
    expected = stock_tokenizer.bulk_process([stanza.Document([], text=text) for text in texts])
    got = optimised.bulk_process([stanza.Document([], text=text) for text in texts])
    assert [_analysis(d) for d in got] == [_analysis(d) for d in expected]


def test_installed_on_the_optimised_pipeline_only() -> None:
    optimised = stanza_pipeline(optimize=True).processors["tokenize"]
    stock = stanza_pipeline(optimize=False).processors["tokenize"]
    assert "process" in vars(optimised) and isinstance(optimised.fast_tokenizer, tokenizer_inference.FastTokenizer)
    assert "process" not in vars(stock)


def test_pretokenized_input_keeps_stanzas_own_path() -> None:
    processor = stanza_pipeline(optimize=True, tokenize_pretokenized=True, sentence_correction=False).processors["tokenize"]
    assert not tokenizer_inference.supported(processor)
    assert "process" not in vars(processor)


def test_rows_are_computed_alone_whatever_their_batch(stock_tokenizer) -> None:
    """A paragraph's scores do not depend on the paragraphs batched with it."""
    import numpy as np

    fast = tokenizer_inference.FastTokenizer(stock_tokenizer)
    rng = random.Random(3)
    encoded = [fast.encode(_paragraph(rng, length)) for length in (40, 300, 310, 320, 700, 90)]
    together = fast.logits([(units, features, len(units) + 1) for units, features in encoded])
    alone = [fast.logits([(units, features, len(units) + 1)])[0] for units, features in encoded]
    for batched, single in zip(together, alone):
        np.testing.assert_allclose(batched, single, atol=1e-5)


def test_the_network_reads_the_sequences_stanza_feeds_it(stock_tokenizer, monkeypatch) -> None:
    """Every row Stanza's batches and windows give the LSTMs (characters, then its padding) is
    computed, and nothing else: long paragraphs of one batch share windows and padding."""
    from collections import Counter

    import numpy as np

    fast = tokenizer_inference.FastTokenizer(stock_tokenizer)
    trainer = stock_tokenizer.trainer
    pad = fast.pad_id
    stock_rows: Counter = Counter()
    fast_rows: Counter = Counter()

    def stock_predict(batch, predict=trainer.predict):
        units, _, features, raw = batch
        for row, characters in enumerate(raw):
            ids = units[row, :len(characters)].numpy()
            if (ids != pad).any():  # Stanza also runs the rows of finished paragraphs
                stock_rows[ids.tobytes() + features[row, :len(characters)].numpy().tobytes()] += 1
        return predict(batch)

    def fast_logits(sequences, logits=fast.logits):
        for units, features, length in sequences:
            ids = np.full(length, pad, dtype=np.int64)
            ids[:len(units)] = units
            padded = np.zeros((length, fast.feature_count), dtype=np.float32)
            padded[:len(features)] = features
            fast_rows[ids.tobytes() + padded.tobytes()] += 1
        return logits(sequences)

    monkeypatch.setattr(trainer, "predict", stock_predict)
    monkeypatch.setattr(fast, "logits", fast_logits)
    text = _texts()[-3]
    assert _analysis(fast.document(text)) == _analysis(stock_tokenizer.process(text))
    assert sum(stock_rows.values()) > len(fast.paragraphs(text))  # windows were cut
    assert fast_rows == stock_rows
