"""Search (`/`, `n`, `N`): one path at every size, in a thread worker, answers as messages.

The bar's Enter starts a worker that finds the first match after the cursor by folding only
the blocks between (`Search.scan`: milliseconds at a million posts); the screen goes there
as soon as the answer arrives (`MatchFound`), and shows the new search's highlights in the
same repaint (not first where the cursor was, a repaint the reader would wait through
before the one they asked for), and the same worker goes on to fold the rest of
the index and list every match ("match 3 of 12"; "match (still counting…)" until then:
`MatchesListed`). `n` and `N` answer from the list once it is complete; before that, a
worker scans from the cursor and lists the rest after. All of these run in one exclusive
worker group, so a newer question cancels an older one, and the newer worker takes the
listing up where the older one left it (the blocks and the listed matches are kept).

A 100-post session takes exactly this path, so its tests exercise what a million-post
session runs.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from itertools import chain

from textual.content import Content
from textual.signal import Signal
from textual.worker import get_current_worker

from replay_tui.replay.filters import View
from replay_tui.replay.search import Hit, Search, nearest_in, ordinal
from replay_tui.ui import text as t
from replay_tui.ui.controllers.base import Controller, Given
from replay_tui.ui.messages import MatchesListed, MatchFound

GROUP = "search"

FIELD_WORDS = {
    "notes": "the presenter notes",
    "context": "a context note",
    "press": "a press excerpt",
    "hidden": "the text behind a content warning",
}


class Finder(Controller):
    """The current search of one replay and what it has found."""

    def __init__(self, given: Given, *, show: Callable[[Search | None], None]) -> None:
        super().__init__(given)
        self._show = show
        self.search: Search | None = None
        self.query = ""
        self.status = Content("")
        self.said: Signal[Content] = Signal(self.screen, "search-said")
        """What the search says ('match 3 of 12'); the open search bar subscribes."""
        self.bar_open = False
        """The search bar is open."""
        self.shown_matches: array[int] | None = None
        """The matches among the posts the filter shows, once listed (None without a
        filter, or until listed); emptied whenever the search or the filter changes."""

    # --- asking ------------------------------------------------------------------------------

    def open_bar(self) -> None:
        """`/`: the search bar, showing the last query and what the search said."""
        # Imported on first use: its Input is not needed for the first frame.
        from replay_tui.ui.screens.search import SearchScreen

        self.bar_open = True
        self.screen.app.push_screen(
            SearchScreen(self.screen, self.query, self.status, said=self.said), self._bar_closed
        )

    def _bar_closed(self, _: None) -> None:
        self.bar_open = False

    def search_for(self, query: str) -> None:
        """The bar's Enter: search for `query` from the cursor (again: the next match)."""
        if query == self.query and self.search is not None:
            self.match(1)
            return
        self.query = query
        if not query.strip():
            self.clear()
            self.say(Content(""))
            return
        search = self.index.search(query)
        if search.empty:
            self.clear()
            self.say(t.words("nothing to search for", "bold $text-warning"))
            return
        self.search = search
        self.shown_matches = None
        # The reader asked: background work waits while the answer is found and shown.
        self.idle.moved()
        # The worker first: it starts while the bar repaints. The highlights come with
        # the answer (`_found`).
        self._start(search, self.replay.position, 1, tell=False)
        self.say(t.words("searching…", "italic"))

    def match(self, direction: int, *, tell: bool = True) -> None:
        """n / N: the next or previous match from the current post."""
        search = self.search
        if search is None:
            self.screen.notify("No search yet: / searches.", title="Search", markup=False)
            return
        shown = self.replay.shown
        position = self.replay.position
        if search.done and (shown is None or self.shown_matches is not None):
            if shown is None:
                hit = search.next_match(position) if direction > 0 else search.prev_match(position)
            else:
                assert self.shown_matches is not None
                hit = nearest_in(self.shown_matches, position, direction)
            self._found(search, hit, tell=tell)
            return
        self._start(search, position, direction, tell=tell)

    def view_changed(self) -> None:
        """The filter changed: the matches it shows are to be listed again."""
        self.shown_matches = None
        search = self.search
        shown = self.replay.shown
        if search is not None and shown is not None and shown.complete:
            self._start(search, None, 0, tell=False)

    def clear(self) -> None:
        self.screen.workers.cancel_group(self.screen, GROUP)
        if self.search is not None:
            self.search = None
            self.shown_matches = None
            self._show(None)

    # --- the worker -----------------------------------------------------------------------------

    def _start(self, search: Search, position: int | None, direction: int, *, tell: bool) -> None:
        shown = self.replay.shown
        self.screen.run_worker(
            lambda: self._work(search, shown, position, direction, tell),
            thread=True,
            group=GROUP,
            exclusive=True,
            exit_on_error=False,
        )

    def _work(
        self, search: Search, shown: View | None, position: int | None, direction: int, tell: bool
    ) -> None:
        """In a worker: the match nearest `position` (if given) among the posts `shown`,
        then every match (and those `shown`), each posted to the screen when known."""
        worker = get_current_worker()
        post = self.screen.post_message
        if position is not None:
            accept = shown.__contains__ if shown is not None else None
            hit: Hit | None = None
            for hit in search.scan(position, direction, accept):
                if worker.is_cancelled:
                    return
                if hit is not None:
                    break
            post(MatchFound(search, shown, hit, tell))
        # The rest in the background: the reader's moves go first.
        for _ in chain(self.index.build_steps(max(position or 0, 0)), search.steps()):
            self.idle.wait()
            if worker.is_cancelled:
                return
        matches = None
        if shown is not None and shown.complete:
            matches = array("i", (i for i in search.matches if i in shown))
        if not worker.is_cancelled:
            post(MatchesListed(search, shown, matches))

    # --- answers --------------------------------------------------------------------------------

    def found(self, message: MatchFound) -> None:
        if message.search is self.search:
            self._show(message.search)
            self._found(message.search, message.hit, tell=message.tell)

    def listed(self, message: MatchesListed) -> None:
        """Every match is listed: say which the current one is, or how many there are."""
        search, shown, matches = message.search, message.shown, message.matches
        if search is not self.search:
            return
        replay = self.replay
        current = shown is replay.shown
        if current and shown is not None and matches is not None:
            self.shown_matches = matches
        status: Content | None = None
        if replay.on_post and search.is_match(replay.position):
            status = self._where(search, replay.position, wrapped=False)
        if status is None or "counting" in status.plain:
            if not current or (shown is not None and matches is None):
                return  # the filter changed, or its view is being counted: that will say
            total = len(matches) if matches is not None else len(search.matches)
            if not total:
                return  # "no match for …" said it already
            status = t.words(f"{total:,} match" + ("" if total == 1 else "es"), "bold")
        self.say(status)

    def _found(self, search: Search, hit: Hit | None, *, tell: bool) -> None:
        """Go to the match found and say which it is, or say there is none."""
        if hit is None:
            where = " among the posts the filter shows" if self.replay.shown is not None else ""
            self.say(
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
        self._jump(hit.index)
        self.say(self._where(search, hit.index, wrapped=hit.wrapped), tell=tell)

    def _where(self, search: Search, index: int, *, wrapped: bool) -> Content:
        """'match 3 of 12', with where it matched when not in what the post shows."""
        number: int | None = None
        count: int | None = None
        if self.replay.shown is None:
            number, count = search.ordinal(index), search.count
        elif self.shown_matches is not None:
            number, count = ordinal(self.shown_matches, index), len(self.shown_matches)
        words = (
            f"match {number:,} of {count:,}"
            if number is not None and count is not None
            else "match (still counting…)"
        )
        if wrapped:
            words += " · wrapped round"
        fields = search.where(index)
        if fields and not {"text", "variant", "author", "handle", "warning"} & set(fields):
            words += " · in " + " and ".join(FIELD_WORDS.get(f, f) for f in fields)
        return t.words(words, "bold")

    def say(self, status: Content, *, tell: bool = False) -> None:
        """Show the search's status in the bar (if open), or (`tell`) as a notice too when
        nobody listens to the bar."""
        self.status = status
        if self.bar_open:
            self.said.publish(status)
        elif tell:
            self.screen.notify(status.plain, title="Search", markup=False, timeout=3)
