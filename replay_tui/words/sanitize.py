"""The one path by which untrusted session text is made safe to put on a terminal.

Every text in a session file is untrusted. Escape sequences (`ESC [2J`), other C0 and C1
control characters and Unicode bidi overrides pass straight through Rich and Textual to the
real terminal, where they can clear the screen, retitle the window, or make a post read
backwards; invisible characters (zero-width spaces, byte-order marks, tag characters) make
two different wordings look the same. `visible` turns each of them into a visible, inert
stand-in (`^[`, `<U+202E>`, `<U+200B>`) and leaves everything else alone, including Hebrew
and Arabic, the left-to-right and right-to-left marks they need, and emoji joiners and flags.

Markup is a separate matter: this module returns plain `str`; callers must still hand it to
Rich/Textual as `Text`/`Content` (never as a markup string). The UI does that in one place,
`ui/text.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Embeddings, overrides and isolates: they reorder text that follows them.
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))

INVISIBLES = frozenset(
    [0x200B, 0xFEFF, *range(0x2060, 0x2065), *range(0x206A, 0x2070), *range(0xFFF9, 0xFFFC)]
)
"""Characters that take no room and do nothing a reader can see: the zero-width space, the
byte-order mark (a zero-width no-break space inside text), the word joiner and the invisible
mathematical operators, the deprecated format controls and the interlinear annotation
marks. Two wordings that differ only by one of them look identical, so a journalist could
not tell them apart: they are shown as stand-ins. Not included, because scripts need them:
the zero-width joiner and non-joiner (U+200D, U+200C: emoji sequences, Persian, Indic
scripts), the left-to-right and right-to-left marks (U+200E, U+200F, U+061C) and the
Mongolian vowel separator (U+180E, part of Mongolian spelling)."""

# Unicode tag characters (U+E0000-E007F) spell hidden ASCII; their one legitimate use is an
# emoji tag sequence, a flag such as Scotland's: U+1F3F4, tag letters, U+E007F. Such a
# sequence is kept whole; every other tag character is shown.
_TAGS = re.compile("(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)|[\U000e0000-\U000e007f]")


def stray_tags(text: str, stand_in: Callable[[int], str]) -> str:
    """`text` with each tag character that is not part of an emoji flag replaced by
    `stand_in(its code point)`: shown here, escaped in a JSON export (`export.common`)."""
    if _TAGS.search(text) is None:  # the common case: one scan, in C
        return text
    return _TAGS.sub(lambda match: match.group(1) or stand_in(ord(match.group())), text)


def _stand_in(code: int) -> str:
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


@lru_cache(maxsize=2)
def _table(keep_newlines: bool) -> dict[int, str]:
    table = {code: _stand_in(code) for code in range(0x20)}
    table[0x7F] = _stand_in(0x7F)
    for code in range(0x80, 0xA0):
        table[code] = _stand_in(code)
    for code in BIDI_CONTROLS | INVISIBLES:
        table[code] = _stand_in(code)
    # Line and paragraph separators break lines in some terminals but not others.
    table[0x2028] = "\n" if keep_newlines else " "
    table[0x2029] = "\n" if keep_newlines else " "
    table[ord("\t")] = "    "
    if keep_newlines:
        del table[ord("\n")]
        table[ord("\r")] = ""
    else:
        table[ord("\n")] = " "
        table[ord("\r")] = ""
    return table


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control character, bidi override and invisible character made
    visible and inert (`^[`, `<U+202E>`, `<U+200B>`).

    Newlines are kept (or, with `keep_newlines=False`, folded into spaces for one-line
    places such as a list row); a carriage return is dropped and a tab becomes spaces.
    """
    return stray_tags(text.translate(_table(keep_newlines)), _stand_in)


def one_line(text: str) -> str:
    """`visible(text)` folded onto one line."""
    return visible(text, keep_newlines=False)
