"""The cursor over a session: where the replay is, how it steps, and what is visible.

This is the replayer without a screen. The terminal UI (and any later front end: a web page,
a notebook, an exporter) renders a `Replay` and turns keys into calls on it; it holds no
Textual objects, so a test can drive it in microseconds.

Positions run from `TITLE` (-1, the title card before post 1) through the posts
(0 .. count-1) to `end` (count, the end card after the last post). Only posts up to the
current one are visible: a class sees the exchange unfold, not the whole of it at once.

Everything a step needs is indexed once, at construction, in time linear in the session's
size; each step and each lookup afterwards is O(1) (O(log chapters) for the chapter), so
stepping stays flat at a million posts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replay_tui.format.model import (
    Chapter,
    ContextNote,
    Participant,
    Post,
    PressExcerpt,
    Reaction,
    Source,
)
from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Moment

if TYPE_CHECKING:
    from replay_tui.replay.filters import View

TITLE = -1
"""The position of the title card."""


@dataclass(frozen=True, slots=True)
class ChapterAt:
    """A chapter with its number (1-based) among the session's chapters and its start."""

    number: int
    total: int
    start: int
    chapter: Chapter


def _index_by_post(
    items: Sequence[object], posts_of: str, post_index: dict[str, int]
) -> tuple[dict[int, list[int]], list[int]]:
    """For entries that list posts (context, press): the entries of each post index, and
    the entries that list none (they are about the whole session)."""
    by_post: dict[int, list[int]] = {}
    everywhere: list[int] = []
    for i, item in enumerate(items):
        ids: list[str] = getattr(item, posts_of)
        if not ids:
            everywhere.append(i)
            continue
        for post_id in dict.fromkeys(ids):
            at = post_index.get(post_id)
            if at is not None:
                by_post.setdefault(at, []).append(i)
    return by_post, everywhere


