"""The reply tree: visible posts in conversation order, each with its depth, for `t`.

The timeline shows posts in replay (file) order; the thread view shows who answered whom:
each post under the post it replies to, indented by depth, siblings in replay order. Only
the visible posts take part (those revealed so far, or those a filter shows); a post whose
parent is not visible (not yet revealed, filtered out, or missing from the session) starts
a thread of its own, at depth 0.

`ReplyTree` resolves `reply_to` ids to indices once; each `order()` call is then linear in
the number of visible posts, iterative (a reply chain 100,000 deep cannot overflow the
stack), and terminates on reply cycles (a file can say a replies to b and b to a; the
checker does not forbid it): the earliest post of a cycle becomes its root.
Plain Python, no Textual.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

from replay_tui.format.read import LoadedSession


@dataclass(frozen=True)
class ThreadOrder:
    """Visible posts in depth-first reply order: `posts[k]` is shown on row k, indented
    `depths[k]` levels."""

    posts: array[int]
    depths: array[int]

    def __len__(self) -> int:
        return len(self.posts)

    def row_of(self, index: int) -> int | None:
        """The row of post `index`, or None if it is not in the view (a C-speed scan)."""
        try:
            return self.posts.index(index)
        except ValueError:
            return None


class ReplyTree:
    """`reply_to` resolved to indices for one session; `order()` lays out any visible set."""

    def __init__(self, loaded: LoadedSession) -> None:
        index = loaded.post_index
        self.count = len(loaded.session.posts)
        self.parents: array[int] = array(
            "i",
            [
                -1 if post.reply_to is None else index.get(post.reply_to, -1)
                for post in loaded.session.posts
            ],
        )
        # While no visible post replies to a later one, the thread order of the first k
        # posts is the order of the whole session with later posts left out: stepping
        # forward then costs one C-speed pass instead of a rebuild of the tree.
        self._first_forward = next((i for i, p in enumerate(self.parents) if p > i), self.count)
        self._whole: ThreadOrder | None = None

    def parent(self, index: int) -> int | None:
        """The index of the post `index` replies to, if that post is in the session."""
        parent = self.parents[index]
        return parent if parent >= 0 else None

    def order(self, visible: Iterable[int] | None = None) -> ThreadOrder:
        """The thread order of `visible` (session indices in ascending order, e.g.
        `range(replay.visible_count)` or a `FilteredView.indices`); all posts if None."""
        if visible is None:
            visible = range(self.count)
        if (
            isinstance(visible, range)
            and visible.step == 1
            and visible.start <= 0
            and min(visible.stop, self.count) <= self._first_forward
        ):
            return self._prefix(max(visible.stop, 0))
        return self._layout(visible)

    def _prefix(self, stop: int) -> ThreadOrder:
        if self._whole is None:
            self._whole = self._layout(range(self.count))
        whole = self._whole
        if stop >= self.count:
            return whole
        keep = [i < stop for i in whole.posts]
        return ThreadOrder(
            array("i", compress(whole.posts, keep)), array("i", compress(whole.depths, keep))
        )

    def _layout(self, visible: Iterable[int]) -> ThreadOrder:
        parents = self.parents
        shown = bytearray(self.count)
        if isinstance(visible, range) and visible.step == 1:
            start, stop = max(visible.start, 0), min(visible.stop, self.count)
            if stop > start:
                shown[start:stop] = b"\x01" * (stop - start)
            members: Iterable[int] = range(start, stop)
        else:
            members = list(visible)
            for i in members:
                shown[i] = 1
        children: dict[int, list[int]] = {}
        roots: list[int] = []
        total = 0
        for i in members:
            total += 1
            p = parents[i]
            if p >= 0 and p != i and shown[p]:
                kids = children.get(p)
                if kids is None:
                    children[p] = [i]
                else:
                    kids.append(i)
            else:
                roots.append(i)
        posts: array[int] = array("i")
        depths: array[int] = array("i")
        self._walk(roots, children, posts, depths, None)
        if len(posts) < total:
            # What is left hangs off reply cycles (no post in them has a visible root): the
            # earliest post of each becomes a root, and the layout is redone so that those
            # threads sit in replay order among the others.
            done = bytearray(self.count)
            for i in posts:
                done[i] = 1
            for i in members:
                if not done[i]:
                    roots.append(i)
                    self._walk([i], children, array("i"), array("i"), done)
            roots.sort()
            posts, depths = array("i"), array("i")
            self._walk(roots, children, posts, depths, bytearray(self.count))
        return ThreadOrder(posts, depths)

    @staticmethod
    def _walk(
        roots: list[int],
        children: dict[int, list[int]],
        posts: array[int],
        depths: array[int],
        done: bytearray | None,
    ) -> None:
        """Depth-first from each root in turn, children in replay order. `done` marks
        posts already laid out, needed only where a cycle could bring the walk back."""
        stack = [(root, 0) for root in reversed(roots)]
        pop, push = stack.pop, stack.extend
        add_post, add_depth = posts.append, depths.append
        get = children.get
        while stack:
            i, depth = pop()
            if done is not None:
                if done[i]:
                    continue
                done[i] = 1
            add_post(i)
            add_depth(depth)
            kids = get(i)
            if kids:
                push([(k, depth + 1) for k in reversed(kids)])
