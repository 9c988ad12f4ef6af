"""Small checked sessions for the core's tests: posts p0, p1, … and what each adds.

The replay's tests (playback, activity, threads) need a few posts that differ only in a time,
a reply or an author; this builds them the one way, through the checker, as a session file
would be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from replay_tui.format.check import check_session
from replay_tui.format.model import Session
from replay_tui.format.read import LoadedSession


def numbered(
    fields: Sequence[dict[str, Any]],
    *,
    name: str,
    authors: str = "a",
    zone: str = "UTC",
    chapters: Sequence[dict[str, Any]] = (),
) -> LoadedSession:
    """A checked session `name` of one post for each of `fields`: post i is `p{i}`, by
    each of `authors` in turn (a participant named in capitals), says "post i", comes from
    the one source `s`, and has `fields[i]` besides."""
    posts = [
        {
            "id": f"p{i}",
            "author": authors[i % len(authors)],
            "text": f"post {i}",
            "sources": ["s"],
            **extra,
        }
        for i, extra in enumerate(fields)
    ]
    data = {
        "format": "replay-tui/1",
        "id": name,
        "title": name,
        "timezone": zone,
        "sources": [{"id": "s", "outlet": "o", "kind": "news"}],
        "participants": [{"id": a, "name": a.upper()} for a in sorted(set(authors))],
        "chapters": list(chapters),
        "posts": posts,
    }
    loaded, problems = check_session(msgspec.convert(data, Session), name)
    assert loaded is not None, problems
    return loaded


def posts_at(times: Sequence[str | None]) -> list[dict[str, Any]]:
    """The fields of posts at `times` (None: a post with no time)."""
    return [{} if time is None else {"time": time} for time in times]
