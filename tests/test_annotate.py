"""scripts/annotate.py: compact annotation sources become gold files with offsets computed by code."""

import importlib.util
import json

import pytest

from conftest import ANNOTATIONS_DIR, REPO, SHARED_DATA

_spec = importlib.util.spec_from_file_location("annotate", REPO / "scripts" / "annotate.py")
annotate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(annotate)

TEXT = "Menlu RI Retno bertemu Menlu Rusia. Retno menyebut kerja sama naik 42%. RIAU tidak sama dengan RI."


def test_occurrences_respect_word_boundaries():
    assert annotate.occurrences(TEXT, "RI") == [TEXT.index("RI "), TEXT.rindex("RI")]
    assert annotate.occurrences(TEXT, "42%") == [TEXT.index("42%")]


@pytest.mark.parametrize(
    "ref, expected",
    [
        ("42%", [(TEXT.index("42%"), TEXT.index("42%") + 3)]),
        (["Retno", 2], [(TEXT.index("Retno menyebut"), TEXT.index("Retno menyebut") + 5)]),
        (["Rusia", "Menlu Rusia"], [(TEXT.index("Rusia"), TEXT.index("Rusia") + 5)]),
    ],
)
def test_resolve_offsets(ref, expected):
    assert annotate.resolve(TEXT, ref, "doc: dates[0]") == expected


@pytest.mark.parametrize(
    "ref, message",
    [
        ("Lavrov", "not found"),
        ("Retno", "occurs 2 times; give an occurrence number or an anchor"),
        (["Retno", 3], "has 2 occurrences"),
        (["Retno", "Menlu"], "anchor 'Menlu' occurs 2 times"),
        (["Retno", "*"], "only allowed in mentions"),
        (42, "malformed span reference"),
    ],
)
def test_resolve_errors_name_the_record(ref, message):
    with pytest.raises(annotate.AnnotationError, match="doc: officials\\[1\\]") as info:
        annotate.resolve(TEXT, ref, "doc: officials[1]")
    assert message in str(info.value)


def test_mentions_star_and_nested_mentions_dropped():
    mentions = annotate.resolve_mentions(TEXT, [["Retno", "*"], "Menlu RI Retno"], "doc: officials[0]")
    assert [(m["start"], m["text"]) for m in mentions] == [(0, "Menlu RI Retno"), (TEXT.index("Retno menyebut"), "Retno")]


def test_build_computes_exact_offsets_and_validates(tmp_path, monkeypatch):
    raw = tmp_path / "doc.txt"
    raw.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(annotate, "REPO", tmp_path)
    source = {
        "doc_id": "doc",
        "raw": "doc.txt",
        "published": "2017-09-05",
        "figures": [{"span": "42%", "kind": "percent", "value": 42, "unit": "%"}],
        "officials": [
            {"name": "Retno", "title": "Menteri Luar Negeri", "country": "ID", "mentions": [["Retno", "*"]]}
        ],
    }
    gold, text = annotate.build(source)
    for record in gold["figures"] + [m for o in gold["officials"] for m in o["mentions"]]:
        assert text[record["start"] : record["end"]] == record["text"]
    validated = annotate.validate(gold, text)
    assert validated.figures[0].value == 42
    assert [m.text for m in validated.officials[0].mentions] == ["Retno", "Retno"]


def test_build_rejects_invalid_record(tmp_path, monkeypatch):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(annotate, "REPO", tmp_path)
    source = {"doc_id": "doc", "raw": "doc.txt", "figures": [{"span": "42%", "kind": "no-such-kind", "value": 42}]}
    gold, text = annotate.build(source)
    with pytest.raises(annotate.AnnotationError, match="doc"):
        annotate.validate(gold, text)


@pytest.mark.skipif(not (SHARED_DATA / "indosum" / "articles.jsonl").exists(), reason="needs ../shared/data")
@pytest.mark.parametrize("gold_dir, count", [(ANNOTATIONS_DIR, 14), (ANNOTATIONS_DIR / "heldout", 4)])
def test_shipped_gold_files_are_rebuilt_exactly_from_their_sources(gold_dir, count, capsys):
    sources = sorted((gold_dir / "src").glob("*.json"))
    assert len(sources) == count
    jsonl = str(SHARED_DATA / "indosum" / "articles.jsonl")
    assert annotate.main(["--check", "--jsonl", jsonl, "--gold-dir", str(gold_dir)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == count
    for path in sources:
        assert (gold_dir / path.name).exists()
        assert json.loads(path.read_text(encoding="utf-8"))["doc_id"] == path.stem


@pytest.mark.skipif(not (SHARED_DATA / "web" / "articles.jsonl").exists(), reason="needs ../shared/data")
@pytest.mark.parametrize("gold_dir, count", [(ANNOTATIONS_DIR / "test", 22), (ANNOTATIONS_DIR / "tune", 56)])
def test_wave_2_gold_is_rebuilt_exactly_from_sources_naming_their_corpus(gold_dir, count, capsys):
    # These sources name ../shared/data/web or ../shared/data/indosum themselves (no --jsonl).
    sources = sorted((gold_dir / "src").glob("*.json"))
    assert len(sources) == count
    assert annotate.main(["--check", "--gold-dir", str(gold_dir)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == count
    corpora = {json.loads(path.read_text(encoding="utf-8"))["jsonl"] for path in sources}
    assert corpora <= {"../shared/data/web/articles.jsonl", "../shared/data/indosum/articles.jsonl"}
