"""The replay screen: header, timeline, the three panes (or their tabs), and the footer.

It owns the cursor (`replay.Replay`) and turns keys into calls on it. A key moves the
cursor at once (cheap, plain Python) and asks for one `PositionChanged`; while one is
pending no other is posted, and the message can replace a queued one (toolong's
`PointerMoved` pattern), so a held arrow key that queues twenty steps costs one repaint.
The repaint then pushes the current state down into the header, timeline and panes.

Layout follows the width through Textual's breakpoints: from 100 columns the panes stand
in a column beside the timeline; below that the timeline keeps the full width and the
panes become tabs underneath it (c, r, p or a click switch them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Tab, Tabs

from replay_tui.format.read import LoadedSession
from replay_tui.replay.cursor import TITLE, Replay
from replay_tui.replay.reveal import Reveal
from replay_tui.ui import keys
from replay_tui.ui import text as t
from replay_tui.ui.render import Renderer
from replay_tui.ui.screens.exploring import ExploringScreen
from replay_tui.ui.screens.presenting import PresentingScreen
from replay_tui.ui.widgets.focus import FocusView, NotesPane
from replay_tui.ui.widgets.panes import Card, Pane, SessionHeader
from replay_tui.ui.widgets.timeline import Timeline

PANES = ("context", "reactions", "press")
WITHHELD = "Withheld while the class guesses the reply: → shows it."
PANE_TITLES = {"context": "Context", "reactions": "Reactions", "press": "Press"}


def tab_label(name: str, count: int) -> Content:
    """'c Context · 3': the key that shows the pane, its name, and how many items it has
    about this post."""
    title = PANE_TITLES[name]
    label = f"{title} · {count}" if count else title
    return Content.assemble((name[0], "bold $text-accent"), " ", label)


class PaneTabs(Tabs):
    """The pane tabs of a narrow screen. Their labels carry counts that change on most
    steps; the underline then jumps instead of gliding, so stepping stays instant."""

    def _on_tab_relabelled(self, event: Tab.Relabelled) -> None:
        event.stop()
        event.prevent_default()  # Tabs' own handler would animate
        self._highlight_active(animate=False)


class PositionChanged(Message):
    """The cursor moved; sent to the screen itself and coalesced while keys are held."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PositionChanged)


