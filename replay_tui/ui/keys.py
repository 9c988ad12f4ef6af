"""Every key of the replayer, in one table that both the bindings and the help screen read.

The keys follow asciinema and terminal presentation tools: arrows, vi letters and PageUp/
PageDown step; Home/End and g/G go to the ends; digits jump by tenths; Space plays and
pauses, `/` `n` `N` search as in less and vim. Keeping the table here means the help screen
cannot forget a key.
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
    footer: bool = False
    """Shown in the footer too: only the few a newcomer needs, so that it fits 80 columns."""

    @property
    def row(self) -> tuple[str, str]:
        """(keys, what they do): the key's row on the help screen."""
        return self.display, self.explanation


STEP_KEYS: tuple[Key, ...] = (
    Key(
        "right,l,j,pagedown",
        "next",
        "Next",
        "→  l  j  PgDn",
        "Next post (from the last post: the end card)",
        footer=True,
    ),
    Key(
        "left,h,k,pageup",
        "prev",
        "Prev",
        "←  h  k  PgUp",
        "Previous post (from the first post: the title card)",
        footer=True,
    ),
    Key("home,g", "first", "First", "Home  g", "First post"),
    Key("end,G,shift+g", "last", "Last", "End  G", "Last post"),
)

PANE_KEYS: tuple[Key, ...] = (
    Key(
        "c",
        "pane('context')",
        "Context",
        "c",
        "Context pane: show it (narrow screens) and focus it to scroll",
    ),
    Key("r", "pane('reactions')", "Reactions", "r", "Reactions pane: likewise"),
    Key("p", "pane('press')", "Press", "p", "Press pane: likewise"),
)

PRESENT_KEYS: tuple[Key, ...] = (
    Key(
        "f",
        "toggle_focus_view",
        "Focus",
        "f",
        "Focus view for projecting: the current post large, the panes hidden (f again returns)",
        # Not in the footer: at 80 columns it would push out "q Quit"; the help lists it.
    ),
    Key(
        "m",
        "toggle_guess",
        "Guess",
        "m",
        "Guess the reply: stepping onto a reply shows who replies to whom; the next step, the text",
        footer=True,
    ),
    Key(
        "v",
        "reveal_media",
        "Reveal",
        "v",
        "Reveal (v again: hide) what a content warning hides; hidden again when the post changes",
    ),
    Key(
        "P,shift+p",
        "toggle_presenter_notes",
        "Notes",
        "P",
        "Presenter notes: the post's notes and the chapter's prompt (followers never see them)",
    ),
    Key(
        "s",
        "provenance",
        "Sources",
        "s",
        "Sources of the current post: outlets, links, wordings compared, time, counts",
    ),
    Key(
        "y",
        "copy_citation",
        "Copy",
        "y",
        "Copy the current post as a citation: author, time, text, link, sources",
    ),
    Key(
        "e",
        "export_markdown",
        "Export",
        "e",
        "Export the session as Markdown into the current folder",
    ),
    Key(
        "S,shift+s",
        "save_screenshot",
        "Screenshot",
        "S",
        "Save an SVG screenshot of the screen into the current folder",
    ),
)
"""Presenting: projection, guessing, content warnings, sources, files. The notes pane is on
`P` (the issue said `N`, which is search's previous match, as in vim and less)."""

FOLLOW_ROWS: tuple[tuple[str, str], ...] = (
    ("", "This screen follows a presenter: it moves when they move, and shows what they"),
    ("", "show (the focus view, guessing, revealed media), never their notes."),
)

