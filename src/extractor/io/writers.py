"""Output files that never lose data, and the one serialisation of records used everywhere.

:class:`OutputFile` is one output path as the user gave it:

- ``-`` is standard output; a character device (``/dev/null``, a terminal), a FIFO with a reader,
  or an already open descriptor (``/dev/stdout``, ``/dev/fd/N``) is streamed to, never replaced;
  a directory, block device or socket is refused;
- a regular file (or a path that does not exist yet) is written to a hidden temporary file in
  its folder (``.<name>.extractor-<random>.tmp``), fsynced, and renamed over it only on
  :meth:`OutputFile.commit`. A symlink is followed: the file it points to is replaced, the link
  stays. An existing file keeps its permission bits (and owner, where allowed);
- a lock (``.<name>.lock``, ``flock``) is held from :meth:`OutputFile.prepare` to the end, so two
  runs on one output are refused instead of racing; holding it, the run removes the temporary
  files a killed run left for the same output.

:class:`OutputSet` commits several outputs together (records, errors file, stats): every file is
completely written and synced before the first rename, so a write error (disk full) leaves every
target as it was. A write error raises :class:`OutputError` naming the path the user gave.
"""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Union

from ..records import DocumentRecords

STDOUT = "-"
_TEMP_MARK = ".extractor-"
_STREAMED_PREFIXES = ("/proc/", "/dev/fd/")


def record_line(records: DocumentRecords) -> str:
    """One JSONL line (with its newline) for a document's records; deterministic."""
    return json_line(records.model_dump(mode="json"))


def json_line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def safe_json_line(obj: Any) -> str:
    """:func:`json_line`, except that a line holding what UTF-8 cannot encode (a lone surrogate
    read from a ``\\ud800`` escape) is written with JSON escapes: the line is always writable."""
    line = json_line(obj)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, ensure_ascii=True, separators=(",", ":")) + "\n"
    return line


