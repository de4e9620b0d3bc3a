"""Queries on the gold-built archive: each answer names its source articles."""

from __future__ import annotations

import pytest

from extractor.archive import Archive, QueryError

RETNO_DOCS = 11


@pytest.fixture(scope="module")
def archive(gold_archive):
    with Archive(gold_archive, readonly=True) as opened:
        yield opened


def _rows(answer, index=0):
    return answer.tables[index].rows


def test_meetings_with_a_country(archive):
    rows = _rows(archive.meetings(country="RU"))
    assert rows and all("RU" in r["parties"] for r in rows)
    assert all(r["sources"] for r in rows)
    lavrov = [r for r in rows if "Sergey Lavrov" in r["persons"]]
    assert lavrov and any("Retno Marsudi" in r["persons"] for r in lavrov)
    assert "1502355236-bahas-korut-rusia-indonesia-akan-ikuti-hukum-inter" in {s for r in lavrov for s in r["sources"]}


def test_meetings_by_person_period_and_type(archive):
    rows = _rows(archive.meetings(person="Retno Marsudi", since="2017-09", until="2017-09", types=["meeting"]))
    assert rows and all(r["date"].startswith("2017-09") and r["type"] == "meeting" for r in rows)
    assert all("Retno Marsudi" in r["persons"] for r in rows)
    with pytest.raises(QueryError, match="since"):
        archive.meetings(since="Sept 2017")


def test_meeting_pairs_count_events_with_sources(archive):
    rows = _rows(archive.meetings(pairs="country"))
    pair = next(r for r in rows if (r["a"], r["b"]) == ("AF", "ID"))
    assert pair["events"] >= 3 and pair["sources"]
    people = _rows(archive.meetings(pairs="person"))
    assert any({r["a"], r["b"]} == {"Retno Marsudi", "Sergey Lavrov"} for r in people)


def test_timeline_of_a_person_and_of_a_country_is_in_date_order(archive):
    rows = _rows(archive.timeline("Retno LP Marsudi"))
    dates = [r["date"] for r in rows if r["date"]]
    assert len(rows) >= 5 and dates == sorted(dates)
    assert all(r["sources"] for r in rows)
    country = _rows(archive.timeline("AF"))
    assert country and all("AF" in r["parties"] for r in country)
    with pytest.raises(QueryError, match="no person"):
        archive.timeline("Nobody Atall")


def test_person_profile(archive):
    answer = archive.person("Retno")
    tables = {t.name: t.rows for t in answer.tables}
    assert tables["person"][0]["key"] == "retno-marsudi" and tables["person"][0]["articles"] == RETNO_DOCS
    assert {r["name"] for r in tables["names"]} == {"Retno L.P. Marsudi", "Retno LP Marsudi", "Retno Marsudi"}
    assert sum(r["articles"] for r in tables["names"]) == RETNO_DOCS
    title = tables["titles"][0]
    assert title["title"] == "Menteri Luar Negeri" and title["first"] <= title["last"]
    assert tables["countries"][0]["country"] == "ID"
    assert len(tables["articles"]) == RETNO_DOCS and tables["events"]
    assert tables["person"][0]["merges"]


def test_areas_by_partner_and_year(archive):
    rows = _rows(archive.areas())
    assert rows and all(r["sources"] for r in rows)
    assert all(len(r["year"]) == 4 for r in rows if r["sources"] != ["000_23c578c81a53ec19"])  # the one undated article
    af = _rows(archive.areas(partner="AF", year="2017"))
    assert af and {r["partner"] for r in af} == {"AF"}


def test_figures_by_partner_and_subject(archive):
    rows = _rows(archive.figures())
    assert rows and {r["kind"] for r in rows} <= {"money", "percent"}
    assert all(len(r["sources"]) == 1 for r in rows)
    money = _rows(archive.figures(kinds=["money"], unit="USD"))
    assert money and all(r["unit"] == "USD" for r in money)
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)


def test_search_uses_the_full_text_index(archive):
    rows = _rows(archive.search("Lavrov"))
    assert {s for r in rows for s in r["sources"]} >= {"004_c1b15d166fd41f57"}
    assert "[Lavrov]" in rows[0]["snippet"]
    with pytest.raises(QueryError):
        archive.search('"unbalanced')


def test_answers_list_their_sources_with_details(archive):
    answer = archive.meetings(country="RU")
    details = answer.as_dict(archive.conn)["sources"]
    assert [d["doc_id"] for d in details] == answer.sources
