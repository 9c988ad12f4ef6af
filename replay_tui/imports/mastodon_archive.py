"""A Mastodon account's archive export: `outbox.json` and `actor.json`.

Mastodon's "Request your archive" gives a `.tar.gz` (read here as it is, `outbox.json`
being its first member), which people also unpack into a folder or re-pack as a zip.
`outbox.json` is an ActivityStreams `OrderedCollection`: `Create` activities whose `object`
is a `Note` (`content` HTML, `summary` the content warning, `sensitive`, `attachment` with
`name` as the alt text, `inReplyTo`, `quote`/`quoteUri`, `updated`), and `Announce`
activities (boosts) whose `object` is only the boosted post's URI. `actor.json` (a `Person`)
names the author. A boost becomes a `repost` reaction on a placeholder for the boosted post,
which the archive does not hold.
"""

from __future__ import annotations

import posixpath
import tarfile
from pathlib import Path

import msgspec

from replay_tui.imports.base import UNREAD, Input, skipped, utc_text
from replay_tui.imports.builder import Builder
from replay_tui.imports.mastodon_model import Actor, Note, Outbox
from replay_tui.imports.mastodon_post import MEDIA_KINDS, PLATFORM, Draft, add_post, problem
from replay_tui.imports.rawjson import present

_OUTBOX = msgspec.json.Decoder(Outbox)


_ACTOR = msgspec.json.Decoder(Actor)


_NOTE = msgspec.json.Decoder(Note)


def archive_member(names: list[str], wanted: str) -> str | None:
    for name in names:
        if posixpath.basename(name) == wanted:
            return name
    return None


def tar_names(path: Path) -> list[str]:
    """The first members of a gzipped tar (Mastodon writes outbox.json first)."""
    names: list[str] = []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            names.append(member.name)
            if len(names) >= 8:
                break
    return names


def read_tar(item: Input, builder: Builder, sid: str) -> None:
    found: dict[str, bytes] = {}
    with tarfile.open(item.path, "r:gz") as tar:
        for member in tar:
            base = posixpath.basename(member.name)
            if base in ("outbox.json", "actor.json") and member.isfile():
                handle = tar.extractfile(member)
                if handle is not None:
                    found[base] = handle.read()
            if len(found) == 2:
                break
    if "actor.json" in found:
        read_actor(f"{item.name}: actor.json", found["actor.json"], builder)
    if "outbox.json" in found:
        read_outbox(f"{item.name}: outbox.json", found["outbox.json"], builder, sid)


def read_actor(file: str, data: bytes, builder: Builder) -> None:
    try:
        actor = _ACTOR.decode(data)
    except msgspec.DecodeError as exc:
        _unread(
            builder,
            file,
            f"actor.json is not readable ({exc}): the author's handle and name are not known",
        )
        return
    builder.participant(actor.id, handle=_handle(actor), name=actor.name, platform=PLATFORM)


def _unread(builder: Builder, file: str, message: str) -> None:
    """A file of the archive that could not be read: no record of it was read, so none is
    counted as skipped (how many it held is unknown); the summary counts the file."""
    builder.skip(skipped(file, None, message, UNREAD), 0)


def _handle(actor: Actor) -> str | None:
    if not actor.preferredUsername:
        return None
    host = actor.id.split("://", 1)[-1].split("/", 1)[0]
    return f"{actor.preferredUsername}@{host}" if host else actor.preferredUsername


def archive_key(uri: str, actor: str | None) -> str:
    """A post's key from its ActivityPub id. The actor's own statuses have URIs ending in
    their status id (`<actor>/statuses/123`), the id the API uses, so an archive and API
    files of the same account share those posts; any other URI (a post on another server,
    whose id there is not known) is its own key."""
    if actor:
        head, _, last = uri.rstrip("/").rpartition("/")
        if head == f"{actor}/statuses" and last.isdigit():
            return last
    return uri


def read_outbox(file: str, data: bytes, builder: Builder, sid: str) -> None:
    try:
        outbox = _OUTBOX.decode(data)
    except msgspec.DecodeError as exc:
        _unread(
            builder,
            file,
            f"outbox.json is not readable ({exc}); nothing of it was imported. "
            "Export the archive again",
        )
        return
    for index, activity in enumerate(outbox.orderedItems):
        if not present(activity.object):
            continue
        if activity.type == "Announce":
            try:
                target = msgspec.json.decode(activity.object, type=str | Note)
            except msgspec.DecodeError as exc:
                problem(builder, file, None, f"activity {index + 1} (a boost)", exc)
                continue
            uri = target if isinstance(target, str) else target.id
            builder.repost(
                archive_key(uri, activity.actor),
                by=builder.participant(activity.actor or "", platform=PLATFORM),
                source=sid,
                time=utc_text(activity.published),
                original_url=uri,
                platform=PLATFORM,
            )
        elif activity.type == "Create":
            try:
                note = _NOTE.decode(activity.object)
            except msgspec.DecodeError as exc:
                problem(builder, file, None, f"activity {index + 1} (a post)", exc)
                continue
            add_note(builder, note, activity.actor, sid)


def add_note(builder: Builder, note: Note, actor: str | None, sid: str) -> None:
    owner = note.attributedTo or actor
    key = archive_key(note.id, owner)
    author = builder.participant(owner or "", platform=PLATFORM)
    quoted = note.quote or note.quoteUri or note.quoteUrl
    add_post(
        builder,
        Draft(
            key=key,
            author=author,
            source=sid,
            content=note.content,
            time=note.published,
            url=note.url or note.id,
            spoiler=note.summary,
            sensitive=note.sensitive,
            attachments=[
                (MEDIA_KINDS.get((a.mediaType or "").split("/", 1)[0], "other"), a.name)
                for a in note.attachment
            ],
            poll_options=(  # a poll (`Question`)
                [o.name for o in note.oneOf or note.anyOf] if note.oneOf or note.anyOf else None
            ),
            quoted=(note.quote, note.quoteUri, note.quoteUrl),
            edited=note.updated,
            reply_to=archive_key(note.inReplyTo, owner) if note.inReplyTo else None,
            reply_to_url=note.inReplyTo,
            quotes=archive_key(quoted, owner) if quoted else None,
            quotes_url=quoted,
        ),
    )
