"""Find posts by what they say, who wrote them and what is said about them, at any scale.

`/` in the replayer searches post text (and the other sources' wordings of it), author names
and handles, hashtags and mentions, the curator's notes on a post, and the context notes and
press excerpts listed for it. A session may hold a million posts, and a search must not
freeze the screen, so nothing here loops over posts in Python per query:

* `SearchIndex` folds the searchable text of every post once (lazily, in blocks of a few
  thousand posts) into one string per block, posts separated by NUL, with an array of the
  offset where each post starts. A query is a `str.find` over those strings (C speed) and a
  `bisect` in the offsets to learn which post a hit belongs to.
* Blocks keep each `str.find` short, so a search run in a thread worker lets the UI thread
  run between blocks, and a block of plain ASCII stays one byte per character even when
  another block holds an emoji.
* Blocks are folded on demand, in any order: `Search.scan` (a worker's first match) and
  `Search.next_match` / `prev_match` start at the cursor's block and fold only the blocks
  they pass on the way to the nearest match, so the first match after the cursor of a
  million-post session takes milliseconds, not the second the whole index takes.
  `build_steps` folds the rest in a worker; `Search.step` lists matches a chunk at a time
  ("12 matches"). Both share the blocks: nothing is folded twice.
* Tags the same way: `first_tagged` / `last_tagged` / `tagged_in` find the posts carrying a
  hashtag or mention near the cursor from the same folded blocks (a `str.find` for the tag,
  then the tag pattern at each place found), agreeing with the full tag index (`tags()`,
  `posts_with_tag`) that a worker builds meanwhile.

Matching is case-insensitive by Unicode case folding (canonical caseless match, as the
Unicode standard defines it) and ignores diacritics that people rarely type: Latin, Greek and
Cyrillic accents, Hebrew vowel points and cantillation, Arabic harakat and tatweel, and
invisible format characters (bidi marks, zero-width joiners, soft hyphens). So `שלום` finds
`שָׁלוֹם`, `اسرائيل` finds `إسرائيل` and `resume` finds `Résumé`. Marks that change a letter's
identity in other scripts (Indic vowel signs, for example) are kept.

Context notes and press excerpts that list no post (about the whole session) are not part of
any post, so they are not searched here. Plain Python, no Textual.
"""

from __future__ import annotations

import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from replay_tui.format.model import Post
from replay_tui.format.read import LoadedSession
from replay_tui.words.textparts import tag_re

BLOCK_SIZE = 4096
"""Posts per block of the index: small enough that one `str.find` takes well under a
millisecond, large enough that the per-block overhead does not matter."""

_POST = "\x00"
_FIELD = "\x01"
_META = "\x02"
_SEPARATORS = {0: None, 1: None, 2: None}


# --- folding ---------------------------------------------------------------------------


def _dropped() -> set[int]:
    """Characters ignored when matching: diacritics people leave out, and invisibles."""
    spans = [
        (0x0300, 0x036F),  # combining diacritical marks (Latin, Greek, Cyrillic accents)
        (0x0591, 0x05C7),  # Hebrew cantillation and points (only the marks in it)
        (0x0610, 0x061A),  # Arabic honorific marks
        (0x064B, 0x065F),  # Arabic harakat, shadda, sukun, hamza above/below
        (0x0670, 0x0670),  # Arabic superscript alef
        (0x06D6, 0x06ED),  # Quranic annotation marks
        (0x1AB0, 0x1AFF),  # combining diacritical marks extended
        (0x1DC0, 0x1DFF),  # combining diacritical marks supplement
        (0xFE20, 0xFE2F),  # combining half marks
    ]
    codes = {
        code
        for lo, hi in spans
        for code in range(lo, hi + 1)
        if unicodedata.category(chr(code)) == "Mn"
    }
    codes |= {0x00AD, 0x0640, 0xFEFF}  # soft hyphen, tatweel, byte-order mark
    codes |= set(range(0x200B, 0x2010))  # zero-width space/joiners, LRM, RLM
    codes |= set(range(0x202A, 0x202F))  # bidi embeddings and overrides
    codes |= set(range(0x2060, 0x2065)) | set(range(0x2066, 0x206A))  # joiners, isolates
    return codes


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = dict.fromkeys(_dropped())
    spaces = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    spaces += "".join(chr(c) for c in range(0x2000, 0x200B))
    for char in spaces:
        table[ord(char)] = " "
    table[ord("＃")] = "#"
    table[ord("＠")] = "@"
    return table


