"""The search bar (`/`): a query line at the bottom of the replay, over the footer.

It is a modal screen with a transparent ground rather than a widget on the replay screen,
because the replay screen's step keys (h j k l g G and the digits) are priority bindings: on
the replay screen itself, typing "hello" would step back, forward and back again. As a modal
screen, every key goes to the query line, while the replay underneath stays visible and
follows each match.

Enter searches for the typed words and goes to the first match after the current post;
Enter again (or ↓) the next match, ↑ the previous one; Esc closes the bar and keeps the
highlights, so `n` and `N` go on from the replay screen. The searching itself is the replay
screen's: this screen posts what is asked (`SearchAsked`, `MatchAsked`) to the screen that
opened it, and shows what the search says, published on the `said` signal it is given.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.widgets import Input, Static

from replay_tui.ui import text as t
from replay_tui.ui.handoff import close_after_typed
from replay_tui.ui.messages import MatchAsked, SearchAsked

HINT = "Enter: next match · ↑ ↓: previous / next · Esc: close (n and N go on)"


class SearchScreen(ModalScreen[None]):
    """The query line and what the search found."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: Esc acts in typing order, and closes once the keys typed before it
        # are taken; the keys typed after it go to the replay screen (ui/handoff.py).
        Binding("escape", "close", "Close", show=False, priority=True),
        Binding("down", "match(1)", "Next match", show=False),
        Binding("up", "match(-1)", "Previous match", show=False),
    ]

    def __init__(
        self,
        asked: MessagePump,
        query: str = "",
        status: Content | None = None,
        *,
        said: Signal[Content] | None = None,
    ) -> None:
        super().__init__()
        self.asked = asked
        """Where the questions go (the replay screen that opened the bar)."""
        self.query_text = query
        self.initial = status
        self.said = said

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static(t.words(HINT, t.MUTED), markup=False, id="search-status")
            with Horizontal(id="search-line"):
                yield Static(t.words("/ ", "bold $text-accent"), markup=False, id="search-sigil")
                yield Input(
                    self.query_text,
                    placeholder="words, a name, a @handle or a #hashtag",
                    id="search-input",
                    select_on_focus=True,
                )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self.status(self.initial)
        if self.said is not None:
            self.said.subscribe(self, self.status, immediate=True)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.asked.post_message(SearchAsked(event.value))

    def action_match(self, direction: int) -> None:
        self.asked.post_message(MatchAsked(direction))

    def action_close(self) -> None:
        close_after_typed(self, self.focused, self.dismiss)

    def status(self, content: Content) -> None:
        """Show what the search found ('3 of 12', 'no match for …', 'searching…')."""
        line = t.join([content, t.words("   " + HINT, t.MUTED)]) if content else t.words(HINT)
        # One line, as wide as the bar whatever it says: no layout. A layout would repaint
        # the whole bar screen, and with it the replay beneath its transparent ground.
        self.query_one("#search-status", Static).update(line, layout=False)

    @property
    def status_text(self) -> str:
        """The status line as plain text (for tests)."""
        visual = self.query_one("#search-status", Static).visual
        return getattr(visual, "plain", str(visual))
