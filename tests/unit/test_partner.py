"""The partner process (`partner.py`) may only make `replay-tui check` sooner, never say
anything else: every case of `test_check_speedpaths` says the same with it as without it,
when it vouches, when it cannot, and when it dies; it is only used where it is safe; it is
always reaped; and the real command, on a file large enough to use it, reports every
problem of a broken file as the plain path does.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import msgspec
import pytest
from test_check_speedpaths import CASES, base, made, said

from replay_tui import partner
from replay_tui.check import _Scan, scan
from replay_tui.load import read_session
from replay_tui.model import Session
from replay_tui.times import zone

ROOT = Path(__file__).resolve().parent.parent.parent


class Spy:
    """Records what each partner answered (in the parent: its answer comes over a pipe)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[partner.Vouched | None] = []
        verdict = partner.Partner.verdict

        def spied(this: partner.Partner) -> partner.Vouched | None:
            answer = verdict(this)
            self.answers.append(answer)
            return answer

        monkeypatch.setattr(partner.Partner, "verdict", spied)


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> Spy:
    """A partner for every JSON file, whatever the machine and whatever threads the test
    process has (the child only decodes and scans, and takes no lock another thread of
    this process could hold)."""
    monkeypatch.setattr(partner, "FROM_BYTES", 0)
    monkeypatch.setattr(partner, "_cores", lambda: 2)
    monkeypatch.setattr(partner, "_alone", lambda: True)
    return Spy(monkeypatch)


def outcome(path: Path) -> Any:
    loaded, problems = read_session(path, lazy=True)
    return said(problems), made(loaded)


@pytest.mark.parametrize("name", sorted(CASES))
def test_with_a_partner_every_case_says_what_the_plain_path_says(
    name: str, tmp_path: Path, always: Spy
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(CASES[name], indent=1))
    with_partner = outcome(path)
    assert read_session(path, lazy=False)[1] == read_session(path, lazy=True)[1]
    plain = read_session(path)  # eager: never a partner
    assert with_partner == (said(plain[1]), made(plain[0]))
    if name == "structural errors too":
        assert always.answers == []  # closed unasked: the typed decode failed
    else:
        assert len(always.answers) >= 1 and always.answers[0] is not None


@pytest.mark.parametrize("name", sorted(set(CASES) - {"structural errors too"}))
def test_what_the_partner_answers_is_what_the_scan_finds(name: str) -> None:
    """(Not for a file the typed decode refuses: no partner is asked about one.)"""
    data = json.dumps(CASES[name]).encode()
    session = msgspec.json.decode(data, type=Session)
    vouched = partner.vouch(data)
    found = scan(session.posts, session.chapters, zone(session.timezone), _Scan(eager=False))
    ids = found.known_ids()
    cited = [r.post for r in session.reactions]
    cited += [pid for note in session.context for pid in note.posts]
    cited += [pid for excerpt in session.press for pid in excerpt.posts]
    cited += [chapter.start for chapter in session.chapters]
    assert vouched.posts == len(session.posts)
    assert vouched.distinct == len(ids)
    assert vouched.resolved == (found.unresolved <= ids | {None} and set(cited) <= ids)
    assert (vouched.starts, vouched.timed) == (found.starts, found.timed)
    if found.timed:
        assert vouched.backwards == found.backwards
    expect_clean = name not in {"duplicates across blocks", "dangling", "chapters", "reactions"}
    assert (vouched.distinct == vouched.posts and vouched.resolved) == expect_clean


def test_the_partner_keeps_what_it_decoded_to_its_end(
    tmp_path: Path, always: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Freeing a million posts would delay its answer by a tenth of a second: it hands
    them to the caller, which ends without freeing them."""
    data = json.dumps(CASES["clean"]).encode()
    kept: list[object] = []
    vouched = partner.vouch(data, kept)
    decoded = [item for item in kept if isinstance(item, partner._Keys)]
    assert len(decoded) == 1 and len(decoded[0].posts) == vouched.posts

    real = partner.vouch

    def keeping(data: bytes, kept: list[object] | None = None) -> partner.Vouched:
        assert kept == []  # (else the partner answers nothing, and the check below fails)
        return real(data, kept)

    monkeypatch.setattr(partner, "vouch", keeping)
    path = tmp_path / "s.json"
    path.write_bytes(data)
    outcome(path)
    assert len(always.answers) == 1 and always.answers[0] is not None


def test_a_partner_that_dies_changes_nothing(
    tmp_path: Path, always: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(data: bytes, kept: list[object] | None = None) -> partner.Vouched:
        os.kill(os.getpid(), 9)
        raise AssertionError("unreachable")

    monkeypatch.setattr(partner, "vouch", dies)
    for name in ("clean", "dangling", "backwards at a block edge"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(CASES[name]))
        plain = read_session(path)
        assert outcome(path) == (said(plain[1]), made(plain[0]))
    assert always.answers == [None, None, None]


def test_a_partner_that_fails_changes_nothing(
    tmp_path: Path, always: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(partner, "vouch", lambda data, kept=None: 1 / 0)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(CASES["duplicates across blocks"]))
    plain = read_session(path)
    assert outcome(path) == (said(plain[1]), made(plain[0]))
    assert always.answers == [None]


def test_a_partner_that_hangs_is_given_up_on(
    tmp_path: Path, always: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starved of its core or stopped: past its time (as long again as this process has
    worked since the fork, plus a second), the check goes on without it."""

    def hangs(data: bytes, kept: list[object] | None = None) -> partner.Vouched:
        time.sleep(120)
        raise AssertionError("unreachable")

    monkeypatch.setattr(partner, "vouch", hangs)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(CASES["dangling"]))
    plain = read_session(path)
    began = time.monotonic()
    assert outcome(path) == (said(plain[1]), made(plain[0]))
    assert time.monotonic() - began < 30
    assert always.answers == [None]


