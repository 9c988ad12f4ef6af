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
from dataclasses import dataclass

from replay_tui.format.problems import Problem, Severity

MAX_DEPTH = 32
"""Tables and arrays inside one another (a TOML table header counts as one level)."""

MAX_KEY_PARTS = 8
"""Parts of one dotted key or table name (`a.b.c` has three)."""

MAX_BARE = 1_000
"""Characters in one bare key or value written without quotes (a number, a date, `true`)."""

MAX_DIGITS = 100
"""Digits in one integer (a 64-bit integer has at most 19)."""

MAX_NAMES = 1_000
"""Different keys and table names in one TOML file (see `_Names`). Every key of a session
is a field of the format, so a session has fewer than a hundred, however long it is."""

MAX_DENSITY = 16
"""Memory that reading a file's tables and lists may take, in times the file's size (beyond
`DENSITY_ALLOWANCE`): estimated in the pass before parsing at `TABLE_BYTES` a table,
`LIST_BYTES` a list and (TOML) `VALUE_BYTES` a value: about what tomllib and msgspec take
for a small one. By that estimate a session takes 2 to 6 times its size; a file of nothing
but small tables or lists (`[{}, {}, …]`, `[[1], [1], …]`) 25 to 30 times, 50 with dotted
keys in them. (tomllib also reads a value at a time, at about 3 µs each: what is refused
here would take it seconds.)"""

TABLE_BYTES = 250
LIST_BYTES = 100
VALUE_BYTES = 32
DENSITY_ALLOWANCE = 256 * 1024
"""A thousand tables are allowed at any density: they cost a quarter of a megabyte at most."""

MAX_PROBLEMS = 50
"""Errors (and, apart, warnings) listed for one file. A file with more is not a session
with a few slips but something else (junk that parses, a wrong file): reading stops at this
many errors, so that it is refused within a second and at a small cost in memory, and says
so (`too-many-problems`)."""

TOO_MANY = "too-many-problems"

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
    names = _Names()
    budget = MAX_DENSITY * len(text) + DENSITY_ALLOWANCE
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
        if first == "#":
            continue
        if names.read(part) and names.cost > budget:
            return [_at(text, token.start(), "too-dense", _dense_words())]
        if len(names.seen) > MAX_NAMES:
            return [
                _at(
                    text,
                    token.start(),
                    "too-many-names",
                    f"more than {MAX_NAMES:,} different keys and table names; a session "
                    "uses fewer than a hundred (each is a field of the format), so this "
                    "file is not one and is refused before it is read further",
                )
            ]
    return []


_STRUCTURE = frozenset("[]{}.=,\n")


