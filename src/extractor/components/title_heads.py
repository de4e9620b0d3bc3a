"""``title_heads``: title phrases as ``doc.spans["title_head"]``.

A title phrase is a head of ``titles.json`` (``Menlu``, ``Dirjen``, ``Dubes``) and what its kind
lets follow (a portfolio, a region, an envoy's posting), then organisations and country names
that qualify it (``Dirjen Kerja sama ASEAN Kemlu``, ``Menlu RI``, ``Sekjen PBB``); a title that
qualifies the next one is one title (``Ketua Tim Ahli Wapres``). The grammar reads the lexicon's
words and the ``title_lexicon`` phrases placed on them; a portfolio never runs into a person's
name (``doc.spans["person_name"]``: ``Dirjen Imigrasi`` | ``Ronny Sompie``).

Pattern id ``title_head|<head>`` (the head's words as matched, casefolded; ``+`` between the
heads of a compound title), value the expanded title (``Menteri Luar Negeri``). Each span's
``span._.title_matches`` holds the :class:`TitleMatch` objects over its characters: exact
offsets, organisation, country and where the country came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from ..nlp.spacy_doc import doc_text
from ..nlp.words import Word, has_line_break, token_columns
from ..normalize.text import collapse_spaces
from ..normalize.countries import is_abbreviation
from ..normalize.titles import (
    body_institution_words,
    body_nouns,
    body_title_heads,
    portfolio_state_words,
    region_words,
    HEAD,
    HONORIFIC,
    ORGANIZATION,
    COUNTRY,
    Head,
    Org,
    country_codes,
    envoy_postings,
    envoy_qualifiers,
    former_markers,
    is_capitalised,
    place_markers,
    portfolio_connectors,
    qualifier_prefixes,
    spell_portfolio,
    title_stop_words,
)
from . import component, spans
from .person_names import person_names
from .title_lexicon import LexiconMatches, lexicon_words, phrase_doc

KEY = "title_head"
_MATCHES = "matches"  # the group's title matches in order, as plain values (no Underscore per read)

if not Span.has_extension("title_matches"):
    Span.set_extension("title_matches", default=None)


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
    head: str = ""  # the head's words as matched, casefolded (the pattern id)
class _Scanner:
    """Parses one title phrase from a head onwards."""

    def __init__(self, text: str, tokens: list[Word], stops: frozenset[int], found: LexiconMatches):
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
        return not has_line_break(self.text[self.tokens[i - 1].end : self.tokens[i].start])

    def qualifier(self, i: int) -> Optional[tuple[int, str, object]]:
        """An organisation or country phrase at token ``i``: ``(end index, kind, value)``."""
        if not self.joined(i):
            return None
        org = self.found.match(ORGANIZATION, i)
        country = self.found.match(COUNTRY, i)
        if country is None and self.tokens[i].text.casefold() in qualifier_prefixes() and self.joined(i + 1):
            country = self.found.match(COUNTRY, i + 1)
        if org is not None and (country is None or org[0] >= country[0]):
            return org[0], "organization", org[1]
        if country is not None and country[1] is not None:
            if country[1] in country_codes():
                return country[0], "country", country[1]
        return None

    def words(self, i: int, allow_qualifier_inside: bool, limit: int = 8) -> int:
        """Capitalised words and connectors from token ``i``; returns the index after them."""
        connectors = portfolio_connectors()
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
                    and is_capitalised(self.tokens[k + 1].text)
                    and self.tokens[k + 1].text.casefold() not in title_stop_words()
                )
                # "Direktur Perlindungan WNI dan Badan Hukum Indonesia": the state qualifies the phrase.
                attribute = qualifier[1] == "country" and self._after_state_words(i, j)
                if not (allow_qualifier_inside and (after_join or enumerated or attribute)):
                    break
                j = qualifier[0]
                continue
            if word in connectors or word.casefold() in {"sama"}:
                j += 1
                continue
            if not (word[:1].isalpha() and is_capitalised(word)):
                break
            if word.casefold() in title_stop_words() or self.found.match(HONORIFIC, j):
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
        assert isinstance(head, Head)
        title, organization = head.title, head.organization
        body_start = None  # where the body a title heads starts, when its words name one
        if head.kind == "portfolio":
            end = self.words(j, allow_qualifier_inside=True)
            if end > j and self._names_body(j, end, head):
                body_start, end = j, self._skip_short_name(end)
                organization = organization or self._written(j, end)
            elif end > j:
                portfolio = spell_portfolio(collapse_spaces(self.text[self.tokens[j].start : self.tokens[end - 1].end]))
                title = f"{title} {portfolio}"
            j = end
        elif head.kind == "closed" and self._ministry_written_out(i, head):
            # "Menteri Perdagangan dan Industri Singapura": a portfolio that goes on past the
            # Indonesian ministry's name is another state's ministry (title to the last word).
            end = self.words(j + 1, allow_qualifier_inside=False, limit=4) if self._goes_on(j) else j
            if end > j + 1:  # the title as written (Menteri Tenaga Kerja dan Transmigrasi)
                title = spell_portfolio(collapse_spaces(self.text[self.tokens[i].start : self.tokens[end - 1].end]))
                organization, j = None, end
        elif head.kind == "region":
            end = self._region_end(j, self.words(j, allow_qualifier_inside=False, limit=4))
            if end > j and head.region_organization:
                region = collapse_spaces(self.text[self.tokens[j].start : self.tokens[end - 1].end])
                organization = organization or f"{head.region_organization} {region}"
            j = end
        country, country_source = None, None
        qualified = False  # the first organisation named is the most specific (Korlantas Polri)
        for round_ in range(3):
            inner = self._sub_portfolio(j) if round_ == 0 and head.kind in ("portfolio", "closed") else None
            if inner is not None:  # "Menteri Pendidikan (Pendidikan Dasar) Singapura"
                title, j = f"{title} ({collapse_spaces(self.text[self.tokens[j + 1].start : self.tokens[inner - 2].end])})", inner
            j = self._skip_parenthetical(j)
            if head.kind == "envoy":
                while j < len(self.tokens) and self.joined(j) and self.tokens[j].text in envoy_qualifiers():
                    j += 1  # "Duta Besar LBBP Designate Resident Republik Kuba"
            qualifier = self.qualifier(j)
            if qualifier is None:
                break
            j, kind, value = qualifier
            if kind == "organization":
                assert isinstance(value, Org)
                if not qualified:
                    organization, qualified = value.name, True
                if country is None and value.country:
                    country, country_source = value.country, "organization"
                elif country is None:
                    country_source = "international"  # Sekjen PBB serves no state
            elif country_source != "explicit":
                country, country_source = str(value), "explicit"
        if head.kind == "portfolio" and body_start is None and title == head.title and head.title in body_title_heads():
            # "Kepala Indonesia Trade and Promotion Center (ITPC) Gunawan": a state, then the body.
            end = self.words(j, allow_qualifier_inside=True)
            if end > j and self._has_institution_word(j, end):
                start = found[0] if country_source == "explicit" else j
                organization = organization if qualified else self._written(start, self._skip_short_name(end))
                j = self._skip_short_name(end)
        if head.kind == "envoy":
            j = self._skip_posting(j)
        if country is None and head.country:
            country, country_source = head.country, "institution"
        elif country is None and country_source is None and head.weak_country:
            country, country_source = head.weak_country, "default"
        start = self.tokens[i].start
        former = self._former_before(i)
        pattern = " ".join(t.text.casefold() for t in self.tokens[i:found[0]])
        return j, TitleMatch(start, self.tokens[j - 1].end, title, organization, country, country_source, former, pattern)

    def _region_end(self, j: int, end: int) -> int:
        """``Wali Kota Surabaya Eri Cahyadi`` where NER found no person: a region is prefixes
        (``Pulau``, ``Daerah Istimewa``), one word and compass words (``Sulawesi Tengah``,
        ``Nusa Tenggara Barat``); two or more capitalised words after it are the holder's name."""
        if end - j < 3:
            return end
        prefixes, compass = region_words()
        k = j
        for prefix in prefixes:
            if tuple(t.text.casefold() for t in self.tokens[k : k + len(prefix)]) == prefix:
                k += len(prefix)
                break
        while k < end and self.tokens[k].text.isupper() and self.tokens[k].text.isalpha():
            k += 1  # DKI Jakarta
        k += 1
        while k < end and self.tokens[k].text.casefold() in compass:
            k += 1
        rest = self.tokens[k:end]
        if len(rest) < 2 or any(t.text.casefold() in compass or not t.text[:1].isalpha() for t in rest):
            return end
        return k

    def _after_state_words(self, i: int, j: int) -> bool:
        """Whether the portfolio words from ``i`` up to token ``j`` end with a phrase a state
        qualifies (``Warga Negara``, ``Badan Hukum``)."""
        words = tuple(t.text.casefold() for t in self.tokens[i:j])
        return any(len(phrase) <= len(words) and words[-len(phrase) :] == phrase for phrase in portfolio_state_words())

    def _names_body(self, j: int, end: int, head: Head) -> bool:
        """Whether the words after a title head name the body it heads, not a portfolio: an
        acronym after a head of bodies (``Ketua ACONDIP``, ``Direktur CPB``), a word that opens a
        body's name (``Kepala Badan …``, ``Komandan Pasukan Quds``, ``Ketua Parlemen``) or an
        institution word (``Sekjen Jeddah Chamber of Commerce``). Ministers' portfolios stay."""
        if head.title.startswith(("Menteri", "Wakil Menteri")):
            return False
        first = self.tokens[j].text
        if head.title in body_title_heads() and len(first) > 1 and first.isalpha() and first.isupper():
            return True
        words = tuple(t.text.casefold() for t in self.tokens[j:end])
        if any(words[: len(noun)] == noun for noun in body_nouns()):
            # "Wakil Ketua Badan Legislasi DPR", "Kepala Badan Geologi Kementerian ESDM": a unit of the
            # body named after it stays in the title, as committees do (Wakil Ketua Komisi I).
            # A state's body: "Kantor PBB Jenewa" is the body itself.
            qualifier = self.qualifier(end)
            return qualifier is None or qualifier[1] != "organization" or qualifier[2].country is None
        return self._has_institution_word(j, end)

    def _has_institution_word(self, j: int, end: int) -> bool:
        return any(t.text.casefold() in body_institution_words() for t in self.tokens[j:end])

    def _skip_short_name(self, j: int) -> int:
        """``(ITPC)``, ``(Kadin Jeddah)`` right after a body's name: its short name, part of it."""
        if j + 2 < len(self.tokens) and self.joined(j) and self.tokens[j].text == "(":
            k = j + 1
            while k < len(self.tokens) and k - j <= 4 and self.tokens[k].text[:1].isupper():
                k += 1
            if k < len(self.tokens) and k > j + 1 and self.tokens[k].text == ")":
                return k + 1
        return j

    def _written(self, j: int, end: int) -> str:
        """The words from token ``j`` to ``end`` as written, a bracket after them left out."""
        while end > j + 1 and self.tokens[end - 1].text == ")":
            end = next((k for k in range(end - 2, j, -1) if self.tokens[k].text == "("), end - 1)
        return collapse_spaces(self.text[self.tokens[j].start : self.tokens[end - 1].end])

    def _ministry_written_out(self, i: int, head: Head) -> bool:
        """Whether the head at token ``i`` is a ministry's title written out (``Menteri Perdagangan``,
        not ``Mendag``)."""
        return head.title.startswith(("Menteri ", "Wakil Menteri ")) and self.tokens[i].text in ("Menteri", "Wakil")

    def _goes_on(self, j: int) -> bool:
        """``dan``/``serta`` and a capitalised portfolio word at token ``j`` (not a title, a state,
        a body or a name)."""
        if not (j + 1 < len(self.tokens) and self.joined(j) and self.tokens[j].text in ("dan", "serta") and self.joined(j + 1)):
            return False
        word = self.tokens[j + 1].text
        if not (word[:1].isalpha() and is_capitalised(word)) or word.casefold() in title_stop_words():
            return False
        return self.found.match(HEAD, j + 1) is None and self.qualifier(j + 1) is None and self.found.match(HONORIFIC, j + 1) is None

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

    def _sub_portfolio(self, j: int) -> Optional[int]:
        """``(Pendidikan Tinggi dan Keterampilan)`` right after a title: capitalised words and
        connectors in brackets that name a part of the portfolio; the index after the bracket."""
        if not (j + 2 < len(self.tokens) and self.joined(j) and self.tokens[j].text == "("):
            return None
        connectors = portfolio_connectors()
        k = j + 1
        while k < len(self.tokens) and k - j <= 6 and self.tokens[k].text != ")":
            word = self.tokens[k].text
            if not self.joined(k) or not (word in connectors or word[:1].isupper() and word[:1].isalpha() and not word.isupper()):
                return None  # a name (Menlu RI (Retno LP Marsudi)), an acronym, a lowercase word
            if self.found.match(HEAD, k) or self.found.match(COUNTRY, k) or self.found.match(ORGANIZATION, k):
                return None
            k += 1
        if k >= len(self.tokens) or self.tokens[k].text != ")" or k < j + 3 or self.tokens[k - 1].text in connectors:
            return None
        return k + 1

    def _skip_posting(self, j: int) -> int:
        """``untuk Jepang`` / ``di Singapura`` after an envoy's title: the posting, not his state."""
        postings = envoy_postings()
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
        markers = former_markers()
        return i > 0 and self.tokens[i - 1].text in markers


