"""Where the posts fall in time: counts per column for the activity strip, and the cursor's column.

The strip above the timeline shows the whole session at a glance (a burst in the first hour,
a quiet night, a second wave) and where the replay is in it. This module only counts: the
UI draws the counts (for example as a sparkline `▁▂▃▄▅▆▇█` via `levels`).

Honest to precision, like every time in replay-tui: a post known to the minute or second
counts in the column of its instant; a post known only by its day is spread evenly over the
columns its day covers (it happened some time that day, not at midnight); posts known only
to the month or year, or not at all, cannot be placed and are counted apart
(`Activity.unplaced`) so the UI can say "3 posts without a usable time".

`PostTimes` reads every post's time once, O(n); `PostTimes.columns(width)` is O(n) per width
(on resize); `Activity.column_of(index)` is O(1) per cursor move. Both O(n) passes also come
a slice at a time (`PostTimes.steps`, `columns_steps`), for a worker that lets the
interface run between slices.
Plain Python, no Textual.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Precision

NO_COLUMN = -1
SLICE = 4096
"""Posts per slice of the O(n) passes: a few milliseconds each."""


class PostTimes:
    """Each post's time as a `[start, end)` interval in POSIX seconds (NaN if unplaceable).

    Exact times have `start == end`; a day-precision time covers its calendar day (23 or 25
    hours across a daylight-saving change).
    """

    def __init__(self, loaded: LoadedSession, *, slices: bool = False) -> None:
        self.starts = array("d")
        self.ends = array("d")
        self.unplaced = 0
        self.first = self.last = math.nan
        self._loaded = loaded
        if not slices:
            for _ in self._read():
                pass

    @classmethod
    def steps(cls, loaded: LoadedSession) -> Iterator[PostTimes | None]:
        """Read the times a slice of `SLICE` posts at a time: None after each slice, then
        the `PostTimes`."""
        times = cls(loaded, slices=True)
        yield from times._read()
        yield times

    def _read(self) -> Iterator[None]:
        nan = math.nan
        starts = self.starts
        ends = self.ends
        day = timedelta(days=1)
        unplaced = 0
        for number, moment in enumerate(self._loaded.times):
            if number % SLICE == SLICE - 1:
                yield None
            if moment is None or moment.precision < Precision.DAY:
                starts.append(nan)
                ends.append(nan)
                unplaced += 1
            elif moment.precision == Precision.DAY:
                # Wall-clock arithmetic in the zone the date was read in: the next midnight.
                start = moment.instant
                starts.append(start.timestamp())
                ends.append((start + day).timestamp())
            else:
                at = moment.instant.timestamp()
                starts.append(at)
                ends.append(at)
        self.unplaced = unplaced
        placed = [s for s in starts if s == s]
        self.first = min(placed) if placed else nan
        self.last = max(e for e in ends if e == e) if placed else nan

    @property
    def span(self) -> float:
        """Seconds from the earliest placed post to the latest (0 if at most one instant)."""
        return 0.0 if math.isnan(self.first) else self.last - self.first

    def columns(self, width: int) -> Activity:
        """Count the posts into `width` equal columns over the session's span."""
        for step in self.columns_steps(width):
            if step is not None:
                return step
        raise AssertionError("columns_steps ends with the activity")

    def columns_steps(self, width: int) -> Iterator[Activity | None]:
        """`columns(width)` a slice of `SLICE` posts at a time: None after each slice, then
        the `Activity`."""
        width = max(1, width)
        counts = [0.0] * width
        # Day-precision posts add a share to a run of columns: record each run by its ends
        # (a difference array) so a day spanning the whole strip costs O(1), not O(width).
        spread = [0.0] * (width + 1)
        lo_col = array("i", [NO_COLUMN]) * len(self.starts)
        hi_col = array("i", [NO_COLUMN]) * len(self.starts)
        first, span = self.first, self.span
        scale = width / span if span > 0 else 0.0
        last_col = width - 1
        for i, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
            if i % SLICE == SLICE - 1:
                yield None
            if start != start:  # NaN: no usable time
                continue
            lo = min(int((start - first) * scale), last_col)
            if end == start:
                counts[lo] += 1.0
                hi = lo
            else:
                # The day covers [start, end); its last column is the one holding the
                # instant just before `end`.
                hi = min(max(math.ceil((end - first) * scale) - 1, lo), last_col)
                share = 1.0 / (hi - lo + 1)
                spread[lo] += share
                spread[hi + 1] -= share
            lo_col[i] = lo
            hi_col[i] = hi
        running = 0.0
        for column in range(width):
            running += spread[column]
            counts[column] += running
        counts = [0.0 if abs(c) < 1e-9 else c for c in counts]
        yield Activity(counts, lo_col, hi_col, self.unplaced, first, self.last)


@dataclass(frozen=True)
class Activity:
    """Post counts per column (fractional where day-precision posts are spread) and each
    post's columns."""

    counts: list[float]
    lo: array[int]
    hi: array[int]
    unplaced: int
    first: float
    last: float

    @property
    def width(self) -> int:
        return len(self.counts)

    def column_of(self, index: int) -> int | None:
        """The column that marks post `index` (the middle of its day's columns for a
        day-precision post); None for a post without a usable time or off the posts."""
        if not 0 <= index < len(self.lo) or self.lo[index] == NO_COLUMN:
            return None
        return (self.lo[index] + self.hi[index]) // 2

    def columns_of(self, index: int) -> range:
        """All columns post `index` may fall in: one for an exact time, its day's columns
        for a day-precision time, none without a usable time."""
        if not 0 <= index < len(self.lo) or self.lo[index] == NO_COLUMN:
            return range(0)
        return range(self.lo[index], self.hi[index] + 1)

    def levels(self, steps: int = 8) -> list[int]:
        """Each column's count scaled to 0..`steps` against the busiest column; any post at
        all gives at least 1, so a lone post never disappears into an empty column."""
        peak = max(self.counts, default=0.0)
        if peak <= 0:
            return [0] * len(self.counts)
        return [0 if c <= 0 else max(1, round(c / peak * steps)) for c in self.counts]


SPARK = " ▁▂▃▄▅▆▇█"
"""A ready mapping of `levels()` (0..8) to block characters, for a plain-text strip."""


def sparkline(activity: Activity) -> str:
    """The strip as text: one block character per column."""
    return "".join(SPARK[level] for level in activity.levels(len(SPARK) - 1))
