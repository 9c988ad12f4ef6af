"""The title card before the first post and the end card after the last.

Functions of a `render.Renderer`, like the panes' wording (`render_panes`): what the
session is, who takes part, its sources and chapters; at the end, the discussion prompts.
"""

from __future__ import annotations

from textual.content import Content

from replay_tui.ui import text as t
from replay_tui.ui.render import LABEL, NL, SECTION, Renderer
from replay_tui.ui.render_panes import byline


def facts_line(r: Renderer) -> Content:
    replay = r.replay
    s = replay.session
    bits = [r.dates() or "dates unknown", t.count(replay.count, "post")]
    bits.append(t.count(len(s.participants), "participant"))
    if s.chapters:
        bits.append(t.count(len(s.chapters), "chapter"))
    return t.words(" · ".join(bits), t.MUTED)


def title_card(r: Renderer) -> Content:
    replay = r.replay
    s = replay.session
    parts: list[Content] = [t.plain(s.title, "bold $text-primary"), NL, facts_line(r)]
    if s.summary:
        parts += [NL, NL, t.plain(s.summary)]
    if s.participants:
        parts += [NL, NL, t.words("Participants", SECTION)]
        for person in s.participants:
            parts += [NL, t.words("● ", r.colour(person.id)), r.who(person)]
            if person.role:
                parts += [t.words(" — ", t.MUTED), t.plain(person.role, t.MUTED)]
    parts += sources_section(r)
    if s.chapters:
        parts += [NL, NL, t.words("Chapters", SECTION)]
        for chapter in replay.chapters:
            parts += [
                NL,
                t.words(f"{chapter.number}. "),
                t.line(chapter.chapter.title),
                t.words(f"  (from post {chapter.start + 1:,})", t.MUTED),
            ]
    hint = (
        "→ or l: the first post   ? help   q quit" if replay.count else "This session has no posts."
    )
    parts += [NL, NL, t.words(hint, f"italic {t.MUTED}")]
    return t.join(parts)


def sources_section(r: Renderer) -> list[Content]:
    s = r.replay.session
    if not s.sources:
        return []
    parts: list[Content] = [NL, NL, t.words("Sources", SECTION)]
    for source in s.sources:
        parts += [NL, t.words("• "), t.line(source.outlet, LABEL)]
        credit = byline(r, source)
        if credit is not None:
            parts += [t.words(" — ", t.MUTED), credit]
        when = r.time_text(source.published)
        parts += [
            t.words(f" · {when}" if when else "", t.MUTED),
            t.words(f" · {source.kind}", t.MUTED),
        ]
        if source.url:
            parts += [NL, t.words("  "), t.line(source.url, t.MUTED)]
    return parts


def end_card(r: Renderer) -> Content:
    replay = r.replay
    parts: list[Content] = [
        t.words("End of the replay", "bold $text-primary"),
        NL,
        t.line(replay.session.title),
        NL,
        facts_line(r),
    ]
    prompts = [c for c in replay.chapters if c.chapter.prompt]
    if prompts:
        parts += [NL, NL, t.words("Discussion prompts", SECTION)]
        for chapter in prompts:
            parts += [
                NL,
                t.words(f"{chapter.number}. "),
                t.line(chapter.chapter.title, LABEL),
                NL,
                t.plain(chapter.chapter.prompt, ""),
            ]
    parts += sources_section(r)
    parts += [
        NL,
        NL,
        t.words("← or h: back to the last post   g first post   q quit", f"italic {t.MUTED}"),
    ]
    return t.join(parts)
