"""File names from document ids: one component, inside the folder, distinct for distinct ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.io.filenames import MAX_NAME_BYTES, document_path, path_inside, safe_stem

HOSTILE_IDS = [
    "../../x",
    "../escape",
    "/etc/passwd",
    "https://example.org/a/b?c=d&e=f#g",
    "a\x00b",
    "x" * 1000,
    "\u00e9" * 300,
    "CON",
    "nul.txt",
    "com1",
    ".",
    "..",
    "",
    ".hidden",
    "trailing. ",
    "tab\tnew\nline",
    "back\\slash",
    "C:\\Windows\\x",
    "lone\ud800surrogate",
    "rtl\u202eexe.txt",
]


@pytest.mark.parametrize("doc_id", HOSTILE_IDS)
def test_hostile_ids_stay_inside_the_folder(tmp_path: Path, doc_id: str):
    stem = safe_stem(doc_id)
    assert "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert stem not in ("", ".", "..") and not stem.startswith(".")
    assert len(stem.encode("utf-8")) <= MAX_NAME_BYTES
    path = document_path(tmp_path, doc_id, ".json")
    assert path.parent == tmp_path
    path.write_text("{}", encoding="utf-8")  # a name the file system takes
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_plain_ids_keep_their_names_and_cleaned_ids_never_collide():
    for plain in ("1491604235-indonesia-afghanistan", "004_c1b15d166fd41f57", "Berita 1 (ANTARA)"):
        assert safe_stem(plain) == plain
    cleaned = {safe_stem(doc_id) for doc_id in HOSTILE_IDS}
    assert len(cleaned) == len(HOSTILE_IDS)
    assert safe_stem("a/b") != safe_stem("a_b") == "a_b"


def test_path_inside_refuses_what_leaves_the_folder(tmp_path: Path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link.json").symlink_to(tmp_path / "elsewhere.json")
    for name in ("../x.json", "/abs.json", "a/b.json", "..", "", "link.json"):
        with pytest.raises(ValueError):
            path_inside(tmp_path / "out", name)
    assert path_inside(tmp_path / "out", "ok.json") == tmp_path / "out" / "ok.json"