def fold(text: str) -> str:
    """`text` as it is compared: canonical caseless form (NFD of the case fold of NFD),
    without the ignored diacritics and invisibles, every space and line break a plain space.

    Separator characters NUL, SOH and STX are left in place (the index relies on it);
    `fold_query` removes them from queries.
    """
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold()).translate(
        _table()
    )


def fold_query(query: str) -> str:
    """A query folded for matching; '' when nothing searchable is left."""
    return fold(query).translate(_SEPARATORS)


def find_spans(text: str | None, query: str) -> list[tuple[int, int]]:
    """Where `query` matches in `text`, as `(start, end)` offsets into `text` itself.

    Pass the exact string that is displayed (for example `sanitize.visible(post.text)`) and
    style those offsets. A span never splits a letter from its combining marks, and covers
    ignored marks inside the match, so a highlighted `שלום` covers its points too.
    """
    return _spans(text, fold_query(query))


def _spans(text: str | None, folded_query: str) -> list[tuple[int, int]]:
    if not text or not folded_query or folded_query not in fold(text):
        return []  # the common case for a timeline row, at C speed
    starts: list[int] | None = None
    ends: list[int] = []
    if text.isascii():
        folded = text.lower().translate(_table())  # one character for one, in ASCII
    else:
        parts: list[str] = []
        starts = []
        combining = unicodedata.combining
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and combining(text[j]):
                j += 1
            piece = fold(text[i:j])
            parts.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            i = j
        folded = "".join(parts)
    found: list[tuple[int, int]] = []
    size = len(folded_query)
    at = folded.find(folded_query)
    while at >= 0:
        last = at + size - 1
        if starts is None:
            found.append((at, last + 1))
        else:
            found.append((starts[at], ends[last]))
        at = folded.find(folded_query, at + size)
    return found


