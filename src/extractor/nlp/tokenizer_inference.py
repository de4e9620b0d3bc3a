"""A faster path through Stanza's neural tokenizer that gives the same tokens and sentences.

Stanza 1.15 tokenizes a text character by character in Python: a feature list per character,
one bidirectional LSTM pass per batch of 32 paragraphs over packed sequences, then a Python
loop over the characters that builds tokens and sentences. This module does the same
computation with the same model weights and the same decisions:

- features (unit ids, space before, capital, digit, paragraph start and end) are looked up
  in tables for the whole paragraph at once (each character's value computed once with
  Stanza's own feature functions);
- each bidirectional LSTM runs as two one-directional LSTMs over unpacked batches (which
  torch gives to oneDNN, about twice as fast per character as its packed path), the
  backward one on each row reversed within its own length, so that every paragraph is
  computed exactly as a sequence of its own (its characters and the one padding unit
  Stanza's batching appends); paragraphs are batched by similar length (not in Stanza's
  fixed batches of 32) so that the unpacked batches carry little padding;
- paragraphs of 1,000 characters or more go through Stanza's window procedure, with the
  same windows, the same padding and the same batch partners;
- tokens are cut at the predicted boundaries and placed in the text with the same search
  as Stanza's decoder, token by token instead of character by character.

The arithmetic differs from Stanza's packed LSTM only in the order of floating-point
operations (log-probabilities agree to about 1e-5), so a decision could in principle flip at
an exact tie; tokens and sentences checked identical on the first 1,000 IndoSum articles and
the 60 web excerpts (`benchmarks/stanza_speed.py --processors tokenize --n 1000`). Models or
settings this path does not cover (a character language model, MWT, dictionary or structural
features, speaker tags, pretokenized input, a postprocessor) go through Stanza's own code.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

# Stanza's ``output_predictions`` never cuts windows shorter than this.
MIN_WINDOW = 1000
# Rows of one LSTM call, and how much shorter than a batch's first row a row may be to join it.
MAX_BATCH_ROWS = 64
MIN_LENGTH_RATIO = 0.9
SUPPORTED_FEATURES = ("space_before", "capitalized", "numeric", "end_of_para", "start_of_para")
SENTENCE_END = 2


def install_fast_tokenizer(processor: Any) -> bool:
    """Make ``processor`` (a Stanza TokenizeProcessor) run the faster path where its model and
    settings allow; returns whether it does."""
    if not supported(processor):
        return False
    path = FastTokenizer(processor)
    stock_process = processor.process

    def process(document):
        from stanza.models.common import doc as stanza_doc

        if isinstance(document, stanza_doc.Document):
            document = document.text
        if not isinstance(document, str):
            return stock_process(document)
        return path.document(document)

    processor.process = process  # instance attribute: bulk_process goes through it too
    processor.fast_tokenizer = path
    return True


def supported(processor: Any) -> bool:
    config = processor.config
    trainer = getattr(processor, "_trainer", None)
    if trainer is None or hasattr(processor, "_variant") or config.get("pretokenized") or config.get("no_ssplit"):
        return False
    if getattr(processor, "_postprocessor", None) is not None or getattr(processor, "_speaker_opener", None) is not None:
        return False
    args = trainer.args
    model = trainer.model
    feats = args.get("feat_funcs") or []
    return (
        not args.get("use_mwt")
        and not args.get("use_dictionary")
        and not args.get("skip_newline")
        and args.get("conv_res") is None
        and args.get("rnn_layers", 1) == 1
        and args.get("shorthand") != "la_ittb"
        and getattr(model, "charmodel", None) is None
        and all(name in SUPPORTED_FEATURES for name in feats)
        and not getattr(processor.vocab, "lang_replaces_spaces", False)
        and not getattr(processor.vocab, "lower", False)
        and trainer.dictionary is None
    )


class FastTokenizer:
    """The tokenizer of one TokenizeProcessor: its network, feature tables and decoder."""

    def __init__(self, processor: Any):
        from stanza.models.tokenization.data import PER_CHAR_FEAT_FUNCS

        trainer = processor.trainer
        self.model = trainer.model.eval()
        self.args = trainer.args
        self.vocab = processor.vocab
        self.max_token_length = processor.config.get("max_seqlen", processor.MAX_SEQ_LENGTH_DEFAULT)
        self.window = max(MIN_WINDOW, self.max_token_length)
        self.batch_size = trainer.args["batch_size"]
        self.pad_id = self.vocab.unit2id("<PAD>")
        self.unk_id = self.vocab.unit2id("<UNK>")
        names = list(self.args["feat_funcs"])
        self.char_features = [PER_CHAR_FEAT_FUNCS[name] for name in names if name in PER_CHAR_FEAT_FUNCS]
        self.end_of_para = "end_of_para" in names
        self.start_of_para = "start_of_para" in names
        self.feature_count = len(self.char_features) + self.end_of_para + self.start_of_para
        self.character_rows: dict[str, tuple] = {}
        self.rnn = one_directional_pair(self.model.rnn)
        self.rnn2 = one_directional_pair(self.model.rnn2) if self.args["hierarchical"] else None

    # -- text to paragraphs -------------------------------------------------------------------

    @staticmethod
    def paragraphs(text: str) -> list[str]:
        """Stanza's TokenizationDataset: blank-line chunks, right-stripped, whitespace to single spaces."""
        from stanza.models.tokenization.data import NEWLINE_WHITESPACE_RE, WHITESPACE_RE

        chunks = [chunk.rstrip() for chunk in NEWLINE_WHITESPACE_RE.split(text)]
        return [MULTIPLE_SPACES.sub(" ", WHITESPACE_RE.sub(" ", chunk)) for chunk in chunks if chunk]

    def encode(self, paragraph: str) -> tuple[np.ndarray, np.ndarray]:
        """Unit ids and the feature matrix of one paragraph, as Stanza's ``para_to_sentences`` makes them."""
        rows = self.character_rows
        for char in set(paragraph).difference(rows):
            rows[char] = (self.vocab.unit2id(char), [float(feature(char)) for feature in self.char_features])
        looked_up = [rows[char] for char in paragraph]
        units = np.fromiter((unit for unit, _ in looked_up), dtype=np.int64, count=len(looked_up))
        features = np.zeros((len(paragraph), self.feature_count), dtype=np.float32)
        width = len(self.char_features)
        if width:
            features[:, :width] = [row for _, row in looked_up]
        column = width
        if self.end_of_para:
            features[-1, column] = 1.0
            column += 1
        if self.start_of_para:
            features[0, column] = 1.0
        return units, features

    # -- the network ------------------------------------------------------------------------

    def logits(self, sequences: list[tuple[np.ndarray, np.ndarray, int]]) -> list[np.ndarray]:
        """Class log-probabilities (length x 3) of each sequence ``(units, features, length)``,
        each computed as a packed sequence of its own: its units, then padding up to ``length``."""
        import torch

        outputs: list = [None] * len(sequences)
        order = sorted(range(len(sequences)), key=lambda index: sequences[index][2], reverse=True)
        start = 0
        while start < len(order):
            longest = sequences[order[start]][2]
            end = start + 1
            while (end < len(order) and end - start < MAX_BATCH_ROWS
                   and sequences[order[end]][2] >= MIN_LENGTH_RATIO * longest):
                end += 1
            members = order[start:end]
            units = np.full((len(members), longest), self.pad_id, dtype=np.int64)
            features = np.zeros((len(members), longest, self.feature_count), dtype=np.float32)
            lengths = []
            for row, index in enumerate(members):
                row_units, row_features, length = sequences[index]
                units[row, :len(row_units)] = row_units
                features[row, :len(row_features)] = row_features
                lengths.append(length)
            with torch.inference_mode():
                scores = self.network(torch.from_numpy(units), torch.from_numpy(features), lengths).numpy()
            for row, index in enumerate(members):
                outputs[index] = scores[row, :lengths[row]]
            start = end
        return outputs

    def network(self, units, features, lengths: list[int]):
        """Stanza's ``Tokenizer.forward`` in eval mode, on rows of the given lengths."""
        import torch
        import torch.nn.functional as F

        model = self.model
        reverse = reversal_index(lengths, units.size(1))
        emb = torch.cat([model.embeddings(units), features], 2)
        inp = bidirectional(self.rnn, emb, reverse)
        tok0 = model.tok_clf(inp)
        sent0 = model.sent_clf(inp)
        if self.rnn2 is not None:
            inp2 = inp
            if self.args["hier_invtemp"] > 0:
                inp2 = inp2 * (1 - torch.sigmoid(-tok0 * self.args["hier_invtemp"]))
            inp2 = bidirectional(self.rnn2, inp2, reverse)
            tok0 = tok0 + model.tok_clf2(inp2)
            sent0 = sent0 + model.sent_clf2(inp2)
        nontok = F.logsigmoid(-tok0)
        tok = F.logsigmoid(tok0)
        nonsent = F.logsigmoid(-sent0)
        sent = F.logsigmoid(sent0)
        return torch.cat([nontok, tok + nonsent, tok + sent], 2)

    # -- predictions ------------------------------------------------------------------------

    def predictions(self, encoded: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Per paragraph, the label of each character (0 inside a token, 1 token end, 2 sentence end)."""
        lengths = [len(units) for units, _ in encoded]
        predictions: list = [None] * len(encoded)
        # Stanza's batches: paragraphs sorted longest first (stable), cut into batch_size rows.
        order = sorted(range(len(encoded)), key=lambda index: lengths[index], reverse=True)
        short = [index for index in order if lengths[index] < self.window]
        long = [index for index in order if lengths[index] >= self.window]
        # A paragraph shorter than the window is one sequence: its characters and one pad.
        for index, scores in zip(short, self.logits([(*encoded[index], lengths[index] + 1) for index in short])):
            predictions[index] = np.argmax(scores[:lengths[index]], axis=1)
        # Longer ones go through Stanza's windows together with the long ones of their batch.
        for start in range(0, len(long), self.batch_size):
            group = long[start:start + self.batch_size]
            for index, labels in zip(group, self.windowed([encoded[index] for index in group])):
                predictions[index] = labels
        return [sentence_end_at_last(labels) for labels in predictions]

    def windowed(self, encoded: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Stanza's ``predict`` loop for the paragraphs of a batch that exceed the window."""
        lengths = [len(units) for units, _ in encoded]
        offsets = [0] * len(encoded)
        pieces: list[list[np.ndarray]] = [[] for _ in encoded]
        while True:
            remaining = [length - offset for length, offset in zip(lengths, offsets)]
            spans = [min(left, self.window) for left in remaining]
            # Stanza's rows: characters and one pad at first (every row here exceeds the window, so
            # the window cuts it), later the remainders padded to the longest, cut to the window
            width = max(spans)
            # finished rows are computed by Stanza too, but advance by nothing
            active = [index for index, left in enumerate(remaining) if left > 0]
            sequences = []
            for index in active:
                units, features = encoded[index]
                offset, real = offsets[index], min(remaining[index], width)
                sequences.append((units[offset:offset + real], features[offset:offset + real], width))
            for index, scores in zip(active, self.logits(sequences)):
                labels = np.argmax(scores, axis=1)
                breaks = np.flatnonzero(labels == SENTENCE_END)
                if len(breaks) == 0 or offsets[index] >= lengths[index] - self.window:
                    advance = spans[index]
                else:
                    advance = int(breaks.max()) + 1
                pieces[index].append(labels[:advance])
                offsets[index] += advance
            if all(offset >= length for offset, length in zip(offsets, lengths)):
                break
        return [np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64) for parts in pieces]

    # -- decoding -------------------------------------------------------------------------

    def document(self, text: str):
        """The Stanza Document of ``text``, as ``TokenizeProcessor.process`` builds it."""
        from stanza.models.common import doc as stanza_doc

        paragraphs = self.paragraphs(text)
        encoded = [self.encode(paragraph) for paragraph in paragraphs]
        labels = self.predictions(encoded)
        sentences = self.decode(text, paragraphs, labels)
        for sentence in sentences:
            for token in sentence:
                if len(token["text"]) > self.max_token_length:
                    token["text"] = "<UNK>"
        return stanza_doc.Document(sentences, text)

    @staticmethod
    def decode(text: str, paragraphs: list[str], labels: list[np.ndarray]) -> list[list[dict]]:
        """Stanza's ``decode_predictions`` (no MWT): tokens and sentences with character offsets."""
        from stanza.models.tokenization.data import WHITESPACE_RE
        from stanza.models.tokenization.utils import MASK_RE, SPACE_SPLIT_RE

        searched = WHITESPACE_RE.sub(" ", text)
        char_offset = 0
        document = []
        for paragraph, predicted in zip(paragraphs, labels):
            predicted = regex_tokens(paragraph, predicted, MASK_RE)
            sentence: list[dict] = []
            start = 0
            ends = np.flatnonzero(predicted).tolist()
            classes = predicted[ends].tolist() if ends else []
            for end, label in zip(ends, classes):
                piece = paragraph[start:end + 1]
                start = end + 1
                # Stanza's normalize_token (lstrip, whitespace to spaces); the paragraph holds no other whitespace than spaces
                token = WHITESPACE_CHAR.sub(" ", piece.lstrip())
                if not token:
                    continue
                if " " not in token:
                    found = searched.index(piece, char_offset)
                    begin = found + len(piece) - len(token)
                    char_offset = found + len(piece)
                else:
                    begin = -1
                    for part in SPACE_SPLIT_RE.split(piece):
                        if not part:
                            continue
                        skipped = searched.index(part, char_offset) - char_offset
                        if begin < 0:
                            begin = char_offset + skipped + (len(part) - len(part.lstrip()))
                        char_offset += skipped + len(part)
                sentence.append({"id": (len(sentence) + 1,), "text": token, "start_char": begin, "end_char": char_offset})
                if label == SENTENCE_END:
                    document.append(sentence)
                    sentence = []
            if start != len(paragraph):
                raise ValueError("Finished processing tokens, but there is still text left!")
            if sentence:
                document.append(sentence)
        return document