class Replay:
    """A position in a session and the steps between positions.

    Stepping methods return True when the position changed, so a caller repaints only
    then (a held key at the last post does nothing).
    """

    def __init__(self, loaded: LoadedSession, position: int = TITLE) -> None:
        self.loaded = loaded
        self.session = loaded.session
        self.posts: list[Post] = loaded.session.posts
        self.count = len(self.posts)
        self.zone = loaded.zone
        self.times: list[Moment | None] = loaded.times
        s = loaded.session
        self._reactions: dict[int, list[int]] = {}
        for i, reaction in enumerate(s.reactions):
            at = loaded.post_index.get(reaction.post)
            if at is not None:
                self._reactions.setdefault(at, []).append(i)
        self._context, self._context_all = _index_by_post(s.context, "posts", loaded.post_index)
        self._press, self._press_all = _index_by_post(s.press, "posts", loaded.post_index)
        self._chapter_starts = [start for start, _ in loaded.chapter_starts]
        self._chapters = [chapter for _, chapter in loaded.chapter_starts]
        self.position = TITLE
        self.moves = 0
        """How many times the position has changed: a visit to a post is (position, moves),
        so what is shown for one visit (a revealed warning, a withheld reply) ends with it,
        whoever moved the cursor."""
        self.shown: View | None = None
        """The posts a filter shows (`filters.FilteredView`, or a `filters.PendingView` while
        a hashtag filter's posts are being counted), or None for all of them.
        Stepping, first/last and the digit jumps land only on shown posts, so every caller
        (keys, autoplay, the guess-the-reply steps) skips hidden posts without knowing
        about filters; `go` and `seek` still go anywhere they are told."""
        self.go(position)

    # --- where we are -------------------------------------------------------------------

    @property
    def end(self) -> int:
        """The position of the end card."""
        return self.count

    @property
    def at_title(self) -> bool:
        return self.position == TITLE

    @property
    def at_end(self) -> bool:
        return self.position == self.end

    @property
    def on_post(self) -> bool:
        return 0 <= self.position < self.count

    @property
    def current(self) -> Post | None:
        """The current post, or None on the title and end cards."""
        return self.posts[self.position] if self.on_post else None

    @property
    def visible_count(self) -> int:
        """How many posts have been revealed: all up to and including the current one."""
        if self.position < 0:
            return 0
        return min(self.position + 1, self.count)

    @property
    def last_visible(self) -> int:
        """The index of the last revealed post (-1 before the first)."""
        return self.visible_count - 1

    def label(self) -> str:
        """The position as people read it: '3/7'; the cards say what they are. Filtered:
        '3/40 shown (of 1,200)'."""
        shown = self.shown
        posts = f"{self.count:,} post" + ("" if self.count == 1 else "s")
        if shown is not None:
            posts = (
                f"{len(shown):,} of {posts} shown"
                if shown.complete
                else f"{posts}, counting those shown…"
            )
        if self.at_title:
            return f"title · {posts}"
        if self.at_end:
            return f"end · {posts}"
        if shown is not None:
            return shown.label(self.position)
        return f"{self.position + 1:,}/{self.count:,}"

    # --- stepping -----------------------------------------------------------------------

    def go(self, position: int) -> bool:
        """Move to `position`, clamped to the title card .. the end card."""
        position = max(TITLE, min(position, self.end))
        if position == self.position:
            return False
        self.position = position
        self.moves += 1
        return True

    def next(self) -> bool:
        """The next (shown) post; after the last, the end card."""
        if self.shown is None:
            return self.go(self.position + 1)
        after = self.shown.next_after(self.position)
        return self.go(self.end if after is None else after)

    def prev(self) -> bool:
        """The previous (shown) post; before the first, the title card."""
        if self.shown is None:
            return self.go(self.position - 1)
        before = self.shown.prev_before(self.position)
        return self.go(TITLE if before is None else before)

    def first(self) -> bool:
        """The first (shown) post (the title card if there is none)."""
        if self.shown is not None:
            first = self.shown.next_after(TITLE)
            return self.go(TITLE if first is None else first)
        return self.go(0 if self.count else TITLE)

    def last(self) -> bool:
        """The last (shown) post (the end card if there is none)."""
        if self.shown is not None:
            last = self.shown.prev_before(self.end)
            return self.go(self.end if last is None else last)
        return self.go(self.count - 1 if self.count else self.end)

    def jump_percent(self, percent: float) -> bool:
        """The post `percent` % of the way through (of the shown posts, when filtered): 0
        is the first post, 90 the post nine tenths in. Keys 0-9 call this with 0-90. While
        a filter's posts are still being counted there is no telling which is nine tenths
        in: no move."""
        fraction = max(0.0, min(percent, 100.0)) / 100
        if self.shown is not None:
            if not self.shown.complete:
                return False
            total = len(self.shown)
            if not total:
                return False
            return self.go(self.shown.post_at(min(int(total * fraction), total - 1)))
        if not self.count:
            return False
        index = int(self.count * fraction)
        return self.go(min(index, self.count - 1))

    def filter(self, shown: View | None) -> bool:
        """Show only `shown`'s posts (None: all again). A cursor on a post that is now
        hidden moves to the nearest shown post (`FilteredView.nearest`); returns whether it
        moved. The cards stay where they are."""
        self.shown = shown
        if shown is None or not self.on_post or self.position in shown:
            return False
        nearest = shown.nearest(self.position)
        return self.go(TITLE if nearest is None else nearest)

    def seek(self, post_id: str) -> bool:
        """The post with this id; False (and no move) if there is none."""
        index = self.loaded.post_index.get(post_id)
        if index is None:
            return False
        self.go(index)
        return True

    # --- what belongs to a post ---------------------------------------------------------

    def author(self, index: int) -> Participant | None:
        return self.loaded.participants.get(self.posts[index].author)

    def time(self, index: int) -> Moment | None:
        return self.times[index] if 0 <= index < self.count else None

    def chapter_at(self, index: int) -> ChapterAt | None:
        """The chapter that `index` lies in, or None before the first chapter begins."""
        at = bisect_right(self._chapter_starts, index) - 1
        if at < 0:
            return None
        return ChapterAt(at + 1, len(self._chapters), self._chapter_starts[at], self._chapters[at])

    def chapter_starting(self, index: int) -> ChapterAt | None:
        """The chapter that begins at post `index`, if one does (the last listed wins)."""
        found = self.chapter_at(index)
        return found if found is not None and found.start == index else None

    @property
    def chapter(self) -> ChapterAt | None:
        """The current chapter (None on the title card and before the first chapter)."""
        if self.position < 0:
            return None
        return self.chapter_at(min(self.position, self.count - 1))

    @property
    def chapters(self) -> list[ChapterAt]:
        total = len(self._chapters)
        pairs = zip(self._chapter_starts, self._chapters, strict=True)
        return [ChapterAt(i + 1, total, start, chapter) for i, (start, chapter) in enumerate(pairs)]

    def reactions(self, index: int) -> list[Reaction]:
        """Reactions to post `index`, in file order."""
        items = self.session.reactions
        return [items[i] for i in self._reactions.get(index, ())]

    def context(self, index: int) -> list[ContextNote]:
        """Context notes that list post `index`, in file order (not the session-wide ones)."""
        items = self.session.context
        return [items[i] for i in self._context.get(index, ())]

    def press(self, index: int) -> list[PressExcerpt]:
        """Press excerpts about post `index`, in file order (not the session-wide ones)."""
        items = self.session.press
        return [items[i] for i in self._press.get(index, ())]

    @property
    def session_context(self) -> list[ContextNote]:
        """Context notes that list no post: background for the whole session."""
        return [self.session.context[i] for i in self._context_all]

    @property
    def session_press(self) -> list[PressExcerpt]:
        """Press excerpts that list no post: about the whole exchange."""
        return [self.session.press[i] for i in self._press_all]

    def source(self, source_id: str) -> Source | None:
        return self.loaded.sources.get(source_id)

    def participant(self, participant_id: str | None) -> Participant | None:
        if participant_id is None:
            return None
        return self.loaded.participants.get(participant_id)

    def post_by_id(self, post_id: str | None) -> Post | None:
        if post_id is None:
            return None
        index = self.loaded.post_index.get(post_id)
        return self.posts[index] if index is not None else None
