"""The X/Twitter account archive: the zip a user downloads, its folder, or its data/*.js.

An archive's data files are JavaScript assignments of a JSON array:
`window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]` (older archives: `window.YTD.tweet.part0`
and items that are the tweet itself). Read here:

- `tweets` / `tweet` (every part): the account's tweets, API v1.1 objects without `user`
  whose counts are strings ("12"); read by `v1.add_tweet`;
- `deleted_tweets`: tweets the account deleted, imported with `status = "deleted"`;
- `account`: the account's id, handle and display name: the author of every tweet;
- `manifest.js` (`window.__THAR_CONFIG`): the account too, and `generationDate`, when the
  archive was made: the capture time of its counts and of the source.

Detected by content: a zip or folder holding such files, or one such file (by the
`window.YTD.` assignment, never by its name).
"""

from __future__ import annotations

import re

import msgspec

from replay_tui.imports import twitter, v1
from replay_tui.imports.base import Input, decode_lenient, sha256_bytes, skipped, utc_text
from replay_tui.imports.builder import Builder, base_name

NAME = "twitter-archive"
LABEL = "X/Twitter account archive"

_ASSIGN = re.compile(rb"\s*window\.(YTD\.(\w+)\.part\d+|__THAR_CONFIG)\s*=\s*")
_KINDS = {"tweets", "tweet", "deleted_tweets", "deleted_tweet", "account"}
OWNER = "archive-owner"


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


class Item(v1.Tweet, gc=False):
    """An item of tweets.js: `{"tweet": {…}}`, or (older archives) the tweet itself."""

    tweet: v1.Tweet | None = None


_ITEM = msgspec.json.Decoder(Item)


def _kind(data: bytes) -> str | None:
    match = _ASSIGN.match(data.removeprefix(b"\xef\xbb\xbf"))
    if match is None:
        return None
    return match.group(2).decode() if match.group(2) else "manifest"


def _data_members(item: Input) -> list[str]:
    return [m for m in item.members() if re.fullmatch(r"(?:.*/)?data/[^/]+\.js", m)]


def sniff(item: Input) -> bool:
    if item.is_dir or item.is_zip:
        members = _data_members(item)
        return any(_kind(item.member_head(m, 200)) in _KINDS for m in members)
    return _kind(item.head[:200]) in _KINDS


def rank(item: Input) -> int:
    """An account file first, so that tweets read later know their author."""
    return 0 if not item.is_dir and _kind(item.head[:200]) == "account" else 1


class _Archive:
    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.owner: str | None = None
        self.handle: str | None = None
        self.captured: str | None = None

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
        body = data[assignment.end() :]
        if kind == "manifest":
            try:
                manifest = msgspec.json.decode(body.rstrip().rstrip(b";"), type=Manifest)
            except (msgspec.DecodeError, msgspec.ValidationError) as exc:
                self.builder.skip(
                    skipped(name, None, f"cannot read the manifest ({exc}); skipped it")
                )
                return
            if manifest.userInfo is not None and self.owner is None:
                info = manifest.userInfo
                self.account(twitter.ident(info.accountId), info.userName, info.displayName)
            if manifest.archiveInfo is not None:
                self.captured = utc_text(manifest.archiveInfo.generationDate)
            return
        if kind == "account":
            try:
                items = msgspec.json.decode(body.rstrip().rstrip(b";"), type=list[AccountItem])
            except (msgspec.DecodeError, msgspec.ValidationError) as exc:
                self.builder.skip(
                    skipped(name, None, f"cannot read the account ({exc}); skipped it")
                )
                return
            for entry in items:
                if entry.account is not None:
                    acc = entry.account
                    self.account(twitter.ident(acc.accountId), acc.username, acc.accountDisplayName)
            return
        if kind not in _KINDS:
            return
        deleted = kind.startswith("deleted")
        owner = self.owner or self.builder.participant(
            OWNER,
            name="The archive's account (not named in the files read)",
            platform=twitter.PLATFORM,
        )

        def each(
            raw: msgspec.Raw, builder: Builder, sid_: str, file: str, line: int | None, what: str
        ) -> None:
            try:
                entry = decode_lenient(_ITEM, raw)
            except (msgspec.DecodeError, msgspec.ValidationError) as exc:
                builder.skip(
                    skipped(file, _line_of(data, raw), f"{what} is not a tweet ({exc}); skipped it")
                )
                return
            tweet = entry.tweet if entry.tweet is not None else entry
            if not v1.add_tweet(
                tweet,
                builder,
                sid_,
                owner,
                self.captured,
                owner_handle=self.handle,
                deleted=deleted,
            ):
                builder.skip(
                    skipped(
                        file, _line_of(data, raw), f"{what} has no tweet id (digits); skipped it"
                    )
                )

        v1.records(name, body.rstrip().rstrip(b";"), self.builder, sid, each)


def _line_of(data: bytes, raw: msgspec.Raw) -> int | None:
    at = data.find(bytes(raw))
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


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
    # The manifest and account first: they name the author and the capture time.
    order = sorted(members, key=lambda m: (_member_rank(m), m))
    zip_sid = None
    if item.is_zip:
        zip_sid = builder.source(item.name, LABEL)
    for member in order:
        data = item.read_member(member)
        kind = _kind(data)
        if kind is None or (kind not in _KINDS and kind != "manifest"):
            continue
        shown = f"{member} (in {base_name(item.name)})"  # the source's name
        where = f"{item.name}/{member}" if item.is_dir else f"{item.name}:{member}"
        if zip_sid is not None:
            sid = zip_sid
        elif kind in ("manifest", "account"):
            archive.file(where, data, "")
            continue
        else:
            sid = builder.source(shown, LABEL, sha256=sha256_bytes(data))
        archive.file(where, data, sid)
        if archive.captured:
            builder.update_source(sid, captured=archive.captured)
    if zip_sid is not None:
        builder.update_source(zip_sid, sha256=item.sha256(), captured=archive.captured)


def _member_rank(member: str) -> int:
    name = member.rsplit("/", 1)[-1]
    if name.startswith("manifest"):
        return 0
    if name.startswith("account"):
        return 1
    return 2
