"""Search and the hashtag filter at scale (200,000 posts): the first result comes from a
scan near the cursor, before the background work (the whole search index, the count of
matches, the filter's whole view, the list of hashtags) is done; `n`/`N` and the step keys
work meanwhile, and the counts appear once it is done.

"Before" is made certain, not left to timing: every background build of the search index
is held on a `threading.Event` until the test lets it go. Nothing here measures time."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from replay_tui.format.read import LoadedSession
from replay_tui.replay.filters import FilteredView, PendingView
from replay_tui.replay.search import SearchIndex
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.filter import FilterScreen
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.screens.search import SearchScreen

from .apps import replay_screen, screen_lines, screen_text, settings, two_voices

COUNT = 200_000
SIZE = (120, 40)
SPECIAL = [i for i in range(COUNT) if i % 10_000 == 3]
"""The posts that say "special"."""
TAG3 = [i for i in range(COUNT) if i % 7 == 3]
"""The posts with #tag3."""


@pytest.fixture(scope="module")
def large() -> LoadedSession:
    return two_voices(
        COUNT,
        lambda i: (
            f"Post number {i} says something{' special' if i % 10_000 == 3 else ''} #tag{i % 7} @b"
        ),
        "Two hundred thousand posts",
    )


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold every background build of the search index (`build_steps`, which the workers
    run after the first result) and of the tag index (`tag_steps`, which counts the
    hashtags for the filter dialog) until the test sets the event. The tag index is held
    only in worker threads: the UI thread never waits on it."""
    release = threading.Event()
    build, tag = SearchIndex.build_steps, SearchIndex.tag_steps

    def build_steps(self: SearchIndex, start: int = 0) -> Iterator[tuple[int, int]]:
        release.wait(timeout=120)
        yield from build(self, start)

    def tag_steps(self: SearchIndex) -> Iterator[int]:
        if threading.current_thread() is not threading.main_thread():
            release.wait(timeout=120)
        yield from tag(self)

    monkeypatch.setattr(SearchIndex, "build_steps", build_steps)
    monkeypatch.setattr(SearchIndex, "tag_steps", tag_steps)
    try:
        yield release
    finally:
        release.set()


async def until(pilot: Pilot[object], condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (a worker's answer has arrived)."""
    for _ in range(3000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never got there")


@contextlib.asynccontextmanager
async def released(held: threading.Event) -> AsyncIterator[None]:
    """Let the held workers go before the app closes, whatever the test did (its exit
    waits for worker threads)."""
    try:
        yield
    finally:
        held.set()


def header(app: ReplayApp) -> str:
    return "\n".join(screen_lines(app)[:2])


def status(screen: ReplayScreen) -> str:
    return screen.finder.status.plain


async def opened_at(app: ReplayApp, pilot: Pilot[object], index: int) -> ReplayScreen:
    screen = replay_screen(app)
    screen.go_to(index)
    await pilot.pause()
    return screen


async def test_a_search_shows_its_first_match_before_the_index_is_built(
    large: LoadedSession, held: threading.Event
) -> None:
    app = build_app(large, config=settings())
    async with app.run_test(size=SIZE) as pilot, released(held):
        screen = await opened_at(app, pilot, 100_000)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#search-input", Input).value = "SPECIAL"
        await pilot.press("enter")
        await until(pilot, lambda: screen.replay.position == 100_003)
        index = screen.index
        assert index is not None and not index.built  # the rest waits on `held`
        assert screen.search is not None and screen.search.count is None
        assert "match (still counting…)" in status(screen)
        assert "match (still counting…)" in app.screen.status_text  # type: ignore[attr-defined]
        # Next and previous in the bar, then n and N on the replay screen, still scanning.
        await pilot.press("down")
        await until(pilot, lambda: screen.replay.position == 110_003)
        await pilot.press("up")
        await until(pilot, lambda: screen.replay.position == 100_003)
        await pilot.press("escape", "N")
        await until(pilot, lambda: screen.replay.position == 90_003)
        await pilot.press("n")
        await until(pilot, lambda: screen.replay.position == 100_003)
        # Past the last match, n comes round to the first and says so.
        screen.go_to(SPECIAL[-1])
        await pilot.press("n")
        await until(pilot, lambda: screen.replay.position == SPECIAL[0])
        assert "wrapped round" in status(screen)
        assert not index.built
        # Let the background go: the index is built, the matches are counted.
        held.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert index.built and screen.search.count == len(SPECIAL)
        await pilot.press("n")
        assert screen.replay.position == SPECIAL[1]  # from the list, on the UI thread
        assert status(screen).startswith(f"match 2 of {len(SPECIAL)}")
        await pilot.press("N", "N")
        assert screen.replay.position == SPECIAL[-1]
        assert status(screen).startswith(f"match {len(SPECIAL)} of {len(SPECIAL)}")


async def test_a_search_with_no_match_says_so_without_the_index(
    large: LoadedSession, held: threading.Event
) -> None:
    app = build_app(large, config=settings())
    async with app.run_test(size=SIZE) as pilot, released(held):
        screen = await opened_at(app, pilot, 5)
        screen.finder.search_for("zebra crossing")
        await until(pilot, lambda: "no match" in status(screen))
        assert screen.replay.position == 5
        assert screen.search is not None and screen.search.count is None  # held
        held.set()


async def test_a_hashtag_filter_lands_and_steps_before_its_view_is_counted(
    large: LoadedSession, held: threading.Event
) -> None:
    app = build_app(large, config=settings())
    async with app.run_test(size=SIZE) as pilot, released(held):
        screen = await opened_at(app, pilot, 100_000)
        # F opens at once: the participants, a field for the hashtag, and the list of
        # hashtags still being counted (held).
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        text = screen_text(app)
        assert "Alice  @alice  100,000 posts" in text
        assert "counting hashtags…" in text and "#tag0" not in text
        dialog.query_one("#filter-tag", Input).value = "tag3"  # the # is put in
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.replay.shown is not None)
        shown = screen.replay.shown
        assert isinstance(shown, PendingView)
        # Post 100,000 has #tag5: the cursor goes back to the last #tag3 post before it.
        assert screen.replay.position == 99_998
        assert "filter: #tag3" in header(app)
        assert f"counting… (of {COUNT:,})" in header(app)
        # Stepping skips the other posts, by scanning near the cursor.
        await pilot.press("right")
        assert screen.replay.position == 100_005
        await pilot.press("left", "left")
        assert screen.replay.position == 99_991
        await pilot.press("end")
        assert screen.replay.position == TAG3[-1]
        await pilot.press("home")
        assert screen.replay.position == TAG3[0]
        await pilot.press("5")  # no telling which is halfway before they are counted
        assert screen.replay.position == TAG3[0]
        # The timeline shows only #tag3 posts, up to the current one.
        screen.go_to(99_998)
        await pilot.pause()
        words = [screen.replay.posts[i].text for i in screen.timeline_rows().posts[-3:]]
        assert words[-1] == "Post number 99998 says something #tag3 @b"
        assert all(w is not None and "#tag3" in w for w in words)
        # A search keeps to the posts the filter shows, before either is counted.
        screen.finder.search_for("special")  # 3, 70,003 and 140,003 have #tag3
        await until(pilot, lambda: screen.replay.position == 140_003)
        screen.action_match(-1)
        await until(pilot, lambda: screen.replay.position == 70_003)
        assert isinstance(screen.replay.shown, PendingView)
        # Let the background go: the whole view replaces the pending one, and counts.
        held.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen.replay.shown
        assert isinstance(shown, FilteredView) and shown.indices.tolist() == TAG3
        assert screen.replay.position == 70_003
        assert f"{TAG3.index(70_003) + 1:,}/{len(TAG3):,} shown (of {COUNT:,})" in header(app)
        await pilot.press("n")
        assert screen.replay.position == 140_003
        assert status(screen).startswith("match 3 of 3")


