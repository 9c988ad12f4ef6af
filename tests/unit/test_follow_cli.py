"""`replay-tui follow`: which presenter, and every failure before the app starts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec
import pytest

from replay_tui import cli
from replay_tui.cli import follow as follow_cli
from replay_tui.format.problems import Problem
from replay_tui.format.read import LoadedSession
from replay_tui.user.follow import Presence, presence_path

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "good" / "small.toml"
MINIMAL = DATA / "good" / "minimal.toml"


@pytest.fixture(autouse=True)
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    return run


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stands in for the app: records what `run_app` was asked to show."""
    calls: list[dict[str, Any]] = []

    def run_app(**kwargs: Any) -> tuple[int, list[Problem]]:
        calls.append(kwargs)
        return 0, []

    import replay_tui.ui.app

    monkeypatch.setattr(replay_tui.ui.app, "run_app", run_app)
    return calls


def presenting(session: str, file: Path, *, pid: int | None = None, started: float = 1.0) -> None:
    presence = Presence(
        session=session,
        file=str(file),
        title="t",
        pid=os.getpid() if pid is None else pid,
        started=started,
        seq=1,
        position=2,
    )
    presence_path(session).write_bytes(msgspec.json.encode(presence))


def test_help_says_which_presenter_is_followed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["follow", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for words in (
        "replay-tui follow the presenter started last",
        "replay-tui follow FILE open FILE now",
        "replay-tui follow SESSION_ID wait for a presenter of that session",
        "presenters/<session id>.json",
        "never the presenter notes",
    ):
        assert words in out, words


def test_follow_a_file_opens_it_at_once(started: list[dict[str, Any]], runtime: Path) -> None:
    assert cli.main(["follow", str(SMALL)]) == 0
    (call,) = started
    loaded = call["loaded"]
    assert isinstance(loaded, LoadedSession) and loaded.session.id == "small-library-hours"
    assert call["follow"] == runtime / "replay-tui" / "presenters" / "small-library-hours.json"


def test_a_broken_file_fails_before_any_app(
    started: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["follow", str(DATA / "bad" / "dangling_reply.toml")]) == 1
    assert not started
    err = capsys.readouterr().err
    assert "error:" in err and "cannot open" in err


def test_follow_the_latest_presenter(started: list[dict[str, Any]]) -> None:
    presenting("small-library-hours", SMALL, started=5.0)
    presenting("fixture", MINIMAL, started=1.0)
    assert cli.main(["follow"]) == 0
    assert started[0]["loaded"].session.id == "small-library-hours"


def test_follow_a_session_id(started: list[dict[str, Any]]) -> None:
    presenting("small-library-hours", SMALL, started=5.0)
    presenting("fixture", MINIMAL, started=1.0)
    assert cli.main(["follow", "fixture"]) == 0
    assert started[0]["loaded"].session.id == "fixture"


def test_no_presenter_waits_and_says_so(
    started: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    presenting("fixture", MINIMAL, pid=2**22 + 11)  # a presenter that died: not waited on
    assert follow_cli.follow(None, wait=0.05) == 1
    assert follow_cli.follow("small-library-hours", wait=0.05) == 1
    err = capsys.readouterr().err
    assert "waiting for a presenter: open the session with `replay-tui FILE`" in err
    assert "waiting for a presenter of the session 'small-library-hours'" in err
    assert "no bundled or saved session has the id 'small-library-hours'" in err


def test_waiting_for_a_bundled_session_gives_no_hint(
    started: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The hint is for an id no library session has (a typo); a bundled id gets none."""
    assert follow_cli.follow("idf-hamas-2013-10", wait=0.05) == 1
    err = capsys.readouterr().err
    assert "waiting for a presenter of the session 'idf-hamas-2013-10'" in err
    assert "no bundled or saved session" not in err
    assert "no presenter started" in err
    assert not started


def test_a_presenter_whose_file_changed_session(
    started: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    presenting("small-library-hours", MINIMAL)
    assert cli.main(["follow", "small-library-hours"]) == 1
    assert "now holds the session 'fixture', not 'small-library-hours'" in capsys.readouterr().err
    assert not started
