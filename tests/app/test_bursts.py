"""Keys typed faster than the screen changes (a fast typist, a paste) go where they were meant.

A terminal hands the app a burst of keys at once. `pilot.press` waits for the app to be idle
after every key, so here the keys are posted to the app the way the terminal driver posts
them: all at once, nothing awaited in between. Every key typed after the key that opens a
dialog belongs to that dialog, in order; Esc and ctrl+s close it with every key typed
before them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from replay_tui.format.read import load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.note import NoteScreen
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.screens.search import SearchScreen

from .apps import SMALL, replay_screen, settings

NAMES = {" ": "space", "/": "slash", "?": "question_mark", ".": "full_stop", ",": "comma"}


def burst(app: ReplayApp, *keys: str) -> None:
    """Post `keys` to the app at once, as the terminal driver does with typed or pasted
    text: single characters are typed text, longer names are keys (ctrl+s, escape)."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(NAMES.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


async def until(app: ReplayApp, done: object) -> None:
    from textual.pilot import Pilot

    pilot = Pilot(app)
    for _ in range(200):
        await pilot.pause()
        if callable(done) and done():
            return
    raise AssertionError("the app never got there")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports and screenshots a stray letter would write land in the test's folder."""
    monkeypatch.chdir(tmp_path)


def app_on_post(tmp_path: Path) -> ReplayApp:
    return build_app(load_session(SMALL), config=settings(tmp_path), from_start=True)


# Letters that are commands on the replay screen: e exports, q quits, h l j k step, s, t, b.
TEXT = "quite helpful, check the sources to be sure"


@pytest.mark.parametrize("closer", ["ctrl+s", "escape"])
async def test_a_note_typed_at_once_is_kept_whole(tmp_path: Path, closer: str) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "l")
        screen = replay_screen(app)
        post = screen.replay.current
        assert post is not None and screen.bookmarks is not None
        burst(app, "a", *TEXT, closer)
        await until(app, lambda: isinstance(app.screen, ReplayScreen) and app.screen.marks)
        note = screen.bookmarks.state.note(post.id)
        assert note is not None and note.text == TEXT
        assert screen.replay.current is post  # no letter stepped
        assert app.return_code is None  # `q` did not quit


async def test_a_burst_adds_to_an_existing_note_and_never_deletes_it(tmp_path: Path) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = replay_screen(app)
        post = screen.replay.current
        assert post is not None and screen.bookmarks is not None
        for round_ in range(5):
            burst(app, "a", *f" {round_}", "ctrl+s")
            await until(
                app,
                lambda r=round_: (
                    isinstance(app.screen, ReplayScreen)
                    and (
                        (note := screen.bookmarks.state.note(post.id)) is not None
                        and note.text.endswith(f" {r}")
                    )
                ),
            )
        note = screen.bookmarks.state.note(post.id)
        assert note is not None and note.text == " 0 1 2 3 4"


async def test_the_letters_typed_after_a_go_into_the_editor_not_into_commands(
    tmp_path: Path,
) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = replay_screen(app)
        position = screen.replay.position
        burst(app, "a", *"eeeqSlhg")
        await until(
            app,
            lambda: (
                isinstance(app.screen, NoteScreen)
                and app.screen.query_one(TextArea).text == "eeeqSlhg"
            ),
        )
        assert screen.replay.position == position
        assert not list(tmp_path.glob("*.md")) and not list(tmp_path.glob("*.svg"))
        assert app.return_code is None


async def test_a_query_typed_at_once_goes_into_the_search_bar(tmp_path: Path) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)):
        burst(app, "/", *"the library", "enter")
        await until(
            app,
            lambda: (
                isinstance(app.screen, SearchScreen) and "match 1 of 2" in app.screen.status_text
            ),
        )
        assert app.screen.query_one(Input).value == "the library"


@pytest.mark.parametrize("closer", ["ctrl+s", "escape"])
async def test_keys_typed_after_the_note_is_closed_go_to_the_replay(
    tmp_path: Path, closer: str
) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "l")
        screen = replay_screen(app)
        post = screen.replay.current
        position = screen.replay.position
        assert post is not None and screen.bookmarks is not None
        burst(app, "a", *TEXT, closer, "right", "right")
        await until(app, lambda: screen.replay.position == position + 2)
        note = screen.bookmarks.state.note(post.id)
        assert note is not None and note.text == TEXT  # saved on the post it was written on
        assert isinstance(app.screen, ReplayScreen)


@pytest.mark.parametrize(
    "keys",
    [
        ("slash", *"library", "escape"),
        ("slash", *"library", "enter", "escape"),
        ("question_mark", "down", "escape"),
        ("question_mark", "question_mark"),
        ("C", "down", "escape"),
        ("F", "space", "escape"),
        ("s", "down", "escape"),
    ],
    ids=["search", "search-enter", "help", "help-?", "chapters", "filter", "sources"],
)
async def test_keys_typed_after_a_dialog_closes_go_to_the_replay(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = replay_screen(app)
        burst(app, *keys, "home", "right", "right")
        await until(
            app,
            lambda: isinstance(app.screen, ReplayScreen) and screen.replay.position == 2,
        )
        assert app.return_code is None


async def test_a_filter_applied_with_ctrl_s_then_a_step(tmp_path: Path) -> None:
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        screen = replay_screen(app)
        burst(app, "F", "ctrl+s", "home", "right")
        await until(
            app,
            lambda: isinstance(app.screen, ReplayScreen) and screen.replay.position == 1,
        )
