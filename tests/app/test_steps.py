"""A step is drawn whole in one frame, and lays nothing out that did not change size.

These pin what stepping relies on in Textual (`widgets/lineview.py`, `widgets/once.py`):
if a Textual release changes how a ScrollView's size or a widget's repaint reach the
screen, these fail rather than stepping silently growing a frame or a layout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from textual import events
from textual.screen import UPDATE_PERIOD

from replay_tui.format.read import LoadedSession
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.panes import Pane
from replay_tui.ui.widgets.timeline import Timeline

from .apps import at_post, settings, two_voices
from .test_select_text import drag

SIZE = (120, 40)
COUNT = 300


@pytest.fixture(scope="module")
def alike() -> LoadedSession:
    """Posts of one shape, so that a step changes no pane's height."""
    return two_voices(
        COUNT, lambda i: f"Post number {i:03d} says something of the same length.", "Posts alike"
    )


class Frames:
    """The text of every frame the app hands to its driver, and the layouts before them."""

    def __init__(self, app: ReplayApp, screen: ReplayScreen) -> None:
        from textual._compositor import ChopsUpdate, LayoutUpdate

        self.texts: list[str] = []
        self.layouts = 0
        original = app._display

        def display(screen: Any, update: Any) -> None:
            original(screen, update)
            if isinstance(update, LayoutUpdate):
                rows = ["".join(strip.text for strip in line) for line in update.strips]
            elif isinstance(update, ChopsUpdate):
                rows = list(written(update))
            else:
                return
            self.texts.append("\n".join(rows))

        def written(update: Any) -> Iterator[str]:
            """What a partial update writes: of the lines it renders, only the spans
            of the widgets that asked for a repaint (as `ChopsUpdate` renders them)."""
            for y, x1, x2 in update.spans:
                line = update.chops[y].items()
                for end, (x, strip) in zip(update.chop_ends[y], line, strict=False):
                    if strip is not None and x < x2 and end > x1:
                        yield strip.crop(max(x1 - x, 0), min(x2, end) - x).text

        app._display = display  # type: ignore[method-assign]
        screen.screen_layout_refresh_signal.subscribe(screen, self._laid_out)

    def _laid_out(self, _: object) -> None:
        self.layouts += 1

    async def until(self, mark: str) -> str:
        """The first frame (from now on) whose text holds `mark`."""
        for _ in range(500):
            for text in self.texts:
                if mark in text:
                    return text
            await asyncio.sleep(0.01)
        raise AssertionError(f"no frame showed {mark!r}")


async def test_a_step_is_drawn_whole_in_its_first_frame_without_a_layout(
    alike: LoadedSession,
) -> None:
    app = build_app(alike, config=settings())
    async with at_post(app, 150, SIZE) as (pilot, screen):
        await pilot.press("right")
        await pilot.pause()
        frames = Frames(app, screen)
        context = screen.query_one("#context", Pane)
        for position in range(153, 158):  # 1-based, as the header says
            # Keys a person presses come frames apart: Textual's frame timer has passed its
            # tick and draws as soon as the screen is idle with anything to draw. (Not a
            # wait for the app: the frame is awaited below.)
            await asyncio.sleep(3 * UPDATE_PERIOD)
            frames.texts.clear()
            # As a terminal sends it: the pilot's own waiting (on every widget) stays out.
            app.post_message(events.Key("right", None))
            first = await frames.until(f"{position}/{COUNT}")
            # The frame that shows the new position shows the rest of the step too: the
            # current post in the timeline and what the context pane says of it.
            assert f"Post number {position - 1:03d}" in first
            time = context.text.splitlines()[-1]
            assert time.startswith("Time: ")
            assert time in first
        # Text of the same height in the panes, a timeline as tall as before: no layout.
        assert frames.layouts == 0


