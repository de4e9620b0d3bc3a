"""``extractor report ARCHIVE.sqlite -o SITE/``: a static site over an archive.

Pages: ``index.html`` (counts, timeline, meeting networks, top lists, filters), lists of
persons, countries, events and articles, and one page per person (``person/``), country
(``country/``), archive event (``event/``) and article (``article/``, the view of
``show --html``). Every link is relative, every asset is copied from the package into
``assets/``, so the folder opens from ``file://`` anywhere, with no server and no network.

The site is built in a temporary folder beside ``SITE`` and moved into place when complete: a
failed run leaves ``SITE`` as it was. An existing ``SITE`` is replaced only if an earlier
report made it (it holds the ``.extractor-report`` marker); any other non-empty folder is
refused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from markupsafe import Markup

from ..record_types import record_type, record_type_names
from .article import article_view, cell_text, script_json
from .data import HOME, ArchiveData, ArchiveEvent, load_archive, party_name
from .highlight import HighlightSpan, document_spans, highlight_html, record_key
from .paths import page_href, page_path, safe_stem
from .render import ASSETS, asset_bytes, render
from .svg import EVENT_TYPES, Node, network_svg, timeline_svg, type_key

MARKER = ".extractor-report"
TOP = 15
NETWORK_NODES = 30
EXCERPT_CONTEXT = 180


class ReportError(Exception):
    """The report cannot be built as asked (output folder in the way, archive unreadable)."""


@dataclass
class ReportStats:
    pages: dict[str, int] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    bytes: int = 0

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())


class Links:
    """Relative hrefs from a page ``root`` levels below the site's root."""

    def __init__(self, data: ArchiveData, root: str, span_ids: dict[str, dict[str, str]]):
        self.data, self.root, self.span_ids = data, root, span_ids

    def person(self, person_id: int) -> tuple[str, str]:
        person = self.data.persons[person_id]
        return person.name, self.root + page_href("person", person.key)

    def event(self, archive_event_id: int) -> tuple[str, str]:
        event = self.data.events[archive_event_id]
        return event.name, self.root + page_href("event", event.key)

    def country(self, code: str) -> tuple[str, str]:
        return party_name(code), self.root + page_href("country", code)

    def article(self, doc_id: str, record: Optional[str] = None) -> tuple[str, str]:
        document = self.data.documents[doc_id]
        href = self.root + page_href("article", doc_id)
        anchor = self.span_ids.get(doc_id, {}).get(record) if record else None
        return document.title or doc_id, href + (f"#{anchor}" if anchor else "")

    def countries(self, codes: list[str]) -> list[tuple[str, str]]:
        return [self.country(code) for code in codes]


def _period(event: ArchiveEvent) -> str:
    if event.start and event.end and event.end != event.start:
        return f"{event.start} – {event.end}"
    return event.start or ""


def _event_row(event: ArchiveEvent, links: Links) -> list[Any]:
    return [
        _period(event), event.type, links.event(event.archive_event_id), event.location or "",
        links.countries(event.parties), [links.person(p) for p in event.person_ids], event.source_count,
    ]


EVENT_COLUMNS = ["date", "type", "event", "location", "parties", "persons", "sources"]


