"""Mastodon: statuses from the API, a status's context, and an account's archive export.

What becomes what (docs/import.md has the worked example):

* A `Status` is a post: its `id` (kept as a string), `url` as the permalink (`uri` when
  `url` is null, as it is for some remote posts), `created_at` to the second in UTC, its
  HTML `content` as the text a reader sees (`html_text`), its link targets as `link` media,
  its attachments as media with `description` as the alt text, counts as metrics.
* A boost (a status with `reblog`) is never the booster's own words: it is a `repost`
  reaction by the booster on the boosted post, which is imported as a post.
* A Mastodon 4.4 `quote` is a quote link to the quoted post (imported too when the file
  holds it; a placeholder saying which state the quote is in otherwise).
* `edited_at` is noted in the post's notes: the text is the edited one the file holds.
* A post replied to or quoted but not in the file is a placeholder (`status = "missing"`).

**Content warnings.** The session format can hide media behind a warning, but has no way to
hide a post's text. Mastodon hides the whole post (text and media) behind the author's
`spoiler_text`; the closest honest representation, and the one used here, is: the post's
`text` is the author's warning, exactly as Mastodon shows it above "Show more"; the post's
own text follows as the first attachment, of kind `other`, behind that same warning (so the
presenter reveals it with `v`, as a reader clicks "Show more"), and the post's media carry
the warning too. The post's notes say so. `sensitive` without a warning hides the media only
("marked sensitive by the author"), as Mastodon does.
"""

from __future__ import annotations

import posixpath
import tarfile
from pathlib import Path

import msgspec

from replay_tui.format.model import Media, MediaKind
from replay_tui.imports.attach import described, link
from replay_tui.imports.base import Input, clean_text, skipped, utc_text
from replay_tui.imports.builder import Builder
from replay_tui.imports.html_text import visible_text
from replay_tui.imports.mastodon_model import (
    Account,
    Actor,
    Context,
    Note,
    Outbox,
    Status,
)
from replay_tui.imports.rawjson import NO_RAW, json_lines, present

NAME = "mastodon"
LABEL = "Mastodon statuses, context or account archive"
PLATFORM = "mastodon"

CW_TITLE = "The author's content warning"
CW_NOTE = (
    "The author put this post behind a content warning. Mastodon shows only the warning "
    'until a reader clicks "Show more"; here the post\'s text is the warning, and the '
    "post's own text is its first attachment, hidden behind the same warning until the "
    "presenter reveals it."
)
SENSITIVE = "Marked sensitive by the author (Mastodon hides it until a reader clicks it)"
_MEDIA_KINDS: dict[str, MediaKind] = {"image": "photo", "gifv": "video", "video": "video"}
_STATUSES = msgspec.json.Decoder(list[Status])
_STATUS = msgspec.json.Decoder(Status)
_CONTEXT = msgspec.json.Decoder(Context)
_OUTBOX = msgspec.json.Decoder(Outbox)
_ACTOR = msgspec.json.Decoder(Actor)
_NOTE = msgspec.json.Decoder(Note)
_RAWS = msgspec.json.Decoder(list[msgspec.Raw])


class _Probe(msgspec.Struct):
    """Which kind of JSON object a file holds, read without building its contents."""

    type: str | None = None
    orderedItems: msgspec.Raw = NO_RAW
    ancestors: msgspec.Raw = NO_RAW
    descendants: msgspec.Raw = NO_RAW
    preferredUsername: str | None = None


# --- recognising a Mastodon file -------------------------------------------------------------


def _looks_like_status(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("account"), dict)
        and "acct" in value["account"]
        and "created_at" in value
        and ("content" in value or "reblog" in value)
    )


def _archive_member(names: list[str], wanted: str) -> str | None:
    for name in names:
        if posixpath.basename(name) == wanted:
            return name
    return None


def _tar_names(path: Path) -> list[str]:
    """The first members of a gzipped tar (Mastodon writes outbox.json first)."""
    names: list[str] = []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            names.append(member.name)
            if len(names) >= 8:
                break
    return names


def sniff(item: Input) -> bool:
    if item.is_dir or item.is_zip:
        return _archive_member(item.members(), "outbox.json") is not None
    head = item.head
    if head[:2] == b"\x1f\x8b":
        try:
            return _archive_member(_tar_names(item.path), "outbox.json") is not None
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
    if isinstance(value, list):  # one line of JSON Lines holding a page of statuses
        value = value[0] if value else None
    return _looks_like_status(value) or (
        isinstance(value, dict) and "ancestors" in value and "descendants" in value
    )


def rank(item: Input) -> int:
    """An actor.json before the outbox it names the author of."""
    value, _ = item.first_value() if not item.is_dir and not item.is_zip else (None, False)
    return 0 if isinstance(value, dict) and value.get("type") == "Person" else 1


# --- reading ---------------------------------------------------------------------------------


