"""Coalescing: paint once after the current message, however many changes asked for it.

A move can change several of the replay screen's reactives in one handler (the position,
the filter's view, the renderer); a widget bound to them paints once, after the handler,
with all of them, rather than once per change with some of them stale.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump


class Once:
    """Calls `paint` on `node` once after the current message, however often it is asked."""

    def __init__(self, node: MessagePump, paint: Callable[[], object]) -> None:
        self._node = node
        self._paint = paint
        self._pending = False

    def __call__(self) -> None:
        if not self._pending:
            self._pending = True
            self._node.call_next(self._run)

    def _run(self) -> None:
        self._pending = False
        self._paint()
