"""Official titles: find title phrases in text and expand them to ``(title, organization)``.

A title phrase is a head (``Menlu``, ``Menteri Luar Negeri``, ``Dirjen``, ``Presiden``) followed,
depending on the head's kind, by a portfolio that belongs to the title (``Dirjen`` *Kerja sama
ASEAN*), a region that does not (``Gubernur`` *Jawa Barat*) or an envoy's posting (``Dubes RI``
*untuk Jepang*), and then by qualifiers: organisations (``Kemlu``, ``TNI``, ``PBB``) and country
names (``RI``, ``Laos``). Titles come out without country or ministry, as the spec asks:
``Dirjen Kerja sama ASEAN Kemlu`` → title ``Direktur Jenderal Kerja Sama ASEAN``, organization
``Kementerian Luar Negeri``, country ``ID`` (implied by Kemlu).

The lexicon is ``resources/id/titles.json``; country names come from :mod:`.countries`.

Lexicon phrases (title heads, organisations, country names, honorifics) are found by one spaCy
``PhraseMatcher`` on ``LOWER`` over the ``Doc``'s tokens, built once per vocab
(:func:`title_matcher`). Its patterns are the phrases tokenised every way a tokenizer may split
them: hyphenated and apostrophe compounds whole or in pieces (``Bangsa-Bangsa`` or ``Bangsa``
``-`` ``Bangsa``), initials whole or letter by letter, words glued by a slash or a hyphen
(``ATR/BPN``) apart or together, an abbreviation with or without its full stop (``Dr.``). The
title grammar (head, then portfolio, region or posting, then qualifiers) reads words: each
match is mapped onto the words of :func:`tokenize` (a hyphenated compound is one word, so
``ASEAN`` inside ``ASEAN-Rusia`` qualifies nothing), and a match that does not start and end on
word boundaries is no phrase. Abbreviations must match in their exact case and other phrases
must start with a capital, as the lexicon file says (:class:`LexiconMatches`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .dates import calendar_names
from ..resource_data import load_resource
from ..nlp.matchers import once_per_vocab
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
    return load_resource("titles.json")


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text.casefold() for t in tokenize(phrase))


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
        exact = tuple(t.text for t in tokenize(phrase)) if is_abbreviation(phrase) else None
        self.entries[key] = (value, exact)
        self.phrases.append(phrase)

    def lookup(self, tokens: list[Token], text: str) -> object:
        """The value of the entry that ``tokens`` spell, case rules and line breaks checked;
        ``_MISSING`` when no entry applies."""
        found = self.entries.get(tuple(t.text.casefold() for t in tokens))
        if found is None:
            return _MISSING
        for a, b in zip(tokens, tokens[1:]):
            if _NEWLINE.search(text[a.end : b.start]):
                return _MISSING  # phrases never cross a line break
        value, exact = found
        if exact is not None and tuple(t.text for t in tokens) != exact:
            return _MISSING
        if exact is None and not _is_capitalised(tokens[0].text):
            return _MISSING
        return value


_MISSING = object()


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
    words = {w.casefold() for w in [*_data()["title_words"], *calendar_names(), *_data()["not_names"]]}
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


# --------------------------------------------------------------------------- phrase matcher

HEAD, ORGANIZATION, COUNTRY, HONORIFIC = "head", "organization", "country", "honorific"
_DOTTED = "+."  # label suffix: the pattern spells the phrase with a full stop glued on (``Dr.``)
_INITIALS = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_COMPOUND_PIECE = re.compile(r"[^-'\u2019]+|[-'\u2019]")


def _lexicon(label: str) -> _Lexicon:
    return {HEAD: _heads, ORGANIZATION: _organizations, COUNTRY: _countries, HONORIFIC: honorifics}[label]()


def _word_forms(word: str) -> list[list[str]]:
    """The token sequences one word of :func:`tokenize` may be split into by a tokenizer."""
    forms = [[word]]
    if _INITIALS.match(word):
        forms.append(re.findall(r"[^\W\d_]\.", word))  # L.P. → L. P.
    elif len(word) > 1 and re.search(r"\w[-'\u2019]\w", word):
        pieces = _COMPOUND_PIECE.findall(word)
        words, separators = pieces[::2], pieces[1::2]
        forms.append(pieces)  # Bangsa-Bangsa → Bangsa - Bangsa
        # The separator glued to the word before it (Bangsa- Bangsa) or after it (Kemenpan -RB,
        # People 's).
        forms.append([w + sep for w, sep in zip(words, [*separators, ""])])
        forms.append([words[0], *(sep + w for sep, w in zip(separators, words[1:]))])
    return forms


def phrase_token_variants(phrase: str) -> list[tuple[str, ...]]:
    """The token sequences (lowercased) a lexicon phrase may appear as in a ``Doc``: each word of
    :func:`tokenize` whole or split (:func:`_word_forms`), and words written together without a
    space (``ATR/BPN``, ``PPN/Kepala``) apart or as one token."""
    tokens = tokenize(phrase)
    groups: list[list[Token]] = []
    for token in tokens:
        if groups and groups[-1][-1].end == token.start:
            groups[-1].append(token)
        else:
            groups.append([token])
    variants: list[list[str]] = [[]]
    for group in groups:
        forms: list[list[str]] = [[]]
        for token in group:
            forms = [f + w for f in forms for w in _word_forms(token.text.lower())]
        if len(group) > 1:
            forms.append(["".join(t.text.lower() for t in group)])
        variants = [v + f for v in variants for f in forms]
    unique = dict.fromkeys(tuple(v) for v in variants if v)
    return list(unique)


@once_per_vocab
def title_matcher(vocab: Vocab) -> PhraseMatcher:
    """The lexicon's phrase matcher (on ``LOWER``), built once per vocab. Labels are ``head``,
    ``organization``, ``country`` and ``honorific``; a label ending in ``+.`` marks a pattern that
    spells the phrase with a full stop glued to its last word (``Dr.``, ``Prof.``)."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for label in (HEAD, ORGANIZATION, COUNTRY, HONORIFIC):
        plain: dict[tuple[str, ...], None] = {}
        dotted: dict[tuple[str, ...], None] = {}
        for phrase in _lexicon(label).phrases:
            for variant in phrase_token_variants(phrase):
                plain[variant] = None
                if variant[-1][-1:].isalpha():
                    dotted[(*variant[:-1], variant[-1] + ".")] = None
        matcher.add(label, [Doc(vocab, words=list(w)) for w in plain])
        matcher.add(label + _DOTTED, [Doc(vocab, words=list(w)) for w in dotted])
    return matcher


