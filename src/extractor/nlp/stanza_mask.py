"""Stanza's URL and e-mail mask, searched in linear time.

Stanza's tokenizer runs one regular expression (``stanza.models.tokenization.utils.MASK_RE``)
over every paragraph, so that URLs and e-mail addresses stay one token. That expression is
quadratic (or worse) in the length of a run of letters, digits, dots or hyphens without an
``@``: 32,000 characters of ``abcdefghij...`` took 69 s, the LSTM around it under 2 s.

:class:`LinearMask` gives the same matches on the same text, found run by run: a match never
holds a space, a line break or another separator the expression's classes exclude, so it lies
inside one run of other characters; a run that holds no ``@``, ``http``, ``www.`` or
``.gov/.org/.edu/.net/.com/.co`` cannot match and is skipped; a run longer than
:data:`MAX_RUN` characters is left to the neural tokenizer (no real URL or address is that
long, and searching it would cost its length squared). The work is then linear in the text.
"""

from __future__ import annotations

import re
from typing import Iterator

MAX_RUN = 256
# Characters the mask can hold: everything but whitespace, plus the whitespace controls its
# quoted-address classes allow (tab, vertical tab, form feed, U+001C-U+001F).
_RUN = re.compile(r"(?:[^\s]|[\t\x0b\x0c\x1c-\x1f])+")
_CUES = ("@", "http", "www.", ".gov", ".org", ".edu", ".net", ".com", ".co")


class LinearMask:
    """A stand-in for a compiled pattern: ``finditer`` as the wrapped one, run by run."""

    def __init__(self, pattern: re.Pattern, max_run: int = MAX_RUN):
        self.pattern = pattern
        self.max_run = max_run

    def finditer(self, text: str) -> Iterator[re.Match]:
        for run in _RUN.finditer(text):
            start, end = run.span()
            if end - start > self.max_run:
                continue
            piece = run.group()
            if any(cue in piece for cue in _CUES):
                yield from self.pattern.finditer(text, start, end)


def install() -> None:
    """Replace Stanza's mask by its linear form (once per process; later calls do nothing)."""
    from stanza.models.tokenization import utils

    if not isinstance(utils.MASK_RE, LinearMask):
        utils.MASK_RE = LinearMask(utils.MASK_RE)
