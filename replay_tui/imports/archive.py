"""The X/Twitter account archive: the zip a user downloads, its folder, or its data/*.js.

An archive's data files are JavaScript assignments of a JSON array:
`window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]` (older archives: `window.YTD.tweet.part0`
and items that are the tweet itself). Read here:

- `tweets` / `tweet` (every part): the account's tweets, API v1.1 objects without `user`
  whose counts are strings ("12"); read by `v1.add_tweet`. They do not mark quotes: a link
  to another tweet at the very end of the text is read as one (`v1.add_tweet` says so);
- `community_tweet`: tweets posted to an X Community, read as tweets, each with a note
  naming the community's id (the archive gives no name);
- `note_tweet`: the whole text of long posts ("note tweets"), whose tweets.js entry holds
  it cut short. A note has its own id, not the tweet's: it is matched to the tweet posted
  within seconds of it whose text it continues (`_Notes`), and the post then shows the
  whole text with a note saying where it came from;
- `deleted_tweets`: tweets the account deleted, imported with `status = "deleted"`;
- `account`: the account's id, handle and display name: the author of every tweet;
- `manifest.js` (`window.__THAR_CONFIG`): the account too, and `generationDate`, when the
  archive was made: the capture time of its counts and of the source;
- the archive X/Twitter gave before 2019 (`data/js/tweets/YYYY_MM.js`, each
  `Grailbird.data.tweets_YYYY_MM = [ … ]`): API v1.1 tweets with their `user` and their
  `retweeted_status`, and no counts, read as tweets; its `user_details.js` names the
  account and `payload_details.js` says when the archive was made (`var … = {…}`).

Detected by content: a zip or folder holding such files, or one such file (by the
`window.YTD.` or `Grailbird.data.` assignment, never by its name).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TypeVar

import msgspec

from replay_tui.imports import twitter, v1
from replay_tui.imports.base import (
    UNREAD,
    Input,
    decode_entities,
    decode_lenient,
    sha256_bytes,
    skipped,
    utc_text,
)
from replay_tui.imports.builder import Builder
from replay_tui.imports.inputs import base_name

NAME = "twitter-archive"
LABEL = "X/Twitter account archive"

_ASSIGN = re.compile(
    rb"\s*(?:window\.(YTD\.(\w+)\.part\d+|__THAR_CONFIG)|Grailbird\.data\.(tweets)_\d+_\d+"
    rb"|var (payload_details|user_details))\s*=\s*"
)
_KINDS = {
    "tweets",
    "tweet",
    "deleted_tweets",
    "deleted_tweet",
    "community_tweet",
    "note_tweet",
    "account",
    "grailbird",
}
OWNER = "archive-owner"
T = TypeVar("T")


class Account(msgspec.Struct, gc=False):
    accountId: str | int | None = None
    username: str | None = None
    accountDisplayName: str | None = None


class AccountItem(msgspec.Struct, gc=False):
    account: Account | None = None


class UserInfo(msgspec.Struct, gc=False):
    accountId: str | int | None = None
    userName: str | None = None
    displayName: str | None = None


class ArchiveInfo(msgspec.Struct, gc=False):
    generationDate: str | None = None


class Manifest(msgspec.Struct, gc=False):
    userInfo: UserInfo | None = None
    archiveInfo: ArchiveInfo | None = None


class Tweet(v1.Tweet, gc=False):
    """A tweet of the archive: an API v1.1 tweet, and the Community a community tweet was
    posted to."""

    community_id_str: str | None = None
    community_id: str | int | None = None


class Item(Tweet, gc=False):
    """An item of tweets.js: `{"tweet": {…}}`, or (older archives) the tweet itself."""

    tweet: Tweet | None = None


class NoteUrl(msgspec.Struct, gc=False):
    shortUrl: str | None = None
    expandedUrl: str | None = None


class NoteCore(msgspec.Struct, gc=False):
    text: str | None = None
    urls: list[NoteUrl] = []


class NoteTweet(msgspec.Struct, gc=False):
    noteTweetId: str | int | None = None
    createdAt: str | None = None
    core: NoteCore | None = None


class NoteItem(msgspec.Struct, gc=False):
    """An item of note-tweet.js: `{"noteTweet": {"noteTweetId", "createdAt", "core": {"text",
    "urls": [{"shortUrl", "expandedUrl"}], "mentions", "hashtags", "styletags", …}}}`."""

    noteTweet: NoteTweet | None = None


_ITEM = msgspec.json.Decoder(Item)
_NOTE = msgspec.json.Decoder(NoteItem)


def _kind(data: bytes) -> str | None:
    match = _ASSIGN.match(data.removeprefix(b"\xef\xbb\xbf"))
    if match is None:
        return None
    if match.group(3):
        return "grailbird"
    if match.group(4):  # the older archive's account and capture time
        return match.group(4).decode()
    return match.group(2).decode() if match.group(2) else "manifest"


def _data_members(item: Input) -> list[str]:
    """The archive's `data/*.js` files; or, for the `data` folder itself (or a zip of its
    files), the `.js` files at the top (each is still told by its `window.YTD.` start)."""
    return [m for m in item.members() if _MEMBER.fullmatch(m)]


_MEMBER = re.compile(r"(?:.*/)?data/(?:js/(?:tweets/)?)?[^/]+\.js|[^/]+\.js")
"""An archive's data files: `data/*.js`, the older archive's `data/js/tweets/YYYY_MM.js`,
or the `.js` files at the top of the `data` folder given itself."""


def sniff(item: Input) -> bool:
    if item.is_dir or item.is_zip:
        members = _data_members(item)
        return any(_kind(item.member_head(m, 200)) in _KINDS for m in members)
    return _kind(item.head[:200]) in _KINDS


def rank(item: Input) -> int:
    """An account file and long posts first, so that tweets read later know their author
    and their whole text."""
    first = not item.is_dir and _kind(item.head[:200]) in ("account", "note_tweet")
    return 0 if first else 1


class _Archive:
    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.owner: str | None = None
        self.handle: str | None = None
        self.captured: str | None = None
        self.notes = _Notes()

    def account(self, key: str | None, handle: str | None, name: str | None) -> None:
        if key is None:
            return
        self.owner = self.builder.participant(
            key, handle=handle, name=name, platform=twitter.PLATFORM
        )
        self.handle = handle or self.handle

    def file(self, name: str, data: bytes, sid: str) -> None:
        data = data.removeprefix(b"\xef\xbb\xbf")
        assignment = _ASSIGN.match(data)
        if assignment is None:
            return
        kind = _kind(data)
        body = data[assignment.end() :].rstrip().rstrip(b";")
        if kind == "payload_details":  # when the older archive was made
            payload = self._whole(name, body, dict[str, object], "the archive's details")
            when = payload.get("created_at") if payload else None
            self.captured = utc_text(when) if isinstance(when, str) else self.captured
            return
        if kind == "user_details":
            user = self._whole(name, body, dict[str, object], "the account's details")
            if user and self.owner is None:
                self.account(
                    twitter.ident(user.get("id")),
                    str(user.get("screen_name") or "") or None,
                    str(user.get("full_name") or "") or None,
                )
            return
        if kind == "manifest":
            manifest = self._whole(name, body, Manifest, "the manifest")
            if manifest is None:
                return
            if manifest.userInfo is not None and self.owner is None:
                info = manifest.userInfo
                self.account(twitter.ident(info.accountId), info.userName, info.displayName)
            if manifest.archiveInfo is not None:
                self.captured = utc_text(manifest.archiveInfo.generationDate)
            return
        if kind == "account":
            for entry in self._whole(name, body, list[AccountItem], "the account") or ():
                if entry.account is not None:
                    acc = entry.account
                    self.account(twitter.ident(acc.accountId), acc.username, acc.accountDisplayName)
            return
        if kind == "note_tweet":
            v1.records(name, body, self.builder, sid, _Reader(self, data, kind).note)
        elif kind in _KINDS:
            v1.records(name, body, self.builder, sid, _Reader(self, data, kind).tweet)

    def _whole(self, name: str, body: bytes, kind: type[T], what: str) -> T | None:
        """The file's value as `kind`; None, said as a skipped file, if it is not one."""
        try:
            return msgspec.json.decode(body, type=kind)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            self.builder.skip(
                skipped(name, None, f"cannot read {what} ({exc}); skipped it", UNREAD), 0
            )
            return None

    def author(self) -> str:
        """The account the tweets are by: the archive's, or one that says it is not named."""
        return self.owner or self.builder.participant(
            OWNER,
            name="The archive's account (not named in the files read)",
            platform=twitter.PLATFORM,
        )


