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
* every post of that shape only has its text and addresses put through the plan: in one
  join (`_joined`) when its texts need nothing but their spaces at line ends stripped,
  as Mastodon's nearly always do, step by step (`_stepped`) otherwise.

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
# it is part of the shape; and its `Joined` form, where it has one).
Step = tuple[int, int, int, int, int]
# A plan with no <pre> as the list of what goes between the texts (ellipses, line breaks;
# None where each text goes), for texts that need no reshaping (Mastodon's pre-wrap, no
# line end or tab, none emptied by its strip): the indices of the texts shown, and which
# of them lose their leading and which their trailing spaces.
Joined = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[str | None, ...]]
Plan = tuple[tuple[Step, ...], int, int, tuple[int | str, ...], Joined | None]
_PLANS: dict[tuple[str, bytes], Plan | None] = {}
_NO_PLAN: Plan = ((), 0, 0, (), None)
_HREF = ' href="'
_MARKED = f'{_HREF}{ANY_LINK}"'
_ENDS = repeat(">")
_QUOTES = repeat('"')
_TAG, _CLOSED, _TEXT = itemgetter(0), itemgetter(1), itemgetter(2)


def _split(html: str) -> tuple[list[str], str] | None:
    """The pieces of text between tags, and the shape's tags, each ended by its `>`; None
    for a `<` that no `>` closes. Each tag ends at the first `>` after its `<`, the text
    after it runs to the next `<` (C-level passes: no per-tag step before the plan)."""
    opened = html.count("<")
    parts = html.replace(">", "><").split("<")
    if len(parts) == 2 * opened + 1:  # as many `>` as `<`
        # Server HTML escapes `>` in text: every `>` ends a tag. After each `>` a `<` is
        # put, then the pieces alternate text, tag (ending in its `>`), text... exactly
        # when every `>` is in a tag's piece (each piece holds one at most, at its end).
        tags = "".join(parts[1::2])
        if tags.count(">") == opened:
            return parts[::2], tags
    pieces = html.split("<")
    tagged = list(map(str.partition, islice(pieces, 1, None), _ENDS))
    if not all(map(_CLOSED, tagged)):
        return None
    texts = [pieces[0], *map(_TEXT, tagged)]
    return texts, ">".join(map(_TAG, tagged)) + ">" if tagged else ""


def _addresses(shape: str) -> tuple[str, list[str]]:
    """A shape (its tags, each ended by `>`) with each link's address replaced by the
    stand-in, and the addresses; the shape as it is (its tags spelling their addresses)
    where that cannot be done cleanly: two addresses in one tag, one empty or holding a
    quote or `>` (its quote not closed in its tag)."""
    chunks = shape.split(_HREF)
    cut = list(map(str.partition, islice(chunks, 1, None), _QUOTES))
    hrefs = list(map(_TAG, cut))
    rests = list(map(_TEXT, cut))
    spelled = "\0".join(hrefs)
    if (
        not all(map(_CLOSED, cut))
        or not all(hrefs)
        or ">" in spelled
        or "'" in spelled
        # each address but the last followed by the end of its tag before the next
        or not all(map(str.__contains__, islice(rests, len(rests) - 1), _ENDS))
    ):
        return shape, []
    return _MARKED.join([chunks[0], *rests]), hrefs


def fast(html: str, preserve_spaces: bool) -> Visible | None:
    """The reader's reading of `html` through its shape's plan (see the module's
    docstring); None for HTML outside the plain form servers write."""
    split = _split(html)
    if split is None:
        return None
    texts, tags = split
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
        plan = _PLANS[shape] = _plan(tuple(tags.split(">")[:-1]), shape[1])
    if plan is None:
        return None
    text = _joined(texts, plan[4], "&" in html) if preserve_spaces and plan[4] else None
    if text is None:
        text = _stepped(texts, plan, preserve_spaces)
    if not plan[3]:
        return Visible(text, ())
    links: list[str] = []
    for ref in plan[3]:
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
    return Visible(text, tuple(links))


def _joined(texts: list[str], joined: Joined, entities: bool) -> str | None:
    """The text through the plan's `Joined` form; None when a text needs more than its
    spaces stripped (a line end or tab, an entity that makes one, a text emptied by its
    strip: the steps then read it)."""
    indices, lefts, rights, between = joined
    shown = list(map(texts.__getitem__, indices))
    if entities:
        shown = [unescaped(text) if "&" in text else text for text in shown]
    if not all(map(str.isprintable, shown)):
        return None
    for at in lefts:
        shown[at] = shown[at].lstrip(" ")
    if not all(shown):
        return None
    for at in rights:
        shown[at] = shown[at].rstrip(" ")
    parts = list(between)
    parts[1::2] = shown
    return "".join(parts).strip("\n")  # type: ignore[arg-type]


def _stepped(texts: list[str], plan: Plan, preserve_spaces: bool) -> str:
    """The text through the plan's steps, as the reader puts it together."""
    steps, tail, pre_at_end = plan[0], plan[1], plan[2]
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
    return "".join(parts).strip("\n")


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
    return tuple(steps), ellipses, pre, tuple(links), _join(steps, ellipses, pre)


def _join(steps: list[Step], tail: int, pre_at_end: int) -> Joined | None:
    """The steps as a `Joined` form, as `_stepped` puts texts together when each is
    printable and none is emptied by its strip; None for a shape with <pre>."""
    if pre_at_end or any(step[4] for step in steps):
        return None
    between: list[str | None] = []
    lefts: list[int] = []
    rights: list[int] = []
    for at, (_, block, breaks, ellipses, _) in enumerate(steps):
        if at == 0 or block or breaks:
            lefts.append(at)  # the start of a line: its leading spaces go
        newline = bool(block or breaks) and bool(at or ellipses)
        if newline and at and not ellipses:
            rights.append(at - 1)  # the end of a line: its trailing spaces go
        between += ["…" * ellipses + "\n" * max(block, breaks) * newline, None]
    between.append("…" * tail)
    if steps and not tail:
        rights.append(len(steps) - 1)
    indices = tuple(step[0] for step in steps)
    return indices, tuple(lefts), tuple(rights), tuple(between)


def _depth(stack: list[Entry], name: str) -> int:
    """How many entries an end tag for `name` pops: down to the nearest open `name`; 0
    when none is open (a stray end tag)."""
    for depth, entry in enumerate(reversed(stack), 1):
        if entry[0] == name:
            return depth
    return 0
