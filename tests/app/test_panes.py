"""What the header, timeline and the three panes show for each kind of post."""

from __future__ import annotations

import re

from textual.content import Content

from replay_tui.ui import text as t
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.banner import PromptBanner
from replay_tui.ui.widgets.panes import Pane
from replay_tui.ui.widgets.side import PANES
from replay_tui.ui.widgets.timeline import Timeline

from .apps import at_post, replay_app, replay_screen, screen_text

SIZE = (120, 40)


def pane(screen: ReplayScreen, name: str) -> Pane:
    return screen.query_one(f"#{name}", Pane)


def flowing(lines: list[str]) -> str:
    """Timeline lines as one flowing text: colour bars dropped, wrapped lines joined and
    runs of spaces collapsed, so that phrases can be found whatever the wrapping."""
    words = " ".join(line.lstrip("│┃").strip() for line in lines)
    return re.sub(r" {2,}", " ", words)


def timeline_text(screen: ReplayScreen) -> str:
    """What the timeline shows on screen now."""
    return flowing(screen.query_one(Timeline).visible_text())


async def test_header_shows_title_chapter_position_and_time() -> None:
    app = replay_app()
    async with at_post(app, 0, SIZE) as (pilot, screen):
        header = screen_text(app).splitlines()[:2]
        assert "Riverside library opening hours, March 2021" in header[0]
        assert header[0].rstrip().endswith("1/8")
        assert "Chapter 1/2 · The announcement" in header[1]
        assert header[1].rstrip().endswith("Thu 4 Mar 2021 · time unknown")
        screen.go_to(2)
        await pilot.pause()
        header = screen_text(app).splitlines()[:2]
        assert "Chapter 2/2 · Replies" in header[1]
        assert (
            header[1].rstrip().endswith("≈ Thu 4 Mar 2021 · 11:15:30 CET (derived from status ID)")
        )
        screen.go_to(7)
        await pilot.pause()
        assert screen_text(app).splitlines()[1].rstrip().endswith("date and time unknown")


async def test_later_posts_are_not_revealed() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right")
        text = timeline_text(screen)
        assert "From next week the library closes" in text
        assert "Saturday afternoon is when working families" in text
        assert "We hear you" not in text
        await pilot.press("right")
        assert "We hear you" in timeline_text(screen)
        await pilot.press("left")
        assert "We hear you" not in timeline_text(screen)


async def test_timeline_links_gaps_media_variants_and_tombstones() -> None:
    app = replay_app()
    async with app.run_test(size=(140, 60)) as pilot:
        screen = replay_screen(app)
        await pilot.press("end")
        text = timeline_text(screen)
        # Author, handle, time at its precision and the gap in arrow's words, honest to the
        # coarser precision: never "0 minutes" after a post known only by its day.
        assert "Riverside Residents @RiversideRes 4 Mar 2021 09:12 · same day" in text
        assert "≈4 Mar 2021 11:15:30 · +2 hours" in text
        assert "4 Mar 2021 11:19:05 · +3 minutes" in text
        assert "5 Mar 2021 · next day" in text
        assert "16:40 · same day" in text
        assert "Mar 2021 · same month" in text
        assert "date unknown · gap unknown" in text
        # Reply and quote links name the other post's author.
        assert "↳ replying to @RiversideLib" in text
        assert "❝ quoting @RiversideLib" in text
        # Media by description; media with a warning only as its warning.
        assert "▣ photo: A printed notice on the library door" in text
        assert "▣ photo hidden · warning: Shows identifiable people" in text
        assert "council building" not in text
        # Another source's wording, attributed.
        assert "as worded by Example Archive: Saturday afternoon" in text
        # Missing and deleted posts are shown as such.
        assert "text unknown (missing)" in text
        assert "Just open on Sunday instead? (deleted; text as the sources give it)" in text
        assert "deleted" in text and "missing" in text
        # Chapter dividers.
        assert "Chapter 1/2 · The announcement ─" in text
        assert "Chapter 2/2 · Replies ─" in text


async def test_the_current_post_is_highlighted_and_kept_in_view() -> None:
    app = replay_app()
    async with app.run_test(size=(80, 20)) as pilot:
        screen = replay_screen(app)
        timeline = screen.query_one(Timeline)
        for _ in range(8):
            await pilot.press("right")
            lines = timeline.visible_text()
            current = screen.replay.current
            assert current is not None
            words = (current.text or "text unknown (missing)").split()[0]
            assert any(words in line for line in lines), (screen.replay.position, lines)
            # The current post's bar is the heavy one; the others are light.
            assert any(line.startswith("┃") for line in lines)
        assert timeline.scroll_offset.y == timeline.max_scroll_y > 0


async def test_hashtags_and_mentions_are_styled_by_spans() -> None:
    content = t.post_text("@RiversideRes We hear you #RiversideLibrary e@mail.org #")
    styled = {content.plain[s.start : s.end]: s.style for s in content.spans}
    assert styled == {"@RiversideRes": t.MENTION, "#RiversideLibrary": t.HASHTAG}
    assert isinstance(content, Content)


