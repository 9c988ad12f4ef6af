"""X/Twitter API v1.1 tweet JSON: a list of tweets, one tweet, or one tweet a line.

What older tools saved (twarc 1, tweepy's `_json`, the streaming API, `search/tweets`
responses with `statuses`): tweet objects in **extended** mode (`full_text`) or **compat**
mode (`text`, with `truncated: true` when the text was cut to 140 characters and the full
one put in `extended_tweet` where the stream gives it). A retweet carries its original in
`retweeted_status`, a quote in `quoted_status`: both become posts too.

The account archive's tweets are v1.1 objects without `user`; `archive.py` reads them with
the same `Tweet` Struct and `add_tweet`. API v1.1 records no capture time, so counts from
it are not kept (a metric needs the moment it was reported).
"""

from __future__ import annotations

import re

import msgspec

from replay_tui.format.model import Media
from replay_tui.imports import twitter
from replay_tui.imports.base import UNREAD, Input, decode_lenient, skipped, utc_text
from replay_tui.imports.builder import Builder
from replay_tui.imports.rawjson import complete_elements
from replay_tui.imports.twitter import Id

NAME = "twitter-v1"
LABEL = "X/Twitter API v1.1 tweets (JSON)"


class User(twitter.Account, gc=False):
    id_str: str | None = None
    screen_name: str | None = None


class MediaItem(msgspec.Struct, gc=False):
    url: str | None = None
    expanded_url: str | None = None
    type: str | None = None
    ext_alt_text: str | None = None


class Entities(twitter.Entities, gc=False):
    media: list[MediaItem] = msgspec.field(default_factory=list)


class Extended(msgspec.Struct, gc=False):
    """The text and entities of a tweet: a compat tweet's `extended_tweet` holds them in
    full beside the tweet's own, cut-short ones."""

    full_text: str | None = None
    entities: Entities | None = None
    extended_entities: Entities | None = None


class Tweet(Extended, gc=False):
    id_str: str | None = None
    id: Id | None = None
    text: str | None = None
    truncated: bool | None = None
    extended_tweet: Extended | None = None
    created_at: str | None = None
    user: User | None = None
    in_reply_to_status_id_str: str | None = None
    in_reply_to_status_id: Id | None = None
    in_reply_to_user_id_str: str | None = None
    in_reply_to_user_id: Id | None = None
    in_reply_to_screen_name: str | None = None
    quoted_status_id_str: str | None = None
    is_quote_status: bool | None = None
    quoted_status: Tweet | None = None
    retweeted_status: Tweet | None = None
    favorite_count: Id | None = None
    retweet_count: Id | None = None
    reply_count: Id | None = None
    quote_count: Id | None = None
    possibly_sensitive: bool | None = None
    withheld_in_countries: list[str] = []
    withheld_copyright: bool | None = None
    deleted_at: str | None = None


class Search(msgspec.Struct, gc=False):
    statuses: list[msgspec.Raw] = []


_TWEET = msgspec.json.Decoder(Tweet)
_JSON_LINES = re.compile(rb"\s*\{[^\n]*\}\s*\n\s*\{")
"""A head whose first line is a whole object and whose next line starts another."""
_RAW_LIST = msgspec.json.Decoder(list[msgspec.Raw])


def sniff(item: Input) -> bool:
    value, _ = item.first_value()
    if isinstance(value, dict) and isinstance(value.get("statuses"), list):
        # A search/tweets response; Mastodon's search and account dumps also hold
        # `statuses`, whose statuses have an `account`, never a `user`.
        first = value["statuses"][0] if value["statuses"] else None
        return not (isinstance(first, dict) and "account" in first and "user" not in first)
    return isinstance(value, dict) and _is_tweet(value)


def _is_tweet(value: dict[str, object]) -> bool:
    has_text = "full_text" in value or "text" in value
    return has_text and "author_id" not in value and ("id_str" in value or "user" in value)


