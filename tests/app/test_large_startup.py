"""What opening and stepping through a large session leave for later, and that what is left
comes: the activity strip is counted once, in a worker, at the strip's width; a jump lays
out a screenful of posts before its frame and the rest of the window after it; a long title
card is cut into pieces that read as one text. Behaviour only, no times."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from replay_tui.format.model import Participant, Post
from replay_tui.format.read import LoadedSession
from replay_tui.replay.activity import PostTimes
from replay_tui.ui.app import build_app
from replay_tui.ui.render_cards import end_card, title_card
from replay_tui.ui.widgets import activity as strip_module
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.panes import CARD_PIECE_LINES, Card
from replay_tui.ui.widgets.timeline import LOOKBACK_SCREENS, Timeline

from .apps import checked, replay_screen, screen_text, settings, settle
from .test_large import COUNT, big

__all__ = ["big"]  # the 100,000-post session, a module fixture of test_large

SIZE = (120, 40)


async def test_a_large_session_counts_its_activity_once_at_its_width(
    big: LoadedSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[bool] = []

    class Recorded(PostTimes):
        @classmethod
        def steps(cls, loaded: LoadedSession) -> Iterator[PostTimes | None]:
            read.append(threading.current_thread() is threading.main_thread())
            return PostTimes.steps(loaded)

    monkeypatch.setattr(strip_module, "PostTimes", Recorded)
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        strip = replay_screen(app).query_one(ActivityStrip)
        await settle(app, lambda: strip.activity is not None)
        # One count, in a worker, at the strip's width (none at the width of nothing
        # that it had when it was mounted).
        assert read == [False]
        assert strip.counts == 1
        assert len(strip.text) == SIZE[0] - 2
        # Resizes count the columns again, never the posts' times.
        await pilot.resize_terminal(100, 30)
        await pilot.resize_terminal(90, 30)
        await settle(app, lambda: len(strip.text) == 88)
        assert read == [False]
        assert 2 <= strip.counts <= 3  # the last width, and perhaps the one before it


async def test_a_jump_lays_out_a_screenful_first_and_the_window_after_the_frame(
    big: LoadedSession,
) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        timeline = screen.query_one(Timeline)
        await pilot.press("right", "5")
        height = timeline.scrollable_content_region.height
        calls: list[tuple[bool, bool, int]] = []
        show = timeline.show

        def recorded(*, whole: bool = False) -> None:
            show(whole=whole)
            calls.append((whole, timeline.short, timeline.line_count))

        timeline.show = recorded  # type: ignore[method-assign]
        await pilot.press("2")  # a place not laid out before
        assert screen.replay.position == COUNT // 5
        (first, short, lines), *rest = calls
        assert not first and short
        assert height <= lines < height * LOOKBACK_SCREENS  # the screen is full
        assert rest and rest[-1][:2] == (True, False)  # then, after the frame, the window
        assert timeline.line_count >= height * LOOKBACK_SCREENS
        assert f"Post number {COUNT // 5} says something" in screen_text(app)
        # A step needs no second pass: its few new posts are rendered at once.
        calls.clear()
        await pilot.press("left", "right")
        assert calls and not any(short for _, short, _ in calls)


async def test_a_scroll_before_the_window_is_complete_keeps_its_place(
    big: LoadedSession,
) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        timeline = replay_screen(app).query_one(Timeline)
        await pilot.press("right", "7")
        timeline.invalidate()  # nothing cached: laid out short, the rest left for _fill
        assert timeline.short
        # Up to the top: the "↑ … earlier posts" line, a blank, then the posts laid out.
        timeline.scroll_to(y=0, animate=False, immediate=True)
        seen = timeline.visible_text()
        assert seen[0].startswith("↑") and seen[2].startswith(("│", "┃"))
        timeline._fill()  # as if run after the frame, the scroll already made
        assert not timeline.short
        now = timeline.visible_text()
        assert now[2:] == seen[2:]  # every post line where it was...
        assert now[0].startswith(("│", "┃"))  # ...and posts above them, where the note was


def many_participants(count: int) -> LoadedSession:
    people = [
        Participant(id=f"u{i}", name=f"Person {i}", handle=f"@person{i}", role="a voice")
        for i in range(count)
    ]
    posts = [Post(id=f"p{i}", author=f"u{i}", sources=["s"], text=f"Post {i}") for i in range(3)]
    return checked("crowd", "A crowded exchange", people, posts)


async def test_a_long_title_card_is_cut_into_pieces_that_read_as_one() -> None:
    app = build_app(many_participants(300), config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        card = screen.query_one(Card)
        whole = title_card(screen.words).plain
        assert card.text == whole
        pieces = [piece for piece in card.query("CardPiece") if piece.display]
        assert len(pieces) == -(-len(whole.splitlines()) // CARD_PIECE_LINES) > 1
        assert "\n".join(str(piece.visual) for piece in pieces) == whole
        text = screen_text(app)
        assert "A crowded exchange" in text and "Person 0 @person0 — a voice" in text
        await pilot.press("end", "home", "left")  # the title card again, shown anew
        card.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "Person 299 @person299 — a voice" in screen_text(app)
        # A short card (the end card) shows in one piece; the others are hidden.
        await pilot.press("end", "right")
        assert screen.replay.at_end
        assert [piece for piece in card.query("CardPiece") if piece.display] == pieces[:1]
        assert card.text == end_card(screen.words).plain
