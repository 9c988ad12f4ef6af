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
from datetime import tzinfo
from functools import partial
from operator import attrgetter, is_not
from typing import TYPE_CHECKING, cast

from textual.content import Content

from replay_tui.format.model import ContextNote, Participant, Post, PressExcerpt, Reaction, Source
from replay_tui.format.times import Moment, Precision, parse, reads_zone
from replay_tui.replay.cursor import Replay
from replay_tui.replay.reveal import Reveal
from replay_tui.ui import text as t
from replay_tui.ui.themes import GROUP_COUNT
from replay_tui.words import phrases, timefmt
from replay_tui.words.zones import humanize_gap, session_locale

if TYPE_CHECKING:
    from replay_tui.replay.search import Search
    from replay_tui.user.state import SessionState

NL = Content("\n")
SECTION = "bold $text-primary"
LABEL = "bold"

INFERRED_LINK = "inferred link"
"""Beside a reply link that the session infers (`reply_to_inferred`)."""
INFERRED_ZONE = "zone inferred"
"""Beside a publication time whose zone the session infers (`published_zone_inferred`)."""
INFERRED = "bold $text-warning"

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


def compact_gap(before: Moment | None, after: Moment | None, zone: tzinfo, locale: str) -> str:
    """`zones.humanize_gap` for a timeline row: a distance forward gets a '+' ('+4 minutes',
    '+3 days'; in English '+1 hour' rather than '+an hour'); its phrases ('same day', 'next
    day', 'gap unknown') and backward gaps ('4 minutes ago') are kept as arrow and the
    table word them."""
    words = humanize_gap(before, after, zone, locale)
    if before is None or after is None:
        return words
    precision = min(before.precision, after.precision)
    if precision >= Precision.MINUTE:
        if before.truncated(precision, zone) >= after.truncated(precision, zone):
            return words  # same minute/second, or backwards
    else:
        a = before.in_zone(zone).date()
        b = after.in_zone(zone).date()
        if precision == Precision.DAY:
            units = (b - a).days
        elif precision == Precision.MONTH:
            units = (b.year - a.year) * 12 + (b.month - a.month)
        else:
            units = b.year - a.year
        if units < 2:
            return words  # 'same …', 'next …', or backwards
    if locale.split("-")[0].split("_")[0] == "en":
        for article in ("a ", "an "):
            if words.startswith(article):
                words = "1 " + words[len(article) :]
    return "+" + words


@dataclass(frozen=True)
class Part:
    """One paragraph of a timeline block. A `rule` (a chapter divider) spans the width
    and has no author's colour bar; every other part has the bar."""

    content: Content
    rule: bool = False


