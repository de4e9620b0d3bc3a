"""A cheap language check: the share of a text's words that are common function words.

Indonesian news text is mostly Indonesian function words (``yang``, ``dan``, ``di``, …) among
names and content words; English text is mostly English ones. :func:`guess_language` returns the
language whose list covers the largest share of the words, ``"und"`` (undetermined, BCP 47) when
no list reaches ``min_share``, and None for a text too short to tell. Words live in
``resources/id/language.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..resource_data import load_resource

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _settings() -> dict:
    data = load_resource("language.json")
    data["sets"] = {language: frozenset(words) for language, words in data["function_words"].items()}
    return data


def function_word_shares(text: str) -> tuple[int, dict[str, float]]:
    """The number of words looked at and, per language, the share of them in its list."""
    settings = _settings()
    words = list(map(str.lower, _WORD.findall(text[: settings["sample_characters"]])))
    if not words:
        return 0, {language: 0.0 for language in settings["sets"]}
    return len(words), {
        language: sum(map(vocabulary.__contains__, words)) / len(words)
        for language, vocabulary in settings["sets"].items()
    }


def guess_language(text: str) -> Optional[str]:
    """``"id"``, another listed language, ``"und"``, or None when the text is too short to tell."""
    settings = _settings()
    count, shares = function_word_shares(text)
    if count < settings["min_words"]:
        return None
    language, share = max(shares.items(), key=lambda item: item[1])
    return language if share >= settings["min_share"] else UNDETERMINED