# --- the index --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching post found from the cursor; `wrapped` when the search went past the end
    (or, backwards, the start) and came round, which the UI says ("search wrapped")."""

    index: int
    wrapped: bool


@dataclass(frozen=True, slots=True)
class TagCount:
    """A hashtag or mention, spelt as it first appears, and how many posts carry it."""

    tag: str
    key: str
    count: int

    @property
    def hashtag(self) -> bool:
        return self.key.startswith("#")


FIELDS = ("text", "variant", "author", "handle", "notes", "context", "press")
"""The names `SearchIndex.where` gives to the parts of a post a query can match in."""


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
        self._nblocks = -(-self.count // self.block_size)
        self._blocks: list[str | None] = [None] * self._nblocks
        self._starts: list[array[int] | None] = [None] * self._nblocks
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
        return self._done == self._nblocks

    @property
    def blocks(self) -> int:
        """How many blocks the index has (`block_size` posts each, the last maybe fewer)."""
        return self._nblocks

    def block_of(self, index: int) -> int:
        """The block that holds post `index`."""
        return index // self.block_size

    def has_block(self, block: int) -> bool:
        """Whether `block` is folded already (so scanning it costs only a `str.find`)."""
        return self._blocks[block] is not None

    def build_steps(self, start: int = 0) -> Iterator[tuple[int, int]]:
        """Fold every block not folded yet, one at a time, beginning with the block of post
        `start` and going on to the end, then round from the first; yields `(posts
        indexed, total)` after each block it folds (run it in a worker to show progress).
        Does nothing once built."""
        first = min(max(start, 0), max(self.count - 1, 0)) // self.block_size
        for step in range(self._nblocks):
            block = (first + step) % self._nblocks
            if self._blocks[block] is None:
                self._block(block)
                yield self._indexed, self.count

    def build(self) -> None:
        """Build the whole index now (in this thread)."""
        for _ in self.build_steps():
            pass

    def _docs(self, lo: int, hi: int, clean: bool) -> list[str]:
        def c(text: str) -> str:
            return text.translate(_SEPARATORS) if clean else text

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
            if post.notes:
                meta += _FIELD + c(post.notes)
            extra = about.get(i)
            if extra:
                for _, parts in extra:
                    meta += _FIELD + _FIELD.join(map(c, parts))
            append(text + _META + meta)
        return docs

    def _block(self, block: int) -> str:
        """The folded text of `block`, folding it now if nothing has yet."""
        text = self._blocks[block]
        if text is None:
            with self._lock:
                text = self._blocks[block]
                if text is None:
                    text = self._build_block(block)
        return text

    def _folded(self, block: int) -> tuple[str, array[int]]:
        """The folded text of `block` and where each of its posts starts in it."""
        text = self._block(block)
        starts = self._starts[block]
        assert starts is not None  # stored before the text
        return text, starts

    def _build_block(self, block: int) -> str:
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
        self._blocks[block] = folded
        self._indexed += hi - lo
        self._done += 1
        return folded

    # --- finding --------------------------------------------------------------------------

    def search(self, query: str) -> Search:
        """A search for `query` (a literal phrase, matched as `fold` describes).

        Nothing is built here: the search folds the blocks it needs as it goes (`scan`,
        `next_match`), and `build_steps` in a worker folds the rest meanwhile.
        """
        return Search(self, query)

    def _bounds(self, block: int, lo: int, hi: int) -> tuple[str, array[int], int, int]:
        """The folded text of `block`, its post starts, and the offsets in it covering posts
        lo..hi-1 (block-relative, hi exclusive)."""
        text, starts = self._folded(block)
        end = starts[hi] - 1 if hi < len(starts) else len(text)
        return text, starts, starts[lo], end

    def _spans(self, lo: int, hi: int) -> Iterator[tuple[int, str, array[int], int, int]]:
        """Posts lo..hi-1, block by block in order: each block's first post, its folded
        text and post starts, and the offsets in it that cover those posts."""
        size = self.block_size
        lo = max(lo, 0)
        hi = min(hi, self.count)
        while lo < hi:
            block = lo // size
            base = block * size
            top = min(hi, base + size)
            yield base, *self._bounds(block, lo - base, top - base)
            lo = top

    def first_in(self, folded_query: str, lo: int, hi: int) -> int:
        """The first post in lo..hi-1 that matches, or -1."""
        for base, text, starts, start, end in self._spans(lo, hi):
            at = text.find(folded_query, start, end)
            if at >= 0:
                return base + bisect_right(starts, at) - 1
        return -1

    def last_in(self, folded_query: str, lo: int, hi: int) -> int:
        """The last post in lo..hi-1 that matches, or -1."""
        size = self.block_size
        lo = max(lo, 0)
        hi = min(hi, self.count)
        while hi > lo:
            block = (hi - 1) // size
            base = block * size
            bottom = max(lo, base)
            text, starts, start, end = self._bounds(block, bottom - base, hi - base)
            at = text.rfind(folded_query, start, end)
            if at >= 0:
                return base + bisect_right(starts, at) - 1
            hi = bottom
        return -1

    def block_matches(self, folded_query: str, block: int, out: array[int]) -> None:
        """Append every post of `block` that matches to `out`, in order."""
        self.matches_in(folded_query, block * self.block_size, (block + 1) * self.block_size, out)

    def matches_in(self, folded_query: str, lo: int, hi: int, out: array[int]) -> None:
        """Append every post in lo..hi-1 that matches to `out`, in order."""
        for base, text, starts, start, end in self._spans(lo, hi):
            last = len(starts) - 1
            find = text.find
            at = find(folded_query, start, end)
            while at >= 0:
                j = bisect_right(starts, at) - 1
                out.append(base + j)
                if j >= last:
                    break
                at = find(folded_query, starts[j + 1], end)

    # --- what matched where --------------------------------------------------------------

    def where(self, index: int, query: str) -> tuple[str, ...]:
        """Which parts of post `index` match `query`, named as in `FIELDS`; for the UI to
        say "match in a context note" when the post text itself has no highlight."""
        folded_query = fold_query(query)
        if not folded_query:
            return ()
        return self._where(index, folded_query)

    def _where(self, index: int, folded_query: str) -> tuple[str, ...]:
        post = self.posts[index]
        person = self.loaded.participants.get(post.author)
        fields: list[tuple[str, str | None]] = [("text", post.text)]
        fields += [("variant", v.text) for v in post.variants]
        fields.append(("author", person.name if person else post.author))
        fields.append(("handle", person.handle if person else None))
        fields.append(("notes", post.notes))
        for kind, parts in self._about.get(index, ()):
            fields += [(kind, part) for part in parts]
        found = dict.fromkeys(name for name, text in fields if text and folded_query in fold(text))
        return tuple(found)

    # --- tags ------------------------------------------------------------------------------

    @property
    def tags_built(self) -> bool:
        """Whether the full tag index exists (`tags()` and `posts_with_tag` answer at once)."""
        return self._tags is not None

    def tag_steps(self) -> Iterator[tuple[int, int]]:
        """Index the hashtags and mentions of post text and variants, a block at a time
        (yields `(blocks done, total)`), folding the blocks not folded yet on the way;
        `tags()` calls it if needed (a worker first, at scale: seconds at a million)."""
        if self._tags is not None:
            return
        found: dict[str, array[int]] = {}
        pattern = tag_re()
        for block in range(self._nblocks):
            text, starts = self._folded(block)
            base = block * self.block_size
            j = 0
            meta = text.find(_META)
            last = len(starts) - 1
            for match in pattern.finditer(text):
                at = match.start()
                if j < last and starts[j + 1] <= at:
                    j = bisect_right(starts, at) - 1
                    meta = text.find(_META, starts[j])
                if at > meta:
                    continue  # a tag in a name or a note, not in what the post says
                posts = found.get(match.group(1))
                if posts is None:
                    found[match.group(1)] = array("i", [base + j])
                elif posts[-1] != base + j:
                    posts.append(base + j)
            yield block + 1, self._nblocks
        self._tags = found

    def _ensure_tags(self) -> dict[str, array[int]]:
        for _ in self.tag_steps():
            pass
        assert self._tags is not None
        return self._tags

    def tags(self, *, hashtags: bool = True, mentions: bool = True) -> list[TagCount]:
        """Every hashtag and/or mention used in post text, most used first, each spelt as
        where it first appears (`#AskHamas`, not the folded `#askhamas`)."""
        result: list[TagCount] = []
        for key, posts in self._ensure_tags().items():
            is_hash = key.startswith("#")
            if (is_hash and hashtags) or (not is_hash and mentions):
                result.append(TagCount(self._spelling(key, posts[0]), key, len(posts)))
        result.sort(key=lambda t: (-t.count, t.key))
        return result

    def _spelling(self, key: str, index: int) -> str:
        post = self.posts[index]
        for text in (post.text, *(v.text for v in post.variants)):
            for match in tag_re().finditer(text or ""):
                if fold(match.group(1)) == key:
                    return match.group(1)
        return key

    def posts_with_tag(self, tag: str) -> array[int]:
        """The posts whose text (or a variant) carries `tag` (`#AskHamas`, `@idfspokesperson`;
        any case, full-width sigils too), in order. Exact tag, not a prefix."""
        key = tag_key(tag)
        if self._tags is None:
            # One tag: scanning for it is quicker than indexing every tag (and agrees).
            return self.tagged_in(key, 0, self.count)
        posts = self._tags.get(key)
        return array("i", posts) if posts is not None else array("i")

    # --- one tag, near the cursor --------------------------------------------------------------
    #
    # The same answers as the tag index for one tag, from the folded blocks near where they
    # are asked for: `str.find` for the folded tag, then the tag pattern where it was found
    # (it must match there, be exactly the tag and not a longer one, and lie in what the
    # post says, not in its author's name or a note). A tag pattern match never holds a
    # sigil after its first character, so the places where it matches are exactly those
    # the index's `finditer` over the whole block finds.

    @staticmethod
    def _is_tag(text: str, starts: array[int], j: int, at: int, key: str) -> bool:
        """Whether `key`, found at `at` in post j's part of a folded block, is that post's
        tag: the pattern matches there, ends with it, and it is not in a name or a note."""
        found = tag_re().match(text, at)
        if found is None or found.end() != at + len(key):
            return False
        end = starts[j + 1] if j + 1 < len(starts) else len(text)
        return at < text.find(_META, starts[j], end)

    def _tagged(self, key: str, block: int, lo: int, hi: int, out: array[int] | None) -> int:
        """Within one block, the first post in lo..hi-1 (absolute) carrying `key`, or -1;
        with `out`, append every such post to it instead (and return -1)."""
        if not key:
            return -1
        base = block * self.block_size
        text, starts, start, end = self._bounds(block, lo - base, hi - base)
        last = len(starts) - 1
        is_tag = self._is_tag
        find = text.find
        at = find(key, start, end)
        while at >= 0:
            j = bisect_right(starts, at) - 1
            if is_tag(text, starts, j, at, key):
                if out is None:
                    return base + j
                out.append(base + j)
                if j >= last:
                    break
                at = find(key, starts[j + 1], end)
            else:
                at = find(key, at + 1, end)
        return -1

    def tagged_backward(self, key: str, lo: int, hi: int) -> Iterator[int]:
        """The posts in lo..hi-1 carrying the tag `key` (folded), from the last back to the
        first, found one at a time (folding each block when the scan reaches it)."""
        size = self.block_size
        lo = max(lo, 0)
        hi = min(hi, self.count)
        if not key:
            return
        is_tag = self._is_tag
        while hi > lo:
            block = (hi - 1) // size
            base = block * size
            bottom = max(lo, base)
            text, starts, start, end = self._bounds(block, bottom - base, hi - base)
            rfind = text.rfind
            at = rfind(key, start, end)
            while at >= 0:
                j = bisect_right(starts, at) - 1
                if is_tag(text, starts, j, at, key):
                    yield base + j
                    at = rfind(key, start, starts[j])
                else:
                    at = rfind(key, start, at + len(key) - 1)
            hi = bottom

    def first_tagged(self, key: str, lo: int, hi: int) -> int:
        """The first post in lo..hi-1 whose text (or a variant) carries the tag `key`
        (folded: `tag_key`), or -1; folds the blocks it passes that are not folded yet."""
        size = self.block_size
        lo = max(lo, 0)
        hi = min(hi, self.count)
        while lo < hi:
            block = lo // size
            top = min(hi, (block + 1) * size)
            found = self._tagged(key, block, lo, top, None)
            if found >= 0:
                return found
            lo = top
        return -1

    def last_tagged(self, key: str, lo: int, hi: int) -> int:
        """The last post in lo..hi-1 carrying the tag `key` (folded), or -1."""
        return next(self.tagged_backward(key, lo, hi), -1)

    def tagged_in(self, key: str, lo: int, hi: int) -> array[int]:
        """Every post in lo..hi-1 carrying the tag `key` (folded), in order."""
        size = self.block_size
        lo = max(lo, 0)
        hi = min(hi, self.count)
        out: array[int] = array("i")
        while lo < hi:
            block = lo // size
            top = min(hi, (block + 1) * size)
            self._tagged(key, block, lo, top, out)
            lo = top
        return out


def tag_key(tag: str) -> str:
    """A tag as the tag index keys it: `#AskHamas`, `#askhamas` and `＃ASKHAMAS` are all
    `#askhamas`."""
    return fold_query(tag).strip()


class Search:
    """One query over a `SearchIndex`: the nearest match either way from the cursor at once,
    and the full list of matches a chunk at a time.

    `scan` (in a worker) and `next_match`/`prev_match` work before the list is complete,
    folding only the blocks between the cursor and the match. A worker calls `step()`
    until it returns True (or iterates `steps()`), then `matches` and `count` are final and
    `ordinal` can say "match 3 of 12". Listing is safe from two threads at once.
    """

    def __init__(self, index: SearchIndex, query: str) -> None:
        self.index = index
        self.query = query
        self.folded = fold_query(query)
        self.matches: array[int] = array("i")
        self._next_block = 0 if self.folded else index._nblocks
        self._lock = threading.Lock()
        """Held while listing: two workers may list the same search, a block each in turn."""

    @property
    def empty(self) -> bool:
        """True when the query has nothing to search for (blank, or only ignored marks)."""
        return not self.folded

    @property
    def done(self) -> bool:
        return self._next_block >= self.index._nblocks

    @property
    def count(self) -> int | None:
        """How many posts match, once `done`; None while still counting."""
        return len(self.matches) if self.done else None

    def step(self, budget: int = 65_536) -> bool:
        """List matches in at least one more block, about `budget` posts' worth; True when
        the whole session has been searched."""
        scanned = 0
        while not self.done and (scanned == 0 or scanned < budget):
            with self._lock:
                if not self.done:
                    self.index.block_matches(self.folded, self._next_block, self.matches)
                    self._next_block += 1
            scanned += self.index.block_size
        return self.done

    def steps(self, budget: int = 65_536) -> Iterator[tuple[int, int]]:
        """`step()` until done, yielding `(posts searched, total)` in between."""
        while not self.step(budget):
            yield min(self._next_block * self.index.block_size, self.index.count), self.index.count
        yield self.index.count, self.index.count

    def run(self) -> array[int]:
        """All matches, in post order (searching the rest now if not done)."""
        while not self.step(1 << 30):
            pass
        return self.matches

    def scan(
        self, after: int, direction: int = 1, accept: Callable[[int], bool] | None = None
    ) -> Iterator[Hit | None]:
        """The nearest match from the cursor a block at a time, for a worker: `next_match`
        (`direction` 1, from after post `after`) or `prev_match` (-1, from before post
        `after`), folding only the blocks it passes.

        Yields None after each block searched in vain (a worker checks whether it was
        cancelled), then the hit, and stops; stops without a hit when nothing matches.
        With `accept`, only matches it accepts count (the posts a filter shows).
        """
        if self.empty:
            return
        index = self.index
        count = index.count
        size = index.block_size
        if direction > 0:
            start = max(after + 1, 0)
            spans = [(start, count, False), (0, min(start, count), True)]
        else:
            stop = min(after, count)
            spans = [(0, stop, False), (max(stop, 0), count, True)]
        for lo, hi, wrapped in spans:
            while lo < hi:
                if direction > 0:
                    top = min(hi, (lo // size + 1) * size)
                    found = self._nearest_in(lo, top, True, accept)
                    lo = top
                else:
                    bottom = max(lo, ((hi - 1) // size) * size)
                    found = self._nearest_in(bottom, hi, False, accept)
                    hi = bottom
                if found >= 0:
                    yield Hit(found, wrapped)
                    return
                yield None

    def _nearest_in(
        self, lo: int, hi: int, first: bool, accept: Callable[[int], bool] | None
    ) -> int:
        """The first (or last) match in lo..hi-1 that `accept` takes, or -1."""
        index = self.index
        if accept is None:
            if first:
                return index.first_in(self.folded, lo, hi)
            return index.last_in(self.folded, lo, hi)
        found: array[int] = array("i")
        index.matches_in(self.folded, lo, hi, found)
        for i in found if first else reversed(found):
            if accept(i):
                return i
        return -1

    def next_match(self, after: int) -> Hit | None:
        """The first matching post after `after` (use -1 to start at the first post),
        wrapping round to the start; None when nothing matches."""
        if self.empty:
            return None
        count = self.index.count
        start = max(after + 1, 0)
        if self.done:
            at = bisect_right(self.matches, after)
            if at < len(self.matches):
                return Hit(self.matches[at], False)
            return Hit(self.matches[0], True) if self.matches else None
        found = self.index.first_in(self.folded, start, count)
        if found >= 0:
            return Hit(found, False)
        found = self.index.first_in(self.folded, 0, min(start, count))
        return Hit(found, True) if found >= 0 else None

    def prev_match(self, before: int) -> Hit | None:
        """The last matching post before `before`, wrapping round to the end; None when
        nothing matches."""
        if self.empty:
            return None
        count = self.index.count
        stop = min(before, count)
        if self.done:
            at = bisect_left(self.matches, before)
            if at > 0:
                return Hit(self.matches[at - 1], False)
            return Hit(self.matches[-1], True) if self.matches else None
        found = self.index.last_in(self.folded, 0, stop)
        if found >= 0:
            return Hit(found, False)
        found = self.index.last_in(self.folded, max(stop, 0), count)
        return Hit(found, True) if found >= 0 else None

    def is_match(self, index: int) -> bool:
        """Whether post `index` matches (one short find, any time)."""
        return not self.empty and self.index.first_in(self.folded, index, index + 1) == index

    def ordinal(self, index: int) -> int | None:
        """The 1-based number of post `index` among the matches, once `done` and if it
        matches; for "match 3 of 12"."""
        if not self.done:
            return None
        at = bisect_left(self.matches, index)
        return at + 1 if at < len(self.matches) and self.matches[at] == index else None

    def spans(self, text: str | None) -> list[tuple[int, int]]:
        """`find_spans` for this query: offsets into `text` (the string as displayed)."""
        return _spans(text, self.folded)

    def where(self, index: int) -> tuple[str, ...]:
        """`SearchIndex.where` for this query."""
        return self.index._where(index, self.folded) if self.folded else ()
