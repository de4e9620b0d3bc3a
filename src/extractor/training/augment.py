"""News-style tokenizer training sentences.

The UD treebanks rarely show what breaks sentence splitting in news: personal
initials (`Retno L.P. Marsudi`), titles and reference abbreviations (`Dr.`,
`H.`, `Jl.`, `No.`), datelines (`Jakarta, CNN Indonesia - -`,
`Badung (Antaranews Bali) -`) and quoted speech. These sentences are generated
from templates (fixed seed) and mixed into the training paragraphs, so the
model sees such full stops inside running sentences followed by real sentence
breaks.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Sequence

from extractor.training.ud import UDSentence
from extractor.resource_data import load_resource

SEED = 13


@lru_cache(maxsize=1)
def augmentation_lexicon() -> dict:
    return load_resource("tokenizer_augmentation.json")


@lru_cache(maxsize=1)
def abbreviation_lexicon() -> dict:
    return load_resource("sentence_abbreviations.json")


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    lexicon = abbreviation_lexicon()
    abbreviations = sorted(
        {entry for key in ("titles", "references", "inline") for entry in lexicon[key]}, key=len, reverse=True
    )
    alternatives = [
        r"(?:[A-Z]\.){1,4}(?![\w])",  # initials: L.P., H., A.S.
        *(re.escape(entry) + r"(?![\w])" for entry in abbreviations),
        r"\d+(?:[.,]\d+)*",
        r"\w+",
        r"[^\w\s]",
    ]
    return re.compile("|".join(alternatives))


def tokenize_template_text(text: str) -> tuple[tuple[int, int], ...]:
    """Token spans of generated text: abbreviations and initials keep their full stop."""
    return tuple(match.span() for match in _token_pattern().finditer(text))


def _initial_name(rng: random.Random, lexicon: dict) -> str:
    first = rng.choice(lexicon["first_names"])
    last = rng.choice(lexicon["last_names"])
    letters = rng.sample("ABCDEFGHIJKLMNPRSTWY", rng.choice((1, 1, 2)))
    initials = "".join(f"{letter}." for letter in letters)
    return rng.choice((f"{first} {initials} {last}", f"{initials} {last}", f"{first} {initials}"))


def _fill(template: str, rng: random.Random, lexicon: dict) -> str:
    abbreviations = abbreviation_lexicon()
    slots = {
        "initial_name": lambda: _initial_name(rng, lexicon),
        "name": lambda: f"{rng.choice(lexicon['first_names'])} {rng.choice(lexicon['last_names'])}",
        "title": lambda: rng.choice(abbreviations["titles"]),
        "reference": lambda: rng.choice(("No.", "Jl.", "Kav.", "Kab.", "Kec.")),
        "city": lambda: rng.choice(lexicon["cities"]),
        "outlet": lambda: rng.choice(lexicon["outlets"]),
        "position": lambda: rng.choice(lexicon["positions"]),
        "clause": lambda: rng.choice(lexicon["clauses"]),
        "street": lambda: rng.choice(lexicon["streets"]),
        "number": lambda: str(rng.randint(1, 250)),
        "day": lambda: rng.choice(lexicon["days"]),
    }
    return re.sub(r"\{(\w+)\}", lambda match: slots[match.group(1)](), template)


def news_sentences(copies: int = 2, seed: int = SEED) -> list[UDSentence]:
    """`copies` sentences per template, deterministic for a given seed."""
    lexicon = augmentation_lexicon()
    rng = random.Random(seed)
    sentences = []
    for template_index, template in enumerate(lexicon["templates"]):
        for copy in range(copies):
            text = _fill(template, rng, lexicon)
            sentences.append(UDSentence(f"augment-{template_index}-{copy}", text, tokenize_template_text(text)))
    return sentences


def shuffled(sentences: Sequence[UDSentence], seed: int = SEED) -> list[UDSentence]:
    """A deterministic shuffle, so treebank and generated sentences share paragraphs."""
    result = list(sentences)
    random.Random(seed).shuffle(result)
    return result

