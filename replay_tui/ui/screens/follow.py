"""The follower (`replay-tui follow`): the audience view of a presenter elsewhere.

The same replay screen, driven by the presenter file instead of keys. Every
`POLL_INTERVAL` it asks `follow.Watcher` whether the presenter moved, then mirrors the
position, the focus view, guessing and a revealed content warning (the teacher decides what
the class sees). It never has the notes pane, publishes nothing, and takes no keys except
help and quit, so a stray key on the projecting machine cannot run ahead of the class.

A bar above the header says whom it follows, "waiting for a presenter" until one starts, and
"presenter gone" when the presenter closes or dies (the screen then stays where they
stopped, and follows again if a presenter of this session comes back).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from replay_tui.format.read import LoadedSession
from replay_tui.ui import text as t
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.user.follow import POLL_INTERVAL, Presence, Status, Watcher


class FollowScreen(ReplayScreen, inherit_bindings=False):
    """Mirror the presenter of `loaded` whose file is `path`."""

    BINDINGS: ClassVar[list[BindingType]] = []
    presenter: ClassVar[bool] = False

    def __init__(self, loaded: LoadedSession, path: Path) -> None:
        super().__init__(loaded)
        self.watcher = Watcher(path)
        self.mirrored = 0
        """How many presenter states have been applied (for tests)."""

    def compose(self) -> ComposeResult:
        yield Static(markup=False, id="follow-bar")
        # No presenter notes: they have no place on the audience's screen (`presenter`).
        yield from super().compose()

    def on_mount(self) -> None:
        super().on_mount()
        self._bar()
        self.poll()
        self.set_interval(POLL_INTERVAL, self.poll)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No bindings of its own; this also refuses actions reached any other way (the
        # command palette's jumps).
        return False

    def go_to(self, index: int) -> None:
        """The palette's jump: a follower goes where the presenter goes, nowhere else."""

    def poll(self) -> None:
        """Look at the presenter file; mirror it if it changed."""
        update = self.watcher.poll()
        if not update.changed:
            return
        if update.status is Status.FOLLOWING and update.presence is not None:
            self.mirror(update.presence)
        self._bar()

    def mirror(self, presence: Presence) -> None:
        replay = self.replay
        index = replay.loaded.post_index.get(presence.post) if presence.post else None
        replay.go(index if index is not None else presence.position)
        self.reveal.mirror(
            guessing=presence.guessing, withheld=presence.withheld, revealed=presence.revealed
        )
        self.focus_mode = presence.focus
        self.mirrored += 1
        self._shown()

    def _bar(self) -> None:
        session = self.replay.session
        status = self.watcher.status
        name = t.clipped(session.title, 60, "bold")
        ident = t.clipped(session.id, 60)
        if status is Status.FOLLOWING:
            words = t.join([t.words("following "), name, t.words(" ("), ident, t.words(")")])
        elif status is Status.WAITING:
            words = t.join(
                [
                    t.words("waiting for a presenter of "),
                    name,
                    t.words(" ("),
                    ident,
                    t.words("): open it with replay-tui in another terminal"),
                ]
            )
        else:
            words = t.join(
                [
                    t.words("presenter gone: "),
                    name,
                    t.words(" stays where they stopped; following again if they come back"),
                ]
            )
        bar = self.query_one("#follow-bar", Static)
        bar.update(words)
        bar.set_class(status is not Status.FOLLOWING, "-waiting")

    @property
    def status_text(self) -> str:
        """What the bar says (for tests)."""
        visual = self.query_one("#follow-bar", Static).visual
        return getattr(visual, "plain", str(visual))
