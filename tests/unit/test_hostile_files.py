"""Files built to hurt the reader: refused in words, on their line, quickly and cheaply.

Each fixture in tests/data/bad/ named here once gave a traceback, a hang or a memory
blow-up (issue 16); the fuzzer in test_fuzz.py keeps looking for the next one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from replay_tui.format import guard
from replay_tui.format.read import read_session

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"

# fixture, code, line, column, words the message must contain
HOSTILE = [
    ("year_9999_with_offset.toml", "bad-time", 25, 1, "between the years 0002 and 9998"),
    ("year_0001_in_zone.toml", "bad-time", 18, 1, "at the edge of the calendar"),
    ("deep_inline_table.toml", "too-deep", 6, 107, "nested more than 32 levels deep"),
    ("deep_array.toml", "too-deep", 6, 43, "nested more than 32 levels deep"),
    ("deep_table_name.toml", "key-too-deep", 30, 17, "more than 8 parts"),
    ("dotted_key_thousands.toml", "key-too-deep", 31, 16, "more than 8 parts"),
    ("huge_integer.toml", "number-too-long", 6, 11, "a number of 5,000 digits"),
    ("deep_json_top.json", "too-deep", 1, 33, "nested more than 32 levels deep"),
    ("deep_json_field.json", "too-deep", 4, 198, "nested more than 32 levels deep"),
]


@pytest.mark.parametrize(("name", "code", "line", "column", "words"), HOSTILE)
def test_a_hostile_file_is_refused_in_words_on_its_line(
    name: str, code: str, line: int, column: int, words: str
) -> None:
    file = DATA / "bad" / name
    loaded, problems = read_session(file)
    assert loaded is None
    assert [(p.code, p.line, p.column, p.file) for p in problems] == [
        (code, line, column, str(file))
    ]
    assert words in problems[0].message


def refused_by_the_command(*files: str) -> list[str]:
    """What `replay-tui check FILES` prints, once it has exited 1 without a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "replay_tui", "check", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,  # a guard against a hang, not a measure of speed
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    return done.stdout.splitlines()


def test_the_command_refuses_them_all_with_status_1_and_no_traceback() -> None:
    files = [str(DATA / "bad" / name) for name, *_ in HOSTILE]
    lines = refused_by_the_command(*files)
    assert len(lines) == len(files)
    for file, said in zip(files, lines, strict=True):
        assert said.startswith(file + ":") and ": error: " in said


def test_limits_are_far_above_what_a_session_needs() -> None:
    """The bundled sessions and the hostile fixture (every odd character in every field)
    keep every limit with room to spare."""
    for file in [*sorted((ROOT / "sessions").glob("*.toml")), DATA / "hostile.toml"]:
        assert guard.toml_limits(file.read_text(encoding="utf-8")) == []
        loaded, problems = read_session(file)
        assert loaded is not None, problems


@pytest.mark.parametrize(
    "text",
    [
        'a = """ [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ """\n',
        "a = ''' {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ '''\n",
        'a = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n',
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
        'a = "1.2.3.4.5.6.7.8.9.10.11.12"\n',
        "a = 2013-10-22T14:05:00.123+03:00\nb = 1.5e10\n",
        'a = """x""""\nb = 1\n',
    ],
)
def test_brackets_and_dots_in_strings_and_comments_are_not_structure(text: str) -> None:
    assert guard.toml_limits(text) == []


def test_the_limits_are_where_the_documentation_says() -> None:
    assert guard.toml_limits("a = " + "[" * 32 + "]" * 32) == []
    assert guard.toml_limits("a = " + "[" * 33 + "]" * 33)[0].code == "too-deep"
    assert guard.toml_limits(".".join("a" * 8) + " = 1") == []
    assert guard.toml_limits(".".join("a" * 9) + " = 1")[0].code == "key-too-deep"
    assert guard.toml_limits("a = " + "9" * 100) == []
    assert guard.toml_limits("a = " + "9" * 101)[0].code == "number-too-long"
    assert guard.json_limits(b"[" * 32 + b"]" * 32) == []
    assert guard.json_limits(b"[" * 33 + b"]" * 33)[0].code == "too-deep"
    alternating = b'{"b":[' * 16 + b"]}" * 16  # objects and arrays count alike
    assert guard.json_limits(alternating) == []
    assert guard.json_limits(b"[" + alternating + b"]")[0].code == "too-deep"
    # Unbalanced (a file cut off): walked, not trusted to the quick reduction.
    assert guard.json_limits(b"[" * 40)[0].code == "too-deep"
    assert guard.json_limits(b'["]]]]", {"a": [1]}]') == []
    doc = (ROOT / "docs" / "session-format.md").read_text(encoding="utf-8")
    for limit in (guard.MAX_DEPTH, guard.MAX_KEY_PARTS, guard.MAX_DIGITS, guard.MAX_NAMES):
        assert f"{limit:,}" in doc


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "session.toml"
    os.mkfifo(pipe)
    loaded, problems = read_session(pipe)  # would block for ever if opened
    assert loaded is None
    assert [(p.code, p.file) for p in problems] == [("not-a-file", str(pipe))]
    assert "named pipe" in problems[0].message
    done = subprocess.run(
        [sys.executable, "-m", "replay_tui", "check", str(pipe)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "not a session file" in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_behind_a_session_name_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    tracemalloc.start()
    try:
        loaded, problems = read_session(link)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded is None
    assert [p.code for p in problems] == ["not-a-file"]
    assert peak < 1024 * 1024


def traced_peak(file: Path) -> int:
    """The most memory (traced Python allocations) reading `file` took, once warm."""
    read_session(file)  # imports, compiled patterns and caches are not the file's cost
    tracemalloc.start()
    try:
        read_session(file)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_200_kb_dotted_key_costs_a_small_multiple_of_its_size(tmp_path: Path) -> None:
    """tomllib alone would take about 24 GB for this file (its memory grows with the
    square of the key's parts); it is refused after one pass over the text."""
    file = tmp_path / "dotted.toml"
    file.write_text('format = "replay-tui/1"\n' + ".".join(["a"] * 100_000) + " = 1\n")
    size = file.stat().st_size
    assert size > 200_000
    assert traced_peak(file) < 4 * size


def test_a_small_file_never_reserves_the_size_limit(tmp_path: Path) -> None:
    """Reading asks for the file's own size, not the 512 MiB limit."""
    file = DATA / "good" / "minimal.toml"
    assert traced_peak(file) < 256 * 1024


def test_no_test_file_costs_more_than_a_few_times_its_size() -> None:
    files = [
        *sorted((ROOT / "sessions").glob("*.toml")),
        *sorted(p for p in DATA.rglob("*") if p.is_file() and p.stat().st_size > 0),
    ]
    worst = max(traced_peak(file) / max(file.stat().st_size, 16 * 1024) for file in files)
    assert worst < 40


def test_a_deep_file_gets_no_preview_and_the_picker_lists_it_with_its_problem(
    tmp_path: Path,
) -> None:
    from replay_tui.format.preview import preview
    from replay_tui.user.library import scan

    file = tmp_path / "deep.json"
    file.write_text('{"title": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}")
    assert preview(file, max_bytes=1 << 20, from_bytes=0) is None
    [entry] = scan([tmp_path], include_defaults=False, preview_from=0)
    assert entry.problem is not None and entry.problem.code == "too-deep"