def read(item: Input, builder: Builder) -> None:
    if item.is_dir or item.is_zip:
        names = item.members()
        outbox = _archive_member(names, "outbox.json")
        actor = _archive_member(names, "actor.json")
        sid = builder.source(item.name, "Mastodon account archive")
        if actor is not None:
            _read_actor(item.name, item.read_member(actor), builder)
        if outbox is not None:
            _read_outbox(f"{item.name}: {outbox}", item.read_member(outbox), builder, sid)
        builder.update_source(sid, sha256=item.sha256())
        return
    if item.head[:2] == b"\x1f\x8b":
        sid = builder.source(item.name, "Mastodon account archive")
        _read_tar(item, builder, sid)
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
            _read_actor(str(sibling), sibling.read_bytes(), builder)
        _read_outbox(item.name, data, builder, sid)
    elif probe is not None and probe.type == "Person":
        _read_actor(item.name, data, builder)
        return
    elif probe is not None and (present(probe.ancestors) or present(probe.descendants)):
        sid = builder.source(item.name, "Mastodon status context (API)")
        _read_context(item.name, None, data, builder, sid)
    else:
        sid = builder.source(item.name, "Mastodon status (API)")
        _read_one(item.name, None, data, builder, sid)
    builder.update_source(sid, sha256=item.sha256())


def _read_tar(item: Input, builder: Builder, sid: str) -> None:
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
        _read_actor(item.name, found["actor.json"], builder)
    if "outbox.json" in found:
        _read_outbox(f"{item.name}: outbox.json", found["outbox.json"], builder, sid)


def _problem(builder: Builder, file: str, line: int | None, what: str, exc: Exception) -> None:
    builder.skip(skipped(file, line, f"{what}: {exc}; skipped it"))


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
    try:
        status = _STATUS.decode(data)
    except msgspec.DecodeError as exc:
        where = f"line {line}" if line is not None else "the status"
        _problem(builder, file, line, f"{where} is not a Mastodon status", exc)
        return
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
    try:
        statuses = _statuses(file, line, data, builder)
    except msgspec.DecodeError as exc:
        _problem(builder, file, line, f"line {line}" if line else "the file", exc)
        return
    for status in statuses:
        add_status(builder, status, sid)


def _each(file: str, line: int | None, data: bytes, builder: Builder) -> list[Status]:
    """The statuses of a list one by one, when the list as a whole does not decode: each
    bad one is reported and skipped, the rest kept."""
    try:
        raws = _RAWS.decode(data)
    except msgspec.DecodeError as exc:
        where = f"line {line}" if line is not None else "the file"
        _problem(builder, file, line, f"{where} is not JSON", exc)
        return []
    kept: list[Status] = []
    for index, raw in enumerate(raws):
        try:
            kept.append(_STATUS.decode(raw))
        except msgspec.DecodeError as exc:
            _problem(builder, file, line, f"status {index + 1} of the list", exc)
    return kept


def _read_context(file: str, line: int | None, data: bytes, builder: Builder, sid: str) -> None:
    try:
        context = _CONTEXT.decode(data)
    except msgspec.DecodeError as exc:
        _problem(builder, file, line, "the context is not readable", exc)
        return
    for status in (*context.ancestors, *context.descendants):
        add_status(builder, status, sid)


# --- statuses ----------------------------------------------------------------------------------


def _person(builder: Builder, account: Account) -> str:
    return builder.participant(
        str(account.id),
        handle=account.acct or account.username or None,
        name=account.display_name or None,
        platform=PLATFORM,
    )


def gate(spoiler: str | None, sensitive: bool | None) -> tuple[str | None, bool]:
    """The warning words and whether they hide the text too: the author's own content
    warning hides everything; `sensitive` alone hides the media."""
    if spoiler:
        return clean_text(spoiler), True
    if sensitive:
        return SENSITIVE, False
    return None, False


def _post_parts(
    content: str | None,
    warning: str | None,
    hides_text: bool,
    media: list[Media],
    card: str | None,
    quoted: tuple[str | None, ...] = (),
) -> tuple[str, list[Media]]:
    """The post's text and media: attachments, then each link's target (the text shows
    links shortened; a link to the quoted post is the quote link instead), the post's own
    text first when the author's warning hides it."""
    shown = visible_text(content or "")
    links = [address for address in shown.links if address not in quoted]
    if card and card not in links:
        links.append(card)
    hide = warning if hides_text else None
    media = media + [link(address, hide) for address in links]
    text = clean_text(shown.text)
    if hides_text and warning is not None:
        gated = Media(kind="other", description=f"Text of the post: {text}", warning=warning)
        return warning, [gated, *media]
    return text, media


