"""Choosing a filter (`F`): the posts of some participants, or those with a hashtag, or both.

Ticked participants and the chosen hashtag become a `filters.Filter`; the replay screen
applies it (`filters.apply`) and steps only through the posts it shows. Participants are
listed busiest first with their post counts, hashtags most used first; names, handles and
hashtags are session text, so every row is Content built by `ui/text.py`.

The dialog computes nothing over the posts: it opens at once at every size. The posts per
participant come counted by a worker (the replay screen's `Filtering`); opened before they
are, it lists the participants in the session's order, each row saying "counting…", and
when the numbers come (published on the `people_counted` signal it is given) it lists them
busiest first, with the same ticks (and the participant moved to still highlighted).

The hashtag is a text field, filled by choosing one from the list below it or typed
(`AskHamas` is taken as `#AskHamas`; an @mention works too). Listing the hashtags with
their counts takes the whole tag index, seconds at a million posts, so on a large session
the dialog opens at once with the participants and the field, says "counting hashtags…"
where the list goes, and shows the list when the replay screen's worker has it (published
on the `tags` signal it is given); a typed hashtag filters at once meanwhile.

Sessions with thousands of participants or hashtags list the busiest `MAX_PEOPLE` and
`MAX_TAGS` here; the command palette (ctrl+p, "filter") and the field find any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.widget import Widget
from textual.widgets import Button, Input, RadioButton, RadioSet, SelectionList, Static

from replay_tui.format.model import Participant
from replay_tui.replay.filters import Filter, same_tag, typed_tag
from replay_tui.replay.tags import TagCount
from replay_tui.ui import text as t
from replay_tui.ui.handoff import close_after_typed, key_in_order
from replay_tui.ui.screens.modal import boxed

MAX_PEOPLE = 300
MAX_TAGS = 40


class FilterScreen(ModalScreen[Filter | None]):
    """Tick participants and/or choose (or type) a hashtag; dismissed with the filter (an
    inactive one for "Show all"), or None when cancelled. `tags` None, or a participant's
    count None: still being counted (`show_tags` and `show_people` bring them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: they act in typing order, and close once the keys typed before them
        # are taken; the keys typed after them go to the replay screen (ui/handoff.py).
        Binding("escape", "close('cancel')", "Cancel", show=False, priority=True),
        Binding("ctrl+s", "close('apply')", "Apply", show=False, priority=True),
        # Enter applies from the hashtag field and presses a button, through their
        # messages: it waits for the keys typed before it, the keys after it for it.
        Binding("enter", "in_order('enter')", show=False, priority=True),
    ]

    def __init__(
        self,
        people: list[tuple[Participant, int | None]],
        tags: list[TagCount] | None,
        current: Filter,
        *,
        colour: dict[str, str] | None = None,
        tags_counted: Signal[list[TagCount]] | None = None,
        people_counted: Signal[list[tuple[Participant, int]]] | None = None,
        drawn: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.drawn = drawn
        """Called once the dialog is drawn (what it waits for is counted after its frame)."""
        self._names: dict[str, Content] = {}
        """Each listed participant's name and handle, built once (the counts come later)."""
        self.tags_counted = tags_counted
        self.people_counted = people_counted
        self.people_total = len(people)
        self.people = people[:MAX_PEOPLE]
        self.counted = all(count is not None for _, count in people)
        """Every participant's posts are counted (the list is busiest first)."""
        self.tags: list[TagCount] | None = None
        self.more_tags = 0
        if tags is not None:
            self._keep(tags)
        self.current = current
        self.colour = colour or {}

    def compose(self) -> ComposeResult:
        hint = "Space: tick · Tab: next · ctrl+s: apply · Esc: cancel"
        with boxed(VerticalScroll(id="filter-box"), "Filter: show only…", hint):
            yield Static(t.words("Posts by", "bold $text-primary"), markup=False)
            yield SelectionList[str](
                *self._selections(self.current.participants), id="filter-people"
            )
            if self.people_total > len(self.people):
                more = self.people_total - len(self.people)
                yield Static(self._more(more, "participant"), markup=False, id="filter-more")
            yield Static(t.words("With the hashtag", "bold $text-primary"), markup=False)
            yield Input(
                self.current.tag or "",
                placeholder="type a hashtag (#AskHamas) or choose one below; empty: any",
                id="filter-tag",
            )
            if self.tags is None:
                yield Static(t.quiet("counting hashtags…"), markup=False, id="filter-tags-wait")
            else:
                yield from self._tag_list()
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", id="filter-apply", variant="primary")
                yield Button("Show all posts", id="filter-clear")
                yield Button("Cancel", id="filter-cancel")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        if self.tags is None and self.tags_counted is not None:
            self.tags_counted.subscribe(self, self.show_tags, immediate=True)
        if not self.counted and self.people_counted is not None:
            self.people_counted.subscribe(self, self.show_people, immediate=True)
        if self.drawn is not None:
            self.call_after_refresh(self.drawn)

    def _keep(self, tags: list[TagCount]) -> None:
        self.tags = tags[:MAX_TAGS]
        self.more_tags = max(0, len(tags) - MAX_TAGS)

    def _tag_list(self) -> list[Widget]:
        """The hashtags to choose from, most used first (or a line saying there are none)."""
        if not self.tags:
            return [Static(t.quiet("No hashtags in this session."), markup=False)]
        chosen = self.current.tag
        buttons = [RadioButton(t.words("any hashtag (or none)"), value=chosen is None)]
        for tag in self.tags:
            buttons.append(
                RadioButton(
                    t.join(
                        [
                            t.line(tag.tag, "bold $text-accent"),
                            t.words(f"  {t.count(tag.count, 'post')}", t.MUTED),
                        ]
                    ),
                    value=chosen is not None and same_tag(chosen, tag.tag),
                )
            )
        widgets: list[Widget] = [RadioSet(*buttons, id="filter-tags")]
        if self.more_tags:
            widgets.append(Static(self._more(self.more_tags, "hashtag"), markup=False))
        return widgets

    def show_tags(self, tags: list[TagCount]) -> None:
        """The hashtags, now counted: the list replaces "counting hashtags…"."""
        if self.tags is not None:
            return
        self._keep(tags)
        waiting = self.query("#filter-tags-wait")
        if waiting:
            self.query_one("#filter-box").mount_all(self._tag_list(), after=waiting.first())
            waiting.remove()

    def _selections(self, ticked: frozenset[str]) -> list[tuple[Content, str, bool]]:
        return [
            (self._person(person, count), person.id, person.id in ticked)
            for person, count in self.people
        ]

    def show_people(self, people: list[tuple[Participant, int]]) -> None:
        """The participants, now counted: listed again busiest first, the same ones ticked
        and highlighted (if moved to). A ticked participant the busiest `MAX_PEOPLE` leave
        out stays listed, after them (untick it to let it go)."""
        if self.counted:
            return
        self.counted = True
        listing = self.query_one("#filter-people", SelectionList)
        ticked = frozenset(listing.selected)
        highlighted = listing.highlighted
        # The participant the reader moved to stays highlighted; untouched, the top row.
        current = listing.get_option_at_index(highlighted).value if highlighted else None
        shown = people[:MAX_PEOPLE]
        listed = {person.id for person, _ in shown}
        shown += [(p, count) for p, count in people[MAX_PEOPLE:] if p.id in ticked - listed]
        self.people = list(shown)
        listing.clear_options()
        listing.add_options(self._selections(ticked))
        if highlighted is not None:
            listing.highlighted = next(
                (i for i, (p, _) in enumerate(self.people) if p.id == current), 0
            )
        more = self.query("#filter-more")
        if more:
            rest = self.people_total - len(self.people)
            if rest > 0:
                more.first(Static).update(self._more(rest, "participant"))
            else:
                more.remove()

    @on(RadioSet.Changed, "#filter-tags")
    def _tag_chosen(self, event: RadioSet.Changed) -> None:
        field = self.query_one("#filter-tag", Input)
        if event.index <= 0 or self.tags is None:
            field.value = ""
        else:
            field.value = self.tags[event.index - 1].tag

    def _person(self, person: Participant, count: int | None) -> Content:
        name = self._names.get(person.id)
        if name is None:
            colour = self.colour.get(person.id, "")
            parts = [t.clipped(person.name, 50, f"bold {colour}".strip())]
            if person.handle:
                parts.append(t.clipped(person.handle, 30, colour))
            name = self._names[person.id] = t.join(parts, "  ")
        posts = t.words("counting…" if count is None else t.count(count, "post"), t.MUTED)
        return t.join([name, posts], "  ")

    @staticmethod
    def _more(count: int, noun: str) -> Content:
        return t.quiet(f"and {t.count(count, noun)} more: the command palette (ctrl+p) finds them")

    def chosen(self) -> Filter:
        """The filter as ticked (and typed) now; a typed text that is not one hashtag
        counts as none (`action_apply` refuses it first)."""
        people = frozenset(self.query_one(SelectionList).selected)
        tag = typed_tag(self.query_one("#filter-tag", Input).value)
        return Filter(participants=people, tag=tag)

    @on(Button.Pressed, "#filter-apply")
    @on(Input.Submitted, "#filter-tag")
    def action_apply(self) -> None:
        typed = self.query_one("#filter-tag", Input).value
        if typed.strip() and typed_tag(typed) is None:
            self.notify(
                "Type one hashtag, like #AskHamas (or an @mention), or leave it empty.",
                title="Filter",
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(self.chosen())

    def action_close(self, how: str) -> None:
        close_after_typed(
            self, self.focused, self.action_apply if how == "apply" else self.action_cancel
        )

    def action_in_order(self, key: str) -> None:
        key_in_order(self, key)

    @on(Button.Pressed, "#filter-clear")
    def _clear(self) -> None:
        self.dismiss(Filter())

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
