"""A large session opens on its preview while the whole file is checked in a thread: the
preview shows (sanitised) at once, the replay takes over when the check passes, and a file
that fails the check closes the app with every problem kept for the command line.

The files here are small; `preview(..., from_bytes=0)` gives them the large-file path."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from textual import events

from replay_tui.cli.open import opening
from replay_tui.format.preview import Preview, preview
from replay_tui.format.read import DEFAULT_MAX_BYTES, load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens import loading
from replay_tui.ui.screens.help import HelpScreen
from replay_tui.ui.screens.loading import CHECKING, STILL_CHECKING, LoadingScreen

from .apps import HOSTILE, SMALL, replay_screen, screen_text, settings, settle
from .test_hostile import assert_inert

SIZE = (120, 40)


def as_json(source: Path, folder: Path, **changes: Any) -> Path:
    document = msgspec.to_builtins(load_session(source).session)
    document.update(changes)
    path = folder / (source.stem + ".json")
    path.write_bytes(msgspec.json.encode(document))
    return path


def previewed(path: Path) -> Preview:
    found = preview(path, max_bytes=10**9, from_bytes=0)
    assert found is not None
    return found


def app_for(path: Path, **options: Any) -> ReplayApp:
    return build_app(preview=previewed(path), config=settings(), **options)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The check waits until the test sets the event, so the preview can be looked at."""
    release = threading.Event()
    check = loading.read_session

    def waiting(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=30)
        return check(*args, **kwargs)

    monkeypatch.setattr(loading, "read_session", waiting)
    yield release
    release.set()


async def test_the_preview_shows_first_and_the_replay_follows(
    tmp_path: Path, held: threading.Event
) -> None:
    path = as_json(SMALL, tmp_path)
    app = app_for(path, from_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        text = screen_text(app)
        assert "Riverside library opening hours, March 2021" in text
        assert CHECKING in text
        assert f"Opening {path}" in text
        assert "participant" in text and "source" in text
        # The step keys wait for the check, and say so: nothing moves, nothing breaks.
        await pilot.press("right", "end", "5")
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        assert [n.message for n in app._notifications] == [STILL_CHECKING] * 3
        held.set()
        await settle(app, lambda: not isinstance(app.screen, LoadingScreen))
        screen = replay_screen(app)
        assert screen.replay.at_title
        assert "Title card" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert screen.replay.position == 0
        assert "1/8" in screen_text(app)
        assert app.problems == []


async def test_help_opened_while_checking_gives_way_to_the_replay(
    tmp_path: Path, held: threading.Event
) -> None:
    app = app_for(as_json(SMALL, tmp_path), from_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Quit" in shown
        assert "Open the selected session" not in shown  # the picker's keys are not offered
        held.set()
        await settle(app, lambda: not isinstance(app.screen, (LoadingScreen, HelpScreen)))
        replay_screen(app)
        assert len(app.screen_stack) == 2  # the loading screen (the first) and the replay


async def test_hostile_text_in_the_preview_stays_text(
    tmp_path: Path, held: threading.Event
) -> None:
    app = app_for(as_json(HOSTILE, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert_inert(text)
        await pilot.click(offset=(10, 4))  # on the title's literal click markup
        await pilot.pause()
        assert app.is_running
        held.set()
        await settle(app, lambda: not isinstance(app.screen, LoadingScreen))
        assert app.is_running


async def test_a_file_that_fails_its_check_closes_the_app_with_its_problems(
    tmp_path: Path,
) -> None:
    document = msgspec.to_builtins(load_session(SMALL).session)
    document["posts"][3]["reply_to"] = "nobody"
    path = tmp_path / "broken.json"
    # One field a line, so the problem can be placed on its line.
    path.write_bytes(msgspec.json.format(msgspec.json.encode(document), indent=2))
    app = app_for(path)
    async with app.run_test(size=SIZE):
        await settle(app, lambda: not app.is_running or bool(app.problems))
    assert app.return_code == 1
    errors = [p for p in app.problems if p.severity == "error"]
    assert len(errors) == 1
    problem = errors[0]
    assert problem.file == str(path)
    assert problem.path == "posts[3].reply_to"
    assert "no post has the id 'nobody'" in problem.message
    assert problem.line is not None
    assert '"reply_to": "nobody"' in path.read_text().splitlines()[problem.line - 1]


async def test_a_resumed_session_opens_where_it_was_left(tmp_path: Path) -> None:
    path = as_json(SMALL, tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, lambda: not isinstance(app.screen, LoadingScreen))
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert replay_screen(app).replay.position == 2
    again = app_for(path)
    async with again.run_test(size=SIZE):
        await settle(again, lambda: not isinstance(again.screen, LoadingScreen))
        assert replay_screen(again).replay.position == 2


async def test_a_checked_file_opens_on_its_preview_and_keys_wait_for_the_replay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file checked before the app starts (any but a large JSON file) opens on its preview
    too, with no check of its own and no "checking" line; the replay screen follows once
    the preview is drawn, and a key typed on the preview steps the replay."""
    opened = opening(str(SMALL), DEFAULT_MAX_BYTES)
    assert opened is not None
    loaded, found = opened
    assert loaded is not None

    def no_check(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a checked session is not checked again")

    monkeypatch.setattr(loading, "read_session", no_check)
    shown: list[str] = []
    drawn = LoadingScreen.drawn

    def typed_on_the_preview(screen: LoadingScreen) -> None:
        shown.append(screen_text(app))
        app.post_message(events.Key("right", None))
        drawn(screen)

    monkeypatch.setattr(LoadingScreen, "drawn", typed_on_the_preview)
    app = build_app(loaded, preview=found, config=settings(), from_start=True)
    async with app.run_test(size=SIZE):
        await settle(app, lambda: not isinstance(app.screen, LoadingScreen))
        screen = replay_screen(app)
        await settle(app, lambda: screen.replay.position == 0)
        assert "1/8" in screen_text(app)
        assert [type(s).__name__ for s in app.screen_stack] == ["LoadingScreen", "ReplayScreen"]
    [preview_text] = shown
    assert "Riverside library opening hours, March 2021" in preview_text
    assert f"Opening {SMALL}" in preview_text
    assert CHECKING not in preview_text
    assert app.problems == []
