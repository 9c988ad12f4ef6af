"""A post's own content warning in every export: the warning first, named as the author's
or the editor's, then the words behind it (folded in a <details> where the medium has one),
and the JSON export keeps the fields as written."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import pytest
from test_export import assert_inert, parse_html, shown

from replay_tui.export import FORMATS, ExportOptions, export
from replay_tui.export.citation import citation
from replay_tui.format.read import load_session

DATA = Path(__file__).resolve().parent.parent / "data"
WARNED = load_session(DATA / "good" / "warned.toml")
TEXT = "The accident report describes the injuries in detail."
BY_AUTHOR = "Content warning by the author: Injury details"
BY_EDITOR = "Content warning by the session's editor: Disaster: a description of flood damage"
VARIANT = "The council talked about the flooded homes."


def run(fmt: str, **options: bool) -> str:
    return export(WARNED, fmt, ExportOptions(**options))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("json", "timelinejs-page")])
def test_the_warning_comes_first_and_the_words_follow_it(fmt: str) -> None:
    out = run(fmt)
    if fmt == "timelinejs":
        out = "\n".join(e["text"]["text"] for e in json.loads(out)["events"])
    assert_inert(out)
    if fmt in ("html", "timelinejs"):
        out = unescape(out)
    for warning, words in ((BY_AUTHOR, TEXT), (BY_EDITOR, VARIANT)):
        assert out.count(warning) == 1, fmt
        assert out.index(warning) < out.index(words), fmt
    # A post with no warning, and the missing post, are not said to have one.
    assert out.count("Content warning") == 2


def test_text_marks_the_words_as_behind_the_warning() -> None:
    lines = run("text").splitlines()
    at = lines.index(f"⚠ {BY_AUTHOR}")
    assert lines[at + 1] == f"Text (behind the warning): {TEXT}"
    assert f"As worded by Riverside Radio (behind the warning): {VARIANT}" in lines


def test_markdown_marks_the_words_as_behind_the_warning() -> None:
    out = run("markdown")
    assert f"**⚠ {BY_AUTHOR}**\n\n*Text behind the warning:*\n\n> {TEXT}" in out


@pytest.mark.parametrize("fmt", ["html", "timelinejs"])
def test_html_folds_the_words_in_details_after_the_warning(fmt: str) -> None:
    out = run(fmt)
    page = out if fmt == "html" else "".join(e["text"]["text"] for e in json.loads(out)["events"])
    parsed = parse_html(page)
    names = [tag for tag, _ in parsed.tags]
    assert names.count("details") == 2 and names.count("summary") == 2
    folded = page.split("<details>")[1].split("</details>")[0]
    assert TEXT in folded and "Text behind the warning" in folded
    assert TEXT not in page.split("<details>")[0]
    editor = page.split("<details>")[2].split("</details>")[0]
    assert VARIANT in unescape(editor)


def test_timelinejs_does_not_embed_a_post_behind_its_warning(tmp_path: Path) -> None:
    source = (DATA / "good" / "warned.toml").read_text(encoding="utf-8")
    source = source.replace(
        'warning_by = "author"',
        'warning_by = "author"\nurl = "https://twitter.com/ben/status/1367775617290887170"',
    )
    path = tmp_path / "embed.toml"
    path.write_text(source, encoding="utf-8")
    events = json.loads(export(load_session(path), "timelinejs", ExportOptions()))["events"]
    assert "media" not in events[1]
    assert "https://twitter.com/ben/status/1367775617290887170" in events[1]["text"]["text"]


def test_json_keeps_the_warning_and_whose_it_is() -> None:
    posts = json.loads(run("json"))["session"]["posts"]
    assert posts[1]["warning"] == "Injury details" and posts[1]["warning_by"] == "author"
    assert posts[1]["text"] == TEXT
    assert posts[3]["warning"].startswith("Disaster") and "warning_by" not in posts[3]


def test_the_citation_puts_the_warning_before_the_quote() -> None:
    lines = citation(WARNED, 1).splitlines()
    assert lines[1:3] == [f"[{BY_AUTHOR}]", f"“{TEXT}”"]
    assert "Content warning" not in citation(WARNED, 0)
    assert citation(WARNED, 3).splitlines()[1] == f"[{BY_EDITOR}]"


HOSTILE_WARNING = "[bold]x[/] <script>alert(1)</script> \x1b[2J \u202eevil"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_hostile_warning_stays_inert_in_every_export(tmp_path: Path, fmt: str) -> None:
    source = (DATA / "good" / "warned.toml").read_text(encoding="utf-8")
    source = source.replace(
        '"Injury details"', '"[bold]x[/] <script>alert(1)</script> \\u001b[2J \\u202eevil"'
    )
    path = tmp_path / "hostile.toml"
    path.write_text(source, encoding="utf-8")
    loaded = load_session(path)
    assert loaded.session.posts[1].warning == HOSTILE_WARNING
    out = export(loaded, fmt, ExportOptions())
    assert_inert(out)
    if fmt in ("html", "markdown", "timelinejs", "timelinejs-page"):
        assert "<script>alert" not in out  # escaped, never a tag
    if fmt == "json":  # the data as written, its controls \u-escaped (inert)
        assert json.loads(out)["session"]["posts"][1]["warning"] == HOSTILE_WARNING
    elif fmt != "timelinejs-page":  # the page holds the timelinejs document, tested above
        # What a reader sees: the warning's characters, literally.
        assert "[bold]x[/] <script>alert(1)</script> ^[[2J <U+202E>evil" in shown(fmt, out)
