"""Search and filters: what matches, where, in which order, at any scale, on hostile text."""

from __future__ import annotations

import importlib
import os
import random
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path
from typing import Any

import msgspec
import pytest

from replay_tui import filters
from replay_tui.check import check_session
from replay_tui.load import LoadedSession, load_session
from replay_tui.model import Participant, Post, Session, Source
from replay_tui.sanitize import visible
from replay_tui.search import FIELDS, Hit, SearchIndex, find_spans, fold, fold_query
from replay_tui.textparts import tag_spans, tags

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
ASKHAMAS = ROOT / "sessions" / "askhamas-2015-03.toml"
sys.path.insert(0, str(ROOT / "bench"))
synth = importlib.import_module("synth")  # bench/synth.py: synthetic sessions


def from_dict(data: dict[str, Any]) -> LoadedSession:
    loaded, problems = check_session(msgspec.convert(data, Session), "synthetic")
    assert loaded is not None, problems
    return loaded


def tiny(posts: list[dict[str, Any]], **extra: Any) -> LoadedSession:
    """A session of the given posts by participants a, b and c, all cited from s."""
    for i, post in enumerate(posts):
        post.setdefault("id", f"p{i}")
        post.setdefault("author", "a")
        post.setdefault("sources", ["s"])
    return from_dict(
        {
            "format": "replay-tui/1",
            "id": "tiny",
            "title": "tiny",
            "timezone": "UTC",
            "sources": [{"id": "s", "outlet": "Outlet", "kind": "news"}],
            "participants": [
                {"id": "a", "name": "Alice Émile", "handle": "@alice"},
                {"id": "b", "name": "בני", "handle": "@bnei"},
                {"id": "c", "name": "Carol"},
            ],
            "posts": posts,
            **extra,
        }
    )


def naive(loaded: LoadedSession, query: str) -> list[int]:
    """The definition of a match, one post at a time: any field contains the query."""
    q = fold_query(query)
    if not q:
        return []
    index = SearchIndex(loaded)
    return [i for i in range(len(loaded.session.posts)) if index.where(i, query)]


# --- folding and spans ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("hamas", "#AskHAMAS"),
        ("strasse", "Straße"),
        ("resume", "Résumé"),
        ("resume", "Re\u0301sume\u0301"),  # decomposed accents
        ("שלום", "שָׁלוֹם"),  # Hebrew points
        ("اسرائيل", "إسرائيل"),  # hamza below
        ("مرحبا", "مَرْحَبًا"),  # harakat
        ("مرحبا", "مـرحـبـا"),  # tatweel
        ("abc", "a\u200bb\u200ec"),  # zero-width space, LRM
        ("txet", "\u202etxet"),  # a bidi override is not part of the word
        ("two words", "two\nwords"),
        ("two words", "two\u00a0words"),
        ("#tag", "＃TAG"),
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),  # final sigma, tonos
    ],
)
def test_folding_matches_what_people_type(query: str, text: str) -> None:
    assert fold_query(query) in fold(text)
    assert find_spans(text, query), (query, text)


def test_folding_keeps_marks_that_change_letters_in_other_scripts() -> None:
    # Devanagari vowel signs distinguish words: कम (less) is not काम (work).
    assert fold_query("कम") not in fold("काम")


def test_spans_are_offsets_into_the_text_given() -> None:
    text = "Straße and STRASSE"
    assert find_spans(text, "strasse") == [(0, 6), (11, 18)]
    pointed = "אמר שָׁלוֹם לכולם"
    ((start, end),) = find_spans(pointed, "שלום")
    assert pointed[start:end] == "שָׁלוֹם"  # the points are inside the highlight
    assert find_spans("aaaa", "aa") == [(0, 2), (2, 4)]
    assert find_spans("anything", "") == []
    assert find_spans(None, "x") == []
    assert find_spans("x", "\u200b") == []  # a query of ignored characters matches nothing


def test_spans_fit_the_displayed_text_of_hostile_posts() -> None:
    loaded = load_session(DATA / "hostile.toml")
    for post in loaded.session.posts:
        shown = visible(post.text or "")
        for start, end in find_spans(shown, "שלום עולם"):
            assert fold(shown[start:end]) == fold("שלום עולם")
        for start, end in find_spans(shown, "[@click=app.quit]"):
            assert shown[start:end] == "[@click=app.quit]"


