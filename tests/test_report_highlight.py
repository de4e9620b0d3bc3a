"""Highlighting spans in HTML: every character once, nested and crossing spans, escaping."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from extractor.records import DocumentRecords
from extractor.report.highlight import HighlightSpan, document_spans, highlight_html


class MarkCollector(HTMLParser):
    """The text of the markup, and the text inside the marks of each ``data-span`` id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.open: list[str] = []
        self.by_span: dict[str, str] = {}
        self.first: dict[str, dict] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        span = attributes["data-span"]
        self.open.append(span)
        if "id" in attributes:
            assert span not in self.first, f"{span} has two first elements"
            self.first[span] = attributes

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        for span in set(self.open):
            self.by_span[span] = self.by_span.get(span, "") + data


def collect(markup: str) -> MarkCollector:
    collector = MarkCollector()
    collector.feed(markup)
    collector.close()
    return collector


def span(span_id, kind, start, end, text):
    return HighlightSpan(span_id, kind, f"{kind}-0", start, end, text[start:end])


def test_nested_and_crossing_spans_each_keep_their_text():
    text = "Presiden Joko Widodo bertemu pada 7 Agustus 2017 di Jakarta."
    spans = [
        span("a", "events", 0, 28, text),  # outer
        span("b", "officials", 9, 20, text),  # nested
        span("c", "dates", 25, 48, text),  # crosses the end of a
        span("d", "figures", 34, 35, text),  # nested in c, after a ended
        span("e", "dates", 34, 35, text),  # same extent as d
    ]
    collector = collect(str(highlight_html(text, spans)))
    assert "".join(collector.text) == text
    for item in spans:
        assert collector.by_span[item.span_id] == item.text
        assert collector.first[item.span_id]["tabindex"] == "0"
    assert set(collector.tags) == {"mark"}


def test_hostile_text_is_escaped_and_offsets_still_hold():
    text = 'A <script>alert("x")</script> & <img src=x onerror=alert(1)> "Retno" \u2028 end'
    start = text.index("<script>")
    spans = [span("s0", "officials", start, start + 20, text), span("s1", "dates", 0, 1, text)]
    markup = str(highlight_html(text, spans))
    assert "<script" not in markup and "<img" not in markup
    collector = collect(markup)
    assert "".join(collector.text) == text
    assert collector.by_span["s0"] == '<script>alert("x")</'


def test_a_span_that_does_not_fit_the_text_is_refused():
    with pytest.raises(ValueError, match="s0"):
        highlight_html("abc", [HighlightSpan("s0", "dates", "dates-0", 0, 2, "xy")])


def test_document_spans_cover_every_record_span_in_order():
    text = "Menlu Retno bertemu Menlu Lavrov, Senin (7/8), bahas terorisme dan 20 persen."
    records = DocumentRecords.model_validate({
        "doc_id": "d",
        "officials": [{"name": "Retno", "mentions": [{"start": 0, "end": 11, "text": "Menlu Retno"}]}],
        "events": [{"type": "meeting", "name": "bertemu", "mentions": [{"start": 12, "end": 19, "text": "bertemu"}]}],
        "dates": [{"start": 34, "end": 45, "text": "Senin (7/8)", "granularity": "day"}],
        "priority_areas": [{"area": "counter_terrorism", "mentions": [{"start": 53, "end": 62, "text": "terorisme"}]}],
        "figures": [{"start": 67, "end": 76, "text": "20 persen", "kind": "percent", "value": 20}],
    }, context={"text": text})
    spans = document_spans(records)
    assert [s.record_key for s in spans] == ["officials-0", "events-0", "dates-0", "priority_areas-0", "figures-0"]
    assert [s.span_id for s in spans] == ["s0", "s1", "s2", "s3", "s4"]
    collector = collect(str(highlight_html(text, spans)))
    assert {s.span_id: s.text for s in spans} == collector.by_span