class _Names:
    """The different keys and table names of a TOML text, as it is read token by token.

    What the TOML parser keeps while it reads, besides the values, grows with them: for
    each table name, each part of a dotted key and each key holding a table or a list, a
    few sets and tables of its own (about 1 KB), so that 200 KB of `[t1.a.b]`, `[t2.a.b]`,
    … cost 70 MB. A session repeats the same few names (every `[[posts]]` has an `id`, a
    `text`, …), so names are counted where they are met (a key in `[[posts]]`, in an inline
    table of `media`): repeated, they count once."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.cost = 0  # what the tables and lists read so far take to hold (estimated)
        self.table: tuple[str, ...] = ()  # the table the lines below belong to
        self.parts: list[str] = []  # the key or table name being read
        self.keyed = True  # a key (or a table name) can start here
        self.header = False
        self.value: tuple[str, ...] = ()  # where the value after `=` belongs
        # The brackets open around a value: "{" or "[", and where what is in it belongs.
        self.open: list[tuple[str, tuple[str, ...]]] = []

    def read(self, token: str) -> bool:
        """Take the next token; True when it opened a table or a list, named one, or was
        a value. (The most frequent tokens are tested first: this runs for every one.)"""
        first = token[0]
        if first not in _STRUCTURE:  # a word or a string: part of a name, or a value
            if self.keyed or self.header:
                self.parts.append(token.strip("\"'") if first in "\"'" else token)
                return False
            self.cost += VALUE_BYTES
            return True
        if first == "\n":
            if not self.open:
                self.keyed = True
                self.header = False
                if self.parts:
                    self.parts = []
        elif first == "=":
            if self.keyed and self.parts:
                inline = bool(self.open) and self.open[-1][0] == "{"
                where = self.open[-1][1] if inline else self.table
                key, self.parts, self.keyed = tuple(self.parts), [], False
                self.value = (*where, *key)
                self.cost += TABLE_BYTES * (len(key) - 1)
                return self._count(where, key)
            self.keyed = False
        elif first == "[" and self.keyed and not self.open and not self.parts:
            self.header = True  # `[` or `[[` starting a line: a table name
        elif first == "]" and self.header:
            self.keyed = False
            if self.parts:
                self.table = tuple(self.parts)
                self.parts = []
                self.cost += TABLE_BYTES * len(self.table)
                return self._count(("[",), self.table)
        elif first in "[{":
            if self.open and self.open[-1][0] == "[":
                where = (*self.open[-1][1], "[]")
            else:
                where = self.value
            self.open.append((first, where))
            self.keyed, self.parts = first == "{", []
            self.cost += TABLE_BYTES if first == "{" else LIST_BYTES
            return True
        elif first in "]}":
            if self.open:
                self.open.pop()
            self.keyed = False
        elif first == ",":
            self.keyed = bool(self.open) and self.open[-1][0] == "{"
            if self.parts:
                self.parts = []
        return False

    def _count(self, where: tuple[str, ...], name: tuple[str, ...]) -> bool:
        """Count each part of `name` (`a`, `a.b`, `a.b.c`) met in `where`."""
        for end in range(1, len(name) + 1):
            self.seen.add(hash((where, name[:end])))
        return True


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

_JSON_TOKEN = rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]'
_NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'[]{}"')
_OPEN_CLOSE = bytes.maketrans(b"[]{}", b"()()")


def _json_brackets(data: bytes) -> bytes:
    """The brackets of JSON `data` outside its strings.

    In C, a few passes over the bytes: escaped backslashes and quotes out, everything but
    brackets and quotes out, then every pair of quotes with nothing between them (a string
    without brackets, or the end of one string and the start of the next: the quotes that
    remain still alternate, opening and closing). Only strings holding brackets are left to
    be cut out piece by piece. (Cutting out every string so would make a new object for
    each piece between two strings, and joining them costs 80 bytes more each: 15 times
    the size of a file of short strings, more than its parsing costs.)"""
    kept = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    kept = kept.replace(b'""', b"")
    if b'"' not in kept:
        return kept
    pieces = kept.split(b'"')
    outside = pieces[::2]
    if len(pieces) % 2 == 0:  # a string left open: what follows its quote counts too
        outside.append(pieces[-1])
    del pieces
    return b"".join(outside)


def json_limits(data: bytes) -> list[Problem]:
    """Problems with the nesting and the density of JSON `data`: at most one, the first,
    located where it can be. Empty when it nests no deeper than `MAX_DEPTH` and its
    tables and lists keep `MAX_DENSITY`."""
    brackets = _json_brackets(data)
    cost = TABLE_BYTES * brackets.count(b"{") + LIST_BYTES * brackets.count(b"[")
    if deep := _json_depth(data, brackets.translate(_OPEN_CLOSE)):
        return deep
    if cost > MAX_DENSITY * len(data) + DENSITY_ALLOWANCE:
        return [Problem("error", "too-dense", _dense_words(""))]
    return []


def _json_depth(data: bytes, brackets: bytes) -> list[Problem]:
    """Quick for the common case: the brackets alone (`brackets`, as ( and )) are reduced
    one level at a time (innermost pairs removed, in C); only when that does not settle
    within the limit is the file walked token by token to find the place (or to be sure,
    when the brackets do not pair up)."""
    # Arrays and objects alike as ( and ): a level is a level, and a mismatch is for the
    # parser to report. One `replace` removes each innermost pair, the pairs this forms
    # only on the next: exactly one level a pass.
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


# --- how much is said ---------------------------------------------------------------------


def stopped() -> Problem:
    """The last problem said when reading stopped at `MAX_PROBLEMS` errors; it is placed
    (by its path) where reading stopped."""
    return Problem(
        "error",
        TOO_MANY,
        f"reading stopped after {MAX_PROBLEMS} errors, so more may follow: fix these and "
        "check again (is this a session file?)",
    )


def capped(problems: list[Problem]) -> list[Problem]:
    """`problems` with at most `MAX_PROBLEMS` errors and as many warnings, in the order found,
    and a last one saying how many more there are, if any."""
    kept: list[Problem] = []
    more: dict[Severity, int] = {"error": 0, "warning": 0}
    shown: dict[Severity, int] = {"error": 0, "warning": 0}
    for problem in problems:
        if problem.code == TOO_MANY or shown[problem.severity] < MAX_PROBLEMS:
            kept.append(problem)
            shown[problem.severity] += 1
        else:
            more[problem.severity] += 1
    stopped = {p.severity for p in kept if p.code == TOO_MANY}  # "more may follow" said
    for severity, number in more.items():
        if number and severity not in stopped:
            plural = "s" if number > 1 else ""
            kept.append(
                Problem(
                    severity,
                    TOO_MANY,
                    f"… and {number:,} more {severity}{plural}, not listed: fix these and check "
                    "again",
                    not_listed=number,
                )
            )
    return kept


@dataclass(frozen=True)
class Tally:
    """How many errors and warnings a list of problems says there are: the notices that
    some were left out are not problems themselves, but the problems they stand for count."""

    errors: int
    warnings: int
    complete: bool
    """False when reading stopped early, so that more problems may follow."""


def tally(problems: list[Problem]) -> Tally:
    """Count `problems` as the summary of `check` says them."""
    counts: dict[Severity, int] = {"error": 0, "warning": 0}
    complete = True
    for problem in problems:
        if problem.code != TOO_MANY:
            counts[problem.severity] += 1
        elif problem.not_listed:
            counts[problem.severity] += problem.not_listed
        else:
            complete = False
    return Tally(counts["error"], counts["warning"], complete)


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


def _dense_words(here: str = "by here, ") -> str:
    return (
        f"tables and lists packed more densely than in any session: {here}reading this "
        f"file would take more than {MAX_DENSITY} times its size in memory (a session takes "
        "2 to 6), so it is refused before it is read further"
    )


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
