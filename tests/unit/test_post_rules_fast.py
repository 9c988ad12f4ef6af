"""The checker's pre-scans must find exactly what its precise rules find post by post.

`post_rules` decides in one pass over a block which posts can have a problem with their
rare fields (variants, media, counts, inferred links, warnings) and walks only those; the
times of a big session are read in bulk and found in order in one pass. Here every post is
also walked (the pre-scan disabled) and every time read one by one, on sessions made at
random, and the problems said must be the same, word for word and place for place.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replay_tui.format import post_rules
from replay_tui.format.check import check_session
from replay_tui.format.model import (
    Chapter,
    Media,
    Metrics,
    Participant,
    Post,
    Session,
    Source,
    Variant,
)
from replay_tui.format.problems import Problem

SOURCE = st.sampled_from(["s0", "s1", "nowhere"])
MAYBE_TEXT = st.sampled_from([None, "", " ", "words"])

media = st.builds(Media, kind=st.just("photo"), description=MAYBE_TEXT, warning=MAYBE_TEXT)
metrics = st.builds(
    Metrics,
    # After, on the day of, and before the posts (`counts-before-post`), at every precision:
    at=st.sampled_from(
        [
            "2013-10-22T14:05:00Z",
            "2013-10-22",
            "2013-10-21",
            "2013-10-22T13:00",
            "2012",
            "not a time",
        ]
    ),
    source=SOURCE,
    likes=st.sampled_from([None, 3]),
)
variant = st.builds(Variant, source=SOURCE, text=st.just("another wording"))


def seconds(i: int) -> st.SearchStrategy[str]:
    """Times to the second, in order but for the one written an hour earlier."""
    return st.sampled_from(
        [f"2013-10-22T14:{i:02d}:00Z", "2013-10-22T14:00:00+03:00", f"2013-10-22T17:{i:02d}:00"]
    )


@st.composite
def post(draw: st.DrawFn, i: int, to_the_second: bool) -> Post:
    def some(what: st.SearchStrategy[Any]) -> Any:
        items = draw(st.lists(what, max_size=2))
        # A session built in Python may hold lists where a decoded one holds tuples.
        return items if draw(st.booleans()) else tuple(items)

    return Post(
        id=f"p{i}",
        author=draw(st.sampled_from(["a", "a", "ghost"])),
        sources=tuple(draw(st.lists(SOURCE, max_size=2))),
        time=draw(
            seconds(i)
            if to_the_second
            else st.sampled_from([None, f"2013-10-22T14:{i:02d}:00Z", "2013-10-22"])
        ),
        text=draw(MAYBE_TEXT),
        status=draw(st.sampled_from(["live", "missing"])),
        # To a post before, after (maybe past the last), or to none at all:
        reply_to=draw(st.sampled_from([None, "p0", f"p{i + 1}", "gone"])),
        quotes=draw(st.sampled_from([None, None, "p1", "gone"])),
        reply_to_inferred=draw(st.sampled_from([None, "", "no source says"])),
        variants=some(variant),
        media=some(media),
        metrics=some(metrics),
        warning=draw(MAYBE_TEXT),
        warning_by=draw(st.sampled_from(["editor", "author"])),
    )


def made(posts: list[Post], chapters: list[Chapter]) -> Session:
    """A session of `posts` and `chapters`, by participant `a`, citing `s0` or `s1`."""
    return Session(
        format="replay-tui/1",
        id="fuzz",
        title="Fuzz",
        timezone="Asia/Jerusalem",
        chapters=chapters,
        sources=[
            Source(id="s0", outlet="S0", kind="news"),
            Source(id="s1", outlet="S1", kind="news"),
        ],
        participants=[Participant(id="a", name="A")],
        posts=posts,
    )


@st.composite
def session(draw: st.DrawFn) -> Session:
    count = draw(st.integers(min_value=1, max_value=12))
    to_the_second = draw(st.booleans())
    posts = [draw(post(i, to_the_second)) for i in range(count)]
    # Most posts in a big session have none of the rare fields.
    plain = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    posts = [
        Post(id=p.id, author="a", sources=("s0",), time=p.time, text="t") if keep else p
        for p, keep in zip(posts, plain, strict=True)
    ]
    if count > 2 and draw(st.booleans()):  # an id used twice: chapters start at the first
        first = draw(st.integers(0, count - 2))
        twice = draw(st.integers(first + 1, count - 1))
        posts[twice] = msgspec.structs.replace(posts[twice], id=posts[first].id)
    starts = st.sampled_from([*(p.id for p in posts), "gone"])
    chapters = [Chapter(title=f"c{k}", start=draw(starts)) for k in range(draw(st.integers(0, 3)))]
    return made(posts, chapters)


def said(problems: list[Problem]) -> list[tuple[str, str, str, str]]:
    return [(p.severity, p.code, p.message, p.path) for p in problems]


class _Never(tuple):  # type: ignore[type-arg]
    """Equal to nothing: with it as the posts' defaults, every post is walked."""

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = tuple.__hash__


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session(), st.sampled_from([1, 3, 8192]))
def test_the_pre_scans_find_what_walking_every_post_finds(s: Session, block: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(post_rules, "BLOCK", block)
        fast_loaded, fast = check_session(s, "f.json")
        patch.setattr(post_rules, "_NO_PARTS", _Never())
        patch.setattr("replay_tui.format.timeline.parse_seconds", lambda texts, tz: None)
        slow_loaded, slow = check_session(s, "f.json")
    assert said(fast) == said(slow)
    assert (fast_loaded is None) == (slow_loaded is None)
    if fast_loaded is not None and slow_loaded is not None:
        assert fast_loaded.times == slow_loaded.times
        assert fast_loaded.chapter_starts == slow_loaded.chapter_starts


def test_the_defaults_compared_are_the_models() -> None:
    """A post that leaves every rare field out is not walked; one that sets any is."""
    plain = msgspec.json.decode(b'{"id": "p", "author": "a", "sources": ["s"]}', type=Post)
    assert post_rules._PARTS(plain) == post_rules._NO_PARTS
    for field, value in [
        ("variants", [{"source": "s", "text": "t"}]),
        ("media", [{"kind": "photo"}]),
        ("metrics", [{"at": "2013", "source": "s"}]),
        ("reply_to_inferred", "why"),
        ("warning", ""),
        ("warning_by", "author"),
    ]:
        some = msgspec.convert({"id": "p", "author": "a", "sources": ["s"], field: value}, Post)
        assert post_rules._PARTS(some) != post_rules._NO_PARTS, field


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session(), st.sampled_from([1, 2, 8192]))
def test_every_broken_reference_is_said_where_it_is(s: Session, block: int) -> None:
    """What the one-pass verdicts let through is checked against the rules spelled out
    post by post: every reference to nothing, every post without a source, and where
    each chapter starts."""
    ids = {p.id for p in s.posts}
    expected = []
    for i, p in enumerate(s.posts):
        if p.author != "a":
            expected.append(("dangling-reference", f"posts[{i}].author"))
        expected += [
            ("dangling-reference", f"posts[{i}].sources[{j}]")
            for j, source in enumerate(p.sources)
            if source not in ("s0", "s1")
        ]
        if not p.sources:
            expected.append(("no-source", f"posts[{i}].sources"))
        for name in ("reply_to", "quotes"):
            target = getattr(p, name)
            if target is not None and target not in ids:
                expected.append(("dangling-reference", f"posts[{i}].{name}"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(post_rules, "BLOCK", block)
        loaded, problems = check_session(s, "f.json")
    found = [
        (p.code, p.path)
        for p in problems
        if re.fullmatch(r"posts\[\d+\]\.(author|sources(\[\d+\])?|reply_to|quotes)", p.path)
    ]
    assert sorted(found) == sorted(expected)
    starts = [
        (c.start, [p.id for p in s.posts].index(c.start)) for c in s.chapters if c.start in ids
    ]
    chapters = [f"chapters[{k}].start" for k, c in enumerate(s.chapters) if c.start not in ids]
    assert [
        p.path
        for p in problems
        if p.path.startswith("chapters[") and p.code == "dangling-reference"
    ] == chapters
    order, last = [], -1
    for k, (_, at) in enumerate(starts):
        if at < last:
            order.append(k)
        last = max(last, at)
    listed = [k for k, c in enumerate(s.chapters) if c.start in ids]
    assert [p.path for p in problems if p.code == "chapter-order"] == [
        f"chapters[{listed[k]}].start" for k in order
    ]
    if loaded is not None:
        assert sorted(at for at, _ in loaded.chapter_starts) == sorted(at for _, at in starts)


@pytest.mark.parametrize("block", [1, 2, 8192])
def test_a_chapter_starts_at_the_first_post_of_an_id_used_twice(block: int) -> None:
    posts = [Post(id=i, author="a", sources=("s0",), text="t") for i in ["x", "m", "x", "z"]]
    chapters = [Chapter(title=t, start=at) for t, at in [("A", "x"), ("B", "m"), ("C", "gone")]]
    s = made(posts, chapters)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(post_rules, "BLOCK", block)
        _, problems = check_session(s, "f.json")
    assert [(p.code, p.path) for p in problems] == [
        ("duplicate-id", "posts[2].id"),
        ("dangling-reference", "chapters[2].start"),
        ("unused-source", "sources[1]"),
    ]
