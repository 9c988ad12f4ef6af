"""SVG snapshots of the screens people see (pytest-textual-snapshot).

Run `pytest tests/app/test_snapshots.py --snapshot-update` after an intended change and
look at the new SVGs under `__snapshots__/` before committing them. The app is built by
`build_app` (through `apps.py`), as the CLI builds it, on the neutral test session
`tests/data/good/small.toml`, so the pictures do not change when the bundled sessions are
re-curated.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from replay_tui.format.problems import Problem
from replay_tui.format.read import load_session
from replay_tui.ui.app import build_app
from replay_tui.user.library import Entry

from .apps import DATA, HOSTILE, SMALL, picker_app, replay_app, settings

SnapCompare = Callable[..., bool]
WIDE = (120, 40)


def at_post(index: int) -> Callable[[Pilot[int]], object]:
    """A run_before that moves to post `index` (0-based)."""

    async def run_before(pilot: Pilot[int]) -> None:
        from replay_tui.ui.screens.replay import ReplayScreen

        screen = pilot.app.screen
        assert isinstance(screen, ReplayScreen)
        screen.go_to(index)
        await pilot.pause()

    return run_before


class TestCards:
    def test_title_card(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), terminal_size=WIDE)

    def test_end_card(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), press=["end", "right"], terminal_size=WIDE)


class TestPost:
    def test_a_post_with_all_three_panes_filled(self, snap_compare: SnapCompare) -> None:
        # p1: a context note, a reaction and a press excerpt, plus the chapter prompt.
        assert snap_compare(replay_app(), press=["right"], terminal_size=WIDE)

    def test_later_post_with_derived_time_reply_and_hidden_media(
        self, snap_compare: SnapCompare
    ) -> None:
        assert snap_compare(replay_app(), run_before=at_post(3), terminal_size=WIDE)

    def test_words_behind_the_editors_warning(self, snap_compare: SnapCompare) -> None:
        # The bundled #AskHamas session's first post: the editor's warning, named as the
        # editor's, in place of the words until the presenter presses v.
        app = replay_app(Path(__file__).resolve().parents[2] / "sessions" / "askhamas-2015-03.toml")
        assert snap_compare(app, run_before=at_post(0), terminal_size=WIDE)


class TestInferences:
    def test_an_inferred_reply_link_and_time_zone(self, snap_compare: SnapCompare) -> None:
        # The timeline marks the link, the context pane gives its reason, and the press
        # pane marks the publication time's zone as inferred (issue 18).
        app = replay_app(DATA / "good" / "inferred.toml")
        assert snap_compare(app, run_before=at_post(1), terminal_size=WIDE)


class TestSmallTerminal:
    def test_80x24_panes_as_tabs(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), press=["right"], terminal_size=(80, 24))

    def test_80x24_reactions_tab(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), press=["right", "right", "r"], terminal_size=(80, 24))

    def test_60x20(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), press=["right", "right"], terminal_size=(60, 20))


class TestThemes:
    def test_projector_theme(self, snap_compare: SnapCompare) -> None:
        async def run_before(pilot: Pilot[int]) -> None:
            pilot.app.theme = "projector"
            await pilot.press("right")

        assert snap_compare(replay_app(), run_before=run_before, terminal_size=WIDE)


class TestHelp:
    def test_help_screen(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), press=["right", "question_mark"], terminal_size=WIDE)


class TestPicker:
    def test_picker_with_a_broken_session(self, snap_compare: SnapCompare) -> None:
        entries = [
            Entry(
                Path("sessions/broken.toml"),
                "user",
                None,
                Problem(
                    "error",
                    "unknown-timezone",
                    "unknown time zone 'Nowhere/Never': use an IANA name such as "
                    "'Asia/Jerusalem' or 'UTC'",
                    "timezone",
                    "sessions/broken.toml",
                    4,
                    12,
                ),
            ),
            Entry(Path("sessions/small.toml"), "bundled", load_session(SMALL), None),
        ]

        async def run_before(pilot: Pilot[int]) -> None:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("down")

        assert snap_compare(picker_app(entries), run_before=run_before, terminal_size=WIDE)


class TestHostile:
    def test_hostile_post_stays_literal(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(HOSTILE), press=["right"], terminal_size=WIDE)


class TestExploring:
    """Search, the thread view, a filter with a bookmark and the user's note, autoplay."""

    def test_search_highlights(self, snap_compare: SnapCompare) -> None:
        async def run_before(pilot: Pilot[int]) -> None:
            # The first match comes from a worker: the picture waits for its answer.
            await pilot.press("right", "slash", *"library", "enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            # The bar's cursor shown steadily: a blink (every 0.5 s) made the picture depend
            # on how long the search took.
            pilot.app.screen.query_one(Input).cursor_blink = False
            await pilot.pause()

        assert snap_compare(replay_app(), run_before=run_before, terminal_size=WIDE)

    def test_thread_view_while_playing_80x24(self, snap_compare: SnapCompare) -> None:
        # A clock that never moves: autoplay is on, but no step can come due mid-picture.
        app = build_app(load_session(SMALL), config=settings(), clock=lambda: 0.0)
        assert snap_compare(app, press=["end", "t", "plus", "space"], terminal_size=(80, 24))

    def test_filter_bookmark_and_own_note(self, snap_compare: SnapCompare) -> None:
        async def run_before(pilot: Pilot[int]) -> None:
            from datetime import UTC, datetime

            from replay_tui.replay.filters import Filter
            from replay_tui.ui.screens.replay import ReplayScreen

            screen = pilot.app.screen
            assert isinstance(screen, ReplayScreen) and screen.state is not None
            screen.apply_filter(Filter(participants=frozenset({"library"})))
            screen.go_to(2)
            screen.state.clock = lambda: datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
            screen.state.toggle_bookmark("p3")
            screen.state.set_note("p3", "Ask: who is 'you' here? Compare with the Gazette.")
            screen.marks += 1  # what a bookmark or a note made through the keys does
            await pilot.pause()

        assert snap_compare(replay_app(), run_before=run_before, terminal_size=WIDE)
