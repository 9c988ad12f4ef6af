"""The meaning checks of a session: ids, references, times, order and use.

Reading (`read.py`) has made sure every field has the right shape, or set aside what had
not; this module checks what a schema cannot: that every reference names something that
exists, that every post is attested, that times can be read, and it warns about what is
probably a curator's slip (time going backwards, an unused source). A session built in
memory (by an importer) is checked here just as one read from a file.

The checks run in the order their problems are said: the head, the sources and
participants, the posts (`post_rules`, then their times in `timeline`), the chapters,
reactions, context and press, and last what is never used. A session without errors is then
indexed for the replayer, once: `LoadedSession`.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from datetime import tzinfo
from itertools import compress, count
from operator import attrgetter
from typing import Protocol, cast

from replay_tui.format import post_rules
from replay_tui.format.loaded import LoadedSession
from replay_tui.format.model import Chapter, Post, Session
from replay_tui.format.post_rules import check_posts
from replay_tui.format.problems import Problem, Report
from replay_tui.format.timeline import post_times
from replay_tui.format.times import Moment, ZoneError, states_offset, zone

_ID = attrgetter("id")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def check_session(
    session: Session, file: str, raw_ids: dict[str, set[str]] | None = None, *, lazy: bool = False
) -> tuple[LoadedSession | None, list[Problem]]:
    """Check the meaning of a structurally valid session and index it for the replayer.
    Returns the indexed session (None if the session has errors) and every problem found.

    `raw_ids`: for each section that reading had to take entry by entry because some
    entries had the wrong shape (and were set aside), the ids written in the file.
    References to those are not dangling, and nothing is called unused while entries are
    set aside (what they cite cannot be seen).

    `lazy`: for a caller that wants the verdict rather than the session (`replay-tui
    check`): times all read to the second are made Moments on first use, not here."""
    loaded, problems = _Checker(session, file, raw_ids or {}).run()
    if loaded is not None and not lazy:
        loaded.times  # noqa: B018  (made now, off the caller's interface thread)
    return loaded, problems


class _Checker:
    def __init__(self, session: Session, file: str, raw_ids: dict[str, set[str]]) -> None:
        self.session = session
        self.file = file
        self.raw_ids = raw_ids
        self.report = Report()
        self.used_people: set[str] = set()
        self.used_sources: set[str] = set()

    def run(self) -> tuple[LoadedSession | None, list[Problem]]:
        s = self.session
        report = self.report
        try:
            tz: tzinfo = zone(s.timezone)
        except ZoneError as exc:
            report.error("unknown-timezone", str(exc), "timezone")
            tz = zone("UTC")

        sources = self.known("sources", self.ids("sources", s.sources))
        people = self.known("participants", self.ids("participants", s.participants))
        post_ids, starts = self.post_ids(s.posts, {chapter.start for chapter in s.chapters})
        posts = cast(set[str | None], self.known("posts", post_ids))
        posts.add(None)  # "no reply", "no quote": known, so that no rule tests for them
        self.ids("context", s.context)

        for i, source in enumerate(s.sources):
            published = None
            if source.published is not None:
                published = report.time(source.published, tz, f"sources[{i}].published")
            if source.published_zone_inferred is not None:
                self.zone_inference(i, source.published, published)
        for i, person in enumerate(s.participants):
            self.cites(person.sources, sources, f"participants[{i}].sources")

        check_posts(
            s.posts, posts, people, sources, tz, report, self.used_people, self.used_sources
        )
        times = post_times(s.posts, tz, report)
        chapter_starts = self.chapters(s.chapters, starts, posts)
        self.reactions(posts, people, sources, tz)
        for i, note in enumerate(s.context):
            for j, pid in enumerate(note.posts):
                self.ref(pid, posts, f"context[{i}].posts[{j}]", "post")
            self.cites(note.sources, sources, f"context[{i}].sources")
        for i, excerpt in enumerate(s.press):
            report.cite(excerpt.source, sources, self.used_sources, f"press[{i}].source")
            for j, pid in enumerate(excerpt.posts):
                self.ref(pid, posts, f"press[{i}].posts[{j}]", "post")
        self.unused()

        if report.failed:
            return None, report.problems
        loaded = LoadedSession(
            session=s,
            file=self.file,
            zone=tz,
            times=times,
            participants={p.id: p for p in s.participants},
            sources={src.id: src for src in s.sources},
            chapter_starts=chapter_starts,
        )
        return loaded, report.problems

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
        self.report.warn(
            "stray-inference",
            f"published_zone_inferred says why a time zone is inferred, but {why}",
            f"sources[{i}].published_zone_inferred",
        )

    def ids(self, section: str, items: Sequence[_HasId]) -> set[str]:
        """The ids of a section's entries, saying each duplicate at its later entry."""
        found = set(map(_ID, items))
        if len(found) == len(items):
            return found
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            at = first.setdefault(item.id, i)
            if at != i:
                self.report.error(
                    "duplicate-id",
                    f"duplicate id {item.id!r}: {section}[{at}] already uses it; "
                    "ids must be unique",
                    f"{section}[{i}].id",
                )
        return found

    def post_ids(self, posts: Sequence[Post], wanted: set[str]) -> tuple[set[str], dict[str, int]]:
        """The ids of the posts (as `ids`), and where each of `wanted` (the posts chapters
        start at) first is: found block by block while a block's ids are in the CPU caches,
        rather than in a second pass over a million ids."""
        found: set[str] = set()
        starts: dict[str, int] = {}
        size = post_rules.BLOCK
        for lo in range(0, len(posts), size):
            block = list(map(_ID, posts[lo : lo + size]))
            found.update(block)
            if len(starts) < len(wanted) and not wanted.isdisjoint(block):
                for i in compress(count(lo), map(wanted.__contains__, block)):
                    starts.setdefault(block[i - lo], i)
        if len(found) != len(posts):
            self.ids("posts", posts)  # to say each duplicate
        return found, starts

    def known(self, section: str, ids: set[str]) -> set[str]:
        """The ids a reference may name: those read, and those of entries set aside."""
        raw = self.raw_ids.get(section)
        return ids | raw if raw else ids

    def ref(self, value: str, known: Container[str | None], path: str, what: str) -> None:
        if value not in known:
            self.report.dangling(value, what, path)

    def cites(self, values: Iterable[str], known: Container[str], path: str) -> None:
        """A list of sources cited, each counted as used."""
        for i, value in enumerate(values):
            self.report.cite(value, known, self.used_sources, f"{path}[{i}]")

    def chapters(
        self, chapters: Sequence[Chapter], starts: dict[str, int], known: Container[str | None]
    ) -> list[tuple[int, Chapter]]:
        """Where each chapter starts (`starts`: the first position of each post a chapter
        starts at), in replay order; a chapter listed out of that order is a warning."""
        chapter_starts: list[tuple[int, Chapter]] = []
        last_start = -1
        for i, chapter in enumerate(chapters):
            if chapter.start not in starts:
                self.ref(chapter.start, known, f"chapters[{i}].start", "post")
                continue
            at = starts[chapter.start]
            if at < last_start:
                self.report.warn(
                    "chapter-order",
                    f"chapter {chapter.title!r} starts at post {chapter.start!r}, before the "
                    "chapter listed above it; list chapters in replay order",
                    f"chapters[{i}].start",
                )
            last_start = max(last_start, at)
            chapter_starts.append((at, chapter))
        chapter_starts.sort(key=lambda pair: pair[0])
        return chapter_starts

    def reactions(
        self,
        posts: Container[str | None],
        people: Container[str],
        sources: Container[str],
        tz: tzinfo,
    ) -> None:
        for i, reaction in enumerate(self.session.reactions):
            self.ref(reaction.post, posts, f"reactions[{i}].post", "post")
            if reaction.by is not None:
                self.used_people.add(reaction.by)
                self.ref(reaction.by, people, f"reactions[{i}].by", "participant")
            self.cites(reaction.sources, sources, f"reactions[{i}].sources")
            if not reaction.sources:
                self.report.error(
                    "no-source",
                    f"this {reaction.kind} names no source; every reaction needs at least "
                    "one source that attests it",
                    f"reactions[{i}].sources",
                )
            if reaction.time is not None:
                self.report.time(reaction.time, tz, f"reactions[{i}].time")

    def unused(self) -> None:
        # Entries set aside for their shape cite nothing we can see, so "unused" would be a
        # false alarm while the file has structural errors.
        if self.raw_ids:
            return
        for i, person in enumerate(self.session.participants):
            if person.id not in self.used_people:
                self.report.warn(
                    "unused-participant",
                    f"participant {person.id!r} neither posts nor reacts; remove it or "
                    "attribute something to it",
                    f"participants[{i}]",
                )
        for i, source in enumerate(self.session.sources):
            if source.id not in self.used_sources:
                self.report.warn(
                    "unused-source",
                    f"source {source.id!r} attests nothing; cite it or remove it",
                    f"sources[{i}]",
                )
