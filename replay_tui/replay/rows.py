"""The rows a timeline lays out: which posts, in what order, which is current.

In replay order these are the revealed posts (all of them, or those a filter shows) and the
current post is the last; in the thread view (`replay.thread`) they are in reply order with
a depth each, and rows follow the current one. The timeline widget draws whatever `Rows` it
is given, so both orders share one way of laying out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from replay_tui.replay.cursor import Replay


@dataclass(frozen=True)
class Rows:
    """What the timeline lays out: `posts[0:count]` (session indices) in row order, the
    row of the current post (None on the cards or when it is filtered out), and in the
    thread view each row's reply depth."""

    posts: Sequence[int]
    count: int
    current: int | None
    depths: Sequence[int] | None = None


def chronological(replay: Replay) -> Rows:
    """The revealed posts in replay order: all of them, or those the filter shows."""
    last = replay.last_visible
    shown = replay.shown
    current = replay.position if replay.on_post else None
    if shown is None:
        return Rows(range(last + 1), last + 1, current)
    count = shown.shown_up_to(last)
    return Rows(shown.indices, count, count - 1 if current in shown else None)
