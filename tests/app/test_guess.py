"""Guess the reply (`m`): a reply first shows who replies to whom, then its text."""

from __future__ import annotations

from replay_tui.ui.widgets.focus import FocusView
from replay_tui.ui.widgets.panes import Pane

from .apps import replay_app, replay_screen, screen_text
from .reading import flat, screen_words, timeline_words

WIDE = (120, 40)
P2_TEXT = "Saturday afternoon is when working families can come"
WHO = "Riverside Residents replies to @RiversideLib — what did they say?"


async def test_the_guess_key_is_in_the_footer() -> None:
    app = replay_app()
    async with app.run_test(size=(80, 24)):
        assert "m Guess" in screen_text(app).splitlines()[-1]


async def test_a_reply_takes_two_steps_who_then_what() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("m")
        assert screen.reveal.guessing
        await pilot.press("right")  # p1: not a reply
        assert "From next week the library closes" in screen_words(app)
        await pilot.press("right")  # p2: who replies to whom, text withheld
        assert screen.replay.position == 1 and screen.reveal.withheld
        text = screen_words(app)
        assert WHO in text
        assert P2_TEXT not in text
        assert "Example Archive:" not in timeline_words(app)  # no variant
        # The panes could quote the reply (press excerpts, reactions): withheld too.
        for name in ("context", "reactions", "press"):
            assert "Withheld while the class guesses" in flat(
                screen.query_one(f"#{name}", Pane).text
            )
        assert "Residents replied within hours" not in text
        await pilot.press("right")  # the same post, its text revealed
        assert screen.replay.position == 1 and not screen.reveal.withheld
        text = screen_words(app)
        assert P2_TEXT in text and WHO not in text
        assert "Residents replied within hours" in text
        await pilot.press("right")  # p3: the next reply, withheld again
        assert screen.replay.position == 2 and screen.reveal.withheld
        assert "Riverside Library replies to @RiversideRes — what did they say?" in screen_words(
            app
        )


async def test_back_from_a_withheld_reply() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("m", "right", "right")
        assert screen.reveal.withheld
        await pilot.press("left")
        assert screen.replay.position == 0 and not screen.reveal.withheld
        await pilot.press("right", "right", "right")  # p2 who, p2 what, p3 who
        assert screen.replay.position == 2 and screen.reveal.withheld
        await pilot.press("left")  # back onto a reply already seen: whole
        assert screen.replay.position == 1 and not screen.reveal.withheld
        assert P2_TEXT in screen_words(app)


async def test_the_earlier_posts_keep_their_text() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("m", "right", "right", "right", "right")
        assert screen.replay.position == 2 and screen.reveal.withheld
        text = timeline_words(app)
        assert P2_TEXT in text  # p2, shown in full earlier, stays shown
        assert "We hear you" not in text  # p3 withheld


async def test_m_again_turns_guessing_off_and_shows_the_reply() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("m", "right", "right")
        assert WHO in screen_words(app)
        await pilot.press("m")
        assert not screen.reveal.guessing and not screen.reveal.withheld
        assert P2_TEXT in screen_words(app)
        await pilot.press("right")
        assert screen.replay.position == 2 and not screen.reveal.withheld


async def test_guessing_in_the_focus_view() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("f", "m", "right", "right")
        focus = flat(screen.query_one(FocusView).text)
        assert WHO in focus and "→ shows the reply" in focus
        assert "replying to @RiversideLib: “From next week" in focus  # what it answers
        assert P2_TEXT not in focus
        await pilot.press("right")
        assert P2_TEXT in flat(screen.query_one(FocusView).text)


async def test_a_jump_shows_the_post_whole() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("m", "G")  # p8 is not a reply; then back by jumps
        screen.go_to(1)
        await pilot.pause()
        assert not screen.reveal.withheld and P2_TEXT in screen_words(app)