# --- searching a session ----------------------------------------------------------------------


def test_search_finds_text_authors_handles_notes_context_and_press() -> None:
    loaded = load_session(ASKHAMAS)
    index = SearchIndex(loaded)
    ids = [p.id for p in loaded.session.posts]

    def found(query: str) -> list[str]:
        return [ids[i] for i in index.search(query).run()]

    assert found("sneezes") == ["ukmediawatch-1"]  # post text
    assert found("uk media watch") == ["ukmediawatch-1"]  # author name
    assert found("@JEFFREYGOLDBERG") == ["goldberg-1"]  # handle, any case
    assert "rosenberg-1" in found("names this tweet")  # the curator's notes on a post
    # A press excerpt listed for rosenberg-1 and hamas-reply-1:
    assert found("mostly silent, it did reply") == ["rosenberg-1", "hamas-reply-1"]
    assert found("no such phrase anywhere") == []
    assert index.where(ids.index("ukmediawatch-1"), "UK Media") == ("author",)
    assert "press" in index.where(ids.index("rosenberg-1"), "mostly silent, it did reply")


def test_a_match_never_spans_two_fields_or_two_posts() -> None:
    loaded = tiny([{"text": "ends with alpha"}, {"text": "beta starts"}])
    index = SearchIndex(loaded)
    assert index.search("alpha beta").run().tolist() == []
    assert index.search("alpha alice").run().tolist() == []  # text end + author name


def test_next_and_prev_wrap_and_say_so() -> None:
    loaded = tiny([{"text": t} for t in ["x", "needle", "x", "x", "NEEDLE", "x"]])
    search = SearchIndex(loaded).search("needle")
    assert search.next_match(-1) == Hit(1, False)
    assert search.next_match(1) == Hit(4, False)
    assert search.next_match(4) == Hit(1, True)
    assert search.next_match(5) == Hit(1, True)
    assert search.prev_match(4) == Hit(1, False)
    assert search.prev_match(1) == Hit(4, True)
    assert search.prev_match(6) == Hit(4, False)  # from the end card
    assert search.ordinal(4) is None  # not counted yet
    search.run()
    assert search.count == 2 and search.ordinal(4) == 2 and search.ordinal(3) is None
    # The same answers from the finished list:
    assert search.next_match(4) == Hit(1, True)
    assert search.prev_match(1) == Hit(4, True)
    assert search.next_match(-1) == Hit(1, False)


def test_the_only_match_wraps_onto_itself_and_no_match_is_none() -> None:
    loaded = tiny([{"text": "x"}, {"text": "only"}, {"text": "x"}])
    search = SearchIndex(loaded).search("only")
    assert search.next_match(1) == Hit(1, True)
    assert SearchIndex(loaded).search("absent").next_match(0) is None
    blank = SearchIndex(loaded).search("   \u200b"[3:])
    assert blank.empty and blank.next_match(0) is None and blank.run().tolist() == []


def test_an_empty_session() -> None:
    index = SearchIndex(tiny([]))
    search = index.search("anything")
    assert search.next_match(-1) is None and search.prev_match(0) is None
    assert search.run().tolist() == [] and index.tags() == []


def test_separator_characters_inside_post_text_do_not_confuse_the_index() -> None:
    loaded = tiny(
        [
            {"text": "before \x00 needle"},
            {"text": "x\x02y\x01z"},
            {"text": "needle after"},
        ]
    )
    index = SearchIndex(loaded, block_size=2)
    assert index.search("needle").run().tolist() == [0, 2]
    assert index.search("x y").run().tolist() == []


@pytest.mark.parametrize("block_size", [1, 3, 7, 64, 4096])
def test_every_answer_agrees_with_the_naive_definition(block_size: int) -> None:
    loaded = from_dict(synth.session(400, seed=7))
    index = SearchIndex(loaded, block_size=block_size)
    rng = random.Random(block_size)
    words = ["hospital", "#asksynthetic", "participant 1", "@user3", "synthetic excerpt", "qq"]
    count = len(loaded.session.posts)
    for query in words:
        expected = naive(loaded, query)
        search = index.search(query)
        # Listed a chunk at a time:
        progress = list(search.steps(budget=50))
        assert progress[-1] == (count, count)
        assert search.matches.tolist() == expected, query
        fresh = index.search(query)  # before any listing: the direct path
        for after in [-1, 0, count - 1, count, *rng.sample(range(count), 20)]:
            following = [i for i in expected if i > after]
            want = (
                Hit(following[0], False)
                if following
                else (Hit(expected[0], True) if expected else None)
            )
            assert fresh.next_match(after) == want, (query, after)
            assert search.next_match(after) == want, (query, after)
            before = after
            earlier = [i for i in expected if i < before]
            want = (
                Hit(earlier[-1], False)
                if earlier
                else (Hit(expected[-1], True) if expected else None)
            )
            assert fresh.prev_match(before) == want, (query, before)
            assert search.prev_match(before) == want, (query, before)


