"""User state on disk: where it lives and how it is written so that it is never lost.

Everything replay-tui saves for a user (settings now; bookmarks, notes and resume positions
later) goes through `write_atomic`: a crash or a full disk in the middle of a save leaves the
previous file intact, because the new content is written to a temporary file in the same
folder, flushed to disk, and only then renamed over the old one. A save killed before the
rename leaves that temporary file behind: `remove_stale_temps` clears old ones. Two
instances saving the same file take turns under `locked`.
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


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (temporary file, fsync, rename).

    Creates the parent folder if needed. On any failure the old file is untouched and the
    temporary file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
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
