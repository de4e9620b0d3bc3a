"""Read articles from folders, files and globs of ``.txt``, ``.json`` and ``.jsonl``.

Files are decoded as strict UTF-8 with a leading BOM removed (an encoding mark of the file, not
text) and nothing else touched (no newline translation), so that offsets index the text exactly
as it is on disk. A string the caller passes (a JSON ``text`` field, the library's arguments) is
the text as it is: a BOM inside it is a character of the text and is kept. Every bad input
becomes an :class:`InputError` naming the file (and line) and the reason, and reading goes on
with the rest: :func:`read_inputs` yields ``Article | InputError`` in input order.

Decisions:
- ``max_bytes`` limits one article's input: a ``.txt`` file, one ``.jsonl`` line, or a ``.json``
  file (parsed whole).
- A JSON record without ``id`` gets ``<file stem>`` (single object), ``<stem>-<item>`` (list,
  1-based) or ``<stem>-<line>`` (``.jsonl``). An integer ``id`` is converted with ``str``; any
  other non-string ``id``, ``title``, ``url`` or ``source``, or one holding a lone surrogate
  (a ``\\ud800`` escape), is an error for that record.
- A ``doc_id`` seen before is an error for the later occurrence, which is skipped: outputs and
  gold files are keyed by ``doc_id``.
- An empty or whitespace-only ``.txt`` file and a JSON record whose ``text`` is empty or
  whitespace are the same error (:data:`EMPTY_TEXT`); an empty ``.json``/``.jsonl`` is "empty file".
- Inside folders (recursive, sorted, hidden entries left out) ``.txt``/``.json``/``.jsonl`` files
  are read; any other file is a :class:`SkippedFile` entry (``unsupported file type``), and a
  file named explicitly with another extension is an error. Folders are walked without opening
  anything (:func:`walk_folder`): FIFOs, sockets, devices, symlink loops and vanished files are
  error entries, never read or waited on.
- A text holding a surrogate, a control character or a noncharacter is refused
  (:mod:`extractor.io.text_check`): the error names the character, its offset in the text and its
  line (for a ``.txt`` file, also the error's ``line``).
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import json
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

from ..document import Article, parse_published
from .seen_ids import SeenIds
from .text_check import InvalidTextError, first_refused

SUFFIXES = (".txt", ".json", ".jsonl", ".parquet")  # Parquet needs pyarrow (the ray extra)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_BOM = "\ufeff"
EMPTY_TEXT = "empty text: nothing to extract"
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
    return read_expanded(expand_inputs(paths, exclude), max_bytes=max_bytes, published=published)


def read_expanded(
    entries: Iterable[Union[Path, InputError]], max_bytes: int = DEFAULT_MAX_BYTES, published: Optional[dt.date] = None
) -> Iterator[Input]:
    """Articles and input errors from the entries of :func:`expand_inputs`, in order."""
    with SeenIds() as seen_ids:  # every id of the run, in constant memory
        for item in entries:
            if isinstance(item, InputError):
                yield item
                continue
            for result in read_file(item, max_bytes=max_bytes, published=published):
                if isinstance(result, Article):
                    first = seen_ids.first_origin(result.doc_id, result.origin or str(item))
                    if first is not None:
                        yield InputError(
                            str(item),
                            _line_of(result.origin, str(item)),
                            f"duplicate id {result.doc_id!r} (first read from {first}); skipped",
                            result.doc_id,
                        )
                        continue
                yield result


def expand_inputs(
    paths: Iterable[Union[str, os.PathLike]], exclude: Iterable[Union[str, os.PathLike]] = ()
) -> list[Union[Path, InputError]]:
    """The files the command-line ``paths`` stand for (and errors for what cannot be read), in
    input order. Never raises and never opens anything: see :func:`walk_folder`."""
    excluded = {_identity(Path(p)) for p in exclude}
    entries: list[Union[Path, InputError]] = []
    for raw_path in paths:
        entries.extend(_expand(str(raw_path), excluded))
    return entries


def _line_of(origin: Optional[str], file: str) -> Optional[int]:
    tail = origin[len(file) + 1 :] if origin and origin.startswith(file + ":") else ""
    return int(tail) if tail.isdigit() else None


def _identity(path: Path) -> str:
    return os.path.realpath(path)  # unlike Path.resolve(), never raises (symlink loops included)


def _not_regular(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _regular_file_problem(path: Path) -> Optional[str]:
    """Why ``path`` (links followed) cannot be read as an article file, or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        if error.errno == errno.ENOENT and os.path.islink(path):
            return "cannot read file: broken symbolic link"
        return f"cannot read file: {error.strerror or error}"
    if not stat.S_ISREG(mode):
        return f"{_not_regular(mode)}, not a regular file; skipped"
    return None


