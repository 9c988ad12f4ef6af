"""Small terminals stay useful and never crash: lists and the palette open on a terminal a
few columns wide, and while the terminal is resized under them; the current post's text is on
screen at every size, and below the minimum one line says the terminal is too small."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette

from replay_tui.format.read import load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.widgets.room import MIN_HEIGHT, MIN_WIDTH, too_small_line
from replay_tui.ui.widgets.timeline import Timeline

from .apps import replay_screen, screen_lines, screen_text, settings
from .test_bursts import burst

SESSION = Path(__file__).resolve().parents[2] / "sessions" / "idf-hamas-2013-10.toml"


@pytest.mark.parametrize("key", ["C", "ctrl+p", "question_mark", "slash", "F", "a"])
@pytest.mark.parametrize("width", [1, 5])
async def test_dialogs_open_on_a_terminal_a_few_columns_wide(
    tmp_path: Path, key: str, width: int
) -> None:
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "l")
        await pilot.resize_terminal(width, 20)
        await pilot.pause()
        await pilot.press(key, "down", "down")
        await pilot.pause()
    assert app.return_code in (None, 0)


DIALOGS = {"chapters": "C", "palette": "ctrl+p", "filter": "F", "search": "slash", "note": "a"}
DIALOGS["help"] = "question_mark"


async def test_resizing_with_a_dialog_open_never_crashes(tmp_path: Path) -> None:
    """From 20×10 to 250×80 (and 1×1), while each dialog is open in turn; closed at the
    last size, the screen shows the current post's text, and the too-small line below
    the minimum. One app for all (a resize costs a layout of both screens)."""
    rng = random.Random(17)
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = replay_screen(app)
        await pilot.press("l", "l", "l", "l")
        for dialog, key in DIALOGS.items():
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not screen, dialog
            sizes = [(1, 1), (20, 10), (250, 80), (40, 12)]
            rng.shuffle(sizes)
            sizes.append((rng.randint(20, 250), rng.randint(10, 80)))
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
                if rng.random() < 0.5:
                    await pilot.pause()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen, dialog
            text = screen_text(app)
            assert first_words(app) in text, (dialog, sizes[-1])
            small = sizes[-1][0] < MIN_WIDTH or sizes[-1][1] < MIN_HEIGHT
            assert ("Too small" in text) is small, (dialog, sizes[-1])
    assert app.return_code in (None, 0)


def first_words(app: ReplayApp) -> str:
    """The current post's first word as the screen shows it (or the missing-text line's)."""
    post = replay_screen(app).replay.current
    assert post is not None
    return (post.text or "text unknown").split()[0]


@pytest.mark.parametrize("size", [(40, 12), (20, 10), (30, 10), (250, 80)])
async def test_the_current_posts_text_is_on_screen_at_every_size(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=size) as pilot:
        screen = replay_screen(app)
        for _ in range(screen.replay.count):
            await pilot.press("l")
            await pilot.pause()
            assert first_words(app) in screen_text(app), (screen.replay.position, size)
        small = size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT
        assert ("Too small" in screen_text(app)) is small


@pytest.mark.parametrize(
    ("size", "thread"),
    [
        ((50, 14), False),
        ((50, 14), True),
        ((30, 10), False),
        ((40, 12), False),
        ((80, 24), False),
        ((120, 40), False),
    ],
)
async def test_the_timeline_never_starts_on_the_blank_line_between_posts(
    tmp_path: Path, size: tuple[int, int], thread: bool
) -> None:
    """In a small terminal every row counts: at every step the timeline's first row is a
    post's line (or the 'earlier posts' line), never the blank line after a post, and the
    current post's text (the lines with its heavy bar) is still whole on screen, or from its
    top when it is taller than the timeline."""
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=size) as pilot:
        screen = replay_screen(app)
        timeline = screen.query_one(Timeline)
        if thread:
            await pilot.press("l", "t")
        for _ in range(screen.replay.count - (1 if thread else 0)):
            await pilot.press("l")
            await pilot.pause()
            where = (screen.replay.position, size)
            seen = timeline.visible_text()
            assert seen[0].strip(), where
            current = [line for line in timeline.laid_out_text() if heavy(line)]
            shown = [line for line in seen if heavy(line)]
            assert shown and shown == current[: len(shown)], where
            # Whole, or from its top (under its chapter's line) to the bottom of the view.
            assert len(shown) == len(current) or seen[-len(shown) :] == shown, where


def heavy(line: str) -> bool:
    """A line of the current post (its bar is heavy; in the thread view, indented)."""
    return line.lstrip(" »").startswith("┃")


async def test_too_small_says_so_in_one_line_and_the_keys_still_work(tmp_path: Path) -> None:
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = replay_screen(app)
        await pilot.resize_terminal(24, 6)
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].startswith("Too small: need 30×10")
        assert sum("Too small" in line for line in lines) == 1
        await pilot.press("l", "l", "l")
        await pilot.pause()
        assert screen.replay.position == 2
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        text = screen_text(app)
        assert "Too small" not in text
        assert first_words(app) in text
        assert "3/9" in text  # the header is back, at the same post
        assert screen.query_one(Timeline).display
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_the_too_small_line_fits_any_width() -> None:
    for width in range(1, 200):
        assert len(too_small_line(width, 5)) <= width
    assert too_small_line(200, 5) == (
        "Terminal too small: 200×5; replay-tui needs at least 30×10 — enlarge it or press q to quit"
    )


@pytest.mark.parametrize("key", ["a", "ctrl+p"])
async def test_a_resize_under_a_dialog_is_applied_when_it_closes(tmp_path: Path, key: str) -> None:
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        await pilot.press("l", "l", key)
        await pilot.pause()
        assert app.screen is not screen
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.has_class("-too-small", "-narrow")
        assert first_words(app) in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.has_class("-wide") and not screen.has_class("-too-small")
    assert app.return_code in (None, 0)


def mouse(kind: type[events.MouseEvent], x: int, y: int) -> events.MouseEvent:
    """A mouse event as the terminal driver posts it (button 1, no modifier)."""
    return kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y)


@pytest.mark.parametrize("clicks", [2, 3, 5])
async def test_quick_clicks_outside_the_palette_close_it_once(tmp_path: Path, clicks: int) -> None:
    """Clicks the driver posts at once, before the palette has handled the first: each
    used to dismiss the screen on top then (the replay screen, then ScreenStackError)."""
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        await pilot.press("l", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for _ in range(clicks):
            app.post_message(mouse(events.MouseDown, 3, 36))
            app.post_message(mouse(events.MouseUp, 3, 36))
        for _ in range(5):
            await pilot.pause()
        assert app.screen is screen
        await pilot.press("l")
        assert screen.replay.position == 1
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("seed", range(4))
async def test_the_palette_closed_while_it_gathers_never_crashes(tmp_path: Path, seed: int) -> None:
    """ctrl+p, a query and Esc in one burst, with resizes between: the palette's worker
    went on styling the hits it gathered after the palette was removed, and raised
    KeyError 'command-palette--help-text' (5 or 6 runs in 10 on Textual's own palette).
    The number of turns the loop gets between the keys varies the interleaving."""
    rng = random.Random(seed)
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        await pilot.press("l")
        for _ in range(6):
            burst(app, "ctrl+p", *rng.choice(["post", "go", "1", "chapter", "a"]))
            for _ in range(rng.randint(0, 20)):
                await asyncio.sleep(0)  # a turn of the loop, not a wait
            for _ in range(rng.randint(0, 3)):
                size = (rng.randint(10, 200), rng.randint(5, 60))
                app.post_message(events.Resize.from_dimensions(size, None))
            burst(app, *["escape"] * rng.randint(1, 3))
            for _ in range(rng.randint(0, 30)):
                await asyncio.sleep(0)
        await app.workers.wait_for_complete()
        # Every key is handled in order, each Esc after the keys typed before it: the
        # last ones may still be on their way.
        for _ in range(200):
            if app.screen is screen and app.key_holder.held is None:
                break
            await pilot.pause()
        for _ in range(5):
            await pilot.pause()
        assert app.screen is screen  # a second Esc never closed the replay screen
    assert app.return_code in (None, 0)


async def header_at(tmp_path: Path, size: tuple[int, int], *, filtered: bool) -> list[str]:
    """The header's lines at post 6 of 9 (chapter 3/4), in the thread view and filtered
    to two participants when `filtered`."""
    from replay_tui.replay.filters import Filter
    from replay_tui.ui.widgets.panes import SessionHeader

    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=size) as pilot:
        screen = replay_screen(app)
        screen.go_to(5)
        if filtered:
            screen.apply_filter(Filter(participants=frozenset({"lerner", "qassam"})))
            await pilot.press("t")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        header = screen.query_one(SessionHeader)
        return screen_lines(app)[: header.region.height]


async def test_the_headers_labels_are_kept_apart(tmp_path: Path) -> None:
    (_, where) = await header_at(tmp_path, (100, 30), filtered=True)
    assert where.startswith(" thread view · filter: Alqassam Brigades, Peter Lerner · Chapter 3")


@pytest.mark.parametrize("size", [(30, 10), (40, 12), (50, 14), (80, 24)])
@pytest.mark.parametrize("filtered", [False, True])
async def test_the_header_always_shows_the_position(
    tmp_path: Path, size: tuple[int, int], filtered: bool
) -> None:
    """The position is what a teacher reads: the zone and the playback state give way."""
    first = (await header_at(tmp_path, size, filtered=filtered))[0]
    assert ("6/8 shown (of 9)" if filtered else "6/9") in first, first


@pytest.mark.parametrize("size", [(50, 14), (80, 15)])
async def test_a_one_row_header_still_says_what_changes_the_view(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Below 16 rows the header keeps one row: the thread view and a filter stay on it."""
    (first,) = await header_at(tmp_path, size, filtered=True)
    assert first.startswith(" thread view · filter · IDF"), first
    assert first.rstrip().endswith("6/8 shown (of 9)"), first
