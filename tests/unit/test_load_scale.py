"""What the loader does differently so that a million posts load fast, kept honest.

A JSON file's text is no longer made up front (only bytes are decoded; the text is made
when a problem has to be placed on a line), UTF-8 is checked by a fast ASCII scan or a
throw-away decode, and a big session is frozen out of the garbage collector. None of that
may change what the checker says.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from replay_tui.format import read as load
from replay_tui.format.read import read_session


def session(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": "replay-tui/1",
        "id": "scale",
        "title": "Scale",
        "timezone": "UTC",
        "sources": [{"id": "s", "outlet": "S", "kind": "news"}],
        "participants": [{"id": "a", "name": "A"}],
        "posts": [
            {"id": "p1", "author": "a", "sources": ["s"], "text": "x", "time": "2015-03-12"},
        ],
    }
    data.update(changes)
    return data


def write(tmp_path: Path, data: object, name: str = "s.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def test_invalid_utf8_json_is_said_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    text = json.dumps(session(title="Caf\u00e9"), indent=1, ensure_ascii=False)
    path.write_bytes(text.encode("latin-1"))
    loaded, problems = read_session(path)
    assert loaded is None
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "Caf" in row)
    assert [(p.code, p.line) for p in problems] == [("not-utf8", line)]


def test_a_problem_in_non_ascii_json_is_placed_on_its_line(tmp_path: Path) -> None:
    posts = [
        {"id": "p1", "author": "a", "sources": ["s"], "text": "שָׁלוֹם", "time": "2015-03-12"},
        {"id": "p2", "author": "nobody", "sources": ["s"], "text": "مرحبا"},
    ]
    path = write(tmp_path, session(posts=posts))
    loaded, problems = read_session(path)
    assert loaded is None
    (problem,) = problems
    assert problem.code == "dangling-reference"
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]  # type: ignore[operator]
    assert '"author": "nobody"' in line


def test_a_warning_in_ascii_json_is_placed_on_its_line(tmp_path: Path) -> None:
    sources = [
        {"id": "s", "outlet": "S", "kind": "news"},
        {"id": "t", "outlet": "T", "kind": "news"},
    ]
    path = write(tmp_path, session(sources=sources))
    loaded, problems = read_session(path)
    assert loaded is not None
    (problem,) = problems
    assert problem.code == "unused-source" and problem.line is not None
    lines = path.read_text().splitlines()
    # The line that opens the unused source's table, the one just above its id.
    assert lines[problem.line - 1].strip() == "{"
    assert lines[problem.line].strip() == '"id": "t",'


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_or_blank(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.json"
    path.write_bytes(content)
    assert [p.code for p in read_session(path)[1]] == ["empty"]


@pytest.fixture
def unfreeze() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_a_big_session_is_frozen_out_of_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unfreeze: None
) -> None:
    monkeypatch.setattr(load, "FREEZE_BYTES", 0)
    path = write(tmp_path, session())
    assert gc.isenabled()
    before = gc.get_freeze_count()
    loaded, _ = read_session(path, freeze=True)
    assert loaded is not None
    assert gc.isenabled(), "the collector is on again afterwards"
    assert gc.get_freeze_count() > before


def test_a_small_or_broken_session_is_not_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unfreeze: None
) -> None:
    before = gc.get_freeze_count()
    read_session(write(tmp_path, session()), freeze=True)
    monkeypatch.setattr(load, "FREEZE_BYTES", 0)
    read_session(write(tmp_path, session(posts=[{"id": "p1"}]), "broken.json"), freeze=True)
    read_session(write(tmp_path, session(), "library.json"))  # the library does not ask
    assert gc.get_freeze_count() == before
    assert gc.isenabled()
