"""Every import format: recognised by content, faithful to the export, and passing its own
checker (`check --strict`) as TOML and as JSON.

The fixtures in tests/data/imports/ are written by make.py there: made-up accounts in the
real formats' structure, with snowflake ids that agree with their times."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from replay_tui.format.model import Post, Session
from replay_tui.format.read import read_session
from replay_tui.imports import ImportOptions, ImportRefused, detect, encode, import_paths
from replay_tui.imports.twitter import SENSITIVE_WARNING

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
FIXTURES = {
    "twarc2_search.jsonl": "twarc2",
    "twarc2_stream.jsonl": "twarc2",
    "twarc2_flat.jsonl": "twarc2",
    "twarc2_bare_fields.json": "twarc2",
    "v1_extended.json": "twitter-v1",
    "v1_compat.jsonl": "twitter-v1",
    "v1_search.json": "twitter-v1",
    "archive": "twitter-archive",
    "archive_old_tweet.js": "twitter-archive",
    "archive_grailbird": "twitter-archive",
    "archive/data/tweets.js": "twitter-archive",
}
ROOT = "576110411284217856"  # the #AskOrg question every fixture starts from
REPLY = "576112927866617856"
GONE = "576095311789817856"


def imported(name: str, **options: object) -> Session:
    return import_paths([DATA / name], ImportOptions(**options)).session  # type: ignore[arg-type]


def posts(session: Session) -> dict[str, Post]:
    return {p.id: p for p in session.posts}


@pytest.mark.parametrize("name", sorted(FIXTURES))
@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_every_fixture_passes_check_strict(name: str, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"session{suffix}"
    out.write_bytes(encode(imported(name), suffix))
    loaded, problems = read_session(out)
    assert loaded is not None
    assert problems == []


@pytest.mark.parametrize(("name", "fmt"), sorted(FIXTURES.items()))
def test_formats_are_recognised_by_content_not_by_name(name: str, fmt: str, tmp_path: Path) -> None:
    assert detect(DATA / name) == fmt
    source = DATA / name
    renamed = tmp_path / "export.txt"
    if source.is_dir():
        shutil.copytree(source, renamed)
    else:
        shutil.copy(source, renamed)
    assert detect(renamed) == fmt


def test_sessions_and_other_files_are_not_exports(tmp_path: Path) -> None:
    sessions = Path(__file__).resolve().parent.parent.parent / "sessions"
    for session in sessions.glob("*.toml"):
        assert detect(session) is None
    (tmp_path / "other.jsonl").write_text('{"a": 1}\n')
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)))
    assert detect(tmp_path / "other.jsonl") is None
    assert detect(tmp_path / "binary.bin") is None
    with pytest.raises(ImportRefused, match="twarc2"):
        import_paths([tmp_path / "other.jsonl"], ImportOptions())


def test_a_zipped_archive_is_one_source_named_by_its_sha256(tmp_path: Path) -> None:
    archive = tmp_path / "twitter-2023-06-15.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (DATA / "archive").rglob("*.js"):
            zf.write(path, path.relative_to(DATA / "archive").as_posix())
    assert detect(archive) == "twitter-archive"
    session = import_paths([archive], ImportOptions()).session
    import hashlib

    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    [source] = session.sources
    assert source.kind == "archive"
    assert source.title == f"twitter-2023-06-15.zip, SHA-256 {digest}"
    assert source.published == "2023-06-15T12:40:51Z"  # the manifest's generationDate
    assert all(p.sources == (source.id,) for p in session.posts)


# --- faithful posts ---------------------------------------------------------------------


def test_twarc2_text_time_link_and_counts_at_capture() -> None:
    session = imported("twarc2_search.jsonl")
    root = posts(session)[ROOT]
    assert root.text == "Ask us anything & everything #AskOrg https://example.org/ask"
    assert root.time == "2015-03-12T20:00:00Z"
    assert root.url == f"https://twitter.com/ask_org/status/{ROOT}"
    assert root.author == "ask_org"
    [metrics] = root.metrics
    assert metrics.at == "2015-03-13T09:00:00Z"  # twarc's retrieved_at
    assert (metrics.likes, metrics.reposts, metrics.replies, metrics.quotes, metrics.views) == (
        40,
        12,
        30,
        2,
        5000,
    )
    [source] = session.sources
    assert source.author == "twarc 2.14.0"
    assert source.published == "2015-03-13T09:00:00Z"
    assert source.title is not None and source.title.startswith("twarc2_search.jsonl, SHA-256 ")
    people = {p.id: p for p in session.participants}
    assert people["ask_org"].handle == "@ask_org"
    assert people["ask_org"].name == "Ask Organisation"
    assert people["ask_org"].platform == "twitter"
    # A bio is kept as the API gives it: unlike a tweet's text, API v1.1 and v2 do not
    # HTML-escape `user.description` (recorded responses carry a bare '&'), so nothing
    # is unescaped: a bio that reads '&amp;' was typed so.
    assert people["ask_org"].bio == "Q&A account"
    assert (
        people["ask_org"].bio
        == {p.id: p for p in imported("v1_search.json").participants}["ask_org"].bio
    )


def test_twarc2_counts_given_as_strings_are_read_as_numbers() -> None:
    quote = posts(imported("twarc2_search.jsonl"))["576111669575417856"]
    assert quote.text == "Look at this <thread> https://twitter.com/ask_org/status/" + ROOT
    assert quote.quotes == ROOT
    assert quote.metrics[0].likes == 7


def test_replies_link_and_an_absent_parent_is_a_placeholder() -> None:
    by_id = posts(imported("twarc2_search.jsonl"))
    assert by_id["576114186157817856"].reply_to == REPLY
    gone = by_id[GONE]
    assert gone.status == "missing"
    assert gone.text is None
    assert gone.time is None  # derived from the id by the reader, and marked so
    assert gone.url == f"https://twitter.com/ask_org/status/{GONE}"
    assert gone.author == "ask_org"  # in_reply_to_user_id


def test_a_placeholders_time_is_derived_and_marked(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    out.write_bytes(encode(imported("twarc2_search.jsonl"), ".json"))
    loaded, _ = read_session(out)
    assert loaded is not None
    moment = loaded.times[loaded.post_index[GONE]]
    assert moment is not None and moment.derived is not None
    assert moment.instant.isoformat() == "2015-03-12T19:00:00+00:00"


def test_a_retweet_is_a_repost_of_the_original_never_the_retweeters_words() -> None:
    session = imported("twarc2_search.jsonl")
    by_id = posts(session)
    assert "576116702740217856" not in by_id  # the retweet itself
    [repost] = [r for r in session.reactions if r.by == "reader_two"]
    assert (repost.post, repost.kind, repost.time) == (ROOT, "repost", "2015-03-12T20:25:00Z")


def test_a_retweet_whose_original_is_absent_stays_marked_as_a_retweet() -> None:
    session = imported("twarc2_search.jsonl")
    kept = posts(session)["576116954398457856"]
    assert kept.text is not None and kept.text.startswith("RT @someone_else:")
    [note] = [n for n in session.context if kept.id in n.posts]
    assert "retweet" in note.body and "not the retweeter's own words" in note.body
    assert "cut short" in note.body


def test_a_v2_page_without_author_ids_keeps_its_tweets_by_an_unnamed_account() -> None:
    """The API v2 returns only `id` and `text` unless asked for more (tweepy's recorded
    responses are so): the tweets are kept at their /i/status/ permalinks, their times
    derived from their ids, a retweet marked as one, and the file said to name no author."""
    result = import_paths([DATA / "twarc2_bare_fields.json"], ImportOptions())
    session = result.session
    assert session is not None
    by_id = posts(session)
    ferry = by_id["1578466218075312129"]
    assert ferry.url == "https://twitter.com/i/status/1578466218075312129"
    assert ferry.time is None  # derived from the id by the reader, never written
    assert [p.name for p in session.participants] == ["An account the export does not name"]
    assert by_id["1578457029592899584"].text == "@harbour_works Thanks & good luck"
    rt = by_id["1578465888264589313"]
    [note] = [n for n in session.context if rt.id in n.posts]
    assert "not the retweeter's own words" in note.body
    [problem] = result.problems
    assert problem.line == 1 and "3 tweets name no author" in problem.message


def test_flagged_media_sit_behind_a_neutral_warning_with_their_alt_text() -> None:
    reply = posts(imported("twarc2_search.jsonl"))[REPLY]
    photo, video = reply.media
    assert (photo.kind, photo.description, photo.warning) == (
        "photo",
        "A crowd at a rally, seen from above",
        SENSITIVE_WARNING,
    )
    assert video.kind == "video" and video.warning == SENSITIVE_WARNING
    assert video.description  # never a warning without a description


def test_withheld_and_long_posts() -> None:
    session = imported("twarc2_search.jsonl")
    withheld = [n for n in session.context if n.title == "Withheld"]
    assert withheld and "DE, FR" in withheld[0].body
    long = posts(session)["576117961031417856"]
    assert long.text is not None and long.text.endswith("https://example.org/long at its end.")


def test_bad_lines_are_skipped_with_file_line_and_what() -> None:
    result = import_paths([DATA / "twarc2_search.jsonl"], ImportOptions())
    said = [(p.line, p.code, p.message) for p in result.problems]
    assert said[0][:2] == (2, "skipped") and "not JSON" in said[0][2]
    assert any(line == 3 and code == "api-error" for line, code, _ in said)
    assert said[-1][0] == 4 and "cut off" in said[-1][2]  # the last line, cut mid-write
    assert all(p.file.endswith("twarc2_search.jsonl") for p in result.problems)
    assert result.imported == 8 and result.placeholders == 1 and result.reposts == 1


@pytest.mark.parametrize(
    ("source", "cut", "line", "words"),
    [
        ("timelinejs/bridge.json", 0.5, None, "ends before its JSON does"),
        ("mastodon/context.json", 0.5, None, "ends before its JSON does"),
        ("bluesky/thread.json", 0.5, None, "ends before its JSON does"),
        ("timelinejs/bridge.json", None, 3, "not valid JSON"),
    ],
)
def test_a_broken_json_document_is_named_with_its_line(
    source: str, cut: float | None, line: int | None, words: str, tmp_path: Path
) -> None:
    """A file cut mid-document (a download that stopped), or broken inside: the message
    names the line where it breaks, never a traceback."""
    data = (DATA / source).read_bytes()
    if cut is not None:
        data = data[: int(len(data) * cut)]
        line = data.count(b"\n") + 1  # where the file stops
    else:
        lines = data.split(b"\n")
        lines[2] = lines[2] + b" ,,"
        data = b"\n".join(lines)
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    [problem] = [p for p in import_paths([path], ImportOptions()).problems if words in p.message]
    assert problem.line == line and problem.file.endswith("broken.json")
    assert "Export the file again" in problem.message


@pytest.mark.parametrize("name", ["twarc2_search.jsonl", "v1_compat.jsonl", "archive"])
def test_a_problem_names_its_file_and_line_once_as_check_does(name: str) -> None:
    problems = import_paths([DATA / name], ImportOptions()).problems
    assert any(p.line is not None for p in problems)
    for problem in problems:
        said = str(problem)  # what the command prints: `file:line: warning: message`
        where = problem.file + (f":{problem.line}" if problem.line is not None else "")
        assert said.startswith(f"{where}: warning: ")
        assert re.search(r"\bline \d", problem.message) is None


def test_twarc2_streaming_and_flattened_forms() -> None:
    stream = posts(imported("twarc2_stream.jsonl"))
    assert len(stream) == 2
    first, second = stream.values()
    assert second.reply_to == first.id
    flat = imported("twarc2_flat.jsonl")
    by_id = posts(flat)
    assert by_id[ROOT].text == "Ask us anything & everything #AskOrg https://example.org/ask"
    assert by_id[REPLY].media[0].description == "A crowd"
    assert [r.post for r in flat.reactions] == [ROOT]


def test_v1_extended_compat_and_search_forms() -> None:
    extended = imported("v1_extended.json")
    by_id = posts(extended)
    assert by_id[ROOT].text == "Ask us anything & everything #AskOrg https://example.org/ask"
    assert by_id[ROOT].metrics == ()  # API v1.1 records no capture time
    photo = by_id[REPLY]
    assert photo.reply_to == ROOT
    assert photo.media[0].description == "A crowd at a rally"
    assert photo.media[0].warning == SENSITIVE_WARNING
    assert [r.post for r in extended.reactions] == [ROOT]
    compat = imported("v1_compat.jsonl")
    texts = {p.id: p.text for p in compat.posts}
    assert texts["576117961031417856"] == (
        "A long answer that the stream cuts short in compat mode, and here it is whole with "
        "its link https://example.org/long"
    )
    [cut] = [n for n in compat.context if n.title == "Text cut short"]
    assert cut.posts == ("576119219322617856",)
    assert {p.id for p in imported("v1_search.json").posts} >= {ROOT, GONE}


def test_archive_author_deleted_and_counts_at_generation() -> None:
    session = imported("archive")
    by_id = posts(session)
    assert {p.author for p in session.posts if p.status != "missing"} == {"ask_org"}
    assert by_id["576119219322617856"].status == "deleted"
    assert by_id[ROOT].metrics[0].at == "2023-06-15T12:40:51Z"
    assert by_id[ROOT].metrics[0].likes == 4  # "4" in the archive
    assert by_id[REPLY].status == "missing"  # replied to, not in the archive
    retweet = by_id["576116702740217856"]
    assert retweet.text is not None and retweet.text.startswith("RT @reader_two:")
    assert any(retweet.id in n.posts and n.title == "A retweet" for n in session.context)
    flagged = by_id["576117961031417856"].media[0]
    assert flagged.warning == SENSITIVE_WARNING and flagged.description


def test_an_old_archive_file_without_its_account_still_imports() -> None:
    session = imported("archive_old_tweet.js")
    [owner] = [p for p in session.participants if p.id != "reader_one"]
    assert "not named" in owner.name
    assert all(p.url and "/status/" in p.url for p in session.posts)


def test_a_byte_order_mark_and_a_cut_archive_file(tmp_path: Path) -> None:
    data = (DATA / "archive_old_tweet.js").read_bytes()
    marked = tmp_path / "tweet.js"
    marked.write_bytes(b"\xef\xbb\xbf" + data)
    assert detect(marked) == "twitter-archive"
    assert len(imported(str(marked)).posts) == 3
    cut = tmp_path / "cut.js"
    second = data.index(b'"id_str"', data.index(b'"id_str"') + 10)
    cut.write_bytes(data[: second + 20])  # mid second tweet
    result = import_paths([cut], ImportOptions())
    assert len([p for p in result.session.posts if p.status != "missing"]) == 1
    [problem] = result.problems
    assert "not complete JSON" in problem.message and "read the 1 records" in problem.message
    assert problem.file == str(cut) and problem.line is not None


def test_one_v1_tweet_written_over_many_lines(tmp_path: Path) -> None:
    import json

    one = tmp_path / "tweet.json"
    one.write_text(json.dumps(json.loads((DATA / "v1_extended.json").read_text())[1], indent=2))
    assert detect(one) == "twitter-v1"
    result = import_paths([one], ImportOptions())
    assert result.problems == [] and REPLY in posts(result.session)


def test_json_of_another_shape_says_where_not_that_it_is_broken(tmp_path: Path) -> None:
    """Valid JSON that is not the shape its format has: the JSON path that does not fit,
    never 'not valid JSON'; and a document that only looks like an older TimelineJS one
    (a `timeline` that is not an object of `date`s) is not taken for one."""
    odd = tmp_path / "odd.json"
    odd.write_text('{"events": [{"start_date": {"year": 2001}}], "eras": 5}')
    [problem] = import_paths([odd], ImportOptions()).problems
    assert "not in the shape" in problem.message and "$.eras" in problem.message
    assert problem.line is None
    fake = tmp_path / "fake.json"
    fake.write_text('{"timeline": [{"date": 1, "startDate": 2}]}')
    assert detect(fake) is None
