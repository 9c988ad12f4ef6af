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

A hundred thousand posts in plain server HTML are read by `html_fast` (each shape of post
read once with these rules, the posts of that shape put through it); anything else, and
anything it is not sure of, by `html.parser` here. The tables both use: `html_rules`.
"""

from __future__ import annotations

from html.parser import HTMLParser

from replay_tui.imports.html_fast import fast as _fast
from replay_tui.imports.html_rules import (
    LINE,
    PARAGRAPH,
    SILENT,
    VOID,
    Visible,
    attr,
    class_set,
    shaped,
    web_link,
)
from replay_tui.imports.html_rules import unescaped as _unescaped

__all__ = ["Visible", "_fast", "_unescaped", "parsed", "visible_text", "web_link"]


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
        if tag in PARAGRAPH:
            self.pending = max(self.pending, 2)
        elif tag in LINE:
            self.pending = max(self.pending, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            if tag == "a" and self.quote:
                self._link(attrs, set())
            if tag not in VOID:
                self.stack.append((tag, True, False, False))
                self.open[tag] = self.open.get(tag, 0) + 1
                self.hidden += 1
                if tag == "pre":
                    self.pre += 1  # counted as it will be at its end tag
            return
        if tag == "br":
            self.brs += 1
            return
        self._block(tag)
        if tag in VOID:
            return
        classes = class_set(attrs)
        quote = "quote-inline" in classes
        hides = tag in SILENT or "invisible" in classes or quote
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
        href = attr(attrs, "href")
        rel = attr(attrs, "rel").split()
        tag_link = "mention" in classes or "hashtag" in classes or "tag" in rel
        if href and web_link(href) and not tag_link and href not in self.links:
            self.links.append(href)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
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
        text = shaped(data, self.pre, self.preserve_spaces)
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
