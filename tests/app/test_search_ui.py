"""Search in the app (`/`, Enter, `n`, `N`): where it goes, what it highlights, what it says,
on the small session and on the hostile one (100,000 posts: test_large_reading.py).

A search runs in a worker at every size (the answer comes back as a message), so the tests
wait for the workers after Enter, as a person waits for the screen to change."""

from __future__ import annotations

from textual.content import Content

from replay_tui.ui import text as t
from replay_tui.ui.app import ReplayApp
from replay_tui.ui.render_panes import context_pane
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.screens.search import SearchScreen

from .apps import HOSTILE, answered, at_post, replay_app, replay_screen
from .test_hostile import assert_inert, everything_shown

SIZE = (120, 40)


def bar(app: ReplayApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen), screen
    return screen


def matched(content: Content) -> list[str]:
    """The highlighted pieces of `content`."""
    return [content.plain[s.start : s.end] for s in content.spans if s.style == t.MATCH]


async def search(app: ReplayApp, pilot: object, query: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
    field = bar(app).query_one("#search-input")
    field.value = query  # type: ignore[attr-defined]
    await pilot.press("enter")
    await answered(app, pilot)


async def test_slash_enter_n_and_shift_n() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("slash")
        bar(app)
        await pilot.press(*"staffing", "enter")
        await answered(app, pilot)
        # The first match after the cursor (the title card): p3, "Staffing is the reason".
        assert screen.replay.position == 2
        assert "match 1 of 3" in bar(app).status_text
        await pilot.press("enter")  # Enter again: the next match
        await pilot.pause()
        assert screen.replay.position == 3
        assert "match 2 of 3" in bar(app).status_text
        await pilot.press("up")
        await pilot.pause()
        assert screen.replay.position == 2
        await pilot.press("escape")
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("n", "n")
        assert screen.replay.position == 6
        await pilot.press("n")  # round to the first match
        assert screen.replay.position == 2
        await pilot.press("N")
        assert screen.replay.position == 6
        await pilot.press("slash")
        assert bar(app).query_one("#search-input").value == "staffing"  # type: ignore[attr-defined]


async def test_matches_are_highlighted_in_posts_names_and_panes() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await search(app, pilot, "LIBRARY")
        replay = screen.replay
        assert matched(screen.words.post_body(replay.posts[0])) == ["library", "Library"]
        assert matched(screen.words.who(replay.participant("library"))) == ["Library"]
        context, _ = context_pane(screen.words)
        assert "library" in matched(context)  # "The library budget", a context note
        # Closing the bar keeps the highlights; an empty search clears them.
        await pilot.press("escape")
        assert matched(screen.words.post_body(replay.posts[0]))
        await search(app, pilot, "")
        assert not matched(screen.words.post_body(replay.posts[0]))


async def test_no_match_says_so_and_stays() -> None:
    app = replay_app()
    async with at_post(app, 3, SIZE) as (pilot, screen):
        await search(app, pilot, "zebra crossing")
        assert screen.replay.position == 3
        assert "no match for zebra crossing" in bar(app).status_text


async def test_a_match_outside_the_text_says_where_it_is() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await search(app, pilot, "budget")  # only in the context note on p1
        assert screen.replay.position == 0
        assert "in a context note" in bar(app).status_text
        await search(app, pilot, "drew a large response")  # a session-wide excerpt: no post
        assert "no match" in bar(app).status_text


async def test_search_finds_words_whatever_their_marks_and_case() -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        # The text holds U+202E before "txet": search ignores it, the display shows it.
        await search(app, pilot, "TXET DESREVER")
        assert screen.replay.position == 0
        body = screen.words.post_body(screen.replay.posts[0])
        assert matched(body) == ["txet desrever"]
        assert "<U+202E>txet desrever" in body.plain


async def test_hostile_queries_and_matches_stay_inert() -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        for query in ("[@click=app.quit]x[/]", "a [/] b [bold", "[b]not bold[/b]", "\\", "שלום"):
            await search(app, pilot, query)
            assert app.is_running
            assert "no match" not in bar(app).status_text, query
            assert screen.replay.on_post
            body = screen.words.post_body(screen.replay.current)  # type: ignore[arg-type]
            assert any(query.casefold() in piece.casefold() for piece in matched(body)), query
        await pilot.press("escape")
        text = everything_shown(app)
        assert_inert(text)
        assert "[@click=app.quit]x[/]" in text
        # Clicking on a highlighted "[@click=app.quit]" does nothing either.
        await pilot.click("#timeline", offset=(10, 5))
        assert app.is_running
