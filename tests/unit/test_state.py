"""User state: bookmarks, notes and resume survive crashes, damage and a second instance."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replay_tui.user.state import (
    BOTH_VERSIONS,
    VERSION,
    SessionState,
    UserData,
    data_path,
    file_stem,
    load_bookmarks,
    resume_path,
)
from replay_tui.user.store import STALE_AFTER

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own XDG folders; nothing is written to the real home."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    yield FakeClock()


def aside_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


# --- where it lives ---------------------------------------------------------------------------


def test_the_xdg_folders_are_honoured(home: Path) -> None:
    assert data_path("askhamas-2015-03") == (
        home / "xdg_data_home" / "replay-tui" / "notes" / "askhamas-2015-03.json"
    )
    assert resume_path("askhamas-2015-03") == (
        home / "xdg_state_home" / "replay-tui" / "resume" / "askhamas-2015-03.json"
    )


def test_file_names_are_safe_and_distinct() -> None:
    assert file_stem("askhamas-2015-03") == "askhamas-2015-03"
    stems = {file_stem(s) for s in ["AskHamas", "askhamas", "ASKHAMAS", "../../etc", "a/b", ""]}
    assert len(stems) == 6
    for stem in stems:
        assert stem and "/" not in stem and "." not in stem and stem == stem.lower()


def test_opening_writes_nothing(home: Path) -> None:
    opened = SessionState("s1")
    assert opened.bookmarks == [] and opened.notes() == {} and opened.notices == []
    assert opened.resume is None and opened.resume_index({}, 5) is None
    assert opened.save() is None
    assert not any(home.rglob("*.json"))


# --- bookmarks, notes, resume ----------------------------------------------------------------------


def test_bookmarks_and_notes_round_trip(clock: FakeClock) -> None:
    mine = SessionState("s1", clock=clock)
    assert mine.toggle_bookmark("p2") is True
    assert mine.toggle_bookmark("p1") is True
    assert mine.toggle_bookmark("p2") is False
    assert mine.toggle_bookmark("p3") is True
    note = mine.set_note("p1", "Ask the class: who is the audience?")
    assert note is not None and note.created == note.updated == clock.now
    assert mine.dirty and mine.save() is None and not mine.dirty
    again = SessionState("s1", clock=clock)
    assert again.bookmarks == ["p1", "p3"] and again.is_bookmarked("p3")
    assert load_bookmarks("s1") == ["p1", "p3"]
    assert load_bookmarks("never-saved") == []
    assert again.bookmarked_indices({"p3": 7, "p1": 2, "p9": 0}) == [2, 7]
    stored = again.note("p1")
    assert stored is not None and stored.text == "Ask the class: who is the audience?"
    raw = msgspec.json.decode(data_path("s1").read_bytes())
    assert raw["version"] == VERSION and raw["session"] == "s1"


def test_editing_keeps_created_and_blank_text_deletes(clock: FakeClock) -> None:
    mine = SessionState("s1", clock=clock)
    first = mine.set_note("p1", "first")
    clock.advance(60)
    second = mine.set_note("p1", "second")
    assert first is not None and second is not None
    assert second.created == first.created and second.updated == clock.now
    assert mine.set_note("p1", "   ") is None
    assert mine.note("p1") is None and mine.notes() == {}
    assert mine.delete_note("p1") is False
    mine.set_note("p2", "kept")
    assert mine.save() is None
    assert list(SessionState("s1").notes()) == ["p2"]


def test_resume_by_post_id_with_fallbacks() -> None:
    mine = SessionState("s1")
    mine.remember_position(4, "p4")
    assert mine.save() is None
    index = {f"p{i}": i for i in range(10)}
    assert SessionState("s1").resume_index(index, 10) == 4
    edited = {"p0": 0, "new": 1, "p4": 5}  # a post was inserted before it since
    assert SessionState("s1").resume_index(edited, 6) == 5
    assert SessionState("s1").resume_index({"p0": 0}, 3) == 3  # gone: old position, clamped
    mine.remember_position(10, None)  # the end card
    mine.save()
    assert SessionState("s1").resume_index(index, 12) == 12
    mine.remember_position(-1, None)  # the title card
    mine.save()
    assert SessionState("s1").resume_index(index, 12) == -1


# --- damage is moved aside, never fatal ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "damaged"),
        (b"", "damaged"),
        (b"\x00\xff\xfe", "damaged"),
        (b"[]", "damaged"),
        (b"[" * 100_000, "damaged"),
        (b'{"version": "1"}', "damaged"),
        (b'{"version": 1, "session": "s1", "notes": {"p1": {"text": 5}}}', "damaged"),
        (b'{"version": 1, "session": "s1", "bookmarks": "p1"}', "damaged"),
        (b'{"version": 1, "session": "other", "bookmarks": []}', "another session"),
        (b'{"version": 7, "session": "s1", "shiny": true}', "version 7"),
        (b'{"version": 0, "session": "s1"}', "version 0"),
    ],
)
def test_a_damaged_or_unknown_file_is_moved_aside_with_a_notice(
    content: bytes, says: str, clock: FakeClock
) -> None:
    path = data_path("s1")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    opened = SessionState("s1", clock=clock)
    assert opened.bookmarks == [] and opened.notes() == {}
    assert len(opened.notices) == 1
    assert says in opened.notices[0]
    (aside,) = aside_files(path)
    assert aside.name == "s1.json.corrupt-20250101T120000"
    assert aside.read_bytes() == content  # never deleted, never changed
    assert str(aside) in opened.notices[0]
    assert not path.exists()
    # Saving afterwards starts a fresh file and leaves the old one aside.
    opened.set_note("p1", "fresh")
    assert opened.save() is None
    assert SessionState("s1").notices == [] and aside.read_bytes() == content


def test_a_second_damaged_file_in_the_same_second_gets_its_own_name(clock: FakeClock) -> None:
    path = data_path("s1")
    path.parent.mkdir(parents=True)
    for _ in range(2):
        path.write_bytes(b"garbage")
        SessionState("s1", clock=clock)
    assert [p.name for p in aside_files(path)] == [
        "s1.json.corrupt-20250101T120000",
        "s1.json.corrupt-20250101T120000-2",
    ]


def test_a_damaged_resume_file_is_moved_aside_too(clock: FakeClock) -> None:
    path = resume_path("s1")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"version": 1, "session": "s1", "position": "four"}')
    opened = SessionState("s1", clock=clock)
    assert opened.resume is None and "reading position" in opened.notices[0]
    assert len(aside_files(path)) == 1


def test_an_unreadable_file_is_left_alone_and_not_overwritten() -> None:
    path = data_path("s1")
    path.mkdir(parents=True)  # a folder where the file should be: reading fails
    opened = SessionState("s1")
    assert "Could not read" in opened.notices[0] and "will not be saved" in opened.notices[0]
    opened.set_note("p1", "precious")
    problem = opened.save()
    assert problem is not None and "kept" in problem
    assert opened.dirty and path.is_dir()  # the change waits in memory
    path.rmdir()
    assert opened.save() is None
    note = SessionState("s1").note("p1")
    assert note is not None and note.text == "precious"


def test_a_failed_write_keeps_the_changes_for_the_next_save(home: Path) -> None:
    blocker = home / "blocked"
    blocker.write_text("a file where a folder should be")
    opened = SessionState("s1", data_file=blocker / "s1.json", resume_file=blocker / "r.json")
    opened.toggle_bookmark("p1")
    opened.remember_position(3, "p3")
    problem = opened.save()
    assert problem is not None and "Could not save" in problem and "reading position" in problem
    assert opened.dirty and opened.bookmarks == ["p1"]


# --- two instances ---------------------------------------------------------------------------------


def test_two_instances_never_drop_each_others_notes(clock: FakeClock) -> None:
    seed = SessionState("s1", clock=clock)
    seed.toggle_bookmark("old")
    seed.set_note("shared", "original")
    seed.set_note("doomed", "to be deleted")
    assert seed.save() is None

    a = SessionState("s1", clock=clock)
    b = SessionState("s1", clock=clock)
    clock.advance(1)
    a.set_note("a-only", "written in A")
    a.toggle_bookmark("old")  # A removes a bookmark
    clock.advance(1)
    b_edit_time = clock.now
    b.set_note("shared", "B's older edit")
    clock.advance(1)
    a.set_note("shared", "A's newer edit")
    clock.advance(1)
    b.set_note("b-only", "written in B")
    b.toggle_bookmark("new")
    b.delete_note("doomed")
    assert a.save() is None
    assert b.save() is None  # B saves last

    final = SessionState("s1")
    notes = {k: v.text for k, v in final.notes().items()}
    assert notes == {
        # Both changed the same note from the same original: neither text is dropped.
        "shared": f"B's older edit\n\n{BOTH_VERSIONS}\nA's newer edit",
        "a-only": "written in A",
        "b-only": "written in B",
    }
    assert a.merged == []
    assert b.merged == [
        "The note on post 'shared' was also changed in another window: both versions are kept in it"
    ]
    assert final.bookmarks == ["new"]  # A's removal is not undone by B's save
    assert b.bookmarks == ["new"] and "a-only" in b.notes()  # B sees A's work after saving
    raw = msgspec.json.decode(data_path("s1").read_bytes(), type=UserData)
    assert raw.notes["doomed"].deleted  # kept as a tombstone so the deletion merges
    assert b_edit_time < raw.notes["shared"].updated


def test_two_windows_adding_to_one_note_keep_both_additions(clock: FakeClock) -> None:
    seed = SessionState("s1", clock=clock)
    seed.set_note("p1", "Check the time.")
    seed.save()
    a, b = SessionState("s1", clock=clock), SessionState("s1", clock=clock)
    clock.advance(1)
    a.set_note("p1", "Check the time. Ynet says Tuesday.")
    clock.advance(1)
    b.set_note("p1", "Check the time.\nAsk the class why.")
    assert a.save() is None and b.save() is None
    note = SessionState("s1").note("p1")
    assert note is not None
    assert note.text == "Check the time. Ynet says Tuesday.\nAsk the class why."
    assert b.merged == [
        "The note on post 'p1' was also changed in another window: the two were merged"
    ]


def test_a_deletion_never_drops_words_written_elsewhere(clock: FakeClock) -> None:
    seed = SessionState("s1", clock=clock)
    seed.set_note("p1", "original")
    seed.set_note("p2", "original two")
    seed.save()
    a, b = SessionState("s1", clock=clock), SessionState("s1", clock=clock)
    clock.advance(1)
    a.set_note("p1", "rewritten in A")
    a.delete_note("p2")
    clock.advance(1)
    b.delete_note("p1")  # later, but it would drop A's words
    b.set_note("p2", "rewritten in B")
    assert a.save() is None and b.save() is None
    final = SessionState("s1")
    assert {k: v.text for k, v in final.notes().items()} == {
        "p1": "rewritten in A",
        "p2": "rewritten in B",
    }
    assert len(b.merged) == 2


def test_one_window_saving_twice_is_not_a_conflict_with_itself(clock: FakeClock) -> None:
    a = SessionState("s1", clock=clock)
    a.set_note("p1", "first")
    a.save()
    clock.advance(1)
    a.set_note("p1", "second")
    a.save()
    b = SessionState("s1", clock=clock)
    clock.advance(1)
    b.set_note("p1", "third")  # B began from A's saved text: a plain edit
    b.save()
    assert a.merged == b.merged == []
    note = SessionState("s1").note("p1")
    assert note is not None and note.text == "third"


@pytest.mark.parametrize("which", ["notes", "resume"])
def test_a_state_file_nested_100000_levels_deep_is_moved_aside(
    which: str, clock: FakeClock
) -> None:
    path = data_path("s1") if which == "notes" else resume_path("s1")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "session": "s1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    opened = SessionState("s1", clock=clock)
    assert len(opened.notices) == 1
    assert "could not be used: it is damaged (nested too deeply to be read)" in opened.notices[0]
    assert "nothing was deleted" in opened.notices[0]
    assert not path.exists() and len(aside_files(path)) == 1
    assert load_bookmarks("s1") == []
    opened.set_note("p1", "a fresh start")
    assert opened.save() is None


def test_stale_temporary_files_of_killed_saves_are_removed(home: Path) -> None:
    folder = data_path("s1").parent
    folder.mkdir(parents=True)
    old = time.time() - STALE_AFTER - 60
    stale = [folder / ".s1.json.abc_1234.tmp", folder / ".other-session.json.zz99aa00.tmp"]
    fresh = folder / ".s1.json.fresh123.tmp"  # a save in progress, maybe another instance's
    foreign = [
        folder / ".s1.json.tmp",  # not a name write_atomic makes
        folder / "notes.txt.abcdefgh.tmp",
        folder / ".Notes.TXT.abcdefgh.tmp",
    ]
    for path in [*stale, fresh, *foreign]:
        path.write_text("partial")
    for path in [*stale, *foreign]:
        os.utime(path, (old, old))
    SessionState("s1")
    assert [p.exists() for p in stale] == [False, False]
    assert fresh.exists()
    assert all(p.exists() for p in foreign)


def test_a_file_removed_under_a_running_instance_is_rewritten_from_memory() -> None:
    first = SessionState("s1")
    first.set_note("p1", "one")
    first.save()
    data_path("s1").unlink()
    first.set_note("p2", "two")
    assert first.save() is None
    assert set(SessionState("s1").notes()) == {"p1", "p2"}


# --- killed in the middle of saving ----------------------------------------------------------------

CHILD = """
import os, signal, sys
from replay_tui.user.state import SessionState

