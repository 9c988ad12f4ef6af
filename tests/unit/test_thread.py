"""The reply tree: depth-first order, depths, visibility, cycles, depth without recursion."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path
from typing import Any

import msgspec
from numbered import numbered

from replay_tui.format.check import check_session
from replay_tui.format.model import Session
from replay_tui.format.read import LoadedSession, load_session
from replay_tui.replay import filters
from replay_tui.replay.thread import ReplyTree

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "bench"))
synth = importlib.import_module("synth")  # bench/synth.py: synthetic sessions


def tree_of(replies: list[int | None], authors: str = "a") -> LoadedSession:
    """Posts p0..pn-1; `replies[i]` is the index post i replies to."""
    fields = [{} if parent is None else {"reply_to": f"p{parent}"} for parent in replies]
    return numbered(fields, name="thread", authors=authors)


def rows(tree: ReplyTree, visible: Any = None) -> list[tuple[int, int]]:
    order = tree.order(visible)
    return list(zip(order.posts, order.depths, strict=True))


def test_depth_first_with_siblings_in_replay_order() -> None:
    #  0 ─┬ 1 ── 3
    #     └ 2
    #  4 ── 5
    tree = ReplyTree(tree_of([None, 0, 0, 1, None, 4]))
    assert rows(tree) == [(0, 0), (1, 1), (3, 2), (2, 1), (4, 0), (5, 1)]


def test_only_visible_posts_take_part() -> None:
    tree = ReplyTree(tree_of([None, 0, 0, 1, None, 4]))
    assert rows(tree, range(3)) == [(0, 0), (1, 1), (2, 1)]
    assert rows(tree, range(0)) == []
    # A filter hides 1: its reply 3 starts a thread of its own.
    assert rows(tree, [0, 2, 3, 5]) == [(0, 0), (2, 1), (3, 0), (5, 0)]


def test_a_reply_to_a_later_post_moves_under_it_once_that_post_is_revealed() -> None:
    tree = ReplyTree(tree_of([None, 3, None, None]))  # 1 replies to 3, listed after it
    assert rows(tree, range(3)) == [(0, 0), (1, 0), (2, 0)]
    assert rows(tree, range(4)) == [(0, 0), (2, 0), (3, 0), (1, 1)]


def test_reply_cycles_and_self_replies_terminate() -> None:
    tree = ReplyTree(tree_of([2, 0, 1, 3, None, 4]))  # 0→2→1→0 a cycle; 3 replies to itself
    order = rows(tree)
    assert sorted(p for p, _ in order) == list(range(6))
    assert order[0] == (0, 0)  # the earliest post of the cycle roots it
    assert (3, 0) in order and (5, 1) in order


def test_a_chain_100000_deep_needs_no_recursion() -> None:
    n = 100_000
    tree = ReplyTree(tree_of([None, *range(n - 1)]))
    order = tree.order()
    assert order.depths[-1] == n - 1 and order.posts[-1] == n - 1
    assert tree.order(range(10)).depths.tolist() == list(range(10))


def test_the_quick_prefix_path_agrees_with_the_full_layout() -> None:
    rng = random.Random(5)
    for _ in range(30):
        n = rng.randint(1, 60)
        replies: list[int | None] = [
            None if rng.random() < 0.3 else rng.randrange(max(i, 1)) for i in range(n)
        ]
        if rng.random() < 0.5 and n > 3:  # sometimes a reply to a later post
            replies[1] = n - 1
        tree = ReplyTree(tree_of(replies))
        for stop in range(n + 1):
            quick = tree.order(range(stop))
            full = tree._layout(range(stop))
            assert quick.posts == full.posts and quick.depths == full.depths, (replies, stop)


def test_bundled_session_and_filtered_view() -> None:
    loaded = load_session(ROOT / "sessions" / "askhamas-2015-03.toml")
    tree = ReplyTree(loaded)
    ids = [p.id for p in loaded.session.posts]
    order = rows(tree)
    placed = {ids[p]: d for p, d in order}
    assert placed["hamas-reply-1"] == 1 and placed["rosenberg-1"] == 0
    assert tree.parent(ids.index("hamas-reply-1")) == ids.index("rosenberg-1")
    view = filters.apply(loaded, filters.Filter(frozenset({"hamas"})))
    assert rows(tree, view.indices) == [(ids.index("hamas-reply-1"), 0)]
    assert tree.order().row_of(ids.index("hamas-reply-1")) is not None
    assert tree.order(range(1)).row_of(ids.index("hamas-reply-1")) is None


def test_synthetic_session_every_post_once_children_after_parents() -> None:
    loaded = synth.session(3000)
    tree = ReplyTree(_synthetic(loaded))
    order = tree.order()
    assert sorted(order.posts) == list(range(3000))
    row = {p: k for k, p in enumerate(order.posts)}
    for k, post in enumerate(order.posts):
        parent = tree.parent(post)
        if parent is not None and order.depths[k] > 0:
            assert row[parent] < k and order.depths[row[parent]] == order.depths[k] - 1


def _synthetic(data: dict[str, Any]) -> LoadedSession:
    loaded, problems = check_session(msgspec.convert(data, Session), "synthetic")
    assert loaded is not None, problems
    return loaded
