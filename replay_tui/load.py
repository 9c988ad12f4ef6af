"""Read a session file into a `LoadedSession`, or say everything that is wrong with it.

This is the one door through which session files enter replay-tui: the checker, the
library listing and the app all call `read_session`. It reads in three stages:

1. bytes: size limit (before reading into memory), binary and encoding checks;
2. structure: TOML or JSON by extension, decoded into the Structs of `model.py`. A valid
   file takes msgspec's typed fast path; an invalid one is re-read entry by entry so that
   every structural error is reported, not only the first;
3. meaning: ids, references, times, order and use, checked by `check.py`.

Problems are then placed on lines and columns by `locate.py`.
"""

from __future__ import annotations

import copy
import gc
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from . import locate
from .model import FORMAT, SECTIONS, Chapter, Participant, Post, Session, Source
from .problems import Problem, SessionError
from .times import Moment

if TYPE_CHECKING:
    import tomllib

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
"""Files larger than this are refused before they are read; `--max-size` raises it."""

EXTENSIONS = {".toml": "toml", ".json": "json"}

FREEZE_BYTES = 16 * 1024 * 1024
"""From this size on (about 60,000 posts), a loaded session is frozen out of the cyclic
garbage collector; see `read_session`."""


@dataclass
class LoadedSession:
    """A checked session and what follows from it, ready for the replayer.

    `times[i]` is the resolved time of `session.posts[i]` (None when unknown), derived from
    a status URL where the file gives no exact time.
    """

    session: Session
    file: str
    zone: tzinfo
    times: list[Moment | None]
    post_index: dict[str, int]
    participants: dict[str, Participant]
    sources: dict[str, Source]
    chapter_starts: list[tuple[int, Chapter]]
    warnings: list[Problem] = field(default_factory=list)

    def post(self, post_id: str) -> Post:
        return self.session.posts[self.post_index[post_id]]


def parse_size(text: str) -> int:
    """'512M', '2G', '1000000' -> bytes, for `--max-size`."""
    match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)(?:i?[bB])?\s*", text)
    if not match:
        raise ValueError(f"cannot read the size {text!r}: write it like 512M or 2G")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(match.group(1)) * scale


def read_session(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, freeze: bool = False
) -> tuple[LoadedSession | None, list[Problem]]:
    """Read and check a session file. Returns the session (None if it has errors) and every
    problem found, errors and warnings, each located in the file where that can be known.

    `freeze`: for a large file, freeze what is alive after loading out of the cyclic
    collector. That is process-wide (it also pins whatever else is alive then), so only the
    command line asks for it, where the session lives as long as the process.
    """
    name = os.fspath(path)
    reader = _Reader(name, max_bytes)
    try:
        big = freeze and os.path.getsize(name) >= FREEZE_BYTES
    except OSError:
        big = False  # the reader says what is wrong with the file
    # Decoding and checking a large session creates millions of objects, none of them in a
    # reference cycle; left on, the collector rescans them all again and again (measured:
    # 0.7 s instead of 0.2 s to decode 200,000 posts).
    collecting = gc.isenabled()
    if collecting and big:
        gc.collect()  # so that only live objects are frozen below
    gc.disable()
    try:
        loaded = reader.run()
        if collecting and big and loaded is not None:
            # What a session holds (a tuple of sources per post, …) is tracked by the
            # collector but can form no cycle and lives as long as the session. Its first
            # pass over them would cost 0.15 s per million posts, at the app's first frame
            # or the checker's exit, and every full pass after that again: freeze them out
            # of its sight (they are still freed as usual when no longer referenced).
            gc.freeze()
    finally:
        if collecting:
            gc.enable()
    problems = reader.locate()
    problems.sort(key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))
    if loaded is not None:
        loaded.warnings = [p for p in problems if p.severity == "warning"]
    return loaded, problems