class _Reader:
    """The records of one data file: tweets (of tweets.js, deleted-tweets.js,
    community-tweet.js) or long posts (note-tweet.js)."""

    def __init__(self, archive: _Archive, data: bytes, kind: str) -> None:
        self.archive = archive
        self.data = data
        self.kind = kind

    def tweet(
        self, raw: msgspec.Raw, builder: Builder, sid: str, file: str, line: int | None, what: str
    ) -> None:
        try:
            entry = decode_lenient(_ITEM, raw)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            self.skip(raw, file, f"{what} is not a tweet ({exc}); skipped it")
            return
        tweet: Tweet = entry.tweet if entry.tweet is not None else entry
        note = self.archive.notes.match(tweet)
        if note is not None:
            tweet = note.apply(tweet)
        archive = self.archive
        if not v1.add_tweet(
            tweet,
            builder,
            sid,
            archive.author(),
            archive.captured,
            owner_handle=archive.handle,
            deleted=self.kind.startswith("deleted"),
        ):
            self.skip(raw, file, f"{what} has no tweet id (digits); skipped it")
            return
        key = twitter.tweet_id(tweet.id_str) or twitter.tweet_id(tweet.id) or ""
        if note is not None:
            builder.attest(key, note.source)
            builder.note(
                key,
                "Long post",
                "The archive's tweets.js holds this post's text cut short; the whole text "
                f"shown here is from its note-tweet.js (note {note.id}), matched to the tweet "
                "by the time it was posted and the words it begins with.",
                note.source,
            )
        community = twitter.ident(tweet.community_id_str) or twitter.ident(tweet.community_id)
        if community is not None:
            builder.note(
                key,
                "Posted to a Community",
                "The archive lists this post among those the account posted to an X "
                f"Community (community id {community}); it does not name the Community.",
                sid,
            )

    def note(
        self, raw: msgspec.Raw, builder: Builder, sid: str, file: str, line: int | None, what: str
    ) -> None:
        try:
            entry = decode_lenient(_NOTE, raw).noteTweet
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            self.skip(raw, file, f"{what} is not a long post ({exc}); skipped it")
            return
        at = utc_text(entry.createdAt) if entry is not None else None
        note_id = twitter.ident(entry.noteTweetId) if entry is not None else None
        if entry is None or entry.core is None or not entry.core.text or at is None:
            self.skip(raw, file, f"{what} has no text or no time it was made; skipped it")
            return
        urls = [twitter.Url(u.shortUrl, u.expandedUrl) for u in entry.core.urls]
        note = _Note(note_id or "without an id", entry.core.text, urls, sid)
        self.archive.notes.add(note, at, file)

    def skip(self, raw: msgspec.Raw, file: str, message: str) -> None:
        self.archive.builder.skip(skipped(file, _line_of(self.data, raw), message))