def read(item: Input, builder: Builder) -> None:
    sid = builder.source(item.name, LABEL)
    start = item.head.lstrip()[:1]
    if start == b"[":
        records(item.name, item.read_bytes(), builder, sid, _from_array)
    elif _JSON_LINES.match(item.head):
        # One tweet a line, as the streaming API and tweepy scripts write: streamed, so
        # that a large file is never held whole.
        for number, line in item.lines():
            _one(line, builder, sid, item.name, number, "the line")
    else:
        # One object (perhaps a search response), or JSON Lines that the head did not show
        # (a first line longer than it): try the whole as one value.
        data = item.read_bytes()
        try:
            search = msgspec.json.decode(data, type=Search)
        except (msgspec.DecodeError, msgspec.ValidationError):
            search = None
        if search is not None and search.statuses:
            for n, raw in enumerate(search.statuses, 1):
                _one(raw, builder, sid, item.name, None, f"tweet {n} of statuses")
        elif search is not None:  # one tweet, perhaps written over many lines
            _one(data, builder, sid, item.name, 1, "the tweet")
        else:
            for number, line in enumerate(data.split(b"\n"), 1):
                if line.strip():
                    _one(line, builder, sid, item.name, number, "the line")
    builder.update_source(sid, sha256=item.sha256())


def _from_array(
    raw: msgspec.Raw, builder: Builder, sid: str, file: str, line: int | None, what: str
) -> None:
    _one(raw, builder, sid, file, line, what)


def records(file: str, data: bytes, builder: Builder, sid: str, each: object) -> None:
    """Each element of the JSON array `data`, decoded one by one (so a bad record is
    skipped alone); a file cut off mid-array gives the records before the cut."""
    try:
        items: list[msgspec.Raw] = _RAW_LIST.decode(data)
    except msgspec.DecodeError as exc:
        items, line = _salvage(data)
        builder.skip(
            skipped(
                file,
                line,
                f"the file is not complete JSON ({exc}; cut off?): read the "
                f"{len(items)} records before this line, skipped the rest",
                UNREAD,
            ),
            0,
        )
    except msgspec.ValidationError:
        builder.skip(
            skipped(file, 1, "the file is not a JSON array of records; skipped it", UNREAD), 0
        )
        return
    for n, raw in enumerate(items, 1):
        each(raw, builder, sid, file, None, f"record {n}")  # type: ignore[operator]


def _salvage(data: bytes) -> tuple[list[msgspec.Raw], int]:
    found = complete_elements(data)
    if found is None:
        return [], 1
    rest = data[found.end :]
    at = found.end + len(rest) - len(rest.lstrip(b" \t\r\n,"))  # where the cut record begins
    return _RAW_LIST.decode(found.data), data.count(b"\n", 0, at) + 1


def _one(
    raw: bytes | msgspec.Raw, builder: Builder, sid: str, file: str, line: int | None, what: str
) -> None:
    try:
        tweet = decode_lenient(_TWEET, raw)
    except msgspec.DecodeError:
        builder.skip(skipped(file, line, f"{what} is not JSON (cut off?); skipped it"))
        return
    except msgspec.ValidationError as exc:
        builder.skip(skipped(file, line, f"{what} is not a tweet ({exc}); skipped it"))
        return
    if not add_tweet(tweet, builder, sid, None, None):
        builder.skip(
            skipped(file, line, f"{what} has no tweet id (digits) or no author; skipped it")
        )


