"""What every export says about a slice of a session: the view the formats lay out.

Exports are read away from the replayer (a class handout, a journalist's file, a screen
reader, a pipe), so each must say what the replay says and no more: times at the precision
the sources give, derived times marked as derived, tombstones named as such, every post's
sources, variants beside the main text, media behind a content warning left out unless
the presenter asked for it, and a post's words behind its own warning shown after it.
These classes are that view, made once by `build.py`; a format module only lays it out
and escapes it for its own syntax, so the formats cannot drift apart in what they claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from replay_tui.format.times import Moment


class ExportError(Exception):
    """An export that cannot be made as asked (a slice outside the session, no bookmarks);
    the message is one line in the user's words."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how much of it.

    `first` and `last` are 1-based post numbers, both inclusive (None: from the first / to
    the last post). `only`, when set, keeps just the posts with those ids (the bookmarks).
    Media with a content warning is described by its warning only unless
    `reveal_sensitive`; the session's presenter notes are left out unless
    `presenter_notes`, because a handout is usually for the audience they are hidden from.
    """

    first: int | None = None
    last: int | None = None
    only: frozenset[str] | None = None
    reveal_sensitive: bool = False
    presenter_notes: bool = False


@dataclass(frozen=True)
class Person:
    """A participant as the exports name them."""

    id: str
    name: str
    handle: str | None
    role: str | None
    group: str | None
    slot: int | None
    """1..6 by group, in the order groups first appear (as the replayer colours them)."""
    bio: str | None
    sources: tuple[str, ...]

    @property
    def label(self) -> str:
        """'Peter Lerner (@LTCPeterLerner)', or the name alone."""
        return f"{self.name} ({self.handle})" if self.handle else self.name


@dataclass(frozen=True)
class SourceView:
    """A source as listed at the end of an export."""

    id: str
    outlet: str
    kind: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    """The URL as written (made visible), for reading."""
    link: str | None
    """The URL safe to follow (http or https, percent-encoded), or None."""


@dataclass(frozen=True)
class MediaView:
    """One attachment: its kind in words, and its description unless withheld."""

    kind: str
    description: str | None
    warning: str | None
    withheld: bool
    """True when a description exists but is left out behind its warning."""


@dataclass(frozen=True)
class Ref:
    """The post another post replies to or quotes."""

    number: int
    author: str
    exported: bool
    inferred: str | None = None
    """Why the session infers this link (`reply_to_inferred`); None for a stated one."""


@dataclass(frozen=True)
class ReactionView:
    kind: str
    by: str
    text: str | None
    time: str
    sources: tuple[str, ...]

    @property
    def label(self) -> str:
        """'Reply by <who>, <when> (<sources>)': who reacted how and when, and who says so,
        the same in every format; the reaction's text, if any, is laid out after it."""
        return f"{self.kind} by {self.by}, {self.time} ({', '.join(self.sources)})"


@dataclass(frozen=True)
class NoteView:
    """A context note; `about` holds the numbers of the posts it concerns (empty: all)."""

    title: str
    body: str
    sources: tuple[str, ...]
    about: tuple[int, ...]


@dataclass(frozen=True)
class PressView:
    outlet: str
    quote: str
    about: tuple[int, ...]


@dataclass(frozen=True)
class ChapterView:
    number: int
    total: int
    title: str
    prompt: str | None
    continued: bool
    """True when the export begins inside this chapter rather than at its start."""


class Fact(NamedTuple):
    """One of the facts listed under a post: 'Sources: …', 'Link: …', 'Archived: …',
    'Counts: …'."""

    label: str
    words: str
    address: bool = False
    """True for the post's own address and its archived copy: a link where `link` is set."""
    link: str | None = None
    """The address safe to follow (http or https, percent-encoded), or None."""


@dataclass(frozen=True)
class PostView:
    """One exported post with everything said about it."""

    index: int
    number: int
    id: str
    author: Person
    moment: Moment | None
    time: str
    """The time in words at its precision, derived times marked."""
    time_origin: str | None
    """How the time is known, where that is not plain: day only, derived, not given."""
    status: str
    text: str | None
    """None when the text is unknown (a missing post)."""
    variants: tuple[tuple[str, str], ...]
    """(outlet, wording) for each other source's wording."""
    media: tuple[MediaView, ...]
    reply_to: Ref | None
    quotes: Ref | None
    url: str | None
    link: str | None
    archived_url: str | None
    archived_link: str | None
    sources: tuple[str, ...]
    metrics: tuple[str, ...]
    reactions: tuple[ReactionView, ...]
    context: tuple[NoteView, ...]
    """Notes shown at this post: those whose first exported post this is."""
    press: tuple[PressView, ...]
    chapter: ChapterView | None
    """The chapter that begins here (or, at a gap in the export, continues here)."""
    notes: str | None
    warning: str | None = None
    """The post's own content warning in words, whose it is included ('content warning by
    the author: …'); the formats show it before the text and variants, which follow
    behind it (a collapsed <details> where the medium has one)."""

    @property
    def facts(self) -> list[Fact]:
        """The facts a document lists under the post, in this order: who attests it, where
        it is and an archived copy (where the session gives them), then each count with its
        source. (A TimelineJS slide orders them otherwise and may embed the address.)"""
        facts = [Fact("Sources", ", ".join(self.sources))]
        if self.url:
            facts.append(Fact("Link", self.url, True, self.link))
        if self.archived_url:
            facts.append(Fact("Archived", self.archived_url, True, self.archived_link))
        facts += [Fact("Counts", line) for line in self.metrics]
        return facts


@dataclass(frozen=True)
class Handout:
    """A whole export: the session's head, the chosen posts, and what they cite."""

    session_id: str
    title: str
    summary: str | None
    language: str | None
    """A well-formed BCP 47 tag, or None."""
    zone: str
    dates: str
    total: int
    selection: str
    """Which posts, in words: 'all 7 posts', 'posts 2 to 5 of 7', '3 bookmarked posts of 7'."""
    participants: tuple[Person, ...]
    background: tuple[NoteView, ...]
    coverage: tuple[PressView, ...]
    posts: tuple[PostView, ...]
    sources: tuple[SourceView, ...]
    withheld: int
    """How many media descriptions are left out behind their warnings."""
    reveal_sensitive: bool
    presenter_notes: bool
