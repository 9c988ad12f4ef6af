"""Content warnings (`v`): the warning only, until revealed for the current post."""

from __future__ import annotations

from replay_tui.ui.widgets.focus import FocusView

from .apps import at_post, replay_app, replay_screen
from .reading import flat, screen_words, timeline_words

WIDE = (120, 40)
WARNING = "Shows identifiable people who did not consent"
DESCRIPTION = "A photo of the council building."


async def test_the_content_warning_hides_and_re_hides() -> None:
    app = replay_app()
    async with at_post(app, 3, WIDE) as (pilot, screen):  # p4: a photo behind a warning
        assert WARNING in timeline_words(app) and DESCRIPTION not in screen_words(app)
        await pilot.press("v")
        assert screen.reveal.revealed
        assert DESCRIPTION in timeline_words(app) and WARNING in timeline_words(app)
        await pilot.press("right")  # the post changes: hidden again
        assert DESCRIPTION not in timeline_words(app)
        await pilot.press("left")  # and stays hidden on the way back
        assert screen.replay.position == 3 and not screen.reveal.revealed
        assert DESCRIPTION not in timeline_words(app)
        assert WARNING in timeline_words(app)


async def test_v_again_hides_it() -> None:
    app = replay_app()
    async with at_post(app, 3, WIDE) as (pilot, _):
        await pilot.press("v")
        assert DESCRIPTION in timeline_words(app)
        await pilot.press("v")
        assert DESCRIPTION not in timeline_words(app)


async def test_revealed_in_the_focus_view_and_hidden_after_a_move() -> None:
    app = replay_app()
    async with at_post(app, 3, WIDE) as (pilot, screen):
        await pilot.press("f")
        focus = screen.query_one(FocusView)
        assert WARNING in flat(focus.text) and DESCRIPTION not in flat(focus.text)
        await pilot.press("v")
        assert DESCRIPTION in flat(focus.text) and "v reveals" not in flat(focus.text)
        assert DESCRIPTION in screen_words(app)
        await pilot.press("left", "right")
        assert DESCRIPTION not in flat(focus.text)


async def test_nothing_to_reveal_says_so() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "v")  # p1: a photo without a warning
        assert not screen.reveal.revealed
        await pilot.pause()
        assert any("Nothing to reveal" in n.message for n in app._notifications)


async def test_an_earlier_posts_warning_stays_hidden() -> None:
    app = replay_app()
    async with at_post(app, 3, WIDE) as (pilot, _):
        await pilot.press("v", "right")
        # p4 is still on the timeline, above the current post, with its warning only.
        assert WARNING in timeline_words(app) and DESCRIPTION not in timeline_words(app)
