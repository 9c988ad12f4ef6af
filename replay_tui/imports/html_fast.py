"""The fast path of `html_text`: server HTML read without `html.parser`, to the same text.

A collection holds a hundred thousand posts, and `html.parser` (a general tokenizer with
callbacks) took most of an import's time on them. Servers write HTML in a plain form
(Mastodon's sanitiser: paragraphs, `<br />`, mentions, hashtags and shortened links, every
attribute double-quoted; TimelineJS slides) and repeat a few thousand *shapes* across a
collection with other words and addresses. So a post is read here by its shape, with the
reader's rules (`html_text._Reader`) and nothing else:

* its shape is its tags, each link's address replaced by a stand-in (`ANY_LINK`), and
  which pieces of text between them are empty; splitting at `<` and `>` (C-level passes)
  gives the tags and the pieces of text;
* a shape is read once with the rules (`_plan`): which pieces of text show, with the line
  breaks and ellipses before each, which addresses are kept;
* every post of that shape only has its text and addresses put through the plan.

Anything outside the plain form (a comment, single quotes, script, an unclosed `<`) gives
None, and `html.parser` reads the post from the start. The tests check that this reads as
`html.parser` does on any mix of fragments and on generated server HTML: keep `_plan` and
`_Reader` in step.
"""

from __future__ import annotations

from itertools import islice, repeat
from operator import itemgetter

from replay_tui.imports.html_rules import (
    ANY_LINK,
    Entry,
    Visible,
    shaped,
    tag_info,
    unescaped,
    web_link,
)

# One shown piece of text: (its index among the pieces of text between tags, line breaks
# owed from blocks, from <br>, ellipses before it, inside <pre>). A shape's plan: (those,
# ellipses after the last, <pre> at the end, the links to keep in order: an address's
# index among the post's addresses, or the address itself when the tag spells it so that
# it is part of the shape).
Step = tuple[int, int, int, int, int]
Plan = tuple[tuple[Step, ...], int, int, tuple[int | str, ...]]
_PLANS: dict[tuple[str, bytes], Plan | None] = {}
_NO_PLAN: Plan = ((), 0, 0, ())
_HREF = ' href="'
_MARKED = f'{_HREF}{ANY_LINK}"'
_ENDS = repeat(">")
_TAG, _CLOSED, _TEXT = itemgetter(0), itemgetter(1), itemgetter(2)


def _addresses(shape: str) -> tuple[str, list[str]]:
    """A shape (tags joined by `<`) with each link's address replaced by the stand-in,
    and the addresses; the shape as it is (its tags spelling their addresses) where that
    cannot be done cleanly: two addresses in one tag, one empty or holding a quote or `<`
    (an address holding `>` was cut at it: its quote is then not closed in its tag)."""
    chunks = shape.split(_HREF)
    kept = [chunks[0]]
    hrefs: list[str] = []
    for chunk in islice(chunks, 1, None):
        if hrefs and "<" not in kept[-1]:
            return shape, []  # a second address in one tag
        href, closed, rest = chunk.partition('"')
        if not closed or not href or "<" in href or "'" in href:
            return shape, []
        hrefs.append(href)
        kept.append(rest)
    return _MARKED.join(kept), hrefs


