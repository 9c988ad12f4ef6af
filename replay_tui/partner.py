"""A second process that checks the posts' ids, references and times while this one
decodes and checks the rest: for `replay-tui check` of a large JSON file.

Why: checking a session is decoding it (msgspec, in C) and then a few bulk passes over its
posts. At a million posts the passes about ids (a set of a million fresh strings, and a
look-up for each reference) and times cost 0.55 s of the 0.75 s the passes take, more than
half the decode itself, and the interpreter lock keeps a thread from doing them alongside.
A forked process can: it decodes only what those passes read (msgspec skips the rest, in
about half the time of the whole decode) while this process decodes everything. Measured at
a million posts on the 2-core development VM: 1.06 s instead of about 1.45 s, spawn to
exit, for 1.85 s of CPU time and up to 285 MB more memory (bench/results.md).

The partner only vouches. It answers whether every post id is unique and every reference to
a post names one, where the chapters start, and what the times say, or it answers nothing
(it died, or the file surprised it). Whenever it cannot vouch for the ids and references,
the checker does that part itself, as without a partner, and says every problem where it is:
what is reported never depends on the partner, only how soon.

It is used only where it pays and is safe: a file of `FROM_BYTES` or more, a machine with
two cores or more, a platform with `fork`, and a process with no other thread (a fork copies
only the thread that calls it; a lock another thread held would stay held in the child).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import TYPE_CHECKING, NoReturn

import msgspec

if TYPE_CHECKING:
    import signal

FROM_BYTES = 4 * 1024 * 1024
"""From this size (about 15,000 posts) the partner is asked: below it, the passes it takes
over are a few milliseconds, not worth a fork."""


class Vouched(msgspec.Struct, array_like=True):
    """What the partner found about the file's posts, for `check._Scan.take`."""

    posts: int
    """How many posts it read."""
    distinct: int
    """How many distinct post ids there are."""
    resolved: bool
    """Every reference to a post (replies, quotes, chapters, reactions, context, press)
    names one of them."""
    starts: dict[str, int]
    """The position of each post a chapter starts at."""
    timed: bool
    backwards: list[int]
    """As `check._Scan` has them: every time read in bulk, and where time goes back."""


# The parts of a session the partner reads: the names and types of `model.py`, every other
# field skipped. The typed decode of the whole file has already held each field to its
# type by the time the partner's answer is read.
class _Post(msgspec.Struct, gc=False):
    id: str
    reply_to: str | None = None
    quotes: str | None = None
    time: str | None = None
    url: str | None = None


class _Chapter(msgspec.Struct, gc=False):
    start: str


class _Reaction(msgspec.Struct, gc=False):
    post: str


class _Cites(msgspec.Struct, gc=False):
    posts: tuple[str, ...] = ()


class _Keys(msgspec.Struct, gc=False):
    timezone: str
    posts: list[_Post] = []
    chapters: list[_Chapter] = []
    reactions: list[_Reaction] = []
    context: list[_Cites] = []
    press: list[_Cites] = []


class Partner:
    """A running partner: `verdict()` waits for its answer; `close()` ends it if it is still
    running. Either way it is reaped, and it never outlives `close()`."""

    def __init__(self, pid: int, reading: int) -> None:
        self.pid = pid
        self.reading = reading
        self.started = time.monotonic()
        self.done = False

    def verdict(self) -> Vouched | None:
        """Its answer, or None if it gave none in time.

        In time: by when this process has worked as long again as it has since the fork,
        plus a second. The partner's share is the smaller one, so a partner still at work
        by then is starved of its core (or stopped); this process does its part instead,
        rather than wait on it without end."""
        if self.done:
            return None
        import select

        now = time.monotonic()
        deadline = now + (now - self.started) + 1.0
        chunks: list[bytes] = []
        try:
            while (left := deadline - time.monotonic()) > 0:
                if not select.select([self.reading], [], [], left)[0]:
                    break
                chunk = os.read(self.reading, 1 << 20)
                if not chunk:
                    self._reap()
                    return msgspec.msgpack.decode(b"".join(chunks), type=Vouched)
                chunks.append(chunk)
        except (OSError, msgspec.DecodeError):
            pass
        self.close()
        return None

    def close(self) -> None:
        """End it if it still runs, and reap it."""
        if not self.done:
            import signal

            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> None:
        self.done = True
        os.close(self.reading)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start(data: bytes) -> Partner | None:
    """A partner checking `data`, the bytes of a JSON session; None where none is used."""
    if len(data) < FROM_BYTES or not hasattr(os, "fork") or _cores() < 2:
        return None
    if not _alone():
        return None
    import signal

    from . import check  # noqa: F401  (imported once, here, not by every partner)

    try:
        reading, writing = os.pipe()
    except OSError:
        return None
    # Ctrl-C is held back until this process holds the partner, so that it cannot arrive
    # between the fork and `Partner(...)` and leave a partner nobody reaps.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:  # no process to spare: do without
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:
        _partner(data, reading, writing, held)
    os.close(writing)
    partner = Partner(pid, reading)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C held back is raised here
    except BaseException:
        partner.close()
        raise
    return partner


def _partner(data: bytes, reading: int, writing: int, held: set[int | signal.Signals]) -> NoReturn:
    """The child: answer, and end without running anything of the parent's (no atexit, no
    flush of buffers it copied), whatever happens."""
    code = 1
    try:
        import signal

        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reading)
        # Nothing of it reaches the terminal, not even a warning or a crash report.
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        sys.stdin = sys.stdout = sys.stderr = None  # (and whatever stood in for them)
        # Short of memory, the kernel should end the partner, whose loss costs nothing,
        # rather than the command (the larger process, and so its first choice).
        with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as adj:
            adj.write("1000")
        # What it decoded is kept to the end: freeing it, object by object, would delay the
        # answer by 0.1 s at a million posts, for a process about to end anyway.
        kept: list[object] = []
        answer = msgspec.msgpack.encode(vouch(data, kept))
        view = memoryview(answer)
        while view:
            view = view[os.write(writing, view) :]
        code = 0
    finally:
        os._exit(code)


def vouch(data: bytes, kept: list[object] | None = None) -> Vouched:
    """What the partner answers about the session in `data` (run in this process by the
    tests, so that what it says is held to the serial checker's word). `kept`, if given,
    is handed what it decoded and gathered, for the caller to let go (or not) later."""
    from .check import _Scan, scan
    from .times import ZoneError, zone

    keys = msgspec.json.decode(data, type=_Keys)
    try:
        tz = zone(keys.timezone)
    except ZoneError:
        tz = zone("UTC")  # as the checker reads times when the zone is unknown
    found = _Scan(eager=False)
    if kept is not None:
        kept += (keys, found)
    scan(keys.posts, keys.chapters, tz, found, rest=False)
    ids = found.ids
    cited = [r.post for r in keys.reactions]
    for cites in (*keys.context, *keys.press):
        cited.extend(cites.posts)
    resolved = (
        found.unresolved <= ids
        and ids.issuperset(cited)
        and ids.issuperset(chapter.start for chapter in keys.chapters)
    )
    return Vouched(
        posts=len(keys.posts),
        distinct=found.count(),
        resolved=resolved,
        starts=found.starts,
        timed=found.timed,
        backwards=found.backwards,
    )


def _alone() -> bool:
    """Whether this process runs no thread but this one. (`threading` not imported: no
    thread of Python's was started.)"""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
