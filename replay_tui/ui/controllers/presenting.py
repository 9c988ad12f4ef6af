"""What a teacher or a journalist uses in front of others: following, sources, exports.

* publishing the position for `replay-tui follow` (`follow.Publisher`), written from a
  thread of its own so that a step never waits for the disk (two fsyncs a write), at most
  ten writes a second (the last state is written by a timer when a burst is held back);
* `s` the sources of the current post (`ProvenanceScreen`);
* `y` the current post as a citation, to the clipboard (`export.citation`; Textual sends
  it to the terminal as OSC 52, which many terminals pass to the system clipboard);
* `e` a Markdown export and `S` an SVG screenshot, into the current folder, never over an
  existing file.

The focus view (`f`), the presenter notes (`P`), guessing the reply (`m`) and revealing a
content warning (`v`) are display state: the replay screen's reactives, bound to the
widgets that show them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from replay_tui.replay.reveal import Reveal
from replay_tui.ui.controllers.base import Controller, Given
from replay_tui.ui.present import provenance
from replay_tui.ui.render import Renderer
from replay_tui.ui.screens.provenance import ProvenanceScreen
from replay_tui.user.follow import Publisher, Shown
from replay_tui.user.store import write_output


def save_screenshot(screen: Screen[Any], stem: str) -> None:
    """What `screen` shows now, as `stem.svg` in the current folder (never over a file:
    `stem-1.svg`…), saying where it went or why it could not (`S`, and the palette's
    "Screenshot" on any screen)."""
    try:
        path = unused_path(Path.cwd(), stem, ".svg")
        # Textual's save_screenshot writes in place; this is atomic and never over a file.
        write_output(path, screen.app.export_screenshot().encode("utf-8"))
    except OSError as exc:
        tell(screen, "Screenshot", f"Could not save the screenshot: {exc.strerror or exc}", True)
        return
    tell(screen, "Screenshot", f"Saved a screenshot to {os.path.abspath(path)}")


def tell(screen: Screen[Any], title: str, message: str, failed: bool = False) -> None:
    """Say where a file went, or (`failed`) why it could not be written: longer."""
    severity: SeverityLevel = "error" if failed else "information"
    timeout = 10 if failed else 8
    screen.notify(message, title=title, severity=severity, markup=False, timeout=timeout)


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-1.suffix`, `stem-2.suffix`…: the first that does not
    exist, so an export never replaces a file silently."""
    candidate = folder / f"{stem}{suffix}"
    number = 0
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


class Presenting(Controller):
    """Publishing, sources and exports for the replay on the screen."""

    def __init__(self, given: Given, reveal: Reveal) -> None:
        super().__init__(given)
        self.reveal = reveal
        self._publisher: Publisher | None = None
        self._flush_timer: Timer | None = None
        self._problem_told = False

    # --- following ------------------------------------------------------------------------------

    def start(self) -> None:
        loaded = self.replay.loaded
        self._publisher = Publisher(
            loaded.session.id,
            loaded.file,
            loaded.session.title,
            background=True,
            on_problem=self._failed_write,
        )

    def close(self) -> None:
        if self._publisher is not None:
            self._publisher.close()

    def publish(self, *, focus: bool) -> None:
        """Tell followers what is shown now."""
        publisher = self._publisher
        if publisher is None:
            return
        replay, reveal = self.replay, self.reveal
        current = replay.current
        wait = publisher.publish(
            Shown(
                position=replay.position,
                post=current.id if current is not None else None,
                focus=focus,
                guessing=reveal.guessing,
                withheld=reveal.withheld,
                revealed=reveal.revealed,
            )
        )
        if wait is not None and self._flush_timer is None:
            self._flush_timer = self.screen.set_timer(wait, self._flush)
        self._tell_problem()

    def _failed_write(self) -> None:
        """A write failed, on the writer's thread: `call_later` only posts a message (as
        `post_message`, safe from another thread)."""
        self.screen.call_later(self._tell_problem)

    def _tell_problem(self) -> None:
        """Say once that followers cannot see this session (a write failed)."""
        publisher = self._publisher
        if publisher is not None and publisher.problem and not self._problem_told:
            self._problem_told = True
            self.screen.notify(publisher.problem, title="Follow", severity="warning", markup=False)

    def _flush(self) -> None:
        self._flush_timer = None
        if self._publisher is not None:
            self._publisher.flush()

    # --- guessing and revealing ------------------------------------------------------------------

    def toggle_guess(self) -> None:
        on = self.reveal.toggle_guessing()
        self.screen.notify(
            "On: stepping onto a reply first shows who replies to whom; the next step shows "
            "the text."
            if on
            else "Off: every step shows the whole post.",
            title="Guess the reply",
            markup=False,
        )

    def reveal_media(self) -> bool:
        """`v`: reveal (or hide again) the current post's warned words and media; False
        when there is nothing to reveal (and says why)."""
        if self.reveal.toggle_sensitive() is not None:
            return True
        message = (
            "Show the reply first (→)."
            if self.reveal.withheld
            else "Nothing to reveal: nothing on this post is behind a content warning."
        )
        self.screen.notify(message, title="Reveal", markup=False)
        return False

    # --- sources and exports --------------------------------------------------------------------

    def sources(self, renderer: Renderer) -> None:
        replay = self.replay
        if not replay.on_post:
            self.screen.notify("Step to a post to see its sources.", title="Sources", markup=False)
            return
        index = replay.position
        self.screen.app.push_screen(
            ProvenanceScreen(
                provenance(renderer, index), f"Sources · post {index + 1:,} of {replay.count:,}"
            )
        )

    def copy_citation(self) -> None:
        """`y`: the current post as a citation a journalist can paste."""
        from replay_tui.export.citation import citation

        replay = self.replay
        if not replay.on_post:
            self.screen.notify("Step to a post to copy it.", title="Copy", markup=False)
            return
        index = replay.position
        self.screen.app.copy_to_clipboard(citation(replay.loaded, index))
        author = replay.loaded.participants.get(replay.posts[index].author)
        who = f" by {author.name}" if author is not None else ""
        self.screen.notify(
            f"Copied post {index + 1:,}{who} as a citation: author, time, text, link and "
            "sources (the terminal passes it to the clipboard if it allows OSC 52).",
            title="Copied",
            markup=False,
        )

    def export_markdown(self) -> None:
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
            tell(self.screen, "Export", f"Could not export the session: {exc}", True)
            return
        except OSError as exc:
            tell(self.screen, "Export", f"Could not write the export: {exc.strerror or exc}", True)
            return
        tell(self.screen, "Export", f"Saved the session as Markdown to {path.resolve()}")

    def screenshot(self) -> None:
        """`S`: what the screen shows now, as an SVG in the current folder."""
        replay = self.replay
        where = f"post-{replay.position + 1}" if replay.on_post else replay.label().split()[0]
        save_screenshot(self.screen, f"{replay.session.id}-{where}")
