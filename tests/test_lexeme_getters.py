"""extractor.nlp.lexeme_getters: the replaced getters return spaCy's values."""

from __future__ import annotations

import json
import random
from pathlib import Path

from spacy.attrs import IDS
from spacy.util import get_lang_class
from spacy.vocab import create_vocab

from extractor.nlp.lexeme_getters import fast_getters
from extractor.nlp.spacy_doc import shared_vocab

RESOURCES = Path(__file__).resolve().parents[1] / "src" / "extractor" / "resources" / "id"
NAMES = {value: name for name, value in IDS.items()}
TRICKY = [
    "Jakarta", "jakarta", "JAKARTA", "jaKarta", "J", "j", "ǅemal", "ǅ", "Σίσυφος", "ﬁnal", "ＡＢＣ", "ａｂｃ", "İstanbul",
    "x" * 99, "x" * 100, "X" + "x" * 150, "1" * 120, "dua", "Dua", "DUA", "puluh", "dua-puluh", "ke-2", "3/4", "+5", "-5",
    "±3", "~4", "1.000,5", "1,5", "12", "²", "٣", "Rp", "rp", "US$", "$", "€", "Rp.", "USD", "http://x", "https://a.b",
    "http:", "www.", "www.a", "a.com", "a.co.id", "b.c:80", ".com", "com.", "e@x.com", "a@b", "a.b@c.d", "O'Brien",
    "''", "``", "„", "‹", "()", "...", "—", "--", "'s", "’S", "’", "yang", "Yang", "YANG", "tidak", "\n", "\n\n", " ", "\u00a0",
    "\t", "a b", "_", "a_b", "x1", "1x", "Xx1", "X1x", "ab12cd", "AbCd",
]


def _resource_words() -> set[str]:
    words: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            words.update(value.split())
            words.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in RESOURCES.glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return {word for word in words if word}


def _strings() -> list[str]:
    chars = [chr(code) for code in list(range(1, 0x3100)) + list(range(0xFB00, 0xFFFF)) + list(range(0x1D400, 0x1D800))]
    chars = [char for char in chars if not 0xD800 <= ord(char) <= 0xDFFF]
    rng = random.Random(16)
    pool = "aAzZ09._-@/:,$€+~'’\"()ǅΣσ²٣ \u00a0"
    mixed = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 8))) for _ in range(20_000)]
    return chars + TRICKY + mixed + sorted(_resource_words())


def test_every_replaced_getter_returns_spacys_value():
    language = get_lang_class("id")
    originals = create_vocab(language.lang, language.Defaults).lex_attr_getters
    fast = fast_getters(originals)
    assert fast.keys() == originals.keys()
    strings = _strings()
    for attr, getter in fast.items():
        original = originals[attr]
        wrong = [s for s in strings if getter(s) != original(s) or type(getter(s)) is not type(original(s))]
        assert not wrong, f"{NAMES.get(attr, attr)} differs on {wrong[:5]!r}"


def test_the_shared_vocabulary_uses_the_fast_getters():
    vocab = shared_vocab()
    assert all(getter.__module__ != "spacy.lang.lex_attrs" for getter in vocab.lex_attr_getters.values() if hasattr(getter, "__module__"))
    lexeme = vocab["Dua-puluh"]
    assert (lexeme.lower_, lexeme.shape_, lexeme.is_alpha, lexeme.like_num, lexeme.prefix_, lexeme.suffix_) == (
        "dua-puluh", "Xxx-xxxx", False, True, "D", "luh",
    )
