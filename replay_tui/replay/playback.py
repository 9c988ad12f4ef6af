"""Autoplay: when the next post is due, as a state machine driven by a clock it is given.

Space plays and pauses. Where two consecutive posts have exact times (minute or better), the
wait between them follows the real gap divided by the speed, with long gaps cut to a cap
(like asciinema's idle time limit), so a night of silence takes seconds, not hours. Where
either time is imprecise or unknown, the wait is a fixed interval (divided by the speed, so
`+`/`-` work on every session). Playback stops by itself at a chapter marked `pause` (its
prompt wants discussion) and at the end card.

No timers, threads or sleeping here: `Player.tick(position, now)` says whether a step is due
at time `now`, and the UI calls it from its own timer (`seconds_until` tells it when). A
test drives it with a fake clock in microseconds.
Plain Python, no Textual.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Moment

SPEEDS: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
"""The speeds `+` and `-` step through."""

DEFAULT_CAP = 3.0
"""No wait between posts is longer than this many seconds (after the speed is applied)."""

DEFAULT_INTERVAL = 2.0
"""Seconds between posts whose gap is not known to the minute, at speed 1."""

LATE_SLACK = 0.25
"""A tick later than this after the step was due schedules the next step from the tick,
not from when it was due: after the machine slept, playback resumes at its pace instead of
racing through the steps it missed."""

TITLE = -1
"""The title card's position, as in `replay.TITLE`."""


@dataclass(frozen=True)
class Pacing:
    """How long the waits are: the speed and the limits of the waits."""

    speed: float = 1.0
    cap: float = DEFAULT_CAP
    interval: float = DEFAULT_INTERVAL
    floor: float = 0.0

    def __post_init__(self) -> None:
        if not self.speed > 0:
            raise ValueError(f"speed must be positive, not {self.speed!r}")

    def delay(self, before: Moment | None, after: Moment | None) -> float:
        """Seconds to wait between showing a post at `before` and the next at `after`.

        Both exact: the real gap / speed, at most `cap`, at least `floor` (a gap that runs
        backwards counts as none). Otherwise `interval / speed`.
        """
        if before is not None and after is not None and before.exact and after.exact:
            gap = (after.instant - before.instant).total_seconds()
            wait = min(max(gap, 0.0) / self.speed, self.cap)
        else:
            wait = self.interval / self.speed
        return max(wait, self.floor)


def speed_label(speed: float) -> str:
    """'×1', '×2', '×0.5', '×0.25' for the header."""
    return f"×{speed:g}"


