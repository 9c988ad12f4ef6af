"""Cutting a big export down to what a journalist asked for, without breaking a link.

`--thread ID` keeps the conversation that contains a post: its ancestors, every reply
below it, and the posts they quote. `--since`, `--until`, `--author`, `--hashtag` keep the
posts that match all of those given. Whatever is kept, the posts it replies to or quotes
are kept too (and theirs, up the chain), so every `reply_to` and `quotes` in the session
names a post in it: the checker never sees a dangling link, and the audience sees what a
reply answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from datetime import UTC

from replay_tui.format.model import Participant, Post
from replay_tui.imports.base import ImportOptions, ImportRefused


def cut(
    posts: dict[str, Post], people: dict[str, Participant], options: ImportOptions
) -> Collection[Post]:
    """The posts to keep (all of `posts.values()` when no option cuts)."""
    chosen: set[str] | None = None
    if options.thread is not None:
        chosen = _thread(posts, options.thread.strip())
    matchers = _matchers(people, options)
    if matchers:
        pool: Iterable[Post] = posts.values() if chosen is None else (posts[i] for i in chosen)
        chosen = {
            p.id for p in pool if p.status != "missing" and all(match(p) for match in matchers)
        }
    if chosen is None:
        return posts.values()
    return [posts[i] for i in _with_links(posts, chosen)]


def _thread(posts: dict[str, Post], start: str) -> set[str]:
    if start not in posts:
        raise ImportRefused(
            f"--thread {start}: no post with that id in the export; give the platform id "
            "of a post it holds (the number at the end of its link)"
        )
    chosen = {start}
    up = posts[start].reply_to
    while up is not None and up in posts and up not in chosen:
        chosen.add(up)
        up = posts[up].reply_to
    children: dict[str, list[str]] = {}
    for post in posts.values():
        if post.reply_to is not None:
            children.setdefault(post.reply_to, []).append(post.id)
    todo = [start]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in chosen:
                chosen.add(child)
                todo.append(child)
    return chosen


def _with_links(posts: dict[str, Post], chosen: set[str]) -> set[str]:
    todo = list(chosen)
    while todo:
        post = posts[todo.pop()]
        for target in (post.reply_to, post.quotes):
            if target is not None and target in posts and target not in chosen:
                chosen.add(target)
                todo.append(target)
    return chosen


def _matchers(
    people: dict[str, Participant], options: ImportOptions
) -> list[Callable[[Post], bool]]:
    matchers: list[Callable[[Post], bool]] = []
    if options.since is not None:
        since = options.since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        matchers.append(lambda p: p.time is not None and p.time >= since)
    if options.until is not None:
        until = options.until.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        matchers.append(lambda p: p.time is not None and p.time < until)
    if options.author:
        wanted = options.author.strip().lstrip("@").casefold()
        ids = {
            pid
            for pid, person in people.items()
            if person.handle and person.handle.lstrip("@").casefold() == wanted
        }
        matchers.append(lambda p: p.author in ids)
    if options.hashtag:
        tag = re.compile(
            r"(?<![\w&])[#＃]" + re.escape(options.hashtag.strip().lstrip("#＃")) + r"(?!\w)",
            re.IGNORECASE,
        )
        matchers.append(lambda p: p.text is not None and tag.search(p.text) is not None)
    return matchers
