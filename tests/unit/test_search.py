"""Search and filters: what matches, where, in which order, at any scale, on hostile text."""

from __future__ import annotations

import importlib
import random
import sys
import time
from array import array
from datetime import UTC
from pathlib import Path
from typing import Any

import msgspec
import pytest

from replay_tui.format.check import check_session
from replay_tui.format.model import Participant, Post, Session, Source
from replay_tui.format.read import LoadedSession, load_session
from replay_tui.replay import filters
from replay_tui.replay.folding import find_spans, fold, fold_query
from replay_tui.replay.search import FIELDS, Hit, Search, SearchIndex
from replay_tui.replay.tags import tag_key
from replay_tui.words.sanitize import visible
from replay_tui.words.textparts import tag_spans, tags

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


def test_fields_are_named() -> None:
    assert set(FIELDS) >= {"text", "variant", "author", "handle", "notes", "context", "press"}


# --- from the cursor, before the index is built -------------------------------------------------


def scanned(search: Search, after: int, direction: int = 1, **kw: Any) -> Hit | None:
    """Where `Search.scan` ends: its hit, or None."""
    hit: Hit | None = None
    for hit in search.scan(after, direction, **kw):
        if hit is not None:
            break
    return hit


def assert_scans_agree(loaded: LoadedSession, queries: list[str], block_size: int) -> None:
    """For every query and cursor: the block-at-a-time scan from the cursor, on an index
    with nothing folded, gives what the whole index's listed matches give (and the naive
    definition)."""
    count = len(loaded.session.posts)
    full = SearchIndex(loaded, block_size=block_size)
    full.build()
    cursors = sorted({-1, 0, 1, count // 2, count - 1, count, *range(-1, count + 1, 7)})
    for query in queries:
        listed = full.search(query)
        listed.run()
        assert listed.done
        assert listed.matches.tolist() == naive(loaded, query), query
        for after in cursors:
            fresh = SearchIndex(loaded, block_size=block_size).search(query)
            assert scanned(fresh, after) == listed.next_match(after), (query, after)
            fresh = SearchIndex(loaded, block_size=block_size).search(query)
            assert scanned(fresh, after, -1) == listed.prev_match(after), (query, after)


@pytest.mark.parametrize("block_size", [1, 3, 64, 4096])
def test_the_scan_from_the_cursor_agrees_with_the_index(block_size: int) -> None:
    loaded = from_dict(synth.session(300, seed=11))
    queries = ["hospital", "#asksynthetic", "participant 1", "@user3", "synthetic excerpt"]
    assert_scans_agree(loaded, [*queries, "qq", "not in any post"], block_size)


@pytest.mark.parametrize("block_size", [1, 2, 4096])
def test_the_scan_agrees_on_the_hostile_fixture(block_size: int) -> None:
    loaded = load_session(DATA / "hostile.toml")
    queries = [
        "שלום עולם",
        "مرحبا بالعالم",
        "txet desrever",
        "[@click=app.quit]",
        "\x1b[2J clear",
        "ends in a backslash \\",
        "END-OF-LONG",
        "Variant [@click",
        "Press [@click",
        "Context [@click",
        "👩‍👩‍👧",
        "漢字テスト",
        "a [/] b [bold",
        "no such phrase",
    ]
    assert_scans_agree(loaded, queries, block_size)


def test_the_scan_wraps_reads_every_script_and_finds_nothing_when_nothing_matches() -> None:
    loaded = tiny(
        [
            {"text": "שָׁלוֹם לכולם"},
            {"text": "x", "author": "b"},  # בני: matched by its author's name
            {"text": "مَرْحَبًا يا"},
            {"text": "Résumé"},
            {"text": "x"},
            {"text": "before \x00 needle \x02 with separators"},
        ]
    )
    assert_scans_agree(loaded, ["שלום", "בני", "مرحبا", "RESUME", "needle", "zebra"], 2)
    search = SearchIndex(loaded, block_size=2).search("שלום")
    assert scanned(search, 0) == Hit(0, True)  # the only match, from itself: round again
    assert scanned(search, 3, -1) == Hit(0, False)
    assert scanned(SearchIndex(loaded).search("zebra"), 2) is None
    assert scanned(SearchIndex(loaded).search("\u200b"), 2) is None  # nothing to look for
    assert scanned(SearchIndex(tiny([])).search("x"), -1) is None


def test_the_scan_folds_only_the_blocks_between_the_cursor_and_the_match() -> None:
    loaded = tiny([{"text": "needle" if i == 230 else f"post {i}"} for i in range(400)])
    index = SearchIndex(loaded, block_size=10)
    steps = list(index.search("needle").scan(199))
    assert steps == [None, None, None, Hit(230, False)]  # blocks 20-22 in vain, then 23
    assert [b for b in range(index.blocks) if index.has_block(b)] == [20, 21, 22, 23]
    assert not index.built
    # The background build folds the rest, from the cursor on, and skips what is folded.
    built = list(index.build_steps(230))
    assert len(built) == 36 and built[0] == (50, 400) and built[-1] == (400, 400)
    assert index.built
    assert [b for b in range(index.blocks) if index.has_block(b)] == list(range(40))


def test_the_scan_keeps_to_the_posts_it_is_told_to() -> None:
    loaded = from_dict(synth.session(300, seed=5))
    index = SearchIndex(loaded, block_size=16)
    search = index.search("hospital")
    expected = naive(loaded, "hospital")
    odd = [i for i in expected if i % 2]
    for after in range(-1, 301, 13):
        following = [i for i in odd if i > after]
        want = Hit(following[0], False) if following else Hit(odd[0], True)
        assert scanned(search, after, accept=lambda i: i % 2 == 1) == want
        earlier = [i for i in odd if i < after]
        want = Hit(earlier[-1], False) if earlier else Hit(odd[-1], True)
        assert scanned(search, after, -1, accept=lambda i: i % 2 == 1) == want
    assert scanned(search, 10, accept=lambda i: False) is None


# --- one tag near the cursor, before the tag index is built -------------------------------------


TAGGED = [
    {"text": "#AskHamas first"},
    {"text": "no tag, but #askhamasx is another", "author": "b"},
    {"text": "＃ASKHAMAS again @alice", "author": "b"},
    {"text": "plain", "notes": "#AskHamas in a note is not a tag of the post"},
    {"text": "#שָׁלוֹם", "variants": [{"source": "s", "text": "#AskHamas variant"}]},
    {"text": "a#AskHamas is not a tag, nor is x@alice.org"},
    {"text": "#ask\u200bhamas with a zero-width space, #AskHamas\x01 then SOH"},
    {"text": "before \x00 #askhamas after a NUL", "author": "c"},
    {"text": "#مَرحبا and #भारत and #AskHamas_2"},
]


def assert_tags_agree(loaded: LoadedSession, block_size: int, extra: list[str]) -> None:
    """Every tag (and some that are not), from any cursor: the tag scans on an index with
    nothing folded give what the full tag index gives."""
    count = len(loaded.session.posts)
    full = SearchIndex(loaded, block_size=block_size)
    tags = [t.tag for t in full.tags()]
    assert full.tags_built
    for tag in [*tags, *extra]:
        expected = full.posts_with_tag(tag).tolist()
        fresh = SearchIndex(loaded, block_size=block_size)
        assert not fresh.tags_built
        assert fresh.posts_with_tag(tag).tolist() == expected, tag  # scanned, not indexed
        assert not fresh.tags_built
        key = tag_key(tag)
        for lo in range(-1, count + 1, max(1, count // 40)):
            fresh = SearchIndex(loaded, block_size=block_size)
            after = [i for i in expected if i >= lo]
            before = [i for i in expected if i < lo]
            assert fresh.first_tagged(key, lo, count) == (after[0] if after else -1), (tag, lo)
            assert fresh.last_tagged(key, 0, lo) == (before[-1] if before else -1), (tag, lo)
            assert fresh.tagged_in(key, lo, lo + 17).tolist() == [
                i for i in expected if lo <= i < lo + 17
            ]
            assert list(fresh.posts_with(key, lo - 40, lo, forward=False, tag=True)) == [
                i for i in reversed(expected) if lo - 40 <= i < lo
            ]


@pytest.mark.parametrize("block_size", [1, 2, 4096])
def test_the_tag_scan_agrees_with_the_tag_index(block_size: int) -> None:
    loaded = tiny([dict(post) for post in TAGGED])
    assert_tags_agree(loaded, block_size, ["#askhamas", "＃askhamas", "#ask", "askhamas", "#"])
    index = SearchIndex(loaded, block_size=block_size)
    # Not in a name or a note, not inside a word, not a prefix; points and case ignored.
    assert index.posts_with_tag("#AskHamas").tolist() == [0, 2, 4, 6, 7]
    assert index.posts_with_tag("#שלום").tolist() == [4]
    assert index.posts_with_tag("#askhamas_2").tolist() == [8]


def test_the_tag_scan_agrees_on_synthetic_and_hostile_sessions() -> None:
    assert_tags_agree(from_dict(synth.session(300, seed=3)), 16, ["#nothing", "@nobody"])
    assert_tags_agree(load_session(DATA / "hostile.toml"), 1, ["#tag", "#click"])


def test_a_pending_view_gives_the_answers_of_the_full_one() -> None:
    loaded = from_dict(synth.session(600, seed=9))
    people = frozenset({"u1", "u2", "u3"})
    for chosen in (
        filters.Filter(tag="#AskSynthetic"),
        filters.Filter(people, "#AskSynthetic"),
        filters.Filter(tag="@user3"),
        filters.Filter(tag="#absent"),
    ):
        full = filters.apply(loaded, chosen, SearchIndex(loaded, block_size=32))
        for block_size in (1, 32, 4096):
            pending = filters.PendingView(
                loaded, chosen, SearchIndex(loaded, block_size=block_size)
            )
            assert not pending.complete and full.complete
            for i in range(-1, 602):
                assert (i in pending) == (i in full), (chosen, i)
                assert pending.next_after(i) == full.next_after(i), (chosen, i)
                assert pending.prev_before(i) == full.prev_before(i), (chosen, i)
            for i in range(0, 600, 7):
                fresh = filters.PendingView(
                    loaded, chosen, SearchIndex(loaded, block_size=block_size)
                )
                steps = list(fresh.nearest_steps(i))
                assert (steps[-1] if steps else None) == full.nearest(i), (chosen, i)
                assert fresh.nearest(i) == full.nearest(i)  # remembered
                # The window for the timeline: the last shown posts up to i, from the
                # folded blocks only.
                window = fresh.window(i, limit=50).tolist()
                upto = full.indices[: full.shown_up_to(i)].tolist()
                assert upto[len(upto) - len(window) :] == window
                assert len(window) == min(50, len(upto)) or not fresh.index.built
        pending.index.build()
        for i in range(-1, 601, 5):
            count = pending.shown_up_to(i)
            assert pending.indices.tolist() == full.indices[: full.shown_up_to(i)].tolist()[-400:]
            assert count == len(pending.indices)
        assert pending.label(3) == "counting… (of 600)"
        steps_view = list(
            filters.tag_view_steps(loaded, chosen, SearchIndex(loaded, block_size=32))
        )
        assert steps_view[:-1] == [None] * 19
        last = steps_view[-1]
        assert last is not None and last.indices.tolist() == full.indices.tolist()


def test_a_typed_hashtag() -> None:
    assert filters.typed_tag("  AskHamas ") == "#AskHamas"
    assert filters.typed_tag("#AskHamas") == "#AskHamas"
    assert filters.typed_tag("＃全角") == "＃全角"
    assert filters.typed_tag("@idf") == "@idf"
    assert filters.typed_tag("שָׁלוֹם") == "#שָׁלוֹם"
    for wrong in ("", "  ", "#", "two words", "#a,b", "##x", "[@click=app.quit]"):
        assert filters.typed_tag(wrong) is None, wrong


def test_a_million_posts_from_the_cursor() -> None:
    """Correctness at scale: the first match and the first tagged post after the cursor,
    found before (and without) the whole index, are those of the whole index."""
    n = 1_000_000
    loaded = _big(n)
    posts = loaded.session.posts
    tagged = [*range(11, n, 123_457), n - 1]
    for i in tagged:
        posts[i] = Post(id=f"p{i}", author=f"u{i % 50}", sources=["s"], text="so #Rare\u0301 a tag")
    expected = list(range(7, n, 100_003))
    index = SearchIndex(loaded)
    search = index.search("needle-unicode")
    assert scanned(search, n // 2) == Hit(next(i for i in expected if i > n // 2), False)
    assert sum(index.has_block(b) for b in range(index.blocks)) <= 3
    key = tag_key("#rare")
    assert index.first_tagged(key, n // 2, n) == next(i for i in tagged if i >= n // 2)
    assert not index.built
    cursors = [-1, 0, 7, 8, n // 3, expected[-1], n - 2, n - 1, n]
    hits = [(scanned(search, c), scanned(search, c, -1)) for c in cursors]
    firsts = [index.first_tagged(key, c, n) for c in cursors]
    index.build()
    listed = index.search("needle-unicode")
    assert listed.run().tolist() == expected
    assert hits == [(listed.next_match(c), listed.prev_match(c)) for c in cursors]
    assert index.posts_with_tag("#RARE").tolist() == tagged  # scanned: no tag index yet
    assert firsts == [next((i for i in tagged if i >= c), -1) for c in cursors]
    view = filters.FilteredView(array("i", tagged), n, filters.Filter(tag="#rare"))
    pending = filters.PendingView(loaded, filters.Filter(tag="#rare"), SearchIndex(loaded))
    for c in cursors:
        assert pending.nearest(c) == view.nearest(c)
        assert pending.next_after(c) == view.next_after(c)
    assert scanned(index.search("not in any post"), n // 2) is None


def test_two_threads_fold_and_list_the_same_search_without_losing_a_match() -> None:
    """A worker builds the index and lists matches while another thread scans and lists:
    every block is folded once, every match listed once."""
    import threading

    loaded = from_dict(synth.session(3000, seed=4))
    expected = naive(loaded, "hospital")

    def build_and_list(index: SearchIndex, search: Search) -> None:
        for _ in index.build_steps(1500):
            pass
        for _ in search.steps(3):
            pass

    def list_all(search: Search) -> None:
        for _ in search.steps(5):
            pass

    cursors = range(0, 3000, 150)
    for _ in range(5):
        index = SearchIndex(loaded, block_size=7)
        search = index.search("hospital")
        builder = threading.Thread(target=build_and_list, args=(index, search))
        builder.start()
        hits = [scanned(search, after) for after in cursors]
        lister = threading.Thread(target=list_all, args=(search,))
        lister.start()
        search.run()
        builder.join()
        lister.join()
        assert index.built
        assert search.matches.tolist() == expected
        assert hits == [search.next_match(after) for after in cursors]


def test_post_counts_a_slice_at_a_time_from_two_counters_in_turn() -> None:
    """The filter dialog's posts per participant: counted a slice at a time, by whichever
    worker asks (in turn), each post once, ranked busiest first, ties in session order."""
    from collections import Counter

    from replay_tui.replay.people import PostCounts

    loaded = from_dict(synth.session(1000, 7))
    expected = Counter(post.author for post in loaded.session.posts)
    counts = PostCounts(loaded)
    first, second = counts.steps(size=64), counts.steps(size=100)
    assert next(first) == 64 and next(second) == 164 and counts.ranked is None
    assert list(first)[-1] == 1000
    assert list(second) == []  # nothing left: the other counted it
    ranked = counts.ranked
    assert ranked is not None and ranked == counts.rank()
    assert {p.id: n for p, n in ranked} == {
        p.id: expected.get(p.id, 0) for p in loaded.session.participants
    }
    order = [p.id for p in loaded.session.participants]
    assert ranked == sorted(ranked, key=lambda pn: (-pn[1], order.index(pn[0].id)))
    # A session that fits in one slice is ranked with it, before any pause.
    small = PostCounts(tiny([{"text": "one"}]))
    assert next(small.steps()) == 1 and small.ranked is not None