class Player:
    """Autoplay over one session's positions (`TITLE` = -1, posts 0..count-1, end = count).

    The cursor is owned by the replay (`replay.Replay`); the player is told where it is on
    each call and answers where to go, so it can never disagree with what is on screen.
    `step` chooses the next position (default: the next post; pass a filtered view's
    `next_after` so autoplay skips hidden posts).
    """

    def __init__(
        self,
        times: Sequence[Moment | None],
        *,
        pauses: Sequence[int] = (),
        pacing: Pacing | None = None,
        step: Callable[[int], int | None] | None = None,
    ) -> None:
        self.times = times
        self.count = len(times)
        self.pauses = sorted(set(pauses))
        self.pacing = pacing or Pacing()
        self.step = step
        self.playing = False
        self.due: float | None = None
        self._from: int | None = None
        self._wait = 0.0

    @classmethod
    def for_session(
        cls,
        loaded: LoadedSession,
        *,
        pacing: Pacing | None = None,
        step: Callable[[int], int | None] | None = None,
    ) -> Player:
        """A player whose pauses are the session's chapters marked `pause = true`."""
        pauses = [start for start, chapter in loaded.chapter_starts if chapter.pause]
        return cls(loaded.times, pauses=pauses, pacing=pacing, step=step)

    # --- the rules -----------------------------------------------------------------------

    @property
    def end(self) -> int:
        return self.count

    @property
    def speed(self) -> float:
        return self.pacing.speed

    def next_position(self, position: int) -> int:
        """Where autoplay goes from `position`: the next (shown) post, else the end card."""
        if position >= self.end:
            return self.end
        if self.step is None:
            return position + 1
        after = self.step(position)
        return self.end if after is None else after

    def delay_to_next(self, position: int) -> float:
        """Seconds to show `position` before moving on (see `Pacing.delay`); the title
        card and the last post before the end card wait the fixed interval."""
        after = self.next_position(position)
        if position < 0 or after >= self.end:
            return self.pacing.delay(None, None)
        return self.pacing.delay(self.times[position], self.times[after])

    def should_pause_at(self, position: int, came_from: int | None = None) -> bool:
        """Whether arriving at `position` stops playback: the end card, or a chapter marked
        pause that starts there (or, coming from `came_from`, anywhere after it up to
        `position`: a filter must not skip a pause)."""
        if position >= self.end:
            return True
        low = position - 1 if came_from is None else came_from
        at = bisect_right(self.pauses, low)
        return at < len(self.pauses) and self.pauses[at] <= position

    # --- playing -------------------------------------------------------------------------

    def play(self, position: int, now: float) -> bool:
        """Start playing from `position`; False (and still paused) at the end card."""
        if position >= self.end:
            self.pause()
            return False
        self.playing = True
        self._schedule(position, now)
        return True

    def pause(self) -> None:
        """Stop; the UI calls this on any navigation key as well as on Space."""
        self.playing = False
        self.due = None
        self._from = None

    def toggle(self, position: int, now: float) -> bool:
        """Space: pause if playing, else play. Returns whether it is now playing."""
        if self.playing:
            self.pause()
            return False
        return self.play(position, now)

    def tick(self, position: int, now: float) -> int | None:
        """Call from a timer: the position to move to if a step is due at `now`, else None.

        After a step the player has already scheduled the next one, or paused (at a pause
        chapter or the end). If the cursor moved since the step was scheduled (the UI forgot
        to call `pause` on navigation), the wait starts again from the new position.
        """
        if not self.playing or self.due is None:
            return None
        if position != self._from:
            self._schedule(position, now)
            return None
        if now < self.due:
            return None
        target = self.next_position(position)
        if self.should_pause_at(target, came_from=position):
            self.pause()
            return target
        late = now - self.due
        self._schedule(target, self.due if late <= LATE_SLACK else now)
        return target

    def seconds_until(self, now: float) -> float | None:
        """How long until the next step is due (0 if overdue); None when paused. The UI
        sets a one-shot timer for this rather than polling."""
        if not self.playing or self.due is None:
            return None
        return max(0.0, self.due - now)

    def _schedule(self, position: int, start: float) -> None:
        self._from = position
        self._wait = self.delay_to_next(position)
        self.due = start + self._wait

    # --- speed ---------------------------------------------------------------------------

    def set_speed(self, speed: float, now: float | None = None) -> float:
        """Change the speed (must be > 0). While playing (pass `now`), the wait in progress
        keeps the share of it already waited: half-way through a 2 s wait, doubling the
        speed leaves 0.5 s."""
        self.pacing = Pacing(speed, self.pacing.cap, self.pacing.interval, self.pacing.floor)
        if self.playing and self.due is not None and self._from is not None and now is not None:
            old_wait = self._wait
            left = max(0.0, self.due - now) / old_wait if old_wait > 0 else 0.0
            self._wait = self.delay_to_next(self._from)
            self.due = now + left * self._wait
        return speed

    def faster(self, now: float | None = None) -> float:
        """`+`: the next speed up (stays at the fastest)."""
        return self.set_speed(_step_speed(self.speed, +1), now)

    def slower(self, now: float | None = None) -> float:
        """`-`: the next speed down (stays at the slowest)."""
        return self.set_speed(_step_speed(self.speed, -1), now)

    @property
    def label(self) -> str:
        """'▶ ×2' while playing, '⏸ ×2' while paused: the header's playback indicator."""
        return ("▶ " if self.playing else "⏸ ") + speed_label(self.speed)


def _step_speed(speed: float, direction: int) -> float:
    if direction > 0:
        return next((s for s in SPEEDS if s > speed), SPEEDS[-1])
    return next((s for s in reversed(SPEEDS) if s < speed), SPEEDS[0])
