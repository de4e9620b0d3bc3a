"""Priority areas: the areas of cooperation an article puts forward (spec § priority_areas).

An area phrase from the lexicon of ``resources/priority_areas.json`` counts only inside a
priority, focus or agreement framing. The framings, each a section of the lexicon file:

* **forward cues** (``cues``): a priority, focus, agreement, signature word of the same sentence,
  followed by the area within ``max_gap_words`` words (``tiga area prioritas kerja sama yaitu
  kontra terorisme``, ``sepakat terus meningkatkan kerja sama dalam sektor kelapa sawit``), or
  within ``extended_gap_words`` when a ``field_markers`` phrase introduces the area (``sepakat
  akan tingkatkan kerja sama ini lebih baik lagi terutama dalam hal pembangunan ekonomi``);
* **commitment cues** (``commitment_cues``): a plan or commitment that governs a cooperation verb
  and its cooperation object (``berencana memperkuat kerja sama ekonomi``, ``berkomitmen membantu
  dan memperkuat kerja sama ..., terutama dalam bidang infrastruktur``), read as a forward cue
  ending at the verb; the cooperation verb and its object alone, as the clause's predicate
  (``Kedua negara memperluas kerja sama di sektor perikanan``, the headline's ``RI-Jepang Perkuat
  Kerja Sama Pertahanan``), unless a need, wish, call, discussion or an established relationship
  stands before it in its clause (``headless_blocker_window``); a party's commitment to an act, its
  plan or its readiness (``direct_heads``: ``berkomitmen untuk berinvestasi``, ``siap membantu
  perluasan inklusi keuangan``), reaching the area it governs within ``direct_max_gap_words``;
* **purpose cues** (``purpose_cues``): the stated purpose or main aim of a visit, a meeting or a
  cooperation (``Kunjungan kerja Presiden ke Abu Dhabi bertujuan menjemput investasi``, ``Kerja
  sama kedua negara akan diarahkan pada ...``, ``Tujuan utamanya perkuat kerja sama ekonomi``), read
  as a forward cue when a meeting noun or a cooperation stands next to it; an organisation's or a
  program's aim frames nothing;
* **enumerated lists** (``enumerated_lists``): a cue whose sentence ends in a colon a few words
  after it (``Tiga komitmen yang sudah disepakati yakni:``) frames the lines after it that open
  with an enumerator (``1.``, ``2)``, a bullet, an ordinal word and a comma: ``Pertama,``);
* **outcome cues** (``outcome_cues``): what a meeting produced (``Pertemuan itu menghasilkan
  beberapa poin di antaranya ... berbagi data terkait pergerakan FTF``) frames the rest of the
  sentence, whatever the distance;
* **post cues** (``post_cues``): a list of areas followed, through linking words only, by a focus
  word (``energi dan pertanian, yang merupakan konsen Presiden``, ``Isu reformasi di tubuh PBB
  menjadi salah satu agenda yang menjadi fokus Indonesia``);
* **announced lists** (``announcement``): a cue sentence that announces a counted list without
  naming it (``terdapat tiga bidang kerja sama yang diutamakan.``, ``kedua negara menyepakati tiga
  hal.``): the list then runs on at the start of the next sentence, or over the ordinal-enumerated
  sentences after it (``Pertama, kerja sama perdagangan. Kedua, investasi ...``);
* **document titles** (``document_titles``): areas named in a signed document's title
  (``Deklarasi ... Penanggulangan Bencana``, ``Defence Cooperation Agreement``).

Priority areas are areas of cooperation: in an article with no word of foreign relations
(``cooperation_context``: ``bilateral``, ``kedua negara``, ``Menlu``, ``ASEAN``, ...) and no
sentence naming a cooperation between two parties, only a sentence that reports an act between
parties (``bilateral_acts``) and names a foreign state, bloc or capital (``doc.spans["party"]``,
``["party_part"]``, ``["capital"]``; not ``dolar AS``) frames an area (``Indonesia dan Brasil
menandatangani MoU di bidang energi``), and so does a later sentence of such an act that refers
back to its parties (``party_anaphors``: ``Menteri Perdagangan Jepang bertemu Mendag ... Keduanya
sepakat ...``); a ministry's budget ``difokuskan untuk ... infrastruktur``
and one party's own focus (``Jepang fokus pada ekspor ... termasuk AS``) put none forward.

Every further area chained to a framed one as a list (``kontra terorisme, keamanan siber dan
penanganan bencana``) counts too. A cue followed by a demonstrative (``usulan prioritas kerja sama
tersebut``) refers back to areas already named and frames nothing new, unless the demonstrative
goes on to state the scope (``MoU tersebut mencakup kerja sama energi``, ``Kesepakatan itu antara
lain mencakup ...``, ``anaphor_scope``) or points at the meeting the cue ends in (``Hasil
kunjungan itu ...``). A discussion, a need or a
contrast between a cue and an area (``sepakat untuk membahas``, ``perlunya``, ``namun``) ends the
cue's reach: topics merely discussed (``membahas ... ekonomi``, ``perlunya peningkatan kerja sama
ekonomi``) are not areas. A need, wish or call right before a forward cue (``cue_pre_blockers``:
``perlu menandatangani MoU``) and a negation right before any cue (``negation``: ``belum
menyepakati``, ``tidak menghasilkan``; not ``tidak hanya``) void it. An area word inside an
office or body name (``Menteri Perdagangan``, ``Menko bidang Perekonomian``) or inside a
``non_areas`` phrase (``krisis kemanusiaan``, ``Kawasan Industri Gresik``) is no area.

Matching runs on the ``Doc``'s tokens: the ``priority_phrases`` component runs one spaCy
``PhraseMatcher`` (on ``LOWER``), built once per vocab (:func:`priority_matcher`), over the Doc
(and a token ``Matcher`` around whitespace tokens, for phrases spaced by them), and
writes every lexicon phrase of the document to ``doc.spans["cue"]`` (framing phrases, pattern id
the lexicon section: ``cue``, ``commitment_head``, ``outcome``, ``field``, ``context``...) and
``doc.spans["area"]`` (pattern id ``area|<slug>`` or ``non_area``, value the slug), with the
hyphenated compound tokens whose last part names an area (``compound_suffixes``: ``IA-CEPA``). The
phrases become token patterns split the way the pipeline's tokenizers split words
(whitespace and punctuation apart, hyphens as tokens of their own, ``kontra-terorisme`` →
``kontra`` ``-`` ``terorisme``, with the spelled-together and spaced variants too); a run of
spaces or a non-breaking space (a whitespace token of its own) may stand between two words of a
phrase, a line break may not. Among
overlapping phrases of one kind, the leftmost-longest wins, scanning from where a framing starts.
The framings then work on token indices within ``doc.sents``; distances are counted in words,
a hyphenated compound (``kontra-terorisme``) and a punctuation mark each counting as one.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import dropwhile, islice
from typing import Iterable, Iterator, Optional

from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER, SPACY
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from ..resource_data import load_resource
from ..components import spans
from ..components.boilerplate import KEY as BOILERPLATE
from ..components.boilerplate import in_boilerplate
from ..components.parties import CAPITAL_KEY as CAPITAL
from ..components.parties import KEY as PARTY
from ..components.parties import PART_KEY as PARTY_PART
from ..nlp.matchers import once_per_vocab
from ..nlp.spacy_doc import doc_text
from ..pipeline import ExtractionContext, RecordStage
from ..records import PriorityArea, PriorityAreaSlug, Span

_HYPHENS = ("-", "\u2010", "\u2011")
_HYPHEN_TO_SPACE = {ord(h): " " for h in _HYPHENS}
_HYPHEN_TO_MINUS = {ord(h): "-" for h in _HYPHENS}
_HYPHEN_SET = frozenset(_HYPHENS)
_INLINE_SPACE = frozenset(" \u00a0")
# Characters that break a clause wherever they stand; a full stop breaks before whitespace.
_BREAK_CHARS = frozenset(";:!?")
# Words that, right before an area, may separate it from the office naming it
# (``Menteri Koordinator bidang Perekonomian``).
_OFFICE_LINKS = frozenset({"bidang", "urusan"})
_UNBOUNDED = 10**6
# Words of a gap between two areas that holds list joiners only (``dan penguatan kerja sama di sektor``).
_JOINER_GAP_WORDS = 8
# Words a cue's phrase may run on before a colon that opens its list.
_COLON_HEAD_WORDS = 4
# Words between a cue and the count word of the list it announces (``menyepakati tiga hal.``).
_ANNOUNCED_COUNT_WORDS = 2
# Tokens before an area searched for the office name that would swallow it (its last two words are read).
_OFFICE_WINDOW_TOKENS = 16
_NOT_AREA = "non_area"
_AREA_PREFIX = "area|"
CUE, AREA = "cue", "area"
# Between two words of a phrase: any run of spaces or non-breaking spaces, no line break.
_SPACE_TOKEN = {"IS_SPACE": True, "OP": "*"}


def _pieces(text: str) -> list[str]:
    """A phrase as the tokenizers split it: letter/digit runs, and every other non-space
    character on its own (an underscore is neither)."""
    pieces: list[str] = []
    run = ""
    for char in text:
        if char.isalnum():
            run += char
            continue
        if run:
            pieces.append(run)
            run = ""
        if not char.isspace() and char != "_":
            pieces.append(char)
    if run:
        pieces.append(run)
    return pieces


def _phrase_words(phrase: str) -> list[str]:
    """A phrase's words as the framings count them: a hyphenated compound one word, each
    punctuation mark one."""
    words: list[str] = []
    for chunk in phrase.split():
        chunk_words: list[str] = []
        for piece in _pieces(chunk):
            if piece.isalnum() and len(chunk_words) >= 2 and chunk_words[-1] in _HYPHENS and chunk_words[-2][-1:].isalnum():
                hyphen = chunk_words.pop()
                chunk_words[-1] += hyphen + piece
            else:
                chunk_words.append(piece)
        words += chunk_words
    return words


@lru_cache(maxsize=1)
def priority_lexicon() -> dict:
    return load_resource("priority_areas.json")


def _folded_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def _fold(phrase: str) -> str:
    """Lexicon key of a phrase as written: casefolded, hyphens and whitespace runs as one space."""
    return " ".join(phrase.casefold().translate(_HYPHEN_TO_SPACE).split())


@dataclass(frozen=True)
class PriorityLexicon:
    """The lexicon's word lists and limits (the phrase lists live in :func:`priority_matcher`)."""

    area_of: dict[str, str]
    post_linkers: frozenset[str]
    post_max_gap_words: int
    blockers: frozenset[str]
    scope_words: frozenset[str]
    scope_fillers: frozenset[str]
    gap_blockers: frozenset[str]
    area_blockers: frozenset[str]
    joiners: frozenset[str]
    max_gap_words: int
    extended_gap_words: int
    commitment_between: int
    commitment_to_object: int
    head_blockers: frozenset[str]
    head_blocker_window: int
    headless_blocker_window: int
    verbs_needing_head: frozenset[str]
    headless_blockers: frozenset[str]
    headless_after_blockers: frozenset[str]
    direct_max_gap_words: int
    cue_pre_blockers: frozenset[str]
    negators: frozenset[str]
    negation_exceptions: frozenset[str]
    negation_window: int
    bullets: frozenset[str]
    ordinal_enumerators: frozenset[str]
    purpose_subject_window: int
    max_list_items: int
    count_words: frozenset[str]
    count_numerals: bool
    separators: frozenset[str]
    list_item_max_words: int
    list_gap_max_words: int
    continuations: frozenset[str]
    continuation_max_words: int
    title_connectors: frozenset[str]
    title_max_words: int
    trailing_heads: frozenset[str]
    area_nouns: frozenset[str]


