"""What the presenting views say, as Content: the focus view, presenter notes, provenance.

Beside `render.py` (the timeline, panes and cards) and built on its `Renderer`, so names,
colours and times read the same everywhere; kept apart because these views exist for a
room (the focus view, projected), for the presenter alone (the notes) and for a journalist
checking a post (provenance). Every session string goes through `ui/text.py`.

What the class may not see yet stays hidden here too: a reply withheld by guess mode shows
who replies to whom only, and words or media behind a content warning show the warning
until the presenter reveals them (`reveal.py` decides; this module only honours it).
"""

from __future__ import annotations

from textual.content import Content

from replay_tui.format.model import Post, Source
from replay_tui.format.times import Moment, Precision, from_status_id, status_id
from replay_tui.replay.reveal import sensitive, words_hidden
from replay_tui.ui import text as t
from replay_tui.ui.render import (
    INFERRED,
    INFERRED_LINK,
    INFERRED_ZONE,
    LABEL,
    NL,
    SECTION,
    Renderer,
)
from replay_tui.words import phrases, timefmt
from replay_tui.words.sanitize import visible
from replay_tui.words.variants import compare

NOTES_TITLE = "Presenter notes — not shown to the audience"
PREVIEW = 140
"""How much of a replied-to or quoted post the focus view repeats."""


# --- the focus view ---------------------------------------------------------------------------


def focus_view(renderer: Renderer, *, presenter: bool = True) -> Content:
    """The current post for projection: chapter, author, time, what it answers, the text,
    media (warnings only unless revealed) and the position. `presenter` adds the hints that
    only the person at the keyboard needs (a follower's audience view leaves them out)."""
    replay = renderer.replay
    reveal = renderer.reveal
    if not replay.on_post:
        return t.quiet("The focus view shows the current post; step to a post.")
    index = replay.position
    post = replay.posts[index]
    parts: list[Content] = []
    chapter = replay.chapter
    if chapter is not None:
        parts += [
            t.join(
                [
                    t.words(f"Chapter {chapter.number}/{chapter.total} · ", t.MUTED),
                    t.clipped(chapter.chapter.title, 120, "bold $text-primary"),
                ]
            ),
            NL,
            NL,
        ]
    person = replay.participant(post.author)
    parts.append(renderer.who(person))
    # In the zone and words the rest of the screen uses (`z` changes the zone).
    when = [timefmt.format_moment(replay.time(index), renderer.zone, locale=renderer.locale)]
    gap = renderer.gap(index)
    if gap is not None:
        when.append(gap)
    parts += [NL, t.words(" · ".join(when), t.MUTED)]
    if post.status in ("deleted", "missing"):
        parts += [NL, t.words(post.status, "bold $text-warning")]
    for label, target_id in (("↳ replying to ", post.reply_to), ("❝ quoting ", post.quotes)):
        if target_id is not None:
            parts += [NL, answered(renderer, label, replay.post_by_id(target_id))]
    if post.reply_to is not None and post.reply_to_inferred is not None:
        parts += [
            NL,
            t.words(INFERRED_LINK, INFERRED),
            t.words(": ", t.MUTED),
            t.plain(post.reply_to_inferred, t.MUTED),
        ]
    parts += [NL, NL]
    if reveal.withheld:
        parts.append(renderer.withheld_line(index))
        if presenter:
            parts += [NL, NL, t.words("→ shows the reply", f"italic {t.MUTED}")]
    else:
        hidden = words_hidden(post, reveal.revealed)
        if post.warning is not None:
            parts.append(renderer.warning_line(post, hidden=hidden))
        if not hidden:
            parts += [NL, NL] if post.warning is not None else []
            parts.append(body(renderer, post))
        for media in post.media:
            parts += [
                NL,
                NL,
                renderer.media_line(
                    media.kind, media.description, media.warning, revealed=reveal.revealed
                ),
            ]
        if presenter and sensitive(post) and not reveal.revealed:
            parts += [NL, t.words("v reveals it for this post", f"italic {t.MUTED}")]
        if post.variants and not hidden:
            outlets = renderer.source_names(v.source for v in post.variants)
            parts += [NL, NL, t.words("Also worded differently by ", t.MUTED), outlets]
            if presenter:
                parts.append(t.words("  (s: sources and wordings)", f"italic {t.MUTED}"))
    parts += [NL, NL, t.words(f"{index + 1:,} / {replay.count:,}", t.MUTED)]
    return t.join(parts)


