"""What every export says, worked out once: an honest, sanitised view of a slice of a session.

Exports are read away from the replayer (a class handout, a journalist's file, a screen
reader, a pipe), so each must say what the replay says and no more: times at the precision
the sources give, derived times marked as derived, tombstones named as such, every post's
sources, variants beside the main text, and media behind a content warning left out unless
the presenter asked for it. Building that view here keeps the formats from drifting apart in
what they claim; a format module only lays the view out and escapes it for its own syntax.

Every string taken from the session passes through `sanitize.visible` / `sanitize.one_line`
here, so a format module never receives a control character or a bidi override. Escaping for
Markdown, HTML or JSON is still each format's job: the text is inert on a terminal, not yet
in a document.
"""

from __future__ import annotations

import re
import urllib.parse
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo

from replay_tui.format.model import Participant, Post, Source
from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Moment, Precision, TimeError, parse
from replay_tui.words import phrases, timefmt
from replay_tui.words.sanitize import one_line, visible


class ExportError(Exception):
    """An export that cannot be made as asked (a slice outside the session, no bookmarks);
    the message is one line in the user's words."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how much of it.

    `first` and `last` are 1-based post numbers, both inclusive (None: from the first / to
    the last post). `only`, when set, keeps just the posts with those ids (the bookmarks).
    Media with a content warning is described by its warning only unless
    `reveal_sensitive`; the session's presenter notes are left out unless
    `presenter_notes`, because a handout is usually for the audience they are hidden from.
    """

    first: int | None = None
    last: int | None = None
    only: frozenset[str] | None = None
    reveal_sensitive: bool = False
    presenter_notes: bool = False


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


@dataclass(frozen=True)
class Person:
    """A participant as the exports name them."""

    id: str
    name: str
    handle: str | None
    role: str | None
    group: str | None
    slot: int | None
    """1..6 by group, in the order groups first appear (as the replayer colours them)."""
    bio: str | None
    sources: tuple[str, ...]

    @property
    def label(self) -> str:
        """'Peter Lerner (@LTCPeterLerner)', or the name alone."""
        return f"{self.name} ({self.handle})" if self.handle else self.name


@dataclass(frozen=True)
class SourceView:
    """A source as listed at the end of an export."""

    id: str
    outlet: str
    kind: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    """The URL as written (made visible), for reading."""
    link: str | None
    """The URL safe to follow (http or https, percent-encoded), or None."""


@dataclass(frozen=True)
class MediaView:
    """One attachment: its kind in words, and its description unless withheld."""

    kind: str
    description: str | None
    warning: str | None
    withheld: bool
    """True when a description exists but is left out behind its warning."""


@dataclass(frozen=True)
class Ref:
    """The post another post replies to or quotes."""

    number: int
    author: str
    exported: bool


@dataclass(frozen=True)
class ReactionView:
    kind: str
    by: str
    text: str | None
    time: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class NoteView:
    """A context note; `about` holds the numbers of the posts it concerns (empty: all)."""

    title: str
    body: str
    sources: tuple[str, ...]
    about: tuple[int, ...]


@dataclass(frozen=True)
class PressView:
    outlet: str
    quote: str
    about: tuple[int, ...]


@dataclass(frozen=True)
class ChapterView:
    number: int
    total: int
    title: str
    prompt: str | None
    continued: bool
    """True when the export begins inside this chapter rather than at its start."""


@dataclass(frozen=True)
class PostView:
    """One exported post with everything said about it."""

    index: int
    number: int
    id: str
    author: Person
    moment: Moment | None
    time: str
    """The time in words at its precision, derived times marked."""
    time_origin: str | None
    """How the time is known, where that is not plain: day only, derived, not given."""
    status: str
    text: str | None
    """None when the text is unknown (a missing post)."""
    variants: tuple[tuple[str, str], ...]
    """(outlet, wording) for each other source's wording."""
    media: tuple[MediaView, ...]
    reply_to: Ref | None
    quotes: Ref | None
    url: str | None
    link: str | None
    archived_url: str | None
    archived_link: str | None
    sources: tuple[str, ...]
    metrics: tuple[str, ...]
    reactions: tuple[ReactionView, ...]
    context: tuple[NoteView, ...]
    """Notes shown at this post: those whose first exported post this is."""
    press: tuple[PressView, ...]
    chapter: ChapterView | None
    """The chapter that begins here (or, at a gap in the export, continues here)."""
    notes: str | None


