"""Mastodon imports: statuses, a status's context, the account archive (folder, outbox.json,
tar.gz), each rule of the issue, and every fixture clean under `check --strict`."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from import_check import by_id, fixture_passes, inert_on_screen, strictly_clean

from replay_tui.format.model import Post, Session
from replay_tui.imports import ImportOptions, detect, import_paths

DATA = Path(__file__).parent.parent / "data" / "imports" / "mastodon"
FIXTURES = [
    "statuses.json",
    "context.json",
    "status.json",
    "reply-mentions.json",
    "archive",
    "archive/outbox.json",
]


def imported(*names: str | Path) -> Session:
    paths = [name if isinstance(name, Path) else DATA / name for name in names]
    return import_paths(paths, ImportOptions()).session


@pytest.fixture
def archive_tar(tmp_path: Path) -> Path:
    target = tmp_path / "archive-20250602-abc.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        for name in ("outbox.json", "actor.json"):
            tar.add(DATA / "archive" / name, arcname=name)
    return target


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_is_recognised_and_passes_check_strict(name: str, tmp_path: Path) -> None:
    fixture_passes(DATA / name, "mastodon", tmp_path)


def test_the_archive_file_itself(archive_tar: Path, tmp_path: Path) -> None:
    assert detect(archive_tar) == "mastodon"
    result = import_paths([archive_tar], ImportOptions())
    assert result.problems == []
    posts = by_id(result.session)
    assert posts["114612000000000001"].text is not None
    (source,) = result.session.sources
    assert source.title is not None and "SHA-256 " in source.title
    strictly_clean(result.session, tmp_path)


def test_content_html_becomes_the_text_a_reader_sees() -> None:
    post = by_id(imported("statuses.json"))["114612000000000001"]
    assert post.text == (
        "The council votes on the bridge budget today. #CityCouncil\n\n"
        "Report: news.example.org/2025/06/02/co…"
    )
    # The shortened link's full target is kept beside the text, once (the card is the same).
    links = [m.description for m in post.media if m.kind == "link"]
    assert links == [
        "Link in the post: https://news.example.org/2025/06/02/council-votes-on-the-new-bridge-budget"
    ]
    reply = by_id(imported("statuses.json"))["114612000000000002"]
    assert reply.text == "@ana Is the vote public?\nAsking for the gallery."


def test_ids_stay_strings_and_times_are_utc_seconds() -> None:
    post = by_id(imported("statuses.json"))["114612000000000001"]
    assert post.id == "114612000000000001"
    assert post.time == "2025-06-02T09:15:30Z"
    assert post.url == "https://mastodon.example/@ana/114612000000000001"


def test_numeric_ids_from_a_tool_are_read_as_strings(tmp_path: Path) -> None:
    statuses = json.loads((DATA / "statuses.json").read_text())
    status = statuses[-1]
    status["id"] = int(status["id"])
    status["account"]["id"] = int(status["account"]["id"])
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps([status]))
    session = imported(path)
    assert [p.id for p in session.posts] == ["114612000000000001"]


def test_a_null_url_falls_back_to_the_uri() -> None:
    post = by_id(imported("statuses.json"))["114612000000000002"]
    assert post.url == "https://social.example/users/ben/statuses/8812"


def test_the_authors_content_warning_gates_the_text_and_media() -> None:
    session = imported("statuses.json")
    post = by_id(session)["114612000000000003"]
    # The post's own warning, the author's words; the text is the post's, verbatim.
    assert (post.warning, post.warning_by) == ("Flood damage photos", "author")
    assert post.text == (
        "@ben yes, from 10:00. Photos of the flood damage they will discuss below."
    )
    photo, video = post.media
    assert photo.warning == video.warning == "Flood damage photos"
    assert photo.kind == "photo"
    assert photo.description == "A flooded street with a car under water to its windows"
    assert video.kind == "video" and video.description == "No alt text given by the author"
    titles = [n.title for n in session.context if post.id in n.posts]
    assert titles == ["Edited"]  # the warning needs no note: the replay names it the author's
    assert all(p.warning is None for p in session.posts if p.id != post.id)


def warned_status_with(tmp_path: Path, spoiler_text: str) -> Post:
    """The status with a content warning and media, its `spoiler_text` changed, imported."""
    statuses = json.loads((DATA / "statuses.json").read_text())
    status = next(s for s in statuses if s["id"] == "114612000000000003")
    status["spoiler_text"] = spoiler_text
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(status))
    return by_id(imported(path))["114612000000000003"]


def test_sensitive_without_a_warning_hides_only_the_media(tmp_path: Path) -> None:
    post = warned_status_with(tmp_path, "")
    assert post.text is not None and post.text.startswith("@ben yes")
    assert post.warning is None  # Mastodon shows the text: only the media is hidden
    assert all(m.warning is not None and "sensitive" in m.warning for m in post.media)


def test_a_blank_content_warning_is_no_warning(tmp_path: Path) -> None:
    post = warned_status_with(tmp_path, " \n ")
    assert post.warning is None and post.warning_by == "editor"
    assert all(m.warning is not None and "sensitive" in m.warning for m in post.media)


def test_a_boost_is_a_repost_reaction_never_the_boosters_words() -> None:
    session = imported("statuses.json")
    assert "114612000000000004" not in by_id(session)
    (reaction,) = session.reactions
    assert reaction.kind == "repost" and reaction.post == "114612000000000001"
    assert reaction.by == "cam" and reaction.time == "2025-06-02T10:02:00Z"


def test_quotes_link_to_the_quoted_post_and_say_when_mastodon_withholds_one() -> None:
    session = imported("statuses.json")
    posts = by_id(session)
    assert posts["114612000000000005"].quotes == "114612000000000001"
    assert posts["114612000000000005"].text == "Worth reading before the vote."  # RE: hidden
    assert posts["114612000000000005"].media == ()  # its link is the quote link, not media
    gone = posts["114612000000000006"]
    assert gone.quotes is None
    notes = [n.body for n in session.context if gone.id in n.posts]
    assert any("'deleted'" in body for body in notes)


def test_a_reply_to_an_absent_status_is_a_placeholder() -> None:
    posts = by_id(imported("statuses.json"))
    placeholder = posts["114611000000000999"]
    assert placeholder.status == "missing" and placeholder.text is None
    assert placeholder.author == "cam"
    assert posts["114612000000000007"].reply_to == placeholder.id


def test_a_placeholder_s_author_is_named_by_the_reply_s_mentions() -> None:
    """The status replied to is absent; the reply's `mentions` give the handle (`acct`) of
    the account it replies to, matched by id, and a note says where the handle comes from.
    No display name is invented; an account its mentions do not name stays an id."""
    session = imported("reply-mentions.json")
    posts = by_id(session)
    people = {p.id: p for p in session.participants}
    named = posts["114613000000000001"]
    assert named.status == "missing"
    author = people[named.author]
    assert (author.handle, author.name) == ("@dana@news.example", "@dana@news.example")
    [note] = [n for n in session.context if named.id in n.posts]
    assert "@dana@news.example" in note.body and "replies to it" in note.body
    unnamed = posts["114613000000000003"]
    assert people[unnamed.author].name == "account 109700000000007777"
    assert people[unnamed.author].handle is None
    assert not [n for n in session.context if unnamed.id in n.posts]
    assert "fay" not in people  # mentioned, but neither author nor replied to


def test_a_status_replied_to_read_later_keeps_its_author_s_own_names(tmp_path: Path) -> None:
    """Newest first, as timelines come: the reply is read before the status it answers,
    whose author's display name then replaces the handle-only name; no placeholder, no
    note."""
    statuses = json.loads((DATA / "reply-mentions.json").read_text())
    parent = json.loads(json.dumps(statuses[0]))
    parent.update(id="114613000000000001", in_reply_to_id=None, in_reply_to_account_id=None)
    parent.update(uri="https://news.example/users/dana/statuses/77", url=None, mentions=[])
    parent["account"].update(id="109400000000005555", username="dana", acct="dana@news.example")
    parent["account"]["display_name"] = "Dana Ortiz"
    path = tmp_path / "newest-first.json"
    path.write_text(json.dumps([*statuses, parent]))
    session = import_paths([path], ImportOptions()).session
    posts = by_id(session)
    people = {p.id: p for p in session.participants}
    assert posts["114613000000000001"].status == "live"
    assert people[posts["114613000000000001"].author].name == "Dana Ortiz"
    assert not [n for n in session.context if "114613000000000001" in n.posts]


def test_an_author_without_a_display_name_is_not_called_known_by_handle_only(
    tmp_path: Path,
) -> None:
    """An account whose own status is in the export, but whose display name is empty, is
    named by its handle: that is not "no record of its author", so a placeholder it
    wrote gets no such note."""
    statuses = json.loads((DATA / "reply-mentions.json").read_text())
    reply = json.loads(json.dumps(statuses[0]))
    reply["account"]["display_name"] = ""
    reply.update(id="114613000000000900", in_reply_to_id="114613000000000899")
    reply.update(in_reply_to_account_id=reply["account"]["id"], mentions=[])
    path = tmp_path / "own-thread.json"
    path.write_text(json.dumps([reply]))
    session = import_paths([path], ImportOptions()).session
    placeholder = by_id(session)["114613000000000899"]
    assert placeholder.status == "missing"
    assert placeholder.author == by_id(session)["114613000000000900"].author
    assert not [n for n in session.context if placeholder.id in n.posts]


def test_hostile_content_stays_literal_text() -> None:
    post = by_id(imported("statuses.json"))["114612000000000007"]
    assert post.text == (
        "<b>Not bold</b> [bold]not markup[/bold] \x1b[31mnot red\u202e txet"
    )  # script and style show nothing; the rest is text the display path makes inert
    assert post.text is not None
    inert_on_screen(post.text)


def test_context_with_and_without_the_status(tmp_path: Path) -> None:
    alone = by_id(imported("context.json"))
    assert alone["114612000000000002"].status == "missing"  # the status itself, absent
    both = by_id(imported("context.json", "status.json"))
    assert both["114612000000000002"].status == "live"
    assert both["114612000000000003"].reply_to == "114612000000000002"


def test_archive_outbox_and_actor() -> None:
    session = imported("archive")
    posts = by_id(session)
    people = {p.id: p for p in session.participants}
    assert people["ana@mastodon.example"].name == "Ana Ruiz"
    cw = posts["114612000000000003"]
    assert (cw.warning, cw.warning_by) == ("Flood damage photos", "author")
    assert cw.text is not None and cw.text.startswith("@ben yes, from 10:00.")
    assert cw.media[0].warning == "Flood damage photos"
    assert cw.media[0].description == "A flooded street with a car under water to its windows"
    # A reply to a post on another server: a placeholder keyed by its URI, with it as link.
    parent = posts[cw.reply_to or ""]
    assert parent.status == "missing"
    assert parent.url == "https://social.example/users/ben/statuses/8812"
    # The boost of a post not in the archive: a repost reaction on a placeholder.
    early, late = session.reactions
    assert posts[early.post].status == posts[late.post].status == "missing"
    assert posts["114612000000000010"].quotes == late.post
    # Without a time of its own, a boosted post comes with its boost, not at the start.
    order = [p.id for p in session.posts]
    assert order.index(early.post) == order.index("114612000000000001") + 1


@pytest.mark.parametrize("broken", ["actor.json", "outbox.json"])
def test_an_archive_file_that_cannot_be_read_is_a_file_unread(broken: str, tmp_path: Path) -> None:
    """No record of it was read, so it counts as a file not read to the end, never as one
    record skipped: how many it held is unknown."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("outbox.json", "actor.json"):
        text = (DATA / "archive" / name).read_text()
        (folder / name).write_text(text[: len(text) // 2] if name == broken else text)
    result = import_paths([folder], ImportOptions())
    [problem] = result.problems
    assert problem.code == "unread" and problem.file.endswith(f"archive: {broken}")
    assert f"{broken} is not readable" in problem.message
    assert (result.skipped, result.warnings) == (0, 0)


def test_archive_and_api_files_of_one_account_share_posts() -> None:
    session = imported("archive", "statuses.json")
    post = by_id(session)["114612000000000001"]
    assert len(post.sources) == 2


def test_a_broken_status_in_a_list_is_skipped_and_named(tmp_path: Path) -> None:
    statuses = json.loads((DATA / "statuses.json").read_text())
    statuses[0]["created_at"] = 5
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(statuses))
    result = import_paths([path], ImportOptions())
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.file == str(path) and "status 1 of the list" in problem.message
    assert "114612000000000001" in by_id(result.session)


def test_json_lines_of_statuses(tmp_path: Path) -> None:
    statuses = json.loads((DATA / "statuses.json").read_text())
    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in statuses) + "\nnot json\n")
    result = import_paths([path], ImportOptions())
    assert len(result.session.posts) == len(imported("statuses.json").posts)
    (problem,) = result.problems
    assert problem.line == len(statuses) + 1
    # The file and line are named once, by the problem's place, never again in its words.
    assert "line" not in problem.message and problem.message.startswith("not a Mastodon status")


