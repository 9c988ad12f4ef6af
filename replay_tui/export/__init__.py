"""Exports: a session (or a slice of it) as a document or data for use outside the replayer.

`replay-tui export` calls `export`; a test, a notebook or a second front end can call it too,
or a format's `render` directly. Every format is a pure function from a `LoadedSession` and
`ExportOptions` to text: no screen, no files, no Textual. Writing the text out is the
caller's business (the CLI uses `store.write_atomic`).

The document formats (markdown, html, text, timelinejs) share one honest view of the session
(`view.py`, built by `build.py`) and one wording (`common.py`, standing on `words.phrases`);
json writes the session contract itself with derived values beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from replay_tui.export import html, jsonout, markdown, text, timelinejs, timelinejs_page
from replay_tui.export.build import select_posts
from replay_tui.export.view import ExportError, ExportOptions
from replay_tui.format.read import LoadedSession

Exporter = Callable[[LoadedSession, ExportOptions], str]


@dataclass(frozen=True)
class Format:
    """An export format: its renderer, what it is for (for `--help`) and a file suffix."""

    render: Exporter
    about: str
    suffix: str


FORMATS: dict[str, Format] = {
    "markdown": Format(markdown.render, "a handout in Markdown", ".md"),
    "html": Format(html.render, "the handout as one self-contained, printable page", ".html"),
    "timelinejs": Format(timelinejs.render, "a TimelineJS3 JSON document", ".json"),
    "timelinejs-page": Format(
        timelinejs_page.render, "one web page showing the timeline in TimelineJS", ".html"
    ),
    "text": Format(text.render, "a plain transcript for screen readers and pipes", ".txt"),
    "json": Format(jsonout.render, "the session in its own format, with derived values", ".json"),
}
"""Format name → format, in the order `--help` lists them."""


def export(loaded: LoadedSession, format_name: str, options: ExportOptions) -> str:
    """`loaded` exported as `format_name`; ExportError for a slice that does not fit the
    session or a format that cannot hold what was selected."""
    try:
        chosen = FORMATS[format_name]
    except KeyError:
        raise ExportError(
            f"unknown export format {format_name!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    return chosen.render(loaded, options)


def bookmarked_posts(session_id: str) -> list[str]:
    """The ids of the posts bookmarked in the session `session_id`, oldest first, as the
    replayer saved them (`state.load_bookmarks`: it only reads, and an unreadable file
    gives no bookmarks). Imported when asked for: only --bookmarks-only needs user state."""
    from replay_tui.user.state import load_bookmarks

    return load_bookmarks(session_id)


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportOptions",
    "Format",
    "bookmarked_posts",
    "export",
    "select_posts",
]
