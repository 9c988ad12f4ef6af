"""Hashtags and mentions in post text: one pattern for the search index, the filters and the UI.

The hashtag filter (`filters.py`), the tag index (`search.py`) and the UI's highlighting must
agree on what a tag is, or a post would be highlighted as `#tag` and then be missing from the
`#tag` filter. So the pattern lives here, in the core, with no Textual import.

A tag is `#` or `@` (or their full-width forms) followed by word characters, not preceded by a
word character or another sigil (so `a#b`, `x@y.org` and `##` are not tags). Word characters
include combining marks: Python's `\\w` stops at the first Hebrew point, Arabic haraka or
Devanagari vowel sign (`#שָׁלוֹם` would be read as `#ש`, `#भारत` as `#भ`), so the marks of every
script are added to the class. Zero-width non-joiner stays inside a tag (Persian spelling
needs it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

HASH_SIGILS = "#＃"
MENTION_SIGILS = "@＠"


def _mark_ranges() -> str:
    """A regex class body with every combining mark (categories Mn, Mc, Me)."""
    ranges: list[list[int]] = []
    for code in (*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )


@cache
def tag_re() -> re.Pattern[str]:
    """The compiled tag pattern; group 1 is the whole tag with its sigil.

    Built on first use (scanning the Unicode tables takes ~15 ms, which the commands that
    never look at tags should not pay at start-up).
    """
    marks = _mark_ranges()
    sigils = HASH_SIGILS + MENTION_SIGILS
    # The sigil comes first and the look-behind after it (two characters wide: the one
    # before the sigil, and the sigil): the engine then skips ahead to each sigil instead
    # of testing a large class at every position (4x faster over a million posts).
    return re.compile(rf"([{sigils}](?<![\w{marks}{sigils}&].)\w[\w{marks}\u200c]*)")


def tags(text: str | None) -> list[str]:
    """The hashtags and mentions in `text`, with their sigils, in order of appearance."""
    if not text:
        return []
    return [m.group(1) for m in tag_re().finditer(text)]


def tag_spans(text: str | None) -> list[tuple[int, int, bool]]:
    """`(start, end, is_hashtag)` for each tag in `text`: offsets into `text` itself, for
    styling. Pass the exact string that is displayed (for example the `sanitize.visible`
    text), so the offsets fit it."""
    if not text:
        return []
    return [(m.start(1), m.end(1), m.group(1)[0] in HASH_SIGILS) for m in tag_re().finditer(text)]


def is_hashtag(tag: str) -> bool:
    """True for `#tag`, False for `@mention`."""
    return tag[:1] in HASH_SIGILS
