"""Invisible characters are shown, in the replay's words and in every export.

A zero-width space, a byte-order mark or a tag character makes two wordings that differ
look identical; a journalist comparing them must see the difference. They become stand-ins
(`<U+200B>`) through `words.sanitize`, the one path every displayed text takes, while the
joiners that emoji and scripts need stay as they are. The JSON exports, which are data, keep
each text exact and write these characters as `\\uXXXX` escapes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from replay_tui.export import FORMATS, ExportOptions, export
from replay_tui.export.citation import citation
from replay_tui.format.read import read_session
from replay_tui.words.sanitize import one_line, visible

DATA = Path(__file__).resolve().parent.parent / "data"
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\u200bb", "a<U+200B>b"),
        ("a\ufeffb", "a<U+FEFF>b"),
        ("a\u2060b\u2063c", "a<U+2060>b<U+2063>c"),
        ("x\U000e0041\U000e0042y", "x<U+E0041><U+E0042>y"),
        ("\U000e0001lang", "<U+E0001>lang"),
        ("\U000e007f alone", "<U+E007F> alone"),
        ("a\ufff9b\ufffbc", "a<U+FFF9>b<U+FFFB>c"),
    ],
)
def test_invisibles_are_shown(text: str, shown: str) -> None:
    assert visible(text) == shown
    assert one_line(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d👩\u200d👧 family",  # zero-width joiner inside an emoji sequence
        "می\u200cخواهم",  # zero-width non-joiner in Persian
        "क्\u200dष",  # joiner in Devanagari
        "שלום \u200e(1) \u200fمرحبا\u061c",  # directional marks
        f"flag {SCOTLAND} of Scotland",  # an emoji tag sequence
        "ᠮᠣᠩᠭᠣᠯ\u180eᠠ",  # Mongolian vowel separator
    ],
)
def test_joiners_marks_and_flags_that_scripts_need_are_kept(text: str) -> None:
    assert visible(text) == text


def test_a_flag_sequence_with_stray_tags_keeps_the_flag_and_shows_the_rest() -> None:
    assert visible(f"{SCOTLAND}\U000e0041") == f"{SCOTLAND}<U+E0041>"
    assert visible("\U0001f3f4\U000e0067 cut") == "\U0001f3f4<U+E0067> cut"


def test_the_text_export_shows_them(tmp_path: Path) -> None:
    source = (DATA / "good" / "minimal.toml").read_text(encoding="utf-8")
    file = tmp_path / "invisible.toml"
    file.write_text(
        source.replace('text = "one"', 'text = "same\\u200bwords\\ufeff \\U000E0041 👩\\u200d👩"'),
        encoding="utf-8",
    )
    loaded, problems = read_session(file)
    assert loaded is not None, problems
    out = export(loaded, "text", ExportOptions())
    assert "same<U+200B>words<U+FEFF> <U+E0041> 👩\u200d👩" in out
    assert "\u200b" not in out and "\ufeff" not in out


HIDDEN = "z\u200bw\ufeffb\U000e0041t"
KEPT = f"{SCOTLAND} 👩\u200d👩 می\u200cخواهم"
RAW_INVISIBLE = re.compile("[\u200b\ufeff\u2060-\u2064\U000e0000-\U000e007f]")


def _every_export(tmp_path: Path) -> dict[str, str]:
    """Every export (and the citation of every post) of the hostile fixture, with hidden
    characters and kept joiners and flags at the start of every post's text."""
    source = (DATA / "hostile.toml").read_text(encoding="utf-8")
    escaped = (HIDDEN + " " + KEPT + " ").encode("unicode_escape").decode("ascii")
    file = tmp_path / "invisible.toml"
    file.write_text(source.replace('\ntext = "', '\ntext = "' + escaped), encoding="utf-8")
    loaded, problems = read_session(file)
    assert loaded is not None, problems
    outputs = {name: export(loaded, name, ExportOptions()) for name in FORMATS}
    outputs["citation"] = "\n".join(
        citation(loaded, index) for index in range(len(loaded.session.posts))
    )
    return outputs


def test_no_export_lets_an_invisible_character_through_raw(tmp_path: Path) -> None:
    outputs = _every_export(tmp_path)
    assert set(outputs) == {*FORMATS, "citation"}
    for name, out in outputs.items():
        stray = RAW_INVISIBLE.findall(out.replace(SCOTLAND, ""))
        assert stray == [], name
        assert KEPT.replace(SCOTLAND, "") in out.replace(SCOTLAND, ""), name
        assert SCOTLAND in out, name  # the flag is whole, not shown as tags
    for name in ("text", "citation"):
        assert "z<U+200B>w<U+FEFF>b<U+E0041>t" in outputs[name]
    for name in ("markdown", "html", "timelinejs"):  # (the page escapes & and < too)
        assert "z&lt;U+200B&gt;w&lt;U+FEFF&gt;b&lt;U+E0041&gt;t" in outputs[name], name


def test_the_json_export_escapes_them_and_keeps_the_text_exact(tmp_path: Path) -> None:
    """A data export keeps the words verbatim: the escapes decode to the very characters."""
    out = _every_export(tmp_path)["json"]
    assert "z\\u200bw\\ufeffb\\udb40\\udc41t" in out
    texts = [post["text"] for post in json.loads(out)["session"]["posts"]]
    assert texts and all(text.startswith(HIDDEN + " " + KEPT) for text in texts)
