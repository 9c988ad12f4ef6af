"""What the side panes say about the current post: Context, Reactions and Press.

Functions of a `render.Renderer` (the wording of names, times and sources), kept apart
from it so that the timeline's and header's wording and the panes' each fit in a module a
reader can hold. Every session string goes through `ui/text.py`.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from replay_tui.format.model import ContextNote, Participant, PressExcerpt, Reaction, Source
from replay_tui.format.times import Moment
from replay_tui.ui import text as t
from replay_tui.ui.render import INFERRED, INFERRED_LINK, LABEL, NL, SECTION, Renderer
from replay_tui.words import phrases, timefmt


def context_pane(r: Renderer) -> tuple[Content, int]:
    """The Context pane for the current position, and how many context notes are about
    this post (session-wide notes show on every post and are not counted)."""
    replay = r.replay
    blocks: list[Content] = []
    notes = 0
    if replay.on_post:
        index = replay.position
        post = replay.posts[index]
        mine = user_note(r, post.id)
        if mine is not None:
            blocks.append(mine)
        chapter = replay.chapter
        # At the chapter's first post the prompt banner over the timeline shows it,
        # large: said again here, it would push down the notes it often points to.
        if chapter is not None and chapter.chapter.prompt and chapter.start != index:
            blocks.append(
                t.join(
                    [
                        t.words(f"Discussion · chapter {chapter.number}", SECTION),
                        NL,
                        t.plain(chapter.chapter.prompt),
                    ]
                )
            )
        for item in replay.context(index):
            blocks.append(note(r, item))
            notes += 1
        if notes == 0:
            blocks.append(t.quiet("No context notes for this post."))
        blocks.append(author_block(r, replay.participant(post.author)))
        blocks.append(post_facts(r, index))
    shared = [note(r, n) for n in replay.session_context]
    return _with_shared(blocks, shared, notes, "No context for this part of the replay.")


def _with_shared(
    blocks: list[Content], shared: list[Content], count: int, empty: str
) -> tuple[Content, int]:
    """A pane: the post's `blocks`, then what is said about the whole exchange (`shared`),
    and the post's `count`; `empty` when there is neither."""
    if shared:
        heading = t.words("About the whole exchange", SECTION)
        blocks.append(t.join([heading, NL, t.join(shared, "\n\n")]))
    if not blocks:
        return t.quiet(empty), 0
    return t.join(blocks, "\n\n"), count


def user_note(r: Renderer, post_id: str) -> Content | None:
    """The user's own private note on a post, marked as theirs and apart from the
    session's context (None when there is none)."""
    state = r.state
    note = state.note(post_id) if state is not None else None
    if note is None:
        return None
    # In the display zone, like every other time on the screen.
    written = note.updated.astimezone(r.zone).strftime("%d %b %Y %H:%M")
    return t.join(
        [
            t.words("✎ Your note", "bold reverse $text-success"),
            t.words(f"  private, not part of the session · {written} · a: edit", t.MUTED),
            NL,
            t.plain(note.text, "$text-success"),
        ]
    )


def note(r: Renderer, note: ContextNote) -> Content:
    find = r.find
    parts = [t.line(note.title, LABEL, find=find), NL, t.plain(note.body, find=find)]
    if note.sources:
        parts += [NL, sources_line(r, note.sources)]
    return t.join(parts)


def sources_line(r: Renderer, sources: Iterable[str]) -> Content:
    """'Sources: …' under a note or an author, quieter than what it attests."""
    return t.join([t.words("Sources: ", t.MUTED), r.source_names(sources).stylize(t.MUTED)])


def author_block(r: Renderer, person: Participant | None) -> Content:
    parts: list[Content] = [t.words("Author", SECTION), NL, r.who(person)]
    if person is not None:
        if person.platform:
            parts += [t.words(" on ", t.MUTED), t.clipped(person.platform, 40, t.MUTED)]
        if person.role:
            parts += [NL, t.plain(person.role, "italic")]
        if person.bio:
            parts += [NL, t.plain(person.bio)]
        if person.sources:
            parts += [NL, sources_line(r, person.sources)]
    return t.join(parts)


