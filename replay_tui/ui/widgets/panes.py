"""The header, the side panes (Context, Reactions, Press) and the title/end card.

These widgets only place Content that `render.py` (and `render_panes`, `render_cards`)
builds from the cursor; they never read files or session fields themselves. Each is bound
to the replay screen's `renderer` and `at` reactives and paints again when they change
(once per coalesced move); a pane posts `Pane.Counted` up when its count changes, for the
tab that names it (`widgets/side.py`, the column that holds the panes and their tabs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from replay_tui.ui import text as t
from replay_tui.ui.look import At
from replay_tui.ui.render import Renderer
from replay_tui.ui.render_cards import end_card, title_card
from replay_tui.ui.render_header import (
    header_badges,
    header_left,
    header_right,
    header_time_compact,
)
from replay_tui.ui.render_panes import context_pane, press_pane, reactions_pane
from replay_tui.ui.widgets.bound import BoundView

WITHHELD = "Withheld while the class guesses the reply: → shows it."

PANE_WORDS: dict[str, Callable[[Renderer], tuple[Content, int]]] = {
    "context": context_pane,
    "reactions": reactions_pane,
    "press": press_pane,
}


TITLE_KEPT = 12
"""Cells of the session's title the header keeps before the zone and the playback state
beside the position give way."""


class SessionHeader(Widget):
    """Two lines: the title and the position; the chapter and the current post's time."""

    renderer: reactive[Renderer | None] = reactive(None)
    at: reactive[At | None] = reactive(None)

    def render(self) -> Content:
        renderer = self.renderer
        if renderer is None:
            return Content("")
        width = self.content_region.width
        title, where = header_left(renderer)
        # The title may be cut down to a few cells before the position's lead gives way
        # (the badges of a one-row header are kept whole).
        cut = max(0, title.cell_length - TITLE_KEPT)
        if self.content_region.height < 2:
            # One row (a low terminal): the chapter's row is gone, not what changes the view.
            badges = header_badges(renderer, short=True)
            if badges:
                title = t.join([*badges, title], t.words(" · ", t.MUTED))
        room = width - 2 - (title.cell_length - cut)
        position, when = header_right(renderer, width, room)
        if when.cell_length > max(24, width // 2):
            when = t.words(header_time_compact(renderer))
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


class Pane(BoundView):
    """A titled, scrollable pane saying what `PANE_WORDS[id]` says about the current post
    (nothing while its reply is withheld for the class to guess)."""

    @dataclass(eq=False)
    class Counted(Message):
        """The pane's count changed (its tab says it)."""

        pane: str
        count: int

    def __init__(self, title: str, *, id: str) -> None:
        body = Static(markup=False, classes="pane-body")
        super().__init__(body, self._paint, id=id, classes="pane")
        self.kind = id
        self.title = title
        self.border_title = title
        self._titled = title
        self.count = 0
        self._content: Content | None = None

    def _paint(self) -> None:
        renderer, at = self.renderer, self.at
        if renderer is None or at is None or not renderer.replay.on_post:
            return  # the cards stand in for the panes
        if at.withheld:
            # Reactions, notes and press may quote the reply the class is guessing.
            content, count = t.quiet(WITHHELD), 0
        else:
            content, count = PANE_WORDS[self.kind](renderer)
        counted = count != self.count
        self.show(content, count)
        if counted:
            self.post_message(self.Counted(self.kind, count))

    def show(self, content: Content, count: int) -> None:
        """Replace the pane's content; the border title carries the count.

        What has not changed is left alone (most steps show the same "No reactions…"), and
        the screen is laid out again only when the body's height changes: new text of the
        same height needs only a repaint of the pane, not a layout of the whole screen."""
        self.count = count
        title = f"{self.title} · {count}" if count else self.title
        if title != self._titled:
            self._titled = title
            self.border_title = title
        if self._content is None or not content.is_same(self._content):
            self._content = content
            self._body.update(content, layout=False)
            if self._resized():
                self._body.refresh(layout=True)
        self.scroll_home(animate=False, immediate=True)

    def _resized(self) -> bool:
        """Whether the body's new text is not as tall as the body was laid out (a new
        layout is needed then, and only then). A pane not displayed (a narrow screen's
        other tabs) is laid out when it is shown; a layout asked for and not done yet
        happens anyway, with the newest text."""
        if not self.display:
            return False
        body = self._body
        size = body.content_size
        return size.width <= 0 or body.get_content_height(size, size, size.width) != size.height


CARD_PIECE_LINES = 40
"""Lines of a card per Static. Textual renders every line of a Static that shows at all,
and a title card may list hundreds of participants: cut into pieces, only the pieces on
screen are rendered (the first frame of a session with 500 participants renders 40 lines
of its card instead of 520)."""


class CardPiece(Static):
    """A run of lines of a card; the pieces stand one under the other as one text."""

    DEFAULT_CSS = """
    CardPiece {
        width: 100%;
        max-width: 110;
    }
    """


class Card(BoundView):
    """The title card before post 1 and the end card after the last post."""

    def __init__(self, *, id: str | None = None) -> None:
        first = CardPiece(markup=False, id="card-body")
        super().__init__(first, self._paint, id=id)
        self._pieces: list[CardPiece] = [first]
        self._content = Content("")

    def _paint(self) -> None:
        renderer = self.renderer
        if renderer is None:
            return
        replay = renderer.replay
        if replay.at_title:
            self.show(title_card(renderer))
        elif replay.at_end:
            self.show(end_card(renderer))

    def show(self, content: Content) -> None:
        self._content = content
        pieces = cut_lines(content, CARD_PIECE_LINES)
        more = [CardPiece(markup=False) for _ in range(len(pieces) - len(self._pieces))]
        if more:
            self._pieces += more
            self.mount(*more)
        for widget, piece in zip(self._pieces, pieces + [None] * len(self._pieces), strict=False):
            widget.display = piece is not None
            if piece is not None:
                widget.update(piece)
        self.scroll_home(animate=False, immediate=True)

    @property
    def text(self) -> str:
        return self._content.plain


def cut_lines(content: Content, lines: int) -> list[Content]:
    """`content` in pieces of `lines` lines (the last may be shorter), cut at line ends:
    joined with newlines, the pieces are `content` again."""
    plain = content.plain
    cuts: list[int] = []
    at = -1
    while True:
        for _ in range(lines):
            at = plain.find("\n", at + 1)
            if at < 0:
                break
        # The rest is at most `lines` lines (a final newline stays with its line).
        if at < 0 or at == len(plain) - 1:
            break
        cuts += (at, at + 1)
    if not cuts:
        return [content]
    # One pass over the spans (slicing would make one per piece); every other piece is a
    # newline at a cut.
    return content.divide(cuts)[::2]
