"""Where training data lives and where trained models go."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SHARED_DATA_ENV = "EXTRACTOR_SHARED_DATA"
PACKAGE_MODEL_DIR = Path(__file__).resolve().parent.parent / "models"


def shared_data_dir(explicit: str | Path | None = None) -> Path:
    """`--data`, else $EXTRACTOR_SHARED_DATA, else ../shared/data from the cwd or the repository."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(SHARED_DATA_ENV)
    if from_env:
        return Path(from_env)
    candidates = [Path.cwd() / ".." / "shared" / "data"]
    repo_root = Path(__file__).resolve().parents[3]
    candidates.append(repo_root / ".." / "shared" / "data")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    return candidates[0]


def git_commit(repo_dir: Path | None = None) -> str:
    """The repository's HEAD commit, or "unknown" outside a git checkout."""
    directory = repo_dir or Path(__file__).resolve().parents[3]
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=directory, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()
