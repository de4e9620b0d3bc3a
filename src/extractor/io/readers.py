"""Read articles from folders, files and globs of ``.txt``, ``.json`` and ``.jsonl``.

Texts are decoded as strict UTF-8 with a leading BOM removed and nothing else touched (no
newline translation), so that offsets index the text exactly as it is on disk. Every bad input
becomes an :class:`InputError` naming the file (and line) and the reason, and reading goes on
with the rest: :func:`read_inputs` yields ``Article | InputError`` in input order.

Decisions:
- ``max_bytes`` limits one article's input: a ``.txt`` file, one ``.jsonl`` line, or a ``.json``
  file (parsed whole).
- A JSON record without ``id`` gets ``<file stem>`` (single object), ``<stem>-<item>`` (list,
  1-based) or ``<stem>-<line>`` (``.jsonl``). A non-string ``id`` is converted with ``str``.
- A ``doc_id`` seen before is an error for the later occurrence, which is skipped: outputs and
  gold files are keyed by ``doc_id``.
- A text holding a surrogate, a control character or a noncharacter is refused
  (:mod:`extractor.io.text_check`): the error names the character, its offset in the text and its
  line (for a ``.txt`` file, also the error's ``line``).
- An empty file is an error; a JSON record with ``"text": ""`` is an article (with no records).
- Inside folders (recursive, sorted), only ``.txt``/``.json``/``.jsonl`` files are read and hidden
  entries are skipped; a file named explicitly with another extension is an error.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from ..document import Article, parse_published
from .text_check import InvalidTextError, first_refused

SUFFIXES = (".txt", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_BOM = "\ufeff"
_GLOB_CHARS = set("*?[")
_KNOWN_FIELDS = {"id", "text", "published", "title", "url", "source"}


@dataclass(frozen=True)
class InputError:
    """An input that could not be read as an article."""

    file: str
    line: Optional[int]
    reason: str
    doc_id: Optional[str] = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Input = Union[Article, InputError]


def read_inputs(
    paths: Iterable[Union[str, os.PathLike]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    published: Optional[dt.date] = None,
    exclude: Iterable[Union[str, os.PathLike]] = (),
) -> Iterator[Input]:
    """Articles and input errors from ``paths`` (folders, files, glob patterns), in input order.

    ``published`` is the date given to articles whose input has none; files in ``exclude`` (the
    run's own output files, say) are never read from folders or globs.
    """
    excluded = {_identity(Path(p)) for p in exclude}
    seen_ids: dict[str, str] = {}
    for raw_path in paths:
        for item in _expand(str(raw_path), excluded):
            if isinstance(item, InputError):
                yield item
                continue
            for result in read_file(item, max_bytes=max_bytes, published=published):
                if isinstance(result, Article):
                    first = seen_ids.get(result.doc_id)
                    if first is not None:
                        yield InputError(
                            str(item),
                            _line_of(result.origin, str(item)),
                            f"duplicate id {result.doc_id!r} (first read from {first}); skipped",
                            result.doc_id,
                        )
                        continue
                    seen_ids[result.doc_id] = result.origin or str(item)
                yield result


def _line_of(origin: Optional[str], file: str) -> Optional[int]:
    tail = origin[len(file) + 1 :] if origin and origin.startswith(file + ":") else ""
    return int(tail) if tail.isdigit() else None


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _expand(raw_path: str, excluded: set[str]) -> Iterator[Union[Path, InputError]]:
    """The files a command-line path stands for, in a stable order."""
    path = Path(raw_path)
    if path.is_dir():
        yield from _walk(path, excluded)
        return
    if path.exists() or path.is_symlink():
        if path.suffix.lower() not in SUFFIXES:
            yield InputError(raw_path, None, f"unsupported file type {path.suffix or '(none)'!r}: expected .txt, .json or .jsonl")
        else:
            yield path
        return
    if _GLOB_CHARS & set(raw_path):
        matches = sorted(glob.glob(raw_path, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file() and Path(m).suffix.lower() in SUFFIXES]
        dirs = [Path(m) for m in matches if Path(m).is_dir()]
        if not files and not dirs:
            yield InputError(raw_path, None, "no .txt, .json or .jsonl file matches this pattern")
            return
        for match in sorted(files + dirs):
            if match.is_dir():
                yield from _walk(match, excluded)
            elif _identity(match) not in excluded:
                yield match
        return
    yield InputError(raw_path, None, "no such file or directory")


def _walk(folder: Path, excluded: set[str]) -> Iterator[Union[Path, InputError]]:
    problems: list[OSError] = []
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                found.append(Path(root) / name)
    for problem in problems:
        yield InputError(str(problem.filename or folder), None, f"cannot read folder: {problem.strerror or problem}")
    found = [p for p in found if _identity(p) not in excluded]
    if not found and not problems:
        yield InputError(str(folder), None, "folder holds no .txt, .json or .jsonl file")
    yield from sorted(found)


def read_file(path: Union[str, os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES, published: Optional[dt.date] = None) -> Iterator[Input]:
    """The articles (or errors) of one ``.txt``, ``.json`` or ``.jsonl`` file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes, published)
        return
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    text = _decode(data, str(path), None)
    if isinstance(text, InputError):
        yield text
        return
    if suffix == ".txt":
        offset = first_refused(text)
        if offset is not None:
            yield InputError(str(path), text.count("\n", 0, offset) + 1, refusal_reason(text, offset), path.stem)
            return
        yield Article(doc_id=path.stem, text=text, published=published, origin=str(path))
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputError(str(path), error.lineno, f"malformed JSON: {error.msg} (column {error.colno})")
        return
    if isinstance(obj, list):
        if not obj:
            yield InputError(str(path), None, "JSON list holds no record")
        for index, item in enumerate(obj, start=1):
            yield article_from_object(item, str(path), None, f"{path.stem}-{index}", published, f"item {index}: ")
    else:
        yield article_from_object(obj, str(path), None, path.stem, published, "")


