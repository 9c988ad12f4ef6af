"""A first look at a large session file, so the app can be on screen before the file is
checked.

Checking a session reads every post (at 100,000 posts about a quarter of a second, at a
million several seconds), and nothing of the replay can be trusted before that is done.
What a person needs in the meantime is to see that the right file is opening: its title,
its summary, who takes part. `preview` reads just that from a large JSON file, skipping
the posts (msgspec skips a value without building it, straight from the page cache through
`mmap`), so the app can show a title card while `read.read_session` checks the whole file
in the background (see `ui/screens/loading.py`).

Nothing read here is taken as checked: the preview is only ever displayed, and the replay
starts from what `read_session` returns. A file whose preview cannot be read (bad JSON, a
wrong type in the head, TOML, a small file) gets no preview; the command line then checks
it before starting the app, as for every small file, and says what is wrong.
"""

from __future__ import annotations

import mmap
import os
import re
from dataclasses import dataclass

import msgspec

from replay_tui.format.model import Chapter, Participant, Source

PREVIEW_FROM_BYTES = 4 * 1024 * 1024
"""JSON files from this size on (about 15,000 posts) open on a preview; smaller ones are
checked before the app starts, which takes less time than the app's first frame."""


class Head(msgspec.Struct, kw_only=True, gc=False):
    """The fields of a session's title card. Other fields, the posts among them, are skipped
    unread; `read_session` checks them all. A section is None when it was not read (absent,
    or written after the posts; see `_decode_head`)."""

    title: str
    summary: str | None = None
    participants: list[Participant] | None = None
    sources: list[Source] | None = None
    chapters: list[Chapter] | None = None


_POSTS_KEY = re.compile(rb'[{,]\s*"posts"\s*:')
"""Where the posts begin. In valid JSON these bytes can only be a `posts` key: a `"` inside
a string is escaped, and a string ends only before `,` `:` `]` or `}`."""


@dataclass(frozen=True)
class Preview:
    """What a large session file says about itself, unchecked: for display while it loads."""

    file: str
    size: int
    """The file's size in bytes."""
    head: Head


def preview(
    path: str | os.PathLike[str], *, max_bytes: int, from_bytes: int = PREVIEW_FROM_BYTES
) -> Preview | None:
    """The title card of a JSON session of at least `from_bytes` (and at most `max_bytes`),
    or None: for smaller files, other formats, and anything that cannot be read (the full
    check then says what is wrong)."""
    name = os.fspath(path)
    if not name.lower().endswith(".json"):
        return None
    try:
        with open(name, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if not from_bytes <= size <= max_bytes:
                return None
            with (
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
                memoryview(mapped) as view,
            ):
                head = _decode_head(view)
    except (OSError, ValueError, msgspec.MsgspecError):
        # ValueError: mmap of an empty or special file; MsgspecError: not JSON, or a head
        # field of the wrong type.
        return None
    return Preview(name, size, head)


def _decode_head(view: memoryview) -> Head:
    """The head of the document in `view`, read from the bytes before its posts when it
    writes them after the title (as `model.Session` is encoded, in field order): the
    first `posts` key, cut there and closed with `}`, parses only if that key is one of the
    top-level object's (deeper, the brackets would not balance). Otherwise msgspec reads
    the whole file, skipping the posts: at a million posts 0.2 s instead of nothing."""
    match = _POSTS_KEY.search(view)
    if match is not None and view[match.start()] == ord(","):
        try:
            return msgspec.json.decode(bytes(view[: match.start()]) + b"}", type=Head)
        except msgspec.MsgspecError:
            pass  # not where it seemed, or the title is written after the posts
    return msgspec.json.decode(view, type=Head)
