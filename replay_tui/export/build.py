"""Building the view of a slice of a session that every export lays out (`view.py`).

Every string taken from the session passes through `sanitize.visible` / `sanitize.one_line`
here, so a format module never receives a control character or a bidi override. Escaping for
Markdown, HTML or JSON is still each format's job: the text is inert on a terminal, not yet
in a document.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from replay_tui.export.common import (
    MEDIA_WORDS,
    REACTION_WORDS,
    language_tag,
    post_time,
    published_time,
    safe_link,
    time_origin,
    written_time,
)
from replay_tui.export.view import (
    ChapterView,
    ExportError,
    ExportOptions,
    Handout,
    MediaView,
    NoteView,
    Person,
    PostView,
    PressView,
    ReactionView,
    Ref,
    SourceView,
)
from replay_tui.format.model import Participant, Post, Source
from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Moment, Precision
from replay_tui.words import phrases, timefmt
from replay_tui.words.sanitize import one_line, visible


def select_posts(loaded: LoadedSession, options: ExportOptions) -> list[int]:
    """The indices of the posts to export, in replay order; ExportError for a slice that
    does not fit the session."""
    count = len(loaded.session.posts)
    sliced = options.first is not None or options.last is not None
    if (options.first is not None and options.first < 1) or (
        options.last is not None and options.last < 1
    ):
        raise ExportError("post numbers start at 1")
    if count == 0 and sliced:
        raise ExportError("this session has no posts to slice")
    first = options.first or 1
    if count and first > count:
        raise ExportError(
            f"there is no post {first}: this session has {count} post{'s' if count != 1 else ''}"
        )
    if options.last is not None and first > options.last:
        raise ExportError(f"the slice starts at post {first}, after its end at post {options.last}")
    last = count if options.last is None else min(options.last, count)
    chosen = range(first - 1, last)
    if options.only is None:
        return list(chosen)
    posts = loaded.session.posts
    picked = [i for i in chosen if posts[i].id in options.only]
    if not picked:
        where = " in that slice" if sliced else ""
        raise ExportError(f"none of the bookmarked posts is{where} in this session")
    return picked


# --- the view ------------------------------------------------------------------------------


class _Builder:
    def __init__(self, loaded: LoadedSession, options: ExportOptions) -> None:
        self.loaded = loaded
        self.options = options
        self.session = loaded.session
        self.zone = loaded.zone
        self.cited: set[str] = set()
        slots: dict[str, int] = {}
        self.people: dict[str, Person] = {}
        for person in self.session.participants:
            slot = None
            if person.group is not None:
                slot = slots.setdefault(person.group, len(slots) % 6 + 1)
            self.people[person.id] = self._person(person, slot)

    # --- small pieces ----------------------------------------------------------------------

    def _person(self, person: Participant, slot: int | None) -> Person:
        return Person(
            id=person.id,
            name=one_line(person.name),
            handle=one_line(person.handle) if person.handle else None,
            role=one_line(person.role) if person.role else None,
            group=one_line(person.group) if person.group else None,
            slot=slot,
            bio=visible(person.bio) if person.bio else None,
            sources=self.outlets(person.sources, cite=False),
        )

    def person(self, participant_id: str | None) -> Person:
        if participant_id is None:
            return Person(
                "", "an account the sources do not name", None, None, None, None, None, ()
            )
        known = self.people.get(participant_id)
        if known is not None:
            return known
        return Person(participant_id, one_line(participant_id), None, None, None, None, None, ())

    def outlet(self, source_id: str) -> str:
        source = self.loaded.sources.get(source_id)
        return one_line(source.outlet) if source else one_line(source_id)

    def outlets(self, ids: Iterable[str], *, cite: bool = True) -> tuple[str, ...]:
        unique = list(dict.fromkeys(ids))
        if cite:
            self.cited.update(unique)
        return tuple(self.outlet(i) for i in unique)

    def ref(
        self, post_id: str | None, exported: set[int], inferred: str | None = None
    ) -> Ref | None:
        if post_id is None:
            return None
        at = self.loaded.post_index.get(post_id)
        if at is None:
            return None
        target = self.session.posts[at]
        why = one_line(inferred) if inferred is not None else None
        return Ref(at + 1, self.person(target.author).label, at in exported, why)

    def media(self, post: Post) -> tuple[MediaView, ...]:
        views = []
        for media in post.media:
            description = visible(media.description) if media.description else None
            withheld = False
            if media.warning is not None and not self.options.reveal_sensitive:
                withheld = description is not None
                description = None
            views.append(
                MediaView(
                    kind=MEDIA_WORDS.get(media.kind, "Media"),
                    description=description,
                    warning=one_line(media.warning) if media.warning is not None else None,
                    withheld=withheld,
                )
            )
        return tuple(views)

    def warning(self, post: Post) -> str | None:
        """The post's own warning in words, or None when there is none or no words to hide
        (a missing post's warning covers nothing: the checker says so)."""
        if post.text is None and not post.variants:
            return None
        said = phrases.warning_words(post)
        return one_line(said) if said is not None else None

    def metrics(self, post: Post) -> tuple[str, ...]:
        lines = []
        for metrics in post.metrics:
            counts = metrics.count_words()
            when = written_time(metrics.at, self.zone)
            outlet = self.outlets([metrics.source])[0]
            lines.append(f"{', '.join(counts) or phrases.NO_COUNTS} (as of {when}, {outlet})")
        return tuple(lines)

    def numbers(self, post_ids: Iterable[str]) -> tuple[int, ...]:
        index = self.loaded.post_index
        return tuple(sorted({index[i] + 1 for i in post_ids if i in index}))

    def note(self, note_index: int) -> NoteView:
        note = self.session.context[note_index]
        return NoteView(
            title=one_line(note.title),
            body=visible(note.body),
            sources=self.outlets(note.sources),
            about=self.numbers(note.posts),
        )

    def press(self, press_index: int) -> PressView:
        excerpt = self.session.press[press_index]
        self.cited.add(excerpt.source)
        return PressView(
            outlet=self.outlet(excerpt.source),
            quote=visible(excerpt.quote),
            about=self.numbers(excerpt.posts),
        )

    # --- the whole -------------------------------------------------------------------------

    def build(self, chosen: list[int]) -> Handout:
        s = self.session
        loaded = self.loaded
        exported = set(chosen)

        # Context and press about particular posts are shown once, at the first exported
        # post they concern; those about the whole exchange lead the export.
        def attach(lists: list[tuple[str, ...]]) -> tuple[dict[int, list[int]], list[int]]:
            at: dict[int, list[int]] = {}
            everywhere: list[int] = []
            for i, post_ids in enumerate(lists):
                if not post_ids:
                    everywhere.append(i)
                    continue
                hits = sorted(
                    loaded.post_index[p]
                    for p in post_ids
                    if p in loaded.post_index and loaded.post_index[p] in exported
                )
                if hits:
                    at.setdefault(hits[0], []).append(i)
            return at, everywhere

        context_at, context_all = attach([c.posts for c in s.context])
        press_at, press_all = attach([p.posts for p in s.press])
        background = tuple(self.note(i) for i in context_all)
        coverage = tuple(self.press(i) for i in press_all)

        reactions_at: dict[int, list[int]] = {}
        for i, reaction in enumerate(s.reactions):
            at = loaded.post_index.get(reaction.post)
            if at is not None and at in exported:
                reactions_at.setdefault(at, []).append(i)

        starts = [start for start, _ in loaded.chapter_starts]
        total_chapters = len(starts)
        shown_chapter = -1
        people_used: dict[str, None] = {}
        posts: list[PostView] = []
        withheld = 0
        for index in chosen:
            post = s.posts[index]
            people_used[post.author] = None
            chapter_view = None
            number = bisect_right(starts, index) - 1
            if number >= 0 and number != shown_chapter:
                start, chapter = loaded.chapter_starts[number]
                chapter_view = ChapterView(
                    number=number + 1,
                    total=total_chapters,
                    title=one_line(chapter.title),
                    prompt=visible(chapter.prompt) if chapter.prompt else None,
                    continued=start != index,
                )
                shown_chapter = number
            reactions = []
            for r in reactions_at.get(index, []):
                reaction = s.reactions[r]
                if reaction.by is not None:
                    people_used[reaction.by] = None
                reactions.append(
                    ReactionView(
                        kind=REACTION_WORDS.get(reaction.kind, one_line(reaction.kind)),
                        by=self.person(reaction.by).label,
                        text=visible(reaction.text) if reaction.text else None,
                        time=written_time(reaction.time, self.zone) or phrases.UNKNOWN,
                        sources=self.outlets(reaction.sources),
                    )
                )
            media = self.media(post)
            withheld += sum(m.withheld for m in media)
            moment = loaded.times[index]
            text = None
            if post.status != "missing" and post.text is not None:
                text = visible(post.text)
            posts.append(
                PostView(
                    index=index,
                    number=index + 1,
                    id=one_line(post.id),
                    author=self.person(post.author),
                    moment=moment,
                    # The note "derived from status ID" is in `time_origin`, said once.
                    time=post_time(moment, self.zone),
                    time_origin=time_origin(moment, self.zone),
                    status=post.status,
                    text=text,
                    variants=tuple(
                        (self.outlets([v.source])[0], visible(v.text)) for v in post.variants
                    ),
                    media=media,
                    reply_to=self.ref(post.reply_to, exported, post.reply_to_inferred),
                    quotes=self.ref(post.quotes, exported),
                    url=one_line(post.url) if post.url else None,
                    link=safe_link(post.url),
                    archived_url=one_line(post.archived_url) if post.archived_url else None,
                    archived_link=safe_link(post.archived_url),
                    sources=self.outlets(post.sources),
                    metrics=self.metrics(post),
                    reactions=tuple(reactions),
                    context=tuple(self.note(i) for i in context_at.get(index, [])),
                    press=tuple(self.press(i) for i in press_at.get(index, [])),
                    chapter=chapter_view,
                    notes=visible(post.notes)
                    if (post.notes and self.options.presenter_notes)
                    else None,
                    warning=self.warning(post),
                )
            )

        participants = tuple(
            self.people[p.id] for p in s.participants if p.id in people_used and p.id in self.people
        )
        for person in s.participants:
            if person.id in people_used:
                self.cited.update(person.sources)

        times = [loaded.times[i] for i in chosen]
        fine: list[Moment | None] = [
            m for m in times if m is not None and m.precision >= Precision.DAY
        ]
        dates = timefmt.date_range(fine or times, self.zone)

        return Handout(
            session_id=s.id,
            title=one_line(s.title),
            summary=visible(s.summary) if s.summary else None,
            language=language_tag(s.language),
            zone=one_line(s.timezone),
            dates=dates or "dates unknown",
            total=len(s.posts),
            selection=self.selection(len(chosen)),
            participants=participants,
            background=background,
            coverage=coverage,
            posts=tuple(posts),
            sources=tuple(self.source(src) for src in s.sources if src.id in self.cited),
            withheld=withheld,
            reveal_sensitive=self.options.reveal_sensitive,
            presenter_notes=self.options.presenter_notes,
        )

    def source(self, source: Source) -> SourceView:
        return SourceView(
            id=source.id,
            outlet=one_line(source.outlet),
            kind=source.kind,
            title=one_line(source.title) if source.title else None,
            author=one_line(source.author) if source.author else None,
            published=published_time(source, self.zone),
            url=one_line(source.url) if source.url else None,
            link=safe_link(source.url),
        )

    def selection(self, count: int) -> str:
        options = self.options
        total = len(self.session.posts)
        sliced = options.first is not None or options.last is not None
        span = ""
        if sliced:
            first = options.first or 1
            last = min(options.last if options.last is not None else total, total)
            span = f" {first} to {last}"
        if options.only is not None:
            noun = "bookmarked post" if count == 1 else "bookmarked posts"
            where = f" among posts{span}" if sliced else ""
            return f"{count:,} {noun}{where} of {total:,}"
        if sliced:
            return f"posts{span} of {total:,}"
        if total <= 1:
            return "the only post" if total else "no posts"
        return f"all {total:,} posts"


def build_handout(loaded: LoadedSession, options: ExportOptions) -> Handout:
    """The view of `loaded` that every document format lays out; ExportError for a slice
    that does not fit."""
    chosen = select_posts(loaded, options)
    return _Builder(loaded, options).build(chosen)
