"""The thread view (`t`): replies under what they answer, indented by depth (capped, so a
deep thread stays readable at 80 columns), and back to replay order."""

from __future__ import annotations

from rich.cells import cell_len

from replay_tui.format.model import Participant, Post
from replay_tui.format.read import LoadedSession
from replay_tui.ui.app import build_app
from replay_tui.ui.widgets.timeline import INDENT, MAX_INDENT_LEVELS, Timeline

from .apps import checked, replay_app, replay_screen, screen_lines, settings

SIZE = (120, 40)


def bar_column(line: str) -> int | None:
    """Where the colour bar of a timeline line is (None for a line without one)."""
    for column, char in enumerate(line):
        if char in "│┃":
            return column
        if char not in " »":
            return None
    return None


async def test_t_shows_replies_under_what_they_answer_and_t_goes_back() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("end", "t")
        assert "thread view" in screen_lines(app)[1]
        rows = screen.timeline_rows()
        # p1 ← p2 ← p3 ← p6 is one thread; p4 quotes (not a reply), p5, p7, p8 stand alone.
        assert list(rows.posts) == [0, 1, 2, 5, 3, 4, 6, 7]
        assert list(rows.depths or []) == [0, 1, 2, 3, 0, 0, 0, 0]
        assert rows.current == 7
        lines = screen.query_one(Timeline).laid_out_text()
        heading = {name: next(line for line in lines if name in line) for name in ("A reader",)}
        assert bar_column(heading["A reader"]) == 3 * INDENT
        # Stepping back in the thread view: the current post is where its thread puts it.
        screen.go_to(5)
        await pilot.pause()
        rows = screen.timeline_rows()
        assert list(rows.posts) == [0, 1, 2, 5, 3, 4] and rows.current == 3
        await pilot.press("t")
        assert "thread view" not in screen_lines(app)[1]
        assert list(screen.timeline_rows().posts) == [0, 1, 2, 3, 4, 5]


def deep_thread(depth: int) -> LoadedSession:
    posts = [
        Post(
            id=f"p{i}",
            author="a" if i % 2 else "b",
            sources=["s"],
            text=f"Reply number {i} in a long back-and-forth",
            reply_to=f"p{i - 1}" if i else None,
        )
        for i in range(depth)
    ]
    people = [Participant(id="a", name="Alice"), Participant(id="b", name="Bob")]
    return checked("deep", "A deep thread", people, posts)


async def test_a_deep_thread_stays_readable_at_80_columns() -> None:
    app = build_app(deep_thread(30), config=settings())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = replay_screen(app)
        await pilot.press("end", "t")
        lines = screen.query_one(Timeline).laid_out_text()
        bars = [column for line in lines if (column := bar_column(line)) is not None]
        assert max(bars) == MAX_INDENT_LEVELS * INDENT  # capped, however deep
        assert any("» ┃" in line or "» │" in line for line in lines)  # marked where capped
        assert "Reply number 29 in a long back-and-forth" in " ".join(
            line.strip("│┃» ") for line in lines
        )
        for line in screen_lines(app):
            assert cell_len(line) == 80
