"""Show only some posts: those of chosen participants and/or those carrying a hashtag.

A journalist following one account through a busy exchange, or a teacher showing only the
posts of one campaign hashtag, narrows the replay to a `FilteredView`: the sorted indices of
the posts that pass, with the mapping between a post's index in the session and its position
in the view (for the "3/40 filtered" label and for stepping). The cursor still moves over
session indices; the view tells it which to land on.

Participant filters are one pass over the posts. Hashtag filters read the folded text of
`search.py`: the whole view is a scan for the tag over every block (a second or two at a
million posts, so the UI runs it in a worker), but a `PendingView` answers at once what
stepping needs meanwhile (is this post shown, which is the next or previous one shown) by
scanning for the tag from the cursor, a block at a time, with the same answers. Plain
Python, no Textual.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import ClassVar, Literal, TypeAlias

from replay_tui.format.read import LoadedSession
from replay_tui.replay.folding import fold_query
from replay_tui.replay.search import SearchIndex, first
from replay_tui.replay.tags import tag_key
from replay_tui.words.textparts import HASH_SIGILS, MENTION_SIGILS, tag_re

WINDOW = 400
"""How many shown posts up to the cursor a `PendingView` lists for the timeline (its
`MAX_WINDOW_POSTS`: it never lays out more)."""


@dataclass(frozen=True)
class Filter:
    """What to show. Empty `participants` and no `tag` means everything.

    Both set: the posts of those participants that carry the tag.
    """

    participants: frozenset[str] = field(default_factory=frozenset)
    tag: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.participants) or bool(self.tag)

    def describe(self, loaded: LoadedSession) -> str:
        """The filter in a few words for the header: 'Hamas, IDF · #AskHamas'. Names are
        session text: the UI must still pass this through its untrusted-text path."""
        parts: list[str] = []
        if self.participants:
            names = sorted(
                (loaded.participants[p].name if p in loaded.participants else p)
                for p in self.participants
            )
            parts.append(", ".join(names) if len(names) <= 2 else f"{len(names)} participants")
        if self.tag:
            parts.append(self.tag)
        return " · ".join(parts)


class FilteredView:
    """The posts that pass a filter, as sorted session indices.

    Positions in the view are 0-based; `position_of` and `post_at` convert. Every lookup is
    O(log n) or better.
    """

    complete: ClassVar[Literal[True]] = True
    """Every shown post is known (a `PendingView` is still counting)."""

    def __init__(self, indices: array[int], total: int, filter: Filter) -> None:
        self.indices = indices
        self.total = total
        self.filter = filter

    def __len__(self) -> int:
        return len(self.indices)

    def __contains__(self, index: object) -> bool:
        if not isinstance(index, int):
            return False
        at = bisect_left(self.indices, index)
        return at < len(self.indices) and self.indices[at] == index

    def post_at(self, position: int) -> int:
        """The session index of the post at `position` in the view."""
        return self.indices[position]

    def position_of(self, index: int) -> int | None:
        """The position of post `index` in the view, or None if it is filtered out."""
        at = bisect_left(self.indices, index)
        return at if at < len(self.indices) and self.indices[at] == index else None

    def shown_up_to(self, index: int) -> int:
        """How many posts of the view lie at or before session index `index`: the number
        of filtered posts revealed when the cursor is at `index`."""
        return bisect_right(self.indices, index)

    def next_after(self, index: int) -> int | None:
        """The first post of the view after session index `index`, or None."""
        at = bisect_right(self.indices, index)
        return self.indices[at] if at < len(self.indices) else None

    def prev_before(self, index: int) -> int | None:
        """The last post of the view before session index `index`, or None."""
        at = bisect_left(self.indices, index)
        return self.indices[at - 1] if at > 0 else None

    def nearest(self, index: int) -> int | None:
        """Where the cursor goes when a filter is applied at `index`: that post if shown,
        else the last shown post before it, else the first shown post; None if empty."""
        if index in self:
            return index
        before = self.prev_before(index)
        return before if before is not None else self.next_after(index)

    def label(self, index: int) -> str:
        """The position as people read it in a filtered view: '3/40 shown (of 1,200)';
        a post that is filtered out reads '–/40 shown (of 1,200)'."""
        position = self.position_of(index)
        where = "–" if position is None else f"{position + 1:,}"
        return f"{where}/{len(self):,} shown (of {self.total:,})"


class PendingView:
    """A hashtag filter's view while the whole `FilteredView` is still being computed.

    It answers what stepping and the screen ask, with the same answers the full view will
    give, by looking for the tag near where it is asked (`SearchIndex.first_tagged` and
    friends, folding the blocks it passes): whether a post is shown, the next and previous
    shown post, the nearest one. It cannot say how many posts it shows until every block is
    scanned, so `label` says "counting…" and `Replay.jump_percent` waits for the full view.

    `shown_up_to` and `indices` list the shown posts up to the index last asked about, as
    the timeline reads them (`shown_up_to(last)`, then `indices[:count]`): at most `WINDOW`
    of them, and only from blocks already folded (and the block of that post), so a
    repaint never folds more than one block; earlier posts appear as the worker folds them.

    Stateless but for small caches of answers, and safe to use from a worker thread.
    """

    complete: ClassVar[Literal[False]] = False

    def __init__(self, loaded: LoadedSession, filter: Filter, index: SearchIndex) -> None:
        assert filter.tag, "only a hashtag filter is ever pending"
        self.filter = filter
        self.index = index
        self.total = len(loaded.session.posts)
        self.key = tag_key(filter.tag)
        self._posts = loaded.session.posts
        self._wanted = filter.participants
        self._nearest: tuple[int, int | None] | None = None
        self._blocks: dict[int, array[int]] = {}
        """The shown posts of whole blocks scanned for the timeline's window."""
        self._window: array[int] = array("i")

    # --- one post, the next, the previous ----------------------------------------------------

    def __contains__(self, index: object) -> bool:
        if not isinstance(index, int) or not 0 <= index < self.total:
            return False
        if self._wanted and self._posts[index].author not in self._wanted:
            return False
        return self.index.first_tagged(self.key, index, index + 1) == index

    def _first(self, lo: int, hi: int) -> int:
        """The first shown post in lo..hi-1 (one block at most), or -1."""
        tagged = self.index.posts_with(self.key, lo, hi, tag=True)
        posts, wanted = self._posts, self._wanted
        return next((i for i in tagged if not wanted or posts[i].author in wanted), -1)

    def _last(self, lo: int, hi: int) -> int:
        """The last shown post in lo..hi-1 (one block at most), or -1."""
        return next(self._backward_in(lo, hi), -1)

    def _backward_in(self, lo: int, hi: int) -> Iterator[int]:
        """The shown posts in lo..hi-1, from the last back."""
        tagged = self.index.posts_with(self.key, lo, hi, forward=False, tag=True)
        if not self._wanted:
            return tagged
        posts, wanted = self._posts, self._wanted
        return (i for i in tagged if posts[i].author in wanted)

    def forward(self, start: int) -> Iterator[int | None]:
        """The first shown post from `start` on, a block at a time: None after each block
        without one, then the post, and stops (stops at once when there is none)."""
        yield from _found_in(self.index.ranges(start, self.total), self._first)

    def backward(self, stop: int) -> Iterator[int | None]:
        """The last shown post before `stop`, a block at a time, as `forward` does."""
        yield from _found_in(self.index.ranges(0, stop, forward=False), self._last)

    def nearest_steps(self, index: int) -> Iterator[int | None]:
        """`nearest(index)` a block at a time, for a worker: None after each block without
        an answer, then the answer and stops; stops without one when nothing is shown. The
        answer is remembered, so `nearest(index)` afterwards is immediate."""
        found: int | None = index if index in self else None
        if found is None:
            for found in self.backward(index):
                if found is not None:
                    break
                yield None
        if found is None:
            for found in self.forward(index + 1):
                if found is not None:
                    break
                yield None
        self._nearest = (index, found)
        if found is not None:
            yield found

    def next_after(self, index: int) -> int | None:
        """The first shown post after session index `index`, or None."""
        return first(self.forward(index + 1))

    def prev_before(self, index: int) -> int | None:
        """The last shown post before session index `index`, or None."""
        return first(self.backward(index))

    def nearest(self, index: int) -> int | None:
        """As `FilteredView.nearest`: that post if shown, else the last shown post before
        it, else the first shown post after it; None when none is shown."""
        known = self._nearest
        if known is not None and known[0] == index:
            return known[1]
        return first(self.nearest_steps(index))

    def label(self, index: int) -> str:
        """The position while the shown posts are being counted."""
        return f"counting… (of {self.total:,})"

    # --- the timeline's window ------------------------------------------------------------------

    def _shown_back(self, lo: int, hi: int, limit: int) -> array[int]:
        """Up to `limit` shown posts in lo..hi-1, the last ones, in order."""
        found = array("i", islice(self._backward_in(lo, hi), limit))
        found.reverse()
        return found

    def window(self, index: int, limit: int = WINDOW) -> array[int]:
        """Up to `limit` shown posts at or before `index`, in order, the last ones: from the
        block of `index` back through the blocks already folded (see the class)."""
        if index < 0 or not self.total or limit <= 0:
            return array("i")
        index = min(index, self.total - 1)
        size = self.index.block_size
        block = self.index.block_of(index)
        # Back from `index` in its own block, no further than needed...
        parts = [self._shown_back(block * size, index + 1, limit)]
        count = len(parts[0])
        # ...then through the blocks before, as far as they are folded: a block scanned to
        # its start is kept (a rare tag's blocks are not scanned again on every repaint).
        block -= 1
        while count < limit and block >= 0 and self.index.has_block(block):
            part = self._blocks.get(block)
            if part is None:
                part = self._shown_back(block * size, (block + 1) * size, limit - count + 1)
                if len(part) <= limit - count:
                    self._blocks[block] = part  # the whole block
                else:
                    part = part[1:]
            parts.append(part)
            count += len(part)
            block -= 1
        window: array[int] = array("i")
        for part in reversed(parts):
            window.extend(part)
        return window[-limit:] if len(window) > limit else window

    def shown_up_to(self, index: int) -> int:
        """How many shown posts the window up to `index` holds (and keeps it as `indices`)."""
        self._window = self.window(index)
        return len(self._window)

    @property
    def indices(self) -> array[int]:
        """The window of the last `shown_up_to` (see the class)."""
        return self._window


