"""Junk that parses: a valid TOML or JSON file, within every limit, that is not a session.

Such a file must be refused like any other bad file, at a small multiple of its size in
memory and without reading it to the end (issue 16): what it costs is bounded by the limits
of `format/guard.py`, not by how many of its entries are wrong. The family of worst cases is
the one `scripts/memory.py` measures for the README.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from test_hostile_files import refused_by_the_command, traced_peak

from replay_tui.cli import main
from replay_tui.format import guard
from replay_tui.format.read import read_session

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"


def _memory_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("memory_script", ROOT / "scripts" / "memory.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def worst_cases(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("junk")
    return list(_memory_script().hostile(folder, size=60_000))


def test_no_worst_case_costs_more_than_a_small_multiple_of_its_size(
    worst_cases: list[Path],
) -> None:
    """Peak of Python's allocations (deterministic: the same objects every run). What
    would cost the parsers most (tables and lists packed densely, many names) is refused
    before they see it; the rest stays near the limit on density (`guard.MAX_DENSITY`)."""
    ratios = {
        file.name: traced_peak(file) / max(file.stat().st_size, 16 * 1024) for file in worst_cases
    }
    assert len(ratios) >= 20
    too_costly = {name: round(ratio, 1) for name, ratio in ratios.items() if ratio > 24}
    assert too_costly == {}


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_junk_stops_at_the_problem_limit_and_says_so_on_its_line(kind: str, tmp_path: Path) -> None:
    file = tmp_path / f"junk.{kind}"
    if kind == "toml":
        file.write_text('format = "replay-tui/1"\n' + '[[posts]]\nx = "not a post"\n' * 20_000)
    else:
        post = '{"x": "not a post, but not dense either"}'
        file.write_text('{"format": "replay-tui/1", "posts": [' + ",".join([post] * 20_000) + "]}")
    loaded, problems = read_session(file)
    assert loaded is None
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == guard.MAX_PROBLEMS + 1
    last = problems[-1]
    assert last.code == guard.TOO_MANY and "reading stopped after 50 errors" in last.message
    assert last.line is not None and last.file == str(file)
    assert all(p.line is not None for p in problems)


def test_the_command_refuses_junk_with_status_1_and_a_short_list(tmp_path: Path) -> None:
    file = tmp_path / "junk.json"
    file.write_text('{"format": "replay-tui/1", "posts": [' + ",".join(["1"] * 100_000) + "]}")
    lines = refused_by_the_command(str(file))
    assert len(lines) == guard.MAX_PROBLEMS + 1
    assert "reading stopped after 50 errors" in lines[-1]


def _dangling(tmp_path: Path, posts: int) -> Path:
    """A session whose `posts` posts all point at a participant who is not there."""
    minimal = (DATA / "good" / "minimal.toml").read_text(encoding="utf-8")
    head = minimal[: minimal.index("[[posts]]")]
    body = "".join(
        f'[[posts]]\nid = "p{i}"\nauthor = "nobody"\ntime = "2020-01-01"\ntext = "x"\n'
        'sources = ["s1"]\n'
        for i in range(posts)
    )
    file = tmp_path / "dangling.toml"
    file.write_text(head + body, encoding="utf-8")
    return file


def test_more_meaning_problems_than_the_limit_are_counted_not_listed(tmp_path: Path) -> None:
    """A session read whole whose posts all point at nobody: the first 50 are said, and
    how many more there are."""
    file = _dangling(tmp_path, 120)
    loaded, problems = read_session(file)
    assert loaded is None
    errors = [p for p in problems if p.severity == "error" and p.code != guard.TOO_MANY]
    assert len(errors) == guard.MAX_PROBLEMS
    assert all(p.code == "dangling-reference" and p.line is not None for p in errors)
    assert [p.line for p in errors] == sorted(p.line or 0 for p in errors)
    more = [p for p in problems if p.code == guard.TOO_MANY]
    assert [p.message for p in more] == [
        "… and 70 more errors, not listed: fix these and check again"
    ]
    assert problems[-1] == more[0]


def test_the_summary_counts_the_errors_not_listed_and_not_the_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = str(_dangling(tmp_path, 120))
    assert main(["check", file]) == 1
    assert capsys.readouterr().err.startswith("1 file checked: 120 errors, ")
    assert main(["check", "--format", "json", file]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["errors"], document["complete"]) == (120, True)


def test_a_summary_after_reading_stopped_says_more_may_follow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "junk.json"
    file.write_text('{"format": "replay-tui/1", "posts": [' + ",".join(["1"] * 1_000) + "]}")
    assert main(["check", str(file)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == guard.MAX_PROBLEMS + 1
    assert err == "1 file checked: 50 errors or more (reading stopped early), 0 warnings\n"
    assert main(["check", "--format", "json", str(file)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["errors"], document["complete"]) == (guard.MAX_PROBLEMS, False)
    assert document["files"][0]["complete"] is False
    assert len(document["files"][0]["problems"]) == guard.MAX_PROBLEMS + 1


def test_different_names_past_the_limit_are_refused_on_their_line() -> None:
    keys = "".join(f"k{i} = 1\n" for i in range(guard.MAX_NAMES + 10))
    [problem] = guard.toml_limits(keys)
    assert problem.code == "too-many-names"
    # The head's keys and this many more keep the limit; the next is refused on its line.
    assert problem.line == guard.MAX_NAMES + 1
    assert f"more than {guard.MAX_NAMES:,} different keys" in problem.message
    tables = "".join(f"[t{i}.a.b]\n" for i in range(guard.MAX_NAMES))
    assert guard.toml_limits(tables)[0].code == "too-many-names"


def test_names_repeated_in_every_post_count_once() -> None:
    """However long a session, its names are the format's fields, met again and again."""
    post = (
        '[[posts]]\nid = "p"\ntext = "x"\nmetrics = {likes = 1, replies = 2}\n'
        'media = [{url = "u", kind = "image"}, {url = "v"}]\nsources = ["s1"]\n'
        '[[posts.variants]]\ntext = "y"\n[posts.metrics]\nlikes = 3\n'
    )
    assert guard.toml_limits(post * 5_000) == []
    for file in (ROOT / "sessions").glob("*.toml"):
        assert guard.toml_limits(file.read_text(encoding="utf-8")) == []