def find_titles(text: str, stops: Iterable[int] = (), doc: Optional[Doc] = None) -> list[TitleMatch]:
    """Every title phrase in ``text``, left to right, not overlapping.

    ``stops`` are character offsets where a person's name starts: a portfolio or region never
    runs past one (``Dirjen Imigrasi`` | ``Ronny Sompie``). ``doc`` is a Doc over ``text`` (its
    lexicon phrases are matched there); by default one is built over the text's words.
    """
    found = lexicon_words(doc if doc is not None else phrase_doc(text))
    tokens = found.tokens
    scanner = _Scanner(text, tokens, frozenset(stops), found)
    markers = place_markers()
    matches = []
    heads = found.starts(HEAD)  # a title starts with a head: the other words need no scan
    i = 0
    while i < len(tokens):
        scanned = scanner.scan(i)
        if scanned is None:
            k = bisect_right(heads, i)
            i = heads[k] if k < len(heads) else len(tokens)
            continue
        end, match = scanned
        # "Ketua Tim Ahli Wapres Sofjan Wanandi": a title that qualifies the next one is one title.
        following = scanner.scan(end) if scanner.joined(end) else None
        # A title that names its state is whole (Menlu Arab Saudi | Pangeran Faisal bin Farhan).
        if following is not None and not match.former and match.country_source != "explicit":
            end, second = following
            match = TitleMatch(
                match.start,
                second.end,
                f"{match.title} {second.title}",
                match.organization or second.organization,
                match.country if match.country_source not in (None, "default") else second.country,
                match.country_source if match.country_source not in (None, "default") else second.country_source,
                head=f"{match.head}+{second.head}",
            )
        # "Bandara Sultan Hasanuddin", "Jalan Gubernur Suryo": a place named after an office.
        if not (i > 0 and scanner.joined(i) and tokens[i - 1].text in markers):
            matches.append(match)
        i = end
    return matches