def test_a_partner_says_nothing_on_the_terminal(
    tmp_path: Path, always: Spy, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def noisy(data: bytes, kept: list[object] | None = None) -> partner.Vouched:
        print("partner on stdout")
        sys.stderr.write("partner on stderr\n")
        os.write(2, b"partner on fd 2\n")
        raise RuntimeError("and a traceback nobody should see")

    monkeypatch.setattr(partner, "vouch", noisy)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(CASES["clean"]))
    outcome(path)
    out, err = capfd.readouterr()
    assert "partner" not in out + err
    assert always.answers == [None]


def test_starting_a_partner_leaves_the_signal_mask_as_it_was(always: Spy) -> None:
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    got = partner.start(json.dumps(CASES["clean"]).encode())
    assert got is not None
    try:
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
    finally:
        got.close()


def test_every_partner_is_reaped(tmp_path: Path, always: Spy) -> None:
    started: list[partner.Partner] = []
    start = partner.start

    def recorded(data: bytes) -> partner.Partner | None:
        got = start(data)
        if got is not None:
            started.append(got)
        return got

    path = tmp_path / "s.json"
    for name in ("clean", "structural errors too"):
        path.write_text(json.dumps(CASES[name]))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(partner, "start", recorded)
            read_session(path, lazy=True)
    assert len(started) == 2
    for each in started:
        assert each.done
        with pytest.raises(ChildProcessError):
            os.waitpid(each.pid, os.WNOHANG)


def test_no_partner_where_it_does_not_pay_or_is_not_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    big = b" " * partner.FROM_BYTES
    monkeypatch.setattr(partner, "_alone", lambda: True)
    monkeypatch.setattr(partner, "_cores", lambda: 1)
    assert partner.start(big) is None  # one core: nothing to run it on
    monkeypatch.setattr(partner, "_cores", lambda: 2)
    assert partner.start(big[:-1]) is None  # small: not worth a fork
    monkeypatch.setattr(partner, "_alone", lambda: False)
    assert partner.start(big) is None  # other threads: a fork is not safe
    monkeypatch.setattr(partner, "_alone", lambda: True)
    monkeypatch.delattr(os, "fork")
    assert partner.start(big) is None  # no fork on this platform


def test_alone_is_false_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not partner._alone()
    finally:
        stop.set()
        other.join()


SPIED_COMMAND = """
import sys
from replay_tui import partner
start = partner.start
def spied(data):
    got = start(data)
    if got is not None:
        sys.stderr.write("partner started\\n")
    return got
partner.start = spied
sys.argv[0] = "replay-tui"
from replay_tui.__main__ import run
run()
"""
"""`replay-tui` as installed (`__main__.run`: `os._exit` at the end), saying on stderr when
it starts a partner."""


def large() -> dict[str, Any]:
    """A valid session of 28,000 posts, over `partner.FROM_BYTES` as JSON."""
    data = base(28_000)
    for i, post in enumerate(data["posts"]):
        post["time"] = (
            f"2013-10-{22 + i // 3600 // 24:02d}T{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}+03:00"
        )
    return data


def test_the_command_with_its_partner_reports_a_large_broken_file_in_full(
    tmp_path: Path,
) -> None:
    """The real `replay-tui check` on a file over `FROM_BYTES`, broken near its end: the
    partner cannot vouch, and the problems are every one the plain path finds."""
    data = large()
    data["posts"][-10]["reply_to"] = "gone"
    data["posts"][-5]["id"] = "p7"
    data["posts"][-1]["time"] = "2013-10-21T10:00:00+03:00"
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data, indent=1))
    assert path.stat().st_size >= partner.FROM_BYTES
    command = [sys.executable, "-c", SPIED_COMMAND, "check", "--format", "json", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("partner started") == (1 if partner._cores() > 1 else 0)
    reported = json.loads(done.stdout)["files"][0]["problems"]
    _, plain = read_session(path)
    assert reported == [p.as_dict() for p in plain]
    assert sorted(p["code"] for p in reported) == [
        "dangling-reference",
        "duplicate-id",
        "time-backwards",
    ]
    # And a clean one of the same size is ok, with its count.
    data = large()
    path.write_text(json.dumps(data, indent=1))
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["posts"] == 28_000