MULTIPLE_SPACES = re.compile(" {2,}")
WHITESPACE_CHAR = re.compile(r"\s")


def sentence_end_at_last(labels: np.ndarray) -> np.ndarray:
    """Stanza ends a paragraph's last sentence at its last character whatever the prediction."""
    labels = labels.astype(np.int64, copy=True)
    if labels[-1] < SENTENCE_END:
        labels[-1] = SENTENCE_END
    return labels


def regex_tokens(paragraph: str, labels: np.ndarray, mask_re) -> np.ndarray:
    """Stanza's ``update_pred_regex``: no boundary inside an e-mail address or URL, one at its end."""
    for match in mask_re.finditer(paragraph):
        begin, end = match.span()
        labels[begin:end - 1] = 0
        if labels[end - 1] == 0:
            labels[end - 1] = 1
    return labels


def one_directional_pair(lstm: Any):
    """The forward and the backward half of a one-layer bidirectional ``nn.LSTM``, as two modules."""
    import torch

    halves = []
    for suffix in ("", "_reverse"):
        half = torch.nn.LSTM(lstm.input_size, lstm.hidden_size, batch_first=True, bias=lstm.bias)
        with torch.no_grad():
            for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
                if hasattr(lstm, name + suffix):
                    getattr(half, name).copy_(getattr(lstm, name + suffix))
        halves.append(half.eval())
    return tuple(halves)


def reversal_index(lengths: list[int], width: int):
    """Row-major positions of a (rows x width) batch that read each row backwards within its own
    length (positions past a row's length stay where they are)."""
    import torch

    positions = torch.arange(width).unsqueeze(0)
    ends = torch.tensor(lengths).unsqueeze(1)
    within = torch.where(positions < ends, ends - 1 - positions, positions)
    return (within + torch.arange(len(lengths)).unsqueeze(1) * width).view(-1)


def reversed_rows(values, reverse):
    """``values`` (rows x width x features) with each row reversed by ``reversal_index``."""
    rows, width, size = values.shape
    return values.reshape(rows * width, size).index_select(0, reverse).view(rows, width, size)


def bidirectional(pair, inputs, reverse):
    """A bidirectional LSTM layer on rows of their own lengths (``reverse`` from ``reversal_index``)."""
    import torch

    forward, backward = pair
    ahead, _ = forward(inputs)
    behind, _ = backward(reversed_rows(inputs, reverse))
    return torch.cat([ahead, reversed_rows(behind, reverse)], 2)
