"""The rules `html_text` reads platform HTML by, as tables, and one tag's meaning.

`html_text` explains what a reader sees of a post's HTML. Both of its ways of reading (the
`html.parser` reader and the fast path of `html_fast`) share these tables, and the fast
path works out what a tag does once per distinct tag text (`tag_info`).
"""

from __future__ import annotations

from html import unescape
from typing import NamedTuple

# Elements whose content a browser never shows as text.
SILENT = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"}
)
# Elements that take no end tag; pushing them on the stack would never be undone.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
# Blocks separated by a blank line (their margins) and by a single line break.
PARAGRAPH = frozenset(
    {"p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table",
     "figure", "dl", "hr"}
)  # fmt: skip
LINE = frozenset(
    {"div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "figcaption",
     "aside", "nav", "main", "address", "details", "summary"}
)  # fmt: skip
SPACES = " \t\n\r\f"
BLOCKS = {name: 2 for name in PARAGRAPH} | {name: 1 for name in LINE}


SPACED = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})


def shaped(data: str, pre: int, preserve_spaces: bool) -> str:
    """Text as the page's whitespace rule shows it: kept in `<pre>`; line ends as spaces
    under `pre-wrap` (Mastodon); runs collapsed to one space otherwise (a web page)."""
    if pre:
        return data.replace("\r\n", "\n").replace("\r", "\n")
    if preserve_spaces:
        return data if data.isprintable() else data.replace("\r\n", " ").translate(SPACED)
    text = " ".join(data.split())
    if data[:1] in SPACES:
        text = " " + text
    if data[-1:] in SPACES and text != " ":
        text += " "
    return text


class Visible(NamedTuple):
    """What a reader sees (`text`) and the targets of the links in it (`links`, http(s)
    only, in order, without repeats)."""

    text: str
    links: tuple[str, ...]


def class_set(attrs: list[tuple[str, str | None]]) -> set[str]:
    for name, value in attrs:
        if name == "class" and value:
            return set(value.split())
    return set()


def attr(attrs: list[tuple[str, str | None]], wanted: str) -> str:
    for name, value in attrs:
        if name == wanted and value:
            return value
    return ""


def web_link(url: str) -> bool:
    """True for an http(s) address, the only kind of link kept from untrusted HTML."""
    if url.startswith(("https://", "http://")):
        return True
    scheme = url.split(":", 1)[0].strip().lower()
    return scheme in ("http", "https") and "://" in url


Event = tuple[str, str, list[tuple[str, str | None]]]


def read_tag(inner: str) -> Event | None:
    """`/p`, `br /` or `a href="…" class="…"` as an end, start-end or start event; None for
    anything outside that plain form (comments, single quotes, bare values, script)."""
    if inner.count('"') % 2 or "'" in inner:
        return None
    if inner.startswith("/"):
        name = inner[1:].strip()
        if not (name.isascii() and name.isalnum() and name[:1].isalpha()):
            return None
        return ("end", name.lower(), [])
    closing = inner.endswith("/")
    head, _, rest = (inner[:-1] if closing else inner).partition(" ")
    name = head.lower()
    if not (name.isascii() and name.isalnum() and name[:1].isalpha()) or name in SILENT:
        return None
    if any(space in head for space in "\t\n\r\f"):
        return None
    attrs: list[tuple[str, str | None]] = []
    rest = rest.lstrip(" ")
    while rest:
        key, equals, after = rest.partition("=")
        if not equals or " " in key:  # a name without a value
            key, _, rest = rest.partition(" ")
            value: str | None = None
        elif not after.startswith('"'):
            return None
        else:
            value, _, rest = after[1:].partition('"')
            if rest and rest[0] != " ":
                return None
            if "&" in value:
                value = unescape(value)
        if not (key.isascii() and key.replace("-", "").replace("_", "").isalnum()):
            return None
        attrs.append((key.lower(), value))
        rest = rest.lstrip(" ")
    return ("startend" if closing else "start", name, attrs)


# What the fast path does with one tag, worked out once per distinct tag text (`tag_info`):
# (kind: 0 start, 1 end, 2 start of a void element, 3 start-end of any other; name; block
# breaks; the stack entry it pushes when shown and when hidden: (name, hides, ellipsis,
# quote-inline, pre, block breaks), built once and shared; the link to keep when shown;
# the link to keep inside a hidden quote).
Entry = tuple[str, int, int, int, int, int]
Info = tuple[int, str, int, Entry, Entry, str | None, str | None]
INFO: dict[str, Info | None] = {}
NO_INFO: Info = (-1, "", 0, ("", 0, 0, 0, 0, 0), ("", 0, 0, 0, 0, 0), None, None)


def tag_info(inner: str) -> Info | None:
    """What the reader does with a tag (see `Info`), worked out once per distinct tag text.
    None for a tag outside the plain form `read_tag` reads."""
    info = INFO.get(inner, NO_INFO)
    if info is not NO_INFO:
        return info
    event = read_tag(inner)
    if event is None:
        info = None
    else:
        kind, name, attrs = event
        classes = class_set(attrs)
        href = attr(attrs, "href")
        rel = attr(attrs, "rel").split()
        link = name == "a" and bool(href) and web_link(href)
        quote = "quote-inline" in classes
        tag_link = "mention" in classes or "hashtag" in classes or "tag" in rel
        block = BLOCKS.get(name, 0)
        pre = int(name == "pre")
        void = name in VOID
        info = (
            1 if kind == "end" else 2 if void else 0 if kind == "start" else 3,
            name,
            block,
            (name, int("invisible" in classes or quote), int("ellipsis" in classes),
             int(quote), pre, block),
            (name, 1, 0, 0, pre, block),
            href if link and not tag_link else None,
            href if link and "tag" not in rel else None,
        )  # fmt: skip
    if len(INFO) >= 4096:
        INFO.clear()
    INFO[inner] = info
    return info


# The stand-in for a link's address in a post's shape (`html_fast`); a post holding it
# is read by html.parser.
ANY_LINK = "https://link.invalid/"


def unescaped(data: str) -> str:
    """`html.unescape(data)`, without its regular expression when every `&` starts one of
    the five references servers write (each `&` starts one at most; `&amp;` goes last, so
    that what it makes is not read again). Most texts hold only apostrophes (`&#39;`) or
    ampersands: one pass each then."""
    amps = data.count("&")
    if not amps:
        return data
    apostrophes = data.count("&#39;")
    if amps == apostrophes:
        return data.replace("&#39;", "'")
    ampersands = data.count("&amp;")
    if amps == apostrophes + ampersands:
        return data.replace("&#39;", "'").replace("&amp;", "&")
    if amps != (
        apostrophes + ampersands + data.count("&quot;") + data.count("&lt;")
        + data.count("&gt;")
    ):  # fmt: skip
        return unescape(data)
    return (
        data.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        .replace("&#39;", "'").replace("&amp;", "&")
    )  # fmt: skip