class LexiconMatches:
    """The lexicon phrases of one text, found by :func:`title_matcher` on its ``Doc`` and
    placed on the text's words (:func:`tokenize`): ``match(label, i)`` is the longest phrase of
    that lexicon starting at word ``i``. ``doc`` must cover ``text`` (``doc.text == text``)."""

    def __init__(self, text: str, tokens: list[Token], doc: Doc):
        self.text = text
        self.tokens = tokens
        index_at = {t.start: i for i, t in enumerate(tokens)}
        index_before = {t.end: i + 1 for i, t in enumerate(tokens)}
        ends: dict[tuple[str, int], set[int]] = {}
        if "title_lexicon" in doc.spans:  # annotated by the title_lexicon component
            matched = [(span.label_, span.start, span.end) for span in doc.spans["title_lexicon"]]
        else:  # a Doc built here for a short string
            strings = doc.vocab.strings
            matched = [(strings[match_id], s, e) for match_id, s, e in title_matcher(doc.vocab)(doc)]
        for label, s, e in matched:
            last = doc[e - 1]
            end = last.idx + len(last)
            if label.endswith(_DOTTED):
                label, end = label[: -len(_DOTTED)], end - 1
            i = index_at.get(doc[s].idx)
            j = index_before.get(end)
            if i is not None and j is not None and j > i:
                ends.setdefault((label, i), set()).add(j)
        self.ends = ends
        self._cache: dict[tuple[str, int], Optional[tuple[int, object]]] = {}

    def match(self, label: str, i: int) -> Optional[tuple[int, object]]:
        """The longest entry of lexicon ``label`` starting at word ``i``: ``(index after it,
        value)``; abbreviations in their exact case, other phrases capitalised, never across a
        line break."""
        key = (label, i)
        if key in self._cache:
            return self._cache[key]
        best = None
        candidates = self.ends.get(key)
        if candidates:
            lexicon = _lexicon(label)
            for j in sorted(candidates, reverse=True):
                value = lexicon.lookup(self.tokens[i:j], self.text)
                if value is not _MISSING:
                    best = (j, value)
                    break
        self._cache[key] = best
        return best


