"""The focus view and the presenter notes pane: two places the presenting screen fills.

Like the other panes they only place Content built elsewhere (`ui/present.py`) and never
read the session themselves; both are bound to the replay screen's reactives (the
renderer, the position, and whether the view or the notes are on).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from replay_tui.ui.present import NOTES_TITLE, focus_view, presenter_notes
from replay_tui.ui.render import Renderer
from replay_tui.ui.widgets.bound import BoundView


class _Shows(BoundView):
    """A scrollable holder of one Content, readable back as plain text by tests; painted
    again (once per coalesced change) while `on`."""

    on: var[bool] = var(False)

    def __init__(
        self, build: Callable[[Renderer], Content | None], *, id: str, body_id: str
    ) -> None:
        super().__init__(Static(markup=False, id=body_id), self._paint, id=id)
        self._build = build
        """What to show (None: nothing, the widget hides)."""
        self.display = False

    def watch_on(self) -> None:
        self._repaint()

    def _paint(self) -> None:
        renderer = self.renderer
        content = self._build(renderer) if self.on and renderer is not None else None
        self.display = content is not None
        if content is not None:
            self.show(content)

    def show(self, content: Content) -> None:
        self._body.update(content)
        self.scroll_home(animate=False, immediate=True)


class FocusView(_Shows):
    """The current post, large and centred, for projection (`f`).

    A terminal cannot enlarge its font, so "large" is room: a centred column with wide
    margins and generous padding, the author in bold, the text in bold; the theme does the
    rest (the projector theme is black on white)."""

    def __init__(self, *, presenter: bool = True, id: str = "focus") -> None:
        super().__init__(self._view, id=id, body_id="focus-body")
        self.presenter = presenter

    def _view(self, renderer: Renderer) -> Content | None:
        if not renderer.replay.on_post:
            return None
        return focus_view(renderer, presenter=self.presenter)


class NotesPane(_Shows):
    """Presenter notes: the post's `notes` and the chapter prompt (`P`). Hidden by default,
    labelled as not for the audience, and never part of a follower's screen."""

    def __init__(self, *, id: str = "notes") -> None:
        super().__init__(presenter_notes, id=id, body_id="notes-body")
        self.border_title = NOTES_TITLE
