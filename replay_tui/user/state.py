"""What a user keeps of a session between runs: bookmarks, private notes, and where they were.

Notes are the one thing in replay-tui a person writes, so they must never be lost: not by a
crash in the middle of a save, not by a damaged file, not by a second copy of the app open
on the same session. Hence:

* Files. One small file per session and per kind, so a damaged file costs one session's
  state, not everyone's, and so the resume position, saved often, never rewrites the file
  that holds the notes:
  - bookmarks and notes (user data): `platformdirs.user_data_path("replay-tui") /
    "notes" / "<session id>.json"` (`$XDG_DATA_HOME/replay-tui/notes/` on Linux; not
    `sessions/`, which is where the user's own session files live);
  - the resume position (state that can be rebuilt): `platformdirs.user_state_path(
    "replay-tui") / "resume" / "<session id>.json"` (`$XDG_STATE_HOME/...`).
  The two kinds sit in different sub-folders because on macOS and Windows the data and
  state folders are the same folder.
* Writes go through `store.write_atomic` (temporary file, fsync, rename): a kill at any
  instant leaves the previous file whole. Temporary files are named `.<name>.*.tmp` and are
  never read as state.
* Reads never raise. A file that is not JSON, has the wrong shape, belongs to another
  session or carries an unknown `version` is renamed to `<name>.corrupt-YYYYmmddTHHMMSS`
  (never deleted) and a notice in plain words is returned for the UI to show once.
* Two instances: each keeps the changes it made since it last saved and, under a lock
  file, re-reads the file and applies them to what is there (bookmarks by post, notes by
  post; a deleted note is kept as a dated tombstone so that the deletion merges too). A
  note that both instances changed is merged against the version each began from
  (`merge_note`): additions to the same note are both kept; different words are kept
  side by side in the note, under a line that says so, and `merged` tells the UI. A note
  written by another instance is never dropped.
* A killed save leaves a temporary file; opening a session removes those older than
  `store.STALE_AFTER` (only state files' own temporary names, never a save in progress).

Plain Python, no Textual: the UI holds one `SessionState` per open session.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic, TypeVar

import msgspec
import platformdirs

from replay_tui.user.store import locked, read_saved, remove_stale_temps, write_atomic

APP_NAME = "replay-tui"
VERSION = 1
"""The version of both state files. A file with any other version is moved aside."""

TITLE = -1
"""The title card's position, as in `replay.TITLE` (not imported: this module stays light
for exporters)."""

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


# --- the files ---------------------------------------------------------------------------


class Note(msgspec.Struct, kw_only=True):
    """A private note on one post. `deleted` notes are tombstones, kept so that deleting a
    note in one instance is not undone by another instance's save."""

    text: str
    created: datetime
    updated: datetime
    deleted: bool = False


class UserData(msgspec.Struct, kw_only=True):
    """The bookmarks and notes file of one session."""

    version: int = VERSION
    session: str
    bookmarks: list[str] = []
    notes: dict[str, Note] = {}


class ResumePoint(msgspec.Struct, kw_only=True):
    """Where the user was: the post id (robust to a session file edited since) and the
    position (-1 title card, count end card) as a fallback."""

    version: int = VERSION
    session: str
    position: int
    post: str | None = None
    saved: datetime


class _Header(msgspec.Struct):
    version: int


_SAFE_NAME = re.compile(r"[a-z0-9-]{1,80}")
_STATE_NAME = re.compile(r"[a-z0-9-]{1,80}\.json")
"""The names `file_stem` gives state files: their killed saves' temporary files are ours to
remove."""


def file_stem(session_id: str) -> str:
    """A file name for a session id: the id itself when it is a short lower-case slug;
    otherwise a lower-cased, hashed form, so ids that differ only in case do not share a
    file on case-insensitive file systems and no id can name a path outside the folder."""
    if _SAFE_NAME.fullmatch(session_id):
        return session_id
    digest = hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    readable = re.sub(r"[^a-z0-9-]+", "-", session_id.lower()).strip("-")[:40]
    return f"{readable}-{digest}" if readable else digest


def data_path(session_id: str) -> Path:
    """The bookmarks-and-notes file of a session (it may not exist)."""
    folder = platformdirs.user_data_path(APP_NAME, appauthor=False) / "notes"
    return folder / f"{file_stem(session_id)}.json"


