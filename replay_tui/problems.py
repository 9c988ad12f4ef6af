"""What is wrong with a session file, said so that its author can fix it.

Every failure of reading or checking a session becomes a `Problem` that names the file, the
line and column where they can be known, the field path, and what to do. The checker prints
them; the app shows them; nothing in between ever lets a traceback reach the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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


@dataclass
class SessionError(Exception):
    """A session that cannot be used: it carries every problem found, errors first."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def first(self) -> Problem:
        errors = [p for p in self.problems if p.severity == "error"]
        return (errors or self.problems)[0]

    def __str__(self) -> str:
        return str(self.first) if self.problems else f"{self.file}: cannot be read"
