"""Event consolidation: reports of one real event joined, best-supported values, disagreements
kept, visits linked to the meetings held during them."""

from __future__ import annotations

import datetime as dt
import json

from extractor.archive.events import cluster_events, date_range, load_events
from extractor.archive.resolve import resolve_archive
from extractor.archive.store import connect, write_document
from extractor.records import DocumentRecords


def _doc(doc_id, published, text, events, officials=()):
    def span(surface):
        start = text.index(surface)
        return {"start": start, "end": start + len(surface), "text": surface}

    return DocumentRecords.model_validate({
        "doc_id": doc_id,
        "published": published,
        "officials": [{"name": n, "country": c, "mentions": [span(n)]} for n, c in officials],
        "events": [{**{k: v for k, v in e.items() if k != "surface"}, "mentions": [span(e["surface"])]} for e in events],
    }), text


SUMMIT_A = "KTT ke-31 ASEAN di Manila dibuka Presiden Joko Widodo. Pertemuan bilateral dengan PM Shinzo Abe digelar."
SUMMIT_B = "Konferensi Tingkat Tinggi ASEAN ke-31 berlangsung di Manila, Filipina. Joko Widodo hadir."
VISIT = "Kunjungan kenegaraan Presiden Joko Widodo ke Jepang. Joko Widodo bertemu Shinzo Abe di Tokyo."
OTHER_SUMMIT = "KTT ke-30 ASEAN di Manila pada April."


def _archive(tmp_path, docs):
    conn = connect(tmp_path / "a.sqlite")
    for records, text in docs:
        write_document(conn, records, text)
    resolve_archive(conn)
    return conn


def _docs():
    return [
        _doc("a", "2017-11-13", SUMMIT_A, [
            {"type": "summit", "name": "KTT ke-31 ASEAN", "ordinal": 31, "parties": ["ASEAN"], "location": "Manila",
             "start": "2017-11-13", "surface": "KTT ke-31 ASEAN"},
            {"type": "meeting", "name": "Pertemuan bilateral", "parties": ["ID", "JP"], "start": "2017-11-13", "surface": "Pertemuan bilateral"},
        ], [("Joko Widodo", "ID"), ("Shinzo Abe", "JP")]),
        _doc("b", "2017-11-14", SUMMIT_B, [
            {"type": "conference", "name": "Konferensi Tingkat Tinggi ASEAN ke-31", "ordinal": 31, "parties": ["ASEAN"],
             "location": "Manila, Filipina", "start": "2017-11-14", "surface": "Konferensi Tingkat Tinggi ASEAN ke-31"},
        ], [("Joko Widodo", "ID")]),
        _doc("c", "2017-04-29", OTHER_SUMMIT, [
            {"type": "summit", "name": "KTT ke-30 ASEAN", "ordinal": 30, "parties": ["ASEAN"], "location": "Manila",
             "start": "2017-04-29", "surface": "KTT ke-30 ASEAN"},
        ]),
        _doc("v", "2017-10-30", VISIT, [
            {"type": "visit", "name": "Kunjungan kenegaraan Presiden Joko Widodo ke Jepang", "parties": ["ID", "JP"],
             "location": "Jepang", "start": "2017-10-29", "end": "2017-10-31", "surface": "Kunjungan kenegaraan"},
            {"type": "meeting", "name": "bertemu", "parties": ["ID", "JP"], "location": "Tokyo", "start": "2017-10-30", "surface": "bertemu"},
        ], [("Joko Widodo", "ID"), ("Shinzo Abe", "JP")]),
        _doc("w", "2017-10-31", "Presiden Joko Widodo bertemu PM Shinzo Abe di Tokyo, Senin.", [
            {"type": "meeting", "name": "bertemu", "parties": ["ID", "JP"], "location": "Tokyo", "start": "2017-10-30", "surface": "bertemu"},
        ], [("Joko Widodo", "ID"), ("Shinzo Abe", "JP")]),
    ]


def _groups(conn):
    rows = conn.execute(
        "SELECT s.archive_event_id, e.doc_id || ':' || e.name FROM archive_event_sources s JOIN events e USING (event_id)"
    ).fetchall()
    groups = {}
    for archive_id, label in rows:
        groups.setdefault(archive_id, []).append(label)
    return sorted(sorted(g) for g in groups.values())


def test_reports_of_one_event_join_and_others_stay_apart(tmp_path):
    conn = _archive(tmp_path, _docs())
    assert _groups(conn) == [
        ["a:KTT ke-31 ASEAN", "b:Konferensi Tingkat Tinggi ASEAN ke-31"],
        ["a:Pertemuan bilateral"],
        ["c:KTT ke-30 ASEAN"],
        ["v:Kunjungan kenegaraan Presiden Joko Widodo ke Jepang"],
        ["v:bertemu", "w:bertemu"],
    ]