def resume_path(session_id: str) -> Path:
    """The resume-position file of a session (it may not exist)."""
    folder = platformdirs.user_state_path(APP_NAME, appauthor=False) / "resume"
    return folder / f"{file_stem(session_id)}.json"


T = TypeVar("T", UserData, ResumePoint)


@dataclass
class _Read(Generic[T]):
    value: T | None
    notice: str | None = None
    unreadable: bool = False
    """The file exists but could not be read (permissions, I/O): do not write over it."""


_DAMAGED = (msgspec.DecodeError, msgspec.ValidationError, RecursionError, MemoryError)
"""What decoding a damaged state file raises: msgspec's errors, and for a file nested
thousands of levels deep, RecursionError."""


def _move_aside(path: Path, now: datetime) -> Path | None:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def _read(path: Path, kind: type[T], session_id: str, what: str, now: datetime) -> _Read[T]:
    """Read one state file; never raises. A damaged file is moved aside with a notice; a
    file that cannot be read or moved is reported as `unreadable` and left alone."""
    data, unreadable = read_saved(path, what)
    if data is None:
        if unreadable is None:
            return _Read(None)
        return _Read(None, f"{unreadable} The file is left untouched.", unreadable=True)
    reason: str | None = None
    value: T | None = None
    try:
        version = msgspec.json.decode(data, type=_Header).version
    except _DAMAGED as exc:
        reason = f"it is damaged ({_first_line(exc)})"
    else:
        if version != VERSION:
            reason = (
                f"it was written by a different version of replay-tui (file version "
                f"{version}; this one reads version {VERSION})"
            )
        else:
            try:
                value = msgspec.json.decode(data, type=kind)
            except _DAMAGED as exc:
                reason = f"it is damaged ({_first_line(exc)})"
            else:
                if value.session != session_id:
                    reason = f"it belongs to another session ({value.session!r})"
                    value = None
    if reason is None:
        return _Read(value)
    aside = _move_aside(path, now)
    if aside is None:
        return _Read(
            None,
            f"Your {what} for this session could not be used: {reason}, and the file "
            f"{path} could not be moved aside. The file is left untouched.",
            unreadable=True,
        )
    return _Read(
        None,
        f"Your {what} for this session could not be used: {reason}. The file was moved to "
        f"{aside} (nothing was deleted); starting afresh.",
    )


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply to be read"
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- the state of one session ---------------------------------------------------------------


