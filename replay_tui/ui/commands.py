"""The command palette's "go to a post": find a post by its words or its author, and jump.

Textual's fuzzy matcher is built for a few hundred commands and its highlighter parses the
candidate as markup; a session may hold 100,000 untrusted posts. So the search here is a
plain case-insensitive match of every typed word against each post's author name, handle
and text (an index built once, on first use, in lower case), the event loop is given a turn
every few thousand posts, at most `MAX_HITS` are offered, and matches are highlighted by
spans on sanitised Content.
"""

from __future__ import annotations

import asyncio
import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .. import timefmt
from ..sanitize import one_line
from . import text as t
from .screens.replay import ReplayScreen

MAX_HITS = 100
PREVIEW = 90
YIELD_EVERY = 4000


def _haystack(screen: ReplayScreen, index: int) -> str:
    replay = screen.replay
    post = replay.posts[index]
    person = replay.participant(post.author)
    who = f"{person.name} {person.handle or ''}" if person else post.author
    return one_line(f"{who} {post.text or ''}").casefold()


class PostSearch(Provider):
    """Jump to a post by its text or author."""

    def _screen(self) -> ReplayScreen | None:
        screen = self.screen
        return screen if isinstance(screen, ReplayScreen) else None

    async def discover(self) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        replay = screen.replay
        if replay.count:
            yield DiscoveryHit(
                Content("Go to the first post"), partial(screen.go_to, 0), help="Home or g"
            )
            yield DiscoveryHit(
                Content("Go to the last post"),
                partial(screen.go_to, replay.count - 1),
                help="End or G",
            )
        for chapter in replay.chapters:
            yield DiscoveryHit(
                t.join(
                    [
                        t.words(f"Go to chapter {chapter.number}: "),
                        t.clipped(chapter.chapter.title, 80),
                    ]
                ),
                partial(screen.go_to, chapter.start),
                text=f"chapter {chapter.number}",
                help=f"post {chapter.start + 1:,} of {replay.count:,}",
            )

    async def search(self, query: str) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        words = query.casefold().split()
        if not words:
            return
        replay = screen.replay
        index = screen.search_index(_haystack)
        matcher = self.matcher(query)
        found = 0
        for i, haystack in enumerate(index):
            if i % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)
            if not all(word in haystack for word in words):
                continue
            prompt = self.prompt(screen, i, words)
            score = matcher.match(prompt.plain) or 0.0
            # Earlier posts first among equal matches; every hit scores above zero.
            score = 0.5 + score / 2 - i / (replay.count * 10 + 10)
            when = timefmt.format_short(replay.time(i), replay.zone)
            yield Hit(
                score,
                prompt,
                partial(screen.go_to, i),
                text=prompt.plain,
                help=f"post {i + 1:,} of {replay.count:,} · {when}",
            )
            found += 1
            if found >= MAX_HITS:
                return

    def prompt(self, screen: ReplayScreen, index: int, words: list[str]) -> Content:
        """'Name @handle: text…' with the typed words highlighted."""
        replay = screen.replay
        post = replay.posts[index]
        person = replay.participant(post.author)
        name = person.name if person else post.author
        handle = f" {person.handle}" if person and person.handle else ""
        body = post.text if post.text is not None else "text unknown (missing)"
        content = t.join(
            [t.clipped(name + handle, 50, "bold"), t.words(": "), t.clipped(body, PREVIEW)]
        )
        folded = content.plain.casefold()
        if len(folded) != len(content.plain):
            return content
        for word in words:
            for match in re.finditer(re.escape(word), folded):
                content = content.stylize("bold underline $text-accent", match.start(), match.end())
        return content
