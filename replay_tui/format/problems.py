"""What is wrong with a session file, said so that its author can fix it.

Every failure of reading or checking a session becomes a `Problem` that names the file, the
line and column where they can be known, the field path, and what to do. The checker prints
them; the app shows them; nothing in between ever lets a traceback reach the user.

`Report` is how the reading and the checks collect them, with the wording of the problems
more than one rule says (a reference to nothing, a time that cannot be read).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from typing import Literal

from replay_tui.format.times import Moment, TimeError, parse

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning about one place in one file."""

    severity: Severity
    code: str
    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    not_listed: int = 0
    """For a notice that problems were left out (`too-many-problems`): how many, when known."""

    def located(self, file: str, line: int | None, column: int | None) -> Problem:
        return replace(self, file=file, line=line, column=column)

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" (at {self.path})" if self.path else ""
        return f"{where}: {self.severity}: {self.message}{at}"

    def as_dict(self) -> dict[str, object]:
        """The problem for `check --format json`, its keys in the documented order."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "path": self.path,
        }


@dataclass(eq=True)
class SessionError(Exception):
    """A session that cannot be used: it carries every problem found, errors first."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.file, self.problems)

    @property
    def first(self) -> Problem:
        errors = [p for p in self.problems if p.severity == "error"]
        return (errors or self.problems)[0]

    def __str__(self) -> str:
        return str(self.first) if self.problems else f"{self.file}: cannot be read"


class Report:
    """The problems found so far, in the order they were found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, code: str, message: str, path: str = "") -> None:
        self.problems.append(Problem("error", code, message, path))

    def warn(self, code: str, message: str, path: str) -> None:
        self.problems.append(Problem("warning", code, message, path))

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def dangling(self, value: str, what: str, path: str) -> None:
        """A reference to an id that no `what` (post, source, participant) has."""
        self.error(
            "dangling-reference",
            f"no {what} has the id {value!r}; add it to [[{what}s]] or correct the reference",
            path,
        )

    def cite(self, source: str, known: Container[str], used: set[str], path: str) -> None:
        """A source named at `path`: counted in `used` (a source nothing cites is warned
        of), and a dangling reference when no source in `known` has that id."""
        used.add(source)
        if source not in known:
            self.dangling(source, "source", path)

    def time(self, text: str, tz: tzinfo, path: str) -> Moment | None:
        """The time `text` reads as in `tz`; None, said as an error, if it cannot be read."""
        try:
            return parse(text, tz)
        except TimeError as exc:
            self.error("bad-time", str(exc), path)
            return None
