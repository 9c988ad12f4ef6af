"""Choosing a filter (`F`): the posts of some participants, or those with a hashtag, or both.

Ticked participants and the chosen hashtag become a `filters.Filter`; the replay screen
applies it (`filters.apply`) and steps only through the posts it shows. Participants are
listed busiest first with their post counts, hashtags most used first; names, handles and
hashtags are session text, so every row is Content built by `ui/text.py`.

Sessions with thousands of participants or hashtags list the busiest `MAX_PEOPLE` and
`MAX_TAGS` here; the command palette (ctrl+p, "filter") finds any of them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, SelectionList, Static

from ...filters import Filter, same_tag
from ...model import Participant
from ...search import TagCount
from .. import text as t

MAX_PEOPLE = 300
MAX_TAGS = 40


class FilterScreen(ModalScreen[Filter | None]):
    """Tick participants and/or choose a hashtag; dismissed with the filter (an inactive
    one for "Show all"), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "apply", "Apply", show=False),
    ]

    def __init__(
        self,
        people: list[tuple[Participant, int]],
        tags: list[TagCount],
        current: Filter,
        *,
        colour: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.people = people[:MAX_PEOPLE]
        self.more_people = max(0, len(people) - MAX_PEOPLE)
        self.tags = tags[:MAX_TAGS]
        self.more_tags = max(0, len(tags) - MAX_TAGS)
        self.current = current
        self.colour = colour or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="filter-box") as box:
            box.border_title = "Filter: show only…"
            box.border_subtitle = "Space: tick · Tab: next · ctrl+s: apply · Esc: cancel"
            yield Static(t.words("Posts by", "bold $text-primary"), markup=False)
            yield SelectionList[str](
                *(
                    (self._person(person, count), person.id, person.id in self.current.participants)
                    for person, count in self.people
                ),
                id="filter-people",
            )
            if self.more_people:
                yield Static(self._more(self.more_people, "participant"), markup=False)
            yield Static(t.words("With the hashtag", "bold $text-primary"), markup=False)
            if self.tags:
                chosen = self.current.tag
                with RadioSet(id="filter-tags"):
                    yield RadioButton(t.words("any hashtag (or none)"), value=chosen is None)
                    for tag in self.tags:
                        yield RadioButton(
                            t.join(
                                [
                                    t.line(tag.tag, "bold $text-accent"),
                                    t.words(f"  {t.count(tag.count, 'post')}", t.MUTED),
                                ]
                            ),
                            value=chosen is not None and same_tag(chosen, tag.tag),
                        )
                if self.more_tags:
                    yield Static(self._more(self.more_tags, "hashtag"), markup=False)
            else:
                yield Static(t.quiet("No hashtags in this session."), markup=False)
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", id="filter-apply", variant="primary")
                yield Button("Show all posts", id="filter-clear")
                yield Button("Cancel", id="filter-cancel")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def _person(self, person: Participant, count: int) -> Content:
        colour = self.colour.get(person.id, "")
        parts = [t.clipped(person.name, 50, f"bold {colour}".strip())]
        if person.handle:
            parts.append(t.clipped(person.handle, 30, colour))
        parts.append(t.words(t.count(count, "post"), t.MUTED))
        return t.join(parts, "  ")

    @staticmethod
    def _more(count: int, noun: str) -> Content:
        return t.quiet(f"and {t.count(count, noun)} more: the command palette (ctrl+p) finds them")

    def chosen(self) -> Filter:
        """The filter as ticked now."""
        people = frozenset(self.query_one(SelectionList).selected)
        tag: str | None = None
        radios = self.query(RadioSet)
        if radios:
            index = radios.first().pressed_index
            if index > 0:
                tag = self.tags[index - 1].tag
        return Filter(participants=people, tag=tag)

    @on(Button.Pressed, "#filter-apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#filter-clear")
    def _clear(self) -> None:
        self.dismiss(Filter())

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
