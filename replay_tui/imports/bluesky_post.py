"""What a Bluesky post says beyond its text: its permalink, its labels, its two times.

* A post's `at://did/app.bsky.feed.post/rkey` URI gives its permalink,
  `https://bsky.app/profile/<handle>/post/<rkey>`, with the DID where the handle is not
  known (bsky.app accepts both).
* Labels that warn (`porn`, `sexual`, `nudity`, `graphic-media`, `gore`, `!warn`, `!hide`)
  and any label the author put on their own post hide the post's media behind a warning
  that names each label and who applied it; a label negated by its labeler does not.
  `!warn` and `!hide` also hide the post's words (its own `warning`, `warning_by =
  "editor"`: the words are this import's, naming the labeler, never the author's), as
  Bluesky's apps blur the whole post for them and only the media for the others
  (`blurs: "content"` against `"media"` in the label definitions of @atproto/api).
* A post that embeds no post but a feed, a list, a starter pack, a labeler (or a kind of
  record Bluesky adds later) keeps it as a `link` attachment saying what it is.
* `createdAt` is declared by the author's app; where the app view's `indexedAt` is more
  than a minute away, a note gives both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec

from replay_tui.format.model import Media
from replay_tui.imports.attach import described
from replay_tui.imports.base import clean_text, utc_text
from replay_tui.imports.bluesky_model import (
    ANY_RECORD_DECODER,
    AnyRecord,
    BlockedPost,
    ExternalEmbed,
    ExternalView,
    GeneratorView,
    Images,
    ImagesView,
    Label,
    LabelerView,
    ListView,
    NotFoundPost,
    PostRecord,
    RecordEmbed,
    RecordView,
    RecordWithMedia,
    RecordWithMediaView,
    StarterPackView,
    Video,
    VideoView,
    ViewBlocked,
    ViewDetached,
    ViewNotFound,
)
from replay_tui.imports.builder import Builder

WARNING_LABELS = frozenset({"porn", "sexual", "nudity", "graphic-media", "gore", "!warn", "!hide"})
POST_URI = re.compile(r"at://([^/]+)/app\.bsky\.feed\.post/([^/?#]+)")

_UNKNOWN = "Its text is unknown."
GONE: dict[type, tuple[str, str]] = {
    NotFoundPost: (
        "A post Bluesky did not find",
        f"Bluesky answered that this post was not found: it was deleted, or never existed. "
        f"{_UNKNOWN}",
    ),
    BlockedPost: (
        "A post Bluesky blocked",
        "Bluesky did not show this post because of a block between its author and the "
        f"account that fetched the thread. {_UNKNOWN}",
    ),
    ViewNotFound: (
        "A quoted post Bluesky did not find",
        f"Bluesky answered that the quoted post was not found: it was deleted, or never "
        f"existed. {_UNKNOWN}",
    ),
    ViewBlocked: (
        "A quoted post Bluesky blocked",
        "Bluesky answered that the quoted post is not shown because of a block between the "
        f"accounts. {_UNKNOWN}",
    ),
    ViewDetached: (
        "A quote its author detached",
        "Bluesky answered that the quoted post was detached from this quote by its author. "
        f"{_UNKNOWN}",
    ),
}
"""The note on a placeholder for each way Bluesky answers that it does not show a post."""


def parts(uri: str | None) -> tuple[str | None, str | None]:
    """The DID (or handle) and record key of a post's at:// URI."""
    match = POST_URI.fullmatch(uri or "")
    if match is None:
        return None, None
    return match.group(1), match.group(2)


def permalink(uri: str, handle: str | None) -> str | None:
    """`https://bsky.app/profile/<handle>/post/<rkey>`; the DID stands for an unknown handle."""
    who, rkey = parts(uri)
    if rkey is None:
        return None
    return f"https://bsky.app/profile/{handle or who}/post/{rkey}"


def self_labels(record: PostRecord, did: str | None) -> list[Label]:
    if record.labels is None:
        return []
    return [Label(val=label.val, src=did or "") for label in record.labels.values]


CONTENT_LABELS = frozenset({"!warn", "!hide"})

"""The labels over the whole post, words too; the others hide media only."""