def test_best_supported_values_and_disagreements_are_kept(tmp_path):
    conn = _archive(tmp_path, _docs())
    summit = conn.execute("SELECT * FROM archive_events WHERE ordinal = 31").fetchone()
    assert summit["sources"] == 2 and json.loads(summit["parties"]) == ["ASEAN"]
    starts = {json.loads(r["value"]): (r["support"], json.loads(r["doc_ids"])) for r in conn.execute(
        "SELECT * FROM archive_event_values WHERE archive_event_id = ? AND field = 'start'", (summit["archive_event_id"],))}
    assert starts == {"2017-11-13": (1, ["a"]), "2017-11-14": (1, ["b"])}
    assert summit["start"] == "2017-11-13"  # a tie: the earlier of two equally specific dates
    assert summit["type"] in ("summit", "conference") and summit["date_basis"] == "reported"
    evidence = json.loads(conn.execute(
        "SELECT evidence FROM archive_event_sources WHERE archive_event_id = ? AND evidence IS NOT NULL", (summit["archive_event_id"],)
    ).fetchone()[0])
    assert evidence["ordinal"] == 31 and "manila" in evidence["place"]


def test_a_visit_and_the_meeting_held_during_it_are_linked_not_merged(tmp_path):
    conn = _archive(tmp_path, _docs())
    links = conn.execute(
        "SELECT v.name, m.name, l.relation, l.doc_ids FROM archive_event_links l"
        " JOIN archive_events v ON v.archive_event_id = l.archive_event_id JOIN archive_events m ON m.archive_event_id = l.linked_event_id"
    ).fetchall()
    assert [tuple(r) for r in links] == [("Kunjungan kenegaraan Presiden Joko Widodo ke Jepang", "bertemu", "during", '["v"]')]


def test_an_undated_report_is_placed_by_its_publication_date(tmp_path):
    text = "Presiden Joko Widodo bertemu PM Shinzo Abe di Tokyo."
    late = _doc("x", "2017-12-20", text, [{"type": "meeting", "name": "bertemu", "parties": ["ID", "JP"], "surface": "bertemu"}],
                [("Joko Widodo", "ID"), ("Shinzo Abe", "JP")])
    near = _doc("y", "2017-10-31", text, [{"type": "meeting", "name": "bertemu", "parties": ["ID", "JP"], "surface": "bertemu"}],
                [("Joko Widodo", "ID"), ("Shinzo Abe", "JP")])
    conn = _archive(tmp_path, _docs() + [late, near])
    groups = _groups(conn)
    assert ["v:bertemu", "w:bertemu", "y:bertemu"] in groups and ["x:bertemu"] in groups
    row = conn.execute("SELECT a.start, a.date_basis FROM archive_events a JOIN archive_event_sources s USING (archive_event_id)"
                       " JOIN events e USING (event_id) WHERE e.doc_id = 'x'").fetchone()
    assert tuple(row) == ("2017-12-20", "published")


def test_date_range_of_partial_dates():
    assert date_range("2017-11") == (dt.date(2017, 11, 1), dt.date(2017, 11, 30))
    assert date_range("2016", "2018") == (dt.date(2016, 1, 1), dt.date(2018, 12, 31))
    assert date_range(None) is None


def test_two_consecutive_years_or_months_are_two_periods_however_close_their_ends(tmp_path):
    text = "Web Summit di Lisabon tahun lalu dihadiri Perdana Menteri Antonio Costa. Web Summit tahun depan juga di Lisabon."
    doc = _doc("ws", "2016-11-13", text, [
        {"type": "summit", "name": "Web Summit", "location": "Lisabon", "start": "2016", "surface": "Web Summit"},
        {"type": "summit", "name": "Web Summit", "location": "Lisabon", "start": "2017", "surface": "Web Summit tahun depan"},
    ])
    forum = "Forum Bisnis Indonesia-Afrika digelar di Bali."
    september = _doc("f1", "2018-09-30", forum, [
        {"type": "meeting", "name": "Forum Bisnis Indonesia-Afrika", "location": "Bali", "start": "2018-09", "surface": "Forum Bisnis"}])
    october = _doc("f2", "2018-10-02", forum, [
        {"type": "meeting", "name": "Forum Bisnis Indonesia-Afrika", "location": "Bali", "start": "2018-10-01", "surface": "Forum Bisnis"}])
    # Days are a day or two off between outlets: the 1st and the 3rd meet.
    day = _doc("f3", "2018-10-03", forum, [
        {"type": "meeting", "name": "Forum Bisnis Indonesia-Afrika", "location": "Bali", "start": "2018-10-03", "surface": "Forum Bisnis"}])
    assert _groups(_archive(tmp_path, [doc, september, october, day])) == [
        ["f1:Forum Bisnis Indonesia-Afrika"], ["f2:Forum Bisnis Indonesia-Afrika", "f3:Forum Bisnis Indonesia-Afrika"],
        ["ws:Web Summit"], ["ws:Web Summit"],
    ]


def test_the_gold_archive_joins_the_two_reports_of_the_un_general_assembly(gold_archive):
    conn = connect(gold_archive, readonly=True)
    clusters, _ = cluster_events(load_events(conn))
    joined = [sorted(r.name for r in c) for c in clusters if len(c) > 1]
    assert ["Sidang Majelis Umum (SMU) PBB ke-72", "Sidang Majelis Umum PBB"] in joined
    for cluster in clusters:
        assert len({r.doc_id for r in cluster}) == len(cluster)


def test_long_forms_of_event_names_fold_to_their_short_form():
    from extractor.archive.events import name_words

    assert name_words("Forum Regional ASEAN") == name_words("ASEAN Regional Forum") == ["arf"]
    assert name_words("Konferensi Tingkat Tinggi negara-negara G-20")[-1] == "g20" == name_words("KTT G20")[-1]
    assert set(name_words("Sidang Umum Perserikatan Bangsa-Bangsa (PBB)")) == set(name_words("Sidang Majelis Umum PBB")) == {"smu", "pbb"}
    assert "ke" in name_words("KTT ke-31 ASEAN") and "k31" not in name_words("KTT ke-31 ASEAN")


