"""HTML from a platform turned into the text a reader of that platform sees.

Mastodon serves a post's `content` as HTML, and TimelineJS headlines and texts are HTML too.
A replay must show the words the platform's reader saw, verbatim, and nothing that could act:
so the HTML is read with the standard library's `html.parser` (a real tokenizer; regular
expressions cannot follow nesting, comments or CDATA) and only its text survives:

* Paragraphs and block elements become line breaks (a blank line between paragraphs, as the
  margins show them), `<br>` one line break. No tag survives as a tag.
* Mastodon shortens a long link for display with three spans: `invisible` (hidden: the
  scheme, the tail), `ellipsis` (shown, followed by "…" from the stylesheet). The text keeps
  what is shown; the link's full target is kept beside the text in `links`, so a reader who
  cannot click still has it. Mentions and hashtags (`mention`, `hashtag`, `rel="tag"`) are
  their text ("@name", "#tag"); their targets are profile and tag pages, not links the author
  added, and are not kept.
* Mastodon 4.4 adds a `quote-inline` paragraph ("RE: <link>") to a quote post for software
  that cannot show quotes; its web interface hides it. It is left out here too (the quote is
  a quote link in the session); its link is kept in `links`.
* `<script>`, `<style>`, `<template>` and the like show nothing in a browser, and nothing here.
* Entities are decoded once: `&lt;b&gt;` is the literal text "<b>", never a tag. Console
  markup (`[bold]`), escape sequences and bidi controls are left as the text it is; the one
  sanitising path (`words.sanitize`) makes them inert wherever the text is shown.

`preserve_spaces` follows the page's whitespace rule: Mastodon shows a post with
`white-space: pre-wrap` (runs of spaces kept), a TimelineJS slide with the browser's normal
rule (runs collapsed to one space).
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from typing import NamedTuple

# Elements whose content a browser never shows as text.
_SILENT = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg"}
)
# Elements that take no end tag; pushing them on the stack would never be undone.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
# Blocks separated by a blank line (their margins) and by a single line break.
_PARAGRAPH = frozenset(
    {"p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table",
     "figure", "dl", "hr"}
)  # fmt: skip
_LINE = frozenset(
    {"div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "figcaption",
     "aside", "nav", "main", "address", "details", "summary"}
)  # fmt: skip
_SPACES = " \t\n\r\f"
_BLOCKS = {name: 2 for name in _PARAGRAPH} | {name: 1 for name in _LINE}


def _shaped(data: str, pre: int, preserve_spaces: bool) -> str:
    """Text as the page's whitespace rule shows it: kept in `<pre>`; line ends as spaces
    under `pre-wrap` (Mastodon); runs collapsed to one space otherwise (a web page)."""
    if pre:
        return data.replace("\r\n", "\n").replace("\r", "\n")
    if preserve_spaces:
        return data if data.isprintable() else data.replace("\r\n", " ").translate(_SPACED)
    text = " ".join(data.split())
    if data[:1] in _SPACES:
        text = " " + text
    if data[-1:] in _SPACES and text != " ":
        text += " "
    return text


class Visible(NamedTuple):
    """What a reader sees (`text`) and the targets of the links in it (`links`, http(s)
    only, in order, without repeats)."""

    text: str
    links: tuple[str, ...]


def _classes(attrs: list[tuple[str, str | None]]) -> set[str]:
    for name, value in attrs:
        if name == "class" and value:
            return set(value.split())
    return set()


def _attr(attrs: list[tuple[str, str | None]], wanted: str) -> str:
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


class _Reader(HTMLParser):
    def __init__(self, preserve_spaces: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.preserve_spaces = preserve_spaces
        self.parts: list[str] = []
        self.pending = 0  # line breaks owed before the next text, from blocks
        self.brs = 0  # line breaks owed before the next text, from <br>
        self.stack: list[tuple[str, bool, bool, bool]] = []  # (tag, hides, ellipsis, quote)
        self.quote = 0  # inside a hidden quote-inline element, whose link is still kept
        self.hidden = 0
        self.pre = 0
        self.links: list[str] = []
        self.line_empty = True
        self.open: dict[str, int] = {}  # how many of each tag are on the stack

    # --- structure ------------------------------------------------------------------------

    def _block(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self.pending = max(self.pending, 2)
        elif tag in _LINE:
            self.pending = max(self.pending, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            if tag == "a" and self.quote:
                self._link(attrs, set())
            if tag not in _VOID:
                self.stack.append((tag, True, False, False))
                self.open[tag] = self.open.get(tag, 0) + 1
                self.hidden += 1
            return
        if tag == "br":
            self.brs += 1
            return
        self._block(tag)
        if tag in _VOID:
            return
        classes = _classes(attrs)
        quote = "quote-inline" in classes
        hides = tag in _SILENT or "invisible" in classes or quote
        if tag == "a":
            self._link(attrs, classes)
        self.stack.append((tag, hides, "ellipsis" in classes, quote))
        self.open[tag] = self.open.get(tag, 0) + 1
        if hides:
            self.hidden += 1
        if quote:
            self.quote += 1
        if tag == "pre":
            self.pre += 1

    def _link(self, attrs: list[tuple[str, str | None]], classes: set[str]) -> None:
        href = _attr(attrs, "href")
        rel = _attr(attrs, "rel").split()
        tag_link = "mention" in classes or "hashtag" in classes or "tag" in rel
        if href and web_link(href) and not tag_link and href not in self.links:
            self.links.append(href)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open.get(tag):
            if not self.hidden:
                self._block(tag)  # a stray </p> still ends a paragraph in a browser
            return
        while self.stack:
            open_tag, hides, ellipsis, quote = self.stack.pop()
            self.open[open_tag] -= 1
            if hides:
                self.hidden -= 1
            if quote:
                self.quote -= 1
            if open_tag == "pre":
                self.pre -= 1
            if ellipsis and not self.hidden:
                self.parts.append("…")
            if not self.hidden:
                self._block(open_tag)
            if open_tag == tag:
                break

    # --- text -----------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        text = _shaped(data, self.pre, self.preserve_spaces)
        if self.line_empty or self.pending or self.brs:
            text = text.lstrip(" ")
            if not text:
                return
        if self.parts and (self.pending or self.brs):
            self._end_line()
            self.parts.append("\n" * max(self.pending, self.brs))
        elif (
            self.parts
            and not self.preserve_spaces
            and not self.pre
            and self.parts[-1].endswith(" ")
            and text.startswith(" ")
        ):
            text = text[1:]
        self.pending = self.brs = 0
        self.parts.append(text)
        self.line_empty = text.endswith("\n")

    def _end_line(self) -> None:
        if self.parts and not self.pre:
            self.parts[-1] = self.parts[-1].rstrip(" ")

    def result(self) -> Visible:
        self.close()
        self._end_line()
        text = "".join(self.parts)
        return Visible(text.strip("\n"), tuple(self.links))


_SPACED = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})


Event = tuple[str, str, list[tuple[str, str | None]]]


def _read_tag(inner: str) -> Event | None:
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
    if not (name.isascii() and name.isalnum() and name[:1].isalpha()) or name in _SILENT:
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


Info = tuple[int, str, bool, int, bool, bool, bool, str | None, str | None]
_INFO: dict[str, Info | None] = {}
_NO_INFO: Info = (-1, "", False, 0, False, False, False, None, None)


def _info(inner: str) -> Info | None:
    """What the reader does with a tag, worked out once per distinct tag text: (kind 0
    start, 1 end, 2 start-end; name; void; block breaks; hides; ellipsis; quote-inline;
    the link to keep when shown; the link to keep inside a hidden quote)."""
    info = _INFO.get(inner, _NO_INFO)
    if info is not _NO_INFO:
        return info
    event = _read_tag(inner)
    if event is None:
        info = None
    else:
        kind, name, attrs = event
        classes = _classes(attrs)
        href = _attr(attrs, "href")
        rel = _attr(attrs, "rel").split()
        link = name == "a" and bool(href) and web_link(href)
        quote = "quote-inline" in classes
        tag_link = "mention" in classes or "hashtag" in classes or "tag" in rel
        info = (
            {"start": 0, "end": 1}.get(kind, 2),
            name,
            name in _VOID,
            2 if name in _PARAGRAPH else 1 if name in _LINE else 0,
            "invisible" in classes or quote,
            "ellipsis" in classes,
            quote,
            href if link and not tag_link else None,
            href if link and "tag" not in rel else None,
        )
    if len(_INFO) >= 4096:
        _INFO.clear()
    _INFO[inner] = info
    return info


_ANY_LINK = "https://link.invalid/"


def _link_info(inner: str) -> Info | None:
    """`_info` of a link tag without working it out again for each address: a post's
    links differ only in `href`, so the tag is looked up with a stand-in address and the
    real one put back. Anything this cannot split cleanly goes to `_info`."""
    head, marker, rest = inner.partition(' href="')
    href, closed, tail = rest.partition('"')
    if not marker or not closed or "'" in href:
        return _info(inner)
    template = _info(f'{head} href="{_ANY_LINK}"{tail}')
    if template is None:
        return None
    if "&" in href:
        href = _unescaped(href)
    kept = href if href and web_link(href) else None
    kind, name, void, block, hides, ellipsis, quote, keep, quote_keep = template
    return (
        kind,
        name,
        void,
        block,
        hides,
        ellipsis,
        quote,
        kept if keep is not None else None,
        kept if quote_keep is not None else None,
    )


def _unescaped(data: str) -> str:
    """`html.unescape(data)`, without its regular expression when every `&` starts one of
    the five references servers write (each `&` starts one at most; `&amp;` goes last, so
    that what it makes is not read again)."""
    if data.count("&") != (
        data.count("&amp;") + data.count("&#39;") + data.count("&quot;") + data.count("&lt;")
        + data.count("&gt;")
    ):  # fmt: skip
        return unescape(data)
    return (
        data.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        .replace("&#39;", "'").replace("&amp;", "&")
    )  # fmt: skip


def _fast(html: str, preserve_spaces: bool) -> Visible | None:
    """`_Reader`'s reading of `html`, for HTML in the plain form servers write (Mastodon's
    sanitiser, TimelineJS slides): split at `<` in one C-level pass, each distinct tag
    worked out once (`_info`), the reader's rules applied in one loop. None at the first
    thing outside that form (a comment, single quotes, script), which `html.parser` then
    reads from the start. The tests check that both ways give the same text and links on
    any mix of fragments; keep this loop and `_Reader` in step."""
    parts: list[str] = []
    links: list[str] = []
    stack: list[tuple[str, bool, bool, bool]] = []
    opened: dict[str, int] = {}
    pending = brs = hidden = pre = quoting = 0
    line_empty = True
    known = _INFO
    pieces = html.split("<")
    for index, piece in enumerate(pieces):
        if index:
            inner, closed, data = piece.partition(">")
            info = known.get(inner, _NO_INFO)
            if info is _NO_INFO:
                if not closed:
                    return None
                if inner.startswith("a "):
                    info = _link_info(inner)
                    if len(known) < 4096:  # hashtags and mentions come back
                        known[inner] = info
                else:
                    info = _info(inner)
            if info is None or not closed:
                return None
            kind, name, void, block, hides, ellipsis, quote, keep, quote_keep = info
            if kind != 1:  # a start tag
                if hidden:
                    if quoting and quote_keep is not None and quote_keep not in links:
                        links.append(quote_keep)
                    if not void:
                        stack.append((name, True, False, False))
                        opened[name] = opened.get(name, 0) + 1
                        hidden += 1
                elif name == "br":
                    brs += 1
                else:
                    if block > pending:
                        pending = block
                    if not void:
                        if keep is not None and keep not in links:
                            links.append(keep)
                        stack.append((name, hides, ellipsis, quote))
                        opened[name] = opened.get(name, 0) + 1
                        hidden += hides
                        quoting += quote
                        pre += name == "pre"
            if kind != 0 and not (kind == 2 and void):  # an end tag
                if not opened.get(name):
                    if not hidden and block > pending:
                        pending = block
                else:
                    while stack:
                        open_tag, was_hiding, was_ellipsis, was_quote = stack.pop()
                        opened[open_tag] -= 1
                        hidden -= was_hiding
                        quoting -= was_quote
                        pre -= open_tag == "pre"
                        if not hidden:
                            if was_ellipsis:
                                parts.append("…")
                            block = _BLOCKS.get(open_tag, 0)
                            if block > pending:
                                pending = block
                        if open_tag == name:
                            break
        else:
            data = piece
        if hidden or not data:
            continue
        if "&" in data:
            data = _unescaped(data)
        if preserve_spaces and not pre and data.isprintable():
            text = data  # the bulk: no line end or tab to turn into a space
        else:
            text = _shaped(data, pre, preserve_spaces)
        if line_empty or pending or brs:
            text = text.lstrip(" ")
            if not text:
                continue
        if parts and (pending or brs):
            if not pre:
                parts[-1] = parts[-1].rstrip(" ")
            parts.append("\n" * max(pending, brs))
        elif (
            parts
            and not preserve_spaces
            and not pre
            and parts[-1].endswith(" ")
            and text.startswith(" ")
        ):
            text = text[1:]
        pending = brs = 0
        parts.append(text)
        line_empty = text.endswith("\n")
    if parts and not pre:
        parts[-1] = parts[-1].rstrip(" ")
    return Visible("".join(parts).strip("\n"), tuple(links))


def parsed(html: str, *, preserve_spaces: bool = True) -> Visible:
    """`visible_text` through `html.parser` alone, for any HTML at all."""
    reader = _Reader(preserve_spaces)
    try:
        reader.feed(html)
        return reader.result()
    except AssertionError:
        # html.parser asserts on some malformed declarations (`<![0`: "expected name
        # token") instead of reading them as text, as a browser does; read every `<!` of
        # this fragment as text then.
        reader = _Reader(preserve_spaces)
        reader.feed(html.replace("<!", "&lt;!"))
        return reader.result()


def visible_text(html: str, *, preserve_spaces: bool = True) -> Visible:
    """The text a reader of the page sees in `html`, and the targets of its links."""
    shown = _fast(html, preserve_spaces)
    if shown is None:
        return parsed(html, preserve_spaces=preserve_spaces)
    return shown