class SessionState:
    """Bookmarks, notes and the resume position of one session, as this instance sees them.

    Reading never raises; problems become sentences in `notices` for the UI to show once.
    Changes are held in memory until `save()`, which returns None or a sentence saying what
    went wrong (the changes are then kept, and the next `save()` tries again).
    """

    def __init__(
        self,
        session_id: str,
        *,
        data_file: Path | None = None,
        resume_file: Path | None = None,
        clock: Clock = _now,
    ) -> None:
        self.session_id = session_id
        self.data_file = data_file if data_file is not None else data_path(session_id)
        self.resume_file = resume_file if resume_file is not None else resume_path(session_id)
        self.clock = clock
        self.notices: list[str] = []
        for folder in {self.data_file.parent, self.resume_file.parent}:
            remove_stale_temps(folder, _STATE_NAME)
        read = _read(self.data_file, UserData, session_id, "notes and bookmarks", clock())
        self._base = read.value or UserData(session=session_id)
        if read.notice:
            unsaved = " Changes to them will not be saved until it can be read."
            self.notices.append(read.notice + (unsaved if read.unreadable else ""))
        resume = _read(self.resume_file, ResumePoint, session_id, "reading position", clock())
        self.resume: ResumePoint | None = resume.value
        if resume.notice:
            self.notices.append(resume.notice)
        self._bookmark_changes: dict[str, bool] = {}
        self._note_changes: dict[str, Note] = {}
        # For each note changed since the last save: the note as this instance knew it
        # when the change began, to tell whether another instance changed it meanwhile.
        self._note_origins: dict[str, Note | None] = {}
        self.merged: list[str] = []
        """Sentences saying which notes were written in two places at once and how both
        were kept; the UI shows them and empties the list."""
        self._position: tuple[int, str | None] | None = None

    # --- bookmarks -------------------------------------------------------------------------

    @property
    def bookmarks(self) -> list[str]:
        """Bookmarked post ids, oldest bookmark first."""
        changes = self._bookmark_changes
        kept = [b for b in self._base.bookmarks if changes.get(b, True)]
        present = set(kept)
        return kept + [b for b, on in changes.items() if on and b not in present]

    def bookmarked_indices(self, post_index: Mapping[str, int]) -> list[int]:
        """`B`: the bookmarked posts that exist in the session, in replay order."""
        found = (post_index.get(post_id) for post_id in self.bookmarks)
        return sorted(i for i in found if i is not None)

    def is_bookmarked(self, post_id: str) -> bool:
        change = self._bookmark_changes.get(post_id)
        return change if change is not None else post_id in self._base.bookmarks

    def toggle_bookmark(self, post_id: str) -> bool:
        """`b`: bookmark the post, or remove its bookmark. Returns whether it is now
        bookmarked. Held until `save()`."""
        on = not self.is_bookmarked(post_id)
        self._bookmark_changes[post_id] = on
        return on

    # --- notes -----------------------------------------------------------------------------

    def _merged_note(self, post_id: str) -> Note | None:
        mine = self._note_changes.get(post_id)
        theirs = self._base.notes.get(post_id)
        if mine is None or (theirs is not None and theirs.updated > mine.updated):
            return theirs
        return mine

    def note(self, post_id: str) -> Note | None:
        """The user's note on a post, or None."""
        found = self._merged_note(post_id)
        return None if found is None or found.deleted else found

    def notes(self) -> dict[str, Note]:
        """Every live note, by post id."""
        ids = dict.fromkeys([*self._base.notes, *self._note_changes])
        found = {post_id: self.note(post_id) for post_id in ids}
        return {post_id: note for post_id, note in found.items() if note is not None}

    def set_note(self, post_id: str, text: str) -> Note | None:
        """`a`: write (or rewrite) the note on a post; blank text deletes it. Returns the
        note (None when deleted). Held until `save()`."""
        if not text.strip():
            self.delete_note(post_id)
            return None
        now = self.clock()
        existing = self._merged_note(post_id)
        created = existing.created if existing is not None and not existing.deleted else now
        note = Note(text=text, created=created, updated=now)
        self._note_origins.setdefault(post_id, self._base.notes.get(post_id))
        self._note_changes[post_id] = note
        return note

    def delete_note(self, post_id: str) -> bool:
        """Delete the note on a post; False if there was none."""
        existing = self.note(post_id)
        if existing is None:
            return False
        now = self.clock()
        self._note_origins.setdefault(post_id, self._base.notes.get(post_id))
        self._note_changes[post_id] = Note(
            text="", created=existing.created, updated=now, deleted=True
        )
        return True

    # --- resume ----------------------------------------------------------------------------

    def resume_index(self, post_index: Mapping[str, int], count: int) -> int | None:
        """Where to reopen the session (`-1` title card, `count` end card), or None when
        there is nothing to resume. The post is found by id, so a session file edited
        since still reopens on the same post; a post that is gone falls back to its old
        position. The UI skips this for `--from-start`."""
        point = self.resume
        if point is None:
            return None
        if point.post is not None and point.post in post_index:
            return post_index[point.post]
        if point.post is None and point.position >= 0:
            return count
        return max(TITLE, min(point.position, count))

    def remember_position(self, position: int, post_id: str | None) -> None:
        """Note where the cursor is (post id None on the title and end cards); written by
        the next `save()` or `save_position()`. Cheap: call it on every move."""
        self._position = (position, post_id)

    # --- saving ----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are bookmark or note changes not yet saved."""
        return bool(self._bookmark_changes or self._note_changes)

    def save(self) -> str | None:
        """Save notes and bookmarks (if changed) and the position (if remembered). None on
        success, else a sentence for the user."""
        problems = [p for p in (self.save_data(), self.save_position()) if p]
        return " ".join(problems) if problems else None

    def save_data(self) -> str | None:
        """Merge this instance's bookmark and note changes into the file and write it."""
        if not self.dirty:
            return None
        try:
            with locked(self.data_file):
                read = _read(
                    self.data_file, UserData, self.session_id, "notes and bookmarks", self.clock()
                )
                if read.unreadable:
                    return f"{read.notice} Your changes are kept while replay-tui is open."
                # Missing or just moved aside: keep what this instance last knew rather
                # than writing only its own changes.
                base = read.value or self._base
                merged, both = self._apply(base)
                write_atomic(self.data_file, msgspec.json.encode(merged))
        except OSError as exc:
            return (
                f"Could not save your notes and bookmarks ({self.data_file}): "
                f"{exc.strerror or exc}. They are kept while replay-tui is open; "
                "it will try again at the next change."
            )
        self._base = merged
        self._bookmark_changes.clear()
        self._note_changes.clear()
        self._note_origins.clear()
        self.merged += both
        return read.notice

    def _apply(self, base: UserData) -> tuple[UserData, list[str]]:
        """`base` (the file as it is now) with this instance's changes applied, and a
        sentence for each note that another instance changed too."""
        changes = self._bookmark_changes
        kept = [b for b in base.bookmarks if changes.get(b, True)]
        present = set(kept)
        kept += [b for b, on in changes.items() if on and b not in present]
        notes = dict(base.notes)
        both: list[str] = []
        for post_id, mine in self._note_changes.items():
            origin = self._note_origins.get(post_id)
            notes[post_id], said = merge_note(origin, mine, notes.get(post_id))
            if said:
                both.append(f"The note on post {post_id!r} {said}")
        return UserData(session=self.session_id, bookmarks=kept, notes=notes), both

    def save_position(self) -> str | None:
        """Write the remembered position (last writer wins: it is only a convenience)."""
        if self._position is None:
            return None
        position, post_id = self._position
        point = ResumePoint(
            session=self.session_id, position=position, post=post_id, saved=self.clock()
        )
        try:
            write_atomic(self.resume_file, msgspec.json.encode(point))
        except OSError as exc:
            return f"Could not save your reading position: {exc.strerror or exc}."
        self.resume = point
        self._position = None
        return None


