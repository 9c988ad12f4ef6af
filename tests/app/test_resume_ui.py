"""Resume, bookmarks and private notes in the app: kept under the (redirected) XDG folders,
reopened where the user left off, damaged files moved aside with a notice, and a note never
lost when it cannot be saved. conftest.py points XDG_DATA_HOME and XDG_STATE_HOME at the
test's own folder."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from textual.widgets import TextArea

from replay_tui.format.read import load_session
from replay_tui.replay.cursor import TITLE
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.lists import JumpList
from replay_tui.ui.screens.note import NoteScreen
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.panes import Pane
from replay_tui.user import state

from .apps import HOSTILE, SMALL, replay_screen, settings
from .reading import timeline_words
from .test_hostile import assert_inert

SIZE = (120, 40)
SESSION = "small-library-hours"


def app_for(path: Path = SMALL, *, from_start: bool = False) -> ReplayApp:
    return build_app(load_session(path), from_start=from_start, config=settings())


def notices(app: ReplayApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def context(screen: ReplayScreen) -> str:
    return screen.query_one("#context", Pane).text


async def test_reopening_resumes_where_the_user_left_and_from_start_does_not(
    private_home: Path,
) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "right", "right")
        await pilot.press("q")
    saved = state.resume_path(SESSION)
    assert saved.is_relative_to(private_home)
    assert msgspec.json.decode(saved.read_bytes())["post"] == "p4"
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        assert screen.replay.position == 3
        assert "Reopened where you left off: post 4 of 8" in notices(app)
        await pilot.press("home")
    app = app_for(from_start=True)
    async with app.run_test(size=SIZE):
        assert replay_screen(app).replay.position == TITLE
    # The end card is remembered as the end card.
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        assert replay_screen(app).replay.position == 0  # where "home" left it
        await pilot.press("end", "right")
    app = app_for()
    async with app.run_test(size=SIZE):
        assert replay_screen(app).replay.at_end


async def test_the_position_is_saved_while_stepping_not_only_on_quit() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right")
        assert screen.bookmarks is not None
        assert screen.bookmarks.saving  # debounced: written once the keys stop
        screen.bookmarks.save_position()
        assert msgspec.json.decode(state.resume_path(SESSION).read_bytes())["post"] == "p2"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"version": 99, "session": "small-library-hours", "bookmarks": []}'],
    ids=["corrupt", "unknown-version"],
)
async def test_a_damaged_state_file_is_moved_aside_with_a_notice(content: bytes) -> None:
    data = state.data_path(SESSION)
    data.parent.mkdir(parents=True)
    data.write_bytes(content)
    resume = state.resume_path(SESSION)
    resume.parent.mkdir(parents=True)
    resume.write_bytes(content)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        assert screen.replay.at_title
        told = notices(app)
        assert "could not be used" in told and "moved to" in told
        await pilot.press("right", "b")
    # The damaged position file was replaced by a fresh one: the post the reader was on.
    saved = msgspec.json.decode(resume.read_bytes())
    assert (saved["version"], saved["post"]) == (1, "p1")
    aside = sorted(p.name for p in data.parent.iterdir())
    assert any(".corrupt-" in name for name in aside)
    assert any(p.read_bytes() == content for p in data.parent.iterdir() if ".corrupt-" in p.name)
    assert state.load_bookmarks(SESSION) == ["p1"]


async def test_b_bookmarks_and_big_b_lists_them_to_jump() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("B")  # none yet: says so
        assert "No bookmarks yet" in notices(app)
        await pilot.press("right", "b", "right", "right", "right", "b")
        assert state.load_bookmarks(SESSION) == ["p1", "p4"]
        assert "★ Riverside Library" in timeline_words(app)
        await pilot.press("B")
        assert isinstance(app.screen, JumpList)
        assert app.screen.texts[0].startswith("★ 1. Riverside Library")
        await pilot.press("up", "enter")  # the list opens on the nearest: p4; up is p1
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert screen.replay.position == 0
        await pilot.press("b")  # again: removed
        assert state.load_bookmarks(SESSION) == ["p4"]
        assert "★" not in timeline_words(app)


async def test_a_writes_a_private_note_shown_as_the_users_own() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right", "a")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Ask")  # typed; the rest set at once, to keep the test quick
        area = app.screen.query_one(TextArea)
        area.insert(" who reads it")
        await pilot.press("escape")
        assert isinstance(app.screen, ReplayScreen)
        text = context(screen)
        assert text.startswith("✎ Your note  private, not part of the session")
        assert "Ask who reads it" in text
        assert "✎" in timeline_words(app)
        saved = msgspec.json.decode(state.data_path(SESSION).read_bytes())
        assert saved["notes"]["p2"]["text"] == "Ask who reads it"
        # Edit: the text is there to change; emptying it deletes the note.
        await pilot.press("a")
        assert app.screen.query_one(TextArea).text == "Ask who reads it"
        app.screen.query_one(TextArea).text = ""
        await pilot.press("ctrl+s")
        assert "Your note" not in context(screen)
        assert screen.state is not None and screen.state.note("p2") is None
    app = app_for()
    async with app.run_test(size=SIZE):
        assert "Your note" not in context(replay_screen(app))


async def test_a_note_that_cannot_be_saved_is_kept_and_saved_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = state.write_atomic

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        monkeypatch.setattr(state, "write_atomic", full_disk)
        await pilot.press("right", "a")
        app.screen.query_one(TextArea).insert("keep me")
        await pilot.press("escape")
        assert app.is_running
        assert "Could not save your notes and bookmarks" in notices(app)
        assert "No space left on device" in notices(app)
        assert "keep me" in context(screen)  # still shown: kept in memory
        monkeypatch.setattr(state, "write_atomic", real)
        await pilot.press("q")  # saved on the way out
    saved = msgspec.json.decode(state.data_path(SESSION).read_bytes())
    assert saved["notes"]["p1"]["text"] == "keep me"


async def test_a_hostile_note_stays_literal() -> None:
    app = app_for(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "a")
        app.screen.query_one(TextArea).text = "[@click=app.quit]x[/] \x1b[2J \u202eevil"
        await pilot.press("escape")
        text = context(screen)
        assert "[@click=app.quit]x[/] ^[[2J <U+202E>evil" in text
        assert_inert(text)
        assert app.is_running


async def test_a_note_also_written_in_another_window_keeps_both_and_says_so() -> None:
    """Two windows on one session: the other saves its note on the post first; this one's
    words are saved beside it, never over it, and a notice says so."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right")
        other = state.SessionState(SESSION)  # the other window, opened on the same folder
        other.set_note("p2", "Written in the other window")
        assert other.save() is None
        await pilot.press("a")
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(TextArea).text = "Written here"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReplayScreen)
        saved = msgspec.json.decode(state.data_path(SESSION).read_bytes())
        assert saved["notes"]["p2"]["text"] == (
            f"Written here\n\n{state.BOTH_VERSIONS}\nWritten in the other window"
        )
        assert "both versions are kept" in notices(app)
        assert screen.state is not None and screen.state.merged == []
