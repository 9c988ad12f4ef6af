"""The focus view and the presenter notes pane: two places the presenting screen fills.

Like the other panes they only place Content built elsewhere (`ui/present.py`) and never
read the session themselves.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from replay_tui.ui.present import NOTES_TITLE


class _Shows(VerticalScroll):
    """A scrollable holder of one Content, readable back as plain text by tests."""

    def __init__(self, *, id: str, body_id: str) -> None:
        super().__init__(id=id)
        self._body = Static(markup=False, id=body_id)

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, content: Content) -> None:
        self._body.update(content)
        self.scroll_home(animate=False, immediate=True)

    @property
    def text(self) -> str:
        visual = self._body.visual
        return visual.plain if isinstance(visual, Content) else str(visual)


class FocusView(_Shows):
    """The current post, large and centred, for projection (`f`).

    A terminal cannot enlarge its font, so "large" is room: a centred column with wide
    margins and generous padding, the author in bold, the text in bold; the theme does the
    rest (the projector theme is black on white)."""

    def __init__(self, *, id: str = "focus") -> None:
        super().__init__(id=id, body_id="focus-body")


class NotesPane(_Shows):
    """Presenter notes: the post's `notes` and the chapter prompt (`P`). Hidden by default,
    labelled as not for the audience, and never part of a follower's screen."""

    def __init__(self, *, id: str = "notes") -> None:
        super().__init__(id=id, body_id="notes-body")
        self.border_title = NOTES_TITLE
