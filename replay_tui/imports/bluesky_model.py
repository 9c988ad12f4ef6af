"""The fields replay-tui reads from Bluesky's JSON, as msgspec Structs.

They follow the atproto lexicons:

* `app.bsky.feed.defs`: `postView` (uri, cid, author, record, embed, indexedAt, labels;
  not its counts, since the export does not say when they were counted), `threadViewPost`
  (post, parent, replies), `notFoundPost`, `blockedPost`, `feedViewPost` (post, reply,
  reason) and `reasonRepost`;
* `app.bsky.feed.post`: the record (text, facets, reply, embed, langs, labels, createdAt);
* `app.bsky.embed.*`: `images`, `external`, `record`, `recordWithMedia`, `video`, each as
  the record stores it and as the app view returns it (`#view`); a quoted record's view is
  `viewRecord`, `viewNotFound`, `viewBlocked` or `viewDetached`;
* `com.atproto.label.defs`: `label` (src, val, neg) and `selfLabels`.

Unions are tagged on `$type`, as the lexicons define them. Bluesky adds embed and record
types over time, and a union member this release does not know must not sink the whole
file, so the fields that hold a union are `msgspec.Raw` here and are decoded with the union
one at a time (`decode_embed`, `decode_node`); an unknown `$type` is then reported for that
one post.
"""

from __future__ import annotations

from typing import Any

import msgspec

from replay_tui.imports.rawjson import NO_RAW, present

TYPE = "$type"


def _tagged(name: str) -> dict[str, Any]:
    return {"tag": name, "tag_field": TYPE, "gc": False}


class Label(msgspec.Struct, gc=False):
    val: str
    src: str = ""
    neg: bool = False


class SelfLabel(msgspec.Struct, gc=False):
    val: str


class SelfLabels(msgspec.Struct, gc=False):
    values: list[SelfLabel] = []


class ProfileBasic(msgspec.Struct, gc=False):
    did: str
    handle: str = ""
    displayName: str | None = None


class StrongRef(msgspec.Struct, gc=False):
    uri: str
    cid: str = ""


class ReplyRef(msgspec.Struct, gc=False):
    parent: StrongRef
    root: StrongRef | None = None


class ByteSlice(msgspec.Struct, gc=False):
    byteStart: int
    byteEnd: int


class Feature(msgspec.Struct, gc=False):
    """One facet feature; `uri` (link), `did` (mention) or `tag` (tag) by its `$type`."""

    type: str = msgspec.field(default="", name=TYPE)
    uri: str | None = None
    did: str | None = None
    tag: str | None = None


class Facet(msgspec.Struct, gc=False):
    index: ByteSlice
    features: list[Feature] = []


class PostRecord(msgspec.Struct, gc=False):
    """An `app.bsky.feed.post` record."""

    text: str = ""
    createdAt: str | None = None
    facets: list[Facet] = []
    reply: ReplyRef | None = None
    embed: msgspec.Raw = NO_RAW
    labels: SelfLabels | None = None
    type: str = msgspec.field(default="", name=TYPE)


# --- embeds as the record stores them ------------------------------------------------------


class Image(msgspec.Struct, gc=False):
    alt: str = ""


class Images(msgspec.Struct, **_tagged("app.bsky.embed.images")):
    images: list[Image] = []


class External(msgspec.Struct, gc=False):
    uri: str = ""
    title: str = ""
    description: str = ""


class ExternalEmbed(msgspec.Struct, **_tagged("app.bsky.embed.external")):
    external: External


class RecordEmbed(msgspec.Struct, **_tagged("app.bsky.embed.record")):
    record: StrongRef


class Video(msgspec.Struct, **_tagged("app.bsky.embed.video")):
    alt: str | None = None


Media = Images | ExternalEmbed | Video


class RecordWithMedia(msgspec.Struct, **_tagged("app.bsky.embed.recordWithMedia")):
    record: RecordEmbed
    media: Media


