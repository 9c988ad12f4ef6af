"""The Builder every format feeds: one post per platform id, order, placeholders, reposts,
and only what is cited, whatever order the records come in."""

from __future__ import annotations

from pathlib import Path

from replay_tui.format.check import check_session
from replay_tui.imports import ImportOptions, import_paths
from replay_tui.imports.base import clean_text, decode_entities, utc_text
from replay_tui.imports.builder import Builder

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
A = "576110411284217856"  # 2015-03-12T20:00:00Z
B = "576112927866617856"  # 20:10
C = "576114186157817856"  # 20:15


def build(builder: Builder) -> None:
    s1 = builder.source("one.jsonl", "test")
    s2 = builder.source("two.jsonl", "test")
    builder.participant("1", handle="alice", name="Alice")
    builder.participant("2", handle="@bob")
    builder.participant("3", handle="carol")  # never posts: left out
    # records out of order, one post in both files, a reply to a post not in the export
    builder.post(C, author="2", source=s1, text="third", time="2015-03-12T20:15:00Z", reply_to=B)
    builder.post(A, author="1", source=s1, text="first", time="2015-03-12T20:00:00Z")
    builder.post(A, author="1", source=s2, text="first", time="2015-03-12T20:00:00Z")
    builder.repost(A, by="2", source=s2, time="2015-03-12T20:20:00Z")


def test_posts_in_time_order_one_per_id_attested_by_every_file() -> None:
    builder = Builder(ImportOptions())
    build(builder)
    result = builder.finish()
    session = result.session
    assert [p.id for p in session.posts] == [A, B, C]
    assert session.posts[0].sources == ("archive-1", "archive-2")
    assert (
        session.posts[1].status == "missing"
        and session.posts[1].author == "twitter-unknown-account"
    )
    assert [(r.post, r.by, r.kind) for r in session.reactions] == [(A, "bob", "repost")]
    assert [p.id for p in session.participants] == ["alice", "bob", "twitter-unknown-account"]
    assert (result.imported, result.placeholders, result.reposts) == (2, 1, 1)
    loaded, problems = check_session(session, "<built>")
    assert loaded is not None and problems == []


def test_a_source_that_attests_nothing_after_a_cut_is_left_out() -> None:
    builder = Builder(ImportOptions(author="alice"))
    build(builder)
    session = builder.finish().session
    assert [p.id for p in session.posts] == [A]
    assert {s.id for s in session.sources} == {"archive-1", "archive-2"}  # both attest A
    builder = Builder(ImportOptions(author="bob"))
    build(builder)
    session = builder.finish().session
    assert [p.id for p in session.posts] == [B, C]  # bob's reply and what it answers
    assert [s.id for s in session.sources] == ["archive-1"]
    assert check_session(session, "<built>")[1] == []


def test_two_inputs_make_one_session() -> None:
    result = import_paths(
        [DATA / "archive" / "data" / "account.js", DATA / "archive" / "data" / "tweets.js"],
        ImportOptions(),
    )
    assert {p.author for p in result.session.posts if p.status != "missing"} == {"ask_org"}


def test_the_shared_rules() -> None:
    assert decode_entities("a &amp;lt; b &lt;3 &gt; &amp;") == "a &lt; b <3 > &"
    assert utc_text("2015-03-12T20:00:00.000Z") == "2015-03-12T20:00:00Z"
    assert utc_text("Thu Mar 12 20:00:00 +0000 2015") == "2015-03-12T20:00:00Z"
    assert utc_text("2015-03-12T22:00:00+02:00") == "2015-03-12T20:00:00Z"
    assert utc_text("2015-02-30T20:00:00.000Z") is None
    assert utc_text("2025-06-02T09:00:00.512Z") == "2025-06-02T09:00:00Z"  # Mastodon's
    assert utc_text("2025-02-30T09:00:00.512Z") is None
    assert utc_text("2025-06-02T09:00:00.5x2Z") is None
    assert utc_text("2015-03-12T20:00:00") is None  # no offset: never guessed
    assert utc_text("yesterday") is None


def test_clean_text_replaces_only_lone_surrogates() -> None:
    assert clean_text("Café 👋 مجلس") == "Café 👋 مجلس"
    assert clean_text("a\ud800b é") == "a\ufffdb é"