View: TypeAlias = FilteredView | PendingView
"""What `Replay.shown` holds under a filter: every shown post, or (a hashtag filter at
scale, for a second or two) the answers near the cursor while they are counted."""


def _found_in(
    blocks: Iterable[tuple[int, int]], find: Callable[[int, int], int]
) -> Iterator[int | None]:
    """`find` over one block (lo, hi) after another: None after each block where it finds
    nothing (its -1), then what it finds, and stops; stops when no block has one."""
    for lo, hi in blocks:
        found = find(lo, hi)
        if found >= 0:
            yield found
            return
        yield None


def typed_tag(text: str) -> str | None:
    """A hashtag (or @mention) typed in the filter dialog, as the filter takes it: `#Ask`,
    `＃Ask`, `@idf` as typed, `Ask` with a `#` put in front; None when it is not one tag
    (blank, two words, only a sigil)."""
    tag = text.strip()
    if not tag:
        return None
    if tag[0] not in HASH_SIGILS + MENTION_SIGILS:
        tag = "#" + tag
    return tag if tag_re().fullmatch(tag) else None


def participant_posts(loaded: LoadedSession, participants: Iterable[str]) -> array[int]:
    """The posts written by any of `participants`, in order."""
    wanted = frozenset(participants)
    return array("i", [i for i, post in enumerate(loaded.session.posts) if post.author in wanted])


