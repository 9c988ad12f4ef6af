"""The reading rules' tables, and the fast path of `html_text`: a post's shape read once.

`html_text` says what a reader sees of a platform's HTML and reads any HTML with
`html.parser`. Server HTML (Mastodon's sanitiser, TimelineJS slides) repeats a few shapes
(paragraphs, mentions, hashtags, shortened links) with other words and addresses, and a
collection holds a hundred thousand posts: so the same rules are also applied here to a
post's *shape* once (`_plan`), and each post of that shape only has its words and addresses
put through the plan (`_run`). Anything outside the plain form servers write (a comment,
single quotes, script) goes to `html.parser`.
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
_SPACES = " \t\n\r\f"
_BLOCKS = {name: 2 for name in PARAGRAPH} | {name: 1 for name in LINE}


def shaped(data: str, pre: int, preserve_spaces: bool) -> str:
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


def class_names(attrs: list[tuple[str, str | None]]) -> set[str]:
    for name, value in attrs:
        if name == "class" and value:
            return set(value.split())
    return set()


def attribute(attrs: list[tuple[str, str | None]], wanted: str) -> str:
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


Info = tuple[int, str, bool, int, bool, bool, bool, str | None, str | None]
_INFO: dict[str, Info | None] = {}
_NO_INFO: Info = (-1, "", False, 0, False, False, False, None, None)


def _info(inner: str) -> Info | None:
    """What the reader does with a tag, worked out once per distinct tag text: (kind 0
    start, 1 end, 2 start-end; name; void; block breaks; hides; ellipsis; quote-inline;
    the address of a link to keep when shown; of a link to keep inside a hidden quote).
    Whether an address is a web link is decided when the post is read (`_run`): a tag's
    address may stand for any (`_MARK`)."""
    info = _INFO.get(inner, _NO_INFO)
    if info is not _NO_INFO:
        return info
    event = _read_tag(inner)
    if event is None:
        info = None
    else:
        kind, name, attrs = event
        classes = class_names(attrs)
        href = attribute(attrs, "href") if name == "a" else ""
        rel = attribute(attrs, "rel").split()
        quote = "quote-inline" in classes
        tag_link = "mention" in classes or "hashtag" in classes or "tag" in rel
        info = (
            {"start": 0, "end": 1}.get(kind, 2),
            name,
            name in VOID,
            2 if name in PARAGRAPH else 1 if name in LINE else 0,
            "invisible" in classes or quote,
            "ellipsis" in classes,
            quote,
            href if href and not tag_link else None,
            href if href and "tag" not in rel else None,
        )
    if len(_INFO) >= 4096:
        _INFO.clear()
    _INFO[inner] = info
    return info


# --- the fast path: a post's shape read once, its words read each time -----------------------
#
# Server HTML repeats a few shapes (paragraphs, mentions, hashtags, shortened links) with other
# words and addresses. The fast path splits a post at `<` and `>`, takes its *shape* (its tags,
# each link's address replaced by `_MARK`) and reads the shape once with the reader's rules
# (`_plan`): which text pieces show, with how many line breaks and ellipses before each, which
# addresses are kept. A post of a known shape only has its text and addresses put through the
# plan (`_run`). The tests check that this reads as `html_text._Reader` (html.parser) does,
# on mixed fragments and on generated server HTML: keep `_plan`, `_run` and it in step.

_HREF = ' href="'
_MARK = "\x01"  # stands for a link's address in a shape; input holding it takes html.parser
_MARKED = f'{_HREF}{_MARK}"'
# One shown piece of text: (its index, line breaks owed from blocks, from <br>, ellipses
# before it, inside <pre>); a shape's plan: (those, ellipses after the last, <pre> at the
# end, the links to keep in order: an address's index among the marks, or the address).
Step = tuple[int, int, int, int, int]
Plan = tuple[tuple[Step, ...], int, int, tuple[int | str, ...]]
_PLANS: dict[tuple[str, ...], Plan | None] = {}
_NO_PLAN: Plan = ((), 0, 0, ())


def _plan(inners: tuple[str, ...]) -> Plan | None:
    """The reader's rules applied to a shape (the tags of a post; `inners[0]` is the empty
    stand-in before the first piece of text). None at the first tag outside the plain form
    (a comment, single quotes, script), which html.parser then reads."""
    steps: list[Step] = []
    links: list[int | str] = []
    stack: list[tuple[str, bool, bool, bool]] = []
    opened: dict[str, int] = {}
    block_owed = brs = ellipses = hidden = pre = quoting = marks = 0
    for index, inner in enumerate(inners):
        if index:
            info = _info(inner)
            if info is None:
                return None
            kind, name, void, block, hides, ellipsis, quote, keep, quote_keep = info
            mark = marks
            if _MARK in inner:
                marks += 1
            if kind != 1:  # a start tag
                if hidden:
                    if quoting and quote_keep is not None:
                        links.append(mark if quote_keep == _MARK else quote_keep)
                    if not void:
                        stack.append((name, True, False, False))
                        opened[name] = opened.get(name, 0) + 1
                        hidden += 1
                elif name == "br":
                    brs += 1
                else:
                    block_owed = max(block_owed, block)
                    if not void:
                        if keep is not None:
                            links.append(mark if keep == _MARK else keep)
                        stack.append((name, hides, ellipsis, quote))
                        opened[name] = opened.get(name, 0) + 1
                        hidden += hides
                        quoting += quote
                        pre += name == "pre"
            if kind != 0 and not (kind == 2 and void):  # an end tag
                if not opened.get(name):
                    if not hidden:
                        block_owed = max(block_owed, block)
                else:
                    while stack:
                        open_tag, was_hiding, was_ellipsis, was_quote = stack.pop()
                        opened[open_tag] -= 1
                        hidden -= was_hiding
                        quoting -= was_quote
                        pre -= open_tag == "pre"
                        if not hidden:
                            ellipses += was_ellipsis
                            block_owed = max(block_owed, _BLOCKS.get(open_tag, 0))
                        if open_tag == name:
                            break
        if not hidden:
            steps.append((index, block_owed, brs, ellipses, pre))
            block_owed = brs = ellipses = 0
    return tuple(steps), ellipses, pre, tuple(links)


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


def _run(
    plan: Plan, pieces: list[tuple[str, str, str]], hrefs: list[str], preserve_spaces: bool
) -> Visible:
    """A post's text pieces and addresses put through its shape's plan."""
    steps, tail, pre_at_end, refs = plan
    parts: list[str] = []
    pending = brs = 0
    line_empty = True
    for index, block, breaks, ellipses, pre in steps:
        if ellipses:
            parts.append("…" * ellipses)
        if block > pending:
            pending = block
        brs += breaks
        data = pieces[index][2]
        if not data:
            continue
        if "&" in data:
            data = _unescaped(data)
        if preserve_spaces and not pre and data.isprintable():
            text = data  # the bulk: no line end or tab to turn into a space
        else:
            text = shaped(data, pre, preserve_spaces)
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
    if tail:
        parts.append("…" * tail)
    if parts and not pre_at_end:
        parts[-1] = parts[-1].rstrip(" ")
    links: list[str] = []
    for ref in refs:
        href = hrefs[ref] if isinstance(ref, int) else ref
        if "&" in href:
            href = _unescaped(href)
        if href and href not in links and web_link(href):
            links.append(href)
    return Visible("".join(parts).strip("\n"), tuple(links))


def fast_visible(html: str, preserve_spaces: bool) -> Visible | None:
    """`html_text._Reader`'s reading of `html`, through its shape's plan; None for HTML
    outside the plain form."""
    hrefs: list[str] = []
    if _HREF in html:
        if _MARK in html:
            return None
        chunks = html.split(_HREF)
        before = chunks[0]
        kept = [before]
        for chunk in chunks[1:]:
            if before.rfind("<") <= before.rfind(">"):
                return None  # not inside a tag, or a second address in one tag
            href, closed, before = chunk.partition('"')
            if not closed or "<" in href or ">" in href or "'" in href:
                return None
            hrefs.append(href)
            kept.append(before)
        html = _MARKED.join(kept)
    pieces = html.split("<")
    pieces[0] = ">" + pieces[0]  # the text before the first tag, as if after an empty one
    split = [piece.partition(">") for piece in pieces]
    inners = tuple([inner for inner, closed, _ in split if closed])
    if len(inners) != len(split):
        return None
    plan = _PLANS.get(inners, _NO_PLAN)
    if plan is _NO_PLAN:
        if len(_PLANS) >= 4096:
            _PLANS.clear()
        plan = _PLANS[inners] = _plan(inners)
    if plan is None:
        return None
    return _run(plan, split, hrefs, preserve_spaces)
