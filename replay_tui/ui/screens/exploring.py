"""The reading half of the replay screen: autoplay, chapters, time zones, search, filters,
the thread view, the activity strip, bookmarks, private notes and resuming.

`ReplayScreen` derives from `ExploringScreen` (and from `PresentingScreen`, which holds what
is used in front of others), so the replay screen itself keeps to stepping and panes. The
core does the work, all of it plain Python tested without a terminal: `playback.Player`
(when the next post is due), `search.SearchIndex`, `filters.FilteredView` (kept on the
`Replay`, so every step skips hidden posts), `thread.ReplyTree`, `zones`, and
`state.SessionState` (bookmarks, notes, the resume position, on disk). This module turns keys
into calls on them and pushes the results into the widgets.

Hooks the replay screen calls: `setup_exploring` (construction: resume), `compose_exploring`
(the activity strip), `prompt_banner` (the banner over the timeline), `navigated` (every
move; a move by anything but autoplay pauses it) and `explored` (after every repaint).

Time never comes from the wall clock here: autoplay reads `app.clock` (injectable through
`build_app(clock=…)`) and arms one one-shot timer for the next step, so a test drives it
with a fake clock by calling `tick()`.
"""

from __future__ import annotations

import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import ClassVar, TypeVar

from textual import work
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from replay_tui.format.model import Participant
from replay_tui.replay import filters
from replay_tui.replay.cursor import Replay
from replay_tui.replay.filters import Filter, FilteredView, PendingView, View
from replay_tui.replay.playback import Player
from replay_tui.replay.search import Hit, Search, SearchIndex
from replay_tui.replay.tags import TagCount
from replay_tui.replay.thread import ReplyTree, ThreadOrder
from replay_tui.ui import keys
from replay_tui.ui import text as t
from replay_tui.ui.render import Renderer
from replay_tui.ui.screens.filter import FilterScreen
from replay_tui.ui.screens.lists import JumpList, two_lines
from replay_tui.ui.screens.search import SearchScreen
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.banner import PromptBanner
from replay_tui.ui.widgets.timeline import Rows, Timeline, chronological
from replay_tui.user.state import SessionState
from replay_tui.words.zones import DisplayZone, display_zones, next_zone

INLINE_LIMIT = 20_000
"""Sessions up to this many posts search and filter on the UI thread, all at once; larger
ones find the first result near the cursor in a thread worker, which goes on to build the
rest (the search index, the count of matches, a hashtag filter's whole view)."""

_AUTHOR = attrgetter("author")
T = TypeVar("T")

SAVE_DELAY = 2.0
"""Seconds after the last move before the reading position is written (debounced)."""

FIELD_WORDS = {
    "notes": "the presenter notes",
    "context": "a context note",
    "press": "a press excerpt",
}


def zone_short(zone: DisplayZone) -> str:
    """The display zone in few cells: 'Europe/Berlin', 'UTC', 'local: Europe/London'."""
    if zone.kind == "local":
        return f"local: {zone.name}"
    return zone.name


