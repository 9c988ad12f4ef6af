"""Mastodon: statuses from the API, a status's context, and an account's archive export.

What becomes what (docs/import.md has the worked example):

* A `Status` is a post: its `id` (kept as a string), `url` as the permalink (`uri` when
  `url` is null, as it is for some remote posts), `created_at` to the second in UTC, its
  HTML `content` as the text a reader sees (`html_text`), its link targets as `link` media,
  its attachments as media with `description` as the alt text. Counts are not kept: the
  API does not say when they were read.
* A boost (a status with `reblog`) is never the booster's own words: it is a `repost`
  reaction by the booster on the boosted post, which is imported as a post.
* A Mastodon 4.4 `quote` is a quote link to the quoted post (imported too when the file
  holds it; a placeholder saying which state the quote is in otherwise).
* `edited_at` is said in a context note: the text is the edited one the file holds.
* A post replied to or quoted but not in the file is a placeholder (`status = "missing"`).

Content warnings, links, polls and edits: `mastodon_post.py`; the archive:
`mastodon_archive.py`.
"""

from __future__ import annotations

import tarfile
from collections.abc import Callable, Iterable

import msgspec

from replay_tui.imports.base import Input, skipped, utc_text
from replay_tui.imports.builder import Builder
from replay_tui.imports.mastodon_archive import (
    archive_member,
    read_actor,
    read_outbox,
    read_tar,
    tar_names,
)
from replay_tui.imports.mastodon_model import Account, Context, Mention, Quote, Status
from replay_tui.imports.mastodon_post import MEDIA_KINDS, PLATFORM, Draft, add_post, problem
from replay_tui.imports.rawjson import NO_RAW, json_lines, present

NAME = "mastodon"
LABEL = "Mastodon statuses, context or account archive"

_STATUSES = msgspec.json.Decoder(list[Status])
_STATUS = msgspec.json.Decoder(Status)
_CONTEXT = msgspec.json.Decoder(Context)
_RAWS = msgspec.json.Decoder(list[msgspec.Raw])
_MENTIONED = msgspec.json.Decoder(list[Mention])
_SEEN = f"{NAME}: accounts recorded"  # in Builder.state: key -> the names last recorded


class _Probe(msgspec.Struct):
    """Which kind of JSON object a file holds, read without building its contents."""

    type: str | None = None
    orderedItems: msgspec.Raw = NO_RAW
    ancestors: msgspec.Raw = NO_RAW
    descendants: msgspec.Raw = NO_RAW
    statuses: msgspec.Raw = NO_RAW
    mentions: msgspec.Raw = NO_RAW
    favourites: msgspec.Raw = NO_RAW
    bookmarks: msgspec.Raw = NO_RAW
    preferredUsername: str | None = None


class _Mention(msgspec.Struct, gc=False):
    """A notification of a mention: the status that mentions the account."""

    status: Status | None = None


_MENTIONS = msgspec.json.Decoder(list[_Mention])


def _read_dump_extras(file: str, probe: _Probe, builder: Builder, sid: str) -> None:
    """What mastodon-archive keeps beside an account's `statuses`: the `mentions` (the
    replies and mentions others addressed to it: its conversations, read as posts), and
    `favourites` and `bookmarks` (others' posts it liked or saved: not its conversations,
    left out and counted)."""
    if present(probe.mentions):
        try:
            mentions = _MENTIONS.decode(probe.mentions)
        except msgspec.DecodeError as exc:
            problem(builder, file, None, "the mentions", exc)
            mentions = []
        for mention in mentions:
            if mention.status is not None:
                add_status(builder, mention.status, sid)
    others = sum(len(_RAWS.decode(r)) for r in (probe.favourites, probe.bookmarks) if present(r))
    if others:
        builder.skip(
            skipped(
                file,
                None,
                f"{others} favourites and bookmarks (others' posts the account liked or "
                "saved, not its conversations) left out",
                "not-posts",
            ),
            records=others,
        )


# --- recognising a Mastodon file -------------------------------------------------------------


def _looks_like_status(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("account"), dict)
        and "acct" in value["account"]
        and "created_at" in value
        and ("content" in value or "reblog" in value)
    )