def _expand(raw_path: str, excluded: set[str]) -> Iterator[Union[Path, InputError]]:
    """The files a command-line path stands for, in a stable order."""
    path = Path(raw_path)
    if path.is_dir():
        yield from walk_folder(path, excluded)
        return
    if os.path.lexists(path):
        if path.suffix.lower() not in SUFFIXES:
            yield InputError(raw_path, None, f"unsupported file type {path.suffix or '(none)'!r}: expected .txt, .json, .jsonl or .parquet")
            return
        problem = _regular_file_problem(path)
        yield InputError(raw_path, None, problem) if problem else path
        return
    if _GLOB_CHARS & set(raw_path):
        matches = sorted(glob.glob(raw_path, recursive=True))
        files = [Path(m) for m in matches if not Path(m).is_dir() and Path(m).suffix.lower() in SUFFIXES]
        dirs = [Path(m) for m in matches if Path(m).is_dir()]
        if not files and not dirs:
            yield InputError(raw_path, None, "no .txt, .json, .jsonl or .parquet file matches this pattern")
            return
        for match in sorted(files + dirs):
            if match.is_dir():
                yield from walk_folder(match, excluded)
            elif _identity(match) not in excluded:
                problem = _regular_file_problem(match)
                yield InputError(str(match), None, problem) if problem else match
        return
    yield InputError(raw_path, None, "no such file or directory")


class SkippedFile(InputError):
    """A file in a folder that is not an article file (``.docx``, ``.pdf``): named, not read."""


