"""The Label Studio round trip against a running Label Studio (marker ``labelstudio``, left out
of the default run; ``.ci/run`` runs it with ``python -m pytest -q -m labelstudio``).

A server is started on localhost (see :mod:`labelstudio_server`), a project is made with the
configuration of ``extractor labelstudio config``, the tasks of ``extractor labelstudio export``
are uploaded, an annotator's submissions go through the REST API, and the project's exports,
converted by ``extractor labelstudio import``, must give back the gold files they came from.
"""

from __future__ import annotations

import json
import secrets
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ANNOTATIONS_DIR, RAW_DIR, SHARED_DATA
from extractor.evaluation.gold import load_gold, load_raw_documents, sorted_records, write_gold_file
from labelstudio_server import (
    LABEL_STUDIO_VERSION,
    VENV,
    LabelStudioServer,
    LabelStudioUnavailable,
    ensure_label_studio,
    migrated_data_dir,
)

pytestmark = pytest.mark.labelstudio

INDOSUM = SHARED_DATA / "indosum" / "articles.jsonl"
REGION_ID_ALPHABET = string.ascii_letters + string.digits + "_-"  # Label Studio's editor: nanoid(10)


@pytest.fixture(scope="module")
def label_studio(tmp_path_factory):
    try:
        command = ensure_label_studio()
    except LabelStudioUnavailable as exc:
        pytest.skip(f"Label Studio {LABEL_STUDIO_VERSION} cannot be installed in {VENV}: {exc}")
    server = LabelStudioServer(command, tmp_path_factory.mktemp("label-studio"), template=migrated_data_dir())
    try:
        with server:
            yield server
    finally:
        assert not server.group_alive(), f"Label Studio (process group {server.process.pid}) still runs"
        assert not server.accepts_connections(), f"port {server.port} still answers"


def extractor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


def run_ok(*args: str) -> str:
    done = extractor(*args)
    assert done.returncode == 0, f"extractor {' '.join(map(str, args))}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def raws() -> list[Path]:
    return [RAW_DIR] + ([INDOSUM] if INDOSUM.exists() else [])


@pytest.fixture(scope="module")
def source_gold(tmp_path_factory, raws) -> Path:
    """The repository's gold files whose article is at hand (all of them with ``../shared``)."""
    folder = tmp_path_factory.mktemp("source-gold")
    files = {json.loads(p.read_text(encoding="utf-8"))["doc_id"]: p for p in sorted(ANNOTATIONS_DIR.glob("*.json"))}
    for doc_id in load_raw_documents(raws, list(files)):
        shutil.copy(files[doc_id], folder)
    assert len(list(folder.iterdir())) >= 2
    return folder


def expected_files(source: Path, raws: list[Path], folder: Path) -> dict[str, str]:
    """What ``labelstudio import`` must write: the source gold, normalised (records in text order)."""
    gold, _ = load_gold(source, raws)
    return {write_gold_file(sorted_records(records), folder).name: doc_id for doc_id, records in gold.items()}


def assert_same_files(written: Path, expected: Path, names) -> None:
    assert sorted(p.name for p in written.iterdir()) == sorted(names)
    for name in names:
        assert (written / name).read_bytes() == (expected / name).read_bytes(), name


def as_annotator(result: list[dict]) -> list[dict]:
    """A pre-annotation accepted in the editor: every region under a fresh editor id."""
    ids: dict[str, str] = {}
    for item in result:
        ids.setdefault(item["id"], "".join(secrets.choice(REGION_ID_ALPHABET) for _ in range(10)))
    return [{**item, "id": ids[item["id"]]} for item in result]


