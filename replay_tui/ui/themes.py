"""The projector theme and the colours that tell participant groups apart.

Textual's own themes are all offered through the command palette; this adds one made for
a classroom projector: a white ground, near-black text and dark, saturated accents, because
projectors wash out pale colours and dark grounds.

Participant groups get colours from a fixed, neutral sequence (blue, orange, violet, teal,
ochre, rose) in the order the groups first appear in the session: no colour is tied to a
side, so no side is painted "red". Each theme gets the sequence that reads on its ground,
as CSS variables `$group-1` .. `$group-6`.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    dark=False,
    primary="#0a3d8f",
    secondary="#5a1f8c",
    accent="#8a3b00",
    warning="#8a5a00",
    error="#a3001b",
    success="#1d6b2a",
    foreground="#000000",
    background="#ffffff",
    surface="#f2f2f2",
    panel="#e4e8f0",
    boost="#0a3d8f18",
    variables={
        "footer-key-foreground": "#0a3d8f",
        "foreground-muted": "#3a3a3a",
        "text-muted": "#3a3a3a",
        # The highlighted row of a list (the session picker, the palette) is a pale blue
        # under black text: its muted second line ($foreground-muted) must read on it too,
        # which no grey can do on a dark blue (it was 1.13:1). Both stay above 4.5:1.
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#c6d8f7",
        # `$group-1..6` are those of every light theme: `GROUPS_ON_LIGHT`, set by the app.
    },
)
"""Light and high-contrast, for a projector."""

GROUPS_ON_DARK = ("#74b9ff", "#f5a25d", "#c3a0ff", "#4fd1b5", "#e3cf6a", "#ff8fbf")
GROUPS_ON_LIGHT = ("#0a4fb0", "#9a4400", "#6a1fa8", "#00695a", "#6e5a00", "#a8245f")
GROUP_COUNT = len(GROUPS_ON_DARK)


def group_variables(dark: bool) -> dict[str, str]:
    """`group-1` .. `group-6` for a dark or a light theme."""
    colours = GROUPS_ON_DARK if dark else GROUPS_ON_LIGHT
    return {f"group-{i}": colour for i, colour in enumerate(colours, 1)}


THEMES = (PROJECTOR,)
"""Themes registered in addition to Textual's own."""
