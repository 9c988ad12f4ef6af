"""Terminal sizes: panes beside the timeline when wide, tabs under it when narrow, nothing
overlapping or crashing down to 60×20, and resizing safe at any moment."""

from __future__ import annotations

from itertools import combinations

import pytest
from textual.widget import Widget
from textual.widgets import Footer, Tabs

from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.banner import PromptBanner
from replay_tui.ui.widgets.panes import Card, Pane, SessionHeader
from replay_tui.ui.widgets.timeline import Timeline

from .apps import HOSTILE, SMALL, replay_app, replay_screen, screen_lines


def shown(screen: ReplayScreen) -> list[Widget]:
    """The widgets that take space on screen now."""
    candidates: list[Widget] = [
        screen.query_one(SessionHeader),
        screen.query_one(ActivityStrip),
        screen.query_one(PromptBanner),
        screen.query_one(Card),
        screen.query_one(Timeline),
        screen.query_one("#pane-tabs", Tabs),
        *screen.query(Pane),
        screen.query_one(Footer),
    ]
    return [w for w in candidates if w.display and w.region.area > 0 and w.is_on_screen]


def assert_tidy(screen: ReplayScreen, size: tuple[int, int]) -> None:
    width, height = size
    widgets = shown(screen)
    for widget in widgets:
        region = widget.region
        assert region.x >= 0 and region.y >= 0, widget
        assert region.right <= width and region.bottom <= height, (widget, region)
    for a, b in combinations(widgets, 2):
        assert not a.region.overlaps(b.region), (a, a.region, b, b.region)


def assert_lines_fill_the_width(lines: list[str], width: int) -> None:
    from rich.cells import cell_len

    for line in lines:
        assert cell_len(line) == width, line


@pytest.mark.parametrize("size", [(120, 40), (99, 30), (80, 24), (60, 20)])
@pytest.mark.parametrize("path", [SMALL, HOSTILE], ids=["small", "hostile"])
async def test_nothing_overlaps_at_any_position(size: tuple[int, int], path: object) -> None:
    app = replay_app(path)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        screen = replay_screen(app)
        for _ in range(screen.replay.count + 2):
            await pilot.pause()
            assert_tidy(screen, size)
            assert_lines_fill_the_width(screen_lines(app), size[0])
            await pilot.press("right")
        assert screen.replay.at_end


async def test_wide_shows_all_panes_beside_the_timeline() -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        await pilot.press("right")
        assert screen.has_class("-wide")
        timeline = screen.query_one(Timeline)
        panes = list(screen.query(Pane))
        assert all(p.display and p.region.height >= 3 for p in panes)
        assert all(p.region.x >= timeline.region.right for p in panes)
        assert not screen.query_one("#pane-tabs").display


async def test_narrow_turns_the_panes_into_tabs_and_the_timeline_keeps_the_width() -> None:
    app = replay_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = replay_screen(app)
        await pilot.press("right")
        assert screen.has_class("-narrow")
        timeline = screen.query_one(Timeline)
        assert timeline.region.width == 80
        tabs = screen.query_one("#pane-tabs", Tabs)
        assert tabs.display and tabs.region.y > timeline.region.y
        visible = [p.id for p in screen.query(Pane) if p.display]
        assert visible == ["context"]
        assert "c Context · 1" in "\n".join(screen_lines(app))
        await pilot.press("r")
        assert [p.id for p in screen.query(Pane) if p.display] == ["reactions"]
        assert tabs.active == "tab-reactions"
        assert screen.query_one("#reactions", Pane).has_focus
        await pilot.press("p")
        assert [p.id for p in screen.query(Pane) if p.display] == ["press"]
        await pilot.press("right")  # still steps while a pane has the focus
        assert screen.replay.position == 1
        assert [p.id for p in screen.query(Pane) if p.display] == ["press"]
        await pilot.press("c")
        assert [p.id for p in screen.query(Pane) if p.display] == ["context"]


async def test_clicking_a_tab_switches_the_pane() -> None:
    app = replay_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = replay_screen(app)
        await pilot.press("right")
        await pilot.click("#tab-press")
        await pilot.pause()
        assert [p.id for p in screen.query(Pane) if p.display] == ["press"]


async def test_resizing_at_any_moment_is_safe() -> None:
    sizes = [(120, 40), (60, 20), (200, 60), (80, 24), (61, 21), (99, 30), (100, 30), (40, 12)]
    app = replay_app(HOSTILE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        for step in range(screen.replay.count + 2):
            for size in sizes:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                if size[0] >= 60 and size[1] >= 20:
                    assert_tidy(screen, size)
            await pilot.press("right" if step % 3 else "question_mark")
            if not isinstance(app.screen, ReplayScreen):
                await pilot.press("escape")
        assert app.is_running
        # The layout follows the final size.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-narrow")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert screen.has_class("-wide")