BOTH_VERSIONS = "── also written in another replay-tui window ──"
"""The line between two versions of a note kept together."""


def merge_note(origin: Note | None, mine: Note, theirs: Note | None) -> tuple[Note, str]:
    """The note to save when this instance changed `origin` into `mine` and the file now
    holds `theirs`; and, when another instance changed it too, a phrase saying what was
    done (else ""). No text is dropped silently: when both wrote different words, both are
    kept in the note, this instance's first, under a line that says so."""
    if theirs is None or theirs == origin:
        return mine, ""  # nobody else touched it
    if (theirs.deleted, theirs.text) == (mine.deleted, mine.text):
        return (mine if mine.updated >= theirs.updated else theirs), ""
    created = min(mine.created, theirs.created)
    updated = max(mine.updated, theirs.updated)
    if mine.deleted:
        return theirs, "was deleted here but rewritten in another window: its text is kept"
    if theirs.deleted:
        return mine, "was deleted in another window but written here: your text is kept"
    ours, other = mine.text, theirs.text
    start = origin.text if origin is not None and not origin.deleted else ""
    if other in ours:
        text = ours  # this instance's text already holds the other's
    elif ours in other:
        text = other
    elif start and ours.startswith(start) and other.startswith(start):
        text = other + ours[len(start) :]  # both added to the same note: keep both additions
    else:
        text = f"{ours.rstrip()}\n\n{BOTH_VERSIONS}\n{other}"
        return (
            Note(text=text, created=created, updated=updated),
            "was also changed in another window: both versions are kept in it",
        )
    return (
        Note(text=text, created=created, updated=updated),
        "was also changed in another window: the two were merged",
    )


def load_bookmarks(session_id: str) -> list[str]:
    """The bookmarked post ids of a session, oldest first; empty if none or unreadable.

    For exporters: reads only, never moves or writes a file (the app deals with damaged
    files when it opens the session)."""
    path = data_path(session_id)
    try:
        data = msgspec.json.decode(path.read_bytes(), type=UserData)
    except (OSError, *_DAMAGED):
        return []
    if data.version != VERSION or data.session != session_id:
        return []
    return list(data.bookmarks)