@lru_cache(maxsize=1)
def priority_patterns() -> PriorityLexicon:
    lexicon = priority_lexicon()
    area_of: dict[str, str] = {}
    for slug, phrases in lexicon["areas"].items():
        PriorityAreaSlug(slug)  # fail loudly on a slug the spec's taxonomy does not know
        for phrase in phrases:
            area_of[_fold(phrase)] = slug
    commitment = lexicon["commitment_cues"]
    announcement = lexicon["announcement"]
    return PriorityLexicon(
        area_of=area_of,
        post_linkers=_folded_set(lexicon["post_linkers"]),
        post_max_gap_words=int(lexicon["post_max_gap_words"]),
        blockers=_folded_set(lexicon["cue_blockers"]),
        scope_words=_folded_set(lexicon["anaphor_scope"]["words"]),
        scope_fillers=_folded_set(lexicon["anaphor_scope"]["fillers"]),
        gap_blockers=_folded_set(lexicon["gap_blockers"]),
        area_blockers=_folded_set(lexicon["area_blockers"]),
        joiners=frozenset(w.casefold() for phrase in lexicon["list_joiners"] for w in _phrase_words(phrase)),
        max_gap_words=int(lexicon["max_gap_words"]),
        extended_gap_words=int(lexicon["extended_gap_words"]),
        commitment_between=int(commitment["max_words_between"]),
        commitment_to_object=int(commitment["max_words_to_object"]),
        head_blockers=_folded_set(commitment.get("head_blockers", ())),
        head_blocker_window=int(commitment.get("head_blocker_window", 0)),
        headless_blocker_window=int(commitment.get("headless_blocker_window", 0)),
        verbs_needing_head=_folded_set(commitment.get("verbs_needing_head", ())),
        direct_max_gap_words=int(commitment.get("direct_max_gap_words", 0)),
        cue_pre_blockers=_folded_set(lexicon.get("cue_pre_blockers", ())),
        negators=_folded_set(lexicon.get("negation", {}).get("words", ())),
        negation_exceptions=_folded_set(lexicon.get("negation", {}).get("exceptions", ())),
        negation_window=int(lexicon.get("negation", {}).get("window", 0)),
        headless_blockers=_folded_set(commitment.get("head_blockers", ()))
        | _folded_set(commitment.get("headless_blockers", ())),
        headless_after_blockers=_folded_set(commitment.get("headless_after_blockers", ())),
        count_words=_folded_set(announcement["count_words"]),
        count_numerals=announcement["count_numerals"],
        separators=_folded_set(lexicon["list_separators"]),
        list_item_max_words=int(lexicon["list_item_max_words"]),
        list_gap_max_words=int(lexicon["list_gap_max_words"]),
        continuations=_folded_set(lexicon.get("list_continuations", ())),
        continuation_max_words=int(lexicon.get("list_continuation_max_words", 0)),
        title_connectors=_folded_set(lexicon["document_titles"]["connectors"]),
        title_max_words=int(lexicon["document_titles"]["max_words"]),
        trailing_heads=frozenset(" ".join(_phrase_words(h.casefold())) for h in lexicon["document_titles"].get("trailing_heads", ())),
        area_nouns=_folded_set(announcement["area_nouns"]),
        bullets=frozenset(lexicon.get("enumerated_lists", {}).get("bullets", ())),
        ordinal_enumerators=_folded_set(lexicon.get("enumerated_lists", {}).get("ordinals", ())),
        purpose_subject_window=int(lexicon.get("purpose_cues", {}).get("subject_window", 0)),
        max_list_items=int(lexicon.get("enumerated_lists", {}).get("max_items", 0)),
    )