def test_tables_and_lists_packed_densely_are_refused_before_parsing() -> None:
    """A file of nothing but empty tables would take the parser 24 times its size (50
    with dotted keys in them); a session's structure takes 2 to 6."""
    toml = guard.toml_limits('format = "replay-tui/1"\nx = [\n' + "{a.b = 1},\n" * 200_000 + "]\n")
    assert [p.code for p in toml] == ["too-dense"]
    assert toml[0].line is not None and toml[0].line > 1_000
    assert f"more than {guard.MAX_DENSITY} times its size" in toml[0].message
    json = guard.json_limits(b'{"posts": [' + b",".join([b"[]"] * 200_000) + b"]}")
    assert [p.code for p in json] == ["too-dense"]
    # A thousand tables are allowed at any density: a quarter of a megabyte at most.
    assert guard.toml_limits("x = [" + "{}," * 1_000 + "]") == []
    # Deep and dense: the depth is said first.
    assert guard.json_limits(b"[" * 100_000 + b"]" * 100_000)[0].code == "too-deep"


def test_sessions_are_far_from_dense() -> None:
    """Repeated to a megabyte (past the allowance every file has), a session's density
    keeps the limit: it takes a quarter of it."""
    for file in [*(ROOT / "sessions").glob("*.toml"), DATA / "hostile.toml"]:
        text = file.read_text(encoding="utf-8")
        dense = [
            p for p in guard.toml_limits(text * (2**20 // len(text) + 1)) if p.code == "too-dense"
        ]
        assert dense == [], file.name
