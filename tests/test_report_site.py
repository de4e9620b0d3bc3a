"""`extractor report`: the site of an archive, its pages, links, safety and atomic output."""

from __future__ import annotations

import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from extractor import cli
from extractor.report.paths import page_path
from extractor.report.site import MARKER, ReportError, build_report
from report_fixtures import HOSTILE, HOSTILE_IDS, gold_site, hostile_archive  # noqa: F401 (fixtures)


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if name in attributes:
                self.links.append(attributes[name])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_pages(site: Path) -> dict[Path, Page]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def test_the_site_has_a_page_for_everything_in_the_archive(gold_site, gold_archive):
    site, stats = gold_site
    conn = sqlite3.connect(gold_archive)
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "persons", "archive_events")}
    for folder, table in (("article", "documents"), ("person", "persons"), ("event", "archive_events")):
        assert len(list((site / folder).glob("*.html"))) == counts[table]
    assert stats.pages["article"] == counts["documents"] and stats.pages["event"] == counts["archive_events"]
    for key in (r[0] for r in conn.execute("SELECT key FROM persons")):
        assert page_path(site, "person", key).exists()
    assert (site / "index.html").exists() and (site / "assets" / "report.css").exists() and (site / MARKER).exists()


def test_every_link_resolves_to_a_file_and_an_anchor(gold_site):
    site, _ = gold_site
    pages = site_pages(site)
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{path}: external link {link}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_relative_to(site.resolve()) and target.exists(), f"{path}: broken link {link}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{path}: no #{parts.fragment} in {target}"
            checked += 1
    assert checked > 500


def test_pages_link_to_each_other(gold_site, gold_archive):
    site, _ = gold_site
    conn = sqlite3.connect(gold_archive)
    key, name = conn.execute("SELECT key, name FROM persons ORDER BY documents DESC").fetchone()
    person = parse(page_path(site, "person", key))
    assert any(link.startswith("../article/") for link in person.links)
    assert any(link.startswith("../event/") for link in person.links)
    assert any(link.startswith("../country/") for link in person.links)
    doc_id = conn.execute("SELECT doc_id FROM person_officials JOIN officials USING (official_id) JOIN persons USING (person_id)"
                          " WHERE key = ? LIMIT 1", (key,)).fetchone()[0]
    article = parse(page_path(site, "article", doc_id))
    assert f"../person/{key}.html" in article.links


def test_an_event_page_shows_its_disagreements_and_every_source(gold_site, gold_archive):
    site, _ = gold_site
    conn = sqlite3.connect(gold_archive)
    event_id, key = conn.execute(
        "SELECT a.archive_event_id, a.key FROM archive_events a JOIN archive_event_values v USING (archive_event_id)"
        " WHERE v.field = 'location' GROUP BY a.archive_event_id HAVING COUNT(*) > 1 LIMIT 1"
    ).fetchone()
    html = page_path(site, "event", key).read_text(encoding="utf-8")
    for (value,) in conn.execute("SELECT value FROM archive_event_values WHERE archive_event_id = ? AND field = 'location'", (event_id,)):
        assert f"<td>{json.loads(value)}</td>" in html
    assert "<caption>location</caption>" in html
    sources = conn.execute(
        "SELECT e.doc_id, m.text FROM archive_event_sources s JOIN events e USING (event_id)"
        " JOIN mentions m ON m.record_type = 'events' AND m.record_id = e.event_id WHERE s.archive_event_id = ?", (event_id,)
    ).fetchall()
    assert len({doc for doc, _ in sources}) >= 2
    page = parse(page_path(site, "event", key))
    for doc_id, _ in sources:
        assert any(link.startswith(f"../article/{doc_id}.html") for link in page.links)
    marks = [attrs for tag, attrs in page.elements if tag == "mark" and "id" in attrs]
    assert len(marks) == len(sources)


def test_hostile_ids_and_texts_stay_text_and_stay_inside(hostile_archive, tmp_path):
    site = tmp_path / "site"
    build_report(hostile_archive, site)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.is_relative_to(site) for p in written)
    assert len(list((site / "article").glob("*.html"))) == len(HOSTILE_IDS)
    for path in site.rglob("*.html"):
        page = parse(path)
        tags = {tag for tag, _ in page.elements}
        assert "img" not in tags, path
        assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs), path
        assert not any(link.startswith(("javascript", "http", "//", "/")) for link in page.links), path
        scripts = [attrs for tag, attrs in page.elements if tag == "script" and attrs.get("type") != "application/json"]
        assert scripts == [{"src": "../assets/report.js" if path.parent != site else "assets/report.js"}], path
    assert HOSTILE not in (site / "index.html").read_text(encoding="utf-8")


def test_an_existing_folder_is_replaced_only_when_it_is_a_report(gold_archive, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReportError, match="not an earlier report"):
        build_report(gold_archive, site)
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert cli.main(["report", str(gold_archive), "-o", str(site)]) == 1
    assert "not an earlier report" in capsys.readouterr().err
    report = tmp_path / "report"
    assert cli.main(["report", str(gold_archive), "-o", str(report), "--stats", str(tmp_path / "stats.json")]) == 0
    (report / "stale.html").write_text("old", encoding="utf-8")
    assert cli.main(["report", str(gold_archive), "-o", str(report)]) == 0
    assert not (report / "stale.html").exists() and (report / "index.html").exists()
    assert json.loads((tmp_path / "stats.json").read_text())["pages"]["index"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "site", "stats.json"]  # no staging left


def test_a_missing_or_foreign_archive_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path / "none.sqlite"), "-o", str(tmp_path / "out")]) == 1
    assert "no such archive" in capsys.readouterr().err
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)")
    assert cli.main(["report", str(foreign), "-o", str(tmp_path / "out")]) == 1
    assert "not an archive" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
