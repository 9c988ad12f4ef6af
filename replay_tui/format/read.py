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

import gc
import os
import re
from _thread import allocate_lock
from datetime import date, datetime, time, tzinfo
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import msgspec

from replay_tui.format import guard
from replay_tui.format.model import FORMAT, SECTIONS, Chapter, Participant, Post, Session, Source
from replay_tui.format.problems import Problem, SessionError

if TYPE_CHECKING:
    import tomllib

    from replay_tui.format.times import Moment

# `locate`, `copy` and `pathlib` are imported where they are used: only a file with problems
# needs the first two, and `replay-tui check` starts measurably faster without them (see
# bench/run.py, where a whole process is compared with a bare msgspec decode).

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
"""Files larger than this are refused before they are read; `--max-size` raises it."""

EXTENSIONS = {".toml": "toml", ".json": "json"}

FREEZE_BYTES = 16 * 1024 * 1024
"""From this size on (about 60,000 posts), a loaded session is frozen out of the cyclic
garbage collector; see `read_session`."""


class LoadedSession:
    """A checked session and what follows from it, ready for the replayer.

    `times[i]` is the resolved time of `session.posts[i]` (None when unknown), derived from
    a status URL where the file gives no exact time. `post_index` maps each post id to its
    position in `session.posts`.

    Both are made on first use when the checker did not need them (pass None): at a million
    posts they cost about half a second and 125 MB, which `replay-tui check` never uses.
    They are the same values the checker would have made, and are made once, whichever
    thread asks first.
    """

    def __init__(
        self,
        session: Session,
        file: str,
        zone: tzinfo,
        times: list[Moment | None] | None,
        post_index: dict[str, int] | None,
        participants: dict[str, Participant],
        sources: dict[str, Source],
        chapter_starts: list[tuple[int, Chapter]],
        warnings: list[Problem] | None = None,
    ) -> None:
        self.session = session
        self.file = file
        self.zone = zone
        self._times = times
        self._post_index = post_index
        self.participants = participants
        self.sources = sources
        self.chapter_starts = chapter_starts
        self.warnings: list[Problem] = [] if warnings is None else warnings
        self._making = allocate_lock()

    @property
    def times(self) -> list[Moment | None]:
        times = self._times
        if times is None:
            with self._making:
                if self._times is None:
                    from replay_tui.format.check import post_times

                    self._times = post_times(self.session, self.zone)
                times = self._times
        return times

    @times.setter
    def times(self, value: list[Moment | None]) -> None:
        self._times = value

    @property
    def post_index(self) -> dict[str, int]:
        index = self._post_index
        if index is None:
            with self._making:
                if self._post_index is None:
                    posts = self.session.posts
                    self._post_index = dict(zip(map(_ID, posts), range(len(posts)), strict=True))
                index = self._post_index
        return index

    @post_index.setter
    def post_index(self, value: dict[str, int]) -> None:
        self._post_index = value

    def post(self, post_id: str) -> Post:
        return self.session.posts[self.post_index[post_id]]

    def __repr__(self) -> str:
        return f"LoadedSession(file={self.file!r}, session={self.session.id!r})"


_ID = attrgetter("id")


def parse_size(text: str) -> int:
    """'512M', '2G', '1000000' -> bytes, for `--max-size`."""
    match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)(?:i?[bB])?\s*", text)
    if not match:
        raise ValueError(f"cannot read the size {text!r}: write it like 512M or 2G")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(match.group(1)) * scale


