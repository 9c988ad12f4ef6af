"""Keys typed faster than the screen changes (a fast typist, a paste) go where they were meant.

A terminal hands the app a burst of keys at once. `pilot.press` waits for the app to be idle
after every key, so here the keys are posted to the app the way the terminal driver posts
them: all at once, nothing awaited in between. Every key typed after the key that opens a
dialog belongs to that dialog, in order; Esc and ctrl+s close it with every key typed
before them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from replay_tui.format.read import load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.note import NoteScreen
from replay_tui.ui.screens.picker import PickerScreen
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.screens.search import SearchScreen
from replay_tui.user.library import scan

from .apps import DATA, SMALL, picker_app, replay_screen, settings

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

    pilot = Pilot(app)
    for _ in range(200):
        await pilot.pause()
        if callable(done) and done():
            return
    raise AssertionError("the app never got there")


async def ends_on(app: ReplayApp, screen: ReplayScreen, position: int) -> None:
    """Wait until every key is handled and the replay is back on top at `position`; it
    stays there (no key left to move it)."""
    await until(app, lambda: app.screen is screen and app.key_holder.held is None)
    await app.workers.wait_for_complete()
    await until(app, lambda: screen.replay.position == position)

    for _ in range(5):
        await Pilot(app).pause()
    assert app.screen is screen
    assert screen.replay.position == position


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports and screenshots a stray letter would write land in the test's folder."""
    monkeypatch.chdir(tmp_path)


def app_on_post(tmp_path: Path) -> ReplayApp:
    return build_app(load_session(SMALL), config=settings(tmp_path), from_start=True)