@dataclass(frozen=True)
class Handout:
    """A whole export: the session's head, the chosen posts, and what they cite."""

    session_id: str
    title: str
    summary: str | None
    language: str | None
    """A well-formed BCP 47 tag, or None."""
    zone: str
    dates: str
    total: int
    selection: str
    """Which posts, in words: 'all 7 posts', 'posts 2 to 5 of 7', '3 bookmarked posts of 7'."""
    participants: tuple[Person, ...]
    background: tuple[NoteView, ...]
    coverage: tuple[PressView, ...]
    posts: tuple[PostView, ...]
    sources: tuple[SourceView, ...]
    withheld: int
    """How many media descriptions are left out behind their warnings."""
    reveal_sensitive: bool
    presenter_notes: bool


MEDIA_WORDS = {kind: words.capitalize() for kind, words in phrases.MEDIA_KINDS.items()}
REACTION_WORDS = {
    "favorite": "Favorite",
    "repost": "Repost",
    "reply": "Reply",
    "quote": "Quote",
    "mention": "Mention",
    "comment": "Comment",
}

_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def prose_time(moment: Moment | None, zone: tzinfo, *, mark_derived: bool = True) -> str:
    """`timefmt.format_moment` as a document reads it: 'Tue 22 Oct 2013, time unknown'.

    The replayer's '·' separator suits a status line; in running text and to a screen
    reader a comma reads better. The words are otherwise the replayer's own.
    """
    return timefmt.format_moment(moment, zone, mark_derived=mark_derived).replace(" · ", ", ")


def time_origin(moment: Moment | None, zone: tzinfo) -> str | None:
    """How a post's time is known, in words, where a reader could otherwise assume more."""
    return phrases.time_known(moment)


def written_time(text: str | None, zone: tzinfo) -> str | None:
    """A time written in the session (a reaction's, a source's) in words; None if absent."""
    if text is None:
        return None
    try:
        return prose_time(parse(text, zone), zone)
    except (TimeError, ValueError):
        return f"{one_line(text)} {phrases.AS_WRITTEN}"


def safe_link(url: str | None) -> str | None:
    """`url` as something safe to follow and to place in a document: an http or https URL
    with every character outside the URL syntax percent-encoded (spaces, quotes, angle
    brackets, control characters, non-ASCII), or None for any other scheme
    (``javascript:``, ``data:``, ``file:``) and for what does not parse as a URL."""
    if not url:
        return None
    text = url.strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urllib.parse.quote(text, safe="/:?#@!$&*+,;=%~-._")


def language_tag(tag: str | None) -> str | None:
    """The session's language if it is shaped like a BCP 47 tag, else None (it is placed in
    an HTML attribute, so nothing else may pass)."""
    if tag and _LANGUAGE.fullmatch(tag):
        return tag
    return None


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


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

    def ref(self, post_id: str | None, exported: set[int]) -> Ref | None:
        if post_id is None:
            return None
        at = self.loaded.post_index.get(post_id)
        if at is None:
            return None
        target = self.session.posts[at]
        return Ref(at + 1, self.person(target.author).label, at in exported)

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
                    time=prose_time(moment, self.zone),
                    time_origin=time_origin(moment, self.zone),
                    status=post.status,
                    text=text,
                    variants=tuple(
                        (self.outlets([v.source])[0], visible(v.text)) for v in post.variants
                    ),
                    media=media,
                    reply_to=self.ref(post.reply_to, exported),
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
            published=written_time(source.published, self.zone),
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


def about_words(numbers: tuple[int, ...]) -> str:
    """'post 3', 'posts 1, 2 and 5'; '' for a note about the whole exchange."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"post {numbers[0]}"
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"posts {head} and {numbers[-1]}"


def ref_words(label: str, ref: Ref) -> str:
    """'In reply to post 2, by Alqassam Brigades', noting a target left out of the export."""
    outside = " (not in this export)" if not ref.exported else ""
    return f"{label} post {ref.number}, by {ref.author}{outside}"


def media_words(media: MediaView) -> str:
    """One attachment in words, its warning kept and a withheld description said to be so."""
    if media.warning is not None:
        head = f"{media.kind}, content warning: {media.warning}"
        if media.description is not None:
            return f"{head}. Description: {media.description}"
        if media.withheld:
            return f"{head} ({phrases.WITHHELD_NOTE})"
        return f"{head} (not described)"
    if media.description is not None:
        return f"{media.kind}: {media.description}"
    return f"{media.kind} (not described)"


# Characters JSON leaves raw (with ensure_ascii=False) that a terminal or a text field could
# still act on: DEL, the C1 controls, bidi embeddings/overrides/isolates and the Unicode line
# and paragraph separators. (C0 controls are always escaped by the encoder.)
_JSON_INERT = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}
_JSON_INERT.update(
    {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


def inert_json(document: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with every character that could
    act on a terminal written as a `\\uXXXX` escape instead. Such characters can only occur
    inside strings (the JSON syntax itself is ASCII), where the escape means the same thing:
    the data is unchanged, Hebrew and Arabic stay readable, and no raw control byte is sent."""
    return document.translate(_JSON_INERT)
