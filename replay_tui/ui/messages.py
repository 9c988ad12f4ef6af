"""Messages that flow up to the replay screen: from its widgets, its modals and its workers.

State flows down (the screen's reactives, bound to its widgets); news flows up, as these
messages, and the screen's handlers turn it into state. Results of thread workers come back
the same way (`post_message` is safe from any thread), so no worker touches a widget and
the newest answer is the one that counts (each names the search or filter it answers).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from textual.message import Message

from replay_tui.format.model import Participant
from replay_tui.replay.filters import FilteredView, PendingView, View
from replay_tui.replay.search import Hit, Search
from replay_tui.replay.tags import TagCount


class PositionChanged(Message):
    """The cursor moved. Coalesced: while one is queued no other is posted, and one can
    replace another (toolong's `PointerMoved`), so a held key costs one repaint."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PositionChanged)


@dataclass(eq=False)
class SearchAsked(Message):
    """The search bar's Enter: search for `query` (again: the next match)."""

    query: str


@dataclass(eq=False)
class MatchAsked(Message):
    """The search bar's ↑ / ↓: the previous or next match."""

    direction: int


@dataclass(eq=False)
class MatchFound(Message):
    """A worker found the match nearest the cursor (`hit` None: there is none)."""

    search: Search
    shown: View | None
    hit: Hit | None
    tell: bool = False


@dataclass(eq=False)
class MatchesListed(Message):
    """A worker listed every match of `search` (and, with `matches`, those `shown`)."""

    search: Search
    shown: View | None
    matches: array[int] | None


@dataclass(eq=False)
class FilterLanded(Message):
    """Where the cursor lands under a pending hashtag filter (`found` None: nowhere)."""

    pending: PendingView
    found: int | None


@dataclass(eq=False)
class FilterCounted(Message):
    """A pending hashtag filter's complete view."""

    pending: PendingView
    view: FilteredView


@dataclass(eq=False)
class TagsCounted(Message):
    """The session's hashtags, most used first (for the filter dialog)."""

    tags: list[TagCount]


@dataclass(eq=False)
class PeopleCounted(Message):
    """Who wrote how many posts, busiest first (for the filter dialog)."""

    people: list[tuple[Participant, int]]
