"""Following a presenter: one replay-tui shows what another, on the same machine, is at.

A teacher keeps the presenter notes on a laptop and projects a second terminal running
`replay-tui follow`. The presenter (any `replay-tui FILE`) publishes where it is to a small
JSON file; the follower polls that file and mirrors it. A file, not a socket: nothing
listens, nothing needs a port, the follower can start before or after the presenter, and a
presenter that is killed leaves nothing running.

* Where: one file per session, `<runtime>/presenters/<session>.json`, in the per-user runtime
  folder (`platformdirs.user_runtime_path("replay-tui")`: `$XDG_RUNTIME_DIR/replay-tui` on
  Linux, else platformdirs' private fallback such as `/tmp/runtime-<uid>/replay-tui`), which
  only this user can read. Several presenters of different sessions do not disturb each
  other; `replay-tui follow` with no argument follows the one started last, `follow FILE` or
  `follow SESSION_ID` a given session. Two presenters of one session: the last to move wins.
* What: the session id and file, the position (and the post id), the focus view on or off,
  and the guess and content-warning state of the current post (`reveal.py`): the follower
  shows a warned photo only when the presenter revealed it, as the teacher decides what the
  class sees. Never the presenter notes.
* How: written with `store.write_atomic` (a follower never reads half a file), at most ten
  times a second (`Publisher` holds back the rest and the UI flushes the last); the follower
  compares the file's inode, mtime and size before reading it. The app writes from a thread
  of its own (`Publisher(background=True)`, `Writer`), so a step never waits for the disk:
  the latest state wins, one not yet written when a newer one comes is dropped. A presenter
  removes its file when it closes; a file whose process is gone (a crash) is stale.

Plain Python, no Textual: the UI drives `Publisher` and `Watcher` from its own timers, and a
test drives them with a fake clock.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path

import msgspec
import platformdirs

from replay_tui.user.state import file_stem
from replay_tui.user.store import write_atomic

APP_NAME = "replay-tui"
VERSION = 1
FOLDER = "presenters"
MIN_INTERVAL = 0.1
"""Seconds between two writes of the presenter file: at most ten a second, so a held arrow
key does not become a stream of fsyncs."""
POLL_INTERVAL = 0.2
"""Seconds between two looks at the presenter file by a follower."""


class FollowError(Exception):
    """Following cannot work here (no usable runtime folder); the message is for the user."""


class Presence(msgspec.Struct, kw_only=True):
    """The presenter file: who presents what, and what the audience should see now."""

    version: int = VERSION
    session: str
    """The session id."""
    file: str
    """The absolute path of the session file the presenter opened."""
    title: str
    pid: int
    started: float
    """When the presenter opened the session (Unix time): `follow` picks the latest."""
    seq: int = 0
    """Counts the presenter's writes, so a follower can tell a new state from an old one."""
    position: int = -1
    post: str | None = None
    focus: bool = False
    guessing: bool = False
    withheld: bool = False
    revealed: bool = False


@dataclass(frozen=True)
class Shown:
    """What a presenter shows: the part of `Presence` that changes as it presents. Each
    field is a `Presence` field of the same name (`Publisher` copies them across by name)."""

    position: int
    post: str | None = None
    focus: bool = False
    guessing: bool = False
    withheld: bool = False
    revealed: bool = False


def runtime_folder() -> Path:
    """The folder of presenter files, created private (0700) if missing; FollowError when
    the system offers no usable runtime folder."""
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR platformdirs warns and uses a private fallback; the
        # warning would land on the TUI's screen, and the fallback is what we want.
        warnings.simplefilter("ignore")
        try:
            base = platformdirs.PlatformDirs(
                APP_NAME, appauthor=False, ensure_exists=True
            ).user_runtime_path
        except OSError as exc:
            raise FollowError(f"no private runtime folder for replay-tui: {exc}") from None
    folder = base / FOLDER
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise FollowError(f"cannot create {folder}: {exc.strerror or exc}") from None
    return folder


