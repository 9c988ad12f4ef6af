"""The session picker: lists what `list` finds, keyboard-driven, broken sessions shown with
their error and never able to crash it."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList, Static

from replay_tui.ui.app import build_app
from replay_tui.ui.screens.help import HelpScreen
from replay_tui.ui.screens.picker import PickerScreen
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.user.library import Entry, scan

from .apps import SMALL, picker_app, screen_lines, screen_text, settings, settle


def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(SMALL, folder / "b-small.toml")
    (folder / "a-broken.toml").write_text(
        'format = "replay-tui/1"\nid = "broken"\ntitle = "Broken"\ntimezone = "Nowhere/Never"\n',
        encoding="utf-8",
    )
    (folder / "c-not-toml.toml").write_text("[[posts]\n", encoding="utf-8")
    return folder


async def test_lists_sessions_with_their_facts_and_errors(tmp_path: Path) -> None:
    entries = scan([library(tmp_path)], include_defaults=False)
    app = picker_app(entries)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        text = screen_text(app)
        assert "Riverside library opening hours, March 2021" in text
        assert "2021-03 – 2021-03-05 · 8 posts · 4 participants" in text
        assert "cannot open: a-broken.toml" in text
        assert "unknown time zone 'Nowhere/Never'" in text
        assert "cannot open: c-not-toml.toml" in text
        # The first entry (broken) is highlighted; its detail says where and how to check.
        assert "This session cannot be opened" in text
        assert "replay-tui check" in text
        await pilot.press("down")
        text = screen_text(app)
        assert "A town's library announced shorter weekend hours" in text  # the summary
        assert "Enter: open" in text


async def test_broken_sessions_cannot_be_opened_or_crash_it(tmp_path: Path) -> None:
    entries = scan([library(tmp_path)], include_defaults=False)
    app = picker_app(entries)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # a-broken.toml
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("has errors" in str(n.message) for n in app._notifications)
        await pilot.press("end", "enter")  # c-not-toml.toml
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.click(OptionList, offset=(3, 1))  # a mouse choice of a broken one
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.is_running


async def test_open_step_and_come_back(tmp_path: Path) -> None:
    entries = scan([library(tmp_path)], include_defaults=False)
    app = picker_app(entries)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.from_picker
        assert "Esc" in screen_text(app)  # the footer offers the way back
        await pilot.press("right", "right")
        assert screen.replay.position == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Back to the session list" in screen_text(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_escape_does_nothing_when_opened_directly() -> None:
    from .apps import replay_app

    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, ReplayScreen)
        assert "Sessions" not in screen_text(app)


async def test_no_sessions_says_where_to_put_them(private_home: Path) -> None:
    app = picker_app([])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "No sessions found." in screen_text(app)
        # The rest is read before it is wrapped: where the line breaks depends on how long
        # the (temporary) folder's path is.
        help_text = str(app.screen.query_one("#detail-body", Static).content)
        folder = private_home / "data" / "replay-tui" / "sessions"
        assert help_text == (
            f"No sessions found.\nPut .toml or .json session files in {folder}, "
            "or open one directly: replay-tui FILE"
        )


async def test_the_default_library_includes_the_users_sessions_folder(private_home: Path) -> None:
    user = private_home / "data" / "replay-tui" / "sessions"
    user.mkdir(parents=True)
    shutil.copy(SMALL, user / "mine.toml")
    app = build_app(None, config=settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Riverside library opening hours, March 2021" in screen_text(app)


async def test_narrow_picker_stacks_list_and_detail(tmp_path: Path) -> None:
    entries = scan([library(tmp_path)], include_defaults=False)
    app = picker_app(entries)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#sessions")
        detail = app.screen.query_one("#detail")
        assert detail.region.y >= options.region.bottom
        assert not options.region.overlaps(detail.region)


async def test_a_library_that_cannot_be_listed_is_reported_not_fatal() -> None:
    def failing_scan() -> list[Entry]:
        raise PermissionError(13, "Permission denied")

    app = build_app(None, config=settings(), scan=failing_scan)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert "No sessions found." in screen_text(app)
        assert any("Permission denied" in str(n.message) for n in app._notifications)


def large_library(tmp_path: Path, *, broken: bool = False) -> list[Entry]:
    """small.toml written as JSON and listed by its preview (as the picker lists files of
    4 MB or more: `preview_from=0` treats this small one the same way)."""
    import msgspec

    from replay_tui.format.read import load_session

    document = msgspec.to_builtins(load_session(SMALL).session)
    if broken:
        document["posts"][2]["reply_to"] = "nobody"
    folder = tmp_path / "large"
    folder.mkdir()
    (folder / "large.json").write_bytes(msgspec.json.encode(document))
    return scan([folder], include_defaults=False, preview_from=0)


async def test_a_large_session_is_listed_unchecked_and_checked_when_opened(
    tmp_path: Path,
) -> None:
    entries = large_library(tmp_path)
    assert len(entries) == 1 and entries[0].loaded is None and entries[0].preview is not None
    app = picker_app(entries)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Riverside library opening hours, March 2021" in text
        assert "checked when opened · 4 kB · 4 participants" in text
        assert "Enter: open" in text
        await pilot.press("enter")
        await settle(app, lambda: isinstance(app.screen, ReplayScreen))
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and screen.from_picker
        await pilot.press("right")
        await pilot.pause()
        assert screen.replay.position == 0
        await pilot.press("escape")  # back to the list, as for a checked session
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.is_running


async def test_a_large_session_that_fails_its_check_returns_to_the_list(tmp_path: Path) -> None:
    app = picker_app(large_library(tmp_path, broken=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, lambda: bool(app._notifications))
        assert isinstance(app.screen, PickerScreen)
        assert app.is_running and app.problems == []
        (told,) = [n for n in app._notifications if n.title == "Cannot open"]
        assert "no post has the id 'nobody'" in str(told.message)
        assert "large.json" in str(told.message)


async def test_the_list_opened_from_a_session_leads_back_to_it(tmp_path: Path) -> None:
    """Palette → Sessions from a session opened directly: Esc (shown in the footer) comes
    back to that session as it was: the same position, the same filter."""
    from replay_tui.format.read import load_session
    from replay_tui.replay.filters import Filter
    from replay_tui.ui.commands import SessionCommands

    from .apps import HOSTILE

    folder = library(tmp_path)
    shutil.copy(HOSTILE, folder / "d-hostile.toml")
    entries = scan([folder], include_defaults=False)
    app = build_app(load_session(SMALL), config=settings(), scan=lambda: entries)
    async with app.run_test(size=(120, 40)) as pilot:
        session = app.screen
        assert isinstance(session, ReplayScreen) and not session.from_picker
        session.apply_filter(Filter(participants=frozenset({"library"})))
        await settle(app, lambda: session.replay.shown is not None)
        await pilot.press("right", "right")
        position, chosen = session.replay.position, session.filter
        assert chosen.active

        async def open_the_list() -> PickerScreen:
            hits = [hit async for hit in SessionCommands(session).discover()]
            hits[0].command()
            await settle(app, lambda: isinstance(app.screen, PickerScreen))
            picker = app.screen
            assert isinstance(picker, PickerScreen)
            await settle(app, lambda: bool(picker.entries))
            return picker

        picker = await open_the_list()
        footer = screen_lines(app)[-1]
        assert "Esc" in footer and "Back" in footer
        await pilot.press("question_mark")
        assert "Back to the session" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is picker
        await pilot.press("escape")
        assert app.screen is session
        assert session.replay.position == position and session.filter == chosen
        # Choosing the session that is open goes back to it, as it was.
        picker = await open_the_list()
        picker.open([entry.id for entry in picker.entries].index("small-library-hours"))
        await settle(app, lambda: app.screen is session)
        assert session.replay.position == position and session.filter == chosen
        # Another session opened from this list leads back to the list, then to the first.
        picker = await open_the_list()
        picker.open([entry.id for entry in picker.entries].index("hostile"))
        await settle(app, lambda: isinstance(app.screen, ReplayScreen))
        opened = app.screen
        assert isinstance(opened, ReplayScreen) and opened is not session and opened.from_picker
        await pilot.press("escape")
        assert app.screen is picker
        await pilot.press("escape")
        assert app.screen is session
        assert session.replay.position == position and session.filter == chosen
