"""App tests never touch the real home: settings, user sessions, bookmarks, notes, reading
positions and presenter files go to a temporary folder."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import pytest
from textual.pilot import Pilot


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


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's `snap_compare`, taking its picture once the app's workers
    are done and what they posted is shown: the activity strip, a search and a filter
    answer from thread workers at every size, so without this the picture would depend on
    how fast the machine is."""

    def compare(
        app: object,
        press: Iterable[str] = (),
        run_before: Callable[[Pilot[object]], Awaitable[None] | None] | None = None,
        **options: object,
    ) -> bool:
        keys = tuple(press)

        async def before(pilot: Pilot[object]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await pilot.pause()
            await pilot.press(*keys)
            for _ in range(3):  # a worker's answer may start another (a filter, then its count)
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()

        return snap_compare(app, run_before=before, **options)

    return compare