def test_an_edit_history_is_named_as_such_not_as_broken_statuses(tmp_path: Path) -> None:
    """/api/v1/statuses/:id/history gives StatusEdits: a status's versions, each with its
    `content`, `created_at` and `account`, but no `id` of its own."""
    status = json.loads((DATA / "statuses.json").read_text())[0]
    versions = [
        {k: status[k] for k in ("content", "spoiler_text", "sensitive", "account")}
        | {"created_at": at, "media_attachments": [], "emojis": []}
        for at in ("2025-06-02T10:00:00.000Z", "2025-06-02T10:05:00.000Z")
    ]
    path = tmp_path / "history.json"
    path.write_text(json.dumps(versions))
    result = import_paths([path], ImportOptions())
    (problem,) = result.problems
    assert problem.message.startswith("a status's edit history (2 versions")
    assert not result.session.posts


def test_json_lines_of_pages(tmp_path: Path) -> None:
    statuses = json.loads((DATA / "statuses.json").read_text())
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps(statuses[:3]) + "\n" + json.dumps(statuses[3:]) + "\n")
    result = import_paths([path], ImportOptions())
    assert result.problems == []
    assert len(result.session.posts) == len(imported("statuses.json").posts)


def test_a_poll_shows_its_options(tmp_path: Path) -> None:
    statuses = json.loads((DATA / "statuses.json").read_text())
    status = next(s for s in statuses if s["id"] == "114612000000000006")
    status["poll"] = {
        "id": "34830",
        "expires_at": "2025-06-03T10:10:00.000Z",
        "expired": False,
        "multiple": False,
        "votes_count": 10,
        "voters_count": None,
        "options": [{"title": "Yes", "votes_count": 6}, {"title": "No", "votes_count": 4}],
        "emojis": [],
    }
    path = tmp_path / "poll.json"
    path.write_text(json.dumps(status))
    (poll,) = by_id(imported(path))["114612000000000006"].media
    assert poll.kind == "other" and poll.description == "A poll. Options: Yes; No"