def test_two_spellings_of_one_forum_join(tmp_path):
    first = _doc("f1", "2017-08-07", "Forum Regional ASEAN di Manila dibuka.", [
        {"type": "meeting", "name": "Forum Regional ASEAN", "location": "Manila", "start": "2017-08-07", "surface": "Forum Regional ASEAN"}])
    second = _doc("f2", "2017-08-09", "Pertemuan ARF kemarin.", [
        {"type": "meeting", "name": "pertemuan ARF", "surface": "ARF"}])
    other = _doc("f3", "2017-08-08", "Forum bisnis digelar di Jakarta.", [
        {"type": "meeting", "name": "Forum bisnis", "location": "Jakarta", "start": "2017-08-08", "surface": "Forum bisnis"}])
    groups = _groups(_archive(tmp_path, [first, second, other]))
    assert groups == [["f1:Forum Regional ASEAN", "f2:pertemuan ARF"], ["f3:Forum bisnis"]]


def test_reports_of_a_summit_naming_different_leaders_join_but_meetings_do_not(tmp_path):
    one = _doc("s1", "2017-07-09", "Presiden Joko Widodo hadir di KTT G20 di Hamburg, Jerman.", [
        {"type": "summit", "name": "KTT G20", "location": "Hamburg, Jerman", "surface": "KTT G20"}], [("Joko Widodo", "ID")])
    two = _doc("s2", "2017-07-06", "Donald Trump hadir di Konferensi Tingkat Tinggi G-20 di Dewan Keamanan.", [
        {"type": "summit", "name": "Konferensi Tingkat Tinggi G-20", "location": "Dewan Keamanan",
         "surface": "Konferensi Tingkat Tinggi G-20"}], [("Donald Trump", "US")])
    three = _doc("m1", "2017-07-09", "Pertemuan G20 Joko Widodo di Hamburg.", [
        {"type": "meeting", "name": "Pertemuan G20", "location": "Hamburg", "surface": "Pertemuan G20"}], [("Joko Widodo", "ID")])
    four = _doc("m2", "2017-07-08", "Pertemuan G20 Donald Trump di Hamburg.", [
        {"type": "meeting", "name": "Pertemuan G20", "location": "Berlin", "surface": "Pertemuan G20"}], [("Donald Trump", "US")])
    conn = _archive(tmp_path, [one, two, three, four])
    assert conn.execute("SELECT COUNT(*) FROM event_participants").fetchone()[0] == 4  # the officials of the mentions' sentences
    groups = _groups(conn)
    assert ["s1:KTT G20", "s2:Konferensi Tingkat Tinggi G-20"] in groups
    assert ["m1:Pertemuan G20"] in groups and ["m2:Pertemuan G20"] in groups


def test_the_names_of_people_in_an_event_name_are_no_evidence_that_two_reports_are_one_event(tmp_path):
    tokyo = _doc("t", "2022-07-27", "Pertemuan Jokowi dengan Presiden Joko Widodo di Tokyo.", [
        {"type": "meeting", "name": "pertemuan Jokowi", "parties": ["ID"], "surface": "Pertemuan Jokowi"}], [("Joko Widodo", "ID")])
    beijing = _doc("b", "2022-07-26", "Pertemuan Jokowi-Xi dijadwalkan. Presiden Joko Widodo berangkat.", [
        {"type": "meeting", "name": "pertemuan Jokowi-Xi", "parties": ["ID"], "surface": "Pertemuan Jokowi-Xi"}], [("Jokowi", "ID")])
    rows = {r.doc_id: r for r in load_events(_archive(tmp_path, [tokyo, beijing]))}
    assert rows["t"].words == frozenset() and rows["b"].words == {"xi"}
    assert [len(c) for c in cluster_events(list(rows.values()))[0]] == [1, 1]


def test_a_courtesy_call_typed_visit_stays_apart_from_the_state_visit_and_is_linked_to_it(tmp_path):
    state = _doc("k1", "2022-07-26", "Kunjungan kenegaraan ke Jepang dan Korea Selatan dimulai.", [
        {"type": "visit", "name": "kunjungan kenegaraan ke Jepang dan Korea Selatan", "parties": ["ID", "JP", "KR"],
         "location": "Jepang", "surface": "Kunjungan kenegaraan"}])
    call = _doc("k2", "2022-07-27", "Kunjungan kehormatan Ketua Nikai Toshihiro di Tokyo, Jepang. Kunjungan kenegaraan ke Jepang.", [
        {"type": "visit", "name": "kunjungan kehormatan Ketua Nikai Toshihiro", "parties": ["ID", "JP"], "location": "Tokyo, Jepang",
         "surface": "Kunjungan kehormatan"},
        {"type": "visit", "name": "Kunjungan kenegaraan ke Jepang", "parties": ["ID", "JP"], "location": "Jepang",
         "surface": "Kunjungan kenegaraan"}])
    conn = _archive(tmp_path, [state, call])
    assert _groups(conn) == [
        ["k1:kunjungan kenegaraan ke Jepang dan Korea Selatan", "k2:Kunjungan kenegaraan ke Jepang"],
        ["k2:kunjungan kehormatan Ketua Nikai Toshihiro"],
    ]
    linked = conn.execute("SELECT m.type, m.name FROM archive_event_links l JOIN archive_events m ON m.archive_event_id = l.linked_event_id").fetchall()
    assert [tuple(r) for r in linked] == [("visit", "kunjungan kehormatan Ketua Nikai Toshihiro")]