def area_slug(phrase: str) -> Optional[str]:
    """The taxonomy slug of an area phrase (``penanggulangan bencana alam`` → ``disaster_management``)."""
    return priority_patterns().area_of.get(_fold(phrase))


# --------------------------------------------------------------------------- phrase matcher


def _phrase_sections(lexicon: dict) -> dict[str, list[str]]:
    """Matcher label → the lexicon phrases it finds. Area labels carry their slug."""
    commitment = lexicon["commitment_cues"]
    outcome = lexicon["outcome_cues"]
    sections = {
        _AREA_PREFIX + slug: list(phrases) for slug, phrases in lexicon["areas"].items()
    }
    sections.update(
        {
            _NOT_AREA: lexicon.get("non_areas", []),
            "cue": lexicon["cues"],
            "commitment_head": commitment["heads"],
            "commitment_verb": commitment["verbs"],
            "commitment_object": commitment["objects"],
            "commitment_direct": commitment.get("direct_heads", []),
            "outcome": outcome["cues"],
            "outcome_subject": outcome["subjects"],
            "post_cue": lexicon["post_cues"],
            "field": lexicon["field_markers"],
            "context": lexicon["cooperation_context"],
            "list_noun": lexicon["counted_lists"]["nouns"],
            "list_intro": lexicon["counted_lists"]["introducers"],
            "document_head": lexicon["document_titles"]["heads"],
            "bilateral_act": lexicon.get("bilateral_acts", []),
            "purpose": lexicon.get("purpose_cues", {}).get("cues", []),
            "party_anaphor": lexicon.get("party_anaphors", []),
        }
    )
    return sections


def phrase_token_variants(phrase: str) -> list[list[str]]:
    """The token sequences a phrase may appear as: words split on whitespace and punctuation,
    each hyphen of a compound a token of its own (any hyphen character), a space, or nothing
    (``kontra-terorisme``: ``kontra - terorisme``, ``kontra terorisme``, ``kontraterorisme``),
    or the whole compound as one token for tokenizers that keep it together."""
    variants: list[list[str]] = [[]]
    for word in phrase.split():
        parts = word.translate(_HYPHEN_TO_MINUS).split("-")
        if not all(_pieces(part) for part in parts):
            parts = [word]  # a hyphen with no word on one side is punctuation of its own
        forms: list[list[str]] = [_pieces(parts[0])]
        for part in parts[1:]:
            pieces = _pieces(part)
            forms = [
                form
                for head in forms
                for form in (
                    *(head + [hyphen] + pieces for hyphen in _HYPHENS),
                    head + pieces,  # spaced apart
                    head[:-1] + [head[-1] + pieces[0]] + pieces[1:],  # spelled together
                )
            ]
        if len(parts) > 1:
            forms += [[hyphen.join(parts)] for hyphen in _HYPHENS]
        variants = [v + f for v in variants for f in forms]
    return [v for v in variants if v]


def _phrase_token_sets(vocab: Vocab) -> dict[str, list[tuple[str, ...]]]:
    return {
        label: sorted({tuple(w.lower() for w in v) for p in phrases for v in phrase_token_variants(p)})
        for label, phrases in _phrase_sections(priority_lexicon()).items()
    }


@once_per_vocab
def priority_matcher(vocab: Vocab) -> PhraseMatcher:
    """The lexicon's phrase matcher (on ``LOWER``), built once per vocab; labels are the lexicon
    sections (``cue``, ``field``, ``context``, ...) and ``area|<slug>``."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for label, variants in _phrase_token_sets(vocab).items():
        matcher.add(label, [Doc(vocab, words=list(words)) for words in variants])
    return matcher


@once_per_vocab
def spaced_phrase_matcher(vocab: Vocab) -> tuple[Matcher, int]:
    """The lexicon's phrases of several words as token patterns with whitespace tokens allowed
    between the words (a run of spaces, a non-breaking space), and the longest phrase in tokens.
    A ``Matcher`` is slow with this many patterns: it only reads the tokens around a whitespace
    token (:func:`phrase_spans`)."""
    matcher = Matcher(vocab)
    longest = 1
    for label, variants in _phrase_token_sets(vocab).items():
        patterns = []
        for words in variants:
            if len(words) < 2:
                continue
            longest = max(longest, len(words))
            pattern: list[dict] = []
            for word in words:
                if pattern:
                    pattern.append(_SPACE_TOKEN)
                pattern.append({"LOWER": word})
            patterns.append(pattern)
        if patterns:
            matcher.add(label, patterns)
    return matcher, longest


@once_per_vocab
def _spaced_word_pairs(vocab: Vocab) -> frozenset[tuple[int, int]]:
    """``LOWER`` hashes of each two consecutive words of the lexicon's phrases of several words."""
    strings = vocab.strings
    return frozenset(
        (strings.add(words[k]), strings.add(words[k + 1]))
        for variants in _phrase_token_sets(vocab).values() for words in variants for k in range(len(words) - 1)
    )


def _between_phrase_words(inline: list[int], lower: list[int], space: list[int], pairs: frozenset) -> set[int]:
    """The inline whitespace tokens whose nearest words either side are two consecutive words of
    a phrase: a spaced phrase can only be found around one of them."""
    kept = set()
    n = len(lower)
    for i in inline:
        before, after = i - 1, i + 1
        while before >= 0 and space[before]:
            before -= 1
        while after < n and space[after]:
            after += 1
        if before >= 0 and after < n and (lower[before], lower[after]) in pairs:
            kept.add(i)
    return kept


def _inline_space_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """Phrases with a run of spaces or a non-breaking space (a whitespace token of its own)
    between two of their words; a line break still separates two phrases."""
    inline = [i for i in doc.to_array(IS_SPACE).nonzero()[0].tolist() if set(doc[i].text) <= _INLINE_SPACE]
    if not inline:
        return []
    matcher, longest = spaced_phrase_matcher(doc.vocab)
    reach = 2 * longest  # a phrase's words and the whitespace tokens between them
    columns = doc.to_array([LOWER, IS_SPACE]).tolist()
    candidates = _between_phrase_words(inline, [c[0] for c in columns], [c[1] for c in columns], _spaced_word_pairs(doc.vocab))
    found = set()
    for window_start, window_end in _windows(inline, reach, len(doc)):
        if not any(window_start <= i < window_end for i in candidates):
            continue  # a match must hold one of the window's inline whitespace tokens, between two phrase words
        for match_id, start, end in matcher(doc[window_start:window_end]):
            start, end = start + window_start, end + window_start
            inside = range(start, end)
            if any(i in inside for i in inline) and not any(doc[i].is_space and "\n" in doc[i].text for i in inside):
                found.add((match_id, start, end))
    return sorted(found, key=lambda m: (m[1], -m[2]))


def _windows(centres: list[int], reach: int, length: int) -> Iterator[tuple[int, int]]:
    """Token ranges reaching ``reach`` tokens either side of each centre, overlapping ones merged."""
    current: Optional[list[int]] = None
    for centre in centres:
        start, end = max(0, centre - reach), min(length, centre + reach + 1)
        if current is not None and start <= current[1]:
            current[1] = end
            continue
        if current is not None:
            yield current[0], current[1]
        current = [start, end]
    if current is not None:
        yield current[0], current[1]


