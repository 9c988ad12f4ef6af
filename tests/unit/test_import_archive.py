"""The X/Twitter account archive beyond tweets.js: long posts (note-tweet.js), community
tweets (community-tweet.js), and quotes, which the archive does not mark.

The fixtures are written by tests/data/imports/make.py (made-up accounts and texts in the
archive's structure)."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from replay_tui.format.model import ContextNote, Post, Session
from replay_tui.imports import ImportOptions, ImportResult, detect, import_paths

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
sys.path.insert(0, str(DATA))
import make  # noqa: E402  (the fixtures' ids and texts, from the script that wrote them)

sys.path.remove(str(DATA))

WHOLE = make.LONG_TEXT.replace("https://t.co/NoTeLiNk01", "https://example.org/report")
"""The long post as shown: note-tweet.js's text, its link expanded."""


def imported(*paths: Path) -> ImportResult:
    return import_paths(list(paths), ImportOptions())


def posts(session: Session) -> dict[str, Post]:
    return {p.id: p for p in session.posts}


def notes_of(session: Session, post: str) -> dict[str, ContextNote]:
    return {n.title: n for n in session.context if post in n.posts}


def source_named(session: Session, name: str) -> str:
    (sid,) = [s.id for s in session.sources if s.title.startswith(name)]
    return sid


def test_a_long_post_shows_the_whole_text_of_note_tweet_js_and_says_so() -> None:
    session = imported(DATA / "archive").session
    post = posts(session)[make.NOTE_TWEET]
    assert post.text == WHOLE
    notes_sid = source_named(session, "data/note-tweet.js")
    assert post.sources == (source_named(session, "data/tweets.js"), notes_sid)
    note = notes_of(session, make.NOTE_TWEET)["Long post"]
    assert note.sources == (notes_sid,) and make.NOTE_ID in note.body
    assert "cut short" in note.body and "matched" in note.body


def test_a_long_post_without_its_tweet_is_reported_not_imported() -> None:
    result = imported(DATA / "archive")
    [left] = [p for p in result.problems if "long post" in p.message]
    assert left.file.endswith("note-tweet.js") and left.line is None
    assert "1 long post" in left.message
    assert not any(p.text and "since deleted" in p.text for p in result.session.posts)


