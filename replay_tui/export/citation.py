"""One post as a citation a journalist can paste: who, when, what, where, and who says so.

`y` in the replayer copies this to the clipboard. It is built from the same honest view of
the post as every export (`common.build_handout` on that one post), so it says no more
than they do: the time at the precision the sources give it (a derived time marked), the
text as the session gives it (control characters made visible, as in every export; a
missing post's text is said to be unknown), every other outlet's wording of it (as every
export lists them: "Sources: A, B" under A's words alone would put them in B's mouth),
the post's own address and an archived copy where the session has them, and the outlets
that attest it. Plain text, no markup.
"""

from __future__ import annotations

from replay_tui.export.build import build_handout
from replay_tui.export.common import text_lines, warning_head
from replay_tui.export.view import ExportOptions, PostView
from replay_tui.format.read import LoadedSession
from replay_tui.words.phrases import DERIVED_NOTE


def post_view(loaded: LoadedSession, index: int) -> PostView:
    """The export's view of post `index` (0-based) alone."""
    number = index + 1
    return build_handout(loaded, ExportOptions(first=number, last=number)).posts[0]


def citation(loaded: LoadedSession, index: int) -> str:
    """Post `index` (0-based) as a citation, several lines of plain text."""
    post = post_view(loaded, index)
    # A document says how a time is known on a line of its own; a citation has no such
    # line, so a time derived from the status ID says so beside it.
    derived = f" ({DERIVED_NOTE})" if post.moment is not None and post.moment.derived else ""
    lines = [f"{post.author.label}, {post.time}{derived}:"]
    head = warning_head(post)
    if head is not None:
        lines.append(f"[{head}]")  # before the words it covers, as on the screen
    lines += text_lines(
        post,
        said="“{}”".format,
        missing="[{}]".format,
        deleted="({})".format,
        variant=lambda outlet, wording: f"As worded by {outlet}: “{wording}”",
    )
    if post.url:
        lines.append(post.url)
    if post.archived_url:
        lines.append(f"Archived: {post.archived_url}")
    lines.append(f"Sources: {', '.join(post.sources) if post.sources else 'none given'}")
    return "\n".join(lines) + "\n"
