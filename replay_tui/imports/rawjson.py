"""A JSON value kept undecoded until its type is known (`msgspec.Raw`).

Fields holding a union whose members change over time (Bluesky's embeds, thread nodes) or
whose type depends on a sibling (an ActivityPub activity's `object`) are read as `Raw` and
decoded once the type is known, so one unknown member is reported for its post instead of
sinking the file. msgspec reads an absent field as the default and `null` as the bytes
`null`; `present` tells both from a value.
"""

from __future__ import annotations

import json

import msgspec

NO_RAW = msgspec.Raw()


def present(raw: msgspec.Raw) -> bool:
    """True when the field held a value other than null."""
    return len(raw) > 0 and bytes(raw) != b"null"


def json_lines(head: bytes) -> bool:
    """Whether a file whose first bytes are `head` is JSON Lines: its first line is a whole
    JSON value and more follows. (A pretty-printed document's first line, `{`, is not a
    value; a one-line document has nothing after it.) Telling this first spares reading a
    large collection twice."""
    first, newline, rest = head.lstrip().partition(b"\n")
    if not newline or not rest.strip():
        return False
    try:
        msgspec.json.decode(first)
    except msgspec.DecodeError:
        return False
    return True


class Salvage(msgspec.Struct, frozen=True):
    """The complete top-level elements of a JSON array cut off before its end."""

    data: bytes
    """A JSON array of those elements, each the file's own bytes."""
    count: int
    end: int
    """The byte of the file just after the last complete element (0 when none is)."""


def complete_elements(data: bytes) -> Salvage | None:
    """For a file that is one JSON array cut off before its end (a download stopped short):
    its complete top-level elements; None when `data` does not begin with an array.

    msgspec decodes a whole document or nothing, so the elements are found one by one by
    the standard library's `raw_decode`, which stops at the end of a value and fails on one
    cut short; each element is kept as the file's own bytes (decoding with surrogateescape
    keeps the offsets of bytes that are not UTF-8), for the format's msgspec decoder."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    at = len(text) - len(text.lstrip())
    if text[at : at + 1] != "[":
        return None
    decoder = json.JSONDecoder()
    kept: list[bytes] = []
    end = 0
    at += 1
    while True:
        at = _after_space(text, at)
        if kept:
            if text[at : at + 1] != ",":
                break
            at = _after_space(text, at + 1)
        try:
            _, stop = decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            break
        kept.append(text[at:stop].encode("utf-8", "surrogateescape"))
        end, at = stop, stop
    offset = len(data) - len(data.removeprefix(b"\xef\xbb\xbf"))
    end = offset + len(text[:end].encode("utf-8", "surrogateescape")) if kept else 0
    return Salvage(b"[" + b",".join(kept) + b"]", len(kept), end)


def _after_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at
