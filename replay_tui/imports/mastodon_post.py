"""What a Mastodon post becomes, the same from the API and from an account's archive.

**Content warnings.** Mastodon hides the whole post (text and media) behind the author's
`spoiler_text` (`summary` in an archive). Here the post's own `warning` is those words,
with `warning_by = "author"`: the replay shows them, as the author's, in place of the text
until the presenter reveals it with `v` (as a reader clicks "Show more"), and the post's
media and links carry the same warning. `sensitive` without a warning hides the media
only ("marked sensitive by the author"), as Mastodon does.

The text is what a reader sees of the HTML (`html_text`); each link's full address is a
`link` attachment (the text shows it shortened), except the quoted post's, which is the
quote link; a poll shows its options; an edit is noted.
"""

from __future__ import annotations

import msgspec

from replay_tui.format.model import Media, MediaKind
from replay_tui.imports.attach import described, link
from replay_tui.imports.base import clean_text, skipped, utc_text
from replay_tui.imports.builder import Builder
from replay_tui.imports.html_text import Visible, visible_text

PLATFORM = "mastodon"
SENSITIVE = "Marked sensitive by the author (Mastodon hides it until a reader clicks it)"
MEDIA_KINDS: dict[str, MediaKind] = {"image": "photo", "gifv": "video", "video": "video"}
_NOTHING_SHOWN = Visible("", ())


def problem(builder: Builder, file: str, line: int | None, what: str, exc: Exception) -> None:
    builder.skip(skipped(file, line, f"{what}: {exc}; skipped it"))


def gate(spoiler: str | None, sensitive: bool | None) -> tuple[str | None, bool]:
    """The warning words and whether they hide the text too: the author's own content
    warning hides everything; `sensitive` alone hides the media."""
    words = clean_text(spoiler) if spoiler else ""
    if words.strip():
        return words, True
    if sensitive:
        return SENSITIVE, False
    return None, False


def post_parts(
    content: str | None,
    warning: str | None,
    hides_text: bool,
    media: list[Media],
    card: str | None,
    quoted: tuple[str | None, ...] = (),
) -> tuple[str, list[Media]]:
    """The post's text and media: attachments, then each link's target (the text shows
    links shortened; a link to the quoted post is the quote link instead), behind the
    author's warning when it hides the text."""
    shown = visible_text(content) if content else _NOTHING_SHOWN
    links = [address for address in shown.links if address not in quoted] if shown.links else []
    if card and card not in links:
        links.append(card)
    if links:
        hide = warning if hides_text else None
        media = media + [link(address, hide) for address in links]
    text = shown.text
    return text if text.isascii() else clean_text(text), media


class Draft(msgspec.Struct, kw_only=True, gc=False):
    """A post as Mastodon gives it, the same from a `Status` and from an archive's `Note`
    (`attachments`: each one's kind and alt text; `quoted`: the quoted post's addresses,
    whose links are the quote link, not links in the text). One object handed over, not
    eighteen keyword arguments bound twice for each of a collection's posts."""

    key: str
    author: str
    source: str
    content: str | None
    time: str | None
    url: str | None
    spoiler: str | None = None
    sensitive: bool | None = False
    attachments: list[tuple[MediaKind, str | None]] = []
    poll_options: list[str] | None = None
    card: str | None = None
    quoted: tuple[str | None, ...] = ()
    edited: str | None = None
    reply_to: str | None = None
    reply_to_url: str | None = None
    reply_to_author: str | None = None
    quotes: str | None = None
    quotes_url: str | None = None
    quotes_author: str | None = None


def add_post(builder: Builder, draft: Draft) -> None:
    """A post: the author's warning over its text and media, attachments with their alt
    text, a poll's options, the text and links, the notes."""
    # Runs for each of a collection's posts: a post with no warning, media or poll (most
    # of them) skips the steps that would make nothing.
    key, content, card = draft.key, draft.content, draft.card
    if draft.spoiler or draft.sensitive:
        warning, hides_text = gate(draft.spoiler, draft.sensitive)
    else:
        warning, hides_text = None, False
    attached = (
        [described(kind, alt, warning) for kind, alt in draft.attachments]
        if draft.attachments
        else []
    )
    if draft.poll_options is not None:
        attached.append(poll(draft.poll_options, warning))
    known = builder.read_before(key)
    if known is not None and (known.media or not (attached or card or _may_link(content))):
        # Read before (a boost or a quote carries the whole status again): the builder
        # takes only this source, and media only where the post had none, which this
        # read would not give either. Its HTML is not read twice.
        text, media = "", attached
    else:
        text, media = post_parts(content, warning, hides_text, attached, card, draft.quoted)
    builder.post(
        key,
        author=draft.author,
        source=draft.source,
        text=text,
        time=utc_text(draft.time),
        url=draft.url,
        platform=PLATFORM,
        media=media,
        reply_to=draft.reply_to,
        reply_to_url=draft.reply_to_url,
        reply_to_author=draft.reply_to_author,
        quotes=draft.quotes,
        quotes_url=draft.quotes_url,
        quotes_author=draft.quotes_author,
    )
    if hides_text or draft.edited:
        notes(builder, key, warning if hides_text else None, draft.edited, draft.source)


def _may_link(content: str | None) -> bool:
    """Whether `content` may hold a link (an `href`, in any case, as HTML reads it)."""
    return content is not None and "href" in content.lower()


def poll(options: list[str], warning: str | None) -> Media:
    """A poll as Mastodon shows it: its options (the counts have no moment to be read at)."""
    words = "; ".join(clean_text(option) for option in options)
    return Media(kind="other", description=f"A poll. Options: {words}", warning=warning)


def notes(
    builder: Builder, key: str, content_warning: str | None, edited: str | None, sid: str
) -> None:
    """What the post's text does not say: the author's warning that hides it (the post's
    own `warning`), that it was edited (the file holds the edited text)."""
    if content_warning is not None:
        builder.warn(key, content_warning, "author")
    if edited:
        builder.note(
            key,
            "Edited",
            f"The author edited this post (last edit {utc_text(edited) or edited}); the text "
            "is the edited one the file holds.",
            sid,
        )
