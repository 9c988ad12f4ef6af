"""twarc2 collections: X/Twitter API v2 responses, one JSON object to a line.

What twarc2 writes (`twarc2 search`, `timeline`, `conversation`, `stream`, …):

- a **response page** per line: `data` (a list of tweets; one tweet object in the
  streaming form), `includes` (`users`, `tweets` (the referenced tweets), `media`),
  `errors` (what the API could not return, e.g. a deleted tweet a reply points at), and
  `__twarc` (`url`, `version`, `retrieved_at`: when twarc fetched the page);
- or, after `twarc2 flatten`, **one tweet a line** with its `author`, its
  `referenced_tweets` expanded into full tweets, `attachments.media`, and `__twarc`.

Both are read a line at a time with msgspec Structs that name only the fields used, so a
collection of a million tweets streams; unknown fields (the platform adds them) are
ignored. A line that is not JSON (a cut-off last line is common) or not of this shape is
skipped with its number; `errors` are reported per page.
"""

from __future__ import annotations

import re

import msgspec

from replay_tui.format.model import Media
from replay_tui.imports import twitter
from replay_tui.imports.base import Input, decode_lenient, kept, skipped, utc_text
from replay_tui.imports.builder import Builder
from replay_tui.imports.twitter import Entities, Id

NAME = "twarc2"
LABEL = "twarc2 collection (X/Twitter API v2, JSON Lines)"
UNNAMED = "unnamed"
"""The key of the account a tweet that names none is filed under."""


class User(twitter.Account, gc=False):
    username: str | None = None


class MediaItem(msgspec.Struct, gc=False):
    media_key: str | None = None
    type: str | None = None
    alt_text: str | None = None


class Attachments(msgspec.Struct, gc=False):
    media_keys: list[str] = []
    media: list[MediaItem] = []


class Counts(msgspec.Struct, gc=False):
    retweet_count: Id | None = None
    reply_count: Id | None = None
    like_count: Id | None = None
    quote_count: Id | None = None
    impression_count: Id | None = None


class Withheld(msgspec.Struct, gc=False):
    copyright: bool | None = None
    country_codes: list[str] = []


class Note(msgspec.Struct, gc=False):
    text: str | None = None
    entities: Entities | None = None


class Twarc(msgspec.Struct, gc=False):
    retrieved_at: str | None = None
    version: str | None = None


class Tweet(msgspec.Struct, gc=False):
    id: Id | None = None
    type: str | None = None  # in referenced_tweets: replied_to, quoted, retweeted
    text: str | None = None
    created_at: str | None = None
    author_id: Id | None = None
    author: User | None = None
    in_reply_to_user_id: Id | None = None
    referenced_tweets: list[Tweet] = []
    attachments: Attachments | None = None
    entities: Entities | None = None
    public_metrics: Counts | None = None
    possibly_sensitive: bool | None = None
    withheld: Withheld | None = None
    note_tweet: Note | None = None
    twarc: Twarc | None = msgspec.field(default=None, name="__twarc")


class Includes(msgspec.Struct, gc=False):
    users: list[User] = []
    tweets: list[Tweet] = []
    media: list[MediaItem] = []


class ApiError(msgspec.Struct, gc=False):
    title: str | None = None
    detail: str | None = None


class Line(Tweet, gc=False):
    """A line: a response page (data, includes, errors) or, flattened, one tweet."""

    data: list[Tweet] | Tweet | None = None
    includes: Includes | None = None
    errors: list[ApiError] = []


_DECODER = msgspec.json.Decoder(Line)
_PAGE_START = re.compile(rb'\s*\{\s*"(?:data|includes|errors|meta)"\s*:')


def sniff(item: Input) -> bool:
    value, in_array = item.first_value()
    if in_array:
        return False
    if isinstance(value, dict):
        if isinstance(value.get("data"), list | dict) or (
            "errors" in value and ("meta" in value or "__twarc" in value)
        ):
            return True
        return "author_id" in value and "id" in value and "id_str" not in value
    return value is None and _PAGE_START.match(item.head) is not None


