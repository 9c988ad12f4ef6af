"""Read a session file into a `LoadedSession`, or say everything that is wrong with it.

This is the one door through which session files enter replay-tui: the checker, the
library listing and the app all call `read_session`. Data flows one way through it:

1. bytes (here): size limit (before reading into memory), binary and encoding checks;
2. structure (`structure.py`): TOML or JSON by extension, decoded into the Structs of
   `model.py`, every structural error said;
3. meaning (`check.py`): ids, references, times, order and use; it gives the indexed
   session (`loaded.py`) when there is no error.

The problems of stages 2 and 3 are then placed on lines and columns by `locate.py`.
"""

from __future__ import annotations

import gc
import os
import re

from replay_tui.format import guard, locate
from replay_tui.format.check import check_session
from replay_tui.format.loaded import LoadedSession
from replay_tui.format.locate import join_path, split_path
from replay_tui.format.problems import Problem, Report, SessionError
from replay_tui.format.structure import Decoded, Kind, SessionFile, decode

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "LoadedSession",
    "load_session",
    "parse_size",
    "read_session",
]

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
"""Files larger than this are refused before they are read; `--max-size` raises it."""

EXTENSIONS: dict[str, Kind] = {".toml": "toml", ".json": "json"}

FREEZE_BYTES = 16 * 1024 * 1024
"""From this size on (about 60,000 posts), a loaded session is frozen out of the cyclic
garbage collector; see `read_session`."""


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
    command line and the app ask for it, where little else is alive and the session lives
    as long as the process, or as long as `replay-tui check` reports on it (frozen objects
    are still freed once no longer referenced).

    `lazy`: for a caller that wants the verdict rather than the session (`replay-tui
    check`): the session's `post_index` and `times` are made on first use, not here.
    """
    name = os.fspath(path)
    try:
        big = freeze and os.path.getsize(name) >= FREEZE_BYTES
    except OSError:
        big = False  # reading says what is wrong with the file
    # Decoding and checking a large session creates millions of objects, none of them in a
    # reference cycle; left on, the collector rescans them all again and again (measured:
    # 0.7 s instead of 0.2 s to decode 200,000 posts).
    collecting = gc.isenabled()
    if collecting and big:
        gc.collect()  # so that only live objects are frozen below
    gc.disable()
    try:
        file, decoded, loaded, problems = _read(name, max_bytes, lazy)
        if loaded is not None and not lazy:
            loaded.post_index  # noqa: B018  (made now, off the caller's interface thread)
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
    # Only what is said is placed on its line: placing 100,000 problems of a junk file
    # would take seconds.
    problems = _located(guard.capped(problems), name, file, decoded)
    problems.sort(
        key=lambda p: (p.code == guard.TOO_MANY, p.severity != "error", p.line or 0, p.column or 0)
    )
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


def _read(
    name: str, max_bytes: int, lazy: bool
) -> tuple[SessionFile | None, Decoded | None, LoadedSession | None, list[Problem]]:
    """The three stages, each given what the one before made."""
    report = Report()
    file = _read_bytes(name, max_bytes, report)
    if file is None:
        return None, None, None, report.problems
    decoded = decode(file)
    if decoded.session is None or decoded.stopped:
        return file, decoded, None, decoded.problems
    loaded, meaning = check_session(decoded.session, name, decoded.raw_ids, lazy=lazy)
    problems = list(decoded.problems)
    # A field set aside for its wrong shape would also look missing to the meaning checks:
    # say one thing about each place.
    shaped = [p.path for p in problems]
    for problem in meaning:
        problem = _file_indices(problem, decoded.origins)
        if problem.code == "missing-field" and shaped and _within(problem.path, shaped):
            continue
        problems.append(problem)
    if any(p.severity == "error" for p in problems):
        loaded = None
    return file, decoded, loaded, problems


# --- stage 1: bytes ----------------------------------------------------------------------


def _read_bytes(name: str, max_bytes: int, report: Report) -> SessionFile | None:
    """The file's bytes, if they can be a session; else None, with the reason said."""
    if os.path.isdir(name):
        report.error("unreadable", "this is a folder, not a session file")
        return None
    kind = EXTENSIONS.get(os.path.splitext(os.path.normpath(name))[1].lower())
    if kind is None:
        report.error(
            "unknown-extension",
            "a session file must end in .toml or .json; rename it to say which it is",
        )
        return None
    if (refused := guard.not_a_file(name)) is not None:
        report.problems.append(refused)
        return None
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            report.error(
                "too-large",
                f"the file is {_human(size)}, over the limit of {_human(max_bytes)}; "
                "if it really is a session, raise the limit with --max-size",
            )
            return None
        with open(name, "rb") as handle:
            # Asked for the limit, `read` would reserve that much memory at once.
            data = handle.read(size + 1)
            if len(data) > size:  # it grew, or its size is unknown (/proc)
                data += handle.read(max_bytes + 1 - len(data))
    except IsADirectoryError:
        report.error("unreadable", "this is a folder, not a session file")
        return None
    except OSError as exc:
        report.error("unreadable", f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(data) > max_bytes:
        report.error("too-large", "the file grew past the size limit while being read")
        return None
    if not data or data.isspace():  # (strip() would copy the whole file)
        report.error(
            "empty", "the file is empty; a session needs at least format, id, title and timezone"
        )
        return None
    if b"\x00" in data[:8192]:
        report.error(
            "binary", "this is a binary file, not a TOML or JSON session (it holds NUL bytes)"
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return SessionFile(name, kind, data)


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"


# --- after stage 3: what to say, and where -------------------------------------------------


def _file_indices(problem: Problem, origins: dict[str, list[int]]) -> Problem:
    """Entries that could not be read are left out of the checked session; put the index
    each kept entry has in the file back into the problem's path."""
    if not origins:
        return problem
    match = re.match(r"(\w+)\[(\d+)\]", problem.path)
    if not match or match.group(1) not in origins:
        return problem
    index = origins[match.group(1)][int(match.group(2))]
    path = f"{match.group(1)}[{index}]" + problem.path[match.end() :]
    return Problem(problem.severity, problem.code, problem.message, path)


def _within(path: str, shaped: list[str]) -> bool:
    """Whether one of `shaped` is `path` or lies inside it."""
    parts = split_path(path)
    return any(split_path(other)[: len(parts)] == parts for other in shaped)


def _located(
    problems: list[Problem], name: str, file: SessionFile | None, decoded: Decoded | None
) -> list[Problem]:
    """`problems` with the file named, and each placed on its line and column where the
    file's text lets that be known."""
    # A missing field is placed where its table is: looking for it would read the whole
    # file (a scan stops once it has found every path it was asked for).
    unplaced = {_where(p) for p in problems if p.line is None and p.path}
    positions: dict[str, tuple[int, int]] = {}
    if unplaced and file is not None and decoded is not None and decoded.utf8:
        text = file.as_text()
        try:
            if file.kind == "toml":
                positions = locate.locate_toml(text, unplaced)
            else:
                positions = locate.locate_json(text, unplaced)
        except (ValueError, AssertionError, IndexError, RecursionError):
            positions = {}
    placed: list[Problem] = []
    for problem in problems:
        if problem.line is None and _where(problem) in positions:
            line, column = positions[_where(problem)]
            placed.append(problem.located(name, line, column))
        else:
            placed.append(problem.located(name, problem.line, problem.column))
    return placed


def _where(problem: Problem) -> str:
    """The path that places `problem`: for a field that is missing, its table."""
    parts = split_path(problem.path)
    if problem.code == "missing-field" and parts and f"`{parts[-1]}`" in problem.message:
        return join_path(parts[:-1])
    return problem.path
