"""The meaning checks of a session: ids, references, times, order and use.

`load.py` has already made sure every field has the right shape; this module checks what a
schema cannot: that every reference names something that exists, that every post is
attested, that times can be read, and it warns about what is probably a curator's slip
(time going backwards, an unused source). It also builds the indices the replayer uses, so
the work is done once; a caller that wants only the verdict (`lazy`: `replay-tui check`)
leaves them to `LoadedSession`, which makes them on first use.

It runs on every post of sessions with up to a million posts, so no rule walks the posts
in Python unless it has found a fault to place: each is a bulk operation in C (`map` with
`attrgetter`, set algebra), run one block of posts at a time (`scan`).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence, Set
from datetime import datetime, tzinfo
from itertools import chain, compress, count, filterfalse, islice
from operator import attrgetter, gt
from typing import Protocol, cast

from replay_tui.format.model import Chapter, Post, Reaction, Session
from replay_tui.format.problems import Problem
from replay_tui.format.read import LoadedSession
from replay_tui.format.times import (
    Moment,
    Precision,
    TimeError,
    ZoneError,
    compare,
    from_status_id,
    parse,
    parse_many,
    second_instants,
    states_offset,
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
_REPLY_INFERRED = attrgetter("reply_to_inferred")
_INSTANT = attrgetter("instant")
_POST = attrgetter("post")
_BY = attrgetter("by")

BLOCK = 8192
"""Posts per block in `scan`: few enough that a block's posts and strings are still
in the CPU caches when the next rule reads them, enough that the work per block in Python
does not count."""


class HasId(Protocol):
    @property
    def id(self) -> str: ...


class _Scan:
    """What `scan` gathered about the posts, for the rules to judge."""

    def __init__(self, eager: bool) -> None:
        self.index: dict[str | None, int] | None = {None: -1} if eager else None
        """Eager: each post id's position (the replayer's `post_index`), and None."""
        self.ids: set[str | None] = {None}
        """Lazy: every post id, and None. None makes "no reply" and "no quote" known ids,
        so that the reference rule needs no test of its own for them."""
        self.authors: set[str] = set()
        self.cited: set[str] = set()
        self.unresolved: set[str | None] = set()
        """Replies and quotes to no post before them (or in their block): those to a later
        post, and the dangling ones."""
        self.sourceless = False
        self.textless = False
        self.extras: set[int] = set()
        """Posts with variants, metrics or an inferred reply link, which have rules of their
        own."""
        self.media: set[int] = set()
        """Posts with media, which have a rule of their own."""
        self.starts: dict[str, int] = {}
        """The position of each post a chapter starts at (the first, if its id is not
        unique)."""
        self.timed = True
        """No post has a url, and every time is written to the second: read in bulk."""
        self.times: list[Moment | None] | None = [] if eager else None
        self.backwards: list[int] = []
        """Where a post is earlier than the one before it (when `timed`)."""

    def count(self) -> int:
        """How many distinct post ids there are."""
        return len(self.ids if self.index is None else self.index) - 1

    def known_ids(self) -> Set[str]:
        """The post ids, without the None that stood in for "no reference"."""
        if self.index is None:
            self.ids.discard(None)
            return cast(set[str], self.ids)
        self.index.pop(None, None)
        return cast(dict[str, int], self.index).keys()


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

    def ids(self, section: str, items: Sequence[HasId]) -> set[str]:
        """The ids of entries, reporting duplicates at the later entry."""
        found = set(map(_ID, items))
        if len(found) != len(items):
            self.duplicates(section, items)
        return found

    def duplicates(self, section: str, items: Sequence[HasId]) -> None:
        index: dict[str, int] = {}
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

    def known(self, section: str, ids: Set[str]) -> Set[str]:
        """The ids a reference may name: those read, and those of entries set aside for
        their shape. The ids themselves, not a copy, when nothing was set aside."""
        raw = self.raw_ids.get(section)
        return ids | raw if raw else ids

    def run(self, lazy: bool = False) -> LoadedSession | None:
        s = self.session
        try:
            tz: tzinfo = zone(s.timezone)
        except ZoneError as exc:
            self.error("unknown-timezone", str(exc), "timezone")
            tz = zone("UTC")

        source_ids = self.ids("sources", s.sources)
        participant_ids = self.ids("participants", s.participants)
        # The post ids are gathered by the scan below, with all else about the posts; a
        # duplicate among them is said here all the same, in the order checks have always
        # been said in.
        duplicates_at = len(self.problems)
        self.ids("context", s.context)
        sources = self.known("sources", source_ids)
        people = self.known("participants", participant_ids)
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
            published = None
            if source.published is not None:
                published = self.time(source.published, tz, f"sources[{i}].published")
            if source.published_zone_inferred is not None:
                self.zone_inference(i, source.published, published)
        for i, person in enumerate(s.participants):
            refs(person.sources, sources, f"participants[{i}].sources", "source", used_sources)

        found = _Scan(eager=not lazy)
        scan(s.posts, s.chapters, tz, found)
        if found.count() != len(s.posts):
            said, self.problems = self.problems, []
            self.duplicates("posts", s.posts)
            said[duplicates_at:duplicates_at] = self.problems
            self.problems = said
        post_ids: Container[str] = self.known("posts", found.known_ids())
        self.check_posts(s.posts, found, people, sources, post_ids, used_people, used_sources, tz)
        times = found.times
        if found.timed:
            for i in found.backwards:
                self.backwards(s.posts[i], s.posts[i - 1], i)
        else:
            times = self.times_one_by_one(s.posts, tz)

        chapter_starts: list[tuple[int, Chapter]] = []
        last_start = -1
        for i, chapter in enumerate(s.chapters):
            if chapter.start not in found.starts:
                ref(chapter.start, post_ids, f"chapters[{i}].start", "post")
                continue
            at = found.starts[chapter.start]
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

        if not self.reactions_hold(
            s.reactions, people, sources, post_ids, used_people, used_sources
        ):
            for i, reaction in enumerate(s.reactions):
                ref(reaction.post, post_ids, f"reactions[{i}].post", "post")
                if reaction.by is not None:
                    used_people.add(reaction.by)
                    ref(reaction.by, people, f"reactions[{i}].by", "participant")
                refs(reaction.sources, sources, f"reactions[{i}].sources", "source", used_sources)
                if not reaction.sources:
                    self.error(
                        "no-source",
                        f"this {reaction.kind} names no source; every reaction needs at least "
                        "one source that attests it",
                        f"reactions[{i}].sources",
                    )
                if reaction.time is not None:
                    self.time(reaction.time, tz, f"reactions[{i}].time")
        else:
            for i, text in enumerate(map(_TIME, s.reactions)):
                if text is not None:
                    self.time(text, tz, f"reactions[{i}].time")
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
            post_index=cast(dict[str, int] | None, found.index),
            participants={p.id: p for p in s.participants},
            sources={src.id: src for src in s.sources},
            chapter_starts=chapter_starts,
        )

    def check_posts(
        self,
        posts: list[Post],
        found: _Scan,
        people: Set[str],
        sources: Set[str],
        post_ids: Container[str],
        used_people: set[str],
        used_sources: set[str],
        tz: tzinfo,
    ) -> None:
        """References and required parts of every post, as `scan` found them (`found`); only a rule
        that is broken walks the posts, to say where."""
        used_people |= found.authors
        if not found.authors <= people:
            for i, post in enumerate(posts):
                if post.author not in people:
                    self.dangling(post.author, "participant", f"posts[{i}].author")
        used_sources |= found.cited
        if not found.cited <= sources:
            for i, post in enumerate(posts):
                for j, sid in enumerate(post.sources):
                    if sid not in sources:
                        self.dangling(sid, "source", f"posts[{i}].sources[{j}]")
        if found.sourceless:
            for i, post in enumerate(posts):
                if not post.sources:
                    self.error(
                        "no-source",
                        f"post {post.id!r} names no source; every post needs at least one "
                        "source that attests it",
                        f"posts[{i}].sources",
                    )
        if not all(map(post_ids.__contains__, found.unresolved)):
            for i, post in enumerate(posts):
                for name in ("reply_to", "quotes"):
                    value = getattr(post, name)
                    if value is not None and value not in post_ids:
                        self.dangling(value, "post", f"posts[{i}].{name}")
        if found.textless:
            for i, post in enumerate(posts):
                if post.text is None and post.status != "missing":
                    self.error(
                        "missing-field",
                        f"post {post.id!r} has no text; give its text as attested, or set "
                        'status = "missing" if the text is unknown',
                        f"posts[{i}]",
                    )
        extras = found.extras
        # The rule about media is about a warning, which few have: only then walk them.
        if any(media.warning is not None for i in found.media for media in posts[i].media):
            extras = extras | found.media
        for i in sorted(extras):
            self.post_extras(i, posts[i], tz, sources, used_sources)

    def reactions_hold(
        self,
        reactions: list[Reaction],
        people: Set[str],
        sources: Set[str],
        post_ids: Container[str],
        used_people: set[str],
        used_sources: set[str],
    ) -> bool:
        """Whether every reaction names a post, a participant (if any) and sources that
        exist, with at least one source: then only their times are left to check. Counts
        what they use either way."""
        by = set(map(_BY, reactions))
        by.discard(None)
        used_people |= cast(set[str], by)
        cited = set(chain.from_iterable(map(_SOURCES, reactions)))
        used_sources |= cited
        return (
            all(map(post_ids.__contains__, map(_POST, reactions)))
            and by <= people
            and cited <= sources
            and all(map(_SOURCES, reactions))
        )

    def post_times(self, posts: list[Post], tz: tzinfo) -> list[Moment | None]:
        """Resolve every post's time and warn where replay order goes back in time."""
        if not any(map(_URL, posts)):
            moments = parse_many(list(map(_TIME, posts)), tz)
            if moments is not None:
                # Every post has a time to the second: compare instants, all at once.
                instants = list(map(_INSTANT, moments))
                if sorted(instants) != instants:  # (see `scan`)
                    later = map(gt, instants, islice(instants, 1, None))
                    for i in compress(count(1), later):
                        self.backwards(posts[i], posts[i - 1], i)
                return cast(list[Moment | None], moments)
        return self.times_one_by_one(posts, tz)

    def times_one_by_one(self, posts: list[Post], tz: tzinfo) -> list[Moment | None]:
        """`post_times` for posts not all known to the second, or with a status url."""
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

    def zone_inference(self, i: int, text: str | None, published: Moment | None) -> None:
        """`published_zone_inferred` must explain a zone that is really read into the time:
        a clock time written without an offset."""
        if text is None:
            why = "this source has no published time; add it or remove published_zone_inferred"
        elif states_offset(text):
            why = (
                f"published ({text}) states its own offset; remove the offset (the time is "
                "then read in the session's timezone) or remove published_zone_inferred"
            )
        elif published is not None and not published.exact:
            why = (
                f"published ({text}) has no clock time, so no zone is read into it; remove "
                "published_zone_inferred"
            )
        else:
            return
        self.warn(
            "stray-inference",
            f"published_zone_inferred says why a time zone is inferred, but {why}",
            f"sources[{i}].published_zone_inferred",
        )

    def post_extras(
        self, i: int, post: Post, tz: tzinfo, sources: Container[str], used: set[str]
    ) -> None:
        if post.reply_to_inferred is not None and post.reply_to is None:
            self.warn(
                "stray-inference",
                "reply_to_inferred says why a reply link is inferred, but this post has no "
                "reply_to; add the link or remove reply_to_inferred",
                f"posts[{i}].reply_to_inferred",
            )
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
    session: Session,
    file: str,
    raw_ids: dict[str, set[str]] | None = None,
    *,
    lazy: bool = False,
) -> tuple[LoadedSession | None, list[Problem]]:
    """Check the meaning of a structurally valid session and index it for the replayer.

    `lazy`: leave the session's `post_index` and `times` to be made on first use, for a
    caller that wants the verdict and may never use them."""
    checker = _Checker(session, file, raw_ids or {})
    loaded = checker.run(lazy)
    return loaded, checker.problems


