"""The presenter file and its follower (`follow.py`), with fake clocks and fake processes."""

from __future__ import annotations

import functools
import os
import stat
import threading
from pathlib import Path

import msgspec
import pytest

from replay_tui.user.follow import (
    MIN_INTERVAL,
    Presence,
    Publisher,
    Shown,
    Status,
    Watcher,
    presence_path,
    presenters,
    read_presence,
    runtime_folder,
    wait_for_presenter,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    return run


def publisher(folder: Path, clock: Clock, *, pid: int = 4242, started: float = 1.0) -> Publisher:
    return Publisher(
        "demo-session",
        "sessions/demo.toml",
        "A demo",
        folder=folder,
        pid=pid,
        clock=clock,
        wall=lambda: started,
    )


def test_the_runtime_folder_is_private_and_under_xdg_runtime_dir(runtime: Path) -> None:
    folder = runtime_folder()
    assert folder == runtime / "replay-tui" / "presenters"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    assert presence_path("demo-session") == folder / "demo-session.json"
    # An id that is not a safe file name is hashed, never a path outside the folder.
    assert presence_path("../../x").parent == folder


def test_publish_writes_the_state_atomically(tmp_path: Path) -> None:
    clock = Clock()
    pub = publisher(tmp_path, clock)
    assert pub.publish(Shown(position=2, post="p3", focus=True)) is None
    presence = read_presence(tmp_path / "demo-session.json")
    assert presence is not None
    assert (presence.session, presence.position, presence.post, presence.focus) == (
        "demo-session",
        2,
        "p3",
        True,
    )
    assert presence.file == os.path.abspath("sessions/demo.toml")
    assert (presence.pid, presence.seq, presence.title) == (4242, 1, "A demo")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_at_most_ten_writes_a_second_and_the_last_state_wins(tmp_path: Path) -> None:
    clock = Clock()
    pub = publisher(tmp_path, clock)
    pub.publish(Shown(position=0))
    clock.now += 0.01
    wait = pub.publish(Shown(position=1))
    assert wait == pytest.approx(MIN_INTERVAL - 0.01)
    clock.now += 0.01
    assert pub.publish(Shown(position=2)) is not None
    assert pub.writes == 1 and pub.pending
    clock.now += 0.1
    pub.flush()
    assert pub.writes == 2 and not pub.pending
    presence = read_presence(pub.path or Path())
    assert presence is not None and presence.position == 2 and presence.seq == 2
    # The same state again is not written again.
    clock.now += 1
    assert pub.publish(Shown(position=2)) is None
    assert pub.writes == 2


def test_a_state_that_returns_before_the_flush_is_not_written(tmp_path: Path) -> None:
    clock = Clock()
    pub = publisher(tmp_path, clock)
    pub.publish(Shown(position=0))
    pub.publish(Shown(position=1))
    pub.publish(Shown(position=0))
    clock.now += 1
    pub.flush()
    assert pub.writes == 1


def test_in_the_background_a_write_leaves_the_caller_at_once_and_the_latest_state_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import replay_tui.user.follow as follow

    real = follow.write_atomic
    gate = threading.Event()
    writing = threading.Event()
    writers: list[threading.Thread] = []

    def slow_disk(path: Path, data: bytes) -> None:
        writers.append(threading.current_thread())
        writing.set()
        assert gate.wait(10)
        real(path, data)

    monkeypatch.setattr(follow, "write_atomic", slow_disk)
    clock = Clock()
    pub = Publisher(
        "demo-session", "demo.toml", "A demo", folder=tmp_path, clock=clock, background=True
    )
    path = tmp_path / "demo-session.json"
    assert pub.publish(Shown(position=0)) is None
    assert writing.wait(10)  # the writer is in the middle of the first write...
    assert not path.exists()  # ...and publish did not wait for it
    for position in (1, 2, 3):  # newer states come while the disk is slow
        clock.now += MIN_INTERVAL
        assert pub.publish(Shown(position=position)) is None
    gate.set()
    assert pub.writer is not None and pub.writer.wait(10)
    presence = read_presence(path)
    assert presence is not None and presence.position == 3 and presence.seq == 4
    assert pub.writer.written == 2  # 0, then the latest; 1 and 2 were overtaken, not written
    assert threading.current_thread() not in writers
    pub.close()  # waits for the writer, then removes the file
    assert not path.exists()


def test_a_failed_background_write_turns_publishing_off_and_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    told = threading.Event()
    pub = Publisher(
        "demo-session",
        "demo.toml",
        "A demo",
        folder=blocker,
        clock=Clock(),
        background=True,
        on_problem=told.set,
    )
    assert pub.publish(Shown(position=0)) is None
    assert told.wait(10)
    assert pub.problem is not None and "Followers cannot see this session" in pub.problem
    assert not pub.active
    assert pub.publish(Shown(position=1)) is None
    pub.close()


def test_close_removes_only_our_own_file(tmp_path: Path) -> None:
    clock = Clock()
    ours = publisher(tmp_path, clock, pid=1)
    ours.publish(Shown(position=0))
    theirs = publisher(tmp_path, clock, pid=2)
    theirs.publish(Shown(position=5))
    ours.close()  # the file is now the other presenter's
    assert (tmp_path / "demo-session.json").exists()
    theirs.close()
    assert not (tmp_path / "demo-session.json").exists()


def test_a_failed_write_turns_publishing_off(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    pub = publisher(blocker, Clock())
    assert pub.publish(Shown(position=0)) is None
    assert pub.problem is not None and "Followers cannot see this session" in pub.problem
    assert not pub.active
    assert pub.publish(Shown(position=1)) is None  # quietly does nothing now


def test_the_watcher_waits_follows_and_sees_the_presenter_go(tmp_path: Path) -> None:
    path = tmp_path / "demo-session.json"
    running = {4242}
    watcher = Watcher(path, alive=lambda pid: pid in running)
    first = watcher.poll()
    assert first.status is Status.WAITING and first.presence is None
    assert not watcher.poll().changed

    clock = Clock()
    pub = publisher(tmp_path, clock)
    pub.publish(Shown(position=0))
    update = watcher.poll()
    assert update.status is Status.FOLLOWING and update.changed
    assert update.presence is not None and update.presence.position == 0
    assert not watcher.poll().changed

    clock.now += 1
    pub.publish(Shown(position=1, withheld=True, guessing=True))
    update = watcher.poll()
    assert update.changed and update.presence is not None
    assert (update.presence.position, update.presence.withheld) == (1, True)

    pub.close()
    update = watcher.poll()
    assert update.status is Status.GONE and update.changed

    # A presenter of the same session starts again: followed again.
    pub = publisher(tmp_path, clock, started=2.0)
    pub.publish(Shown(position=3))
    assert watcher.poll().status is Status.FOLLOWING


def test_a_presenter_that_died_is_stale(tmp_path: Path) -> None:
    running = {4242}
    watcher = Watcher(tmp_path / "demo-session.json", alive=lambda pid: pid in running)
    publisher(tmp_path, Clock()).publish(Shown(position=0))
    # Never followed: a stale file means nobody is presenting yet.
    running.clear()
    assert watcher.poll().status is Status.WAITING
    running.add(4242)
    assert watcher.poll().status is Status.FOLLOWING
    running.clear()  # killed: the file stays, the process is gone
    update = watcher.poll()
    assert update.status is Status.GONE and update.changed


def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "demo-session.json"
    path.write_text("{not json")
    assert read_presence(path) is None
    later = Presence(version=99, session="demo-session", file="/x", title="t", pid=1, started=0)
    path.write_bytes(msgspec.json.encode(later))
    assert read_presence(path) is None
    assert Watcher(path, alive=lambda pid: True).poll().status is Status.WAITING


def test_presenters_lists_the_live_ones_latest_first(tmp_path: Path) -> None:
    clock = Clock()
    for session, pid, started in (("a", 1, 10.0), ("b", 2, 30.0), ("c", 3, 20.0)):
        Publisher(
            session,
            f"{session}.toml",
            session,
            folder=tmp_path,
            pid=pid,
            clock=clock,
            wall=functools.partial(float, started),
        ).publish(Shown(position=0))
    found = presenters(tmp_path, alive=lambda pid: pid != 3)
    assert [p.session for p in found] == ["b", "a"]


def test_wait_for_presenter(tmp_path: Path) -> None:
    clock = Clock()
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        clock.now += seconds
        if len(naps) == 3:
            publisher(tmp_path, clock).publish(Shown(position=4))

    found = wait_for_presenter(
        None, folder=tmp_path, alive=lambda pid: True, sleep=sleep, clock=clock, timeout=10
    )
    assert found is not None and found.position == 4 and len(naps) == 3
    assert wait_for_presenter("demo-session", folder=tmp_path, alive=lambda pid: True)
    gone = wait_for_presenter(
        "other", folder=tmp_path, alive=lambda pid: True, sleep=sleep, clock=clock, timeout=1
    )
    assert gone is None


def test_no_runtime_folder_means_no_publishing_and_no_fuss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import replay_tui.user.follow as follow

    def broken() -> Path:
        raise follow.FollowError("no private runtime folder for replay-tui: test")

    monkeypatch.setattr(follow, "runtime_folder", broken)
    pub = Publisher("demo-session", "demo.toml", "A demo", clock=Clock())
    assert not pub.active and pub.problem is None
    assert pub.unavailable == "no private runtime folder for replay-tui: test"
    assert pub.publish(Shown(position=0)) is None
    pub.close()


def test_a_presenter_file_nested_100000_deep_is_no_presenter(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert read_presence(path) is None