def add_status(builder: Builder, status: Status, sid: str) -> None:
    """One status (and the statuses it carries: a boosted one, a quoted one)."""
    if status.reblog is not None:
        original = status.reblog
        add_status(builder, original, sid)
        builder.repost(
            str(original.id),
            by=_person(builder, status.account),
            source=sid,
            time=utc_text(status.created_at),
            original_url=original.url or original.uri,
            original_author=str(original.account.id),
            platform=PLATFORM,
        )
        return
    key = str(status.id)
    author = _person(builder, status.account)
    warning, hides_text = gate(status.spoiler_text, status.sensitive)
    attached = [
        described(_MEDIA_KINDS.get(a.type, "other"), a.description, warning)
        for a in status.media_attachments
    ]
    if status.poll is not None:
        attached.append(_poll([o.title for o in status.poll.options], warning))
    card = status.card.url if status.card is not None and status.card.url else None
    quote = status.quote
    quoted = quote.quoted_status if quote is not None else None
    also = (quoted.url, quoted.uri) if quoted is not None else ()
    text, media = _post_parts(status.content, warning, hides_text, attached, card, also)
    quotes = quotes_url = quotes_author = None
    if quote is not None:
        quoted = quote.quoted_status
        if quoted is not None:
            add_status(builder, quoted, sid)
            quotes, quotes_url = str(quoted.id), quoted.url or quoted.uri
            quotes_author = str(quoted.account.id)
        elif quote.quoted_status_id is not None:
            quotes = str(quote.quoted_status_id)
        if quote.state and quote.state != "accepted":
            builder.note(
                key,
                "A quote Mastodon does not show",
                f"This post quotes another post; Mastodon reports the quote as "
                f"'{quote.state}', so the quoted post is not shown with it.",
                sid,
            )
    reply_to = str(status.in_reply_to_id) if status.in_reply_to_id is not None else None
    reply_author = (
        str(status.in_reply_to_account_id) if status.in_reply_to_account_id is not None else None
    )
    builder.post(
        key,
        author=author,
        source=sid,
        text=text,
        time=utc_text(status.created_at),
        url=status.url or status.uri,
        platform=PLATFORM,
        reply_to=reply_to,
        reply_to_author=reply_author,
        quotes=quotes,
        quotes_url=quotes_url,
        quotes_author=quotes_author,
        media=media,
    )
    _notes(builder, key, hides_text, status.edited_at, sid)


# --- the archive export ------------------------------------------------------------------------


def _poll(options: list[str], warning: str | None) -> Media:
    """A poll as Mastodon shows it: its options (the counts have no moment to be read at)."""
    words = "; ".join(clean_text(option) for option in options)
    return Media(kind="other", description=f"A poll. Options: {words}", warning=warning)


def _notes(builder: Builder, key: str, hides_text: bool, edited: str | None, sid: str) -> None:
    """What the post's text does not say: that the author's warning hides it, that it was
    edited (the file holds the edited text)."""
    if hides_text:
        builder.note(key, CW_TITLE, CW_NOTE, sid)
    if edited:
        builder.note(
            key,
            "Edited",
            f"The author edited this post (last edit {utc_text(edited) or edited}); the text "
            "is the edited one the file holds.",
            sid,
        )


def _read_actor(file: str, data: bytes, builder: Builder) -> None:
    try:
        actor = _ACTOR.decode(data)
    except msgspec.DecodeError as exc:
        _problem(builder, file, None, "actor.json is not readable", exc)
        return
    builder.participant(actor.id, handle=_handle(actor), name=actor.name, platform=PLATFORM)


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


def _read_outbox(file: str, data: bytes, builder: Builder, sid: str) -> None:
    try:
        outbox = _OUTBOX.decode(data)
    except msgspec.DecodeError as exc:
        _problem(builder, file, None, "outbox.json is not readable", exc)
        return
    for index, activity in enumerate(outbox.orderedItems):
        if not present(activity.object):
            continue
        if activity.type == "Announce":
            try:
                target = msgspec.json.decode(activity.object, type=str | Note)
            except msgspec.DecodeError as exc:
                _problem(builder, file, None, f"activity {index + 1} (a boost)", exc)
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
                _problem(builder, file, None, f"activity {index + 1} (a post)", exc)
                continue
            add_note(builder, note, activity.actor, sid)


def add_note(builder: Builder, note: Note, actor: str | None, sid: str) -> None:
    owner = note.attributedTo or actor
    key = archive_key(note.id, owner)
    author = builder.participant(owner or "", platform=PLATFORM)
    warning, hides_text = gate(note.summary, note.sensitive)
    attached = [
        described(
            _MEDIA_KINDS.get((a.mediaType or "").split("/", 1)[0], "other"),
            a.name,
            warning,
        )
        for a in note.attachment
    ]
    if note.oneOf or note.anyOf:  # a poll (`Question`)
        attached.append(_poll([o.name for o in note.oneOf or note.anyOf], warning))
    quoted = note.quote or note.quoteUri or note.quoteUrl
    text, media = _post_parts(
        note.content,
        warning,
        hides_text,
        attached,
        None,
        (note.quote, note.quoteUri, note.quoteUrl),
    )
    builder.post(
        key,
        author=author,
        source=sid,
        text=text,
        time=utc_text(note.published),
        url=note.url or note.id,
        platform=PLATFORM,
        reply_to=archive_key(note.inReplyTo, owner) if note.inReplyTo else None,
        reply_to_url=note.inReplyTo,
        quotes=archive_key(quoted, owner) if quoted else None,
        quotes_url=quoted,
        media=media,
    )
    _notes(builder, key, hides_text, note.updated, sid)
