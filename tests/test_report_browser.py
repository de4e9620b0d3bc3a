"""The HTML views in a real browser: Debian's headless Chromium driven by Playwright (the
system browser, never a downloaded one). Skipped, saying why, when either is missing; `.ci/run`
installs both. Screenshots and a print PDF are saved under ``out/browser/`` as CI artefacts."""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from extractor import cli
from extractor.records import DocumentRecords
from extractor.report.paths import page_path
from conftest import ANNOTATIONS_DIR, RAW_DIR, REPO
from report_fixtures import HOSTILE, gold_site, hostile_archive  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

ARTEFACTS = REPO / "out" / "browser"
PHONE = {"width": 390, "height": 844}


def chromium_path():
    return os.environ.get("EXTRACTOR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if not executable:
        pytest.skip("no chromium on PATH (Debian: apt-get install -y chromium; or set EXTRACTOR_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install '.[browser]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


class Watched:
    """A page that records console errors, page errors, dialogs and every request."""

    def __init__(self, browser, viewport=None):
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file://")]

    def close(self):
        self.context.close()


def highlight_texts(page) -> list[tuple[str, str]]:
    """(record key, text) of every highlight: the joined text of all its elements."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('mark.hl[id]')).map(first => [
        first.getAttribute('data-record'),
        Array.from(document.querySelectorAll('[data-span="' + first.id + '"]')).map(e => e.textContent).join('')])""")


def variance(browser, png: bytes) -> float:
    """Pixel variance of a screenshot (grey levels), computed on a canvas in a blank page."""
    page = browser.new_page()
    try:
        return page.evaluate("""async (data) => {
            const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
            const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(0, 0, img.width, img.height).data;
            let n = 0, sum = 0, sq = 0;
            for (let i = 0; i < px.length; i += 4 * 7) { const g = (px[i] + px[i+1] + px[i+2]) / 3; n++; sum += g; sq += g * g; }
            return sq / n - (sum / n) ** 2; }""", base64.b64encode(png).decode())
    finally:
        page.close()


def gold_records() -> dict[str, DocumentRecords]:
    paths = sorted(ANNOTATIONS_DIR.glob("*.json")) + sorted((ANNOTATIONS_DIR / "heldout").glob("*.json"))
    records = [DocumentRecords.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    return {r.doc_id: r for r in records}


def expected_highlights(records: DocumentRecords) -> Counter:
    return Counter((f"{kind}-{index}", span.text) for kind, index, _, span in records.iter_spans() if span.end > span.start)


def test_every_page_loads_clean_with_no_request_and_links_resolve(browser, gold_site):
    site, _ = gold_site
    watched = Watched(browser)
    pages = sorted(site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    try:
        for path in pages:
            page = watched.open(path)
            assert page.title(), path
            ids[path] = set(page.evaluate("() => Array.from(document.querySelectorAll('[id]')).map(e => e.id)"))
            links[path] = page.evaluate(  # SVG links too (their .href is not a string)
                "() => Array.from(document.querySelectorAll('a[href]')).map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
            assert page.evaluate("() => document.querySelectorAll('h1').length") == 1, path
    finally:
        watched.close()
    assert watched.errors == []
    assert watched.external_requests() == []
    assert {url for url in watched.requests} >= {p.as_uri() for p in pages}
    checked = 0
    for path, hrefs in links.items():
        for href in hrefs:
            parts = urlsplit(href)
            assert parts.scheme == "file", f"{path}: {href}"
            target = Path(unquote(parts.path))
            assert target.exists() and target.resolve().is_relative_to(site.resolve()), f"{path}: broken {href}"
            if parts.fragment:
                assert parts.fragment in ids[target], f"{path}: {href} has no target"
            checked += 1
    assert checked > 500


def test_highlights_are_where_the_records_say(browser, gold_site):
    site, _ = gold_site
    watched = Watched(browser)
    try:
        for doc_id, records in gold_records().items():
            page = watched.open(page_path(site, "article", doc_id))
            assert Counter(map(tuple, highlight_texts(page))) == expected_highlights(records), doc_id
            # The text container holds the article's text exactly (no character added or lost).
            assert page.evaluate("() => document.getElementById('article-text').textContent") == page.evaluate(
                "() => Array.from(document.getElementById('article-text').childNodes).map(n => n.textContent).join('')")
    finally:
        watched.close()
    assert watched.errors == []


def test_keyboard_reaches_every_span_and_shows_its_record(browser, gold_site):
    site, _ = gold_site
    doc_id = "004_c1b15d166fd41f57"
    watched = Watched(browser)
    try:
        page = watched.open(page_path(site, "article", doc_id))
        spans = page.evaluate("() => Array.from(document.querySelectorAll('mark.hl[id]')).map(e => e.id)")
        focused, labels = [], set()
        for _ in range(len(spans) + 60):
            page.keyboard.press("Tab")
            active = page.evaluate("() => document.activeElement.matches('mark.hl') ? document.activeElement.id : null")
            if active:
                focused.append(active)
                tip = page.locator("#tip")
                assert tip.is_visible()
                labels.add(tip.inner_text().split(":")[0])
        assert set(spans) <= set(focused)
        assert labels == {"Official", "Event", "Date", "Priority area", "Figure"}
        page.focus(f"#{spans[0]}")
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash").startswith("#r-")
        page.keyboard.press("Escape")
        assert not page.locator("#tip").is_visible()
        page.hover(f"#{spans[3]}")
        assert page.locator("#tip").is_visible()
    finally:
        watched.close()
    assert watched.errors == []


def test_event_pages_highlight_each_source_mention(browser, gold_site, gold_archive):
    site, _ = gold_site
    conn = sqlite3.connect(gold_archive)
    watched = Watched(browser)
    try:
        for archive_event_id, key in conn.execute("SELECT archive_event_id, key FROM archive_events"):
            mentions = Counter(r[0] for r in conn.execute(
                "SELECT m.text FROM archive_event_sources s JOIN mentions m ON m.record_type = 'events' AND m.record_id = s.event_id"
                " WHERE s.archive_event_id = ?", (archive_event_id,)))
            page = watched.open(page_path(site, "event", key))
            assert Counter(text for _, text in highlight_texts(page)) == mentions, key
    finally:
        watched.close()
    assert watched.errors == []


def test_filters_count_the_events_of_a_country_and_period(browser, gold_site, gold_archive):
    site, _ = gold_site
    conn = sqlite3.connect(gold_archive)
    total = conn.execute("SELECT COUNT(*) FROM archive_events").fetchone()[0]
    code, with_code = conn.execute(
        "SELECT party, COUNT(*) FROM event_parties p JOIN archive_event_sources s USING (event_id) GROUP BY party"
        " ORDER BY COUNT(DISTINCT s.archive_event_id) DESC LIMIT 1").fetchone()
    expected = sum(1 for (parties,) in conn.execute("SELECT parties FROM archive_events") if code in json.loads(parties))
    watched = Watched(browser)
    try:
        page = watched.open(site / "index.html")
        assert page.inner_text("#f-summary").startswith(f"{total} of {total} events")
        page.select_option("#f-country", code)
        assert page.inner_text("#f-summary").startswith(f"{expected} of {total} events")
        assert page.locator("#f-events tr").count() == expected
        month = conn.execute("SELECT substr(start, 1, 7) FROM archive_events WHERE length(start) >= 7 ORDER BY start DESC").fetchone()[0]
        page.select_option("#f-country", "")
        page.select_option("#f-since", month)
        # A year-only date (2019) is not before a month of 2018: it is in the period.
        in_period = conn.execute("SELECT COUNT(*) FROM archive_events WHERE substr(start, 1, 7) >= ?", (month,)).fetchone()[0]
        assert page.inner_text("#f-summary").startswith(f"{in_period} of {total} events")
        assert page.locator("svg .bar.out").count() > 0
    finally:
        watched.close()
    assert watched.errors == []


def test_screenshots_are_not_blank_phone_width_fits_and_print_is_clean(browser, gold_site):
    site, _ = gold_site
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    article = page_path(site, "article", "004_c1b15d166fd41f57")
    watched = Watched(browser)
    try:
        for name, path in (("index", site / "index.html"), ("article", article)):
            page = watched.open(path)
            png = page.screenshot(full_page=True)
            (ARTEFACTS / f"{name}.png").write_bytes(png)
            assert variance(browser, png) > 200, name
    finally:
        watched.close()
    phone = Watched(browser, viewport=PHONE)
    try:
        for name, path in (("index", site / "index.html"), ("article", article), ("event", next((site / "event").glob("*.html")))):
            page = phone.open(path)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], name
            (ARTEFACTS / f"{name}-phone.png").write_bytes(page.screenshot(full_page=True))
        page = phone.open(article)
        page.emulate_media(media="print")
        assert not page.locator("nav").is_visible() and not page.locator(".hint").is_visible()
        pdf = page.pdf(format="A4")
        (ARTEFACTS / "article-print.pdf").write_bytes(pdf)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        phone.close()
    assert watched.errors == [] and phone.errors == []


def test_hostile_pages_run_nothing_and_request_nothing(browser, hostile_archive, tmp_path):
    from extractor.report.site import build_report

    site = tmp_path / "site"
    build_report(hostile_archive, site)
    watched = Watched(browser)
    try:
        for path in sorted(site.rglob("*.html")):
            page = watched.open(path)
            assert page.evaluate("() => document.querySelectorAll('img, iframe, object, embed').length") == 0, path
        page = watched.open(next((site / "article").glob("*.html")))
        assert HOSTILE in page.inner_text("#article-text")
        for text in (t for _, t in highlight_texts(page)):
            assert text in page.inner_text("#article-text")
    finally:
        watched.close()
    assert watched.errors == []
    assert watched.external_requests() == []


def test_show_html_page_works_from_file(browser, tmp_path):
    gold = json.loads((ANNOTATIONS_DIR / "004_c1b15d166fd41f57.json").read_text(encoding="utf-8"))
    records_path = tmp_path / "gold.jsonl"
    records_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    out = tmp_path / "a.html"
    assert cli.main(["show", str(next(RAW_DIR.glob("004_*"))), "--records", str(records_path), "--html", str(out)]) == 0
    watched = Watched(browser)
    try:
        page = watched.open(out)
        assert Counter(map(tuple, highlight_texts(page))) == expected_highlights(DocumentRecords.model_validate(gold))
        page.focus("mark.hl[id]")
        assert page.locator("#tip").is_visible()
    finally:
        watched.close()
    assert watched.errors == [] and watched.requests == [out.as_uri()]
