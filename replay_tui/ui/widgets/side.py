"""The side column: the three panes (Context, Reactions, Press) and the tabs that pick one.

On a wide screen the panes stand one under the other and the tabs are hidden; on a narrow
one (replay.tcss) the tabs show and only the chosen pane does. Which pane is chosen is the
replay screen's `pane` reactive, bound down to `SidePanes.pane`; a click on a tab posts
`SidePanes.Chosen` up rather than choosing by itself, so the screen's reactive stays the
one place that says which pane is shown. The tabs' labels follow the panes' counts
(`Pane.Counted`), which never leave this column.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Tab, Tabs

from replay_tui.ui.look import At
from replay_tui.ui.render import Renderer
from replay_tui.ui.widgets.panes import Pane

PANES = ("context", "reactions", "press")
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


class SidePanes(Vertical):
    """The panes and their tabs; `pane` names the one a narrow screen shows."""

    renderer: var[Renderer | None] = var(None)
    at: var[At | None] = var(None)
    pane: var[str] = var("context", init=False)

    @dataclass(eq=False)
    class Chosen(Message):
        """A tab was clicked: the screen should show pane `pane`."""

        pane: str

    def compose(self) -> ComposeResult:
        yield PaneTabs(
            *(Tab(tab_label(name, 0), id=f"tab-{name}") for name in PANES),
            id="pane-tabs",
        )
        for name in PANES:
            yield Pane(PANE_TITLES[name], id=name).data_bind(SidePanes.renderer, SidePanes.at)

    def on_mount(self) -> None:
        self.watch_pane(self.pane)

    def watch_pane(self, name: str) -> None:
        for other in PANES:
            self.query_one(f"#{other}", Pane).set_class(other == name, "-shown")
        tabs = self.query_one(PaneTabs)
        if tabs.active != f"tab-{name}":
            tabs.active = f"tab-{name}"

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES and name != self.pane:
            self.post_message(self.Chosen(name))

    def on_pane_counted(self, message: Pane.Counted) -> None:
        """Relabel a pane's tab when its count changed (a relabel lays the screen out)."""
        message.stop()
        tab = self.query_one(f"#tab-{message.pane}", Tab)
        label = tab_label(message.pane, message.count)
        if not tab.label.is_same(label):
            tab.label = label
