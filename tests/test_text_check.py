"""Refused texts (surrogates, control characters, noncharacters) and odd but valid characters:
the check itself, the readers' input errors, the library's exception and the command's error entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor
from extractor import cli
from extractor.core import Extractor
from extractor.document import Article
from extractor.io.readers import InputError, read_file
from extractor.io.text_check import InvalidTextError, check_text, first_refused

SENTENCE = "Menteri Luar Negeri Retno Marsudi bertemu Menlu Rusia di Jakarta, Rabu (9/8/2017)."

REFUSED = {
    "\ud800": "unpaired surrogate",
    "\udfff": "unpaired surrogate",
    "\x00": "control character",
    "\x07": "control character",
    "\x1b": "control character",
    "\x1f": "control character",
    "\x7f": "control character",
    "\ufdd0": "noncharacter",
    "\ufffe": "noncharacter",
    "\uffff": "noncharacter",
    "\U0001fffe": "noncharacter",
    "\U0010ffff": "noncharacter",
}

ODD_BUT_VALID = [
    "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x85",  # whitespace, line breaks
    "\x80", "\x9d", "\u00e2\u20ac\x9d", "\x9f",  # C1 controls: mojibake of a cp1252 quote
    "\u00a0", "\u2007", "\u202f", "\u3000",  # no-break and other spaces
    "\u200b", "\u200c", "\u200d", "\u2060",  # zero-width
    "\u200e", "\u200f", "\u202b", "\u202c", "\u2067",  # direction marks and embeddings
    "\u0301", "e\u0301", "\u0327\u0308",  # combining marks
    "\U0001f600", "\U0001f1ee\U0001f1e9", "\U0001f469\u200d\U0001f4bb",  # emoji, flag, ZWJ sequence
    "\ufeff",  # byte order mark inside the text
    "\ue000", "\U000f0000",  # private use
    "\U000e0001", "\u0378",  # tag character; unassigned code point
    "\ufdcf", "\ufdf0", "\ufffd",  # next to the noncharacters; replacement character
]


@pytest.mark.parametrize("character, kind", REFUSED.items(), ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_refused_character_names_kind_and_first_offset(character: str, kind: str):
    text = f"Jakarta {character} Bali {character}"
    assert first_refused(text) == 8
    with pytest.raises(InvalidTextError) as raised:
        check_text(text, doc_id="d1")
    error = raised.value
    assert (error.offset, error.character, error.kind, error.doc_id) == (8, character, kind, "d1")
    assert f"U+{ord(character):04X}" in str(error) and "offset 8" in str(error) and "'d1'" in str(error)


@pytest.mark.parametrize("piece", ODD_BUT_VALID, ids=[ascii(p) for p in ODD_BUT_VALID])
def test_odd_but_valid_characters_pass(piece: str):
    assert first_refused(f"a{piece}b") is None
    check_text(piece)


def test_exception_is_exported_and_a_value_error():
    assert extractor.InvalidTextError is InvalidTextError
    assert issubclass(InvalidTextError, ValueError)


def test_readers_refuse_with_file_line_and_offset(tmp_path: Path):
    txt = tmp_path / "a.txt"
    txt.write_bytes("Baris satu.\nBaris dua \x1b[31m merah.\n".encode("utf-8"))
    [error] = read_file(txt)
    assert isinstance(error, InputError)
    assert (error.file, error.line, error.doc_id) == (str(txt), 2, "a")
    assert "U+001B (control character) at offset 22 (line 2 of the text)" in error.reason

    corpus = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": SENTENCE}),
        '{"id": "lone", "text": "Jakarta \\ud800 Bali"}',  # valid JSON, not a character
        '{"id": "nul", "text": "a\\nb\\u0000c"}',
        json.dumps({"id": "ok2", "text": SENTENCE}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_file(corpus))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "InputError", "Article"]
    lone, nul = results[1], results[2]
    assert (lone.line, lone.doc_id) == (2, "lone") and "U+D800 (unpaired surrogate) at offset 8" in lone.reason
    assert (nul.line, nul.doc_id) == (3, "nul") and "U+0000 (control character" in nul.reason
    assert "offset 3 (line 2 of the text)" in nul.reason

    single = tmp_path / "s.json"
    single.write_text('[{"id": "x", "text": "ok"}, {"id": "y", "text": "\\uffff"}]', encoding="utf-8")
    results = list(read_file(single))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], InputError) and results[1].reason.startswith("item 2: text refused: U+FFFF")


@pytest.fixture(scope="module")
def shipped() -> Extractor:
    return Extractor(batch_size=4)


def test_library_raises_for_a_refused_text(shipped: Extractor):
    with pytest.raises(InvalidTextError) as raised:
        shipped.extract(SENTENCE + "\ud83d", doc_id="emoji-half")
    assert raised.value.offset == len(SENTENCE) and raised.value.doc_id == "emoji-half"
    with pytest.raises(InvalidTextError, match="'1'"):
        list(shipped.extract_many([SENTENCE, "a\x00b"]))
    with pytest.raises(InvalidTextError):
        list(shipped.extract_many([{"id": "j", "text": "\x7f"}]))


def test_iter_results_turns_a_refused_text_into_an_input_error(shipped: Extractor):
    results = list(shipped.iter_results([Article("a", SENTENCE), Article("b", "x\udc80y"), Article("c", SENTENCE)]))
    assert [r.doc_id for r in results] == ["a", "b", "c"]
    assert isinstance(results[1], InputError) and "U+DC80 (unpaired surrogate) at offset 1" in results[1].reason


def test_odd_characters_extract_with_exact_offsets(shipped: Extractor):
    pieces = ["\u00a0", "\u200b", "\u200f", "\u0301", "\U0001f600", "\ufeff", "\u202b", "\r\n", "\t"]
    text = SENTENCE
    for piece in pieces:
        text = text.replace(" ", piece, 1)
    text = "\u200e" + text + " \U0001f1ee\U0001f1e9 " + SENTENCE
    records = shipped.extract(text, doc_id="odd")
    spans = list(records.iter_spans())
    assert spans
    for kind, index, field, span in spans:
        assert text[span.start : span.end] == span.text, (kind, index, field)
    # the clean copy of the sentence at the end is read as usual
    tail = len(text) - len(SENTENCE)
    assert any(o.name == "Retno Marsudi" for o in records.officials)
    assert any(m.start >= tail for o in records.officials for m in o.mentions)


def test_command_writes_an_error_entry_and_goes_on(tmp_path: Path, capsys):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": SENTENCE}),
                '{"id": "b", "text": "Jakarta \\udfff"}',
                json.dumps({"id": "c", "text": SENTENCE}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(corpus), "-o", str(out)]) == 1
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "c"]
    [entry] = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entry["file"] == str(corpus) and entry["line"] == 2 and entry["doc_id"] == "b"
    assert "U+DFFF (unpaired surrogate) at offset 8" in entry["reason"]
    err = capsys.readouterr().err
    assert "in.jsonl:2: text refused: U+DFFF" in err and "2 articles extracted" in err


def test_text_over_max_chars_is_refused_before_the_models_run(monkeypatch):
    extractor_ = Extractor(batch_size=2, max_chars=100)

    def no_models(*args, **kwargs):
        raise AssertionError("the models ran on a refused text")

    with pytest.raises(extractor.TextTooLongError, match="101 characters, over the limit of 100"):
        monkeypatch.setattr(extractor_.nlp, "bulk_process", no_models)
        extractor_.extract("a" * 101, doc_id="long")
    results = list(extractor_.iter_results([Article("long", "b" * 101, origin="in.jsonl:4")]))
    assert isinstance(results[0], InputError)
    assert (results[0].file, results[0].line, results[0].doc_id) == ("in.jsonl", 4, "long")
    assert "--max-chars" in results[0].reason


def test_command_max_chars(tmp_path: Path, capsys):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": SENTENCE}) + "\n" + json.dumps({"id": "b", "text": "x" * 120}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(corpus), "-o", str(out), "--max-chars", "100"]) == 1
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a"]
    [entry] = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (entry["file"], entry["line"], entry["doc_id"]) == (str(corpus), 2, "b")
    assert "120 characters, over the limit of 100" in entry["reason"]
