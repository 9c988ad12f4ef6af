"""Sessions by id on the command line, and `list` at 80 columns never cutting one."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from replay_tui.cli import main
from replay_tui.cli.common import session_file
from replay_tui.cli.listing import table_of
from replay_tui.user.library import find_session, scan

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "data" / "good" / "small.toml"
LONG_ID = "a-rather-long-session-id-that-a-table-would-like-to-cut-2026"


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path


def user_session(home: Path, name: str, session_id: str) -> Path:
    folder = home / "data" / "replay-tui" / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = SMALL.read_text(encoding="utf-8").replace(
        'id = "small-library-hours"', f'id = "{session_id}"', 1
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bundled_session_is_found_by_its_id() -> None:
    found = find_session("idf-hamas-2013-10")
    assert found is not None and found.name == "idf-hamas-2013-10.toml"
    assert session_file("idf-hamas-2013-10", 10**9) == str(found)
    assert find_session("no-such-session") is None
    # A file that exists wins over an id; a name that is no id is left alone.
    assert session_file(str(SMALL), 10**9) == str(SMALL)
    assert session_file("notes.txt", 10**9) == "notes.txt"


def test_a_user_session_is_found_by_its_id_whatever_its_file_name(
    _private_home: Path,
) -> None:
    path = user_session(_private_home, "my file.toml", "riverside-2021")
    assert find_session("riverside-2021") == path


def test_check_and_export_take_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "idf-hamas-2013-10"]) == 0
    assert "idf-hamas-2013-10.toml: ok (9 posts" in capsys.readouterr().out
    assert main(["export", "askhamas-2015-03", "--to", "text"]) == 0
    assert capsys.readouterr().out.startswith("#AskHamas, March 2015")
    assert main(["export", "no-such-session", "--to", "text"]) == 1
    err = capsys.readouterr().err
    assert "no-such-session is neither a file nor the id of a bundled or saved session" in err


def test_open_refuses_an_unknown_id_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-session"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "`replay-tui list` shows the ids" in err


@pytest.mark.parametrize("width", [80, 100, 160])
def test_list_never_cuts_an_id(_private_home: Path, width: int) -> None:
    user_session(_private_home, "long.toml", LONG_ID)
    entries = scan()
    console = Console(width=width, record=True, color_system=None)
    console.print(table_of(entries, width))
    lines = console.export_text().splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    for session_id in (LONG_ID, "idf-hamas-2013-10", "askhamas-2015-03"):
        assert any(line.startswith(session_id + " ") for line in lines), (session_id, lines)


def test_an_id_over_max_size_is_refused_as_too_large(capsys: pytest.CaptureFixture[str]) -> None:
    """A bundled session larger than --max-size is found by its id all the same, and
    refused for its size (with how to raise the limit), not as an unknown id or a file
    name without .toml."""
    assert main(["check", "--max-size", "1K", "idf-hamas-2013-10"]) == 1
    out = capsys.readouterr().out
    assert "idf-hamas-2013-10.toml: error: the file is" in out and "--max-size" in out
    assert main(["export", "idf-hamas-2013-10", "--to", "text", "--max-size", "1K"]) == 1
    err = capsys.readouterr().err
    assert "neither a file nor the id" not in err and "over the limit of 1.0 KiB" in err
