"""Official titles: find title phrases in text and expand them to ``(title, organization)``.

A title phrase is a head (``Menlu``, ``Menteri Luar Negeri``, ``Dirjen``, ``Presiden``) followed,
depending on the head's kind, by a portfolio that belongs to the title (``Dirjen`` *Kerja sama
ASEAN*), a region that does not (``Gubernur`` *Jawa Barat*) or an envoy's posting (``Dubes RI``
*untuk Jepang*), and then by qualifiers: organisations (``Kemlu``, ``TNI``, ``PBB``) and country
names (``RI``, ``Laos``). Titles come out without country or ministry, as the spec asks:
``Dirjen Kerja sama ASEAN Kemlu`` → title ``Direktur Jenderal Kerja Sama ASEAN``, organization
``Kementerian Luar Negeri``, country ``ID`` (implied by Kemlu).

The lexicon is ``resources/titles.json``; country names come from :mod:`.countries`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, NamedTuple, Optional

from .countries import bloc_phrases, country_phrases, is_abbreviation, not_country_phrases

# Initials (``L.P.``), words with inner hyphens or apostrophes, any other non-space character.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'\u2019]\w+)*|[^\w\s]", re.UNICODE)
_NEWLINE = re.compile(r"[\n\r]")


class Token(NamedTuple):
    """A word token and its character offsets (immutable; a tuple, cheap to build by the thousand)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Word tokens with their offsets; punctuation is one token per character."""
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@dataclass(frozen=True)
class _Head:
    title: str
    organization: Optional[str]
    country: Optional[str]  # the state of an office only one state has (Kapolri, Menko Polhukam)
    kind: str  # closed | portfolio | envoy | region
    region_organization: Optional[str] = None
    weak_country: Optional[str] = None  # a guess when nothing else tells (Menlu → ID)


@dataclass(frozen=True)
class _Org:
    name: str
    country: Optional[str]


@dataclass(frozen=True)
class TitleMatch:
    """A title phrase in the text: ``text[start:end]`` covers head, portfolio and qualifiers."""

    start: int
    end: int
    title: str
    organization: Optional[str] = None
    country: Optional[str] = None
    # "explicit" (Menlu RI), "organization" (Dirjen … Kemlu), "institution" (Kapolri: only
    # Indonesia has one), "international" (Sekjen PBB: no state), "default" (Menlu alone:
    # probably Indonesian) or None.
    country_source: Optional[str] = None
    former: bool = False


@lru_cache(maxsize=1)
def _data() -> dict:
    with resources.files("extractor.resources").joinpath("titles.json").open(encoding="utf-8") as f:
        return json.load(f)


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text.casefold() for t in tokenize(phrase))


class _Lexicon:
    """Phrases keyed by their casefolded tokens; abbreviations remember their exact spelling."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], tuple[object, Optional[tuple[str, ...]]]] = {}
        self.first_words: set[str] = set()
        self.longest = 0

    def add(self, phrase: str, value: object, override: bool = True) -> None:
        key = _key(phrase)
        if not key or (not override and key in self.entries):
            return
        exact = tuple(t.text for t in tokenize(phrase)) if is_abbreviation(phrase) else None
        self.entries[key] = (value, exact)
        self.first_words.add(key[0])
        self.longest = max(self.longest, len(key))

    def match(self, tokens: list[Token], i: int, text: str) -> Optional[tuple[int, object]]:
        """Longest entry starting at token ``i``: ``(index after it, value)``; phrases never
        cross a line break."""
        best = None
        if i >= len(tokens) or tokens[i].text.casefold() not in self.first_words:
            return None
        for n in range(1, min(self.longest, len(tokens) - i) + 1):
            if n > 1 and _NEWLINE.search(text[tokens[i + n - 2].end : tokens[i + n - 1].start]):
                break
            window = tokens[i : i + n]
            found = self.entries.get(tuple(t.text.casefold() for t in window))
            if found is None:
                continue
            value, exact = found
            if exact is not None and tuple(t.text for t in window) != exact:
                continue
            if exact is None and not _is_capitalised(window[0].text):
                continue
            best = (i + n, value)
        return best


