"""Official titles as values: the lexicon of ``titles.json`` and title expansion.

A title phrase is a head (``Menlu``, ``Menteri Luar Negeri``, ``Dirjen``, ``Presiden``) followed,
depending on the head's kind, by a portfolio that belongs to the title (``Dirjen`` *Kerja sama
ASEAN*), a region that does not (``Gubernur`` *Jawa Barat*) or an envoy's posting (``Dubes RI``
*untuk Jepang*), and then by qualifiers: organisations (``Kemlu``, ``TNI``, ``PBB``) and country
names (``RI``, ``Laos``). Titles come out without country or ministry, as the spec asks:
``Dirjen Kerja sama ASEAN Kemlu`` → title ``Direktur Jenderal Kerja Sama ASEAN``, organization
``Kementerian Luar Negeri``, country ``ID`` (implied by Kemlu).

This module holds the lexicons (phrases keyed by their words, :mod:`extractor.nlp.words`) and
the value functions (:func:`expand_title`, :func:`organization_name`); the phrases are found on
the Doc by the ``title_lexicon`` component and title phrases read by the ``title_heads``
component (:mod:`extractor.components.title_heads`). Country names come from :mod:`.countries`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .dates import calendar_names
from ..nlp.words import Word, has_line_break, is_word_char, phrase_words
from ..resource_data import load_resource
from .countries import bloc_phrases, country_phrases, is_abbreviation, not_country_phrases

HEAD, ORGANIZATION, COUNTRY, HONORIFIC = "head", "organization", "country", "honorific"


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@dataclass(frozen=True)
class Head:
    title: str
    organization: Optional[str]
    country: Optional[str]  # the state of an office only one state has (Kapolri, Menko Polhukam)
    kind: str  # closed | portfolio | envoy | region
    region_organization: Optional[str] = None
    weak_country: Optional[str] = None  # a guess when nothing else tells (Menlu → ID)


@dataclass(frozen=True)
class Org:
    name: str
    country: Optional[str]


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_resource("titles.json")


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text.casefold() for t in phrase_words(phrase))


class _Lexicon:
    """Phrases keyed by their casefolded words; abbreviations remember their exact spelling.
    ``phrases`` keeps each phrase as written, for the matcher's patterns."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], tuple[object, Optional[tuple[str, ...]]]] = {}
        self.phrases: list[str] = []

    def add(self, phrase: str, value: object, override: bool = True) -> None:
        key = _key(phrase)
        if not key or (not override and key in self.entries):
            return
        exact = tuple(t.text for t in phrase_words(phrase)) if is_abbreviation(phrase) else None
        self.entries[key] = (value, exact)
        self.phrases.append(phrase)

    def lookup(self, tokens: list[Word], text: str) -> object:
        """The value of the entry that ``tokens`` spell, case rules and line breaks checked;
        ``MISSING`` when no entry applies."""
        found = self.entries.get(tuple(t.text.casefold() for t in tokens))
        if found is None:
            return MISSING
        for a, b in zip(tokens, tokens[1:]):
            if has_line_break(text[a.end : b.start]):
                return MISSING  # phrases never cross a line break
        value, exact = found
        if exact is not None and tuple(t.text for t in tokens) != exact:
            return MISSING
        if exact is None and not is_capitalised(tokens[0].text):
            return MISSING
        return value


MISSING = object()


