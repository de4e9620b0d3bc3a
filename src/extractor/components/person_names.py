"""``person_names``: the NER's person entities cleaned to names, as ``doc.spans["person_name"]``.

A PER entity is trimmed to its name words (title words, months before no name, a clause or an
organisation inside it cut off) and extended over the initials and capitalised name words on
the same line that the model left out (``Retno`` + ``LP Marsudi``); an entity holding an
institution word (``Authority``) is no person. What a name word is depends on the word alone
(:func:`is_name_word`): capitalised, no title or function word of ``titles.json``, no country,
bloc or organisation name, no acronym unless the gazetteer knows it as a name.

Pattern id ``person_name|ner``; ``span._.person_names`` holds, per name over the span's
characters, ``(entity start, entity end, name start, name end)``: the name's exact characters
(a word boundary may fall inside a token) and the entity it came from.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span

from ..nlp.spacy_doc import doc_entities, doc_text
from ..nlp.words import doc_words, has_line_break, is_initials, phrase_words, token_columns, word_bounds, word_texts
from ..normalize.countries import bloc_code, country_code
from ..normalize.dates import calendar_names
from ..normalize.titles import institution_words, name_particles, name_verbs, organization_name, title_words
from . import component, spans
from .known_officials import KnownOfficial, known_officials

KEY = "person_name"
_TITLE_CASE_LINES = "extractor.title_case_lines"
_ENTITIES = "entities"  # the group's names as plain tuples (no Span nor Underscore per read)
PERSON_LABELS = frozenset({"PER", "PERSON"})
MAX_NAME_TOKENS = 6

if not Span.has_extension("person_names"):
    Span.set_extension("person_names", default=None)


def is_initial(word: str) -> bool:
    """``L.``, ``L.P.`` or a single capital letter."""
    return is_initials(word) or (len(word) == 1 and "A" <= word <= "Z")


def is_acronym_initials(word: str) -> bool:
    """Two or three capitals, initials written without dots (``LP`` in ``Retno LP Marsudi``)."""
    return 2 <= len(word) <= 3 and all("A" <= c <= "Z" for c in word)


@lru_cache(maxsize=8192)
def name_keys(surface: str) -> frozenset[str]:
    """The tokens that identify a person: casefolded, without initials and particles."""
    particles = name_particles()
    keys = set()
    for token in phrase_words(surface):
        word = token.text
        if not word[:1].isalpha() or is_initial(word) or word in particles:
            continue
        keys.add(word.casefold())
    return frozenset(keys)


@lru_cache(maxsize=1)
def known_by_keys() -> dict[frozenset[str], KnownOfficial]:
    index = {}
    for official in known_officials():
        for form in (official.name, *official.aliases):
            index[name_keys(form)] = official
    return index


@lru_cache(maxsize=65536)
def is_name_word(word: str) -> bool:
    """Whether a token's text can be part of a person's name (depends on the word alone)."""
    if is_initial(word):
        return True
    particle, _, rest = word.partition("-")
    if rest and particle in name_particles() and rest[:1].isupper():
        return is_name_word(rest)  # "al-Sisi", "el-Sisi"
    if not word[:1].isalpha() or not word[:1].isupper() or any(c.isdigit() for c in word):
        return False
    if word.casefold() in title_words():
        return False
    if country_code(word) or bloc_code(word) or organization_name(word):
        return False
    parts = word.split("-")
    if len(parts) > 1 and all(country_code(p) or bloc_code(p) for p in parts):
        return False  # "Indonesia-Australia", "ASEAN-Rusia": states joined, no name
    # An acronym (ASEAN, POA) is no name; capitalised words with inner capitals (McDonald) are.
    return not (len(word) > 1 and word.isupper() and not name_keys(word) in known_by_keys())


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    return frozenset(name_verbs()["words"])


@lru_cache(maxsize=1)
def _verb_roots() -> frozenset[str]:
    return frozenset(name_verbs()["roots"])


@lru_cache(maxsize=16384)
def is_verb_form(word: str) -> bool:
    """Whether ``word`` is a verb root with the language's verb affixes (``Bertemu``,
    ``Menghadap``, ``Tegaskan``, ``Kunjungi``, ``Sambut``): ``meN-`` with the root's first
    letter restored (``menemui`` → ``temu``), ``ber-``, ``di-``, ``ter-``, ``per-``, ``-kan``, ``-i``."""
    verbs = name_verbs()
    folded = word.casefold()
    roots = _verb_roots()
    for affix in verbs["prefixes"]:
        prefix = affix["prefix"]
        if not folded.startswith(prefix):
            continue
        rest = affix.get("restore", "") + folded[len(prefix) :]
        for suffix in verbs["suffixes"]:
            if suffix and not rest.endswith(suffix):
                continue
            root = rest[: len(rest) - len(suffix)]
            if len(root) >= verbs["min_root"] and root in roots:
                return True
    return False


class NameWords:
    """Name spans over a Doc's words: cleaning NER spans and growing names over name words."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.tokens = doc_words(doc)
        self.texts = word_texts(doc)  # the words' texts
        self.starts, self.ends = word_bounds(doc)
        # per line start, whether the line is in Title Case: the same for every reader of the Doc
        self._title_case: dict[int, bool] = doc.user_data.setdefault(_TITLE_CASE_LINES, {})
        self._name_word: dict[int, bool] = {}

    def joined(self, i: int) -> bool:
        return 0 < i < len(self.tokens) and not has_line_break(self.text[self.tokens[i - 1].end : self.tokens[i].start])

    def is_name_word(self, i: int) -> bool:
        found = self._name_word.get(i)
        if found is None:
            found = self._name_word[i] = is_name_word(self.tokens[i].text) and not self.is_verb(i)
        return found

    def is_verb(self, i: int) -> bool:
        """A capitalised verb: a name never takes it (``Prabowo Sambut PM Jepang``, ``Menlu
        Retno Menghadap Jokowi``); by its affixes only in a Title-Case line."""
        word = self.tokens[i].text
        if not word[:1].isupper():
            return False
        return word in _verb_words() or (is_verb_form(word) and self.in_title_case_line(i))

    def in_title_case_line(self, i: int) -> bool:
        """Whether the line of word ``i`` is written in Title Case (a headline)."""
        start = self.text.rfind("\n", 0, self.tokens[i].start) + 1
        found = self._title_case.get(start)
        if found is None:
            end = self.text.find("\n", start)
            first = bisect.bisect_left(self.starts, start)
            last = bisect.bisect_left(self.starts, end if end >= 0 else len(self.text))
            words = [w for w in self.texts[first:last] if w[:1].isalpha()]
            capitalised = sum(1 for w in words if w[:1].isupper())
            verbs = name_verbs()
            found = len(words) >= verbs["title_case_min_words"] and capitalised >= verbs["title_case_share"] * len(words)
            self._title_case[start] = found
        return found

    def is_particle(self, i: int) -> bool:
        return self.tokens[i].text in name_particles()

    def grow(self, first: int, last: int) -> tuple[int, int]:
        """Extend token range ``[first, last]`` over neighbouring name words on the same line."""
        while last + 1 < len(self.tokens) and last - first + 1 < MAX_NAME_TOKENS and self.joined(last + 1):
            if self.is_name_word(last + 1):
                last += 1
            elif is_acronym_initials(self.tokens[last + 1].text) and last + 2 < len(self.tokens) and self.joined(last + 2) and self.is_name_word(last + 2):
                last += 2  # initials without dots: Retno LP Marsudi
            elif self.is_particle(last + 1) and last + 2 < len(self.tokens) and self.joined(last + 2) and self.is_name_word(last + 2):
                last += 2
            elif (
                self.is_particle(last + 1)
                and last + 3 < len(self.tokens)
                and self.joined(last + 2)
                and self.is_particle(last + 2)
                and self.joined(last + 3)
                and self.is_name_word(last + 3)
            ):
                last += 3  # two particles: Ursula von der Leyen
            elif (
                self.tokens[last + 1].text == "."
                and len(self.tokens[last].text) == 1
                and is_initial(self.tokens[last].text)
                and self.tokens[last + 1].start == self.tokens[last].end
                and last + 2 < len(self.tokens)
                and self.joined(last + 2)
                and self.is_name_word(last + 2)
                and not is_initial(self.tokens[last + 2].text)
            ):
                last += 2  # an initial and its full stop inside a name: Sergei G. Tolchenov
            elif (
                self.tokens[last + 1].text in {"'", "\u2019"}
                and self.tokens[last + 1].start == self.tokens[last].end
                and last + 2 < len(self.tokens)
                and self.joined(last + 2)
                and self.is_name_word(last + 2)
            ):
                last += 2  # a word ending in an apostrophe inside a name: Dato' Seri Mohamed Khaled Nordin
            else:
                break
        # Leftwards only initials (M. Hery Saripudin): a capitalised word before a name is more
        # often the place or body of a title (Gubernur DKI Jakarta Anies Baswedan).
        while first > 0 and last - first + 1 < MAX_NAME_TOKENS and self.joined(first):
            if is_initial(self.tokens[first - 1].text):
                first -= 1
            elif (
                first > 1
                and self.tokens[first - 1].text == "."
                and len(self.tokens[first - 2].text) == 1
                and is_initial(self.tokens[first - 2].text)
                and self.tokens[first - 1].start == self.tokens[first - 2].end
                and self.joined(first - 1)
                and not (first > 2 and self.joined(first - 2) and self.is_name_word(first - 3))
            ):
                first -= 2  # an initial split from its full stop, opening the name: S. Jaishankar
            else:
                break
        return first, last

    def token_range(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """First and last word overlapping ``[start, end)`` (words are sorted, never overlap)."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else None

    def clean_entity(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """A PER entity trimmed to its name and extended over what NER left out, or ``None``."""
        found = self.token_range(start, end)
        if found is None:
            return None
        first, last = found
        institutions = institution_words()
        if any(self.tokens[i].text.casefold() in institutions for i in range(first, last + 1)):
            return None
        while first <= last and not (self.is_name_word(first) and not is_initial(self.tokens[first].text)):
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


@component("person_names", assigns=[f"spans:{KEY}"], requires=["doc.ents"])
def person_name_spans(doc: Doc) -> Doc:
    names = NameWords(doc)
    expand = token_columns(doc).expand
    by_span: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    for ent in doc_entities(doc):
        if ent.label_ not in PERSON_LABELS:
            continue
        cleaned = names.clean_entity(ent.start_char, ent.end_char)
        if cleaned is None:
            continue
        tokens = expand(*cleaned)  # what ``doc.char_span(*cleaned, alignment_mode="expand")`` covers
        if tokens is not None:
            by_span.setdefault(tokens, []).append((ent.start_char, ent.end_char, *cleaned))
    found = []
    for (first, last), names_here in by_span.items():
        span = Span(doc, first, last, label=f"{KEY}|ner")
        span._.person_names = names_here
        found.append(span)
    doc.spans[KEY] = found
    doc.spans[KEY].attrs[_ENTITIES] = sorted(name for names_here in by_span.values() for name in names_here)
    return doc


def person_names(doc: Doc) -> list[tuple[int, int]]:
    """The cleaned names of ``doc`` (exact character offsets), in the order of their entities."""
    return [name[2:] for name in person_name_entities(doc)]


def person_name_entities(doc: Doc) -> list[tuple[int, int, int, int]]:
    """``(entity start, entity end, name start, name end)`` per cleaned name, entity order."""
    group = spans(doc, KEY)
    found = group.attrs.get(_ENTITIES)
    if found is None:  # a group built elsewhere
        found = sorted(n for span in group for n in span._.person_names)
    return list(found)
