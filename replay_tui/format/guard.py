"""Limits a session file must keep, checked before a parser is trusted with it.

replay-tui opens files people download, so a file may be built to hurt the reader rather
than to describe an exchange. The parsers it uses have weak spots of their own:

* `tomllib` and msgspec recurse once per level of nesting, so a file nested a thousand
  levels deep (`a = [[[[…]]]]`, `{a={a={…}}}`, `[a.a.a.…]`) raises `RecursionError`;
* `tomllib` remembers every prefix of a dotted key (`a.a.a.… = 1`), so its memory grows with
  the square of the number of parts: 200 KB of such a key would take about 24 GB;
* Python refuses to turn more than 4,300 digits into an integer (`ValueError`).

This module sets limits far above anything a session needs (the deepest place in the
format is five levels down: the file, `posts`, a post, its `metrics`, one metric), checks
them with one cheap pass over the text before the parser sees it, and says what it found in
the user's words, on its line. `docs/session-format.md` ("Limits") documents them. What the
parsers still raise beyond these checks (`parser_gave_up`) is turned into a problem too.

It also refuses, before opening it, anything that is not a regular file: a named pipe
would block the reader forever and `/dev/zero` would fill the memory up to the size limit.
"""

from __future__ import annotations

import os
import re
import stat

from replay_tui.format.problems import Problem

MAX_DEPTH = 32
"""Tables and arrays inside one another (a TOML table header counts as one level)."""

MAX_KEY_PARTS = 8
"""Parts of one dotted key or table name (`a.b.c` has three)."""

MAX_BARE = 1_000
"""Characters in one bare key or value written without quotes (a number, a date, `true`)."""

MAX_DIGITS = 100
"""Digits in one integer (a 64-bit integer has at most 19)."""

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_file(path: str) -> Problem | None:
    """A problem if `path` exists but is not a regular file (after symbolic links); None
    otherwise, also when it cannot be examined (opening it then says why)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return Problem(
        "error",
        "not-a-file",
        f"this is {what}, not a session file; save the session as a file and open that",
    )


# --- TOML ------------------------------------------------------------------------------------

# Patterns are compiled (and cached by `re`) on first use: `replay-tui check` of a valid JSON
# file never needs them, and compiling them all costs more than checking 1,000 posts.
# One token of TOML, strings and comments whole, so that what they contain is not taken for
# structure. Each alternative fails fast (no nested quantifiers): the pass is linear.
_TOML_TOKEN = (
    r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*""""{0,2}'  # multi-line basic string
    r"|'''[^']*(?:'(?!'')[^']*)*''''{0,2}"  # multi-line literal string
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[\[\]{}.=,\n]"  # structure
    r"|[^\s\"'#\[\]{}.=,]+"  # a bare key, number, date or word
)
_INTEGER = r"[+-]?[0-9_]+"


def toml_limits(text: str) -> list[Problem]:
    """Problems with the structure of TOML `text` that the parser must not be given: at
    most one, the first, located. Empty when the text keeps every limit."""
    depth = dots = 0
    for token in re.finditer(_TOML_TOKEN, text, re.DOTALL):
        part = token.group()
        first = part[0]
        if first == "." and (dots := dots + 1) >= MAX_KEY_PARTS:
            return [
                _at(
                    text,
                    token.start(),
                    "key-too-deep",
                    f"a dotted key or table name of more than {MAX_KEY_PARTS} parts "
                    "(a.b.c… has three); a session needs only a few: shorten it",
                )
            ]
        if first in "[{":
            dots = 0
            depth += 1
            if depth > MAX_DEPTH:
                return [_at(text, token.start(), "too-deep", _deep_words())]
        elif first in "]}":
            dots = 0
            depth = max(0, depth - 1)
        elif first in "=,\n":
            dots = 0
        elif first not in "\"'#.":
            problem = _bare(text, token.start(), part)
            if problem is not None:
                return [problem]
    return []