class SiteBuilder:
    def __init__(self, data: ArchiveData, out: Path, title: str):
        self.data, self.out, self.title = data, out, title
        self.stats = ReportStats()
        self.span_ids = {
            doc_id: self._first_spans(document_spans(document.records))
            for doc_id, document in data.documents.items()
            if document.text is not None
        }
        self.countries = self._country_codes()

    @staticmethod
    def _first_spans(spans: list[HighlightSpan]) -> dict[str, str]:
        first: dict[str, str] = {}
        for span in spans:
            first.setdefault(span.record_key, span.span_id)
        return first

    def _country_codes(self) -> list[str]:
        codes: set[str] = set()
        for event in self.data.events.values():
            codes.update(event.parties)
        for document in self.data.documents.values():
            codes.update(document.partners)
        codes.update(filter(None, (official.country for official in self.data.officials.values())))
        return sorted(codes)

    def write(self, folder: str, identifier: Optional[str], template: str, context: dict[str, Any], kind: str) -> None:
        if identifier is None:
            path, root = self.out / f"{folder}.html", ""
        else:
            path, root = page_path(self.out, folder, identifier), "../"
        page = render(template, context, root=root, site=True)
        path.write_text(page, encoding="utf-8")
        self.stats.pages[kind] += 1
        self.stats.bytes += len(page.encode("utf-8"))

    def links(self, root: str) -> Links:
        return Links(self.data, root, self.span_ids)

    # --- pages ---------------------------------------------------------------------------

    def build(self) -> ReportStats:
        for folder in ("assets", "person", "country", "event", "article"):
            (self.out / folder).mkdir()
        for name in ASSETS:
            (self.out / "assets" / name).write_bytes(asset_bytes(name))
        (self.out / MARKER).write_text("made by `extractor report`; the next report replaces this folder\n", encoding="utf-8")
        for step, method in (
            ("articles", self.article_pages), ("persons", self.person_pages), ("events", self.event_pages),
            ("countries", self.country_pages), ("lists", self.list_pages), ("index", self.index_page),
        ):
            started = time.perf_counter()
            method()
            self.stats.seconds[step] = round(time.perf_counter() - started, 3)
        return self.stats

    def article_pages(self) -> None:
        links = self.links("../")
        data = self.data
        for doc_id, document in data.documents.items():
            if document.text is None:
                continue
            official_ids, event_ids = document.official_ids, document.event_ids

            def record_link(kind: str, index: int) -> Optional[tuple[str, str]]:
                if kind == "officials" and index < len(official_ids):
                    person = data.person_of_official.get(official_ids[index])
                    return links.person(person) if person is not None else None
                if kind == "events" and index < len(event_ids):
                    archive_id = data.archive_event_of.get(event_ids[index])
                    return links.event(archive_id) if archive_id is not None else None
                return None

            details = {"source": document.source, "url": document.url, "dateline": document.dateline}
            context = article_view(document.text, document.records, title=document.title, meta=details, record_link=record_link)
            persons = dict.fromkeys(data.person_of_official[o] for o in official_ids if o in data.person_of_official)
            events = dict.fromkeys(data.archive_event_of[e] for e in event_ids if e in data.archive_event_of)
            context["archive_links"] = [
                ("Persons", [links.person(p) for p in persons]),
                ("Archive events", [links.event(e) for e in events]),
                ("Partners", links.countries(document.partners)),
            ]
            self.write("article", doc_id, "article.html.j2", context, "article")

    def person_pages(self) -> None:
        links = self.links("../")
        data = self.data
        for person in data.persons.values():
            rows = sorted(
                (data.officials[o] for o in person.official_ids),
                key=lambda r: (data.documents[r.doc_id].published or "", r.doc_id),
            )
            forms: dict[str, list[str]] = defaultdict(list)
            titles: dict[tuple[str, str, str], list[str]] = defaultdict(list)
            for row in rows:
                forms[" ".join(row.name.split())].append(row.doc_id)
                if row.title:
                    titles[(row.title, row.organization or "", row.country or "")].append(row.doc_id)
            def dates(doc_ids: list[str]) -> list[str]:
                return sorted(filter(None, (data.documents[d].published for d in doc_ids)))

            title_rows = []
            for (title, organization, country), doc_ids in titles.items():
                seen = dates(doc_ids)
                title_rows.append([
                    seen[0] if seen else "", seen[-1] if seen else "", title, organization,
                    links.country(country) if country else "", len(set(doc_ids)),
                ])
            title_rows.sort(key=lambda r: (r[0] or "9999", r[2]))
            articles = []
            for row in rows:
                document = data.documents[row.doc_id]
                articles.append([
                    document.published or "", document.source or "",
                    links.article(row.doc_id, record_key("officials", row.idx)), row.name, row.title or "",
                ])
            events = sorted((data.events[e] for e in person.archive_event_ids), key=lambda e: (e.start or "9999", e.archive_event_id))
            context = {
                "title": person.name,
                "person": person,
                "country": links.country(person.country) if person.country else None,
                "forms": [[form, len(set(ids))] for form, ids in sorted(forms.items(), key=lambda x: (-len(x[1]), x[0]))],
                "titles": title_rows,
                "events": [_event_row(e, links) for e in events],
                "event_columns": EVENT_COLUMNS,
                "articles": articles,
                "merges": [
                    [m.get("rule", ""), ", ".join(m.get("names", [])),
                     "; ".join(cell_text(t) for t in m.get("titles", [])), ", ".join(filter(None, m.get("countries", [])))]
                    for m in person.merges
                ],
            }
            self.write("person", person.key, "person.html.j2", context, "person")

    def event_pages(self) -> None:
        links = self.links("../")
        data = self.data
        for event in data.events.values():
            sources = []
            tooltips: dict[str, dict[str, Any]] = {}
            for number, (event_id, evidence) in enumerate(event.sources):
                doc_id, index = data.event_docs[event_id]
                document = data.documents[doc_id]
                record = document.records.events[index]
                key = f"src-{number}"
                tooltips[key] = {
                    "label": record_type("events").title,
                    "fields": [[name, cell_text(getattr(record, name))] for name in
                               ("type", "name", "parties", "location", "start", "end", "status", "rule") if cell_text(getattr(record, name))],
                }
                excerpts = [
                    self._excerpt(document.text, mention.start, mention.end, f"x{number}-{m}-", key)
                    for m, mention in enumerate(record.mentions)
                ] if document.text is not None else []
                sources.append({
                    "article": links.article(doc_id, record_key("events", index)),
                    "published": document.published or "", "source": document.source or "",
                    "reported": [[name, cell_text(getattr(record, name))] for name in ("name", "start", "end", "location", "parties", "status")],
                    "evidence": ", ".join(f"{k}: {cell_text(v)}" for k, v in (evidence or {}).items()),
                    "excerpts": excerpts,
                })
            fields = [
                ("type", event.type), ("name", event.name), ("ordinal", event.ordinal), ("dates", _period(event)),
                ("date basis", event.date_basis), ("location", event.location), ("status", event.status),
            ]
            disagreements = [
                {"field": name, "rows": [
                    [cell_text(v["value"]), v["support"], "chosen" if v["chosen"] else "", [links.article(d) for d in v["doc_ids"]]]
                    for v in values
                ]}
                for name, values in event.disagreements.items()
            ]
            context = {
                "title": event.name,
                "event": event,
                "fields": [(name, cell_text(value)) for name, value in fields if cell_text(value)],
                "parties": links.countries(event.parties),
                "persons": [links.person(p) for p in event.person_ids],
                "linked": [(relation, links.event(other), [links.article(d) for d in doc_ids]) for relation, other, doc_ids in event.links],
                "disagreements": disagreements,
                "sources": sources,
                "legend": [("events", record_type("events").title, None)],
                "records_json": script_json(tooltips),
            }
            self.write("event", event.key, "event.html.j2", context, "event")

    @staticmethod
    def _excerpt(text: str, start: int, end: int, prefix: str, key: str) -> Markup:
        """The mention with some context on each side, cut at whitespace, highlighted."""
        left = max(0, start - EXCERPT_CONTEXT)
        right = min(len(text), end + EXCERPT_CONTEXT)
        if left > 0:
            space = text.find(" ", left, start)
            left = space + 1 if space >= 0 else left
        if right < len(text):
            space = text.rfind(" ", end, right)
            right = space if space >= 0 else right
        piece = text[left:right]
        span = HighlightSpan(f"{prefix}0", "events", key, start - left, end - left, text[start:end])
        body = highlight_html(piece, [span])
        return Markup(("…" if left > 0 else "") + body + ("…" if right < len(text) else ""))

    def country_pages(self) -> None:
        links = self.links("../")
        data = self.data
        by_party: dict[str, list[ArchiveEvent]] = defaultdict(list)
        for event in data.events.values():
            for party in event.parties:
                by_party[party].append(event)
        docs_of: dict[str, list[str]] = defaultdict(list)
        for doc_id, document in data.documents.items():
            for partner in document.partners:
                docs_of[partner].append(doc_id)
        persons_of: dict[str, list[int]] = defaultdict(list)
        for person in data.persons.values():
            if person.country:
                persons_of[person.country].append(person.person_id)
        for code in self.countries:
            events = sorted(by_party[code], key=lambda e: (e.start or "9999", e.archive_event_id))
            with_home = [e for e in events if HOME in e.parties and code != HOME]
            shown = {e.archive_event_id for e in with_home}
            others = [e for e in events if e.archive_event_id not in shown]
            areas: dict[str, list[str]] = defaultdict(list)
            figures = []
            for doc_id in docs_of[code]:
                document = data.documents[doc_id]
                for area in dict.fromkeys(a.area.value for a in document.records.priority_areas):
                    areas[area].append(doc_id)
                for index, figure in enumerate(document.records.figures):
                    if figure.kind.value in ("money", "percent"):
                        figures.append([
                            document.published or "", figure.kind.value, cell_text(figure.value), figure.unit or "",
                            figure.subject or "", links.article(doc_id, record_key("figures", index)), figure.text,
                        ])
            years = lambda ids: ", ".join(sorted({(data.documents[d].published or "")[:4] for d in ids} - {""}))
            context = {
                "title": party_name(code),
                "code": code,
                "home": code == HOME,
                "with_home": [_event_row(e, links) for e in with_home],
                "others": [_event_row(e, links) for e in others],
                "event_columns": EVENT_COLUMNS,
                "areas": [[area, len(ids), years(ids), [links.article(d) for d in ids[:20]]]
                          for area, ids in sorted(areas.items(), key=lambda x: (-len(x[1]), x[0]))],
                "figures": figures,
                "persons": [[links.person(p), data.persons[p].documents] for p in persons_of[code]],
                "articles": len(docs_of[code]),
            }
            self.write("country", code, "country.html.j2", context, "country")

    def list_pages(self) -> None:
        links = self.links("")
        data = self.data
        persons = [
            [links.person(p.person_id), links.country(p.country) if p.country else "", p.documents, len(p.archive_event_ids)]
            for p in data.persons.values()
        ]
        self.write("persons", None, "list.html.j2", {
            "title": "Persons", "intro": f"{len(persons)} persons, most reported first.",
            "columns": ["person", "country", "articles", "events"], "rows": persons,
        }, "list")
        party_events = Counter(p for e in data.events.values() for p in e.parties)
        partner_docs = Counter(p for d in data.documents.values() for p in d.partners)
        countries = sorted(
            ([links.country(c), c, party_events[c], partner_docs[c]] for c in self.countries), key=lambda r: (-r[2], r[1])
        )
        self.write("countries", None, "list.html.j2", {
            "title": "Countries and blocs", "intro": f"{len(countries)} parties of events and partners of articles.",
            "columns": ["name", "code", "events", "articles"], "rows": countries,
        }, "list")
        events = sorted(data.events.values(), key=lambda e: (e.start or "9999", e.archive_event_id))
        self.write("events", None, "list.html.j2", {
            "title": "Archive events", "intro": f"{len(events)} events, each reported by one or more articles, in date order.",
            "columns": EVENT_COLUMNS, "rows": [_event_row(e, links) for e in events],
        }, "list")
        articles = [
            [d.published or "", d.source or "", links.article(d.doc_id) if d.text is not None else (d.title or d.doc_id),
             *(len(getattr(d.records, kind, None) or []) for kind in record_type_names())]
            for d in data.documents.values()
        ]
        self.write("articles", None, "list.html.j2", {
            "title": "Articles", "intro": f"{len(articles)} articles in publication order.",
            "columns": ["published", "source", "article", *record_type_names()], "rows": articles,
        }, "list")

    def index_page(self) -> None:
        links = self.links("")
        data = self.data
        events = sorted(data.events.values(), key=lambda e: (e.start or "9999", e.archive_event_id))
        by_month: dict[str, Counter] = defaultdict(Counter)
        undated = 0
        for event in events:
            if event.month:
                by_month[event.month][event.type] += 1
            else:
                undated += 1
        meeting_events = [e for e in events if e.type != "signing"]
        party_weight = Counter(p for e in meeting_events for p in e.parties)
        pair_weight = _pair_counts(event.parties for event in meeting_events)
        top_parties = [code for code, _ in party_weight.most_common(NETWORK_NODES)]
        country_nodes = [
            Node(c, party_name(c), party_weight[c], "home" if c == HOME else "country", links.country(c)[1]) for c in top_parties
        ]
        country_edges = [(a, b, w) for (a, b), w in pair_weight.items() if a in top_parties and b in top_parties]
        person_weight = Counter(p for e in meeting_events for p in e.person_ids)
        person_pairs = _pair_counts(event.person_ids for event in meeting_events)
        top_persons = [p for p, _ in person_weight.most_common(NETWORK_NODES)]
        person_nodes = [Node(str(p), data.persons[p].name, person_weight[p], "person", links.person(p)[1]) for p in top_persons]
        chosen = set(top_persons)
        person_edges = [(str(a), str(b), w) for (a, b), w in person_pairs.items() if a in chosen and b in chosen]

        partner_events = Counter(p for e in events for p in e.parties if p != HOME)
        area_docs = Counter(a for d in data.documents.values() for a in dict.fromkeys(x.area.value for x in d.records.priority_areas))
        def top(counter: Counter, label: Callable[[Any], Any]) -> list[list[Any]]:
            entries = counter.most_common(TOP)
            peak = entries[0][1] if entries else 1
            return [[label(key), count, peak] for key, count in entries]

        months = sorted(by_month)
        index_data = {
            "home": HOME,
            "events": [
                [safe_stem(e.key), e.start or "", e.type, e.name, e.parties,
                 [f"p{p}" for p in e.person_ids], e.source_count]
                for e in events
            ],
            "areas": [
                [(d.published or "")[:7], a, d.partners]
                for d in data.documents.values() for a in dict.fromkeys(x.area.value for x in d.records.priority_areas)
            ],
            "names": {**{c: party_name(c) for c in self.countries}, **{f"p{p.person_id}": p.name for p in data.persons.values()}},
            # Page file stems: the script adds the folder and ".html" (the index is the largest page).
            "countryPages": {c: safe_stem(c) for c in self.countries},
            "personPages": {f"p{p.person_id}": safe_stem(p.key) for p in data.persons.values()},
        }
        counts = [
            ("articles", len(data.documents)), ("persons", len(data.persons)), ("archive events", len(events)),
            ("countries and blocs", len(self.countries)),
            *((f"{record_type(kind).title.lower()} records", sum(len(getattr(d.records, kind, None) or []) for d in data.documents.values()))
              for kind in record_type_names()),
        ]
        context = {
            "title": self.title,
            "counts": counts,
            "resolved": data.resolved,
            "timeline": timeline_svg(by_month, "Archive events by month and type"),
            "type_key": type_key(),
            "undated": undated,
            "month_table": [[m, *(by_month[m].get(t, 0) for t in EVENT_TYPES)] for m in months],
            "event_types": EVENT_TYPES,
            "country_network": network_svg(country_nodes, country_edges, "Meetings between countries and blocs", "net-countries"),
            "person_network": network_svg(person_nodes, person_edges, "Meetings between persons", "net-persons"),
            "network_nodes": NETWORK_NODES,
            "top_persons": top(Counter({p.person_id: p.documents for p in data.persons.values()}), links.person),
            "top_partners": top(partner_events, links.country),
            "top_areas": top(area_docs, lambda a: a),
            "months": months,
            "countries": [(c, party_name(c)) for c in sorted(self.countries, key=party_name)],
            "index_json": script_json(index_data),
        }
        self.write("index", None, "index.html.j2", context, "index")


def build_report(archive_path: os.PathLike | str, out: os.PathLike | str, title: str = "Archive report") -> ReportStats:
    """Build the site of the archive at ``archive_path`` into the folder ``out``."""
    from ..archive import ArchiveError, connect

    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ReportError(f"{out} exists and is not an earlier report: give a new or empty folder")
    started = time.perf_counter()
    try:
        conn = connect(archive_path, readonly=True)
    except ArchiveError as error:
        raise ReportError(str(error)) from None
    try:
        data = load_archive(conn)
    finally:
        conn.close()
    loaded = time.perf_counter() - started
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        stats = SiteBuilder(data, staging, title).build()
        stats.seconds["load"] = round(loaded, 3)
        if out.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, previous / "site")
            os.replace(staging, out)
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    stats.seconds["total"] = round(time.perf_counter() - started, 3)
    return stats


def _pair_counts(groups) -> Counter:
    """How many of ``groups`` (the parties or persons of each event) hold each unordered pair."""
    counts: Counter = Counter()
    for group in groups:
        members = sorted(set(group))
        counts.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return counts
