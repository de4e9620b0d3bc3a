"""Registered spaCy components that annotate the shared vocabulary of the domain once per Doc.

Each component is a spaCy ``Language.factory`` on the project's ``blank("id")`` pipeline
(:func:`annotation_nlp`); it finds one kind of domain phrase on the Doc's tokens and writes
it as a typed span group, ``doc.spans[<key>]``. Every span carries its **pattern id** in
``span.label_`` (the lexicon entry that matched, e.g. ``verb|bertemu``) and its **normalised
value** in ``span.kb_id_`` (an event type, a country code) where the phrase has one.

A component declares what it ``assigns`` (``spans:<key>``) and ``requires`` (``doc.sents``,
``doc.ents`` or another component's spans); record builders (stages) declare the span groups
they read in their ``requires``. :class:`extractor.pipeline.ExtractionPipeline` checks both at
construction, and :func:`spans` fails with a message naming the span group and the component
that assigns it when a builder meets a Doc that was not annotated.

Components:

* ``calendar`` → ``doc.spans["calendar"]`` and ``["copyright"]``: date expressions of the
  grammar built from ``dates.json`` (pattern id the form, value the ISO date where the
  expression holds one), with their context (:func:`~extractor.components.calendar.calendar_mentions`);
* ``event_triggers`` → ``doc.spans["event_trigger"]``: event nouns, English event heads,
  acronyms, standalone forms and event verbs of ``events.json``;
* ``title_lexicon`` → ``doc.spans["title_lexicon"]``: title heads, organisations, countries
  and honorifics of ``titles.json``;
* ``parties`` → ``doc.spans["party"]``: country and bloc names of ``countries.json``;
* ``known_officials`` → ``doc.spans["known_official"]``: names and aliases of ``known_officials.json``;
* ``person_names`` → ``doc.spans["person_name"]``: the NER's person entities cleaned to names;
* ``title_heads`` → ``doc.spans["title_head"]``: title phrases (head, portfolio, qualifiers)
  with the expanded title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

# What a Doc built by ``extractor.nlp.spacy_doc`` has before any component runs.
DOC_PROVIDES = frozenset({"doc", "doc.sents", "doc.ents"})


@dataclass(frozen=True)
class ComponentInfo:
    name: str
    assigns: tuple[str, ...]
    requires: tuple[str, ...]


_COMPONENTS: dict[str, ComponentInfo] = {}


def component(name: str, assigns: Iterable[str], requires: Iterable[str] = ()) -> Callable:
    """Register ``function(doc) -> doc`` as spaCy factory ``name`` and as one of the components
    :func:`annotation_nlp` runs, in registration order."""
    info = ComponentInfo(name, tuple(assigns), tuple(requires))

    def register(function: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        if name not in Language.factories:
            Language.factory(name, assigns=["doc.spans"], requires=[])(lambda nlp, name: function)
        _COMPONENTS[name] = info
        return function

    return register


def components() -> tuple[ComponentInfo, ...]:
    _load_components()
    return tuple(_COMPONENTS.values())


def assigned_by(requirement: str) -> str | None:
    """The component that assigns ``requirement`` (``spans:party``), if any."""
    return next((c.name for c in components() if requirement in c.assigns), None)


def check_components(infos: Iterable[ComponentInfo]) -> frozenset[str]:
    """What the components provide together, after checking each one's requirements are met by
    the Doc or an earlier component."""
    available = set(DOC_PROVIDES)
    for info in infos:
        missing = sorted(set(info.requires) - available)
        if missing:
            raise ValueError(f"component {info.name!r} requires {missing}, which neither the Doc nor an earlier component provides")
        available |= set(info.assigns)
    return frozenset(available)


@lru_cache(maxsize=1)
def _load_components() -> None:
    from . import boilerplate, calendar, event_triggers, numbers, parties, priority_phrases, title_lexicon  # noqa: F401  (registration)
    from . import known_officials, person_names, title_heads  # noqa: F401  (registration)


def annotation_nlp() -> Language:
    """The project's ``blank("id")`` pipeline with every registered component added."""
    from ..nlp.spacy_doc import blank_nlp

    nlp = blank_nlp()
    infos = components()
    check_components(infos)
    for info in infos:
        if info.name not in nlp.pipe_names:
            nlp.add_pipe(info.name)
    return nlp


def annotate(doc: Doc) -> Doc:
    """Run every component over ``doc`` (in place)."""
    for _, process in annotation_nlp().pipeline:
        doc = process(doc)
    return doc


def spans(doc: Doc, key: str) -> SpanGroup:
    """``doc.spans[key]``, or an error naming the group and the component that assigns it."""
    try:
        return doc.spans[key]
    except KeyError:
        owner = assigned_by(f"spans:{key}") or "no registered component"
        raise KeyError(
            f"doc.spans[{key!r}] is missing: it is assigned by {owner!r}; run extractor.components.annotate(doc) "
            f"before the record builders"
        ) from None