class Renderer:
    """Builds the Content of every part of the screen for one replay."""

    def __init__(self, replay: Replay, reveal: Reveal | None = None) -> None:
        self.replay = replay
        self.reveal = reveal if reveal is not None else Reveal(replay)
        """What is withheld or revealed on the current post (guess mode, `v`)."""
        self.colours = group_styles(replay)
        # How the reader looks at the replay; the screen sets these (ui/screens/exploring.py).
        self.zone: tzinfo = replay.zone
        """The zone times are shown in (`z`); times are still read in the session's zone."""
        self.zone_label = ""
        """The display zone named for the header ('session zone · Europe/Berlin', 'UTC',
        'local · Europe/London'); `zone_short` where the header is narrow."""
        self.zone_short = ""
        self.locale = session_locale(replay.session.language)
        """arrow's locale for day and month names and gap words: the session's language."""
        self.search: Search | None = None
        """The search whose matches are highlighted, if any."""
        self.state: SessionState | None = None
        """The user's bookmarks and private notes, for the ★ mark and the 'Your note' block."""
        self.playback = ""
        """'⏸ ×1' / '▶ ×2' for the header; '' where there is no autoplay (a follower)."""
        self.thread_view = False
        self.filter_words = ""
        """The active filter in a few words (session names: shown through `ui/text.py`)."""
        self._span_cache: tuple[Moment, Moment] | tuple[()] | None = None
        self._dates: tuple[tzinfo, str, str] | None = None

    @property
    def find(self) -> t.Find | None:
        """Where the current search matches in a displayed string, or None."""
        search = self.search
        return search.spans if search is not None and not search.empty else None

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
        find = self.find
        parts = [t.clipped(person.name, 80, f"bold {colour}", find=find)]
        if person.handle:
            parts.append(t.clipped(person.handle, 60, colour, find=find))
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
        return timefmt.format_moment(moment, self.zone, locale=self.locale)

    def published_text(self, source: Source) -> str:
        """When a source was published, in words, its zone marked where the session infers
        it ('Thu 24 Oct 2013 · 18:58 IDT (zone inferred)'); '' if not given or unreadable."""
        shown = self.time_text(source.published)
        if shown and self.zone_inference(source) is not None:
            shown += f" ({INFERRED_ZONE})"
        return shown

    @staticmethod
    def zone_inference(source: Source) -> str | None:
        """Why the zone of the source's publication time is the session's inference, when
        a zone is really read into it (a clock time without an offset); else None."""
        if reads_zone(source.published):
            return source.published_zone_inferred
        return None

    # --- the timeline ---------------------------------------------------------------------

    def shown_as(self, index: int) -> tuple[bool, bool]:
        """(withheld, revealed) for post `index`: part of the timeline's cache key, since
        the same post looks different while its reply is withheld or its media revealed."""
        reveal = self.reveal
        if index != self.replay.position:
            return (False, False)
        return (reveal.withheld, reveal.revealed)

    def withheld_line(self, index: int) -> Content:
        """What stands for a reply's text while the class guesses it: 'Alqassam Brigades
        replies to @LTCPeterLerner — what did they say?'."""
        replay = self.replay
        post = replay.posts[index]
        person = replay.participant(post.author)
        name = (
            t.clipped(person.name, 80, f"bold {self.colour(person.id)}")
            if person is not None
            else t.words("Someone", "bold")
        )
        return t.join(
            [
                name,
                t.words(" replies to ", "bold"),
                self.short_handle(replay.post_by_id(post.reply_to)).stylize("bold"),
                t.words(" — what did they say?", "bold"),
            ]
        )

    def post_parts(self, index: int) -> list[Part]:
        """The paragraphs of post `index` on the timeline."""
        replay = self.replay
        post = replay.posts[index]
        withheld, revealed = self.shown_as(index)
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
            pieces = [t.words("↳ replying to ", t.MUTED), self.short_handle(target)]
            if post.reply_to_inferred is not None:
                pieces += [t.words(" · ", t.MUTED), t.words(INFERRED_LINK, INFERRED)]
            parts.append(Part(t.join(pieces)))
        if post.quotes is not None:
            target = replay.post_by_id(post.quotes)
            parts.append(Part(t.join([t.words("❝ quoting ", t.MUTED), self.short_handle(target)])))
        if withheld:
            parts.append(Part(self.withheld_line(index)))
            parts.append(Part(t.words("(text withheld: guess, then step on)", f"italic {t.MUTED}")))
            return parts
        parts.append(Part(self.post_body(post)))
        for media in post.media:
            parts.append(
                Part(
                    self.media_line(media.kind, media.description, media.warning, revealed=revealed)
                )
            )
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
                            t.post_text(variant.text, f"italic {t.MUTED}", find=self.find),
                        ]
                    )
                )
            )
        return parts

    def post_heading(self, index: int) -> Content:
        replay = self.replay
        post = replay.posts[index]
        pieces: list[Content] = [self.who(replay.participant(post.author))]
        state = self.state
        if state is not None:
            marks = ("★ " if state.is_bookmarked(post.id) else "") + (
                "✎ " if state.note(post.id) is not None else ""
            )
            if marks:
                pieces[0] = t.join([t.words(marks, "bold $text-warning"), pieces[0]])
        when = timefmt.format_short(replay.time(index), self.zone, locale=self.locale)
        meta = [when]
        gap = self.gap(index)
        if gap is not None:
            meta.append(gap)
        pieces.append(t.words(" · ".join(meta), t.MUTED))
        if post.status == "deleted":
            pieces.append(t.words("deleted", "bold $text-warning"))
        elif post.status == "missing":
            pieces.append(t.words("missing", "bold $text-warning"))
        return t.join(pieces, "  ")

    def gap(self, index: int) -> str | None:
        """The time since the previous post of the session in arrow's words, compact:
        '+4 minutes', '+1 hour', 'same day', 'next day', '+3 days', 'gap unknown'; None for
        the first post. Honest to the coarser precision (`zones.humanize_gap`)."""
        replay = self.replay
        if index <= 0 or index >= replay.count:
            return None
        return compact_gap(replay.time(index - 1), replay.time(index), self.zone, self.locale)

    def post_body(self, post: Post) -> Content:
        if post.status == "missing" or post.text is None:
            return t.words(phrases.MISSING_TEXT, f"italic {t.MUTED}")
        if post.status == "deleted":
            return t.join(
                [
                    t.post_text(post.text, find=self.find),
                    t.words(f"  ({phrases.DELETED_NOTE})", t.MUTED),
                ]
            )
        return t.post_text(post.text, find=self.find)

    def media_line(
        self, kind: str, description: str | None, warning: str | None, *, revealed: bool = False
    ) -> Content:
        """One attachment. Behind a warning only the warning shows, unless the presenter
        revealed the current post's media (`v`); then the warning stays above the
        description, so nobody forgets what was chosen to be shown."""
        mark = MEDIA_MARK.get(kind, "media")
        if warning is not None and revealed:
            return t.join(
                [
                    t.words(f"▣ {mark} · warning: ", "bold $text-warning"),
                    t.plain(warning, "$text-warning"),
                    NL,
                    t.words("  revealed: ", "bold"),
                    t.plain(description) if description else t.words("(not described)", t.MUTED),
                ]
            )
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

    def more_below(self, hidden: int) -> Content:
        """Under the thread view's window: revealed posts laid out further down."""
        noun = "post" if hidden == 1 else "posts"
        return t.words(f"↓ {hidden:,} more {noun} in the thread view below", t.MUTED)

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
        # What changes the view comes first, so a long chapter title is cut, not these.
        badges: list[Content] = []
        if self.thread_view:
            badges.append(t.words("thread view", "bold reverse $text-accent"))
        if self.filter_words:
            badges.append(
                t.join(
                    [t.words("filter: ", "bold"), t.clipped(self.filter_words, 40, "bold")]
                ).stylize("reverse $text-accent")
            )
        if badges:
            where = t.join([*badges, where], " ")
        return title, where

    def header_right(self, width: int = 120) -> tuple[Content, Content]:
        """The display zone, playback and position; and the current post's time."""
        replay = self.replay
        position = t.words(replay.label(), "bold")
        zone = self.zone_label if width >= 100 else self.zone_short
        lead = [t.words(zone, t.MUTED)] if zone else []
        if self.playback:
            lead.append(t.words(self.playback, "bold $text-accent"))
        if lead:
            position = t.join([*lead, position], t.words(" · ", t.MUTED))
        if replay.on_post:
            moment = replay.time(replay.position)
            when = t.words(timefmt.format_moment(moment, self.zone, locale=self.locale), "")
        else:
            when = t.words(self.dates(), t.MUTED)
        return position, when

    def header_time_compact(self) -> str:
        """The current post's time in fewer cells, for narrow terminals."""
        replay = self.replay
        if not replay.on_post:
            return ""
        moment = replay.time(replay.position)
        text = timefmt.format_short(moment, self.zone, locale=self.locale)
        if moment is not None and moment.precision == Precision.DAY:
            text += " · " + phrases.TIME_UNKNOWN
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
            mine = self.user_note(post.id)
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

    def user_note(self, post_id: str) -> Content | None:
        """The user's own private note on a post, marked as theirs and apart from the
        session's context (None when there is none)."""
        state = self.state
        note = state.note(post_id) if state is not None else None
        if note is None:
            return None
        # In the display zone, like every other time on the screen.
        written = note.updated.astimezone(self.zone).strftime("%d %b %Y %H:%M")
        return t.join(
            [
                t.words("✎ Your note", "bold reverse $text-success"),
                t.words(f"  private, not part of the session · {written} · a: edit", t.MUTED),
                NL,
                t.plain(note.text, "$text-success"),
            ]
        )

    def note(self, note: ContextNote) -> Content:
        find = self.find
        parts = [t.line(note.title, LABEL, find=find), NL, t.plain(note.body, find=find)]
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
        if post.reply_to is not None and post.reply_to_inferred is not None:
            parts += [
                NL,
                t.words("Reply link: ", t.MUTED),
                t.words(INFERRED_LINK, INFERRED),
                t.words(" — ", t.MUTED),
                t.plain(post.reply_to_inferred),
            ]
        if post.status != "live":
            parts += [NL, t.words("Status: ", t.MUTED), t.words(post.status, "$text-warning")]
        if post.url:
            parts += [NL, t.words("Link: ", t.MUTED), t.line(post.url)]
        if post.archived_url:
            parts += [NL, t.words("Archived: ", t.MUTED), t.line(post.archived_url)]
        for metrics in post.metrics:
            counts = metrics.count_words()
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
        if moment is None:
            return phrases.TIME_NOT_GIVEN
        text = timefmt.format_moment(moment, self.zone, mark_derived=False, locale=self.locale)
        how = phrases.time_known(moment)
        return text if how is None else f"{text}{', ' if moment.derived else ': '}{how}"

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
        when = self.time_text(reaction.time) or phrases.UNKNOWN
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
                t.words(" · " + (self.published_text(source) or phrases.DATE_NOT_GIVEN), t.MUTED)
            )
            byline = self.byline(source)
            if byline:
                parts += [NL, byline]
        quote = t.plain(excerpt.quote, find=self.find)
        parts += [NL, t.words("“", t.MUTED), quote, t.words("”", t.MUTED)]
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
        times are preferred so that one month-precision post does not stretch it.

        The posts are read once per replay (`_span`); the title card, the end card and
        the header ask again on every repaint, and the display zone (`z`) may change."""
        zone, locale = self.zone, self.locale
        cached = self._dates
        if cached is not None and cached[0] is zone and cached[1] == locale:
            return cached[2]
        text = timefmt.date_range(list(self._span()), zone, locale=locale)
        self._dates = (zone, locale, text)
        return text

    def _span(self) -> tuple[Moment, Moment] | tuple[()]:
        """The earliest and the latest of the times `dates` spans (day-or-better ones if
        any; else all known ones), or () when no post has a time. `timefmt.date_range`
        over these two says what it says over all of them: it keeps only their earliest
        and latest, the first such in replay order on a tie, as `min` and `max` here do."""
        if self._span_cache is None:
            # One pass in C over a million posts where it can be: filter, map, min, max.
            known = cast("list[Moment]", list(filter(partial(is_not, None), self.replay.times)))
            pool = known
            if known and min(map(attrgetter("precision"), known)) < Precision.DAY:
                pool = [m for m in known if m.precision >= Precision.DAY] or known
            instant = attrgetter("instant")
            self._span_cache = (min(pool, key=instant), max(pool, key=instant)) if pool else ()
        return self._span_cache

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
            when = self.published_text(source)
            parts += [
                t.words(f" · {when}" if when else "", t.MUTED),
                t.words(f" · {source.kind}", t.MUTED),
            ]
            reason = self.zone_inference(source)
            if when and reason is not None:
                parts += [NL, t.words(f"  {INFERRED_ZONE}: ", t.MUTED), t.plain(reason, t.MUTED)]
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
