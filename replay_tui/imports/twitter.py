"""What the three X/Twitter formats share: permalinks, links in text, media, counts.

twarc2 (API v2), API v1.1 and the account archive spell a tweet three ways but mean the
same things by it, so the rules that make an imported post faithful are written once:

- the permalink is `https://twitter.com/HANDLE/status/ID` (`/i/status/ID` when the
  export does not name the account): the URL the session format reads a status id from;
- the text is the platform's, HTML entities decoded, each `t.co` link replaced by the
  expanded target the export gives beside it (nothing else is touched);
- media keep their kind and alt text; media of a post the platform marked
  `possibly_sensitive` sit behind a warning that says so, in neutral words;
- counts are metrics only with the capture time the export records (`at`); without one
  there is nothing honest to put in `at`, so no metrics are made;
- counts that arrive as strings ("12") are read as numbers; anything else is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec

from replay_tui.format.model import Media, Metrics
from replay_tui.imports.base import clean_text, decode_entities

Id = str | int
"""An id as the exports write it: a string, or (older tools, some fields) a number."""


class Url(msgspec.Struct, gc=False):
    """A link in a tweet's text (`entities.urls`), in every X/Twitter format."""

    url: str | None = None
    expanded_url: str | None = None


class Entities(msgspec.Struct, gc=False):
    """A tweet's `entities`: its links (API v1.1 adds media: `v1.Entities`)."""

    urls: list[Url] = []


class Account(msgspec.Struct, gc=False):
    """A user object: what API v2 and v1.1 name alike (each adds how it spells the handle)."""

    id: Id | None = None
    name: str | None = None
    description: str | None = None


SENSITIVE_WARNING = "Marked by the platform as possibly sensitive"
"""The warning over flagged media: what the platform did, not a judgement of the media."""

PLATFORM = "twitter"

_MEDIA_KIND = {"photo": "photo", "video": "video", "animated_gif": "video"}
# API v2 media keys start with the media type's number: 3 photo, 7 video, 16 GIF.
_KEY_KIND = {"3": "photo", "7": "video", "16": "video"}


def permalink(tweet_id: str, handle: str | None) -> str:
    name = handle.lstrip("@") if handle else "i"
    return f"https://twitter.com/{name}/status/{tweet_id}"


Links = Sequence[tuple[str | None, str | None]]
"""A tweet's links as (t.co url, expanded url) pairs, as `text_of` takes them."""

_STATUS = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w+)/status/(\d+)")


def handle_in(url: str | None) -> str | None:
    """The account a tweet's permalink names (`twitter.com/NAME/status/ID`); None for an
    `/i/status/` link, which names none, or another address."""
    match = _STATUS.match(url or "")
    return match.group(1) if match and match.group(1) not in ("i", "web") else None


def status_link(links: Links, target: str) -> str:
    """The permalink of tweet `target` (a quoted one): from a link to it in the text,
    where there is one (it names the tweet's account, which the export may not give
    otherwise), else its `/i/status/` form."""
    for _, expanded in links:
        match = _STATUS.match(expanded or "")
        if match and match.group(2) == target:
            return permalink(target, match.group(1))
    return permalink(target, None)


def trailing_status(raw: str, links: Links, own: str) -> tuple[str, str] | None:
    """(id, permalink) of the tweet linked at the very end of the text, if another tweet:
    how the platform wrote a quote into the text of a tweet that quotes one. An export that
    does not mark quotes (the account archive) gives no other sign of it."""
    end = raw.rstrip()
    for short, expanded in links:
        if short and end.endswith(short):
            match = _STATUS.match(expanded or "")
            if match and match.group(2) != own:
                return match.group(2), permalink(match.group(2), match.group(1))
    return None


def text_of(raw: str, links: Iterable[tuple[str | None, str | None]]) -> str:
    """The text as served, entities decoded, each (t.co url, expanded url) replaced."""
    text = raw if raw.isascii() else clean_text(raw)
    if "&" in text:
        text = decode_entities(text)
    for short, expanded in links:
        if short and expanded and short in text:
            text = text.replace(short, expanded if expanded.isascii() else clean_text(expanded))
    return text


def media_kind(kind: str | None, key: str | None = None) -> str:
    if kind in _MEDIA_KIND:
        return _MEDIA_KIND[kind]
    if kind is None and key:
        return _KEY_KIND.get(key.split("_", 1)[0], "other")
    return "other"


def media(kind: str, alt: str | None, sensitive: bool) -> Media:
    """One attachment; flagged media get the platform's flag as a warning, and a
    description (the alt text, or that the export has none) so a presenter can decide."""
    description = clean_text(alt) if alt else None
    if not sensitive:
        return Media(kind=kind, description=description)  # type: ignore[arg-type]
    return Media(
        kind=kind,  # type: ignore[arg-type]
        description=description or f"A {kind}; the export gives no description of it.",
        warning=SENSITIVE_WARNING,
    )


def count(value: object) -> int | None:
    """A count as the export gives it (a number, or a number in a string); None if not."""
    if type(value) is int:  # the usual case first: this runs for every count of every post
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def metrics(
    at: str | None,
    source: str,
    likes: Id | None = None,
    reposts: Id | None = None,
    replies: Id | None = None,
    quotes: Id | None = None,
    views: Id | None = None,
) -> tuple[Metrics, ...]:
    """The counts as one Metrics `at` the capture time; none without a capture time."""
    if at is None:
        return ()
    if not (
        type(likes) is int
        and type(reposts) is int
        and type(replies) is int
        and type(quotes) is int
        and min(likes, reposts, replies, quotes) >= 0
    ):
        # Not the usual whole numbers (this runs for every tweet of a collection): each is
        # read as a count, or left out.
        likes, reposts = count(likes), count(reposts)
        replies, quotes = count(replies), count(quotes)
        if (likes, reposts, replies, quotes, count(views)) == _NONE5:
            return ()
    return (
        Metrics(
            at=at,
            source=source,
            likes=likes,
            reposts=reposts,
            replies=replies,
            quotes=quotes,
            views=count(views),
        ),
    )


_NONE5 = (None, None, None, None, None)


def withheld_note(countries: Iterable[str], copyright: bool | None) -> str | None:
    """What a context note says of a withheld post, or None if it is not withheld."""
    codes = [c for c in countries if c]
    if not codes and not copyright:
        return None
    parts = []
    if codes:
        parts.append(
            "The platform withheld this post in these countries (as the export lists "
            f"them): {', '.join(codes)}."
        )
    if copyright:
        parts.append("The export says it was withheld in response to a copyright complaint.")
    return " ".join(parts)


def tweet_id(value: object) -> str | None:
    """A tweet's id as text: digits only (a string or a number); None for anything else,
    which can be no tweet's id and would make a permalink to nowhere."""
    if type(value) is str and value.isdigit():
        return value
    text = ident(value)
    return text if text is not None and text.isdigit() else None


def ident(value: object) -> str | None:
    """An id as text, whether the export gives it as a string or a number."""
    if type(value) is str and value and not value[0].isspace() and not value[-1].isspace():
        return value  # the usual case first: this runs for every id of every post
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