def sniff(item: Input) -> bool:
    if item.is_dir or item.is_zip:
        return archive_member(item.members(), "outbox.json") is not None
    head = item.head
    if head[:2] == b"\x1f\x8b":
        try:
            return archive_member(tar_names(item.path), "outbox.json") is not None
        except (tarfile.TarError, OSError, EOFError):
            return False
    start = head.lstrip()[:4096]
    if b'"orderedItems"' in head and b"OrderedCollection" in start:
        return b"activitystreams" in start or b'"Create"' in head or b'"Announce"' in head
    if start.startswith(b"{") and b'"ancestors"' in start[:64]:
        return True
    value, _ = item.first_value()
    if isinstance(value, dict) and value.get("type") == "Person" and "outbox" in value:
        return True  # an archive's actor.json: read first, it names the author
    if isinstance(value, dict) and isinstance(value.get("statuses"), list):
        value = value["statuses"]  # a search result, or an account with its statuses
    if isinstance(value, list):  # one line of JSON Lines holding a page of statuses
        value = value[0] if value else None
    return (
        _looks_like_status(value)
        or _looks_like_activity(value)
        or (isinstance(value, dict) and "ancestors" in value and "descendants" in value)
    )


def _looks_like_activity(value: object) -> bool:
    """An outbox's item (`Create` of a `Note`, `Announce`), as a tool paging an outbox over
    ActivityPub saves them: a JSON array of activities."""
    return (
        isinstance(value, dict)
        and value.get("type") in ("Create", "Announce")
        and "actor" in value
        and isinstance(value.get("object"), (dict, str))
    )


def rank(item: Input) -> int:
    """An actor.json before the outbox it names the author of."""
    value, _ = item.first_value() if not item.is_dir and not item.is_zip else (None, False)
    return 0 if isinstance(value, dict) and value.get("type") == "Person" else 1


# --- reading ---------------------------------------------------------------------------------


def read(item: Input, builder: Builder) -> None:
    if item.is_dir or item.is_zip:
        names = item.members()
        outbox = archive_member(names, "outbox.json")
        actor = archive_member(names, "actor.json")
        sid = builder.source(item.name, "Mastodon account archive")
        if actor is not None:
            read_actor(f"{item.name}: {actor}", item.read_member(actor), builder)
        if outbox is not None:
            read_outbox(f"{item.name}: {outbox}", item.read_member(outbox), builder, sid)
        builder.update_source(sid, sha256=item.sha256())
        return
    if item.head[:2] == b"\x1f\x8b":
        sid = builder.source(item.name, "Mastodon account archive")
        read_tar(item, builder, sid)
        builder.update_source(sid, sha256=item.sha256())
        return
    if json_lines(item.head):
        sid = builder.source(item.name, "Mastodon statuses (API), JSON Lines")
        _read_lines(item, builder, sid)
        builder.update_source(sid, sha256=item.sha256())
        return
    data = item.read_bytes()
    statuses: list[Status] | None = None
    probe: _Probe | None = None
    if data.lstrip()[:1] == b"[" and _looks_like_activity(item.first_value()[0]):
        sid = builder.source(item.name, "Mastodon outbox activities (ActivityPub)")
        items = b'{"type": "OrderedCollection", "orderedItems": ' + data + b"}"
        read_outbox(item.name, items, builder, sid)
        builder.update_source(sid, sha256=item.sha256())
        return
    try:
        if data.lstrip()[:1] == b"[":
            statuses = _statuses(item.name, None, data, builder)
        else:
            probe = msgspec.json.decode(data, type=_Probe)
    except msgspec.DecodeError as exc:
        if "trailing characters" not in str(exc):
            raise  # the whole file is broken: the caller names it
        # One JSON value per line: a harvester's pages or statuses.
        sid = builder.source(item.name, "Mastodon statuses (API), JSON Lines")
        _read_lines(item, builder, sid)
        builder.update_source(sid, sha256=item.sha256())
        return
    if statuses is not None:
        sid = builder.source(item.name, "Mastodon statuses (API)")
        for status in statuses:
            add_status(builder, status, sid)
    elif probe is not None and present(probe.orderedItems):
        sid = builder.source(item.name, "Mastodon account archive (outbox.json)")
        sibling = item.path.with_name("actor.json")
        if sibling.is_file() and sibling != item.path:
            read_actor(str(sibling), sibling.read_bytes(), builder)
        read_outbox(item.name, data, builder, sid)
    elif probe is not None and probe.type == "Person":
        read_actor(item.name, data, builder)
        return
    elif probe is not None and present(probe.statuses):
        # `{"statuses": […]}` beside `accounts` and `hashtags` (the search API) or an
        # `account` (a tool's dump of one account's statuses).
        sid = builder.source(item.name, "Mastodon statuses (API)")
        _read_list(item.name, None, bytes(probe.statuses), builder, sid)
        _read_dump_extras(item.name, probe, builder, sid)
    elif probe is not None and (present(probe.ancestors) or present(probe.descendants)):
        sid = builder.source(item.name, "Mastodon status context (API)")
        _read_context(item.name, None, data, builder, sid)
    else:
        sid = builder.source(item.name, "Mastodon status (API)")
        _read_one(item.name, None, data, builder, sid)
    builder.update_source(sid, sha256=item.sha256())


