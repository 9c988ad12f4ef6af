"""Hostile text in every field stays inert: shown literally, never acted on, never reaching
the terminal as control codes, and the app stays up (tests/data/hostile.toml)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from textual.command import CommandPalette

from replay_tui.ui.screens.help import HelpScreen
from replay_tui.ui.screens.picker import PickerScreen
from replay_tui.ui.widgets.panes import Card, Pane
from replay_tui.ui.widgets.timeline import Timeline
from replay_tui.user.library import scan

from .apps import (
    HOSTILE,
    picker_app,
    replay_app,
    replay_screen,
    screen_lines,
    screen_text,
    settle,
)

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def assert_inert(text: str) -> None:
    """No control character (other than newline) and no bidi control left in `text`."""
    for ch in text:
        if ch == "\n":
            continue
        assert unicodedata.category(ch) != "Cc", f"control character {ch!r} in {text[:80]!r}"
        assert ch not in BIDI, f"bidi control U+{ord(ch):04X} in {text[:80]!r}"


def everything_shown(app: object) -> str:
    """The whole text of the card, the timeline's laid-out lines (and its posts unwrapped)
    and every pane, not only the part that fits on screen."""
    screen = replay_screen(app)  # type: ignore[arg-type]
    parts = [screen.query_one(Card).text]
    timeline = screen.query_one(Timeline)
    parts += timeline.laid_out_text()
    # The same posts unwrapped, so that a phrase split across lines can be found.
    parts += [p.content.plain for i in timeline.window for p in screen.renderer.post_parts(i)]
    parts += [pane.text for pane in screen.query(Pane)]
    parts += screen_lines(app)  # type: ignore[arg-type]
    return "\n".join(parts)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)])
async def test_every_position_is_inert_and_literal(size: tuple[int, int]) -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=size) as pilot:
        screen = replay_screen(app)
        seen: list[str] = []
        for _ in range(screen.replay.count + 2):
            await pilot.pause()
            text = everything_shown(app)
            assert_inert(text)
            seen.append(text)
            await pilot.press("right")
        assert app.is_running
        everything = "\n".join(seen)
        # Markup is shown as written, including broken markup.
        assert "[@click=app.quit]x[/]" in everything
        assert "a [/] b [bold" in everything
        assert "[b]not bold[/b]" in everything
        assert "ends in a backslash \\" in everything
        # Escape sequences, C1 controls and bidi overrides are made visible.
        assert "^[[2J clear" in everything
        assert "^[]0;pwned^G retitle" in everything
        assert "c1 <U+009B>31m csi" in everything
        assert "<U+202E>txet desrever" in everything
        assert "iso <U+2066>late<U+2069> r" in everything
        # Right-to-left scripts, emoji and CJK still display.
        assert "שלום עולם" in everything
        assert "مرحبا بالعالم" in everything
        assert "👩‍👩‍👧" in everything and "漢字テスト" in everything
        # The 5,000-character post is laid out in full.
        assert "END-OF-LONG" in everything


async def test_every_field_reaches_the_screen_sanitised() -> None:
    """Each kind of field, by its own label in the fixture, shows up made safe."""
    app = replay_app(HOSTILE)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = replay_screen(app)
        title_card = screen.query_one(Card).text
        for expected in (
            "Hostile [@click=app.quit]x[/] | a [/] b [bold",  # session title
            "Summary [@click=app.quit]x[/]",
            "Name [@click=app.quit]x[/] <U+202E>txet",  # participant name
            "Role a [/] b [bold שלום",
            "Outlet [@click=app.quit]x[/]",
            "Title a [/] b [bold <U+202E>",  # source title
            "Author ^[[2J clear ends in a backslash \\",
            "Chapter [@click=app.quit]x[/]",  # chapter title
        ):
            assert expected in title_card, expected
        await pilot.press("right")
        shown = everything_shown(app)
        for label in (
            "Post",
            "Variant",
            "Description",
            "Warning",
            "Context",
            "Body",
            "Reaction",
            "Press",
            "Prompt",
            "Bio",
        ):
            assert f"{label} [@click=app.quit]x[/] | a [/] b [bold | ^[[2J" in shown, label
        assert "@handle^[[2J clearends in a backslash \\" in shown
        assert "Chapter [@click=app.quit]x[/]" in shown
        assert "Hidden description" not in shown  # media with a warning: only the warning
        assert "Notes [" not in shown  # presenter notes are never shown
        assert_inert(shown)


async def test_clicking_literal_click_markup_does_not_quit() -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        lines = screen_lines(app)
        hits = [(line.index("[@click"), y) for y, line in enumerate(lines) if "[@click" in line]
        assert hits, "the literal markup should be on screen"
        for x, y in hits:
            await pilot.click(offset=(x + 2, y))
            await pilot.pause()
        assert app.is_running


async def test_help_palette_and_resizing_with_hostile_text() -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"pwned")
        await settle(app, lambda: "pwned^G" in screen_text(app))
        palette = screen_text(app)
        assert_inert(palette)
        assert "^[]0;pwned^G" in palette
        await pilot.press("enter")
        await pilot.pause()
        screen = replay_screen(app)
        assert screen.replay.position == 0
        for size in ((60, 20), (200, 50), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_inert(screen_text(app))
        assert app.is_running


async def test_picker_with_hostile_titles_and_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    shutil.copy(HOSTILE, folder / "hostile.toml")
    bad_name = "[@click=app.quit]x[b] \x1b[2J \u202eevil.toml"
    (folder / bad_name).write_text("this is [not TOML\n", encoding="utf-8")
    entries = scan([folder], include_defaults=False)
    assert len(entries) == 2
    app = picker_app(entries)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        text = screen_text(app)
        assert_inert(text)
        assert "cannot open: [@click=app.quit]x[b] ^[[2J" in text
        assert "<U+202E>evil.toml" in text
        assert "Hostile [@click=app.quit]x[/]" in text
        broken = next(i for i, entry in enumerate(entries) if not entry.ok)
        good = 1 - broken
        # Open the broken one: refused with a notice, the app stays up.
        await pilot.press("home", *["down"] * broken, "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert_inert(screen_text(app))
        await pilot.press("home", *["down"] * good, "enter")
        await pilot.pause()
        screen = replay_screen(app)
        await pilot.press("right", "right", "escape")
        assert isinstance(app.screen, PickerScreen)
        assert screen.replay.position == 1
        assert app.is_running


async def test_notifications_quoting_names_are_inert(tmp_path: Path) -> None:
    """Notices quote file names and paths (a failed check, a screenshot saved, a damaged
    state file): every one passes through the app's `notify`, which makes them inert."""
    app = picker_app(scan([tmp_path], include_defaults=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.notify(
            "Cannot open a\x1b]0;PWNED\x07b.toml \u202eevil", title="Cannot\x1b[2J", markup=False
        )
        await pilot.pause()
        shown = list(app._notifications)[-1]
        assert_inert(shown.message + shown.title)
        assert shown.message == "Cannot open a^[]0;PWNED^Gb.toml <U+202E>evil"
        assert shown.title == "Cannot^[[2J"


async def test_invisible_characters_are_shown_in_the_replay(tmp_path: Path) -> None:
    """A zero-width space, a byte-order mark and tag characters in a post are shown as
    stand-ins; the joiner inside an emoji family is left alone."""
    source = (HOSTILE.parent / "good" / "minimal.toml").read_text(encoding="utf-8")
    file = tmp_path / "invisible.toml"
    file.write_text(
        source.replace(
            'text = "one"', 'text = "same\\u200bwords\\ufeff hid\\U000E0041den 👩\\u200d👩"'
        ),
        encoding="utf-8",
    )
    app = replay_app(file)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("right")
        shown = everything_shown(app)
        assert "same<U+200B>words<U+FEFF> hid<U+E0041>den 👩\u200d👩" in shown
        assert "\u200b" not in shown and "\ufeff" not in shown
