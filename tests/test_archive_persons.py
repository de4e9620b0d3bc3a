"""Person resolution across articles, with the evidence of every merge."""

from __future__ import annotations

import json

from extractor.archive.names import name_key
from extractor.archive.persons import OfficialRow, cluster_officials
from extractor.archive.store import connect


def _rows(*officials):
    return [OfficialRow(i, doc, name, title, country, name_key(name)) for i, (doc, name, title, country) in enumerate(officials)]


def _clusters(rows):
    return sorted(sorted(m.name + "@" + m.doc_id for m in c.members) for c in cluster_officials(rows))


def test_name_forms_of_one_person_join_and_different_people_sharing_a_name_part_stay_apart():
    rows = _rows(
        ("a", "Retno L.P. Marsudi", "Menteri Luar Negeri", "ID"),
        ("b", "Retno LP Marsudi", "Menteri Luar Negeri", "ID"),
        ("c", "Retno Marsudi", "Menteri Luar Negeri", "ID"),
        ("d", "Retno", "Menteri Luar Negeri", "ID"),
        ("e", "Antonio Guterres", "Sekretaris Jenderal", None),
        ("f", "Aurelio Sergio Guterres", "Menteri Luar Negeri", "TL"),
        ("g", "Guterres", "Sekretaris Jenderal", None),
    )
    assert _clusters(rows) == [
        ["Antonio Guterres@e", "Guterres@g"],
        ["Aurelio Sergio Guterres@f"],
        ["Retno L.P. Marsudi@a", "Retno LP Marsudi@b", "Retno Marsudi@c", "Retno@d"],
    ]


def test_a_one_word_name_that_fits_two_persons_equally_is_left_alone():
    rows = _rows(
        ("a", "Antonio Guterres", "Sekretaris Jenderal", None),
        ("b", "Francisco Guterres", "Sekretaris Jenderal", None),
        ("c", "Guterres", "Sekretaris Jenderal", None),
    )
    assert ["Guterres@c"] in _clusters(rows)


def test_a_one_word_name_needs_the_same_office_when_the_state_is_indonesia():
    rows = _rows(
        ("a", "Airlangga Hartarto", "Menteri Perindustrian", "ID"),
        ("b", "Airlangga", "Direktur Kerja Sama Internasional Pertahanan", "ID"),
        ("c", "Abe", "Perdana Menteri", "JP"),
        ("d", "Shinzo Abe", None, "JP"),
    )
    assert _clusters(rows) == [["Abe@c", "Shinzo Abe@d"], ["Airlangga Hartarto@a"], ["Airlangga@b"]]


def test_officials_of_one_article_are_never_one_person():
    rows = _rows(("a", "Retno Marsudi", "Menteri Luar Negeri", "ID"), ("a", "Retno", "Menteri Luar Negeri", "ID"))
    assert len(cluster_officials(rows)) == 2


def test_variants_aliases_and_states():
    rows = _rows(
        ("a", "Sergey Lavrov", "Menteri Luar Negeri", "RU"),
        ("b", "Sergei Lavrov", "Menteri Luar Negeri", "RU"),
        ("c", "Jokowi", "Presiden", "ID"),
        ("d", "Joko Widodo", "Presiden", "ID"),
        ("e", "Kim", "Presiden", "KR"),
        ("f", "Kim", "Ketua", "KP"),
    )
    clusters = _clusters(rows)
    assert ["Sergei Lavrov@b", "Sergey Lavrov@a"] in clusters
    assert ["Joko Widodo@d", "Jokowi@c"] in clusters
    assert ["Kim@e"] in clusters and ["Kim@f"] in clusters


def test_persons_of_the_gold_archive_keep_their_evidence(gold_archive):
    conn = connect(gold_archive, readonly=True)
    retno = conn.execute("SELECT * FROM persons WHERE key = 'retno-marsudi'").fetchone()
    forms = {r[0] for r in conn.execute(
        "SELECT o.name FROM person_officials po JOIN officials o USING (official_id) WHERE po.person_id = ?", (retno["person_id"],))}
    assert forms == {"Retno L.P. Marsudi", "Retno LP Marsudi", "Retno Marsudi"}
    assert retno["documents"] == 11 and retno["country"] == "ID"
    guterres = {r[0] for r in conn.execute("SELECT name FROM persons WHERE name LIKE '%Guterres'")}
    assert guterres == {"Antonio Guterres", "Aurelio Sergio Guterres"}
    ghani = conn.execute("SELECT person_id FROM persons WHERE key = 'mohammad-ashraf-ghani'").fetchone()
    merges = conn.execute("SELECT rule, evidence FROM person_merges WHERE person_id = ?", (ghani[0],)).fetchall()
    assert [m["rule"] for m in merges] == ["name_part"]
    same = conn.execute("SELECT rule, evidence FROM person_merges WHERE person_id = ?", (retno["person_id"],)).fetchall()
    assert {m["rule"] for m in same} == {"same_name"} and len(same) == 10
    evidence = json.loads(merges[0]["evidence"])
    assert sorted(evidence["names"]) == ["Ashraf Ghani", "Mohammad Ashraf Ghani"]
    assert evidence["countries"] == ["AF", "AF"] and evidence["titles"] == [["Presiden"], ["Presiden"]]
    assert "co_occurring" in evidence
    # Every official belongs to exactly one person.
    assert conn.execute("SELECT COUNT(*) FROM officials").fetchone()[0] == conn.execute("SELECT COUNT(*) FROM person_officials").fetchone()[0]