@pytest.mark.parametrize("around", ["search", "account"])
def test_statuses_inside_a_search_result_or_an_account_dump(around: str, tmp_path: Path) -> None:
    """The search API answers `{"accounts", "statuses", "hashtags"}`, and tools dump an
    account with its statuses as `{"account", "statuses"}` (one such file is published with
    a personal site): Mastodon, not the X/Twitter search response that also has
    `statuses`."""
    statuses = json.loads((DATA / "statuses.json").read_text())
    if around == "search":
        doc = {"accounts": [], "statuses": statuses, "hashtags": []}
    else:
        doc = {"account": statuses[0]["account"], "statuses": statuses}
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(doc))
    assert detect(path) == "mastodon"
    wrapped = import_paths([path], ImportOptions())
    assert wrapped.problems == []
    assert [p.id for p in wrapped.session.posts] == [p.id for p in imported("statuses.json").posts]
    strictly_clean(wrapped.session, tmp_path)


def test_an_outbox_s_activities_saved_as_a_list(tmp_path: Path) -> None:
    """A tool paging an outbox over ActivityPub saves its items, the activities, as one JSON
    array (a published script does): read as the outbox they came from."""
    outbox = json.loads((DATA / "archive" / "outbox.json").read_text())
    path = tmp_path / "activities.json"
    path.write_text(json.dumps(outbox["orderedItems"]))
    assert detect(path) == "mastodon"
    alone = import_paths([path], ImportOptions())
    whole = import_paths([DATA / "archive" / "outbox.json"], ImportOptions())
    assert alone.problems == whole.problems == []
    assert [(p.id, p.text, p.time) for p in alone.session.posts] == [
        (p.id, p.text, p.time) for p in whole.session.posts
    ]
    assert len(alone.session.reactions) == len(whole.session.reactions)


