"""Matching a character pattern line by line, only on the lines holding what its matches must hold.

A component's character patterns (dates, numbers) are scanned over the whole article, trying
each pattern at every character. Most of them cannot match across a line break, and each match
must contain an *anchor* (a digit, a month name): for such a pattern, ``finditer`` over the
lines that hold an anchor finds exactly what ``finditer`` over the whole text finds, in the
same order, at a fraction of the cost. Whether a pattern stays within a line is read from its
parsed form (:func:`stays_in_line`), so a lexicon word that brings a line break, or an anchor
such as ``^``, turns the shortcut off for that pattern instead of changing what is found.

A pattern whose every match starts a line (``^…`` under ``re.MULTILINE``: copyright lines,
bylines) is tried only at the line starts (:func:`finditer_lines`), not at every character.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator, Optional

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_NEWLINE = ord("\n")
_CATEGORY_HAS_NEWLINE = {
    sre_constants.CATEGORY_DIGIT: False,
    sre_constants.CATEGORY_NOT_DIGIT: True,
    sre_constants.CATEGORY_SPACE: True,
    sre_constants.CATEGORY_NOT_SPACE: False,
    sre_constants.CATEGORY_WORD: False,
    sre_constants.CATEGORY_NOT_WORD: True,
    sre_constants.CATEGORY_LINEBREAK: True,
    sre_constants.CATEGORY_NOT_LINEBREAK: False,
}
# Zero-width assertions that read only the characters either side of their position.
_LOCAL_AT = {sre_constants.AT_BOUNDARY, sre_constants.AT_NON_BOUNDARY}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT} | (
    {sre_constants.POSSESSIVE_REPEAT} if hasattr(sre_constants, "POSSESSIVE_REPEAT") else set()
)
_ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", object())


def _set_has_newline(items) -> bool:
    negate = False
    found = False
    for op, value in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            found = found or value == _NEWLINE
        elif op is sre_constants.RANGE:
            found = found or value[0] <= _NEWLINE <= value[1]
        elif op is sre_constants.CATEGORY:
            if value not in _CATEGORY_HAS_NEWLINE:
                return True  # a category not known here: assume the worst
            found = found or _CATEGORY_HAS_NEWLINE[value]
        else:
            return True
    return found != negate


def _may_leave_line(items, dotall: bool) -> bool:
    """Whether the parsed ``items`` can consume a line break (in a lookaround too) or test a
    position against the whole string (``^``, ``$``, ``\\A``, ``\\Z``)."""
    for op, value in items:
        if op is sre_constants.LITERAL:
            if value == _NEWLINE:
                return True
        elif op is sre_constants.NOT_LITERAL:
            if value != _NEWLINE:
                return True
        elif op is sre_constants.IN:
            if _set_has_newline(value):
                return True
        elif op is sre_constants.ANY:
            if dotall:
                return True
        elif op is sre_constants.AT:
            if value not in _LOCAL_AT:
                return True
        elif op is sre_constants.SUBPATTERN:
            _, add_flags, del_flags, sub = value
            inner_dotall = (dotall or bool(add_flags & sre_constants.SRE_FLAG_DOTALL)) and not (del_flags & sre_constants.SRE_FLAG_DOTALL)
            if _may_leave_line(sub, inner_dotall):
                return True
        elif op is sre_constants.BRANCH:
            if any(_may_leave_line(branch, dotall) for branch in value[1]):
                return True
        elif op in _REPEATS:
            if _may_leave_line(value[2], dotall):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _may_leave_line(value[1], dotall):
                return True
        elif op is _ATOMIC_GROUP:
            if _may_leave_line(value, dotall):
                return True
        elif op is sre_constants.GROUPREF:
            continue  # repeats what its group consumed, checked where the group is
        else:
            return True  # an operator not known here (conditionals ...): assume the worst
    return False


def stays_in_line(pattern: re.Pattern) -> bool:
    """Whether every match of ``pattern`` is non-empty and holds no line break, and no part of
    it (lookarounds included) reads a character beyond one or tests the string's start or end:
    then its matches over a text are its matches over each line (with its break) of the text."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.getwidth()[0] == 0:
        return False
    return not _may_leave_line(list(parsed), bool(pattern.flags & re.DOTALL))


