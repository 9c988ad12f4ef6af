"""How text is compared when searching: case folded, accents and invisibles dropped.

Matching in replay-tui (the `/` search, the command palette's post search, hashtag filters)
is case-insensitive by Unicode case folding (canonical caseless match, as the Unicode
standard defines it) and ignores diacritics that people rarely type: Latin, Greek and
Cyrillic accents, Hebrew vowel points and cantillation, Arabic harakat and tatweel, and
invisible format characters (bidi marks, zero-width joiners, soft hyphens). So `שלום` finds
`שָׁלוֹם`, `اسرائيل` finds `إسرائيل` and `resume` finds `Résumé`. Marks that change a letter's
identity in other scripts (Indic vowel signs, for example) are kept.

This module is the one definition of that comparison: `fold` for the index, `fold_query`
for what is typed, and `find_spans` for where a query matches in a displayed string (to
highlight it). Plain Python, no Textual.
"""

from __future__ import annotations

import unicodedata
from functools import cache

SEPARATORS = {0: None, 1: None, 2: None}
"""NUL, SOH and STX: the search index separates posts and fields with them, so a query never
holds them (`fold_query`)."""


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
def table() -> dict[int, str | None]:
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
        table()
    )


def fold_query(query: str) -> str:
    """A query folded for matching; '' when nothing searchable is left."""
    return fold(query).translate(SEPARATORS)


def find_spans(text: str | None, query: str) -> list[tuple[int, int]]:
    """Where `query` matches in `text`, as `(start, end)` offsets into `text` itself.

    Pass the exact string that is displayed (for example `sanitize.visible(post.text)`) and
    style those offsets. A span never splits a letter from its combining marks, and covers
    ignored marks inside the match, so a highlighted `שלום` covers its points too.
    """
    return spans_of(text, fold_query(query))


def spans_of(text: str | None, folded_query: str) -> list[tuple[int, int]]:
    if not text or not folded_query or folded_query not in fold(text):
        return []  # the common case for a timeline row, at C speed
    starts: list[int] | None = None
    ends: list[int] = []
    if text.isascii():
        folded = text.lower().translate(table())  # one character for one, in ASCII
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
