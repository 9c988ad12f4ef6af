"""The order an import's posts are replayed in: by time, with what has none placed beside
what points at it.

A session is replayed in file order, so an import must write its posts sorted. Most posts
have an exact time; placeholders have one derived from their status ID or none at all, and
a placeholder with no time must not open the replay (a boosted post an archive does not
hold belongs with its boost).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from replay_tui.format.model import Post, Reaction
from replay_tui.format.times import from_status_id, status_id


def replay_order(
    posts: dict[str, Post], reactions: Iterable[Reaction] = ()
) -> Callable[[Post], tuple[str, int, int, str]]:
    """Replay order: by time (UTC text sorts as time), a placeholder without one just
    before the first post or repost that points at it (a boosted post an archive does not
    hold comes with its boost, not at the start), ties by the platform id's number."""
    # Posts without a written time are few (placeholders, mostly): their times first.
    derived: dict[str, str | None] = {p.id: _when(p) for p in posts.values() if p.time is None}
    untimed = {pid for pid, when in derived.items() if when is None}
    untimed_before: dict[str, str] = {}

    def anchor(target: str | None, time: str) -> None:
        if target in untimed:
            assert target is not None
            old = untimed_before.get(target)
            if old is None or time < old:
                untimed_before[target] = time

    if untimed:
        for post in posts.values():
            if post.time is not None:
                anchor(post.reply_to, post.time)
                anchor(post.quotes, post.time)
        for reaction in reactions:
            if reaction.time is not None:
                anchor(reaction.post, reaction.time)

    def key(post: Post) -> tuple[str, int, int, str]:
        when = post.time
        if when is not None:  # the bulk
            return (when, 1, len(post.id), post.id)
        when = derived.get(post.id)
        if when is not None:
            return (when, 1, len(post.id), post.id)
        if post.id not in untimed_before and post.reply_to in posts:
            # A reply known only as a placeholder (a blocked reply in a thread) follows
            # the post it answers, rather than opening the replay.
            parent = posts[post.reply_to]
            when = parent.time or derived.get(parent.id)
            if when is not None:
                return (when, 2, len(post.id), post.id)
        return (untimed_before.get(post.id, ""), 0, len(post.id), post.id)

    return key


def _when(post: Post) -> str | None:
    if post.time is not None:
        return post.time
    if post.url is None:
        return None
    number = status_id(post.url)
    moment = from_status_id(number) if number is not None else None
    if moment is None:
        return None
    return moment.instant.strftime("%Y-%m-%dT%H:%M:%SZ")