class OutputError(Exception):
    """An output cannot be prepared or written; ``path`` is the path as the user gave it."""

    def __init__(self, path: str, reason: str, usage: bool = False):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.usage = usage  # found before any work (a usage error), not while writing


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _describe(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device (disk full or quota exceeded)"
    return error.strerror or str(error)


def _kind_of(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


class OutputFile:
    """One output: ``prepare()`` (checks, lock), ``write()``, then ``commit()`` or ``discard()``."""

    def __init__(self, path: Union[str, os.PathLike], encoding: str = "utf-8"):
        self.given = str(path)
        self.encoding = encoding
        self.streamed = False
        self.target: Optional[Path] = None  # the regular file replaced on commit
        self._handle: Optional[IO[str]] = None
        self._temporary: Optional[Path] = None
        self._lock_fd: Optional[int] = None
        self._lock_path: Optional[Path] = None
        self._mode: Optional[int] = None
        self._owner: Optional[tuple[int, int]] = None

    def __repr__(self) -> str:
        return f"OutputFile({self.given!r})"

    # -- planning ---------------------------------------------------------------------------

    def identity(self) -> str:
        """What this output writes to, for clash checks: ``stdout``, or a resolved path."""
        if self.given == STDOUT:
            return "stdout"
        return os.path.realpath(self.given)

    def inspect(self) -> None:
        """Decide how the output is written; raise a usage :class:`OutputError` if it cannot be."""
        if self.given == STDOUT:
            self.streamed = True
            return
        resolved = os.path.realpath(self.given)
        try:
            mode = os.stat(resolved).st_mode
        except (FileNotFoundError, NotADirectoryError):
            mode = None
        except OSError as error:
            raise OutputError(self.given, f"cannot use as output: {_describe(error)}", usage=True) from None
        if _names_open_descriptor(self.given):
            self.streamed = True  # an open descriptor (/dev/stdout): write through it, never rename over it
            return
        if mode is not None and not stat.S_ISREG(mode):
            if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
                self.streamed = True
                return
            raise OutputError(self.given, f"cannot write records to {_kind_of(mode)}", usage=True)
        target = Path(resolved)
        folder = target.parent
        ancestor = folder
        while not ancestor.exists():
            ancestor = ancestor.parent
        if not ancestor.is_dir():
            raise OutputError(self.given, f"cannot create a folder under {ancestor}: not a directory", usage=True)
        if not os.access(ancestor, os.W_OK | os.X_OK):
            raise OutputError(self.given, f"folder {ancestor} is not writable", usage=True)
        self.target = target
        if mode is not None:
            info = os.stat(resolved)
            self._mode = stat.S_IMODE(info.st_mode)
            self._owner = (info.st_uid, info.st_gid)

    def prepare(self) -> None:
        """Inspect, create the folder, take the lock, remove stale temporary files, open."""
        self.inspect()
        if self.streamed:
            self._handle = self._open_stream()
            return
        assert self.target is not None
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(self.given, f"cannot create folder {self.target.parent}: {_describe(error)}", usage=True) from None
        self._lock()
        for stale in self.target.parent.glob(f".{_glob_escape(self.target.name)}{_TEMP_MARK}*.tmp"):
            try:
                stale.unlink()
            except OSError:
                pass
        try:
            handle = tempfile.NamedTemporaryFile(
                "w", encoding=self.encoding, newline="", dir=self.target.parent,
                prefix=f".{self.target.name}{_TEMP_MARK}", suffix=".tmp", delete=False,
            )
        except OSError as error:
            self._unlock()
            raise OutputError(self.given, f"cannot write in {self.target.parent}: {_describe(error)}", usage=True) from None
        self._handle = handle
        self._temporary = Path(handle.name)

    def _open_stream(self) -> IO[str]:
        if self.given == STDOUT:
            return sys.stdout
        flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
        try:
            fd = os.open(self.given, flags)
        except OSError as error:
            reason = "FIFO has no reader" if error.errno == errno.ENXIO else _describe(error)
            raise OutputError(self.given, f"cannot write: {reason}", usage=True) from None
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        return io.open(fd, "w", encoding=self.encoding, newline="", closefd=True)

    def _lock(self) -> None:
        assert self.target is not None
        lock_path = self.target.parent / f".{self.target.name}.lock"
        while True:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip()
                os.close(fd)
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise OutputError(
                    self.given, f"another extractor run is writing this output{who}; wait for it or choose another -o", usage=True
                ) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(lock_path).st_ino
            except FileNotFoundError:
                same = False
            if same:  # not a lock file that its previous holder unlinked meanwhile
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._lock_fd, self._lock_path = fd, lock_path

    def _unlock(self) -> None:
        if self._lock_fd is None:
            return
        try:
            assert self._lock_path is not None
            self._lock_path.unlink()
        except OSError:
            pass
        os.close(self._lock_fd)
        self._lock_fd = None

    # -- writing ----------------------------------------------------------------------------

    def write(self, text: str) -> None:
        assert self._handle is not None, "prepare() first"
        try:
            self._handle.write(text)
        except OSError as error:
            raise OutputError(self.given, f"cannot write: {_describe(error)}") from None

    def finish(self) -> None:
        """Flush and sync everything written (where a write error shows up); no rename yet."""
        handle = self._handle
        if handle is None:
            return
        try:
            handle.flush()
            if self._temporary is not None:
                os.fsync(handle.fileno())
                handle.close()
                mode = self._mode if self._mode is not None else 0o666 & ~_current_umask()
                os.chmod(self._temporary, mode)
                if self._owner is not None and hasattr(os, "chown"):
                    try:
                        os.chown(self._temporary, *self._owner)
                    except OSError:
                        pass
            elif handle is not sys.stdout:
                handle.close()
        except OSError as error:
            raise OutputError(self.given, f"cannot write: {_describe(error)}") from None

    def commit(self) -> None:
        """Put the written file in place (rename over the target), release the lock."""
        try:
            if self._temporary is not None:
                assert self.target is not None
                os.replace(self._temporary, self.target)
                self._temporary = None
                _fsync_directory(self.target.parent)
        except OSError as error:
            raise OutputError(self.given, f"cannot write: {_describe(error)}") from None
        finally:
            self._handle = None
            self._unlock()

    def discard(self) -> None:
        """Forget what was written: the target keeps its old content; release the lock."""
        handle, self._handle = self._handle, None
        if handle is not None and handle is not sys.stdout:
            try:
                handle.close()
            except OSError:
                pass
        if self._temporary is not None:
            try:
                self._temporary.unlink()
            except FileNotFoundError:
                pass
            self._temporary = None
        self._unlock()


class OutputSet:
    """Several outputs of one run, committed together or not at all."""

    def __init__(self) -> None:
        self.outputs: list[OutputFile] = []

    def add(self, output: OutputFile) -> OutputFile:
        self.outputs.append(output)
        return output

    def prepare(self) -> None:
        try:
            for output in self.outputs:
                output.prepare()
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        try:
            for output in self.outputs:
                output.finish()
        except BaseException:
            self.discard()
            raise
        for output in self.outputs:
            output.commit()

    def discard(self) -> None:
        for output in self.outputs:
            output.discard()

    def __enter__(self) -> "OutputSet":
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if kind is not None:
            self.discard()


def _names_open_descriptor(path: str) -> bool:
    """Whether ``path`` reaches a process's descriptor (``/dev/stdout`` -> ``/proc/self/fd/1``):
    whatever that descriptor is (a terminal, a pipe, the file a shell redirected to), it is
    written through, never renamed over."""
    current = os.path.abspath(path)
    for _ in range(40):
        if current.startswith(_STREAMED_PREFIXES):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return False


def _glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


@contextmanager
def atomic_writer(path: Union[str, os.PathLike], encoding: str = "utf-8") -> Iterator[OutputFile]:
    """An :class:`OutputFile` whose content replaces ``path`` only when the ``with`` block completes."""
    output = OutputFile(path, encoding=encoding)
    output.prepare()
    try:
        yield output
        output.finish()
    except BaseException:
        output.discard()
        raise
    output.commit()


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