class ReplayScreen(ExploringScreen, PresentingScreen):
    """Step through one session (autoplay, search, filters, bookmarks and the other reading
    keys come from `ExploringScreen`; the presenting keys from `PresentingScreen`)."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Screen declares it without ClassVar
        (0, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012 - Screen declares it without ClassVar
        (0, "-short"),
        (30, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings(keys.STEP_KEYS, priority=True),
        *keys.digit_bindings(),
        *keys.bindings(keys.PANE_KEYS),
        # After the steps, so the footer reads "Next Prev … Guess"; the actions are
        # PresentingScreen's.
        *keys.bindings(keys.PRESENT_KEYS),
        *keys.bindings((keys.BACK_KEY,)),
    ]

    def __init__(
        self,
        loaded: LoadedSession,
        *,
        position: int = TITLE,
        from_picker: bool = False,
        resume: bool = True,
    ) -> None:
        super().__init__()
        self.replay = Replay(loaded, position)
        self.reveal = Reveal(self.replay)
        self.renderer = Renderer(self.replay, self.reveal)
        self.from_picker = from_picker
        self.pane = "context"
        self.syncs = 0
        """How many times the screen has been repainted for a position (for tests)."""
        self._pending = False
        self._synced: int | None = None
        self._search: list[str] | None = None
        # Resumes the saved position unless `resume` is False (--from-start).
        self.setup_exploring(resume=resume)

    def compose(self) -> ComposeResult:
        yield SessionHeader(self.renderer, id="header")
        yield from self.compose_exploring()
        yield Card(id="card")
        with Container(id="body"):
            # The prompt heads the timeline's column only: when it comes and goes at a
            # chapter's first post, the panes beside it keep their size and are not drawn
            # again (at a wide screen's Home, 14 ms a step instead of 8, measured).
            with Vertical(id="reading"):
                yield self.prompt_banner()
                yield Timeline(self.renderer, id="timeline")
            with Vertical(id="side"):
                yield PaneTabs(
                    *(Tab(tab_label(name, 0), id=f"tab-{name}") for name in PANES),
                    id="pane-tabs",
                )
                for name in PANES:
                    yield Pane(PANE_TITLES[name], id=name)
        yield FocusView()
        yield NotesPane()
        yield Footer()

    def on_mount(self) -> None:
        self._select_pane(self.pane, focus=False)
        self.sync()
        self.query_one(Timeline).focus(scroll_visible=False)

    # --- moving -----------------------------------------------------------------------------

    def moved(self) -> None:
        """Ask for one repaint, however many steps come before it is handled."""
        self.navigated()
        if not self._pending:
            self._pending = True
            self.post_message(PositionChanged())

    def on_position_changed(self, _: PositionChanged) -> None:
        self._pending = False
        self.sync()

    def action_next(self) -> None:
        # Through `reveal`: in guess mode a reply takes two steps (who, then what), and
        # the second repaints the same position.
        if self.reveal.next():
            self._synced = None
            self.moved()

    def action_prev(self) -> None:
        if self.reveal.prev():
            self.moved()

    def action_first(self) -> None:
        if self.replay.first():
            self.moved()

    def action_last(self) -> None:
        if self.replay.last():
            self.moved()

    def action_jump(self, percent: int) -> None:
        if self.replay.jump_percent(percent):
            self.moved()

    def go_to(self, index: int) -> None:
        """Move to post `index` (the command palette's jump)."""
        if self.replay.go(index):
            self.moved()

    def search_index(self, build: Callable[[ReplayScreen, int], str]) -> list[str]:
        """One search string per post, built on first use (the palette's post search)."""
        if self._search is None:
            self._search = [build(self, i) for i in range(self.replay.count)]
        return self._search

    def action_back(self) -> None:
        if self.from_picker:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_picker
        return True

    # --- panes ------------------------------------------------------------------------------

    def action_pane(self, name: str) -> None:
        self._select_pane(name, focus=True)

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES and name != self.pane:
            self._select_pane(name, focus=False)

    def _select_pane(self, name: str, *, focus: bool) -> None:
        self.pane = name
        for other in PANES:
            self.query_one(f"#{other}", Pane).set_class(other == name, "-shown")
        tabs = self.query_one("#pane-tabs", Tabs)
        if tabs.active != f"tab-{name}":
            tabs.active = f"tab-{name}"
        if focus and not (self.replay.at_title or self.replay.at_end):
            self.query_one(f"#{name}", Pane).focus(scroll_visible=False)

    # --- painting ---------------------------------------------------------------------------

    def sync(self) -> None:
        """Push the cursor's state into every widget: once per coalesced move."""
        replay = self.replay
        if self._synced == replay.position:
            return
        self._synced = replay.position
        self.syncs += 1
        card = replay.at_title or replay.at_end
        body = self.query_one("#body")
        card_widget = self.query_one(Card)
        card_widget.display = card
        body.display = not card
        if card:
            if self.focused is not None and self.focused is not card_widget:
                card_widget.focus(scroll_visible=False)
            card_widget.show(
                self.renderer.title_card() if replay.at_title else self.renderer.end_card()
            )
        else:
            timeline = self.query_one(Timeline)
            if self.focused is card_widget or self.focused is None:
                timeline.focus(scroll_visible=False)
            timeline.show()
            self._show_panes()
        self.query_one(SessionHeader).refresh()
        self.presented()
        self.explored()

    def _show_panes(self) -> None:
        renderer = self.renderer
        if self.reveal.withheld:
            # Reactions, notes and press may quote the reply the class is guessing.
            for name in PANES:
                self.query_one(f"#{name}", Pane).show(t.quiet(WITHHELD), 0)
                self._label_tab(name, 0)
            return
        for name, (content, count) in (
            ("context", renderer.context_pane()),
            ("reactions", renderer.reactions_pane()),
            ("press", renderer.press_pane()),
        ):
            self.query_one(f"#{name}", Pane).show(content, count)
            self._label_tab(name, count)

    def _label_tab(self, name: str, count: int) -> None:
        """Relabel a pane's tab when its count changed (a relabel lays the screen out)."""
        tab = self.query_one(f"#tab-{name}", Tab)
        label = tab_label(name, count)
        if not tab.label.is_same(label):
            tab.label = label
