"""One session, many faults: what the checker says of each, however it is asked.

A file read for its verdict only (`lazy`, as `replay-tui check` reads) or for use, a
session built in memory and checked (as an importer does), posts checked in blocks of any
size, and times read in bulk or one by one must all say the same; and the command, run as a process, whole or cut off by `| head`,
ends with all its output and the right status.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest

from replay_tui.format import post_rules, structure
from replay_tui.format.check import check_session
from replay_tui.format.loaded import LoadedSession
from replay_tui.format.model import Session
from replay_tui.format.problems import Problem
from replay_tui.format.read import read_session

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"


def base(posts: int = 10) -> dict[str, Any]:
    return {
        "format": "replay-tui/1",
        "id": "speed",
        "title": "Speed",
        "timezone": "Asia/Jerusalem",
        "sources": [
            {"id": "s0", "outlet": "S0", "kind": "news"},
            {"id": "s1", "outlet": "S1", "kind": "archive"},
        ],
        "participants": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "chapters": [
            {"title": "One", "start": "p0"},
            {"title": "Two", "start": f"p{posts // 2}"},
        ],
        "posts": [
            {
                "id": f"p{i}",
                "author": "a",
                "sources": ["s0"] if i % 3 else ["s0", "s1"],
                "time": f"2013-10-22T14:{i // 60:02d}:{i % 60:02d}+03:00",
                "text": f"post {i}",
                **({"reply_to": f"p{i - 1}"} if i % 2 else {}),
            }
            for i in range(posts)
        ],
        "reactions": [{"post": "p1", "kind": "favorite", "by": "b", "sources": ["s1"]}],
        "press": [{"source": "s0", "quote": "q", "posts": ["p2"]}],
    }


def changed(**edits: Any) -> dict[str, Any]:
    """`base()` with posts[i] updated by `edits["p<i>"]` (None deletes a field) and the
    other top-level fields replaced."""
    data = base(edits.pop("posts", 10))
    for key, value in edits.items():
        if key.startswith("p") and key[1:].isdigit():
            post = data["posts"][int(key[1:])]
            for name, field_value in value.items():
                if field_value is None:
                    post.pop(name, None)
                else:
                    post[name] = field_value
        else:
            data[key] = value
    return data


CASES: dict[str, dict[str, Any]] = {
    "clean": changed(),
    "backwards at a block edge": changed(
        p3={"time": "2013-10-22T13:00:00+03:00"}, p6={"time": "2013-10-22T14:00:04+03:00"}
    ),
    "equal times": changed(p4={"time": "2013-10-22T14:00:03+03:00"}),
    "naive and aware": changed(
        p2={"time": "2013-10-22T14:00:02"},
        p5={"time": "2013-10-22T11:00:05Z"},
        p6={"time": "2013-10-22T11:00:04Z"},
    ),
    "other offsets": changed(p7={"time": "2013-10-22T12:00:07+01:00"}),
    "fractions": changed(p1={"time": "2013-10-22T14:00:01.5+03:00"}),
    "a day among seconds": changed(p8={"time": "2013-10-22"}),
    "no time": changed(p5={"time": None}),
    "impossible time late": changed(p9={"time": "2013-02-30T14:00:09+03:00"}),
    "url late": changed(
        p8={"url": "https://twitter.com/x/status/392685451372371968"},
        p9={"time": "2013-10-22T13:00:00+03:00"},
    ),
    "duplicates across blocks": changed(p7={"id": "p1"}, p9={"id": "p3"}),
    "forward references": changed(p0={"quotes": "p9"}, p2={"reply_to": "p8"}),
    "dangling": changed(p1={"reply_to": "gone"}, p4={"quotes": "p99"}, p6={"author": "nobody"}),
    "sources": changed(p2={"sources": ["s0", "s9"]}, p5={"sources": []}),
    "texts": changed(p1={"text": None}, p2={"text": ""}, p3={"text": None, "status": "missing"}),
    "extras": changed(
        p2={"variants": [{"source": "s1", "text": "v"}, {"source": "sx", "text": "w"}]},
        p4={"media": [{"kind": "photo", "description": "d"}]},
        p5={"media": [{"kind": "photo", "warning": "w"}]},
        p7={"metrics": [{"at": "2013-13-01", "source": "s0", "likes": 1}]},
    ),
    "media without warnings": changed(
        p4={"media": [{"kind": "photo"}]}, p8={"media": [{"kind": "video", "warning": None}]}
    ),
    "chapters": changed(
        chapters=[
            {"title": "Late", "start": "p8"},
            {"title": "Early", "start": "p1"},
            {"title": "Gone", "start": "p77"},
            {"title": "Again", "start": "p8"},
        ],
        p9={"id": "p8"},
    ),
    "reactions": changed(
        reactions=[
            {"post": "p1", "kind": "favorite", "by": "b", "sources": ["s1"]},
            {"post": "nope", "kind": "repost", "sources": ["s0"], "time": "2013"},
            {"post": "p2", "kind": "favorite", "by": "who", "sources": []},
            {"post": "p3", "kind": "reply", "sources": ["s0", "s7"], "time": "soon"},
        ]
    ),
    "reaction times only": changed(
        reactions=[
            {"post": "p1", "kind": "favorite", "by": "b", "sources": ["s1"], "time": "x"},
            {"post": "p2", "kind": "favorite", "sources": ["s1"], "time": "2013-10"},
        ]
    ),
    "unused": changed(
        participants=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        sources=[
            {"id": "s0", "outlet": "S0", "kind": "news"},
            {"id": "s1", "outlet": "S1", "kind": "archive"},
            {"id": "s2", "outlet": "S2", "kind": "blog"},
        ],
    ),
    "no posts": changed(posts=0, chapters=[], reactions=[], press=[]),
    "one post": changed(posts=1, chapters=[], reactions=[], press=[]),
    "structural errors too": changed(p3={"id": 3}, p4={"reply_to": "p3"}, p5={"bogus": 1}),
}


def said(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(str(p), p.path, p.code) for p in problems]


def made(loaded: LoadedSession | None) -> Any:
    if loaded is None:
        return None
    return (
        [
            None if m is None else (m.instant, m.instant.utcoffset(), m.precision, m.derived)
            for m in loaded.times
        ],
        list(loaded.post_index.items()),
        [(at, chapter.title) for at, chapter in loaded.chapter_starts],
        list(loaded.participants),
        list(loaded.sources),
        [str(p) for p in loaded.warnings],
    )


def outcome(path: Path, lazy: bool) -> Any:
    loaded, problems = read_session(path, lazy=lazy)
    return said(problems), made(loaded)


def in_memory(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.severity, p.message, p.path) for p in problems]


@pytest.mark.parametrize("name", sorted(CASES))
def test_lazy_or_not_in_memory_or_not_by_blocks_or_not_in_bulk_or_not_all_agree(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(CASES[name], indent=1))
    expected = outcome(path, lazy=False)
    assert outcome(path, lazy=True) == expected
    try:
        session = msgspec.convert(CASES[name], Session)
    except msgspec.ValidationError:
        session = None  # structural errors: only a file can have those
    if session is not None:
        # The same problems, in the order checked (a file's are sorted by line).
        loaded, problems = check_session(session, str(path))
        assert sorted(in_memory(problems)) == sorted(in_memory(read_session(path)[1]))
        assert (loaded is None) == (expected[1] is None)
        if loaded is not None:
            assert made(loaded)[:5] == expected[1][:5]
    # The post rules run block by block: any block size says the same.
    for block in (1, 2, 3, 7):
        monkeypatch.setattr(post_rules, "BLOCK", block)
        assert outcome(path, lazy=True) == expected, block
    # Every time read one by one, as when no bulk path applies:
    monkeypatch.setattr("replay_tui.format.timeline.parse_seconds", lambda texts, tz: None)
    for lazy in (False, True):
        assert outcome(path, lazy) == expected, ("one by one", lazy)


def test_the_cases_do_say_what_they_are_about(tmp_path: Path) -> None:
    def codes(name: str) -> list[tuple[str, str]]:
        path = tmp_path / "s.json"
        path.write_text(json.dumps(CASES[name]))
        return [(p.code, p.path) for p in read_session(path, lazy=True)[1]]

    assert codes("clean") == []
    assert codes("backwards at a block edge") == [
        ("time-backwards", "posts[3].time"),
        ("time-backwards", "posts[6].time"),
    ]
    assert codes("duplicates across blocks") == [
        ("duplicate-id", "posts[7].id"),
        ("duplicate-id", "posts[9].id"),
    ]
    assert codes("forward references") == []
    assert sorted(codes("dangling")) == [
        ("dangling-reference", "posts[1].reply_to"),
        ("dangling-reference", "posts[4].quotes"),
        ("dangling-reference", "posts[6].author"),
    ]
    assert ("warning-without-description", "posts[5].media[0]") in codes("extras")
    assert codes("media without warnings") == []
    assert [c for c, _ in codes("reactions")].count("dangling-reference") == 3
    assert codes("reaction times only") == [("bad-time", "reactions[0].time")]


def test_a_session_made_in_python_with_lists_is_checked_the_same() -> None:
    """Structs built in Python are not validated: sources may be lists, not tuples."""
    session = msgspec.convert(CASES["sources"], Session)
    listed = msgspec.structs.replace(
        session,
        posts=[msgspec.structs.replace(p, sources=list(p.sources)) for p in session.posts],
    )
    _, plain = check_session(session, "x.json")
    _, with_lists = check_session(listed, "x.json")
    assert said(with_lists) == said(plain)
    assert [p.code for p in plain] == ["dangling-reference", "no-source"]


# --- bytes and files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'"title": "Speed"', b'"title": "Caf\xe9"'),  # a string msgspec decodes
        (b'"kind": "news"', b'"kind": "news\xff"'),  # an enum value, matched, not decoded
        (b'"title": "Speed"', b'"\xffbogus": 1, "title": "t"'),  # a key
        (b'"title": "Speed"', b'"title": "t", "summary": "\xed\xa0\x80"'),  # a surrogate
        (b'"title": "Speed"', b'"title": "t\xc3"'),  # cut in the middle of a character
    ],
)
def test_a_json_file_that_is_not_utf8_is_said_to_be_so_where_it_is_not(
    tmp_path: Path, old: bytes, new: bytes
) -> None:
    data = json.dumps(base(2), indent=1).encode().replace(old, new, 1)
    path = tmp_path / "s.json"
    path.write_bytes(data)
    loaded, problems = read_session(path, lazy=True)
    assert loaded is None
    with pytest.raises(UnicodeDecodeError) as bad:
        data.decode("utf-8")
    line = data.count(b"\n", 0, bad.value.start) + 1
    assert [(p.code, p.line) for p in problems] == [("not-utf8", line)]


def test_valid_non_ascii_json_and_a_bom_load(tmp_path: Path) -> None:
    data = changed(title="שָׁלוֹם Café", p1={"text": "مرحبا 🌍"})
    path = tmp_path / "s.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode())
    loaded, problems = read_session(path, lazy=True)
    assert loaded is not None and problems == []
    assert loaded.session.title == "שָׁלוֹם Café"


def test_a_structural_error_in_json_is_found_with_one_typed_decode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    decode = msgspec.json.decode

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("type"))
        return decode(*args, **kwargs)

    monkeypatch.setattr(structure.msgspec.json, "decode", counting)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(changed(p2={"author": 5})))
    _, problems = read_session(path)
    assert [p.code for p in problems] == ["wrong-type"]
    # One typed decode; then the top level's fields, each once, as plain values.
    assert calls[:2] == [Session, dict[str, msgspec.Raw]]
    assert calls.count(Session) == 1 and set(calls[2:]) == {None}
    path.write_text(json.dumps(base(3))[:-20])
    _, problems = read_session(path)
    assert [p.code for p in problems] == ["not-json"]


# --- the command ------------------------------------------------------------------------


def command(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.Popen(
        [sys.executable, "-m", "replay_tui", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )


def test_the_command_ends_with_all_its_output_and_the_right_status(tmp_path: Path) -> None:
    bad = sorted(str(p) for p in (DATA / "bad").iterdir())
    many = tmp_path / "many.json"
    many.write_text(json.dumps(changed(posts=3000, p1={"author": "x"}, chapters=[])))
    broken = copy.deepcopy(base(3000))
    for post in broken["posts"]:
        post["author"] = "nobody"
    big = tmp_path / "big.json"
    big.write_text(json.dumps(broken))
    for args, status in [
        ([str(DATA / "good" / "minimal.json")], 0),
        ([str(DATA / "warn" / "unused_source.toml")], 0),
        (["--strict", str(DATA / "warn" / "unused_source.toml")], 1),
        ([*bad, str(big)], 1),
        (["--format", "json", *bad, str(many)], 1),
    ]:
        process = command("check", *args)
        out, err = process.communicate(timeout=60)
        assert process.returncode == status, err
        in_process = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from replay_tui.cli import main; "
                f"sys.exit(main({['check', *args]!r}))",
            ],
            capture_output=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        assert (out, err) == (in_process.stdout, in_process.stderr)
        assert b"Traceback" not in err
    assert out.endswith(b"}\n") and json.loads(out)["errors"] > len(bad)


def test_the_command_keeps_python_exit_statuses() -> None:
    for args, status, where, text in [
        (["check"], 2, 1, b"the following arguments are required: FILE"),
        (["check", "--help"], 0, 0, b"--strict"),
        (["--version"], 0, 0, b"replay-tui "),
        (["check", "--max-size", "lots", "x.json"], 2, 1, b"write it like 512M or 2G"),
    ]:
        process = command(*args)
        output = process.communicate(timeout=60)
        assert process.returncode == status
        assert text in output[where]


def test_a_reader_that_goes_away_is_no_error_and_no_traceback() -> None:
    """`replay-tui check … | head -1`: the reader closes the pipe early."""
    bad = sorted(str(p) for p in (DATA / "bad").iterdir())
    # While the check still writes (more than a pipe holds): the check stops, status 0 as
    # `main` has always said it; once it has written all (into its buffer): the status is
    # the check's, whatever became of the output.
    for files, close_at_once, status in [(bad * 40, False, 0), (bad[:1], True, 1)]:
        process = command("check", *files)
        assert process.stdout is not None and process.stderr is not None
        if close_at_once:
            process.stdout.close()
        else:
            assert process.stdout.readline().startswith(files[0].encode())
            process.stdout.close()
        err = process.stderr.read()
        process.wait(timeout=60)
        assert b"Traceback" not in err and b"Exception ignored" not in err
        assert process.returncode == status