def test_the_ordinal_a_name_writes_stands_in_for_a_missing_one(tmp_path):
    from extractor.archive.events import name_ordinals

    assert name_ordinals("KTT ke-31 ASEAN") == {31} == name_ordinals("31st ASEAN Summit")
    assert name_ordinals("KTT Ke-40 dan Ke-41 ASEAN") == {40, 41}
    assert name_ordinals("kunjungan ke 3 negara") == set() == name_ordinals("pertemuan kedua negara")
    with_ordinal = _doc("o1", "2017-11-13", "KTT ASEAN di Manila.", [
        {"type": "summit", "name": "KTT ASEAN", "ordinal": 31, "parties": ["ASEAN"], "surface": "KTT ASEAN"}])
    same = _doc("o2", "2017-11-14", "KTT ke-31 ASEAN di Manila.", [
        {"type": "summit", "name": "KTT ke-31 ASEAN", "parties": ["ASEAN"], "surface": "KTT ke-31 ASEAN"}])
    other = _doc("o3", "2017-11-12", "KTT ke-30 ASEAN di Manila.", [
        {"type": "summit", "name": "KTT ke-30 ASEAN", "parties": ["ASEAN"], "surface": "KTT ke-30 ASEAN"}])
    rows = {r.doc_id: r for r in load_events(_archive(tmp_path, [with_ordinal, same, other]))}
    assert rows["o2"].ordinals == {31} and rows["o2"].ordinal is None  # the record's own value is kept as given
    assert sorted(sorted(r.doc_id for r in c) for c in cluster_events(list(rows.values()))[0]) == [["o1", "o2"], ["o3"]]


def test_records_of_one_article_naming_one_event_alike_are_one_report(tmp_path):
    text = "KTT G20 Bali dibuka. Deklarasi KTT G20 Disahkan. Forum Bisnis Indonesia-Mesir digelar. KTT Peringatan ASEAN-Kanada dan KTT ASEAN."
    bali = _doc("g1", "2022-11-16", text, [
        {"type": "summit", "name": "KTT G20 Bali", "parties": ["G20"], "location": "Bali", "start": "2022-11-15", "surface": "KTT G20 Bali"},
        {"type": "summit", "name": "KTT G20 Disahkan", "parties": ["G20"], "surface": "KTT G20 Disahkan"},
        {"type": "meeting", "name": "Forum Bisnis Indonesia-Mesir", "parties": ["EG", "ID"], "surface": "Forum Bisnis Indonesia-Mesir"},
        {"type": "meeting", "name": "Forum Bisnis Indonesia-Me", "parties": ["ID"], "surface": "Forum Bisnis Indonesia-Me"},
        {"type": "summit", "name": "KTT Peringatan ASEAN-Kanada", "parties": ["ASEAN", "CA"], "surface": "KTT Peringatan ASEAN-Kanada"},
        {"type": "summit", "name": "KTT ASEAN", "parties": ["ASEAN"], "surface": "KTT ASEAN."},
    ])
    # Another article's report joins through either record of the first.
    other = _doc("g2", "2022-11-17", "Deklarasi KTT G20 disahkan.", [
        {"type": "summit", "name": "KTT G20 disahkan", "parties": ["G20"], "surface": "KTT G20 disahkan"}])
    conn = _archive(tmp_path, [bali, other])
    assert _groups(conn) == [
        ["g1:Forum Bisnis Indonesia-Me", "g1:Forum Bisnis Indonesia-Mesir"],
        ["g1:KTT ASEAN"],  # the longer name adds a state: another summit
        ["g1:KTT G20 Bali", "g1:KTT G20 Disahkan", "g2:KTT G20 disahkan"],
        ["g1:KTT Peringatan ASEAN-Kanada"],
    ]
    evidence = [json.loads(r[0]) for r in conn.execute("SELECT evidence FROM archive_event_sources WHERE evidence IS NOT NULL")]
    assert sum(e.get("rule") == "same_article" for e in evidence) == 2
    assert any(e.get("rule") == "same_article" and e["name_words"] == ["g20"] for e in evidence)


def test_an_article_looking_back_at_an_earlier_event_keeps_it_apart_from_its_news(tmp_path):
    text = "KAA Bandung diperingati. Konferensi Asia Afrika (KAA) tahun 1955."
    doc = _doc("k", "2015-04-24", text, [
        {"type": "conference", "name": "KAA Bandung", "surface": "KAA Bandung"},
        {"type": "conference", "name": "Konferensi Asia Afrika (KAA)", "start": "1955", "surface": "Konferensi Asia Afrika (KAA)"},
    ])
    assert len(_groups(_archive(tmp_path, [doc]))) == 2


