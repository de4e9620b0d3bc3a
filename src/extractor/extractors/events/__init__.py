"""Diplomatic events: meetings, summits, conferences, visits, signings, dialogues (spec § events).

One module a step:

* :mod:`.lexicon`: ``resources/id/events.json``, the patterns compiled from it, the trigger ``Matcher``;
* :mod:`.text`: the words of the Doc (from its tokens), and names, places, ordinals and phrases read from them;
* :mod:`.mentions`: triggers found and classified as named, reference, unnamed or verb;
* :mod:`.attributes`: parties, ordinal, status, place, date and chairs, per mention and per event;
* :mod:`.clusters`: mentions joined into events, references resolved;
* :mod:`.stage`: :func:`extract_events` and :class:`EventsStage`.
"""

from .clusters import EventCluster, cluster_mentions
from .lexicon import EventPatterns, event_lexicon, event_matcher, event_patterns
from .mentions import NAMED, REFERENCE, UNNAMED, VERB, Mention, find_mentions
from .stage import EventsStage, extract_events

__all__ = [
    "NAMED",
    "REFERENCE",
    "UNNAMED",
    "VERB",
    "EventCluster",
    "EventPatterns",
    "EventsStage",
    "Mention",
    "cluster_mentions",
    "event_lexicon",
    "event_matcher",
    "event_patterns",
    "extract_events",
    "find_mentions",
]