PLAY_KEYS: tuple[Key, ...] = (
    Key(
        "space",
        "play",
        "Play",
        "Space",
        "Play / pause: real gaps, long silences cut to 3 s; stops at a pause chapter and the end",
        footer=True,
    ),
    Key(
        "plus,equals_sign",
        "faster",
        "Faster",
        "+  -",
        "Faster / slower (the header shows the speed: ▶ ×2)",
    ),
    Key("minus", "slower", "Slower", "-", ""),
    Key("left_square_bracket", "chapter(-1)", "Prev chapter", "[  ]", "Previous / next chapter"),
    Key("right_square_bracket", "chapter(1)", "Next chapter", "]", ""),
    Key("C,shift+c", "chapters", "Chapters", "C", "Chapters: jump to any of them"),
    Key(
        "z",
        "zone",
        "Zone",
        "z",
        "Time zone of every time: the session's, UTC, this machine's (named in the header)",
    ),
)
"""Autoplay, chapters and time: how the replay moves through the exchange. A key with no
explanation is explained on the row of the key before it ("+  -")."""

FIND_KEYS: tuple[Key, ...] = (
    Key(
        "slash",
        "search",
        "Search",
        "/",
        "Search texts, authors, hashtags, notes and press; Enter: the next match; Esc closes",
        footer=True,
    ),
    Key("n", "match(1)", "Next match", "n  N", "Next / previous match"),
    Key("N,shift+n", "match(-1)", "Prev match", "N", ""),
    Key(
        "F,shift+f",
        "filter",
        "Filter",
        "F",
        "Filter: only the posts of chosen participants, or with a hashtag",
    ),
    Key("t", "thread", "Thread", "t", "Thread view: replies under what they answer (t: back)"),
    Key(
        "b",
        "bookmark",
        "Bookmark",
        "b  B",
        "Bookmark the current post (again: remove it) / the bookmarks, to jump to one",
    ),
    Key("B,shift+b", "bookmarks", "Bookmarks", "B", ""),
    Key(
        "a",
        "note",
        "Note",
        "a",
        "Your private note on the current post (shown in Context, kept for you only)",
    ),
)
"""Finding and keeping: search, filter, thread view, bookmarks, the user's own notes."""

BACK_KEY = Key(
    "escape",
    "back",
    "Sessions",
    "Esc",
    "Back to the session list (when opened from it)",
    footer=True,
)

APP_KEYS: tuple[Key, ...] = (
    Key("question_mark", "help", "Help", "?", "This help", footer=True),
    Key("q", "quit", "Quit", "q", "Quit (exit status 0)", footer=True),
)

OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("0 … 9", "Jump to 0 %, 10 %, … 90 % of the posts"),
    (
        "ctrl+p",
        "Command palette: jump to a post, chapter or bookmark; filter; theme; another session",
    ),
    ("↑  ↓", "Scroll the focused timeline or pane"),
    ("Tab", "Move the focus between the timeline and the panes"),
    ("ctrl+q", "Quit (Textual's own key)"),
)

PICKER_KEYS: tuple[tuple[str, str], ...] = (
    ("↑  ↓", "Choose a session"),
    ("Enter", "Open it"),
)

PICKER_BACK_KEY = Key(
    "escape",
    "back",
    "Back",
    "Esc",
    "Back to the session that was open, as it was (when the list was opened from it)",
    footer=True,
)


def picker_rows(*, back: bool) -> list[tuple[str, str]]:
    """The session list's own keys for the help screen; Esc only when it leads back."""
    return [*PICKER_KEYS, *([PICKER_BACK_KEY.row] * back)]


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
    rows = [k.row for k in STEP_KEYS]
    rows += list(OTHER_KEYS[:1])
    rows += [k.row for k in (*PLAY_KEYS, *FIND_KEYS) if k.explanation]
    rows += [k.row for k in PANE_KEYS]
    rows += [k.row for k in PRESENT_KEYS]
    rows += list(OTHER_KEYS[1:4])
    if from_picker:
        rows.append(BACK_KEY.row)
    rows += [k.row for k in APP_KEYS]
    rows.append(OTHER_KEYS[4])
    return rows


def follow_rows() -> list[tuple[str, str]]:
    """The help of a follower (`replay-tui follow`): it has no keys of its own."""
    return [*FOLLOW_ROWS, *(k.row for k in APP_KEYS), OTHER_KEYS[4]]
