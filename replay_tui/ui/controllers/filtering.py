"""The filter (`F`, and the palette's filter commands): one path at every size.

A participant filter is one pass over the posts (C speed: milliseconds at a million), so it
applies at once. A hashtag filter goes through a `PendingView`: a worker finds where the
cursor lands (the nearest tagged post, scanning for the tag from the cursor: milliseconds),
the filter is on from then on (`FilterLanded`) and stepping skips the other posts by the
same scans while the header says "counting…"; the same worker then scans the whole
session for the tag and hands over the complete `FilteredView` (`FilterCounted`: "3/40
shown (of 1,200)").

The dialog lists the participants busiest first and the hashtags most used first, and
computes neither itself: it opens at once, whatever the size. The posts per participant are
counted by a worker started with the screen (`start`: a tenth of a second at a million
posts, pausing while the reader moves); a dialog opened before it is done lists them
without numbers ("counting…") and takes over the count, without pausing (`PeopleCounted`,
published on `people_counted`). The hashtags need the whole tag index, seconds at a
million posts: a worker counts them once the dialog is drawn, and the list appears in it
when they come (`TagsCounted`, published on `tags_counted`); a typed hashtag filters at
once meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.signal import Signal
from textual.worker import get_current_worker

from replay_tui.format.model import Participant
from replay_tui.replay import filters
from replay_tui.replay.filters import Filter, FilteredView, PendingView, View
from replay_tui.replay.people import PostCounts
from replay_tui.replay.tags import TagCount
from replay_tui.ui.controllers.base import Controller, Given
from replay_tui.ui.messages import FilterCounted, FilterLanded, PeopleCounted, TagsCounted


class Filtering(Controller):
    """The filter of one replay. `changed(filter, view, words)` tells the screen what is
    shown now; `quiet` changes (the filter switched off for a jump) move nothing."""

    def __init__(
        self,
        given: Given,
        *,
        changed: Callable[[Filter, View | None, str], None],
        colours: dict[str, str],
    ) -> None:
        super().__init__(given)
        self._changed = changed
        self.colours = colours
        self.filter = Filter()
        self.pending: PendingView | None = None
        """A hashtag filter being applied or counted by a worker."""
        self.tags: list[TagCount] | None = None
        self.counts = PostCounts(self.replay.loaded)
        """The posts per participant, counted by a worker (`start`)."""
        self.tags_counted: Signal[list[TagCount]] = Signal(self.screen, "tags-counted")
        """The hashtags, when a worker has counted them (the open dialog subscribes)."""
        self.people_counted: Signal[list[tuple[Participant, int]]] = Signal(
            self.screen, "people-counted"
        )
        """The participants with their posts, when counted (the open dialog subscribes)."""

    def start(self) -> None:
        """The screen is up: count the posts per participant in the background."""
        self._count_people(pause=True)

    # --- the dialog ----------------------------------------------------------------------------

    def open_dialog(self) -> None:
        # Imported on first use: its widgets are not needed for the first frame.
        from replay_tui.ui.screens.filter import FilterScreen

        ranked = self.counts.ranked
        people: list[tuple[Participant, int | None]] = (
            list(ranked)
            if ranked is not None
            else [(p, None) for p in self.replay.session.participants]
        )
        self.screen.app.push_screen(
            FilterScreen(
                people,
                self.tags,
                self.filter,
                colour=self.colours,
                tags_counted=self.tags_counted,
                people_counted=self.people_counted,
                # Once it is drawn: what it lists is counted after, not before, its frame.
                drawn=partial(self._count_for_dialog, ranked is not None),
            ),
            self._chosen,
        )

    def _count_for_dialog(self, people_counted: bool) -> None:
        if not people_counted:
            # The reader waits for these numbers now: count on without pausing (the
            # worker says so at once if the count ended since the dialog opened).
            self._count_people(pause=False)
        if self.tags is None:
            self.screen.run_worker(
                self._count_tags, thread=True, group="tags", exclusive=True, exit_on_error=False
            )

    def _count_people(self, *, pause: bool) -> None:
        self.screen.run_worker(
            lambda: self._counting_people(pause),
            thread=True,
            group="people",
            exclusive=True,
            exit_on_error=False,
        )

    def _counting_people(self, pause: bool) -> None:
        """In a worker: the posts per participant, a slice at a time (see `PostCounts`)."""
        worker = get_current_worker()
        for _ in self.counts.steps():
            if pause and self.counts.ranked is None:
                self.idle.wait()
            if worker.is_cancelled:
                return
        ranked = self.counts.ranked
        if ranked is not None:
            self.screen.post_message(PeopleCounted(ranked))

    def counted_people(self, message: PeopleCounted) -> None:
        self.people_counted.publish(message.people)

    def _count_tags(self) -> None:
        worker = get_current_worker()
        for _ in self.index.tag_steps():
            self.idle.wait()
            if worker.is_cancelled:
                return
        self.screen.post_message(TagsCounted(self.index.tags(mentions=False)))

    def counted_tags(self, message: TagsCounted) -> None:
        self.tags = message.tags
        self.tags_counted.publish(message.tags)

    def _chosen(self, chosen: Filter | None) -> None:
        if self.tags is None:
            # The dialog closed before its list of hashtags came: stop counting them (the
            # next F goes on from the blocks already folded) so the filter's own count
            # comes sooner.
            self.screen.workers.cancel_group(self.screen, "tags")
        self.apply(chosen)

    def hashtags(self) -> list[TagCount]:
        """The session's hashtags, most used first (computed once; the palette asks from a
        thread)."""
        if self.tags is None:
            self.tags = self.index.tags(mentions=False)
        return self.tags

    def people(self) -> list[tuple[Participant, int]]:
        """Participants with how many posts each wrote, busiest first (counting what the
        worker has not counted yet now; the palette asks)."""
        return self.counts.rank()

    # --- applying ------------------------------------------------------------------------------

    def apply(self, chosen: Filter | None) -> None:
        """Show only what `chosen` lets through (an inactive filter: everything again)."""
        if chosen is None:
            return
        if self.pending is not None and chosen == self.pending.filter:
            return  # being applied already
        if chosen.tag:
            self._stop()
            pending = PendingView(self.replay.loaded, chosen, self.index)
            self.pending = pending
            replay = self.replay
            position = replay.position if replay.on_post else None
            # The worker first: it starts while the header says what is being applied.
            self.screen.run_worker(
                lambda: self._land(pending, position),
                thread=True,
                group="filter",
                exclusive=True,
                exit_on_error=False,
            )
            self._changed(self.filter, replay.shown, chosen.describe(replay.loaded))
            return
        view = filters.apply(self.replay.loaded, chosen) if chosen.active else None
        if view is not None and not len(view):
            self._refuse()
            return
        self.set(chosen, view)

    def set(self, chosen: Filter, view: View | None) -> None:
        """Show `view` (of `chosen`)."""
        if view is not self.pending:
            self._stop()
        self.filter = chosen
        words = chosen.describe(self.replay.loaded) if chosen.active else ""
        self._changed(chosen, view, words)

    def moved(self) -> None:
        """The cursor moved: a jump (palette, bookmark, resume) to a post the filter hides
        turns the filter off, rather than leave a timeline with no current post."""
        replay = self.replay
        shown = replay.shown
        if shown is not None and replay.on_post and replay.position not in shown:
            self.set(Filter(), None)
            self.screen.notify(
                f"The filter is off: post {replay.position + 1:,} is not one it shows.",
                title="Filter",
                markup=False,
            )

    def _stop(self) -> None:
        if self.pending is not None:
            self.pending = None
            self.screen.workers.cancel_group(self.screen, "filter")

    def _refuse(self) -> None:
        self.screen.notify(
            "No post matches this filter; nothing was changed.",
            title="Filter",
            severity="warning",
            markup=False,
        )

    def _land(self, pending: PendingView, position: int | None) -> None:
        """In a worker: where the cursor lands (None: nothing is shown), then the view."""
        worker = get_current_worker()
        found: int | None = None
        steps = pending.nearest_steps(position) if position is not None else pending.forward(0)
        for found in steps:
            if worker.is_cancelled:
                return
            if found is not None:
                break
        self.screen.post_message(FilterLanded(pending, found))
        if found is None:
            return
        # The rest in the background: the reader's moves go first.
        for _ in self.index.build_steps(found):
            self.idle.wait()
            if worker.is_cancelled:
                return
        for view in filters.tag_view_steps(self.replay.loaded, pending.filter, self.index):
            self.idle.wait()
            if worker.is_cancelled:
                return
            if view is not None:
                self.screen.post_message(FilterCounted(pending, view))

    def landed(self, message: FilterLanded) -> None:
        pending = message.pending
        if pending is not self.pending:
            return
        if message.found is None:
            self.pending = None
            loaded = self.replay.loaded
            self._changed(
                self.filter,
                self.replay.shown,
                self.filter.describe(loaded) if self.filter.active else "",
            )
            self._refuse()
            return
        self.set(pending.filter, pending)

    def counted(self, message: FilterCounted) -> None:
        if self.replay.shown is not message.pending:
            return
        self.pending = None
        view: FilteredView = message.view
        self.set(message.pending.filter, view)
