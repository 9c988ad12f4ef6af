"""The filter (`F`, and the palette): only some participants' posts or a hashtag's, the
position saying it is filtered, stepping skipping the rest; on the small and hostile
sessions."""

from __future__ import annotations

from textual.widgets import SelectionList

from replay_tui.format.model import Participant
from replay_tui.replay.filters import Filter
from replay_tui.ui.app import ReplayApp
from replay_tui.ui.commands import FilterCommands
from replay_tui.ui.screens.filter import FilterScreen
from replay_tui.ui.screens.replay import ReplayScreen

from .apps import HOSTILE, answered, at_post, replay_app, replay_screen, screen_lines, screen_text
from .reading import timeline_words
from .test_hostile import assert_inert

SIZE = (120, 40)


def header(app: ReplayApp) -> str:
    return "\n".join(screen_lines(app)[:2])


async def test_f_filters_by_participant_and_steps_skip_the_others() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("F")
        await answered(app, pilot)
        assert isinstance(app.screen, FilterScreen)
        text = screen_text(app)
        assert "Riverside Library  @RiversideLib  3 posts" in text  # busiest first
        assert "#RiversideLibrary  3 posts" in text
        await pilot.press("space", "ctrl+s")  # tick the first (the library), apply
        assert isinstance(app.screen, ReplayScreen)
        assert "filter: Riverside Library" in header(app)
        assert "title · 3 of 8 posts shown" in header(app)
        seen = []
        for _ in range(4):
            await pilot.press("right")
            seen.append(screen.replay.position)
        assert seen == [0, 2, 6, 8]
        await pilot.press("left")
        assert "3/3 shown (of 8)" in header(app)
        # Only the shown posts are in the timeline.
        words = timeline_words(app)
        assert "Riverside Residents" not in words and "Ana Reporter" not in words
        await pilot.press("home")
        assert "1/3 shown (of 8)" in header(app)
        # F again: the current filter is ticked; "Show all posts" clears it.
        await pilot.press("F")
        assert app.screen.query_one(SelectionList).selected == ["library"]
        await pilot.click("#filter-clear")
        await pilot.pause()
        assert "filter:" not in header(app)
        assert "1/8" in header(app)


async def test_a_hashtag_filter_from_the_palette() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        hits = {
            str(hit.text): hit async for hit in FilterCommands(screen).search("riversidelibrary")
        }
        assert "Filter: only posts by Riverside Library @RiversideLib" in hits
        hits["Filter: only posts with #RiversideLibrary"].command()
        await answered(app, pilot)
        assert list(screen.replay.shown.indices) == [0, 2, 7]  # type: ignore[union-attr]
        assert "filter: #RiversideLibrary" in header(app)
        hits = [hit async for hit in FilterCommands(screen).search("show all")]
        hits[0].command()
        await pilot.pause()
        assert screen.replay.shown is None


async def test_applying_a_filter_moves_a_hidden_cursor_and_an_empty_one_is_refused() -> None:
    app = replay_app()
    async with at_post(app, 4, SIZE) as (pilot, screen):
        screen.apply_filter(Filter(participants=frozenset({"library"})))
        await pilot.pause()
        assert screen.replay.position == 2  # the last shown post before it
        screen.apply_filter(Filter(participants=frozenset({"reader"}), tag="#RiversideLibrary"))
        await answered(app, pilot)
        assert screen.filter.participants == {"library"}  # unchanged: nothing would show
        # A jump to a hidden post (the palette, a bookmark) lifts the filter and says so.
        screen.go_to(1)
        await pilot.pause()
        assert screen.replay.shown is None
        assert "filter:" not in header(app)


async def test_search_and_the_thread_view_keep_to_the_filter() -> None:
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        screen.apply_filter(Filter(participants=frozenset({"library"})))
        screen.finder.search_for("staffing")  # p3, p4 and p7 match; p4 is the reporter's
        await answered(app, pilot)
        assert screen.replay.position == 2
        await pilot.press("n")
        assert screen.replay.position == 6
        await pilot.press("t")
        assert [screen.replay.posts[i].author for i in screen.timeline_rows().posts] == [
            "library"
        ] * 3


async def test_filtering_the_hostile_session_stays_literal() -> None:
    app = replay_app(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("F")
        await answered(app, pilot)
        assert_inert(screen_text(app))
        assert "Name [@click=app.quit]x[/] <U+202E>txet" in screen_text(app)
        await pilot.press("escape")
        screen.apply_filter(Filter(participants=frozenset({"a [/] b [bold"})))
        await pilot.press("right")
        assert "filter: Name [@click=app.quit]x[/] <U+202E>txet" in header(app)
        assert "1/1 shown (of 3)" in header(app)
        assert_inert(screen_text(app))
        await pilot.press("right")
        assert screen.replay.at_end
        screen.apply_filter(Filter(tag="#tag"))
        await answered(app, pilot)
        await pilot.press("home")
        assert app.is_running and screen.replay.on_post
        assert_inert(screen_text(app))


async def test_the_dialog_lists_participants_before_their_posts_are_counted() -> None:
    """Opened before the posts per participant are counted, the dialog lists everyone in the
    session's order saying "counting…" (no number before it is known); when the count
    comes, busiest first, with the same ticks and the participant moved to highlighted."""
    from textual.signal import Signal

    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        participants = list(screen.replay.session.participants)
        counted: Signal[list[tuple[Participant, int]]] = Signal(screen, "test-people")
        uncounted: list[tuple[Participant, int | None]] = [(p, None) for p in participants]
        dialog = FilterScreen(uncounted, [], Filter(), people_counted=counted)
        await app.push_screen(dialog, screen.apply_filter)
        await pilot.pause()
        listing = dialog.query_one(SelectionList)

        def rows() -> list[str]:
            return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]

        expected = []
        for person in participants:
            handle = f"  {person.handle}" if person.handle else ""
            expected.append(f"{person.name}{handle}  counting…")
        assert rows() == expected  # no count shown before it is known
        await pilot.press("down", "space")  # the second participant, ticked
        second = participants[1].id
        # The counts: the last participant is the busiest, the second has one post.
        ranked = [(participants[-1], 9), *((p, 1) for p in participants[:-1])]
        counted.publish(ranked)
        await pilot.pause()
        assert listing.get_option_at_index(0).value == participants[-1].id
        assert listing.selected == [second]
        assert listing.highlighted is not None
        assert listing.get_option_at_index(listing.highlighted).value == second
        assert rows()[0].endswith("  9 posts")
        assert all(row.endswith("  1 post") for row in rows()[1:])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.filter.participants == {second}
