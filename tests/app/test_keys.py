"""Every key of the replay screen, pressed through Pilot, and what it does."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.events import Key

from replay_tui.replay.cursor import TITLE
from replay_tui.ui.screens.help import HelpScreen
from replay_tui.ui.widgets.timeline import Timeline

from .apps import replay_app, replay_screen, screen_text

SIZE = (120, 40)


@pytest.mark.parametrize("key", ["right", "l", "j", "pagedown"])
async def test_next_keys(key: str) -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        assert screen.replay.position == TITLE
        await pilot.press(key)
        assert screen.replay.position == 0
        await pilot.press(key)
        assert screen.replay.position == 1
        assert "2/8" in screen_text(app)


@pytest.mark.parametrize(
    ("key", "start", "position"),
    [
        *((key, 3, 2) for key in ("left", "h", "k", "pageup")),
        *((key, 5, 0) for key in ("home", "g")),
        *((key, None, 7) for key in ("end", "G")),  # from the title card
    ],
)
async def test_previous_first_and_last_keys(key: str, start: int | None, position: int) -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        if start is not None:
            screen.go_to(start)
            await pilot.pause()
        await pilot.press(key)
        assert screen.replay.position == position
        assert f"{position + 1}/8" in screen_text(app)


@pytest.mark.parametrize(("digit", "index"), [(str(d), d * 8 // 10) for d in range(10)])
async def test_digits_jump_by_tenths(digit: str, index: int) -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press(digit)
        assert screen.replay.position == index


async def test_the_cards_at_both_ends() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        text = screen_text(app)
        assert "Title card" in text and "Participants" in text and "Sources" in text
        assert "Riverside Library" in text and "Riverside Gazette" in text
        await pilot.press("right")
        assert "Participants" not in screen_text(app)
        await pilot.press("left")
        assert screen.replay.at_title
        await pilot.press("end", "right")
        assert screen.replay.at_end
        text = screen_text(app)
        assert "End of the replay" in text and "Discussion prompts" in text
        await pilot.press("right")  # nothing after the end card
        assert screen.replay.at_end
        await pilot.press("left")
        assert screen.replay.position == 7


async def test_space_plays_without_moving_at_once() -> None:
    """Space starts autoplay (tests/app/test_playback_ui.py drives it with a fake clock);
    the first step waits for its time."""
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "space")
        assert screen.replay.position == 0
        assert screen.autoplay.player.playing
        await pilot.press("space")
        assert not screen.autoplay.player.playing


async def test_help_lists_every_key_and_closes() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for keys in ("→  l  j  PgDn", "←  h  k  PgUp", "Home  g", "End  G", "0 … 9", "ctrl+p"):
            assert keys in text
        for word in ("Context pane", "Reactions pane", "Press pane", "Quit", "This help"):
            assert word in text
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark", "escape")
        assert not isinstance(app.screen, HelpScreen)
        replay_screen(app)


async def test_q_quits_with_status_zero() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "q")
    assert app.return_code == 0


async def test_q_quits_from_the_help_screen_too() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "q")
    assert app.return_code == 0


async def test_ctrl_p_opens_the_palette_and_typing_q_there_does_not_quit() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("q", "1")
        assert app.is_running
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        assert replay_screen(app).replay.position == TITLE


async def test_up_and_down_scroll_the_timeline_not_the_position() -> None:
    app = replay_app()
    async with app.run_test(size=(80, 16)) as pilot:
        screen = replay_screen(app)
        await pilot.press("end")
        timeline = screen.query_one(Timeline)
        assert timeline.has_focus
        bottom = timeline.scroll_offset.y
        assert bottom > 0
        await pilot.press("up", "up")
        assert timeline.scroll_offset.y == bottom - 2
        assert screen.replay.position == 7
        await pilot.press("down")
        assert timeline.scroll_offset.y == bottom - 1
        await pilot.press("left")  # a step brings the current post back into view
        current = [line for line in timeline.laid_out_text() if line.startswith("┃")]
        seen = timeline.visible_text()
        assert current and "\n".join(current) in "\n".join(seen)
        # At the bottom, or a line above it when the view would start on a blank line.
        assert timeline.scroll_offset.y >= timeline.max_scroll_y - 1 and seen[0].strip()


async def test_a_held_key_coalesces_into_few_repaints() -> None:
    """Fourteen key events queued at once (a held arrow key) move the cursor fourteen
    times but repaint once or twice, and the screen shows where the cursor ended."""
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.pause()
        before = screen.syncs
        driver = app._driver
        assert driver is not None
        for _ in range(12):  # past the last post: clamped at the end card
            driver.send_message(Key("right", None))
        for _ in range(2):
            driver.send_message(Key("left", None))
        await pilot.pause()
        await pilot.pause()
        assert screen.replay.position == 6
        repaints = screen.syncs - before
        assert 1 <= repaints <= 3, repaints
        assert "7/8" in screen_text(app)


async def test_from_start_opens_at_the_beginning() -> None:
    """--from-start opens at the title card, one key before post 1, whatever was saved
    (tests/app/test_resume_ui.py has the saved side)."""
    from replay_tui.format.read import load_session
    from replay_tui.ui.app import build_app

    from .apps import SMALL, settings

    app = build_app(load_session(SMALL), from_start=True, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        assert replay_screen(app).replay.position == TITLE
        await pilot.press("right")
        assert replay_screen(app).replay.position == 0
