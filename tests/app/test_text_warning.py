"""A post's own content warning (`warning`, `warning_by`): its words stay behind the warning,
named as the author's or the editor's, until the presenter reveals them with `v`, wherever
the words would show (timeline, focus view, a reply's preview, palette, bookmarks, search,
a follower)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot

from replay_tui.ui.app import ReplayApp
from replay_tui.ui.commands import PostSearch
from replay_tui.ui.screens.lists import JumpList
from replay_tui.ui.screens.provenance import ProvenanceScreen
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.focus import FocusView

from .apps import DATA, at_post, replay_app, replay_screen, screen_text
from .reading import flat, timeline_words
from .test_follow import follower, follower_app, until
from .test_hostile import assert_inert, everything_shown
from .test_search_ui import bar, search

WIDE = (120, 40)
WARNED = DATA / "good" / "warned.toml"
TEXT = "accident report describes the injuries"
VARIANT = "talked about the flooded homes"
BY_AUTHOR = "content warning by the author: Injury details"
BY_EDITOR = "content warning by the session's editor: Disaster: a description of flood damage"


@asynccontextmanager
async def warned_at(
    index: int, path: Path = WARNED
) -> AsyncIterator[tuple[ReplayApp, Pilot[int], ReplayScreen]]:
    """The warned session (or `path`) running, at post `index` (0-based)."""
    app = replay_app(path)
    async with at_post(app, index, WIDE) as (pilot, screen):
        yield app, pilot, screen


async def test_the_words_hide_behind_the_authors_warning_until_v() -> None:
    async with warned_at(1) as (app, pilot, screen):
        words = timeline_words(app)
        assert f"text hidden · {BY_AUTHOR}" in words and TEXT not in words
        await pilot.press("v")
        assert screen.reveal.revealed
        words = timeline_words(app)
        assert TEXT in words and BY_AUTHOR in words and "text hidden" not in words
        await pilot.press("v")  # v again hides
        assert TEXT not in timeline_words(app)
        await pilot.press("v", "right")  # moving on hides it again
        assert TEXT not in timeline_words(app) and BY_AUTHOR in timeline_words(app)
        await pilot.press("left")
        assert TEXT not in timeline_words(app)


async def test_an_editors_warning_hides_the_variants_too_and_says_whose_it_is() -> None:
    async with warned_at(3) as (app, pilot, _):
        words = timeline_words(app)
        assert BY_EDITOR in words and "by the author" not in words.split("Ben Example")[-1]
        assert "flood damage." not in words and VARIANT not in words
        await pilot.press("v")
        words = timeline_words(app)
        assert "The council discussed the flood damage." in words and VARIANT in words


async def test_the_focus_view_and_a_replys_preview_keep_the_warning() -> None:
    async with warned_at(1) as (app, pilot, screen):
        await pilot.press("f")
        focus = screen.query_one(FocusView)
        assert BY_AUTHOR in flat(focus.text) and TEXT not in flat(focus.text)
        assert "v reveals it for this post" in flat(focus.text)
        await pilot.press("v")
        assert TEXT in flat(focus.text) and BY_AUTHOR in flat(focus.text)
        await pilot.press("right")  # p3 replies to p2: its preview shows the warning only
        await pilot.pause()
        assert "Thank you for the warning." in flat(focus.text)
        assert BY_AUTHOR in flat(focus.text) and TEXT not in flat(focus.text)
        assert TEXT not in flat(screen_text(app))


async def test_a_follower_shows_the_words_only_when_the_presenter_reveals_them() -> None:
    presenter = replay_app(WARNED)
    audience = follower_app(WARNED)
    async with presenter.run_test(size=WIDE) as pilot, audience.run_test(size=WIDE):
        screen = replay_screen(presenter)
        mirror = follower(audience)
        await pilot.press("f")
        screen.go_to(1)
        await until(lambda: mirror.replay.position == 1 and mirror.focus_mode)
        focus = mirror.query_one(FocusView)
        await until(lambda: BY_AUTHOR in flat(focus.text))
        assert TEXT not in flat(focus.text) and "v reveals" not in focus.text
        await pilot.press("v")
        await until(lambda: TEXT in flat(focus.text))
        await pilot.press("v")
        await until(lambda: TEXT not in flat(focus.text))


async def test_search_finds_hidden_words_without_showing_them() -> None:
    async with warned_at(0) as (app, pilot, screen):
        await search(app, pilot, "injuries")
        assert screen.replay.position == 1
        status = bar(app).status_text
        assert "in the text behind a content warning" in status and TEXT not in status
        shown = flat(screen_text(app))
        assert "injuries" not in shown.replace("/ injuries", "")  # only the query typed
        assert "text hidden · content warning by the author" in shown
        await search(app, pilot, "Injury details")  # the warning is searchable, and shown
        assert screen.replay.position == 1
        assert "behind a content warning" not in bar(app).status_text


async def test_the_palette_shows_the_warning_in_place_of_hidden_words() -> None:
    app = replay_app(WARNED)
    async with app.run_test(size=WIDE):
        provider = PostSearch(replay_screen(app))
        hits = [str(hit.text) async for hit in provider.search("injuries")]
    assert len(hits) == 1
    assert BY_AUTHOR in hits[0] and "injuries" not in hits[0]


async def test_the_sources_view_keeps_the_words_behind_the_warning_until_v() -> None:
    async with warned_at(3) as (app, pilot, _):
        await pilot.press("s")
        assert isinstance(app.screen, ProvenanceScreen)
        said = flat(app.screen.text)
        assert f"text hidden · {BY_EDITOR}" in said and "Press v on the post" in said
        assert "flood damage." not in said and VARIANT not in said
        await pilot.press("escape", "v", "s")
        assert isinstance(app.screen, ProvenanceScreen)
        said = flat(app.screen.text)
        assert "The council discussed the flood damage." in said and VARIANT in said


def changed(tmp_path: Path, old: str, new: str) -> Path:
    """The warned session with `old` written as `new`, in a file of its own."""
    path = tmp_path / "changed.toml"
    path.write_text(WARNED.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


async def test_a_hostile_warning_stays_literal_on_screen(tmp_path: Path) -> None:
    hostile = '"[bold]x[/] [@click=app.quit]q[/] \\u001b[2J \\u202eevil"'
    async with warned_at(1, changed(tmp_path, '"Injury details"', hostile)) as (app, pilot, _):
        await pilot.press("f")
        shown = everything_shown(app) + flat(replay_screen(app).query_one(FocusView).text)
        assert_inert(shown)
        assert "[bold]x[/] [@click=app.quit]q[/] ^[[2J <U+202E>evil" in shown


async def test_the_bookmark_list_shows_the_warning_in_place_of_hidden_words() -> None:
    async with warned_at(1) as (app, pilot, _):
        await pilot.press("b", "B")
        assert isinstance(app.screen, JumpList)
        row = flat(app.screen.texts[0])
        assert BY_AUTHOR in row and TEXT not in row


async def test_guessing_a_warned_reply_takes_the_guess_then_the_warning_then_v(
    tmp_path: Path,
) -> None:
    warned = 'reply_to = "p2"\nwarning = "Thanks"\nwarning_by = "author"\n'
    async with warned_at(1, changed(tmp_path, 'reply_to = "p2"\n', warned)) as (app, pilot, screen):
        await pilot.press("m", "right")  # onto p3, a warned reply: the guess first
        assert screen.reveal.withheld and "what did they say?" in timeline_words(app)
        await pilot.press("v")  # nothing to reveal before the reply is shown
        assert not screen.reveal.revealed
        await pilot.press("right")  # the reply: still behind its warning
        words = timeline_words(app)
        assert "text hidden · content warning by the author: Thanks" in words
        assert "Thank you for the warning." not in words
        await pilot.press("v")
        assert "Thank you for the warning." in timeline_words(app)
