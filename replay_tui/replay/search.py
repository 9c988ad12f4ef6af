"""Find posts by what they say, who wrote them and what is said about them, at any scale.

`/` in the replayer (and the command palette's post search) searches post text (and the
other sources' wordings of it), author names and handles, hashtags and mentions, the
curator's notes on a post, and the context notes and press excerpts listed for it. A
session may hold a million posts, and a search must not freeze the screen, so nothing here
loops over posts in Python per query:

* `SearchIndex` folds the searchable text of every post once (`folding.fold`; lazily, in
  blocks of a thousand posts) into one string per block, posts separated by NUL, with an
  array of the offset where each post starts. A query is a `str.find` over those strings
  (C speed) and a `bisect` in the offsets to learn which post a hit belongs to.
* Blocks keep each `str.find` and each fold short (a few milliseconds at most, during which
  a thread worker holds the interpreter), and a block of plain ASCII stays one byte per
  character even when another block holds an emoji.
* Blocks are folded on demand, in any order: a scan from the cursor folds only the blocks
  it passes on the way to the nearest match. `build_steps` folds the rest in a worker;
  `Search.steps` lists matches a block at a time. Nothing is folded twice.
* One walk serves every question: `ranges` cuts a span of posts at block boundaries (for a
  worker to stop between blocks), and `posts_with` finds the posts holding a folded string
  (or carrying a tag) in a span, forwards or backwards. Tags come from the same blocks:
  `tags()` and `posts_with_tag` (the whole tag index, built by a worker at scale) agree with
  `posts_with(key, tag=True)` near the cursor.

Context notes and press excerpts that list no post (about the whole session) are not part of
any post, so they are not searched here. Plain Python, no Textual.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from replay_tui.format.model import Post
from replay_tui.format.read import LoadedSession
from replay_tui.replay.folding import SEPARATORS, fold, fold_query, spans_of
from replay_tui.replay.tags import META, TagCount, counted, file_block, is_tag_at, tag_key

BLOCK_SIZE = 1024
"""Posts per block of the index: small enough that folding one (the longest a worker holds
the interpreter at a time) takes a few milliseconds, large enough that the per-block
overhead does not matter."""

T = TypeVar("T")

_POST = "\x00"
_FIELD = "\x01"
_META = META


def first(steps: Iterator[T | None]) -> T | None:
    """The answer a block-at-a-time scan ends with: the first value that is not None (a
    scan yields None after each block without one), or None when it ends without one."""
    for found in steps:
        if found is not None:
            return found
    return None


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching post found from the cursor; `wrapped` when the search went past the end
    (or, backwards, the start) and came round, which the UI says ("search wrapped")."""

    index: int
    wrapped: bool


FIELDS = ("text", "variant", "author", "handle", "notes", "context", "press", "warning", "hidden")
"""The names `SearchIndex.where` gives to the parts of a post a query can match in. Words
behind a post's warning stay searchable but are "hidden", not "text" or "variant": the UI
says where such a match is without showing it (the post shows its warning until `v`)."""