def add_tweet(
    tweet: Tweet,
    builder: Builder,
    sid: str,
    owner: str | None,
    at: str | None,
    *,
    owner_handle: str | None = None,
    deleted: bool = False,
) -> bool:
    """Feed one v1.1 tweet (and the tweets it embeds) to the builder; False if it has no
    id or no author. `owner`: the author of tweets without `user` (an archive's account);
    `at`: the capture time of its counts, where the export records one."""
    key = twitter.tweet_id(tweet.id_str) or twitter.tweet_id(tweet.id)
    author, handle = owner, owner_handle
    if tweet.user is not None:
        author = twitter.ident(tweet.user.id_str) or twitter.ident(tweet.user.id)
        handle = tweet.user.screen_name
        if author is not None:
            builder.participant(
                author,
                handle=handle,
                name=tweet.user.name,
                platform=twitter.PLATFORM,
                bio=tweet.user.description,
            )
    if key is None or author is None:
        return False
    time = utc_text(tweet.created_at)
    url = twitter.permalink(key, handle)
    extended = tweet.extended_tweet
    raw = (extended.full_text if extended else None) or tweet.full_text or tweet.text or ""
    entities = (extended.entities if extended and extended.full_text else None) or tweet.entities
    media_entities = (
        (extended.extended_entities if extended and extended.full_text else None)
        or tweet.extended_entities
        or entities
    )
    links = [(u.url, u.expanded_url) for u in entities.urls] if entities else []
    if media_entities is not None:
        links += [(m.url, m.expanded_url) for m in media_entities.media]
    text = twitter.text_of(raw, links)
    if tweet.retweeted_status is not None:
        add_tweet(tweet.retweeted_status, builder, sid, None, at)
        original = twitter.tweet_id(tweet.retweeted_status.id_str) or twitter.tweet_id(
            tweet.retweeted_status.id
        )
        builder.retweet(
            key, by=author, source=sid, time=time, url=url, text=text, original=original
        )
        return True
    if tweet.quoted_status is not None:
        add_tweet(tweet.quoted_status, builder, sid, None, at)
    reply_to = twitter.tweet_id(tweet.in_reply_to_status_id_str) or twitter.tweet_id(
        tweet.in_reply_to_status_id
    )
    reply_author = twitter.ident(tweet.in_reply_to_user_id_str) or twitter.ident(
        tweet.in_reply_to_user_id
    )
    if reply_to is not None and reply_author is not None and tweet.in_reply_to_screen_name:
        builder.participant(
            reply_author, handle=tweet.in_reply_to_screen_name, platform=twitter.PLATFORM
        )
    quotes = twitter.tweet_id(tweet.quoted_status_id_str) or (
        twitter.tweet_id(tweet.quoted_status.id_str) if tweet.quoted_status else None
    )
    quotes_url = twitter.status_link(links, quotes) if quotes else None
    read_as_quote = False
    if quotes is None and tweet.is_quote_status is None and links:
        # No quote marked, and no field that says there is none (the account archive):
        # a link to another tweet at the very end of the text is how a quote is written.
        found = twitter.trailing_status(raw, links, key)
        if found is not None:
            (quotes, quotes_url), read_as_quote = found, True
    if text.startswith("RT @") and tweet.retweeted_status is None and owner is not None:
        # An archive's retweet: only the "RT @name: …" copy, no original id.
        builder.retweet(key, by=author, source=sid, time=time, url=url, text=text)
        return True
    sensitive = bool(tweet.possibly_sensitive)
    media: list[Media] = []
    if media_entities is not None:
        media = [
            twitter.media(twitter.media_kind(m.type), m.ext_alt_text, sensitive)
            for m in media_entities.media
        ]
    builder.post(
        key,
        author=author,
        source=sid,
        text=text,
        time=time,
        url=url,
        platform=twitter.PLATFORM,
        reply_to=reply_to,
        reply_to_url=(
            twitter.permalink(reply_to, tweet.in_reply_to_screen_name) if reply_to else None
        ),
        reply_to_author=reply_author,
        quotes=quotes,
        quotes_url=quotes_url,
        status="deleted" if deleted or tweet.deleted_at else "live",
        media=media,
        metrics=twitter.metrics(
            at,
            sid,
            likes=tweet.favorite_count,
            reposts=tweet.retweet_count,
            replies=tweet.reply_count,
            quotes=tweet.quote_count,
        ),
    )
    if read_as_quote:
        builder.note(
            key,
            "Read as a quote",
            "The export does not mark quotes; this post's text ends with a link to another "
            "post, which is how the platform wrote a quote into a post's text, so it is shown "
            "as quoting that post.",
            sid,
        )
    withheld = twitter.withheld_note(tweet.withheld_in_countries, tweet.withheld_copyright)
    if withheld:
        builder.note(key, "Withheld", withheld, sid)
    if tweet.truncated and not (extended and extended.full_text):
        builder.note(
            key,
            "Text cut short",
            "The export holds only the platform's shortened copy of this text (marked "
            "truncated); the full text is not in the export.",
            sid,
        )
    return True
