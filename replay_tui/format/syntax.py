"""A TOML or JSON syntax error, said with what to do about it.

The parsers say what they met ("illegal character '\\n'", "invalid character") in their own
words, which tell a curator little. Each message below is paired with the few mistakes
that make it, told apart by the character at the place the parser stopped; the hint is
given only when that character leaves no doubt, and otherwise the curator is sent to the
line and column with the format's description. The parser's words are kept in front of
the hint, so that the message can still be looked up.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

import msgspec

from replay_tui.format import locate
from replay_tui.format.problems import Problem

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError

GENERAL = "look at that line and column; the format is described in docs/session-format.md"
_TYPOGRAPHIC = "“”„‘’‚«»"
_TYPOGRAPHIC_HINT = (
    "a typographic quote ({char}) is not a quote mark in {kind}; "
    "write the straight quote \" (an editor's 'smart quotes' may have changed it)"
)


def toml_problem(exc: TOMLDecodeError, text: str) -> Problem:
    """The `not-toml` error for what tomllib raised on `text`."""
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = column = None
    row = ""  # the line where the parser stopped, with its line break; "" at the end
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()].strip()
        rows = text.split("\n", line)
        row = rows[line - 1] + "\n" if line <= len(rows) else ""
    elif "end of document" in message:
        line, column = locate.line_col(text, len(text))
        message = re.sub(r"\s*\(at end of document\)", "", message)
    words = message[0].lower() + message[1:]
    hint = _toml_hint(words, row, line, column or 1)
    return Problem(
        "error", "not-toml", f"not valid TOML: {words}; {hint}", line=line, column=column
    )


def _toml_hint(words: str, row: str, line: int | None, column: int) -> str:
    at, rest = row[column - 1 : column], row[column - 1 :]
    if words == "illegal character '\\n'":
        # A line break is illegal only inside a one-line string: comments end at one.
        return (
            'a string is not closed before the end of its line: close it with " on the '
            'same line or, for text over several lines, write it as """…""" (a '
            "multi-line string)"
        )
    if words.startswith("illegal character"):
        return (
            f"a control character (U+{ord(at or ' '):04X}) is in the text here; remove it "
            'or, inside a "…" string, write it as an escape (\\t, \\n, \\uXXXX)'
            if at and (ord(at) < 0x20 or at == "\x7f")
            else GENERAL
        )
    if words in ("unterminated string", 'expected "\'"'):
        return (
            "a string is opened and never closed, so the rest of the file was read as its "
            "text: find the string above with a missing closing quote and close it"
        )
    if words == "unescaped '\\' in a string" or words.startswith("invalid hex value"):
        return (
            'a backslash starts an escape in a "…" string: write \\\\ for a backslash, or '
            "use a literal string '…', which has no escapes"
        )
    if at and at in _TYPOGRAPHIC:
        return _TYPOGRAPHIC_HINT.format(char=at, kind="TOML")
    if words == "invalid value":
        if at in ("\n", "#"):
            return "the value after = is missing"
        if at.isalpha() and "=" not in rest:  # not a key: `r=eply_to = "p1"`
            return (
                'text must be in quotes: write "…" (only numbers, true, false and dates go without)'
            )
        return GENERAL
    if words == "invalid statement" and at == "{" and line == column == 1:
        return "this looks like JSON, not TOML: name the file .json if it is JSON"
    if words == "unclosed array":
        return "a list [ … ] is missing a comma between two items, or its closing ]"
    if words == "unclosed inline table":
        return (
            "an inline table { … } is missing a comma between two fields, or its closing }; "
            "it must be written on one line"
        )
    if words == "invalid initial character for a key part" and at in ("}", "\n") and at:
        return (
            "an inline table { … } must be written on one line, with no comma after its "
            "last field; for fields over several lines use a [[…]] section"
        )
    if words.startswith("expected ']") and "declaration" in words:
        return "a section header must be closed on its own line, as in [[posts]]"
    if words == "expected '=' after a key in a key/value pair":
        return "each line here must be key = value: the = is missing, or the key has a space"
    if words == "expected newline or end of document after a statement":
        if row.lstrip().startswith("["):
            return (
                "only a comment may follow a section header on its line; a header is written "
                "[name] or [[name]]"
            )
        return (
            "something follows the value on the same line: one key = value per line, text in "
            "quotes, a comment after #"
        )
    if words.startswith(("cannot overwrite a value", "cannot declare")):
        return (
            "a field is given twice in the same table: keep one (for two posts, start the "
            "second with its own [[posts]] line)"
        )
    return GENERAL


def json_problem(exc: msgspec.DecodeError, data: bytes) -> Problem:
    """The `not-json` error for what msgspec raised on `data`."""
    message = str(exc)
    match = re.search(r"\(byte (\d+)\)", message)
    offset = int(match.group(1)) if match else len(data)
    line, column = locate.byte_line_col(data, offset)
    if match:
        message = message[: match.start()].strip()
    message = re.sub(r" - at `\$[^`]*`$", "", message)  # a path into nothing yet
    words = message.rstrip(".").removeprefix("JSON is malformed: ")
    at = data[offset : offset + 4].decode("utf-8", "replace")[:1]
    if words.startswith("Input data was truncated"):
        what = (
            "the file ends too early (is it cut off?); if not, a string, list or object "
            'opened above is never closed (a missing ", ] or })'
        )
    else:
        if words[:1].isupper() and not words[1:2].isupper():
            words = words[0].lower() + words[1:]
        what = f"{words}; {_json_hint(words, at, offset, data)}"
    return Problem("error", "not-json", f"not valid JSON: {what}", line=line, column=column)


_LETTERS = string.ascii_letters + "_"
_BARE_KEY = re.compile(rb"[A-Za-z_][A-Za-z0-9_-]*\s*:")
_WORD_BEFORE = re.compile(r"[:\[,]\s*([A-Za-z_]+)\s*,?\s*$")
_ESCAPE = re.compile(r"\\.")
"""An escape in a JSON string (\\" among them), left out when counting quotes."""


def _json_hint(words: str, at: str, offset: int, data: bytes) -> str:
    if at and at in _TYPOGRAPHIC:
        return _TYPOGRAPHIC_HINT.format(char=at, kind="JSON")
    if words.startswith("trailing comma in"):
        return "JSON allows no comma after the last item: remove it"
    if words == "trailing characters":
        return (
            "the JSON document ends before this (an extra } or ], or a second document): a "
            "session is one object"
        )
    if words == "invalid escape character in string":
        return "a backslash starts an escape in a string: write \\\\ for a backslash"
    if words == "expected ':'":
        return 'a key must be followed by : and its value, as in "id": "p1"'
    if at in ("/", "#"):
        return "JSON has no comments: remove it"
    if at == "'":
        return "JSON strings and keys are in double quotes \", not single quotes '"
    if words.startswith("expected ','"):
        if at in ('"', "{", "[") or at.isdigit():
            return "a comma is missing between two items"
        if at in ("}", "]"):
            inner, outer = ("[ list", "]") if words.endswith("']'") else ("{ object", "}")
            return f"close the {inner} with {outer} before this {at}"
        return GENERAL
    if words == "object keys must be strings" and _BARE_KEY.match(data, offset):
        return 'a key must be in double quotes, as in "id"'
    if words == "invalid character":
        before = data[data.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")
        in_string = _ESCAPE.sub("", before).count('"') % 2 == 1
        if in_string and at == "\n":
            return (
                'a string cannot run over a line break: close it with " before the line '
                "ends, or write \\n for a line break within it"
            )
        if in_string and at and (ord(at) < 0x20 or at == "\x7f"):
            return (
                f"a control character (U+{ord(at):04X}) is in a string here: remove it, or "
                "write it as an escape (\\t, \\uXXXX)"
            )
        if in_string:
            return GENERAL
        after = data[offset : offset + 40].decode("utf-8", "replace")
        # msgspec stops at a bare word, or, for one that starts like true, false or
        # null, a few characters into it or just after it.
        word = (
            before[len(before.rstrip(_LETTERS)) :]
            + after[: len(after) - len(after.lstrip(_LETTERS))]
        )
        if not word and (found := _WORD_BEFORE.search(before)):
            word = found.group(1)
        if word:
            return (
                f"{word} is not a JSON value: text goes in double quotes, and the other "
                "values are numbers, true, false and null"
            )
        if at in (",", "}", "]"):
            return "a value is missing here"
    return GENERAL
