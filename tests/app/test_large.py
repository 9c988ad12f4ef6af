"""A session of 100,000 posts: opens, End reaches the last post at once, and the timeline
lays out only a window near the current post (behaviour, not wall-clock time)."""

from __future__ import annotations

import pytest

from replay_tui.format.model import Chapter
from replay_tui.format.read import LoadedSession
from replay_tui.ui.app import build_app
from replay_tui.ui.commands import MAX_HITS
from replay_tui.ui.widgets.timeline import MAX_WINDOW_POSTS, Timeline

from .apps import replay_screen, screen_text, settings, settle, two_voices

COUNT = 100_000


@pytest.fixture(scope="module")
def big() -> LoadedSession:
    return two_voices(
        COUNT,
        lambda i: f"Post number {i} says something #tag{i % 7} @b",
        "A hundred thousand posts",
        [Chapter(title="Second half", start=f"p{COUNT // 2}")],
    )


async def test_end_reaches_the_last_post_and_renders_only_a_window(big: LoadedSession) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        timeline = screen.query_one(Timeline)
        await pilot.press("end")
        assert screen.replay.position == COUNT - 1
        text = screen_text(app)
        assert f"{COUNT:,}/{COUNT:,}" in text
        assert f"Post number {COUNT - 1} says something" in text
        first_line = timeline.laid_out_text()[0]
        hidden = timeline.window[0]
        assert f"↑ {hidden:,} earlier posts (Home or g: the first post)" in first_line
        # Only a window of posts near the current one is laid out, not the session.
        assert len(timeline.window) <= MAX_WINDOW_POSTS
        assert timeline.window[-1] == COUNT - 1
        assert timeline.line_count < 2_000
        assert timeline.blocks_rendered < 200
        rendered = timeline.blocks_rendered
        # A step renders one or two posts more, not the window again.
        await pilot.press("left")
        assert screen.replay.position == COUNT - 2
        assert timeline.blocks_rendered - rendered <= 3
        await pilot.press("5")
        assert screen.replay.position == COUNT // 2
        assert "Chapter 1/1 · Second half" in screen_text(app)
        await pilot.press("home")
        assert screen.replay.position == 0
        assert timeline.line_count < 20


async def test_the_palette_finds_a_post_among_a_hundred_thousand(big: LoadedSession) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        await pilot.press("ctrl+p", *"number 98765 ")
        await settle(app, lambda: "number 98765 " in screen_text(app))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.replay.position == 98765


async def test_a_broad_search_offers_a_bounded_number_of_hits(big: LoadedSession) -> None:
    from replay_tui.ui.commands import PostSearch

    app = build_app(big, config=settings())
    async with app.run_test(size=(120, 40)):
        screen = replay_screen(app)
        provider = PostSearch(screen)
        hits = [hit async for hit in provider.search("alice")]
        assert len(hits) == MAX_HITS
        assert all("Alice" in str(hit.text) for hit in hits)
