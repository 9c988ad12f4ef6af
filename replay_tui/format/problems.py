"""What is wrong with a session file, said so that its author can fix it.

Every failure of reading or checking a session becomes a `Problem` that names the file, the
line and column where they can be known, the field path, and what to do. The checker prints
them; the app shows them; nothing in between ever lets a traceback reach the user.
"""

from __future__ import annotations

from typing import Literal

import msgspec

Severity = Literal["error", "warning"]

# Not dataclasses: `dataclasses` (and `copy` and `weakref` with it) and the code it generates
# cost `replay-tui check` 2 ms at every start, where the whole check of 1,000 posts takes
# 3 ms. A frozen Struct compares, hashes and prints like the frozen dataclass it replaces.


class Problem(msgspec.Struct, frozen=True):
    """One error or warning about one place in one file."""

    severity: Severity
    code: str
    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None

    def located(self, file: str, line: int | None, column: int | None) -> Problem:
        return Problem(self.severity, self.code, self.message, self.path, file, line, column)

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" (at {self.path})" if self.path else ""
        return f"{where}: {self.severity}: {self.message}{at}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "path": self.path,
        }


class SessionError(Exception):
    """A session that cannot be used: it carries every problem found, errors first."""

    file: str
    problems: list[Problem]

    def __init__(self, file: str, problems: list[Problem] | None = None) -> None:
        self.file = file
        self.problems = [] if problems is None else problems

    def __repr__(self) -> str:
        return f"SessionError(file={self.file!r}, problems={self.problems!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, SessionError)
        return (self.file, self.problems) == (other.file, other.problems)

    __hash__ = None  # type: ignore[assignment]  # compared by value, as the dataclass was

    @property
    def first(self) -> Problem:
        errors = [p for p in self.problems if p.severity == "error"]
        return (errors or self.problems)[0]

    def __str__(self) -> str:
        return str(self.first) if self.problems else f"{self.file}: cannot be read"