def read_session(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    freeze: bool = False,
    lazy: bool = False,
) -> tuple[LoadedSession | None, list[Problem]]:
    """Read and check a session file. Returns the session (None if it has errors) and every
    problem found, errors and warnings, each located in the file where that can be known.

    `freeze`: for a large file, freeze what is alive after loading out of the cyclic
    collector. That is process-wide (it also pins whatever else is alive then), so only the
    command line asks for it, where the session lives as long as the process.

    `lazy`: for a caller that wants the verdict rather than the session (`replay-tui
    check`): the session's `post_index` and `times` are made on first use, not here.
    """
    name = os.fspath(path)
    reader = _Reader(name, max_bytes, lazy=lazy)
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
    def __init__(self, file: str, max_bytes: int, *, lazy: bool = False) -> None:
        self.file = file
        self.max_bytes = max_bytes
        self.lazy = lazy
        self.kind = EXTENSIONS.get(_suffix(file).lower(), "")
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
        if (refused := guard.not_a_file(self.file)) is not None:
            self.problems.append(refused)
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
                # Asked for the limit, `read` would reserve that much memory at once.
                self.data = handle.read(size + 1)
                if len(self.data) > size:  # it grew, or its size is unknown (/proc)
                    self.data += handle.read(self.max_bytes + 1 - len(self.data))
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
        return self.decode_and_check()

    def decode_and_check(self) -> LoadedSession | None:
        """Stages 2 and 3."""
        session: Session | None = None
        typed: Exception | None = None
        if self.kind == "json":
            # Decoded into the model, a JSON file is valid UTF-8: unknown fields are refused
            # and every string is decoded (strictly: msgspec raises UnicodeDecodeError), so
            # any byte beyond ASCII is in a string that was checked. Only a file that fails
            # here needs the separate UTF-8 check below, a pass over every byte.
            try:
                session = msgspec.json.decode(self.data, type=Session)
            except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as exc:
                # Without its traceback: kept with one, it would hold this frame, and the
                # file's bytes with it, in a reference cycle.
                typed = exc.with_traceback(None)
        if session is None:
            if not self._check_utf8():
                return None
            session = self.structure(typed)
            if session is None:
                return None
        self.utf8 = True
        from replay_tui.format.check import check_session

        loaded, problems = check_session(session, self.file, self.raw_ids, lazy=self.lazy)
        # A field set aside for its wrong shape would also look missing to the meaning
        # checks: say one thing about each place.
        shaped = [p.path for p in self.problems]
        for problem in map(self._file_indices, problems):
            if problem.code == "missing-field" and shaped and _within(problem.path, shaped):
                continue
            self.problems.append(problem)
        if any(p.severity == "error" for p in self.problems):
            return None
        return loaded

    def _check_utf8(self) -> bool:
        try:
            # ASCII is UTF-8 (a fast scan); other JSON is decoded to check, then let go.
            if self.kind == "toml":
                self.text = self.data.decode("utf-8")
            elif not self.data.isascii():
                self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            from replay_tui.format import locate

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
        self.utf8 = True
        return True

    # --- stage 2: structure --------------------------------------------------------------

    def structure(self, typed: Exception | None = None) -> Session | None:
        """The session in the file, or None with its problems said. `typed`: what the typed
        JSON decode already raised, so that it is not run twice."""
        raw: Any
        if self.kind == "json":
            if limits := guard.json_limits(self.data):
                self.problems += limits
                return None
            if typed is None:
                try:
                    return msgspec.json.decode(self.data, type=Session)
                except msgspec.ValidationError:
                    pass
                except msgspec.DecodeError as exc:
                    self._json_syntax(exc)
                    return None
            elif isinstance(typed, msgspec.DecodeError) and not isinstance(
                typed, msgspec.ValidationError
            ):
                self._json_syntax(typed)
                return None
            try:
                # The typed pass stops at the first wrong value, maybe before a syntax error.
                raw = msgspec.json.decode(self.data)
            except msgspec.DecodeError as exc:
                self._json_syntax(exc)
                return None
            except guard.PARSER_LIMITS as exc:
                self.problems.append(guard.parser_gave_up(exc))
                return None
        else:
            import tomllib  # only for TOML: JSON files, the big ones, start faster without it

            assert self.text is not None
            if limits := guard.toml_limits(self.text):
                self.problems += limits
                return None
            try:
                raw = tomllib.loads(self.text)
            except tomllib.TOMLDecodeError as exc:
                self._toml_syntax(exc)
                return None
            except guard.PARSER_LIMITS as exc:
                self.problems.append(guard.parser_gave_up(exc))
                return None
            raw = _plain_times(raw)
            try:
                return msgspec.convert(raw, Session)
            except msgspec.ValidationError:
                pass
        return self._thorough(raw)

    def _json_syntax(self, exc: msgspec.DecodeError) -> None:
        from replay_tui.format import locate

        message = str(exc)
        match = re.search(r"\(byte (\d+)\)", message)
        if match:
            line, column = locate.byte_line_col(self.data, int(match.group(1)))
            message = message[: match.start()].strip()
        else:
            line, column = locate.byte_line_col(self.data, len(self.data))
        message = re.sub(r" - at `\$[^`]*`$", "", message)  # a path into nothing yet
        what = message.rstrip(".").removeprefix("JSON is malformed: ")
        if what.startswith("Input data was truncated"):
            what = "the file ends too early (is it cut off?)"
        elif what[:1].isupper() and not what[1:2].isupper():
            what = what[0].lower() + what[1:]
        self.problems.append(
            Problem("error", "not-json", f"not valid JSON: {what}", line=line, column=column)
        )

    def _toml_syntax(self, exc: tomllib.TOMLDecodeError) -> None:
        from replay_tui.format import locate

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
        positions: dict[str, tuple[int, int]] = {}
        if unplaced and self.utf8:
            from replay_tui.format import locate

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


# Patterns are compiled (and cached by `re`) on first use: a valid file never needs them.
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
                import copy

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


def _remove(work: Any, subpath: str, field_name: str, code: str) -> bool:
    """Set aside the part of `work` an error is about, so the next error can surface."""
    from replay_tui.format.locate import split_path

    parts = list(split_path(subpath))
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


def _within(path: str, shaped: list[str]) -> bool:
    """Whether one of `shaped` is `path` or lies inside it."""
    from replay_tui.format.locate import split_path

    parts = split_path(path)
    return any(split_path(other)[: len(parts)] == parts for other in shaped)


def _suffix(file: str) -> str:
    """`pathlib.Path(file).suffix`, without importing pathlib (and urllib with it) on the
    way to checking a file."""
    separators = os.sep + (os.altsep or "")
    name = ""
    for part in reversed(re.split(f"[{re.escape(separators)}]", file)):
        if part and part != ".":
            name = part
            break
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"
