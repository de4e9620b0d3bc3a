"""Load raw articles, gold files and stored predictions, with errors that name file, record and field.

Raw articles are read by the extractor's reader (UTF-8, a leading BOM removed, no newline
translation), so gold offsets and prediction offsets index the same string.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

from pydantic import ValidationError

from ..document import Article
from ..io.filenames import document_path, safe_stem
from ..io.readers import InputError, read_inputs
from ..io.writers import atomic_writer
from ..record_types import record_type_names
from ..records import DocumentRecords

PathLike = Union[str, Path]


class GoldError(ValueError):
    """One or more problems in gold, raw or prediction files; ``problems`` lists them one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_text(path: PathLike) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return text[1:] if text.startswith("\ufeff") else text


def raw_sources(raw: Union[PathLike, Sequence[PathLike]]) -> list[PathLike]:
    """``raw`` as a list of paths (one path or several)."""
    return [raw] if isinstance(raw, (str, Path)) else list(raw)


def load_raw_documents(raw: Union[PathLike, Sequence[PathLike]], doc_ids: Optional[Iterable[str]] = None) -> dict[str, Article]:
    """Articles from folders of ``.txt``/``.json``/``.jsonl`` files or from such files, read
    by the extractor's own reader (:func:`extractor.io.readers.read_inputs`).

    With ``doc_ids`` only those documents are kept (missing ones are simply absent) and inputs
    that cannot be read are errors only when they name a wanted document; without, any unreadable
    input is an error.
    """
    sources = raw_sources(raw)
    missing = [f"{source}: no such file or directory" for source in sources if not Path(source).exists()]
    if missing:
        raise GoldError(missing)
    wanted = set(doc_ids) if doc_ids is not None else None
    articles: dict[str, Article] = {}
    problems: list[str] = []
    for item in read_inputs(sources):
        if isinstance(item, InputError):
            if wanted is None or item.doc_id in wanted:
                problems.append(str(item))
        elif wanted is None or item.doc_id in wanted:
            articles[item.doc_id] = item
    if problems:
        raise GoldError(problems)
    return articles


def _location(loc: tuple[Any, ...]) -> str:
    """Pydantic's error location as ``dates[3].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "<document>"


def validation_problems(obj: Any, where: str, text: Optional[str] = None) -> tuple[Optional[DocumentRecords], list[str]]:
    """Validate one ``DocumentRecords`` object; problems are prefixed with ``where``."""
    try:
        records = DocumentRecords.model_validate(obj)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = _location(tuple(err["loc"]))
            if len(err["loc"]) == 2 and err["loc"][0] in ("dates", "figures") and err["msg"].startswith("Value error, span"):
                loc += ".span"  # the span checks of a date or figure record, as offset problems name them
            value = err.get("input")
            shown = f" (got {value!r})" if not isinstance(value, (dict, list)) else ""
            problems.append(f"{where}: {loc}: {err['msg']}{shown}")
        return None, problems
    if text is None:
        return records, []
    return records, [f"{where}: {problem}" for problem in records.offset_problems(text)]


def load_gold_file(path: PathLike, text: Optional[str]) -> DocumentRecords:
    """One gold file, validated against the article ``text`` (``None``: the text is missing)."""
    path = Path(path)
    try:
        obj = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise GoldError([f"{path}: invalid JSON: {exc}"]) from None
    except OSError as exc:
        raise GoldError([f"{path}: cannot read: {exc}"]) from None
    if not isinstance(obj, dict):
        raise GoldError([f"{path}: expected one DocumentRecords object, got {type(obj).__name__}"])
    records, problems = validation_problems(obj, str(path), text)
    if records is not None:
        if safe_stem(records.doc_id) != path.stem:
            problems.insert(0, f"{path}: doc_id: {records.doc_id!r} differs from the file name {path.stem!r}")
        if text is None:
            problems.insert(0, f"{path}: doc_id: no raw document {records.doc_id!r} in the raw input")
    if problems:
        raise GoldError(problems)
    return records


def _gold_doc_id(path: Path) -> str:
    """The ``doc_id`` a gold file declares (its file name is :func:`safe_stem` of it), else its stem."""
    try:
        obj = json.loads(read_text(path))
    except (OSError, ValueError):
        return path.stem
    doc_id = obj.get("doc_id") if isinstance(obj, dict) else None
    return doc_id if isinstance(doc_id, str) else path.stem


def load_gold(
    gold_dir: PathLike, raw: Union[PathLike, Sequence[PathLike]], without_raw: Optional[list[str]] = None
) -> tuple[dict[str, DocumentRecords], dict[str, Article]]:
    """All gold files of ``gold_dir`` (``*.json``) and their articles from ``raw``.

    Every problem in every file is collected before raising, so one run lists them all. With
    ``without_raw`` (a list), a gold file whose article is not in ``raw`` is left out and its
    doc id appended there, instead of being an error.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GoldError([f"{gold_dir}: not a directory"])
    paths = sorted(gold_dir.glob("*.json"))
    doc_ids = {path: _gold_doc_id(path) for path in paths}
    articles = load_raw_documents(raw, list(doc_ids.values()))
    gold: dict[str, DocumentRecords] = {}
    problems: list[str] = []
    for path in paths:
        doc_id = doc_ids[path]
        article = articles.get(doc_id)
        if article is None and without_raw is not None:
            without_raw.append(doc_id)
            continue
        try:
            records = load_gold_file(path, article.text if article else None)
            gold[records.doc_id] = records
        except GoldError as exc:
            problems.extend(exc.problems)
    if problems:
        raise GoldError(problems)
    return gold, {doc_id: articles[doc_id] for doc_id in gold}


