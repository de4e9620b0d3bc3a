"""Person names as comparable keys: tokens, initials, honorifics dropped, old spellings folded.

``Retno L.P. Marsudi``, ``Retno LP Marsudi`` and ``Retno Marsudi`` share the core
``("retno", "marsudi")``; so does ``Menlu Retno Marsudi`` (offices and ranks of
``titles.json`` written in front are dropped, as honorifics are); their initials differ (``("l", "p")`` or none). ``Luhut Binsar
Pandjaitan`` folds to ``("luhut", "binsar", "panjaitan")``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..resource_data import load_resource

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?\.?|\d+")
_SLUG = re.compile(r"[^a-z0-9]+")
# Two tokens are spellings of one name part when this similar (Sergey/Sergei, Mohamad/Mohammad).
VARIANT_SIMILARITY = 0.8
VARIANT_MIN_LENGTH = 5


@lru_cache(maxsize=1)
def archive_resources() -> dict:
    return load_resource("archive.json")


@lru_cache(maxsize=1)
def known_aliases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Core of every alias of ``known_officials.json`` → core of the person's name."""
    data = load_resource("known_officials.json")
    aliases = {}
    for person in data["officials"]:
        canonical = name_key(person["name"], resolve_aliases=False).core
        for alias in person.get("aliases", []):
            aliases[name_key(alias, resolve_aliases=False).core] = canonical
    return aliases


@lru_cache(maxsize=1)
def title_phrases() -> frozenset[tuple[str, ...]]:
    """Offices and ranks of ``titles.json`` as token tuples (``("menteri", "luar", "negeri")``,
    ``("kombes",)``): a name that took one in front (`Menlu Retno Marsudi`) is compared without it."""
    data = load_resource("titles.json")
    forms = [form for title in data["titles"] for form in title["forms"]]
    forms += data["honorifics"]
    for ministry in data["ministries"]:
        forms += ministry.get("minister", []) + ministry.get("deputy_minister", [])
        for portfolio in [ministry["portfolio"], *ministry.get("variants", [])]:
            forms += [f"Menteri {portfolio}", f"Wakil Menteri {portfolio}"]
    return frozenset(tuple(plain(t.rstrip(".")) for t in _TOKEN.findall(form)) for form in forms if _TOKEN.findall(form))


def _strip_titles(tokens: list[str]) -> list[str]:
    """``tokens`` without the offices and ranks in front, longest first, while a name part is left."""
    phrases = title_phrases()
    longest = max(map(len, phrases), default=0)
    while True:
        lowered = [plain(t.rstrip(".")) for t in tokens]
        for size in range(min(longest, len(tokens) - 1), 0, -1):
            if tuple(lowered[:size]) in phrases:
                tokens = tokens[size:]
                break
        else:
            return tokens


@dataclass(frozen=True)
class NameKey:
    core: tuple[str, ...]  # name parts, lower case, honorifics dropped, spelling folded
    initials: tuple[str, ...]  # initials written in the name (`L.P.` → l, p)
    alias_of: Optional[tuple[str, ...]] = None  # the core it was an alias of, if any

    @property
    def text(self) -> str:
        return " ".join(self.core)


@lru_cache(maxsize=1)
def _spelling() -> tuple[re.Pattern, dict[str, str]]:
    pairs = dict(archive_resources()["spelling_variants"])
    return re.compile("|".join(re.escape(old) for old in sorted(pairs, key=len, reverse=True))), pairs


def fold_spelling(token: str) -> str:
    """Old spellings to new, all in one pass (``Pandjaitan`` → ``panjaitan``, not ``panyaitan``)."""
    pattern, pairs = _spelling()
    return pattern.sub(lambda m: pairs[m.group(0)], token)


def plain(text: str) -> str:
    """Case-folded, accents removed, NFKC."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(name: str, resolve_aliases: bool = True) -> NameKey:
    raw_tokens = _TOKEN.findall(unicodedata.normalize("NFKC", name))
    prefixes = set(archive_resources()["name_prefixes"])
    while True:
        before = len(raw_tokens)
        while len(raw_tokens) > 1 and plain(raw_tokens[0]).rstrip(".") in prefixes:
            raw_tokens = raw_tokens[1:]
        raw_tokens = _strip_titles(raw_tokens)
        if len(raw_tokens) == before:
            break
    core: list[str] = []
    initials: list[str] = []
    for token in raw_tokens:
        bare = token.rstrip(".")
        is_initial = (token.endswith(".") and len(bare) == 1) or (len(bare) <= 3 and bare.isupper() and len(raw_tokens) > 1)
        if is_initial and len(raw_tokens) > 1:
            initials.extend(plain(bare))
        else:
            core.append(fold_spelling(plain(bare).replace("’", "").replace("'", "")))
    if not core:  # a name made of initials only: `SBY`
        core = [plain("".join(t.rstrip(".") for t in raw_tokens))]
        initials = []
    key = NameKey(tuple(core), tuple(initials))
    if resolve_aliases:
        canonical = known_aliases().get(key.core)
        if canonical is not None and canonical != key.core:
            return NameKey(canonical, (), alias_of=key.core)
    return key


def tokens_match(a: str, b: str) -> bool:
    """One name part written two ways (equal, or a close spelling of a long enough part)."""
    if a == b:
        return True
    if min(len(a), len(b)) < VARIANT_MIN_LENGTH or a[0] != b[0]:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= VARIANT_SIMILARITY


def is_variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(tokens_match(x, y) for x, y in zip(a, b))


def is_part(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether ``part`` is a proper, ordered subsequence of ``whole`` (``Retno`` of ``Retno Marsudi``)."""
    if len(part) >= len(whole):
        return False
    position = 0
    for token in part:
        while position < len(whole) and not tokens_match(token, whole[position]):
            position += 1
        if position == len(whole):
            return False
        position += 1
    return True


# A spelling this close (one letter added or left out of a long part: Maarif/Marif,
# Taufikulhadi/Taufiqulhadi) is as sure as the same spelling.
SURE_SIMILARITY = 0.9


def sure_parts(part: tuple[str, ...], whole: tuple[str, ...]) -> int:
    """How many parts of ``part`` are written in ``whole`` alike or nearly so; the rest match
    only as close spellings: ``Aries Budiman`` has one sure part in ``Arief Budiman``."""
    return sum(
        1 for token in part
        if token in whole or any(difflib.SequenceMatcher(None, token, other).ratio() >= SURE_SIMILARITY for other in whole)
    )


def initials_fit(initials: tuple[str, ...], other: NameKey) -> bool:
    """Initials written in one name fit another when that one's parts or initials start with them."""
    if not initials or not (other.initials or len(other.core) > 1):
        return True
    letters = set(other.initials) | {token[0] for token in other.core}
    return set(initials) <= letters


def slug(text: str) -> str:
    return _SLUG.sub("-", plain(text)).strip("-") or "x"
