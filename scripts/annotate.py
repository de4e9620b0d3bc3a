"""Build gold annotation files from compact sources, computing every offset with code.

A compact source ``data/annotations/src/<doc_id>.json`` holds the records of one article with
span references instead of offsets. It names its text with ``"raw": "data/raw/<file>.txt"`` or
``"jsonl": "<path to articles.jsonl>"`` (the record whose ``id`` is ``doc_id``).

A span reference is one of:

- ``"surface"``: the surface string, which must occur exactly once in the text;
- ``["surface", N]``: its N-th occurrence (1-based);
- ``["surface", "anchor"]``: the single occurrence of ``surface`` inside the single occurrence
  of the context string ``anchor``;
- ``["surface", "*"]`` (mentions lists only): every occurrence.

Occurrences are counted on word boundaries: a surface starting or ending with a letter or digit
does not match inside a longer word (``RI`` does not match in ``RIAU``). Within one record,
a mention contained in another mention of the same record is dropped. Any reference that is
missing, ambiguous or out of range stops the build with an error naming the document and record.

Usage: ``python scripts/annotate.py [--check] [--jsonl PATH] [--gold-dir DIR] [DOC_ID ...]`` (all
sources of ``DIR/src`` when none given; ``--jsonl`` overrides the articles file the sources name);
writes ``DIR/<doc_id>.json`` (default ``data/annotations``) and validates it with ``DocumentRecords``.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

from extractor.records import RECORD_TYPES, DocumentRecords

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "data" / "annotations"


class AnnotationError(ValueError):
    pass


def read_raw_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return text[1:] if text.startswith("\ufeff") else text


@lru_cache(maxsize=4)
def _jsonl_texts(path: str) -> dict[str, str]:
    texts = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                obj = json.loads(line)
                texts[obj["id"]] = obj["text"]
    return texts


def document_text(source: dict, jsonl: str | None = None) -> str:
    if "raw" in source:
        return read_raw_text(REPO / source["raw"])
    jsonl = jsonl or str(REPO / source["jsonl"])  # sources name the corpus relative to the repo
    texts = _jsonl_texts(jsonl)
    if source["doc_id"] not in texts:
        raise AnnotationError(f"{source['doc_id']}: not found in {jsonl}")
    return texts[source["doc_id"]]


def occurrences(text: str, surface: str, lo: int = 0, hi: int | None = None) -> list[int]:
    if not surface:
        raise AnnotationError("empty surface string")
    hi = len(text) if hi is None else hi
    found = []
    i = text.find(surface, lo, hi)
    while i != -1:
        end = i + len(surface)
        left_ok = not surface[0].isalnum() or i == 0 or not text[i - 1].isalnum()
        right_ok = not surface[-1].isalnum() or end == len(text) or not text[end].isalnum()
        if left_ok and right_ok:
            found.append(i)
        i = text.find(surface, i + 1, hi)
    return found


def resolve(text: str, ref, where: str, allow_all: bool = False) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of a span reference (a list only for ``"*"``)."""
    if isinstance(ref, str):
        surface, selector = ref, None
    elif isinstance(ref, list) and len(ref) == 2:
        surface, selector = ref
    else:
        raise AnnotationError(f"{where}: malformed span reference {ref!r}")
    if selector == "*":
        if not allow_all:
            raise AnnotationError(f"{where}: '*' is only allowed in mentions")
        hits = occurrences(text, surface)
        if not hits:
            raise AnnotationError(f"{where}: {surface!r} not found")
        return [(i, i + len(surface)) for i in hits]
    if isinstance(selector, str):
        anchors = occurrences(text, selector)
        if len(anchors) != 1:
            raise AnnotationError(f"{where}: anchor {selector!r} occurs {len(anchors)} times, need 1")
        hits = occurrences(text, surface, anchors[0], anchors[0] + len(selector))
        if len(hits) != 1:
            raise AnnotationError(f"{where}: {surface!r} occurs {len(hits)} times in anchor {selector!r}")
    else:
        hits = occurrences(text, surface)
        if not hits:
            raise AnnotationError(f"{where}: {surface!r} not found in the text")
        if selector is None:
            if len(hits) != 1:
                raise AnnotationError(
                    f"{where}: {surface!r} occurs {len(hits)} times; give an occurrence number or an anchor"
                )
        else:
            if not isinstance(selector, int) or not 1 <= selector <= len(hits):
                raise AnnotationError(f"{where}: {surface!r} has {len(hits)} occurrences, asked for {selector!r}")
            hits = [hits[selector - 1]]
    return [(hits[0], hits[0] + len(surface))]


def span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def resolve_mentions(text: str, refs: list, where: str) -> list[dict]:
    if not refs:
        raise AnnotationError(f"{where}: no mentions")
    offsets = set()
    for j, ref in enumerate(refs):
        offsets.update(resolve(text, ref, f"{where}.mentions[{j}]", allow_all=True))
    kept = [
        (s, e)
        for s, e in offsets
        if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in offsets)
    ]
    return [span(text, s, e) for s, e in sorted(kept)]


def build(source: dict, jsonl: str | None = None) -> tuple[dict, str]:
    doc_id = source["doc_id"]
    text = document_text(source, jsonl)
    gold = {"doc_id": doc_id, "published": source.get("published")}
    for kind in RECORD_TYPES:
        records = []
        for i, record in enumerate(source.get(kind, [])):
            where = f"{doc_id}: {kind}[{i}]"
            record = dict(record)
            if kind in ("dates", "figures"):
                ((start, end),) = resolve(text, record.pop("span"), where)
                record = {**span(text, start, end), **record}
            else:
                record["mentions"] = resolve_mentions(text, record["mentions"], where)
            records.append(record)
        if kind in ("dates", "figures"):
            records.sort(key=lambda r: r["start"])
        gold[kind] = records
    return gold, text


def validate(gold: dict, text: str) -> DocumentRecords:
    try:
        return DocumentRecords.model_validate(gold, context={"text": text})
    except ValueError as exc:
        raise AnnotationError(f"{gold['doc_id']}: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("doc_ids", nargs="*", help="documents to build (default: every source)")
    parser.add_argument(
        "--check", action="store_true", help="validate, and fail where a gold file differs from its source; write nothing"
    )
    parser.add_argument("--jsonl", help="articles JSONL to read instead of the path each source names")
    parser.add_argument("--gold-dir", type=Path, default=GOLD, help=f"where gold files go (default {GOLD.relative_to(REPO)})")
    parser.add_argument("--sources", type=Path, help="folder of compact sources (default: GOLD_DIR/src)")
    args = parser.parse_args(argv)
    gold_dir = args.gold_dir
    sources = args.sources or gold_dir / "src"
    paths = [sources / f"{d}.json" for d in args.doc_ids] or sorted(sources.glob("*.json"))
    failed = 0
    for path in paths:
        source = json.loads(path.read_text(encoding="utf-8"))
        try:
            gold, text = build(source, args.jsonl)
            validated = validate(gold, text)
        except AnnotationError as exc:
            print(f"ERROR {exc}", file=sys.stderr)
            failed += 1
            continue
        counts = " ".join(f"{k}={len(getattr(validated, k))}" for k in RECORD_TYPES)
        out = gold_dir / f"{source['doc_id']}.json"
        rendered = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != rendered:
                print(f"ERROR {source['doc_id']}: {out.name} is missing or differs from its source", file=sys.stderr)
                failed += 1
                continue
        else:
            out.write_text(rendered, encoding="utf-8")
        print(f"{source['doc_id']}: {counts}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
