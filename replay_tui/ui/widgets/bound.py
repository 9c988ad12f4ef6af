"""The base of the views that show what the current post says: panes, cards, focus views.

Each is a scrollable holder of one body (a `Static`), bound to the replay screen's
`renderer` and `at` reactives (`data_bind`), and paints once per coalesced change
(`Once`): a move that changes both reactives paints once, with both. What to paint is the
`paint` each view hands over; the rest (the binding, the coalescing, the body, reading the
body back as plain text for tests) is here once.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from replay_tui.ui.look import At
from replay_tui.ui.render import Renderer
from replay_tui.ui.widgets.once import Once


class BoundView(VerticalScroll):
    """Shows `body`; `paint()` runs once after any change of `renderer` or `at`."""

    renderer: var[Renderer | None] = var(None)
    at: var[At | None] = var(None)

    def __init__(
        self,
        body: Static,
        paint: Callable[[], object],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._body = body
        self._repaint = Once(self, paint)

    def compose(self) -> ComposeResult:
        yield self._body

    def watch_renderer(self) -> None:
        self._repaint()

    def watch_at(self) -> None:
        self._repaint()

    @property
    def text(self) -> str:
        """What the view says, as plain text (for tests)."""
        visual = self._body.visual
        return visual.plain if isinstance(visual, Content) else str(visual)