def _line_of(data: bytes, raw: msgspec.Raw) -> int | None:
    at = data.find(bytes(raw))
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


class _Note(msgspec.Struct, gc=False):
    """A long post's whole text, from note-tweet.js, waiting for its tweet."""

    id: str
    text: str
    urls: list[twitter.Url]
    source: str

    def apply(self, tweet: Tweet) -> Tweet:
        """The tweet with this whole text and its links in place of the cut one (its media,
        which the note does not list, kept)."""
        media = tweet.entities.media if tweet.entities is not None else []
        return msgspec.structs.replace(
            tweet,
            full_text=self.text,
            text=None,
            truncated=False,
            entities=v1.Entities(urls=self.urls, media=media),
        )


_SLACK = 2
"""Seconds a note's time may differ from its tweet's: it is saved as the tweet is posted."""


class _Notes:
    """The long posts read, by the second they were made, until their tweets claim them.

    A note's id is not its tweet's, so a note goes with the tweet posted within `_SLACK`
    seconds of it whose text (before its first link, and before the '…' it was cut at) the
    note's text begins with (or is: a post written as a long one can fit in the tweet, which
    then holds it whole, followed by its photo's link); with no such words, only the one
    note of the very same second.
    Two notes that fit one tweet are left alone: the tweet keeps the text tweets.js gives."""

    def __init__(self) -> None:
        self.by_second: dict[datetime, list[_Note]] = {}
        self.file = ""
        """The file the notes come from, for a message about those left over."""

    def add(self, note: _Note, at: str, file: str) -> None:
        self.by_second.setdefault(datetime.fromisoformat(at), []).append(note)
        self.file = self.file or file

    def match(self, tweet: Tweet) -> _Note | None:
        if not self.by_second:
            return None
        time = utc_text(tweet.created_at)
        if time is None:
            return None
        at = datetime.fromisoformat(time)
        opening = _opening(tweet.full_text or tweet.text or "")
        if opening:
            seconds = [at + timedelta(seconds=d) for d in range(-_SLACK, _SLACK + 1)]
        else:
            seconds = [at]
        fits = [
            (second, note)
            for second in seconds
            for note in self.by_second.get(second, ())
            if len(note.text) >= len(opening) and _words(note.text).startswith(opening)
        ]
        if len(fits) != 1:
            return None
        second, note = fits[0]
        self.by_second[second].remove(note)
        return note

    def left(self) -> int:
        return sum(len(notes) for notes in self.by_second.values())


