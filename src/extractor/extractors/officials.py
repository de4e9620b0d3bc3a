"""Officials: people the article names together with an office, one record per person.

Names come from the NER's PER entities (cleaned: title words trimmed off, extended over
initials and capitalised name words the model left out, non-names rejected) and from the
capitalised words right after a title when the model missed them. Titles come from
:func:`extractor.normalize.titles.find_titles`, whose lexicon phrases (title heads,
organisations, countries, honorifics) one spaCy ``PhraseMatcher`` finds on the ``Doc``'s tokens
(:func:`extractor.normalize.titles.lexicon_matches`, shared with the honorifics read before a
name), and attach to the name right after them
(``Menlu Retno``, ``Menteri Luar Negeri Laos, Saleumxay Kommasith``) or, failing that, to the
name right before them (``Jose Tavares, Dirjen …``). Mentions that share name tokens
(``Retno`` ⊂ ``Retno L.P. Marsudi``) or an alias (``Jokowi``) are one person.

Precision policy: a person with no title anywhere in the article is dropped, unless the
known-officials gazetteer (``resources/known_officials.json``) holds him and the article's
date falls within his term; such records carry ``rule="known_official"`` and a lower ``score``.
People named only with a former office (``mantan Presiden …``) are dropped too. Bylines and
other boilerplate never yield names.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc

from ..resource_data import load_resource
from ..components import spans
from ..normalize.dates import calendar_names
from ..normalize.countries import bloc_code, country_code, is_abbreviation
from ..normalize.titles import (
    HONORIFIC,
    LexiconMatches,
    TitleMatch,
    Token,
    find_titles,
    institution_words,
    lexicon_matches,
    name_particles,
    organization_name,
    title_words,
    tokenize,
)
from ..pipeline import ExtractionContext, RecordStage
from ..records import Official, Span

PERSON_LABELS = frozenset({"PER", "PERSON"})
MAX_NAME_TOKENS = 6
_NEWLINE = re.compile(r"[\n\r]")
_WHITESPACE = re.compile(r"\s+")
_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+$|^[A-Z]$")
# What may stand between a name and the title that follows it: "Jose Tavares, Dirjen …".
_NAME_TITLE_LINK = re.compile(r"^\s*(?:,|\(|selaku|sebagai|yang juga|yang merupakan|yang menjabat(?: sebagai)?)\s*$")


@dataclass(frozen=True)
class KnownOfficial:
    name: str
    aliases: tuple[str, ...]
    title: Optional[str]
    organization: Optional[str]
    country: Optional[str]
    term_from: Optional[dt.date]
    term_to: Optional[dt.date]

    def in_office(self, day: Optional[dt.date]) -> bool:
        if day is None:
            return True
        return (self.term_from is None or self.term_from <= day) and (self.term_to is None or day <= self.term_to)


@lru_cache(maxsize=1)
def known_officials() -> tuple[KnownOfficial, ...]:
    entries = load_resource("known_officials.json")["officials"]
    parse = lambda value: dt.date.fromisoformat(value) if value else None  # noqa: E731
    return tuple(
        KnownOfficial(
            name=e["name"],
            aliases=tuple(e.get("aliases", ())),
            title=e.get("title"),
            organization=e.get("organization"),
            country=e.get("country"),
            term_from=parse(e.get("from")),
            term_to=parse(e.get("to")),
        )
        for e in entries
    )


@lru_cache(maxsize=8192)
def _name_keys(surface: str) -> frozenset[str]:
    """The tokens that identify a person: casefolded, without initials and particles."""
    particles = name_particles()
    keys = set()
    for token in tokenize(surface):
        word = token.text
        if not word[:1].isalpha() or _INITIAL.match(word) or word in particles:
            continue
        keys.add(word.casefold())
    return frozenset(keys)


@lru_cache(maxsize=1)
def _known_by_keys() -> dict[frozenset[str], KnownOfficial]:
    index = {}
    for official in known_officials():
        for form in (official.name, *official.aliases):
            index[_name_keys(form)] = official
    return index


@dataclass
class _Mention:
    start: int
    end: int
    keys: frozenset[str]
    size: int  # tokens written, initials included: the fullest form has the most
    known: Optional[KnownOfficial] = None


@dataclass
class _Person:
    keys: set[str]
    mentions: list[_Mention] = field(default_factory=list)
    titles: list[TitleMatch] = field(default_factory=list)
    title_first: bool = False  # some title stands right before a name of his
    known: Optional[KnownOfficial] = None


class _Names:
    """Name spans over the text's tokens: cleaning NER spans and reading names after titles."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        context: ExtractionContext,
        other_entities: list[tuple[int, int]],
        found: LexiconMatches,
    ):
        self.text = text
        self.tokens = tokens
        self.found = found  # the lexicon phrases (honorifics) matched on the Doc
        self.context = context
        self.other_entities = other_entities  # LOC, ORG … spans: what NER says is no person
        self.index_at = {t.start: i for i, t in enumerate(tokens)}
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]
        self.stop_words = title_words()

    def joined(self, i: int) -> bool:
        return 0 < i < len(self.tokens) and not _NEWLINE.search(self.text[self.tokens[i - 1].end : self.tokens[i].start])

    def is_name_word(self, i: int) -> bool:
        return _is_name_word(self.tokens[i].text)

    def is_particle(self, i: int) -> bool:
        return self.tokens[i].text in name_particles()

    def grow(self, first: int, last: int) -> tuple[int, int]:
        """Extend token range ``[first, last]`` over neighbouring name words on the same line."""
        while last + 1 < len(self.tokens) and last - first + 1 < MAX_NAME_TOKENS and self.joined(last + 1):
            if self.is_name_word(last + 1):
                last += 1
            elif re.fullmatch(r"[A-Z]{2,3}", self.tokens[last + 1].text) and last + 2 < len(self.tokens) and self.joined(last + 2) and self.is_name_word(last + 2):
                last += 2  # initials without dots: Retno LP Marsudi
            elif self.is_particle(last + 1) and last + 2 < len(self.tokens) and self.joined(last + 2) and self.is_name_word(last + 2):
                last += 2
            else:
                break
        # Leftwards only initials (M. Hery Saripudin): a capitalised word before a name is more
        # often the place or body of a title (Gubernur DKI Jakarta Anies Baswedan).
        while first > 0 and last - first + 1 < MAX_NAME_TOKENS and self.joined(first) and _INITIAL.match(self.tokens[first - 1].text):
            first -= 1
        return first, last

    def token_range(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """First and last token overlapping ``[start, end)`` (tokens are sorted, never overlap)."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else None

    def clean_entity(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """A PER entity trimmed to its name and extended over what NER left out, or ``None``."""
        found = self.token_range(start, end)
        if found is None:
            return None
        first, last = found
        if any(self.tokens[i].text.casefold() in institution_words() for i in range(first, last + 1)):
            return None
        while first <= last and not (self.is_name_word(first) and not _INITIAL.match(self.tokens[first].text)):
            # A month inside a person entity and before a name word is a name (Raja Juli Antoni).
            if self.tokens[first].text in calendar_names() and first < last and self.is_name_word(first + 1):
                break
            first += 1
        while last >= first and not self.is_name_word(last):
            last -= 1
        if first > last:
            return None
        if any(not (self.is_name_word(i) or self.is_particle(i)) for i in range(first, last + 1)):
            # A clause or an organisation inside the entity: keep the name words up to it.
            i = first
            while i + 1 <= last and (self.is_name_word(i + 1) or self.is_particle(i + 1)):
                i += 1
            last = i
        first, last = self.grow(first, last)
        return self.tokens[first].start, self.tokens[last].end

    def after_title(self, match: TitleMatch, names: dict[int, tuple[int, int]]) -> Optional[tuple[int, int]]:
        """The name right after a title: ``Menlu Retno``, ``Presiden RI, Joko Widodo``,
        ``Menlu RI (Retno LP Marsudi)``, ``Presiden Agensi Dentsu, Tadashi Ishii``."""
        i = self.index_at.get(self._next_token_start(match.end))
        if i is None or not self.joined(i):
            return None
        bracketed = self.tokens[i].text == "("
        if self.tokens[i].text in {",", "("}:
            i += 1
            if i >= len(self.tokens) or not self.joined(i):
                return None
        i = self._skip_honorifics(i)
        if i is None:
            return None
        start = self.tokens[i].start
        if start in names:
            return names[start]
        # Capitalised words, a comma, then a person: the words name the body, the person follows
        # (Presiden Agensi Dentsu, Tadashi Ishii). Without the comma, only words NER puts in a
        # place or body may stand between (Konjen RI Jeddah Hery Saripudin).
        j = i
        while j < len(self.tokens) and j - i < 5 and self.joined(j) and self.tokens[j].text[:1].isupper():
            if self.tokens[j].start in names:
                break
            j += 1
        if j > i and j < len(self.tokens):
            if self.tokens[j].text == "," and j + 1 < len(self.tokens) and self.joined(j + 1):
                following = names.get(self.tokens[j + 1].start)
                if following is not None:
                    return following
            following = names.get(self.tokens[j].start)
            covered = all(
                self.tokens[k].text.casefold() in self.stop_words
                or any(s < self.tokens[k].end and self.tokens[k].start < e for s, e in self.other_entities)
                for k in range(i, j)
            )
            if following is not None and covered and self.joined(j):
                return following
        if not self.is_name_word(i) or _INITIAL.match(self.tokens[i].text) and len(self.tokens[i].text) < 3:
            return None
        _, last = self.grow(i, i)
        if bracketed and last == i and last + 1 < len(self.tokens) and self.tokens[last + 1].text == ")":
            return None  # "Kepala Biro Tata Pemerintahan (Tapem)": an acronym, not a name
        if any(self.tokens[k].text.casefold() in institution_words() for k in range(i, last + 1)):
            return None
        span = (self.tokens[i].start, self.tokens[last].end)
        # NER calls it a place or a body (Catalonia, London). Entities that begin inside the
        # title (ORG "Israel Benjamin Netanyahu") say nothing about the name.
        if any(span[0] <= s < span[1] for s, e in self.other_entities):
            return None
        return span

    def capitalised_after(self, match: TitleMatch) -> bool:
        """Whether a capitalised word follows the title (then no name before it is its holder)."""
        i = self.index_at.get(self._next_token_start(match.end))
        if i is not None and self.tokens[i].text in {",", "("} and self.joined(i + 1):
            i += 1
        return i is not None and self.joined(i) and self.tokens[i].text[:1].isupper()

    def before_title(self, match: TitleMatch, names_by_end: dict[int, tuple[int, int]]) -> Optional[tuple[int, int]]:
        """The name right before a title joined by a comma or ``selaku`` (``Jose Tavares, Dirjen …``)."""
        for end, span in names_by_end.items():
            if end <= match.start and match.start - end <= 40 and _NAME_TITLE_LINK.match(self.text[end : match.start]):
                return span
        return None

    def _next_token_start(self, offset: int) -> int:
        for token in self.tokens[self._bisect(offset) :]:
            return token.start
        return -1

    def _bisect(self, offset: int) -> int:
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _skip_honorifics(self, i: int) -> Optional[int]:
        """Past ``Dr.``, ``Jenderal TNI``, ``H.`` between a title and the name."""
        for _ in range(3):
            found = self.found.match(HONORIFIC, i)
            if found is None:
                break
            j = found[0]
            if j < len(self.tokens) and self.tokens[j].text == "." and self.tokens[j].start == self.tokens[j - 1].end:
                j += 1
            if j < len(self.tokens) and self.tokens[j].text == ",":
                j += 1
            if j >= len(self.tokens) or not self.joined(j):
                return None
            i = j
        return i


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return title_words()


@lru_cache(maxsize=65536)
def _is_name_word(word: str) -> bool:
    """Whether a token's text can be part of a person's name (depends on the word alone)."""
    if _INITIAL.match(word):
        return True
    if not word[:1].isalpha() or not word[:1].isupper() or any(c.isdigit() for c in word):
        return False
    if word.casefold() in _stop_words():
        return False
    if country_code(word) or bloc_code(word) or organization_name(word):
        return False
    # An acronym (ASEAN, POA) is no name; capitalised words with inner capitals (McDonald) are.
    return not (len(word) > 1 and word.isupper() and not _name_keys(word) in _known_by_keys())


@lru_cache(maxsize=8192)
def _size(surface: str) -> int:
    return sum(1 for t in tokenize(surface) if t.text[:1].isalpha())


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[tuple[KnownOfficial, tuple[tuple[str, re.Pattern], ...]], ...]:
    """Per known official, each name form's longest word (which any match contains) and pattern."""
    table = []
    for official in known_officials():
        forms = []
        for form in (official.name, *official.aliases):
            words = form.split()
            pattern = re.compile(r"(?<!\w)" + r"[\s\u00a0]+".join(re.escape(w) for w in words) + r"(?!\w)")
            forms.append((max(words, key=len) if words else "", pattern))
        table.append((official, tuple(forms)))
    return tuple(table)


def _find_aliases(text: str, published: Optional[dt.date]) -> list[tuple[int, int, KnownOfficial]]:
    """Occurrences of known officials' names and aliases (``Jokowi``), case as written."""
    found = []
    for official, forms in _alias_patterns():
        if not official.in_office(published):
            continue
        for word, pattern in forms:
            if word in text:  # a match contains the word as written: no need to scan otherwise
                found.extend((m.start(), m.end(), official) for m in pattern.finditer(text))
    return found


def _choose_title(titles: list[TitleMatch]) -> TitleMatch:
    """The most frequent title, a more specific one (``Direktur Jenderal Kerja Sama ASEAN``)
    taking the votes of the general one it extends (``Direktur Jenderal``)."""
    counts = Counter(t.title for t in titles)
    votes = {
        title: sum(n for other, n in counts.items() if other == title or title.startswith(other + " "))
        for title in counts
    }
    best = max(votes, key=lambda title: (votes[title], len(title)))
    return next(t for t in titles if t.title == best)


def _country(
    person: _Person,
    chosen: TitleMatch,
    inherited: dict[TitleMatch, str],
    dominant: Optional[str],
    names_indonesia: bool,
) -> Optional[str]:
    """The state the person serves, from the strongest evidence any of his titles gives."""
    matches = [chosen, *person.titles]
    for source in ("explicit", "organization", "institution"):
        for match in matches:
            if match.country_source == source:
                return match.country
    # A person the gazetteer knows keeps his state even when listed after a foreign official
    # ("PM Australia Malcolm Turnbull dan Presiden Joko Widodo").
    if person.known is not None and person.known.country:
        return person.known.country
    for match in matches:
        if match in inherited:
            return inherited[match]
    if any(match.country_source == "international" for match in matches):
        return None
    default = next((m.country for m in matches if m.country), None)
    # "Menteri Luar Negeri, Julie Bishop" in an article that never names Indonesia: the
    # article's country; "Presiden Jimmy Carter": the country the article names most.
    if default is not None and (names_indonesia or dominant is None):
        return default
    return dominant or default


_COORDINATION = re.compile(r"^[\s\u00a0]*(?:,|dan|serta|beserta|bersama|didampingi(?: oleh)?)?[\s\u00a0]*(?:dan[\s\u00a0]+)?$")


def _coordinated_countries(text: str, pairs: list[tuple[TitleMatch, tuple[int, int]]]) -> dict[TitleMatch, str]:
    """``Menhan Jepang Itsunori Onodera bersama Menlu Taro Kono``: the second title, naming no
    state, serves the state of the first."""
    inherited: dict[TitleMatch, str] = {}
    pairs = sorted(pairs, key=lambda pair: pair[0].start)
    for (previous, name), (match, _) in zip(pairs, pairs[1:]):
        if match.country_source not in (None, "default") or name[1] > match.start:
            continue
        if match.title == previous.title:  # "Presiden A dan Presiden B": two states, one office each
            continue
        country = inherited.get(previous) or (previous.country if previous.country_source in ("explicit", "organization") else None)
        if country and _COORDINATION.match(text[name[1] : match.start]):
            inherited[match] = country
    return inherited


def _country_counts(doc: Doc, context: ExtractionContext) -> Counter:
    return Counter(
        span.kb_id_ for span in spans(doc, "party")
        if span.label_ == "country" and not context.in_boilerplate(span.start_char, span.end_char)
    )


def dominant_country(counts: Counter) -> Optional[str]:
    """The country the article names most often (Indonesia on a tie)."""
    if not counts:
        return None
    top = max(counts.values())
    leaders = [code for code, n in counts.items() if n == top]
    return "ID" if "ID" in leaders else leaders[0]


def _merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Retno`` + ``Marsudi`` found apart but written together are one mention."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and (start < merged[-1][1] or re.fullmatch(r"[ \u00a0]+(?:(?:[^\W\d_]\.)+[ \u00a0]+)?", text[merged[-1][1] : start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def extract_officials(doc: Doc, context: ExtractionContext) -> Iterable[Official]:
    text = context.text
    tokens = tokenize(text)
    found = lexicon_matches(text, tokens, doc)
    others = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in PERSON_LABELS]
    names = _Names(text, tokens, context, others, found)

    spans: dict[int, tuple[int, int]] = {}
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS or context.in_boilerplate(ent.start_char, ent.end_char):
            continue
        cleaned = names.clean_entity(ent.start_char, ent.end_char)
        if cleaned is not None and not context.in_boilerplate(*cleaned):
            spans.setdefault(cleaned[0], cleaned)

    links: dict[tuple[int, int], list[TitleMatch]] = {}
    title_first: set[tuple[int, int]] = set()
    titles = [t for t in find_titles(text, stops=spans.keys(), found=found) if not context.in_boilerplate(t.start, t.end)]
    for match in titles:
        span = names.after_title(match, spans)
        if span is not None and not context.in_boilerplate(*span):
            spans.setdefault(span[0], span)
            title_first.add(span)
        elif not names.capitalised_after(match):
            span = names.before_title(match, {s[1]: s for s in spans.values()})
        if span is not None:
            links.setdefault(span, []).append(match)

    mentions: dict[tuple[int, int], _Mention] = {}
    for start, end, official in _find_aliases(text, context.published):
        if not context.in_boilerplate(start, end):
            mentions[(start, end)] = _Mention(start, end, _name_keys(official.name), _size(text[start:end]), official)
    for start, end in spans.values():
        if (start, end) not in mentions:
            keys = _name_keys(text[start:end])
            official = _known_by_keys().get(keys)
            if official is not None:  # "Jokowi" is Joko Widodo
                keys = _name_keys(official.name)
            mentions[(start, end)] = _Mention(start, end, keys, _size(text[start:end]), official)

    persons: list[_Person] = []
    for mention in sorted((m for m in mentions.values() if m.keys), key=lambda m: (-len(m.keys), -m.size, m.start)):
        person = next((p for p in persons if mention.keys <= p.keys or p.keys <= mention.keys), None)
        if person is None:
            person = _Person(keys=set(mention.keys))
            persons.append(person)
        person.keys |= mention.keys
        person.mentions.append(mention)
        person.known = person.known or mention.known or _known_by_keys().get(mention.keys)
        span = (mention.start, mention.end)
        person.titles.extend(t for t in links.get(span, []) if t not in person.titles)
        person.title_first = person.title_first or span in title_first

    inherited = _coordinated_countries(text, [(m, span) for span, ms in links.items() if span in title_first for m in ms if m.end <= span[0]])
    counts = _country_counts(doc, context)
    dominant = dominant_country(counts)
    records = []
    for person in persons:
        known = person.known if person.known and person.known.in_office(context.published) else None
        person.known = known
        current = [t for t in person.titles if not t.former]
        if current:
            chosen = _choose_title(current)
            title, organization = chosen.title, chosen.organization or next((t.organization for t in current if t.organization), None)
            person.titles = current
            country = _country(person, chosen, inherited, dominant, counts.get("ID", 0) > 0)
            rule, score = ("title_before_name", 0.9) if person.title_first else ("title_after_name", 0.8)
        elif known is not None and not person.titles and known.title:
            title, organization, country = known.title, known.organization, known.country
            rule, score = "known_official", 0.6
        else:
            continue
        records.append((person, title, organization, country, rule, score))

    claimed = Counter(key for person, *_ in records for key in person.keys)
    taken = [(m.start, m.end) for person, *_ in records for m in person.mentions]
    results = []
    word_runs = _word_runs(text) if records else {}
    for person, title, organization, country, rule, score in records:
        found = [(m.start, m.end) for m in person.mentions]
        found += _more_mentions(text, person, claimed, taken, context, word_runs)
        merged = _merge_adjacent(text, found)
        fullest = max(person.mentions, key=lambda m: (m.size, len(m.keys), m.end - m.start, -m.start))
        results.append(
            Official(
                name=_WHITESPACE.sub(" ", text[fullest.start : fullest.end]).strip(),
                title=title,
                organization=organization,
                country=country,
                mentions=[Span(start=s, end=e, text=text[s:e]) for s, e in merged],
                rule=rule,
                score=score,
            )
        )
    results.sort(key=lambda o: o.mentions[0].start)
    return results


