"""The presenting half of the replay screen: focus view, notes, reveals, sources, exports.

`ReplayScreen` derives from `PresentingScreen`, which holds what a teacher or a journalist
uses in front of others, so the replay screen keeps to stepping and panes:

* `f` the focus view: the current post large and centred for projection, the panes hidden;
* `P` the presenter notes pane (the issue asked for `N`; `n`/`N` are search next/previous,
  as in vim and less, so the notes moved to `P`, "presenter");
* `m` guess the reply, and `v` reveal a content warning, both kept in `reveal.Reveal`;
* `s` the sources of the current post (`ProvenanceScreen`);
* `e` a Markdown export and `S` an SVG screenshot, into the current folder;
* publishing the position for `replay-tui follow` (`follow.Publisher`), written from a
  thread of its own so that a step never waits for the disk (two fsyncs a write).

`ReplayScreen.sync` calls `presented()` after every repaint; a change that does not move
the cursor (a reveal, the focus view) calls `repaint()`. A follower (`FollowScreen`) is the
same screen with `presenter = False`: it publishes nothing, has no notes pane and no keys
of its own, and shows no hints meant for the person at the keyboard.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual.screen import Screen
from textual.timer import Timer

from replay_tui.replay.cursor import Replay
from replay_tui.replay.reveal import Reveal
from replay_tui.ui.present import focus_view, presenter_notes, provenance
from replay_tui.ui.render import Renderer
from replay_tui.ui.screens.provenance import ProvenanceScreen
from replay_tui.ui.widgets.focus import FocusView, NotesPane
from replay_tui.ui.widgets.timeline import Timeline
from replay_tui.user.follow import Publisher, Shown
from replay_tui.user.store import write_output


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-1.suffix`, `stem-2.suffix`…: the first that does not
    exist, so an export never replaces a file silently."""
    candidate = folder / f"{stem}{suffix}"
    number = 0
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


