"""Property: any text (unicode, NBSP, digits, %, month names, titles) extracts without a crash,
and every emitted span is exact on the original characters."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.core import Extractor

FRAGMENTS = [
    "Menteri Luar Negeri",
    "Menlu",
    "Dirjen",
    "Presiden",
    "Retno L.P. Marsudi",
    "Joko Widodo",
    "Rabu (9/8)",
    "19-20 Mei 2016",
    "Agustus",
    "tahun 2017",
    "periode 2018-2021",
    "kemarin",
    "42%",
    "42 persen",
    "US$16,74 miliar",
    "Rp1,5 triliun",
    "ke-16",
    "kedelapan",
    "KTT ke-3 ASEAN-Rusia",
    "di Jakarta",
    "kerja sama di bidang energi",
    "kontra terorisme",
    "\u00a0",
    "  ",
    "\n\n",
    "\r\n",
    "\u201c",
    "\u201d",
    "\u2013",
    "\ufeff",
    ". ",
    ", ",
    "Pewarta: ",
    "COPYRIGHT \u00a9 ANTARA 2019",
]

texts = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        # any text the reader accepts: refused characters (surrogates, controls) have their own tests
        st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
        st.integers(min_value=-10, max_value=10**13).map(str),
        st.from_regex(r"[0-9]{1,4}[.,/-][0-9]{1,4}(%| persen)?", fullmatch=True),
    ),
    max_size=30,
).map(" ".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(batch_size=1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, published=st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)).map(lambda d: d.isoformat())))
def test_any_text_extracts_with_exact_spans(extractor: Extractor, text: str, published):
    records = extractor.extract(text, doc_id="prop", published=published)
    assert records.doc_id == "prop"
    for kind, index, field, span in records.iter_spans():
        assert 0 <= span.start <= span.end <= len(text), (kind, index, field)
        assert text[span.start : span.end] == span.text, (kind, index, field)
