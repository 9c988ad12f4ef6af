"""User state on disk: where it lives and how it is written so that it is never lost.

Everything replay-tui saves for a user (settings, bookmarks, notes, resume positions) goes
through `write_atomic`: a crash or a full disk in the middle of a save leaves the previous
file intact, because the new content is written to a temporary file in the same folder,
flushed to disk, and only then renamed over the old one. Those files stay private (0600,
as `mkstemp` makes them): notes and reading positions are nobody else's business.

What the user asks for by name (`export -o`, `schema -o`) goes through `write_output`: the
same atomic write, with the permissions any new file of theirs gets (0644 under the usual
022 umask), into a folder that must already exist (a typo must not create folders), and
never over an existing file unless they say so (`--force`). A save killed before the
rename leaves its temporary file behind: `remove_stale_temps` clears old ones. Two
instances saving the same file take turns under `locked`. Saved files are read back through
`read_saved`: a missing one is no problem, one that cannot be read is said, and left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

STALE_AFTER = 15 * 60
"""Seconds after which a temporary file of `write_atomic` is left over from a killed save:
a save takes milliseconds, so no save still running is anywhere near this old."""

_TEMP_NAME = re.compile(r"\.(?P<name>[^/]+)\.[a-z0-9_]{8}\.tmp")
"""The names `write_atomic` gives its temporary files (`tempfile.mkstemp`'s eight letters)."""


class OutputError(OSError):
    """An output cannot be written as asked; the message says why and what to do. An
    OSError, so that a caller that reports failed writes reports this one too."""


def _umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, mode: int | None = None, replace: bool = True) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename).

    Creates the parent folder if needed. The file is private (0600) unless `mode` is given.
    With `replace=False`, an existing `path` is left alone and FileExistsError raised (the
    check and the write are one step where the file system can link). On any failure the
    old file is untouched and the temporary file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if `path` exists: no window to clobber it
            except FileExistsError:
                raise
            except OSError:
                # A file system without hard links: check, then rename.
                if os.path.lexists(path):
                    raise FileExistsError(path) from None
                os.replace(temp, path)
            else:
                os.unlink(temp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    # The rename itself is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_stale_temps(folder: Path, names: re.Pattern[str], *, now: float | None = None) -> int:
    """Remove what killed saves left in `folder`: temporary files of `write_atomic` for a
    target whose name matches `names`, older than `STALE_AFTER`. Nothing else is touched
    (not another program's files, not a save in progress). Returns how many went; never
    raises."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None or not names.fullmatch(match.group("name")):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed += 1
    return removed


@contextlib.contextmanager
def locked(path: Path, timeout: float = 2.0) -> Iterator[None]:
    """Hold an advisory lock beside `path` while reading, merging and writing it, so two
    instances do not interleave their saves. Best effort: where locking is unavailable, or
    another holder does not let go within `timeout`, the save goes ahead unlocked (the
    merge still keeps both instances' notes unless the two saves overlap to the
    millisecond). The kernel releases the lock of a killed process."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.02)
            except OSError:
                break
        yield
    finally:
        os.close(fd)


def read_saved(path: Path, what: str) -> tuple[bytes | None, str | None]:
    """A file replay-tui saved for the user, read back: `(data, None)`; `(None, None)` when
    there is none yet (nothing was saved); `(None, sentence)` when it exists but cannot be
    read (permissions, I/O), the sentence saying so with the reason: "Could not read your
    settings (…): Permission denied." The caller adds what it does instead."""
    try:
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"Could not read your {what} ({path}): {exc.strerror or exc}."


def write_output(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write a file the user named: atomically, with their usual permissions, only into an
    existing folder, and over an existing file only with `force`. OutputError otherwise."""
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"cannot write {path}: the folder {folder} {what}; create it first")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; name a file")
    try:
        write_atomic(path, data, mode=0o666 & ~_umask(), replace=force)
    except FileExistsError:
        raise OutputError(
            f"{path} already exists; add --force to replace it, or name another file"
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
