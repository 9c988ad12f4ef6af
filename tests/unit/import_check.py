"""What the import tests share: the `replay-tui check --strict` verdict on an imported session.

The session is written as the command writes it (`imports.encode`) and read back through the
one reader every session goes through, so the test sees what a user's `check --strict` sees.
"""

from __future__ import annotations

from pathlib import Path

from replay_tui.format.model import Post, Session
from replay_tui.format.read import read_session
from replay_tui.imports import ImportOptions, detect, encode, import_paths
from replay_tui.words.sanitize import visible


def strictly_clean(session: Session, tmp_path: Path, suffix: str = ".json") -> None:
    """Assert no error and no warning, as `check --strict` would."""
    out = tmp_path / f"session{suffix}"
    out.write_bytes(encode(session, suffix))
    loaded, problems = read_session(out)
    assert loaded is not None
    assert problems == []


def by_id(session: Session) -> dict[str, Post]:
    """The session's posts by their ids."""
    return {post.id: post for post in session.posts}


def inert_on_screen(text: str) -> None:
    """What the display path makes of `text` holds no escape or bidi control."""
    shown = visible(text)
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "^[" in shown or "<U+202E>" in shown


def fixture_passes(path: Path, fmt: str, tmp_path: Path) -> None:
    """A fixture is recognised as `fmt` by its content, imports to posts, and the session
    passes `check --strict` written as JSON and as TOML."""
    assert detect(path) == fmt
    session = import_paths([path], ImportOptions()).session
    assert session.posts
    strictly_clean(session, tmp_path)
    strictly_clean(session, tmp_path, ".toml")
