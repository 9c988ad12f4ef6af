"""The meaning checks of a session: ids, references, times, order and use.

`load.py` has already made sure every field has the right shape; this module checks what a
schema cannot: that every reference names something that exists, that every post is
attested, that times can be read, and it warns about what is probably a curator's slip
(time going backwards, an unused source). It also builds the indices the replayer uses, so
the work is done once. It runs on every post of sessions with hundreds of thousands of
posts, so the per-post loop stays lean.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence, Set
from datetime import tzinfo
from itertools import chain, compress, count, islice
from operator import attrgetter, gt
from typing import Protocol, cast

from .load import LoadedSession
from .model import Chapter, Post, Session
from .problems import Problem
from .times import (
    Moment,
    Precision,
    TimeError,
    ZoneError,
    compare,
    from_status_id,
    parse,
    parse_many,
    status_id,
    zone,
)

_ID = attrgetter("id")
_AUTHOR = attrgetter("author")
_SOURCES = attrgetter("sources")
_REPLY_TO = attrgetter("reply_to")
_QUOTES = attrgetter("quotes")
_TEXT = attrgetter("text")
_TIME = attrgetter("time")
_URL = attrgetter("url")
_VARIANTS = attrgetter("variants")
_MEDIA = attrgetter("media")
_METRICS = attrgetter("metrics")
_INSTANT = attrgetter("instant")


class HasId(Protocol):
    @property
    def id(self) -> str: ...


class _Checker:
    def __init__(self, session: Session, file: str, raw_ids: dict[str, set[str]]) -> None:
        self.session = session
        self.file = file
        self.raw_ids = raw_ids
        self.problems: list[Problem] = []

    def error(self, code: str, message: str, path: str) -> None:
        self.problems.append(Problem("error", code, message, path))

    def warn(self, code: str, message: str, path: str) -> None:
        self.problems.append(Problem("warning", code, message, path))

    def ids(self, section: str, items: Sequence[HasId]) -> dict[str, int]:
        """Index entries by id, reporting duplicates at the later entry."""
        index = dict(zip(map(_ID, items), range(len(items)), strict=True))
        if len(index) == len(items):
            return index
        index = {}
        for i, item in enumerate(items):
            item_id = item.id
            if item_id in index:
                self.error(
                    "duplicate-id",
                    f"duplicate id {item_id!r}: {section}[{index[item_id]}] already uses it; "
                    "ids must be unique",
                    f"{section}[{i}].id",
                )
            else:
                index[item_id] = i
        return index

    def known(self, section: str, index: dict[str, int]) -> Set[str]:
        """The ids a reference may name: those read, and those of entries set aside for
        their shape. A view, not a copy, when nothing was set aside (a million posts)."""
        raw = self.raw_ids.get(section)
        return index.keys() | raw if raw else index.keys()

    def run(self) -> LoadedSession | None:
        s = self.session
        try:
            tz: tzinfo = zone(s.timezone)
        except ZoneError as exc:
            self.error("unknown-timezone", str(exc), "timezone")
            tz = zone("UTC")

        source_index = self.ids("sources", s.sources)
        participant_index = self.ids("participants", s.participants)
        post_index = self.ids("posts", s.posts)
        self.ids("context", s.context)
        sources = self.known("sources", source_index)
        people = self.known("participants", participant_index)
        post_ids = self.known("posts", post_index)
        used_sources: set[str] = set()
        used_people: set[str] = set()

        def refs(
            values: Iterable[str], known: Container[str], path: str, what: str, used: set[str]
        ) -> None:
            for i, value in enumerate(values):
                used.add(value)
                if value not in known:
                    self.dangling(value, what, f"{path}[{i}]")

        def ref(value: str | None, known: Container[str], path: str, what: str) -> None:
            if value is not None and value not in known:
                self.dangling(value, what, path)

        for i, source in enumerate(s.sources):
            if source.published is not None:
                self.time(source.published, tz, f"sources[{i}].published")
        for i, person in enumerate(s.participants):
            refs(person.sources, sources, f"participants[{i}].sources", "source", used_sources)

        self.check_posts(s.posts, people, sources, post_ids, used_people, used_sources, tz)
        times = self.post_times(s.posts, tz)

        chapter_starts: list[tuple[int, Chapter]] = []
        last_start = -1
        for i, chapter in enumerate(s.chapters):
            if chapter.start not in post_index:
                ref(chapter.start, post_ids, f"chapters[{i}].start", "post")
                continue
            at = post_index[chapter.start]
            if at < last_start:
                self.warn(
                    "chapter-order",
                    f"chapter {chapter.title!r} starts at post {chapter.start!r}, before the "
                    "chapter listed above it; list chapters in replay order",
                    f"chapters[{i}].start",
                )
            last_start = max(last_start, at)
            chapter_starts.append((at, chapter))
        chapter_starts.sort(key=lambda pair: pair[0])

        for i, reaction in enumerate(s.reactions):
            ref(reaction.post, post_ids, f"reactions[{i}].post", "post")
            if reaction.by is not None:
                used_people.add(reaction.by)
                ref(reaction.by, people, f"reactions[{i}].by", "participant")
            refs(reaction.sources, sources, f"reactions[{i}].sources", "source", used_sources)
            if not reaction.sources:
                self.error(
                    "no-source",
                    f"this {reaction.kind} names no source; every reaction needs at least one "
                    "source that attests it",
                    f"reactions[{i}].sources",
                )
            if reaction.time is not None:
                self.time(reaction.time, tz, f"reactions[{i}].time")
        for i, note in enumerate(s.context):
            for j, pid in enumerate(note.posts):
                ref(pid, post_ids, f"context[{i}].posts[{j}]", "post")
            refs(note.sources, sources, f"context[{i}].sources", "source", used_sources)
        for i, excerpt in enumerate(s.press):
            used_sources.add(excerpt.source)
            ref(excerpt.source, sources, f"press[{i}].source", "source")
            for j, pid in enumerate(excerpt.posts):
                ref(pid, post_ids, f"press[{i}].posts[{j}]", "post")

        # Entries set aside for their shape cite nothing we can see, so "unused" would be a
        # false alarm while the file has structural errors.
        complete = not self.raw_ids
        for i, person in enumerate(s.participants):
            if complete and person.id not in used_people:
                self.warn(
                    "unused-participant",
                    f"participant {person.id!r} neither posts nor reacts; remove it or "
                    "attribute something to it",
                    f"participants[{i}]",
                )
        for i, source in enumerate(s.sources):
            if complete and source.id not in used_sources:
                self.warn(
                    "unused-source",
                    f"source {source.id!r} attests nothing; cite it or remove it",
                    f"sources[{i}]",
                )

        if any(p.severity == "error" for p in self.problems):
            return None
        return LoadedSession(
            session=s,
            file=self.file,
            zone=tz,
            times=times,
            post_index=post_index,
            participants={p.id: p for p in s.participants},
            sources={src.id: src for src in s.sources},
            chapter_starts=chapter_starts,
        )

    def check_posts(
        self,
        posts: list[Post],
        people: Set[str],
        sources: Set[str],
        post_ids: Set[str],
        used_people: set[str],
        used_sources: set[str],
        tz: tzinfo,
    ) -> None:
        """References and required parts of every post. Each rule is a bulk operation over
        all posts in C (`map` with `attrgetter`, set algebra); only a rule that finds a
        fault walks the posts in Python to say where."""
        authors = set(map(_AUTHOR, posts))
        used_people |= authors
        if not authors <= people:
            for i, post in enumerate(posts):
                if post.author not in people:
                    self.dangling(post.author, "participant", f"posts[{i}].author")
        cited = set(chain.from_iterable(map(_SOURCES, posts)))
        used_sources |= cited
        if not cited <= sources:
            for i, post in enumerate(posts):
                for j, sid in enumerate(post.sources):
                    if sid not in sources:
                        self.dangling(sid, "source", f"posts[{i}].sources[{j}]")
        if not all(map(_SOURCES, posts)):
            for i, post in enumerate(posts):
                if not post.sources:
                    self.error(
                        "no-source",
                        f"post {post.id!r} names no source; every post needs at least one "
                        "source that attests it",
                        f"posts[{i}].sources",
                    )
        linked = set(map(_REPLY_TO, posts))
        linked.update(map(_QUOTES, posts))
        linked.discard(None)
        if not linked <= post_ids:
            for i, post in enumerate(posts):
                for name in ("reply_to", "quotes"):
                    value = getattr(post, name)
                    if value is not None and value not in post_ids:
                        self.dangling(value, "post", f"posts[{i}].{name}")
        # An empty text is falsy too; the walk below tells None from "".
        if not all(map(_TEXT, posts)):
            for i, post in enumerate(posts):
                if post.text is None and post.status != "missing":
                    self.error(
                        "missing-field",
                        f"post {post.id!r} has no text; give its text as attested, or set "
                        'status = "missing" if the text is unknown',
                        f"posts[{i}]",
                    )
        extras: set[int] = set()
        for parts in (_VARIANTS, _MEDIA, _METRICS):
            if any(map(parts, posts)):
                extras.update(compress(count(), map(parts, posts)))
        for i in sorted(extras):
            self.post_extras(i, posts[i], tz, sources, used_sources)

    def post_times(self, posts: list[Post], tz: tzinfo) -> list[Moment | None]:
        """Resolve every post's time and warn where replay order goes back in time."""
        if not any(map(_URL, posts)):
            moments = parse_many(list(map(_TIME, posts)), tz)
            if moments is not None:
                # Every post has a time to the second: compare instants, all at once.
                instants = list(map(_INSTANT, moments))
                later = map(gt, instants, islice(instants, 1, None))
                for i in compress(count(1), later):
                    self.backwards(posts[i], posts[i - 1], i)
                return cast(list[Moment | None], moments)
        times: list[Moment | None] = []
        append = times.append
        previous: Moment | None = None
        previous_at = -1
        second = Precision.SECOND
        for i, post in enumerate(posts):
            text = post.time
            if text is not None and post.url is None:
                try:
                    moment: Moment | None = parse(text, tz)
                except TimeError as exc:
                    self.error("bad-time", str(exc), f"posts[{i}].time")
                    moment = None
            else:
                moment = self.post_time(i, text, post.url, tz)
            append(moment)
            if moment is None:
                continue
            if previous is not None:
                if moment.precision == second and previous.precision == second:
                    backwards = moment.instant < previous.instant
                else:
                    backwards = compare(moment, previous, tz) < 0
                if backwards:
                    self.backwards(post, posts[previous_at], i)
            previous, previous_at = moment, i
        return times

    def backwards(self, post: Post, before: Post, i: int) -> None:
        self.warn(
            "time-backwards",
            f"post {post.id!r} is earlier than {before.id!r} before it "
            f"({post.time or 'derived time'} < {before.time or 'derived time'}); "
            "posts are replayed in file order",
            f"posts[{i}].time",
        )

    def dangling(self, value: str, what: str, path: str) -> None:
        self.error(
            "dangling-reference",
            f"no {what} has the id {value!r}; add it to [[{what}s]] or correct the reference",
            path,
        )

    def post_extras(
        self, i: int, post: Post, tz: tzinfo, sources: Container[str], used: set[str]
    ) -> None:
        for j, variant in enumerate(post.variants):
            used.add(variant.source)
            if variant.source not in sources:
                self.dangling(variant.source, "source", f"posts[{i}].variants[{j}].source")
        for j, media in enumerate(post.media):
            if media.warning is not None and not (media.description or "").strip():
                self.warn(
                    "warning-without-description",
                    "this media has a content warning but no description; describe what it "
                    "shows so a presenter can decide whether to reveal it",
                    f"posts[{i}].media[{j}]",
                )
        for j, metrics in enumerate(post.metrics):
            used.add(metrics.source)
            if metrics.source not in sources:
                self.dangling(metrics.source, "source", f"posts[{i}].metrics[{j}].source")
            self.time(metrics.at, tz, f"posts[{i}].metrics[{j}].at")

    def time(self, text: str, tz: tzinfo, path: str) -> Moment | None:
        try:
            return parse(text, tz)
        except TimeError as exc:
            self.error("bad-time", str(exc), path)
            return None

    def post_time(self, i: int, text: str | None, url: str | None, tz: tzinfo) -> Moment | None:
        written = self.time(text, tz, f"posts[{i}].time") if text is not None else None
        status = status_id(url) if url else None
        derived = from_status_id(status) if status is not None else None
        if derived is None:
            return written
        if written is not None and written.exact:
            # A written time wins, but one that disagrees with the ID by more than its own
            # precision is most likely a time-zone slip.
            slack = 60 if written.precision == Precision.MINUTE else 1
            if abs((written.instant - derived.instant).total_seconds()) >= slack:
                shown = derived.instant.astimezone(tz).isoformat()
                self.warn(
                    "derived-time-mismatch",
                    f"the status ID in the url gives {shown}, but the time written is "
                    f"{text}; check both (a wrong time zone is a common cause)",
                    f"posts[{i}].time",
                )
            return written
        if written is not None and compare(derived, written, tz) != 0:
            shown = derived.instant.astimezone(tz).isoformat()
            self.warn(
                "derived-time-mismatch",
                f"the status ID in the url gives {shown}, which does not fall within the "
                f"time written ({text}); check both",
                f"posts[{i}].time",
            )
            return written
        return derived


def check_session(
    session: Session, file: str, raw_ids: dict[str, set[str]] | None = None
) -> tuple[LoadedSession | None, list[Problem]]:
    """Check the meaning of a structurally valid session and index it for the replayer."""
    checker = _Checker(session, file, raw_ids or {})
    loaded = checker.run()
    return loaded, checker.problems
