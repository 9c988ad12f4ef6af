"""Bluesky imports: getPostThread, getAuthorFeed, getPosts and post records, each rule of
the issue, and every fixture clean under `check --strict`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec
import pytest
from import_check import by_id, fixture_passes, inert_on_screen, strictly_clean

from replay_tui.format.model import Session
from replay_tui.imports import ImportOptions, ImportRefused, detect, import_paths
from replay_tui.imports.bluesky_model import EMBED_DECODER, ImagesView, RecordWithMediaView

DATA = Path(__file__).parent.parent / "data" / "imports" / "bluesky"
ANA = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
BEN = "did:plc:z72i7hdynmk6r22z27h6tvur"
CAM = "did:plc:4yq2gbd5bsmhk6lqnuqtksxk"


def uri(did: str, rkey: str) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"


def imported(*names: str | Path) -> Session:
    paths = [name if isinstance(name, Path) else DATA / name for name in names]
    return import_paths(paths, ImportOptions()).session


def notes_of(session: Session, post_id: str) -> list[str]:
    return [f"{n.title}: {n.body}" for n in session.context if post_id in n.posts]


@pytest.mark.parametrize(
    "name",
    [
        "thread.json",
        "author_feed.json",
        "posts.json",
        "records.json",
        "embedded_records.json",
        "record_embeds_pack.json",
        "notifications.json",
    ],
)
def test_every_fixture_is_recognised_and_passes_check_strict(name: str, tmp_path: Path) -> None:
    fixture_passes(DATA / name, "bluesky", tmp_path)


def test_permalinks_use_the_handle_or_else_the_did() -> None:
    posts = by_id(imported("thread.json"))
    root = posts[uri(ANA, "3lqroot2222a")]
    assert root.url == "https://bsky.app/profile/ana.example.com/post/3lqroot2222a"
    invalid = posts[uri(CAM, "3lqrep3333dd")]  # handle.invalid
    assert invalid.url == f"https://bsky.app/profile/{CAM}/post/3lqrep3333dd"


def test_text_is_verbatim_and_link_facets_keep_their_full_target() -> None:
    root = by_id(imported("thread.json"))[uri(ANA, "3lqroot2222a")]
    assert root.text == (
        "Café council 👋 votes today: news.example.org/2025/06/02/co... #CityCouncil "
        "@ben.bsky.social"
    )
    assert [m.description for m in root.media] == [
        "Link in the post: https://news.example.org/2025/06/02/council-votes-on-the-new-bridge-budget"
    ]


def test_reply_links_and_thread_placeholders_say_which() -> None:
    session = imported("thread.json")
    posts = by_id(session)
    assert posts[uri(BEN, "3lqrep1111bb")].reply_to == uri(ANA, "3lqroot2222a")
    deleted = posts[uri(CAM, "3lqdeleted00")]
    blocked = posts[uri(CAM, "3lqblocked00")]
    assert deleted.status == blocked.status == "missing"
    assert any("not found" in n for n in notes_of(session, deleted.id))
    assert any("block" in n for n in notes_of(session, blocked.id))
    # Shown among a post's replies, the blocked post is a reply to it, and follows it.
    assert blocked.reply_to == uri(ANA, "3lqrep2222cc")
    order = [p.id for p in session.posts]
    assert order.index(blocked.id) == order.index(uri(ANA, "3lqrep2222cc")) + 1


def test_created_at_is_kept_and_a_distant_indexed_at_is_noted() -> None:
    session = imported("thread.json")
    post = by_id(session)[uri(CAM, "3lqrep3333dd")]
    assert post.time == "2025-06-01T08:00:00Z"
    (note,) = [n for n in notes_of(session, post.id) if n.startswith("Two times")]
    assert "2025-06-02T09:40:00Z" in note and "createdAt" in note
    root = by_id(session)[uri(ANA, "3lqroot2222a")]  # indexed within a second
    assert not [n for n in notes_of(session, root.id) if n.startswith("Two times")]


def test_labels_gate_media_naming_the_label() -> None:
    session = imported("thread.json")
    posts = by_id(session)
    photos = posts[uri(ANA, "3lqrep2222cc")].media
    assert [m.kind for m in photos] == ["photo", "photo"]
    assert photos[0].description == "A flooded street, a car under water to its windows"
    assert photos[1].description == "No alt text given by the author"
    assert all(
        m.warning == "Bluesky: labelled 'graphic-media' by did:plc:ar7c4by46qjdydhdevvrndac"
        for m in photos
    )
    video = posts[uri(ANA, "3lqrep5555gg")].media[0]
    assert video.kind == "video" and video.warning == "Bluesky: labelled 'nudity' by the author"
    warned = posts[uri(CAM, "3lqrep3333dd")]  # a self-applied !warn, no media
    # Bluesky blurs the whole post for !warn: its words go behind the label's warning,
    # in the import's words (the editor's), never presented as the author's.
    assert warned.warning == "Bluesky: labelled '!warn' by the author"
    assert warned.warning_by == "editor" and warned.text
    # A media label hides media only: the words of a post with media labels stay shown.
    assert posts[uri(ANA, "3lqrep2222cc")].warning is None
    assert posts[uri(ANA, "3lqrep5555gg")].warning is None


def test_quoted_records_links_and_placeholders() -> None:
    session = imported("thread.json")
    posts = by_id(session)
    quoted = uri(BEN, "3lqold0000ee")
    assert posts[uri(BEN, "3lqrep4444ff")].quotes == quoted
    assert posts[quoted].text == "Last year's budget, for comparison."  # from the viewRecord
    gone = posts[uri(ANA, "3lqrep5555gg")].quotes
    assert gone is not None and posts[gone].status == "missing"
    assert any("not found" in n for n in notes_of(session, gone))
    detached = posts[uri(BEN, "3lqrep6666ii")]
    assert detached.quotes is not None and posts[detached.quotes].status == "missing"
    assert any("detached" in n for n in notes_of(session, detached.quotes))
    assert detached.media[0].description == (
        "Link card: Minutes, 2 June 2025 (https://minutes.example.gov/2025-06-02)"
    )


def test_feed_reposts_are_reactions_and_reply_context_is_kept() -> None:
    session = imported("author_feed.json")
    (reaction,) = session.reactions
    assert reaction.kind == "repost" and reaction.post == uri(ANA, "3lqroot2222a")
    assert reaction.time == "2025-06-02T10:00:00Z"
    posts = by_id(session)
    assert posts[uri(CAM, "3lqdeleted01")].status == "missing"


def test_records_without_the_app_view() -> None:
    session = imported("records.json")
    posts = by_id(session)
    assert not any("feed.like" in pid for pid in posts)  # a like is not a post
    photos = posts[uri(ANA, "3lqrep2222cc")]
    assert [m.description for m in photos.media] == [
        "A flooded street, a car under water to its windows",
        None,
    ]
    assert photos.url == f"https://bsky.app/profile/{ANA}/post/3lqrep2222cc"
    clip = posts[uri(ANA, "3lqrep5555gg")]
    assert clip.media[0].warning == "Bluesky: labelled 'nudity' by the author"
    assert clip.quotes == uri(BEN, "3lqgone000hh")


def test_hostile_text_stays_literal() -> None:
    post = by_id(imported("thread.json"))[uri(CAM, "3lqrep3333dd")]
    assert post.text == (
        "Backdated: <b>not bold</b> [bold]not markup[/bold] \x1b[2Jcleared \u202eevil"
    )
    assert post.text is not None
    inert_on_screen(post.text)


def test_embeds_are_a_tagged_union_on_type() -> None:
    images = EMBED_DECODER.decode(
        b'{"$type":"app.bsky.embed.images#view","images":[{"alt":"x","thumb":"t"}]}'
    )
    assert isinstance(images, ImagesView) and images.images[0].alt == "x"
    with_media = EMBED_DECODER.decode(
        json.dumps(
            {
                "$type": "app.bsky.embed.recordWithMedia#view",
                "record": {"$type": "app.bsky.embed.record#view", "record": {}},
                "media": {"$type": "app.bsky.embed.images#view", "images": []},
            }
        ).encode()
    )
    assert isinstance(with_media, RecordWithMediaView)
    with pytest.raises(msgspec.ValidationError):
        EMBED_DECODER.decode(b'{"$type":"app.bsky.embed.hologram#view"}')


def test_an_unknown_embed_is_reported_for_its_post_only(tmp_path: Path) -> None:
    doc = json.loads((DATA / "posts.json").read_text())
    doc["posts"][1]["embed"] = {"$type": "app.bsky.embed.hologram#view", "beam": 1}
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(doc))
    result = import_paths([path], ImportOptions())
    assert len(result.session.posts) == len(imported("posts.json").posts)
    (problem,) = result.problems
    assert "hologram" in problem.message and "3lqrep1111bb" in problem.message


def test_bad_facet_offsets_are_reported_not_guessed(tmp_path: Path) -> None:
    doc = json.loads((DATA / "posts.json").read_text())
    doc["posts"][0]["record"]["facets"][0]["index"] = {"byteStart": 1, "byteEnd": 900}
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(doc))
    result = import_paths([path], ImportOptions())
    assert any("outside the text" in p.message for p in result.problems)
    root = by_id(result.session)[uri(ANA, "3lqroot2222a")]
    assert root.media == ()


def test_json_lines_of_responses(tmp_path: Path) -> None:
    lines = [(DATA / name).read_text().replace("\n", "") for name in ("posts.json", "thread.json")]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n{cut off\n")
    result = import_paths([path], ImportOptions())
    assert len(result.session.posts) == len(imported("posts.json", "thread.json").posts)
    (problem,) = result.problems
    assert problem.line == 3


def test_nodes_saved_without_their_type_are_read_by_their_fields(tmp_path: Path) -> None:
    def untyped(node: object) -> object:
        if isinstance(node, dict):
            kept = {k: untyped(v) for k, v in node.items()}
            if str(kept.get("$type", "")).startswith("app.bsky.feed.defs#"):
                del kept["$type"]
            return kept
        if isinstance(node, list):
            return [untyped(v) for v in node]
        return node

    path = tmp_path / "untyped.json"
    path.write_text(json.dumps(untyped(json.loads((DATA / "thread.json").read_text()))))
    assert "defs#threadViewPost" not in path.read_text()
    result = import_paths([path], ImportOptions())
    assert result.problems == []
    assert by_id(result.session) == by_id(imported("thread.json"))


def test_embedded_records_that_are_not_posts_are_kept_as_what_they_are() -> None:
    """A post can embed a starter pack, a labeler, or a record kind Bluesky adds later (seen
    in a recorded getFeed response): an attachment saying what it is, no quote, no skip."""
    result = import_paths([DATA / "embedded_records.json"], ImportOptions())
    assert result.problems == []
    posts = by_id(result.session)
    pack = posts[uri(ANA, "3lsp2222aaaa")]
    assert pack.quotes is None
    assert [m.description for m in pack.media] == [
        f"A Bluesky starter pack: Council watchers (at://{ANA}/app.bsky.graph.starterpack/"
        "3lsp2222pack)"
    ]
    labeler = posts["at://did:plc:4bx2sqmq6zv5hztxdrkcmk2f/app.bsky.feed.post/3lsp2222bbbb"]
    assert (labeler.media[0].description or "").startswith("A Bluesky labeler: ben.example.net")
    later = posts["at://did:plc:4bx2sqmq6zv5hztxdrkcmk2f/app.bsky.feed.post/3lsp2222cccc"]
    assert "app.bsky.example.defs#pollView" in (later.media[0].description or "")
    # The same embed as the record stores it: no placeholder post for a starter pack.
    (post,) = imported("record_embeds_pack.json").posts
    assert post.quotes is None and "app.bsky.graph.starterpack" in (post.media[0].description or "")


def test_notifications_give_their_posts_and_count_the_rest() -> None:
    result = import_paths([DATA / "notifications.json"], ImportOptions())
    posts = by_id(result.session)
    reply = posts["at://did:plc:4bx2sqmq6zv5hztxdrkcmk2f/app.bsky.feed.post/3lsn2222repl"]
    assert reply.text == "Joined, thanks \u00e0 toi"
    assert reply.reply_to == uri(ANA, "3lsp2222aaaa")
    assert posts[uri(ANA, "3lsp2222aaaa")].status == "missing"
    (problem,) = result.problems
    assert problem.file.endswith("notifications.json") and "2 notification(s)" in problem.message


def test_a_thread_node_saved_alone_is_read_as_the_thread(tmp_path: Path) -> None:
    node = json.loads((DATA / "thread.json").read_text())["thread"]
    path = tmp_path / "node.json"
    path.write_text(json.dumps(node))
    whole = imported("thread.json")
    alone = imported(path)
    assert [p.id for p in alone.posts] == [p.id for p in whole.posts]


def test_a_document_of_another_kind_is_said_not_imported_as_an_empty_post(
    tmp_path: Path,
) -> None:
    path = tmp_path / "likes.json"
    path.write_text(
        json.dumps(
            {
                "likes": [{"actor": {"did": ANA}, "createdAt": "2025-06-02T09:00:00Z"}],
                "uri": uri(ANA, "3lqroot2222a"),
                "$type": "app.bsky.feed.defs#postView",
            }
        )
    )
    result = import_paths([path], ImportOptions())
    assert result.session is None or not result.session.posts
    assert any(
        "none of the fields" in p.message and p.file.endswith("likes.json") for p in result.problems
    )


def _as_python_sdk(value: object) -> object:
    """`value` as the Python SDK's `model_dump()` writes it: `py_type`, snake_case names,
    absent optional fields as null."""
    if isinstance(value, list):
        return [_as_python_sdk(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, object] = {"langs": None} if "text" in value else {}
    for key, item in value.items():
        name = "py_type" if key == "$type" else re.sub(r"([A-Z])", r"_\1", key).lower()
        out[name] = _as_python_sdk(item)
    return out


@pytest.mark.parametrize("name", ["thread.json", "author_feed.json", "records.json"])
def test_the_python_sdks_model_dump_reads_as_the_lexicons_json(name: str, tmp_path: Path) -> None:
    """Tools on the Python SDK save `model_dump()`: `py_type`, `created_at`, `byte_start`,
    nulls. The same posts, times, links, facets and placeholders come out."""
    path = tmp_path / name
    path.write_text(json.dumps(_as_python_sdk(json.loads((DATA / name).read_text()))))
    assert b'"py_type"' in path.read_bytes() and b'"createdAt"' not in path.read_bytes()
    assert detect(path) == "bluesky"
    dumped, lexicon = imported(path), imported(name)
    assert dumped.posts == lexicon.posts
    assert dumped.context == lexicon.context
    strictly_clean(dumped, tmp_path)


@pytest.mark.parametrize(
    "given",
    [
        uri(ANA, "3lqroot2222a"),
        "3lqroot2222a",
        "https://bsky.app/profile/{handle}/post/3lqroot2222a",
        f"https://bsky.app/profile/{ANA}/post/3lqroot2222a/",
    ],
)
def test_thread_takes_what_a_user_pastes(given: str) -> None:
    whole = imported("thread.json")
    handle = next(
        p.handle
        for p in whole.participants
        if p.id == by_id(whole)[uri(ANA, "3lqroot2222a")].author
    )
    assert handle
    given = given.format(handle=handle.lstrip("@"))
    paths = [DATA / "thread.json"]
    session = import_paths(paths, ImportOptions(thread=given)).session
    assert uri(ANA, "3lqroot2222a") in by_id(session)
    assert len(session.posts) > 1


def test_thread_advice_is_worded_for_bluesky() -> None:
    with pytest.raises(ImportRefused) as refused:
        import_paths([DATA / "thread.json"], ImportOptions(thread="12345"))
    message = str(refused.value)
    assert (
        "its bsky.app link (…/profile/NAME/post/KEY), the KEY at its end, or its at:// URI"
        in message
    )
    assert "X/Twitter" not in message
