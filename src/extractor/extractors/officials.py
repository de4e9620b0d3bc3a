"""Officials: people the article names together with an office, one record per person.

The builder reads the Doc's span layer: the cleaned person names (``doc.spans["person_name"]``),
the title phrases (``doc.spans["title_head"]``: ``Menlu``, ``Menteri Luar Negeri Laos``,
``Dirjen Kerja sama ASEAN Kemlu``), the gazetteer's names and aliases
(``doc.spans["known_official"]``) and the honorifics of ``doc.spans["title_lexicon"]``, over
the lexicon's words (:mod:`extractor.nlp.words`). A title attaches to the name right after it
(``Menlu Retno``, ``Menteri Luar Negeri Laos, Saleumxay Kommasith``; a capitalised name NER
missed is read there too) or, failing that, to the name right before it (``Jose Tavares,
Dirjen …``). Mentions that share name tokens (``Retno`` ⊂ ``Retno L.P. Marsudi``) or an alias
(``Jokowi``) are one person.

Precision policy: a person with no title anywhere in the article is dropped, unless the
known-officials gazetteer (``resources/known_officials.json``) holds him and the article's
date falls within his term; such records carry ``rule="known_official"`` and a lower ``score``.
People named only with a former office (``mantan Presiden …``) count with that office where NER
found the name (``rule="former_office"``), as the annotation guide asks. Bylines and
other boilerplate never yield names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import compress
from typing import Iterable, Optional

from spacy.attrs import LOWER
from spacy.tokens import Doc

from ..components import spans
from ..components.known_officials import KnownOfficial, known_matches
from ..components.person_names import PERSON_LABELS, NameWords, known_by_keys, name_keys, person_name_entities
from ..components.title_heads import TitleMatch, find_titles, title_matches
from ..components.title_lexicon import lexicon_words
from ..nlp.spacy_doc import doc_entities, doc_text
from ..nlp.words import token_columns
from ..nlp.words import Word, is_initials, is_word_char, phrase_words, standalone_occurrences
from ..normalize.countries import country_code, is_abbreviation
from ..normalize.text import collapse_spaces
from ..normalize.titles import COUNTRY, HEAD, HONORIFIC, ORGANIZATION, body_title_heads, counterpart_offices, office_list_words, organization_bound_heads, envoy_postings, holder_gap, lexicon, former_markers, visit_hosts, coordination_conjunctions, coordination_links, institution_words, name_title_links, region_titles, title_words
from ..pipeline import ExtractionContext, RecordStage
from ..records import Official, Span


@dataclass
class _Mention:
    start: int
    end: int
    keys: frozenset[str]
    size: int  # tokens written, initials included: the fullest form has the most
    known: Optional[KnownOfficial] = None
    words: tuple[str, ...] = ()  # the name's words in order, casefolded (spelling variants)


@dataclass
class _Person:
    keys: set[str]
    mentions: list[_Mention] = field(default_factory=list)
    titles: list[TitleMatch] = field(default_factory=list)
    title_first: bool = False  # some title stands right before a name of his
    titled: set[tuple[int, int]] = field(default_factory=set)  # his mentions a title is linked to
    known: Optional[KnownOfficial] = None


class _Names(NameWords):
    """Names over the text's words: the cleaned NER names and the names read after titles."""

    def __init__(self, doc: Doc, other_entities: list[tuple[int, int]]):
        super().__init__(doc)
        self.found = lexicon_words(doc)  # the lexicon phrases (honorifics) matched on the Doc
        self.other_entities = other_entities  # LOC, ORG … spans: what NER says is no person
        self.index_at = dict(zip(self.starts, range(len(self.tokens))))  # the words' starts
        self.stop_words = title_words()
        # The most words a link between a name and the title after it holds: the longest link
        # phrase and a former-office marker (``yang juga merupakan mantan``).
        self.link_reach = max(len(link.split()) for link in name_title_links()) + 1

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
            return self._holder_after_possessor(match, names[start], names)
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
        if not self.is_name_word(i) or _is_initial(self.tokens[i].text) and len(self.tokens[i].text) < 3:
            return None
        _, last = self.grow(i, i)
        if bracketed and last == i and last + 1 < len(self.tokens) and self.tokens[last + 1].text == ")":
            return None  # "Kepala Biro Tata Pemerintahan (Tapem)": an acronym, not a name
        if any(self.tokens[k].text.casefold() in institution_words() for k in range(i, last + 1)):
            return None
        span = (self.tokens[i].start, self.tokens[last].end)
        # NER calls it a place or a body (Catalonia, London), unless a person's name it found
        # follows inside (Raja Arab Saudi [Salman]LOC bin [Abdulaziz Al Saud]PER). Entities that
        # begin inside the title (ORG "Israel Benjamin Netanyahu") say nothing about the name.
        if any(span[0] <= s < span[1] for s, e in self.other_entities) and not any(span[0] < n < span[1] for n in names):
            if name_keys(self.text[span[0] : span[1]]) not in known_by_keys():
                return None  # NER's ORG "Donald Trump" after "Presiden Amerika Serikat (AS)" is still the known name
        return span

    def across_gap(self, match: TitleMatch, names: dict[int, tuple[int, int]]) -> Optional[tuple[tuple[int, int], bool]]:
        """The holder's name a few words after a title, past what may stand between an office and
        its holder: the body or place NER named (``Wakil Presiden Japan-Indonesia Association
        Kuroda Naoki``), a posting (``Utusan Khusus PBB untuk Sudan Volker Perthes``), an ordinal
        (``Presiden ke-44``), a bracket, a rank (``di Kuala Lumpur Brigjen TNI Winarno``),
        ``terpilih`` and a copula (``Presiden SMU PBB Ke-76 adalah Abdulla Shahid``). Returns the
        name and whether the office is the elect's; ``None`` where another word or title comes first."""
        gap = holder_gap()
        i = self.index_at.get(self._next_token_start(match.end))
        if i is None or not self.joined(i):
            return None
        elect, steps, posted = False, 0, 0
        while i < len(self.tokens) and steps < 10 and self.joined(i):
            token = self.tokens[i]
            word = token.text
            if steps and token.start in names:
                return names[token.start], elect
            steps += 1
            if self.found.match(HEAD, i) is not None:
                return None  # another office: the name after it is its holder's
            rank = self.found.match(HONORIFIC, i)
            if rank is not None:
                ranked = self._after_rank(i, names)
                if ranked is not None:
                    return ranked, elect
                i = rank[0]  # the whole rank (Marsekal Madya), never a word inside it
                continue
            if word in gap.get("elect_words", ()):
                elect = True
            elif any(word.startswith(p) and word[len(p) :].isdigit() for p in gap.get("ordinal_prefixes", ())):
                pass
            elif word in gap.get("copulas", ()):
                following = names.get(self.tokens[i + 1].start) if i + 1 < len(self.tokens) and self.joined(i + 1) else None
                return (following, elect) if following is not None else None
            elif word == "(":
                close = next((k for k in range(i + 1, min(i + 6, len(self.tokens))) if self.tokens[k].text == ")"), None)
                if close is None:
                    return None
                i = close
            elif word == ",":
                following = names.get(self.tokens[i + 1].start) if i + 1 < len(self.tokens) and self.joined(i + 1) else None
                if following is None and posted and i + 1 < len(self.tokens) and self.joined(i + 1) and self.tokens[i + 1].text[:1].isupper():
                    pass  # "Konsul Jenderal RI di Istanbul, Turki, Herry Sudradjat": the posting's state
                else:
                    return (following, elect) if following is not None and steps > 1 else None
            elif word in envoy_postings() and i + 1 < len(self.tokens) and self.joined(i + 1) and self._qualifies(i + 1):
                posted = 3  # the posting's place may run on over words NER left out (di Johor Bahru)
            elif posted and word[:1].isupper() and word[:1].isalpha():
                posted -= 1
            elif word[:1].isupper() and self._qualifies(i):
                qualifier = self.found.match(COUNTRY, i) or self.found.match(ORGANIZATION, i)
                if qualifier is not None:
                    i = qualifier[0] - 1
            else:
                return None
            i += 1
        return None

    def listed_after(self, match: TitleMatch, names: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
        """``tiga mantan Menlu pendahulu Retno, yaitu Alwi Shihab (1999-2001), Hassan Wirajuda
        (2001-2009), dan Marty Natalegawa``: an office counted in the plural (a number or ``para``
        before it), then within a few words ``yaitu``/``yakni`` and a list of names NER found
        (each may carry a bracket): every name listed holds the office."""
        gap = holder_gap()
        i = bisect_left(self.starts, match.start)
        before = i - 1 - (i >= 2 and self.tokens[i - 1].text in former_markers())
        if before < 0 or self.tokens[before].text.casefold() not in gap.get("plural_markers", ()):
            return []
        k = self.index_at.get(self._next_token_start(match.end))
        steps = 0
        while k is not None and k < len(self.tokens) and steps < 5 and self.joined(k) and self.tokens[k].text.casefold() not in gap.get("list_markers", ()):
            if self.found.match(HEAD, k) is not None:
                return []
            k, steps = k + 1, steps + 1
        if k is None or k >= len(self.tokens) or not self.joined(k) or self.tokens[k].text.casefold() not in gap.get("list_markers", ()):
            return []
        listed: list[tuple[int, int]] = []
        k += 1
        while k < len(self.tokens) and self.joined(k):
            if self.tokens[k].text in {",", "dan", "serta"}:
                k += 1
                continue
            name = names.get(self.tokens[k].start)
            if name is None:
                break
            listed.append(name)
            k = bisect_left(self.starts, name[1])
            if k < len(self.tokens) and self.tokens[k].text == "(":
                close = next((c for c in range(k + 1, min(k + 8, len(self.tokens))) if self.tokens[c].text == ")"), None)
                if close is None:
                    break
                k = close + 1
        return listed if len(listed) >= 2 else []

    def _after_rank(self, i: int, names: dict[int, tuple[int, int]]) -> Optional[tuple[int, int]]:
        """The name after the rank at word ``i`` (``Brigjen TNI Winarno``), or ``None``."""
        j = self._skip_honorifics(i)
        if j is None or j == i:
            return None
        if self.tokens[j].start in names:
            return names[self.tokens[j].start]
        if not self.is_name_word(j) or _is_initial(self.tokens[j].text):
            return None
        _, last = self.grow(j, j)
        span = (self.tokens[j].start, self.tokens[last].end)
        if any(span[0] <= s < span[1] for s, _ in self.other_entities):
            return None
        return span

    def _qualifies(self, i: int) -> bool:
        """Whether word ``i`` names a body or a place: a country or organisation of the lexicon,
        an institution word, or a word NER puts in a place or body."""
        token = self.tokens[i]
        if not token.text[:1].isupper():
            return False
        if self.found.match(COUNTRY, i) or self.found.match(ORGANIZATION, i) or token.text.casefold() in self.stop_words:
            return True
        if token.text.casefold() in institution_words():
            return True  # ASEAN Inter Parliamentary Assembly (AIPA) Puan Maharani
        if len(token.text) > 1 and token.text.isupper() or all(country_code(p) for p in token.text.split("-")):
            return True  # an acronym (SMU PBB), states joined (Japan-Indonesia)
        return any(s < token.end and token.start < e for s, e in self.other_entities)

    def _holder_after_possessor(self, match: TitleMatch, name: tuple[int, int], names: dict[int, tuple[int, int]]) -> tuple[int, int]:
        """``Juru Bicara Presiden Jokowi, Fadjroel Rachman``: after a title that qualifies another
        office, the name of that office's holder, then a comma and a name: the title is the second's."""
        if "+" not in match.head:
            return name
        k = self.index_at.get(self._next_token_start(name[1]))
        if k is not None and self.tokens[k].text == "," and k + 1 < len(self.tokens) and self.joined(k + 1):
            return names.get(self.tokens[k + 1].start, name)
        return name

    def capitalised_after(self, match: TitleMatch) -> bool:
        """Whether a capitalised word follows the title (then no name before it is its holder)."""
        i = self.index_at.get(self._next_token_start(match.end))
        if i is not None and self.tokens[i].text in {",", "("} and self.joined(i + 1):
            i += 1
        return i is not None and self.joined(i) and self.tokens[i].text[:1].isupper()

    def before_title(self, match: TitleMatch, names_by_end: dict[int, tuple[int, int]]) -> Optional[tuple[int, int]]:
        """The name right before a title joined by a comma or ``selaku`` (``Jose Tavares, Dirjen …``)."""
        title_word = bisect_left(self.starts, match.start)
        for end, span in names_by_end.items():
            if end <= match.start and title_word - bisect_left(self.starts, end) <= self.link_reach and self._is_link(self.text[end : match.start], match.former):
                return span
        return None

    @staticmethod
    def _is_link(gap: str, former: bool) -> bool:
        """``, Dirjen``, ``selaku``, ``juga merupakan mantan`` (a former office keeps its marker)."""
        words = gap.split()
        if former and words and words[-1] in former_markers():
            words = words[:-1]
        return " ".join(words) in name_title_links()

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


class _Cut:
    """An excerpt cut inside its last word (the text ends in a letter or digit): the cut word
    gives no name and no title, and a name that runs into it keeps the words before it."""

    def __init__(self, text: str, words: list[Word]):
        self.words = words
        self.at = words[-1].start if text and words and is_word_char(text[-1]) else None

    def trim(self, span: tuple[int, int]) -> Optional[tuple[int, int]]:
        start, end = span
        if self.at is None or end <= self.at:
            return span
        kept = [w.end for w in self.words if start <= w.start and w.end <= self.at and w.text[:1].isalpha()]
        return (start, kept[-1]) if kept else None


def _is_initial(word: str) -> bool:
    return is_initials(word) or (len(word) == 1 and "A" <= word <= "Z")


@lru_cache(maxsize=8192)
def _size(surface: str) -> int:
    return sum(1 for t in phrase_words(surface) if t.text[:1].isalpha())


def _closes_office_list(text: str, unnamed: TitleMatch, match: TitleMatch, name: tuple[int, int]) -> bool:
    """``Perdana Menteri (PM) dan Menlu Bangladesh, Retno``: a title listed after an office named
    without a holder, then a comma: the comma closes the list of offices, the name after it is
    the sentence's subject, not their holder."""
    if unnamed.end > match.start or text[unnamed.end : match.start].strip() not in office_list_words():
        return False
    return "," in text[match.end : name[0]]


def _name_words(surface: str) -> tuple[str, ...]:
    """The name's words in order, casefolded: the words of :func:`name_keys`."""
    keys = name_keys(surface)
    return tuple(t.text.casefold() for t in phrase_words(surface) if t.text.casefold() in keys)


def _respelled(word: str) -> str:
    for old, new in _OLD_SPELLING:
        word = word.replace(old, new)
    return word


def _one_letter_apart(a: str, b: str) -> bool:
    """One substitution, insertion or deletion (``abdul``/``abdel``, ``mohamed``/``mohammed``)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def _spelling_variants(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Two spellings of one name: the shorter's words (two at least) are words of the longer in
    order, one of them spelled one letter apart (``Abdul Fattah al-Sisi`` / ``Abdel Fattah
    al-Sisi``). The variant word has four letters or more and keeps its first letter."""
    short, long = (words, other) if len(words) <= len(other) else (other, words)
    if len(short) < 2:
        return False
    variants, k = 0, 0
    for word in short:
        while k < len(long) and long[k] != word and not _variant_word(word, long[k]):
            k += 1
        if k == len(long):
            return False
        variants += long[k] != word
        k += 1
    return variants == 1


# Indonesian spelling before 1972 (Soedewo, Djoko, Tjahjo) beside today's (Sudewo, Joko, Cahyo).
_OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"))


def _variant_word(a: str, b: str) -> bool:
    if "-" in a and "-" in b and a.split("-", 1)[1] == b.split("-", 1)[1]:
        return len(a.split("-", 1)[1]) >= 3  # "al-Sisi" / "el-Sisi"
    if a[0] == b[0] and len(a) >= 4 and _respelled(a) == _respelled(b):
        return True
    return min(len(a), len(b)) >= 4 and a[0] == b[0] and _one_letter_apart(a, b)


def _place_words(doc: Doc) -> frozenset[str]:
    """Capitalised words the article uses as places: right after ``di``, ``ke`` (not ``dari``:
    ``uang dari Fahmi``), and the one-word places NER names."""
    strings = doc.vocab.strings
    hosts = visit_hosts()
    # LOWER ids of the prepositions and of the place nouns (Kabupaten Jayawijaya, Kota Kupang)
    openers = {strings[word] for word in hosts["place_prepositions"] | hosts.get("place_nouns", frozenset())}
    lowers = doc.to_array(LOWER).tolist()
    text, columns = doc_text(doc), token_columns(doc)
    found = set()
    offsets, lengths = columns.offsets, columns.lengths
    for i in _indices_in(lowers[:-1], openers):
        following = text[offsets[i + 1] : offsets[i + 1] + lengths[i + 1]]
        if following[:1].isupper():
            found.add(following)
    # A one-word place NER names elsewhere and never inside a person's name (pesisir Queensland …
    # Perdana Menteri Queensland Annastacia Palaszczuk; not Tsai of Tsai Ing-wen).
    entities = doc_entities(doc)
    in_persons = {text[offsets[i] : offsets[i] + lengths[i]] for e in entities if e.label_ in PERSON_LABELS for i in range(e.start, e.end)}
    one_word = (text[e.start_char : e.end_char] for e in entities if e.label_ == "LOC" and e.end - e.start == 1)
    found.update(word for word in one_word if word[:1].isupper() and word not in in_persons)
    return frozenset(found)


def _without_places(doc: Doc, text: str, spans: dict, links: dict, title_first: set) -> tuple[dict, dict, set]:
    """``Kepala ITPC Jeddah Gunawan``, ``Jaksa Agung Hawaii Doug Chin``: a first word the article
    uses as a place elsewhere (``di Jeddah``) qualifies the title; the name starts after it."""
    places = _place_words(doc) if spans else frozenset()
    moved: dict[tuple[int, int], Optional[tuple[int, int]]] = {}
    for start, end in spans.values():
        first = text[start:end].split(maxsplit=1)
        if len(first) == 2 and first[0] in places and first[1][:1].isupper():
            moved[(start, end)] = (end - len(first[1]), end)
    if not moved:
        return spans, links, title_first
    return _moved_names(moved, spans, links, title_first)


def _headline_names(names: _Names, spans: dict, links: dict, title_first: set) -> tuple[dict, dict, set]:
    """``Mendag Budi Santoso Lepas Ekspor Perdana Kopi ke Peru`` over ``Menteri Perdagangan Budi
    Santoso melepas ekspor``: in a Title-Case line every word is capitalised, so a name there may
    run into the words after it. Where the article writes the start of it as a whole name outside
    such lines, the headline's name is that name."""
    tokens = names.tokens
    headline, body_names = [], set()
    for start, end in spans.values():
        i = names.index_at.get(start)
        if i is None:
            continue
        words = tuple(names.texts[i : bisect_left(names.starts, end)])
        if names.in_title_case_line(i) and not _ends_sentence(names.text, start):
            headline.append((start, end, i, words))
        else:
            body_names.add(words)
    if not headline or not body_names:
        return spans, links, title_first
    moved: dict[tuple[int, int], tuple[int, int]] = {}
    for start, end, i, words in headline:
        if words in body_names:
            continue
        k = next((k for k in range(len(words) - 1, 0, -1) if words[:k] in body_names), None)
        if k is not None:
            moved[(start, end)] = (start, tokens[i + k - 1].end)
    if not moved:
        return spans, links, title_first
    return _moved_names(moved, spans, links, title_first)


def _moved_names(moved: dict, spans: dict, links: dict, title_first: set) -> tuple[dict, dict, set]:
    """``spans``, ``links`` and ``title_first`` with each name span in ``moved`` replaced by its new one."""
    renamed = {span: moved.get(span, span) for span in spans.values()}
    new_links: dict[tuple[int, int], list[TitleMatch]] = {}
    for span, matches in links.items():
        new_links.setdefault(renamed.get(span, span), []).extend(matches)
    return (
        {start: renamed[span] for start, span in spans.items()},
        new_links,
        {renamed.get(span, span) for span in title_first},
    )


def _ends_sentence(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` ends with a full stop (prose, not a headline)."""
    end = text.find("\n", offset)
    line = text[offset : end if end >= 0 else len(text)].rstrip(" \u00a0\t\r\"'\u201d\u2019")
    return line.endswith(".")


def _find_aliases(doc: Doc, published) -> list[tuple[int, int, KnownOfficial]]:
    """Occurrences of known officials' names and aliases (``Jokowi``), in office or not: a term
    decides only whether a person named without any office is an official, never who he is."""
    return list(known_matches(doc))


@lru_cache(maxsize=1)
def _head_first_words() -> frozenset[str]:
    """The first words of the lexicon's full title heads, lowercase (``menteri``, ``juru``,
    ``anggota``); abbreviations (``Menlu``) never stand lowercase for a title."""
    return frozenset(
        words[0].casefold()
        for phrase in lexicon(HEAD).phrases
        if not is_abbreviation(phrase) and (words := phrase.split()) and words[0][:1].isupper()
    )


@lru_cache(maxsize=1)
def _one_word_links() -> frozenset[str]:
    """The one-word links between a name and the lowercase title after it: a comma, ``sebagai``,
    ``selaku`` (``terpilihnya Trump sebagai presiden AS``)."""
    return frozenset(link for link in name_title_links() if " " not in link and link != "(")


def _links_lowercase_title(gap: str, match: TitleMatch) -> bool:
    """Whether ``gap`` joins a name to the lowercase title after it: a comma, or ``sebagai`` /
    ``selaku`` before an office (``Trump sebagai presiden AS``), not before a generic head with
    no body (``Setiawan Sabana selaku ketua dewan juri``: a jury's chair holds no office)."""
    if gap == ",":
        return True
    generic = match.head in {title.casefold() for title in body_title_heads()} and match.organization is None
    return gap in _one_word_links() and not generic


def _lowercase_titles(text: str, names: _Names, spans: dict[int, tuple[int, int]], reach: int = 12) -> list[TitleMatch]:
    """Titles the text writes lowercase beside a person's name: right before it (``anggota DPR RI
    Christina Aryani``, ``juru bicara Kementerian Luar Negeri China (MFA) Zhao Lijian``) or after
    it and a comma or ``sebagai`` (``kata Zaw Htay, juru bicara kantor Suu Kyi``). Read as the capitalised title
    would be; only a name NER found (``spans``) makes one a title."""
    firsts = _head_first_words()
    links = _one_word_links()
    tokens = names.tokens
    ends = {end for _, end in spans.values()}
    found = []
    for k in _indices_in(names.texts, firsts):
        token = tokens[k]
        if not token.text.islower():
            continue
        last = k
        while last + 1 < len(tokens) and last - k < reach and names.joined(last + 1):
            last += 1
        after_name = k >= 2 and tokens[k - 1].text in links and tokens[k - 2].end in ends
        name_ahead = any(token.end < s <= tokens[last].start for s in spans)
        if not (after_name or name_ahead):
            continue
        snippet = text[token.start : tokens[last].end]
        stops = [s - token.start for s in spans if token.start < s <= tokens[last].start]
        matches = find_titles(snippet[:1].upper() + snippet[1:], stops)
        if matches and matches[0].start == 0 and (matches[0].organization or matches[0].head not in organization_bound_heads()):
            match = matches[0]
            found.append(replace(match, start=match.start + token.start, end=match.end + token.start))
    return found


def _inside_other_name(text: str, start: int, end: int, official: KnownOfficial, names: Iterable[tuple[int, int]]) -> bool:
    """Whether a known official's form lies inside a longer name with words none of his names has."""
    own = set().union(*(name_keys(form) for form in (official.name, *official.aliases)))
    return any(s <= start and end <= e and (s, e) != (start, end) and not name_keys(text[s:e]) <= own for s, e in names)


def _region_for_name(person: _Person, titles: list[TitleMatch]) -> bool:
    """``kata Gubernur Hamedan pada 2 Januari``: a regional head's one word right after the title,
    never written longer, is his region; news names a regional head first with his region and
    full name (``Gubernur Sulawesi Tengah Longki Djanggola``), later perhaps ``Gubernur Longki``."""
    if person.known is not None or any(m.known is not None for m in person.mentions):
        return False
    one_word = all(m.size == 1 and len(m.keys) == 1 for m in person.mentions)
    return one_word and all(t.title in region_titles() and t.organization is None for t in titles)


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


def _origins(doc: Doc, text: str) -> dict[int, str]:
    """The state named right after a name with ``dari`` (``Abdulla Shahid dari Maladewa``, ``Ratu
    Maxima dari Belanda``), by the offset where the name ends."""
    words = holder_gap().get("origin_words", ())
    found = {}
    for span in spans(doc, "party"):
        if span.label_ != "country":
            continue
        before = text[max(0, span.start_char - 16) : span.start_char]
        origin = next((w for w in words if re.search(rf"(?<!\w){re.escape(w)}[ \u00a0]+$", before)), None)
        after = text[span.end_char : span.end_char + 12].split()
        if after and after[0] in visit_hosts()["to_words"]:
            continue  # "dari Bangladesh ke Sri Lanka": a journey, not where he comes from
        if origin is not None:
            name_end = span.start_char - len(before) + len(before.rstrip(" \u00a0")) - len(origin)
            found[len(text[:name_end].rstrip(" \u00a0"))] = span.kb_id_
    return found


def _country(
    person: _Person, chosen: TitleMatch, inherited: dict[TitleMatch, str], former: list[TitleMatch], origins: dict[int, str] = {}
) -> Optional[str]:
    """The state the person serves, from the language of his titles alone: a state named with
    the office (``Menlu Jepang``, ``Dubes RI``, ``Dirjen … Kemlu``, ``Kapolri``), the state of
    the official he accompanies, none for an international body (``Sekjen PBB``); an office
    named without a state is Indonesia's where Indonesia has one (``Menhan``, ``Wamenlu``,
    ``Presiden``), no state's otherwise (``Perdana Menteri``, ``Raja``)."""
    matches = [chosen, *person.titles]
    for source in ("explicit", "organization", "institution"):
        for match in matches:
            if match.country_source == source:
                return match.country
    for mention in person.mentions:
        if mention.end in origins and (mention.start, mention.end) in person.titled:
            return origins[mention.end]
    for match in matches:
        if match in inherited:
            return inherited[match]
    if any(match.country_source == "international" for match in matches):
        return None
    # A former office holder keeps his state: "Fukuda Yasuo juga merupakan mantan Perdana Menteri Jepang".
    for source in ("explicit", "organization", "institution"):
        for match in former:
            if match.country_source == source:
                return match.country
    return next((m.country for m in matches if m.country), None)


def _visit_destinations(doc: Doc, states: dict[int, str]) -> list[tuple[int, str, tuple[int, int]]]:
    """``(token index, state, sentence offsets)`` of every visit's destination (``kunjungan … ke Rusia``,
    ``kunjungan kenegaraan ke Ankara, Turki``, ``tiba di Kairo, Mesir``), in order."""
    words, strings = visit_hosts(), doc.vocab.strings
    # LOWER ids, with the possessive enclitic (kunjungannya, lawatannya)
    visit_words = {strings[form] for word in words["visit_words"] for form in (word, word + "nya")}
    to_words = {strings[word] for word in words["to_words"]}
    arrival_words = {strings[word] for word in words["arrival_words"]}
    places = {strings[word] for word in words["visit_places"]}
    lowers = doc.to_array(LOWER).tolist()
    # The tokens each test needs, found in one pass over the Doc; each sentence then reads only
    # its own: a to-word at or after the sentence's first visit word, a place right after an
    # arrival word inside the sentence, in token order.
    visits = _indices_in(lowers, visit_words)
    tos = _indices_in(lowers, to_words)
    arrivals = [i for i in _indices_in(lowers, places) if i > 0 and lowers[i - 1] in arrival_words]
    found = []
    if not tos and not arrivals:
        return found
    for start, end, start_char, end_char in token_columns(doc).sentences():
        first_visit = bisect_left(visits, start)
        first_visit = visits[first_visit] if first_visit < len(visits) and visits[first_visit] < end else end
        candidates = [i for i in tos[bisect_left(tos, first_visit) : bisect_left(tos, end)]]
        candidates += [i for i in arrivals[bisect_left(arrivals, start + 1) : bisect_left(arrivals, end)] if i not in candidates]
        for i in sorted(candidates):
            state = _place_state(doc, i + 1, end, states)
            if state is not None:
                found.append((state, states[state], (start_char, end_char)))
    return found


def _indices_in(values: list, wanted: set) -> list[int]:
    """The indices of the values in ``wanted``, in order (no Python step per value)."""
    return list(compress(range(len(values)), map(wanted.__contains__, values)))


def _place_state(doc: Doc, i: int, end: int, states: dict[int, str], reach: int = 4) -> Optional[int]:
    """The token of the state a place phrase at token ``i`` names: the state itself (``Rusia``) or
    the state after a capitalised place and a comma (``Ankara, Turki``, ``Kuala Lumpur, Malaysia``)."""
    if i in states:
        return i
    j = i
    while j < end and j - i < reach and doc[j].text[:1].isupper() and j not in states:
        j += 1
    if j > i and j + 1 < end and doc[j].text == "," and j + 1 in states:
        return j + 1
    return None


def _travellers(people: dict[tuple[int, int], int], start: int, end: int) -> set[int]:
    """The persons (their indices) with a mention between the offsets ``start`` and ``end``."""
    return {person for (s, e), person in people.items() if start <= s and e <= end}


def _met_by_verb(before: list) -> bool:
    """Whether a meeting verb itself stands right before the title (``menemui``, ``bertemu dengan``),
    not only a preposition that may join anyone (``bersama dengan``)."""
    verbs = visit_hosts()["meeting_verbs"]
    if before and before[-1].lower_ in verbs:
        return True
    return len(before) > 1 and before[-1].lower_ in visit_hosts()["meeting_words"] and before[-2].lower_ in verbs


def _host_countries(doc: Doc, titles: list[TitleMatch], people: dict[tuple[int, int], int]) -> dict[TitleMatch, str]:
    """``Menlu Jepang … bertolak ke Amerika Serikat … bertemu dengan Menhan James Mattis dan
    Menlu Rex Tillerson``: offices named without a state, right after a meeting word (or listed
    after such an office) in a sentence that names a visit to a state, are the host's. Right
    after a meeting verb whose subject is the traveller of a visit reported earlier, the visit
    names the host (``Raja Arab Saudi Salman … dalam kunjungan resmi … ke Rusia`` … ``Raja Salman
    akan menemui Presiden Vladimir Putin``; ``people`` maps mention offsets to persons), and so
    does a departure from a state later in the sentence (``bertemu dengan Perdana Menteri Dmitry
    Medvedev pada Jumat, sebelum meninggalkan Rusia``)."""
    words = visit_hosts()
    columns = token_columns(doc)
    is_space = columns.is_space
    found: Optional[tuple[dict[int, str], list]] = None  # the states and the visits, read when first needed
    hosts: dict[TitleMatch, str] = {}
    previous: Optional[TitleMatch] = None
    for match in titles:
        tokens = columns.expand(match.start, match.end)
        if tokens is None or match.country_source in ("explicit", "organization", "institution", "international"):
            previous = None
            continue
        first, last = tokens
        sentence_start, sentence_end = columns.sentence_of(first)
        # the last two tokens before the title in its sentence, whitespace aside: all that
        # ``_met_by_verb`` and the tests below read of them
        before_indices: list[int] = []
        k = first - 1
        while k >= sentence_start and len(before_indices) < 2:
            if not is_space[k]:
                before_indices.insert(0, k)
            k -= 1
        before = [doc[k] for k in before_indices]
        state = None
        if before and before[-1].lower_ in words["meeting_words"]:
            if found is None:
                states = _state_tokens(doc)
                found = (states, _visit_destinations(doc, states))
            states, destinations = found
            inside = [s for i, s, _ in destinations if sentence_start <= i < first]
            if inside:
                state = inside[-1]
            elif _met_by_verb(before):
                state = next((states[t.i + 1] for t in doc[last:sentence_end] if t.lower_ in words["departure_words"] and t.i + 1 in states), None)
                earlier = [(s, visit) for i, s, visit in destinations if i < sentence_start]
                if state is None and earlier:
                    subject = _travellers(people, columns.offsets[sentence_start], match.start)
                    state, visit = earlier[-1]
                    if not subject & _travellers(people, *visit):
                        state = None
        elif before and before[-1].lower_ in words["list_words"] and previous in hosts and previous.end <= match.start:
            if doc.char_span(previous.start, previous.end, alignment_mode="expand").sent.start == sentence_start:
                state = hosts[previous]
        if state is not None:
            hosts[match] = state
        previous = match
    return hosts


def _state_tokens(doc: Doc) -> dict[int, str]:
    """The first token of each state the text names, with its code: the state's names, and a
    capital written as a place (after ``di``/``ke`` or a comma: ``tiba di Beijing``, ``di Aula Besar
    Rakyat, Beijing``), where news names the state by its seat of government."""
    states = {span.start: span.kb_id_ for span in spans(doc, "party") if span.label_ == "country"}
    openers = visit_hosts()["place_prepositions"]
    for span in spans(doc, "capital"):
        if span.start == 0 or span.start in states:
            continue
        before = doc[span.start - 1]
        if before.lower_ in openers or before.text == ",":
            states[span.start] = span.kb_id_
    return states


def _content_states(doc: Doc, context: ExtractionContext, state_tokens: dict[int, str]) -> list[tuple[int, str]]:
    """``(character offset, ISO code)`` of every state the article's content names (no boilerplate),
    inside hyphen-joined words too (``pertemuan bilateral Indonesia-Australia``)."""
    parts = doc.spans["party_part"] if "party_part" in doc.spans else ()
    found = {
        (span.start_char, span.kb_id_)
        for group in (spans(doc, "party"), parts)
        for span in group
        if span.label_ == "country" and not context.in_boilerplate(span.start_char, span.end_char)
    }
    found |= {(doc[i].idx, code) for i, code in state_tokens.items() if not context.in_boilerplate(doc[i].idx, doc[i].idx + 1)}
    return sorted(found)


class _ArticleStates:
    """The states an article names, read once per document, when a country rule first needs them:
    every state of its content (:func:`_content_states`) and its visits' destinations."""

    def __init__(self, doc: Doc, context: ExtractionContext):
        self.doc, self.context = doc, context

    @cached_property
    def tokens(self) -> dict[int, str]:
        return _state_tokens(self.doc)

    @cached_property
    def content(self) -> list[tuple[int, str]]:
        return _content_states(self.doc, self.context, self.tokens)

    @cached_property
    def destinations(self) -> list[str]:
        return [state for _, state, _ in _visit_destinations(self.doc, self.tokens)]


def _foreign_state(
    doc: Doc, person: _Person, states: list[tuple[int, str]], destinations: list[str], taken: frozenset[str] = frozenset()
) -> Optional[str]:
    """The one foreign state a person's context names: the only foreign state of the sentences he
    is named in, else the only foreign state the article's visits go to, else the only foreign state
    the article names; ``None`` where the first of these that names a state names several, or only
    states in ``taken`` (those another holder of his office serves: ``Presiden Afghanistan Ashraf
    Ghani dan Presiden Emomali Rahmon``)."""
    foreign = [(offset, state) for offset, state in states if state != "ID"]
    sentences = set()
    for mention in person.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            sentences.add((span.sent.start_char, span.sent.end_char))
    for candidates in (
        {state for offset, state in foreign if any(s <= offset < e for s, e in sentences)},
        {state for state in destinations if state != "ID"},
        {state for _, state in foreign},
    ):
        free = candidates - taken
        if len(free) == 1:
            return next(iter(free))
        if candidates:
            return None
    return None


def _served_states(records: list[tuple], title: Optional[str]) -> frozenset[str]:
    """The foreign states the article's holders of ``title`` already serve."""
    return frozenset(country for _, other, _, country, *_ in records if other == title and country and country != "ID")


def _listed_indonesian(person: _Person) -> bool:
    """Whether the gazetteer lists the person as Indonesia's (whatever his term)."""
    return any(m.known is not None and m.known.country == "ID" for m in person.mentions) or (
        person.known is not None and person.known.country == "ID"
    )


def _counterpart_countries(doc: Doc, states: _ArticleStates, records: list[tuple], inherited: dict[TitleMatch, str]) -> list[tuple]:
    """``Menlu Sugiono dan Menlu Penny Wong membahas kerja sama kedua negara``: Indonesia has one
    holder of an office such as ``Presiden`` or ``Menteri Luar Negeri`` at a time (``titles.json``
    ``counterpart_offices``). Where the article names one holder of it as Indonesia's (``Menlu RI``,
    ``Kemlu``, or listed so by the gazetteer), another person given that office only by default
    (no state named with it, the gazetteer not listing him as Indonesian) is his foreign
    counterpart, of the one foreign state his context names (:func:`_foreign_state`)."""
    offices = counterpart_offices()

    def single(title: Optional[str]) -> bool:
        return bool(title) and (title in offices["titles"] or any(title.startswith(p) for p in offices["title_prefixes"]))

    def anchored(person: _Person) -> bool:
        strong = any(t.country == "ID" and t.country_source in ("explicit", "organization", "institution") for t in person.titles)
        return strong or _listed_indonesian(person)

    anchors = {title for person, title, _, country, rule, _ in records if country == "ID" and single(title) and rule != "former_office" and anchored(person)}
    if not anchors:
        return records
    result = []
    for person, title, organization, country, rule, score in records:
        if title in anchors and country == "ID" and rule != "former_office" and _weak(person, inherited) and not anchored(person):
            country = _foreign_state(doc, person, states.content, states.destinations, _served_states(records, title)) or country
        result.append((person, title, organization, country, rule, score))
    return result


def _stateless_foreign_offices(doc: Doc, states: _ArticleStates, records: list[tuple]) -> list[tuple]:
    """``Perdana Menteri Mahathir Mohamad dijadwalkan akan bertemu Jokowi``: an office Indonesia
    does not have (``Perdana Menteri``, ``Raja``, ``Kanselir``, ``Gubernur Jenderal``), named
    without a state, serves the one foreign state his context names (:func:`_foreign_state`)."""
    result = []
    for person, title, organization, country, rule, score in records:
        if country is None and person.titles and all(t.country is None and t.country_source is None for t in person.titles):
            country = _foreign_state(doc, person, states.content, states.destinations, _served_states(records, title))
        result.append((person, title, organization, country, rule, score))
    return result


def _weak(person: _Person, inherited: dict[TitleMatch, str]) -> bool:
    """Whether no title of the person names his state (only an office: ``Presiden``, ``PM``)."""
    return bool(person.titles) and all(t.country_source in (None, "default") and t not in inherited for t in person.titles)


def _foreign_frame(doc: Doc, context: ExtractionContext, titles: list[TitleMatch], records: list[tuple], resolved: frozenset[int] = frozenset()) -> Optional[str]:
    """The state of a foreign-news article: one whose content names Indonesia nowhere (no
    ``Indonesia``/``RI`` outside its dateline and bylines, no office or body of Indonesia's), whose
    first official is named with another state (``Presiden Afrika Selatan Jacob Zuma`` …
    ``Wakil Presiden Cyril Ramaphosa``) or holds an office Indonesia lacks whose context names one
    foreign state (``Perdana Menteri Queensland`` in a story on Australia), and which reports no visit to a state (diplomacy news
    that follows a visitor: ``kunjungannya di Kamboja``). There an office named without a
    state is that state's: "in Indonesian news an office without a state is Indonesia's" speaks
    of news about Indonesia."""
    for span in spans(doc, "party"):
        if span.label_ == "country" and span.kb_id_ == "ID" and not context.in_boilerplate(span.start_char, span.end_char):
            return None
    if any(t.country == "ID" and t.country_source in ("explicit", "organization", "institution") for t in titles):
        return None
    if not records:
        return None
    first, _, _, state, *_ = min(records, key=lambda record: min(m.start for m in record[0].mentions))
    named = any(t.country == state and t.country_source in ("explicit", "organization") for t in first.titles)
    # or an office Indonesia lacks, of the one foreign state its context names (Perdana Menteri Queensland …)
    lacking = all(t.country is None and t.country_source is None for t in first.titles)
    if not state or not (named or state != "ID" and lacking and id(first) in resolved):
        return None
    words = visit_hosts()
    states = {span.start: span.kb_id_ for span in spans(doc, "party") if span.label_ == "country"}
    for sentence in doc.sents:
        visiting = False
        for token in sentence:
            visiting = visiting or token.lower_ in words["visit_words"] or token.lower_.startswith("kunjungan")
            if visiting and token.lower_ in words["visit_places"] and token.i + 1 in states:
                return None
    return state


def _sentence_starts(doc: Doc, titles: Iterable[TitleMatch]) -> set[int]:
    found = set()
    for match in titles:
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is not None:
            found.add(span.sent.start)
    return found


def _sentences_naming(doc: Doc, titles: list[TitleMatch], state: str) -> set[int]:
    """The sentences (their first token) that name an office with ``state``. An office named
    without a state beside one makes the article a meeting of counterparts (``Perdana Menteri
    Australia Malcolm Turnbull dan Presiden Joko Widodo bertemu``), not news of that state alone."""
    return _sentence_starts(doc, (t for t in titles if t.country == state and t.country_source in ("explicit", "organization")))


def _accompanying_countries(doc: Doc, records: list[tuple], inherited: dict[TitleMatch, str], resolved: frozenset[int] = frozenset()) -> list[tuple]:
    """``Phu Trong didampingi anggota Biro Politik, Wakil Perdana Menteri, Menteri Luar Negeri Phan
    Binh Minh``: an office named without a state, listed after ``didampingi`` / ``beserta`` in
    the sentence of a person whose state the text names, serves that person's state."""
    leads = frozenset(link.split()[0] for link in coordination_links())
    weak = {id(person) for person, *_ in records if _weak(person, inherited) and id(person) not in resolved}
    named = sorted(
        ((m.start, m.end, country) for person, _, _, country, *_ in records if id(person) not in weak and country for m in person.mentions),
    )
    if not weak or not named:
        return records
    result = []
    for person, title, organization, country, rule, score in records:
        if id(person) in weak and person.titles:
            for match in person.titles:
                span = doc.char_span(match.start, match.end, alignment_mode="expand")
                if span is None:
                    continue
                sentence = span.sent
                link = next((t for t in reversed(doc[sentence.start : span.start]) if t.lower_ in leads), None)
                if link is None or not _listed_after_link(doc[link.i + 1 : span.start]):
                    continue
                leader = [c for s, e, c in named if sentence.start_char <= s and e <= link.idx]
                if leader:
                    country = leader[-1]
                    break
        result.append((person, title, organization, country, rule, score))
    return result


def _listed_after_link(between) -> bool:
    """Whether the words between ``didampingi`` and an office only list the entourage
    (capitalised names and offices, ``dan``, ``serta``, ``oleh``, commas, lowercase offices such as
    ``anggota``): ``didampingi Menlu Wang Yi menyambut Presiden Prabowo``, where a verb stands
    between, makes the second office no companion."""
    allowed = office_list_words() | {"oleh"} | _head_first_words()
    return all(t.text[:1].isupper() or t.is_punct or t.is_space or t.lower_ in allowed for t in between)


def _is_coordination(gap: str) -> bool:
    """Whether the words between two titled names join them: nothing, a comma, ``dan``,
    ``bersama``, ``didampingi oleh`` … optionally followed by ``dan``."""
    rest = gap.lstrip()
    for link in (*coordination_links(), ""):
        if rest.startswith(link):
            tail = rest[len(link) :].lstrip()
            if not tail or any(tail.startswith(c) and tail[len(c) :].isspace() for c in coordination_conjunctions()):
                return True
    return False


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
        if country and _is_coordination(text[name[1] : match.start]):
            inherited[match] = country
    return inherited


def _joins_one_name(gap: str) -> bool:
    """Spaces, optionally initials and spaces: what may stand inside one written name."""
    if not gap or gap[0] not in " \u00a0":
        return False
    inner = gap.strip(" \u00a0")
    return not inner or (gap[-1] in " \u00a0" and is_initials(inner))


def _merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``Retno`` + ``Marsudi`` found apart but written together are one mention."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and (start < merged[-1][1] or _joins_one_name(text[merged[-1][1] : start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def extract_officials(doc: Doc, context: ExtractionContext) -> Iterable[Official]:
    text = context.text
    others = [(e.start_char, e.end_char) for e in doc_entities(doc) if e.label_ not in PERSON_LABELS]
    names = _Names(doc, others)

    cut = _Cut(text, names.tokens)
    spans: dict[int, tuple[int, int]] = {}
    for ent_start, ent_end, start, end in person_name_entities(doc):
        name = cut.trim((start, end))
        if name is not None and not context.in_boilerplate(ent_start, ent_end) and not context.in_boilerplate(*name):
            spans.setdefault(start, name)

    links: dict[tuple[int, int], list[TitleMatch]] = {}
    title_first: set[tuple[int, int]] = set()
    titles = [t for t in title_matches(doc) if not context.in_boilerplate(t.start, t.end) and cut.trim((t.start, t.end)) == (t.start, t.end)]
    ner_names = dict(spans)
    lowercase = {
        t for t in _lowercase_titles(text, names, ner_names)
        if not context.in_boilerplate(t.start, t.end) and not any(o.start < t.end and t.start < o.end for o in titles)
    }
    titles = sorted([*titles, *lowercase], key=lambda t: t.start)
    unnamed: Optional[TitleMatch] = None  # the previous title, when no name followed it
    for match in titles:
        span = names.after_title(match, spans)
        if span is None:
            across = names.across_gap(match, spans)
            if across is not None:
                span, elect = across
                if elect:
                    match = replace(match, title=f"{match.title} {holder_gap()['elect_title']}")
        span = cut.trim(span) if span is not None else None
        if span is not None and unnamed is not None and _closes_office_list(text, unnamed, match, span):
            span = None  # "dengan Perdana Menteri (PM) dan Menlu Bangladesh, Retno mengaku": not his office
        elif span is not None and not context.in_boilerplate(*span):
            spans.setdefault(span[0], span)
            title_first.add(span)
        elif not names.capitalised_after(match):
            span = names.before_title(match, {s[1]: s for s in spans.values()})
            if span is not None and span in title_first and text[span[1] : match.start].strip() == ",":
                span = None  # "Direktur Eksekutif UNODC, Yuri Fedotov, Wakil Tetap RI …": the next in a list
        if match in lowercase and (
            span is None or span[0] not in ner_names or span[1] <= match.start and not _links_lowercase_title(text[span[1] : match.start].strip(), match)
        ):
            continue  # a lowercase title counts only right beside a name NER found (X, juru bicara …)
        unnamed = match if span is None else None
        if span is not None:
            links.setdefault(span, []).append(match)
        elif match not in lowercase:
            for listed in names.listed_after(match, ner_names):
                links.setdefault(listed, []).append(match)
                title_first.add(listed)

    if lowercase:
        linked = {t for ms in links.values() for t in ms}
        titles = [t for t in titles if t not in lowercase or t in linked]
    spans, links, title_first = _without_places(doc, text, spans, links, title_first)
    spans, links, title_first = _headline_names(names, spans, links, title_first)
    mentions: dict[tuple[int, int], _Mention] = {}
    for start, end, official in _find_aliases(doc, context.published):
        if _inside_other_name(text, start, end, official, spans.values()):
            continue  # "Retno" in "Retno Wulandari" is not Retno Marsudi
        if not context.in_boilerplate(start, end) and cut.trim((start, end)) == (start, end):
            mentions[(start, end)] = _Mention(start, end, name_keys(official.name), _size(text[start:end]), official, _name_words(text[start:end]))
    for start, end in spans.values():
        if (start, end) not in mentions:
            keys = name_keys(text[start:end])
            official = known_by_keys().get(keys)
            if official is not None:  # "Jokowi" is Joko Widodo
                keys = name_keys(official.name)
            mentions[(start, end)] = _Mention(start, end, keys, _size(text[start:end]), official, _name_words(text[start:end]))

    persons: list[_Person] = []
    for mention in sorted((m for m in mentions.values() if m.keys), key=lambda m: (-len(m.keys), -m.size, m.start)):
        person = next((p for p in persons if mention.keys <= p.keys or p.keys <= mention.keys), None)
        if person is None:  # "Abdul Fattah al-Sisi" … "Presiden Mesir Abdel Fattah al-Sisi"
            person = next((p for p in persons if any(_spelling_variants(mention.words, m.words) for m in p.mentions)), None)
        if person is None:
            person = _Person(keys=set(mention.keys))
            persons.append(person)
        person.keys |= mention.keys
        person.mentions.append(mention)
        person.known = person.known or mention.known or known_by_keys().get(mention.keys)
        span = (mention.start, mention.end)
        person.titles.extend(t for t in links.get(span, []) if t not in person.titles)
        if span in links:
            person.titled.add(span)
        person.title_first = person.title_first or span in title_first

    origins = _origins(doc, text)
    inherited = _coordinated_countries(text, [(m, span) for span, ms in links.items() if span in title_first for m in ms if m.end <= span[0]])
    people = {(m.start, m.end): k for k, person in enumerate(persons) for m in person.mentions}
    for match, state in _host_countries(doc, titles, people).items():
        inherited.setdefault(match, state)
    records = []
    for person in persons:
        known = person.known if person.known and person.known.in_office(context.published) else None
        person.known = known
        current = [t for t in person.titles if not t.former]
        former = [t for t in person.titles if t.former]
        if current and _region_for_name(person, current):
            continue
        if current:
            chosen = _choose_title(current)
            title, organization = chosen.title, chosen.organization or next((t.organization for t in current if t.organization), None)
            person.titles = current
            country = _country(person, chosen, inherited, former, origins)
            rule, score = ("title_before_name", 0.9) if person.title_first else ("title_after_name", 0.8)
        elif known is not None and not person.titles and known.title:
            title, organization, country = known.title, known.organization, known.country
            rule, score = "known_official", 0.6
        elif former and any(m.start in ner_names for m in person.mentions):
            # A former office holder counts with the office the text names (mantan Menteri ESDM
            # Sudirman Said), where NER found the name: the weakest link, so not a name read after it.
            chosen = _choose_title(former)
            title, organization = chosen.title, chosen.organization
            country = _country(person, chosen, inherited, [], origins)
            rule, score = "former_office", 0.7
        else:
            continue
        records.append((person, title, organization, country, rule, score))
    before = {id(person): country for person, _, _, country, *_ in records}
    states = _ArticleStates(doc, context)
    records = _counterpart_countries(doc, states, records, inherited)
    records = _stateless_foreign_offices(doc, states, records)
    resolved = {id(person) for person, _, _, country, *_ in records if country != before[id(person)]}
    records = _accompanying_countries(doc, records, inherited, resolved)
    frame = _foreign_frame(doc, context, titles, records, resolved)
    weak = [person for person, *_ in records if _weak(person, inherited) and id(person) not in resolved]
    if frame is not None and weak:
        beside = _sentences_naming(doc, titles, frame)
        if not any(_sentence_starts(doc, person.titles) & beside for person in weak):
            records = [
                (person, title, organization, frame if person in weak and country in ("ID", None) else country, rule, score)
                for person, title, organization, country, rule, score in records
            ]

    claimed = Counter(key for person, *_ in records for key in person.keys)
    taken = [(m.start, m.end) for person, *_ in records for m in person.mentions]
    results = []
    for person, title, organization, country, rule, score in records:
        found = [(m.start, m.end) for m in person.mentions]
        found += [m for m in _more_mentions(doc, text, person, claimed, taken, context) if cut.trim(m) == m]
        merged = _merge_adjacent(text, found)
        fullest = max(person.mentions, key=lambda m: (m.size, len(m.keys), m.end - m.start, -m.start))
        results.append(
            Official(
                name=collapse_spaces(text[fullest.start : fullest.end]),
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
    doc: Doc,
    text: str,
    person: _Person,
    claimed: Counter,
    taken: list[tuple[int, int]],
    context: ExtractionContext,
) -> list[tuple[int, int]]:
    """Occurrences of the person's name words the NER missed (``lanjut Menlu Retno.``)."""
    words = set()
    for mention in person.mentions:
        for token in phrase_words(text[mention.start : mention.end]):
            word = token.text
            if len(word) >= 3 and word[:1].isupper() and claimed[word.casefold()] == 1 and word.casefold() in person.keys:
                if word.casefold() not in title_words() and not is_abbreviation(word):
                    words.add(word)
    found = []
    for word in words:
        for span in standalone_occurrences(doc, word):
            if context.in_boilerplate(*span) or any(s < span[1] and span[0] < e for s, e in taken):
                continue
            found.append(span)
    return found


class OfficialsStage(RecordStage):
    name = "officials"
    requires = frozenset({"boilerplate", "spans:title_lexicon", "spans:party", "spans:capital", "spans:person_name", "spans:title_head", "spans:known_official"})
    extractor = extract_officials
