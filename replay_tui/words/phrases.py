"""The phrases the replay and every export share, written once.

A reader meets the same post on the screen, in a handout and in a JSON file; if each said
"missing" or "derived" in its own words, a reader comparing them would wonder whether they
mean different things. So each phrase that more than one place shows lives here, and the UI
and the exports import it rather than spelling it again. Plain Python, standing only on the
format's `Moment`.
"""

from __future__ import annotations

from replay_tui.format.model import Post, WarningBy
from replay_tui.format.times import Moment, Precision

UNKNOWN = "date and time unknown"
"""A post with no time at all: neither written nor derivable."""

TIME_UNKNOWN = "time unknown"
"""The clock time of a post known only to its day."""

DATE_UNKNOWN = "date unknown"
"""A post with no time at all, where there is room for two words only."""

MISSING_TEXT = "text unknown (missing)"
"""The body of a post whose text no source gives (status 'missing')."""

DELETED_NOTE = "deleted; text as the sources give it"
"""Beside the text of a deleted post: the words are the sources', not the platform's."""

WITHHELD_NOTE = "description not included in this export"
"""In place of a media description kept behind its content warning."""

WARNING_BY: dict[WarningBy, str] = {
    "author": "content warning by the author",
    "editor": "content warning by the session's editor",
}
"""Whose a post's own content warning is (`warning_by`), said wherever the warning is shown:
the audience must never take an editor's warning for the author's words, nor the reverse."""

WORDS_HIDDEN = "text hidden"
"""Before the warning shown in place of a post's words on screen, until revealed."""

WORDS_BEHIND = "behind the warning"
"""Marks a warned post's words in an export that shows them after the warning."""

DATE_NOT_GIVEN = "date not given"
"""A source (article, archive) with no publication date."""

NO_COUNTS = "no counts given"
"""A counts record that gives none of the counts."""

UNREADABLE_TIME = "not a readable time"
"""A time written in the session that does not parse, shown as written beside this."""

AS_WRITTEN = f"(as written; {UNREADABLE_TIME})"
"""Follows such a time when it is shown as written."""

DERIVED_MARK = "≈"
"""Prefix of a time that no source states (derived, for example, from a status ID)."""

DERIVED_NOTE = "derived from status ID"
"""Follows a derived time in its full wording."""

GAP_UNKNOWN = "gap unknown"
"""The gap between two posts when either time is unknown."""

MEDIA_KINDS = {"photo": "photo", "video": "video", "link": "link", "other": "media"}
"""A media item's kind in words (exports capitalise them as labels)."""

# How a post's time is known, where a reader could otherwise assume more.
TIME_NOT_GIVEN = "not given by the sources"
TIME_DAY_ONLY = "the sources give the day only"
TIME_NO_CLOSER = "the sources give no closer date"


def time_derived(how: str) -> str:
    """A derived time's origin: `how` is `Moment.derived` ('from status ID …')."""
    return f"derived {how}; no source states it"


def time_known(moment: Moment | None) -> str | None:
    """How a post's time is known, in words, where that is not plain: not given, derived,
    day only, or coarser; None for a time written to the minute or second."""
    if moment is None:
        return TIME_NOT_GIVEN
    if moment.derived:
        return time_derived(moment.derived)
    if moment.precision == Precision.DAY:
        return TIME_DAY_ONLY
    if moment.precision in (Precision.MONTH, Precision.YEAR):
        return TIME_NO_CLOSER
    return None


def warning_words(post: Post) -> str | None:
    """'content warning by the author: <the warning>', or None for a post without one."""
    if post.warning is None:
        return None
    return f"{WARNING_BY.get(post.warning_by, WARNING_BY['editor'])}: {post.warning}"


def read_warning(line: str) -> tuple[str, WarningBy] | None:
    """`warning_words` read back ('Content warning by the author: …', any case first):
    the warning and whose it is, or None for a line that is not one."""
    for by, said in WARNING_BY.items():
        for lead in (f"{said}: ", f"{said[:1].upper()}{said[1:]}: "):
            if line.startswith(lead):
                return line[len(lead) :], by
    return None


def preview_words(post: Post) -> str:
    """What a one-line preview of a post may show (palette, bookmark lists): its text, or
    its warning in place of words a warning hides, or the missing-text phrase."""
    if post.warning is not None and (post.text is not None or post.variants):
        return f"⚠ {warning_words(post)}"
    return post.text if post.text is not None else MISSING_TEXT