def load_session(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadedSession:
    """Read a session for use; raises SessionError carrying every problem if it has errors."""
    loaded, problems = read_session(path, max_bytes=max_bytes)
    if loaded is None:
        raise SessionError(os.fspath(path), problems)
    return loaded


class _Reader:
    def __init__(self, file: str, max_bytes: int) -> None:
        self.file = file
        self.max_bytes = max_bytes
        self.kind = EXTENSIONS.get(Path(file).suffix.lower(), "")
        self.data = b""
        self.text: str | None = None
        """The file as text: made for TOML, and for JSON only when a problem must be placed
        on a line (a million-post file would otherwise hold its text twice)."""
        self.utf8 = False
        self.problems: list[Problem] = []
        self.raw_ids: dict[str, set[str]] = {}
        # For each section read entry by entry: the file index of each entry that was kept.
        self.origins: dict[str, list[int]] = {}

    def error(self, code: str, message: str, path: str = "") -> None:
        self.problems.append(Problem("error", code, message, path))

    # --- stage 1: bytes ------------------------------------------------------------------

    def run(self) -> LoadedSession | None:
        if os.path.isdir(self.file):
            self.error("unreadable", "this is a folder, not a session file")
            return None
        if not self.kind:
            self.error(
                "unknown-extension",
                "a session file must end in .toml or .json; rename it to say which it is",
            )
            return None
        try:
            size = os.stat(self.file).st_size
            if size > self.max_bytes:
                self.error(
                    "too-large",
                    f"the file is {_human(size)}, over the limit of {_human(self.max_bytes)}; "
                    "if it really is a session, raise the limit with --max-size",
                )
                return None
            with open(self.file, "rb") as handle:
                self.data = handle.read(self.max_bytes + 1)
        except IsADirectoryError:
            self.error("unreadable", "this is a folder, not a session file")
            return None
        except OSError as exc:
            self.error("unreadable", f"cannot read the file: {exc.strerror or exc}")
            return None
        if len(self.data) > self.max_bytes:
            self.error("too-large", "the file grew past the size limit while being read")
            return None
        if not self.data or self.data.isspace():  # (strip() would copy the whole file)
            self.error(
                "empty",
                "the file is empty; a session needs at least format, id, title and timezone",
            )
            return None
        if b"\x00" in self.data[:8192]:
            self.error(
                "binary", "this is a binary file, not a TOML or JSON session (it holds NUL bytes)"
            )
            return None
        if self.data.startswith(b"\xef\xbb\xbf"):
            self.data = self.data[3:]
        try:
            # ASCII is UTF-8 (a fast scan); other JSON is decoded to check, then let go.
            if self.kind == "toml":
                self.text = self.data.decode("utf-8")
            elif not self.data.isascii():
                self.data.decode("utf-8")
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
            return None
        self.utf8 = True
        session = self.structure()
        if session is None:
            return None
        from .check import check_session

        loaded, problems = check_session(session, self.file, self.raw_ids)
        # A field set aside for its wrong shape would also look missing to the meaning
        # checks: say one thing about each place.
        shaped = [p.path for p in self.problems]
        for problem in map(self._file_indices, problems):
            if problem.code == "missing-field" and any(
                locate.split_path(path)[: len(locate.split_path(problem.path))]
                == locate.split_path(problem.path)
                for path in shaped
            ):
                continue
            self.problems.append(problem)
        if any(p.severity == "error" for p in self.problems):
            return None
        return loaded

    # --- stage 2: structure --------------------------------------------------------------

    def structure(self) -> Session | None:
        raw: Any
        if self.kind == "json":
            try:
                return msgspec.json.decode(self.data, type=Session)
            except msgspec.ValidationError:
                pass
            except msgspec.DecodeError as exc:
                self._json_syntax(exc)
                return None
            try:
                # The typed pass stops at the first wrong value, maybe before a syntax error.
                raw = msgspec.json.decode(self.data)
            except msgspec.DecodeError as exc:
                self._json_syntax(exc)
                return None
        else:
            import tomllib  # only for TOML: JSON files, the big ones, start faster without it

            assert self.text is not None
            try:
                raw = tomllib.loads(self.text)
            except tomllib.TOMLDecodeError as exc:
                self._toml_syntax(exc)
                return None
            raw = _plain_times(raw)
            try:
                return msgspec.convert(raw, Session)
            except msgspec.ValidationError:
                pass
        return self._thorough(raw)

    def _json_syntax(self, exc: msgspec.DecodeError) -> None:
        message = str(exc)
        match = re.search(r"\(byte (\d+)\)", message)
        if match:
            line, column = locate.byte_line_col(self.data, int(match.group(1)))
            message = message[: match.start()].strip()
        else:
            line, column = locate.byte_line_col(self.data, len(self.data))
        what = message.rstrip(".").removeprefix("JSON is malformed: ")
        if what.startswith("Input data was truncated"):
            what = "the file ends too early (is it cut off?)"
        elif what[:1].isupper() and not what[1:2].isupper():
            what = what[0].lower() + what[1:]
        self.problems.append(
            Problem("error", "not-json", f"not valid JSON: {what}", line=line, column=column)
        )

    def _toml_syntax(self, exc: tomllib.TOMLDecodeError) -> None:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = column = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()].strip()
        elif "end of document" in message:
            line, column = locate.line_col(self.text or "", len(self.text or ""))
        self.problems.append(
            Problem(
                "error",
                "not-toml",
                f"not valid TOML: {message[0].lower() + message[1:]}",
                line=line,
                column=column,
            )
        )

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
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids.add(item["id"])
                value, _ = _convert_all(item, struct, f"{name}[{index}]", self.problems)
                if value is not None:
                    converted.append(value)
                    origin.append(index)
            sections[name] = converted
            self.raw_ids[name] = ids
            self.origins[name] = origin
        if head_value is None:
            return None
        # Semantic checks still run on what could be read (with the offending fields set
        # aside), so that one bad post does not hide a dangling reference elsewhere; ids of
        # unreadable entries count as known so they raise no false alarms.
        session: Session = msgspec.structs.replace(head_value, **sections)
        return session

    def _file_indices(self, problem: Problem) -> Problem:
        """Entries that could not be read are left out of the checked session; put the
        index each kept entry has in the file back into the problem's path."""
        if not self.origins:
            return problem
        match = re.match(r"(\w+)\[(\d+)\]", problem.path)
        if not match or match.group(1) not in self.origins:
            return problem
        origin = self.origins[match.group(1)]
        index = origin[int(match.group(2))]
        path = f"{match.group(1)}[{index}]" + problem.path[match.end() :]
        return Problem(problem.severity, problem.code, problem.message, path)

    # --- locating ------------------------------------------------------------------------

    def locate(self) -> list[Problem]:
        unplaced = [p for p in self.problems if p.line is None and p.path]
        positions: dict[str, locate.Position] = {}
        if unplaced and self.utf8:
            if self.text is None:
                self.text = self.data.decode("utf-8")
            paths = {p.path for p in unplaced}
            try:
                if self.kind == "toml":
                    positions = locate.locate_toml(self.text, paths)
                else:
                    positions = locate.locate_json(self.text, paths)
            except (ValueError, AssertionError, IndexError, RecursionError):
                positions = {}
        placed: list[Problem] = []
        for problem in self.problems:
            if problem.line is None and problem.path in positions:
                line, column = positions[problem.path]
                placed.append(problem.located(self.file, line, column))
            else:
                placed.append(problem.located(self.file, problem.line, problem.column))
        return placed


