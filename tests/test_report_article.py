"""`extractor show --html`: one self-contained page per article, escaped whatever the input."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import escape

from extractor import cli
from extractor.records import DocumentRecords
from extractor.report import render_article_page

from conftest import ANNOTATIONS_DIR, RAW_DIR

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def hostile_records() -> tuple[str, DocumentRecords]:
    text = f"Menlu {HOSTILE} bertemu </script><!-- pada Senin (7/8) di {HOSTILE}."
    start = text.index(HOSTILE)
    date = text.index("Senin (7/8)")
    records = DocumentRecords.model_validate({
        "doc_id": HOSTILE,
        "officials": [{"name": HOSTILE, "title": "</script>", "country": "ID",
                       "mentions": [{"start": start, "end": start + len(HOSTILE), "text": HOSTILE}], "rule": HOSTILE}],
        "dates": [{"start": date, "end": date + 11, "text": "Senin (7/8)", "granularity": "day", "value": "2017-08-07"}],
        "article": {"title": HOSTILE, "source": HOSTILE, "url": "javascript:alert(3)"},
    }, context={"text": text})
    return text, records


def test_hostile_ids_titles_and_texts_never_become_markup():
    text, records = hostile_records()
    page = render_article_page(text, records)
    parsed = parse(page)
    tags = {tag for tag, _ in parsed.elements}
    assert "img" not in tags
    assert all(not name.startswith("on") for _, attrs in parsed.elements for name in attrs)
    assert not any(attrs.get("href", "").startswith("javascript") for _, attrs in parsed.elements)
    executable = [body for attrs, body in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 1 and "alert" not in executable[0]
    # The inline script is the shipped asset, pinned in the page's Content-Security-Policy.
    digest = base64.b64encode(hashlib.sha256(executable[0].encode()).digest()).decode()
    csp = next(attrs["content"] for tag, attrs in parsed.elements if attrs.get("http-equiv") == "Content-Security-Policy")
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp and "connect-src 'none'" in csp
    # The records' JSON survives its escaping exactly.
    data = json.loads(next(body for attrs, body in parsed.scripts if attrs.get("id") == "records-data"))
    assert data["officials-0"]["fields"][0] == ["name", HOSTILE]
    assert "</script>" not in next(body for attrs, body in parsed.scripts if attrs.get("id") == "records-data")
    # The text container holds the article text, character for character.
    assert str(escape(HOSTILE)) in page


def test_page_requests_nothing():
    text, records = hostile_records()
    page = render_article_page(text, records)
    for _, attrs in parse(page).elements:
        assert "src" not in attrs
        assert not attrs.get("href", "#").startswith(("http", "//")), attrs
    assert not re.search(r"(?:https?:)?//[a-z]", page.replace("javascript:alert(3)", ""))


def test_show_html_writes_the_page_from_stored_records(tmp_path: Path, capsys):
    gold = json.loads((ANNOTATIONS_DIR / "004_c1b15d166fd41f57.json").read_text(encoding="utf-8"))
    records_path = tmp_path / "gold.jsonl"
    records_path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    article = next(RAW_DIR.glob("004_*"))
    out = tmp_path / "view" / "a.html"
    assert cli.main(["show", str(article), "--records", str(records_path), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    parsed = parse(page)
    record = DocumentRecords.model_validate(gold)
    spans = list(record.iter_spans())
    firsts = [attrs for tag, attrs in parsed.elements if tag == "mark" and "id" in attrs]
    assert len(firsts) == len(spans) and all(a["tabindex"] == "0" for a in firsts)
    rows = {attrs["id"] for tag, attrs in parsed.elements if tag == "tr" and "id" in attrs}
    assert rows == {f"r-{kind}-{i}" for kind in ("officials", "events", "dates", "priority_areas", "figures")
                    for i in range(len(gold[kind]))}
    span_links = {attrs["href"][1:] for tag, attrs in parsed.elements if tag == "a" and attrs.get("class") == "span-link"}
    assert span_links == {a["id"] for a in firsts}
    assert [h for h in ("h1", "h2", "h3") if h in {t for t, _ in parsed.elements}] == ["h1", "h2", "h3"]
    assert f"{record.doc_id}, {len(spans)} spans" in capsys.readouterr().err


def test_show_html_to_an_unwritable_place_is_a_clear_error(tmp_path: Path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Presiden Joko Widodo tiba.", encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"doc_id": "a"}) + "\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert cli.main(["show", str(article), "--records", str(records), "--html", str(blocker / "a.html")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_show_html_picks_the_article_by_id(tmp_path: Path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        json.dumps({"id": "first", "text": "Presiden Joko Widodo tiba."}) + "\n"
        + json.dumps({"id": "second", "text": "Menlu Retno Marsudi tiba pada 2017."}) + "\n",
        encoding="utf-8",
    )
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"doc_id": "second", "dates": [
        {"start": 30, "end": 34, "text": "2017", "value": "2017", "granularity": "year"}]}) + "\n", encoding="utf-8")
    out = tmp_path / "second.html"
    assert cli.main(["show", str(articles), "--id", "second", "--records", str(records), "--html", str(out)]) == 0
    parsed = parse(out.read_text(encoding="utf-8"))
    marks = [attrs for tag, attrs in parsed.elements if tag == "mark"]
    assert [(m["data-kind"], m["data-label"]) for m in marks] == [("dates", "Date")]
    assert cli.main(["show", str(articles), "--id", "third", "--records", str(records), "--html", str(out)]) == 1
