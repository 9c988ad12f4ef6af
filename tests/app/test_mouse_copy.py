"""The mouse and the clipboard: a click on a post makes it the current post, a click on
its "replying to" line goes to the post it answers, and `y` copies the current post as a
citation."""

from __future__ import annotations

from replay_tui.export.citation import citation
from replay_tui.ui.app import ReplayApp
from replay_tui.ui.widgets.timeline import Timeline

from .apps import at_post, replay_app

WIDE = (120, 40)


async def click_line(app: ReplayApp, pilot: object, words: str) -> None:
    """Click the first line of the timeline on screen that holds `words`."""
    timeline = app.screen.query_one(Timeline)
    lines = timeline.visible_text()
    y = next(i for i, line in enumerate(lines) if words in line)
    top = timeline.scrollable_content_region.y - timeline.region.y
    left = timeline.scrollable_content_region.x - timeline.region.x
    await pilot.click(Timeline, offset=(left + 6, top + y))  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_click_on_a_post_makes_it_current() -> None:
    app = replay_app()
    async with at_post(app, 3, WIDE) as (pilot, screen):
        await click_line(app, pilot, "From next week the library closes")
        assert screen.replay.position == 0
        # A click on a blank line or past the posts moves nothing.
        await click_line(app, pilot, "From next week the library closes")
        assert screen.replay.position == 0


async def test_a_click_on_replying_to_goes_to_the_post_it_answers() -> None:
    app = replay_app()
    # @RiversideLib replies to @RiversideRes (post 2)
    async with at_post(app, 2, WIDE) as (pilot, screen):
        await click_line(app, pilot, "replying to @RiversideRes")
        assert screen.replay.position == 1
        await click_line(app, pilot, "replying to @RiversideLib")
        assert screen.replay.position == 0


async def test_y_copies_the_current_post_as_a_citation() -> None:
    app = replay_app()
    async with at_post(app, 2, WIDE) as (pilot, screen):
        await pilot.press("y")
        await pilot.pause()
        expected = citation(screen.replay.loaded, 2)
        assert app.clipboard == expected
        assert expected.startswith("Riverside Library (@RiversideLib), ≈ Thu 4 Mar 2021")
        assert "(derived from status ID)" in expected
        assert "https://twitter.com/RiversideLib/status/1367418414166966272" in expected
        assert expected.rstrip().endswith("Sources: Example Archive")
        told = [str(n.message) for n in app._notifications]
        assert any("Copied post 3 by Riverside Library as a citation" in m for m in told)
