"""`replay-tui import`, and an export opened where a session is: check, export, the cuts,
writing safely, and bad input said without a traceback."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import msgspec
import pytest

from replay_tui.cli import main
from replay_tui.format.model import Session
from replay_tui.format.read import read_session

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
SEARCH = str(DATA / "twarc2_search.jsonl")
ROOT = "576110411284217856"
GONE = "576095311789817856"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def session_of(text: str) -> Session:
    return msgspec.json.decode(text, type=Session)


def test_import_to_stdout_is_json_with_counts_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", SEARCH)
    assert code == 0
    session = session_of(out)
    assert session.format == "replay-tui/1"
    assert session.id == "import-twarc2_search".replace("_", "-")
    assert "twarc2_search.jsonl:2: warning:" in err
    assert err.strip().endswith(
        "imported: 8 posts, 1 placeholder (posts referenced but absent), 1 repost; "
        "2 records skipped, 1 page with API errors"
    )
    assert "Traceback" not in err


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_import_to_a_file_never_replaces_one_unasked(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"askorg{suffix}"
    assert run(capsys, "import", SEARCH, "-o", str(out), "--id", "askorg")[0] == 0
    loaded, problems = read_session(out)
    assert loaded is not None and problems == [] and loaded.session.id == "askorg"
    out.write_text("precious")
    code, _, err = run(capsys, "import", SEARCH, "-o", str(out))
    assert code == 1 and "exists; pass --force" in err
    assert out.read_text() == "precious"
    assert run(capsys, "import", SEARCH, "-o", str(out), "--force")[0] == 0
    assert read_session(out)[0] is not None
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_the_output_is_never_one_of_the_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "c.json"
    copy.write_bytes((DATA / "v1_extended.json").read_bytes())
    code, _, err = run(capsys, "import", str(copy), "-o", str(copy), "--force")
    assert code == 1 and "is one of the inputs" in err
    assert copy.read_bytes() == (DATA / "v1_extended.json").read_bytes()


def test_unknown_files_are_refused_with_the_formats_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n")
    code, out, err = run(capsys, "import", str(other))
    assert code == 1 and out == ""
    assert "notes.txt: not an export replay-tui reads" in err
    for name in ("twarc2", "twitter-archive", "twitter-v1"):
        assert name in err
    code, _, err = run(capsys, "import", str(tmp_path / "absent.jsonl"))
    assert code == 1 and "no such file" in err
    session = Path(__file__).resolve().parent.parent.parent / "sessions" / "askhamas-2015-03.toml"
    code, _, err = run(capsys, "import", str(session))
    assert code == 1 and "a replay-tui session, not an export" in err


def test_format_forces_a_reader(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", str(DATA / "v1_search.json"), "--format", "twitter-v1")
    assert code == 0 and session_of(out).posts


def test_thread_keeps_ancestors_replies_and_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", SEARCH, "--thread", "576112927866617856")
    assert code == 0
    ids = [p.id for p in session_of(out).posts]
    # the reply, its parent (the root), and the answer below it; not the quote or others
    assert ids == [ROOT, "576112927866617856", "576114186157817856"]
    code, _, err = run(capsys, "import", SEARCH, "--thread", "123")
    assert code == 1 and "--thread 123: no post in the export matches it" in err
    assert "for an X/Twitter post, its link (…/status/ID) or the number at its end" in err
    code, out, _ = run(
        capsys, "import", SEARCH, "--thread", "https://x.com/someone/status/576112927866617856"
    )
    assert code == 0 and [p.id for p in session_of(out).posts] == ids
    code, out, _ = run(
        capsys, "import", SEARCH, "--thread", "https://x.com/a/status/576112927866617856/photo/1"
    )
    assert code == 0 and [p.id for p in session_of(out).posts] == ids


def test_cuts_keep_what_links_point_at(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "import", SEARCH, "--author", "@Reader_Two")
    session = session_of(out)
    by_author = {p.id: p.author for p in session.posts}
    # reader_two's reply to a vanished tweet, and that tweet's placeholder
    assert by_author == {
        GONE: "ask_org",
        "576115444449017856": "reader_two",
        "576119219322617856": "reader_two",
    }
    _, out, _ = run(capsys, "import", SEARCH, "--hashtag", "askorg")
    tagged = session_of(out)
    assert {p.id for p in tagged.posts} == {ROOT, "576112927866617856"}
    _, out, _ = run(
        capsys, "import", SEARCH, "--since", "2015-03-12T20:30", "--until", "2015-03-12T20:35"
    )
    assert [p.time for p in session_of(out).posts] == [
        "2015-03-12T20:30:00Z",
        "2015-03-12T20:35:00Z",
    ]


def test_session_options_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "import", SEARCH, "--title", "The #AskOrg Q&A", "--timezone", "Asia/Jerusalem"
    )
    session = session_of(out)
    assert (session.title, session.timezone) == ("The #AskOrg Q&A", "Asia/Jerusalem")
    assert session.posts[1].time == "2015-03-12T20:00:00Z"  # times stay exact UTC
    for bad in (["--timezone", "Mars/Base"], ["--since", "yesterday"], ["--id", "a b"]):
        with pytest.raises(SystemExit) as exit_:
            main(["import", SEARCH, *bad])
        assert exit_.value.code == 2


def test_control_characters_cannot_break_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = json.dumps(
        {
            "data": [
                {
                    "id": "576110411284217856",
                    "author_id": "1",
                    "created_at": "2015-03-12T20:00:00.000Z",
                    "text": 'evil \x1b[2J\x00 "quote" \\ \ud800 \n"""\n]]',
                }
            ],
            "includes": {"users": [{"id": "1", "username": "x\x07", "name": "X"}]},
        }
    )
    export = tmp_path / "evil.jsonl"
    export.write_text(line + "\n", encoding="utf-8")
    for suffix in (".toml", ".json"):
        out = tmp_path / f"evil{suffix}"
        assert run(capsys, "import", str(export), "-o", str(out))[0] == 0
        loaded, problems = read_session(out)
        assert loaded is not None and problems == []
        assert loaded.session.posts[0].text == 'evil \x1b[2J\x00 "quote" \\ \ufffd \n"""\n]]'


