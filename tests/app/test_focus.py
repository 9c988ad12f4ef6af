"""The focus view (`f`) and the presenter notes pane (`P`)."""

from __future__ import annotations

import pytest

from replay_tui.ui.present import NOTES_TITLE
from replay_tui.ui.widgets.focus import FocusView, NotesPane
from replay_tui.ui.widgets.timeline import Timeline

from .apps import at_post, replay_app, replay_screen, screen_text

WIDE = (120, 40)


async def test_f_shows_the_current_post_large_and_f_again_returns() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right")
        await pilot.press("f")
        focus = screen.query_one(FocusView)
        assert focus.display and not screen.query_one("#body").display
        assert screen.has_class("-focus")
        assert app.focused is focus
        text = screen_text(app)
        for words in (
            "Riverside Residents @RiversideRes",
            "Thu 4 Mar 2021 · 09:12 CET · same day",  # after a day-only post: no minutes
            "↳ replying to @RiversideLib",
            "Saturday afternoon is when working families can come.",
            "Example Archive",  # worded differently by
            "2 / 8",
        ):
            assert words in text, words
        # The side panes are gone; the header stays.
        assert "Reactions" not in text and "Riverside library opening hours" in text
        await pilot.press("f")
        assert not focus.display and screen.query_one("#body").display
        assert not screen.has_class("-focus")
        assert isinstance(app.focused, Timeline)
        assert "Reactions" in screen_text(app)


async def test_the_focus_view_follows_every_step_and_honest_times() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("f", "right")
        focus = screen.query_one(FocusView)
        assert "Thu 4 Mar 2021 · time unknown" in focus.text  # a day-only time
        assert "Chapter 1/2 · The announcement" in focus.text
        await pilot.press("right", "right")
        # p3: time derived from its status URL, marked as such.
        assert "≈" in focus.text and "derived from status ID" in focus.text
        assert "Chapter 2/2 · Replies" in focus.text
        await pilot.press("right", "right")
        assert "text unknown (missing)" in focus.text and "missing" in focus.text
        assert screen.focus_mode


async def test_the_title_and_end_cards_stay_cards_in_focus_mode() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("f")
        assert screen.focus_mode
        assert not screen.query_one(FocusView).display
        assert "Title card" in screen_text(app)
        await pilot.press("end", "right")
        assert "End of the replay" in screen_text(app)
        await pilot.press("left")
        assert screen.query_one(FocusView).display


async def test_the_focus_view_shows_warnings_only() -> None:
    app = replay_app()
    async with at_post(app, 3, WIDE) as (pilot, screen):
        await pilot.press("f")
        text = screen.query_one(FocusView).text
        assert "photo hidden · warning: Shows identifiable people" in text
        assert "council building" not in text
        assert "v reveals it for this post" in text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_readable_in_the_projector_theme(size: tuple[int, int]) -> None:
    app = replay_app()
    async with app.run_test(size=size) as pilot:
        app.theme = "projector"
        await pilot.press("right", "right", "f")
        # Every word of the post is on screen, inside the box, none cut at the edge.
        words = " ".join(screen_text(app).replace("│", " ").split())
        post = (
            "@RiversideLib Saturday afternoon is when working families can come. Please reconsider."
        )
        assert words.count(post) == 1
        assert "Riverside Residents @RiversideRes" in words


async def test_presenter_notes_are_hidden_until_asked_for() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right")
        notes = screen.query_one(NotesPane)
        assert not notes.display
        assert "Presenter only" not in screen_text(app)
        await pilot.press("P")
        assert notes.display
        text = screen_text(app)
        assert NOTES_TITLE in text
        assert "Presenter only: ask the class what they expect the replies to say." in text
        assert "What does the library say, and what does it leave out?" in notes.text
        await pilot.press("right")
        assert "No notes for this post." in notes.text
        await pilot.press("right")
        assert "Who is each reply addressed to?" in notes.text  # chapter 2's prompt
        await pilot.press("shift+p")
        assert not notes.display


async def test_presenter_notes_beside_the_focus_view() -> None:
    app = replay_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "f", "P")
        assert screen.query_one(FocusView).display and screen.query_one(NotesPane).display
        text = screen_text(app)
        assert "Presenter only" in text and "Riverside Library" in text


async def test_presenter_notes_on_the_title_card() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("P")
        assert "No presenter notes here." in screen.query_one(NotesPane).text


async def test_hostile_text_stays_inert_in_the_focus_view_and_notes() -> None:
    from .apps import HOSTILE

    app = replay_app(HOSTILE)
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("f", "P")
        for _ in range(screen.replay.count):
            await pilot.press("right")
            for text in (screen.query_one(FocusView).text, screen.query_one(NotesPane).text):
                assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
            assert "[@click=app.quit]x[/]" in screen_text(app)
        assert app.is_running


async def test_help_lists_the_presenting_keys() -> None:
    from replay_tui.ui.screens.help import HelpScreen

    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in (
            "Focus view for projecting",
            "Guess the reply",
            "Reveal (v again: hide)",
            "Presenter notes",
            "Sources of the current post",
            "Export the session as Markdown",
            "Save an SVG screenshot",
        ):
            assert words in text, words


async def test_the_focus_view_shows_times_in_the_chosen_zone() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right", "f")
        assert "Thu 4 Mar 2021 · 09:12 CET · same day" in screen.query_one(FocusView).text
        await pilot.press("z")  # the session's zone → UTC, as the header
        assert "Thu 4 Mar 2021 · 08:12 UTC · same day" in screen.query_one(FocusView).text
