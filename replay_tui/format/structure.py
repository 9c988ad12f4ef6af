"""Stage 2 of reading: the bytes of a session file decoded into the Structs of `model.py`.

A valid file takes msgspec's typed path, one decode straight into a `Session`. An invalid
one is read again, as plain values, and converted entry by entry so that every structural
error is reported, not only the first: after each error the offending field is set aside
and the conversion tried again, and an entry that still cannot be read is left out of the
session, which is then checked for meaning all the same (`check.py`).

msgspec's messages are put into a curator's words here (`_in_user_words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any, Literal, TypeVar

import msgspec

from replay_tui.format import guard, locate, syntax
from replay_tui.format.locate import split_path
from replay_tui.format.model import FORMAT, SECTIONS, Session
from replay_tui.format.problems import Problem, Report

Kind = Literal["toml", "json"]
E = TypeVar("E", bound=Exception)

_UNREADABLE = object()
"""What `_Structure._parse` gives for a file its parser refused (the reason said)."""


@dataclass
class SessionFile:
    """A session file's bytes, read and found to be text (stage 1, `read.py`)."""

    name: str
    kind: Kind
    data: bytes
    text: str | None = None
    """The file as text: made for TOML, and for JSON only when a problem must be placed
    on a line (a million-post file would otherwise hold its text twice)."""

    def as_text(self) -> str:
        if self.text is None:
            self.text = self.data.decode("utf-8")
        return self.text


@dataclass
class Decoded:
    """What the structure of a file gives: the session (None if nothing could be read)
    and what is wrong with its structure."""

    session: Session | None = None
    problems: list[Problem] = field(default_factory=list)
    utf8: bool = False
    """The file is UTF-8 text, so that its problems can be placed on lines."""
    raw_ids: dict[str, set[str]] = field(default_factory=dict)
    """For each section read entry by entry: the ids of its entries in the file."""
    origins: dict[str, list[int]] = field(default_factory=dict)
    """For each section read entry by entry: the file index of each entry kept."""
    stopped: bool = False
    """Reading stopped at `guard.MAX_PROBLEMS` errors: the rest was not read."""


def decode(file: SessionFile) -> Decoded:
    """The session in `file` and its structural problems."""
    return _Structure(file).run()


