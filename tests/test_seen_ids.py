"""The duplicate-id check's memory: every id of a run, compared exactly, held outside Python's heap."""

from __future__ import annotations

import tracemalloc

from extractor.io.seen_ids import SeenIds


def test_first_origin_is_none_for_a_new_id_and_the_first_origin_after():
    with SeenIds() as seen:
        assert seen.first_origin("a1", "x.jsonl:1") is None
        assert seen.first_origin("a2", "x.jsonl:2") is None
        assert seen.first_origin("a1", "y.jsonl:9") == "x.jsonl:1"
        assert seen.first_origin("a1", "z.jsonl:3") == "x.jsonl:1"  # the first occurrence, not the last
        assert seen.first_origin("A1", "y.jsonl:10") is None  # compared exactly: case counts
        assert seen.count == 3


def test_surrogate_escaped_ids_and_origins_round_trip_exactly():
    undecodable = b"berita-\xff".decode("utf-8", "surrogateescape")  # a file name's stem
    with SeenIds() as seen:
        assert seen.first_origin(undecodable, f"/data/{undecodable}.txt") is None
        assert seen.first_origin("berita-\ufffd", "/data/other.txt") is None
        assert seen.first_origin(undecodable, "/data/again.txt") == f"/data/{undecodable}.txt"


def test_a_long_run_of_ids_holds_almost_nothing_on_the_python_heap():
    ids = 60_000
    tracemalloc.start()
    try:
        with SeenIds() as seen:
            before = tracemalloc.get_traced_memory()[0]
            for number in range(ids):
                seen.first_origin(f"1490674536-mustahil-transportasi-tradisional~{number}", f"/corpus/in.jsonl:{number + 1}")
            held = tracemalloc.get_traced_memory()[0] - before
            assert seen.first_origin("1490674536-mustahil-transportasi-tradisional~17", "later") == "/corpus/in.jsonl:18"
    finally:
        tracemalloc.stop()
    assert seen.count == ids
    # A dict of the same ids and origins holds about 10 MB; the check keeps them in SQLite's pages.
    assert held < 64 * 1024, held