RecordEmbedUnion = Images | ExternalEmbed | RecordEmbed | RecordWithMedia | Video


# --- embeds as the app view returns them ---------------------------------------------------


class ViewImage(msgspec.Struct, gc=False):
    alt: str = ""
    fullsize: str = ""


class ImagesView(msgspec.Struct, **_tagged("app.bsky.embed.images#view")):
    images: list[ViewImage] = []


class ExternalView(msgspec.Struct, **_tagged("app.bsky.embed.external#view")):
    external: External


class VideoView(msgspec.Struct, **_tagged("app.bsky.embed.video#view")):
    alt: str | None = None
    playlist: str = ""


class ViewRecord(msgspec.Struct, **_tagged("app.bsky.embed.record#viewRecord")):
    uri: str
    author: ProfileBasic
    value: PostRecord
    indexedAt: str | None = None
    labels: list[Label] = []
    embeds: list[msgspec.Raw] = []


class ViewNotFound(msgspec.Struct, **_tagged("app.bsky.embed.record#viewNotFound")):
    uri: str


class ViewBlocked(msgspec.Struct, **_tagged("app.bsky.embed.record#viewBlocked")):
    uri: str


class ViewDetached(msgspec.Struct, **_tagged("app.bsky.embed.record#viewDetached")):
    uri: str


class GeneratorView(msgspec.Struct, **_tagged("app.bsky.feed.defs#generatorView")):
    uri: str
    displayName: str = ""


class ListView(msgspec.Struct, **_tagged("app.bsky.graph.defs#listView")):
    uri: str
    name: str = ""


class Named(msgspec.Struct, gc=False):
    name: str = ""


class StarterPackView(msgspec.Struct, **_tagged("app.bsky.graph.defs#starterPackViewBasic")):
    uri: str
    record: Named = msgspec.field(default_factory=Named)


class LabelerView(msgspec.Struct, **_tagged("app.bsky.labeler.defs#labelerView")):
    uri: str
    creator: ProfileBasic | None = None


QuotedView = (
    ViewRecord
    | ViewNotFound
    | ViewBlocked
    | ViewDetached
    | GeneratorView
    | ListView
    | StarterPackView
    | LabelerView
)


class AnyRecord(msgspec.Struct, gc=False):
    """Any embedded record view, of a `$type` this release does not know: its address."""

    type: str = msgspec.field(default="", name=TYPE)
    uri: str = ""


class RecordView(msgspec.Struct, **_tagged("app.bsky.embed.record#view")):
    record: msgspec.Raw


MediaView = ImagesView | ExternalView | VideoView


class RecordWithMediaView(msgspec.Struct, **_tagged("app.bsky.embed.recordWithMedia#view")):
    record: RecordView
    media: MediaView


ViewEmbed = ImagesView | ExternalView | RecordView | RecordWithMediaView | VideoView


# --- posts, threads, feeds -----------------------------------------------------------------


class PostView(msgspec.Struct, gc=False):
    uri: str
    author: ProfileBasic
    record: PostRecord
    cid: str = ""
    embed: msgspec.Raw = NO_RAW
    indexedAt: str | None = None
    labels: list[Label] = []


class ThreadViewPost(msgspec.Struct, **_tagged("app.bsky.feed.defs#threadViewPost")):
    post: PostView
    parent: msgspec.Raw = NO_RAW
    replies: list[msgspec.Raw] = []


class NotFoundPost(msgspec.Struct, **_tagged("app.bsky.feed.defs#notFoundPost")):
    uri: str


class BlockedAuthor(msgspec.Struct, gc=False):
    did: str = ""


class BlockedPost(msgspec.Struct, **_tagged("app.bsky.feed.defs#blockedPost")):
    uri: str
    author: BlockedAuthor | None = None


class TaggedPostView(PostView, **_tagged("app.bsky.feed.defs#postView")):
    """A postView inside a union (a feed item's reply root or parent)."""


