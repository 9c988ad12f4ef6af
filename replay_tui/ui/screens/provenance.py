"""The provenance view (`s`): where the current post comes from, for checking it.

A modal over the replay, so the position and everything else stay as they were: each source
that attests the post (outlet, title, author, date, link), the post's own and archived
links, every other wording with the words that differ from the main text marked, how the
time is known (written, or derived and how), and the counts with their moment and source.
The wording is built in `ui/present.py`; links are shown as text, never as clickable
markup, since they come from the session file.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from replay_tui.ui.screens.modal import ReadingScreen, closing_bindings


class ProvenanceScreen(ReadingScreen):
    """A scrollable account of one post's sources; Esc (or s) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = closing_bindings("escape,s")
    BOX_ID = "provenance-box"
    BODY_ID = "provenance-body"
    HINT = "↑ ↓ scroll · Esc closes"

    def on_mount(self) -> None:
        self.query_one(f"#{self.BOX_ID}").focus()
