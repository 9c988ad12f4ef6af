"""A post's own content warning in the format: the fields, the schema, the checker's rules,
and the reveal state that gates the words (`replay/reveal.py`)."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from replay_tui.format.model import Post, Session, json_schema
from replay_tui.format.read import load_session, read_session
from replay_tui.replay.cursor import Replay
from replay_tui.replay.reveal import Reveal, sensitive, words_hidden
from replay_tui.words import phrases

DATA = Path(__file__).resolve().parent.parent / "data"
WARNED = DATA / "good" / "warned.toml"


def post(**fields: object) -> Post:
    return msgspec.convert({"id": "p", "author": "a", "sources": ["s"], **fields}, Post)


def test_the_fields_default_to_no_warning_by_the_editor() -> None:
    plain = post(text="x")
    assert plain.warning is None and plain.warning_by == "editor"
    assert msgspec.json.encode(plain) == b'{"id":"p","author":"a","sources":["s"],"text":"x"}'


def test_warning_by_accepts_author_or_editor_only() -> None:
    assert post(text="x", warning="w", warning_by="author").warning_by == "author"
    with pytest.raises(msgspec.ValidationError, match="warning_by"):
        post(text="x", warning="w", warning_by="someone")


def test_the_schema_has_both_fields() -> None:
    schema = json_schema()
    fields = schema["$defs"]["Post"]["properties"]  # type: ignore[index]
    assert fields["warning"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert fields["warning_by"]["enum"] == ["author", "editor"]
    assert fields["warning_by"]["default"] == "editor"


def test_a_session_with_warned_words_checks_clean() -> None:
    loaded, problems = read_session(WARNED)
    assert loaded is not None and problems == []


def test_an_empty_media_warning_is_said_too(tmp_path: Path) -> None:
    text = (DATA / "warn" / "warning_without_description.toml").read_text(encoding="utf-8")
    path = tmp_path / "empty_media_warning.toml"
    path.write_text(text.replace('warning = "Graphic"', 'warning = ""\n  description = "d"'))
    _, problems = read_session(path)
    assert [(p.code, p.path) for p in problems] == [("empty-warning", "posts[1].media[0].warning")]


def test_a_warning_over_variants_alone_hides_something() -> None:
    missing = {"status": "missing", "warning": "w"}
    assert not words_hidden(post(**missing), revealed=False)
    with_variant = post(**missing, variants=[{"source": "s", "text": "v"}])
    assert words_hidden(with_variant, revealed=False)
    assert not words_hidden(with_variant, revealed=True)


def test_v_reveals_words_on_a_post_with_no_media() -> None:
    loaded = load_session(WARNED)
    reveal = Reveal(Replay(loaded))
    reveal.replay.go(0)
    assert reveal.toggle_sensitive() is None  # p1: nothing to reveal
    reveal.replay.go(1)
    assert sensitive(reveal.replay.posts[1]) and not reveal.revealed
    assert reveal.toggle_sensitive() is True and reveal.revealed_at(1)
    reveal.replay.next()
    reveal.replay.prev()
    assert not reveal.revealed  # a new visit: hidden again


def test_previews_show_the_warning_in_place_of_hidden_words() -> None:
    assert phrases.preview_words(post(text="x")) == "x"
    warned = post(text="x", warning="w", warning_by="author")
    assert phrases.preview_words(warned) == "⚠ content warning by the author: w"
    assert phrases.warning_words(post(text="x", warning="w")) == (
        "content warning by the session's editor: w"
    )
    assert phrases.preview_words(post(status="missing", warning="w")) == phrases.MISSING_TEXT


def test_session_struct_round_trips_the_fields() -> None:
    loaded = load_session(WARNED)
    again = msgspec.json.decode(msgspec.json.encode(loaded.session), type=Session)
    assert again.posts[1].warning == "Injury details" and again.posts[1].warning_by == "author"