class PresentingScreen(Screen[None]):
    """Presenting features over a `Replay`; the subclass creates `replay`, `reveal` and
    `renderer`, binds `keys.PRESENT_KEYS` (placing them in its footer) and calls
    `presented()` at the end of each repaint."""

    presenter: ClassVar[bool] = True
    """False on a follower: no publishing, no notes, no presenter hints."""

    replay: Replay
    reveal: Reveal
    renderer: Renderer
    _synced: int | None

    focus_mode = False
    """The focus view is on (`f`)."""
    notes_shown = False
    """The presenter notes pane is open (`P`)."""
    _publisher: Publisher | None = None
    _flush_timer: Timer | None = None
    _publish_problem_told = False

    def sync(self) -> None:
        raise NotImplementedError

    # --- lifecycle ------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.presenter:
            loaded = self.replay.loaded
            self._publisher = Publisher(
                loaded.session.id,
                loaded.file,
                loaded.session.title,
                background=True,
                on_problem=self._publish_failed,
            )
            self.publish()

    def on_unmount(self) -> None:
        if self._publisher is not None:
            self._publisher.close()

    def repaint(self) -> None:
        """Paint again without a move: what the current post shows has changed."""
        self._synced = None
        self.sync()

    def presented(self) -> None:
        """After a repaint: the focus view or the timeline, the notes pane, publishing."""
        replay = self.replay
        focus = self.query_one(FocusView)
        body = self.query_one("#body")
        shown = self.focus_mode and replay.on_post
        self.set_class(self.focus_mode, "-focus")
        focus.display = shown
        if shown:
            body.display = False
            focus.show(focus_view(self.renderer, presenter=self.presenter))
            if self.focused is not focus:
                focus.focus(scroll_visible=False)  # ↑ ↓ scroll a post taller than the screen
        elif self.focused is focus or (self.focused is None and replay.on_post):
            self.query_one(Timeline).focus(scroll_visible=False)
        notes = self.query(NotesPane)
        if notes:
            pane = notes.first()
            pane.display = self.presenter and self.notes_shown
            if pane.display:
                pane.show(presenter_notes(self.renderer))
        self.publish()

    # --- following ------------------------------------------------------------------------

    def publish(self) -> None:
        """Tell followers what is shown now (at most ten writes a second; the last state is
        written by a timer when a burst of steps is held back)."""
        publisher = self._publisher
        if publisher is None:
            return
        replay = self.replay
        current = replay.current
        wait = publisher.publish(
            Shown(
                position=replay.position,
                post=current.id if current is not None else None,
                focus=self.focus_mode,
                guessing=self.reveal.guessing,
                withheld=self.reveal.withheld,
                revealed=self.reveal.revealed,
            )
        )
        if wait is not None and self._flush_timer is None:
            self._flush_timer = self.set_timer(wait, self._flush)
        self._tell_publish_problem()

    def _publish_failed(self) -> None:
        """A write failed, on the writer's thread: `call_later` only posts a message (as
        `post_message`, safe from another thread)."""
        self.call_later(self._tell_publish_problem)

    def _tell_publish_problem(self) -> None:
        """Say once that followers cannot see this session (a write failed)."""
        publisher = self._publisher
        if publisher is not None and publisher.problem and not self._publish_problem_told:
            self._publish_problem_told = True
            self.notify(publisher.problem, title="Follow", severity="warning", markup=False)

    def _flush(self) -> None:
        self._flush_timer = None
        if self._publisher is not None:
            self._publisher.flush()

    # --- keys -----------------------------------------------------------------------------

    def action_toggle_focus_view(self) -> None:
        self.focus_mode = not self.focus_mode
        self.repaint()

    def action_toggle_presenter_notes(self) -> None:
        self.notes_shown = not self.notes_shown
        self.set_class(self.notes_shown, "-notes")
        self.repaint()

    def action_toggle_guess(self) -> None:
        on = self.reveal.toggle_guessing()
        self.notify(
            "On: stepping onto a reply first shows who replies to whom; the next step shows "
            "the text."
            if on
            else "Off: every step shows the whole post.",
            title="Guess the reply",
            markup=False,
        )
        self.repaint()

    def action_reveal_media(self) -> None:
        revealed = self.reveal.toggle_sensitive()
        if revealed is None:
            message = (
                "Show the reply first (→)."
                if self.reveal.withheld
                else "Nothing to reveal: no media behind a content warning on this post."
            )
            self.notify(message, title="Reveal", markup=False)
            return
        self.repaint()

    def action_provenance(self) -> None:
        replay = self.replay
        if not replay.on_post:
            self.notify("Step to a post to see its sources.", title="Sources", markup=False)
            return
        index = replay.position
        self.app.push_screen(
            ProvenanceScreen(
                provenance(self.renderer, index),
                f"Sources · post {index + 1:,} of {replay.count:,}",
            )
        )

    def action_export_markdown(self) -> None:
        """`e`: the whole session as a Markdown handout in the current folder, as
        `replay-tui export --to markdown` writes it (warned media and presenter notes left
        out)."""
        from replay_tui.export import ExportError, ExportOptions, export

        loaded = self.replay.loaded
        try:
            document = export(loaded, "markdown", ExportOptions())
            path = unused_path(Path.cwd(), loaded.session.id, ".md")
            write_output(path, document.encode("utf-8"))
        except ExportError as exc:
            self._failed("Export", f"Could not export the session: {exc}")
            return
        except OSError as exc:
            self._failed("Export", f"Could not write the export: {exc.strerror or exc}")
            return
        self.notify(
            f"Saved the session as Markdown to {path.resolve()}",
            title="Export",
            markup=False,
            timeout=8,
        )

    def action_save_screenshot(self) -> None:
        """`S`: what the screen shows now, as an SVG in the current folder."""
        replay = self.replay
        where = f"post-{replay.position + 1}" if replay.on_post else replay.label().split()[0]
        try:
            folder = Path.cwd()
            path = unused_path(folder, f"{replay.session.id}-{where}", ".svg")
            saved = self.app.save_screenshot(filename=path.name, path=str(folder))
        except OSError as exc:
            self._failed("Screenshot", f"Could not save the screenshot: {exc.strerror or exc}")
            return
        self.notify(
            f"Saved a screenshot to {os.path.abspath(saved)}",
            title="Screenshot",
            markup=False,
            timeout=8,
        )

    def _failed(self, title: str, message: str) -> None:
        self.notify(message, title=title, severity="error", markup=False, timeout=10)
