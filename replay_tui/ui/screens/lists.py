"""Small modal lists to jump from: the chapters (`C`) and the bookmarks (`B`).

A list of a session's chapters or a user's bookmarks is short (tens, perhaps hundreds), so a
plain `OptionList` serves; every row is Content built through `ui/text.py`, never a markup
string, because titles and post texts are session text. Choosing a row dismisses the list
with the position to go to; Esc dismisses it with None.

Enter is the list's own priority binding, not the OptionList's: the OptionList's choice
comes back as a message, handled after the keys typed just after Enter had gone elsewhere
(a `right` stepped before the jump, an Esc dropped the choice). Enter and Esc both close
through `close_after_typed` (ui/handoff.py): the keys typed before them move the highlight
first, the keys typed after them are handled after the jump, in order.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from replay_tui.ui import text as t
from replay_tui.ui.handoff import close_after_typed
from replay_tui.ui.screens.modal import boxed


class JumpList(ModalScreen[int | None]):
    """Pick one of `rows` ((what it says, where it goes)); `current` is highlighted first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the keys typed after Esc go to the replay screen (ui/handoff.py).
        Binding("escape", "close", "Close", show=False, priority=True),
        Binding("enter", "choose", "Go there", show=False, priority=True),
        # A modal screen hides the app's bindings; q still quits, as the help says.
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self,
        title: str,
        rows: list[tuple[Content, int]],
        *,
        current: int | None = None,
        hint: str = "Enter: go there · Esc: close",
    ) -> None:
        super().__init__()
        self.heading = title
        self.rows = rows
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with boxed(Vertical(id="jump-box"), self.heading, self.hint):
            yield OptionList(id="jump-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        items: list[Option | None] = []
        for number, (prompt, _) in enumerate(self.rows):
            if number:
                items.append(None)
            items.append(Option(prompt, id=str(number)))
        options.add_options(items)
        if self.rows:
            at = 0
            if self.current is not None:
                at = max(
                    (n for n, (_, where) in enumerate(self.rows) if where <= self.current),
                    default=0,
                )
            options.highlighted = options.get_option_index(str(at))
        options.focus()

    @on(OptionList.OptionSelected, "#jump-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        # A click (Enter never reaches the OptionList: `action_choose`).
        self._go(event.option)

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        close_after_typed(self, options, lambda: self._go(self._highlighted(options)))

    @staticmethod
    def _highlighted(options: OptionList) -> Option | None:
        at = options.highlighted
        return None if at is None else options.get_option_at_index(at)

    def _go(self, option: Option | None) -> None:
        if option is not None:
            self.dismiss(self.rows[int(option.id or 0)][1])

    def action_close(self) -> None:
        close_after_typed(self, self.focused, lambda: self.dismiss(None))

    @property
    def texts(self) -> list[str]:
        """The rows as plain text (for tests)."""
        return [prompt.plain for prompt, _ in self.rows]


def two_lines(first: Content, second: Content) -> Content:
    """A list row: a bold first line and a muted second line."""
    return t.join([first, second.stylize(t.MUTED)], "\n")
