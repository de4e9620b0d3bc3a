"""``boilerplate``: the page furniture no record may come from, as ``doc.spans["boilerplate"]``.

The dateline, the byline lines and the matches of the ``boilerplate`` patterns of
``article_meta.json`` (copyright lines, ``Baca juga:``/``Baca:``/``Simak:``/``Lihat juga:``
lines, publication stamps, view counters, navigation, tag lists, share and subscription prompts,
photo credits, closing initials) are matched once over the Doc's characters and snapped to
tokens with ``Doc.char_span``; pattern id (``span.label_``): the entry's ``id``, ``byline`` or
``dateline``. Photo captions are content and stay out.

:func:`in_boilerplate` is the one test every record builder makes.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from ..extractors.article_meta import boilerplate_matches, read_bylines, read_dateline
from ..nlp.spacy_doc import doc_text
from . import component

KEY = "boilerplate"
_INDEX = "merged"


def boilerplate_spans(doc: Doc) -> list:
    text = doc_text(doc)
    found = boilerplate_matches(text)
    found += [(start, end, "byline") for start, end in read_bylines(text)[1]]
    dateline = read_dateline(text)
    if dateline is not None and dateline.end > dateline.start:
        found.append((dateline.start, dateline.end, "dateline"))
    spans = (doc.char_span(start, end, label=label, alignment_mode="expand") for start, end, label in sorted(found))
    return [span for span in spans if span is not None]


@component("boilerplate", assigns=[f"spans:{KEY}"])
def boilerplate(doc: Doc) -> Doc:
    doc.spans[KEY] = boilerplate_spans(doc)
    return doc


def boilerplate_ranges(doc: Doc) -> list[tuple[int, int]]:
    """The merged character ranges of ``doc.spans["boilerplate"]``, in text order."""
    group = doc.spans[KEY] if KEY in doc.spans else ()
    cached = group.attrs.get(_INDEX) if group else None
    if cached is not None and cached[0] == len(group):
        return cached[1]
    merged: list[tuple[int, int]] = []
    for start, end in sorted((span.start_char, span.end_char) for span in group):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    if group:
        group.attrs[_INDEX] = (len(group), merged)
    return merged


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """Whether characters ``start``–``end`` overlap the Doc's boilerplate."""
    return overlaps_ranges(boilerplate_ranges(doc), start, end)


def overlaps_ranges(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether characters ``start``–``end`` overlap one of ``ranges`` (merged, in text order:
    :func:`boilerplate_ranges`, read once by a builder that tests many spans)."""
    index = bisect_left(ranges, (end,))  # ranges starting before ``end``; the last may reach ``start``
    return index > 0 and ranges[index - 1][1] > start
