"""The Textual application: screens, themes, settings, and the entry point the CLI calls.

`cli.cmd_open` has already read and checked the session (or found none asked for) before
anything here is imported, so the app never starts on a broken file. `build_app` is the one
factory: the CLI, the tests, the snapshot tests and the screenshot script all build the app
through it, so what is tested is what runs.

Settings come in through the constructor (`config.Config`), never from a global, so a test
can hand the app its own. The theme a user picks (palette: "Change theme") is saved; the
file is written only then.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict, Unpack

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette, Provider
from textual.css.query import NoMatches
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.worker import WorkerFailed

from replay_tui.format.preview import Preview
from replay_tui.format.problems import Problem
from replay_tui.format.read import DEFAULT_MAX_BYTES, LoadedSession
from replay_tui.ui import keys
from replay_tui.ui.handoff import KeyHolder
from replay_tui.ui.palette import Palette
from replay_tui.ui.themes import THEMES, group_variables
from replay_tui.user.config import Config
from replay_tui.words.sanitize import one_line, visible

if TYPE_CHECKING:
    from replay_tui.ui.screens.loading import LoadingScreen
    from replay_tui.ui.widgets.audience import Audience
    from replay_tui.user.library import Entry


# The palette's providers and the screens other than the first are imported when first
# used: the replay screen's modules are most of the app's import time, and a large session
# opens on the loading screen, which needs none of them (see screens/loading.py).
def _provider(name: str) -> Callable[[], type[Provider]]:
    """A palette provider of `commands`, imported when the palette first opens."""

    def load() -> type[Provider]:
        from replay_tui.ui import commands

        provider: type[Provider] = getattr(commands, name)
        return provider

    return load


PROVIDERS = (
    "PostSearch",
    "ChapterCommands",
    "BookmarkCommands",
    "FilterCommands",
    "SessionCommands",
)
"""The classes of `commands` the palette offers, by name."""

DEFAULT_THEME = "textual-dark"


class ReplayApp(App[int]):
    """replay-tui: one session (`loaded`, or `preview` while a large file is checked), or
    the session picker when neither is given."""

    CSS_PATH = "replay.tcss"
    TITLE = "replay-tui"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS | {
        _provider(name) for name in PROVIDERS
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings(keys.APP_KEYS),
    ]

    def __init__(
        self,
        loaded: LoadedSession | None = None,
        *,
        preview: Preview | None = None,
        from_start: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        config: Config | None = None,
        scan: Callable[[], list[Entry]] | None = None,
        follow: Path | None = None,
        clock: Callable[[], float] | None = None,
        audience: Audience | None = None,
        audience_of: int | None = None,
    ) -> None:
        super().__init__()
        self.key_holder = KeyHolder(self, self._take)
        """Keys taken while a dialog closes, handed to the screen under it once it is gone."""
        self.audience = audience
        """The server of this presenter's audience in browsers (`--serve`), shown on top."""
        self.audience_of = audience_of
        """This follower is a browser's view served by the presenter with this process
        id: it takes no key but help (no palette, which lists other sessions; no quit, a
        browser closes its tab) and ends when that process ends."""
        if audience_of is not None:
            self.use_command_palette = False
        self.loaded = loaded
        self.preview = preview
        """The title card's preview the app opens on (`cli.open.opening`), the replay
        screen following; its file is checked after the first frame when `loaded` is None."""
        self._opening: int | None = None
        """The holding of the keys typed on the preview of a checked session (`opened`)."""
        self.problems: list[Problem] = []
        """Why `preview`'s file could not be opened, for the command line to print."""
        self.clock: Callable[[], float] = clock if clock is not None else time.monotonic
        """Monotonic seconds for autoplay; tests pass a fake clock and call `tick()`."""
        self.follow = follow
        """The presenter file to follow (`replay-tui follow`); None to present."""
        # A session reopens where the user left it (state.SessionState); --from-start
        # opens every session of this run at its title card instead.
        self.from_start = from_start
        self.max_bytes = max_bytes
        self.config = config if config is not None else Config.load()
        self._scan = scan
        # Set before the theme: Textual calls watch_theme as soon as it is assigned.
        self._settings_ready = False
        for theme in THEMES:
            self.register_theme(theme)
        wanted = self.config.theme
        if wanted is not None and wanted in self.available_themes:
            self.theme = wanted
        else:
            self.theme = DEFAULT_THEME
        self._unknown_theme = wanted if wanted is not None and wanted != self.theme else None

    def get_default_screen(self) -> Screen[Any]:
        """A session opened from the command line opens on the loading screen, as the app's
        first screen: the first frame the terminal shows (a screen pushed from `on_mount`
        is drawn in Textual's start-up batch, whose frames are not sent), and the app's
        `Ready` says when that frame is out (`on_ready`)."""
        if self.preview is not None and self.follow is None:
            from replay_tui.ui.screens.loading import LoadingScreen

            return LoadingScreen(self.preview, max_bytes=self.max_bytes, loaded=self.loaded)
        return super().get_default_screen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's, with its Screenshot (which fails) replaced by `S`'s (`commands`)."""
        from replay_tui.ui.commands import system_commands

        return system_commands(screen, super().get_system_commands(screen))

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables plus `$group-1..6`, chosen for the theme's ground; a theme
        may set its own."""
        variables = super().get_css_variables()
        for name, colour in group_variables(self.current_theme.dark).items():
            variables.setdefault(name, colour)
        self.theme_variables = variables
        return variables

    async def on_event(self, event: events.Event) -> None:
        """A key from the terminal that opens a screen (a dialog, the palette, the help)
        waits for that screen to be mounted, its input focused (Screen.AUTO_FOCUS), before
        the app takes the next key: else the keys typed right after `a` or `/` reach a
        screen with nothing focused yet, and are lost. A key handed to a widget is handled
        before the next is taken (the widget's bindings act only once it has come back up
        here), and keys taken while a dialog closes wait for it to be gone
        (`ui/handoff.py`)."""
        if self.key_holder.take(event):
            return
        await self._take(event)

    async def _take(self, event: events.Event) -> None:
        """Handle `event` as Textual does; a key that opened a screen waits for it."""
        if isinstance(event, events.Key) and not (self.is_running and self.screen_stack):
            # The app is closing: a key held or queued until now is dropped. A screen it
            # opened now would never start (Textual starts no message loop once the app
            # stops running), so waiting for it to be mounted hung the exit for good.
            return
        fresh_key = isinstance(event, events.Key) and not event.is_forwarded
        before = self.screen_stack[-1] if fresh_key and self.screen_stack else None
        target = (self.focused or before) if fresh_key else None
        await super().on_event(event)
        if fresh_key and self.is_running and self.screen_stack:
            screen = self.screen_stack[-1]
            if screen is not before and not screen.is_mounted:
                await AwaitMount(screen, [screen])
            elif event.is_forwarded and target is not None:
                # Handed to a widget: the next key waits until this one is handled.
                self.key_holder.follow(target)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's handling (print the traceback at exit, status 1), except for a query
        that finds nothing once the app has begun closing. A screen pushed just before the
        app closed still gets its Mount, but Textual starts no message loop once the app has
        stopped running, so the widgets that screen composes are never composed themselves:
        its `on_mount` (the note editor's `query_one(TextArea)`, the chapter list's
        `query_one(OptionList)`) finds nothing. Such a screen is never shown; the exit stays
        clean. (The palette's own worker is guarded in `ui/palette.py`.)"""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, NoMatches) and not self.is_running:
            self.log.warning("closing: a screen opened as the app closed was not composed", cause)
            return
        super()._handle_exception(error)

    def action_command_palette(self) -> None:
        """Textual's palette, guarded against clicks and hits that come after it closed."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(id="--command-palette"))

    def on_mount(self) -> None:
        self._settings_ready = True
        if self.audience is not None:
            self.set_interval(0.5, self._show_audience)
            self.call_after_refresh(self._show_audience)
        if self.audience_of is not None:
            self.set_interval(0.5, self._presenter_alive)
        if self.loaded is not None and self.follow is not None:
            from replay_tui.ui.screens.follow import FollowScreen

            self.push_screen(FollowScreen(self.loaded, self.follow))
        elif self.preview is not None:
            if self.loaded is not None:
                # The loading screen is the first (`get_default_screen`). Checked already:
                # the keys typed before the replay screen comes are for it.
                self._opening = self.key_holder.hold(self.screen)
        elif self.loaded is not None:
            self.push_screen(self._replay_screen(self.loaded))
        else:
            from replay_tui.ui.screens.picker import PickerScreen

            self.push_screen(
                PickerScreen(self._scan or self._default_scan, max_bytes=self.max_bytes)
            )
        if self.config.notice:
            self.notify(self.config.notice, title="Settings", severity="warning", markup=False)
        if self._unknown_theme is not None:
            self.notify(
                f"The saved theme {self._unknown_theme!r} is not available; using {self.theme!r}.",
                title="Settings",
                severity="warning",
                markup=False,
            )

    def on_ready(self) -> None:
        """The first frame is out: a session checked before the app started goes on from
        its preview (the loading screen) to its replay."""
        from replay_tui.ui.screens.loading import LoadingScreen

        if isinstance(self.screen, LoadingScreen):
            self.screen.drawn()

    def _show_audience(self) -> None:
        """Give the presenter's replay screen (whichever session it shows) the line that
        says where the audience is."""
        from replay_tui.ui.screens.replay import ReplayScreen
        from replay_tui.ui.widgets.audience import AudienceBar

        screen = self.screen
        if (
            self.audience is not None
            and isinstance(screen, ReplayScreen)
            and screen.presenter
            and not screen.query(AudienceBar)
        ):
            screen.mount(AudienceBar(self.audience), before=0)

    def _presenter_alive(self) -> None:
        from replay_tui.user.follow import pid_alive

        if self.audience_of is not None and not pid_alive(self.audience_of):
            self.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.audience_of is not None:
            return action == "help"
        return True

    def _replay_screen(self, loaded: LoadedSession, *, from_picker: bool = False) -> Screen[None]:
        from replay_tui.replay.cursor import TITLE
        from replay_tui.ui.screens.replay import ReplayScreen

        return ReplayScreen(
            loaded, position=TITLE, from_picker=from_picker, resume=not self.from_start
        )

    def _back_to_loading(self) -> None:
        """Close what the user opened over the loading screen meanwhile (help, palette)."""
        from replay_tui.ui.screens.loading import LoadingScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, LoadingScreen):
            self.pop_screen()

    def on_loading_screen_checked(self, message: LoadingScreen.Checked) -> None:
        """The loading screen's check is over: replay the file, or say why not."""
        if message.loaded is None:
            self.failed(message.problems, from_picker=message.from_picker)
        else:
            self.opened(message.loaded, from_picker=message.from_picker)

    def opened(self, loaded: LoadedSession, *, from_picker: bool = False) -> None:
        """The loading screen's file passed its check: replay it in place of the preview."""
        if not from_picker:
            self.loaded = loaded
        self._back_to_loading()
        if len(self.screen_stack) > 1:
            # Opened from the picker, over it: the loading screen goes first, then the
            # replay screen comes, in this one handler (no frame between). The app awaits
            # both in its own queue, where keys arrive; begun first, the removal runs while
            # the replay screen is laid out and is mostly over by its first frame. With
            # `switch_screen` it began only once that screen was mounted, and keys pressed
            # at the title card waited for all of it. From the command line, the loading
            # screen is the app's first, which stays under the replay screen, never shown
            # again: nothing to remove.
            self.pop_screen()
        self.push_screen(self._replay_screen(loaded, from_picker=from_picker))
        if self._opening is not None:
            self.call_next(self.key_holder.release, self._opening)
            self._opening = None

    def failed(self, problems: list[Problem], *, from_picker: bool = False) -> None:
        """The loading screen's file did not pass its check. Opened from the command line:
        leave, for it to say why (`problems`), as it does for a file checked before the app
        starts. Opened from the picker: back to the picker, saying the first error."""
        if not from_picker:
            self.problems = problems
            self.exit(return_code=1)
            return
        self._back_to_loading()
        self.pop_screen()
        errors = [p for p in problems if p.severity == "error"] or problems
        first = str(errors[0]) if errors else "the file could not be checked"
        self.bell()
        self.notify(
            f"{first}\n(replay-tui check lists every problem)",
            title="Cannot open",
            severity="error",
            markup=False,
        )

    def library(self) -> list[Entry]:
        """The sessions the picker lists (the palette's "Open session" reads it too)."""
        return (self._scan or self._default_scan)()

    def _default_scan(self) -> list[Entry]:
        from replay_tui.format.preview import PREVIEW_FROM_BYTES
        from replay_tui.user.library import scan

        # Large files are listed by their preview and checked when opened (library.scan).
        return scan(max_bytes=self.max_bytes, preview_from=PREVIEW_FROM_BYTES)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme the user picks; never write the file for anything else."""
        if not self._settings_ready or theme == self.config.theme:
            return
        if self.config.theme is None and theme == DEFAULT_THEME:
            return
        self.config.theme = theme
        try:
            self.config.save()
        except OSError as exc:
            self.notify(
                f"Could not save the theme to {self.config.path}: {exc.strerror or exc}",
                title="Settings",
                severity="error",
                markup=False,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (screens' too: theirs come here) with its words made inert:
        they often quote a file name, a path or a session's text, all untrusted."""
        super().notify(
            visible(message),
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def action_help(self) -> None:
        from replay_tui.ui.screens.help import HelpScreen
        from replay_tui.ui.screens.replay import ReplayScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        screen = self.screen
        if isinstance(screen, ReplayScreen) and not screen.presenter:
            self.push_screen(HelpScreen(keys.follow_rows(), title="Following"))
        elif isinstance(screen, ReplayScreen):
            rows = keys.help_rows(from_picker=screen.from_picker)
            self.push_screen(HelpScreen(rows))
        else:
            from replay_tui.ui.screens.picker import PickerScreen

            rows = [k.row for k in keys.APP_KEYS]
            # The loading screen takes only the app's own keys.
            if isinstance(screen, PickerScreen):
                rows = [*screen.help_rows(), *rows]
            self.push_screen(HelpScreen(rows))

    async def action_quit(self) -> None:
        from replay_tui.ui.screens.note import NoteScreen

        editors = [s for s in self.screen_stack if isinstance(s, NoteScreen) and s.is_mounted]
        if editors:
            # What the user wrote is kept first, also under a dialog opened over the
            # editor (the palette): those are closed, as they would be by quitting.
            while self.screen is not editors[-1]:
                await self.pop_screen()
            editors[-1].keep_and_quit()
            return
        self.exit(0)


class AppOptions(TypedDict, total=False):
    """What `build_app` and `run_app` pass on to `ReplayApp` besides the session."""

    preview: Preview | None
    from_start: bool
    max_bytes: int
    config: Config | None
    scan: Callable[[], list[Entry]] | None
    follow: Path | None
    clock: Callable[[], float] | None
    audience: Audience | None
    audience_of: int | None


def build_app(loaded: LoadedSession | None = None, **options: Unpack[AppOptions]) -> ReplayApp:
    """The app as the CLI runs it; tests pass their own `config`, `scan` and `clock` (a fake
    one drives autoplay without sleeping). With `follow` (a presenter file), it follows that
    presenter instead of taking keys. With `preview`, it opens on that preview, the replay
    screen following (checking the file first when no `loaded` is given). With `audience`
    (a server, `--serve`), the presenter's screen says where the audience is; with
    `audience_of`, it is that audience's view."""
    return ReplayApp(loaded, **options)


def run_app(
    *, loaded: LoadedSession | None, **options: Unpack[AppOptions]
) -> tuple[int, list[Problem]]:
    """Run the app in the terminal until the user quits. Returns the exit status, and the
    problems that kept `preview`'s file from opening (for the command line to print)."""
    app = build_app(loaded, **options)
    # What is alive now (every module imported, Textual's and ours, and the session) lives
    # until the process ends. Left in the cyclic collector's sight, its first full pass
    # walks them all (about 50,000 objects at a bundled session) in the middle of the
    # first frame, and every later one again while the reader steps: freeze them out of
    # it. Only the collector stops looking at them; they are freed by reference counting
    # as ever. Process-wide, so only here, where the app is the process (as `read_session`
    # does for a large session); tests, which build many apps, never call this.
    gc.freeze()
    app.run()
    code = app.return_code
    return (0 if code is None else code), app.problems