def body(renderer: Renderer, post: Post) -> Content:
    """The post's text, bold: a projector washes out thin strokes."""
    if post.status == "missing" or post.text is None:
        return t.words(phrases.MISSING_TEXT, f"italic {t.MUTED}")
    text = t.post_text(post.text, "bold")
    if post.status == "deleted":
        return t.join([text, NL, t.words(f"({phrases.DELETED_NOTE})", t.MUTED)])
    return text


def answered(renderer: Renderer, label: str, target: Post | None) -> Content:
    """'↳ replying to @handle: “the first words of that post…”', so a projected post is
    read with what it answers."""
    pieces = [t.words(label, t.MUTED), renderer.short_handle(target)]
    if target is not None and words_hidden(target, revealed=False):
        # Only the current post is ever revealed: what it answers keeps its warning.
        pieces += [t.words(": ", t.MUTED), renderer.warning_line(target, hidden=True)]
    elif target is not None and target.text is not None and target.status != "missing":
        pieces += [
            t.words(": “", t.MUTED),
            t.clipped(target.text, PREVIEW, f"italic {t.MUTED}"),
            t.words("”", t.MUTED),
        ]
    return t.join(pieces)


# --- presenter notes ----------------------------------------------------------------------------


def presenter_notes(renderer: Renderer) -> Content:
    """The current post's `notes` and the current chapter's prompt, for the presenter only."""
    replay = renderer.replay
    blocks: list[Content] = []
    if replay.on_post:
        post = replay.posts[replay.position]
        heading = t.words(f"Post {replay.position + 1:,}", SECTION)
        if post.notes:
            blocks.append(t.join([heading, NL, t.plain(post.notes)]))
        else:
            blocks.append(t.join([heading, NL, t.quiet("No notes for this post.")]))
    chapter = replay.chapter
    if chapter is not None and chapter.chapter.prompt:
        blocks.append(
            t.join(
                [
                    t.words(f"Discussion · chapter {chapter.number}: ", SECTION),
                    t.clipped(chapter.chapter.title, 80, SECTION),
                    NL,
                    t.plain(chapter.chapter.prompt),
                ]
            )
        )
    if not blocks:
        return t.quiet("No presenter notes here.")
    return t.join(blocks, "\n\n")


# --- provenance ---------------------------------------------------------------------------------


def provenance(renderer: Renderer, index: int) -> Content:
    """Everything known about where post `index` comes from: the sources attesting it, every
    wording with its differences from the main text, how its time is known, and the counts
    reported for it. Links are plain text, never clickable markup."""
    replay = renderer.replay
    post = replay.posts[index]
    heading = t.join(
        [
            t.words(f"Post {index + 1:,} of {replay.count:,} · ", "bold"),
            renderer.who(replay.participant(post.author)),
        ]
    )
    blocks = [
        heading,
        _sources_block(renderer, post),
        _wordings_block(
            renderer, post, hidden=words_hidden(post, renderer.reveal.revealed_at(index))
        ),
        _time_block(renderer, index),
        _counts_block(renderer, post),
    ]
    return t.join(blocks, "\n\n")


def _sources_block(renderer: Renderer, post: Post) -> Content:
    replay = renderer.replay
    parts: list[Content] = [t.words("Attested by", SECTION)]
    for n, source_id in enumerate(dict.fromkeys(post.sources)):
        source = replay.source(source_id)
        parts.append(NL)
        if source is None:
            parts += [t.words("• "), t.clipped(source_id, 60, LABEL), t.words(" (not listed)")]
            continue
        parts += [t.words("• "), _source(renderer, source)]
        if n == 0 and post.text is not None:
            parts += [NL, t.words("  the main text is this source's wording", f"italic {t.MUTED}")]
    if post.url or post.archived_url:
        parts += [NL, NL, t.words("The post itself", SECTION)]
        if post.url:
            parts += t.field("Link", t.line(post.url))
        if post.archived_url:
            parts += t.field("Archived", t.line(post.archived_url))
    if post.status != "live":
        parts += t.field("Status", t.words(post.status, "$text-warning"))
    return t.join(parts)


def _source(renderer: Renderer, source: Source) -> Content:
    """One source: outlet and kind; title and author; date; link."""
    parts: list[Content] = [
        t.line(source.outlet, LABEL),
        t.words(f" · {source.kind}", t.MUTED),
    ]
    if source.title:
        parts += [
            NL,
            t.words("  “", t.MUTED),
            t.line(source.title, "italic"),
            t.words("”", t.MUTED),
        ]
    if source.author:
        parts += [NL, t.words("  by ", t.MUTED), t.line(source.author)]
    published = renderer.published_text(source)
    if source.published is not None:
        shown = published or f"{source.published} {phrases.AS_WRITTEN}"
        parts += [NL, t.words("  published ", t.MUTED), t.line(shown)]
        reason = renderer.zone_inference(source)
        if published and reason is not None:
            parts += t.field(f"  {INFERRED_ZONE}", t.plain(reason))
    if source.url:
        parts += t.field("  link", t.line(source.url))
    return t.join(parts)