def test_a_name_writing_part_of_a_long_form_or_its_own_place_shares_the_words_that_name_the_event(tmp_path):
    forum = _doc("r1", "2017-08-07", "Forum Regional ASEAN di Manila dibuka.", [
        {"type": "meeting", "name": "Forum Regional ASEAN", "parties": ["ASEAN"], "location": "Manila", "start": "2017-08-07",
         "surface": "Forum Regional ASEAN"}])
    part = _doc("r2", "2017-08-08", "Menlu hadir di forum regional di Manila, Filipina.", [
        {"type": "meeting", "name": "forum regional di Manila, Filipina", "location": "Manila, Filipina",
         "surface": "forum regional di Manila"}])
    business = _doc("r3", "2017-08-08", "Menlu hadir di forum bisnis di Manila, Filipina.", [
        {"type": "meeting", "name": "forum bisnis di Manila, Filipina", "location": "Manila, Filipina",
         "surface": "forum bisnis di Manila"}])
    conn = _archive(tmp_path, [forum, part, business])
    rows = {r.doc_id: r for r in load_events(conn)}
    assert rows["r2"].words == {"regional"} and rows["r1"].long_words == {"asean", "regional"}  # the place is not the name
    assert _groups(conn) == [["r1:Forum Regional ASEAN", "r2:forum regional di Manila, Filipina"], ["r3:forum bisnis di Manila, Filipina"]]


def test_a_year_or_an_acronym_with_its_number_written_in_a_name_identify_the_event(tmp_path):
    assert name_words_of("COP 21") == name_words_of("COP-21") == name_words_of("COP21") == ["cop21"]
    assert "ke" in name_words_of("KTT ke-31 ASEAN")  # an ordinal is no acronym's number
    paris = _doc("p1", "2015-12-12", "COP21 di Paris ditutup.", [
        {"type": "conference", "name": "COP21", "parties": ["UN"], "location": "Paris", "start": "2015-12-12", "surface": "COP21"}])
    back = _doc("p2", "2017-04-12", "Sejak Konferensi Perubahan Iklim Paris 2015 (COP 21), emisi turun.", [
        {"type": "conference", "name": "Konferensi Perubahan Iklim Paris 2015 (COP 21)", "location": "Paris", "surface": "Konferensi Perubahan Iklim Paris 2015 (COP 21)"}])
    conn = _archive(tmp_path, [paris, back])
    rows = {r.doc_id: r for r in load_events(conn)}
    assert rows["p2"].interval == (dt.date(2015, 1, 1), dt.date(2015, 12, 31)) and not rows["p2"].reported
    assert len(_groups(conn)) == 1


def test_reports_named_alike_apart_in_time_and_held_in_different_places_stay_apart(tmp_path):
    manila = _doc("m1", "2017-08-08", "Pertemuan ASEAN di Manila.", [
        {"type": "meeting", "name": "pertemuan ASEAN", "parties": ["ASEAN"], "location": "Manila", "surface": "Pertemuan ASEAN"}])
    new_york = _doc("m2", "2017-09-10", "Pertemuan para menteri ASEAN di New York.", [
        {"type": "meeting", "name": "pertemuan para menteri ASEAN", "parties": ["ASEAN"], "location": "New York", "start": "2017-09-23",
         "status": "planned", "surface": "Pertemuan para menteri ASEAN"}])
    assert len(_groups(_archive(tmp_path, [manila, new_york]))) == 2


def name_words_of(text):
    from extractor.archive.events import name_words

    return name_words(text)


def test_words_saying_what_kind_of_event_it_is_do_not_name_it(tmp_path):
    text = "Pembukaan Global Muslim Business Forum. Lawatan perdana ke Kuching. Penandatanganan nota kesepahaman (MoU) BUMN Rusia."
    doc = _doc("w1", "2023-11-28", text, [
        {"type": "conference", "name": "Pembukaan Global Muslim Business Forum", "surface": "Pembukaan Global Muslim Business Forum"},
        {"type": "visit", "name": "Lawatan perdana ke Kuching", "surface": "Lawatan perdana ke Kuching"},
        {"type": "signing", "name": "Penandatanganan nota kesepahaman (MoU) BUMN Rusia", "surface": "Penandatanganan nota kesepahaman"},
    ])
    words = [r.words for r in load_events(_archive(tmp_path, [doc]))]
    assert words == [{"global", "muslim", "business"}, {"kuching"}, {"bumn", "rusia"}]


def test_a_look_back_naming_the_event_and_its_ordinal_joins_it_in_any_year(tmp_path):
    held = _doc("u1", "2017-09-19", "Sidang Majelis Umum PBB ke-72 di New York.", [
        {"type": "meeting", "name": "Sidang Majelis Umum PBB ke-72", "ordinal": 72, "parties": ["UN"], "location": "New York",
         "start": "2017-09-19", "surface": "Sidang Majelis Umum PBB ke-72"}])
    back = _doc("u2", "2018-06-01", "Pada Sidang Umum PBB ke-72, Indonesia berpidato.", [
        {"type": "meeting", "name": "Sidang Umum PBB ke-72", "parties": ["UN"], "surface": "Sidang Umum PBB ke-72"}])
    other = _doc("u3", "2018-10-01", "Pada Sidang Umum PBB, Indonesia berpidato.", [
        {"type": "meeting", "name": "Sidang Umum PBB", "parties": ["UN"], "surface": "Sidang Umum PBB"}])
    assert _groups(_archive(tmp_path, [held, back, other])) == [
        ["u1:Sidang Majelis Umum PBB ke-72", "u2:Sidang Umum PBB ke-72"], ["u3:Sidang Umum PBB"]]