def test_a_name_with_a_word_too_many_joins_the_person_its_mention_names():
    rows = _rows(
        ("a", "Retno Marsudi", "Menteri Luar Negeri", "ID"),
        ("b", "Retno Marsudi Bahas", "Menteri Luar Negeri", "ID"),
        ("c", "Retno Marsudi Tegaskan", "Menteri Luar Negeri", "ID"),
    )
    mentions = {1: {("retno", "marsudi")}}  # two longer names fit `Retno Marsudi`: only the mention tells
    joined = sorted(sorted(m.name for m in c.members) for c in cluster_officials(rows, mentions))
    # The mention joins `Bahas`; `Tegaskan` is then the one longer name left that fits.
    assert joined == [["Retno Marsudi", "Retno Marsudi Bahas", "Retno Marsudi Tegaskan"]]
    merges = {rule for c in cluster_officials(rows, mentions) for g in c.groups for _, _, rule, _ in g.merges}
    assert merges == {"mention_form", "name_part"}
    without = sorted(sorted(m.name for m in c.members) for c in cluster_officials(rows))
    assert without == [["Retno Marsudi"], ["Retno Marsudi Bahas"], ["Retno Marsudi Tegaskan"]]


def test_a_close_spelling_needs_fitting_titles_unless_the_name_is_nearly_the_same():
    rows = _rows(
        ("a", "Arief Budiman", "Ketua KPU", "ID"),
        ("b", "Aries Budiman", "Direktur Penyidikan", "ID"),
        ("c", "Slamet Maarif", "Ketua Umum", "ID"),
        ("d", "Slamet Marif", "Juru Bicara", "ID"),
        ("e", "Airlangga Hartarto", "Menteri Perindustrian", "ID"),
        ("f", "Airlangga Hartanto", "Menteri Perindustrian", "ID"),
        ("g", "Budi Harto", "Direktur Utama", "ID"),
        ("h", "Heru Budi Hartono", "Direktur Jenderal Protokol", "ID"),
    )
    assert _clusters(rows) == [
        ["Airlangga Hartanto@f", "Airlangga Hartarto@e"],
        ["Arief Budiman@a"],
        ["Aries Budiman@b"],
        ["Budi Harto@g"],
        ["Heru Budi Hartono@h"],
        ["Slamet Maarif@c", "Slamet Marif@d"],
    ]


def test_a_state_given_wrongly_in_one_of_two_articles_does_not_keep_a_person_apart():
    rows = _rows(
        ("a", "Joseph F Dunford", "Panglima Angkatan Bersenjata", "US"),
        ("b", "Joseph F Durford", "Panglima Angkatan Bersenjata", "ID"),
        ("c", "Joseph F Durford", "Panglima Angkatan Bersenjata", "US"),
    )
    assert len(cluster_officials(rows)) == 1
    # A state most articles agree on still tells two people apart.
    rows = _rows(
        ("a", "Joseph F Dunford", "Panglima Angkatan Bersenjata", "US"),
        ("b", "Joseph F Dunford", "Panglima Angkatan Bersenjata", "US"),
        ("c", "Joseph F Durford", "Panglima Angkatan Bersenjata", "ID"),
        ("d", "Joseph F Durford", "Panglima Angkatan Bersenjata", "ID"),
    )
    assert len(cluster_officials(rows)) == 2


def test_a_one_word_name_of_a_longer_name_is_grouped_by_its_titles_and_a_mononym_is_not():
    rows = _rows(
        ("a", "Gatot Nurmantyo", "Panglima TNI", "ID"),
        ("b", "Gatot", "Panglima TNI", "ID"),
        ("c", "Gatot", "Kepala Seksi Operasi Damkar Jaktim", "ID"),
        ("d", "Gatot", "Panglima", "ID"),
        ("e", "Wiranto", "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan", "ID"),
        ("f", "Wiranto", "Ketua Dewan Pembina Partai Hanura", "ID"),
    )
    assert _clusters(rows) == [["Gatot Nurmantyo@a", "Gatot@b", "Gatot@d"], ["Gatot@c"], ["Wiranto@e", "Wiranto@f"]]
