"""``title_lexicon``: title heads, organisations, countries and honorifics of ``titles.json``
as ``doc.spans["title_lexicon"]``.

Pattern ids are the lexicon (``head``, ``organization``, ``country``, ``honorific``), with
``+.`` appended where the phrase was matched with a full stop glued to its last word (``Dr.``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..normalize.titles import title_matcher
from . import component

KEY = "title_lexicon"


def title_lexicon_spans(doc: Doc) -> list[Span]:
    strings = doc.vocab.strings
    return [Span(doc, start, end, label=strings[match_id]) for match_id, start, end in title_matcher(doc.vocab)(doc)]


@component("title_lexicon", assigns=[f"spans:{KEY}"])
def title_lexicon(doc: Doc) -> Doc:
    doc.spans[KEY] = title_lexicon_spans(doc)
    return doc
