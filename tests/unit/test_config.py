"""User settings: created only when saved, atomic, and never a reason to fail at start."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from replay_tui.user.config import Config, config_path


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_the_path_follows_xdg_config_home(config_home: Path) -> None:
    assert config_path() == config_home / "replay-tui" / "config.toml"


def test_loading_creates_nothing(config_home: Path) -> None:
    config = Config.load()
    assert config.theme is None
    assert config.notice is None
    assert not config_home.exists()


def test_save_then_load(config_home: Path) -> None:
    config = Config.load()
    config.theme = "projector"
    config.save()
    path = config_home / "replay-tui" / "config.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"version": 1, "theme": "projector"}
    assert Config.load().theme == "projector"
    # No temporary files are left beside it.
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


def test_odd_theme_names_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    for name in ['a "quoted" \\ name', "ünïcode 🎨", "ctrl\u0085\u007f"]:
        Config(path, theme=name).save()
        assert Config.load(path).theme == name


@pytest.mark.parametrize(
    "content",
    [
        b"theme = \n",  # not TOML
        b'theme = ["a"]\n',  # wrong type
        b"version = 'one'\n",  # wrong type
        b"\xff\xfe\x00garbage",  # not UTF-8
        b"x = " + b"[" * 100_000 + b"]" * 100_000,  # nested beyond the parser's recursion
        b".".join([b"a"] * 100_000) + b" = 1\n",  # would take tomllib about 24 GB
        b"x = " + b"9" * 5000,  # more digits than Python reads
    ],
    ids=["not-toml", "wrong-type", "wrong-version", "not-utf8", "deep", "dotted", "digits"],
)
def test_a_corrupt_file_is_moved_aside_with_a_notice(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    config = Config.load(path)
    assert config.theme is None
    assert config.notice is not None
    assert "moved to" in config.notice
    assert not path.exists()
    aside = list(tmp_path.glob("config.toml.unreadable-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == content
    # The next save starts a fresh file.
    config.theme = "nord"
    config.save()
    assert Config.load(path).theme == "nord"


def test_an_unreadable_file_gives_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()  # a folder where the file should be: reading fails with an OSError
    config = Config.load(path)
    assert config.theme is None
    assert config.notice is not None and "Could not read" in config.notice


def test_a_newer_file_keeps_what_this_version_does_not_know(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('version = 2\ntheme = "nord"\nautoplay = 3\nnested = {a = 1}\n')
    config = Config.load(path)
    assert config.theme == "nord"
    assert config.notice is None
    config.theme = "projector"
    config.save()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["theme"] == "projector"
    assert data["autoplay"] == 3
    assert data["version"] == 2  # never written down to an older version
