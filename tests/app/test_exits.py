"""The app closes cleanly, whatever the keys still on their way when it closes.

`run_test` closes the app while its message loop may still be handling a burst of keys (the
way a test ends right after posting them). Each test closes the app after a varying number
of turns of the event loop, so that the close lands between any two steps of the burst.
Before the fixes these exits hung for good (a dialog opened after the app stopped running
never starts, and the app waited for it to be mounted), or printed a traceback with status 1
(a dialog opened just before the close has no widgets to query; the palette's worker found
no list of hits).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from .apps import replay_screen
from .test_bursts import app_on_post, burst, until

TURNS = range(6)
"""Turns of the event loop between the burst and the close: before the fixes, 2 to 5 hung
(the note's hand-off) and 0 to 2 raised NoMatches (the other tests)."""

EXIT_LIMIT = 30.0
"""Seconds after which a close is taken as hung: far beyond any clean close, even on a
loaded machine (a clean close takes a fraction of a second); only a hang reaches it."""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports and screenshots a stray letter would write land in the test's folder."""
    monkeypatch.chdir(tmp_path)


async def close_after(
    tmp_path: Path, first: tuple[str, ...], keys: tuple[str, ...], turns: int
) -> None:
    """Press `first` (each handled before the next), post `keys` at once, give the loop
    `turns` turns, then close the app; the exit must finish and raise nothing."""
    app = app_on_post(tmp_path)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("l", *first)
            burst(app, *keys)
            for _ in range(turns):
                await asyncio.sleep(0)  # a turn of the loop, not a wait

    # Not asyncio.wait_for: a hung `run_test` swallows the cancellation it sends, and
    # wait_for then returns as if the exit had finished.
    closing = asyncio.ensure_future(run())
    done, _ = await asyncio.wait({closing}, timeout=EXIT_LIMIT)
    if not done:
        closing.cancel()
        pytest.fail(f"the app's exit hung ({turns} turns after the burst)")
    closing.result()  # the app's own exception, if any
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("turns", TURNS)
async def test_a_key_held_while_the_note_closes_never_hangs_the_exit(
    tmp_path: Path, turns: int
) -> None:
    """`?` typed just after Esc waits for the note to close, then opens the help: when
    the app had begun closing by then, the help never started, and the app waited for it."""
    await close_after(tmp_path, ("a", "x"), ("escape", "question_mark"), turns)


@pytest.mark.parametrize("turns", TURNS)
@pytest.mark.parametrize(
    "keys",
    [("a", *"note"), ("C",)],
    ids=["note", "chapters"],
)
async def test_closing_as_a_dialog_opens(tmp_path: Path, keys: tuple[str, ...], turns: int) -> None:
    await close_after(tmp_path, (), keys, turns)


@pytest.mark.parametrize("turns", TURNS)
async def test_closing_while_the_palette_gathers(tmp_path: Path, turns: int) -> None:
    """The palette's worker starting after the closing app removed its list of hits raised
    NoMatches (Textual's `CommandPalette._gather_commands`)."""
    await close_after(tmp_path, (), ("ctrl+p", *"post"), turns)


@pytest.mark.parametrize(
    ("at_once", "over"),
    [(False, ()), (True, ()), (False, ("ctrl+p", "x")), (True, ("ctrl+p", "x"))],
    ids=["typed", "burst", "typed-palette-over-it", "burst-palette-over-it"],
)
async def test_ctrl_q_in_the_note_editor_keeps_the_note(
    tmp_path: Path, at_once: bool, over: tuple[str, ...]
) -> None:
    """Textual's ctrl+q quit with the note unsaved: what was typed was lost, also when
    the palette was open over the editor."""
    app = app_on_post(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        post = replay_screen(app).replay.current
        assert post is not None
        if at_once:
            burst(app, "a", *"kept, every word", *over, "ctrl+q")
        else:
            await pilot.press("a", *"kept, every word", *over, "ctrl+q")
        await until(app, lambda: not app.is_running)
    assert app.return_code == 0
    again = app_on_post(tmp_path)  # the same state folder (tests/app/conftest.py)
    async with again.run_test(size=(120, 40)):
        bookmarks = replay_screen(again).bookmarks
        assert bookmarks is not None
        note = bookmarks.state.note(post.id)
        assert note is not None and note.text == "kept, every word"
