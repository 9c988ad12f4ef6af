"""The one place where untrusted session text becomes something a widget can show.

Every string in a session file is untrusted. Handed to Textual as a plain
`str`, it is parsed as markup: `[@click=app.quit]x[/]` in a post became a working quit
button, `a [/] b [bold` crashed the app. Passed through unchanged, `ESC [2J` reaches the real
terminal and clears it. So every widget that shows session text gets it from here, as
`Content` built from `sanitize.visible` text with styles attached by spans, and no session
string is ever parsed as markup (not even "escaped" markup: `rich.markup.escape` leaves a
trailing backslash or a `[not a tag` that, in combination, still broke Textual's parser).

Styles named here are Textual style strings with theme variables (`$foreground-muted`), resolved
by the widget that renders the Content, so the same Content follows the theme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.content import Content, Span

from replay_tui.words import textparts
from replay_tui.words.sanitize import one_line, visible
from replay_tui.words.variants import compare

MUTED = "$foreground-muted"
HASHTAG = "bold $text-accent"
MENTION = "bold $text-secondary"
MATCH = "bold reverse $text-warning"
"""A search match: reversed, so it stands out on every theme and through a projector's
washed-out colours, and is not mistaken for a hashtag's colour."""

Find = Callable[[str], list[tuple[int, int]]]
"""Where a search matches in a displayed string: `(start, end)` offsets into that very
string (`search.Search.spans`). Offsets are taken on the sanitised text, so a control
character shown as `^[` cannot shift a highlight."""


def _marked(content: Content, find: Find | None) -> Content:
    """`content` with the search matches in its (already sanitised) text highlighted; the
    match spans come last, so they win over any other style on the same characters."""
    if find is None or not content:
        return content
    for start, end in find(content.plain):
        content = content.stylize(MATCH, start, end)
    return content


def plain(text: str | None, style: str = "", *, find: Find | None = None) -> Content:
    """Untrusted text, shown literally (newlines kept), optionally in one style; search
    matches highlighted when `find` is given."""
    content = Content(visible(text or ""))
    content = content.stylize(style) if style and content else content
    return _marked(content, find)


def line(text: str | None, style: str = "", *, find: Find | None = None) -> Content:
    """Untrusted text folded onto one line (for names, titles, list rows)."""
    content = Content(one_line(text or ""))
    content = content.stylize(style) if style and content else content
    return _marked(content, find)


def clipped(text: str | None, limit: int, style: str = "", *, find: Find | None = None) -> Content:
    """`line`, cut to `limit` cells with an ellipsis: a 5,000-character title must not
    fill a row or a header."""
    return line(text, style, find=find).truncate(limit, ellipsis=True)


def post_text(text: str | None, style: str = "", *, find: Find | None = None) -> Content:
    """A post's text with hashtags and mentions styled by spans (never by markup), and
    search matches highlighted when `find` is given.

    Tags are found by `textparts.tag_spans`, the pattern the tag filter and the search
    index use, so what is coloured as a tag is exactly what that tag's filter shows (a
    plain `\\w` pattern cut `#שָׁלוֹם` at its first vowel point, to `#ש`)."""
    safe = visible(text or "")
    spans = [
        Span(start, end, HASHTAG if hashtag else MENTION)
        for start, end, hashtag in textparts.tag_spans(safe)
    ]
    content = Content(safe, spans, strip_control_codes=False)
    content = content.stylize_before(style) if style and content else content
    return _marked(content, find)


def tags(text: str | None) -> list[str]:
    """The hashtags and mentions in `text` as displayed, for tests."""
    return textparts.tags(visible(text or ""))


def join(parts: Iterable[Content | str], separator: Content | str = "") -> Content:
    """Join Contents; plain `str` parts must be the app's own words, never session text."""
    sep = separator if isinstance(separator, Content) else Content(separator)
    return sep.join(part if isinstance(part, Content) else Content(part) for part in parts)


def words(text: str, style: str = "") -> Content:
    """The app's own wording (labels, hints) as Content; kept apart from session text so a
    reader can see which is which. Still never parsed as markup."""
    content = Content(text)
    return content.stylize(style) if style and content else content


def field(label: str, *value: Content) -> list[Content]:
    """A line of facts: a new line, `label` muted, then its value (parts to join)."""
    return [Content("\n"), words(f"{label}: ", MUTED), *value]


def count(number: int, noun: str) -> str:
    """'1 post', '2 posts', '100,000 posts'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def quiet(text: str) -> Content:
    """The quiet line an empty pane shows instead of disappearing."""
    return words(text, f"italic {MUTED}")


DIFFERS = "bold underline $text-warning"
"""How words that differ from the main text are marked in another source's wording."""


def differing(text: str | None, against: str | None, style: str = DIFFERS) -> Content:
    """Untrusted `text` with the words that differ from `against` marked by spans.

    Both are made visible first (`sanitize.visible`), so the offsets `wording.compare`
    gives are offsets into exactly the text shown, and a control character counts as the
    stand-in the reader sees."""
    safe = visible(text or "")
    spans = [Span(a, b, style) for a, b in compare(safe, visible(against or "")).spans]
    return Content(safe, spans, strip_control_codes=False)
