"""Names from the disk are untrusted, and one bad file never hides the good ones.

A folder of downloaded files may hold a name with an escape sequence in it: printed raw,
`a\\x1b]0;PWNED\\x07b.toml` retitles the user's terminal. Every command that prints a path
sends it through `words.sanitize`; and a file that the reader cannot cope with is listed
with its problem beside the good sessions.
"""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from replay_tui.cli import main
from replay_tui.user import library

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE_NAME = "a\x1b]0;PWNED\x07b.toml"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(DATA / "good" / "minimal.toml", folder / HOSTILE_NAME)
    shutil.copy(DATA / "good" / "small.toml", folder / "good.toml")
    for name in ("deep_json_top.json", "year_9999_with_offset.toml", "huge_integer.toml"):
        shutil.copy(DATA / "bad" / name, folder / name)
    return folder


def test_list_shows_a_hostile_name_inert(folder: Path) -> None:
    status, out, err = _run("list", str(folder))
    assert status == 0
    assert _raw_controls(out + err) == []
    assert "a^[]0;PWNED^Gb.toml" in out


def test_list_as_json_keeps_the_name_but_sends_no_control(folder: Path) -> None:
    status, out, _ = _run("list", "--format", "json", str(folder))
    assert status == 0
    assert _raw_controls(out) == []
    rows = json.loads(out)
    assert str(folder / HOSTILE_NAME) in [row["path"] for row in rows]


def test_check_names_a_hostile_file_inertly(folder: Path, tmp_path: Path) -> None:
    broken = tmp_path / "x\x1b[2J\x9b31m.toml"
    shutil.copy(DATA / "bad" / "deep_array.toml", broken)
    status, out, err = _run("check", str(folder / HOSTILE_NAME), str(broken))
    assert status == 1
    assert _raw_controls(out + err) == []
    assert "x^[[2J<U+009B>31m.toml:6:43: error: tables or arrays nested" in out


def test_a_missing_folder_named_with_an_escape_is_said_inertly(tmp_path: Path) -> None:
    status, _, err = _run("list", str(tmp_path / "no\x1b[2Jwhere"))
    assert status == 2
    assert _raw_controls(err) == []
    assert "no^[[2Jwhere: no such folder" in err


def test_list_shows_every_good_session_and_each_broken_one_with_its_problem(
    folder: Path,
) -> None:
    entries = library.scan([folder], include_defaults=False)
    by_name = {e.path.name: e for e in entries}
    assert by_name[HOSTILE_NAME].ok and by_name["good.toml"].ok
    for name, code in [
        ("deep_json_top.json", "too-deep"),
        ("year_9999_with_offset.toml", "bad-time"),
        ("huge_integer.toml", "number-too-long"),
    ]:
        problem = by_name[name].problem
        assert not by_name[name].ok and problem is not None and problem.code == code
    status, out, _ = _run("list", str(folder))
    assert status == 0
    assert "Riverside library opening hours" in out
    assert "cannot open: tables or arrays nested more than 32 levels deep" in out


def test_whatever_a_file_raises_the_others_are_listed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the file's fault but ours: a defect in the reader is listed as such, on that
    file alone."""
    real = library.read_session

    def failing(path: Path, **options: object) -> object:
        if Path(path).name == "good.toml":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "read_session", failing)
    entries = library.scan([folder], include_defaults=True)
    by_name = {e.path.name: e for e in entries}
    assert by_name[HOSTILE_NAME].ok
    assert any(e.origin == "bundled" and e.ok for e in entries)
    problem = by_name["good.toml"].problem
    assert problem is not None and problem.code == "internal"
    assert "RecursionError" in problem.message and "please report it" in problem.message
    status, out, _ = _run("list", str(folder))
    assert status == 0
    assert "please report it" in out