def _wordings_block(renderer: Renderer, post: Post, *, hidden: bool = False) -> Content:
    replay = renderer.replay
    parts: list[Content] = [t.words("Wordings", SECTION)]
    if hidden:  # the sources view may be projected too: the words wait for `v`
        parts += [NL, renderer.warning_line(post, hidden=True), NL]
        parts.append(t.quiet("Press v on the post to show its words, here too."))
        return t.join(parts)
    if post.text is None:
        parts += [NL, t.quiet("No source gives this post's text.")]
        return t.join(parts)
    first = replay.source(post.sources[0]) if post.sources else None
    parts += [
        NL,
        t.words("Main text", LABEL),
        t.words(" (", t.MUTED),
        t.clipped(first.outlet, 60, t.MUTED) if first else t.words("first source", t.MUTED),
        t.words(")", t.MUTED),
        NL,
        t.post_text(post.text),
    ]
    if not post.variants:
        parts += [NL, t.quiet("No other wording is recorded.")]
        return t.join(parts)
    parts += [
        NL,
        t.words("Words marked ", t.MUTED),
        t.words("like this", t.DIFFERS),
        t.words(" differ from the main text.", t.MUTED),
    ]
    for variant in post.variants:
        source = replay.source(variant.source)
        outlet = source.outlet if source else variant.source
        parts += [NL, NL, t.clipped(outlet, 60, LABEL), NL, t.differing(variant.text, post.text)]
        difference = compare(visible(variant.text), visible(post.text))
        if difference.same:
            parts += [NL, t.words("(the same words as the main text)", t.MUTED)]
        elif difference.missing:
            left_out = t.join(
                [t.join([t.words("“"), t.line(m), t.words("”")]) for m in difference.missing],
                ", ",
            )
            parts += t.field("not in this wording", left_out.stylize(t.MUTED))
    return t.join(parts)


def _time_block(renderer: Renderer, index: int) -> Content:
    replay = renderer.replay
    post = replay.posts[index]
    moment = replay.time(index)
    shown = timefmt.format_moment(moment, renderer.zone, locale=renderer.locale)
    written = t.line(post.time) if post.time is not None else t.words("no time", t.MUTED)
    parts: list[Content] = [
        t.words("Time", SECTION),
        *t.field("Shown as", t.words(shown)),
        *t.field("How it is known", t.words(known_how(moment))),
        *t.field("Written in the session", written),
    ]
    status = status_id(post.url) if post.url else None
    if status is not None:
        derived = from_status_id(status)
        if derived is None:
            line = "its status ID predates the IDs that encode a time (Nov 2010)"
        else:
            line = "encodes " + timefmt.format_moment(
                derived, renderer.zone, mark_derived=False, locale=renderer.locale
            )
            line += (
                "; that is the time shown"
                if moment is not None and moment.derived
                else "; the time written in the session is shown"
            )
        parts += t.field("The link's status ID", t.words(line))
    return t.join(parts)


PRECISION_WORDS = {
    Precision.SECOND: "to the second",
    Precision.MINUTE: "to the minute",
    Precision.DAY: "to the day only (no clock time)",
    Precision.MONTH: "to the month only",
    Precision.YEAR: "to the year only",
}


def known_how(moment: Moment | None) -> str:
    """How a post's time is known, without repeating the time itself."""
    if moment is None:
        return f"{phrases.TIME_NOT_GIVEN}, nor derivable from a link"
    if moment.derived:
        return phrases.time_derived(moment.derived)
    return f"written in the session, {PRECISION_WORDS[moment.precision]}"


def _counts_block(renderer: Renderer, post: Post) -> Content:
    parts: list[Content] = [t.words("Counts", SECTION)]
    if not post.metrics:
        parts += [NL, t.quiet("No counts are recorded for this post.")]
        return t.join(parts)
    for metrics in post.metrics:
        counts = metrics.count_words()
        when = renderer.time_text(metrics.at) or f"{metrics.at} ({phrases.UNREADABLE_TIME})"
        parts += [
            NL,
            t.words("• "),
            t.words(", ".join(counts) or phrases.NO_COUNTS),
            NL,
            t.words("  as of ", t.MUTED),
            t.line(when),
            t.words(", reported by ", t.MUTED),
            renderer.source_names([metrics.source]),
        ]
    return t.join(parts)
