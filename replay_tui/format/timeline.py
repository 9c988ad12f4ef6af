"""Every post's time, resolved once, and what is wrong with the times.

A post's time is the one written in the session, or, where none is written, the one its
status URL encodes (marked as derived). Resolving them is a check too: a time that cannot
be read is an error; a written time that contradicts the status ID, and a post earlier than
the one before it, are warnings. The resolved times are what the replayer shows
(`LoadedSession.times`), so they are made here, once, for both.

The common case of a big session, every time written to the second and no status URLs, is
read in one pass of C code (`times.parse_seconds`), and found in order in another; the
result is the same as one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from itertools import islice
from operator import attrgetter, gt

from replay_tui.format.model import Post
from replay_tui.format.problems import Report
from replay_tui.format.times import (
    Moment,
    Precision,
    Seconds,
    compare,
    from_status_id,
    parse_seconds,
    status_id,
    to_the_second,
)

_TIME = attrgetter("time")
_URL = attrgetter("url")
_SECOND_SLACK = 10
"""Seconds a time written to the second may differ from its status ID's before a warning."""


def post_times(posts: Sequence[Post], tz: tzinfo, report: Report) -> list[Moment | None] | Seconds:
    """The resolved time of each post (None where unknown); problems go to `report`, in
    the order of the posts they are about. When every time is written to the second (and
    no status URL can add one), their instants (`Seconds`), whose Moments
    `LoadedSession.times` makes on first use."""
    if not any(map(_URL, posts)):
        instants = parse_seconds(list(map(_TIME, posts)), tz)
        if instants is not None:
            # The usual verdict, all in order, is one comparison per time in C; only
            # times out of order are walked, to say where.
            if any(map(gt, instants, islice(instants, 1, None))):
                _backwards(posts, to_the_second(instants), tz, report)
            return Seconds(instants)
    said = Report()
    times = [_resolve(i, post, tz, said) for i, post in enumerate(posts)]
    _backwards(posts, times, tz, said)
    said.problems.sort(key=lambda problem: _post_at(problem.path))
    report.problems += said.problems
    return times


def _post_at(path: str) -> int:
    """12 for 'posts[12].time'."""
    return int(path[len("posts[") : path.index("]")])


def posted(post: Post, tz: tzinfo) -> Moment | None:
    """The time `post` is replayed at, as `post_times` resolves it, without its problems
    (`post_times` says them): for the rules that compare another time with the post's."""
    return _resolve(0, post, tz, Report())


def _resolve(i: int, post: Post, tz: tzinfo, report: Report) -> Moment | None:
    text = post.time
    written = report.time(text, tz, f"posts[{i}].time") if text is not None else None
    status = status_id(post.url) if post.url else None
    derived = from_status_id(status) if status is not None else None
    if derived is None:
        return written
    if written is not None and written.exact:
        # A written time wins, but one that disagrees with the ID by more than its own
        # precision is most likely a time-zone slip. X/Twitter's own `created_at` can be
        # seconds after the time in the ID (13 of 1,142 tweets of one published archive, up
        # to 2 s; one of 7,092 of another, 4.5 s), so a time to the second is given 10 s.
        slack = 60 if written.precision == Precision.MINUTE else _SECOND_SLACK
        if abs((written.instant - derived.instant).total_seconds()) >= slack:
            shown = derived.instant.astimezone(tz).isoformat()
            report.warn(
                "derived-time-mismatch",
                f"the status ID in the url gives {shown}, but the time written is "
                f"{text}; check both (a wrong time zone is a common cause)",
                f"posts[{i}].time",
            )
        return written
    if written is not None and compare(derived, written, tz) != 0:
        shown = derived.instant.astimezone(tz).isoformat()
        report.warn(
            "derived-time-mismatch",
            f"the status ID in the url gives {shown}, which does not fall within the "
            f"time written ({text}); check both",
            f"posts[{i}].time",
        )
        return written
    return derived


def _backwards(
    posts: Sequence[Post],
    times: Sequence[Moment | None],
    tz: tzinfo,
    report: Report,
) -> None:
    """Warn at each post earlier than the last post before it with a known time, at the
    coarser of their two precisions."""
    previous: Moment | None = None
    previous_at = -1
    for i, moment in enumerate(times):
        if moment is None:
            continue
        if previous is not None and compare(moment, previous, tz) < 0:
            _warn_backwards(posts, i, previous_at, report)
        previous, previous_at = moment, i


def _warn_backwards(posts: Sequence[Post], i: int, before_at: int, report: Report) -> None:
    post, before = posts[i], posts[before_at]
    report.warn(
        "time-backwards",
        f"post {post.id!r} is earlier than {before.id!r} before it "
        f"({post.time or 'derived time'} < {before.time or 'derived time'}); "
        "posts are replayed in file order",
        f"posts[{i}].time",
    )