def presence_path(session_id: str, folder: Path | None = None) -> Path:
    """The presenter file of a session (it may not exist)."""
    return (folder if folder is not None else runtime_folder()) / f"{file_stem(session_id)}.json"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine, as any user)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would terminate the process on Windows; trust the file there.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_presence(path: Path) -> Presence | None:
    """The presenter file at `path`, or None when it is missing, damaged or from another
    version (a follower then waits, as if no presenter ran)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        presence = msgspec.json.decode(data, type=Presence)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    return presence if presence.version == VERSION else None


def presenters(
    folder: Path | None = None, *, alive: Callable[[int], bool] = pid_alive
) -> list[Presence]:
    """The presenters running now, the most recently started first."""
    folder = folder if folder is not None else runtime_folder()
    found: list[Presence] = []
    try:
        paths = sorted(folder.glob("*.json"))
    except OSError:
        return []
    for path in paths:
        presence = read_presence(path)
        if presence is not None and alive(presence.pid):
            found.append(presence)
    found.sort(key=lambda p: p.started, reverse=True)
    return found


# --- the presenter's side ------------------------------------------------------------------


class Writer:
    """A thread that writes presenter files with `write_atomic`, so the caller (the UI)
    never waits for the disk. Only the latest data handed over counts: data not yet written
    when newer data comes is dropped (a follower wants where the presenter is now, not
    where it was). `on_error` is called, on the writer's thread, with a write's OSError.
    """

    def __init__(self, on_error: Callable[[OSError], None]) -> None:
        self._on_error = on_error
        self._ready = threading.Condition()
        self._next: tuple[Path, bytes] | None = None
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self.written = 0
        """How many writes were done (for tests)."""

    def put(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` soon, instead of whatever is still waiting to be written."""
        with self._ready:
            if self._closed:
                return
            self._next = (path, data)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="replay-tui presenter file", daemon=True
                )
                self._thread.start()
            self._ready.notify_all()

    def _run(self) -> None:
        while True:
            with self._ready:
                while self._next is None and not self._closed:
                    self._ready.wait()
                if self._next is None:
                    return
                (path, data), self._next = self._next, None
                self._busy = True
            try:
                write_atomic(path, data)
            except OSError as exc:
                self._on_error(exc)
            finally:
                with self._ready:
                    self._busy = False
                    self.written += 1
                    self._ready.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until everything handed over is written; False if `timeout` passed first."""
        with self._ready:
            return self._ready.wait_for(lambda: self._next is None and not self._busy, timeout)

    def close(self, timeout: float | None = 5.0) -> None:
        """Write what is waiting, then stop the thread."""
        self.wait(timeout)
        with self._ready:
            self._closed = True
            self._next = None
            self._ready.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)


class Publisher:
    """Writes a presenter's `Shown` state to its session's presenter file.

    `publish` writes at once when the last write is at least `MIN_INTERVAL` old; otherwise it
    keeps the state and returns how long to wait before `flush`. A failed write turns the
    publisher off with `problem` set (the replay goes on; only following stops working).

    With `background`, "writes" means hands the file to a `Writer` thread: `publish` and
    `flush` return at once, and a failed write sets `problem` later, on that thread, then
    calls `on_problem` there (the UI passes something thread-safe). `close` first waits for
    the last write.
    """

    def __init__(
        self,
        session_id: str,
        file: str,
        title: str,
        *,
        folder: Path | None = None,
        pid: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        background: bool = False,
        on_problem: Callable[[], None] | None = None,
    ) -> None:
        self.clock = clock
        self.problem: str | None = None
        """Why publishing stopped (a write failed), for the presenter to be told once."""
        self.unavailable: str | None = None
        """Why publishing never started (no runtime folder): not worth interrupting a
        presenter for; `replay-tui follow` says it to whoever tries to follow."""
        self.path: Path | None = None
        try:
            self.path = presence_path(session_id, folder)
        except FollowError as exc:
            self.unavailable = str(exc)
        self._presence = Presence(
            session=session_id,
            file=os.path.abspath(file),
            title=title,
            pid=os.getpid() if pid is None else pid,
            started=wall(),
        )
        self._written: Shown | None = None
        self._pending: Shown | None = None
        self._last_write = float("-inf")
        self.writes = 0
        self._on_problem = on_problem
        self.writer = Writer(self._failed) if background else None
        """The thread that writes the file, with `background`."""

    @property
    def active(self) -> bool:
        return self.path is not None and self.problem is None

    def publish(self, shown: Shown) -> float | None:
        """Publish `shown`; returns None when it was written (or need not be), else the
        seconds after which `flush` should be called to write it."""
        if not self.active:
            return None
        if shown == self._written:
            self._pending = None
            return None
        wait = self._last_write + MIN_INTERVAL - self.clock()
        if wait > 0:
            self._pending = shown
            return wait
        self._write(shown)
        return None

    def flush(self) -> None:
        """Write the state held back by `publish`, if any."""
        pending, self._pending = self._pending, None
        if pending is not None and pending != self._written and self.active:
            self._write(pending)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def _write(self, shown: Shown) -> None:
        assert self.path is not None
        presence = msgspec.structs.replace(
            self._presence,
            seq=self._presence.seq + 1,
            **asdict(shown),
        )
        data = msgspec.json.encode(presence)
        if self.writer is not None:
            self.writer.put(self.path, data)
        else:
            try:
                write_atomic(self.path, data)
            except OSError as exc:
                self._failed(exc)
                return
        self._presence = presence
        self._written = shown
        self._last_write = self.clock()
        self.writes += 1

    def _failed(self, exc: OSError) -> None:
        self.problem = (
            f"Followers cannot see this session: writing {self.path} failed "
            f"({exc.strerror or exc})."
        )
        if self.writer is not None and self._on_problem is not None:
            self._on_problem()

    def close(self) -> None:
        """Remove the presenter file, if it is still ours: followers then say the
        presenter has gone."""
        self._pending = None
        if self.writer is not None:
            self.writer.close()
        if self.path is None or self.writes == 0:
            return
        current = read_presence(self.path)
        if current is not None and current.pid == self._presence.pid:
            with contextlib.suppress(OSError):
                self.path.unlink()


# --- the follower's side -------------------------------------------------------------------


class Status(Enum):
    WAITING = "waiting"
    """No presenter of this session has been seen yet."""
    FOLLOWING = "following"
    GONE = "gone"
    """The presenter that was followed has closed (its file is gone) or died (stale)."""


@dataclass(frozen=True)
class Update:
    """What a poll found: the status, the presenter's last state, and whether either
    changed since the previous poll (the UI repaints only then)."""

    status: Status
    presence: Presence | None
    changed: bool


class Watcher:
    """Polls one session's presenter file (cheaply: a `stat`, and a read only when the
    file changed) and says what the follower should show."""

    def __init__(self, path: Path, *, alive: Callable[[int], bool] = pid_alive) -> None:
        self.path = path
        self.alive = alive
        self.presence: Presence | None = None
        self.status = Status.WAITING
        self._signature: tuple[int, int, int] | None = None
        self._seen = False

    def poll(self) -> Update:
        before = self._key()
        try:
            info = os.stat(self.path)
        except OSError:
            self._signature = None
            self.presence = None
            self.status = Status.GONE if self._seen else Status.WAITING
        else:
            signature = (info.st_ino, info.st_mtime_ns, info.st_size)
            if signature != self._signature:
                self._signature = signature
                self.presence = read_presence(self.path)
            if self.presence is not None and self.alive(self.presence.pid):
                self.status = Status.FOLLOWING
                self._seen = True
            else:
                self.status = Status.GONE if self._seen else Status.WAITING
        return Update(self.status, self.presence, self._key() != before)

    def _key(self) -> tuple[object, ...]:
        presence = self.presence
        if presence is None:
            return (self.status,)
        return (self.status, presence.pid, presence.started, presence.seq)


def wait_for_presenter(
    session_id: str | None,
    *,
    folder: Path | None = None,
    interval: float = 0.25,
    timeout: float | None = None,
    alive: Callable[[int], bool] = pid_alive,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Presence | None:
    """The presenter of `session_id` (any presenter when None, the latest started),
    waiting for one to start; None if `timeout` seconds pass first."""
    folder = folder if folder is not None else runtime_folder()
    deadline = None if timeout is None else clock() + timeout
    while True:
        if session_id is None:
            running = presenters(folder, alive=alive)
            if running:
                return running[0]
        else:
            presence = read_presence(presence_path(session_id, folder))
            if presence is not None and alive(presence.pid):
                return presence
        if deadline is not None and clock() >= deadline:
            return None
        sleep(interval)
