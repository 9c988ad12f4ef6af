"""Background work waits while the reader presses keys.

Python runs one thread at a time. A worker folding the search index or counting the
activity strip holds the interpreter for up to the switch interval (5 ms) whenever the
interface wants it back, and a step needs it back several times before its frame is
drawn; so a step taken while such a worker runs took several times longer (40 steps right
after opening a 200,000-post session, measured in a terminal). So the workers that
finish something in the background (the rest of the index, the strip, the hashtags, a
filter's whole view) call `Idle.wait()` between slices of their work: it returns at once
while the reader is idle, and blocks (releasing the interpreter, without polling) from a
move until `QUIET` seconds after the last one; opening the screen counts as a move. A
worker's first slice runs before any wait (a slice is a few milliseconds), so what fits
in one slice, a small session's activity strip, is there at once. What the reader asked
for and waits for (the first match, where a filter lands) never waits.
"""

from __future__ import annotations

import threading

from textual.message_pump import MessagePump
from textual.timer import Timer

QUIET = 0.4
"""Seconds without a move after which background work goes on."""


class Idle:
    """A gate that background workers pass only while the reader is not moving."""

    def __init__(self, node: MessagePump) -> None:
        self._node = node
        self._open = threading.Event()
        self._open.set()
        self._timer: Timer | None = None

    def moved(self) -> None:
        """The reader moved (on the UI thread): hold background work until they pause."""
        self._open.clear()
        if self._timer is None:
            self._timer = self._node.set_timer(QUIET, self._quiet)
        else:
            self._timer.reset()

    def _quiet(self) -> None:
        self._timer = None
        self._open.set()

    def release(self) -> None:
        """Open for good (the screen is closing: workers must finish or stop)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._open.set()

    def wait(self) -> None:
        """In a worker, between slices: return when the reader is idle."""
        self._open.wait()
