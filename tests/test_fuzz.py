"""Fuzz campaign: real articles (read from ../shared/data at test time) mutated in hostile ways,
and arbitrary Unicode, through the library and the command.

Properties: no exception escapes but the documented refusal (:class:`InvalidTextError`, exactly
when the text holds a refused character, at its first offset); every span is exact on the
original characters; every record validates against the text; every output line is valid
UTF-8 JSON. Examples per test: the loaded hypothesis profile (``fuzz`` by default, a few hundred
in all; ``--hypothesis-profile=long`` for 10,000; see ``conftest.py``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED_DATA
from extractor import InvalidTextError, cli
from extractor.core import Extractor
from extractor.io.readers import EMPTY_TEXT
from extractor.io.text_check import first_refused
from extractor.io.writers import record_line
from extractor.records import DocumentRecords

SOURCES = [SHARED_DATA / "indosum" / "articles.jsonl", SHARED_DATA / "web" / "articles.jsonl"]
ARTICLES_PER_SOURCE = 120
WINDOW = 1_500

ODD = ["\u00a0", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069",
       "\ufeff", "\u0301", "\u0308\u0323", "\U0001f600", "\U0001f1ee\U0001f1e9", "\U0001f469\u200d\U0001f4bb",
       "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\u3000", "\ue000", "\ufffd", "\u0378", "\x9d", "\x80"]
REFUSED = ["\ud800", "\udbff", "\udc00", "\udfff", "\x00", "\x01", "\x1b", "\x1f", "\x7f",
           "\ufdd0", "\ufffe", "\uffff", "\U0010ffff"]
SOUPS = ["1.2.3.4.5.6.7.8", "1,2,3,4,5,6", "1-2-3-4-5", "Rp1.000.000,00US$5%", "US$ US$ Rp Rp", "%%%%", "ke-ke-ke-",
         "((((((", "))))", "Menteri Menteri Menteri", "satu dua tiga empat lima", "9/8/2017/9/8", "@@@.com.com",
         "http://www.", "“”\"'‘’", "...", "---", "KTT KTT KTT", "ASEAN-ASEAN-"]


@lru_cache(maxsize=1)
def real_texts() -> tuple[str, ...]:
    texts = []
    for source in SOURCES:
        if not source.is_file():
            continue
        with open(source, encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if number >= ARTICLES_PER_SOURCE:
                    break
                texts.append(json.loads(line)["text"])
    return tuple(texts)


def _insert(text: str, fraction: float, piece: str) -> str:
    at = int(fraction * len(text))
    return text[:at] + piece + text[at:]


@st.composite
def mutated_articles(draw) -> str:
    texts = real_texts()
    text = draw(st.sampled_from(texts))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    text = text[start : start + draw(st.integers(0, WINDOW))]  # cuts anywhere, even mid-word
    fraction = st.floats(0, 1)
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["odd", "odd", "soup", "spaces", "newlines", "long", "duplicate", "case", "refused"]))
        if kind == "odd":
            text = _insert(text, draw(fraction), draw(st.sampled_from(ODD)) * draw(st.integers(1, 3)))
        elif kind == "soup":
            text = _insert(text, draw(fraction), draw(st.sampled_from(SOUPS)) * draw(st.integers(1, 20)))
        elif kind == "spaces":
            text = text.replace(" ", draw(st.sampled_from(["\u00a0", "  ", "\t", "\u2009", " \u200b"])))
        elif kind == "newlines":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n\n", "\u2028"])))
        elif kind == "long":
            text = _insert(text, draw(fraction), draw(st.sampled_from("xX9.")) * draw(st.integers(100, 10_000)))
        elif kind == "duplicate" and text:
            a = draw(st.integers(0, len(text) - 1))
            text = _insert(text, draw(fraction), text[a : a + 200])
        elif kind == "case":
            text = draw(st.sampled_from([str.upper, str.lower, str.title, str.swapcase]))(text)
        elif kind == "refused" and draw(st.booleans()):
            text = _insert(text, draw(fraction), draw(st.sampled_from(REFUSED)))
    return text


# Any code point, surrogates and controls included, with the odd and refused ones made common.
unicode_texts = st.lists(  # pieces, not an alphabet: some odd pieces are several code points
    st.one_of(
        st.characters(codec=None, categories=None, exclude_categories=()),
        st.sampled_from(ODD + REFUSED),
        st.sampled_from(" \n.,-()%0123456789"),
    ),
    max_size=300,
).map("".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    if not real_texts():
        pytest.skip(f"no articles under {SHARED_DATA}")
    return Extractor(batch_size=1)


def check_extraction(extractor: Extractor, text: str) -> None:
    refused_at = first_refused(text)
    try:
        records = extractor.extract(text, doc_id="fuzz", published="2017-08-09")
    except InvalidTextError as refusal:
        assert refused_at is not None and refusal.offset == refused_at
        return
    assert refused_at is None, f"text with a refused character at {refused_at} was extracted"
    for kind, index, field, span in records.iter_spans():
        assert 0 <= span.start <= span.end <= len(text), (kind, index, field)
        assert text[span.start : span.end] == span.text, (kind, index, field)
    line = record_line(records)
    data = line.encode("utf-8")  # strict: no surrogate can be written
    assert data.endswith(b"\n") and b"\n" not in data[:-1]
    obj = json.loads(data.decode("utf-8"))
    again = DocumentRecords.model_validate(obj, context={"text": text})
    assert record_line(again) == line


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(text=mutated_articles())
def test_mutated_real_articles(extractor: Extractor, text: str):
    check_extraction(extractor, text)


@FUZZ
@given(text=unicode_texts)
def test_arbitrary_unicode(extractor: Extractor, text: str):
    check_extraction(extractor, text)


# Each example runs the whole command (about a second): a twentieth of the profile's examples.
# An empty or whitespace-only text is an input error like an empty .txt (found here: texts=['']).
@settings(FUZZ, max_examples=max(5, settings.default.max_examples // 20))
@given(texts=st.lists(st.one_of(mutated_articles(), unicode_texts), min_size=1, max_size=4))
def test_command_output_lines(extractor: Extractor, tmp_path_factory, texts: list[str]):
    folder = tmp_path_factory.mktemp("fuzz")
    corpus = folder / "in.jsonl"
    # ensure_ascii: a surrogate travels as a \ud800 escape, valid JSON that the reader must refuse
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    out = folder / "out.jsonl"
    status = cli.main(["extract", str(corpus), "-o", str(out)])
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""
    written = [json.loads(line.decode("utf-8")) for line in lines[:-1]]
    errors = [json.loads(line) for line in (folder / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    # A JSON text field is the text as given: a leading U+FEFF in it is a character, not the file's
    # encoding mark (io/readers.py), so offsets count it (found here: texts=['\ufeffKetua MPR Zulkifli ']).
    refused = {f"d{i}" for i, t in enumerate(texts) if first_refused(t) is not None}
    empty = {f"d{i}" for i, t in enumerate(texts) if not t.strip()} - refused
    assert {e["doc_id"] for e in errors} == refused | empty
    assert all(("text refused" if e["doc_id"] in refused else EMPTY_TEXT) in e["reason"] for e in errors)
    refused |= empty
    assert [o["doc_id"] for o in written] == [f"d{i}" for i in range(len(texts)) if f"d{i}" not in refused]
    for obj in written:
        text = texts[int(obj["doc_id"][1:])]
        DocumentRecords.model_validate(obj, context={"text": text})
    assert status == (1 if refused else 0)
