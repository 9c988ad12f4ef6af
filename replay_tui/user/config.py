"""The user's settings (the chosen theme), kept in a small TOML file between runs.

The file lives in the user's config folder (platformdirs; `XDG_CONFIG_HOME` is honoured,
which is how tests keep away from the real home) and is created only when a setting is
saved: running replay-tui never leaves files behind by itself. It is written through
`store.write_atomic`, so a crash mid-save cannot corrupt it.

A file that cannot be read (not TOML, wrong types) must never stop a teacher from starting
the app: it is moved aside, defaults are used, and `Config.notice` says what happened so
the UI can tell the user once. A file from a newer replay-tui (higher `version`) is read
for what this version understands and its other keys are kept when saving.

Plain Python, no Textual: the app receives a `Config` through its constructor.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from replay_tui.format.guard import toml_limits
from replay_tui.user.store import read_saved, write_atomic

APP_NAME = "replay-tui"
VERSION = 1
FILE_NAME = "config.toml"


def config_path() -> Path:
    """Where the settings file lives (it may not exist)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / FILE_NAME


@dataclass
class Config:
    """Settings read from (and saved to) `path`.

    `notice` is a sentence for the user when the file could not be used, else None.
    """

    path: Path
    theme: str | None = None
    notice: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    version: int = VERSION

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        """Read the settings; never raises for a missing, unreadable or corrupt file."""
        path = config_path() if path is None else path
        data, unreadable = read_saved(path, "settings")
        if data is None:
            notice = None if unreadable is None else f"{unreadable} Using the defaults."
            return cls(path, notice=notice)
        import tomllib  # only when there is a settings file: not on a first start

        try:
            text = data.decode("utf-8")
            # A settings file is as untrusted as a session: refuse what would exhaust
            # the parser (deep nesting, a key of thousands of parts) before it sees it.
            for problem in toml_limits(text):
                raise ValueError(f"line {problem.line}: {problem.message}")
            raw = tomllib.loads(text)
            version = raw.get("version", VERSION)
            theme = raw.get("theme")
            if not isinstance(version, int) or (theme is not None and not isinstance(theme, str)):
                raise ValueError("`version` must be a whole number and `theme` a text")
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
            return cls(path, notice=_move_aside(path, str(exc)))
        extra = {k: v for k, v in raw.items() if k not in ("version", "theme")}
        return cls(path, theme=theme, extra=extra, version=max(version, VERSION))

    def save(self) -> None:
        """Write the settings atomically, creating the folder if needed. Raises OSError."""
        lines = [
            "# replay-tui settings. Written by replay-tui when you change a setting;",
            "# safe to edit or delete.",
            f"version = {self.version}",
        ]
        if self.theme is not None:
            lines.append(f"theme = {_toml_string(self.theme)}")
        for key, value in self.extra.items():
            encoded = _toml_value(value)
            if encoded is not None and _bare_key(key):
                lines.append(f"{key} = {encoded}")
        write_atomic(self.path, ("\n".join(lines) + "\n").encode("utf-8"))


def _move_aside(path: Path, reason: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.unreadable-{stamp}")
    first_line = reason.splitlines()[0] if reason else "unreadable"
    try:
        os.replace(path, aside)
    except OSError as exc:
        return (
            f"Your settings file {path} could not be read ({first_line}) and could not be "
            f"moved aside ({exc.strerror or exc}). Using the defaults."
        )
    return (
        f"Your settings file could not be read ({first_line}). It was moved to {aside}; "
        "using the defaults."
    )


def _toml_string(text: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes, except that JSON writes
    # characters outside the BMP as surrogate pairs; ensure_ascii=False keeps them whole.
    encoded = json.dumps(text, ensure_ascii=False)
    return "".join(
        f"\\u{ord(ch):04x}" if ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0 else ch for ch in encoded
    )


def _toml_value(value: object) -> str | None:
    """Keep simple settings written by a newer version; anything else is dropped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    return None


def _bare_key(key: str) -> bool:
    return bool(key) and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in key)
