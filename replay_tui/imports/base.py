"""What every import format shares: the options, the result, the input files, and helpers.

A format module (see the package docstring) reads an `Input` and feeds a `Builder`
(`builder.py`); this module holds the pieces both sides and the command line need:

- `ImportOptions`: how to cut a big export down and what to call the session;
- `ImportResult`: the session, the problems met on the way, and the counts;
- `Input`: one file, zip or folder as the user named it, read once from start to end
  (lines for JSON Lines, the whole text for a JSON document, members for a zip or folder),
  hashing what it reads so that the session can name the file by its SHA-256 without a
  second pass, and reporting progress for the bar on standard error;
- `skipped`, `utc_text`, `decode_entities`: small rules every format applies the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from replay_tui.format.model import Session
from replay_tui.format.problems import Problem
from replay_tui.imports.rawjson import Salvage

T = TypeVar("T")


class ImportOptions(msgspec.Struct, kw_only=True):
    """What the user asked for. Every field is optional.

    `thread`: the platform id of a post; keep the conversation that contains it (its
    ancestors, every reply below it, and the posts they quote). `since` (inclusive) and
    `until` (exclusive) bound post times; `author` keeps posts by that handle (with or
    without '@', any case); `hashtag` keeps posts that carry it (with or without '#').
    Posts the kept ones reply to or quote are kept too, so that every link resolves.
    `id`, `title`, `timezone`: the session's own fields (times stay exact UTC; the zone
    is only the one they are displayed in)."""

    thread: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    author: str | None = None
    hashtag: str | None = None
    id: str | None = None
    title: str | None = None
    timezone: str = "UTC"


class ImportResult(msgspec.Struct, kw_only=True):
    """A finished import: a session that obeys the format, what was skipped and why, and
    the counts the command prints (`imported` posts read from records, `skipped` records
    left out, `placeholders` posts referenced but absent, shown as missing, `warnings`
    problems about what was kept, which left nothing out)."""

    session: Session
    problems: list[Problem]
    imported: int
    skipped: int
    placeholders: int
    reposts: int = 0
    warnings: int = 0


class ImportRefused(Exception):
    """An input that cannot be imported at all (not an export replay-tui reads, unreadable):
    the message says so in the user's words, naming the file."""


def skipped(file: str, line: int | None, message: str, code: str = "skipped") -> Problem:
    """A record set aside: a warning naming the file and line, and what was skipped."""
    return Problem("warning", code, message, "", file, line, None)


def kept(file: str, line: int | None, message: str) -> Problem:
    """A warning about a record that was kept (`Builder.caution`): it left nothing out."""
    return Problem("warning", "kept-with-warning", message, "", file, line, None)


UNREAD = "unread"
"""The code of a problem that stopped the reading of a file: what came after is not read
(so not counted as records skipped, whose number is unknown)."""


HEAD_BYTES = 1 << 20
"""How much of a file detection reads: enough for the first record of every format."""

CHUNK = 1 << 20


