"""Stanza's URL/e-mail mask in linear form: the same matches, and work that grows linearly."""

from __future__ import annotations

import random
import time

from stanza.models.tokenization import utils as tokenization_utils

from extractor.nlp.stanza_mask import MAX_RUN, LinearMask, install

ORIGINAL = tokenization_utils.MASK_RE if not isinstance(tokenization_utils.MASK_RE, LinearMask) else tokenization_utils.MASK_RE.pattern
PIECES = ["a", "Z", "9", "@", ".", "-", "_", '"', "\\", " ", "\n", "\t", "\u00a0", "http://", "https://", "www.",
          ".com", ".co", ".id", "[", "]", ":", "/", "x.org/", "ü", "+"]


def test_same_matches_as_stanza_on_random_text():
    mask = LinearMask(ORIGINAL)
    rng = random.Random(10)
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        assert [m.span() for m in mask.finditer(text)] == [m.span() for m in ORIGINAL.finditer(text)], text


def test_real_addresses_still_masked():
    mask = LinearMask(ORIGINAL)
    text = "Kirim ke humas@kemlu.go.id atau lihat https://www.kemlu.go.id/portal/id dan antaranews.com.sg ya."
    assert [m.group() for m in mask.finditer(text)] == [m.group() for m in ORIGINAL.finditer(text)]
    assert len(list(mask.finditer(text))) == 3


def test_long_runs_are_skipped_and_work_is_linear():
    mask = LinearMask(ORIGINAL)
    assert list(mask.finditer("a" * (MAX_RUN + 1) + ".com")) == []

    def cpu(text: str) -> float:
        started = time.process_time()
        list(mask.finditer(text))
        return time.process_time() - started

    for unit in ("abcdefghij", "a.com", "1.2.", "a-b-", "a@"):
        small, large = (unit * (n // len(unit)) for n in (40_000, 80_000))
        assert min(cpu(large) for _ in range(3)) <= 3 * min(cpu(small) for _ in range(3)) + 0.01, unit


def test_install_is_idempotent():
    install()
    install()
    assert isinstance(tokenization_utils.MASK_RE, LinearMask)
    assert tokenization_utils.MASK_RE.pattern is ORIGINAL