def test_annotations_submitted_in_label_studio_import_as_the_source_gold(label_studio, source_gold, raws, tmp_path):
    api = label_studio.api()
    raw_args = [arg for raw in raws for arg in ("--raw", raw)]
    config = run_ok("labelstudio", "config")
    project = api.create_project("extractor round trip", config)  # the server validates the configuration
    assert project["label_config"].strip() == config.strip()

    tasks_file = tmp_path / "tasks.json"
    run_ok("labelstudio", "export", source_gold, *raw_args, "-o", tasks_file)
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    uploaded = api.upload_tasks(project["id"], tasks_file)
    assert (uploaded["task_count"], uploaded["prediction_count"]) == (len(tasks), len(tasks))

    task_ids = api.task_ids(project["id"])
    assert len(task_ids) == len(tasks)
    doc_ids = []
    unannotated = task_ids[-1]
    for number, task_id in enumerate(task_ids):
        task = api.task(task_id)
        doc_ids.append(task["data"]["doc_id"])
        if task_id == unannotated:
            continue
        [prediction] = task["predictions"]
        result = as_annotator(prediction["result"])
        fields = {"was_cancelled": False, "ground_truth": False, "lead_time": 42.0, "parent_prediction": prediction["id"]}
        if number == 0:  # skipped first, annotated on a second visit
            api.submit(task_id, [], **{**fields, "was_cancelled": True})
        if number == 1:  # submitted with a region deleted by mistake, then corrected
            first = api.submit(task_id, [item for item in result if item["id"] != result[0]["id"]], **fields)
            api.update_annotation(first["id"], result)
        else:
            api.submit(task_id, result, **fields)

    expected = tmp_path / "expected"
    names_of = expected_files(source_gold, raws, expected)
    annotated = [name for name, doc_id in names_of.items() if doc_id != doc_ids[-1]]

    export = tmp_path / "export.json"
    export.write_bytes(api.export_json(project["id"]))
    exported = json.loads(export.read_text(encoding="utf-8"))
    assert len(exported) == len(tasks) - 1 and all(isinstance(p, int) for t in exported for p in t["predictions"])
    run_ok("labelstudio", "import", export, *raw_args, "-o", tmp_path / "gold")
    assert_same_files(tmp_path / "gold", expected, annotated)

    snapshot = tmp_path / "snapshot.json"
    snapshot.write_bytes(api.export_snapshot(project["id"]))
    assert all(isinstance(p, dict) for t in json.loads(snapshot.read_text(encoding="utf-8")) for p in t["predictions"])
    run_ok("labelstudio", "import", snapshot, *raw_args, "-o", tmp_path / "gold-all", "--from-predictions")
    assert_same_files(tmp_path / "gold-all", expected, list(names_of))

    everything = tmp_path / "export-all.json"
    everything.write_bytes(api.export_json(project["id"], all_tasks=True))
    position = [task["id"] for task in json.loads(everything.read_text(encoding="utf-8"))].index(unannotated)
    refused = extractor("labelstudio", "import", everything, *raw_args, "-o", tmp_path / "refused", "--from-predictions")
    assert refused.returncode == 2
    assert f"{everything}: task[{position}]: predictions: the export lists prediction ids only" in refused.stderr
    assert not (tmp_path / "refused").exists()


def test_gold_loaded_for_review_comes_back_unchanged(label_studio, source_gold, raws, tmp_path):
    api = label_studio.api()
    raw_args = [arg for raw in raws for arg in ("--raw", raw)]
    project = api.create_project("extractor review", run_ok("labelstudio", "config"))
    tasks_file = tmp_path / "tasks.json"
    run_ok("labelstudio", "export", source_gold, *raw_args, "-o", tasks_file, "--as-annotations")
    uploaded = api.upload_tasks(project["id"], tasks_file)
    assert uploaded["annotation_count"] == uploaded["task_count"] == len(list(source_gold.iterdir()))

    export = tmp_path / "export.json"
    export.write_bytes(api.export_json(project["id"]))
    run_ok("labelstudio", "import", export, *raw_args, "-o", tmp_path / "gold")
    expected = tmp_path / "expected"
    assert_same_files(tmp_path / "gold", expected, list(expected_files(source_gold, raws, expected)))
