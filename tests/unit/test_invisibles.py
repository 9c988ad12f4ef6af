"""Invisible characters are shown, in the replay's words and in the text export.

A zero-width space, a byte-order mark or a tag character makes two wordings that differ
look identical; a journalist comparing them must see the difference. They become stand-ins
(`<U+200B>`) through `words.sanitize`, the one path every displayed text takes, while the
joiners that emoji and scripts need stay as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from replay_tui.export import ExportOptions, export
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
