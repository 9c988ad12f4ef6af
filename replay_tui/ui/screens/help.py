"""The help screen: every key, read from the same table as the bindings (`ui/keys.py`)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from replay_tui.ui import text as t
from replay_tui.ui.screens.modal import ReadingScreen, closing_bindings


class HelpScreen(ReadingScreen):
    """A modal list of keys; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = closing_bindings("escape,question_mark")
    BOX_ID = "help-box"
    BODY_ID = "help-table"
    HINT = "Esc or ? to close"

    def __init__(self, rows: list[tuple[str, str]], title: str = "Keys") -> None:
        super().__init__(_table(rows), title)


def _table(rows: list[tuple[str, str]]) -> Content:
    """(keys, what they do), the keys in a column as wide as the widest."""
    width = max(len(keys) for keys, _ in rows) + 3
    lines = [
        t.join([t.words(keys.ljust(width), "bold $text-accent"), t.words(what)])
        for keys, what in rows
    ]
    return t.join(lines, "\n")