async def test_the_hashtag_list_appears_in_the_open_dialog_when_counted(
    large: LoadedSession, held: threading.Event
) -> None:
    app = build_app(large, config=settings())
    async with app.run_test(size=SIZE) as pilot, released(held):
        screen = await opened_at(app, pilot, 10)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        assert "counting hashtags…" in screen_text(app)
        # Not one hashtag: the dialog says so and stays.
        dialog.query_one("#filter-tag", Input).value = "two words"
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        held.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "counting hashtags…" not in text
        assert "#tag0  28,572 posts" in text
        # Choosing from the list fills the field; the tag index is built, so the filter's
        # whole view comes at once.
        buttons = list(dialog.query(RadioButton))
        tag6 = next(b for b in buttons if str(b.label).startswith("#tag6"))
        tag6.value = True
        await pilot.pause()
        assert dialog.query_one("#filter-tag", Input).value == "#tag6"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = screen.replay.shown
        assert isinstance(shown, FilteredView) and len(shown) == len(range(6, COUNT, 7))
        assert screen.replay.position == 6


async def test_the_dialog_opens_before_the_posts_per_participant_are_counted(
    large: LoadedSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F does not wait for the posts per participant (the screen's worker counts them):
    the dialog lists everyone saying "counting…", and the numbers when they come."""
    from textual.widgets import SelectionList

    from replay_tui.replay.people import PostCounts

    release = threading.Event()
    steps = PostCounts.steps

    def held_steps(self: PostCounts, size: int = 50_000) -> Iterator[int]:
        release.wait(timeout=120)
        yield from steps(self, size)

    monkeypatch.setattr(PostCounts, "steps", held_steps)
    app = build_app(large, config=settings())
    async with app.run_test(size=SIZE) as pilot, released(release):
        await opened_at(app, pilot, 10)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        listing = dialog.query_one(SelectionList)

        def rows() -> list[str]:
            return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]

        assert rows() == ["Alice  @alice  counting…", "Bob  @bob  counting…"]
        release.set()
        await until(pilot, lambda: "counting…" not in " ".join(rows()))
        assert rows() == ["Alice  @alice  100,000 posts", "Bob  @bob  100,000 posts"]
