"""What each part of the replay screen says, as Content: posts, panes, cards and header.

The widgets only place and scroll these; the wording lives here, in one module, so the
timeline, the panes, the cards and the screenshots cannot drift apart, and so tests can
read what a pane says without a terminal. Every session string goes through `ui/text.py`.

Wording is neutral and exact: a time is shown at the precision the sources give it, an
absent value is named as absent ("time unknown", "text unknown (missing)"), and nothing is
filled in that the session does not say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.content import Content

from .. import timefmt
from ..model import ContextNote, Participant, Post, PressExcerpt, Reaction, Source
from ..replay import Replay
from ..times import Moment, Precision, parse
from . import text as t
from .themes import GROUP_COUNT

NL = Content("\n")
SECTION = "bold $text-primary"
LABEL = "bold"

MEDIA_MARK = {"photo": "photo", "video": "video", "link": "link", "other": "media"}


def group_styles(replay: Replay) -> dict[str, str]:
    """A colour style for each participant: one of `$group-1..6` by group, in the order
    groups first appear; participants without a group use the plain text colour."""
    slots: dict[str, int] = {}
    styles: dict[str, str] = {}
    for person in replay.session.participants:
        if person.group is None:
            styles[person.id] = "$foreground"
            continue
        slot = slots.setdefault(person.group, len(slots) % GROUP_COUNT + 1)
        styles[person.id] = f"$group-{slot}"
    return styles


@dataclass(frozen=True)
class Part:
    """One paragraph of a timeline block. A `rule` (a chapter divider) spans the width
    and has no author's colour bar; every other part has the bar."""

    content: Content
    rule: bool = False


