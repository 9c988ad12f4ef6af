"""Where sessions are found: bundled with replay-tui, in the user's folder, or named folders.

`replay-tui list` and the app's session picker both show this library. A broken file is an
entry with its first error, never a reason to hide the good ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from replay_tui.format.preview import Preview, preview
from replay_tui.format.problems import Problem
from replay_tui.format.read import DEFAULT_MAX_BYTES, EXTENSIONS, LoadedSession, read_session
from replay_tui.format.times import Moment, Precision

APP_NAME = "replay-tui"


def bundled_dir() -> Path:
    """The bundled sessions: inside the installed package, or `sessions/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_bundled_sessions"
    if installed.is_dir():
        return installed
    return here.parent / "sessions"


def user_sessions_dir() -> Path:
    """The user's own sessions folder (platformdirs user data dir; XDG_DATA_HOME honoured)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "sessions"


@dataclass(frozen=True)
class Entry:
    """One session file in the library: its summary, or its first error; or, for a large
    file listed unchecked (`scan(preview_from=…)`), what it says of itself."""

    path: Path
    origin: str  # "bundled", "user" or "folder"
    loaded: LoadedSession | None
    problem: Problem | None
    preview: Preview | None = None
    """A large file not checked yet: it is checked when it is opened."""

    @property
    def ok(self) -> bool:
        """Checked and sound, or not checked yet (so it may be opened, and then checked)."""
        return self.loaded is not None or self.preview is not None

    @property
    def id(self) -> str:
        return self.loaded.session.id if self.loaded else self.path.stem

    @property
    def title(self) -> str:
        if self.preview is not None:
            return self.preview.head.title
        return self.loaded.session.title if self.loaded else ""

    @property
    def summary(self) -> str:
        if self.preview is not None:
            return self.preview.head.summary or ""
        return (self.loaded.session.summary or "") if self.loaded else ""

    @property
    def posts(self) -> int:
        """How many posts (0 when not checked yet: they are not counted unchecked)."""
        return len(self.loaded.session.posts) if self.loaded else 0

    @property
    def participants(self) -> int:
        if self.preview is not None:
            return len(self.preview.head.participants or ())
        return len(self.loaded.session.participants) if self.loaded else 0

    @property
    def dates(self) -> str:
        """The date range of the posts at the precision they are known, e.g.
        '2015-03-12 – 2015-03-13', or '' when no post has a time."""
        if not self.loaded:
            return ""
        known = [t for t in self.loaded.times if t is not None]
        if not known:
            return ""
        first = min(known, key=lambda t: t.instant)
        last = max(known, key=lambda t: t.instant)
        zone = self.loaded.zone
        start, end = _date_text(first, zone), _date_text(last, zone)
        return start if start == end else f"{start} – {end}"


def _date_text(moment: Moment, zone: object) -> str:
    at = moment.in_zone(zone)  # type: ignore[arg-type]
    if moment.precision == Precision.YEAR:
        return f"{at.year:04d}"
    if moment.precision == Precision.MONTH:
        return f"{at.year:04d}-{at.month:02d}"
    return at.date().isoformat()


def session_files(folder: Path) -> Iterator[Path]:
    """Session files directly in `folder`, by name."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        path = folder / name
        if path.suffix.lower() in EXTENSIONS and path.is_file():
            yield path


def scan(
    folders: Iterable[Path] = (),
    *,
    include_defaults: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    preview_from: int | None = None,
) -> list[Entry]:
    """Every session in the bundled folder, the user's folder and `folders`, in that order.

    `preview_from`: list JSON files of this many bytes or more by their preview, unchecked
    (the picker: a million posts take seconds to check, and the picker would hold them all
    in memory); they are checked when opened. None (`replay-tui list`): check every file."""
    places: list[tuple[Path, str]] = []
    if include_defaults:
        places += [(bundled_dir(), "bundled"), (user_sessions_dir(), "user")]
    places += [(Path(f), "folder") for f in folders]
    entries: list[Entry] = []
    seen: set[Path] = set()
    for folder, origin in places:
        for path in session_files(folder):
            real = path.resolve()
            if real in seen:
                continue
            seen.add(real)
            entries.append(_entry(path, origin, max_bytes, preview_from))
    return entries


def _entry(path: Path, origin: str, max_bytes: int, preview_from: int | None) -> Entry:
    """The library's entry for one file. Whatever reading it raises, the file is listed as
    broken with what went wrong: one bad file never hides the others."""
    try:
        if preview_from is not None:
            found = preview(path, max_bytes=max_bytes, from_bytes=preview_from)
            if found is not None:
                return Entry(path, origin, None, None, preview=found)
        loaded, problems = read_session(path, max_bytes=max_bytes)
        if loaded is not None:
            _ = Entry(path, origin, loaded, None).dates  # the listing shows them
    except Exception as exc:  # a defect of ours, not of the file: still list the others
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        problem = Problem(
            "error",
            "internal",
            f"replay-tui could not read this file ({what}); please report it",
            file=str(path),
        )
        return Entry(path, origin, None, problem)
    errors = [p for p in problems if p.severity == "error"]
    return Entry(path, origin, loaded, errors[0] if errors else None)


def find_session(session_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Path | None:
    """The file of the session `session_id` among the bundled sessions and the user's own
    (`replay-tui idf-hamas-2013-10`), or None.

    A file named after the id is tried first (the bundled ones are), so the usual case
    reads one file; otherwise every file of the two folders is read, as `list` does. A
    large JSON file named after the id is taken unread: opening it checks it. So is one
    over `max_bytes`: its reader then says it is too large and how to raise the limit,
    where "no session has this id" would send the user looking for a typo."""
    from replay_tui.format.preview import PREVIEW_FROM_BYTES

    folders = (bundled_dir(), user_sessions_dir())
    for folder in folders:
        for path in session_files(folder):
            if path.stem != session_id:
                continue
            try:
                too_large = path.stat().st_size > max_bytes
            except OSError:
                continue
            if too_large:
                return path
            if preview(path, max_bytes=max_bytes, from_bytes=PREVIEW_FROM_BYTES) is not None:
                return path
            loaded, _ = read_session(path, max_bytes=max_bytes, lazy=True)
            if loaded is not None and loaded.session.id == session_id:
                return path
    for entry in scan(max_bytes=max_bytes, preview_from=PREVIEW_FROM_BYTES):
        if entry.loaded is not None and entry.loaded.session.id == session_id:
            return entry.path
    return None