opened = SessionState("killme")
opened.set_note("p1", "NEW TEXT THAT MUST NOT HALF-APPEAR " * 1000)
opened.toggle_bookmark("p9")

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[1] == "before-rename":
    os.replace = die   # the temporary file is written and synced; the rename never happens
else:
    os.fsync = die     # written but not yet synced
opened.save()
print("survived")
"""


@pytest.mark.parametrize("moment", ["before-rename", "before-fsync"])
def test_killed_in_the_middle_of_saving_leaves_the_previous_state(moment: str) -> None:
    before = SessionState("killme")
    before.set_note("p1", "old text")
    before.toggle_bookmark("p1")
    assert before.save() is None
    saved = data_path("killme").read_bytes()

    result = subprocess.run(
        [sys.executable, "-c", CHILD, moment],
        capture_output=True,
        text=True,
        env=dict(os.environ),  # the fixture's XDG folders
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "survived" not in result.stdout

    folder = data_path("killme").parent
    leftovers = list(folder.glob(".killme.json.*.tmp"))
    assert leftovers, "the child should have died with its temporary file on disk"
    assert data_path("killme").read_bytes() == saved
    after = SessionState("killme")
    assert after.notices == []
    note = after.note("p1")
    assert note is not None and note.text == "old text"
    assert after.bookmarks == ["p1"] and load_bookmarks("killme") == ["p1"]
    # Life goes on: the next save works and the leftover is still not mistaken for state.
    after.set_note("p2", "next")
    assert after.save() is None
    assert set(SessionState("killme").notes()) == {"p1", "p2"}


def test_saved_state_never_shows_up_as_a_session_in_the_library(home: Path) -> None:
    from replay_tui.user.library import scan

    state = SessionState("idf-hamas-2013-10")
    state.toggle_bookmark("lerner-1")
    state.set_note("lerner-1", "ask the class about this")
    assert state.save() is None
    assert [e.origin for e in scan()] == ["bundled", "bundled"]


# --- any damage at all --------------------------------------------------------------------------

_VALID = (
    b'{"version":1,"session":"s1","bookmarks":["p1"],"notes":{"p1":{"text":"t",'
    b'"created":"2025-01-01T00:00:00Z","updated":"2025-01-01T00:00:00Z"}}}'
)


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.builds(
            lambda at, cut, insert: _VALID[:at] + insert + _VALID[at + cut :],
            st.integers(0, len(_VALID)),
            st.integers(0, 20),
            st.sampled_from([b"", b"[" * 5000, b"{", b'"', b"\\", b"null", b"1e999", b"\xff"]),
        ),
    )
)
def test_no_damage_to_a_state_file_stops_a_session(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        notes, resume = Path(folder) / "s1.json", Path(folder) / "r" / "s1.json"
        resume.parent.mkdir()
        notes.write_bytes(data)
        resume.write_bytes(data)
        opened = SessionState("s1", data_file=notes, resume_file=resume)
        assert len(opened.notices) <= 2
        opened.set_note("p2", "still works")
        opened.remember_position(0, "p2")
        assert opened.save() is None
        again = SessionState("s1", data_file=notes, resume_file=resume)
        assert again.note("p2") is not None and again.notices == []
