"""Hashtags and mentions as the search index keys and counts them.

The filter dialog lists the session's hashtags, most used first; the filter and the `/`
search find the posts carrying one. Both read the folded blocks of `search.SearchIndex`:
this module holds what is about tags alone (the key a tag is filed under, a block's tags,
how a tag is spelt where it first appears), so that the index keeps to folding and
finding. Plain Python, no Textual.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass

from replay_tui.format.model import Post
from replay_tui.replay.folding import fold, fold_query
from replay_tui.words.textparts import tag_re

META = "\x02"
"""Where a post's own words end in its folded text and its author's name and notes begin."""


@dataclass(frozen=True, slots=True)
class TagCount:
    """A hashtag or mention, spelt as it first appears, and how many posts carry it."""

    tag: str
    key: str
    count: int

    @property
    def hashtag(self) -> bool:
        return self.key.startswith("#")


def tag_key(tag: str) -> str:
    """A tag as the tag index keys it: `#AskHamas`, `#askhamas` and `＃ASKHAMAS` are all
    `#askhamas`."""
    return fold_query(tag).strip()


def file_block(text: str, starts: array[int], base: int, found: dict[str, array[int]]) -> None:
    """Add the tags of one folded block (its posts starting at `starts`, the first being
    post `base`) to `found`: each tag's posts, in order, each post once. Only a post's own
    words count, not its author's name or a note."""
    j = 0
    meta = text.find(META)
    last = len(starts) - 1
    for match in tag_re().finditer(text):
        at = match.start()
        if j < last and starts[j + 1] <= at:
            j = bisect_right(starts, at) - 1
            meta = text.find(META, starts[j])
        if at > meta:
            continue  # a tag in a name or a note, not in what the post says
        posts = found.get(match.group(1))
        if posts is None:
            found[match.group(1)] = array("i", [base + j])
        elif posts[-1] != base + j:
            posts.append(base + j)


def is_tag_at(text: str, starts: array[int], j: int, at: int, key: str) -> bool:
    """Whether `key`, found at `at` in post j's part of a folded block, is that post's
    tag: the pattern matches there, ends with it, and it is not in a name or a note. A tag
    pattern match never holds a sigil after its first character, so these are exactly the
    places `file_block` finds."""
    found = tag_re().match(text, at)
    if found is None or found.end() != at + len(key):
        return False
    end = starts[j + 1] if j + 1 < len(starts) else len(text)
    return at < text.find(META, starts[j], end)


def spelling(post: Post, key: str) -> str:
    """How `post` spells the tag filed under `key` (`#AskHamas` for `#askhamas`)."""
    for text in (post.text, *(v.text for v in post.variants)):
        for match in tag_re().finditer(text or ""):
            if fold(match.group(1)) == key:
                return match.group(1)
    return key


def counted(
    found: dict[str, array[int]], posts: list[Post], *, hashtags: bool, mentions: bool
) -> list[TagCount]:
    """The tags of `found` (hashtags and/or mentions), most used first."""
    result: list[TagCount] = []
    for key, carrying in found.items():
        is_hash = key.startswith("#")
        if (is_hash and hashtags) or (not is_hash and mentions):
            result.append(TagCount(spelling(posts[carrying[0]], key), key, len(carrying)))
    result.sort(key=lambda t: (-t.count, t.key))
    return result
