"""In-app files: `e` exports the session as Markdown and `S` saves an SVG screenshot, both
into the current folder, each saying where the file went."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from replay_tui.ui.controllers import presenting

from .apps import picker_app, replay_app, replay_screen, screen_text, settle

WIDE = (120, 40)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder (tmp_path also holds the test's private home)."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def messages(app: App[int]) -> list[str]:
    return [n.message for n in app._notifications]


async def test_e_exports_markdown_into_the_current_folder(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "e")
        await pilot.pause()
        target = here / "small-library-hours.md"
        assert target.is_file()
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Riverside library opening hours, March 2021")
        assert "Saturday afternoon is when working families can come" in text
        # As the CLI's default: warned media by its warning only, no presenter notes.
        assert "Shows identifiable people who did not consent" in text
        assert "A photo of the council building." not in text
        assert "Presenter only" not in text
        assert f"Saved the session as Markdown to {target}" in messages(app)
        # Never over an existing file: -1, -2, …
        await pilot.press("e", "e")
        await pilot.pause()
        assert (here / "small-library-hours-1.md").read_text(encoding="utf-8") == text
        assert (here / "small-library-hours-2.md").is_file()
        assert replay_screen(app).replay.position == 0
        assert not [p for p in here.iterdir() if p.name.endswith(".tmp")]


async def test_an_export_that_cannot_be_written_says_so(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(presenting, "write_output", full_disk)
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert app.is_running
        assert "Could not write the export: No space left on device" in messages(app)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert list(here.iterdir()) == []


async def test_S_saves_a_screenshot_into_the_current_folder(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "S")
        await pilot.pause()
        target = here / "small-library-hours-post-2.svg"
        assert target.is_file()
        svg = target.read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "Riverside" in svg
        assert f"Saved a screenshot to {target}" in messages(app)
        await pilot.press("shift+s")
        await pilot.pause()
        assert (here / "small-library-hours-post-2-1.svg").is_file()
        await pilot.press("home", "left", "S")  # the title card
        await pilot.pause()
        assert (here / "small-library-hours-title.svg").is_file()


async def test_a_screenshot_that_cannot_be_saved_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the current folder was deleted under the app
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert app.is_running
        assert any(m.startswith("Could not save the screenshot") for m in messages(app))


async def palette_screenshot(app: App[int], pilot: Pilot[int], here: Path) -> list[Path]:
    """Choose Textual's "Screenshot" in the command palette; the files it saved here."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p", *"screenshot")
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    await settle(app, lambda: "Save an SVG" in screen_text(app))
    await pilot.press("enter")
    await settle(app, lambda: any(here.iterdir()) or len(app._notifications) > 0)
    return list(here.iterdir())


async def test_the_palettes_screenshot_is_Ss(here: Path) -> None:
    """Textual's own palette command saved into a Downloads folder, which may not exist,
    and then said only "Failed to save screenshot": it does what S does now."""
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right")
        saved = await palette_screenshot(app, pilot, here)
        target = here / "small-library-hours-post-2.svg"
        assert saved == [target], messages(app)
        assert f"Saved a screenshot to {target}" in messages(app)
        svg = target.read_text(encoding="utf-8").replace("&#160;", " ")
        assert "Riverside" in svg and "Save an SVG" not in svg  # the screen, not the palette


async def test_the_palettes_screenshot_on_the_session_list(here: Path) -> None:
    app = picker_app([])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        saved = await palette_screenshot(app, pilot, here)
        target = here / "replay-tui-sessions.svg"
        assert saved == [target], messages(app)
        assert f"Saved a screenshot to {target}" in messages(app)
