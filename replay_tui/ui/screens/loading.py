"""The screen every session opens on: its title card as the file tells it, until the
replay screen takes over.

A session of 100,000 posts takes longer to check than the app takes to start, and a
million posts take seconds. Rather than a blank terminal, the app shows what the file says
it is (`opening.Preview`: title, summary, who takes part) and checks the file in a thread.
When the check passes, the replay screen takes over at the title card (or where the user
left off); when it fails, the app exits and the command line prints every problem, exactly
as for a file checked before the app starts. Opened from the session picker (which lists
large files by their preview), a failed check returns to the picker with the first error.

A smaller file, checked before the app starts (`cli.open.opening`), opens here too, with
no check and no "checking" line: the replay screen's modules and its 30-odd widgets take
longer to make than the app takes to start, so the title is on screen first, and the
replay screen follows as soon as this one is drawn (`drawn`). Its header stands where the
replay screen's header and activity strip will (replay.tcss), so the card does not move
when the rest of it comes. Keys typed meanwhile wait for the replay screen (the app holds
them, `ui/handoff.py`): this screen answers them only while a file is being checked.

The screen is deliberately small (three Statics, no Footer, no replay modules imported):
it is what the user sees first, and every widget and import here would delay it.
"""

from __future__ import annotations

import contextlib
import threading
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from replay_tui.format.preview import Preview
from replay_tui.format.problems import Problem
from replay_tui.format.read import LoadedSession, read_session
from replay_tui.ui import keys
from replay_tui.ui import text as t

CHECKING = "Checking every post before the replay starts…"


def size_text(size: int) -> str:
    """1_234_567 -> '1.2 MB' (decimal units, as file managers show them)."""
    if size >= 1_000_000_000:
        return f"{size / 1_000_000_000:.1f} GB"
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000:.0f} kB"


def preview_card(preview: Preview, *, checking: bool = True) -> Content:
    """The title card as far as the head of the file tells it (still being checked, or
    already checked: `checking` False)."""
    head = preview.head
    # Counted only when read: a section written after the posts is not (opening.Head).
    facts = [
        t.count(len(items), noun)
        for items, noun in (
            (head.participants, "participant"),
            (head.sources, "source"),
            (head.chapters, "chapter"),
        )
        if items
    ]
    parts: list[Content] = [
        t.plain(head.title, "bold $text-primary"),
        Content("\n"),
        t.words(" · ".join([*facts, size_text(preview.size)]), t.MUTED),
    ]
    if head.summary:
        parts += [Content("\n\n"), t.plain(head.summary)]
    if checking:
        parts += [Content("\n\n"), t.words(CHECKING, f"italic {t.MUTED}")]
    return t.join(parts)


STILL_CHECKING = "Still checking the file: the replay starts when every post is checked."


class LoadingScreen(Screen[None]):
    """Shows a preview of `preview.file` and checks the file in a thread of its own."""

    # A step key pressed while the file is checked is answered, not dropped in silence
    # (a million posts take seconds); the replay then opens where it would have anyway.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(",".join(k.keys for k in keys.STEP_KEYS), "wait", show=False),
        Binding(",".join(str(d) for d in range(10)), "wait", show=False),
    ]

    def action_wait(self) -> None:
        self.notify(STILL_CHECKING, timeout=3, markup=False)

    def __init__(
        self,
        preview: Preview,
        *,
        max_bytes: int,
        from_picker: bool = False,
        loaded: LoadedSession | None = None,
    ) -> None:
        super().__init__()
        self.preview = preview
        self.loaded = loaded
        """The session, when the file was checked before the app started: the replay
        follows as soon as this screen is drawn, with no check of its own."""
        self.max_bytes = max_bytes
        self.from_picker = from_picker
        """Opened from the session picker: success replays with Esc back to the picker;
        failure returns to it (rather than ending the app, as from the command line)."""

    def compose(self) -> ComposeResult:
        yield Static(self._header(), id="header", markup=False)
        with VerticalScroll(id="card"):
            yield Static(
                preview_card(self.preview, checking=self.loaded is None),
                id="card-body",
                markup=False,
            )
        yield Static(
            t.join([t.words(" q ", "bold $footer-key-foreground"), t.words("Quit")]),
            id="loading-keys",
        )

    def _header(self) -> Content:
        return t.join(
            [
                t.line(self.preview.head.title, "bold"),
                Content("\n"),
                t.line(f"Opening {self.preview.file}", t.MUTED),
            ]
        )

    def on_mount(self) -> None:
        if self.loaded is not None:
            return  # checked already: the replay follows once this is drawn (`drawn`)
        # A thread of our own, not a Textual thread worker: those run in asyncio's default
        # executor, which the app waits for when it closes, so `q` during the check of a
        # million posts would hang for seconds. A daemon thread is left behind instead,
        # and ends with the process.
        app = self.app
        threading.Thread(
            target=self._check_for, args=(app,), name="replay-tui check", daemon=True
        ).start()

    def drawn(self) -> None:
        """This screen, the app's first, is on the terminal (the app's `Ready`): a session
        checked before the app started goes on to its replay screen."""
        if self.loaded is not None:
            self._checked(self.loaded, [])

    def _check_for(self, app: App[object]) -> None:
        try:
            loaded, problems = self._check()
        except Exception as exc:  # read_session reports problems; this is a bug's last net
            loaded, problems = None, [self._failure(exc)]
        # RuntimeError: the app has closed meanwhile, and nobody waits for the verdict.
        with contextlib.suppress(RuntimeError):
            app.call_from_thread(self._checked, loaded, problems)

    def _check(self) -> tuple[LoadedSession | None, list[Problem]]:
        # freeze: the session lives as long as the app; see read_session.
        loaded, problems = read_session(self.preview.file, max_bytes=self.max_bytes, freeze=True)
        if loaded is not None:
            # The replay screen's modules, imported here while the user reads the preview
            # rather than after the check, on the way to the first post.
            from replay_tui.ui.screens import replay  # noqa: F401

        return loaded, problems

    def _failure(self, exc: Exception) -> Problem:
        return Problem(
            "error",
            "unreadable",
            f"the file could not be checked: {exc}",
            file=self.preview.file,
        )

    class Checked(Message):
        """The check is over: `loaded` (None if it failed) and the problems found. It
        bubbles to the app, which replays the session or says why it cannot."""

        def __init__(
            self, loaded: LoadedSession | None, problems: list[Problem], *, from_picker: bool
        ) -> None:
            super().__init__()
            self.loaded = loaded
            self.problems = problems
            self.from_picker = from_picker

    def _checked(self, loaded: LoadedSession | None, problems: list[Problem]) -> None:
        self.post_message(self.Checked(loaded, problems, from_picker=self.from_picker))