# --------------------------------------------------------------------------- first-character guard

# The only characters outside ASCII that IGNORECASE matches to an ASCII letter (``İ``, ``ı`` to
# ``i``, ``ſ`` to ``s``, the Kelvin sign to ``k``; read off every code point).
_FOLDED_ONTO_ASCII = "\u0130\u0131\u017f\u212a"
_CATEGORY_CLASS = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = {sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT}


class _NotRead(Exception):
    """A part of a pattern whose first characters are not worked out here."""


def _literal_members(code: int, ignorecase: bool) -> set[str]:
    char = chr(code)
    if not ignorecase or char.lower() == char.upper():
        return {re.escape(char)}
    if not char.isascii():
        raise _NotRead
    variants = {char.lower(), char.upper(), *_FOLDED_ONTO_ASCII}
    return {re.escape(v) for v in variants if re.fullmatch(f"(?i:{re.escape(char)})", v)}


def _set_members(items, ignorecase: bool) -> set[str]:
    members: set[str] = set()
    for op, value in items:
        if op is sre_constants.LITERAL:
            members |= _literal_members(value, ignorecase)
        elif op is sre_constants.RANGE:
            low, high = value
            if ignorecase and any(chr(code).lower() != chr(code).upper() for code in range(low, high + 1)):
                raise _NotRead
            members.add(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        elif op is sre_constants.CATEGORY and value in _CATEGORY_CLASS:
            members.add(_CATEGORY_CLASS[value])
        else:
            raise _NotRead  # a negated set and the rest
    return members


def _first_members(items, flags: int) -> tuple[set[str], bool]:
    """The character-class members of what the first character of a match of ``items`` can be,
    and whether ``items`` can match the empty string (zero-width assertions read, not consume)."""
    found: set[str] = set()
    for op, value in items:
        ignorecase = bool(flags & re.IGNORECASE)
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.LITERAL:
            return found | _literal_members(value, ignorecase), False
        if op is sre_constants.IN:
            return found | _set_members(value, ignorecase), False
        if op is sre_constants.SUBPATTERN:
            _, add_flags, del_flags, sub = value
            members, empty = _first_members(sub, (flags | add_flags) & ~del_flags)
        elif op is sre_constants.BRANCH:
            members, empty = set(), False
            for branch in value[1]:
                branch_members, branch_empty = _first_members(branch, flags)
                members |= branch_members
                empty = empty or branch_empty
        elif op in _REPEATS:
            low, _, sub = value
            members, empty = _first_members(sub, flags)
            empty = empty or low == 0
        else:
            raise _NotRead
        found |= members
        if not empty:
            return found, False
    return found, True


def _opens_unskippable(items) -> bool:
    """Whether a pattern opens with a zero-width assertion or an optional part (in one of its
    alternatives): ``re`` then has no first character or literal prefix to skip to and tries the
    whole pattern at every position."""
    while items:
        op, value = items[0]
        if op is sre_constants.SUBPATTERN:
            items = list(value[3])
            continue
        if op is sre_constants.BRANCH:
            return any(_opens_unskippable(list(branch)) for branch in value[1])
        return op in _ZERO_WIDTH or (op in _REPEATS and value[0] == 0)
    return False


def first_character_guard(pattern: re.Pattern) -> re.Pattern:
    """``pattern``, opened with a lookahead on the characters its matches can start with
    (``(?=[AHJKMRSh])`` before ``(?<!\\w)(?:hari )?Senin...``) when it opens with a lookbehind or
    an optional part. It matches what ``pattern`` matches; a position where no match can start
    fails at that one test instead of going through the lookbehinds and optional words, which
    ``re`` otherwise does at every position (2-4x the scan time). A pattern whose first
    characters are not read here, or that ``re`` can skip through already, is returned as it is."""
    parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
    if not _opens_unskippable(parsed):
        return pattern
    try:
        members, empty = _first_members(parsed, pattern.flags)
    except _NotRead:
        return pattern
    if empty or not members:
        return pattern
    guard = "(?=[" + "".join(sorted(members)) + "])"
    if pattern.flags & re.IGNORECASE:
        guard = f"(?-i:{guard})"  # the members are the case variants already: folded, it would pass more
    try:
        return re.compile(guard + pattern.pattern, pattern.flags)
    except re.error:  # global flags at its start
        return pattern


class Lines:
    """The line spans of a text (each with its line break), and which hold an anchor's match."""

    def __init__(self, text: str):
        self.text = text
        breaks = [m.start() for m in re.finditer("\n", text)]
        self.starts = [0] + [b + 1 for b in breaks]
        self.ends = [b + 1 for b in breaks] + [len(text)]
        self._anchored: dict[re.Pattern, list[int]] = {}

    def holding(self, anchor: re.Pattern) -> list[int]:
        """Indices of the lines where a match of ``anchor`` (whose matches stay within a line,
        :func:`stays_in_line`) starts, cached per anchor pattern (its source and flags: a
        compiled pattern compares by both). Once a line holds one, the search goes on from the
        next line: a match of such an anchor starting there is the first one ``finditer`` would
        reach in that line."""
        found = self._anchored.get(anchor)
        if found is None:
            found, starts, ends = [], self.starts, self.ends
            search, text, position = anchor.search, self.text, 0
            while (match := search(text, position)) is not None:
                line = bisect.bisect_right(starts, match.start()) - 1
                found.append(line)
                position = ends[line]
                if position <= match.start():  # an empty match at the end of the text
                    break
            self._anchored[anchor] = found
        return found


_last_lines: Optional[Lines] = None


def lines_of(text: str) -> Lines:
    """The :class:`Lines` of ``text``, shared by every scan of the same string object: the
    components and builders of one article read one line index (and its anchors' lines), not one
    each. Only the latest text is kept."""
    global _last_lines
    lines = _last_lines
    if lines is None or lines.text is not text:
        lines = _last_lines = Lines(text)
    return lines


def finditer_anchored(pattern: re.Pattern, lines: Lines, anchor: Optional[re.Pattern], in_line: bool) -> Iterator[re.Match]:
    """``pattern.finditer(lines.text)``, scanning only the lines where ``anchor`` matches when
    ``in_line`` (:func:`stays_in_line` holds for both patterns) and every match of ``pattern``
    contains a match of ``anchor`` at the same place."""
    if anchor is None or not in_line:
        yield from pattern.finditer(lines.text)
        return
    text, starts, ends = lines.text, lines.starts, lines.ends
    for line in lines.holding(anchor):
        yield from pattern.finditer(text, starts[line], ends[line])



@lru_cache(maxsize=512)
def starts_lines(pattern: re.Pattern) -> bool:
    """Whether every match of ``pattern`` is non-empty and starts a line: under ``re.MULTILINE``,
    its parsed form opens with ``^`` outside any group or alternation."""
    if not pattern.flags & re.MULTILINE:
        return False
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.getwidth()[0] == 0 or not len(parsed):
        return False
    return parsed[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)


def finditer_lines(pattern: re.Pattern, lines: Lines) -> Iterator[re.Match]:
    """``pattern.finditer(lines.text)``; for a pattern whose matches start lines
    (:func:`starts_lines`), ``pattern.match`` at each line start after the previous match instead."""
    text = lines.text
    if not starts_lines(pattern):
        yield from pattern.finditer(text)
        return
    position = 0
    match_at = pattern.match
    for start in lines.starts:
        if start < position:
            continue
        match = match_at(text, start)
        if match is not None:
            yield match
            position = match.end()
