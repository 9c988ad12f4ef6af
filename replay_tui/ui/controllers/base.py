"""What the replay screen gives every controller, in one place.

Each controller works through the same few things: the screen (its timers, workers and
notices), the replay (the cursor), the search index, the idle gate that background work
waits on, and the one way to move the cursor (`jump`, which asks the screen for one
repaint). The screen builds one `Given` and hands it to each controller; what is particular
to a controller (a callback, the reveal, the saved state) is passed beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen

from replay_tui.replay.cursor import Replay
from replay_tui.replay.search import SearchIndex
from replay_tui.ui.idle import Idle


@dataclass(frozen=True)
class Given:
    """The screen's shared means, as every controller receives them."""

    screen: Screen[None]
    replay: Replay
    index: SearchIndex
    idle: Idle
    jump: Callable[[int], None]
    """Go to a position (the screen repaints once, however many jumps come before)."""


class Controller:
    """A feature of the replay screen: its state, and the means it works through."""

    def __init__(self, given: Given) -> None:
        self.screen = given.screen
        self.replay = given.replay
        self.index = given.index
        self.idle = given.idle
        self._jump = given.jump
