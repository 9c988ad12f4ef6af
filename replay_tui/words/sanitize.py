"""The one path by which untrusted session text is made safe to put on a terminal.

Every text in a session file is untrusted. Escape sequences (`ESC [2J`), other C0 and C1
control characters and Unicode bidi overrides pass straight through Rich and Textual to the
real terminal (seen in a pty), where they can clear the screen, retitle the window, or make a
post read backwards. `visible` turns each of them into a visible, inert stand-in (`^[`,
`<U+202E>`) and leaves everything else alone, including Hebrew and Arabic, the left-to-right
and right-to-left marks they need, and emoji joiners.

Markup is a separate matter: this module returns plain `str`; callers must still hand it to
Rich/Textual as `Text`/`Content` (never as a markup string). The UI does that in one place,
`ui/text.py`.
"""

from __future__ import annotations

from functools import lru_cache

# Embeddings, overrides and isolates: they reorder text that follows them.
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


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
    for code in BIDI_CONTROLS:
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
    """`text` with every control character and bidi override made visible and inert.

    Newlines are kept (or, with `keep_newlines=False`, folded into spaces for one-line
    places such as a list row); a carriage return is dropped and a tab becomes spaces.
    """
    return text.translate(_table(keep_newlines))


def one_line(text: str) -> str:
    """`visible(text)` folded onto one line."""
    return visible(text, keep_newlines=False)