class ExploringScreen(Screen[None]):
    """Autoplay, chapters, zones, search, filter, thread view, bookmarks, notes, resume."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings(keys.PLAY_KEYS),
        *keys.bindings(keys.FIND_KEYS),
    ]

    presenter: ClassVar[bool]
    replay: Replay
    renderer: Renderer

    # Set by setup_exploring.
    player: Player
    state: SessionState | None
    zones: tuple[DisplayZone, ...]
    display_zone: DisplayZone
    thread_view: bool
    index: SearchIndex | None
    search: Search | None
    filter: Filter
    resumed: int | None
    """The position the session reopened at from the saved state, if it did."""

    # --- the replay screen's hooks ---------------------------------------------------------

    def moved(self) -> None:
        raise NotImplementedError

    def sync(self) -> None:
        raise NotImplementedError

    def setup_exploring(self, *, resume: bool) -> None:
        """Called by the replay screen once its `replay` and `renderer` exist."""
        replay = self.replay
        self.player = Player.for_session(replay.loaded, step=self._autoplay_next)
        self._play_timer: Timer | None = None
        self._auto_move = False
        self._save_timer: Timer | None = None
        self.zones = display_zones(replay.session.timezone)
        self.display_zone = self.zones[0]
        self.thread_view = False
        self._tree: ReplyTree | None = None
        self._thread_cache: tuple[tuple[int, int, int], ThreadOrder] | None = None
        self.index = None
        self.search = None
        self._search_query = ""
        self._search_status = Content("")
        self._matches_shown: tuple[Search, View, array[int]] | None = None
        self.filter = Filter()
        self._filtering: PendingView | None = None
        """A hashtag filter being applied or counted by a worker."""
        self._busy = threading.Event()
        """Set while a first result is on its way: background workers wait for it."""
        self._people: list[tuple[Participant, int]] | None = None
        self._tags: list[TagCount] | None = None
        self.resumed = None
        # A follower mirrors a presenter: it keeps no state of its own.
        self.state = SessionState(replay.session.id) if self.presenter else None
        if self.state is not None and resume:
            at = self.state.resume_index(replay.loaded.post_index, replay.count)
            if at is not None and at != replay.position:
                replay.go(at)
                self.resumed = at
        # Only a move is remembered: opening (with --from-start, say) and quitting at once
        # leaves the saved position as it was.
        self._moves_at_open = replay.moves
        self._apply_zone()
        self.renderer.state = self.state
        self.renderer.playback = self.player.label if self.presenter else ""

    def compose_exploring(self) -> Iterator[Widget]:
        """The widget under the header: the activity strip."""
        yield ActivityStrip(self.replay.loaded, id="activity")

    def prompt_banner(self) -> PromptBanner:
        """The discussion prompt, for the top of the timeline's column."""
        banner = PromptBanner(id="prompt")
        banner.display = False
        return banner

    def on_mount(self) -> None:
        self.query_one(Timeline).rows = self.timeline_rows
        if self.replay.count > INLINE_LIMIT:
            # Who wrote how many posts, for the filter dialog (tens of ms at a million).
            self.call_after_refresh(self._count_people)
        if self.state is not None:
            for notice in self.state.notices:
                self.notify(
                    notice,
                    title="Your notes and bookmarks",
                    severity="warning",
                    markup=False,
                    timeout=12,
                )
        if self.resumed is not None:
            replay = self.replay
            where = (
                f"post {self.resumed + 1:,} of {replay.count:,}"
                if replay.on_post
                else ("the end card" if replay.at_end else "the title card")
            )
            self.notify(
                f"Reopened where you left off: {where}. Home: the first post "
                "(replay-tui --from-start opens at the title).",
                title="Resumed",
                markup=False,
                timeout=6,
            )

    def on_unmount(self) -> None:
        self._stop_timer()
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.state is not None:
            if self.replay.moves != self._moves_at_open:
                self._remember()
            # Nobody is left to tell: a failed save keeps the file as it was; notes and
            # bookmarks were saved (or the failure shown) when they were made.
            self.state.save()

    def navigated(self) -> None:
        """Every move: anything but autoplay itself pauses autoplay."""
        if not self._auto_move and self.player.playing:
            self.player.pause()
            self._stop_timer()
            self._show_playback()

    def explored(self) -> None:
        """After every repaint: banner, activity strip, filter check, remembered position."""
        replay = self.replay
        shown = replay.shown
        if shown is not None and replay.on_post and replay.position not in shown:
            # A jump (palette, bookmark, resume) to a post the filter hides: show everything
            # rather than a timeline with no current post.
            self._set_filter(Filter(), quiet=True)
            self.notify(
                f"The filter is off: post {replay.position + 1:,} is not one it shows.",
                title="Filter",
                markup=False,
            )
            self.repaint_all()
            return
        banner = self.query_one(PromptBanner)
        banner.show(replay.chapter_starting(replay.position) if replay.on_post else None)
        self.query_one(ActivityStrip).show(replay.position)
        if self.state is not None and replay.moves != self._moves_at_open:
            self._remember()
            if self._save_timer is None:
                self._save_timer = self.set_timer(SAVE_DELAY, self._save_position)
            else:
                self._save_timer.reset()

    def repaint_all(self) -> None:
        """Paint everything again, posts included: what they show has changed."""
        self.query_one(Timeline).invalidate()
        self._synced = None
        self.sync()

    _synced: int | None

    # --- autoplay -----------------------------------------------------------------------------

    @property
    def clock(self) -> Callable[[], float]:
        """The app's clock (monotonic seconds); tests give the app a fake one."""
        clock = getattr(self.app, "clock", None)
        return clock if callable(clock) else time.monotonic

    def _autoplay_next(self, position: int) -> int | None:
        shown = self.replay.shown
        if shown is not None:
            return shown.next_after(position)
        return position + 1 if position + 1 < self.replay.count else None

    def action_play(self) -> None:
        replay = self.replay
        if not self.player.playing and replay.at_end:
            self.notify("At the end. Home or g: back to the first post.", markup=False)
            return
        self.player.toggle(replay.position, self.clock())
        self._arm()
        self._show_playback()

    def action_faster(self) -> None:
        self.player.faster(self.clock())
        self._arm()
        self._show_playback()

    def action_slower(self) -> None:
        self.player.slower(self.clock())
        self._arm()
        self._show_playback()

    def tick(self) -> None:
        """The one-shot timer's callback (and the tests' way to drive autoplay): step if a
        step is due by the clock, then arm the timer for the next one."""
        self._play_timer = None
        target = self.player.tick(self.replay.position, self.clock())
        if target is not None:
            self._auto_move = True
            try:
                if self.replay.go(target):
                    self.moved()
            finally:
                self._auto_move = False
        self._arm()
        self._show_playback()

    def _arm(self) -> None:
        self._stop_timer()
        wait = self.player.seconds_until(self.clock())
        if wait is not None:
            self._play_timer = self.set_timer(wait, self.tick)

    def _stop_timer(self) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None

    def _show_playback(self) -> None:
        label = self.player.label
        if label != self.renderer.playback:
            self.renderer.playback = label
            self._header()

    def _header(self) -> None:
        from replay_tui.ui.widgets.panes import SessionHeader

        self.query_one(SessionHeader).refresh()

    # --- chapters -----------------------------------------------------------------------------

    def action_chapter(self, direction: int) -> None:
        replay = self.replay
        starts = [chapter.start for chapter in replay.chapters]
        if not starts:
            self.notify("This session has no chapters.", markup=False)
            return
        position = replay.position
        if direction > 0:
            at = bisect_right(starts, position)
            target = starts[at] if at < len(starts) else None
        else:
            at = bisect_left(starts, min(position, replay.count))
            target = starts[at - 1] if at > 0 else None
        if target is None:
            self.notify(
                "No later chapter." if direction > 0 else "No earlier chapter.", markup=False
            )
            return
        self.jump(self._land(target))

    def _land(self, index: int) -> int:
        """Where a jump to `index` lands: there, or the first post the filter shows from
        there on (a chapter's first posts may be hidden)."""
        shown = self.replay.shown
        if shown is None or index in shown:
            return index
        after = shown.next_after(index - 1)
        return after if after is not None else index

    def action_chapters(self) -> None:
        replay = self.replay
        chapters = replay.chapters
        if not chapters:
            self.notify("This session has no chapters.", markup=False)
            return
        rows = []
        for chapter in chapters:
            first = t.join(
                [
                    t.words(f"{chapter.number}. ", "bold"),
                    t.clipped(chapter.chapter.title, 100, "bold"),
                ]
            )
            facts = f"from post {chapter.start + 1:,}"
            if chapter.chapter.prompt:
                facts += " · has a discussion prompt"
            if chapter.chapter.pause:
                facts += " · autoplay pauses here"
            rows.append((two_lines(first, t.words(facts)), chapter.start))
        self.app.push_screen(JumpList("Chapters", rows, current=replay.position), self._jump_chosen)

    def _jump_chosen(self, position: int | None) -> None:
        if position is not None:
            self.jump(self._land(position))

    def jump(self, index: int) -> None:
        """Go to position `index` (a chapter, a match, a bookmark)."""
        if self.replay.go(index):
            self.moved()

    # --- time -------------------------------------------------------------------------------

    def action_zone(self) -> None:
        self.display_zone = next_zone(self.zones, self.display_zone)
        self._apply_zone()
        self.repaint_all()

    def _apply_zone(self) -> None:
        zone = self.display_zone
        renderer = self.renderer
        renderer.zone = zone.zone
        renderer.zone_label = zone.label
        renderer.zone_short = zone_short(zone)

    # --- background work -----------------------------------------------------------------------
    #
    # What is slow at scale (folding the whole search index, counting matches, a filter's
    # whole view, the list of hashtags) runs in thread workers, a block at a time. Python
    # runs one thread at a time, so while a first result is on its way to the screen (the
    # first match, where a filter lands, the filter dialog) they wait between blocks
    # (`_hurry`), and go on once it is drawn (`_hurried`).

    def _hurry(self) -> None:
        self._busy.set()
        self.set_timer(1.0, self._busy.clear)  # whatever happens, never for long

    def _hurried(self) -> None:
        self.call_after_refresh(self._busy.clear)

    def _background(self, steps: Iterable[T]) -> Iterator[T]:
        """`steps` for a background worker: each after any first result on its way, and
        none once the worker is cancelled (the caller checks `is_cancelled` after)."""
        worker = get_current_worker()
        busy = self._busy
        for step in steps:
            while busy.is_set() and not worker.is_cancelled:
                time.sleep(0.005)
            if worker.is_cancelled:
                return
            yield step

    # --- search -------------------------------------------------------------------------------
    #
    # Small sessions search on the UI thread: everything is listed at once ("match 1 of 3").
    # Above INLINE_LIMIT posts, a worker finds the first match after the cursor by folding
    # only the blocks between (`Search.scan`: milliseconds at a million posts), the screen
    # goes there, and the same worker folds the rest of the index and counts the matches
    # ("match (still counting…)" until then). `n`/`N` meanwhile scan from the cursor in a
    # worker too; once everything is listed they answer from the list on the UI thread.

    def action_search(self) -> None:
        self.app.push_screen(SearchScreen(self, self._search_query, self._search_status))

    def _say(self, status: Content, *, tell: bool = False) -> None:
        """Show the search's status in the bar, or (bar closed, `tell`) as a notice."""
        self._search_status = status
        screen = self.app.screen
        if isinstance(screen, SearchScreen):
            screen.status(status)
        elif tell:
            self.notify(status.plain, title="Search", markup=False, timeout=3)

    def search_for(self, query: str) -> None:
        """The bar's Enter: search for `query` from the cursor (again: the next match)."""
        if query == self._search_query and self.search is not None:
            self.action_match(1)
            return
        self._search_query = query
        if not query.strip():
            self._clear_search()
            self._say(Content(""))
            return
        search = self._ensure_index().search(query)
        if search.empty:
            self._clear_search()
            self._say(t.words("nothing to search for", "bold $text-warning"))
            return
        self.search = search
        self._matches_shown = None
        self.renderer.search = search
        if self.replay.count <= INLINE_LIMIT:
            search.run()
            self._go_match(1)
            self.repaint_all()
            return
        self._say(t.words("searching…", "italic"))
        self._hurry()
        self._search_worker(search, self.replay.position, self.replay.shown)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, search: Search, position: int, shown: View | None) -> None:
        """The first match after `position` (among the posts `shown`), then the whole index
        and every match, each handed to the UI thread as soon as it is known."""
        worker = get_current_worker()
        accept = shown.__contains__ if shown is not None else None
        hit: Hit | None = None
        for hit in search.scan(position, 1, accept):
            if worker.is_cancelled:
                return
            if hit is not None:
                break
        self.app.call_from_thread(self._first_match, search, hit)
        for _ in self._background(search.index.build_steps(position)):
            pass
        if not worker.is_cancelled:
            self._list_matches(search, shown)

    def _list_matches(self, search: Search, shown: View | None) -> None:
        """In a worker: list every match (and those `shown`, once its view is complete),
        then say how many there are."""
        for _ in self._background(search.steps()):
            pass
        if get_current_worker().is_cancelled:
            return
        matches = None
        if shown is not None and shown.complete:
            matches = array("i", (i for i in search.matches if i in shown))
        self.app.call_from_thread(self._counted, search, shown, matches)

    @work(thread=True, exclusive=True, group="search-count", exit_on_error=False)
    def _count_shown(self, search: Search, shown: View) -> None:
        """List the matches a (newly complete) filter view shows, for 'match 3 of 12'."""
        self._list_matches(search, shown)

    def _first_match(self, search: Search, hit: Hit | None) -> None:
        if search is self.search:
            self._found(search, hit.index if hit else None, hit.wrapped if hit else False)
            self.repaint_all()
        self._hurried()

    def _counted(self, search: Search, shown: View | None, matches: array[int] | None) -> None:
        """Every match is listed: say which the current one is, or how many there are."""
        if search is not self.search:
            return
        replay = self.replay
        current = shown is replay.shown
        if current and shown is not None and matches is not None:
            self._matches_shown = (search, shown, matches)
        status: Content | None = None
        if replay.on_post and search.is_match(replay.position):
            status = self._where(search, replay.position, wrapped=False)
        if status is None or "counting" in status.plain:
            if not current or (shown is not None and matches is None):
                return  # the filter changed, or its view is being counted: that will say
            total = len(matches) if matches is not None else len(search.matches)
            status = t.words(f"{total:,} match" + ("" if total == 1 else "es"), "bold")
        self._say(status)

    def _clear_search(self) -> None:
        self.workers.cancel_group(self, "search")
        self.workers.cancel_group(self, "search-seek")
        self.workers.cancel_group(self, "search-count")
        if self.search is not None:
            self.search = None
            self.renderer.search = None
            self._matches_shown = None
            self.repaint_all()

    def action_match(self, direction: int) -> None:
        """n / N: the next or previous match from the current post."""
        if self.search is None:
            self.notify("No search yet: / searches.", title="Search", markup=False)
            return
        self._go_match(direction, tell=True)

    def _listed(self, search: Search, shown: View | None) -> bool:
        """Whether the matches (among those `shown`) are all listed, so the next one is a
        lookup on the UI thread; if not, a worker scans for it."""
        if self.replay.count <= INLINE_LIMIT:
            return True
        if not search.done:
            return False
        cached = self._matches_shown
        return shown is None or (cached is not None and cached[0] is search and cached[1] is shown)

    def _go_match(self, direction: int, *, tell: bool = False) -> None:
        search = self.search
        assert search is not None
        position = self.replay.position
        shown = self.replay.shown
        if not self._listed(search, shown):
            self._hurry()
            self._seek_match(search, shown, position, direction, tell)
            return
        if shown is None:
            hit = search.next_match(position) if direction > 0 else search.prev_match(position)
            found, wrapped = (hit.index, hit.wrapped) if hit is not None else (None, False)
        else:
            found, wrapped = _nearest(self._shown_matches(search, shown), position, direction)
        self._found(search, found, wrapped, tell=tell)

    @work(thread=True, exclusive=True, group="search-seek", exit_on_error=False)
    def _seek_match(
        self, search: Search, shown: View | None, position: int, direction: int, tell: bool
    ) -> None:
        """n / N before every match is listed: scan from the cursor (or, the matches all
        listed but not yet those a filter shows, list those first)."""
        worker = get_current_worker()
        matches: array[int] | None = None
        if search.done and shown is not None and shown.complete:
            matches = array("i", (i for i in search.matches if i in shown))
            found, wrapped = _nearest(matches, position, direction)
        else:
            hit: Hit | None = None
            accept = shown.__contains__ if shown is not None else None
            for hit in search.scan(position, direction, accept):
                if worker.is_cancelled:
                    return
                if hit is not None:
                    break
            found, wrapped = (hit.index, hit.wrapped) if hit is not None else (None, False)
        self.app.call_from_thread(self._sought, search, shown, matches, found, wrapped, tell)

    def _sought(
        self,
        search: Search,
        shown: View | None,
        matches: array[int] | None,
        found: int | None,
        wrapped: bool,
        tell: bool,
    ) -> None:
        self._hurried()
        if search is not self.search or shown is not self.replay.shown:
            return
        if matches is not None and shown is not None:
            self._matches_shown = (search, shown, matches)
        self._found(search, found, wrapped, tell=tell)

    def _found(
        self, search: Search, found: int | None, wrapped: bool, *, tell: bool = False
    ) -> None:
        """Go to the match found and say which it is, or say there is none."""
        shown = self.replay.shown
        if found is None:
            where = " among the posts the filter shows" if shown is not None else ""
            self._say(
                t.join(
                    [
                        t.words("no match for ", "bold $text-warning"),
                        t.clipped(search.query, 40, "bold $text-warning"),
                        t.words(where, "$text-warning"),
                    ]
                ),
                tell=True,
            )
            return
        self.jump(found)
        self._say(self._where(search, found, wrapped=wrapped), tell=tell)

    def _shown_matches(self, search: Search, shown: View) -> array[int]:
        """The matches the filter shows (the full match list, filtered once)."""
        cached = self._matches_shown
        if cached is None or cached[0] is not search or cached[1] is not shown:
            matches = array("i", (i for i in search.run() if i in shown))
            self._matches_shown = cached = (search, shown, matches)
        return cached[2]

    def _where(self, search: Search, index: int, *, wrapped: bool) -> Content:
        """'match 3 of 12', with where it matched when not in what the post shows."""
        shown = self.replay.shown
        count = search.count
        ordinal: int | None
        if shown is not None:
            cached = self._matches_shown
            if cached is not None and cached[0] is search and cached[1] is shown:
                matches = cached[2]
                at = bisect_left(matches, index)
                found = at < len(matches) and matches[at] == index
                ordinal, count = (at + 1 if found else None), len(matches)
            else:
                ordinal = None
        else:
            ordinal = search.ordinal(index)
        if ordinal is not None and count is not None:
            words = f"match {ordinal:,} of {count:,}"
        else:
            words = "match (still counting…)"
        if wrapped:
            words += " · wrapped round"
        fields = search.where(index)
        if fields and not {"text", "variant", "author", "handle"} & set(fields):
            words += " · in " + " and ".join(FIELD_WORDS.get(f, f) for f in fields)
        return t.words(words, "bold")

    # --- filter -------------------------------------------------------------------------------
    #
    # Participant filters, and every filter of a small session, are applied at once. A
    # hashtag filter above INLINE_LIMIT posts whose tag index is not built yet goes through
    # a `PendingView`: a worker finds where the cursor lands (the nearest tagged post, by
    # scanning for the tag from the cursor: milliseconds), the filter is on from then on
    # and stepping skips the other posts by the same scans, the header says "counting…";
    # the same worker then scans the whole session for the tag and swaps in the complete
    # `FilteredView` ("3/40 shown (of 1,200)").
    #
    # The dialog needs the session's hashtags with their counts: the whole tag index, a few
    # seconds at a million posts. It opens at once with the participants and a field to
    # type a hashtag in (which filters at once, as above); the list of hashtags appears in
    # it when a worker has counted them ("counting hashtags…" until then).

    def action_filter(self) -> None:
        tags = self._tags
        if tags is None and self.replay.count <= INLINE_LIMIT:
            tags = self.hashtags()
        self.app.push_screen(
            FilterScreen(self.people(), tags, self.filter, colour=self.renderer.colours),
            self.apply_filter,
        )
        if tags is None:
            self._hurry()  # the dialog first
            self._hurried()
            self._find_tags(self._ensure_index(), max(self.replay.position, 0))

    @work(thread=True, exclusive=True, group="tags", exit_on_error=False)
    def _find_tags(self, index: SearchIndex, position: int) -> None:
        worker = get_current_worker()
        for _ in self._background(chain(index.build_steps(position), index.tag_steps())):
            pass
        if worker.is_cancelled:
            return
        tags = index.tags(mentions=False)
        self.app.call_from_thread(self._tags_found, tags)

    def _tags_found(self, tags: list[TagCount]) -> None:
        self._tags = tags
        for screen in self.app.screen_stack:
            if isinstance(screen, FilterScreen):
                screen.show_tags(tags)

    def _ensure_index(self) -> SearchIndex:
        if self.index is None:
            self.index = SearchIndex(self.replay.loaded)
        return self.index

    def hashtags(self) -> list[TagCount]:
        """The session's hashtags, most used first (computed once)."""
        if self._tags is None:
            self._tags = self._ensure_index().tags(mentions=False)
        return self._tags

    def people(self) -> list[tuple[Participant, int]]:
        """Participants with how many posts each wrote, busiest first (computed once; at
        scale, by a worker soon after the screen opens)."""
        if self._people is None:
            self._people = self._ranked(Counter(map(_AUTHOR, self.replay.posts)))
        return self._people

    def _ranked(self, counts: Counter[str]) -> list[tuple[Participant, int]]:
        people = self.replay.session.participants
        ranked = sorted(people, key=lambda p: -counts.get(p.id, 0))
        return [(p, counts.get(p.id, 0)) for p in ranked]

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def _count_people(self) -> None:
        posts = self.replay.posts
        counts: Counter[str] = Counter()
        # A few ms a chunk: the screen stays live.
        for lo in self._background(range(0, len(posts), 50_000)):
            counts.update(map(_AUTHOR, posts[lo : lo + 50_000]))
        if not get_current_worker().is_cancelled and self._people is None:
            self._people = self._ranked(counts)

    def apply_filter(self, chosen: Filter | None) -> None:
        """Show only what `chosen` lets through (an inactive filter: everything again)."""
        if self._tags is None and not any(
            isinstance(screen, FilterScreen) for screen in self.app.screen_stack
        ):
            # The dialog is closed before its list of hashtags came: stop counting them
            # (the next F starts again, from the blocks already folded) so the filter's
            # own count comes sooner.
            self.workers.cancel_group(self, "tags")
        if chosen is None:
            return
        if self._filtering is not None and chosen == self._filtering.filter:
            return  # being applied already
        if chosen.tag and self.replay.count > INLINE_LIMIT:
            index = self._ensure_index()
            if not index.tags_built:
                self._apply_pending(PendingView(self.replay.loaded, chosen, index))
                return
        if chosen.active:
            view = filters.apply(
                self.replay.loaded, chosen, self._ensure_index() if chosen.tag else None
            )
            if not len(view):
                self._refuse()
                return
        else:
            view = None
        self._set_filter(chosen, view)
        self.repaint_all()

    def _refuse(self) -> None:
        self.notify(
            "No post matches this filter; nothing was changed.",
            title="Filter",
            severity="warning",
            markup=False,
        )

    def _apply_pending(self, pending: PendingView) -> None:
        """A hashtag filter at scale: on as soon as a worker knows where the cursor lands."""
        self._stop_filtering()
        self._filtering = pending
        replay = self.replay
        self.renderer.filter_words = pending.filter.describe(replay.loaded)
        self._header()
        self._hurry()
        self._filter_worker(pending, replay.position if replay.on_post else None)

    def _stop_filtering(self) -> None:
        if self._filtering is not None:
            self._filtering = None
            self.workers.cancel_group(self, "filter")

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _filter_worker(self, pending: PendingView, position: int | None) -> None:
        """Where the cursor lands (None: nothing is shown), then the complete view."""
        worker = get_current_worker()
        found: int | None = None
        steps = pending.nearest_steps(position) if position is not None else pending.forward(0)
        for found in steps:
            if worker.is_cancelled:
                return
            if found is not None:
                break
        self.app.call_from_thread(self._filter_found, pending, found)
        if found is None:
            return
        for _ in self._background(pending.index.build_steps(found)):
            pass
        counting = filters.tag_view_steps(self.replay.loaded, pending.filter, pending.index)
        for view in self._background(counting):
            if view is not None:
                self.app.call_from_thread(self._filter_counted, pending, view)

    def _filter_found(self, pending: PendingView, found: int | None) -> None:
        self._hurried()
        if pending is not self._filtering:
            return
        if found is None:
            self._filtering = None
            loaded = self.replay.loaded
            self.renderer.filter_words = self.filter.describe(loaded) if self.filter.active else ""
            self._header()
            self._refuse()
            return
        self._set_filter(pending.filter, pending)
        self.repaint_all()

    def _filter_counted(self, pending: PendingView, view: FilteredView) -> None:
        if self.replay.shown is not pending:
            return
        self._filtering = None
        self._set_filter(pending.filter, view)
        # The same posts as before, now counted: the header and the rows, not the posts.
        self._synced = None
        self.sync()
        if self.search is not None:
            self._count_shown(self.search, view)

    def _set_filter(self, chosen: Filter, view: View | None = None, *, quiet: bool = False) -> None:
        """Show `view` (of `chosen`; computed here if not given) and move off hidden posts."""
        replay = self.replay
        if view is not self._filtering:
            self._stop_filtering()
        if view is None and chosen.active:
            index = self._ensure_index() if chosen.tag else None
            view = filters.apply(replay.loaded, chosen, index)
        self.filter = chosen
        self._matches_shown = None
        self._thread_cache = None
        self.renderer.filter_words = chosen.describe(replay.loaded) if chosen.active else ""
        moved = replay.filter(view)
        if moved and not quiet:
            self.moved()

    # --- thread view --------------------------------------------------------------------------

    def action_thread(self) -> None:
        self.thread_view = not self.thread_view
        self.renderer.thread_view = self.thread_view
        self.repaint_all()

    def timeline_rows(self) -> Rows:
        """The timeline's rows: replay order, or reply order with depths (`t`)."""
        replay = self.replay
        if not self.thread_view:
            return chronological(replay)
        if self._tree is None:
            self._tree = ReplyTree(replay.loaded)
        shown = replay.shown
        last = replay.last_visible
        count = shown.shown_up_to(last) if shown is not None else -1
        key = (last, id(shown), count)
        cached = self._thread_cache
        if cached is not None and cached[0] == key:
            order = cached[1]
        else:
            if shown is None:
                order = self._tree.order(range(last + 1))
            else:
                # `shown_up_to` first: a PendingView's `indices` is the window it found.
                order = self._tree.order(shown.indices[:count])
            self._thread_cache = (key, order)
        current = order.row_of(replay.position) if replay.on_post else None
        return Rows(order.posts, len(order), current, order.depths)

    # --- bookmarks and notes ----------------------------------------------------------------

    def action_bookmark(self) -> None:
        state = self.state
        post = self.replay.current
        if state is None:
            return
        if post is None:
            self.notify("Step to a post to bookmark it.", title="Bookmarks", markup=False)
            return
        on = state.toggle_bookmark(post.id)
        number = f"post {self.replay.position + 1:,}"
        self._saved(
            state.save_data(),
            f"Bookmarked {number} (B lists the bookmarks)."
            if on
            else f"Removed the bookmark on {number}.",
        )
        self.repaint_all()

    def action_bookmarks(self) -> None:
        state = self.state
        if state is None:
            return
        replay = self.replay
        marked = state.bookmarked_indices(replay.loaded.post_index)
        if not marked:
            self.notify(
                "No bookmarks yet: b bookmarks the current post.",
                title="Bookmarks",
                markup=False,
            )
            return
        rows = []
        for index in marked:
            post = replay.posts[index]
            heading = t.join(
                [
                    t.words(f"★ {index + 1:,}. ", "bold $text-warning"),
                    self.renderer.who(replay.participant(post.author)),
                ]
            )
            body = (
                t.clipped(post.text, 110)
                if post.text is not None
                else t.words("text unknown (missing)", "italic")
            )
            rows.append((two_lines(heading, body), index))
        self.app.push_screen(
            JumpList(t.count(len(marked), "bookmark"), rows, current=replay.position),
            self._jump_chosen,
        )

    def action_note(self) -> None:
        state = self.state
        replay = self.replay
        post = replay.current
        if state is None:
            return
        if post is None:
            self.notify("Step to a post to write a note on it.", title="Note", markup=False)
            return
        existing = state.note(post.id)
        index = replay.position
        post_id = post.id

        def keep(text: str | None) -> None:
            if text is None or text == (existing.text if existing else ""):
                return
            state.set_note(post_id, text)
            done = "Note deleted." if not text.strip() else f"Note saved on post {index + 1:,}."
            self._saved(state.save_data(), done)
            self.repaint_all()

        # Imported on first use: its TextArea costs 5 ms at start-up, before the first frame.
        from replay_tui.ui.screens.note import NoteScreen

        self.app.push_screen(
            NoteScreen(
                f"Your note · post {index + 1:,} of {replay.count:,}",
                existing.text if existing else "",
            ),
            keep,
        )

    def _saved(self, problem: str | None, done: str) -> None:
        """Say that a change was saved, or why it was not (it is kept in memory)."""
        if problem is None:
            self.notify(done, markup=False, timeout=3)
        else:
            self.notify(problem, title="Not saved", severity="error", markup=False, timeout=15)

    # --- the reading position -----------------------------------------------------------------

    def _remember(self) -> None:
        state = self.state
        if state is not None:
            current = self.replay.current
            state.remember_position(self.replay.position, current.id if current else None)

    def _save_position(self) -> None:
        self._save_timer = None
        if self.state is not None:
            problem = self.state.save_position()
            if problem is not None:
                self.notify(problem, title="Position", severity="warning", markup=False)


def _nearest(matches: array[int], position: int, direction: int) -> tuple[int | None, bool]:
    """The next (or previous) of `matches` from `position`, wrapping; and whether it did."""
    if not matches:
        return None, False
    if direction > 0:
        at = bisect_right(matches, position)
        return (matches[at], False) if at < len(matches) else (matches[0], True)
    at = bisect_left(matches, position)
    return (matches[at - 1], False) if at > 0 else (matches[-1], True)
