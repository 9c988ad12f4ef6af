"""Selecting the timeline's text with the mouse (Textual's selection) and copying it with
ctrl+c, while a click still makes a post current.

The mouse events go to the app as the terminal driver sends them (`App.on_event`), so that
Textual turns a button's release into a click as it does for a user, a drag included."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.selection import Selection
from textual.style import Style

from replay_tui.ui.app import ReplayApp
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.selecting import selected_text, wrap
from replay_tui.ui.widgets.timeline import Timeline

from .apps import replay_app, replay_screen

WIDE = (120, 40)


def at(app: ReplayApp, words: str, column: int = 0) -> tuple[int, int]:
    """The screen cell `column` characters into the first timeline line on screen that
    holds `words`."""
    timeline = app.screen.query_one(Timeline)
    lines = timeline.visible_text()
    y = next(i for i, line in enumerate(lines) if words in line)
    region = timeline.scrollable_content_region
    return region.x + lines[y].index(words) + column, region.y + y


def send(app: ReplayApp, kind: type[events.MouseEvent], cell: tuple[int, int]) -> None:
    x, y = cell
    app.post_message(kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))


async def drag(
    app: ReplayApp, pilot: Pilot[None], start: tuple[int, int], end: tuple[int, int]
) -> None:
    send(app, events.MouseDown, start)
    await pilot.pause()
    send(app, events.MouseMove, end)
    await pilot.pause()
    send(app, events.MouseUp, end)
    await pilot.pause()
    await pilot.pause()


async def click(app: ReplayApp, pilot: Pilot[None], cell: tuple[int, int]) -> None:
    send(app, events.MouseDown, cell)
    send(app, events.MouseUp, cell)
    await pilot.pause()
    await pilot.pause()


async def on_last_post(app: ReplayApp, pilot: Pilot[None]) -> ReplayScreen:
    """The replay at its fourth and last post, all four posts in the timeline."""
    screen = replay_screen(app)
    screen.jump(3)
    await pilot.pause()
    return screen


async def select_a_word(app: ReplayApp, pilot: Pilot[None]) -> None:
    await drag(app, pilot, at(app, "Asked the council"), at(app, "Asked the council", 4))
    assert app.screen.get_selected_text() == "Asked"


async def test_a_drag_selects_text_and_ctrl_c_copies_it_as_written() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await on_last_post(app, pilot)
        start = at(app, "From next week")
        end = at(app, "replying to @RiversideLib", len("replying to") - 1)
        await drag(app, pilot, start, end)
        # The drag selected; it did not go to the post it started on.
        assert screen.replay.position == 3
        selected = app.screen.get_selected_text()
        # No colour bars; the paragraph the timeline wrapped is copied as one line; a
        # post's parts and the posts keep their own line breaks.
        assert selected == (
            "From next week the library closes at 14:00 on Saturdays. #RiversideLibrary\n"
            "▣ photo: A printed notice on the library door listing the new hours.\n"
            "\n"
            "Riverside Residents @RiversideRes  4 Mar 2021 09:12 · same day\n"
            "↳ replying to"
        )
        await pilot.press("ctrl+c")
        assert app.clipboard == selected
        told = [str(n.message) for n in app._notifications]
        assert any(f"Copied the selected text, {len(selected)} characters" in m for m in told)
        # The selection is drawn: its cells take the screen's selection background.
        timeline = app.screen.query_one(Timeline)
        line = start[1] - timeline.scrollable_content_region.y
        before = [s.style.bgcolor for s in timeline.render_line(line - 1) if s.style]
        inside = [s.style.bgcolor for s in timeline.render_line(line) if s.text.strip()]
        assert inside[-1] not in before


async def test_a_click_still_makes_a_post_current_and_clears_the_selection() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = await on_last_post(app, pilot)
        await select_a_word(app, pilot)
        await click(app, pilot, at(app, "From next week", 3))
        assert screen.replay.position == 0
        assert app.screen.get_selected_text() is None
        # A click on a reply line still goes to the post it answers.
        screen.jump(2)
        await pilot.pause()
        await click(app, pilot, at(app, "replying to @RiversideRes", 2))
        assert screen.replay.position == 1


async def test_a_double_click_selects_the_post_it_made_current() -> None:
    app = replay_app()
    # Two clicks make a double click only within Textual's time threshold: widen it so
    # that a slow machine cannot turn this into two single clicks.
    app.CLICK_CHAIN_TIME_THRESHOLD = 3600.0
    async with app.run_test(size=WIDE) as pilot:
        screen = await on_last_post(app, pilot)
        cell = at(app, "Saturday afternoon is when", 2)
        await click(app, pilot, cell)
        await click(app, pilot, cell)
        assert screen.replay.position == 1
        assert app.screen.get_selected_text() == (
            "Riverside Residents @RiversideRes  4 Mar 2021 09:12 · same day\n"
            "↳ replying to @RiversideLib\n"
            "@RiversideLib Saturday afternoon is when working families can come. "
            "Please reconsider.\n"
            "as worded by Example Archive: Saturday afternoon is when working families "
            "can come. Please reconsider!"
        )


async def test_a_step_ends_the_selection() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await on_last_post(app, pilot)
        await select_a_word(app, pilot)
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.get_selected_text() is None


async def test_in_the_thread_view_the_indent_is_not_copied() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("end", "t")
        await pilot.pause()
        await drag(app, pilot, at(app, "We hear you"), at(app, "Just open on Sunday", 3))
        assert app.screen.get_selected_text() == (
            "We hear you. Staffing is the reason; we will share the numbers. #RiversideLibrary\n"
            "\n"
            "A reader  5 Mar 2021 16:40 · same day  deleted\n"
            "↳ replying to @RiversideLib\n"
            "Just"
        )


async def test_wrapped_lines_are_joined_by_what_the_wrap_took_out() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE):
        timeline = app.screen.query_one(Timeline)
        written = "abcdefghijkl   mn\nop"
        strips, seams = wrap(timeline, Content(written), 5, Style())
        # A word longer than the line is folded (nothing between its pieces); the spaces
        # where a line was broken come back; the text's own line break stays.
        assert [strip.text.rstrip() for strip in strips] == ["abcde", "fghij", "kl", "mn", "op"]
        assert [seam.join for seam in seams] == ["", "", "   ", "\n", "\n"]
        texts = [strip.text for strip in strips]
        assert selected_text(texts, seams, Selection(None, None)) == written
