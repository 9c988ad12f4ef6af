"""App tests never touch the real home: settings, user sessions, bookmarks, notes, reading
positions and presenter files go to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    # Bookmarks and notes (data) and the reading position (state) of every session opened.
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("HOME", str(home))
    # Every replay screen publishes its position for `replay-tui follow`: keep the presenter
    # files here too. Private (0700), or platformdirs refuses it and falls back to /tmp.
    runtime = home / "run"
    runtime.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return home