def _row(**fields):
    from extractor.archive.events import EventRow, place_parts, _places

    stop = {"di", "dan", "kota", "gedung", "istana", "hotel"}
    location = fields.pop("location", None)
    words, states = place_parts(location, stop)
    base = dict(event_id=1, doc_id="d", type="meeting", name="", ordinal=None, location=location, start=None, end=None,
                status=None, published=None, parties=frozenset(), persons=frozenset(), interval=None, reported=False,
                words=frozenset(), places=_places(location, stop), place_words=words, place_states=states)
    return EventRow(**{**base, **fields})


def test_a_place_is_its_words_and_the_states_it_names_or_lies_in():
    from extractor.archive.events import place_parts

    assert place_parts("Pulau Bali", set()) == ({"pulau", "bali"}, {"ID"})
    assert place_parts("New York, Amerika Serikat (AS)", set()) == ({"new", "york"}, {"US"})
    assert place_parts("Myanmar dan Bangladesh", {"dan"}) == (set(), {"MM", "BD"})
    assert place_parts("Lisabon", set()) == ({"lisabon"}, set())  # a place the table does not know
    assert place_parts(None, set()) == (set(), set())


def test_places_agree_when_one_lies_in_the_state_the_other_names_and_differ_across_states():
    from extractor.archive.events import place_relation

    def relation(a, b):
        return place_relation(_row(location=a), _row(location=b))

    assert relation("Indonesia", "Nusa Dua, Bali") == 1 == relation("Tokyo", "Tokyo, Jepang")
    assert relation("Gedung Pancasila, Jakarta", "Jakarta") == 1  # a shared word
    assert relation("Istana Kepresidenan Bogor", "Jakarta") == 0  # two places of one state: no evidence either way
    assert relation("Jakarta", "Kuala Lumpur") == -1 == relation("Indonesia", "Malaysia")
    assert relation("Indonesia", "Lisabon") == -1  # a place of no known state, sharing no word
    assert relation("New York", "Washington, AS") == 0
    assert relation(None, "Jakarta") == 0


def test_a_visit_placed_in_a_city_joins_the_report_placing_it_in_the_state(tmp_path):
    text = "Kunjungan PM Australia Anthony Albanese ke Indonesia. PM Anthony Albanese tiba."
    by_state = _doc("s1", "2023-06-05", text, [
        {"type": "visit", "name": "Kunjungan PM Australia Anthony Albanese ke Indonesia", "parties": ["AU", "ID"],
         "location": "Indonesia", "surface": "Kunjungan PM Australia"}], [("Anthony Albanese", "AU")])
    by_city = _doc("s2", "2023-06-06", "Kunjungan Anthony Albanese di Nusa Dua, Bali. PM Anthony Albanese tiba.", [
        {"type": "visit", "name": "Kunjungan Anthony Albanese", "parties": ["AU", "ID"], "location": "Nusa Dua, Bali",
         "surface": "Kunjungan Anthony Albanese"}], [("Anthony Albanese", "AU")])
    elsewhere = _doc("s3", "2023-06-06", "Kunjungan Anthony Albanese di Kuala Lumpur. PM Anthony Albanese tiba.", [
        {"type": "visit", "name": "Kunjungan Anthony Albanese", "parties": ["AU", "MY"], "location": "Kuala Lumpur",
         "surface": "Kunjungan Anthony Albanese"}], [("Anthony Albanese", "AU")])
    groups = _groups(_archive(tmp_path, [by_state, by_city, elsewhere]))
    assert groups == [["s1:Kunjungan PM Australia Anthony Albanese ke Indonesia", "s2:Kunjungan Anthony Albanese"],
                      ["s3:Kunjungan Anthony Albanese"]]


def test_a_state_written_in_two_names_is_party_evidence_not_name_evidence(tmp_path):
    def meeting(doc_id, published, host, guest):
        text = f"Pertemuan Indonesia-Malaysia digelar saat {host} menerima {guest}."
        return _doc(doc_id, published, text, [
            {"type": "meeting", "name": "Pertemuan Indonesia-Malaysia", "parties": ["ID", "MY"], "surface": "Pertemuan Indonesia-Malaysia"}],
            [(host, "ID"), (guest, "MY")])

    leaders = meeting("p1", "2018-06-29", "Joko Widodo", "Mahathir Mohamad")
    ministers = meeting("p2", "2018-06-30", "Retno Marsudi", "Saifuddin Abdullah")
    leaders_again = meeting("p3", "2018-06-30", "Joko Widodo", "Mahathir Mohamad")
    conn = _archive(tmp_path, [leaders, ministers, leaders_again])
    rows = {r.doc_id: r for r in load_events(conn)}
    assert rows["p1"].words == {"indonesia", "malaysia"} and rows["p1"].naming_words == frozenset()
    assert rows["p1"].name_states == {"ID", "MY"}
    # The same parties and a shared person join; the same parties with other people do not.
    assert _groups(conn) == [["p1:Pertemuan Indonesia-Malaysia", "p3:Pertemuan Indonesia-Malaysia"], ["p2:Pertemuan Indonesia-Malaysia"]]


