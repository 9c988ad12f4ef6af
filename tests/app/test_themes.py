"""Themes: Textual's own and the projector theme, chosen in the palette and remembered in
the settings file, which is created only when a theme is chosen."""

from __future__ import annotations

import tomllib
from pathlib import Path

from replay_tui.user.config import Config, config_path

from .apps import replay_app, screen_text, settle


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_nothing_is_written_by_just_running(private_home: Path) -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "right", "question_mark", "escape", "q")
    assert app.theme == "textual-dark"
    assert not (private_home / "config").exists()


async def test_choosing_the_projector_theme_in_the_palette_saves_it() -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"theme")
        await settle(app, lambda: "Change the current theme" in screen_text(app))
        await pilot.press("enter")  # "Theme": opens the theme chooser
        await settle(app, lambda: "atom-one-dark" in screen_text(app))
        await pilot.press(*"projector")
        await settle(app, lambda: "atom-one-dark" not in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "projector"
        assert not app.current_theme.dark
    saved = tomllib.loads(config_path().read_text(encoding="utf-8"))
    assert saved["theme"] == "projector"
    # The next start uses it.
    again = replay_app()
    async with again.run_test(size=(120, 40)):
        assert again.theme == "projector"


async def test_group_colours_follow_the_theme() -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        dark = app.theme_variables["group-1"]
        app.theme = "textual-light"
        await pilot.pause()
        light = app.theme_variables["group-1"]
        app.theme = "projector"
        await pilot.pause()
        assert dark != light
        assert app.theme_variables["group-1"] == "#0a4fb0"
        await pilot.press("right")
        assert "Riverside Library" in screen_text(app)


async def test_a_corrupt_settings_file_is_moved_aside_with_a_notice() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = = broken\n", encoding="utf-8")
    app = replay_app(config=Config.load())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("could not be read" in n and "moved to" in n for n in notices(app))
    assert not path.exists()
    assert len(list(path.parent.glob("config.toml.unreadable-*"))) == 1


async def test_an_unknown_saved_theme_falls_back_with_a_notice() -> None:
    Config(config_path(), theme="no-such-theme").save()
    app = replay_app(config=Config.load())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("'no-such-theme' is not available" in n for n in notices(app))


async def test_a_settings_file_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app = replay_app(config=Config(blocker / "config.toml"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "projector"
        await pilot.pause()
        assert app.is_running
        assert any("Could not save the theme" in n for n in notices(app))


def _contrast(first: object, second: object) -> float:
    """The WCAG 2 contrast ratio of two colours (textual.color.Color)."""

    def luminance(colour: object) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = colour.rgb  # type: ignore[attr-defined]
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_the_projector_pickers_highlighted_row_is_readable() -> None:
    from textual.color import Color
    from textual.widgets import OptionList

    from replay_tui.user.library import scan

    from .apps import picker_app

    app = picker_app(scan())
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "projector"
        await pilot.pause()
        options = app.screen.query_one("#sessions", OptionList)
        assert options.highlighted == 0
        checked = 0
        # The first session's two lines: its title, and its dates and counts (muted).
        for y in range(2):
            for segment in options.render_line(y):
                style = segment.style
                if not segment.text.strip() or style is None:
                    continue
                assert style.color is not None and style.bgcolor is not None
                ratio = _contrast(
                    Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
                )
                assert ratio >= 4.5, (y, segment.text, ratio)
                checked += 1
        assert checked >= 2