def test_a_mastodon_archive_dump_reads_statuses_and_mentions(tmp_path: Path) -> None:
    """mastodon-archive (a tool published sites keep the output of) saves `account`,
    `statuses`, `favourites`, `bookmarks`, `mentions` (notifications holding the status that
    mentions the account): the mentions are the conversation and are read; others' posts
    the account liked or saved are left out, and counted."""
    statuses = json.loads((DATA / "statuses.json").read_text())
    reply = json.loads((DATA / "status.json").read_text())
    reply["id"] = "114612000000000099"
    reply["uri"] = reply["uri"].replace("114612000000000002", "114612000000000099")
    reply["url"] = None
    reply["in_reply_to_id"] = "114612000000000001"
    doc = {
        "account": statuses[0]["account"],
        "statuses": statuses,
        "favourites": [statuses[1]],
        "bookmarks": [statuses[2], statuses[3]],
        "mentions": [
            {"id": "9001", "type": "mention", "created_at": reply["created_at"],
             "account": reply["account"], "status": reply}
        ],
        "followers": [],
        "following": [],
        "notes": [],
    }  # fmt: skip
    path = tmp_path / "example.social.user.someone.json"
    path.write_text(json.dumps(doc))
    result = import_paths([path], ImportOptions())
    posts = by_id(result.session)
    assert posts["114612000000000099"].reply_to == "114612000000000001"
    assert len(posts) == len(imported("statuses.json").posts) + 1
    [problem] = result.problems
    assert "3 favourites and bookmarks" in problem.message
    assert (result.skipped, result.warnings) == (3, 0)  # three records left out, not one
