"""Which texts can be extracted: refuse characters no article can hold, keep every odd valid one.

A text is refused (:class:`InvalidTextError`) when it holds

- a surrogate code point (U+D800-U+DFFF): an unpaired ``\\ud800`` is valid JSON but not a
  character; it cannot be written as UTF-8 and breaks the tokenizer;
- a control character: C0 (U+0000-U+001F: NUL, bell, escape, ...) except tab, line feed,
  vertical tab, form feed and carriage return; DEL (U+007F);
- a noncharacter: U+FDD0-U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
  U+1FFFE, ... U+10FFFF), which Unicode reserves for internal use and never for interchange.

Everything else is a valid character and is extracted with offsets intact: C1 controls
(U+0080-U+009F: in real articles they are remnants of a mis-decoded cp1252 quote, ``â€\\x9d``,
which four IndoSum articles hold; the models read them like any letter), no-break and other
Unicode spaces, zero-width characters, direction marks, combining marks, emoji, private-use and
unassigned code points, a byte order mark inside the text.

The check is one regular-expression search (a character class, linear in the text).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

_REFUSED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


class InvalidTextError(ValueError):
    """A text that cannot be extracted: it holds a surrogate, a control character or a noncharacter.

    ``offset`` is the index of the first such character in the text, ``character`` the character,
    ``kind`` what it is (``"unpaired surrogate"``, ``"control character"``, ``"noncharacter"``),
    ``doc_id`` the document's id where known.
    """

    def __init__(self, offset: int, character: str, doc_id: Optional[str] = None):
        self.offset = offset
        self.character = character
        self.kind = refused_kind(character)
        self.doc_id = doc_id
        where = f"document {doc_id!r}: " if doc_id is not None else ""
        super().__init__(f"{where}text refused: {self.describe()}")

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.character):04X}"

    def describe(self) -> str:
        """``U+D800 (unpaired surrogate) at offset 12``: the reason without the document."""
        name = unicodedata.name(self.character, "")
        label = f"{self.kind}, {name}" if name else self.kind
        return f"{self.code_point} ({label}) at offset {self.offset}"


def refused_kind(character: str) -> str:
    point = ord(character)
    if 0xD800 <= point <= 0xDFFF:
        return "unpaired surrogate"
    if point < 0x80:
        return "control character"
    return "noncharacter"


def first_refused(text: str) -> Optional[int]:
    """The offset of the first character of ``text`` that is refused, or ``None``."""
    match = _REFUSED.search(text)
    return match.start() if match else None


def check_text(text: str, doc_id: Optional[str] = None) -> None:
    """Raise :class:`InvalidTextError` for the first refused character of ``text``."""
    offset = first_refused(text)
    if offset is not None:
        raise InvalidTextError(offset, text[offset], doc_id)


# One document's limit: Stanza holds a whole document at once (about 0.5 kB a character at its
# peak: 1 MB of text peaks near 1 GB), so a longer text is refused before the models run.
DEFAULT_MAX_CHARS = 1_000_000


class TextTooLongError(ValueError):
    """A text longer than the per-document limit (``max_chars``), refused before the models run."""

    def __init__(self, length: int, limit: int, doc_id: Optional[str] = None):
        self.length = length
        self.limit = limit
        self.doc_id = doc_id
        where = f"document {doc_id!r}: " if doc_id is not None else ""
        super().__init__(f"{where}{too_long_reason(length, limit)}")


def too_long_reason(length: int, limit: int) -> str:
    return (
        f"text refused: {length:,} characters, over the limit of {limit:,} per document (--max-chars); "
        "not analysed"
    )
