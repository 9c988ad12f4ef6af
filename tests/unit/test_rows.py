"""The rows a timeline lays out in replay order: the revealed posts, or those a filter shows,
and which row is current."""

from __future__ import annotations

from pathlib import Path

from replay_tui.format.read import load_session
from replay_tui.replay.cursor import Replay
from replay_tui.replay.filters import Filter, apply
from replay_tui.replay.rows import chronological

SMALL = Path(__file__).resolve().parent.parent / "data" / "good" / "small.toml"


def test_the_revealed_posts_with_the_current_one_last() -> None:
    replay = Replay(load_session(SMALL))
    assert chronological(replay).count == 0  # the title card: nothing revealed
    for _ in range(3):
        replay.next()
    rows = chronological(replay)
    assert list(rows.posts[: rows.count]) == [0, 1, 2]
    assert rows.current == 2 and rows.depths is None


def test_a_filter_keeps_only_its_posts() -> None:
    loaded = load_session(SMALL)
    replay = Replay(loaded)
    view = apply(loaded, Filter(participants=frozenset({"library"})))
    replay.filter(view)
    replay.next()
    replay.next()
    rows = chronological(replay)
    shown = list(rows.posts[: rows.count])
    assert shown == list(view.indices)[: rows.count] and rows.count == 2
    assert all(replay.posts[i].author == "library" for i in shown)
    assert rows.current == 1 and shown[-1] == replay.position