def fast(html: str, preserve_spaces: bool) -> Visible | None:
    """The reader's reading of `html` through its shape's plan (see the module's
    docstring); None for HTML outside the plain form servers write."""
    # Each tag ends at the first `>` after its `<`; the text after it runs to the next `<`
    # (C-level passes: no per-tag step before the plan is found).
    pieces = html.split("<")
    tagged = list(map(str.partition, islice(pieces, 1, None), _ENDS))
    if not all(map(_CLOSED, tagged)):
        return None  # a `<` that no `>` closes
    texts = [pieces[0], *map(_TEXT, tagged)]
    tags = "<".join(map(_TAG, tagged))  # told apart: no tag holds a `<`
    if ANY_LINK in tags:
        return None  # the stand-in itself: html.parser reads it
    hrefs: list[str] = []
    if _HREF in tags:
        tags, hrefs = _addresses(tags)
    # The shape: the tags, and which texts hold anything.
    shape = (tags, bytes(map(bool, texts)))
    plan = _PLANS.get(shape, _NO_PLAN)
    if plan is _NO_PLAN:
        if len(_PLANS) >= 16384:
            _PLANS.clear()
        plan = _PLANS[shape] = _plan(tuple(tags.split("<")) if tagged else (), shape[1])
    if plan is None:
        return None
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
        data = texts[index]
        if "&" in data:
            data = unescaped(data)
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
        line_empty = text.endswith("\n") if pre else False  # (none outside <pre>)
    if tail:
        parts.append("…" * tail)
    if parts and not pre_at_end:
        parts[-1] = parts[-1].rstrip(" ")
    links: list[str] = []
    for ref in refs:
        if isinstance(ref, str):
            href = ref
        else:
            href = hrefs[ref]
            if "&" in href:
                href = unescaped(href)
            if not web_link(href):
                continue
        if href not in links:
            links.append(href)
    return Visible("".join(parts).strip("\n"), tuple(links))


def _plan(inners: tuple[str, ...], filled: bytes) -> Plan | None:
    """The reader's rules applied to a shape once (the tags of a post, link addresses
    replaced by `ANY_LINK`; which of its texts hold anything): which texts show and what
    comes before each. An empty text shows nothing, so what would come before it comes
    before the next. None at the first tag outside the plain form."""
    steps: list[Step] = [(0, 0, 0, 0, 0)] if filled[0] else []  # the text before a tag
    links: list[int | str] = []
    stack: list[Entry] = []
    block_owed = brs = ellipses = hidden = pre = quoting = marks = 0
    for index, inner in enumerate(inners, 1):
        info = tag_info(inner)
        if info is None:
            return None
        kind, name, block, entry, hidden_entry, keep, quote_keep = info
        # A tag holding the stand-in keeps the post's next address in its place.
        shown_link: int | str | None = keep
        quote_link: int | str | None = quote_keep
        if ANY_LINK in inner:
            if keep == ANY_LINK:
                shown_link = marks
            if quote_keep == ANY_LINK:
                quote_link = marks
            marks += 1
        if kind != 1:  # a start tag (of a start-end tag too)
            if hidden:
                if quoting and quote_link is not None:
                    links.append(quote_link)
                if kind != 2:
                    stack.append(hidden_entry)
                    hidden += 1
                    pre += hidden_entry[4]  # counted as it will be at its end tag
            elif kind == 2 and name == "br":
                brs += 1
            else:
                if block > block_owed:
                    block_owed = block
                if kind != 2:
                    if shown_link is not None:
                        links.append(shown_link)
                    stack.append(entry)
                    hidden += entry[1]
                    quoting += entry[3]
                    pre += entry[4]
        if kind == 1 or kind == 3:  # an end tag
            depth = 1 if stack and stack[-1][0] == name else _depth(stack, name)
            if not depth and not hidden and block > block_owed:
                block_owed = block  # a stray </p> still ends a paragraph
            for _ in range(depth):
                _, was_hiding, was_ellipsis, was_quote, was_pre, was_block = stack.pop()
                hidden -= was_hiding
                quoting -= was_quote
                pre -= was_pre
                if not hidden:
                    ellipses += was_ellipsis
                    if was_block > block_owed:
                        block_owed = was_block
        if not hidden and filled[index]:
            steps.append((index, block_owed, brs, ellipses, pre))
            block_owed = brs = ellipses = 0
    return tuple(steps), ellipses, pre, tuple(links)


def _depth(stack: list[Entry], name: str) -> int:
    """How many entries an end tag for `name` pops: down to the nearest open `name`; 0
    when none is open (a stray end tag)."""
    for depth, entry in enumerate(reversed(stack), 1):
        if entry[0] == name:
            return depth
    return 0
