"""Bookmarks, private notes and the reading position: the user's own data on a session.

`state.SessionState` keeps them on disk (plain Python, tested without a terminal); this
controller turns keys into calls on it, says whether each change was saved, and remembers
the position a while after the last move (debounced), so that reopening the session
resumes there. A follower keeps no state of its own and has no controller.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer

from replay_tui.ui import text as t
from replay_tui.ui.controllers.base import Controller, Given
from replay_tui.ui.render import Renderer
from replay_tui.ui.screens.lists import JumpList, two_lines
from replay_tui.user.state import SessionState
from replay_tui.words import phrases

SAVE_DELAY = 2.0
"""Seconds after the last move before the reading position is written (debounced)."""


class Bookmarks(Controller):
    """The user's bookmarks, notes and position on `replay`; `changed()` after a bookmark
    or a note changes (posts show them), `jump(index)` to go to one."""

    def __init__(self, given: Given, state: SessionState, *, changed: Callable[[], None]) -> None:
        super().__init__(given)
        self.state = state
        self._changed = changed
        self._save_timer: Timer | None = None
        self.resumed: int | None = None
        """The position the session reopened at from the saved state, if it did."""
        self._moves_at_open = self.replay.moves

    def resume(self) -> None:
        """Go to the saved position, if there is one (before the screen is shown)."""
        replay = self.replay
        at = self.state.resume_index(replay.loaded.post_index, replay.count)
        if at is not None and at != replay.position:
            replay.go(at)
            self.resumed = at
        # Only a move is remembered: opening (with --from-start, say) and quitting at once
        # leaves the saved position as it was.
        self._moves_at_open = replay.moves

    def greet(self) -> None:
        """On mount: what went wrong reading the saved state, and where it resumed."""
        for notice in self.state.notices:
            self.screen.notify(
                notice,
                title="Your notes and bookmarks",
                severity="warning",
                markup=False,
                timeout=12,
            )
        if self.resumed is not None:
            replay = self.replay
            where = (
                f"post {self.resumed + 1:,} of {replay.count:,}"
                if replay.on_post
                else ("the end card" if replay.at_end else "the title card")
            )
            self.screen.notify(
                f"Reopened where you left off: {where}. Home: the first post "
                "(replay-tui --from-start opens at the title).",
                title="Resumed",
                markup=False,
                timeout=6,
            )

    # --- the reading position -------------------------------------------------------------------

    def moved(self) -> None:
        """After a repaint at a new position: remember it, and save it a while later."""
        if self.replay.moves == self._moves_at_open:
            return
        self._remember()
        if self._save_timer is None:
            self._save_timer = self.screen.set_timer(SAVE_DELAY, self.save_position)
        else:
            self._save_timer.reset()

    def close(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.replay.moves != self._moves_at_open:
            self._remember()
        # Nobody is left to tell: a failed save keeps the file as it was; notes and
        # bookmarks were saved (or the failure shown) when they were made.
        self.state.save()

    def _remember(self) -> None:
        current = self.replay.current
        self.state.remember_position(self.replay.position, current.id if current else None)

    @property
    def saving(self) -> bool:
        """A write of the position is due (the timer runs)."""
        return self._save_timer is not None

    def save_position(self) -> None:
        """Write the reading position now (the timer's callback)."""
        self._save_timer = None
        problem = self.state.save_position()
        if problem is not None:
            self.screen.notify(problem, title="Position", severity="warning", markup=False)

    # --- bookmarks and notes ----------------------------------------------------------------------

    def toggle(self) -> None:
        post = self.replay.current
        if post is None:
            self.screen.notify("Step to a post to bookmark it.", title="Bookmarks", markup=False)
            return
        on = self.state.toggle_bookmark(post.id)
        number = f"post {self.replay.position + 1:,}"
        self._saved(
            self.state.save_data(),
            f"Bookmarked {number} (B lists the bookmarks)."
            if on
            else f"Removed the bookmark on {number}.",
        )
        self._changed()

    def listing(self, renderer: Renderer, land: Callable[[int], int]) -> None:
        """B: the bookmarks, to jump to one (where `land` says a jump lands)."""
        replay = self.replay
        marked = self.state.bookmarked_indices(replay.loaded.post_index)
        if not marked:
            self.screen.notify(
                "No bookmarks yet: b bookmarks the current post.", title="Bookmarks", markup=False
            )
            return
        rows = []
        for index in marked:
            post = replay.posts[index]
            heading = t.join(
                [
                    t.words(f"★ {index + 1:,}. ", "bold $text-warning"),
                    renderer.who(replay.participant(post.author)),
                ]
            )
            # Words behind a content warning show as their warning (`preview_words`).
            body = (
                t.clipped(phrases.preview_words(post), 110)
                if post.text is not None
                else t.words(phrases.MISSING_TEXT, "italic")
            )
            rows.append((two_lines(heading, body), index))

        def chosen(position: int | None) -> None:
            if position is not None:
                self._jump(land(position))

        self.screen.app.push_screen(
            JumpList(t.count(len(marked), "bookmark"), rows, current=replay.position), chosen
        )

    def note(self) -> None:
        state = self.state
        replay = self.replay
        post = replay.current
        if post is None:
            self.screen.notify("Step to a post to write a note on it.", title="Note", markup=False)
            return
        existing = state.note(post.id)
        index = replay.position
        post_id = post.id

        def keep(text: str | None) -> None:
            if text is None or text == (existing.text if existing else ""):
                return
            state.set_note(post_id, text)
            done = "Note deleted." if not text.strip() else f"Note saved on post {index + 1:,}."
            self._saved(state.save_data(), done)
            self._changed()

        # Imported on first use: its TextArea costs 5 ms at start-up, before the first frame.
        from replay_tui.ui.screens.note import NoteScreen

        self.screen.app.push_screen(
            NoteScreen(
                f"Your note · post {index + 1:,} of {replay.count:,}",
                existing.text if existing else "",
            ),
            keep,
        )

    def _saved(self, problem: str | None, done: str) -> None:
        """Say that a change was saved, or why it was not (it is kept in memory)."""
        if problem is None:
            self.screen.notify(done, markup=False, timeout=3)
        else:
            self.screen.notify(
                problem, title="Not saved", severity="error", markup=False, timeout=15
            )
        for said in self.state.merged:  # the same note was changed in another window too
            self.screen.notify(said, title="Note", severity="warning", markup=False, timeout=12)
        self.state.merged.clear()