def test_building_in_steps_reports_progress_and_is_idempotent() -> None:
    loaded = from_dict(synth.session(100))
    index = SearchIndex(loaded, block_size=30)
    assert not index.built
    assert list(index.build_steps()) == [(30, 100), (60, 100), (90, 100), (100, 100)]
    assert index.built and list(index.build_steps()) == []


# --- the hostile fixture ----------------------------------------------------------------------


def test_search_on_the_hostile_fixture() -> None:
    loaded = load_session(DATA / "hostile.toml")
    index = SearchIndex(loaded)
    posts = loaded.session.posts
    everything = list(range(len(posts)))
    assert index.search("[@click=app.quit]").run().tolist() == [0]  # not in post ids
    assert index.search("שלום עולם").run().tolist() == everything
    assert index.search("مرحبا بالعالم").run().tolist() == everything
    assert index.search("txet desrever").run().tolist() == [0, 2]  # through the override
    assert index.search("\x1b[2J clear").run().tolist() == [0]  # escape, literally
    assert index.search("ends in a backslash \\").run().tolist() == [0, 2]
    assert index.search("END-OF-LONG").run().tolist() == [0, 1]  # h1's context, h2's text
    assert index.search("Variant [@click").run().tolist() == [0]
    assert "variant" in index.where(0, "Variant [@click")
    assert index.search("Press [@click").run().tolist() == [0]
    assert index.search("Context [@click").run().tolist() == [0]
    assert index.search("@handle").run().tolist() == [0]
    assert index.search("👩‍👩‍👧").run().tolist() == everything
    assert index.search("漢字テスト").next_match(2) == Hit(0, True)
    assert index.search("a [/] b [bold").run().tolist() == [0]  # author name and text


def test_filters_on_the_hostile_fixture() -> None:
    loaded = load_session(DATA / "hostile.toml")
    index = SearchIndex(loaded)
    view = filters.apply(loaded, filters.Filter(frozenset({"a [/] b [bold"})), index)
    assert view.indices.tolist() == [0]
    view = filters.apply(loaded, filters.Filter(frozenset({"plain"})), index)
    assert view.indices.tolist() == [1, 2]
    assert view.label(2) == "2/2 shown (of 3)"
    assert view.label(0) == "–/2 shown (of 3)"
    # The hostile strings hold no hashtag, but tag listing must not trip over them.
    assert all(t.tag for t in index.tags())


# --- tags and filters -------------------------------------------------------------------------


def test_tags_pattern_reads_every_script() -> None:
    text = "#AskHamas #भारत #שָׁלוֹם #مَرحبا a#b x@y.org ## @user_1, ＃全角 שָׁ#no"
    assert tags(text) == ["#AskHamas", "#भारत", "#שָׁלוֹם", "#مَرحبا", "@user_1", "＃全角"]
    assert tag_spans("hi #x!") == [(3, 5, True)]


def test_tag_index_lists_and_filters_by_exact_tag() -> None:
    loaded = tiny(
        [
            {"text": "#AskHamas first"},
            {"text": "no tag, but #askhamasx is another", "author": "b"},
            {"text": "＃ASKHAMAS again @alice", "author": "b"},
            {"text": "plain", "notes": "#AskHamas in a note is not a tag of the post"},
            {"text": "#שָׁלוֹם", "variants": [{"source": "s", "text": "#AskHamas variant"}]},
        ]
    )
    index = SearchIndex(loaded, block_size=2)
    listed = {t.tag: t.count for t in index.tags()}
    assert listed == {"#AskHamas": 3, "#askhamasx": 1, "@alice": 1, "#שָׁלוֹם": 1}
    assert [t.tag for t in index.tags(mentions=False)] == ["#AskHamas", "#askhamasx", "#שָׁלוֹם"]
    assert index.posts_with_tag("#askhamas").tolist() == [0, 2, 4]
    assert index.posts_with_tag("#שלום").tolist() == [4]  # points ignored
    assert index.posts_with_tag("#nothing").tolist() == []
    view = filters.apply(loaded, filters.Filter(frozenset({"b"}), "#AskHamas"), index)
    assert view.indices.tolist() == [2]
    assert filters.same_tag("#AskHamas", "＃askhamas")