def load_predictions(path: PathLike, texts: Optional[dict[str, str]] = None) -> tuple[dict[str, DocumentRecords], list[str]]:
    """Predictions from a JSONL of ``DocumentRecords``: ``(by doc_id, warnings)``.

    Schema errors raise :class:`GoldError`. Offset mismatches against ``texts`` are returned as
    warnings so a faulty span still shows up in the scores (as a false positive, usually).
    """
    path = Path(path)
    predictions: dict[str, DocumentRecords] = {}
    problems: list[str] = []
    warnings: list[str] = []
    try:
        lines = read_text(path).splitlines()
    except OSError as exc:
        raise GoldError([f"{path}: cannot read: {exc}"]) from None
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{line_no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON: {exc}")
            continue
        records, errors = validation_problems(obj, where)
        if records is None:
            problems.extend(errors)
            continue
        if records.doc_id in predictions:
            problems.append(f"{where}: doc_id: duplicate prediction for {records.doc_id!r}")
            continue
        if texts is not None and records.doc_id in texts:
            warnings.extend(f"{where}: {p}" for p in records.offset_problems(texts[records.doc_id]))
        predictions[records.doc_id] = records
    if problems:
        raise GoldError(problems)
    return predictions, warnings


def _position(record: Any) -> tuple[int, int]:
    spans = getattr(record, "mentions", None) or [record]
    return min((span.start, span.end) for span in spans)


def sorted_records(records: DocumentRecords) -> DocumentRecords:
    """A copy with every record list in text order and every record's mentions in text order."""
    changes: dict[str, Any] = {}
    for record_type in record_type_names():
        items = []
        for record in getattr(records, record_type):
            if getattr(record, "mentions", None) is not None:
                record = record.model_copy(update={"mentions": sorted(record.mentions, key=lambda s: (s.start, s.end))})
            items.append(record)
        changes[record_type] = sorted(items, key=_position)
    return records.model_copy(update=changes)


def gold_file_path(gold_dir: PathLike, doc_id: str) -> Path:
    """``<gold_dir>/<doc_id>.json``, the name sanitised (:func:`safe_stem`) and checked to stay inside."""
    return document_path(gold_dir, doc_id, ".json")


def write_gold_file(records: DocumentRecords, gold_dir: PathLike) -> Path:
    """Write ``<gold_dir>/<doc_id>.json`` (UTF-8, non-ASCII kept readable; NaN refused), atomically."""
    Path(gold_dir).mkdir(parents=True, exist_ok=True)
    path = gold_file_path(gold_dir, records.doc_id)
    data = records.model_dump(mode="json", exclude={"article"} if records.article is None else None)
    content = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    with atomic_writer(path) as handle:
        handle.write(content)
    return path
