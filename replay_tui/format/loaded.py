"""A checked session, indexed for the replayer: what `read_session` and `check_session` give.

It is made in one place, at the end of `check.check_session`, from what the checks worked
out on the way (each post's resolved time, where each chapter starts); nothing else builds
or completes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from itertools import count
from operator import attrgetter
from typing import cast

from replay_tui.format.model import Chapter, Participant, Post, Session, Source
from replay_tui.format.problems import Problem
from replay_tui.format.times import Moment, Seconds, to_the_second

_ID = attrgetter("id")


def positions(posts: Sequence[Post]) -> dict[str, int]:
    """Each post id's position in `posts` (the last, for an id that is not unique)."""
    return dict(zip(map(_ID, posts), count()))


class LoadedSession:
    """A checked session and what follows from it, ready for the replayer.

    `times[i]` is the resolved time of `session.posts[i]` (None when unknown), derived from
    a status URL where the file gives no exact time. `post_index` maps each post id to its
    position in `session.posts`. The checks need neither (only the set of ids, and the
    instants of times all read to the second, `Seconds`), so both are made on first use
    unless given: at a million posts they are most of a second that `replay-tui check`
    never needs. `warnings` are the checks' warnings, located in the file.
    """

    def __init__(
        self,
        session: Session,
        file: str,
        zone: tzinfo,
        times: list[Moment | None] | Seconds,
        participants: dict[str, Participant],
        sources: dict[str, Source],
        chapter_starts: list[tuple[int, Chapter]],
        warnings: list[Problem] | None = None,
        post_index: dict[str, int] | None = None,
    ) -> None:
        self.session = session
        self.file = file
        self.zone = zone
        self._times = times
        self.participants = participants
        self.sources = sources
        self.chapter_starts = chapter_starts
        self.warnings: list[Problem] = [] if warnings is None else warnings
        self._post_index = post_index

    @property
    def times(self) -> list[Moment | None]:
        times = self._times
        if isinstance(times, Seconds):
            # Two threads asking at once may both make them; either result is the same.
            times = self._times = cast(list[Moment | None], to_the_second(times.instants))
        return times

    @property
    def post_index(self) -> dict[str, int]:
        # Two threads asking at once may both make it; either result is the same mapping.
        if self._post_index is None:
            self._post_index = positions(self.session.posts)
        return self._post_index

    def post(self, post_id: str) -> Post:
        return self.session.posts[self.post_index[post_id]]

    def __repr__(self) -> str:
        return f"LoadedSession(file={self.file!r}, session={self.session.id!r})"
