"""The cursor over a session: stepping, cards, what is visible, and per-post lookups.

No Textual here: `replay_tui.replay` is plain Python (test_layers.py checks that running
the core loads no Textual).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from replay_tui.format.check import check_session
from replay_tui.format.model import FORMAT, Chapter, ContextNote, Participant, Post, Session, Source
from replay_tui.format.read import LoadedSession, load_session
from replay_tui.replay.cursor import TITLE, Replay
from replay_tui.words.zones import humanize_gap

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "good" / "small.toml"


@pytest.fixture(scope="module")
def small() -> LoadedSession:
    return load_session(SMALL)


def synthetic(count: int, *, chapters: int = 0) -> LoadedSession:
    """A checked session of `count` minimal posts, built in memory."""
    posts = [Post(id=f"p{i}", author="a", sources=["s"], text=f"post {i}") for i in range(count)]
    session = Session(
        format=FORMAT,
        id="synthetic",
        title="Synthetic",
        timezone="UTC",
        sources=[Source(id="s", outlet="Outlet", kind="news")],
        participants=[Participant(id="a", name="A")],
        chapters=[
            Chapter(title=f"c{c}", start=f"p{c * count // chapters}") for c in range(chapters)
        ],
        posts=posts,
        context=[ContextNote(id="n", title="Note", body="b", posts=[f"p{count - 1}"])]
        if count
        else [],
    )
    loaded, problems = check_session(session, "synthetic")
    assert loaded is not None, problems
    return loaded


class TestStepping:
    def test_starts_on_the_title_card_with_nothing_visible(self, small: LoadedSession) -> None:
        replay = Replay(small)
        assert replay.position == TITLE
        assert replay.at_title and not replay.on_post
        assert replay.current is None
        assert replay.visible_count == 0

    def test_next_reveals_posts_one_by_one(self, small: LoadedSession) -> None:
        replay = Replay(small)
        assert replay.next()
        assert replay.position == 0
        assert replay.current is not None and replay.current.id == "p1"
        assert replay.visible_count == 1
        replay.next()
        assert replay.visible_count == 2
        assert replay.label() == "2/8"

    def test_past_the_last_post_is_the_end_card_then_nothing(self, small: LoadedSession) -> None:
        replay = Replay(small)
        assert replay.last()
        assert replay.position == 7
        assert replay.next()
        assert replay.at_end
        assert replay.current is None
        assert replay.visible_count == 8
        assert replay.label() == "end · 8 posts"
        assert not replay.next()
        assert replay.at_end

    def test_prev_from_the_first_post_is_the_title_card_then_nothing(
        self, small: LoadedSession
    ) -> None:
        replay = Replay(small, position=0)
        assert replay.prev()
        assert replay.at_title
        assert replay.label() == "title · 8 posts"
        assert not replay.prev()

    def test_first_and_last(self, small: LoadedSession) -> None:
        replay = Replay(small, position=4)
        assert replay.first()
        assert replay.position == 0
        assert not replay.first()
        assert replay.last()
        assert replay.position == 7

    @pytest.mark.parametrize(
        ("percent", "index"), [(0, 0), (10, 0), (50, 4), (90, 7), (100, 7), (-5, 0)]
    )
    def test_jump_percent(self, small: LoadedSession, percent: int, index: int) -> None:
        replay = Replay(small)
        replay.jump_percent(percent)
        assert replay.position == index

    def test_jump_percent_on_a_large_session(self) -> None:
        replay = Replay(synthetic(1000))
        for digit in range(10):
            replay.jump_percent(digit * 10)
            assert replay.position == digit * 100

    def test_seek_by_id(self, small: LoadedSession) -> None:
        replay = Replay(small)
        assert replay.seek("p6")
        assert replay.position == 5
        assert not replay.seek("no-such-post")
        assert replay.position == 5

    def test_go_clamps(self, small: LoadedSession) -> None:
        replay = Replay(small)
        replay.go(1000)
        assert replay.at_end
        replay.go(-1000)
        assert replay.at_title

    def test_a_session_without_posts(self) -> None:
        replay = Replay(synthetic(0))
        assert replay.at_title
        assert not replay.jump_percent(50)
        replay.first()
        assert replay.at_title
        replay.last()
        assert replay.at_end
        assert replay.chapter is None


class TestPerPost:
    def test_chapters(self, small: LoadedSession) -> None:
        replay = Replay(small)
        assert replay.chapter is None  # the title card belongs to no chapter
        replay.go(0)
        chapter = replay.chapter
        assert chapter is not None
        assert (chapter.number, chapter.total, chapter.chapter.title) == (1, 2, "The announcement")
        replay.go(3)
        chapter = replay.chapter
        assert chapter is not None and chapter.chapter.title == "Replies"
        assert replay.chapter_starting(2) is not None
        assert replay.chapter_starting(3) is None
        replay.go(replay.end)
        end_chapter = replay.chapter
        assert end_chapter is not None and end_chapter.number == 2

    def test_reactions_context_and_press(self, small: LoadedSession) -> None:
        replay = Replay(small)
        assert [r.kind for r in replay.reactions(1)] == ["favorite", "reply"]
        assert replay.reactions(3) == []
        assert [n.id for n in replay.context(0)] == ["budget"]
        assert [n.id for n in replay.context(2)] == ["budget"]
        assert replay.context(1) == []
        assert [n.id for n in replay.session_context] == ["town"]
        assert [p.quote[:12] for p in replay.press(1)] == ["Residents re"]
        assert [p.quote[:12] for p in replay.press(2)] == ["Residents re"]
        assert len(replay.session_press) == 1

    def test_times_and_gaps(self, small: LoadedSession) -> None:
        replay = Replay(small)

        def gap(index: int) -> str:
            return humanize_gap(replay.time(index - 1), replay.time(index), replay.zone)

        assert gap(1) == "same day"  # day precision against a minute
        assert gap(2) == "2 hours"  # 09:12 CET to the derived 11:15:30 CET
        assert gap(3) == "3 minutes"
        assert gap(7) == "gap unknown"  # p8 has no time
        derived = replay.time(2)
        assert derived is not None and derived.derived is not None
        assert replay.time(-1) is None

    def test_lookups(self, small: LoadedSession) -> None:
        replay = Replay(small)
        author = replay.author(0)
        assert author is not None and author.handle == "@RiversideLib"
        assert replay.participant(None) is None
        assert replay.post_by_id("p3") is replay.posts[2]
        assert replay.post_by_id(None) is None
        source = replay.source("gazette")
        assert source is not None and source.outlet == "Riverside Gazette"


class TestScale:
    def test_a_million_posts_step_without_walking_the_session(self) -> None:
        """Construction is linear; every step and lookup afterwards touches only what it
        needs (checked by behaviour: end, percent jumps and per-post lookups are exact)."""
        loaded = synthetic(1_000_000, chapters=10)
        replay = Replay(loaded)
        assert replay.last()
        assert replay.position == 999_999
        assert replay.visible_count == 1_000_000
        assert [n.id for n in replay.context(replay.position)] == ["n"]
        assert replay.context(0) == []
        chapter = replay.chapter
        assert chapter is not None and chapter.number == 10
        replay.jump_percent(50)
        assert replay.position == 500_000
        chapter = replay.chapter
        assert chapter is not None and chapter.number == 6
        for _ in range(1000):
            replay.prev()
        assert replay.position == 499_000


# --- a filter's view ----------------------------------------------------------------------


def test_stepping_through_a_filter_skips_hidden_posts(small: LoadedSession) -> None:
    from replay_tui.replay.filters import Filter, apply

    replay = Replay(small)
    view = apply(small, Filter(participants=frozenset({"library"})))
    assert list(view.indices) == [0, 2, 6]
    replay.filter(view)
    assert replay.label() == "title · 3 of 8 posts shown"
    assert replay.next() and replay.position == 0
    assert replay.label() == "1/3 shown (of 8)"
    assert replay.next() and replay.position == 2
    assert replay.next() and replay.position == 6
    assert replay.next() and replay.at_end
    assert replay.prev() and replay.position == 6
    assert replay.first() and replay.position == 0
    assert replay.prev() and replay.at_title
    assert replay.last() and replay.position == 6
    assert replay.jump_percent(50) and replay.position == 2
    # 10 % of three shown posts is the first of them; a jump to where it is moves nothing.
    assert replay.jump_percent(10) and replay.position == 0
    assert not replay.jump_percent(0) and replay.position == 0


def test_a_filter_moves_a_hidden_cursor_to_the_nearest_shown_post(small: LoadedSession) -> None:
    from replay_tui.replay.filters import Filter, apply

    replay = Replay(small, 4)
    assert replay.filter(apply(small, Filter(participants=frozenset({"library"}))))
    assert replay.position == 2  # the last shown post before it
    assert not replay.filter(None)
    assert replay.position == 2 and replay.label() == "3/8"
    replay.go(TITLE)
    assert not replay.filter(apply(small, Filter(participants=frozenset({"reporter"}))))
    assert replay.at_title
    assert replay.next() and replay.position == 3