async def test_a_layout_leaves_the_timeline_and_its_scrollbar_alone(
    alike: LoadedSession,
) -> None:
    app = build_app(alike, config=settings())
    async with at_post(app, 150, SIZE) as (_, screen):
        timeline = screen.query_one(Timeline)
        scrollbar = timeline.vertical_scrollbar
        assert timeline.show_vertical_scrollbar
        # The scrollable size is the timeline's own lines, as its scrollbar says.
        assert timeline.virtual_size.height == timeline.line_count
        assert scrollbar.window_virtual_size == timeline.line_count
        repaints: list[object] = []
        original = scrollbar.refresh

        def refresh(*args: Any, **kwargs: Any) -> Any:
            repaints.append(args)
            return original(*args, **kwargs)

        scrollbar.refresh = refresh  # type: ignore[method-assign]
        frames = Frames(app, screen)
        screen.refresh(layout=True)
        for _ in range(500):
            if frames.layouts:
                break
            await asyncio.sleep(0.01)
        assert frames.layouts == 1
        # A layout that did not change the timeline's size: its scrollbar is left alone.
        assert repaints == []
        assert timeline.virtual_size.height == timeline.line_count
        assert scrollbar.window_virtual_size == timeline.line_count


async def test_the_scrollbar_comes_and_goes_with_the_timeline_s_height(
    alike: LoadedSession,
) -> None:
    app = build_app(alike, config=settings())
    async with at_post(app, 0, SIZE) as (pilot, screen):
        timeline = screen.query_one(Timeline)
        # One post: no scrollbar; its column is kept (the text does not move).
        assert not timeline.show_vertical_scrollbar
        width = timeline.scrollable_content_region.width
        for _ in range(12):
            await pilot.press("right")
        await pilot.pause()
        assert timeline.line_count > timeline.scrollable_content_region.height
        assert timeline.show_vertical_scrollbar
        assert timeline.vertical_scrollbar.window_virtual_size == timeline.line_count
        assert timeline.scrollable_content_region.width == width
        await pilot.press("home")
        await pilot.pause()
        assert not timeline.show_vertical_scrollbar


async def test_lines_that_stay_on_screen_are_drawn_from_the_same_strips(
    alike: LoadedSession,
) -> None:
    """A step moves the window under the lines; each keeps its selection coordinates, so
    Textual draws it from the strip it drew before (and the styles it cached with it)."""
    app = build_app(alike, config=settings())
    async with at_post(app, 150, SIZE) as (pilot, screen):
        timeline = screen.query_one(Timeline)
        first = timeline.window[0]
        height = timeline.scrollable_content_region.height
        before = {line.text: line for line in map(timeline.render_line, range(height))}
        await pilot.press("right")
        await pilot.pause()
        assert timeline.window[0] != first  # the window moved on
        after = [timeline.render_line(y) for y in range(height)]
        kept = [line for line in after if before.get(line.text) is line]
        # All but the old and the new current post (and the notes) come back as they were.
        assert len(kept) >= height // 2


async def test_a_drag_after_steps_copies_the_lines_under_it(alike: LoadedSession) -> None:
    app = build_app(alike, config=settings())
    async with at_post(app, 150, SIZE) as (pilot, screen):
        for _ in range(5):
            await pilot.press("right")
        await pilot.pause()
        timeline = screen.query_one(Timeline)
        lines = timeline.visible_text()
        region = timeline.scrollable_content_region
        top = next(y for y, line in enumerate(lines) if "Post number 152" in line)
        bottom = next(y for y, line in enumerate(lines) if "Post number 154" in line)
        start = region.x + lines[top].index("Post"), region.y + top
        end = region.x + lines[bottom].index("Post") + 11, region.y + bottom
        await drag(app, pilot, start, end)
        text = app.screen.get_selected_text()
        assert text is not None
        assert text.startswith("Post number 152 says something of the same length.")
        assert "Post number 153 says" in text
        assert text.rstrip().endswith("Post number")