def apply(loaded: LoadedSession, filter: Filter, index: SearchIndex | None = None) -> FilteredView:
    """The view of `loaded` through `filter`. A tag filter needs the session's
    `SearchIndex` and scans all of it (`tag_view_steps`: in a worker for big sessions, a
    `PendingView` answering meanwhile)."""
    total = len(loaded.session.posts)
    if not filter.active:
        return FilteredView(array("i", range(total)), total, filter)
    if filter.tag:
        for step in tag_view_steps(loaded, filter, index or SearchIndex(loaded)):
            if step is not None:
                return step
    return FilteredView(participant_posts(loaded, filter.participants), total, filter)


def tag_view_steps(
    loaded: LoadedSession, filter: Filter, index: SearchIndex
) -> Iterator[FilteredView | None]:
    """A hashtag filter's whole view, a block of the index at a time (for a worker to stop
    between): None after each block, then the view. From the tag index if it is built,
    else by scanning every block for the one tag (quicker than indexing every tag)."""
    assert filter.tag
    total = len(loaded.session.posts)
    if index.tags_built:
        tagged = index.posts_with_tag(filter.tag)
    else:
        key = tag_key(filter.tag)
        tagged = array("i")
        for lo, hi in index.ranges(0, index.count):
            tagged.extend(index.posts_with(key, lo, hi, tag=True))
            yield None
    if filter.participants:
        posts = loaded.session.posts
        wanted = filter.participants
        tagged = array("i", [i for i in tagged if posts[i].author in wanted])
    yield FilteredView(tagged, total, filter)


def same_tag(a: str, b: str) -> bool:
    """Whether two spellings name the same tag (`#AskHamas`, `#askhamas`, `＃ASKHAMAS`)."""
    return fold_query(a).strip() == fold_query(b).strip()