def test_filtered_view_maps_positions_both_ways() -> None:
    loaded = tiny([{"author": "abc"[i % 3], "text": str(i)} for i in range(10)])
    view = filters.apply(loaded, filters.Filter(frozenset({"b"})))
    assert view.indices.tolist() == [1, 4, 7]
    assert view.post_at(1) == 4 and view.position_of(4) == 1 and view.position_of(5) is None
    assert view.next_after(4) == 7 and view.next_after(7) is None and view.next_after(-1) == 1
    assert view.prev_before(4) == 1 and view.prev_before(1) is None
    assert view.nearest(5) == 4 and view.nearest(0) == 1 and view.nearest(7) == 7
    assert view.shown_up_to(5) == 2 and 4 in view and 5 not in view
    everything = filters.apply(loaded, filters.Filter())
    assert len(everything) == 10 and not everything.filter.active
    assert filters.Filter(frozenset({"a", "b"}), "#x").describe(loaded) == "Alice Émile, בני · #x"


# --- scale ------------------------------------------------------------------------------------


def _big(n: int) -> LoadedSession:
    """A million-post session built directly (the checker is tested elsewhere)."""
    people = [Participant(id=f"u{k}", name=f"Person {k}", handle=f"@p{k}") for k in range(50)]
    posts = [
        Post(id=f"p{i}", author=f"u{i % 50}", sources=["s"], text=f"filler {i % 97} words")
        for i in range(n)
    ]
    for i in range(7, n, 100_003):
        posts[i] = Post(id=f"p{i}", author="u1", sources=["s"], text="a NEEDLE-Ünïcode here")
    posts[n - 2] = Post(id=f"p{n - 2}", author="u2", sources=["s"], text="שָׁלוֹם at the end")
    session = Session(
        format="replay-tui/1",
        id="big",
        title="big",
        timezone="UTC",
        sources=[Source(id="s", outlet="o", kind="news")],
        participants=people,
        posts=posts,
    )
    return LoadedSession(
        session=session,
        file="big",
        zone=UTC,
        times=[None] * n,
        post_index={p.id: i for i, p in enumerate(posts)},
        participants={p.id: p for p in people},
        sources={"s": session.sources[0]},
        chapter_starts=[],
    )


def test_a_million_posts() -> None:
    n = 1_000_000
    loaded = _big(n)
    index = SearchIndex(loaded)
    started = time.perf_counter()
    index.build()
    built = time.perf_counter()
    search = index.search("needle-unicode")
    first = search.next_match(n // 2)
    found = time.perf_counter()
    expected = list(range(7, n, 100_003))
    following = next(i for i in expected if i > n // 2)
    assert first == Hit(following, False)
    assert search.prev_match(8) == Hit(7, False)
    assert search.next_match(expected[-1]) == Hit(7, True)
    assert search.run().tolist() == expected
    assert index.search("שלום").run().tolist() == [n - 2]
    missing = index.search("not in any post")
    scanning = time.perf_counter()
    assert missing.next_match(0) is None
    nothing = time.perf_counter()
    wanted = {"u3", *(f"u{k}" for k in range(30, 40))}  # "Person 3", "Person 30".."39"
    by_them = [i for i, p in enumerate(loaded.session.posts) if p.author in wanted]
    assert index.search("person 3").run().tolist() == by_them
    print(
        f"\n1,000,000 posts: index built in {built - started:.2f} s; first match "
        f"{(found - built) * 1000:.2f} ms; a query that matches nothing scans everything in "
        f"{(nothing - scanning) * 1000:.0f} ms"
    )


# --- the core stays free of Textual -----------------------------------------------------------


def test_core_modules_import_no_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from replay_tui import search, filters, textparts, playback, thread, activity\n"
        "from replay_tui import state, zones\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_fields_are_named() -> None:
    assert set(FIELDS) >= {"text", "variant", "author", "handle", "notes", "context", "press"}