def _read_lines(item: Input, builder: Builder, sid: str) -> None:
    for number, line in item.lines():
        first = line.lstrip()[:1]
        if first == b"[":
            _read_list(item.name, number, line, builder, sid)
        elif b'"ancestors"' in line[:64] or b'"descendants"' in line[:64]:
            _read_context(item.name, number, line, builder, sid)
        else:
            _read_one(item.name, number, line, builder, sid)


def _read_one(file: str, line: int | None, data: bytes, builder: Builder, sid: str) -> None:
    _read(lambda: [_STATUS.decode(data)], "not a Mastodon status", file, line, builder, sid)


def _read(
    statuses: Callable[[], Iterable[Status]],
    what: str,
    file: str,
    line: int | None,
    builder: Builder,
    sid: str,
) -> None:
    """Add the `statuses()` decoded; if they do not decode, say the data is not `what`."""
    try:
        decoded = statuses()
    except msgspec.DecodeError as exc:
        problem(builder, file, line, what, exc)
        return
    for status in decoded:
        add_status(builder, status, sid)


def _statuses(file: str, line: int | None, data: bytes, builder: Builder) -> list[Status]:
    """A JSON array of statuses, decoded in one pass; when that fails, one by one, so that a
    bad status is reported and the rest kept. A DecodeError for trailing characters (the
    file is JSON Lines) goes to the caller."""
    try:
        return _STATUSES.decode(data)
    except msgspec.ValidationError:
        return _each(file, line, data, builder)


def _read_list(file: str, line: int | None, data: bytes, builder: Builder, sid: str) -> None:
    def statuses() -> list[Status]:
        return _statuses(file, line, data, builder)

    _read(statuses, "not a list of Mastodon statuses", file, line, builder, sid)


def _each(file: str, line: int | None, data: bytes, builder: Builder) -> list[Status]:
    """The statuses of a list one by one, when the list as a whole does not decode: each
    bad one is reported and skipped, the rest kept."""
    try:
        raws = _RAWS.decode(data)
    except msgspec.DecodeError as exc:
        problem(builder, file, line, "not JSON", exc)
        return []
    if raws and all(_is_edit(raw) for raw in raws):
        builder.skip(
            skipped(
                file,
                line,
                f"a status's edit history ({len(raws)} "
                f"{'version' if len(raws) == 1 else 'versions'} with `content` but no `id`, "
                "as /api/v1/statuses/:id/history gives), not statuses; skipped it (import "
                "the status itself: its `edited_at` says it was edited)",
            )
        )
        return []
    kept: list[Status] = []
    for index, raw in enumerate(raws):
        try:
            kept.append(_STATUS.decode(raw))
        except msgspec.DecodeError as exc:
            problem(builder, file, line, f"status {index + 1} of the list is not a status", exc)
    return kept


class _Version(msgspec.Struct):
    """What tells a StatusEdit (a version in a status's history) from a status."""

    id: object = None
    content: object = None
    created_at: object = None


_VERSION = msgspec.json.Decoder(_Version)


def _is_edit(raw: msgspec.Raw) -> bool:
    """A StatusEdit: `content` and `created_at`, and no `id` of its own."""
    try:
        version = _VERSION.decode(raw)
    except msgspec.DecodeError:
        return False
    return version.id is None and version.content is not None and version.created_at is not None


