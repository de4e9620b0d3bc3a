"""A real Label Studio server on localhost for the ``labelstudio`` tests, and a small client
for its REST API.

Label Studio lives in a virtual environment of its own (``$EXTRACTOR_LABELSTUDIO_VENV``, by
default ``.venv-labelstudio/`` in the repository), created with the pinned version the first
time it is needed, so that its pins (Django and some hundred others) never touch the project's
environment. Each server gets a fresh data folder (SQLite database, uploads), a free port on
127.0.0.1, a user and an API token made up for it, and no call home (version check, analytics).
It runs in a process group of its own, which :meth:`LabelStudioServer.stop` ends whatever
happened; on Linux the server is also told to stop should the test process die first.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
LABEL_STUDIO_VERSION = "1.23.2"
VENV = Path(os.environ.get("EXTRACTOR_LABELSTUDIO_VENV", REPO / ".venv-labelstudio"))
START_TIMEOUT_S = 600  # migrating a fresh database takes about a minute on a busy 2-core machine
INSTALL_TIMEOUT_S = 1800  # pip install (about 1 GB) and the migrations, each


class LabelStudioUnavailable(RuntimeError):
    """Label Studio could not be installed (no network to PyPI, no venv module)."""


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def _installed_version(venv: Path) -> Optional[str]:
    python = _venv_python(venv)
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('label-studio'))"],
        capture_output=True, text=True,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def ensure_label_studio(venv: Path = VENV) -> Path:
    """The ``label-studio`` command of ``venv``, installing the pinned version there when missing."""
    if _installed_version(venv) != LABEL_STUDIO_VERSION:
        steps = [[sys.executable, "-m", "venv", str(venv)]] if not _venv_python(venv).exists() else []
        steps.append([str(_venv_python(venv)), "-m", "pip", "install", "-q", f"label-studio=={LABEL_STUDIO_VERSION}"])
        for step in steps:
            try:
                done = subprocess.run(step, capture_output=True, text=True, env=_clean_env(), timeout=INSTALL_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                raise LabelStudioUnavailable(f"{' '.join(step)} took over {INSTALL_TIMEOUT_S} s") from None
            if done.returncode != 0:
                raise LabelStudioUnavailable(f"{' '.join(step)} failed: {(done.stderr or done.stdout).strip()[-800:]}")
    return venv / "bin" / "label-studio"


def migrated_data_dir(venv: Path = VENV) -> Path:
    """A data folder whose database is migrated and holds no user, made once per installation:
    a server started on a copy answers in seconds instead of a minute of migrations."""
    template = venv / f"extractor-empty-data-{LABEL_STUDIO_VERSION}"
    if (template / "label_studio.sqlite3").exists():
        return template
    building = venv / f"{template.name}.{os.getpid()}.tmp"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    # Any command migrates the database first; reset_password for nobody then changes nothing.
    try:
        done = subprocess.run(
            [str(venv / "bin" / "label-studio"), "reset_password", "--username", "nobody@invalid", "--password", "-",
             "--data-dir", str(building)],
            capture_output=True, text=True, cwd=building, env={**_clean_env(), **_quiet_env(building)},
            timeout=INSTALL_TIMEOUT_S,
        )
        problem = None if done.returncode == 0 else (done.stderr or done.stdout).strip()[-2000:]
    except subprocess.TimeoutExpired:
        problem = f"over {INSTALL_TIMEOUT_S} s"
    if problem is not None or not (building / "label_studio.sqlite3").exists():
        shutil.rmtree(building, ignore_errors=True)
        raise RuntimeError(f"label-studio could not migrate a database: {problem or 'no label_studio.sqlite3 made'}")
    try:
        building.rename(template)
    except OSError:  # another process made it meanwhile
        shutil.rmtree(building, ignore_errors=True)
    return template


def _quiet_env(data_dir: Path) -> dict[str, str]:
    return {
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",  # no call to pypi.org
        "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    }


def _clean_env() -> dict[str, str]:
    """The environment without the project's Python settings (its source on PYTHONPATH, its venv)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    os.setsid()
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class LabelStudioServer:
    """``label-studio start`` on 127.0.0.1 with a fresh data folder; a context manager."""

    def __init__(self, command: Path, data_dir: Path, template: Optional[Path] = None):
        self.command = command
        self.data_dir = Path(data_dir)
        self.template = template
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(20)
        self.username = "annotator@example.org"
        self.password = secrets.token_urlsafe(16)
        self.log_path = self.data_dir / "label-studio.log"
        self.process: Optional[subprocess.Popen] = None
        self.start_seconds: Optional[float] = None

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.template is not None:
            shutil.copytree(self.template, self.data_dir, dirs_exist_ok=True)
        env = {**_clean_env(), **_quiet_env(self.data_dir)}
        argv = [
            str(self.command), "start", "--no-browser",
            "--internal-host", "127.0.0.1", "--port", str(self.port),
            "--data-dir", str(self.data_dir),
            "--username", self.username, "--password", self.password,
            "--user-token", self.token, "--enable-legacy-api-token",
        ]
        began = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            cwd=self.data_dir, env=env, preexec_fn=_die_with_parent)
        while time.monotonic() - began < START_TIMEOUT_S:
            if self.process.poll() is not None:
                raise RuntimeError(f"label-studio exited with status {self.process.returncode} on start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=5) as response:
                    if response.status == 200:
                        self.start_seconds = time.monotonic() - began
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(1)
        raise RuntimeError(f"label-studio did not answer /health within {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """End the server's whole process group: SIGTERM, then SIGKILL after 20 s."""
        if self.process is None:
            return
        for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            deadline = time.monotonic() + grace
            while self.group_alive() and time.monotonic() < deadline:
                time.sleep(0.2)
            if not self.group_alive():
                break

    def group_alive(self) -> bool:
        if self.process is None:
            return False
        if self.process.poll() is None:
            return True
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def accepts_connections(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2):
                return True
        except OSError:
            return False

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def __enter__(self) -> "LabelStudioServer":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    def api(self) -> "LabelStudioAPI":
        return LabelStudioAPI(self.url, self.token)


class LabelStudioAPI:
    """The REST calls an annotator's browser makes, with the user's legacy API token."""

    def __init__(self, url: str, token: str):
        self.url = url
        self.token = token

    def _request(self, method: str, path: str, body: Optional[bytes] = None, content_type: str = "application/json") -> bytes:
        headers = {"Authorization": f"Token {self.token}"}
        if body is not None:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: HTTP {exc.code}: {exc.read()[:2000]!r}") from None

    def call(self, method: str, path: str, payload: Any = None) -> Any:
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        raw = self._request(method, path, body)
        return json.loads(raw) if raw else None

    def create_project(self, title: str, label_config: str) -> dict[str, Any]:
        return self.call("POST", "/api/projects", {"title": title, "label_config": label_config})

    def upload_tasks(self, project_id: int, path: Path) -> dict[str, Any]:
        """Import a tasks file as the *Import* dialog does (a multipart file upload)."""
        boundary = uuid.uuid4().hex
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/json\r\n\r\n"
        ).encode("utf-8") + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode("utf-8")
        raw = self._request("POST", f"/api/projects/{project_id}/import", body, f"multipart/form-data; boundary={boundary}")
        return json.loads(raw)

    def task_ids(self, project_id: int) -> list[int]:
        ids, page = [], 1
        while True:
            listing = self.call("GET", f"/api/tasks?project={project_id}&page={page}&page_size=100")
            ids.extend(task["id"] for task in listing["tasks"])
            if len(ids) >= listing["total"] or not listing["tasks"]:
                return ids
            page += 1

    def task(self, task_id: int) -> dict[str, Any]:
        return self.call("GET", f"/api/tasks/{task_id}")

    def submit(self, task_id: int, result: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
        return self.call("POST", f"/api/tasks/{task_id}/annotations", {"result": result, **fields})

    def update_annotation(self, annotation_id: int, result: list[dict[str, Any]]) -> dict[str, Any]:
        return self.call("PATCH", f"/api/annotations/{annotation_id}", {"result": result})

    def export_json(self, project_id: int, all_tasks: bool = False) -> bytes:
        """*Export → JSON* in the project's page: the annotated tasks (all with ``all_tasks``),
        predictions by id."""
        query = "exportType=JSON" + ("&download_all_tasks=true" if all_tasks else "")
        return self._request("GET", f"/api/projects/{project_id}/export?{query}")

    def export_snapshot(self, project_id: int) -> bytes:
        """A snapshot export (``/api/projects/ID/exports``) of every task, asked for the
        predictions in full."""
        options = {"predictions": {"only_id": False}}
        snapshot = self.call("POST", f"/api/projects/{project_id}/exports", {"title": "extractor test", "serialization_options": options})
        deadline = time.monotonic() + 300
        while snapshot["status"] not in ("completed", "failed") and time.monotonic() < deadline:
            time.sleep(0.5)
            snapshot = self.call("GET", f"/api/projects/{project_id}/exports/{snapshot['id']}")
        assert snapshot["status"] == "completed", snapshot
        return self._request("GET", f"/api/projects/{project_id}/exports/{snapshot['id']}/download?exportType=JSON")