class Input:
    """One input as the user named it: a file, a zip, or a folder.

    Reading goes through this class so that it is hashed and its progress reported as it
    is read. `name` is the path as given (messages name it); `size` the bytes to read."""

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = path
        self.name = name if name is not None else str(path)
        self.is_dir = path.is_dir()
        self.size = 0 if self.is_dir else path.stat().st_size
        self.on_progress: Callable[[int], None] | None = None
        self._hash = hashlib.sha256()
        self._hashed = 0
        self._head: bytes | None = None
        self._zip: zipfile.ZipFile | None = None
        self._first: tuple[Any, bool] | None = None
        self.repaired: Salvage | None = None
        """What `read_bytes` gives instead of the file (hashed all the same): the complete
        records of a file cut off mid-array (`rawjson.complete_elements`)."""

    # -- what detection looks at -------------------------------------------------------

    @property
    def head(self) -> bytes:
        """The first bytes of a file (empty for a folder), a UTF-8 byte-order mark removed."""
        if self._head is None:
            if self.is_dir:
                self._head = b""
            else:
                with self.path.open("rb") as handle:
                    self._head = handle.read(HEAD_BYTES).removeprefix(b"\xef\xbb\xbf")
        return self._head

    @property
    def is_zip(self) -> bool:
        return not self.is_dir and self.head[:4] == b"PK\x03\x04"

    def members(self) -> list[str]:
        """The files inside a zip or a folder, as relative paths with '/'; [] for a file."""
        if self.is_dir:
            return sorted(
                p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file()
            )
        if self.is_zip:
            return [i.filename for i in self._zipfile().infolist() if not i.is_dir()]
        return []

    def read_member(self, member: str) -> bytes:
        """The bytes of one member of a zip or folder."""
        if self.is_dir:
            return (self.path / member).read_bytes()
        return self._zipfile().read(member)

    def member_head(self, member: str, size: int = 4096) -> bytes:
        """The first bytes of one member of a zip or folder (for detection)."""
        if self.is_dir:
            with (self.path / member).open("rb") as handle:
                return handle.read(size)
        with self._zipfile().open(member) as handle:
            return handle.read(size)

    def first_value(self) -> tuple[Any, bool]:
        """The first JSON value of the file, if the head holds all of it, and whether it is
        the first element of a top-level array (`[{…}, …]`): (None, False) otherwise.

        Decoded with the standard library's `raw_decode`, which stops at the end of the
        first value, so that a JSON Lines file or a long array is sniffed from its head."""
        if self._first is None:
            self._first = (None, False)
            text = self.head.decode("utf-8", "ignore")
            start = len(text) - len(text.lstrip())
            in_array = text[start : start + 1] == "["
            if in_array:
                rest = text[start + 1 :]
                start += 1 + len(rest) - len(rest.lstrip())
            try:
                value, _ = json.JSONDecoder().raw_decode(text, start)
            except ValueError:
                value = None
            self._first = (value, in_array)
        return self._first

    # -- reading ---------------------------------------------------------------------

    def lines(self) -> Iterator[tuple[int, bytes]]:
        """Each line of the file that is not blank, with its number (from 1), as bytes
        without the line end; hashed and counted as they are read."""
        self._restart_hash()
        update = self._hash.update
        unreported = 0
        with self.path.open("rb") as handle:
            # The file's own line iterator (C code) hands each line over without copying
            # it again; the line end stays on (JSON decoders skip it), blank lines are left
            # out without copying a long line to strip it.
            for number, line in enumerate(handle, 1):
                update(line)
                unreported += len(line)
                if unreported >= CHUNK:
                    self._reported(unreported)
                    unreported = 0
                if number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if len(line) > 2 or line.strip():
                    yield number, line
        self._reported(unreported)

    def read_bytes(self) -> bytes:
        """The whole file (hashed and counted), a UTF-8 byte-order mark removed."""
        data = self.path.read_bytes()
        self._restart_hash()
        self._hashed_chunk(data)
        if self.repaired is not None:
            return self.repaired.data
        return data.removeprefix(b"\xef\xbb\xbf")

    def sha256(self) -> str:
        """The SHA-256 of the file (of a zip as one file), in hex; what was not hashed
        while reading is read now. A folder has none: its files are named one by one."""
        if self.is_dir:
            return ""
        if self._hashed != self.size:
            self._restart_hash()
            with self.path.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    self._hash.update(chunk)
                    self._hashed += len(chunk)
        return self._hash.hexdigest()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def _restart_hash(self) -> None:
        self._hash = hashlib.sha256()
        self._hashed = 0

    def _hashed_chunk(self, chunk: bytes) -> None:
        self._hash.update(chunk)
        self._reported(len(chunk))

    def _reported(self, size: int) -> None:
        self._hashed += size
        if self.on_progress is not None and size:
            self.on_progress(size)

    def _zipfile(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
        return self._zip


def decode_lenient(decoder: msgspec.json.Decoder[T], data: bytes | msgspec.Raw) -> T:
    """`decoder.decode(data)`; for JSON that msgspec refuses but the standard library reads
    (a lone UTF-16 surrogate escape, which some platforms have served), the same value read
    that way. Raises msgspec.DecodeError for what is not JSON at all, and
    msgspec.ValidationError for JSON of the wrong shape."""
    try:
        return decoder.decode(data)
    except msgspec.DecodeError:
        try:
            value = json.loads(bytes(data))
        except (ValueError, UnicodeDecodeError):
            raise msgspec.DecodeError("not JSON") from None
    return msgspec.convert(value, decoder.type)  # type: ignore[no-any-return]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- shared rules ------------------------------------------------------------------------

_ISO_Z = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]00:?00)")


def utc_text(value: str | datetime | None) -> str | None:
    """A platform's time as the session writes it: UTC to the second, `…T…Z`; None for a
    time that cannot be read (the caller says what it skipped).

    Reads ISO 8601 (API v2, Mastodon, Bluesky) with any offset and the API v1.1 /
    account-archive form `Wed Oct 10 20:19:24 +0000 2018`. Fractions of a second are
    dropped, never rounded: Twitter's own ids carry the time truncated to the second."""
    if value is None:
        return None
    if isinstance(value, datetime):
        at = value
    elif (
        len(value) == 24 and value[10] == "T" and value[19] == "." and value[23] == "Z"
    ) and value[20:23].isdecimal():
        # The bulk case (API v2 and Mastodon write every time so, with milliseconds):
        # checked by the C parser, which refuses an impossible date, and cut to the second.
        try:
            datetime.fromisoformat(value[:19])
        except ValueError:
            return None
        return value[:19] + "Z"
    elif _ISO_Z.fullmatch(value):
        try:
            datetime.fromisoformat(value[:19])
        except ValueError:
            return None
        return value[:19] + "Z"  # already UTC
    else:
        try:
            at = datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            try:
                at = parsedate_to_datetime(_v1_to_rfc2822(value))
            except (TypeError, ValueError, IndexError):
                return None
    if at.tzinfo is None:
        return None  # a time without an offset is ambiguous: never guessed
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _v1_to_rfc2822(value: str) -> str:
    # "Wed Oct 10 20:19:24 +0000 2018" -> "Wed, 10 Oct 2018 20:19:24 +0000"
    day, month, date, clock, offset, year = value.split()
    return f"{day}, {date} {month} {year} {clock} {offset}"


def decode_entities(text: str) -> str:
    """Undo the HTML escaping the platform applied to a post's text (`&amp;` → `&`,
    `&lt;`, `&gt;`: the three it escapes), so that `&amp;lt;` (a user who typed `&lt;`)
    becomes `&lt;` again. `&amp;` goes last: what it produces is never read again, which
    makes the three replacements one pass over the escaped text."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text as the session stores it: verbatim, except lone UTF-16 surrogates (which JSON
    escapes can carry but UTF-8 cannot), each replaced by U+FFFD. Control characters stay:
    the session encoders escape them and the display path makes them inert."""
    if text.isascii():
        return text
    try:
        text.encode()  # UTF-8 refuses lone surrogates and nothing else: a C-level check
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text