def _read_bytes(path: Path, max_bytes: int) -> Union[bytes, InputError]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(str(path), None, f"file is {size} bytes, over the limit of {max_bytes} (--max-bytes)")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return InputError(str(path), None, f"cannot read file: {error.strerror or error}")
    if len(data) > max_bytes:
        return InputError(str(path), None, f"file is over the limit of {max_bytes} bytes (--max-bytes)")
    if not data.strip():
        return InputError(str(path), None, "empty file")
    return data


def _decode(data: bytes, file: str, line: Optional[int]) -> Union[str, InputError]:
    if b"\x00" in data:
        return InputError(file, line, "binary data (NUL bytes): not a UTF-8 text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = line if line is not None else data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        return InputError(file, where, f"not valid UTF-8: byte 0x{byte} at byte offset {error.start}")
    return text[1:] if text.startswith(_BOM) else text


def _read_jsonl(path: Path, max_bytes: int, published: Optional[dt.date]) -> Iterator[Input]:
    file = str(path)
    try:
        handle = open(path, "rb")
    except OSError as error:
        yield InputError(file, None, f"cannot read file: {error.strerror or error}")
        return
    records = 0
    with handle:
        line_number = 0
        while True:
            try:
                raw = handle.readline(max_bytes + 1)
            except OSError as error:
                yield InputError(file, line_number + 1, f"cannot read file: {error.strerror or error}")
                return
            if not raw:
                break
            line_number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                # Skip the rest of the oversized line without holding it in memory.
                while raw and not raw.endswith(b"\n"):
                    raw = handle.readline(1 << 20)
                yield InputError(file, line_number, f"line is over the limit of {max_bytes} bytes (--max-bytes)")
                records += 1
                continue
            if not raw.strip():
                continue
            records += 1
            line = _decode(raw, file, line_number)
            if isinstance(line, InputError):
                yield line
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as error:
                yield InputError(file, line_number, f"malformed JSON: {error.msg} (column {error.colno})")
                continue
            yield article_from_object(obj, file, line_number, f"{path.stem}-{line_number}", published, "")
    if records == 0:
        yield InputError(file, None, "empty file")


def refusal_reason(text: str, offset: int) -> str:
    """Why a text is refused: its first refused character, offset and line within the text."""
    line = text.count("\n", 0, offset) + 1
    return f"text refused: {InvalidTextError(offset, text[offset]).describe()} (line {line} of the text)"


def article_from_object(
    obj: Any,
    file: str,
    line: Optional[int],
    default_id: str,
    published: Optional[dt.date] = None,
    prefix: str = "",
) -> Input:
    """An article from a JSON object (``id``, ``text``, optional ``published``/``title``/``url``/``source``)."""
    if not isinstance(obj, dict):
        return InputError(file, line, f"{prefix}expected a JSON object, got {type(obj).__name__}")
    raw_id = obj.get("id")
    doc_id = default_id if raw_id is None or raw_id == "" else str(raw_id)
    if "text" not in obj:
        return InputError(file, line, f"{prefix}record has no `text`", doc_id)
    text = obj["text"]
    if not isinstance(text, str):
        return InputError(file, line, f"{prefix}`text` is {type(text).__name__}, not a string", doc_id)
    if text.startswith(_BOM):
        text = text[1:]
    offset = first_refused(text)
    if offset is not None:
        return InputError(file, line, prefix + refusal_reason(text, offset), doc_id)
    try:
        article_published = parse_published(obj.get("published")) or published
    except ValueError as error:
        return InputError(file, line, f"{prefix}bad `published`: {error}", doc_id)
    fields = {}
    for name in ("title", "url", "source"):
        value = obj.get(name)
        fields[name] = value if isinstance(value, str) else None
    return Article(
        doc_id=doc_id,
        text=text,
        published=article_published,
        origin=f"{file}:{line}" if line is not None else file,
        extra={key: value for key, value in obj.items() if key not in _KNOWN_FIELDS},
        **fields,
    )