def test_reports_of_one_forum_naming_different_delegations_join_but_other_events_of_its_days_do_not(tmp_path):
    def report(doc_id, name, parties, location="Manila", start="2017-08-07", kind="meeting"):
        text = f"{name} digelar di {location}."
        return _doc(doc_id, "2017-08-08", text, [
            {"type": kind, "name": name, "parties": parties, "location": location, "start": start, "surface": name}])

    docs = [
        report("f1", "ASEAN Regional Forum", ["KP", "US"]),  # the delegations an outlet names
        report("f2", "Forum Regional ASEAN", ["KP"]),
        report("f3", "ARF", ["ASEAN"]),  # the organiser
        # Other events of the same days and city: another bloc's summit, a bilateral meeting with
        # a state no report of the forum names, two summits of one bloc with two partners.
        report("s1", "KTT G20", ["G20"], kind="summit"),
        report("s2", "KTT APEC", ["APEC"], kind="summit"),
        report("b1", "pertemuan bilateral", ["ID", "JP"]),
        report("b2", "pertemuan bilateral", ["ID", "IN"]),
        report("a1", "KTT ASEAN-Jepang", ["ASEAN", "JP"], kind="summit"),
        report("a2", "KTT ASEAN-India", ["ASEAN", "IN"], kind="summit"),
    ]
    assert _groups(_archive(tmp_path, docs)) == [
        ["a1:KTT ASEAN-Jepang"], ["a2:KTT ASEAN-India"],
        ["b1:pertemuan bilateral"], ["b2:pertemuan bilateral"],
        ["f1:ASEAN Regional Forum", "f2:Forum Regional ASEAN", "f3:ARF"],
        ["s1:KTT G20"], ["s2:KTT APEC"],
    ]


def test_visits_to_other_states_are_other_visits_however_many_states_each_takes_in(tmp_path):
    def tour(doc_id, name, parties):
        text = f"Presiden Joko Widodo memulai {name} di Jakarta."
        return _doc(doc_id, "2017-09-03", text, [
            {"type": "visit", "name": name, "parties": parties, "start": "2017-09-03", "surface": name}], [("Joko Widodo", "ID")])

    docs = [tour("t1", "kunjungan kenegaraan", ["ID", "JP", "KR"]), tour("t2", "kunjungan kerja", ["CN", "ID", "TH"])]
    assert _groups(_archive(tmp_path, docs)) == [["t1:kunjungan kenegaraan"], ["t2:kunjungan kerja"]]


def test_two_meetings_held_on_one_trip_join_when_one_names_no_participant(tmp_path):
    trip_text = "Menlu Retno Marsudi berkunjung ke Myanmar. Setibanya di Yangon, ia menggelar pertemuan di Nay Pyi Taw."
    trip_visit = {"type": "visit", "name": "berkunjung ke Myanmar", "parties": ["ID", "MM"], "location": "Myanmar",
                  "surface": "berkunjung ke Myanmar"}
    trip_meeting = {"type": "meeting", "name": "pertemuan di Nay Pyi Taw", "parties": ["ID", "MM"], "location": "Nay Pyi Taw",
                    "surface": "pertemuan di Nay Pyi Taw"}
    plan_text = "Menlu Retno Marsudi akan bertolak ke Myanmar untuk pertemuan dengan otoritas Myanmar."
    plan = _doc("p", "2017-09-03", plan_text, [
        {"type": "visit", "name": "bertolak ke Myanmar", "parties": ["ID", "MM"], "location": "Myanmar", "status": "planned",
         "surface": "bertolak ke Myanmar"},
        {"type": "meeting", "name": "pertemuan", "parties": ["ID", "MM"], "status": "planned", "surface": "pertemuan"}],
        [("Retno Marsudi", "ID")])
    trip = _doc("t", "2017-09-07", trip_text, [trip_visit, trip_meeting], [("Retno Marsudi", "ID")])
    for folder in "abc":
        (tmp_path / folder).mkdir()
    rows = {r.event_id: r for r in load_events(_archive(tmp_path / "a", [plan, trip]))}
    assert not next(r for r in rows.values() if r.name == "pertemuan di Nay Pyi Taw").persons
    assert _groups(_archive(tmp_path / "b", [plan, trip])) == [
        ["p:bertolak ke Myanmar", "t:berkunjung ke Myanmar"], ["p:pertemuan", "t:pertemuan di Nay Pyi Taw"]]
    # Without the trip in its article, the meeting is a state and an absent place: not enough.
    alone = _doc("t", "2017-09-07", trip_text, [trip_meeting], [("Retno Marsudi", "ID")])
    assert len(_groups(_archive(tmp_path / "c", [plan, alone]))) == 3


def _links(conn):
    return sorted(
        (v["name"], m["name"], r["relation"], json.loads(r["doc_ids"])) for r, v, m in (
            (row, conn.execute("SELECT name FROM archive_events WHERE archive_event_id = ?", (row["archive_event_id"],)).fetchone(),
             conn.execute("SELECT name FROM archive_events WHERE archive_event_id = ?", (row["linked_event_id"],)).fetchone())
            for row in conn.execute("SELECT * FROM archive_event_links")
        )
    )