def read(item: Input, builder: Builder) -> None:
    sid = builder.source(item.name, LABEL)
    for number, raw in item.lines():
        try:
            line = decode_lenient(_DECODER, raw)
        except msgspec.ValidationError as exc:
            builder.skip(
                skipped(item.name, number, f"not a tweet or page ({exc}); skipped the line")
            )
            continue
        except msgspec.DecodeError:
            builder.skip(
                skipped(
                    item.name,
                    number,
                    "not JSON (cut off?); skipped the line",
                )
            )
            continue
        _line(line, builder, sid, item.name, number)
    builder.update_source(sid, sha256=item.sha256())


def _line(line: Line, builder: Builder, sid: str, file: str, number: int) -> None:
    at = utc_text(line.twarc.retrieved_at) if line.twarc else None
    if line.twarc is not None:
        version = line.twarc.version
        builder.update_source(sid, tool=f"twarc {version}" if version else "twarc", captured=at)
    page = _Page(builder, sid, at, file, number)
    if line.errors:
        first = line.errors[0]
        what = ": ".join(x for x in (first.title, first.detail) if x) or "no detail"
        page.skip(
            f"the API reported {len(line.errors)} "
            f"{'error' if len(line.errors) == 1 else 'errors'} ({what}); what they name "
            "is not in the export",
            "api-error",
        )
    if line.includes is not None:
        for user in line.includes.users:
            page.user(user)
        for m in line.includes.media:
            if m.media_key:
                page.media[m.media_key] = m
    if line.data is not None or line.includes is not None:
        tweets = line.data if isinstance(line.data, list) else [line.data] if line.data else []
        if tweets and all(t.text is None and t.note_tweet is None for t in tweets):
            # Every tweet the API v2 returns has `text`: records without it are another
            # twarc2 output (users, lists, counts) and are named once, not one by one.
            page.skip(
                f"its {len(tweets)} `data` "
                f"{'record is not a tweet' if len(tweets) == 1 else 'records are not tweets'}"
                " (no `text`: a twarc2 users, lists or counts page?); skipped "
                f"{'it' if len(tweets) == 1 else 'them'} (replay-tui imports tweets)",
                "not-posts",
            )
            tweets = []
        for tweet in tweets:
            page.tweet(tweet)
        if line.includes is not None:
            for tweet in line.includes.tweets:
                page.tweet(tweet)
    elif line.id is None:
        if not line.errors:
            page.skip("no tweet on this line; skipped it")
        return
    else:
        page.tweet(line)  # flattened: the line is the tweet
    if page.anonymous:
        builder.caution(
            kept(
                file,
                number,
                f"{page.anonymous} {'tweet names' if page.anonymous == 1 else 'tweets name'} "
                "no author (the request did not ask for author_id); imported as by an "
                "account the export does not name, at their /i/status/ permalinks",
            )
        )


