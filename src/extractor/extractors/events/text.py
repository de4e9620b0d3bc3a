"""Reading words, names and places from the characters around an event trigger.

Names are read from the text rather than from tokens, so that mentions are exact whatever the
tokenizer did with ``ke-16``, ``ASEAN-Russia`` or ``Officials'``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from ...normalize.countries import party_code
from ...normalize.numbers import parse_ordinal

if TYPE_CHECKING:
    from .lexicon import EventPatterns


_WS = r"[ \u00a0]+"
_HYPHENS = "\\-\u2010\u2011\u2013"
_CAPWORD = re.compile(
    rf"(?:[A-Z][^\W_]*|\d+[A-Za-z][^\W_]*)(?:[{_HYPHENS}][^\W_]+)*(?:['\u2019]s|['\u2019])?(?![\w{_HYPHENS}])"
)
_ORDINAL = re.compile(
    rf"(?:[Kk]e[{_HYPHENS}][ ]?(?:\d+|[a-z]+)|[Kk]e[ ]?\d+|\d+(?:st|nd|rd|th))(?![\w{_HYPHENS}])"
)
_PAREN = re.compile(r"\([A-Z0-9][^()\n]{0,80}\)")
_NUMBER_BEFORE_CAPWORD = re.compile(r"\d+(?=[ \u00a0]+[A-Z])")
_LOWER_WORD = re.compile(rf"[a-z][a-z]*(?:[{_HYPHENS}][a-z]+)*(?![\w])")
_ANY_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*|[^\w\s]")
_PUNCT_BREAK = re.compile(r"[.;:!?\"\u201c\u201d]|,")


def _word_before(text: str, position: int, lower_bound: int) -> str:
    words = _ANY_WORD.findall(text[max(lower_bound, position - 40) : position])
    return words[-1].casefold() if words else ""


def _words_between(text: str, start: int, end: int) -> list[str]:
    return [w.casefold() for w in _ANY_WORD.findall(text[start:end])]


def _skip_ws(text: str, position: int) -> int:
    match = re.compile(_WS).match(text, position)
    return match.end() if match else position


def _is_capword_stop(word: str, patterns: EventPatterns) -> bool:
    """Capitalised words that end a name: weekdays, months, sentence-initial function words."""
    folded = word.casefold().rstrip("'\u2019")
    return folded in patterns.calendar or folded in patterns.function_words


def _is_place_stop(word: str, patterns: EventPatterns) -> bool:
    folded = word.casefold().rstrip("'\u2019")
    return folded in patterns.location_stop or folded in patterns.function_words


def _party_of_word(word: str) -> Optional[str]:
    for part in re.split(rf"[{_HYPHENS}]", word):
        code = party_code(part.rstrip("'\u2019"))
        if code:
            return code
    return None


def _extend_right(text: str, position: int, limit: int, patterns: EventPatterns, english: bool) -> tuple[int, int]:
    """Read name items right of ``position``; return ``(end, items)``. In English mode capitalised
    words only follow a connector (``Meeting on Counter Terrorism``)."""
    end, items = position, 0
    caps_open = not english
    while True:
        cursor = _skip_ws(text, end)
        if cursor == end or cursor >= limit:
            return end, items
        ordinal = _ORDINAL.match(text, cursor)
        if ordinal and ordinal.end() <= limit and parse_ordinal(ordinal.group(0)) is not None and not english:
            end, items = ordinal.end(), items + 1
            continue
        paren = _PAREN.match(text, cursor)
        if paren and paren.end() <= limit:
            end, items = paren.end(), items + 1
            continue
        word = _CAPWORD.match(text, cursor)
        if word and word.end() <= limit and not _is_capword_stop(word.group(0), patterns):
            if caps_open or word.group(0) in patterns.english_suffix:
                end, items = word.end(), items + 1
                continue
            return end, items
        number = _NUMBER_BEFORE_CAPWORD.match(text, cursor)
        if number and caps_open:
            end = number.end()
            continue
        connector = _LOWER_WORD.match(text, cursor) or re.compile(r"&").match(text, cursor)
        if connector:
            after = _skip_ws(text, connector.end())
            following = _CAPWORD.match(text, after)
            if following and after > connector.end() and following.end() <= limit:
                follower = following.group(0)
                joiner = connector.group(0).casefold()
                if follower.casefold() in patterns.head_words or _is_capword_stop(follower, patterns):
                    return end, items
                if joiner in patterns.name_connectors and (caps_open or english):
                    end = connector.end()
                    caps_open = True
                    continue
                if joiner in patterns.party_connectors and _party_of_word(follower) and items:
                    end = connector.end()
                    continue
        return end, items


def _extend_left(text: str, position: int, lower_bound: int, patterns: EventPatterns) -> tuple[int, int]:
    """Read English name items left of ``position`` (``16th ASEAN-Russia Senior Officials'``)."""
    tokens = list(re.finditer(r"\([^()\n]{1,80}\)|[^\s()]+", text[lower_bound:position]))
    start, items = position, 0
    pending_connector: Optional[int] = None
    for token in reversed(tokens):
        t_start, t_end = lower_bound + token.start(), lower_bound + token.end()
        gap = text[t_end:start] if pending_connector is None else text[t_end:pending_connector]
        if not re.fullmatch(_WS, gap or "x"):
            break
        word = token.group(0)
        if _CAPWORD.fullmatch(word) and len(word) > 1 and not _is_capword_stop(word, patterns) and word.casefold() not in patterns.left_stop or re.fullmatch(r"\d+(?:st|nd|rd|th)", word) or _PAREN.fullmatch(word):
            start, items, pending_connector = t_start, items + 1, None
            continue
        if word.casefold() in patterns.name_connectors and pending_connector is None and items:
            pending_connector = t_start
            continue
        break
    return start, items


def _clause_clean(words: list[str], patterns: EventPatterns) -> bool:
    return not any(w in patterns.clause_breakers or w in {".", ";", "!", "?", ":"} for w in words)


def _clause_words_before(text: str, position: int, s_start: int, count: int) -> list[str]:
    """The last ``count`` words before ``position`` in its clause (after the last punctuation)."""
    clause_start = max([s_start] + [m.end() for m in _PUNCT_BREAK.finditer(text, max(s_start, position - 120), position)])
    return _words_between(text, clause_start, position)[-count:]


def _object_end(text: str, start: int, limit: int, next_mention_start: int) -> int:
    """End of the object after a verb or ``dengan``: before punctuation, a ``di`` place or the next event."""
    limit = min(limit, next_mention_start)
    stop = re.compile(r"[.;:!?,\"\u201c\u201d]|(?<![\w])(?:di|pada|untuk|guna)(?![\w])").search(text, start, limit)
    return stop.start() if stop else limit


_PLACE_RUN = re.compile(
    r"(?:[A-Z][^\W_]*(?:[-\u2010\u2011][^\W_]+)*|\([A-Z][^()\n]{0,40}\))"
    r"(?:[ \u00a0]+(?:[A-Z][^\W_]*(?:[-\u2010\u2011][^\W_]+)*|\([A-Z][^()\n]{0,40}\)))*"
)


def _read_place(text: str, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """A place phrase at ``position``: capitalised runs joined by commas (``Legian, Badung, Bali``),
    cut before weekdays, months, dates and other stop words."""
    end = position
    cursor = position
    while True:
        run = _PLACE_RUN.match(text, cursor)
        if not run or run.end() > limit:
            break
        words = list(re.finditer(r"\([^()]*\)|\S+", text[run.start() : run.end()]))
        run_end = cursor
        for w in words:
            w_start, w_end = run.start() + w.start(), run.start() + w.end()
            if _is_place_stop(w.group(0), patterns) or any(s < w_end and w_start < e for s, e in stops):
                break
            run_end = w_end
        if run_end == cursor:
            break
        if cursor != position and not _ends_clause(text, run_end, limit, patterns, stops):
            break
        end = run_end
        if run_end < run.end():
            break
        comma = re.compile(r",[ \u00a0]+").match(text, end)
        if not comma:
            break
        cursor = comma.end()
    if end == position:
        return None
    return position, end


def _ends_clause(text: str, position: int, limit: int, patterns: EventPatterns, stops: list[tuple[int, int]]) -> bool:
    """Whether a place part continued after a comma closes its clause (``..., Bali.``,
    ``..., Rusia pada 19-20 Mei``) rather than a new clause starting (``..., Indonesia didaulat``)."""
    cursor = _skip_ws(text, position)
    if cursor >= limit or not text[cursor].isalnum() or any(s <= cursor < e for s, e in stops):
        return True
    word = _ANY_WORD.match(text, cursor)
    folded = word.group(0).casefold() if word else ""
    return folded in patterns.place_followers or folded in patterns.location_stop or folded[:1].isupper() or not folded.isalpha() or word.group(0)[:1].isupper()