_MENTIONS = re.compile(r"(?:@\w+\s+)+")


def _words(text: str) -> str:
    """A text as the two files are compared: entities decoded, without the @names a reply
    begins with (which one file may leave out of the text and the other not)."""
    text = decode_entities(text)
    mentions = _MENTIONS.match(text)
    return text[mentions.end() :] if mentions else text


def _opening(text: str) -> str:
    """The words a tweet's text begins with, before any link and any '…' it was cut at."""
    text = _words(text)
    for stop in ("http://", "https://", "…"):
        at = text.find(stop)
        if at >= 0:
            text = text[:at]
    return text.strip()


def read(item: Input, builder: Builder) -> None:
    archive = builder.state.get(NAME)
    if not isinstance(archive, _Archive):  # the first input of this kind
        archive = builder.state[NAME] = _Archive(builder)
    if not (item.is_dir or item.is_zip):
        data = item.read_bytes()
        sid = builder.source(item.name, LABEL, sha256=item.sha256())
        archive.file(item.name, data, sid)
        return
    members = _data_members(item)
    # The manifest and account first: they name the author and the capture time; then the
    # long posts, whose whole text the tweets read after them take.
    order = sorted(members, key=lambda m: (_member_rank(m), m))
    zip_sid = None
    if item.is_zip:
        zip_sid = builder.source(item.name, LABEL)
    sids = [zip_sid] if zip_sid is not None else []
    for member in order:
        data = item.read_member(member)
        kind = _kind(data)
        if kind is None or kind not in (*_KINDS, "manifest", "payload_details", "user_details"):
            continue
        shown = f"{member} (in {base_name(item.name)})"  # the source's name
        where = f"{item.name}/{member}" if item.is_dir else f"{item.name}:{member}"
        if zip_sid is not None:
            sid = zip_sid
        elif kind in ("manifest", "account", "payload_details", "user_details"):
            archive.file(where, data, "")
            continue
        else:
            sid = builder.source(shown, LABEL, sha256=sha256_bytes(data))
            sids.append(sid)
        archive.file(where, data, sid)
        if archive.captured:
            builder.update_source(sid, captured=archive.captured)
    if zip_sid is not None:
        builder.update_source(zip_sid, sha256=item.sha256(), captured=archive.captured)
    _name(builder, sids, archive.handle, base_name(item.name))
    left = archive.notes.left()
    if left:
        builder.skip(
            skipped(
                archive.notes.file,
                None,
                f"{left} long {'post' if left == 1 else 'posts'} here matched no tweet read "
                "(by the time posted and the opening words); not imported, as a post "
                "without its tweet has no permalink",
            ),
            left,
        )


_FIRST = ("manifest", "account", "payload_details", "user_details", "note-tweet")
"""The files read before the tweets: who the account is, when the archive was made, and
the long posts whose whole text the tweets take."""


def _member_rank(member: str) -> int:
    name = member.rsplit("/", 1)[-1]
    for rank, start in enumerate(_FIRST):
        if name.startswith(start):
            return rank
    return len(_FIRST)


def _name(builder: Builder, sids: list[str], handle: str | None, shown: str) -> None:
    """The session is named after the archive (its account's username, else the zip's or
    folder's name), not after whichever of its files was read first."""
    if handle:
        handle = handle.lstrip("@")
        words, stem = f"the X/Twitter archive of @{handle} ({shown})", f"{handle}-archive"
    else:
        words, stem = f"the X/Twitter archive {shown}", shown
    for sid in sids:
        builder.name_after(sid, words, stem)
