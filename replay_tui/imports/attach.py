"""Attachments in words, as the Mastodon and Bluesky readers describe them alike.

An attachment's description is the author's alt text, verbatim. Behind a warning the
format asks for a description (so that a presenter can decide before revealing it), and
where the author gave none it says exactly that rather than inventing one. A link the text
shows shortened keeps its full address as a `link` attachment.
"""

from __future__ import annotations

from replay_tui.format.model import Media, MediaKind
from replay_tui.imports.base import clean_text

NO_ALT = "No alt text given by the author"


def described(kind: MediaKind, alt: str | None, warning: str | None) -> Media:
    """An attachment with the author's alt text as its description."""
    description = clean_text(alt) if alt else None
    if warning is not None and description is None:
        description = NO_ALT
    return Media(kind=kind, description=description, warning=warning)


def link(address: str, warning: str | None) -> Media:
    """The full address of a link in the post."""
    shown = address if address.isascii() else clean_text(address)  # nearly always ASCII
    return Media(kind="link", description=f"Link in the post: {shown}", warning=warning)
