"""The Ray Data engine on a local 2-CPU Ray cluster (extractor.scale.ray_engine).

Skipped without the ``ray`` extra (``pip install -e '.[ray]'``); ``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
from itertools import islice
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="the Ray engine needs the ray extra: pip install -e '.[ray]'")
pytest.importorskip("ray.data", reason="the Ray engine needs ray[data]: pip install -e '.[ray]'")
pa = pytest.importorskip("pyarrow", reason="Parquet needs pyarrow (ray extra)")
import pyarrow.parquet as pq  # noqa: E402

from extractor import cli  # noqa: E402
from extractor.core import Extractor  # noqa: E402

pytestmark = pytest.mark.ray

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "data" / "raw"
INDOSUM = Path(os.environ.get("EXTRACTOR_SHARED_DATA", REPO.parent / "shared" / "data")) / "indosum" / "articles.jsonl"
CRASH_DOC = "crash-me-once"


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory):
    """A local Ray cluster of 2 CPUs for the whole module; actors inherit the crash switch."""
    marker = tmp_path_factory.mktemp("crash") / "crashed"
    if ray.is_initialized():
        ray.shutdown()
    ray.init(
        address="local",  # our own cluster, never one another process left running here
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"EXTRACTOR_TEST_CRASH_ONCE": f"{CRASH_DOC}@{marker}"}},
    )
    Extractor()  # the in-process reference extractions share the cached pipeline
    yield marker
    ray.shutdown()


def _inputs(folder: Path, n: int = 10) -> Path:
    """A folder with the seed articles, IndoSum lines, a crash document and bad inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(RAW_DIR.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    with open(INDOSUM, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in islice(handle, n)]
    lines = [json.dumps({"id": r["id"], "text": r["text"], "published": r["published"]}, ensure_ascii=False) for r in rows]
    lines.insert(3, "{not json")
    lines.insert(5, json.dumps({"id": CRASH_DOC, "text": "Menlu Retno bertemu Menlu Malaysia di Jakarta, Rabu (9/8)."}))
    lines.append(json.dumps({"id": rows[0]["id"], "text": "duplicate id"}))
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _run(args: list[str]) -> int:
    return cli.main(["extract", *args])


def test_ray_engine_writes_what_jobs_1_writes(ray_cluster, tmp_path: Path):
    folder = _inputs(tmp_path / "in")
    local_out, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert _run([str(folder), "-o", str(local_out)]) == 1  # bad inputs: exit 1 on both engines
    assert _run([str(folder), "-o", str(ray_out), "--engine", "ray", "--workers", "2"]) == 1
    assert ray_out.read_bytes() == local_out.read_bytes()
    local_errors = (tmp_path / "local.errors.jsonl").read_text(encoding="utf-8")
    ray_errors = (tmp_path / "ray.errors.jsonl").read_text(encoding="utf-8")
    assert ray_errors == local_errors and "duplicate id" in ray_errors and "malformed JSON" in ray_errors
    # the crash document made its actor die once; Ray Data restarted it and retried the batch
    assert ray_cluster.exists()
    assert sum(json.loads(line)["doc_id"] == CRASH_DOC for line in ray_out.read_text().splitlines()) == 1


def test_resume_with_the_ray_engine(ray_cluster, tmp_path: Path):
    folder = _inputs(tmp_path / "in", n=6)
    fresh = tmp_path / "fresh.jsonl"
    assert _run([str(folder), "-o", str(fresh)]) == 1
    resumed = tmp_path / "resumed.jsonl"
    lines = fresh.read_bytes().splitlines(keepends=True)
    resumed.write_bytes(b"".join(lines[:4]) + lines[4][:10])  # a run that died mid-line
    assert _run([str(folder), "-o", str(resumed), "--resume", "--engine", "ray"]) == 1
    assert resumed.read_bytes() == fresh.read_bytes()


def test_resume_with_the_ray_engine_replaces_a_changed_document(ray_cluster, tmp_path: Path):
    """A document whose text changed since the previous run is extracted again and its old line
    replaced, as by the default engine."""
    folder = _inputs(tmp_path / "in", n=4)
    before = tmp_path / "before.jsonl"
    assert _run([str(folder), "-o", str(before), "--resume"]) == 1
    source = folder / "b.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    lines[0] = json.dumps({**first, "text": first["text"] + " Menlu Retno juga bertemu Menlu Jepang."}, ensure_ascii=False)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local, ray_resumed = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    shutil.copyfile(before, ray_resumed)
    shutil.copyfile(tmp_path / ".before.jsonl.journal", tmp_path / ".ray.jsonl.journal")
    shutil.copyfile(before, local)
    shutil.copyfile(tmp_path / ".before.jsonl.journal", tmp_path / ".local.jsonl.journal")
    assert _run([str(folder), "-o", str(local), "--resume"]) == 1
    assert _run([str(folder), "-o", str(ray_resumed), "--resume", "--engine", "ray"]) == 1
    assert ray_resumed.read_bytes() == local.read_bytes() != before.read_bytes()
    doc_ids = [json.loads(line)["doc_id"] for line in ray_resumed.read_text(encoding="utf-8").splitlines()]
    assert doc_ids.count(first["id"]) == 1


def test_parquet_in_and_out(ray_cluster, tmp_path: Path):
    with open(INDOSUM, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in islice(handle, 20, 26)]
    table = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                      "published": [r["published"] for r in rows]})
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    out_dir, jsonl = tmp_path / "out", tmp_path / "out.jsonl"
    assert _run([str(source), "-o", str(out_dir), "--format", "parquet", "--engine", "ray"]) == 0
    assert _run([str(source), "-o", str(jsonl)]) == 0
    written = pq.read_table(sorted(out_dir.glob("part-*.parquet"))[0]).to_pylist()
    expected = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [row["doc_id"] for row in written] == [r["id"] for r in rows]
    for row, line in zip(written, expected):
        assert json.loads(row["officials"]) == line["officials"] and json.loads(row["figures"]) == line["figures"]
        assert json.loads(row["article"]) == line["article"] and row["published"] == line["published"]