def _more_mentions(
    text: str,
    person: _Person,
    claimed: Counter,
    taken: list[tuple[int, int]],
    context: ExtractionContext,
    word_runs: Optional[dict[str, list[int]]] = None,
) -> list[tuple[int, int]]:
    """Occurrences of the person's name words the NER missed (``lanjut Menlu Retno.``)."""
    words = set()
    for mention in person.mentions:
        for token in tokenize(text[mention.start : mention.end]):
            word = token.text
            if len(word) >= 3 and word[:1].isupper() and claimed[word.casefold()] == 1 and word.casefold() in person.keys:
                if word.casefold() not in title_words() and not is_abbreviation(word):
                    words.add(word)
    found = []
    for word in words:
        if word_runs is not None and _WORD_RUN.fullmatch(word):
            spans = [(start, start + len(word)) for start in word_runs.get(word, ())]
        else:
            spans = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
        for span in spans:
            if context.in_boilerplate(*span) or any(s < span[1] and span[0] < e for s, e in taken):
                continue
            found.append(span)
    return found


_WORD_RUN = re.compile(r"[\w-]+")


def _word_runs(text: str) -> dict[str, list[int]]:
    """Start offsets of each maximal run of word characters and hyphens: a name word's
    occurrences ``(?<![\w-])word(?![\w-])`` in one pass over the text, not one per word."""
    runs: dict[str, list[int]] = {}
    for match in _WORD_RUN.finditer(text):
        runs.setdefault(match.group(), []).append(match.start())
    return runs


class OfficialsStage(RecordStage):
    name = "officials"
    requires = frozenset({"boilerplate", "spans:title_lexicon", "spans:party"})
    extractor = extract_officials
