"""Chapters (`[`, `]`, `C`) and the thread view's rows (`t`): where the reader goes next.

A jump to a chapter lands on its first post, or on the first post the filter shows from
there on; a click on a "replying to" line goes to the post it names, if it is here. The
thread view orders the revealed posts by reply (`thread.ReplyTree`), cached while the
revealed posts and the filter stay the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from replay_tui.replay.cursor import Replay
from replay_tui.replay.rows import Rows, chronological
from replay_tui.replay.thread import ReplyTree, ThreadOrder
from replay_tui.ui import text as t
from replay_tui.ui.controllers.base import Controller
from replay_tui.ui.screens.lists import JumpList, two_lines


class Chapters(Controller):
    """Chapter jumps on the replay."""

    def land(self, index: int) -> int:
        """Where a jump to `index` lands: there, or the first post the filter shows from
        there on (a chapter's first posts may be hidden)."""
        shown = self.replay.shown
        if shown is None or index in shown:
            return index
        after = shown.next_after(index - 1)
        return after if after is not None else index

    def linked(self, post_id: str) -> int | None:
        """Where a link to post `post_id` goes (a "replying to" line); None, said, if the
        post is not in this session."""
        index = self.replay.loaded.post_index.get(post_id)
        if index is None:
            self.screen.notify(
                "The post it points to is not in this session.", title="Go", markup=False
            )
        return index

    def step(self, direction: int) -> None:
        replay = self.replay
        starts = [chapter.start for chapter in replay.chapters]
        if not starts:
            self.screen.notify("This session has no chapters.", markup=False)
            return
        position = replay.position
        if direction > 0:
            at = bisect_right(starts, position)
            target = starts[at] if at < len(starts) else None
        else:
            at = bisect_left(starts, min(position, replay.count))
            target = starts[at - 1] if at > 0 else None
        if target is None:
            self.screen.notify(
                "No later chapter." if direction > 0 else "No earlier chapter.", markup=False
            )
            return
        self._jump(self.land(target))

    def listing(self) -> None:
        replay = self.replay
        if not replay.chapters:
            self.screen.notify("This session has no chapters.", markup=False)
            return
        rows = []
        for chapter in replay.chapters:
            first = t.join(
                [
                    t.words(f"{chapter.number}. ", "bold"),
                    t.clipped(chapter.chapter.title, 100, "bold"),
                ]
            )
            facts = f"from post {chapter.start + 1:,}"
            if chapter.chapter.prompt:
                facts += " · has a discussion prompt"
            if chapter.chapter.pause:
                facts += " · autoplay pauses here"
            rows.append((two_lines(first, t.words(facts)), chapter.start))
        self.screen.app.push_screen(
            JumpList("Chapters", rows, current=replay.position), self.chosen
        )

    def chosen(self, position: int | None) -> None:
        if position is not None:
            self._jump(self.land(position))


class ThreadRows:
    """The timeline's rows: replay order, or (`threaded`) reply order with depths."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.threaded = False
        self._tree: ReplyTree | None = None
        self._cache: tuple[tuple[int, int, int], ThreadOrder] | None = None

    def forget(self) -> None:
        """The filter changed: order the rows again."""
        self._cache = None

    def __call__(self) -> Rows:
        replay = self.replay
        if not self.threaded:
            return chronological(replay)
        if self._tree is None:
            self._tree = ReplyTree(replay.loaded)
        shown = replay.shown
        last = replay.last_visible
        count = shown.shown_up_to(last) if shown is not None else -1
        key = (last, id(shown), count)
        cached = self._cache
        if cached is not None and cached[0] == key:
            order = cached[1]
        else:
            if shown is None:
                order = self._tree.order(range(last + 1))
            else:
                # `shown_up_to` first: a PendingView's `indices` is the window it found.
                order = self._tree.order(shown.indices[:count])
            self._cache = (key, order)
        current = order.row_of(replay.position) if replay.on_post else None
        return Rows(order.posts, len(order), current, order.depths)