class SearchIndex:
    """The searchable text of one session's posts, folded once and kept in blocks.

    Construction is cheap; each block is folded the first time something needs it (a
    search or a tag scan passing through it), or by iterating `build_steps()` in a worker
    (about 1 µs a post: ~1 s for a million). Thread-safe: a block is folded under one lock
    and never changes afterwards, so a worker building the rest and the UI thread scanning
    near the cursor share the blocks, and neither waits longer than one block for the other.
    """

    def __init__(self, loaded: LoadedSession, *, block_size: int = BLOCK_SIZE) -> None:
        self.loaded = loaded
        self.posts: list[Post] = loaded.session.posts
        self.count = len(self.posts)
        self.block_size = max(1, block_size)
        self.blocks = -(-self.count // self.block_size)
        """How many blocks the index has (`block_size` posts each, the last maybe fewer)."""
        self._texts: list[str | None] = [None] * self.blocks
        self._starts: list[array[int] | None] = [None] * self.blocks
        self._done = 0
        """Blocks folded so far."""
        self._indexed = 0
        """Posts in the blocks folded so far."""
        self._lock = threading.Lock()
        self._people = {p.id: (p.name, p.handle or "") for p in loaded.session.participants}
        # What is said about a post elsewhere in the session: (field name, its parts).
        self._about: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
        for note in loaded.session.context:
            self._attach(note.posts, "context", (note.title, note.body))
        for excerpt in loaded.session.press:
            self._attach(excerpt.posts, "press", (excerpt.quote,))
        self._tags: dict[str, array[int]] | None = None

    def _attach(self, post_ids: tuple[str, ...], kind: str, parts: tuple[str, ...]) -> None:
        for post_id in dict.fromkeys(post_ids):
            at = self.loaded.post_index.get(post_id)
            if at is not None:
                self._about.setdefault(at, []).append((kind, parts))

    # --- building ------------------------------------------------------------------------

    @property
    def built(self) -> bool:
        return self._done == self.blocks

    def block_of(self, index: int) -> int:
        """The block that holds post `index`."""
        return index // self.block_size

    def has_block(self, block: int) -> bool:
        """Whether `block` is folded already (so scanning it costs only a `str.find`)."""
        return self._texts[block] is not None

    def build_steps(self, start: int = 0) -> Iterator[tuple[int, int]]:
        """Fold every block not folded yet, one at a time, beginning with the block of post
        `start` and going on to the end, then round from the first; yields `(posts
        indexed, total)` after each block it folds (a worker stops between them)."""
        first_block = min(max(start, 0), max(self.count - 1, 0)) // self.block_size
        for step in range(self.blocks):
            block = (first_block + step) % self.blocks
            if self._texts[block] is None:
                self._folded(block)
                yield self._indexed, self.count

    def build(self) -> None:
        """Build the whole index now (in this thread)."""
        for _ in self.build_steps():
            pass

    def _docs(self, lo: int, hi: int, clean: bool) -> list[str]:
        def c(text: str) -> str:
            return text.translate(SEPARATORS) if clean else text

        people = self._people
        about = self._about
        docs: list[str] = []
        append = docs.append
        posts = self.posts
        for i in range(lo, hi):
            post = posts[i]
            text = c(post.text or "")
            if post.variants:
                text = _FIELD.join([text, *(c(v.text) for v in post.variants)])
            name, handle = people.get(post.author, (post.author, ""))
            meta = c(name) + _FIELD + c(handle)
            if post.warning:
                meta += _FIELD + c(post.warning)
            if post.notes:
                meta += _FIELD + c(post.notes)
            extra = about.get(i)
            if extra:
                for _, parts in extra:
                    meta += _FIELD + _FIELD.join(map(c, parts))
            append(text + _META + meta)
        return docs

    def _folded(self, block: int) -> tuple[str, array[int]]:
        """The folded text of `block` and where each of its posts starts in it, folding it
        now if nothing has yet."""
        text = self._texts[block]
        if text is None:
            with self._lock:
                text = self._texts[block]
                if text is None:
                    text = self._fold_block(block)
        starts = self._starts[block]
        assert starts is not None  # stored before the text
        return text, starts

    def _fold_block(self, block: int) -> str:
        lo = block * self.block_size
        hi = min(self.count, lo + self.block_size)
        docs = self._docs(lo, hi, clean=False)
        folded = fold(_POST.join(docs))
        if folded.count(_POST) != len(docs) - 1 or folded.count(_META) != len(docs):
            # Some text holds a separator character itself: rebuild this block without them.
            folded = fold(_POST.join(self._docs(lo, hi, clean=True)))
        starts = array("q", [0])
        find = folded.find
        at = 0
        for _ in range(len(docs) - 1):
            at = find(_POST, at) + 1
            starts.append(at)
        # Offsets first: a block's text is never seen without them.
        self._starts[block] = starts
        self._texts[block] = folded
        self._indexed += hi - lo
        self._done += 1
        return folded

    # --- the one walk --------------------------------------------------------------------

    def ranges(self, lo: int, hi: int, *, forward: bool = True) -> Iterator[tuple[int, int]]:
        """Posts lo..hi-1 (clamped to the session) cut at block boundaries, in order or
        (`forward` False) from the last back: `(lo, hi)` of each piece."""
        size = self.block_size
        lo, hi = max(lo, 0), min(hi, self.count)
        while lo < hi:
            if forward:
                top = min(hi, (lo // size + 1) * size)
                yield lo, top
                lo = top
            else:
                bottom = max(lo, ((hi - 1) // size) * size)
                yield bottom, hi
                hi = bottom

    def posts_with(
        self, needle: str, lo: int, hi: int, *, forward: bool = True, tag: bool = False
    ) -> Iterator[int]:
        """The posts in lo..hi-1 whose folded text holds `needle` (already folded), each
        once, in order or from the last back, found one at a time (folding each block when
        the walk reaches it). With `tag`, `needle` is a tag key (`tag_key`) and only posts
        whose own words carry exactly that tag count: the tag pattern matches where it was
        found, ends with it, and it is not in the author's name or a note."""
        if not needle:
            return
        size = len(needle)
        for a, b in self.ranges(lo, hi, forward=forward):
            block = a // self.block_size
            base = block * self.block_size
            text, starts = self._folded(block)
            start = starts[a - base]
            end = starts[b - base] - 1 if b - base < len(starts) else len(text)
            last = len(starts) - 1
            at = text.find(needle, start, end) if forward else text.rfind(needle, start, end)
            while at >= 0:
                j = bisect_right(starts, at) - 1
                if not tag or is_tag_at(text, starts, j, at, needle):
                    yield base + j
                    if forward:
                        if j >= last:
                            break
                        at = text.find(needle, starts[j + 1], end)
                    else:
                        at = text.rfind(needle, start, starts[j])
                elif forward:
                    at = text.find(needle, at + 1, end)
                else:
                    at = text.rfind(needle, start, at + size - 1)

    def first_in(self, folded_query: str, lo: int, hi: int) -> int:
        """The first post in lo..hi-1 that matches, or -1."""
        return next(self.posts_with(folded_query, lo, hi), -1)

    def last_in(self, folded_query: str, lo: int, hi: int) -> int:
        """The last post in lo..hi-1 that matches, or -1."""
        return next(self.posts_with(folded_query, lo, hi, forward=False), -1)

    def matches_in(self, folded_query: str, lo: int, hi: int, out: array[int]) -> None:
        """Append every post in lo..hi-1 that matches to `out`, in order."""
        out.extend(self.posts_with(folded_query, lo, hi))

    def matches_post(self, folded_query: str, index: int) -> bool:
        """Whether post `index` matches (one short find)."""
        return self.first_in(folded_query, index, index + 1) == index

    def first_tagged(self, key: str, lo: int, hi: int) -> int:
        """The first post in lo..hi-1 carrying the tag `key` (folded: `tag_key`), or -1."""
        return next(self.posts_with(key, lo, hi, tag=True), -1)

    def last_tagged(self, key: str, lo: int, hi: int) -> int:
        """The last post in lo..hi-1 carrying the tag `key` (folded), or -1."""
        return next(self.posts_with(key, lo, hi, forward=False, tag=True), -1)

    def tagged_in(self, key: str, lo: int, hi: int) -> array[int]:
        """Every post in lo..hi-1 carrying the tag `key` (folded), in order."""
        return array("i", self.posts_with(key, lo, hi, tag=True))

    def search(self, query: str) -> Search:
        """A search for `query` (a literal phrase, matched as `folding.fold` describes).
        Nothing is built here: the search folds the blocks it needs as it goes."""
        return Search(self, query)

    # --- what matched where --------------------------------------------------------------

    def where(self, index: int, query: str) -> tuple[str, ...]:
        """Which parts of post `index` match `query`, named as in `FIELDS`; for the UI to
        say "match in a context note" when the post text itself has no highlight."""
        return self.where_folded(index, fold_query(query))

    def where_folded(self, index: int, folded_query: str) -> tuple[str, ...]:
        """`where` for a query folded already."""
        if not folded_query:
            return ()
        post = self.posts[index]
        person = self.loaded.participants.get(post.author)
        warned = post.warning is not None
        fields: list[tuple[str, str | None]] = [("hidden" if warned else "text", post.text)]
        fields += [("hidden" if warned else "variant", v.text) for v in post.variants]
        fields.append(("warning", post.warning))
        fields.append(("author", person.name if person else post.author))
        fields.append(("handle", person.handle if person else None))
        fields.append(("notes", post.notes))
        for kind, parts in self._about.get(index, ()):
            fields += [(kind, part) for part in parts]
        found = dict.fromkeys(name for name, text in fields if text and folded_query in fold(text))
        return tuple(found)

    # --- the tag index ---------------------------------------------------------------------

    @property
    def tags_built(self) -> bool:
        """Whether the full tag index exists (`tags()` and `posts_with_tag` answer at once)."""
        return self._tags is not None

    def tag_steps(self) -> Iterator[int]:
        """Index the hashtags and mentions of post text and variants, a block at a time
        (yields the blocks done), folding the blocks not folded yet on the way; `tags()`
        calls it if needed (a worker first, at scale: seconds at a million)."""
        if self._tags is not None:
            return
        found: dict[str, array[int]] = {}
        for block in range(self.blocks):
            text, starts = self._folded(block)
            file_block(text, starts, block * self.block_size, found)
            yield block + 1
        self._tags = found

    def tags(self, *, hashtags: bool = True, mentions: bool = True) -> list[TagCount]:
        """Every hashtag and/or mention used in post text, most used first, each spelt as
        where it first appears (`#AskHamas`, not the folded `#askhamas`)."""
        for _ in self.tag_steps():
            pass
        assert self._tags is not None
        return counted(self._tags, self.posts, hashtags=hashtags, mentions=mentions)

    def posts_with_tag(self, tag: str) -> array[int]:
        """The posts whose text (or a variant) carries `tag` (`#AskHamas`, `@idfspokesperson`;
        any case, full-width sigils too), in order. Exact tag, not a prefix."""
        key = tag_key(tag)
        if self._tags is None:
            # One tag: scanning for it is quicker than indexing every tag (and agrees).
            return self.tagged_in(key, 0, self.count)
        posts = self._tags.get(key)
        return array("i", posts) if posts is not None else array("i")


class Search:
    """One query over a `SearchIndex`: the nearest match either way from the cursor, a
    block at a time, and the full list of matches a block at a time.

    `scan` works before the list is complete, folding only the blocks between the cursor
    and the match. A worker iterates `steps()` to the end, then `matches` and `count` are
    final and `ordinal` can say "match 3 of 12". Listing is safe from two threads at once.
    """

    def __init__(self, index: SearchIndex, query: str) -> None:
        self.index = index
        self.query = query
        self.folded = fold_query(query)
        self.matches: array[int] = array("i")
        self._next_block = 0 if self.folded else index.blocks
        self._lock = threading.Lock()
        """Held while listing: two workers may list the same search, a block each in turn."""

    @property
    def empty(self) -> bool:
        """True when the query has nothing to search for (blank, or only ignored marks)."""
        return not self.folded

    @property
    def done(self) -> bool:
        return self._next_block >= self.index.blocks

    @property
    def count(self) -> int | None:
        """How many posts match, once `done`; None while still counting."""
        return len(self.matches) if self.done else None

    def steps(self, budget: int = 1) -> Iterator[tuple[int, int]]:
        """List the matches at least a block at a time (about `budget` posts' worth),
        yielding `(posts searched, total)` in between, and `(total, total)` at the end."""
        index = self.index
        while not self.done:
            scanned = 0
            while not self.done and (scanned == 0 or scanned < budget):
                with self._lock:
                    block = self._next_block
                    if block < index.blocks:
                        lo = block * index.block_size
                        index.matches_in(self.folded, lo, lo + index.block_size, self.matches)
                        self._next_block += 1
                scanned += index.block_size
            if not self.done:
                yield min(self._next_block * index.block_size, index.count), index.count
        yield index.count, index.count

    def run(self) -> array[int]:
        """All matches, in post order (searching the rest now if not done)."""
        for _ in self.steps():
            pass
        return self.matches

    def scan(
        self, after: int, direction: int = 1, accept: Callable[[int], bool] | None = None
    ) -> Iterator[Hit | None]:
        """The nearest match from the cursor a block at a time, for a worker: forwards
        (`direction` 1, from after post `after`, round from the first post) or backwards
        (-1, from before post `after`, round from the last).

        Yields None after each block searched in vain (a worker checks whether it was
        cancelled), then the hit, and stops; stops without a hit when nothing matches.
        With `accept`, only matches it accepts count (the posts a filter shows). Once
        every match is listed, answers from the list at once.
        """
        if self.empty:
            return
        index = self.index
        forward = direction > 0
        if self.done and accept is None:
            hit = _nearest(self.matches, after, forward)
            if hit is not None:
                yield hit
            return
        if forward:
            start = max(after + 1, 0)
            spans = [(start, index.count, False), (0, min(start, index.count), True)]
        else:
            stop = min(after, index.count)
            spans = [(0, stop, False), (max(stop, 0), index.count, True)]
        for lo, hi, wrapped in spans:
            for a, b in index.ranges(lo, hi, forward=forward):
                found = index.posts_with(self.folded, a, b, forward=forward)
                for i in found:
                    if accept is None or accept(i):
                        yield Hit(i, wrapped)
                        return
                yield None

    def next_match(self, after: int) -> Hit | None:
        """The first matching post after `after` (use -1 to start at the first post),
        wrapping round to the start; None when nothing matches."""
        return first(self.scan(after, 1))

    def prev_match(self, before: int) -> Hit | None:
        """The last matching post before `before`, wrapping round to the end; None when
        nothing matches."""
        return first(self.scan(before, -1))

    def is_match(self, index: int) -> bool:
        """Whether post `index` matches (one short find, any time)."""
        return not self.empty and self.index.matches_post(self.folded, index)

    def ordinal(self, index: int) -> int | None:
        """The 1-based number of post `index` among the matches, once `done` and if it
        matches; for "match 3 of 12"."""
        if not self.done:
            return None
        return ordinal(self.matches, index)

    def spans(self, text: str | None) -> list[tuple[int, int]]:
        """`folding.find_spans` for this query: offsets into `text` (the string as
        displayed)."""
        return spans_of(text, self.folded)

    def where(self, index: int) -> tuple[str, ...]:
        """`SearchIndex.where` for this query."""
        return self.index.where_folded(index, self.folded)


def ordinal(matches: array[int], index: int) -> int | None:
    """The 1-based place of `index` in the sorted `matches`, or None if it is not one."""
    at = bisect_left(matches, index)
    return at + 1 if at < len(matches) and matches[at] == index else None


def _nearest(matches: array[int], position: int, forward: bool) -> Hit | None:
    """The next (or previous) of the sorted `matches` from `position`, wrapping round."""
    if not matches:
        return None
    if forward:
        at = bisect_right(matches, position)
        return Hit(matches[at], False) if at < len(matches) else Hit(matches[0], True)
    at = bisect_left(matches, position)
    return Hit(matches[at - 1], False) if at > 0 else Hit(matches[-1], True)


def nearest_in(matches: array[int], position: int, direction: int) -> Hit | None:
    """The next (`direction` 1) or previous (-1) of the sorted `matches` from `position`,
    wrapping round; None when there are none."""
    return _nearest(matches, position, direction > 0)
