"""Bluesky: a thread, an author's feed, a list of posts, or post records (AT Protocol JSON).

Inputs are the JSON the app view returns (`app.bsky.feed.getPostThread`, `getAuthorFeed`,
`getPosts`) and records as the repository returns them (`com.atproto.repo.listRecords`,
`getRecord`, or one bare `app.bsky.feed.post` record), as one document or as JSON Lines of
them, also as the Python SDK's models dump them (`py_type`, snake_case: `bluesky_py.py`).
What becomes what (docs/import.md has the worked example):

* A post's id in the session is its `at://` URI; its permalink is
  `https://bsky.app/profile/<handle>/post/<rkey>` (the DID where no valid handle is known,
  which bsky.app accepts too).
* `record.text` is the text, verbatim. Facets only add targets: each link facet's full
  address (the app shortens long links in the text) is kept as a `link` attachment. Facet
  offsets are UTF-8 byte offsets (`facets.py`).
* `record.createdAt` is the time, to the second in UTC. `record.reply.parent` is the reply
  link. Embeds: images and video with their `alt` as the description, a link card as a
  `link` attachment, a quoted record as a quote link (the quoted post imported too when the
  view carries it), or a placeholder when the view says it was not found, blocked or
  detached. Labels, the two times and the permalink: `bluesky_post.py`.
* `notFoundPost` and `blockedPost` nodes of a thread are placeholders whose note says
  which; a repost in a feed (`reasonRepost`) is a `repost` reaction on the post.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

from replay_tui.format.model import Media
from replay_tui.imports.attach import link
from replay_tui.imports.base import Input, clean_text, kept, skipped, utc_text
from replay_tui.imports.bluesky_model import (
    EMBED_DECODER,
    NODE_DECODER,
    QUOTED_DECODER,
    REASON_DECODER,
    RECORD_EMBED_DECODER,
    REPLY_NODE_DECODER,
    BlockedPost,
    Document,
    FeedViewPost,
    GeneratorView,
    Label,
    LabelerView,
    ListView,
    NotFoundPost,
    PostRecord,
    PostView,
    ProfileBasic,
    ReasonRepost,
    RecordEntry,
    StarterPackView,
    ThreadViewPost,
    ViewRecord,
    decode_node,
)
from replay_tui.imports.bluesky_post import (
    GONE,
    any_record,
    embed_media,
    embedded_what,
    link_to,
    note_times,
    parts,
    permalink,
    self_labels,
    warning_words,
    words_warning,
)
from replay_tui.imports.bluesky_py import MARK, as_lexicon
from replay_tui.imports.builder import Builder
from replay_tui.imports.facets import resolve
from replay_tui.imports.rawjson import json_lines, present

NAME = "bluesky"
LABEL = "Bluesky thread, feed, posts or records (AT Protocol JSON)"
PLATFORM = "bluesky"

UNKNOWN = "unknown-author"
_SNIFF_TYPE = re.compile(rb'"(?:\$|py_)type"\s*:\s*"app\.bsky\.(?:feed\.(?:post|defs#)|embed\.)')
_SNIFF_URI = re.compile(rb'"(?:uri|did)"\s*:\s*"(?:at://)?did:')
_DOCUMENT = msgspec.json.Decoder(Document)
_POSTS = msgspec.json.Decoder(list[PostView])
_FEED = msgspec.json.Decoder(list[FeedViewPost])
_RECORDS = msgspec.json.Decoder(list[RecordEntry])
_RECORD = msgspec.json.Decoder(PostRecord)
_ENTRY = msgspec.json.Decoder(RecordEntry)
_POST = msgspec.json.Decoder(PostView)
_FEED_ITEM = msgspec.json.Decoder(FeedViewPost)
_RAWS = msgspec.json.Decoder(list[msgspec.Raw])
T = TypeVar("T")
LINK = "app.bsky.richtext.facet#link"
POST_TYPE = "app.bsky.feed.post"
THREAD_NODE = "app.bsky.feed.defs#threadViewPost"


class _Head(msgspec.Struct):
    """Only the URI of a view, to skip one already read without decoding it whole."""

    uri: str = ""


_HEAD = msgspec.json.Decoder(_Head)


def sniff(item: Input) -> bool:
    if item.is_dir or item.is_zip:
        return False
    head = item.head
    if head.lstrip()[:1] not in (b"{", b"["):
        return False
    return _SNIFF_TYPE.search(head) is not None and _SNIFF_URI.search(head) is not None


# --- reading -----------------------------------------------------------------------------------


class _Reader:
    """One input's reading: the builder, the source, and where problems are."""

    def __init__(self, item: Input, builder: Builder) -> None:
        self.item = item
        self.builder = builder
        self.sid = builder.source(item.name, "Bluesky (AT Protocol JSON)")
        self.line: int | None = None
        self.seen: set[str] = set()
        self.bare = 0

    def problem(self, message: str, records: int = 1) -> None:
        """`records` records left out, and why."""
        self.builder.skip(skipped(self.item.name, self.line, message), records)

    def warning(self, message: str) -> None:
        """A warning about a post that is kept (an embed or link of it left out)."""
        self.builder.caution(kept(self.item.name, self.line, message))

    # -- documents --

    def document(self, data: bytes) -> None:
        first = data.lstrip()[:1]
        if first == b"[":
            self.array(data)
            return
        doc = _DOCUMENT.decode(data)
        if present(doc.thread):
            self.thread(doc.thread)
        elif present(doc.feed):
            self.feed(doc.feed)
        elif present(doc.posts):
            self.views(doc.posts)
        elif present(doc.records):
            self.entries(doc.records)
        elif present(doc.value):
            self.entry(_ENTRY.decode(data))
        elif present(doc.record):
            self.post(_POST.decode(data))
        elif doc.type == THREAD_NODE or (present(doc.post) and present(doc.replies)):
            self.thread(msgspec.Raw(data))  # a thread's node saved on its own
        elif present(doc.post):
            self.feed_items([msgspec.json.decode(data, type=FeedViewPost)])
        elif present(doc.notifications):
            self.notifications(doc.notifications)
        elif present(doc.text) or doc.type == POST_TYPE:
            self.record(None, _RECORD.decode(data))
        else:
            self.problem(
                "a JSON document with none of the fields of the Bluesky responses replay-tui "
                "reads (thread, feed, posts, records, value, notifications, or a post "
                "record's text); skipped it"
            )

    def array(self, data: bytes) -> None:
        raws = _RAWS.decode(data)
        for index, raw in enumerate(raws):
            try:
                self.document(bytes(raw))
            except msgspec.DecodeError as exc:
                self.problem(
                    f"item {index + 1} of the list is not a Bluesky post ({exc}); skipped it"
                )

    def each(
        self,
        raw: msgspec.Raw,
        whole: msgspec.json.Decoder[list[T]],
        one: msgspec.json.Decoder[T],
        what: str,
    ) -> list[T]:
        """The items of the JSON array `raw`: decoded at once (the usual case), or, when
        one of them does not fit, one by one, each that does not said as skipped. `what`
        says what an item is not, `{}` standing for its number ("post {} is not …")."""
        try:
            return whole.decode(raw)
        except msgspec.DecodeError:
            pass
        items: list[T] = []
        for index, item in enumerate(_RAWS.decode(raw)):
            try:
                items.append(one.decode(item))
            except msgspec.DecodeError as exc:
                self.problem(f"{what.format(index + 1)} ({exc}); skipped it")
        return items

    def views(self, raw: msgspec.Raw) -> None:
        for view in self.each(raw, _POSTS, _POST, "post {} is not a Bluesky post view"):
            self.post(view)

    def feed(self, raw: msgspec.Raw) -> None:
        self.feed_items(self.each(raw, _FEED, _FEED_ITEM, "feed item {} is not readable"))

    def feed_items(self, items: list[FeedViewPost]) -> None:
        for item in items:
            if item.reply is not None:
                for node in (item.reply.root, item.reply.parent):
                    if present(node):
                        self.replydecode_node(node)
            self.post(item.post)
            if present(item.reason):
                try:
                    reason = REASON_DECODER.decode(item.reason)
                except msgspec.DecodeError:
                    continue  # another kind of reason (a pin, a new kind): nothing to record
                if isinstance(reason, ReasonRepost):
                    self.builder.repost(
                        item.post.uri,
                        by=self.person(reason.by),
                        source=self.sid,
                        time=utc_text(reason.indexedAt),
                        platform=PLATFORM,
                    )

    def replydecode_node(self, raw: msgspec.Raw) -> None:
        try:
            if _HEAD.decode(raw).uri in self.seen:
                return
            node = decode_node(raw, REPLY_NODE_DECODER)
        except msgspec.DecodeError as exc:
            self.problem(f"a reply's parent or root is not readable ({exc}); skipped it")
            return
        if isinstance(node, (NotFoundPost, BlockedPost)):
            self.gone(node)
        else:
            self.post(node)

    def notifications(self, raw: msgspec.Raw) -> None:
        """listNotifications: a mention, reply or quote carries the post itself (its URI,
        author and record, as a post view does); likes, reposts and follows carry their
        own records, which name a post of the account but not its text."""
        others = 0
        for view in self.each(raw, _POSTS, _POST, "notification {} is not readable"):
            if view.record.type in ("", POST_TYPE):
                self.post(view)
            else:
                others += 1
        if others:
            self.problem(
                f"{others} notification(s) of likes, reposts or follows name no post's "
                "text; left them out",
                others,
            )

    def entries(self, raw: msgspec.Raw) -> None:
        for entry in self.each(raw, _RECORDS, _ENTRY, "record {} is not a post record"):
            self.entry(entry)

    def entry(self, entry: RecordEntry) -> None:
        if entry.value.type and entry.value.type != "app.bsky.feed.post":
            return  # a like, a follow, a profile: not a post
        self.record(entry.uri, entry.value)

    # -- threads --

    def thread(self, raw: msgspec.Raw) -> None:
        """A getPostThread tree, walked without recursion (threads can be deep)."""
        todo: list[tuple[msgspec.Raw, bool, str | None]] = [(raw, True, None)]
        while todo:
            raw, down, above = todo.pop()  # `above`: the post a reply node answers
            try:
                node = decode_node(raw, NODE_DECODER)
            except msgspec.DecodeError as exc:
                self.problem(f"a node of the thread is not readable ({exc}); skipped it")
                continue
            if isinstance(node, (NotFoundPost, BlockedPost)):
                self.gone(node, above)
                continue
            assert isinstance(node, ThreadViewPost)
            self.post(node.post)
            if present(node.parent):
                todo.append((node.parent, False, None))
            if down:
                uri = node.post.uri
                todo.extend((reply, True, uri) for reply in reversed(node.replies))

    def gone(self, node: NotFoundPost | BlockedPost, above: str | None = None) -> None:
        """A post Bluesky did not show: a placeholder saying why, a reply to `above` when
        the thread shows it among that post's replies."""
        did, _ = parts(node.uri)
        if isinstance(node, BlockedPost) and node.author is not None and node.author.did:
            did = node.author.did
        if above is not None:
            self.builder.post(
                node.uri,
                author=did or UNKNOWN,
                source=self.sid,
                text=None,
                time=None,
                url=permalink(node.uri, None),
                platform=PLATFORM,
                reply_to=above,
                status="missing",
            )
        else:
            self.builder.reference(
                node.uri,
                source=self.sid,
                url=permalink(node.uri, None),
                author=did,
                platform=PLATFORM,
            )
        self.builder.note(node.uri, *GONE[type(node)], self.sid)

    # -- posts --

    def person(self, profile: ProfileBasic) -> str:
        handle = profile.handle if profile.handle and profile.handle != "handle.invalid" else None
        return self.builder.participant(
            profile.did, handle=handle, name=profile.displayName or None, platform=PLATFORM
        )

    def post(self, view: PostView) -> None:
        if view.uri in self.seen:
            return  # the same view again (a thread root in every feed item): nothing new
        self.seen.add(view.uri)
        author = self.person(view.author)
        handle = view.author.handle if view.author.handle != "handle.invalid" else None
        embed: Any = None
        if present(view.embed):
            embed = self.decode_embed(view.embed, view.uri, view=True)
        elif present(view.record.embed):
            embed = self.decode_embed(view.record.embed, view.uri, view=False)
        labels = [*self_labels(view.record, view.author.did), *view.labels]
        self.add(
            view.uri,
            author,
            handle,
            view.record,
            embed,
            labels,
            view.indexedAt,
        )

    def record(self, uri: str | None, record: PostRecord) -> None:
        if uri is None:
            self.builder.participant(
                UNKNOWN, name="Author not given in the file", platform=PLATFORM
            )
            self.warning(
                "a post record without its at:// URI: its author and link are unknown; "
                "imported with an unknown author"
            )
            self.bare += 1
            uri = f"{self.item.name}#record-{self.bare}"
            author = UNKNOWN
        else:
            did, _ = parts(uri)
            author = did or UNKNOWN
        embed = self.decode_embed(record.embed, uri, view=False) if present(record.embed) else None
        self.add(uri, author, None, record, embed, self_labels(record, author), None)

    def decode_embed(self, raw: msgspec.Raw, uri: str, *, view: bool) -> Any:
        try:
            return (EMBED_DECODER if view else RECORD_EMBED_DECODER).decode(raw)
        except msgspec.DecodeError as exc:
            self.warning(f"post {uri}: an embed replay-tui does not read ({exc}); left it out")
            return None

    def add(
        self,
        uri: str,
        author: str,
        handle: str | None,
        record: PostRecord,
        embed: Any,
        labels: list[Label],
        indexed_at: str | None,
    ) -> None:
        did, _ = parts(uri)
        warning = warning_words(labels, did)
        media, quotes = embed_media(embed, warning, self.quoted)
        spans, problems = resolve(
            record.text,
            (
                (f.index.byteStart, f.index.byteEnd, [(LINK, x.uri or "") for x in f.features])
                for f in record.facets
                if any(x.type == LINK for x in f.features)  # mentions and tags add no target
            ),
        )
        for problem in problems:
            self.warning(f"post {uri}: {problem.message}")
        links = [s.value for s in spans if s.kind == "link"]
        shown = [m.description for m in media]
        for address in dict.fromkeys(links):
            if not any(d and address in d for d in shown):
                media.append(link(address, warning))
        parent = record.reply.parent.uri if record.reply is not None else None
        parent_did = parts(parent)[0] if parent else None
        created = utc_text(record.createdAt)
        self.builder.post(
            uri,
            author=author,
            source=self.sid,
            text=clean_text(record.text),
            time=created,
            url=permalink(uri, handle),
            platform=PLATFORM,
            reply_to=parent,
            reply_to_url=permalink(parent, None) if parent else None,
            reply_to_author=parent_did,
            quotes=quotes,
            quotes_url=permalink(quotes, None) if quotes else None,
            quotes_author=parts(quotes)[0] if quotes else None,
            media=media,
        )
        over_words = words_warning(labels, did)
        if over_words is not None:
            self.builder.warn(uri, over_words, "editor")
        if record.createdAt and created is None:
            self.builder.note(
                uri,
                "A time replay-tui cannot read",
                f"The post's createdAt, as the author's app declared it, is "
                f"'{clean_text(record.createdAt)}', which is not a time with an offset; the "
                "post is shown without a time.",
                self.sid,
            )
        note_times(self.builder, uri, created, indexed_at, self.sid)

    def quoted(self, raw: msgspec.Raw, media: list[Media], warning: str | None) -> str | None:
        try:
            view = QUOTED_DECODER.decode(raw)
        except msgspec.DecodeError as exc:
            other = any_record(raw)
            if other is None:
                self.warning(f"a quoted record replay-tui does not read ({exc}); left it out")
            else:  # a kind of record Bluesky added since: its address, and what it is
                media.append(link_to(f"An embedded Bluesky record ({other.type})", other.uri))
            return None
        if isinstance(view, ViewRecord):
            if view.value.type and view.value.type != "app.bsky.feed.post":
                return None
            embed = None
            if view.embeds:
                embed = self.decode_embed(view.embeds[0], view.uri, view=True)
            labels = [*self_labels(view.value, view.author.did), *view.labels]
            author = self.person(view.author)
            handle = view.author.handle if view.author.handle != "handle.invalid" else None
            self.add(view.uri, author, handle, view.value, embed, labels, view.indexedAt)
            return view.uri
        if isinstance(view, (GeneratorView, ListView, StarterPackView, LabelerView)):
            media.append(link_to(embedded_what(view), view.uri, warning))
            return None
        self.builder.reference(
            view.uri,
            source=self.sid,
            url=permalink(view.uri, None),
            author=parts(view.uri)[0],
            platform=PLATFORM,
        )
        self.builder.note(view.uri, *GONE[type(view)], self.sid)
        return view.uri


class _Lines(Exception):
    """The file is JSON Lines: read it a line at a time."""


def read(item: Input, builder: Builder) -> None:
    reader = _Reader(item, builder)
    pythonic = MARK in item.head  # saved from the Python SDK's models (bluesky_py.py)
    try:
        if json_lines(item.head):
            raise _Lines
        data = item.read_bytes()
        reader.document(as_lexicon(data) if pythonic else data)
    except (msgspec.DecodeError, _Lines) as exc:
        if not isinstance(exc, _Lines) and "trailing characters" not in str(exc):
            raise
        for number, line in item.lines():
            reader.line = number
            try:
                reader.document(as_lexicon(line) if pythonic else line)
            except msgspec.DecodeError as exc_line:
                reader.problem(f"not Bluesky JSON ({exc_line}); skipped the line")
    builder.update_source(reader.sid, sha256=item.sha256())
