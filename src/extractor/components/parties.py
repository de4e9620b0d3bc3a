"""``parties``: country and bloc names of ``countries.json`` as ``doc.spans["party"]``.

Names are matched once over the Doc's text (a multi-word, case-dependent pattern) and snapped
to tokens with ``Doc.char_span``; pattern id ``country`` or ``bloc``, value the ISO 3166
alpha-2 code or the bloc's acronym.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.spacy_doc import doc_text
from ..normalize.countries import country_code, party_spans
from . import component

KEY = "party"


@component("parties", assigns=[f"spans:{KEY}"])
def parties(doc: Doc) -> Doc:
    text = doc_text(doc)
    found = []
    for start, end, code in party_spans(text):
        kind = "country" if country_code(text[start:end]) == code else "bloc"
        span = doc.char_span(start, end, label=kind, kb_id=code, alignment_mode="expand")
        if span is not None:
            found.append(span)
    doc.spans[KEY] = found
    return doc