ThreadNode = ThreadViewPost | NotFoundPost | BlockedPost
ReplyNode = TaggedPostView | NotFoundPost | BlockedPost


class ReasonRepost(msgspec.Struct, **_tagged("app.bsky.feed.defs#reasonRepost")):
    by: ProfileBasic
    indexedAt: str | None = None


class ReasonPin(msgspec.Struct, **_tagged("app.bsky.feed.defs#reasonPin")):
    pass


class FeedReply(msgspec.Struct, gc=False):
    parent: msgspec.Raw = NO_RAW
    root: msgspec.Raw = NO_RAW


class FeedViewPost(msgspec.Struct, gc=False):
    post: PostView
    reply: FeedReply | None = None
    reason: msgspec.Raw = NO_RAW


class RecordEntry(msgspec.Struct, gc=False):
    """One record as `com.atproto.repo.listRecords` / `getRecord` return it."""

    uri: str
    value: PostRecord
    cid: str = ""


class Document(msgspec.Struct, gc=False):
    """The top level of any of the responses read: which field is present says which
    (`thread`: getPostThread; `feed`: getAuthorFeed and other feeds; `posts`: getPosts;
    `records`: listRecords; `value`: getRecord; `record`: one postView; `post`: one
    feedViewPost, or a thread's node when it has `replies` or is typed so;
    `notifications`: listNotifications; `text` or the `$type`
    `app.bsky.feed.post`: a bare post record). Read without building the contents."""

    thread: msgspec.Raw = NO_RAW
    feed: msgspec.Raw = NO_RAW
    posts: msgspec.Raw = NO_RAW
    records: msgspec.Raw = NO_RAW
    value: msgspec.Raw = NO_RAW
    record: msgspec.Raw = NO_RAW
    post: msgspec.Raw = NO_RAW
    notifications: msgspec.Raw = NO_RAW
    replies: msgspec.Raw = NO_RAW
    text: msgspec.Raw = NO_RAW
    type: str = msgspec.field(default="", name=TYPE)


EMBED_DECODER = msgspec.json.Decoder(ViewEmbed)
RECORD_EMBED_DECODER = msgspec.json.Decoder(RecordEmbedUnion)
QUOTED_DECODER = msgspec.json.Decoder(QuotedView)
ANY_RECORD_DECODER = msgspec.json.Decoder(AnyRecord)
NODE_DECODER = msgspec.json.Decoder(ThreadNode)
REPLY_NODE_DECODER = msgspec.json.Decoder(ReplyNode)
REASON_DECODER = msgspec.json.Decoder(ReasonRepost | ReasonPin)


POST_DECODER = msgspec.json.Decoder(PostView)


class Untyped(msgspec.Struct):
    """A thread or reply node saved without its `$type` (some tools drop it): which it is
    follows from its fields, as the lexicon defines them."""

    uri: str = ""
    post: msgspec.Raw = NO_RAW
    parent: msgspec.Raw = NO_RAW
    replies: list[msgspec.Raw] = []
    notFound: bool = False
    blocked: bool = False
    record: msgspec.Raw = NO_RAW


UNTYPED_DECODER = msgspec.json.Decoder(Untyped)


def decode_node(raw: msgspec.Raw, decoder: msgspec.json.Decoder[Any]) -> Any:
    """A node of a thread (or a reply's root or parent) by its `$type`, or by its fields
    when the `$type` is missing."""
    try:
        return decoder.decode(raw)
    except msgspec.ValidationError:
        loose = UNTYPED_DECODER.decode(raw)
        if loose.notFound and loose.uri:
            return NotFoundPost(uri=loose.uri)
        if loose.blocked and loose.uri:
            return BlockedPost(uri=loose.uri)
        if present(loose.post):
            return ThreadViewPost(
                post=POST_DECODER.decode(loose.post), parent=loose.parent, replies=loose.replies
            )
        if present(loose.record):
            return POST_DECODER.decode(raw)
        raise
