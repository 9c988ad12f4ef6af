"""The provenance view (`s`): where the current post comes from, for checking it.

A modal over the replay, so the position and everything else stay as they were: each source
that attests the post (outlet, title, author, date, link), the post's own and archived
links, every other wording with the words that differ from the main text marked, how the
time is known (written, or derived and how), and the counts with their moment and source.
The wording is built in `ui/present.py`; links are shown as text, never as clickable
markup, since they come from the session file.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from replay_tui.ui.handoff import close_after_typed


class ProvenanceScreen(ModalScreen[None]):
    """A scrollable account of one post's sources; Esc (or s) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the keys typed after Esc go to the replay screen (ui/handoff.py).
        Binding("escape,s", "close", "Close", key_display="Esc", priority=True),
        # A modal screen hides the app's bindings; q still quits, as everywhere.
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, content: Content, title: str) -> None:
        super().__init__()
        self.content = content
        self.heading = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="provenance-box") as box:
            box.border_title = self.heading
            box.border_subtitle = "↑ ↓ scroll · Esc closes"
            yield Static(self.content, markup=False, id="provenance-body")

    def on_mount(self) -> None:
        self.query_one("#provenance-box").focus()

    @property
    def text(self) -> str:
        """What the view says, as plain text (for tests)."""
        return self.content.plain

    def action_close(self) -> None:
        close_after_typed(self, self.focused, self.dismiss)