def phrase_spans(doc: Doc) -> tuple[list[Span], list[Span]]:
    """The lexicon phrases of ``doc``: framing phrases and area phrases, in the matcher's order."""
    strings = doc.vocab.strings
    cues: list[Span] = []
    found_areas: list[Span] = []
    seen: set[tuple[int, int, int]] = set()
    for match_id, start, end in [*priority_matcher(doc.vocab)(doc), *_inline_space_matches(doc)]:
        if (match_id, start, end) in seen:
            continue
        seen.add((match_id, start, end))
        label = strings[match_id]
        if label.startswith(_AREA_PREFIX):
            found_areas.append(SpacySpan(doc, start, end, label=label, kb_id=label[len(_AREA_PREFIX) :]))
        elif label == _NOT_AREA:
            found_areas.append(SpacySpan(doc, start, end, label=label))
        else:
            cues.append(SpacySpan(doc, start, end, label=label))
    found_areas += _compound_area_spans(doc)
    return cues, found_areas


@lru_cache(maxsize=1)
def _compound_suffixes() -> dict[str, str]:
    return {suffix: slug for slug, suffixes in priority_lexicon().get("compound_suffixes", {}).items() for suffix in suffixes}


def _compound_area_spans(doc: Doc) -> list[Span]:
    """Area spans of the hyphenated compound tokens whose last part names an area
    (``compound_suffixes``: ``IA-CEPA`` → ``economy_trade``); the phrase matcher reads whole tokens only."""
    suffixes = _compound_suffixes()
    found: list[Span] = []
    if not suffixes:
        return found
    for token in doc:
        text = token.text
        if "-" in text:
            head, _, last = text.rpartition("-")
            slug = suffixes.get(last)
            if slug and head:
                found.append(SpacySpan(doc, token.i, token.i + 1, label=_AREA_PREFIX + slug, kb_id=slug))
    return found


# --------------------------------------------------------------------------- token view


class _Tokens:
    """The ``Doc``'s tokens as plain arrays, with the word structure the framings count in."""

    def __init__(self, doc: Doc):
        text = doc_text(doc)
        columns = doc.to_array([IDX, LENGTH, SPACY]).tolist()
        self.start = [c[0] for c in columns]
        self.end = [c[0] + c[1] for c in columns]
        self.text = texts = [text[s:e] for s, e in zip(self.start, self.end)]
        self.lower = [t.lower() for t in texts]
        self.trailing = [bool(c[2]) for c in columns]
        self.space = [t.isspace() for t in texts]
        self.alnum = alnum = [t.isalnum() for t in texts]  # what ``[^\W_]+`` matches whole
        self.hyphen = hyphen = [t in _HYPHEN_SET for t in texts]
        n = len(texts)
        # Whether token i sits right after token i-1, with no whitespace between.
        glued = [False] + [not self.trailing[i - 1] and not self.space[i - 1] and not self.space[i] for i in range(1, n)]
        self.glued = glued
        # Whether token i continues the word of token i-1 (``kontra`` ``-`` ``terorisme``).
        link = [False] * n
        for i in range(1, n):
            if not glued[i]:
                continue
            if alnum[i]:
                link[i] = alnum[i - 1] or (hyphen[i - 1] and link[i - 1])
            elif hyphen[i]:
                link[i] = alnum[i - 1] and i + 1 < n and glued[i + 1] and alnum[i + 1]
        self.link = link
        self.n = n

    def words(self, a: int, b: int) -> Iterator[str]:
        """The words (lowercased) of tokens ``a`` to ``b``, read as if the text began at ``a`` and
        ended at ``b``: hyphenated compounds one word, each punctuation token one."""
        word: Optional[str] = None
        lower, space, link, hyphen = self.lower, self.space, self.link, self.hyphen
        for i in range(a, b):
            if space[i]:
                continue
            # A hyphen joins only with a word on both sides within the range.
            if (
                word is not None
                and i > a
                and link[i]
                and not (hyphen[i] and i + 1 >= b)
                and not (hyphen[i - 1] and i - 1 == a)
            ):
                word += lower[i]
                continue
            if word is not None:
                yield word
            word = lower[i]
        if word is not None:
            yield word

    def word_list(self, a: int, b: int) -> list[str]:
        return list(self.words(a, b))

    def has_break(self, a: int, b: int) -> bool:
        """Whether tokens ``a`` to ``b`` hold a clause break: ``;``, ``:``, ``!``, ``?``, or a full
        stop before whitespace or at the end of the range."""
        text = self.text
        for i in range(a, b):
            token = text[i]
            if not _BREAK_CHARS.isdisjoint(token):
                return True
            if token.endswith(".") and (i + 1 >= b or self.trailing[i] or self.space[i + 1]):
                return True
        return False

    def broken(self, a: int, b: int) -> bool:
        """Whether the gap ``a``–``b`` holds a clause break. A colon right after the cue's phrase
        introduces its list (``tiga area prioritas jangka panjang: meningkatkan pertumbuhan
        ekonomi``) and is no break, nor is a semicolon typed for one (``lingkup kerja sama tersebut
        meliputi; bidang ...``)."""
        for c in range(a, b):
            if ":" in self.text[c] or self.text[c] == ";":
                if self.text[c] in (":", ";") and len(self.word_list(a, c)) <= _COLON_HEAD_WORDS:
                    return self.has_break(a, c) or self.has_break(c + 1, b)
                return True
        return self.has_break(a, b)

    def next_spaced(self, i: int) -> int:
        """The token after token ``i`` when only spaces (no line break) separate them, else -1."""
        if self.trailing[i]:
            j = i + 1
        elif i + 1 < self.n and self.space[i + 1] and set(self.text[i + 1]) <= _INLINE_SPACE:
            j = i + 1
        else:
            return -1
        while j < self.n and self.space[j]:
            if not set(self.text[j]) <= _INLINE_SPACE:
                return -1
            j += 1
        return j if j < self.n else -1

    def plain_word_end(self, i: int) -> int:
        """The end of the letter/digit word (hyphenated compound) starting at token ``i``, or -1."""
        if i < 0 or i >= self.n or not self.alnum[i]:
            return -1
        j = i + 1
        while j < self.n and self.link[j]:
            j += 1
        return j


# --------------------------------------------------------------------------- matches


