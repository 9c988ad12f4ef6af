"""What the replay screen's header says: the title, the chapter line, what changes the
view (thread view, filter), the display zone, playback, the position, and the time.

Functions of a `render.Renderer`, kept apart from it as the panes' and cards' wording is:
the header is where a teacher reads the position, so how it gives way in a narrow
terminal (the zone first, then playback, never the position) is spelled out here.
Every session string goes through `ui/text.py`.
"""

from __future__ import annotations

from textual.content import Content

from replay_tui.format.times import Precision
from replay_tui.ui import text as t
from replay_tui.ui.render import Renderer
from replay_tui.words import phrases, timefmt


def header_left(r: Renderer) -> tuple[Content, Content]:
    """Title, and the chapter line, for the header."""
    replay = r.replay
    title = t.line(replay.session.title, "bold")
    if replay.at_title:
        where = t.words("Title card", t.MUTED)
    elif replay.at_end:
        where = t.words("End of the replay", t.MUTED)
    else:
        chapter = replay.chapter
        if chapter is None:
            where = t.words("No chapter", t.MUTED)
        else:
            where = t.join(
                [
                    t.words(f"Chapter {chapter.number}/{chapter.total} · ", t.MUTED),
                    t.line(chapter.chapter.title, "$text-primary"),
                ]
            )
    # What changes the view comes first, so a long chapter title is cut, not these.
    badges = header_badges(r)
    if badges:
        # Separated as the chapter's own parts are: without a colour (a projector, a
        # screen reader) "thread view filter: A, B Chapter 3/4" read as one label.
        where = t.join([*badges, where], t.words(" · ", t.MUTED))
    return title, where


def header_badges(r: Renderer, *, short: bool = False) -> list[Content]:
    """What changes the view: the thread view, a filter (`short`: without its names,
    for a header of one row, where they stand before the title)."""
    badges: list[Content] = []
    if r.thread_view:
        badges.append(t.words("thread view", "bold reverse $text-accent"))
    if r.filter_words:
        words = [t.words("filter" if short else "filter: ", "bold")]
        if not short:
            words.append(t.clipped(r.filter_words, 40, "bold"))
        badges.append(t.join(words).stylize("reverse $text-accent"))
    return badges


def header_right(r: Renderer, width: int = 120, room: int | None = None) -> tuple[Content, Content]:
    """The display zone, playback and position; and the current post's time. Within
    `room` cells if it can: the position is what a teacher reads, so the zone gives
    way first, then the playback state; the position never does."""
    replay = r.replay
    position = t.words(replay.label(), "bold")
    zone = r.zone_label if width >= 100 else r.zone_short
    lead = [t.words(zone, t.MUTED)] if zone else []
    if r.playback:
        lead.append(t.words(r.playback, "bold $text-accent"))
    while lead and room is not None:
        if sum(part.cell_length + 3 for part in lead) + position.cell_length <= room:
            break
        lead.pop(0)
    if lead:
        position = t.join([*lead, position], t.words(" · ", t.MUTED))
    if replay.on_post:
        moment = replay.time(replay.position)
        when = t.words(timefmt.format_moment(moment, r.zone, locale=r.locale), "")
    else:
        when = t.words(r.dates(), t.MUTED)
    return position, when


def header_time_compact(r: Renderer) -> str:
    """The current post's time in fewer cells, for narrow terminals."""
    replay = r.replay
    if not replay.on_post:
        return ""
    moment = replay.time(replay.position)
    text = timefmt.format_short(moment, r.zone, locale=r.locale)
    if moment is not None and moment.precision == Precision.DAY:
        text += " · " + phrases.TIME_UNKNOWN
    if moment is not None and moment.derived:
        text += " (derived)"
    return text