class _Structure:
    def __init__(self, file: SessionFile) -> None:
        self.file = file
        self.data = file.data
        self.kind = file.kind
        self.out = Decoded()
        self.report = Report()
        self.problems = self.out.problems = self.report.problems

    def error(self, code: str, message: str, path: str = "") -> None:
        self.report.error(code, message, path)

    def run(self) -> Decoded:
        typed: Exception | None = None
        if self.kind == "json":
            # Decoded into the model, a JSON file is valid UTF-8: unknown fields are refused
            # and every string is decoded (strictly: msgspec raises UnicodeDecodeError), so
            # any byte beyond ASCII is in a string that was checked. Only a file that fails
            # here needs the separate UTF-8 check below, a pass over every byte.
            try:
                self.out.session = msgspec.json.decode(self.data, type=Session)
            except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as exc:
                # Without its traceback: kept with one, it would hold this frame, and the
                # file's bytes with it, in a reference cycle.
                typed = exc.with_traceback(None)
            else:
                self.out.utf8 = True
                return self.out
        if self._check_utf8():
            self.out.utf8 = True
            self.out.session = self.structure(typed)
        return self.out

    def _check_utf8(self) -> bool:
        try:
            if self.kind == "toml":
                self.file.text = self.data.decode("utf-8")
            elif not self.data.isascii():  # ASCII is UTF-8 (a fast scan)
                self.data.decode("utf-8")  # decoded to check, then let go
        except UnicodeDecodeError as exc:
            line, column = locate.byte_line_col(self.data, exc.start)
            self.problems.append(
                Problem(
                    "error",
                    "not-utf8",
                    "the file is not UTF-8 text; save it as UTF-8",
                    line=line,
                    column=column,
                )
            )
            return False
        return True

    def structure(self, typed: Exception | None) -> Session | None:
        """The session in the file, or None with its problems said. `typed`: what the typed
        JSON decode raised, so that it is not run twice."""
        raw: Any
        if self.kind == "json":
            if limits := guard.json_limits(self.data):
                self.problems += limits
                return None
            if isinstance(typed, msgspec.DecodeError) and not isinstance(
                typed, msgspec.ValidationError
            ):
                self.problems.append(syntax.json_problem(typed, self.data))
                return None
            # The typed pass stops at the first wrong value, maybe before a syntax error.
            raw = self._parse(
                lambda: _json_fields(self.data),
                msgspec.DecodeError,
                lambda exc: syntax.json_problem(exc, self.data),
            )
            if raw is _UNREADABLE:
                return None
        else:
            import tomllib  # only for a TOML file: not at every start

            text = self.file.as_text()
            if limits := guard.toml_limits(text):
                self.problems += limits
                return None
            raw = self._parse(
                lambda: tomllib.loads(text),
                tomllib.TOMLDecodeError,
                lambda exc: syntax.toml_problem(exc, text),
            )
            if raw is _UNREADABLE:
                return None
            raw = _plain_times(raw)
            try:
                return msgspec.convert(raw, Session)
            except msgspec.ValidationError:
                pass
        return self._thorough(raw)

    def _parse(
        self, parse: Callable[[], Any], syntax_error: type[E], said: Callable[[E], Problem]
    ) -> Any:
        """What `parse` reads from the file, or `_UNREADABLE` with the reason said: a syntax
        error (`syntax_error`, put into words by `said`) or one of the parser's own limits
        (caught second: a `TOMLDecodeError` is a ValueError too)."""
        try:
            return parse()
        except syntax_error as exc:
            self.problems.append(said(exc))
        except guard.PARSER_LIMITS as exc:
            self.problems.append(guard.parser_gave_up(exc))
        return _UNREADABLE

    def _thorough(self, raw: Any) -> Session | None:
        """Convert entry by entry, collecting every structural error."""
        if not isinstance(raw, dict):
            kind = "a table" if self.kind == "toml" else "an object"
            self.error("wrong-type", f"the top level must be {kind} with format, id, title …")
            return None
        fmt = raw.get("format")
        if fmt != FORMAT:
            if fmt is None:
                self.error(
                    "missing-field", f'missing the required field `format`; add format = "{FORMAT}"'
                )
            else:
                self.error(
                    "unknown-format",
                    f"unknown format {fmt!r}: this replay-tui reads {FORMAT!r}",
                    "format",
                )
            return None
        head = {k: v for k, v in raw.items() if k not in SECTIONS}
        # Placeholders stand in for missing head fields so the entries still get checked.
        head_value, _ = _convert_all(
            head, Session, "", self.problems, {"id": "x", "title": "", "timezone": "UTC"}
        )
        sections: dict[str, list[Any]] = {}
        for name, struct in SECTIONS.items():
            if name not in raw:
                continue
            items = raw[name]
            if not isinstance(items, list):
                self.error(
                    "wrong-type",
                    f"`{name}` must be an array of tables ([[{name}]] entries), "
                    f"not {_type_name(items)}",
                    name,
                )
                continue
            converted: list[Any] = []
            origin: list[int] = []
            ids: set[str] = set()
            for index, item in enumerate(items):
                if len(self.problems) >= guard.MAX_PROBLEMS:
                    # Junk that parses (a list of 100,000 empty tables) is not read to its
                    # end: every entry set aside costs a retry, a problem and its place.
                    self.problems.append(replace(guard.stopped(), path=f"{name}[{index}]"))
                    self.out.stopped = True
                    return None
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids.add(item["id"])
                value, _ = _convert_all(item, struct, f"{name}[{index}]", self.problems)
                if value is not None:
                    converted.append(value)
                    origin.append(index)
            sections[name] = converted
            self.out.raw_ids[name] = ids
            self.out.origins[name] = origin
        if head_value is None:
            return None
        # Semantic checks still run on what could be read (with the offending fields set
        # aside), so that one bad post does not hide a dangling reference elsewhere; ids of
        # unreadable entries count as known so they raise no false alarms.
        session: Session = msgspec.structs.replace(head_value, **sections)
        return session


_FIELDS = frozenset(Session.__struct_encode_fields__)
"""The names a session's top level may have, as written in a file. (Not from
`msgspec.structs.fields`, which reads every annotation of the class: 5 ms at each start.)"""


def _json_fields(data: bytes) -> Any:
    """The top level of a JSON file as plain values, except that what is under a name the
    format does not know is not decoded: it is refused by its name alone, and decoding
    it could cost dozens of times its size (30,000 empty lists take 2 MB of text, 60 MB
    decoded)."""
    try:
        top = msgspec.json.decode(data, type=dict[str, msgspec.Raw])
    except msgspec.ValidationError:  # not an object at the top: said as such
        return msgspec.json.decode(data)
    return {
        name: msgspec.json.decode(value) if name in _FIELDS else None for name, value in top.items()
    }


_MSGSPEC_PATH = r" - at `\$(.*)`$"


