"""Who wrote how many posts: the filter dialog's list of participants, busiest first.

Counting the authors of a million posts takes a tenth of a second or more, too long for
the key that opens the dialog to wait for. So the count is made a slice of posts at a
time, by a worker the replay screen starts when it opens (it pauses while the reader
moves), and the dialog opened before it is done lists the participants without numbers
until they come. The slices are small enough (a few milliseconds each) that the worker
never holds the interpreter for long, and the count goes on from where it stopped when a
second worker takes over (the dialog's, which does not pause). Plain Python, no Textual.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from operator import attrgetter

from replay_tui.format.model import Participant
from replay_tui.format.read import LoadedSession

SLICE = 50_000
"""Posts counted at a time: a few milliseconds (C speed), the longest a worker holds on."""

_AUTHOR = attrgetter("author")


class PostCounts:
    """The posts each participant wrote, counted a slice at a time (`steps`), from any
    thread: two workers may count in turn, a slice each, and no post is counted twice."""

    def __init__(self, loaded: LoadedSession) -> None:
        self._posts = loaded.session.posts
        self._participants = loaded.session.participants
        self._counts: Counter[str] = Counter()
        self._next = 0
        """The first post not counted yet."""
        self._lock = threading.Lock()
        self._ranked: list[tuple[Participant, int]] | None = None

    @property
    def ranked(self) -> list[tuple[Participant, int]] | None:
        """Every participant with their posts, busiest first (ties in the session's order);
        None until every post is counted."""
        return self._ranked

    def steps(self, size: int = SLICE) -> Iterator[int]:
        """Count the posts not counted yet, `size` at a time, yielding how many are
        counted after each slice (a worker stops between them); `ranked` is set with the
        last slice, before it is yielded."""
        posts = self._posts
        total = len(posts)
        while self._ranked is None:
            with self._lock:
                lo = self._next
                hi = min(total, lo + max(1, size))
                self._counts.update(map(_AUTHOR, posts[lo:hi]))
                self._next = hi
                if hi >= total and self._ranked is None:
                    # Ranked with the last slice: a session that fits in one is done at once.
                    counts = self._counts
                    ranked = sorted(self._participants, key=lambda p: -counts.get(p.id, 0))
                    self._ranked = [(p, counts.get(p.id, 0)) for p in ranked]
            yield hi

    def rank(self) -> list[tuple[Participant, int]]:
        """`ranked`, counting what is left now (in this thread)."""
        for _ in self.steps():
            pass
        assert self._ranked is not None
        return self._ranked
