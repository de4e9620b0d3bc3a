"""extractor.records: the spec's records validate their values and offsets, and round-trip."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conftest import span_in
from extractor.records import DateRecord, DocumentRecords, Event, Figure, Official, PriorityArea

TEXT = "Menlu Retno Marsudi bertemu Menlu Rusia Sergei Lavrov di Moskow, Rabu (9/8/2017), membahas perdagangan senilai US$2 miliar."


def _records() -> DocumentRecords:
    return DocumentRecords(
        doc_id="d",
        published="2017-08-10",
        officials=[Official(name="Retno Marsudi", title="Menteri Luar Negeri", country="ID", mentions=[span_in(TEXT, "Menlu Retno Marsudi")])],
        events=[Event(type="meeting", name="pertemuan", parties=["RU", "ID", "RU"], location="Moskow", start="2017-08-09", mentions=[span_in(TEXT, "bertemu")])],
        dates=[DateRecord(**span_in(TEXT, "Rabu (9/8/2017)"), value="2017-08-09", granularity="day")],
        priority_areas=[PriorityArea(area="economy_trade", mentions=[span_in(TEXT, "perdagangan")])],
        figures=[Figure(**span_in(TEXT, "US$2 miliar"), kind="money", value=2e9, unit="USD")],
    )


def test_a_document_round_trips_through_json_and_its_offsets_are_checked():
    records = _records()
    again = DocumentRecords.model_validate_json(records.model_dump_json(), context={"text": TEXT})
    assert again == records
    assert records.events[0].parties == ["ID", "RU"]  # sorted, without repeats
    assert [kind for kind, _ in records.record_lists()] == ["officials", "events", "dates", "priority_areas", "figures"]
    assert len(list(records.iter_spans())) == 5 and records.offset_problems(TEXT) == []


def test_a_span_that_does_not_match_the_text_is_named():
    records = _records()
    shifted = TEXT.replace("Menlu Retno", "Menlu  Retno", 1)
    problems = records.offset_problems(shifted)
    assert problems and all("!= document text" in p for p in problems)
    with pytest.raises(ValueError, match="document d: officials\\[0\\].mentions"):
        records.check_offsets(shifted)
    with pytest.raises(ValidationError):
        DocumentRecords.model_validate_json(records.model_dump_json(), context={"text": shifted})


@pytest.mark.parametrize(
    "make",
    [
        lambda: DateRecord(**span_in(TEXT, "Rabu"), value="2017-13-01", granularity="day"),  # no month 13
        lambda: DateRecord(**span_in(TEXT, "Rabu"), value="2017-08-09", value_end="2017-08-01", granularity="day"),
        lambda: DateRecord(**span_in(TEXT, "Rabu"), value_end="2017-08-01", granularity="day"),
        lambda: Event(type="meeting", name="x", start="2017-08-09", end="2017-08-01", mentions=[span_in(TEXT, "bertemu")]),
        lambda: Event(type="party", name="x", mentions=[span_in(TEXT, "bertemu")]),  # not an event type
        lambda: PriorityArea(area="economy_trade", mentions=[]),
        lambda: Figure(**span_in(TEXT, "US$2 miliar"), kind="money"),  # no value
    ],
)
def test_invalid_records_are_refused(make):
    with pytest.raises(ValidationError):
        make()


def test_spreadsheet_rows_join_lists_and_mentions():
    records = _records()
    [row] = records.to_rows("events")
    assert row["doc_id"] == "d" and row["span_text"] == "bertemu" and row["parties"] == "ID; RU"
    assert row["mentions"] == f"bertemu@{TEXT.index('bertemu')}-{TEXT.index('bertemu') + 7}"
    [figure] = records.to_rows("figures")
    assert figure["kind"] == "money" and figure["value"] == 2e9
    with pytest.raises(ValueError, match="not one of"):
        records.to_rows("treaties")
