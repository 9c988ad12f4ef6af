"""Every key of the replayer, in one table that both the bindings and the help screen read.

The keys follow asciinema and terminal presentation tools: arrows, vi letters and PageUp/
PageDown step; Home/End and g/G go to the ends; digits jump by tenths. Space is left free
for a later play/pause. Keeping the table here means the help screen cannot forget a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One action and the keys that trigger it."""

    keys: str
    """Textual key names, comma-separated."""
    action: str
    description: str
    """Short, for the footer."""
    display: str
    """How the keys are written on the help screen."""
    explanation: str
    """A sentence for the help screen."""
    footer: bool = True


STEP_KEYS: tuple[Key, ...] = (
    Key(
        "right,l,j,pagedown",
        "next",
        "Next",
        "→  l  j  PgDn",
        "Next post (from the last post: the end card)",
    ),
    Key(
        "left,h,k,pageup",
        "prev",
        "Prev",
        "←  h  k  PgUp",
        "Previous post (from the first post: the title card)",
    ),
    Key("home,g", "first", "First", "Home  g", "First post", footer=False),
    Key("end,G,shift+g", "last", "Last", "End  G", "Last post", footer=False),
)

PANE_KEYS: tuple[Key, ...] = (
    Key(
        "c",
        "pane('context')",
        "Context",
        "c",
        "Context pane: show it (narrow screens) and focus it to scroll",
        footer=False,
    ),
    Key("r", "pane('reactions')", "Reactions", "r", "Reactions pane: likewise", footer=False),
    Key("p", "pane('press')", "Press", "p", "Press pane: likewise", footer=False),
)

BACK_KEY = Key(
    "escape", "back", "Sessions", "Esc", "Back to the session list (when opened from it)"
)

APP_KEYS: tuple[Key, ...] = (
    Key("question_mark", "help", "Help", "?", "This help"),
    Key("q", "quit", "Quit", "q", "Quit (exit status 0)"),
)

OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("0 … 9", "Jump to 0 %, 10 %, … 90 % of the posts"),
    ("ctrl+p", "Command palette: jump to a post by its text or author, change the theme"),
    ("↑  ↓", "Scroll the focused timeline or pane"),
    ("Tab", "Move the focus between the timeline and the panes"),
    ("ctrl+q", "Quit (Textual's own key)"),
)

PICKER_KEYS: tuple[tuple[str, str], ...] = (
    ("↑  ↓", "Choose a session"),
    ("Enter", "Open it"),
)


def bindings(keys: tuple[Key, ...], *, priority: bool = False) -> list[Binding]:
    """Textual bindings for `keys`; the first key of each is the one the footer shows."""
    return [
        Binding(
            k.keys,
            k.action,
            k.description,
            show=k.footer,
            key_display=k.display.split()[0],
            priority=priority,
        )
        for k in keys
    ]


def digit_bindings() -> list[Binding]:
    """0-9: jump to 0-90 % of the posts."""
    return [
        Binding(str(d), f"jump({d * 10})", f"{d * 10} %", show=False, priority=True)
        for d in range(10)
    ]


def help_rows(*, from_picker: bool) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, in the order a newcomer needs them."""
    rows = [(k.display, k.explanation) for k in STEP_KEYS]
    rows += list(OTHER_KEYS[:1])
    rows += [(k.display, k.explanation) for k in PANE_KEYS]
    rows += list(OTHER_KEYS[1:4])
    if from_picker:
        rows.append((BACK_KEY.display, BACK_KEY.explanation))
    rows += [(k.display, k.explanation) for k in APP_KEYS]
    rows.append(OTHER_KEYS[4])
    return rows
