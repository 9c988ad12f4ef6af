"""The one place where untrusted session text becomes something a widget can show.

Every string in a session file is untrusted (PITFALLS.md). Handed to Textual as a plain
`str`, it is parsed as markup: `[@click=app.quit]x[/]` in a post became a working quit
button, `a [/] b [bold` crashed the app. Passed through unchanged, `ESC [2J` reaches the real
terminal and clears it. So every widget that shows session text gets it from here, as
`Content` built from `sanitize.visible` text with styles attached by spans, and no session
string is ever parsed as markup (not even "escaped" markup, which PITFALLS shows breaking).

Styles named here are Textual style strings with theme variables (`$foreground-muted`), resolved
by the widget that renders the Content, so the same Content follows the theme.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.content import Content, Span

from ..sanitize import one_line, visible

MUTED = "$foreground-muted"
HASHTAG = "bold $text-accent"
MENTION = "bold $text-secondary"

# Hashtags and mentions in any script (\w is Unicode-aware), not inside a word or an
# e-mail address; '#' and '@' must be followed by at least one word character.
_TAG_RE = re.compile(r"(?<![\w@#&])([#＃]\w+|[@＠]\w+)")


def plain(text: str | None, style: str = "") -> Content:
    """Untrusted text, shown literally (newlines kept), optionally in one style."""
    content = Content(visible(text or ""))
    return content.stylize(style) if style and content else content


def line(text: str | None, style: str = "") -> Content:
    """Untrusted text folded onto one line (for names, titles, list rows)."""
    content = Content(one_line(text or ""))
    return content.stylize(style) if style and content else content


def clipped(text: str | None, limit: int, style: str = "") -> Content:
    """`line`, cut to `limit` cells with an ellipsis: a 5,000-character title must not
    fill a row or a header."""
    return line(text, style).truncate(limit, ellipsis=True)


def post_text(text: str | None, style: str = "") -> Content:
    """A post's text with hashtags and mentions styled by spans (never by markup)."""
    safe = visible(text or "")
    spans = [
        Span(m.start(), m.end(), HASHTAG if m.group(1)[0] in "#＃" else MENTION)
        for m in _TAG_RE.finditer(safe)
    ]
    content = Content(safe, spans, strip_control_codes=False)
    return content.stylize_before(style) if style and content else content


def tags(text: str | None) -> list[str]:
    """The hashtags and mentions found in `text`, for tests and search."""
    return [m.group(1) for m in _TAG_RE.finditer(visible(text or ""))]


def join(parts: Iterable[Content | str], separator: Content | str = "") -> Content:
    """Join Contents; plain `str` parts must be the app's own words, never session text."""
    sep = separator if isinstance(separator, Content) else Content(separator)
    return sep.join(part if isinstance(part, Content) else Content(part) for part in parts)


def words(text: str, style: str = "") -> Content:
    """The app's own wording (labels, hints) as Content; kept apart from session text so a
    reader can see which is which. Still never parsed as markup."""
    content = Content(text)
    return content.stylize(style) if style and content else content


def count(number: int, noun: str) -> str:
    """'1 post', '2 posts', '100,000 posts'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def quiet(text: str) -> Content:
    """The quiet line an empty pane shows instead of disappearing."""
    return words(text, f"italic {MUTED}")
