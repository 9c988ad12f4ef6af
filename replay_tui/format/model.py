"""The session format, version 1, as msgspec Structs: the public contract.

Every field name here is relied on by the bundled sessions, the documentation, the JSON
Schema (`replay-tui schema` generates it from these classes) and outside checks, so fields
may be added but never renamed or dropped. The classes describe only what a file may say;
what follows from it (resolved times, indices, derived values) lives in `loaded.py`.

Times stay strings here because their precision is part of their value; `times.py` reads
them once the session's time zone is known.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

FORMAT = "replay-tui/1"

Slug = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Za-z0-9-]+$",
        description="Letters, digits and '-' only.",
    ),
]
Id = Annotated[str, msgspec.Meta(min_length=1, description="An identifier, unique in its kind.")]
TimeText = Annotated[
    str,
    msgspec.Meta(
        description=(
            "RFC 3339 with an offset (2013-10-22T14:05:00+03:00), a local time read in the "
            "session's timezone (2013-10-22T14:05), a date (2013-10-22), a month (2013-10) "
            "or a year (2013). The precision written is the precision kept."
        )
    ),
]
Count = Annotated[int, msgspec.Meta(ge=0)]
Inference = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        description=(
            "Why a value is the curator's inference rather than a source's statement, in a "
            "sentence the audience can read; shown wherever the value is shown."
        ),
    ),
]

SourceKind = Literal["news", "blog", "platform", "archive", "other"]
PostStatus = Literal["live", "deleted", "missing"]
MediaKind = Literal["photo", "video", "link", "other"]
WarningBy = Literal["author", "editor"]
ReactionKind = Literal["favorite", "repost", "reply", "quote", "mention", "comment"]


class Base(
    msgspec.Struct,
    forbid_unknown_fields=True,
    kw_only=True,
    omit_defaults=True,
    gc=False,
):
    """Shared settings: unknown fields are refused, so a misspelt key is an error, not a
    silently ignored line; defaults are omitted when a session is written back out.

    `gc=False`: a session is a tree and can hold no reference cycle, and untracked Structs
    keep the garbage collector from rescanning a million posts on every full collection.

    Arrays inside an entry (a post's sources, media, …) are tuples, not lists: an absent
    one is the one shared empty tuple rather than a new list per post, and a present one
    is a single allocation. At a million posts that is 0.2–0.3 s less decoding and about
    230 MB less memory (measured, bench/run.py), and nothing for the collector to track.
    The JSON Schema is the same (an array either way).
    """


class Source(Base):
    """Where facts come from: a news article, a blog post, an archive capture."""

    id: Id
    outlet: str
    kind: SourceKind
    title: str | None = None
    author: str | None = None
    published: TimeText | None = None
    published_zone_inferred: Inference | None = None
    """Set when `published` has a clock time but the source gives no zone: why it is read
    in the zone it is (the time is then shown with its zone marked as inferred)."""
    url: str | None = None


class Participant(Base):
    """An account or person who posts or reacts in the exchange."""

    id: Id
    name: str
    handle: str | None = None
    platform: str | None = None
    role: str | None = None
    group: str | None = None
    bio: str | None = None
    sources: tuple[Id, ...] = ()


class Chapter(Base):
    """A marker over the replay, beginning at a post, with an optional discussion prompt."""

    title: str
    start: Id
    prompt: str | None = None
    pause: bool = False


class Variant(Base):
    """Another source's wording of the same post, kept beside the main text."""

    source: Id
    text: str


class Media(Base):
    """Something attached to a post, described in words; `warning` hides it until revealed."""

    kind: MediaKind
    description: str | None = None
    warning: str | None = None


class Metrics(Base):
    """Counts as one source reported them at one moment."""

    at: TimeText
    source: Id
    likes: Count | None = None
    reposts: Count | None = None
    replies: Count | None = None
    quotes: Count | None = None
    views: Count | None = None

    def count_words(self) -> list[str]:
        """The counts given, in words ("1,204 likes"), in a fixed order; one wording for
        the panes, the sources view and every export."""
        named = (
            ("likes", self.likes),
            ("reposts", self.reposts),
            ("replies", self.replies),
            ("quotes", self.quotes),
            ("views", self.views),
        )
        return [f"{value:,} {name}" for name, value in named if value is not None]


class Post(Base):
    """One post of the exchange; the order of posts in the file is the replay order.

    `text` is as attested by the first source listed. A `missing` post has no known text
    and is shown as a tombstone. `warning` hides the post's words (its text and variants)
    until the presenter reveals them; `warning_by` says whose words the warning is, so the
    audience never takes an editor's warning for the author's, nor the reverse.
    """

    id: Id
    author: Id
    sources: tuple[Id, ...]
    time: TimeText | None = None
    text: str | None = None
    reply_to: Id | None = None
    reply_to_inferred: Inference | None = None
    """Set when no source says which post this one answers: why `reply_to` points where it
    does (the link is then shown as inferred, with this reason)."""
    quotes: Id | None = None
    url: str | None = None
    archived_url: str | None = None
    status: PostStatus = "live"
    notes: str | None = None
    variants: tuple[Variant, ...] = ()
    media: tuple[Media, ...] = ()
    metrics: tuple[Metrics, ...] = ()
    warning: str | None = None
    """A content warning over the post's words: shown instead of them until revealed."""
    warning_by: WarningBy = "editor"
    """Whose words `warning` is: the author's own (a Mastodon content warning) or the
    session editor's (the default)."""


class Reaction(Base):
    """What someone did with a post: a favorite, a repost, a reply that is not itself
    part of the replayed exchange."""

    post: Id
    kind: ReactionKind
    sources: tuple[Id, ...]
    by: Id | None = None
    text: str | None = None
    time: TimeText | None = None


class ContextNote(Base):
    """Background shown while any listed post is current (all posts when none listed)."""

    id: Id
    title: str
    body: str
    posts: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = ()


class PressExcerpt(Base):
    """A verbatim excerpt of a source, about the listed posts (the whole session if none)."""

    source: Id
    quote: str
    posts: tuple[Id, ...] = ()


class Session(Base):
    """One curated exchange: the top level of a session file."""

    format: Literal["replay-tui/1"]
    id: Slug
    title: str
    timezone: str
    summary: str | None = None
    language: str | None = None
    sources: list[Source] = []
    participants: list[Participant] = []
    chapters: list[Chapter] = []
    posts: list[Post] = []
    reactions: list[Reaction] = []
    context: list[ContextNote] = []
    press: list[PressExcerpt] = []
    # Lets a JSON session name its schema for editors ("$schema": "…/session.schema.json").
    schema: str | None = msgspec.field(default=None, name="$schema")


SECTIONS: dict[str, type[Base]] = {
    "sources": Source,
    "participants": Participant,
    "chapters": Chapter,
    "posts": Post,
    "reactions": Reaction,
    "context": ContextNote,
    "press": PressExcerpt,
}
"""The array sections of a session and the Struct of each entry, in file order."""


def json_schema() -> dict[str, object]:
    """The JSON Schema of the format, generated from the Structs above."""
    schema = msgspec.json.schema(Session)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "replay-tui session, format replay-tui/1"
    return schema