def post_facts(r: Renderer, index: int) -> Content:
    """Who attests the post, how its time is known, its links and reported counts."""
    replay = r.replay
    post = replay.posts[index]
    moment = replay.time(index)
    parts: list[Content] = [
        t.words("This post", SECTION),
        *t.field("Attested by", r.source_names(post.sources)),
        *t.field("Time", t.words(time_origin(r, moment, post.time))),
    ]
    if post.reply_to is not None and post.reply_to_inferred is not None:
        parts += t.field(
            "Reply link",
            t.words(INFERRED_LINK, INFERRED),
            t.words(" — ", t.MUTED),
            t.plain(post.reply_to_inferred),
        )
    if post.status != "live":
        parts += t.field("Status", t.words(post.status, "$text-warning"))
    if post.url:
        parts += t.field("Link", t.line(post.url))
    if post.archived_url:
        parts += t.field("Archived", t.line(post.archived_url))
    for metrics in post.metrics:
        counts = metrics.count_words()
        parts += t.field(
            "Counts",
            t.words(", ".join(counts) or "none given"),
            t.words(f" (as of {r.time_text(metrics.at) or 'an unreadable time'}, ", t.MUTED),
            r.source_names([metrics.source]).stylize(t.MUTED),
            t.words(")", t.MUTED),
        )
    return t.join(parts)


def time_origin(r: Renderer, moment: Moment | None, written: str | None) -> str:
    if moment is None:
        return phrases.TIME_NOT_GIVEN
    text = timefmt.format_moment(moment, r.zone, mark_derived=False, locale=r.locale)
    how = phrases.time_known(moment)
    return text if how is None else f"{text}{', ' if moment.derived else ': '}{how}"


def reactions_pane(r: Renderer) -> tuple[Content, int]:
    replay = r.replay
    if not replay.on_post:
        return t.quiet("Reactions show here for each post."), 0
    reactions = replay.reactions(replay.position)
    if not reactions:
        return t.quiet("No reactions recorded for this post."), 0
    return t.join([reaction(r, item) for item in reactions], "\n\n"), len(reactions)


def reaction(r: Renderer, reaction: Reaction) -> Content:
    parts: list[Content] = [
        t.words(reaction.kind, "bold $text-accent"),
        t.words(" by ", t.MUTED),
        r.who(r.replay.participant(reaction.by)),
    ]
    if reaction.text:
        parts += [NL, t.post_text(reaction.text)]
    when = r.time_text(reaction.time) or phrases.UNKNOWN
    parts += [
        NL,
        t.words(when + " · ", t.MUTED),
        t.words("source: " if len(reaction.sources) == 1 else "sources: ", t.MUTED),
        r.source_names(reaction.sources).stylize(t.MUTED),
    ]
    return t.join(parts)


def press_pane(r: Renderer) -> tuple[Content, int]:
    replay = r.replay
    blocks: list[Content] = []
    count = 0
    if replay.on_post:
        excerpts = replay.press(replay.position)
        if excerpts:
            blocks.append(t.join([excerpt(r, e) for e in excerpts], "\n\n"))
        else:
            blocks.append(t.quiet("No press excerpts about this post."))
        count += len(excerpts)
    shared = [excerpt(r, e) for e in replay.session_press]
    return _with_shared(blocks, shared, count, "No press excerpts for this part of the replay.")


def excerpt(r: Renderer, excerpt: PressExcerpt) -> Content:
    source = r.replay.source(excerpt.source)
    parts: list[Content] = []
    if source is None:
        parts.append(t.clipped(excerpt.source, 60, LABEL))
    else:
        parts.append(t.clipped(source.outlet, 60, LABEL))
        parts.append(t.words(" · " + (r.published_text(source) or phrases.DATE_NOT_GIVEN), t.MUTED))
        credit = byline(r, source)
        if credit:
            parts += [NL, credit]
    quote = t.plain(excerpt.quote, find=r.find)
    parts += [NL, t.words("“", t.MUTED), quote, t.words("”", t.MUTED)]
    if source is not None and source.url:
        parts += [NL, t.line(source.url, t.MUTED)]
    return t.join(parts)


def byline(r: Renderer, source: Source) -> Content | None:
    bits: list[Content] = []
    if source.title:
        bits.append(t.line(source.title, f"italic {t.MUTED}"))
    if source.author:
        bits.append(t.join([t.words("by ", t.MUTED), t.line(source.author, t.MUTED)]))
    return t.join(bits, t.words(", ", t.MUTED)) if bits else None
