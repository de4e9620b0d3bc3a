"""What the probe scripts share: the articles a probe names, read from the corpora in ``../shared``
(never a document of the frozen test set), and a surface string resolved to its offsets."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "data" / "indosum" / "articles.jsonl", ROOT.parent / "shared" / "data" / "web" / "articles.jsonl"]
FROZEN = ROOT / "data" / "annotations" / "test"


def read_articles(ids: set[str], corpora: list[Path] = CORPORA) -> dict[str, dict]:
    """``{id: {"id", "text", "published"}}`` for every id, or an exit naming what is wrong: an id of
    the frozen test set (nobody reads the extractor's errors on it) or one no corpus holds."""
    frozen = {path.stem for path in FROZEN.glob("*.json")} if FROZEN.is_dir() else set()
    if ids & frozen:
        raise SystemExit(f"probe names frozen test documents: {sorted(ids & frozen)}")
    articles: dict[str, dict] = {}
    for corpus in corpora:
        if len(articles) == len(ids):
            break
        with open(corpus, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    article = json.loads(line)
                    if article["id"] in ids:
                        articles[article["id"]] = {"id": article["id"], "text": article["text"], "published": article.get("published")}
    missing = ids - set(articles)
    if missing:
        raise SystemExit(f"probe articles not found in {', '.join(map(str, corpora))}: {sorted(missing)}")
    return articles


def resolve(text: str, ref, where: str) -> tuple[int, int]:
    """The offsets of a surface (``"surface"``, or ``["surface", N]`` for its N-th occurrence)."""
    surface, nth = (ref, 1) if isinstance(ref, str) else (ref[0], int(ref[1]))
    start = -1
    for _ in range(nth):
        start = text.find(surface, start + 1)
        if start < 0:
            raise SystemExit(f"{where}: {surface!r} (occurrence {nth}) not in the text")
    return start, start + len(surface)