def _read_context(file: str, line: int | None, data: bytes, builder: Builder, sid: str) -> None:
    def statuses() -> list[Status]:
        context = _CONTEXT.decode(data)
        return [*context.ancestors, *context.descendants]

    _read(statuses, "the context is not readable", file, line, builder, sid)


# --- statuses ----------------------------------------------------------------------------------


def _person(builder: Builder, account: Account) -> str:
    """The account's key, recorded. Each status repeats its author's account whole; an
    account seen before with the same names has nothing new to record (the builder would
    look and change nothing), so that is checked first, in one lookup."""
    key = account.id if type(account.id) is str else str(account.id)
    seen = builder.state.get(_SEEN)
    if not isinstance(seen, dict):
        seen = builder.state[_SEEN] = {}
    names = (account.acct, account.username, account.display_name)
    if seen.get(key) == names:
        return key
    seen[key] = names
    handle = account.acct or account.username or None
    return builder.participant(
        key, handle=handle, name=account.display_name or None, platform=PLATFORM
    )


def _key(value: str | int) -> str:
    return value if type(value) is str else str(value)


def add_status(builder: Builder, status: Status, sid: str) -> None:
    """One status (and the statuses it carries: a boosted one, a quoted one)."""
    if status.reblog is not None:
        original = status.reblog
        add_status(builder, original, sid)
        builder.repost(
            _key(original.id),
            by=_person(builder, status.account),
            source=sid,
            time=utc_text(status.created_at),
            original_url=original.url or original.uri,
            original_author=_key(original.account.id),
            platform=PLATFORM,
        )
        return
    key = _key(status.id)
    draft = Draft(
        key=key,
        author=_person(builder, status.account),
        source=sid,
        content=status.content,
        time=status.created_at,
        url=status.url or status.uri,
    )
    # The rest only where a status has it (most have none of it).
    if status.spoiler_text or status.sensitive:
        draft.spoiler, draft.sensitive = status.spoiler_text, status.sensitive
    if status.media_attachments:
        draft.attachments = [
            (MEDIA_KINDS.get(a.type, "other"), a.description) for a in status.media_attachments
        ]
    if status.poll is not None:
        draft.poll_options = [o.title for o in status.poll.options]
    if status.card is not None and status.card.url:
        draft.card = status.card.url
    draft.edited = status.edited_at
    if status.in_reply_to_id is not None:
        draft.reply_to = _key(status.in_reply_to_id)
    if status.in_reply_to_account_id is not None:
        draft.reply_to_author = _key(status.in_reply_to_account_id)
        if draft.reply_to is not None and builder.read_before(draft.reply_to) is None:
            _replied_to(builder, status.mentions, draft.reply_to_author)
    if status.quote is not None:
        _quote(builder, status.quote, draft)
    add_post(builder, draft)


def _replied_to(builder: Builder, mentions: msgspec.Raw, account: str) -> None:
    """The handle of the account a reply answers, from the reply's `mentions`, when that
    account has none yet: the status replied to may never be read, and its placeholder
    then shows the handle (the builder's note says where it comes from), not an id."""
    known = builder.accounts(PLATFORM).get(account)
    if (known is not None and known.handle) or not present(mentions):
        return
    try:
        named = _MENTIONED.decode(mentions)
    except msgspec.DecodeError:
        return  # the status is read without it: its placeholder keeps the account's id
    for mention in named:
        if _key(mention.id) == account and mention.acct:
            builder.participant(account, handle=mention.acct, platform=PLATFORM)
            return


def _quote(builder: Builder, quote: Quote, draft: Draft) -> None:
    """A Mastodon 4.4 quote: the quoted status (added too, when the file holds it) or its
    id; a quote Mastodon does not show is said in a note."""
    quoted = quote.quoted_status
    if quoted is not None:
        add_status(builder, quoted, draft.source)
        draft.quotes, draft.quotes_url = _key(quoted.id), quoted.url or quoted.uri
        draft.quotes_author = _key(quoted.account.id)
        draft.quoted = (quoted.url, quoted.uri)
    elif quote.quoted_status_id is not None:
        draft.quotes = _key(quote.quoted_status_id)
    if quote.state and quote.state != "accepted":
        builder.note(
            draft.key,
            "A quote Mastodon does not show",
            f"This post quotes another post; Mastodon reports the quote as "
            f"'{quote.state}', so the quoted post is not shown with it.",
            draft.source,
        )