def phrase_doc(text: str, tokens: Optional[list[Token]] = None) -> Doc:
    """A ``Doc`` over a short text split by :func:`tokenize`, for the string-level helpers."""
    from ..nlp.spacy_doc import build_doc

    tokens = tokens if tokens is not None else tokenize(text)
    return build_doc(text, [(t.start, t.end) for t in tokens])


def lexicon_matches(text: str, tokens: Optional[list[Token]] = None, doc: Optional[Doc] = None) -> LexiconMatches:
    """The lexicon phrases of ``text`` on its words; ``doc`` is the pipeline's ``Doc`` over
    ``text`` (one is built from the words when none is given)."""
    tokens = tokens if tokens is not None else tokenize(text)
    return LexiconMatches(text, tokens, doc if doc is not None else phrase_doc(text, tokens))


@lru_cache(maxsize=1)
def _qualifier_prefixes() -> frozenset[str]:
    return frozenset(w.casefold() for w in _data()["qualifier_prefixes"])


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

    def __init__(self, text: str, tokens: list[Token], stops: frozenset[int], found: LexiconMatches):
        self.text = text
        self.tokens = tokens
        self.stops = stops
        self.found = found

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
        org = self.found.match(ORGANIZATION, i)
        country = self.found.match(COUNTRY, i)
        if country is None and self.tokens[i].text.casefold() in _qualifier_prefixes() and self.joined(i + 1):
            country = self.found.match(COUNTRY, i + 1)
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
            if word.casefold() in _data_title_stop_words() or self.found.match(HONORIFIC, j):
                break  # a new title, a weekday, a rank before the name (Komisaris Besar Argo …)
            j += 1
        while j > i and (self.tokens[j - 1].text in connectors or self.tokens[j - 1].text == "sama" and j - 1 == i):
            j -= 1
        return j

    def scan(self, i: int) -> Optional[tuple[int, TitleMatch]]:
        found = self.found.match(HEAD, i)
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
                if is_abbreviation(inner) or self.found.match(HEAD, j + 1):
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
    weekdays_months = {w.casefold() for w in calendar_names()}
    heads = {key[0] for key in _heads().entries if len(key) == 1}
    return frozenset(weekdays_months | heads)




def find_titles(
    text: str,
    stops: Iterable[int] = (),
    tokens: Optional[list[Token]] = None,
    doc: Optional[Doc] = None,
    found: Optional[LexiconMatches] = None,
) -> list[TitleMatch]:
    """Every title phrase in ``text``, left to right, not overlapping.

    ``stops`` are character offsets where a person's name starts (from NER): a portfolio or
    region never runs past one (``Dirjen Imigrasi`` | ``Ronny Sompie``). ``doc`` is the
    pipeline's ``Doc`` over ``text`` (its lexicon phrases are matched there); ``found`` the
    :class:`LexiconMatches` already computed for ``text`` and ``tokens``.
    """
    if found is None:
        found = lexicon_matches(text, tokens, doc)
    tokens = found.tokens
    scanner = _Scanner(text, tokens, frozenset(stops), found)
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
    org = _organization(phrase.strip())
    return org.name if org is not None else None


def organization_country(phrase: str) -> Optional[str]:
    """The state an organisation phrase implies (``TNI`` → ``ID``), else ``None``."""
    org = _organization(phrase.strip())
    return org.country if org is not None else None


@lru_cache(maxsize=8192)
def _organization(phrase: str) -> Optional[_Org]:
    """The organisation a whole phrase names (a lookup of the phrase as a lexicon key)."""
    tokens = tokenize(phrase)
    org = _organizations().lookup(tokens, phrase) if tokens else _MISSING
    return org if isinstance(org, _Org) else None
