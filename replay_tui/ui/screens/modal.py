"""What the modal screens over the replay share: a box titled on its border with the keys
under it, the closing keys, and the screen that shows one text to read.

The help (`?`) and a post's sources (`s`) are each one `Content`, scrolled in such a box,
closed by their own key or Esc; the replay stays as it was beneath. A subclass of
`ReadingScreen` names its keys, its box and body (the stylesheet lays them out by id) and
the hint under the box.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from replay_tui.ui.handoff import close_after_typed

W = TypeVar("W", bound=Widget)


def boxed(box: W, title: str, hint: str) -> W:
    """`box` with `title` on its top border and `hint` (what the keys do) on its bottom one."""
    box.border_title = title
    box.border_subtitle = hint
    return box


def closing_bindings(keys: str) -> list[BindingType]:
    """`keys` (Esc among them) close the screen; q still quits."""
    return [
        # Priority: the keys typed after Esc go to the replay screen (ui/handoff.py).
        Binding(keys, "close", "Close", key_display="Esc", priority=True),
        # A modal screen hides the app's bindings; q still quits, as the help says.
        Binding("q", "app.quit", "Quit"),
    ]


class ReadingScreen(ModalScreen[None]):
    """`content` in a scrolled box titled `title`."""

    BOX_ID: ClassVar[str]
    BODY_ID: ClassVar[str]
    HINT: ClassVar[str]
    """Under the box: how to scroll and close it."""

    def __init__(self, content: Content, title: str) -> None:
        super().__init__()
        self.content = content
        self.heading = title

    def compose(self) -> ComposeResult:
        with boxed(VerticalScroll(id=self.BOX_ID), self.heading, self.HINT):
            yield Static(self.content, markup=False, id=self.BODY_ID)

    @property
    def text(self) -> str:
        """What the screen says, as plain text (for tests)."""
        return self.content.plain

    def action_close(self) -> None:
        close_after_typed(self, self.focused, self.dismiss)
