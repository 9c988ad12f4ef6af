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
        chosen = _thread(posts, thread_start(posts, people, options.thread))
    matchers = _matchers(people, options)
    if matchers:
        pool: Iterable[Post] = posts.values() if chosen is None else (posts[i] for i in chosen)
        chosen = {
            p.id for p in pool if p.status != "missing" and all(match(p) for match in matchers)
        }
    if chosen is None:
        return posts.values()
    return [posts[i] for i in _with_links(posts, chosen)]


_BSKY = re.compile(r"https?://(?:www\.)?bsky\.app/profile/([^/?#]+)/post/([^/?#]+)/?")
_RKEY = "/app.bsky.feed.post/"
_ADVICE = {
    "twitter": "for an X/Twitter post, its link (…/status/ID) or the number at its end",
    "mastodon": "for a Mastodon status, its link or the number at its end",
    "bluesky": (
        "for a Bluesky post, its bsky.app link (…/profile/NAME/post/KEY), the KEY at its "
        "end, or its at:// URI"
    ),
}


def thread_start(posts: dict[str, Post], people: dict[str, Participant], given: str) -> str:
    """The post `--thread` names, as a user would paste it: a post's id (a tweet's or
    status's number, a Bluesky at:// URI), its link (an X/Twitter, Mastodon or bsky.app
    address, with the handle or the DID), or a Bluesky post's record key alone. Refused,
    with what to give for each platform in the export, when no post or several match."""
    wanted = given.strip()
    if wanted in posts:
        return wanted
    link = wanted.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    found = [p.id for p in posts.values() if p.url and p.url.rstrip("/") == link]
    if not found:
        bsky = _BSKY.fullmatch(link)
        if bsky is not None:
            found = _bluesky(posts, people, bsky.group(1), bsky.group(2))
        elif "://" in link and not link.startswith("at://"):
            # …/status/ID, …/@name/ID, …/statuses/ID, and …/status/ID/photo/1
            path = link.split("://", 1)[1].split("/")[1:]
            found = list(dict.fromkeys(p for p in path if p.isdigit() and p in posts))
        elif "/" not in wanted and wanted:
            found = _bluesky(posts, people, None, wanted)  # a record key alone
    if len(found) == 1:
        return found[0]
    if found:
        raise ImportRefused(
            f"--thread {given}: {len(found)} posts in the export match it "
            f"({', '.join(sorted(found)[:3])}{', …' if len(found) > 3 else ''}); give "
            "one of their ids"
        )
    platforms = sorted({p.platform or "twitter" for p in people.values()}) or ["twitter"]
    advice = "; ".join(_ADVICE.get(name, f"for a {name} post, its id") for name in platforms)
    raise ImportRefused(
        f"--thread {given}: no post in the export matches it; give a post the export holds: "
        f"{advice}"
    )


def _bluesky(
    posts: dict[str, Post], people: dict[str, Participant], who: str | None, rkey: str
) -> list[str]:
    """The Bluesky posts with record key `rkey`, by `who` (a DID or a handle) if given."""
    found = []
    for pid, post in posts.items():
        if not (pid.startswith("at://") and pid.endswith(_RKEY + rkey)):
            continue
        did = pid[5 : -len(_RKEY + rkey)]
        person = people.get(post.author)
        handle = (person.handle or "").lstrip("@").casefold() if person else ""
        if who is None or who == did or who.lstrip("@").casefold() == handle:
            found.append(pid)
    return found


def _thread(posts: dict[str, Post], start: str) -> set[str]:
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
