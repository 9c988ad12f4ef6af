"""`opening.preview`: the title card of a large JSON session, read without its posts, and
no preview (so the file is checked before the app starts) for anything else."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from replay_tui.format.preview import PREVIEW_FROM_BYTES, preview
from replay_tui.format.read import load_session

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "good" / "small.toml"
BIG = 10**9


def as_json(folder: Path, name: str = "session.json", **changes: object) -> Path:
    """small.toml written as JSON, with top-level fields replaced by `changes`."""
    document = msgspec.to_builtins(load_session(SMALL).session)
    document.update(changes)
    path = folder / name
    path.write_bytes(msgspec.json.encode(document))
    return path


def test_a_large_json_file_previews_its_title_card(tmp_path: Path) -> None:
    path = as_json(tmp_path)
    session = load_session(SMALL).session
    found = preview(path, max_bytes=BIG, from_bytes=0)
    assert found is not None
    assert found.file == str(path)
    assert found.size == path.stat().st_size
    assert found.head.title == session.title
    assert found.head.summary == session.summary
    assert found.head.participants == session.participants
    assert found.head.sources == session.sources
    assert found.head.chapters == session.chapters


def head_first_and_last(tmp_path: Path, order: list[str]) -> Path:
    document = msgspec.to_builtins(load_session(SMALL).session)
    path = tmp_path / "ordered.json"
    path.write_bytes(msgspec.json.encode({key: document[key] for key in order if key in document}))
    return path


def test_the_head_is_read_wherever_the_file_puts_it(tmp_path: Path) -> None:
    session = load_session(SMALL).session
    everything = list(msgspec.to_builtins(session))
    rest = [k for k in everything if k not in ("posts", "participants", "context", "title")]
    # Title after the posts: the whole file is read, skipping the posts.
    path = head_first_and_last(tmp_path, ["posts", *rest, "participants", "title"])
    found = preview(path, max_bytes=BIG, from_bytes=0)
    assert found is not None
    assert found.head.title == session.title
    assert found.head.participants == session.participants
    # Context notes (which have `posts` of their own) before the posts: still the top level.
    path = head_first_and_last(tmp_path, ["title", "context", "posts", "participants"])
    found = preview(path, max_bytes=BIG, from_bytes=0)
    assert found is not None
    assert found.head.title == session.title
    assert found.head.participants == session.participants
    # Read from the bytes before the posts: a section after them is not counted.
    path = head_first_and_last(tmp_path, ["title", "summary", "posts", "participants"])
    found = preview(path, max_bytes=BIG, from_bytes=0)
    assert found is not None
    assert found.head.summary == session.summary
    assert found.head.participants is None


def test_the_posts_are_not_read_for_a_preview(tmp_path: Path) -> None:
    # A post the checker refuses does not stop the preview: the check comes after it.
    path = as_json(tmp_path, posts=[{"id": "p1", "author": 3, "sources": "nope"}])
    found = preview(path, max_bytes=BIG, from_bytes=0)
    assert found is not None
    assert found.head.title


def test_small_files_and_toml_files_get_no_preview(tmp_path: Path) -> None:
    path = as_json(tmp_path)
    assert path.stat().st_size < PREVIEW_FROM_BYTES
    assert preview(path, max_bytes=BIG) is None
    assert preview(SMALL, max_bytes=BIG, from_bytes=0) is None


def test_a_file_over_the_size_limit_gets_no_preview(tmp_path: Path) -> None:
    path = as_json(tmp_path)
    assert preview(path, max_bytes=path.stat().st_size - 1, from_bytes=0) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b'{"title": 3}',
        b'{"summary": "no title"}',
        b"[1, 2]",
        b"\xff\xfe{}",
        b'{"title": "x", "participants": "everyone"}',
    ],
    ids=["empty", "cut", "wrong-title", "no-title", "array", "not-utf8", "wrong-section"],
)
def test_an_unreadable_head_gets_no_preview(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert preview(path, max_bytes=BIG, from_bytes=0) is None


def test_missing_files_and_folders_get_no_preview(tmp_path: Path) -> None:
    assert preview(tmp_path / "absent.json", max_bytes=BIG, from_bytes=0) is None
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert preview(folder, max_bytes=BIG, from_bytes=0) is None
