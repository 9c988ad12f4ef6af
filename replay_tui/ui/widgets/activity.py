"""The activity strip: where the posts fall in time over the whole session, and the cursor.

One line under the header: a sparkline (`activity.sparkline`) of post counts over the
session's span, so a burst in the first hour and a silent night are visible at a glance,
with the columns up to the current post drawn in the accent colour (what has been
replayed) and the current post's column marked. A post known only by its day marks its
day's columns; a post with no usable time marks nothing, and the strip says how many posts
it cannot place.

Counting is `activity.PostTimes` (once, O(posts)) and `columns(width)` (again on resize);
a step only moves the mark (O(width) to draw, nothing per post). Both run in a thread
worker, at every size, so that opening and resizing never wait for them; each pass runs its
first slice at once and waits for the reader to pause only before the next (a session small
enough for one slice is counted without waiting at all). Only one count
runs at a time, and none before the strip has its width: the first `Resize` reaches the
strip after the first frame has been drawn, so the count never delays it (and never
competes with it for the interpreter). A resize while a count runs is counted when it
ends, at the latest width; `PostTimes` is read once per session, whatever the resizes.
The strip is bound to the replay screen's `at` reactive: a move marks the new column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from textual import work
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.worker import get_current_worker

from replay_tui.format.read import LoadedSession
from replay_tui.replay.activity import SPARK, Activity, PostTimes
from replay_tui.ui import text as t
from replay_tui.ui.idle import Idle
from replay_tui.ui.look import At

T = TypeVar("T")

PAST = "$text-accent"
AHEAD = "$foreground-muted"
MARK = "bold reverse $text-warning"
SPAN = "on $accent 30%"
"""The columns of the day a post known only by its day fell on: a tint, not a block."""


class ActivityStrip(Widget):
    """A one-line sparkline of the session's posts over time, with the cursor marked."""

    at: var[At | None] = var(None)

    class Counted(Message):
        """A worker counted the strip (handled by the strip itself)."""

        def __init__(self, times: PostTimes, activity: Activity, suffix: str, width: int) -> None:
            super().__init__()
            self.times = times
            self.activity = activity
            self.suffix = suffix
            self.width = width

    def __init__(
        self, loaded: LoadedSession, *, idle: Idle | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.loaded = loaded
        self.idle = idle
        """Counting waits while the reader moves (`ui/idle.py`)."""
        self.times: PostTimes | None = None
        self.activity: Activity | None = None
        self.index = -1
        """The current post (-1 on the title card, the post count on the end card)."""
        self._levels: list[int] = []
        self._suffix = ""
        self._wanted = 0
        """The width the strip should be counted at (large sessions)."""
        self._counting = False
        self.counts = 0
        """How many counts were started in a thread worker (for tests)."""

    def watch_at(self, at: At | None) -> None:
        if at is not None:
            self.show(at.position)

    def on_resize(self, event: Resize) -> None:
        # Counted from the first resize, when the strip has its width.
        width = self.content_region.width
        if self.activity is not None and self.activity.width + len(self._suffix) == width:
            return
        self._request(width)

    def _request(self, width: int) -> None:
        """Count the strip at `width` in a thread worker; if one is counting already, at
        its end (`_counted`), so at most one thread counts and the latest width wins."""
        if width <= 0:
            return
        self._wanted = width
        if not self._counting:
            self._counting = True
            self.counts += 1
            self._count(width)

    @work(thread=True, group="activity", exit_on_error=False)
    def _count(self, width: int) -> None:
        worker = get_current_worker()
        times = self.times
        if times is None:
            times = self._sliced(PostTimes.steps(self.loaded))
        if times is None or worker.is_cancelled:
            return
        suffix = self._suffix_for(times)
        activity = self._sliced(times.columns_steps(max(1, width - len(suffix))))
        if activity is None or worker.is_cancelled:
            return
        self.post_message(self.Counted(times, activity, suffix, width))

    def _sliced(self, steps: Iterator[T | None]) -> T | None:
        """The result of a sliced count, the reader's moves going first between slices.

        The first slice never waits: a session of up to `activity.SLICE` posts is counted in it, so
        its strip is there as soon as the screen is, although opening counts as a move; a
        larger one goes on only once the reader pauses (`ui/idle.py`). A slice is a few
        milliseconds, too short to hold up a key press."""
        worker = get_current_worker()
        for step in steps:
            if step is not None:
                return step
            if self.idle is not None:
                self.idle.wait()
            if worker.is_cancelled:
                return None
        return None

    def on_activity_strip_counted(self, message: Counted) -> None:
        message.stop()
        self._counting = False
        self.times = message.times
        if self._wanted != message.width:
            self._request(self._wanted)  # resized meanwhile: count again, times reused
            return
        self._set(message.times, message.activity, message.suffix)

    def _set(self, times: PostTimes, activity: Activity, suffix: str) -> None:
        self.times = times
        self.activity = activity
        self._suffix = suffix
        self._levels = activity.levels(len(SPARK) - 1)
        self.refresh()

    @staticmethod
    def _suffix_for(times: PostTimes) -> str:
        if not times.unplaced:
            return ""
        return f" {times.unplaced:,} without a date"

    def show(self, index: int) -> None:
        """Mark post `index` (O(1): the columns are counted already)."""
        if index != self.index:
            self.index = index
            self.refresh()

    @property
    def marked(self) -> range:
        """The columns marked for the current post (empty when it has no usable time)."""
        if self.activity is None:
            return range(0)
        return self.activity.columns_of(self.index)

    def render(self) -> Content:
        activity = self.activity
        if activity is None:
            return t.quiet("counting posts over time…")
        line = "".join(SPARK[level] for level in self._levels)
        total = len(self.loaded.session.posts)
        if self.index >= total:
            past = len(line)
        elif self.index < 0:
            past = 0
        else:
            column = activity.column_of(self.index)
            past = column + 1 if column is not None else 0
        content = t.join([t.words(line[:past], PAST), t.words(line[past:], AHEAD)])
        marked = self.marked
        if len(marked) > 1:
            content = content.stylize(SPAN, marked.start, marked.stop)
        column = activity.column_of(self.index)
        if column is not None:
            content = content.stylize(MARK, column, column + 1)
        if self._suffix:
            content = t.join([content, t.words(self._suffix, t.MUTED)])
        return content

    @property
    def text(self) -> str:
        """The strip as plain text (for tests)."""
        return self.render().plain