@asynccontextmanager
async def stepped_in(
    app: ReplayApp, steps: int = 1
) -> AsyncIterator[tuple[Pilot[int], ReplayScreen]]:
    """`app` running at 120×40, `steps` posts on from the title card (`l`): where each
    burst below starts."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"l" * steps)
        yield pilot, replay_screen(app)


# Letters that are commands on the replay screen: e exports, q quits, h l j k step, s, t, b.
TEXT = "quite helpful, check the sources to be sure"


@pytest.mark.parametrize("closer", ["ctrl+s", "escape"])
async def test_a_note_typed_at_once_is_kept_whole(tmp_path: Path, closer: str) -> None:
    app = app_on_post(tmp_path)
    async with stepped_in(app, 2) as (_, screen):
        post = screen.replay.current
        assert post is not None and screen.bookmarks is not None
        burst(app, "a", *TEXT, closer)
        await until(app, lambda: isinstance(app.screen, ReplayScreen) and app.screen.marks)
        note = screen.bookmarks.state.note(post.id)
        assert note is not None and note.text == TEXT
        assert screen.replay.current is post  # no letter stepped
        assert app.return_code is None  # `q` did not quit


async def test_keys_the_editor_binds_typed_before_the_save_count(tmp_path: Path) -> None:
    # Backspace is the editor's binding: it acts only once the key has come back up to the
    # app, after the app took the ctrl+s typed after it; the save waits for it.
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
        post = screen.replay.current
        assert post is not None and screen.bookmarks is not None
        burst(app, "a", *"xy", "backspace", "ctrl+s", "right")
        await until(app, lambda: screen.replay.position == 1)
        note = screen.bookmarks.state.note(post.id)
        assert note is not None and note.text == "x"


async def test_a_burst_adds_to_an_existing_note_and_never_deletes_it(tmp_path: Path) -> None:
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
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
    async with stepped_in(app) as (_, screen):
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
    async with stepped_in(app, 2) as (_, screen):
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
    async with stepped_in(app) as (_, screen):
        burst(app, *keys, "home", "right", "right")
        await until(
            app,
            lambda: isinstance(app.screen, ReplayScreen) and screen.replay.position == 2,
        )
        assert app.return_code is None


async def test_a_filter_applied_with_ctrl_s_then_a_step(tmp_path: Path) -> None:
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
        burst(app, "F", "ctrl+s", "home", "right")
        await until(
            app,
            lambda: isinstance(app.screen, ReplayScreen) and screen.replay.position == 1,
        )


# --- the lists that close on Enter: chapters (C), bookmarks (B) ---------------------------------
#
# Enter picks the highlighted row and the list closes with the jump; every key typed after
# Enter is handled after the jump, in order (a step from where the jump lands, an Esc that
# must not undo the choice), and every key typed before it (a `down`) moves the highlight
# first, whatever the timing.


def app_on_chapters(tmp_path: Path) -> ReplayApp:
    """`small.toml` with a third chapter, from p6 (position 5)."""
    text = SMALL.read_text(encoding="utf-8").replace(
        "[[posts]]", '[[chapters]]\ntitle = "Later"\nstart = "p6"\n\n[[posts]]', 1
    )
    session = tmp_path / "chapters.toml"
    session.write_text(text, encoding="utf-8")
    return build_app(load_session(session), config=settings(tmp_path), from_start=True)


@pytest.mark.parametrize(
    ("keys", "position"),
    [
        (("C", "down", "enter"), 2),
        (("C", "down", "enter", "right"), 3),
        (("C", "down", "enter", "right", "right"), 4),
        (("C", "down", "enter", "escape"), 2),
        (("C", "down", "down", "enter"), 5),
        (("C", "down", "down", "enter", "right"), 6),
        (("C", "down", "down", "up", "enter", "left"), 1),
    ],
    ids=["enter", "enter-step", "enter-steps", "enter-escape", "down2", "down2-step", "back"],
)
async def test_keys_typed_after_enter_in_the_chapter_list_follow_the_jump(
    tmp_path: Path, keys: tuple[str, ...], position: int
) -> None:
    app = app_on_chapters(tmp_path)
    async with stepped_in(app) as (_, screen):
        assert screen.replay.position == 0
        burst(app, *keys)
        await ends_on(app, screen, position)


@pytest.mark.parametrize(
    ("keys", "position"),
    [
        (("B", "up", "enter", "right"), 1),
        (("B", "up", "enter", "escape"), 0),
        (("B", "up", "up", "enter", "right", "right"), 7),
        (("B", "enter", "left"), 2),
    ],
    ids=["up-enter-step", "up-enter-escape", "wrap-enter-steps", "enter-back"],
)
async def test_keys_typed_after_enter_in_the_bookmark_list_follow_the_jump(
    tmp_path: Path, keys: tuple[str, ...], position: int
) -> None:
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (pilot, screen):
        assert screen.bookmarks is not None
        # Bookmarks on p1, p4 and p6 (positions 0, 3, 5); the list opens on p4.
        await pilot.press("b", "right", "right", "right", "b", "right", "right", "b", "left")
        assert screen.bookmarks.state.bookmarks == ["p1", "p4", "p6"]
        assert screen.replay.position == 4
        burst(app, *keys)
        await ends_on(app, screen, position)


async def test_the_picker_opens_the_session_highlighted_by_the_keys_typed_before_enter(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a-small.toml").write_bytes(SMALL.read_bytes())
    (folder / "b-provenance.toml").write_bytes((DATA / "good" / "provenance.toml").read_bytes())
    app = picker_app(scan([folder], include_defaults=False), config=settings(tmp_path))
    async with app.run_test(size=(120, 40)):
        await until(app, lambda: isinstance(app.screen, PickerScreen) and app.screen.entries)
        burst(app, "down", "enter", "l", "l")
        await until(
            app,
            lambda: isinstance(app.screen, ReplayScreen) and app.screen.replay.position == 1,
        )
        assert replay_screen(app).replay.session.id == "provenance-demo"


@pytest.mark.parametrize(
    ("keys", "position"),
    [
        ((*"sunday", "down", "enter", "right"), 6),
        ((*"sunday", "down", "enter", "escape"), 5),
        ((*"sunday", "down", "down", "up", "enter", "left"), 4),
        (("x", "escape", "right"), 1),
    ],
    ids=["enter-step", "enter-escape", "down-up", "escape-step"],
)
async def test_keys_typed_in_the_palette_act_on_the_query_typed_before_them(
    tmp_path: Path, keys: tuple[str, ...], position: int
) -> None:
    # The palette searches in a worker: `down` and Enter wait for the hits of "sunday";
    # the second hit is the reader's "Just open on Sunday instead?" (position 5).
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
        burst(app, "ctrl+p", *keys)
        await ends_on(app, screen, position)


@pytest.mark.parametrize(
    ("keys", "words", "position"),
    [
        (("space", "ctrl+s"), "Riverside Library", 0),
        (("down", "space", "ctrl+s", "right"), "Riverside Residents", 4),
        (("tab", *"#library", "enter", "escape"), "", 0),
    ],
    ids=["tick-apply", "tick-apply-step", "enter-escape"],
)
async def test_the_filter_applies_what_was_ticked_before_ctrl_s_or_enter(
    tmp_path: Path, keys: tuple[str, ...], words: str, position: int
) -> None:
    # Space ticks through the list's own message, after the key came back up; Enter
    # submits the hashtag field through its message: an Esc typed after it once closed
    # the replay screen too.
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
        burst(app, "F", *keys)
        await ends_on(app, screen, position)
        await until(app, lambda: screen.filter_words == words)


async def test_keys_in_an_editor_act_in_the_order_typed(tmp_path: Path) -> None:
    # A letter goes in as the editor takes it; `left` is a binding, acting once the key
    # has come back up to the app: the `z` typed after it went in before it had moved.
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
        post = screen.replay.current
        assert post is not None and screen.bookmarks is not None
        burst(app, "a", *"xy", "left", "z", "home", "w", "ctrl+s")
        await until(app, lambda: app.screen is screen and app.key_holder.held is None)
        note = screen.bookmarks.state.note(post.id)
        assert note is not None and note.text == "wxzy"


async def test_letters_typed_after_tab_go_to_the_field_it_moved_to(tmp_path: Path) -> None:
    app = app_on_post(tmp_path)
    async with stepped_in(app) as (_, screen):
        burst(app, "F", "tab", *"#riversidelibrary", "enter", "right")
        await until(app, lambda: app.screen is screen and app.key_holder.held is None)
        await app.workers.wait_for_complete()
        await until(app, lambda: screen.filter_words == "#riversidelibrary")
        await until(app, lambda: screen.replay.position == 2)