@lru_cache(maxsize=1)
def _heads() -> _Lexicon:
    data = _data()
    lexicon = _Lexicon()
    for entry in data["titles"]:
        head = _Head(
            title=entry["title"],
            organization=entry.get("organization"),
            country=entry.get("country"),
            kind=entry.get("kind", "closed"),
            region_organization=entry.get("region_organization"),
            weak_country=entry.get("weak_country"),
        )
        for form in entry["forms"]:
            lexicon.add(form, head)
    for ministry in data["ministries"]:
        title = "Menteri " + ministry["portfolio"]
        deputy = "Wakil Menteri " + ministry["portfolio"]
        org = ministry["organization"]
        # Portfolios only Indonesia has (Menko Polhukam, Menteri BUMN) are Indonesian offices; others
        # (Menlu, Menteri Pertahanan) are Indonesian by default only: the weakest guess.
        country = "ID" if ministry.get("indonesian_only") else None
        for portfolio in [ministry["portfolio"], *ministry["variants"]]:
            lexicon.add("Menteri " + portfolio, _Head(title, org, country, "closed", weak_country="ID"))
            lexicon.add("Wakil Menteri " + portfolio, _Head(deputy, org, country, "closed", weak_country="ID"))
            lexicon.add("Wamen " + portfolio, _Head(deputy, org, country, "closed", weak_country="ID"))
        for form in ministry["minister"]:
            lexicon.add(form, _Head(title, org, country, "closed", weak_country="ID"))
        for form in ministry["deputy_minister"]:
            lexicon.add(form, _Head(deputy, org, country, "closed", weak_country="ID"))
    return lexicon


@lru_cache(maxsize=1)
def _organizations() -> _Lexicon:
    data = _data()
    lexicon = _Lexicon()
    for ministry in data["ministries"]:
        for form in ministry["organization_forms"]:
            lexicon.add(form, _Org(ministry["organization"], "ID"))
    for entry in data["organizations"]:
        for form in entry["forms"]:
            lexicon.add(form, _Org(entry["name"], entry.get("country")))
    return lexicon


@lru_cache(maxsize=1)
def _countries() -> _Lexicon:
    """Country and bloc names; region phrases (``Amerika Latin``) map to ``None``."""
    lexicon = _Lexicon()
    for phrase, code in bloc_phrases().items():
        lexicon.add(phrase, code)
    for phrase, code in country_phrases().items():
        lexicon.add(phrase, code)
    for phrase in not_country_phrases():
        lexicon.add(phrase, None)
    return lexicon


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(country_phrases().values())


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Capitalised words that never belong to a person's name (title words, function words,
    months, weekdays, organisation words), casefolded."""
    words = {w.casefold() for w in [*_data()["title_words"], *_data()["not_names"]]}
    for key in _heads().entries:
        words.update(key)
    words.update(key[0] for key in honorifics().entries if len(key) == 1)
    return frozenset(words)


@lru_cache(maxsize=1)
def honorifics() -> _Lexicon:
    lexicon = _Lexicon()
    for form in _data()["honorifics"]:
        lexicon.add(form.rstrip("."), True)
    return lexicon


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words that make a capitalised phrase a body or place, never a person (``Authority``)."""
    return frozenset(w.casefold() for w in _data()["institution_words"])


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    return frozenset(_data()["name_particles"])


def _connectors() -> frozenset[str]:
    return frozenset(_data()["portfolio_connectors"])


def _spell_portfolio(words: str) -> str:
    for wrong, right in _data()["portfolio_spelling"].items():
        words = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, words)
    return words


def _gap(text: str, a: Token, b: Token) -> str:
    return text[a.end : b.start]


