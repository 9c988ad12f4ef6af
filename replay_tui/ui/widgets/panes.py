"""The header, the side panes (Context, Reactions, Press) and the title/end card.

These widgets only place Content that `render.py` builds from the cursor; they never read
files or session fields themselves. The screen pushes the current state down to them once
per (coalesced) position change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from .. import text as t
from ..render import Renderer


class SessionHeader(Widget):
    """Two lines: the title and the position; the chapter and the current post's time."""

    def __init__(self, renderer: Renderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderer = renderer

    def render(self) -> Content:
        width = self.content_region.width
        title, where = self.renderer.header_left()
        position, when = self.renderer.header_right(width)
        if when.cell_length > max(24, width // 2):
            when = t.words(self.renderer.header_time_compact())
        return t.join([_fit(title, position, width), _fit(where, when, width)], "\n")


def _fit(left: Content, right: Content, width: int) -> Content:
    """`left` and `right` on one line of `width` cells, `left` cut short when needed."""
    if width <= 0:
        return Content("")
    right = (
        right.truncate(max(0, width - 2), ellipsis=True) if right.cell_length > width - 2 else right
    )
    room = width - right.cell_length - 2
    if room < 4:
        return right.truncate(width, ellipsis=True)
    if left.cell_length > room:
        left = left.truncate(room, ellipsis=True)
    gap = width - left.cell_length - right.cell_length
    return t.join([left, Content(" " * gap), right])


class Pane(VerticalScroll):
    """A titled, scrollable pane holding one Content; says so when it has nothing."""

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id, classes="pane")
        self.title = title
        self.border_title = title
        self.count = 0
        self._body = Static(markup=False, classes="pane-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, content: Content, count: int) -> None:
        """Replace the pane's content; the border title carries the count."""
        self.count = count
        self.border_title = f"{self.title} · {count}" if count else self.title
        self._body.update(content)
        self.scroll_home(animate=False, immediate=True)

    @property
    def text(self) -> str:
        """What the pane says, as plain text (for tests)."""
        visual = self._body.visual
        return visual.plain if isinstance(visual, Content) else str(visual)


class Card(VerticalScroll):
    """The title card before post 1 and the end card after the last post."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = Static(markup=False, id="card-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, content: Content) -> None:
        self._body.update(content)
        self.scroll_home(animate=False, immediate=True)

    @property
    def text(self) -> str:
        visual = self._body.visual
        return visual.plain if isinstance(visual, Content) else str(visual)
