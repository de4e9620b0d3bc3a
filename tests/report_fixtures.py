"""Archives and sites the report tests share (imported by the test modules that use them)."""

from __future__ import annotations

import pytest

from extractor.records import DocumentRecords

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
HOSTILE_IDS = ["../../escape-attempt", "/etc/passwd", "https://evil.example/a?b#c", "CON", "x" * 400 + "\u00e9"]


def hostile_documents() -> list[tuple[DocumentRecords, str]]:
    """Documents whose ids, names and texts try to break out of the page or the site folder."""
    documents = []
    for number, doc_id in enumerate(HOSTILE_IDS):
        text = (
            f"Menlu Retno Marsudi bertemu Menlu {HOSTILE} di Jakarta, Senin (7/8). </script><!-- "
            f"Keduanya sepakat meningkatkan perdagangan 20 persen. {number}"
        )
        name = text.index(HOSTILE)
        meet = text.index("bertemu")
        date = text.index("Senin (7/8)")
        percent = text.index("20 persen")
        documents.append((DocumentRecords.model_validate({
            "doc_id": doc_id,
            "published": f"2017-08-0{number + 1}",
            "officials": [
                {"name": "Retno Marsudi", "title": "Menteri Luar Negeri", "country": "ID",
                 "mentions": [{"start": 6, "end": 19, "text": "Retno Marsudi"}]},
                {"name": HOSTILE, "title": "Menteri Luar Negeri", "country": "RU",
                 "mentions": [{"start": name, "end": name + len(HOSTILE), "text": HOSTILE}]},
            ],
            "events": [{"type": "meeting", "name": f"bertemu {HOSTILE}"[:7], "parties": ["ID", "RU"], "start": "2017-08-07",
                        "location": HOSTILE, "mentions": [{"start": meet, "end": meet + 7, "text": "bertemu"}]}],
            "dates": [{"start": date, "end": date + 11, "text": "Senin (7/8)", "value": "2017-08-07", "granularity": "day"}],
            "figures": [{"start": percent, "end": percent + 9, "text": "20 persen", "kind": "percent", "value": 20,
                         "subject": HOSTILE}],
            "article": {"title": HOSTILE, "source": HOSTILE, "url": "javascript:alert(3)"},
        }, context={"text": text}), text))
    return documents


@pytest.fixture(scope="session")
def hostile_archive(tmp_path_factory):
    from extractor.archive import Archive

    path = tmp_path_factory.mktemp("hostile_archive") / "hostile.sqlite"
    with Archive(path) as archive:
        for records, text in hostile_documents():
            archive.add(records, text)
        archive.resolve()
    return path


@pytest.fixture(scope="session")
def gold_site(gold_archive, tmp_path_factory):
    """The site of the archive built from the gold files, and its build statistics."""
    from extractor.report.site import build_report

    out = tmp_path_factory.mktemp("gold_site") / "site"
    stats = build_report(gold_archive, out, title="Gold archive")
    return out, stats