def post_times(session: Session, zone: tzinfo) -> list[Moment | None]:
    """The resolved time of every post of a checked session, as `check_session` makes them
    (for `LoadedSession.times`, when the check left them to be made on first use)."""
    return _Checker(session, "", {}).post_times(session.posts, zone)


class _Keyed(Protocol):
    """What the key part of `scan` reads of a post: a `Post`, or the partner's narrower
    view of one."""

    @property
    def id(self) -> str: ...
    @property
    def reply_to(self) -> str | None: ...
    @property
    def quotes(self) -> str | None: ...
    @property
    def time(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...


class _HasStart(Protocol):
    @property
    def start(self) -> str: ...


def scan(
    posts: Sequence[_Keyed],
    chapters: Iterable[_HasStart],
    tz: tzinfo,
    found: _Scan,
    *,
    keys: bool = True,
    rest: bool = True,
) -> _Scan:
    """Gather into `found`, in one pass over the posts, what the rules of `check_posts`,
    the times and the chapters need, block by block: a block's posts and strings are still
    in the CPU caches when the next rule reads them (measured at a million posts: 1.0 s
    instead of 1.4 s for the same operations over all posts, rule after rule).

    `keys`: the ids, the references to posts, where chapters start, and the times (what
    `partner.py` can do in a second process, on its narrower view of the posts: `_Keyed`);
    `rest`: everything else, which reads what only a whole `Post` has. Eager (`found` made
    with `eager=True`), it also makes the replayer's `post_index` and `times` on the way;
    otherwise it only makes sure that they can be made, and keeps less: a set of the ids,
    and the instants of the times, not their `Moment`s.
    """
    ids, index, times = found.ids, found.index, found.times
    starts = {chapter.start for chapter in chapters} if keys else set()
    # The distinct lists of sources, which are few: cheaper to gather than every source
    # cited, and an empty one among them is a post without a source.
    citations: set[tuple[str, ...]] | None = set()
    previous: datetime | None = None
    for lo in range(0, len(posts), BLOCK):
        block = posts[lo : lo + BLOCK]
        if rest:
            citations = _scan_rest(cast(list[Post], block), lo, found, citations)
        if not keys:
            continue
        block_ids = list(map(_ID, block))
        if index is None:
            ids.update(block_ids)
            known: Container[str | None] = ids
        else:
            index.update(zip(block_ids, count(lo)))
            known = index
        if starts and not starts.isdisjoint(block_ids):
            for i in compress(count(lo), map(starts.__contains__, block_ids)):
                found.starts.setdefault(block_ids[i - lo], i)
        for get in (_REPLY_TO, _QUOTES):
            if not (
                ids.issuperset(map(get, block))
                if index is None
                else all(map(index.__contains__, map(get, block)))
            ):
                found.unresolved.update(filterfalse(known.__contains__, map(get, block)))
        if not found.timed:
            continue
        if any(map(_URL, block)):
            found.timed = False
            found.times = None
            continue
        texts = list(map(_TIME, block))
        instants: list[datetime] | None
        if times is None:
            instants = second_instants(texts, tz)
        else:
            moments = parse_many(texts, tz)
            instants = None if moments is None else list(map(_INSTANT, moments))
            times.extend(moments or ())
        if instants is None:
            found.timed = False
            found.times = None
            continue
        if previous is not None and previous > instants[0]:
            found.backwards.append(lo)
        # Sorting what is in order is one comparison per time, in C: three times
        # cheaper than comparing each time with the next here.
        if sorted(instants) != instants:
            found.backwards.extend(
                compress(count(lo + 1), map(gt, instants, islice(instants, 1, None)))
            )
        previous = instants[-1]
    if rest and citations is not None:
        found.cited.update(chain.from_iterable(citations))
        found.sourceless = () in citations
    return found


def _scan_rest(
    block: list[Post], lo: int, found: _Scan, citations: set[tuple[str, ...]] | None
) -> set[tuple[str, ...]] | None:
    """The part of `scan` that reads what only a whole `Post` has. Returns `citations`,
    or None once a post's sources turn out not to be hashable."""
    found.authors.update(map(_AUTHOR, block))
    if citations is not None:
        try:
            citations.update(map(_SOURCES, block))
        except TypeError:  # lists, in a session made in Python rather than read
            found.cited.update(chain.from_iterable(citations))
            found.sourceless = () in citations
            citations = None
    if citations is None:
        found.cited.update(chain.from_iterable(map(_SOURCES, block)))
        if not all(map(_SOURCES, block)):
            found.sourceless = True
    # An empty text fails `all` too; only a missing one (None) is a fault.
    if not found.textless and not all(map(_TEXT, block)):
        found.textless = None in map(_TEXT, block)
    for get, where in (
        (_VARIANTS, found.extras),
        (_MEDIA, found.media),
        (_METRICS, found.extras),
        (_REPLY_INFERRED, found.extras),
    ):
        if any(map(get, block)):
            where.update(compress(count(lo), map(get, block)))
    return citations
