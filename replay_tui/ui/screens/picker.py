"""The session picker: what `replay-tui list` finds, chosen with the keyboard.

Shown when `replay-tui` starts without a file, and over a session by the palette's
"Sessions": then Esc (or choosing that same session) leads back to it as it was. The
library is scanned in a thread (a user's folder may hold large sessions) while the screen
says it is looking. A broken session is listed with its first error and cannot be opened,
but it never stops the others from being listed or opened: the picker shows only Content
built by `ui/text.py`, so a file name or title full of markup or escape codes is shown,
not obeyed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from replay_tui.format.read import DEFAULT_MAX_BYTES
from replay_tui.ui import keys
from replay_tui.ui import text as t
from replay_tui.ui.handoff import close_after_typed
from replay_tui.ui.render import NL
from replay_tui.ui.screens.loading import size_text
from replay_tui.user.library import Entry

Scan = Callable[[], list[Entry]]


UNCHECKED = "checked when opened"
"""What the picker says of a large file it lists by its preview (library.scan)."""


def _facts(entry: Entry) -> list[str]:
    if entry.preview is not None:
        facts = [UNCHECKED, size_text(entry.preview.size)]
    else:
        facts = [entry.dates or "dates unknown", t.count(entry.posts, "post")]
    return [*facts, t.count(entry.participants, "participant")]


def _entry_prompt(entry: Entry) -> Content:
    if entry.ok:
        return t.join(
            [t.clipped(entry.title, 200, "bold"), NL, t.words(" · ".join(_facts(entry)), t.MUTED)]
        )
    problem = entry.problem
    return t.join(
        [
            t.join([t.words("cannot open: ", "bold $text-error"), t.clipped(entry.path.name, 120)]),
            NL,
            t.clipped(problem.message if problem else "unreadable", 200, "$text-error"),
        ]
    )


def _entry_detail(entry: Entry) -> Content:
    where = t.join([t.words(f"{entry.origin}: ", t.MUTED), t.line(str(entry.path), t.MUTED)])
    if entry.ok:
        parts = [
            t.plain(entry.title, "bold $text-primary"),
            NL,
            t.words(" · ".join(_facts(entry)), t.MUTED),
        ]
        if entry.summary:
            parts += [NL, NL, t.plain(entry.summary)]
        parts += [NL, NL, where, NL, NL, t.words("Enter: open", f"italic {t.MUTED}")]
        return t.join(parts)
    problem = entry.problem
    parts = [t.words("This session cannot be opened", "bold $text-error"), NL, where]
    if problem is not None:
        place = f"line {problem.line}" if problem.line else ""
        if problem.line and problem.column:
            place += f", column {problem.column}"
        parts += [NL, NL, t.plain(problem.message)]
        if place:
            parts += [NL, t.words(place, t.MUTED)]
        if problem.path:
            parts += [NL, t.words("at ", t.MUTED), t.line(problem.path, t.MUTED)]
    parts += [
        NL,
        NL,
        t.words("To see every problem: replay-tui check ", f"italic {t.MUTED}"),
        t.line(str(entry.path), f"italic {t.MUTED}"),
    ]
    return t.join(parts)


class PickerScreen(Screen[None]):
    """Choose a session to replay."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Screen declares it without ClassVar
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so that the footer shows it and Enter opens whatever is highlighted
        # once the keys typed before it have moved the highlight; the keys typed after it
        # go to the session it opens (ui/handoff.py).
        Binding("enter", "open", "Open", show=True, priority=True),
        *keys.bindings((keys.PICKER_BACK_KEY,), priority=True),
    ]

    def __init__(
        self, scan: Scan, *, max_bytes: int = DEFAULT_MAX_BYTES, back_to: str | None = None
    ) -> None:
        super().__init__()
        self.scan = scan
        self.max_bytes = max_bytes
        self.back_to = back_to
        """The id of the session under this list (opened over it from the palette): Esc
        dismisses the list, back to it; None when the list is the app's first screen."""
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Static(t.words("replay-tui · choose a session", "bold"), id="picker-title")
        with Container(id="picker-body"):
            yield OptionList(id="sessions")
            with VerticalScroll(id="detail"):
                yield Static(t.quiet("Looking for sessions…"), markup=False, id="detail-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail").border_title = "Session"
        self.query_one(OptionList).border_title = "Sessions"
        self._scan()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _scan(self) -> None:
        try:
            entries = self.scan()
        except OSError as exc:
            # A folder that vanished or cannot be listed: say so, keep the app up.
            self.app.call_from_thread(
                self.notify,
                f"Could not list the sessions: {exc.strerror or exc}",
                severity="error",
                markup=False,
            )
            entries = []
        self.app.call_from_thread(self.fill, entries)

    def fill(self, entries: list[Entry]) -> None:
        """Show `entries` (also called directly by tests)."""
        self.entries = entries
        options = self.query_one(OptionList)
        options.clear_options()
        items: list[Option | None] = []
        for i, entry in enumerate(entries):
            if i:
                items.append(None)  # a divider between sessions
            items.append(Option(_entry_prompt(entry), id=str(i)))
        options.add_options(items)
        if entries:
            options.highlighted = 0
            options.focus()
            self._show_detail(0)
        else:
            from replay_tui.user.library import user_sessions_dir

            self.query_one("#detail-body", Static).update(
                t.join(
                    [
                        t.words("No sessions found.", "bold"),
                        NL,
                        t.words("Put .toml or .json session files in "),
                        t.line(str(user_sessions_dir())),
                        t.words(", or open one directly: replay-tui FILE"),
                    ]
                )
            )

    @on(OptionList.OptionHighlighted, "#sessions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail(int(event.option.id or 0))

    @on(OptionList.OptionSelected, "#sessions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.open(int(event.option.id or 0))

    def _show_detail(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            self.query_one("#detail-body", Static).update(_entry_detail(self.entries[index]))
            self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.back_to is not None  # False: not in the footer either
        return True

    def action_back(self) -> None:
        if self.back_to is not None:
            self.dismiss()

    def help_rows(self) -> list[tuple[str, str]]:
        return keys.picker_rows(back=self.back_to is not None)

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        close_after_typed(self, options, lambda: self._open_highlighted(options))

    def _open_highlighted(self, options: OptionList) -> None:
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.open(int(option.id or 0))

    def open(self, index: int) -> None:
        """Open entry `index` in a replay screen; a broken entry says why it cannot."""
        if not 0 <= index < len(self.entries):
            return
        entry = self.entries[index]
        if entry.loaded is not None and entry.loaded.session.id == self.back_to:
            self.dismiss()  # the session under this list, as it was left
            return
        if entry.preview is not None:
            from replay_tui.ui.screens.loading import LoadingScreen

            self.app.push_screen(
                LoadingScreen(entry.preview, max_bytes=self.max_bytes, from_picker=True)
            )
            return
        if entry.loaded is None:
            self.app.bell()
            self.notify(
                "This session has errors; fix them first (replay-tui check lists them all).",
                title="Cannot open",
                severity="error",
            )
            return
        from replay_tui.ui.screens.replay import ReplayScreen

        resume = not getattr(self.app, "from_start", False)
        self.app.push_screen(ReplayScreen(entry.loaded, from_picker=True, resume=resume))
