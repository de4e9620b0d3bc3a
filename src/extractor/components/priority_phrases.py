"""``priority_phrases``: the phrases of ``priority_areas.json`` as ``doc.spans["cue"]`` and
``doc.spans["area"]``.

``cue`` holds the framing phrases, pattern id the lexicon section (``cue``, ``commitment_head``,
``commitment_verb``, ``commitment_object``, ``outcome``, ``outcome_subject``, ``post_cue``,
``field``, ``context``); ``area`` holds the area phrases, pattern id ``area|<slug>`` with the
slug as value, and the ``non_areas`` phrases (pattern id ``non_area``, no value), which keep an
area word inside them (``krisis kemanusiaan``) from being read. Spans keep the matcher's order;
overlapping phrases are all kept (the priority-areas builder picks among them).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..extractors.priority_areas import AREA, CUE, phrase_spans
from . import component


@component("priority_phrases", assigns=[f"spans:{CUE}", f"spans:{AREA}"])
def priority_phrases(doc: Doc) -> Doc:
    doc.spans[CUE], doc.spans[AREA] = phrase_spans(doc)
    return doc