class _Matches:
    """Phrase matches of one kind, sorted by start then longest first."""

    def __init__(self, spans: list[tuple[int, int, str]]):
        spans.sort(key=lambda s: (s[0], -s[1]))
        self.spans = spans
        self.starts = [s[0] for s in spans]

    def scan(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Leftmost-longest, non-overlapping matches within tokens ``lo`` to ``hi``, scanning
        from ``lo`` (as a regular expression's ``finditer`` from there would)."""
        found = []
        position = lo
        for span in islice(self.spans, bisect_left(self.starts, lo), None):
            start, end, _ = span
            if start >= hi:
                break
            if start < position or end > hi:
                continue
            found.append(span)
            position = end
        return found

    def within(self, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
        """Every match within tokens ``lo`` to ``hi``, overlapping ones included."""
        for span in islice(self.spans, bisect_left(self.starts, lo), None):
            if span[0] >= hi:
                break
            if span[1] <= hi:
                yield span

    def at(self, start: int) -> list[tuple[int, int, str]]:
        """Matches starting at token ``start``, longest first."""
        found = []
        for span in islice(self.spans, bisect_left(self.starts, start), None):
            if span[0] != start:
                break
            found.append(span)
        return found


_KINDS = (
    "area", "cue", "commitment_head", "commitment_verb", "commitment_object", "commitment_direct", "outcome",
    "outcome_subject", "post_cue", "field", "context", "list_noun", "list_intro", "document_head", "bilateral_act",
    "purpose", "party_anaphor",
)


def _doc_matches(doc: Doc) -> dict[str, _Matches]:
    by_kind: dict[str, list[tuple[int, int, str]]] = {kind: [] for kind in _KINDS}
    for span in spans(doc, AREA):
        # a non_areas phrase is kept (slug "") so that the area inside it is not read
        by_kind["area"].append((span.start, span.end, span.kb_id_))
    for span in spans(doc, CUE):
        by_kind[span.label_].append((span.start, span.end, span.label_))
    return {kind: _Matches(found) for kind, found in by_kind.items()}


# --------------------------------------------------------------------------- framings


class _Framer:
    """The framings of one document, on token indices."""

    def __init__(self, doc: Doc, matches: dict[str, _Matches], lexicon: PriorityLexicon):
        self.tokens = _Tokens(doc)
        self.matches = matches
        self.lexicon = lexicon
        self._is_area: dict[tuple[int, int], bool] = {}

    def is_area(self, span: tuple[int, int, str]) -> bool:
        """A lexicon match that names an area: no ``non_areas`` phrase, no office or body name."""
        key = (span[0], span[1])
        known = self._is_area.get(key)
        if known is None:
            known = self._is_area[key] = bool(span[2]) and not self._in_office_name(span[0])
        return known

    def _in_office_name(self, start: int) -> bool:
        tokens = self.tokens
        before = tokens.word_list(max(0, start - _OFFICE_WINDOW_TOKENS), start)[-2:]
        if not before:
            return False
        blockers = self.lexicon.area_blockers
        if before[-1] in blockers:
            return not self._after_field_phrase(start)
        return before[-1] in _OFFICE_LINKS and len(before) == 2 and before[0] in blockers

    def _after_field_phrase(self, start: int) -> bool:
        """Whether a field marker of several words ends right before token ``start`` (``in the
        field of Renewable Energy``): its ``of`` introduces a field, not an office's portfolio."""
        tokens = self.tokens
        last = start - 1
        while last >= 0 and tokens.space[last]:
            last -= 1
        return any(
            span[1] == last + 1 and len(tokens.word_list(span[0], span[1])) > 1
            for span in self.matches["field"].within(max(0, last - _OFFICE_WINDOW_TOKENS), last + 1)
        )

    def is_list_gap(self, a: int, b: int) -> bool:
        """Whether tokens ``a``–``b`` only join two items of a list: linking words (``, dan``), or
        further items the lexicon does not know (``, kearsipan, klimatologi dan geofisika,``),
        each of at most ``list_item_max_words`` words between separators."""
        words = self.tokens.word_list(a, b)
        lexicon = self.lexicon
        if len(words) <= 4 and all(w in lexicon.joiners for w in words):
            return True
        if len(words) <= _JOINER_GAP_WORDS and all(w in lexicon.joiners for w in words):
            return not self.tokens.has_break(a, b)  # "ketahanan pangan dan penguatan kerja sama di sektor kesehatan"
        if len(words) <= lexicon.continuation_max_words and all(
            w in lexicon.joiners or w in lexicon.continuations for w in words
        ):
            return not self.tokens.has_break(a, b)  # "kerja sama ekonomi yang mencakup masalah perdagangan"
        if len(words) > lexicon.list_gap_max_words or self.tokens.has_break(a, b):
            return False
        if not words or words[0] not in lexicon.separators or words[-1] not in lexicon.separators:
            return False
        item = depth = 0
        for word in words:
            if word in ("(", ")"):
                depth += 1 if word == "(" else -1
                continue
            if depth > 0:
                continue  # an abbreviation in brackets adds no word to its item: "(SDGs)"
            if word in lexicon.separators:
                item = 0
                continue
            item += 1
            if item > lexicon.list_item_max_words or word in lexicon.gap_blockers or word in lexicon.blockers:
                return False
        return True

    def field_marker_ends(self, a: int, b: int) -> bool:
        """Whether a ``field_markers`` phrase within ``a``–``b`` ends the gap (punctuation after it aside)."""
        tokens = self.tokens
        end = b
        while end > a and (tokens.space[end - 1] or not any(c.isalnum() or c == "_" for c in tokens.text[end - 1])):
            end -= 1
        return any(span[1] == end for span in self.matches["field"].within(a, end))

    def reaches(self, a: int, b: int, max_gap: int) -> bool:
        """Whether a cue ending at token ``a`` reaches across the gap to an area at token ``b``."""
        if self.tokens.broken(a, b):
            return False
        words = self.tokens.word_list(a, b)
        lexicon = self.lexicon
        if any(w in lexicon.gap_blockers for w in words):
            return False
        if len(words) <= max_gap:
            return True
        return len(words) <= max(max_gap, lexicon.extended_gap_words) and self.field_marker_ends(a, b)

    def framed_areas(self, origin: int, end: int, max_gap: int) -> Iterator[tuple[int, int, str]]:
        """Area phrases in tokens ``origin``–``end`` framed by a cue ending at ``origin``: the first
        one the cue reaches, the rest chained to the previous one as a list."""
        lexicon = self.lexicon
        previous_end = None
        for span in self.matches["area"].scan(origin, end):
            if not self.is_area(span):
                continue
            start = span[0]
            if previous_end is None:
                if not self.reaches(origin, start, max_gap):
                    words = self.tokens.word_list(origin, start)
                    if self.tokens.broken(origin, start) or len(words) > max(max_gap, lexicon.extended_gap_words):
                        return
                    if any(w in lexicon.gap_blockers for w in words):
                        return
                    continue
            elif not self.is_list_gap(previous_end, start) and not self.reaches(origin, start, max_gap):
                return  # neither a further item of the list nor a field the cue reaches itself
            yield span
            previous_end = span[1]

    def areas_before(self, sent_start: int, cue_start: int) -> list[tuple[int, int, str]]:
        """Areas framed by a post cue at ``cue_start``: the last area before it, joined to it by
        linking words only, and the list that ends with that area."""
        spans = [s for s in self.matches["area"].scan(sent_start, cue_start) if self.is_area(s)]
        if not spans:
            return []
        last = spans[-1]
        words = self.tokens.word_list(last[1], cue_start)
        if self.tokens.has_break(last[1], cue_start) or len(words) > self.lexicon.post_max_gap_words:
            return []
        if not all(w in self.lexicon.post_linkers for w in words):
            return []
        framed = [last]
        for span in reversed(spans[:-1]):
            if not self.is_list_gap(span[1], framed[-1][0]):
                break
            framed.append(span)
        return framed

    def anaphoric(self, cue_end: int, sent_end: int) -> bool:
        """A cue followed by a demonstrative refers back (``usulan prioritas kerja sama tersebut``)
        unless the demonstrative goes on to state the scope (``MoU tersebut mencakup ...``) or the
        cue ends in a meeting noun the demonstrative points at (``Hasil kunjungan itu antara lain
        ...``)."""
        lexicon = self.lexicon
        following = list(islice(self.tokens.words(cue_end, sent_end), 2 + len(lexicon.scope_fillers)))
        if not following or following[0] not in lexicon.blockers:
            return False
        if any(span[1] == cue_end for span in self.matches["outcome_subject"].within(max(0, cue_end - 4), cue_end)):
            return False  # "hasil kunjungan itu", "tujuan pertemuan tersebut": the meeting's demonstrative
        rest = list(dropwhile(lambda w: w in lexicon.scope_fillers, following[1:]))  # "itu antara lain mencakup"
        return not (rest and rest[0] in lexicon.scope_words)

    def commitments(self, start: int, end: int) -> Iterator[int]:
        """Ends of the commitment cues of a sentence: a head, up to ``max_words_between`` words
        (no ``yang``), a cooperation verb, then within ``max_words_to_object`` words its object;
        or the cooperation verb and its object alone, the clause's own predicate (``Kedua negara
        memperkuat kerja sama ...``, a headline's ``RI-Jepang Perkuat Kerja Sama ...``), when no
        need, wish, call or discussion stands in the ``headless_blocker_window`` words before it
        and no ``headless_after_blockers`` word of an established relationship (``sejak``) in as
        many words after it."""
        heads = self.matches["commitment_head"]
        position = start
        for head_start, _, _ in list(heads.within(start, end)):
            if head_start < position or self._head_blocked(start, head_start):
                continue
            for _, head_end, _ in heads.at(head_start):
                verb_end = self._commitment_verb(head_end - 1, end)
                if verb_end >= 0:
                    yield verb_end
                    position = verb_end
                    break
        lexicon = self.lexicon
        if not lexicon.headless_blocker_window:
            return
        for verb_start, verb_end, _ in self.matches["commitment_verb"].scan(start, end):
            if self.tokens.lower[verb_start] in lexicon.verbs_needing_head:
                continue
            if self._head_blocked(start, verb_start, lexicon.headless_blocker_window, lexicon.headless_blockers):
                continue
            after = list(islice(self.tokens.words(verb_end, end), lexicon.headless_blocker_window))
            if any(w in lexicon.headless_after_blockers for w in after):
                continue  # "menjalin kerja sama di bidang ekonomi sejak lama": a relationship, no plan
            if self._has_object(verb_end - 1, end):
                yield verb_end

    def _head_blocked(
        self, start: int, head_start: int, window: Optional[int] = None, blockers: Optional[frozenset[str]] = None
    ) -> bool:
        """Whether a need, wish, call or discussion stands among the few words before a
        commitment head (``perlu bekerja keras untuk``, ``mengajak ASEAN untuk``)."""
        if window is None:
            window = self.lexicon.head_blocker_window
        if not window:
            return False
        if self._negated(start, head_start):
            return True
        lo = max(start, head_start - 3 * window)  # a word is at most a few tokens (spaces, hyphens)
        before = self.tokens.word_list(lo, head_start)[-window:]
        blockers = self.lexicon.head_blockers if blockers is None else blockers
        return any(w in blockers for w in before)

    def _negated(self, start: int, at: int) -> bool:
        """Whether a negation stands among the ``negation.window`` words before token ``at``
        (``tidak sepakat``, ``belum menandatangani``, ``gagal mencapai kesepakatan``), unless a
        ``negation.exceptions`` word follows it (``tidak hanya sepakat``: not only)."""
        lexicon = self.lexicon
        window = lexicon.negation_window
        if not window:
            return False
        before = self.tokens.word_list(max(start, at - 3 * window), at)[-window:]
        return any(
            w in lexicon.negators and not (k + 1 < len(before) and before[k + 1] in lexicon.negation_exceptions)
            for k, w in enumerate(before)
        )

    def _commitment_verb(self, last: int, end: int) -> int:
        tokens, lexicon = self.tokens, self.lexicon
        verbs = self.matches["commitment_verb"]
        for _ in range(lexicon.commitment_between + 1):
            following = tokens.next_spaced(last)
            if following < 0 or following >= end:
                return -1
            for _, verb_end, _ in verbs.at(following):
                if verb_end <= end and self._has_object(verb_end - 1, end):
                    return verb_end
            word_end = tokens.plain_word_end(following)
            if word_end < 0 or word_end > end or tokens.lower[following] == "yang":
                return -1
            last = word_end - 1
        return -1

    def _has_object(self, last: int, end: int) -> bool:
        tokens = self.tokens
        objects = self.matches["commitment_object"]
        for _ in range(self.lexicon.commitment_to_object + 1):
            following = tokens.next_spaced(last)
            if following < 0 or following >= end:
                return False
            if any(obj_end <= end for _, obj_end, _ in objects.at(following)):
                return True
            word_end = tokens.plain_word_end(following)
            if word_end < 0 or word_end > end:
                return False
            last = word_end - 1
        return False

    def announces(self, start: int, cue_end: int) -> bool:
        """Whether a count word and an area noun (``tiga bidang``) end by the cue's end."""
        tokens, lexicon = self.tokens, self.lexicon
        for i in range(start, cue_end):
            if not self.is_count_word(i):
                continue
            noun = tokens.next_spaced(i)
            if 0 <= noun < cue_end and tokens.lower[noun] in lexicon.area_nouns and not (
                noun + 1 < tokens.n and tokens.glued[noun + 1] and tokens.alnum[noun + 1]
            ):
                return True
        return False

    def purpose_of_a_meeting(self, start: int, cue_start: int, cue_end: int, end: int) -> bool:
        """Whether a meeting noun or a cooperation (``outcome_cues.subjects``, ``commitment_cues.objects``)
        ends within ``purpose_cues.subject_window`` words before a purpose cue, in its clause
        (``Kunjungan kerja Presiden ke Abu Dhabi bertujuan menjemput investasi``, ``Kerja sama kedua
        negara akan diarahkan pada ...``), or starts within ``max_gap_words`` after it (``Tujuan
        utamanya perkuat kerja sama ekonomi``): an organisation's or a program's aim is not one
        (``tujuan utama organisasi itu adalah melindungi hak asasi manusia``)."""
        tokens, lexicon = self.tokens, self.lexicon
        for kind in ("outcome_subject", "commitment_object"):
            for subject_start, subject_end, _ in self.matches[kind].within(start, end):
                if subject_end <= cue_start:
                    gap_start, gap_end, window = subject_end, cue_start, lexicon.purpose_subject_window
                elif subject_start >= cue_end:
                    gap_start, gap_end, window = cue_end, subject_start, lexicon.max_gap_words
                else:
                    continue
                gap = tokens.word_list(gap_start, gap_end)
                if len(gap) <= window and not tokens.broken(gap_start, gap_end) and not any(
                    w in lexicon.gap_blockers for w in gap
                ):
                    return True
        return False

    def announces_after(self, cue_end: int, end: int) -> bool:
        """Whether a count word and a list noun (``counted_lists.nouns``) follow the cue within a
        few words and end its sentence (``kedua negara menyepakati tiga hal.``): the list is set out
        in the sentences after it."""
        tokens = self.tokens
        i, words = cue_end, 0
        while i < end and words <= _ANNOUNCED_COUNT_WORDS:
            if tokens.space[i]:
                i += 1
                continue
            if self.is_count_word(i):
                noun = tokens.next_spaced(i)
                noun_ends = [span[1] for span in self.matches["list_noun"].at(noun)] if noun >= 0 else []
                if noun_ends and noun_ends[0] <= end:
                    return not any(w.isalnum() for w in tokens.word_list(noun_ends[0], end))
                return False
            words += 1
            i += 1
        return False

    def in_sentence(self, sentences: list[tuple[int, int]], index: int) -> Iterator[tuple[int, int, str]]:
        start, end = sentences[index]
        lexicon = self.lexicon
        origins: list[tuple[int, int]] = []  # (cue end, reach in words)
        for cue_start, cue_end, _ in self.matches["cue"].scan(start, end):
            if not self._head_blocked(start, cue_start, blockers=lexicon.cue_pre_blockers):
                origins.append((cue_end, lexicon.max_gap_words))
        for cue_end in self.commitments(start, end):
            origins.append((cue_end, lexicon.max_gap_words))
        for cue_end in self.counted_lists(start, end):
            origins.append((cue_end, lexicon.max_gap_words))
        for head_start, head_end, _ in self.matches["commitment_direct"].scan(start, end):
            if not self._head_blocked(start, head_start):
                origins.append((head_end, lexicon.direct_max_gap_words))
        for cue_start, cue_end, _ in self.matches["outcome"].scan(start, end):
            if self._negated(start, cue_start):  # "tidak menghasilkan kesepakatan"
                continue
            if next(self.matches["outcome_subject"].within(start, cue_start), None) is not None:
                origins.append((cue_end, _UNBOUNDED))
        for cue_start, cue_end, _ in self.matches["purpose"].scan(start, end):
            if not self._head_blocked(start, cue_start) and self.purpose_of_a_meeting(start, cue_start, cue_end, end):
                origins.append((cue_end, lexicon.max_gap_words))
        for cue_end, reach in origins:
            if self.anaphoric(cue_end, end):
                continue
            areas = list(self.framed_areas(cue_end, end, reach))
            yield from areas
            announced = not areas and index + 1 < len(sentences) and (
                self.announces(start, cue_end) or self.announces_after(cue_end, end)
            )
            if announced and self._enumerator_end(*sentences[index + 1]) >= 0:
                # "menyepakati tiga hal. Pertama, kerja sama perdagangan. Kedua, investasi ..."
                for item_start, item_end in self.enumerated_items(sentences, index + 1):
                    yield from self.framed_areas(item_start, item_end, 2 * lexicon.max_gap_words)
            elif announced:
                next_start, next_end = sentences[index + 1]
                yield from self.framed_areas(next_start, next_end, 2 * lexicon.max_gap_words)
            elif not areas and self.opens_list(cue_end, end):
                for item_start, item_end in self.enumerated_items(sentences, index + 1):
                    yield from self.framed_areas(item_start, item_end, 2 * lexicon.max_gap_words)
        for cue_start, _, _ in self.matches["post_cue"].scan(start, end):
            yield from self.areas_before(start, cue_start)
        for head_start, head_end, _ in self.matches["document_head"].scan(start, end):
            yield from self.titled_areas(head_start, head_end, end)

    def opens_list(self, cue_end: int, end: int) -> bool:
        """Whether the cue's sentence ends in a colon a few words after the cue (``Tiga komitmen
        yang sudah disepakati yakni:``): the list it opens is set out on the lines after it."""
        tokens = self.tokens
        last = end - 1
        while last >= cue_end and tokens.space[last]:
            last -= 1
        if last < cue_end or tokens.text[last] != ":":
            return False
        return len(tokens.word_list(cue_end, last)) <= _COLON_HEAD_WORDS

    def _enumerator_end(self, start: int, end: int) -> int:
        """The token after a list item's enumerator opening tokens ``start``-``end`` (``1.``,
        ``2)``, ``a.``, a bullet from ``enumerated_lists.bullets``, an ordinal word of
        ``enumerated_lists.ordinals`` and a comma or colon: ``Pertama,``), or -1 when none opens them."""
        tokens = self.tokens
        i = start
        while i < end and tokens.space[i]:
            i += 1
        if i >= end:
            return -1
        text = tokens.text[i]
        if text in self.lexicon.bullets:
            return i + 1
        marker = text.rstrip(".)")
        one_marker = marker.isdecimal() or (len(marker) == 1 and marker.isalpha())
        if marker != text and len(text) - len(marker) == 1 and one_marker:
            return i + 1  # "1." or "a)" as one token
        closing = i + 1 < end and tokens.text[i + 1] in (".", ")") and tokens.glued[i + 1]
        if text.isdecimal() and len(text) <= 2 and closing:
            return i + 2
        if tokens.lower[i] in self.lexicon.ordinal_enumerators:  # "Pertama, ...", "Kedua: ..."
            after = i + 1
            while after < end and tokens.space[after]:
                after += 1
            if after < end and tokens.text[after] in (",", ":"):
                return after + 1
        return -1

    def enumerated_items(self, sentences: list[tuple[int, int]], index: int) -> Iterator[tuple[int, int]]:
        """The items of an enumerated list starting at sentence ``index``: each opens with an
        enumerator, in its own sentence or one sentence on its own before it; the list ends at the
        first sentence that opens with none (at most ``enumerated_lists.max_items`` items)."""
        items = 0
        while index < len(sentences) and items < self.lexicon.max_list_items:
            start, end = sentences[index]
            after = self._enumerator_end(start, end)
            if after < 0:
                return
            if self.tokens.word_list(after, end):
                yield after, end
            elif index + 1 < len(sentences):
                index += 1
                next_start, next_end = sentences[index]
                if self._enumerator_end(next_start, next_end) >= 0:
                    continue
                yield next_start, next_end
            items += 1
            index += 1

    def is_count_word(self, i: int) -> bool:
        tokens, lexicon = self.tokens, self.lexicon
        word = tokens.lower[i]
        if tokens.space[i] or not (word in lexicon.count_words or (lexicon.count_numerals and word.isdecimal())):
            return False
        return not (i > 0 and tokens.glued[i] and tokens.text[i - 1][-1:].isalnum())  # no count word glued onto a word

    def counted_lists(self, start: int, end: int) -> Iterator[int]:
        """Where the list of a counted cooperation phrase starts: a count word, a list noun, up to
        one word or comma, then an introducer (``4 kerjasama, yaitu;``, ``lima MoU yakni``,
        ``tiga bidang kerja sama, antara lain``); a colon or semicolon right after it is no break."""
        tokens = self.tokens
        nouns = self.matches["list_noun"]
        for intro_start, intro_end, _ in self.matches["list_intro"].scan(start, end):
            for noun_start, noun_end, _ in nouns.within(start, intro_start):
                between = tokens.word_list(noun_end, intro_start)
                if len(between) > 2 or any(w.isalnum() and w not in self.lexicon.joiners for w in between[:-1]):
                    continue
                count = noun_start - 1
                while count > start and tokens.space[count]:
                    count -= 1
                before = tokens.word_list(start, count)[-4:]
                if any(w in self.lexicon.gap_blockers for w in before):
                    continue  # "membahas tiga bidang, yaitu ...": a discussion, not a plan
                if count >= start and self.is_count_word(count) and tokens.next_spaced(count) == noun_start:
                    following = intro_end
                    while following < end and tokens.space[following]:
                        following += 1
                    if following < end and tokens.text[following] in (":", ";"):
                        yield following + 1
                    else:
                        yield intro_end
                    break

    def titled_areas(self, head_start: int, head_end: int, end: int) -> Iterator[tuple[int, int, str]]:
        """Areas named inside a document's title: a capitalised document noun (``Deklarasi``,
        ``Rencana Induk``, ``MoU``) and the Title-Case words after it (``Rencana Acuan
        Konektivitas ASEAN``, ``Deklarasi ... Penanggulangan Bencana``), and for an English noun
        that ends its title (``document_titles.trailing_heads``) the Title-Case words before it
        (``Defence Cooperation Agreement``)."""
        tokens, lexicon = self.tokens, self.lexicon
        if not tokens.text[head_start][:1].isupper() or self._in_office_title(head_start):
            return
        last = head_end
        words = 0
        i = tokens.next_spaced(head_end - 1)
        while 0 <= i < end and words < lexicon.title_max_words:
            word_end = tokens.plain_word_end(i)
            if word_end < 0:
                break
            text = tokens.text[i]
            if not (text[:1].isupper() or text[:1].isdigit() or tokens.lower[i] in lexicon.title_connectors):
                break
            words += 1
            if text[:1].isupper() or text[:1].isdigit():
                last = word_end
            i = tokens.next_spaced(word_end - 1)
        for span in self.matches["area"].scan(head_end, last):
            if self.is_area(span):
                yield span
        if " ".join(tokens.word_list(head_start, head_end)) in lexicon.trailing_heads:
            first = self._title_start_before(head_start)
            for span in self.matches["area"].scan(first, head_start):
                if self.is_area(span):
                    yield span

    def _title_start_before(self, head_start: int) -> int:
        """The first token of the Title-Case words right before a document noun that ends an
        English title (``Defence Cooperation Agreement``, ``Comprehensive Economic Partnership
        Agreement``): at most ``title_max_words`` words, lower-case connectors allowed, on one line."""
        tokens, lexicon = self.tokens, self.lexicon
        first, words, i = head_start, 0, head_start - 1
        while i >= 0 and words < lexicon.title_max_words:
            text = tokens.text[i]
            if tokens.space[i]:
                if "\n" in text:
                    break
            elif tokens.hyphen[i] and tokens.link[i]:
                pass  # the hyphen of "Indonesia-Australia"
            elif tokens.alnum[i] and (text[:1].isupper() or text[:1].isdigit() or tokens.lower[i] in lexicon.title_connectors):
                if not tokens.link[i]:
                    words += 1
                if text[:1].isupper() or text[:1].isdigit():
                    first = i
            else:
                break
            i -= 1
        return first


    def _in_office_title(self, head_start: int) -> bool:
        """Whether the Title-Case words before a document noun name an office (``Kepala Bidang
        Promosi Wisata Pertemuan dan Konvensi``): a ``area_blockers`` word among them."""
        tokens, lexicon = self.tokens, self.lexicon
        i = head_start - 1
        for _ in range(lexicon.title_max_words):
            while i >= 0 and ((tokens.space[i] and "\n" not in tokens.text[i]) or (tokens.hyphen[i] and tokens.link[i])):
                i -= 1  # spaces, and the hyphen of "Indonesia-Australia"
            if i < 0 or not tokens.alnum[i]:
                return False
            text = tokens.text[i]
            if not (text[:1].isupper() or tokens.lower[i] in lexicon.title_connectors):
                return False
            if tokens.lower[i] in lexicon.area_blockers:
                return True
            i -= 1
        return False


def _cooperation_between_parties(doc: Doc, sentences: list[tuple[int, int]], matches: dict[str, _Matches]) -> bool:
    """Whether a sentence names two states or blocs, one of them foreign (``doc.spans["party"]``),
    and a cooperation between them (a ``commitment_cues`` object: ``kerja sama``, ``hubungan``):
    ``kerja sama antara Indonesia dan Perancis`` is foreign relations without a diplomatic word,
    a company's or a celebrity's ``fokus`` in a story that names two countries is not."""
    starts = [start for start, _ in sentences]
    named: dict[int, set[str]] = {}
    for span in spans(doc, PARTY):
        index = bisect_left(starts, span.start + 1) - 1
        if index >= 0:
            named.setdefault(index, set()).add(span.kb_id_)
    objects = matches["commitment_object"]
    for index, codes in named.items():
        if len(codes) >= 2 and codes != {"ID"}:
            start, end = sentences[index]
            if next(objects.within(start, end), None) is not None:
                return True
    return False


def _sentences_of_an_act_with_a_foreign_party(
    doc: Doc, sentences: list[tuple[int, int]], matches: dict[str, _Matches]
) -> set[int]:
    """Indices of the sentences that report an act between parties (``bilateral_acts``: an
    agreement, a signature, a cooperation, a visit) and name a foreign state or bloc, or a
    foreign capital (``doc.spans["party"]``, ``["party_part"]``, ``["capital"]``: any code but
    ``ID``). In an article without a word of foreign relations, a framing counts only in such a
    sentence (``Indonesia sepakat membeli 11 pesawat tempur ... dengan Rusia``, ``Indonesia dan
    Brasil menandatangani MoU di bidang energi``); one party's focus is not a cooperation, even
    in a sentence naming a state (``Jepang fokus pada ekspor produknya ke seluruh dunia, termasuk
    AS``)."""
    starts = [start for start, _ in sentences]
    acts = {bisect_left(starts, span[0] + 1) - 1 for span in matches["bilateral_act"].spans}
    if not acts:
        return set()
    currency_words = _folded_set(priority_lexicon().get("party_as_currency", ()))
    found: set[int] = set()
    for key in (PARTY, PARTY_PART, CAPITAL):
        for span in spans(doc, key):
            before = span.start - 1
            while before >= 0 and doc[before].is_space:
                before -= 1
            if before >= 0 and doc[before].lower_ in currency_words:
                continue  # "5 miliar dolar AS" names a currency
            if span.kb_id_ and span.kb_id_ != "ID":
                index = bisect_left(starts, span.start + 1) - 1
                if index in acts and span.start < sentences[index][1]:
                    found.add(index)
    if found:
        # "Menteri Perdagangan Jepang ... bertemu Mendag Budi. Keduanya sepakat ...": an act whose
        # parties are referred back to (``party_anaphors``) after a sentence that named them
        first = min(found)
        for span in matches["party_anaphor"].spans:
            index = bisect_left(starts, span[0] + 1) - 1
            if index > first and index in acts:
                found.add(index)
    return found


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted character spans without those inside another (two framings of one sentence may
    read ``kerja sama industri pertahanan`` and ``industri pertahanan``)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start >= kept[-1][0] and end <= kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    return [(sent.start, sent.end) for sent in doc.sents if not all(t.is_space for t in sent)]


def extract_priority_areas(doc: Doc, context: ExtractionContext) -> Iterable[PriorityArea]:
    if not len(doc):
        return
    matches = _doc_matches(doc)
    if not matches["area"].spans:
        return
    sentences = _sentence_ranges(doc)
    foreign_sentences: Optional[set[int]] = None  # None: the whole document speaks of foreign relations
    if not matches["context"].spans and not _cooperation_between_parties(doc, sentences, matches):
        foreign_sentences = _sentences_of_an_act_with_a_foreign_party(doc, sentences, matches)
        if not foreign_sentences:
            return
    framer = _Framer(doc, matches, priority_patterns())
    tokens = framer.tokens
    text = doc_text(doc)
    found: dict[str, dict[tuple[int, int], None]] = {}
    for index in range(len(sentences)):
        if foreign_sentences is not None and index not in foreign_sentences:
            continue
        for first, last, slug in framer.in_sentence(sentences, index):
            start, end = tokens.start[first], tokens.end[last - 1]
            if in_boilerplate(doc, start, end):
                continue
            found.setdefault(slug, {})[(start, end)] = None

    for slug in PriorityAreaSlug:
        spans = found.get(slug.value)
        if not spans:
            continue
        mentions = [Span(start=s, end=e, text=text[s:e]) for s, e in _outermost(sorted(spans))]
        yield PriorityArea(area=slug, mentions=mentions, rule="framed_area")


class PriorityAreasStage(RecordStage):
    name = "priority_areas"
    requires = frozenset(
        {f"spans:{BOILERPLATE}", f"spans:{CUE}", f"spans:{AREA}", f"spans:{PARTY}", f"spans:{PARTY_PART}", f"spans:{CAPITAL}"}
    )
    extractor = extract_priority_areas
