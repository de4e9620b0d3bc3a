"""``event_triggers``: the event vocabulary of ``events.json`` as ``doc.spans["event_trigger"]``.

Pattern ids are ``<kind>|<entry>`` (kinds ``head``, ``english``, ``acronym``, ``standalone``,
``verb``); the value is the entry's event type. Spans keep the matcher's order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..extractors.events.lexicon import event_lexicon, event_matcher
from . import component

KEY = "event_trigger"


def _event_type(kind: str, key: str) -> str:
    lex = event_lexicon()
    if kind == "head":
        return lex["heads"][key]["type"]
    if kind == "english":
        return lex["english_heads"][key]
    if kind == "acronym":
        return lex["acronyms"][key]
    if kind == "standalone":
        return lex["standalone"][key]["type"]
    return lex["verbs"][key]["type"]


@component("event_triggers", assigns=[f"spans:{KEY}"])
def event_triggers(doc: Doc) -> Doc:
    strings = doc.vocab.strings
    found = []
    for match_id, start, end in event_matcher(doc.vocab)(doc):
        pattern = strings[match_id]
        found.append(Span(doc, start, end, label=pattern, kb_id=_event_type(*pattern.split("|", 1))))
    doc.spans[KEY] = found
    return doc