_MSGSPEC_PATH = re.compile(r" - at `\$(.*)`$")


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
    work = item
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
            if work is item:
                work = copy.deepcopy(item)
            if code == "missing-field":
                if placeholders and field_name in placeholders:
                    work[field_name] = placeholders.pop(field_name)
                    continue
                break
            if not _remove(work, subpath, field_name, code):
                break
    return None, False


def _split_message(message: str) -> tuple[str, str]:
    match = _MSGSPEC_PATH.search(message)
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


_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Object missing required field `(?P<f>[^`]+)`"), "missing-field"),
    (re.compile(r"Object contains unknown field `(?P<f>[^`]+)`"), "unknown-field"),
    (re.compile(r"Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`"), "wrong-type"),
    (re.compile(r"Invalid enum value (?P<v>.+)"), "bad-value"),
    (re.compile(r"Expected `str` matching regex (?P<re>.+)"), "bad-value"),
    (re.compile(r"Expected `(?P<want>[^`]+)` >= (?P<n>\S+)"), "bad-value"),
    (re.compile(r"Expected `(?P<want>[^`]+)` of length >= (?P<n>\S+)"), "bad-value"),
]


def _in_user_words(message: str) -> tuple[str, str, str]:
    """msgspec's message -> (code, words for a curator, field name it is about or '')."""
    for pattern, code in _RULES:
        match = pattern.match(message)
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


def _remove(work: Any, subpath: str, field_name: str, code: str) -> bool:
    """Set aside the part of `work` an error is about, so the next error can surface."""
    parts = list(locate.split_path(subpath))
    if code == "unknown-field" and field_name:
        parts.append(field_name)
    if not parts:
        return False
    node = work
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = parts[-1]
    if code == "missing-field":
        return False
    try:
        if isinstance(node, list) and isinstance(last, int):
            node.pop(last)
        elif isinstance(node, dict):
            node.pop(last)
        else:
            return False
    except (KeyError, IndexError):
        return False
    return True


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
    dates and times as the same text the format specifies."""
    if isinstance(value, dict):
        return {k: _plain_times(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_times(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"
