"""The fields replay-tui reads from Mastodon's JSON, as msgspec Structs.

Two shapes carry Mastodon posts:

* The REST API's `Status` entity (docs.joinmastodon.org/entities/Status), as the statuses,
  timelines and `context` endpoints return it: `content` is HTML, `spoiler_text` the
  author's content warning, `reblog` the boosted status, `quote` (Mastodon 4.4) a `Quote`
  holding the quoted status or a `ShallowQuote` holding only its id, `edited_at` set once a
  post was edited, `mentions` the accounts it names (`Mention`: id and handle). Ids are
  strings in the API; a file saved by a tool that turned them into numbers is read too,
  and every id is kept as a string.
* An account's archive export: `outbox.json`, an ActivityStreams `OrderedCollection` of
  `Create` activities (whose `object` is a `Note`: `content` HTML, `summary` the content
  warning, `sensitive`, `attachment` with `name` as the alt text, `inReplyTo`, `quote`/
  `quoteUri`) and `Announce` activities (boosts, whose `object` is the boosted post's URI),
  with `actor.json` (a `Person`) for the author.

Only the fields read are declared; everything else in a record (counts, language, an
account's addresses) is skipped by the decoder without being built or checked. Fields
that servers or tools leave out or set to null have defaults.
"""

from __future__ import annotations

import msgspec

from replay_tui.imports.rawjson import NO_RAW


class Account(msgspec.Struct, gc=False):
    id: str | int
    username: str = ""
    acct: str = ""
    display_name: str | None = ""


class Attachment(msgspec.Struct, gc=False):
    type: str = "unknown"
    description: str | None = None


class Card(msgspec.Struct, gc=False):
    url: str = ""


class PollOption(msgspec.Struct, gc=False):
    title: str = ""


class Poll(msgspec.Struct, gc=False):
    options: list[PollOption] = []


class Mention(msgspec.Struct, gc=False):
    """An account a status mentions: its id and its handle (`acct`: `user` on the status's
    own server, `user@domain` on another)."""

    id: str | int
    acct: str = ""


class Status(msgspec.Struct, gc=False):
    id: str | int
    created_at: str
    account: Account
    uri: str | None = None
    url: str | None = None
    content: str | None = ""
    spoiler_text: str | None = ""
    sensitive: bool | None = False
    in_reply_to_id: str | int | None = None
    in_reply_to_account_id: str | int | None = None
    reblog: Status | None = None
    media_attachments: list[Attachment] = []
    card: Card | None = None
    edited_at: str | None = None
    quote: Quote | None = None
    poll: Poll | None = None
    # A list of `Mention`, decoded only for a reply whose status replied to is absent (it
    # names that status's author): most statuses never need it.
    mentions: msgspec.Raw = NO_RAW


class Quote(msgspec.Struct, gc=False):
    """`Quote` (with `quoted_status`) and `ShallowQuote` (with `quoted_status_id`) in one."""

    state: str = ""
    quoted_status: Status | None = None
    quoted_status_id: str | int | None = None


class Context(msgspec.Struct, gc=False):
    ancestors: list[Status] = []
    descendants: list[Status] = []


# --- the archive export (ActivityPub) ------------------------------------------------------


class ApAttachment(msgspec.Struct, gc=False):
    type: str = "Document"
    mediaType: str | None = None
    url: str | None = None
    name: str | None = None


class ApOption(msgspec.Struct, gc=False):
    name: str = ""


class Note(msgspec.Struct, gc=False):
    id: str
    type: str = "Note"
    published: str | None = None
    url: str | None = None
    attributedTo: str | None = None
    inReplyTo: str | None = None
    summary: str | None = None
    sensitive: bool | None = False
    content: str | None = ""
    attachment: list[ApAttachment] = []
    updated: str | None = None
    quote: str | None = None
    quoteUri: str | None = None
    quoteUrl: str | None = None
    oneOf: list[ApOption] = []
    anyOf: list[ApOption] = []


class Activity(msgspec.Struct, gc=False):
    type: str
    id: str = ""
    actor: str | None = None
    published: str | None = None
    # A Note for `Create`; the boosted post's URI (or, from some servers, the object) for
    # `Announce`. Decoded in a second step once the type is known.
    object: msgspec.Raw = NO_RAW


class Outbox(msgspec.Struct, gc=False):
    type: str
    orderedItems: list[Activity] = []


class Actor(msgspec.Struct, gc=False):
    id: str
    type: str = "Person"
    preferredUsername: str | None = None
    name: str | None = None
    url: str | None = None