def test_check_export_and_open_read_an_export_as_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(DATA / "v1_extended.json"))
    assert code == 0 and "ok (5 posts" in out
    code, out, err = run(capsys, "check", "--strict", SEARCH)
    assert code == 1 and "twarc2_search.jsonl:2: warning" in out  # lines it skipped
    assert run(capsys, "check", str(DATA / "archive"))[0] == 0
    code, out, _ = run(capsys, "export", str(DATA / "archive"), "--to", "text")
    assert code == 0 and "A tweet the account deleted" in out
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    code, _, err = run(capsys, "check", str(notes))
    assert code == 1 and "neither a session" in err + _
    # What to do about it: force a format, and be told which lines it cannot read.
    assert "replay-tui import FILE --format NAME" in err + _


def test_replay_tui_file_reads_an_export_for_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    from replay_tui.cli.common import read_for_ui

    loaded = read_for_ui(SEARCH, 1 << 30)
    assert loaded is not None
    assert loaded.session.posts[0].id == GONE  # the placeholder, at its derived time
    assert [p.line for p in loaded.warnings[:1]] == [2]  # what the import skipped
    assert read_for_ui(str(DATA / "make.py"), 1 << 30) is None
    assert "neither a session" in capsys.readouterr().err


def test_a_progress_bar_on_a_terminal_and_never_in_a_pipe(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import replay_tui.cli.importing as importing

    seen: list[tuple[int, int]] = []
    real = importing.import_paths

    def spy(paths, options, fmt=None, progress=None):  # type: ignore[no-untyped-def]
        if progress is not None:
            progress = (lambda f: lambda done, total: (seen.append((done, total)), f(done, total)))(
                progress
            )
        return real(paths, options, fmt, progress)

    monkeypatch.setattr(importing, "import_paths", spy)
    monkeypatch.setattr(importing, "PROGRESS_BYTES", 0)
    assert run(capsys, "import", SEARCH)[0] == 0
    assert seen == []  # stderr is not a terminal here
    monkeypatch.setattr(importing.sys.stderr, "isatty", lambda: True)
    assert run(capsys, "import", SEARCH)[0] == 0
    size = (DATA / "twarc2_search.jsonl").stat().st_size
    assert seen and seen[-1] == (size, size)


def test_a_page_of_users_or_counts_is_named_once_not_record_by_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """twarc2's users, lists and counts commands write pages shaped like a search's; their
    records have no `text`. One warning per line says what they are, and the tweets the
    page includes (a user's pinned tweet) are still read."""
    users = {
        "data": [
            {"id": "12", "username": "alice", "name": "Alice", "pinned_tweet_id": "100"},
            {"id": "13", "username": "bob", "name": "Bob"},
        ],
        "includes": {
            "tweets": [
                {
                    "id": "100",
                    "text": "pinned",
                    "author_id": "12",
                    "created_at": "2021-01-02T03:04:05.000Z",
                }
            ],
        },
    }
    counts = {"data": [{"start": "2021-10-16T18:00:00.000Z", "tweet_count": 3961}]}
    file = tmp_path / "mixed.jsonl"
    file.write_text(json.dumps(users) + "\n" + json.dumps(counts) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(file))
    assert code == 0
    assert [p.text for p in session_of(out).posts] == ["pinned"]
    lines = err.strip().splitlines()
    assert lines[0].endswith(
        "mixed.jsonl:1: warning: its 2 `data` records are not tweets (no `text`: a twarc2 "
        "users, lists or counts page?); skipped them (replay-tui imports tweets)"
    )
    assert lines[1].endswith(
        "mixed.jsonl:2: warning: its 1 `data` record is not a tweet (no "
        "`text`: a twarc2 users, lists or counts page?); skipped it "
        "(replay-tui imports tweets)"
    )
    assert "names no author" not in err and "without an id" not in err
    assert lines[-1].endswith("0 records skipped, 2 lines of records that are not posts")


def test_a_cut_that_keeps_nothing_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --author no post has leaves nothing to write: the message names the cut (the
    likely cause) rather than only counting zeros, and nothing is written."""
    out = tmp_path / "out.toml"
    code, _, err = run(capsys, "import", SEARCH, "--author", "nobody", "-o", str(out))
    assert code == 1 and not out.exists()
    assert "no posts to write: none matches --author nobody" in err
    assert "check the value or leave the option out" in err
    code, _, err = run(capsys, "import", SEARCH, "--hashtag", "none", "--since", "2030")
    assert code == 1 and "none matches --hashtag none and --since" in err


def test_the_summary_counts_records_left_out_not_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # All 7 events are imported; event 7's date cannot be read: a warning, not a skip.
    code, out, err = run(capsys, "import", str(DATA / "timelinejs" / "legacy.json"))
    assert code == 0 and len(session_of(out).posts) == 7
    assert "event 7: its start_date cannot be read" in err
    assert err.strip().endswith("0 records skipped; 1 warning about what was kept")
    # One warning names two notifications left out: two records skipped, not one.
    code, out, err = run(capsys, "import", str(DATA / "bluesky" / "notifications.json"))
    assert code == 0
    assert "2 notification(s) of likes, reposts or follows" in err
    assert err.strip().endswith("; 2 records skipped")


def test_thread_takes_a_mastodon_status_link_or_number(
    capsys: pytest.CaptureFixture[str],
) -> None:
    statuses = str(DATA / "mastodon" / "statuses.json")
    code, out, _ = run(capsys, "import", statuses, "--thread", "114612000000000003")
    assert code == 0
    wanted = [p.id for p in session_of(out).posts]
    for given in (
        "https://mastodon.example/@ana/114612000000000003",
        "https://mastodon.example/@ana/114612000000000003?utm=x",
        "https://mastodon.example/web/statuses/114612000000000003",
    ):
        code, out, _ = run(capsys, "import", statuses, "--thread", given)
        assert code == 0 and [p.id for p in session_of(out).posts] == wanted
    # A status from another server: its address there, as its `url` gives it.
    code, out, _ = run(
        capsys, "import", statuses, "--thread", "https://social.example/users/ben/statuses/8812"
    )
    assert code == 0 and "114612000000000002" in [p.id for p in session_of(out).posts]
    code, _, err = run(capsys, "import", statuses, "--thread", "nothing")
    assert code == 1 and "for a Mastodon status, its link or the number at its end" in err


def test_a_one_document_export_cut_off_keeps_its_complete_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = (DATA / "mastodon" / "statuses.json").read_bytes()
    cut = tmp_path / "statuses.json"
    cut.write_bytes(whole[:15000])  # four whole statuses (one a boost), then a cut
    code, out, err = run(capsys, "import", str(cut))
    assert code == 0
    kept = [p.id for p in session_of(out).posts if p.status != "missing"]
    assert len(kept) == 4 and "114612000000000007" in kept
    assert (
        "warning: the file is cut off: it ends at byte 15000, inside its JSON; imported "
        "the 4 complete records before the cut (up to byte 13611)"
    ) in err
    assert "read no further" not in err
    assert err.strip().endswith("0 records skipped, 1 file not read to the end")
    # The source is the file as it is: its own SHA-256, one source.
    sources = session_of(out).sources
    assert len(sources) == 1 and sources[0].id == "archive-1"
    assert (
        sources[0].title is not None
        and hashlib.sha256(whole[:15000]).hexdigest() in sources[0].title
    )


def test_a_cut_before_the_first_record_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "statuses.json"
    cut.write_bytes((DATA / "mastodon" / "statuses.json").read_bytes()[:300])
    code, _, err = run(capsys, "import", str(cut))
    assert code == 1
    assert "ends at byte 300, inside its JSON (cut off?), before its first record" in err
    assert "not an export replay-tui reads" not in err
    code, _, err = run(capsys, "import", str(cut), "--format", "mastodon")
    assert code == 1
    assert "cut off?); nothing of it was imported" in err and "read no further" not in err
