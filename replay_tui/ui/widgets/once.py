"""Coalescing: paint once after the current message, however many changes asked for it.

A move can change several of the replay screen's reactives in one handler (the position,
the filter's view, the renderer); a widget bound to them paints once, after the handler,
with all of them, rather than once per change with some of them stale.

The paints of a move run in the screen's own queue, one after the other, right after the
message that moved: so every widget a move repaints has asked for its repaint before the
screen next goes idle, and the move is drawn in one frame. (Run from each widget's own
queue, the paints interleaved with the screen's idle, and Textual drew a frame as soon as
the first widget was ready: the header and the timeline in one frame, a pane or the
timeline's scrollbar in the next.)
"""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import NoScreen
from textual.message_pump import MessagePump
from textual.widget import Widget


class Once:
    """Calls `paint` on `node` once after the current message, however often it is asked."""

    def __init__(self, node: MessagePump, paint: Callable[[], object]) -> None:
        self._node = node
        self._paint = paint
        self._pending = False

    def __call__(self) -> None:
        if not self._pending:
            self._pending = True
            self._queue().call_next(self._run)

    def _queue(self) -> MessagePump:
        """The screen of a widget on one (its paints run there, with the others'); else
        the node itself."""
        node = self._node
        if isinstance(node, Widget) and node.is_attached:
            try:
                return node.screen
            except NoScreen:
                pass
        return node

    def _run(self) -> None:
        self._pending = False
        node = self._node
        if isinstance(node, Widget) and not node.is_attached:
            return  # removed since it asked: nothing to paint
        self._paint()