@lru_cache(maxsize=1)
def _heads() -> _Lexicon:
    data = _data()
    lexicon = _Lexicon()
    for entry in data["titles"]:
        head = Head(
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
            lexicon.add("Menteri " + portfolio, Head(title, org, country, "closed", weak_country="ID"))
            lexicon.add("Wakil Menteri " + portfolio, Head(deputy, org, country, "closed", weak_country="ID"))
            lexicon.add("Wamen " + portfolio, Head(deputy, org, country, "closed", weak_country="ID"))
        for form in ministry["minister"]:
            lexicon.add(form, Head(title, org, country, "closed", weak_country="ID"))
        for form in ministry["deputy_minister"]:
            lexicon.add(form, Head(deputy, org, country, "closed", weak_country="ID"))
    return lexicon


@lru_cache(maxsize=1)
def _organizations() -> _Lexicon:
    data = _data()
    lexicon = _Lexicon()
    for ministry in data["ministries"]:
        for form in ministry["organization_forms"]:
            lexicon.add(form, Org(ministry["organization"], "ID"))
    for entry in data["organizations"]:
        for form in entry["forms"]:
            lexicon.add(form, Org(entry["name"], entry.get("country")))
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
    words = {w.casefold() for w in [*_data()["title_words"], *calendar_names(), *_data()["not_names"]]}
    for phrase in _heads().phrases:
        # An acronym inside a head (HAM in "Menteri Hukum dan HAM") is no title word written
        # otherwise: "Marko Ham", "Pan Guangwei" are names; the acronym itself is no name anyway.
        words.update(w.text.casefold() for w in phrase_words(phrase) if not (len(w.text) > 1 and w.text.isupper()))
    words.update(key[0] for key in honorifics().entries if len(key) == 1)
    return frozenset(words - {w.casefold() for w in _data().get("name_words", ())})


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


def lexicon(label: str) -> _Lexicon:
    """The lexicon of a ``title_lexicon`` pattern label."""
    return {HEAD: _heads, ORGANIZATION: _organizations, COUNTRY: _countries, HONORIFIC: honorifics}[label]()


def country_codes() -> frozenset[str]:
    return _country_codes()


@lru_cache(maxsize=1)
def qualifier_prefixes() -> frozenset[str]:
    return frozenset(w.casefold() for w in _data()["qualifier_prefixes"])


@lru_cache(maxsize=1)
def portfolio_connectors() -> frozenset[str]:
    return frozenset(_data()["portfolio_connectors"])


@lru_cache(maxsize=1)
def envoy_postings() -> frozenset[str]:
    return frozenset(_data()["envoy_postings"])


@lru_cache(maxsize=1)
def former_markers() -> frozenset[str]:
    return frozenset(_data()["former_markers"])


@lru_cache(maxsize=1)
def place_markers() -> frozenset[str]:
    return frozenset(_data()["place_markers"])


def spell_portfolio(words: str) -> str:
    """The portfolio's words with the lexicon's spellings (``Kerja sama`` → ``Kerja Sama``)."""
    for wrong, right in _data()["portfolio_spelling"].items():
        words = _replace_word(words, wrong, right)
    return words


def _replace_word(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new`` where no word character touches it on either side."""
    if not old:
        return text
    out, position = [], 0
    found = text.find(old)
    while found >= 0:
        end = found + len(old)
        if (found == 0 or not is_word_char(text[found - 1])) and (end == len(text) or not is_word_char(text[end])):
            out.append(text[position:found] + new)
            position = end
            found = text.find(old, end)
        else:
            found = text.find(old, found + 1)
    out.append(text[position:])
    return "".join(out)


@lru_cache(maxsize=1)
def title_stop_words() -> frozenset[str]:
    """Words that end a portfolio: a new title or a clause (``Menlu Retno``, ``Dirjen Imigrasi Kamis``)."""
    weekdays_months = {w.casefold() for w in calendar_names()}
    heads = {key[0] for key in _heads().entries if len(key) == 1}
    return frozenset(weekdays_months | heads)


def expand_title(phrase: str) -> Optional[tuple[str, Optional[str]]]:
    """``(title, organization)`` for a phrase that is exactly one title phrase, else ``None``.

    ``expand_title("Menlu") == ("Menteri Luar Negeri", "Kementerian Luar Negeri")``;
    ``expand_title("Sekjen PBB") == ("Sekretaris Jenderal", "Perserikatan Bangsa-Bangsa")``.
    """
    from ..components.title_heads import find_titles

    phrase = phrase.strip()
    matches = find_titles(phrase)
    if len(matches) != 1 or matches[0].start != 0 or matches[0].end != len(phrase):
        return None
    return matches[0].title, matches[0].organization


def organization_name(phrase: str) -> Optional[str]:
    """Expanded name of an organisation phrase: ``Kemlu`` → ``Kementerian Luar Negeri``."""
    org = _organization(phrase.strip())
    return org.name if org is not None else None


def organization_country(phrase: str) -> Optional[str]:
    """The state an organisation phrase implies (``TNI`` → ``ID``), else ``None``."""
    org = _organization(phrase.strip())
    return org.country if org is not None else None


@lru_cache(maxsize=8192)
def _organization(phrase: str) -> Optional[Org]:
    """The organisation a whole phrase names (a lookup of the phrase as a lexicon key)."""
    tokens = phrase_words(phrase)
    org = _organizations().lookup(tokens, phrase) if tokens else MISSING
    return org if isinstance(org, Org) else None


@lru_cache(maxsize=1)
def name_title_links() -> frozenset[str]:
    """What may stand between a name and the title after it (``Jose Tavares, Dirjen …``)."""
    return frozenset(_data()["name_title_links"])


@lru_cache(maxsize=1)
def coordination_links() -> tuple[str, ...]:
    """What joins two titled people of one state (``Menhan Jepang A bersama Menlu B``)."""
    return tuple(_data()["coordination_links"])


@lru_cache(maxsize=1)
def coordination_conjunctions() -> tuple[str, ...]:
    return tuple(_data()["coordination_conjunctions"])


@lru_cache(maxsize=1)
def name_verbs() -> dict:
    """The verbs a name never includes (``titles.json`` ``name_verbs``)."""
    return _data()["name_verbs"]


@lru_cache(maxsize=1)
def visit_hosts() -> dict[str, frozenset[str]]:
    """The words of ``titles.json`` ``visit_hosts``, casefolded."""
    return {key: frozenset(w.casefold() for w in words) for key, words in _data()["visit_hosts"].items()}


@lru_cache(maxsize=1)
def envoy_qualifiers() -> frozenset[str]:
    return frozenset(_data()["envoy_qualifiers"])


@lru_cache(maxsize=1)
def holder_gap() -> dict:
    """What may stand between a title and its holder's name (``titles.json`` ``holder_gap``)."""
    return dict(_data().get("holder_gap", {}))


@lru_cache(maxsize=1)
def office_list_words() -> frozenset[str]:
    """Words that join unnamed offices into one list (``PM dan Menlu Bangladesh, Retno``)."""
    return frozenset(_data()["office_list_words"])


@lru_cache(maxsize=1)
def organization_bound_heads() -> frozenset[str]:
    """Heads that are an office only with a body (``anggota DPR``, not ``anggota Komunitas …``)."""
    return frozenset(form.casefold() for e in _data()["titles"] if e.get("requires_organization") for form in e["forms"])


@lru_cache(maxsize=1)
def counterpart_offices() -> dict[str, tuple[str, ...]]:
    """Offices Indonesia has one holder of at a time (``titles.json`` ``counterpart_offices``):
    exact titles and title prefixes (``Menteri `` + a portfolio)."""
    data = _data().get("counterpart_offices", {})
    return {"titles": tuple(data.get("titles", ())), "title_prefixes": tuple(data.get("title_prefixes", ()))}


@lru_cache(maxsize=1)
def body_title_heads() -> frozenset[str]:
    """Titles that head a body (``Ketua``, ``Kepala``, ``Direktur``): an acronym right after one
    is the body (``Ketua ACONDIP``), not a portfolio (``titles.json`` ``body_titles``)."""
    return frozenset(_data().get("body_titles", {}).get("heads", ()))


@lru_cache(maxsize=1)
def body_nouns() -> tuple[tuple[str, ...], ...]:
    """The words that open a body's name (``Badan``, ``Pasukan``, ``Angkatan Bersenjata``), casefolded."""
    return tuple(_key(noun) for noun in _data().get("body_titles", {}).get("nouns", ()))


@lru_cache(maxsize=1)
def portfolio_state_words() -> tuple[tuple[str, ...], ...]:
    """Phrases a state name qualifies inside a portfolio (``Warga Negara`` Indonesia), casefolded."""
    return tuple(_key(phrase) for phrase in _data().get("portfolio_state_words", ()))


@lru_cache(maxsize=1)
def region_titles() -> frozenset[str]:
    """The titles of regional heads (``Gubernur``, ``Bupati``, ``Wali Kota``): ``kind`` region."""
    return frozenset(e["title"] for e in _data()["titles"] if e.get("kind") == "region")


@lru_cache(maxsize=1)
def body_institution_words() -> frozenset[str]:
    """Words that make the words after a title a body's name (``Promotion Center``), casefolded."""
    return frozenset(w.casefold() for w in _data().get("body_titles", {}).get("institution_words", ()))


@lru_cache(maxsize=1)
def region_words() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """``(prefixes, compass words)`` of a region's name (``titles.json`` ``region_words``), casefolded."""
    data = _data().get("region_words", {})
    return tuple(_key(p) for p in data.get("prefixes", ())), frozenset(w.casefold() for w in data.get("compass", ()))
