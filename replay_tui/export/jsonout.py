"""The JSON export: the session itself, in the contract, beside what replay-tui worked out.

The document is ``{"format": "replay-tui-export/1", "session": …, "derived": …, "export": …}``.
`session` is the normalised session in the format of docs/session-format.md, encoded from the
Structs of `model.py`, so ``jq .session`` gives a file that `replay-tui check` accepts as it is.
The contract forbids unknown fields, so values that no file states are kept out of it, in
`derived` (each post's resolved time, its precision and, where it was derived from a status
ID, how), and `export` says what this export left out or changed, so nothing is dropped
silently.

Unlike the document formats, the strings here are the session's own, not made visible: this
is data for programs, and it must survive a round trip. The JSON is still inert on a
terminal: every control character, C1 control and bidi override is written as a ``\\uXXXX``
escape, which decodes to the same string.

A slice stays a valid session: references to posts outside it (replies, quotes, chapter
starts, reactions, context and press) are removed or moved, and each change is listed.
Content-warned media descriptions and presenter notes follow the same rules as every export.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any

import msgspec

from replay_tui.export.common import ExportOptions, build_handout, inert_json, prose_time
from replay_tui.format.model import Chapter, ContextNote, Media, Post, PressExcerpt
from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Moment, Precision

EXPORT_FORMAT = "replay-tui-export/1"


def iso_at_precision(moment: Moment, loaded: LoadedSession) -> str:
    """The time as ISO 8601 cut at its precision: '2013', '2013-10', '2013-10-22',
    '2013-10-22T14:05+03:00', '2015-03-12T16:51:54-04:00'; never a midnight that no
    source gave."""
    at = moment.in_zone(loaded.zone)
    if moment.precision == Precision.YEAR:
        return f"{at.year:04d}"
    if moment.precision == Precision.MONTH:
        return f"{at.year:04d}-{at.month:02d}"
    if moment.precision == Precision.DAY:
        return at.date().isoformat()
    spec = "minutes" if moment.precision == Precision.MINUTE else "seconds"
    return at.isoformat(timespec=spec)


def document(loaded: LoadedSession, options: ExportOptions) -> dict[str, Any]:
    """The export document as plain Python values; ExportError for a slice that does not fit."""
    handout = build_handout(loaded, options)
    chosen = [post.index for post in handout.posts]
    s = loaded.session
    kept = {s.posts[i].id for i in chosen}
    changes: dict[str, list[Any]] = {
        "posts_left_out": [p.id for p in s.posts if p.id not in kept],
        "references_removed": [],
        "chapters_moved": [],
        "chapters_left_out": [],
        "media_descriptions_withheld": [],
        "presenter_notes_left_out": [],
    }

    posts: list[Post] = []
    for i in chosen:
        post = s.posts[i]
        edits: dict[str, Any] = {}
        for name in ("reply_to", "quotes"):
            target = getattr(post, name)
            if target is not None and target not in kept:
                edits[name] = None
                changes["references_removed"].append({"post": post.id, name: target})
        if post.notes is not None and not options.presenter_notes:
            edits["notes"] = None
            changes["presenter_notes_left_out"].append(post.id)
        if not options.reveal_sensitive and any(
            m.warning is not None and m.description for m in post.media
        ):
            media: list[Media] = []
            for j, item in enumerate(post.media):
                if item.warning is not None and item.description:
                    item = msgspec.structs.replace(item, description=None)
                    changes["media_descriptions_withheld"].append({"post": post.id, "media": j})
                media.append(item)
            edits["media"] = media
        posts.append(msgspec.structs.replace(post, **edits) if edits else post)

    # A chapter whose start is left out begins at its first exported post, if it has one.
    starts = [start for start, _ in loaded.chapter_starts]
    chapters: list[Chapter] = []
    for chapter in s.chapters:
        at = loaded.post_index[chapter.start]
        end_at = bisect_right(starts, at)
        end = starts[end_at] if end_at < len(starts) else len(s.posts)
        inside = [i for i in chosen if at <= i < end]
        if not inside:
            changes["chapters_left_out"].append(chapter.start)
            continue
        if inside[0] != at:
            new_start = s.posts[inside[0]].id
            changes["chapters_moved"].append({"from": chapter.start, "to": new_start})
            chapter = msgspec.structs.replace(chapter, start=new_start)
        chapters.append(chapter)

    def about(entries: list[ContextNote] | list[PressExcerpt]) -> list[Any]:
        out: list[Any] = []
        for entry in entries:
            if not entry.posts:
                out.append(entry)
                continue
            listed = [p for p in entry.posts if p in kept]
            if listed:
                out.append(msgspec.structs.replace(entry, posts=listed))
        return out

    session = msgspec.structs.replace(
        s,
        posts=posts,
        chapters=chapters,
        reactions=[r for r in s.reactions if r.post in kept],
        context=about(s.context),
        press=about(s.press),
    )

    times = []
    for view in handout.posts:
        moment = view.moment
        times.append(
            {
                "id": s.posts[view.index].id,
                "number": view.number,
                "time": iso_at_precision(moment, loaded) if moment else None,
                "precision": moment.precision.name.lower() if moment else None,
                "derived_from": moment.derived if moment else None,
                "display": prose_time(moment, loaded.zone),
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "session": msgspec.to_builtins(session),
        "derived": {
            "about": (
                "Values replay-tui works out from the session; none is written in it. "
                "'time' is in the session's zone, cut at its precision; 'derived_from' says "
                "how a time no source states was obtained."
            ),
            "timezone": s.timezone,
            "posts": times,
        },
        "export": {
            "posts": handout.selection,
            "complete": not any(changes.values()),
            "reveal_sensitive": options.reveal_sensitive,
            "presenter_notes_included": options.presenter_notes,
            **changes,
        },
    }


def render(loaded: LoadedSession, options: ExportOptions) -> str:
    """The JSON export of `loaded` as `options` select it."""
    text = json.dumps(document(loaded, options), ensure_ascii=False, indent=2)
    return inert_json(text) + "\n"
