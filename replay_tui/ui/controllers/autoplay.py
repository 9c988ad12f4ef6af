"""Autoplay: step through the posts on their own, at the pace the session's times give.

`playback.Player` (plain Python, tested without a terminal) decides when the next post is
due; this controller arms one one-shot timer for it. Time never comes from the wall clock
here: it reads the app's clock (monotonic seconds, injectable through `build_app(clock=…)`),
so a test drives autoplay with a fake clock by calling `tick()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.timer import Timer

from replay_tui.replay.playback import Player
from replay_tui.ui.controllers.base import Controller, Given


class Autoplay(Controller):
    """Plays the replay on the screen's timers; `label(text)` says what the header shows
    ('▶ ×2', '⏸ ×1')."""

    def __init__(self, given: Given, *, label: Callable[[str], None]) -> None:
        super().__init__(given)
        self._label = label
        self.player = Player.for_session(self.replay.loaded, step=self._next_of)
        self._timer: Timer | None = None
        self.stepping = False
        """True while autoplay itself moves the cursor (any other move pauses it)."""

    def clock(self) -> float:
        """The app's clock (monotonic seconds); tests give the app a fake one."""
        clock = getattr(self.screen.app, "clock", None)
        return clock() if callable(clock) else time.monotonic()

    @property
    def playing(self) -> bool:
        return self.player.playing

    def _next_of(self, position: int) -> int | None:
        shown = self.replay.shown
        if shown is not None:
            return shown.next_after(position)
        return position + 1 if position + 1 < self.replay.count else None

    def toggle(self) -> None:
        if not self.player.playing and self.replay.at_end:
            self.screen.notify("At the end. Home or g: back to the first post.", markup=False)
            return
        self.player.toggle(self.replay.position, self.clock())
        self._rearm()

    def faster(self) -> None:
        self.player.faster(self.clock())
        self._rearm()

    def slower(self) -> None:
        self.player.slower(self.clock())
        self._rearm()

    def moved(self) -> None:
        """Any move but autoplay's own pauses it."""
        if not self.stepping and self.player.playing:
            self.player.pause()
            self.stop()
            self._label(self.player.label)

    def tick(self) -> None:
        """The timer's callback (and the tests' way to drive autoplay): step if a step is
        due by the clock, then arm the timer for the next one."""
        self._timer = None
        target = self.player.tick(self.replay.position, self.clock())
        if target is not None:
            self.stepping = True
            try:
                self._jump(target)
            finally:
                self.stepping = False
        self._rearm()

    def _rearm(self) -> None:
        self.stop()
        wait = self.player.seconds_until(self.clock())
        if wait is not None:
            self._timer = self.screen.set_timer(wait, self.tick)
        self._label(self.player.label)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