class _Scanner:
    """Parses one title phrase from a head onwards."""

    def __init__(self, text: str, tokens: list[Token], stops: frozenset[int]):
        self.text = text
        self.tokens = tokens
        self.stops = stops

    def joined(self, i: int) -> bool:
        """Whether token ``i`` continues the phrase of token ``i - 1`` (same line, not a name start)."""
        if i >= len(self.tokens) or i == 0:
            return False
        if self.tokens[i].start in self.stops:
            return False
        return not _NEWLINE.search(_gap(self.text, self.tokens[i - 1], self.tokens[i]))

    def qualifier(self, i: int) -> Optional[tuple[int, str, object]]:
        """An organisation or country phrase at token ``i``: ``(end index, kind, value)``."""
        if not self.joined(i):
            return None
        org = _organizations().match(self.tokens, i, self.text)
        country = _countries().match(self.tokens, i, self.text)
        prefix_words = {w.casefold() for w in _data()["qualifier_prefixes"]}
        if country is None and self.tokens[i].text.casefold() in prefix_words and self.joined(i + 1):
            country = _countries().match(self.tokens, i + 1, self.text)
        if org is not None and (country is None or org[0] >= country[0]):
            return org[0], "organization", org[1]
        if country is not None and country[1] is not None:
            if country[1] in _country_codes():
                return country[0], "country", country[1]
        return None

    def words(self, i: int, allow_qualifier_inside: bool, limit: int = 8) -> int:
        """Capitalised words and connectors from token ``i``; returns the index after them."""
        connectors = _connectors()
        j = i
        while j < len(self.tokens) and j - i < limit and self.joined(j):
            word = self.tokens[j].text
            qualifier = self.qualifier(j)
            if qualifier is not None:
                after_join = j > i and self.tokens[j - 1].text.casefold() in {"sama", "kerjasama", "bidang", "urusan", "untuk"}
                # "Dirjen Amerika dan Eropa": regions of a directorate, not the state it serves.
                k = qualifier[0]
                enumerated = (
                    qualifier[1] == "country"
                    and k + 1 < len(self.tokens)
                    and self.tokens[k].text in {"dan", ","}
                    and self.joined(k + 1)
                    and _is_capitalised(self.tokens[k + 1].text)
                    and self.tokens[k + 1].text.casefold() not in _data_title_stop_words()
                )
                if not (allow_qualifier_inside and (after_join or enumerated)):
                    break
                j = qualifier[0]
                continue
            if word in connectors or word.casefold() in {"sama"}:
                j += 1
                continue
            if not (word[:1].isalpha() and _is_capitalised(word)):
                break
            if word.casefold() in _data_title_stop_words() or honorifics().match(self.tokens, j, self.text):
                break  # a new title, a weekday, a rank before the name (Komisaris Besar Argo …)
            j += 1
        while j > i and (self.tokens[j - 1].text in connectors or self.tokens[j - 1].text == "sama" and j - 1 == i):
            j -= 1
        return j

    def scan(self, i: int) -> Optional[tuple[int, TitleMatch]]:
        found = _heads().match(self.tokens, i, self.text)
        if found is None:
            return None
        j, head = found
        assert isinstance(head, _Head)
        title, organization = head.title, head.organization
        if head.kind == "portfolio":
            end = self.words(j, allow_qualifier_inside=True)
            if end > j:
                portfolio = _spell_portfolio(re.sub(r"[\s\u00a0]+", " ", self.text[self.tokens[j].start : self.tokens[end - 1].end]))
                title = f"{title} {portfolio}"
            j = end
        elif head.kind == "region":
            end = self.words(j, allow_qualifier_inside=False, limit=4)
            if end > j and head.region_organization:
                region = re.sub(r"[\s\u00a0]+", " ", self.text[self.tokens[j].start : self.tokens[end - 1].end])
                organization = organization or f"{head.region_organization} {region}"
            j = end
        country, country_source = None, None
        qualified = False  # the first organisation named is the most specific (Korlantas Polri)
        for _ in range(3):
            j = self._skip_parenthetical(j)
            qualifier = self.qualifier(j)
            if qualifier is None:
                break
            j, kind, value = qualifier
            if kind == "organization":
                assert isinstance(value, _Org)
                if not qualified:
                    organization, qualified = value.name, True
                if country is None and value.country:
                    country, country_source = value.country, "organization"
                elif country is None:
                    country_source = "international"  # Sekjen PBB serves no state
            elif country_source != "explicit":
                country, country_source = str(value), "explicit"
        if head.kind == "envoy":
            j = self._skip_posting(j)
        if country is None and head.country:
            country, country_source = head.country, "institution"
        elif country is None and country_source is None and head.weak_country:
            country, country_source = head.weak_country, "default"
        start = self.tokens[i].start
        former = self._former_before(i)
        return j, TitleMatch(start, self.tokens[j - 1].end, title, organization, country, country_source, former)

    def _skip_parenthetical(self, j: int) -> int:
        """``(BNPB)`` or ``(Menlu)`` right after a title: part of the phrase."""
        if j + 2 < len(self.tokens) and self.joined(j) and self.tokens[j].text == "(":
            k = j + 1
            while k < len(self.tokens) and k - j <= 4 and self.tokens[k].text != ")":
                k += 1
            if k < len(self.tokens) and self.tokens[k].text == ")" and k > j + 1:
                inner = self.text[self.tokens[j + 1].start : self.tokens[k - 1].end]
                if is_abbreviation(inner) or _heads().match(self.tokens, j + 1, self.text):
                    return k + 1
        return j

    def _skip_posting(self, j: int) -> int:
        """``untuk Jepang`` / ``di Singapura`` after an envoy's title: the posting, not his state."""
        postings = set(_data()["envoy_postings"])
        if j < len(self.tokens) and self.joined(j) and self.tokens[j].text in postings:
            qualifier = self.qualifier(j + 1)
            if qualifier is not None:
                k = qualifier[0]
                # "untuk Jepang merangkap Mikronesia" / "untuk Jepang dan Mikronesia"
                while k + 1 < len(self.tokens) and self.tokens[k].text in {"merangkap", "dan", ","}:
                    more = self.qualifier(k + 1)
                    if more is None:
                        break
                    k = more[0]
                return k
        return j

    def _former_before(self, i: int) -> bool:
        markers = set(_data()["former_markers"])
        return i > 0 and self.tokens[i - 1].text in markers