def test_a_note_whose_words_do_not_continue_the_tweet_is_not_taken(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(DATA / "archive", folder)
    notes_js = folder / "data" / "note-tweet.js"
    head, body = notes_js.read_text().split("=", 1)
    notes = json.loads(body)
    notes[0]["noteTweet"]["core"]["text"] = "Another long post, made the same second."
    notes_js.write_text(head + "= " + json.dumps(notes))
    result = imported(folder)
    post = posts(result.session)[make.NOTE_TWEET]
    assert post.text is not None and post.text.endswith("…")  # tweets.js's own, cut short
    assert "Long post" not in notes_of(result.session, make.NOTE_TWEET)
    assert any("2 long posts" in p.message for p in result.problems)


def test_a_reply_s_long_post_is_matched_past_the_names_it_begins_with(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(DATA / "archive", folder)
    tweets_js = folder / "data" / "tweets.js"
    cut = make.LONG_TEXT.replace("&", "&amp;")[:270]
    text = tweets_js.read_text()
    assert f'"{cut}' in text
    tweets_js.write_text(text.replace(f'"{cut}', f'"@reader_one {cut}'))
    result = imported(folder)
    assert posts(result.session)[make.NOTE_TWEET].text == WHOLE
    assert "Long post" in notes_of(result.session, make.NOTE_TWEET)


def test_a_note_as_long_as_its_tweet_is_matched(tmp_path: Path) -> None:
    """A post written as a long post may fit in the tweet after all: tweets.js then holds
    the note's whole text, followed only by the link to its photo (seen in a published
    archive: a tenth of its notes were so)."""
    folder = tmp_path / "archive"
    shutil.copytree(DATA / "archive", folder)
    words = "Rules of the house:\n\n· lights out => quiet\n· doors shut => no entry"
    tweets_js = folder / "data" / "tweets.js"
    cut = make.LONG_TEXT.replace("&", "&amp;")[:270] + "…"
    text = tweets_js.read_text()
    assert json.dumps(cut)[1:-1] in text
    shown = json.dumps(words.replace(">", "&gt;") + " https://t.co/PhOtO00001")[1:-1]
    tweets_js.write_text(text.replace(json.dumps(cut)[1:-1], shown))
    notes_js = folder / "data" / "note-tweet.js"
    head, body = notes_js.read_text().split("=", 1)
    notes = json.loads(body)
    notes[0]["noteTweet"]["core"]["text"] = words
    notes[0]["noteTweet"]["core"]["urls"] = []
    notes_js.write_text(head + "= " + json.dumps(notes))
    session = imported(folder).session
    assert posts(session)[make.NOTE_TWEET].text == words
    assert "Long post" in notes_of(session, make.NOTE_TWEET)


def test_files_named_one_by_one_read_the_long_posts_first() -> None:
    files = DATA / "archive" / "data"
    session = imported(files / "tweets.js", files / "note-tweet.js").session
    assert posts(session)[make.NOTE_TWEET].text == WHOLE


def test_a_community_tweet_is_a_post_with_its_community_noted() -> None:
    session = imported(DATA / "archive").session
    post = posts(session)[make.COMMUNITY_TWEET]
    assert post.text == "Posted to the community of readers" and post.author == "ask_org"
    note = notes_of(session, make.COMMUNITY_TWEET)["Posted to a Community"]
    assert make.COMMUNITY in note.body and note.sources == post.sources


def test_a_link_to_a_tweet_at_the_end_of_the_text_is_a_quote() -> None:
    session = imported(DATA / "archive").session
    by_id = posts(session)
    assert by_id[make.QUOTE_IN].quotes == make.ROOT  # quoting a tweet of the archive
    assert by_id[make.ROOT].status == "live"
    assert by_id[make.QUOTE_OUT].quotes == make.QUOTED_ABSENT
    absent = by_id[make.QUOTED_ABSENT]  # not in the archive: a placeholder, as for replies
    assert absent.status == "missing" and absent.text is None
    assert absent.url == f"https://twitter.com/reader_two/status/{make.QUOTED_ABSENT}"
    assert "Read as a quote" in notes_of(session, make.QUOTE_IN)
    # A link to a tweet inside the text is a link, not a quote.
    assert by_id[make.MID_LINK].quotes is None
    assert "Read as a quote" not in notes_of(session, make.MID_LINK)


@pytest.mark.parametrize("is_quote", [False, True])
def test_api_tweets_that_say_whether_they_quote_are_taken_at_their_word(
    is_quote: bool, tmp_path: Path
) -> None:
    quoted = make.QUOTED_ABSENT
    tweet = {
        "id_str": make.QUOTE_OUT,
        "created_at": make.v1time("2015-03-12T20:50:00Z"),
        "full_text": "A link https://t.co/QuOtEoUt01",
        "is_quote_status": is_quote,
        "user": {"id_str": "1001", "screen_name": "ask_org", "name": "Ask Organisation"},
        "entities": {
            "urls": [
                {
                    "url": "https://t.co/QuOtEoUt01",
                    "expanded_url": f"https://twitter.com/reader_two/status/{quoted}",
                }
            ]
        },
    }
    if is_quote:
        tweet["quoted_status_id_str"] = quoted
    path = tmp_path / "tweets.json"
    path.write_text(json.dumps([tweet]))
    session = imported(path).session
    post = posts(session)[make.QUOTE_OUT]
    assert post.quotes == (quoted if is_quote else None)
    assert "Read as a quote" not in notes_of(session, make.QUOTE_OUT)
    if is_quote:  # the link names the quoted tweet's account for its placeholder
        assert posts(session)[quoted].url == f"https://twitter.com/reader_two/status/{quoted}"


def test_the_data_folder_itself_or_a_zip_of_its_files(tmp_path: Path) -> None:
    """A user may name the archive's `data` folder, or zip its files without the folder."""
    whole = sorted(p.id for p in imported(DATA / "archive").session.posts)
    data = DATA / "archive" / "data"
    assert sorted(p.id for p in imported(data).session.posts) == whole
    flat = tmp_path / "tweets.zip"
    with zipfile.ZipFile(flat, "w") as zipped:
        for js in data.glob("*.js"):
            zipped.write(js, arcname=js.name)
    assert sorted(p.id for p in imported(flat).session.posts) == whole


def test_the_archive_given_before_2019_grailbird_monthly_files() -> None:
    """Older archives hold `data/js/tweets/YYYY_MM.js`, each `Grailbird.data.tweets_YYYY_MM
    = [ … ]` of API v1.1 tweets with their `user` (many are published in repositories)."""
    folder = DATA / "archive_grailbird"
    month = folder / "data" / "js" / "tweets" / "2013_11.js"
    assert detect(folder) == detect(month) == "twitter-archive"
    result = imported(folder)
    session = result.session
    assert result.problems == []
    by_id = posts(session)
    root = by_id["401046871864246272"]
    assert root.time == "2013-11-14T18:00:00Z"  # "2013-11-14 18:00:00 +0000"
    assert root.text == "Ask us anything & everything #AskOrg https://example.org/ask"
    assert root.url == "https://twitter.com/ask_org/status/401046871864246272"
    [repost] = session.reactions
    assert (repost.post, repost.by, repost.kind) == ("401046871864246279", "ask_org", "repost")
    assert by_id["401048130155446272"].reply_to == "401046871864246273"
    assert by_id["401046871864246273"].status == "missing"
    assert sorted(p.id for p in imported(month).session.posts) == sorted(by_id)
    # payload_details.js says when the archive was made: the capture time of its sources.
    assert {s.published for s in session.sources} == {"2013-11-20T09:00:00Z"}


def test_an_archive_is_named_after_its_account_not_a_member(tmp_path: Path) -> None:
    folder = imported(DATA / "archive").session
    assert folder.id == "import-ask-org-archive"
    assert folder.title == "Imported from the X/Twitter archive of @ask_org (archive)"
    packed = tmp_path / "twitter-2024.zip"
    with zipfile.ZipFile(packed, "w") as zipped:
        for file in sorted((DATA / "archive").rglob("*")):
            if file.is_file():
                zipped.write(file, file.relative_to(DATA / "archive").as_posix())
    session = imported(packed).session
    assert session.id == "import-ask-org-archive"
    assert session.title == "Imported from the X/Twitter archive of @ask_org (twitter-2024.zip)"


def test_a_placeholder_shows_the_handle_its_link_names_and_says_so() -> None:
    session = imported(DATA / "archive").session
    quoted = posts(session)["576072662548217856"]  # quoted by its link, not in the archive
    assert quoted.status == "missing"
    assert quoted.url == "https://twitter.com/reader_two/status/576072662548217856"
    author = next(p for p in session.participants if p.id == quoted.author)
    # The handle the link gives; no display name invented, and the audience told so.
    assert author.handle == "@reader_two" and author.name == "@reader_two"
    note = notes_of(session, quoted.id)["Its author"]
    assert "@reader_two is the handle the post that replies to it or quotes it gives" in note.body
    assert "No display name is known" in note.body
    assert not any(p.name.startswith("Unknown account") for p in session.participants)
