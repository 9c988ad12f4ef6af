"""The replay screen: header, activity strip, timeline, the three panes (or their tabs), footer.

State flows down, news flows up. What the screen shows is a handful of reactives: `at`
(the position and what the current post reveals), the display `zone`, the `search`, the
filter (`filter_words`, `view`), `playback`, `thread_view`, `focus_mode`, `notes_shown`,
`marks` and the `pane`; `renderer` is computed from them (a `look.Look`), and the widgets
are bound to `renderer` and `at` (`data_bind`) and paint themselves when they change.
Widgets, modals and workers report up with messages (`ui/messages.py`), and modals return
through `dismiss`. The features live in small controllers (`ui/controllers/`): autoplay,
search, filter, bookmarks and presenting; the screen turns keys into calls on them and what
they report into its reactives.

A key moves the cursor at once (cheap, plain Python) and asks for one `PositionChanged`;
while one is pending no other is posted, and it can replace a queued one, so a held arrow
key that queues twenty steps costs one repaint.

Layout follows the width through Textual's breakpoints: from 100 columns the panes stand
in a column beside the timeline; below that the timeline keeps the full width and the
panes become tabs underneath it (c, r, p or a click switch them).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import var
from textual.screen import Screen

from replay_tui.format.read import LoadedSession
from replay_tui.replay.cursor import TITLE, Replay
from replay_tui.replay.filters import Filter, View
from replay_tui.replay.reveal import Reveal
from replay_tui.replay.search import Search, SearchIndex
from replay_tui.ui import keys
from replay_tui.ui.controllers.autoplay import Autoplay
from replay_tui.ui.controllers.base import Given
from replay_tui.ui.controllers.bookmarks import Bookmarks
from replay_tui.ui.controllers.chapters import Chapters, ThreadRows
from replay_tui.ui.controllers.filtering import Filtering
from replay_tui.ui.controllers.finding import Finder
from replay_tui.ui.controllers.presenting import Presenting
from replay_tui.ui.idle import Idle
from replay_tui.ui.look import At, Look
from replay_tui.ui.messages import (
    FilterCounted,
    FilterLanded,
    MatchAsked,
    MatchesListed,
    MatchFound,
    PeopleCounted,
    PositionChanged,
    SearchAsked,
    TagsCounted,
)
from replay_tui.ui.render import Renderer
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.banner import PromptBanner
from replay_tui.ui.widgets.focus import FocusView, NotesPane
from replay_tui.ui.widgets.footer import SteadyFooter
from replay_tui.ui.widgets.panes import Card, Pane, SessionHeader
from replay_tui.ui.widgets.room import RoomNotice, SmallPost, room_classes
from replay_tui.ui.widgets.side import SidePanes
from replay_tui.ui.widgets.timeline import Timeline
from replay_tui.user.state import SessionState
from replay_tui.words.zones import DisplayZone, display_zones, next_zone


class ReplayScreen(Screen[None]):
    """Step through one session."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Screen declares it without ClassVar
        (0, "-narrow"),
        (100, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012 - Screen declares it without ClassVar
        (0, "-short"),
        (30, "-tall"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        # Every key of this screen is a priority binding: it acts when the app takes it
        # from the terminal, in the order typed. A plain binding acts only once the key has
        # gone through the focused widget, by when the app has taken the keys typed after
        # it: `a` then a fast-typed note ran the note's letters as commands (`e` exported).
        # In the footer's order: "Play Search Next Prev … Guess".
        *keys.bindings(keys.PLAY_KEYS, priority=True),
        *keys.bindings(keys.FIND_KEYS, priority=True),
        *keys.bindings(keys.STEP_KEYS, priority=True),
        *keys.digit_bindings(),
        *keys.bindings(keys.PANE_KEYS, priority=True),
        *keys.bindings(keys.PRESENT_KEYS, priority=True),
        *keys.bindings((keys.BACK_KEY,), priority=True),
        # The app's ? (not priority: it is typed text in an editor), in typing order here.
        Binding("question_mark", "app.help", "Help", key_display="?", priority=True),
    ]

    presenter: ClassVar[bool] = True
    """False on a follower: no publishing, no notes, no state, no presenter hints."""

    at: var[At] = var(At(TITLE))
    zone: var[DisplayZone | None] = var(None)
    search: var[Search | None] = var(None)
    filter_words: var[str] = var("")
    view: var[object] = var(None)
    playback: var[str] = var("")
    thread_view: var[bool] = var(False)
    marks: var[int] = var(0)
    focus_mode: var[bool] = var(False)
    notes_shown: var[bool] = var(False)
    pane: var[str] = var("context")
    renderer: var[Renderer | None] = var(None)

    def __init__(
        self,
        loaded: LoadedSession,
        *,
        position: int = TITLE,
        from_picker: bool = False,
        resume: bool = True,
    ) -> None:
        super().__init__(classes=" ".join(self.size_classes(self.app.size)))
        replay = self.replay = Replay(loaded, position)
        self.reveal = Reveal(replay)
        self.from_picker = from_picker
        self.syncs = 0
        """How many times the screen has been repainted for a position (for tests)."""
        self._pending = False
        self.zones = display_zones(replay.session.timezone)
        self.idle = Idle(self)
        """Background work waits while the reader moves."""
        self.index = SearchIndex(loaded)
        # A follower mirrors a presenter: it keeps no state of its own.
        self.state = SessionState(replay.session.id) if self.presenter else None
        self._base = Renderer(replay, self.reveal, state=self.state)
        given = Given(self, replay, self.index, self.idle, self.jump)
        self.autoplay = Autoplay(given, label=self._set_playback)
        self.finder = Finder(given, show=self._set_search)
        self.filtering = Filtering(given, changed=self._filter_changed, colours=self._base.colours)
        self.presenting = Presenting(given, self.reveal)
        self.bookmarks = (
            Bookmarks(given, self.state, changed=self._marked) if self.state is not None else None
        )
        if self.bookmarks is not None and resume:
            self.bookmarks.resume()
        self.chapters = Chapters(given)
        self.timeline_rows = ThreadRows(replay)
        """The timeline's rows: replay order, or reply order with depths (`t`)."""
        self.set_reactive(ReplayScreen.zone, self.zones[0])
        self.set_reactive(ReplayScreen.at, At.of(self.reveal))
        self.set_reactive(
            ReplayScreen.playback, self.autoplay.player.label if self.presenter else ""
        )

    @classmethod
    def size_classes(cls, size: Size) -> list[str]:
        """The classes a terminal of `size` gives this screen: its breakpoints' (as Textual
        sets them on a resize) and `room_classes`. Set from the start, the widgets are
        styled once for the terminal they are in: else the first resize changes the
        screen's classes and every widget is styled again before the first frame."""
        width, height = size
        classes = [
            next(name for least, name in sorted(points, reverse=True) if dimension >= least)
            for points, dimension in (
                (cls.HORIZONTAL_BREAKPOINTS, width),
                (cls.VERTICAL_BREAKPOINTS, height),
            )
        ]
        return classes + [name for name, on in room_classes(width, height).items() if on]

    def compute_renderer(self) -> Renderer:
        zone = self.zone or self.zones[0]
        look = Look(
            zone,
            self.search,
            self.playback,
            self.thread_view,
            self.filter_words,
            self.view,
            self.marks,
        )
        self._base = self._base.with_look(look)
        return self._base

    @property
    def words(self) -> Renderer:
        """The renderer of the current look (what `renderer` holds, never None)."""
        return self.compute_renderer()

    def compose(self) -> ComposeResult:
        bound = (ReplayScreen.renderer, ReplayScreen.at)
        yield RoomNotice()
        yield SmallPost().data_bind(*bound)
        yield SessionHeader(id="header").data_bind(*bound)
        yield ActivityStrip(self.replay.loaded, idle=self.idle, id="activity").data_bind(
            ReplayScreen.at
        )
        yield Card(id="card").data_bind(*bound)
        with Container(id="body"):
            # The prompt heads the timeline's column only: when it comes and goes at a
            # chapter's first post, the panes beside it keep their size and are not drawn
            # again (at a wide screen's Home, 14 ms a step instead of 8, measured).
            with Vertical(id="reading"):
                yield PromptBanner(self.replay, id="prompt").data_bind(ReplayScreen.at)
                timeline = Timeline(self._base, id="timeline").data_bind(*bound)
                timeline.rows = self.timeline_rows
                yield timeline
            yield SidePanes(id="side").data_bind(*bound, ReplayScreen.pane)
        yield FocusView(presenter=self.presenter).data_bind(*bound, on=ReplayScreen.focus_mode)
        if self.presenter:
            yield NotesPane().data_bind(*bound, on=ReplayScreen.notes_shown)
        yield SteadyFooter()

    def on_mount(self) -> None:
        # Opening counts as a move, and so does the first frame (which a large session's
        # screen may take longer than `idle.QUIET` to draw): background work starts once
        # the reader pauses after seeing the screen, not under the keys pressed at once.
        self.idle.moved()
        self.call_after_refresh(self.idle.moved)
        self.query_one(Timeline).focus(scroll_visible=False)
        self._arrange()
        self.query_one(RoomNotice).fit(self.app.size)
        if self.presenter:
            self.presenting.start()
            self.presenting.publish(focus=self.focus_mode)
        if self.bookmarks is not None:
            self.bookmarks.greet()
        self.filtering.start()

    def on_unmount(self) -> None:
        self.idle.release()
        self.autoplay.stop()
        self.presenting.close()
        if self.bookmarks is not None:
            self.bookmarks.close()

    def on_resize(self, event: Resize) -> None:
        # After Screen's own handler (the breakpoints): what a small terminal gives up.
        self.query_one(RoomNotice).fit(event.size)

    def on_screen_resume(self) -> None:
        self.query_one(RoomNotice).resumed()

    # --- moving -----------------------------------------------------------------------------

    def moved(self) -> None:
        """Ask for one repaint, however many steps come before it is handled."""
        self.autoplay.moved()
        self.idle.moved()
        if not self._pending:
            self._pending = True
            self.post_message(PositionChanged())

    def on_position_changed(self, _: PositionChanged) -> None:
        self._pending = False
        self._shown()

    def _shown(self) -> None:
        """What the current post shows may have changed: the cursor or a reveal."""
        self.at = At.of(self.reveal)

    def watch_at(self, at: At) -> None:
        self.syncs += 1
        self.filtering.moved()
        self._arrange()
        if self.bookmarks is not None:
            self.bookmarks.moved()
        self.presenting.publish(focus=self.focus_mode)

    def _arrange(self) -> None:
        """Which of the cards, the body and the focus view stand, and which has focus."""
        replay = self.replay
        card = replay.at_title or replay.at_end
        focused = self.focus_mode and replay.on_post
        card_widget = self.query_one(Card)
        focus_view = self.query_one(FocusView)
        timeline = self.query_one(Timeline)
        card_widget.display = card
        self.query_one("#body").display = not card and not focused
        self.set_class(self.focus_mode, "-focus")
        if card:
            if self.focused is not None and self.focused is not card_widget:
                card_widget.focus(scroll_visible=False)
        elif focused:
            if self.focused is not focus_view:
                focus_view.focus(scroll_visible=False)  # ↑ ↓ scroll a post taller than the screen
        elif self.focused in (card_widget, focus_view, None):
            timeline.focus(scroll_visible=False)

    def _went(self, moved: bool) -> None:
        """After a step of the cursor: one repaint if it moved (or showed a post anew)."""
        if moved:
            self.moved()

    def action_next(self) -> None:
        # Through `reveal`: in guess mode a reply takes two steps (who, then what), and
        # the second shows the same position anew.
        self._went(self.reveal.next())

    def action_prev(self) -> None:
        self._went(self.reveal.prev())

    def action_first(self) -> None:
        self._went(self.replay.first())

    def action_last(self) -> None:
        self._went(self.replay.last())

    def action_jump(self, percent: int) -> None:
        self._went(self.replay.jump_percent(percent))

    def jump(self, index: int) -> None:
        """Go to position `index` (a chapter, a match, a bookmark, autoplay's next post)."""
        self._went(self.replay.go(index))

    def go_to(self, index: int) -> None:
        """Move to post `index` (the command palette's jump; a follower refuses it)."""
        self.jump(index)

    def action_back(self) -> None:
        if self.from_picker:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_picker
        return True

    # --- panes ------------------------------------------------------------------------------

    def action_pane(self, name: str) -> None:
        """c, r, p: show that pane (a narrow screen shows one) and give it the focus."""
        self.pane = name
        if self.replay.on_post:
            self.query_one(f"#{name}", Pane).focus(scroll_visible=False)

    def on_side_panes_chosen(self, message: SidePanes.Chosen) -> None:
        self.pane = message.pane

    # --- autoplay, chapters, zones, thread view ---------------------------------------------------

    def _set_playback(self, label: str) -> None:
        if self.presenter:
            self.playback = label

    def action_play(self) -> None:
        self.autoplay.toggle()

    def action_faster(self) -> None:
        self.autoplay.faster()

    def action_slower(self) -> None:
        self.autoplay.slower()

    def action_chapter(self, direction: int) -> None:
        self.chapters.step(direction)

    def action_chapters(self) -> None:
        self.chapters.listing()

    @property
    def display_zone(self) -> DisplayZone:
        return self.zone or self.zones[0]

    def action_zone(self) -> None:
        self.zone = next_zone(self.zones, self.display_zone)

    def action_thread(self) -> None:
        self.thread_view = not self.thread_view

    def watch_thread_view(self, threaded: bool) -> None:
        self.timeline_rows.threaded = threaded

    # --- search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.finder.open_bar()

    def on_search_asked(self, message: SearchAsked) -> None:
        self.finder.search_for(message.query)

    def on_match_asked(self, message: MatchAsked) -> None:
        self.finder.match(message.direction)

    def action_match(self, direction: int) -> None:
        """n / N: the next or previous match from the current post."""
        self.finder.match(direction)

    def on_match_found(self, message: MatchFound) -> None:
        self.finder.found(message)

    def on_matches_listed(self, message: MatchesListed) -> None:
        self.finder.listed(message)

    def _set_search(self, search: Search | None) -> None:
        self.search = search

    # --- filter ---------------------------------------------------------------------------------

    @property
    def filter(self) -> Filter:
        return self.filtering.filter

    def action_filter(self) -> None:
        self.filtering.open_dialog()

    def apply_filter(self, chosen: Filter | None) -> None:
        """Show only what `chosen` lets through (the dialog's and the palette's choice)."""
        self.filtering.apply(chosen)

    def _filter_changed(self, chosen: Filter, view: View | None, words: str) -> None:
        replay = self.replay
        self.filter_words = words
        if view is replay.shown:
            return
        self.timeline_rows.forget()
        moved = replay.filter(view)
        self.view = view
        self.finder.view_changed()
        if moved:
            self.moved()

    def on_filter_landed(self, message: FilterLanded) -> None:
        self.filtering.landed(message)

    def on_filter_counted(self, message: FilterCounted) -> None:
        self.filtering.counted(message)

    def on_tags_counted(self, message: TagsCounted) -> None:
        self.filtering.counted_tags(message)

    def on_people_counted(self, message: PeopleCounted) -> None:
        self.filtering.counted_people(message)

    # --- bookmarks and notes --------------------------------------------------------------------

    def _marked(self) -> None:
        self.marks += 1

    def action_bookmark(self) -> None:
        if self.bookmarks is not None:
            self.bookmarks.toggle()

    def action_bookmarks(self) -> None:
        if self.bookmarks is not None:
            self.bookmarks.listing(self.words, self.chapters.land)

    def action_note(self) -> None:
        if self.bookmarks is not None:
            self.bookmarks.note()

    # --- presenting -----------------------------------------------------------------------------

    def watch_focus_mode(self) -> None:
        if self.is_mounted:
            self._arrange()
            self.presenting.publish(focus=self.focus_mode)

    def watch_notes_shown(self, shown: bool) -> None:
        self.set_class(shown, "-notes")

    def action_toggle_focus_view(self) -> None:
        self.focus_mode = not self.focus_mode

    def action_toggle_presenter_notes(self) -> None:
        self.notes_shown = not self.notes_shown

    def action_toggle_guess(self) -> None:
        self.presenting.toggle_guess()
        self._shown()
        self.presenting.publish(focus=self.focus_mode)

    def action_reveal_media(self) -> None:
        if self.presenting.reveal_media():
            self._shown()

    def action_provenance(self) -> None:
        self.presenting.sources(self.words)

    def action_export_markdown(self) -> None:
        self.presenting.export_markdown()

    def action_copy_citation(self) -> None:
        self.presenting.copy_citation()

    def on_timeline_clicked(self, message: Timeline.Clicked) -> None:
        """A click on a post makes it current; on its "replying to" (or "quoting") line, the
        post that line points to (a follower goes nowhere: `go_to`)."""
        link = message.link
        index = message.index if link is None else self.chapters.linked(link)
        if index is not None:
            self.go_to(index)

    def action_save_screenshot(self) -> None:
        self.presenting.screenshot()