@lru_cache(maxsize=1)
def _data_title_stop_words() -> frozenset[str]:
    """Words that end a portfolio: a new title or a clause (``Menlu Retno``, ``Dirjen Imigrasi Kamis``)."""
    weekdays_months = {w.casefold() for w in _data()["title_words"] if w in WEEKDAYS_MONTHS}
    heads = {key[0] for key in _heads().entries if len(key) == 1}
    return frozenset(weekdays_months | heads)


WEEKDAYS_MONTHS = frozenset(
    "Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus "
    "September Oktober November Desember".split()
)


def find_titles(text: str, stops: Iterable[int] = (), tokens: Optional[list[Token]] = None) -> list[TitleMatch]:
    """Every title phrase in ``text``, left to right, not overlapping.

    ``stops`` are character offsets where a person's name starts (from NER): a portfolio or
    region never runs past one (``Dirjen Imigrasi`` | ``Ronny Sompie``).
    """
    tokens = tokens if tokens is not None else tokenize(text)
    scanner = _Scanner(text, tokens, frozenset(stops))
    place_markers = frozenset(_data()["place_markers"])
    matches = []
    i = 0
    while i < len(tokens):
        scanned = scanner.scan(i)
        if scanned is None:
            i += 1
            continue
        end, match = scanned
        # "Ketua Tim Ahli Wapres Sofjan Wanandi": a title that qualifies the next one is one title.
        following = scanner.scan(end) if scanner.joined(end) else None
        if following is not None and not match.former:
            end, second = following
            match = TitleMatch(
                match.start,
                second.end,
                f"{match.title} {second.title}",
                match.organization or second.organization,
                match.country if match.country_source not in (None, "default") else second.country,
                match.country_source if match.country_source not in (None, "default") else second.country_source,
            )
        # "Bandara Sultan Hasanuddin", "Jalan Gubernur Suryo": a place named after an office.
        if not (i > 0 and scanner.joined(i) and tokens[i - 1].text in place_markers):
            matches.append(match)
        i = end
    return matches


def expand_title(phrase: str) -> Optional[tuple[str, Optional[str]]]:
    """``(title, organization)`` for a phrase that is exactly one title phrase, else ``None``.

    ``expand_title("Menlu") == ("Menteri Luar Negeri", "Kementerian Luar Negeri")``;
    ``expand_title("Sekjen PBB") == ("Sekretaris Jenderal", "Perserikatan Bangsa-Bangsa")``.
    """
    phrase = phrase.strip()
    matches = find_titles(phrase)
    if len(matches) != 1 or matches[0].start != 0 or matches[0].end != len(phrase):
        return None
    return matches[0].title, matches[0].organization


def organization_name(phrase: str) -> Optional[str]:
    """Expanded name of an organisation phrase: ``Kemlu`` → ``Kementerian Luar Negeri``."""
    tokens = tokenize(phrase.strip())
    if not tokens:
        return None
    found = _organizations().match(tokens, 0, phrase.strip())
    if found is None or found[0] != len(tokens):
        return None
    org = found[1]
    assert isinstance(org, _Org)
    return org.name


def organization_country(phrase: str) -> Optional[str]:
    """The state an organisation phrase implies (``TNI`` → ``ID``), else ``None``."""
    tokens = tokenize(phrase.strip())
    found = _organizations().match(tokens, 0, phrase.strip()) if tokens else None
    if found is None or found[0] != len(tokens):
        return None
    org = found[1]
    assert isinstance(org, _Org)
    return org.country
