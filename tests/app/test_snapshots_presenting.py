"""SVG snapshots of the presenting views: the focus view in the projector theme (at the
classroom size and at 80×24), with a content warning, guessing, and the presenter notes;
and the provenance view. Same rules as `test_snapshots.py`: run with --snapshot-update after
an intended change and look at the SVGs before committing them."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from .apps import DATA, replay_app

SnapCompare = Callable[..., bool]
WIDE = (120, 40)
NARROW = (80, 24)


def projector(*keys: str, at: int | None = None) -> Callable[[Pilot[int]], object]:
    """A run_before: the projector theme, optionally a post (0-based), then `keys`."""

    async def run_before(pilot: Pilot[int]) -> None:
        from replay_tui.ui.screens.replay import ReplayScreen

        pilot.app.theme = "projector"
        if at is not None:
            screen = pilot.app.screen
            assert isinstance(screen, ReplayScreen)
            screen.go_to(at)
        await pilot.pause()
        await pilot.press(*keys)

    return run_before


class TestFocusView:
    def test_projector_120x40(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), run_before=projector("f", at=1), terminal_size=WIDE)

    def test_projector_80x24(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), run_before=projector("f", at=1), terminal_size=NARROW)

    def test_content_warning(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), run_before=projector("f", at=3), terminal_size=WIDE)

    def test_the_authors_warning_over_the_words(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            replay_app(DATA / "good" / "warned.toml"),
            run_before=projector("f", at=1),
            terminal_size=WIDE,
        )

    def test_the_authors_warning_revealed(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            replay_app(DATA / "good" / "warned.toml"),
            run_before=projector("f", "v", at=1),
            terminal_size=WIDE,
        )

    def test_guessing_a_reply(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            replay_app(), run_before=projector("f", "m", "right", at=0), terminal_size=WIDE
        )

    def test_with_presenter_notes_80x24(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            replay_app(), run_before=projector("f", "P", at=0), terminal_size=NARROW
        )

    def test_an_inferred_reply_link(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            replay_app(DATA / "good" / "inferred.toml"),
            run_before=projector("f", at=1),
            terminal_size=WIDE,
        )


class TestProvenance:
    def test_sources_wordings_time_counts(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(
            replay_app(DATA / "good" / "provenance.toml"),
            press=["right", "s"],
            terminal_size=WIDE,
        )

    def test_a_variant_in_the_projector_theme(self, snap_compare: SnapCompare) -> None:
        assert snap_compare(replay_app(), run_before=projector("s", at=1), terminal_size=WIDE)


class TestFollower:
    def test_following_a_presenter_in_the_focus_view(self, snap_compare: SnapCompare) -> None:
        import os

        import msgspec

        from replay_tui.format.read import load_session
        from replay_tui.ui.app import build_app
        from replay_tui.user.follow import Presence, presence_path

        from .apps import SMALL, settings

        loaded = load_session(SMALL)
        path = presence_path(loaded.session.id)
        presence = Presence(
            session=loaded.session.id,
            file=str(SMALL),
            title=loaded.session.title,
            pid=os.getpid(),
            started=0.0,
            seq=1,
            position=3,
            post="p4",
            focus=True,
            revealed=True,
        )
        path.write_bytes(msgspec.json.encode(presence))
        app = build_app(loaded, config=settings(), follow=path)

        async def run_before(pilot: Pilot[int]) -> None:
            pilot.app.theme = "projector"
            await pilot.pause()

        assert snap_compare(app, run_before=run_before, terminal_size=WIDE)