async def test_the_prompt_is_in_the_banner_at_its_chapter_start_then_in_the_pane() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        banner = screen.query_one(PromptBanner)
        prompt = "What does the library say, and what does it leave out?"
        await pilot.press("right")
        assert screen.replay.chapter is not None
        assert screen.replay.chapter.start == screen.replay.position
        assert prompt in banner.text
        assert prompt not in pane(screen, "context").text
        await pilot.press("right")  # the same chapter, its second post
        assert screen.replay.chapter is not None and screen.replay.chapter.number == 1
        assert banner.text == ""
        context = pane(screen, "context").text
        assert "Discussion · chapter 1" in context and prompt in context


async def test_panes_for_a_post_with_everything() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right")  # p1: context, a reaction and press
        context = pane(screen, "context").text
        # The chapter starts here: its prompt is in the banner, not said again in the pane.
        prompt = "What does the library say, and what does it leave out?"
        assert prompt in screen.query_one(PromptBanner).text
        assert "Discussion · chapter 1" not in context and prompt not in context
        assert "The library budget" in context and "Sources: Riverside Gazette" in context
        assert "Riverside Library @RiversideLib on twitter" in context
        assert "The town's public library" in context
        assert "Posts opening hours and events." in context
        assert "Attested by: Riverside Gazette" in context
        assert "Time: Thu 4 Mar 2021 · time unknown: the sources give the day only" in context
        assert "About the whole exchange" in context and "About Riverside" in context
        reactions = pane(screen, "reactions").text
        assert "repost by Ana Reporter @ana_reports" in reactions
        assert "Thu 4 Mar 2021 · 08:55 CET · source: Riverside Gazette" in reactions
        press = pane(screen, "press").text
        assert "Riverside Gazette · Fri 5 Mar 2021 · 08:00 CET" in press
        assert "Library trims weekend hours, by A. Reporter" in press
        assert "“The library announced on Thursday" in press
        assert "https://example.org/gazette/library-hours" in press
        assert "About the whole exchange" in press
        assert [pane(screen, n).count for n in ("context", "reactions", "press")] == [1, 1, 1]
        assert pane(screen, "reactions").border_title == "Reactions · 1"


async def test_reactions_pane_kind_who_text_and_time() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right", "right")  # p2
        reactions = pane(screen, "reactions").text
        assert "favorite by A reader" in reactions
        assert "date and time unknown · source: Example Archive" in reactions
        assert "reply by A reader" in reactions
        assert "Same for us: Saturday is the only day we can go." in reactions
        assert "Thu 4 Mar 2021 · time unknown · source: Example Archive" in reactions
        assert pane(screen, "reactions").count == 2


async def test_empty_panes_say_so_quietly() -> None:
    app = replay_app()
    # p4: no context note, reaction or press of its own
    async with at_post(app, 3, SIZE) as (_, screen):
        assert "No context notes for this post." in pane(screen, "context").text
        assert pane(screen, "reactions").text == "No reactions recorded for this post."
        assert "No press excerpts about this post." in pane(screen, "press").text
        for name in ("context", "reactions", "press"):
            assert pane(screen, name).display
            assert pane(screen, name).region.height >= 3


async def test_derived_time_and_missing_status_are_explained() -> None:
    app = replay_app()
    async with at_post(app, 2, SIZE) as (pilot, screen):
        context = pane(screen, "context").text
        assert "derived from status ID 1367418414166966272" in context
        assert "no source states it" in context
        assert "Link: https://twitter.com/RiversideLib/status/1367418414166966272" in context
        screen.go_to(4)
        await pilot.pause()
        context = pane(screen, "context").text
        assert "Status: missing" in context


async def test_presenter_notes_stay_hidden() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        assert screen.replay.posts[0].notes is not None
        for _ in range(10):
            shown = [screen_text(app), *(pane(screen, n).text for n in PANES)]
            shown += screen.query_one(Timeline).laid_out_text()
            assert not any("Presenter only" in text for text in shown)
            await pilot.press("right")


async def test_a_session_without_posts_shows_its_cards() -> None:
    from replay_tui.format.check import check_session
    from replay_tui.format.model import FORMAT, Session
    from replay_tui.ui.app import build_app

    from .apps import settings

    loaded, _ = check_session(
        Session(format=FORMAT, id="empty", title="Nothing yet", timezone="UTC"), "x"
    )
    assert loaded is not None
    app = build_app(loaded, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        assert "This session has no posts." in screen_text(app)
        await pilot.press("right")
        assert "End of the replay" in screen_text(app)
        await pilot.press("end", "5")
        assert "End of the replay" in screen_text(app)
        await pilot.press("home")
        assert "This session has no posts." in screen_text(app)
