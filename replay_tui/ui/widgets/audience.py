"""The presenter's line about the audience in browsers (`replay-tui FILE --serve`).

One line at the top of the replay screen: the address to give the class and how many
browsers watch now. The server runs in a thread of its own (`serve.server`); this widget
only reads its two values twice a second, so nothing crosses threads but two reads.
"""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.widgets import Static

UPDATE_INTERVAL = 0.5


class Audience(Protocol):
    """What the bar shows of a server (`serve.server.AudienceServer` is one)."""

    @property
    def url(self) -> str: ...

    @property
    def viewers(self) -> int: ...


def audience_words(audience: Audience) -> str:
    viewers = audience.viewers
    watching = "1 browser watches" if viewers == 1 else f"{viewers} browsers watch"
    return f"Audience: {audience.url}  ·  {watching}"


class AudienceBar(Static):
    """Where the audience is and how many watch; refreshed while it is shown."""

    DEFAULT_CSS = """
    AudienceBar {
        height: auto;
        padding: 0 1;
        background: $primary;
        color: $text;
    }
    """

    def __init__(self, audience: Audience) -> None:
        super().__init__(id="audience-bar")
        self.audience = audience

    def on_mount(self) -> None:
        self.show()
        self.set_interval(UPDATE_INTERVAL, self.show)

    def show(self) -> None:
        # Text, not a str: a str would be read as markup.
        self.update(Text(audience_words(self.audience)))
