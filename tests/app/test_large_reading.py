"""Search, filter, the thread view and the activity strip over 100,000 posts: the slow
parts (the search index, the tag index, counting posts over time) run in thread workers,
so keys return at once. What a person sees is asserted; how long it takes is measured by
bench/run.py, never here."""

from __future__ import annotations

from replay_tui.format.read import LoadedSession
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.filter import FilterScreen
from replay_tui.ui.screens.search import SearchScreen
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.timeline import MAX_WINDOW_POSTS, Timeline

from .apps import replay_screen, screen_text, settings, settle
from .test_large import COUNT, big

__all__ = ["big"]  # the 100,000-post session, a module fixture of test_large

SIZE = (120, 40)


def bar(app: ReplayApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen), screen
    return screen


async def search(app: ReplayApp, pilot: object, query: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
    bar(app).query_one("#search-input").value = query  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()


async def test_searching_a_hundred_thousand_posts_keeps_the_screen_alive(
    big: LoadedSession,
) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await search(app, pilot, "number 98765 ")
        # The index is built in a worker; once it is done, the match is shown.
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.replay.position == 98765
        assert "match" in bar(app).status_text
        assert f"98,766/{COUNT:,}" in screen_text(app)
        # A broad search: 50,000 matches, counted in a worker; n is instant meanwhile.
        await search(app, pilot, "alice")
        await pilot.press("escape", "n")
        await app.workers.wait_for_complete()
        assert screen.replay.position % 2 == 1


async def test_filter_thread_view_and_activity_over_a_hundred_thousand_posts(
    big: LoadedSession,
) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        strip = screen.query_one(ActivityStrip)
        assert strip.activity is not None and len(strip.text) == SIZE[0] - 2
        # F: the hashtags are found in a worker, then the filter opens.
        await pilot.press("F")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        assert "#tag0" in screen_text(app)
        await pilot.press("escape")
        from replay_tui.replay.filters import Filter, PendingView

        screen.apply_filter(Filter(tag="#tag3"))
        await pilot.press("end")
        # The full count is made in the background once the reader stops moving.
        await settle(app, lambda: not isinstance(screen.replay.shown, PendingView))
        shown = screen.replay.shown
        assert shown is not None and len(shown) == len(range(3, COUNT, 7))
        assert f"{len(shown):,}/{len(shown):,} shown (of {COUNT:,})" in screen_text(app)
        await pilot.press("left")
        assert screen.replay.position == shown.indices[-2]
        # The thread view of 14,286 revealed posts: still only a window is laid out.
        await pilot.press("t", "left", "left")
        timeline = screen.query_one(Timeline)
        assert len(timeline.window) <= MAX_WINDOW_POSTS
        assert screen.replay.position == shown.indices[-4]