def _convert_all(
    item: Any,
    struct: type[Any],
    prefix: str,
    problems: list[Problem],
    placeholders: dict[str, Any] | None = None,
) -> tuple[Any | None, bool]:
    """Convert `item` into `struct`, reporting every error: after each one the offending
    field is set aside and the conversion tried again. Returns the value read with the
    offending fields set aside (None if even that failed) and whether `item` was clean."""
    if not isinstance(item, dict):
        problems.append(
            Problem(
                "error",
                "wrong-type",
                f"expected a table of fields, got {_type_name(item)}",
                prefix,
            )
        )
        return None, False
    work: Any = item
    reported: set[str] = set()
    for _ in range(64):
        try:
            return msgspec.convert(work, struct), work is item
        except msgspec.ValidationError as exc:
            message, subpath = _split_message(str(exc))
            path = _join(prefix, subpath)
            code, words, field_name = _in_user_words(message)
            target = _join(path, field_name) if field_name else path
            if target not in reported:
                problems.append(Problem("error", code, words, target))
                reported.add(target)
            if code == "missing-field":
                if placeholders and field_name in placeholders:
                    work = {**work, field_name: placeholders.pop(field_name)}
                    continue
                break
            work = _without(work, subpath, field_name, code)
            if work is None:
                break
    return None, False


def _split_message(message: str) -> tuple[str, str]:
    match = re.search(_MSGSPEC_PATH, message)
    if not match:
        return message, ""
    sub = match.group(1).lstrip(".")
    return message[: match.start()], sub


def _join(prefix: str, sub: str) -> str:
    if not sub:
        return prefix
    if not prefix:
        return sub
    return prefix + sub if sub.startswith("[") else f"{prefix}.{sub}"


_RULES: list[tuple[str, str]] = [
    (r"Object missing required field `(?P<f>[^`]+)`", "missing-field"),
    (r"Object contains unknown field `(?P<f>[^`]+)`", "unknown-field"),
    (r"Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`", "wrong-type"),
    (r"Invalid enum value (?P<v>.+)", "bad-value"),
    (r"Expected `str` matching regex (?P<re>.+)", "bad-value"),
    (r"Expected `(?P<want>[^`]+)` >= (?P<n>\S+)", "bad-value"),
    (r"Expected `(?P<want>[^`]+)` of length >= (?P<n>\S+)", "bad-value"),
]


def _in_user_words(message: str) -> tuple[str, str, str]:
    """msgspec's message -> (code, words for a curator, field name it is about or '')."""
    for pattern, code in _RULES:
        match = re.match(pattern, message)
        if not match:
            continue
        g = match.groupdict()
        if code == "missing-field":
            return code, f"missing the required field `{g['f']}`", g["f"]
        if code == "unknown-field":
            return (
                code,
                f"unknown field `{g['f']}`: check its spelling against the session format, "
                "or remove it",
                g["f"],
            )
        if code == "wrong-type":
            got = "nothing (null)" if g["got"] == "null" else _want(g["got"])
            return code, f"expected {_want(g['want'])}, got {got}", ""
        if "v" in g:
            return code, f"{g['v']} is not one of the allowed values (see `replay-tui schema`)", ""
        if "re" in g:
            return code, "use only letters, digits and '-' here", ""
        if "length" in message:
            return code, "this must not be empty", ""
        return code, f"this must be at least {g['n']}", ""
    return "invalid", message[0].lower() + message[1:], ""


def _want(name: str) -> str:
    names = {
        "str": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "array": "a list",
        "object": "a table",
    }
    # `null` is how msgspec names an absent optional field; TOML has no null to write.
    parts = [names.get(p.strip(), p.strip()) for p in name.split("|") if p.strip() != "null"]
    return " or ".join(parts)


def _without(work: Any, subpath: str, field_name: str, code: str) -> Any | None:
    """`work` with the part an error is about set aside, so that the next error can surface;
    None if it cannot be. Only the tables and lists on the way to that part are copied: the
    rest is shared with `work`, which is left as it was (a deep copy of each entry, or of
    the head with whatever junk it holds, cost more than the parser's own objects)."""
    parts = list(split_path(subpath))
    if code == "unknown-field" and field_name:
        parts.append(field_name)
    if not parts or code == "missing-field":
        return None
    top = _shallow(work)
    node = top
    for depth, part in enumerate(parts):
        if not _holds(node, part):
            return None
        if depth == len(parts) - 1:
            node.pop(part)
            return top
        child = _shallow(node[part])
        if child is None:
            return None
        node[part] = child
        node = child
    return None


def _holds(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node)


def _shallow(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return None


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def _plain_times(value: Any) -> Any:
    """TOML lets a curator write `time = 2013-10-22` without quotes; read such native
    dates and times as the same text the format specifies. In place: the tables and lists
    are the parser's, fresh, and a copy would double what a file of tiny tables costs."""
    stack = [value]
    while stack:
        node = stack.pop()
        keys = node.keys() if isinstance(node, dict) else range(len(node))
        for key in keys:
            item = node[key]
            if isinstance(item, dict | list):
                stack.append(item)
            elif isinstance(item, datetime | date | time):
                node[key] = item.isoformat()
    return value
