"""Show only some posts: those of chosen participants and/or those carrying a hashtag.

A journalist following one account through a busy exchange, or a teacher showing only the
posts of one campaign hashtag, narrows the replay to a `FilteredView`: the sorted indices of
the posts that pass, with the mapping between a post's index in the session and its position
in the view (for the "3/40 filtered" label and for stepping). The cursor still moves over
session indices; the view tells it which to land on.

Participant filters are one pass over the posts; hashtag filters come from the tag index of
`search.py` (one pass over the folded text, done once), so re-filtering is cheap at any size.
Plain Python, no Textual.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from .load import LoadedSession
from .search import SearchIndex, fold_query


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


def participant_posts(loaded: LoadedSession, participants: Iterable[str]) -> array[int]:
    """The posts written by any of `participants`, in order."""
    wanted = frozenset(participants)
    return array("i", [i for i, post in enumerate(loaded.session.posts) if post.author in wanted])


def apply(loaded: LoadedSession, filter: Filter, index: SearchIndex | None = None) -> FilteredView:
    """The view of `loaded` through `filter`. A tag filter needs the session's
    `SearchIndex` (built if it is not yet: run it in a worker for big sessions)."""
    total = len(loaded.session.posts)
    if not filter.active:
        return FilteredView(array("i", range(total)), total, filter)
    if filter.tag:
        if index is None:
            index = SearchIndex(loaded)
        tagged = index.posts_with_tag(filter.tag)
        if filter.participants:
            posts = loaded.session.posts
            wanted = filter.participants
            tagged = array("i", [i for i in tagged if posts[i].author in wanted])
        return FilteredView(tagged, total, filter)
    return FilteredView(participant_posts(loaded, filter.participants), total, filter)


def same_tag(a: str, b: str) -> bool:
    """Whether two spellings name the same tag (`#AskHamas`, `#askhamas`, `＃ASKHAMAS`)."""
    return fold_query(a).strip() == fold_query(b).strip()
