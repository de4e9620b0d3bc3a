"""Events matcher: triggers, names, references, attributes, merging (no trained models needed)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from extractor.extractors.events import EventsStage, extract_events
from extractor.records import DateRecord, DocumentRecords, Official, Span

from conftest import RAW_DIR, make_context


def official(text: str, name: str, country: str, *surfaces: str) -> Official:
    mentions: list[Span] = []
    for surface in (name, *surfaces):
        for m in re.finditer(re.escape(surface), text):
            if not any(s.start < m.end() and m.start() < s.end for s in mentions):
                mentions.append(Span(start=m.start(), end=m.end(), text=surface))
    return Official(name=name, country=country, mentions=sorted(mentions, key=lambda s: s.start))


def date(text: str, surface: str, value, granularity: str, value_end=None, nth: int = 0) -> DateRecord:
    m = list(re.finditer(re.escape(surface), text))[nth]
    return DateRecord(
        start=m.start(), end=m.end(), text=surface, value=value, value_end=value_end, granularity=granularity
    )


def run(text: str, officials=(), dates=(), published=None):
    context = make_context(text, published=published)
    context.records["officials"] = [official(text, *o) for o in officials]
    context.records["dates"] = [date(text, *d) for d in dates]
    events = list(extract_events(context.doc, context))
    DocumentRecords(doc_id="t", events=events).check_offsets(text)
    return events


def by_name(events, fragment: str):
    found = [e for e in events if fragment in e.name]
    assert len(found) == 1, [e.name for e in events]
    return found[0]


@pytest.fixture(scope="module")
def seed_000():
    text = (RAW_DIR / "000_23c578c81a53ec19.txt").read_text(encoding="utf-8")
    return run(
        text,
        officials=[("Jose Tavares", "ID")],
        dates=[("Rabu", None, "day"), ("periode 2018-2021", "2018", "year", "2021"), ("tahun 2018", "2018", "year")],
        published=dt.date(2019, 4, 10),
    )


@pytest.fixture(scope="module")
def seed_004():
    text = (RAW_DIR / "004_c1b15d166fd41f57.txt").read_text(encoding="utf-8")
    return run(
        text,
        officials=[
            ("Retno L.P. Marsudi", "ID", "Retno"),
            ("Saleumxay Kommasith", "LA"),
            ("Sergey Lavrov", "RU", "Lavrov"),
            ("Joko Widodo", "ID"),
        ],
        dates=[
            ("2018-2021", "2018", "year", "2021"),
            ("(2/8)", "2018-08-02", "day"),
            ("periode 2015-2018", "2015", "year", "2018"),
            ("periode 2019-2020", "2019", "year", "2020"),
            ("November 2018", "2018-11", "month"),
            ("Tahun 2016", "2016", "year"),
            ("19-20 Mei 2016", "2016-05-19", "day", "2016-05-20"),
        ],
        published=dt.date(2018, 8, 3),
    )


def test_seed_000_senior_officials_meeting(seed_000):
    som = by_name(seed_000, "Senior Officials")
    assert som.type.value == "meeting"
    assert som.name == "Pertemuan ke-16 ASEAN-Russia Senior Officials's Meeting"
    assert som.ordinal == 16
    assert som.parties == ["ASEAN", "RU"]
    assert som.location == "Legian, Badung, Bali"
    assert som.chairs == ["Jose Tavares"]
    assert som.status.value == "held"
    mentions = [m.text for m in som.mentions]
    for expected in (
        "Pertemuan ke-16 ASEAN-Russia Senior Officials's Meeting",
        "16th ASEAN-Russia Senios Officials' Meeting",
        "ASEAN-Russia Senios Officials' Meeting",
        "pertemuan tersebut",
        "Forum diskusi tersebut",
        "Pertemuan itu",
    ):
        assert expected in mentions
    # descriptions are no mentions
    assert not any("tingkat pejabat" in m or "pertama" in m for m in mentions)


def test_seed_000_earlier_summit(seed_000):
    ktt = by_name(seed_000, "KTT ke-3")
    assert (ktt.type.value, ktt.ordinal, ktt.location, ktt.start, ktt.status.value) == (
        "summit", 3, "Singapura", "2018", "held"
    )
    assert ktt.parties == ["ASEAN", "RU"]
    assert len(seed_000) == 2  # no "mekanisme dialog", no Statement document


def test_seed_004_annual_meeting(seed_004):
    annual = by_name(seed_004, "Pertemuan Tahunan")
    assert annual.name == "Pertemuan Tahunan ASEAN dengan Russia"
    assert annual.parties == ["ASEAN", "RU"]
    assert annual.location == "Singapura"
    assert annual.chairs == ["Saleumxay Kommasith", "Sergey Lavrov"]
    assert annual.status.value == "held"
    mentions = [m.text for m in annual.mentions]
    # "Rusia dalam pertemuan tersebut" follows the planned ARF meeting but refers to the held one
    assert "Pertemuan ASEAN-Rusia tersebut" in mentions and "pertemuan tersebut" in mentions


def test_seed_004_summits(seed_004):
    fourth = by_name(seed_004, "ke-4")
    assert fourth.name == "Konferensi Tingkat Tinggi (KTT) ke-4 ASEAN-Rusia"
    assert (fourth.type.value, fourth.ordinal, fourth.start, fourth.location, fourth.status.value) == (
        "summit", 4, "2018-11", "Singapura", "planned"
    )
    asean = by_name(seed_004, "ke-33")
    assert (asean.ordinal, asean.location, asean.start, asean.status.value) == (33, "Singapura", "2018-11", "planned")
    sochi = by_name(seed_004, "Peringatan")
    assert sochi.location == "Sochi, Rusia"
    assert (sochi.start, sochi.end, sochi.status.value) == ("2016-05-19", "2016-05-20", "held")


def test_seed_004_arf_meeting_and_non_events(seed_004):
    arf = by_name(seed_004, "Inter-Sessional")
    assert arf.name == "ARF Inter-Sessional Meeting on Counter Terrorism and Trans National Crime (CTTC)"
    assert arf.type.value == "meeting" and arf.status.value == "planned"
    names = " | ".join(e.name for e in seed_004)
    assert "PMC" not in names and "Declaration" not in names and "Plan of Action" not in names
    assert len(seed_004) == 5


def test_verb_reports_a_meeting_between_two_states():
    text = (
        "Menteri Luar Negeri Rusia Sergey Lavrov menemui Menteri Luar Negeri RI Retno Marsudi di Jakarta, "
        "Rabu (9/8). Dalam pertemuan yang berlangsung di Gedung Pancasila itu, isu Korea dibahas."
    )
    events = run(
        text,
        officials=[("Sergey Lavrov", "RU"), ("Retno Marsudi", "ID")],
        dates=[("Rabu (9/8)", "2017-08-09", "day")],
        published=dt.date(2017, 8, 9),
    )
    assert len(events) == 1
    meeting = events[0]
    assert meeting.type.value == "meeting"
    assert meeting.parties == ["ID", "RU"]
    assert meeting.location == "Jakarta"
    assert meeting.start == "2017-08-09"
    assert [m.text for m in meeting.mentions] == ["menemui", "pertemuan"]


def test_negated_verb_and_domestic_meeting_are_no_events():
    text = (
        "Menlu Retno Marsudi belum bertemu dengan Menlu Mesir Sameh Shoukry. "
        "Ketua MPR Zulkifli Hasan bertemu dengan Presiden Joko Widodo di Istana Bogor."
    )
    events = run(
        text,
        officials=[("Retno Marsudi", "ID"), ("Sameh Shoukry", "EG"), ("Zulkifli Hasan", "ID"), ("Joko Widodo", "ID")],
    )
    assert events == []


def test_plural_and_sports_are_no_events():
    text = (
        "Menlu Retno juga menghadiri beberapa pertemuan PMC lainnya dengan negara mitra. "
        "Portugal akan bertemu Selandia Baru pada pertandingan lanjutan Piala Konfederasi."
    )
    assert run(text, officials=[("Retno", "ID")]) == []
    assert run("Para pemimpin menghadiri KTT-KTT ASEAN di Manila. Pertemuan-pertemuan itu penting.") == []


def test_visit_with_destination_and_planning_cue():
    text = (
        "Penguatan kerja sama ditandai rencana kunjungan Menteri Luar Negeri Uruguay Rodolfo Nin Novoa "
        "ke Indonesia pada 10 hingga 12 Oktober mendatang."
    )
    events = run(text, officials=[("Rodolfo Nin Novoa", "UY")])
    visit = by_name(events, "kunjungan")
    assert visit.type.value == "visit"
    assert visit.parties == ["ID", "UY"]
    assert visit.location == "Indonesia"
    assert visit.status.value == "planned"


def test_repeated_names_merge_and_sideline_link():
    text = (
        "Presiden Joko Widodo melakukan pertemuan bilateral dengan Perdana Menteri Australia Malcolm Turnbull "
        "di KTT G20, Hamburg, Jerman. Di pertemuan itu kedua negara sepakat mempercepat IA-CEPA."
    )
    events = run(text, officials=[("Joko Widodo", "ID"), ("Malcolm Turnbull", "AU")])
    bilateral = by_name(events, "bilateral")
    assert bilateral.parties == ["AU", "ID"]
    assert bilateral.location == "Hamburg, Jerman"  # from the summit it was held at
    assert "pertemuan itu" in [m.text for m in bilateral.mentions]
    summit = by_name(events, "G20")
    assert summit.parties == ["G20"] and summit.location == "Hamburg, Jerman"


def test_offsets_survive_non_breaking_spaces():
    text = "Pertemuan\u00a0Tahunan ASEAN dengan Russia  di Singapura berlangsung Kamis. Pertemuan itu sukses."
    events = run(text)
    assert len(events) == 1
    assert events[0].mentions[0].text == "Pertemuan\u00a0Tahunan ASEAN dengan Russia"
    assert events[0].name == "Pertemuan Tahunan ASEAN dengan Russia"
    assert events[0].location == "Singapura"


def test_stage_declares_its_dependencies():
    assert EventsStage.name == "events"
    assert EventsStage.requires == frozenset({"dates", "officials"})
    assert EventsStage.provides == frozenset({"events"})
    text = "KTT ASEAN ke-31 di Manila dibuka."
    context = make_context(text)
    context.records["dates"] = []
    context.records["officials"] = []
    EventsStage()(context)
    assert [(e.name, e.ordinal, e.location) for e in context.records["events"]] == [("KTT ASEAN ke-31", 31, "Manila")]
