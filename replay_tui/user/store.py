"""User state on disk: where it lives and how it is written so that it is never lost.

Everything replay-tui saves for a user (settings now; bookmarks, notes and resume positions
later) goes through `write_atomic`: a crash or a full disk in the middle of a save leaves the
previous file intact, because the new content is written to a temporary file in the same
folder, flushed to disk, and only then renamed over the old one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
