"""A JSON value kept undecoded until its type is known (`msgspec.Raw`).

Fields holding a union whose members change over time (Bluesky's embeds, thread nodes) or
whose type depends on a sibling (an ActivityPub activity's `object`) are read as `Raw` and
decoded once the type is known, so one unknown member is reported for its post instead of
sinking the file. msgspec reads an absent field as the default and `null` as the bytes
`null`; `present` tells both from a value.
"""

from __future__ import annotations

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
