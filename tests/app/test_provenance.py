"""The provenance view (`s`): sources, wordings compared, how the time is known, counts."""

from __future__ import annotations

from textual.app import App
from textual.content import Content

from replay_tui.ui.screens.provenance import ProvenanceScreen
from replay_tui.ui.text import DIFFERS

from .apps import DATA, HOSTILE, replay_app, replay_screen
from .reading import flat, screen_words

WIDE = (120, 40)
PROVENANCE = DATA / "good" / "provenance.toml"


def view_text(app: App[int]) -> str:
    """What the open provenance view says, flattened."""
    view = app.screen
    assert isinstance(view, ProvenanceScreen), view
    return flat(view.text)


def marked(content: Content) -> list[str]:
    """The words the view marks as differing from the main text."""
    words = [content.plain[s.start : s.end] for s in content.spans if s.style == DIFFERS]
    assert words[0] == "like this"  # the legend
    return words[1:]


async def test_s_opens_the_sources_and_escape_closes_them() -> None:
    app = replay_app(PROVENANCE)
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "s")
        view = app.screen
        assert isinstance(view, ProvenanceScreen)
        text = flat(view.text)
        for words in (
            "Post 1 of 2 · Town Council @TownCouncil",
            "Attested by",
            "The Example Paper · news “Council replies online” by B. Writer",
            "published Fri 5 Mar 2021 · time unknown",  # a date known to the day only
            "link: https://example.org/paper/council",
            "the main text is this source's wording",
            "Example Archive · archive",
            "link: https://archive.example.org/capture/1",
            "Link: https://twitter.com/TownCouncil/status/1367418414166966272",
            "Archived: https://archive.example.org/capture/1",
        ):
            assert words in text, words
        assert "Post 1 of 2" in screen_words(app)
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.replay.position == 0  # nothing moved


async def test_variants_are_compared_word_by_word() -> None:
    app = replay_app(PROVENANCE)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "s")
        view = app.screen
        assert isinstance(view, ProvenanceScreen)
        text = flat(view.text)
        assert "Main text (The Example Paper) The budget is published today." in text
        assert "Example Archive The budget was published today. Read it on our website!" in text
        assert marked(view.content) == ["was", "website!"]
        assert "not in this wording: “is”, “in full”, “website.”" in text


async def test_how_the_time_is_known() -> None:
    app = replay_app(PROVENANCE)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "s")
        text = view_text(app)
        assert "Shown as: Thu 4 Mar 2021 · 10:15:30 UTC" in text
        assert "Written in the session: 2021-03-04T10:15:30Z" in text
        assert "The link's status ID: encodes Thu 4 Mar 2021 · 10:15:30 UTC" in text
        assert "the time written in the session is shown" in text
        await pilot.press("escape", "right", "s")
        text = view_text(app)
        # a2: no time written; the time comes from its status ID and says so.
        assert "Shown as: ≈ Thu 4 Mar 2021 · 10:15:30 UTC (derived from status ID)" in text
        assert "derived from status ID 1367418414166966272" in text
        assert "no source states it" in text
        assert "Written in the session: no time" in text
        assert "that is the time shown" in text


async def test_counts_with_their_moment_and_source() -> None:
    app = replay_app(PROVENANCE)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "s")
        text = view_text(app)
        assert (
            "12 likes, 3 reposts as of Thu 4 Mar 2021 · 18:00 UTC, reported by Example Archive"
            in text
        )
        assert "40 likes as of Fri 5 Mar 2021 · time unknown, reported by The Example Paper" in text
        await pilot.press("escape", "right", "s")
        text = view_text(app)
        assert "No counts are recorded for this post." in text
        assert "No other wording is recorded." in text


async def test_the_small_session_post_with_a_variant() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("right", "right", "s")
        view = app.screen
        assert isinstance(view, ProvenanceScreen)
        # The archive drops the @-mention and ends with "!" instead of ".".
        assert marked(view.content) == ["reconsider!"]
        assert "not in this wording: “@RiversideLib”, “reconsider.”" in flat(view.text)
        await pilot.press("s")  # s closes it too
        assert not isinstance(app.screen, ProvenanceScreen)


async def test_no_sources_view_on_the_cards() -> None:
    app = replay_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        assert not isinstance(app.screen, ProvenanceScreen)
        await pilot.pause()
        assert any("Step to a post" in n.message for n in app._notifications)


async def test_hostile_sources_stay_literal() -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=WIDE) as pilot:
        screen = replay_screen(app)
        for index in range(screen.replay.count):
            screen.go_to(index)
            await pilot.pause()
            await pilot.press("s")
            assert isinstance(app.screen, ProvenanceScreen)
            text = app.screen.text
            assert "\x1b" not in text and "\u202e" not in text
            await pilot.press("escape")
        assert app.is_running
