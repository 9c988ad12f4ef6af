"""`replay-tui follow`: a follower app mirrors a presenter app through the presenter file.

Both apps run in this process (two `run_test` contexts), as two terminals would run them;
the follower polls the file on its own timer, so each check waits (with a deadline) for
the follower to catch up instead of sleeping a fixed time.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from replay_tui.format.read import load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.follow import FollowScreen
from replay_tui.ui.screens.help import HelpScreen
from replay_tui.ui.widgets.focus import FocusView, NotesPane
from replay_tui.ui.widgets.timeline import Timeline
from replay_tui.user.follow import Presence, presence_path, read_presence

from .apps import SMALL, replay_app, replay_screen, screen_text, settings
from .reading import flat, timeline_words

WIDE = (120, 40)
SESSION = "small-library-hours"


def follower_app(path: Path = SMALL) -> ReplayApp:
    loaded = load_session(path)
    return build_app(loaded, config=settings(), follow=presence_path(loaded.session.id))


def follower(app: ReplayApp) -> FollowScreen:
    screen = app.screen
    assert isinstance(screen, FollowScreen), screen
    return screen


def at(screen: FollowScreen, position: int) -> bool:
    return screen.replay.position == position


async def until(check: Callable[[], bool], *apps: ReplayApp, timeout: float = 5.0) -> None:
    """Wait, letting both apps run, until `check()` holds; fail after `timeout` seconds."""
    import asyncio

    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the follower did not catch up in time"
        await asyncio.sleep(0.02)


async def test_a_follower_tracks_a_presenter_across_steps() -> None:
    presenter = replay_app()
    audience = follower_app()
    async with presenter.run_test(size=WIDE) as pilot, audience.run_test(size=WIDE):
        screen = replay_screen(presenter)
        mirror = follower(audience)
        await until(lambda: "following" in mirror.status_text)
        assert "following Riverside library opening hours, March 2021" in mirror.status_text
        for keys, position in (
            (("right",), 0),
            (("right",), 1),
            (("right", "right", "right"), 4),
            (("left",), 3),
            (("end",), 7),
            (("right",), 8),  # the end card
            (("home",), 0),
        ):
            await pilot.press(*keys)
            assert screen.replay.position == position
            await until(functools.partial(at, mirror, position))
            await until(lambda: timeline_words(audience) == timeline_words(presenter))
        assert "1/8" in screen_text(audience)


async def test_the_follower_mirrors_focus_guess_and_reveal_but_never_notes() -> None:
    presenter = replay_app()
    audience = follower_app()
    async with presenter.run_test(size=WIDE) as pilot, audience.run_test(size=WIDE):
        screen = replay_screen(presenter)
        mirror = follower(audience)
        assert not mirror.query(NotesPane)  # not even hidden
        await pilot.press("P", "f", "right")
        await until(lambda: mirror.replay.position == 0 and mirror.focus_mode)
        focus = mirror.query_one(FocusView)
        await until(lambda: "From next week the library closes" in focus.text)
        assert "Presenter only" not in screen_text(audience)
        assert "Presenter only" in screen_text(presenter)
        # Guess the reply: the follower withholds the text while the presenter does.
        await pilot.press("m", "right")
        assert screen.reveal.withheld
        await until(lambda: mirror.reveal.withheld)
        await until(lambda: "what did they say?" in flat(focus.text))
        assert "Saturday afternoon" not in flat(focus.text)
        assert "→ shows the reply" not in focus.text  # a presenter's hint, not the class's
        await pilot.press("right")
        await until(lambda: "Saturday afternoon" in flat(focus.text))
        # A content warning: hidden until the presenter reveals it, hidden again after.
        screen.go_to(3)
        await until(lambda: mirror.replay.position == 3)
        await until(lambda: "photo hidden" in flat(focus.text))
        assert "council building" not in flat(focus.text)
        assert "v reveals" not in focus.text
        await pilot.press("v")
        await until(lambda: "council building" in flat(focus.text))
        await pilot.press("right", "left")
        await until(lambda: mirror.replay.moves >= 3 and not mirror.reveal.revealed)
        await until(lambda: "council building" not in flat(focus.text))
        # Back to the timeline view.
        await pilot.press("f")
        await until(lambda: not mirror.focus_mode)
        assert mirror.query_one(Timeline).display


async def test_waiting_then_following_then_gone() -> None:
    audience = follower_app()
    async with audience.run_test(size=WIDE):
        mirror = follower(audience)
        assert "waiting for a presenter of Riverside library opening hours" in mirror.status_text
        assert mirror.replay.at_title
        presenter = replay_app()
        async with presenter.run_test(size=WIDE) as pilot:
            await pilot.press("right", "right")
            await until(lambda: mirror.replay.position == 1)
            assert "following" in mirror.status_text
        # The presenter quit: its file is gone; the follower stays where it stopped.
        assert read_presence(presence_path(SESSION)) is None
        await until(lambda: "presenter gone" in mirror.status_text)
        assert mirror.replay.position == 1
        # A presenter of the same session comes back: followed again.
        again = replay_app()
        async with again.run_test(size=WIDE) as pilot:
            await pilot.press("home")  # (it may have resumed where the first one stopped)
            await until(lambda: mirror.replay.position == 0)
            assert "following" in mirror.status_text


async def test_a_presenter_that_died_is_not_followed() -> None:
    path = presence_path(SESSION)
    stale = Presence(session=SESSION, file=str(SMALL), title="t", pid=2**22 + 7, started=0.0)
    path.write_bytes(msgspec.json.encode(msgspec.structs.replace(stale, position=5, seq=1)))
    audience = follower_app()
    async with audience.run_test(size=WIDE) as pilot:
        mirror = follower(audience)
        await pilot.pause()
        assert "waiting for a presenter" in mirror.status_text
        assert mirror.replay.at_title


async def test_the_follower_takes_no_keys_but_help_and_quit() -> None:
    audience = follower_app()
    async with audience.run_test(size=WIDE) as pilot:
        mirror = follower(audience)
        await pilot.press("right", "l", "end", "5", "f", "m", "v", "P", "s", "e", "S")
        assert mirror.replay.at_title and not mirror.focus_mode
        assert audience.screen is mirror
        assert "m Guess" not in screen_text(audience)
        await pilot.press("question_mark")
        assert isinstance(audience.screen, HelpScreen)
        assert "This screen follows a presenter" in screen_text(audience)
        # S is refused, so the palette offers no screenshot either (ui/commands.py).
        titles = [command.title for command in audience.get_system_commands(mirror)]
        assert "Theme" in titles and "Screenshot" not in titles
        await pilot.press("escape", "q")
    assert audience.return_code == 0


async def test_a_presenter_whose_file_cannot_be_written_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import replay_tui.user.follow as follow

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(follow, "write_atomic", full_disk)
    presenter = replay_app()
    async with presenter.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        assert replay_screen(presenter).replay.position == 1
        told = [n for n in presenter._notifications if n.title == "Follow"]
        assert len(told) == 1
        assert "Followers cannot see this session" in told[0].message
        assert "No space left on device" in told[0].message