@component("title_heads", assigns=[f"spans:{KEY}"], requires=["spans:title_lexicon", "spans:person_name"])
def title_heads(doc: Doc) -> Doc:
    stops = {start for start, _ in person_names(doc)}
    expand = token_columns(doc).expand  # the tokens ``doc.char_span(..., alignment_mode="expand")`` covers
    by_span: dict[tuple[int, int], list[TitleMatch]] = {}
    for match in find_titles(doc_text(doc), stops, doc):
        tokens = expand(match.start, match.end)
        if tokens is not None:
            by_span.setdefault(tokens, []).append(match)
    found = []
    for (first, last), matches in by_span.items():
        span = Span(doc, first, last, label=f"{KEY}|{matches[0].head}", kb_id=matches[0].title)
        span._.title_matches = matches
        found.append(span)
    doc.spans[KEY] = found
    doc.spans[KEY].attrs[_MATCHES] = sorted((m for matches in by_span.values() for m in matches), key=lambda m: m.start)
    return doc


def title_matches(doc: Doc) -> list[TitleMatch]:
    """The title phrases of ``doc``, left to right."""
    group = spans(doc, KEY)
    found = group.attrs.get(_MATCHES)
    if found is None:  # a group built elsewhere
        found = sorted((m for span in group for m in span._.title_matches), key=lambda m: m.start)
    return list(found)