class Renderer:
    """Builds the Content of every part of the screen for one replay."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.colours = group_styles(replay)

    # --- names ---------------------------------------------------------------------------

    def colour(self, participant_id: str | None) -> str:
        if participant_id is None:
            return "$foreground"
        return self.colours.get(participant_id, "$foreground")

    def who(self, person: Participant | None) -> Content:
        """'Name @handle' in the person's group colour."""
        if person is None:
            return t.words("not stated", f"italic {t.MUTED}")
        colour = self.colour(person.id)
        parts = [t.clipped(person.name, 80, f"bold {colour}")]
        if person.handle:
            parts.append(t.clipped(person.handle, 60, colour))
        return t.join(parts, " ")

    def short_handle(self, post: Post | None) -> Content:
        """How a reply or quote names the other post's author: its handle, else its name."""
        if post is None:
            return t.words("a post not in this session", t.MUTED)
        person = self.replay.participant(post.author)
        if person is None:
            return t.words("an unknown author", t.MUTED)
        colour = self.colour(person.id)
        return t.clipped(person.handle or person.name, 60, colour)

    def source_names(self, ids: Iterable[str]) -> Content:
        names = [
            t.clipped(src.outlet if (src := self.replay.source(i)) else i, 60)
            for i in dict.fromkeys(ids)
        ]
        return t.join(names, ", ") if names else t.words("none listed", t.MUTED)

    def time_text(self, text: str | None) -> str:
        """A time written in the session (reaction, source), in words; '' if absent."""
        if text is None:
            return ""
        try:
            moment = parse(text, self.replay.zone)
        except ValueError:
            return ""
        return timefmt.format_moment(moment, self.replay.zone)

    # --- the timeline ---------------------------------------------------------------------

    def post_parts(self, index: int) -> list[Part]:
        """The paragraphs of post `index` on the timeline."""
        replay = self.replay
        post = replay.posts[index]
        parts: list[Part] = []
        chapter = replay.chapter_starting(index)
        if chapter is not None:
            label = t.words(f"Chapter {chapter.number}/{chapter.total} · ", "bold $text-primary")
            parts.append(
                Part(t.join([label, t.clipped(chapter.chapter.title, 200, "bold")]), rule=True)
            )
        parts.append(Part(self.post_heading(index)))
        if post.reply_to is not None:
            target = replay.post_by_id(post.reply_to)
            parts.append(
                Part(t.join([t.words("↳ replying to ", t.MUTED), self.short_handle(target)]))
            )
        if post.quotes is not None:
            target = replay.post_by_id(post.quotes)
            parts.append(Part(t.join([t.words("❝ quoting ", t.MUTED), self.short_handle(target)])))
        parts.append(Part(self.post_body(post)))
        for media in post.media:
            parts.append(Part(self.media_line(media.kind, media.description, media.warning)))
        for variant in post.variants:
            source = replay.source(variant.source)
            outlet = source.outlet if source else variant.source
            parts.append(
                Part(
                    t.join(
                        [
                            t.words("as worded by ", f"italic {t.MUTED}"),
                            t.clipped(outlet, 60, f"italic {t.MUTED}"),
                            t.words(": ", t.MUTED),
                            t.post_text(variant.text, f"italic {t.MUTED}"),
                        ]
                    )
                )
            )
        return parts

    def post_heading(self, index: int) -> Content:
        replay = self.replay
        post = replay.posts[index]
        pieces: list[Content] = [self.who(replay.participant(post.author))]
        when = timefmt.format_short(replay.time(index), replay.zone)
        meta = [when]
        gap = replay.gap(index)
        if gap is not None:
            meta.append(gap)
        pieces.append(t.words(" · ".join(meta), t.MUTED))
        if post.status == "deleted":
            pieces.append(t.words("deleted", "bold $text-warning"))
        elif post.status == "missing":
            pieces.append(t.words("missing", "bold $text-warning"))
        return t.join(pieces, "  ")

    def post_body(self, post: Post) -> Content:
        if post.status == "missing" or post.text is None:
            return t.words("text unknown (missing)", f"italic {t.MUTED}")
        if post.status == "deleted":
            return t.join(
                [
                    t.post_text(post.text),
                    t.words("  (deleted; text as the sources give it)", t.MUTED),
                ]
            )
        return t.post_text(post.text)

    def media_line(self, kind: str, description: str | None, warning: str | None) -> Content:
        mark = MEDIA_MARK.get(kind, "media")
        if warning is not None:
            return t.join(
                [
                    t.words(f"▣ {mark} hidden · warning: ", "bold $text-warning"),
                    t.plain(warning, "$text-warning"),
                ]
            )
        if description:
            return t.join([t.words(f"▣ {mark}: ", t.MUTED), t.plain(description, t.MUTED)])
        return t.words(f"▣ {mark} (not described)", t.MUTED)

    def earlier(self, hidden: int) -> Content:
        noun = "post" if hidden == 1 else "posts"
        return t.words(f"↑ {hidden:,} earlier {noun} (Home or g: the first post)", t.MUTED)

    # --- header -------------------------------------------------------------------------

    def header_left(self) -> tuple[Content, Content]:
        """Title, and the chapter line, for the header."""
        replay = self.replay
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
        return title, where

    def header_right(self) -> tuple[Content, Content]:
        """The position and the current post's time, for the header."""
        replay = self.replay
        position = t.words(replay.label(), "bold")
        if replay.on_post:
            moment = replay.time(replay.position)
            when = t.words(timefmt.format_moment(moment, replay.zone), "")
        else:
            when = t.words(self.dates(), t.MUTED)
        return position, when

    def header_time_compact(self) -> str:
        """The current post's time in fewer cells, for narrow terminals."""
        replay = self.replay
        if not replay.on_post:
            return ""
        moment = replay.time(replay.position)
        text = timefmt.format_short(moment, replay.zone)
        if moment is not None and moment.precision == Precision.DAY:
            text += " · " + timefmt.TIME_UNKNOWN
        if moment is not None and moment.derived:
            text += " (derived)"
        return text

    # --- panes ----------------------------------------------------------------------------

    def context_pane(self) -> tuple[Content, int]:
        """The Context pane for the current position, and how many context notes are about
        this post (session-wide notes show on every post and are not counted)."""
        replay = self.replay
        blocks: list[Content] = []
        notes = 0
        if replay.on_post:
            index = replay.position
            post = replay.posts[index]
            chapter = replay.chapter
            if chapter is not None and chapter.chapter.prompt:
                blocks.append(
                    t.join(
                        [
                            t.words(f"Discussion · chapter {chapter.number}", SECTION),
                            NL,
                            t.plain(chapter.chapter.prompt),
                        ]
                    )
                )
            for note in replay.context(index):
                blocks.append(self.note(note))
                notes += 1
            if notes == 0:
                blocks.append(t.quiet("No context notes for this post."))
            blocks.append(self.author_block(replay.participant(post.author)))
            blocks.append(self.post_facts(index))
        shared = replay.session_context
        if shared:
            heading = t.words("About the whole exchange", SECTION)
            blocks.append(t.join([heading, NL, t.join([self.note(n) for n in shared], "\n\n")]))
        if not blocks:
            return t.quiet("No context for this part of the replay."), 0
        return t.join(blocks, "\n\n"), notes

    def note(self, note: ContextNote) -> Content:
        parts = [t.line(note.title, LABEL), NL, t.plain(note.body)]
        if note.sources:
            parts += [
                NL,
                t.words("Sources: ", t.MUTED),
                self.source_names(note.sources).stylize(t.MUTED),
            ]
        return t.join(parts)

    def author_block(self, person: Participant | None) -> Content:
        parts: list[Content] = [t.words("Author", SECTION), NL, self.who(person)]
        if person is not None:
            if person.platform:
                parts += [t.words(" on ", t.MUTED), t.clipped(person.platform, 40, t.MUTED)]
            if person.role:
                parts += [NL, t.plain(person.role, "italic")]
            if person.bio:
                parts += [NL, t.plain(person.bio)]
            if person.sources:
                parts += [
                    NL,
                    t.words("Sources: ", t.MUTED),
                    self.source_names(person.sources).stylize(t.MUTED),
                ]
        return t.join(parts)

    def post_facts(self, index: int) -> Content:
        """Who attests the post, how its time is known, its links and reported counts."""
        replay = self.replay
        post = replay.posts[index]
        moment = replay.time(index)
        parts: list[Content] = [
            t.words("This post", SECTION),
            NL,
            t.words("Attested by: ", t.MUTED),
            self.source_names(post.sources),
            NL,
            t.words("Time: ", t.MUTED),
            t.words(self.time_origin(moment, post.time)),
        ]
        if post.status != "live":
            parts += [NL, t.words("Status: ", t.MUTED), t.words(post.status, "$text-warning")]
        if post.url:
            parts += [NL, t.words("Link: ", t.MUTED), t.line(post.url)]
        if post.archived_url:
            parts += [NL, t.words("Archived: ", t.MUTED), t.line(post.archived_url)]
        for metrics in post.metrics:
            counts = [
                f"{value:,} {name}"
                for name, value in (
                    ("likes", metrics.likes),
                    ("reposts", metrics.reposts),
                    ("replies", metrics.replies),
                    ("quotes", metrics.quotes),
                    ("views", metrics.views),
                )
                if value is not None
            ]
            parts += [
                NL,
                t.words("Counts: ", t.MUTED),
                t.words(", ".join(counts) or "none given"),
                t.words(f" (as of {self.time_text(metrics.at) or 'an unreadable time'}, ", t.MUTED),
                self.source_names([metrics.source]).stylize(t.MUTED),
                t.words(")", t.MUTED),
            ]
        return t.join(parts)

    def time_origin(self, moment: Moment | None, written: str | None) -> str:
        zone = self.replay.zone
        if moment is None:
            return "not given by the sources"
        text = timefmt.format_moment(moment, zone, mark_derived=False)
        if moment.derived:
            return f"{text}, derived {moment.derived}; no source states it"
        if moment.precision == Precision.DAY:
            return f"{text}: the sources give the day only"
        if moment.precision in (Precision.MONTH, Precision.YEAR):
            return f"{text}: the sources give no closer date"
        return text

    def reactions_pane(self) -> tuple[Content, int]:
        replay = self.replay
        if not replay.on_post:
            return t.quiet("Reactions show here for each post."), 0
        reactions = replay.reactions(replay.position)
        if not reactions:
            return t.quiet("No reactions recorded for this post."), 0
        return t.join([self.reaction(r) for r in reactions], "\n\n"), len(reactions)

    def reaction(self, reaction: Reaction) -> Content:
        parts: list[Content] = [
            t.words(reaction.kind, "bold $text-accent"),
            t.words(" by ", t.MUTED),
            self.who(self.replay.participant(reaction.by)),
        ]
        if reaction.text:
            parts += [NL, t.post_text(reaction.text)]
        when = self.time_text(reaction.time) or timefmt.UNKNOWN
        parts += [
            NL,
            t.words(when + " · ", t.MUTED),
            t.words("source: " if len(reaction.sources) == 1 else "sources: ", t.MUTED),
            self.source_names(reaction.sources).stylize(t.MUTED),
        ]
        return t.join(parts)

    def press_pane(self) -> tuple[Content, int]:
        replay = self.replay
        blocks: list[Content] = []
        count = 0
        if replay.on_post:
            excerpts = replay.press(replay.position)
            if excerpts:
                blocks.append(t.join([self.excerpt(e) for e in excerpts], "\n\n"))
            else:
                blocks.append(t.quiet("No press excerpts about this post."))
            count += len(excerpts)
        shared = replay.session_press
        if shared:
            heading = t.words("About the whole exchange", SECTION)
            blocks.append(t.join([heading, NL, t.join([self.excerpt(e) for e in shared], "\n\n")]))
        if not blocks:
            return t.quiet("No press excerpts for this part of the replay."), 0
        return t.join(blocks, "\n\n"), count

    def excerpt(self, excerpt: PressExcerpt) -> Content:
        source = self.replay.source(excerpt.source)
        parts: list[Content] = []
        if source is None:
            parts.append(t.clipped(excerpt.source, 60, LABEL))
        else:
            parts.append(t.clipped(source.outlet, 60, LABEL))
            parts.append(
                t.words(" · " + (self.time_text(source.published) or "date not given"), t.MUTED)
            )
            byline = self.byline(source)
            if byline:
                parts += [NL, byline]
        parts += [NL, t.words("“", t.MUTED), t.plain(excerpt.quote), t.words("”", t.MUTED)]
        if source is not None and source.url:
            parts += [NL, t.line(source.url, t.MUTED)]
        return t.join(parts)

    def byline(self, source: Source) -> Content | None:
        bits: list[Content] = []
        if source.title:
            bits.append(t.line(source.title, f"italic {t.MUTED}"))
        if source.author:
            bits.append(t.join([t.words("by ", t.MUTED), t.line(source.author, t.MUTED)]))
        return t.join(bits, t.words(", ", t.MUTED)) if bits else None

    # --- cards ----------------------------------------------------------------------------

    def dates(self) -> str:
        """The span of the exchange at the precision its posts are known; day-or-better
        times are preferred so that one month-precision post does not stretch it."""
        replay = self.replay
        fine = [m for m in replay.times if m is not None and m.precision >= Precision.DAY]
        return timefmt.date_range(list(fine) or list(replay.times), replay.zone)

    def facts_line(self) -> Content:
        replay = self.replay
        s = replay.session
        bits = [self.dates() or "dates unknown", t.count(replay.count, "post")]
        bits.append(t.count(len(s.participants), "participant"))
        if s.chapters:
            bits.append(t.count(len(s.chapters), "chapter"))
        return t.words(" · ".join(bits), t.MUTED)

    def title_card(self) -> Content:
        replay = self.replay
        s = replay.session
        parts: list[Content] = [t.plain(s.title, "bold $text-primary"), NL, self.facts_line()]
        if s.summary:
            parts += [NL, NL, t.plain(s.summary)]
        if s.participants:
            parts += [NL, NL, t.words("Participants", SECTION)]
            for person in s.participants:
                parts += [NL, t.words("● ", self.colour(person.id)), self.who(person)]
                if person.role:
                    parts += [t.words(" — ", t.MUTED), t.plain(person.role, t.MUTED)]
        parts += self.sources_section()
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
            "→ or l: the first post   ? help   q quit"
            if replay.count
            else "This session has no posts."
        )
        parts += [NL, NL, t.words(hint, f"italic {t.MUTED}")]
        return t.join(parts)

    def sources_section(self) -> list[Content]:
        s = self.replay.session
        if not s.sources:
            return []
        parts: list[Content] = [NL, NL, t.words("Sources", SECTION)]
        for source in s.sources:
            parts += [NL, t.words("• "), t.line(source.outlet, LABEL)]
            byline = self.byline(source)
            if byline is not None:
                parts += [t.words(" — ", t.MUTED), byline]
            when = self.time_text(source.published)
            parts += [
                t.words(f" · {when}" if when else "", t.MUTED),
                t.words(f" · {source.kind}", t.MUTED),
            ]
            if source.url:
                parts += [NL, t.words("  "), t.line(source.url, t.MUTED)]
        return parts

    def end_card(self) -> Content:
        replay = self.replay
        parts: list[Content] = [
            t.words("End of the replay", "bold $text-primary"),
            NL,
            t.line(replay.session.title),
            NL,
            self.facts_line(),
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
        parts += self.sources_section()
        parts += [
            NL,
            NL,
            t.words("← or h: back to the last post   g first post   q quit", f"italic {t.MUTED}"),
        ]
        return t.join(parts)
