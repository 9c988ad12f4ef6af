"""The checker's pre-scans must find exactly what its precise rules find post by post.

`post_rules` decides in one pass over a block which posts can have a problem with their
rare fields (variants, media, counts, inferred links, warnings) and walks only those; the
times of a big session are read in bulk and found in order in one pass. Here every post is
also walked (the pre-scan disabled) and every time read one by one, on sessions made at
random, and the problems said must be the same, word for word and place for place.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replay_tui.format import post_rules
from replay_tui.format.check import check_session
from replay_tui.format.model import Media, Metrics, Post, Session, Source, Variant
from replay_tui.format.problems import Problem

SOURCE = st.sampled_from(["s0", "s1", "nowhere"])
MAYBE_TEXT = st.sampled_from([None, "", " ", "words"])

media = st.builds(Media, kind=st.just("photo"), description=MAYBE_TEXT, warning=MAYBE_TEXT)
metrics = st.builds(
    Metrics,
    at=st.sampled_from(["2013-10-22T14:05:00Z", "2013-10-22", "not a time"]),
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
        author="a",
        sources=("s0",),
        time=draw(
            seconds(i)
            if to_the_second
            else st.sampled_from([None, f"2013-10-22T14:{i:02d}:00Z", "2013-10-22"])
        ),
        text=draw(MAYBE_TEXT),
        status=draw(st.sampled_from(["live", "missing"])),
        reply_to=draw(st.sampled_from([None, "p0"])) if i else None,
        reply_to_inferred=draw(st.sampled_from([None, "", "no source says"])),
        variants=some(variant),
        media=some(media),
        metrics=some(metrics),
        warning=draw(MAYBE_TEXT),
        warning_by=draw(st.sampled_from(["editor", "author"])),
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
    return Session(
        format="replay-tui/1",
        id="fuzz",
        title="Fuzz",
        timezone="Asia/Jerusalem",
        sources=[
            Source(id="s0", outlet="S0", kind="news"),
            Source(id="s1", outlet="S1", kind="news"),
        ],
        participants=[],
        posts=posts,
    )


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
