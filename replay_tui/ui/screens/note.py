"""Writing a private note on the current post (`a`).

The note is the user's own words, kept for them only (`state.SessionState`), never part of
the session or of anything exported for others. A note is the one thing a person writes in
replay-tui, so closing this editor never throws text away: Esc and ctrl+s both keep what
is written; emptying the text is how a note is deleted. The replay screen saves it at once
and says so if the save fails (the text is then kept in memory and saved again later).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from replay_tui.ui import text as t
from replay_tui.ui.handoff import close_after_typed
from replay_tui.ui.screens.modal import boxed

HINT = "Esc or ctrl+s: keep and close · empty the text to delete the note"


class NoteScreen(ModalScreen[str]):
    """Edit `text`; dismissed with the text as it stands when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+s", "close", "Keep and close", show=False, priority=True),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.heading = title
        self.original = text
        self.closing = False
        """Dismissed already (Esc or ctrl+s pressed twice in a row closes once)."""

    def compose(self) -> ComposeResult:
        with boxed(Vertical(id="note-box"), self.heading, HINT):
            yield Static(
                t.words(
                    "Private: saved for you on this computer, not part of the session.",
                    f"italic {t.MUTED}",
                ),
                markup=False,
                id="note-hint",
            )
            yield TextArea(self.original, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_close(self) -> None:
        # Esc and ctrl+s act as the app takes them (priority), while keys typed just
        # before them may still wait in the editor's queue: close from that queue, after
        # them, so the note keeps every key typed before the save; the keys typed after
        # them go to the replay screen (ui/handoff.py).
        area = self.query_one(TextArea)
        close_after_typed(self, area, lambda: self._keep_and_close(area))

    def _keep_and_close(self, area: TextArea) -> None:
        if not self.closing:
            self.closing = True
            self.dismiss(area.text)
