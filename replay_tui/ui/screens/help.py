"""The help screen: every key, read from the same table as the bindings (`ui/keys.py`)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from replay_tui.ui import text as t
from replay_tui.ui.handoff import close_after_typed


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the keys typed after Esc go to the replay screen (ui/handoff.py).
        Binding("escape,question_mark", "close", "Close", key_display="Esc", priority=True),
        # A modal screen hides the app's bindings; q still quits, as the help says.
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, rows: list[tuple[str, str]], title: str = "Keys") -> None:
        super().__init__()
        self.rows = rows
        self.heading = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = self.heading
            box.border_subtitle = "Esc or ? to close"
            yield Static(self.table(), markup=False, id="help-table")

    def table(self) -> Content:
        width = max(len(keys) for keys, _ in self.rows) + 3
        lines = [
            t.join([t.words(keys.ljust(width), "bold $text-accent"), t.words(what)])
            for keys, what in self.rows
        ]
        return t.join(lines, "\n")

    def action_close(self) -> None:
        close_after_typed(self, self.focused, self.dismiss)