class _Page:
    """The users and media of one page, and how its tweets become posts."""

    def __init__(self, builder: Builder, sid: str, at: str | None, file: str, number: int):
        self.builder = builder
        self.sid = sid
        self.at = at
        self.file = file
        self.number = number
        self.handles: dict[str, str] = {}
        self.media: dict[str, MediaItem] = {}
        self.anonymous = 0  # tweets of this page that name no author
        self.known = builder.accounts(twitter.PLATFORM)

    def skip(self, message: str, code: str = "skipped") -> None:
        """Set aside what `message` names, as a warning at this page's line: one record,
        or (another `code`) a page the summary counts apart from records."""
        self.builder.skip(
            skipped(self.file, self.number, message, code), 1 if code == "skipped" else 0
        )

    def user(self, user: User) -> str | None:
        key = user.id if type(user.id) is str and user.id.isdigit() else twitter.ident(user.id)
        if key is None or key in self.handles:
            return key
        known = self.known.get(key)
        if known is not None and known.handle is not None:  # seen on an earlier page
            self.handles[key] = known.handle[1:]
            return key
        self.builder.participant(
            key,
            handle=user.username,
            name=user.name,
            platform=twitter.PLATFORM,
            bio=user.description,
        )
        if user.username:
            self.handles[key] = user.username
        return key

    def unnamed(self) -> str:
        """The account of a tweet that names none: the API v2 returns only `id` and `text`
        unless asked for `author_id` (a request without `expansions` or `tweet.fields`).
        The tweet is still the platform's, at its `/i/status/ID` permalink."""
        self.anonymous += 1
        return self.builder.participant(
            UNNAMED, name="An account the export does not name", platform=twitter.PLATFORM
        )

    def tweet(self, tweet: Tweet) -> None:
        # This runs for every tweet of a collection: the usual case is kept short.
        key = tweet.id if type(tweet.id) is str and tweet.id.isdigit() else None
        key = key or twitter.tweet_id(tweet.id)
        if key is None:
            self.skip("a tweet without an id (digits); skipped it")
            return
        author = self.user(tweet.author) if tweet.author is not None else None
        if author is None:
            author = tweet.author_id if type(tweet.author_id) is str else None
            author = author or twitter.ident(tweet.author_id)
        handles = self.handles
        if author is None:
            author = self.unnamed()
        at = utc_text(tweet.twarc.retrieved_at) if tweet.twarc else self.at
        time = utc_text(tweet.created_at)
        url = f"https://twitter.com/{handles.get(author) or 'i'}/status/{key}"
        raw, entities = tweet.text, tweet.entities
        note = tweet.note_tweet
        if note is not None and note.text:  # a long post: its whole text
            raw, entities = note.text, note.entities
        links = [(u.url, u.expanded_url) for u in entities.urls] if entities else []
        text = twitter.text_of(raw or "", links)
        reply_to = quotes = retweeted = None
        for ref in tweet.referenced_tweets:
            ref_id = ref.id if type(ref.id) is str and ref.id.isdigit() else None
            ref_id = ref_id or twitter.tweet_id(ref.id)
            if ref_id is None:
                continue
            if ref.text is not None:  # flattened: the referenced tweet is all there
                self.tweet(ref)
            if ref.type == "replied_to":
                reply_to = ref_id
            elif ref.type == "quoted":
                quotes = ref_id
            elif ref.type == "retweeted":
                retweeted = ref_id
        if retweeted is not None or (
            tweet.created_at is None and not tweet.referenced_tweets and text.startswith("RT @")
        ):
            # A retweet: marked so, or, where the request asked for no fields beyond the
            # text (no created_at, no referenced_tweets), written in the platform's form.
            self.builder.retweet(
                key,
                by=author,
                source=self.sid,
                time=time,
                url=url,
                text=text,
                original=retweeted,
            )
            return
        reply_author = tweet.in_reply_to_user_id
        if reply_author is not None and type(reply_author) is not str:
            reply_author = twitter.ident(reply_author)
        counts = tweet.public_metrics
        self.builder.post(
            key,
            author=author,
            source=self.sid,
            text=text,
            time=time,
            url=url,
            platform=twitter.PLATFORM,
            reply_to=reply_to,
            reply_to_url=(
                f"https://twitter.com/{handles.get(reply_author or '') or 'i'}/status/{reply_to}"
                if reply_to
                else None
            ),
            reply_to_author=reply_author,
            quotes=quotes,
            quotes_url=twitter.status_link(links, quotes) if quotes else None,
            media=self._media(tweet) if tweet.attachments is not None else (),
            metrics=(
                twitter.metrics(
                    at,
                    self.sid,
                    counts.like_count,
                    counts.retweet_count,
                    counts.reply_count,
                    counts.quote_count,
                    counts.impression_count,
                )
                if counts is not None
                else ()
            ),
        )
        if tweet.withheld is not None:
            body = twitter.withheld_note(tweet.withheld.country_codes, tweet.withheld.copyright)
            if body:
                self.builder.note(key, "Withheld", body, self.sid)

    def _media(self, tweet: Tweet) -> tuple[Media, ...]:
        if tweet.attachments is None:
            return ()
        sensitive = bool(tweet.possibly_sensitive)
        found = [m for m in tweet.attachments.media if m.media_key or m.type]
        known = {m.media_key for m in found}
        for key in tweet.attachments.media_keys:
            if key not in known:
                found.append(self.media.get(key) or MediaItem(media_key=key))
        return tuple(
            twitter.media(twitter.media_kind(m.type, m.media_key), m.alt_text, sensitive)
            for m in found
        )