def test_a_meeting_reported_apart_from_the_visit_it_was_held_in_is_linked_to_it(tmp_path):
    visit = _doc("v1", "2022-07-26", "Kunjungan kenegaraan Presiden Joko Widodo ke Jepang dan Korea Selatan dimulai.", [
        {"type": "visit", "name": "Kunjungan kenegaraan ke Jepang dan Korea Selatan", "parties": ["ID", "JP", "KR"],
         "location": "Jepang dan Korea Selatan", "start": "2022-07-26", "end": "2022-07-28", "surface": "Kunjungan kenegaraan"}],
        [("Joko Widodo", "ID")])
    meeting = _doc("m1", "2022-07-27", "Presiden Joko Widodo bertemu PM Fumio Kishida di Tokyo.", [
        {"type": "meeting", "name": "bertemu", "parties": ["ID", "JP"], "location": "Tokyo", "start": "2022-07-27", "surface": "bertemu"}],
        [("Joko Widodo", "ID"), ("Fumio Kishida", "JP")])
    # Other meetings of the same days: with another state, or without the visitor.
    elsewhere = _doc("m2", "2022-07-27", "Presiden Joko Widodo bertemu PM Anwar Ibrahim di Kuala Lumpur.", [
        {"type": "meeting", "name": "bertemu", "parties": ["ID", "MY"], "location": "Kuala Lumpur", "start": "2022-07-27",
         "surface": "bertemu"}], [("Joko Widodo", "ID"), ("Anwar Ibrahim", "MY")])
    others = _doc("m3", "2022-07-27", "Menlu Retno Marsudi bertemu Menlu Yoshimasa Hayashi.", [
        {"type": "meeting", "name": "bertemu", "parties": ["ID", "JP"], "start": "2022-07-27", "surface": "bertemu"}],
        [("Retno Marsudi", "ID"), ("Yoshimasa Hayashi", "JP")])
    conn = _archive(tmp_path, [visit, meeting, elsewhere, others])
    assert len(_groups(conn)) == 4
    assert _links(conn) == [("Kunjungan kenegaraan ke Jepang dan Korea Selatan", "bertemu", "during", [])]
    linked = conn.execute("SELECT e.doc_id FROM archive_event_links l JOIN archive_event_sources s ON s.archive_event_id = l.linked_event_id"
                          " JOIN events e USING (event_id)").fetchall()
    assert [r[0] for r in linked] == ["m1"]


def test_the_legs_of_a_tour_reported_with_it_are_part_of_it(tmp_path):
    text = ("Presiden Joko Widodo memulai kunjungan ke lima negara. Kunjungan ke Afghanistan adalah yang terakhir. "
            "Kunjungan ke Myanmar dan Bangladesh. Kunjungan ke Bangladesh.")
    tour = _doc("t1", "2018-01-29", text, [
        {"type": "visit", "name": "kunjungan ke lima negara", "parties": ["ID"], "start": "2018-01-24", "end": "2018-01-29",
         "surface": "kunjungan ke lima negara"},
        {"type": "visit", "name": "Kunjungan ke Afghanistan", "parties": ["AF", "ID"], "location": "Afghanistan", "start": "2018-01-29",
         "surface": "Kunjungan ke Afghanistan"}])
    trip = _doc("t2", "2017-09-07", text, [
        {"type": "visit", "name": "Kunjungan ke Myanmar dan Bangladesh", "parties": ["BD", "ID", "MM"], "surface": "Kunjungan ke Myanmar"},
        {"type": "visit", "name": "Kunjungan ke Bangladesh", "parties": ["BD", "ID"], "location": "Bangladesh", "surface": "Kunjungan ke Bangladesh."}])
    conn = _archive(tmp_path, [tour, trip])
    assert _links(conn) == [
        ("Kunjungan ke Myanmar dan Bangladesh", "Kunjungan ke Bangladesh", "part_of", ["t2"]),
        ("kunjungan ke lima negara", "Kunjungan ke Afghanistan", "part_of", ["t1"]),
    ]


def test_partial_records_of_one_article_never_chain_two_records_that_contradict_each_other(tmp_path):
    text = "KTT ASEAN Plus Three di Phnom Penh. KTT ASEAN ke-40 dibuka. KTT ASEAN ke-41 ditutup."
    doc = _doc("pp", "2022-11-12", text, [
        {"type": "summit", "name": "KTT ASEAN Plus Three", "parties": ["ASEAN"], "location": "Phnom Penh", "surface": "KTT ASEAN Plus Three"},
        {"type": "summit", "name": "KTT ASEAN ke-40", "parties": ["ASEAN"], "start": "2022-11-11", "surface": "KTT ASEAN ke-40"},
        {"type": "summit", "name": "KTT ASEAN ke-41", "parties": ["ASEAN"], "start": "2022-11-11", "surface": "KTT ASEAN ke-41"},
    ])
    # A numbered summit of a series is no partial record of a longer name without a number.
    assert _groups(_archive(tmp_path, [doc])) == [["pp:KTT ASEAN Plus Three"], ["pp:KTT ASEAN ke-40"], ["pp:KTT ASEAN ke-41"]]


def test_a_numbered_name_is_a_partial_record_of_a_longer_name_adding_only_its_place(tmp_path):
    text = "KTT ASEAN di Manila dibuka. KTT ASEAN ke-31 dihadiri Presiden Joko Widodo."
    doc = _doc("mn", "2017-11-13", text, [
        {"type": "summit", "name": "KTT ASEAN di Manila", "parties": ["ASEAN"], "location": "Manila", "surface": "KTT ASEAN di Manila"},
        {"type": "summit", "name": "KTT ASEAN ke-31", "ordinal": 31, "parties": ["ASEAN"], "start": "2017-11-13", "surface": "KTT ASEAN ke-31"},
    ])
    assert _groups(_archive(tmp_path, [doc])) == [["mn:KTT ASEAN di Manila", "mn:KTT ASEAN ke-31"]]