def _bare(text: str, start: int, word: str) -> Problem | None:
    if len(word) > MAX_DIGITS and re.fullmatch(_INTEGER, word):
        digits = sum(c.isdigit() for c in word)
        if digits > MAX_DIGITS:
            return _at(
                text,
                start,
                "number-too-long",
                f"a number of {digits:,} digits; numbers in a session have at most "
                f"{MAX_DIGITS} (counts fit in 19)",
            )
    if len(word) > MAX_BARE:
        return _at(
            text,
            start,
            "too-long",
            f"a key or value of {len(word):,} characters written without quotes; "
            f"the limit is {MAX_BARE:,}: put text in quotes",
        )
    return None


# --- JSON ------------------------------------------------------------------------------------

_JSON_STRING = rb'"[^"\\]*(?:\\.[^"\\]*)*"'
_JSON_TOKEN = rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]'
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_OPEN_CLOSE = bytes.maketrans(b"[]{}", b"()()")


def json_limits(data: bytes) -> list[Problem]:
    """Problems with the nesting of JSON `data`: at most one, the first, located. Empty
    when it nests no deeper than `MAX_DEPTH`.

    Quick for the common case: with strings taken out, the brackets alone are reduced
    one level at a time (innermost pairs removed, in C); only when that does not settle
    within the limit is the file walked token by token to find the place (or to be sure,
    when the brackets do not pair up)."""
    # Arrays and objects alike as ( and ): a level is a level, and a mismatch is for the
    # parser to report. One `replace` removes each innermost pair, the pairs this forms
    # only on the next: exactly one level a pass.
    brackets = re.sub(_JSON_STRING, b"", data, flags=re.DOTALL).translate(
        _OPEN_CLOSE, _NOT_BRACKETS
    )
    for _ in range(MAX_DEPTH):
        if not brackets:
            return []
        reduced = brackets.replace(b"()", b"")
        if len(reduced) == len(brackets):
            break  # unbalanced: walk it to be sure
        brackets = reduced
    else:
        if not brackets:
            return []
    depth = 0
    for token in re.finditer(_JSON_TOKEN, data, re.DOTALL):
        first = data[token.start()]
        if first in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                return [_at_byte(data, token.start(), "too-deep", _deep_words())]
        elif first in b"]}":
            depth = max(0, depth - 1)
    return []


# --- what the parsers raise ---------------------------------------------------------------------

PARSER_LIMITS = (RecursionError, MemoryError, OverflowError, ValueError)
"""What a parser raises on input beyond its own limits (a `TOMLDecodeError` is a ValueError:
catch it first)."""


def parser_gave_up(exc: BaseException) -> Problem:
    """A problem saying that the parser refused the file at one of its own limits."""
    if isinstance(exc, RecursionError):
        return Problem("error", "too-deep", _deep_words())
    if isinstance(exc, MemoryError):
        return Problem(
            "error", "too-large", "there is not enough memory to read this file; it is refused"
        )
    text = str(exc)
    match = re.search(r"Exceeds the limit \((\d+) digits\)", text)
    if match:
        return Problem(
            "error",
            "number-too-long",
            f"a number of more than {match.group(1)} digits, more than Python can read; "
            f"numbers in a session have at most {MAX_DIGITS}",
        )
    return Problem("error", "unreadable", f"the file cannot be read: {text or type(exc).__name__}")


def _deep_words() -> str:
    return (
        f"tables or arrays nested more than {MAX_DEPTH} levels deep; a session needs at "
        "most five, so the file is refused before reading further"
    )


def _at(text: str, offset: int, code: str, message: str) -> Problem:
    from replay_tui.format.locate import line_col

    line, column = line_col(text, offset)
    return Problem("error", code, message, line=line, column=column)


def _at_byte(data: bytes, offset: int, code: str, message: str) -> Problem:
    from replay_tui.format.locate import byte_line_col

    line, column = byte_line_col(data, offset)
    return Problem("error", code, message, line=line, column=column)
