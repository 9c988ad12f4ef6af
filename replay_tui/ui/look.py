"""What the replay screen shows, as values: `At` (the position and what the current post
reveals) and `Look` (how the reader looks at the replay).

The replay screen holds them in reactives and computes a `render.Renderer` from the look;
its widgets are bound to both and paint again when either changes. Immutable, so that a
change is a new value Textual can compare, never an edit to copy by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from replay_tui.replay.reveal import Reveal
from replay_tui.words.zones import DisplayZone

if TYPE_CHECKING:
    from replay_tui.replay.search import Search


@dataclass(frozen=True)
class Look:
    """How the reader looks at the replay: what the screen's reactives say, as one value.

    The replay screen computes a new `Look` (and so a new `Renderer`) whenever one of them
    changes, and the widgets bound to it paint again; nothing is copied into a renderer
    by hand."""

    zone: DisplayZone
    """The zone times are shown in (`z`); times are still read in the session's zone."""
    search: Search | None = None
    """The search whose matches are highlighted, if any."""
    playback: str = ""
    """'⏸ ×1' / '▶ ×2' for the header; '' where there is no autoplay (a follower)."""
    thread_view: bool = False
    filter_words: str = ""
    """The active filter in a few words (session names: shown through `ui/text.py`)."""
    view: object = None
    """The filter's view (`filters.View`), compared by identity: a counted view replacing
    a pending one is a new look for the header and the rows, not for the posts."""
    marks: int = 0
    """Bumped when a bookmark or a private note changes (posts show them)."""

    @property
    def posts_key(self) -> tuple[object, ...]:
        """What a post's rendering depends on; the timeline renders posts again when it
        changes."""
        return (self.zone, id(self.search), self.marks)


@dataclass(frozen=True)
class At:
    """Where the replay is and what the current post shows: the replay screen's `at`
    reactive, set once per (coalesced) move or reveal; widgets bound to it paint again."""

    position: int
    withheld: bool = False
    revealed: bool = False

    @classmethod
    def of(cls, reveal: Reveal) -> At:
        return cls(reveal.replay.position, reveal.withheld, reveal.revealed)