def test_extract_dataset_library_function(ray_cluster):
    from extractor.scale import extract_dataset

    with open(INDOSUM, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in islice(handle, 30, 34)]
    items = [{"id": r["id"], "text": r["text"], "published": r["published"]} for r in rows]
    results = extract_dataset(ray.data.from_items(items), workers=1).take_all()
    reference = Extractor()
    by_id = {row["doc_id"]: row for row in results}
    assert sorted(by_id) == sorted(r["id"] for r in rows)  # order follows Ray Data's preserve_order setting
    for item in items:
        expected = reference.extract(item["text"], doc_id=item["id"], published=item["published"])
        row = by_id[item["id"]]
        assert json.loads(row["record"]) == expected.model_dump(mode="json") and row["error"] is None


def test_input_batches_are_the_default_engines_batches(tmp_path: Path):
    """The driver cuts the inputs into the default engine's batches: `batch_size` inputs a batch
    across files, input errors and duplicate ids counted in them, documents already written left
    out, texts over max_chars refused as the default engine refuses them."""
    from extractor.io.readers import DEFAULT_MAX_BYTES, expand_inputs
    from extractor.io.resume import Done
    from extractor.scale.ray_engine import input_batches

    lines = [json.dumps({"id": f"d{i}", "text": f"Menlu Retno bertemu Menlu Malaysia {i}."}) for i in range(5)]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"id": "d0", "text": "duplicate id"}))
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Menlu Retno bertemu Menlu Malaysia di Jakarta. " * 4, encoding="utf-8")
    done = Done()
    done.hashes["d1"] = None  # written by the previous run: skipped
    entries = expand_inputs([tmp_path])
    batches = list(input_batches(entries, max_bytes=DEFAULT_MAX_BYTES, done=done, batch_size=4, max_chars=100))
    assert [[row["kind"] for row in rows] for rows in batches] == [
        ["article", "input_error", "article", "article"], ["article", "input_error", "input_error"]]
    assert [row["doc_id"] for rows in batches for row in rows] == ["d0", None, "d2", "d3", "d4", "d0", "b"]
    assert [row["order"] for rows in batches for row in rows] == list(range(7))
    errors = [json.loads(row["error"]) for rows in batches for row in rows if row["error"]]
    assert "duplicate id" in errors[1]["reason"] and "100" in errors[2]["reason"]


def test_without_an_address_the_engine_starts_a_cluster_of_its_own(monkeypatch):
    """ray.init() alone joins the cluster a `ray start` left on the machine (or RAY_ADDRESS);
    the engine without --address must start its own, and join only the address it is given."""
    from extractor.scale import ray_engine

    calls = []
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", lambda **options: calls.append(options))
    ray_engine.init_ray(workers=2)
    ray_engine.init_ray(address="10.0.0.5:6379")
    assert calls[0]["address"] == "local" and calls[0]["num_cpus"] == 2 and "_system_config" in calls[0]
    assert calls[1]["address"] == "10.0.0.5:6379" and "_system_config" not in calls[1] and "num_cpus" not in calls[1]