def words_warning(labels: list[Label], author: str | None) -> str | None:
    """The warning over the post's words: its content labels (`CONTENT_LABELS`) only."""
    return warning_words([label for label in labels if label.val in CONTENT_LABELS], author)


def warning_words(labels: list[Label], author: str | None) -> str | None:
    """The warning the post's media are hidden behind, naming each label and who set it."""
    negated = {(label.val, label.src) for label in labels if label.neg}
    words: list[str] = []
    for label in labels:
        if label.neg or (label.val, label.src) in negated:
            continue
        own = author is not None and label.src == author
        if label.val not in WARNING_LABELS and not own:
            continue
        who = "by the author" if own else f"by {label.src}" if label.src else ""
        phrase = f"labelled '{label.val}' {who}".rstrip()
        if phrase not in words:
            words.append(phrase)
    if not words:
        return None
    return "Bluesky: " + "; ".join(words)


def note_times(
    builder: Builder, uri: str, created: str | None, indexed: str | None, sid: str
) -> None:
    at = utc_text(indexed)
    if created is None or at is None or created[:16] == at[:16]:
        return  # within the same minute: less than a minute apart
    gap = abs(datetime.fromisoformat(at) - datetime.fromisoformat(created)).total_seconds()
    if gap > 60:
        builder.note(
            uri,
            "Two times for this post",
            f"The time shown, {created}, is the one the author's app declared (createdAt); "
            f"Bluesky indexed the post at {at}. The app can set createdAt freely.",
            sid,
        )


def any_record(raw: msgspec.Raw) -> AnyRecord | None:
    try:
        other = ANY_RECORD_DECODER.decode(raw)
    except msgspec.DecodeError:
        return None
    return other if other.type and other.uri.startswith("at://") else None


def embedded_what(view: GeneratorView | ListView | StarterPackView | LabelerView) -> str:
    """What a post embeds when it embeds no post: a feed, a list, a starter pack, a labeler."""
    if isinstance(view, GeneratorView):
        return f"A Bluesky feed: {view.displayName}"
    if isinstance(view, ListView):
        return f"A Bluesky list: {view.name}"
    if isinstance(view, StarterPackView):
        return f"A Bluesky starter pack: {view.record.name}"
    who = view.creator.handle or view.creator.did if view.creator is not None else ""
    return f"A Bluesky labeler: {who}".rstrip(": ")


def link_to(what: str, uri: str, warning: str | None = None) -> Media:
    return Media(kind="link", description=clean_text(f"{what} ({uri})"), warning=warning)


Quoted = Callable[[msgspec.Raw, list[Media], str | None], str | None]


def embed_media(embed: Any, warning: str | None, quoted: Quoted) -> tuple[list[Media], str | None]:
    """The media of an embed, and the URI of the post it quotes (`quoted` reads a quoted
    record's view, adding to the media what is not a post)."""
    media: list[Media] = []
    quotes: str | None = None
    if isinstance(embed, (RecordWithMediaView, RecordWithMedia)):
        media, _ = embed_media(embed.media, warning, quoted)
        _, quotes = embed_media(embed.record, warning, quoted)
    elif isinstance(embed, (ImagesView, Images)):
        media = [described("photo", image.alt, warning) for image in embed.images]
    elif isinstance(embed, (VideoView, Video)):
        media = [described("video", embed.alt, warning)]
    elif isinstance(embed, (ExternalView, ExternalEmbed)):
        card = embed.external
        words = f"Link card: {card.title} ({card.uri})" if card.title else f"Link card: {card.uri}"
        media = [Media(kind="link", description=clean_text(words), warning=warning)]
    elif isinstance(embed, RecordEmbed):
        if POST_URI.fullmatch(embed.record.uri):
            quotes = embed.record.uri
        else:  # a record embedding a feed, a list, a starter pack: no post to quote
            what = embed.record.uri.removeprefix("at://").split("/")[1:2] or ["record"]
            media = [link_to(f"An embedded Bluesky record ({what[0]})", embed.record.uri, warning)]
    elif isinstance(embed, RecordView):
        quotes = quoted(embed.record, media, warning)
    return media, quotes
