"""Page file names from ids that may hold anything stay inside the site and never collide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.report.paths import MAX_STEM, UnsafePath, page_href, page_path, safe_stem

HOSTILE_IDS = [
    "../../etc/passwd", "..", ".", "", "/etc/passwd", "/", "C:\\Windows\\system32", "\\\\server\\share",
    "https://evil.example/x?y=1#z", "javascript:alert(1)", "file:///etc/passwd", "a\x00b", "\x00",
    "x" * 5000, "CON", "con", "nul.txt", "Com1", "LPT9", "aux", "~", "-rf", ".hidden", "a/../../b",
    "名前", "Retno L.P. Marsudi", "RU", "ru", "a b", "a%2F..%2Fb", "<script>", "a\nb", "trailing.", "foo-h0123456789ab",
]


@pytest.mark.parametrize("identifier", HOSTILE_IDS)
def test_hostile_ids_give_plain_names_inside_the_site(tmp_path: Path, identifier: str):
    stem = safe_stem(identifier)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", stem) and len(stem) <= MAX_STEM
    assert ".." not in stem and not stem.endswith(".")
    assert stem.split(".")[0] not in {"con", "prn", "aux", "nul", "com1", "lpt9"}
    path = page_path(tmp_path, "article", identifier)
    assert path.parent == tmp_path / "article"
    assert path.resolve().is_relative_to(tmp_path.resolve())
    assert page_href("article", identifier) == f"article/{stem}.html"


def test_distinct_ids_get_distinct_names():
    stems = [safe_stem(i) for i in HOSTILE_IDS]
    assert len(set(stems)) == len(stems)
    assert safe_stem("RU") != safe_stem("ru")  # case-insensitive file systems keep both


def test_plain_ids_keep_their_name():
    for identifier in ("004_c1b15d166fd41f57", "retno-marsudi", "1473453037-jokowi-serukan-asean-pbb", "2016-09-07-ktt-ke-8"):
        assert safe_stem(identifier) == identifier


def test_a_folder_that_escapes_is_refused(tmp_path: Path):
    with pytest.raises(UnsafePath):
        page_path(tmp_path, "../outside", "x")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_any_text_stays_inside(identifier):
    root = Path("/tmp/site-root-for-path-test")
    stem = safe_stem(identifier)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", stem) and len(stem) <= MAX_STEM
    assert (root / "person" / f"{stem}.html").resolve().parent == root / "person"