def walk_folder(folder: Path, excluded: set[str] = frozenset()) -> Iterator[Union[Path, InputError]]:
    """Files under ``folder`` (recursive, sorted, hidden entries left out), as paths to read or
    errors. Uses ``lstat`` and never opens a file: FIFOs, sockets, devices, symlink loops,
    broken links and entries that vanish meanwhile become error entries; a symlinked folder is
    followed once (a folder already visited is not walked again)."""
    found: list[Union[Path, InputError]] = []
    visited: set[tuple[int, int]] = set()
    any_article_file = False

    def visit(directory: Path) -> None:
        nonlocal any_article_file
        try:
            info = os.stat(directory)
        except OSError as error:
            found.append(InputError(str(directory), None, f"cannot read folder: {error.strerror or error}"))
            return
        key = (info.st_dev, info.st_ino)
        if key in visited:
            found.append(InputError(str(directory), None, "folder already read (symbolic link loop); skipped"))
            return
        visited.add(key)
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            found.append(InputError(str(directory), None, f"cannot read folder: {error.strerror or error}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(directory) / entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                visit(path)  # in name order, as if every path of the tree were sorted
                continue
            if _identity(path) in excluded:  # the run's own outputs (a CSV folder, an errors file)
                continue
            problem = _regular_file_problem(path)
            if path.suffix.lower() not in SUFFIXES:
                found.append(SkippedFile(str(path), None, problem or f"unsupported file type {path.suffix or '(none)'!r}"))
                continue
            any_article_file = True
            found.append(InputError(str(path), None, problem) if problem else path)

    visit(folder)
    if not any_article_file and not any(type(item) is InputError for item in found):
        found.append(InputError(str(folder), None, "folder holds no .txt, .json, .jsonl or .parquet file"))
    return iter(found)


def read_file(path: Union[str, os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES, published: Optional[dt.date] = None) -> Iterator[Input]:
    """The articles (or errors) of one ``.txt``, ``.json`` or ``.jsonl`` file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes, published)
        return
    if suffix == ".parquet":
        from .parquet import read_parquet

        yield from read_parquet(path, max_bytes, published)
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
        if not text.strip():
            yield InputError(str(path), None, EMPTY_TEXT)
            return
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


def _open_regular(path: Path) -> Union[BinaryIO, InputError]:
    """``path`` opened for reading, only if it is a regular file. ``O_NONBLOCK`` makes opening a
    FIFO (a file replaced by one since it was listed) return at once instead of waiting for a
    writer; the type is then checked on the open descriptor."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return InputError(str(path), None, "symbolic link loop")
        return InputError(str(path), None, f"cannot read file: {error.strerror or error}")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        return InputError(str(path), None, f"{_not_regular(mode)}, not a regular file; skipped")
    return os.fdopen(fd, "rb")


def _read_bytes(path: Path, max_bytes: int) -> Union[bytes, InputError]:
    handle = _open_regular(path)
    if isinstance(handle, InputError):
        return handle
    try:
        with handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return InputError(str(path), None, f"file is {size} bytes, over the limit of {max_bytes} (--max-bytes)")
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return InputError(str(path), None, f"cannot read file: {error.strerror or error}")
    if len(data) > max_bytes:
        return InputError(str(path), None, f"file is over the limit of {max_bytes} bytes (--max-bytes)")
    if not data.strip():
        return InputError(str(path), None, EMPTY_TEXT if path.suffix.lower() == ".txt" else "empty file")
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
    handle = _open_regular(path)
    if isinstance(handle, InputError):
        yield handle
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
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        return InputError(file, line, f"{prefix}`id` is {type(raw_id).__name__}: expected a string or an integer")
    doc_id = default_id if raw_id is None or raw_id == "" else str(raw_id)
    if _has_surrogate(doc_id):
        return InputError(file, line, f"{prefix}`id` {_escaped(doc_id)} holds a lone surrogate: not valid Unicode text", doc_id)
    if "text" not in obj:
        return InputError(file, line, f"{prefix}record has no `text`", doc_id)
    text = obj["text"]
    if not isinstance(text, str):
        return InputError(file, line, f"{prefix}`text` is {type(text).__name__}, not a string", doc_id)
    if not text.strip():
        return InputError(file, line, f"{prefix}{EMPTY_TEXT}", doc_id)
    offset = first_refused(text)
    if offset is not None:
        return InputError(file, line, prefix + refusal_reason(text, offset), doc_id)
    try:
        article_published = parse_published(obj.get("published")) or published
    except ValueError as error:
        return InputError(file, line, f"{prefix}bad `published`: {_escaped(str(error))}", doc_id)
    fields = {}
    for name in ("title", "url", "source"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            return InputError(file, line, f"{prefix}`{name}` is {type(value).__name__}, not a string", doc_id)
        if value is not None and _has_surrogate(value):
            return InputError(file, line, f"{prefix}`{name}` holds a lone surrogate: not valid Unicode text", doc_id)
        fields[name] = value
    return Article(
        doc_id=doc_id,
        text=text,
        published=article_published,
        origin=f"{file}:{line}" if line is not None else file,
        extra={key: value for key, value in obj.items() if key not in _KNOWN_FIELDS},
        **fields,
    )


def _has_surrogate(value: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in value)


def _escaped(value: str) -> str:
    """``repr`` with what a terminal or UTF-8 file cannot take shown as escapes."""
    return ascii(value) if _has_surrogate(value) else repr(value)
