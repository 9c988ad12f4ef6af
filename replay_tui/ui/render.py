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

from replay_tui.format.model import Participant, Post, Source
from replay_tui.format.times import Moment, Precision, parse, reads_zone
from replay_tui.replay.cursor import Replay
from replay_tui.replay.reveal import Reveal, words_hidden
from replay_tui.ui import text as t
from replay_tui.ui.look import Look
from replay_tui.ui.themes import GROUP_COUNT
from replay_tui.words import phrases, timefmt
from replay_tui.words.zones import DisplayZone, compact_gap, session_locale

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


@dataclass(frozen=True)
class Part:
    """One paragraph of a timeline block. A `rule` (a chapter divider) spans the width
    and has no author's colour bar; every other part has the bar."""

    content: Content
    rule: bool = False
    link: str | None = None
    """The id of the post this part points to (a reply's "replying to", a quote): a click
    on it goes there."""


class _Memo:
    """What a renderer computes once per replay, shared by the renderers of its looks."""

    def __init__(self) -> None:
        self.span: tuple[Moment, Moment] | tuple[()] | None = None
        self.dates: tuple[tzinfo, str, str] | None = None


class Renderer:
    """Builds the Content of every part of the screen for one replay, seen with one `Look`
    (immutable: `with_look` gives the renderer of another)."""

    def __init__(
        self,
        replay: Replay,
        reveal: Reveal | None = None,
        *,
        state: SessionState | None = None,
        look: Look | None = None,
        _base: Renderer | None = None,
    ) -> None:
        self.replay = replay
        self.reveal = reveal if reveal is not None else Reveal(replay)
        """What is withheld or revealed on the current post (guess mode, `v`)."""
        self.state = state
        """The user's bookmarks and private notes, for the ★ mark and the 'Your note' block."""
        self.colours: dict[str, str]
        self.locale: str
        self._memo: _Memo
        if _base is not None:
            self.colours = _base.colours
            self.locale = _base.locale
            self._memo = _base._memo
        else:
            self.colours = group_styles(replay)
            self.locale = session_locale(replay.session.language)
            """arrow's locale for day and month names and gap words: the session's language."""
            self._memo = _Memo()
        self.look = (
            look
            if look is not None
            else Look(DisplayZone("session", replay.session.timezone, replay.zone))
        )

    def with_look(self, look: Look) -> Renderer:
        """This renderer with another look (itself if the look is the same)."""
        if look == self.look:
            return self
        return Renderer(self.replay, self.reveal, state=self.state, look=look, _base=self)

    @property
    def zone(self) -> tzinfo:
        return self.look.zone.zone

    @property
    def zone_label(self) -> str:
        """The display zone named for the header ('session zone · Europe/Berlin', 'UTC',
        'local · Europe/London'); `zone_short` where the header is narrow."""
        return self.look.zone.label

    @property
    def zone_short(self) -> str:
        """The display zone in few cells: 'Europe/Berlin', 'UTC', 'local: Europe/London'."""
        zone = self.look.zone
        return f"local: {zone.name}" if zone.kind == "local" else zone.name

    @property
    def search(self) -> Search | None:
        return self.look.search

    @property
    def playback(self) -> str:
        return self.look.playback

    @property
    def thread_view(self) -> bool:
        return self.look.thread_view

    @property
    def filter_words(self) -> str:
        return self.look.filter_words

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
            parts.append(Part(t.join(pieces), link=post.reply_to))
        if post.quotes is not None:
            target = replay.post_by_id(post.quotes)
            parts.append(
                Part(
                    t.join([t.words("❝ quoting ", t.MUTED), self.short_handle(target)]),
                    link=post.quotes,
                )
            )
        if withheld:
            parts.append(Part(self.withheld_line(index)))
            parts.append(Part(t.words("(text withheld: guess, then step on)", f"italic {t.MUTED}")))
            return parts
        hidden = words_hidden(post, revealed)
        if post.warning is not None:
            parts.append(Part(self.warning_line(post, hidden=hidden)))
        if not hidden:
            parts.append(Part(self.post_body(post)))
        for media in post.media:
            parts.append(
                Part(
                    self.media_line(media.kind, media.description, media.warning, revealed=revealed)
                )
            )
        for variant in () if hidden else post.variants:
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

    def warning_line(self, post: Post, *, hidden: bool) -> Content:
        """A post's own content warning, named as the author's or the editor's. Hidden:
        it stands in place of the words ('⚠ text hidden · content warning by …'); revealed,
        it stays above them, so nobody forgets what was chosen to be shown."""
        said = phrases.WARNING_BY.get(post.warning_by, phrases.WARNING_BY["editor"])
        lead = f"⚠ {phrases.WORDS_HIDDEN} · {said}: " if hidden else f"⚠ {said}: "
        warning = t.plain(post.warning, "$text-warning", find=self.find)
        return t.join([t.words(lead, "bold $text-warning"), warning])

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

    # --- dates ---------------------------------------------------------------------------

    def dates(self) -> str:
        """The span of the exchange at the precision its posts are known; day-or-better
        times are preferred so that one month-precision post does not stretch it.

        The posts are read once per replay (`_span`); the title card, the end card and
        the header ask again on every repaint, and the display zone (`z`) may change."""
        zone, locale = self.zone, self.locale
        cached = self._memo.dates
        if cached is not None and cached[0] is zone and cached[1] == locale:
            return cached[2]
        text = timefmt.date_range(list(self._span()), zone, locale=locale)
        self._memo.dates = (zone, locale, text)
        return text

    def _span(self) -> tuple[Moment, Moment] | tuple[()]:
        """The earliest and the latest of the times `dates` spans (day-or-better ones if
        any; else all known ones), or () when no post has a time. `timefmt.date_range`
        over these two says what it says over all of them: it keeps only their earliest
        and latest, the first such in replay order on a tie, as `min` and `max` here do."""
        memo = self._memo
        if memo.span is None:
            # One pass in C over a million posts where it can be: filter, map, min, max.
            known = cast("list[Moment]", list(filter(partial(is_not, None), self.replay.times)))
            pool = known
            if known and min(map(attrgetter("precision"), known)) < Precision.DAY:
                pool = [m for m in known if m.precision >= Precision.DAY] or known
            instant = attrgetter("instant")
            memo.span = (min(pool, key=instant), max(pool, key=instant)) if pool else ()
        return memo.span
