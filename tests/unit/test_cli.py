"""The `check`, `schema` and `list` sub-commands, as a curator and a program use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from replay_tui import __version__
from replay_tui.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
BUNDLED = sorted((ROOT / "sessions").glob("*.toml"))


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user folders."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return tmp_path


def test_bundled_sessions_pass_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(BUNDLED) == 2
    assert main(["check", "--strict", *map(str, BUNDLED)]) == 0
    out = capsys.readouterr()
    assert out.out.count(": ok (") == 2
    assert "0 errors, 0 warnings" in out.err


def test_check_prints_one_located_line_per_problem(capsys: pytest.CaptureFixture[str]) -> None:
    file = DATA / "bad" / "dangling_reply.toml"
    assert main(["check", str(file)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{file}:28:1: error: no post has the id 'p0'; add it to [[posts]] or correct the "
        "reference (at posts[1].reply_to)"
    ]


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    file = str(DATA / "warn" / "unused_source.toml")
    assert main(["check", file]) == 0
    assert main(["check", "--strict", file]) == 1
    assert "warning: source 's2' attests nothing" in capsys.readouterr().out


def test_check_many_files_reports_all_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in sorted((DATA / "bad").iterdir())]
    assert main(["check", *files]) == 1
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == len(files)
    assert f"{len(files)} files checked: {len(files)} errors, 0 warnings" in out.err


def test_check_json_format_for_programs(capsys: pytest.CaptureFixture[str]) -> None:
    good = str(DATA / "good" / "minimal.toml")
    bad = str(DATA / "bad" / "duplicate_id.toml")
    assert main(["check", "--format", "json", good, bad]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"] == 1 and report["warnings"] == 0
    assert [f["ok"] for f in report["files"]] == [True, False]
    assert report["files"][1]["problems"] == [
        {
            "file": bad,
            "line": 23,
            "column": 1,
            "severity": "error",
            "code": "duplicate-id",
            "message": "duplicate id 'p1': posts[0] already uses it; ids must be unique",
            "path": "posts[1].id",
        }
    ]


def test_max_size_option(capsys: pytest.CaptureFixture[str]) -> None:
    file = str(DATA / "good" / "minimal.toml")
    assert main(["check", "--max-size", "100", file]) == 1
    assert "raise the limit with --max-size" in capsys.readouterr().out
    assert main(["check", "--max-size", "1M", file]) == 0
    with pytest.raises(SystemExit) as caught:
        main(["check", "--max-size", "lots", file])
    assert caught.value.code == 2
    assert "write it like 512M or 2G" in capsys.readouterr().err


def test_hostile_text_in_messages_reaches_the_terminal_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "evil.toml"
    text = (DATA / "good" / "minimal.toml").read_text()
    file.write_text(text.replace('text = "two"', 'text = "two"\n"x\\u001b[2J\\u202e" = 1'))
    assert main(["check", str(file)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "^[[2J<U+202E>" in out


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    session = schema["$defs"]["Session"]
    assert set(session["required"]) == {"format", "id", "title", "timezone"}
    assert session["additionalProperties"] is False
    post = schema["$defs"]["Post"]
    assert {"id", "author", "sources"} <= set(post["required"])
    assert post["properties"]["status"]["enum"] == ["deleted", "live", "missing"]


def test_schema_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["$ref"] == "#/$defs/Session"


def test_list_shows_bundled_user_and_named_sessions_and_broken_ones(
    _private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = _private_home / "xdg_data_home" / "replay-tui" / "sessions"
    user.mkdir(parents=True)
    (user / "mine.json").write_text((DATA / "good" / "minimal.json").read_text())
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "broken.toml").write_text((DATA / "bad" / "dangling_reply.toml").read_text())
    (folder / "notes.txt").write_text("not a session")
    assert main(["list", "--format", "json", str(folder)]) == 0
    rows = json.loads(capsys.readouterr().out)
    summary = [(r["origin"], r["id"], r["ok"], r["posts"], r["participants"]) for r in rows]
    assert summary == [
        ("bundled", "askhamas-2015-03", True, 5, 5),
        ("bundled", "idf-hamas-2013-10", True, 9, 3),
        ("user", "fixture", True, 2, 1),
        ("folder", "broken", False, 0, 0),
    ]
    assert rows[1]["dates"] == "2013-10-22"
    assert rows[0]["dates"] == "2015-03-12 – 2015-03-13"
    assert rows[2]["dates"] == "2020-01-01 – 2020-01-02"
    assert "no post has the id 'p0'" in rows[3]["error"]["message"]

    assert main(["list", str(folder)]) == 0
    table = capsys.readouterr().out
    assert "idf-hamas-2013-10" in table and "cannot open: no post has the id" in table


def test_list_a_folder_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "/no/such/folder"]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_opening_a_broken_file_exits_1_before_any_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = str(DATA / "bad" / "unknown_timezone.toml")
    assert main([file]) == 1
    err = capsys.readouterr().err
    assert "unknown time zone 'Europe/Atlantis'" in err
    assert f"replay-tui check {file}" in err


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["XDG_DATA_HOME"] = str(cwd / "data")
    return subprocess.run(
        [sys.executable, "-m", "replay_tui", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_installed_command_finds_bundled_sessions_from_another_folder(tmp_path: Path) -> None:
    result = _run("list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [row["id"] for row in json.loads(result.stdout) if row["origin"] == "bundled"]
    assert ids == ["askhamas-2015-03", "idf-hamas-2013-10"]
    assert _run("--version", cwd=tmp_path).stdout.strip() == f"replay-tui {__version__}"


def test_json_spelling_of_a_bundled_session_checks_the_same(tmp_path: Path) -> None:
    import tomllib

    for session in BUNDLED:
        target = tmp_path / (session.stem + ".json")
        target.write_bytes(msgspec.json.encode(tomllib.loads(session.read_text())))
        assert main(["check", "--strict", str(target)]) == 0


def test_from_start_says_it_opens_the_title_card() -> None:
    """--from-start opens the title card (one key before post 1), not the first post."""
    from replay_tui.cli.open import parser

    text = " ".join(parser().format_help().split())
    assert "--from-start open at the title card, not where you left off" in text
