"""The rules about posts: references, sources, texts, media and counts.

A session may hold a million posts, so each rule reads its field of every post in one pass
of C code (`map` over the posts, set algebra) to reach its verdict, and walks the posts in
Python only to say where a rule is broken (`strays` is that pattern for a field that
names one id: an author, a reply, a quote). The rules run over one block of posts after
another, while the block is in the CPU caches.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import chain, compress, count, repeat
from operator import attrgetter, eq, is_, ne, not_
from typing import Any, TypeVar

from replay_tui.format.model import Post
from replay_tui.format.problems import Report
from replay_tui.format.timeline import posted
from replay_tui.format.times import Moment, compare

T = TypeVar("T")

_AUTHOR = attrgetter("author")
_SOURCES = attrgetter("sources")
_REPLY_TO = attrgetter("reply_to")
_QUOTES = attrgetter("quotes")
_TEXT = attrgetter("text")
_PARTS = attrgetter("variants", "media", "metrics", "reply_to_inferred", "warning", "warning_by")
_NO_PARTS = _PARTS(Post(id="-", author="-", sources=()))
"""A post's rare fields, and their defaults (the very objects msgspec gives a post that
leaves them out, so that comparing a post's to them is mostly comparing pointers)."""


BLOCK = 8192
"""Posts per block: few enough that a block's posts are still in the CPU caches when the
next rule reads them, enough that the work per block in Python does not count (at a million
posts, rule after rule over blocks takes about two thirds of the time of rule after rule
over all the posts)."""


def strays(items: Sequence[Any], get: Callable[[Any], T], known: set[T]) -> Iterable[int]:
    """The positions of the items whose `get` value `known` lacks: the verdict in one pass
    of C code, and a second pass, to say where, only when it is not clean. (The values are
    gathered into a set first: `known` is large and cold in the caches, and is then asked
    once per distinct value, rather than once per item: a third less time at a million
    posts, where most replies and quotes are None.)"""
    if known.issuperset(set(map(get, items))):
        return ()
    return compress(count(), map(not_, map(known.__contains__, map(get, items))))


def check_posts(
    posts: Sequence[Post],
    known_posts: set[str | None],
    people: set[str],
    sources: set[str],
    tz: tzinfo,
    report: Report,
    used_people: set[str],
    used_sources: set[str],
) -> None:
    """Every rule about posts but their ids and times. `known_posts` holds None, which
    stands for "no reply" and "no quote". The rules run block by block, each rule's
    problems kept apart, and are said rule by rule."""
    rules = _PostRules(known_posts, people, sources, tz, used_people, used_sources)
    for lo in range(0, len(posts), BLOCK):
        rules.block(posts[lo : lo + BLOCK], lo)
    for said in rules.said:
        report.problems += said.problems


@dataclass
class _PostRules:
    known_posts: set[str | None]
    people: set[str]
    sources: set[str]
    tz: tzinfo
    used_people: set[str]
    used_sources: set[str]
    # Each rule's problems, kept apart so that they are said rule by rule:
    authors: Report = field(default_factory=Report)
    cited: Report = field(default_factory=Report)
    sourceless: Report = field(default_factory=Report)
    references: Report = field(default_factory=Report)
    textless: Report = field(default_factory=Report)
    parts: Report = field(default_factory=Report)

    @property
    def said(self) -> tuple[Report, ...]:
        """The rules' problems, in the order they are said."""
        return (
            self.authors,
            self.cited,
            self.sourceless,
            self.references,
            self.textless,
            self.parts,
        )

    def block(self, posts: Sequence[Post], lo: int) -> None:
        """Every rule on the posts `posts`, which start at position `lo`."""
        authors = set(map(_AUTHOR, posts))
        self.used_people |= authors
        if not self.people.issuperset(authors):
            for i in strays(posts, _AUTHOR, self.people):
                author = posts[i].author
                self.authors.dangling(author, "participant", f"posts[{lo + i}].author")

        try:
            # A tuple of strings hashes cheaply: the verdicts are reached on the few
            # distinct lists of sources.
            citations = set(map(_SOURCES, posts))
        except TypeError:  # lists, in a session made in Python rather than read
            citations = set(map(tuple, map(_SOURCES, posts)))
        named = set(chain.from_iterable(citations))
        self.used_sources |= named
        if not self.sources.issuperset(named):
            for i, post in enumerate(posts, lo):
                for j, value in enumerate(post.sources):
                    if value not in self.sources:
                        self.cited.dangling(value, "source", f"posts[{i}].sources[{j}]")
        if () in citations:
            for i in compress(count(), map(not_, map(_SOURCES, posts))):
                self.sourceless.error(
                    "no-source",
                    f"post {posts[i].id!r} names no source; every post needs at least one "
                    "source that attests it",
                    f"posts[{lo + i}].sources",
                )

        # A reply or quote may name a post later in the file; each post's two are said
        # together.
        dangling = sorted(
            chain(
                zip(strays(posts, _REPLY_TO, self.known_posts), repeat("reply_to")),
                zip(strays(posts, _QUOTES, self.known_posts), repeat("quotes")),
            ),
            key=lambda pair: (pair[0], pair[1] == "quotes"),
        )
        for i, name in dangling:
            target = getattr(posts[i], name)
            self.references.dangling(target, "post", f"posts[{lo + i}].{name}")

        # Texts are rarely empty, and only a missing one (None) may be a fault.
        if not all(map(_TEXT, posts)):
            for i in compress(count(), map(is_, map(_TEXT, posts), repeat(None))):
                if posts[i].status != "missing":
                    self.textless.error(
                        "missing-field",
                        f"post {posts[i].id!r} has no text; give its text as attested, or "
                        'set status = "missing" if the text is unknown',
                        f"posts[{lo + i}]",
                    )

        # Variants, media, counts, inferred links and warnings are rare: one pass finds
        # the posts where any of them differs from its default, and only those are walked.
        if not all(map(eq, map(_PARTS, posts), repeat(_NO_PARTS))):
            for i in compress(count(), map(ne, map(_PARTS, posts), repeat(_NO_PARTS))):
                _check_parts(lo + i, posts[i], self.tz, self.sources, self.parts, self.used_sources)


def _check_parts(
    i: int, post: Post, tz: tzinfo, sources: Container[str], report: Report, used: set[str]
) -> None:
    """A post's variants, media, counts, inferred reply link and content warning."""
    _check_warning(i, post, report)
    if post.reply_to_inferred is not None and post.reply_to is None:
        report.warn(
            "stray-inference",
            "reply_to_inferred says why a reply link is inferred, but this post has no "
            "reply_to; add the link or remove reply_to_inferred",
            f"posts[{i}].reply_to_inferred",
        )
    for j, variant in enumerate(post.variants):
        report.cite(variant.source, sources, used, f"posts[{i}].variants[{j}].source")
    for j, media in enumerate(post.media):
        if media.warning is not None and not media.warning.strip():
            _empty_warning(report, f"posts[{i}].media[{j}].warning")
        if media.warning is not None and not (media.description or "").strip():
            report.warn(
                "warning-without-description",
                "this media has a content warning but no description; describe what it "
                "shows so a presenter can decide whether to reveal it",
                f"posts[{i}].media[{j}]",
            )
    when: list[Moment | None] = []  # the post's time, read once and only if needed
    for j, metrics in enumerate(post.metrics):
        report.cite(metrics.source, sources, used, f"posts[{i}].metrics[{j}].source")
        at = report.time(metrics.at, tz, f"posts[{i}].metrics[{j}].at")
        if at is None:
            continue
        if not when:
            when.append(posted(post, tz))
        if when[0] is not None and compare(at, when[0], tz) < 0:
            _counts_before_post(i, j, post, when[0], tz, report)


def _counts_before_post(
    i: int, j: int, post: Post, time: Moment, tz: tzinfo, report: Report
) -> None:
    """Counts recorded before the post existed: one of the two dates is wrong (`compare`
    has found it certainly earlier, at the coarser of the two precisions)."""
    if time.derived is None:
        shown = post.time
    else:
        shown = f"{time.instant.astimezone(tz).isoformat()}, from the status ID in its url"
    report.warn(
        "counts-before-post",
        f"counts dated {post.metrics[j].at}, before post {post.id!r} itself ({shown}): "
        "counts cannot be recorded before the post exists; correct the counts' `at` (when "
        "the source recorded them; for an export, when it was made) or the post's time",
        f"posts[{i}].metrics[{j}].at",
    )


def _check_warning(i: int, post: Post, report: Report) -> None:
    """A post's own content warning: it must say something, hide something, and
    `warning_by` needs a warning to belong to."""
    if post.warning is None:
        if post.warning_by == "author":
            report.warn(
                "stray-warning-by",
                "warning_by says whose content warning this is, but this post has no warning; "
                "add the warning or remove warning_by",
                f"posts[{i}].warning_by",
            )
        return
    if not post.warning.strip():
        _empty_warning(report, f"posts[{i}].warning")
    if post.text is None and not post.variants:
        report.warn(
            "warning-hides-nothing",
            f"post {post.id!r} has a content warning but no text or variant for it to hide "
            "(a post's warning covers its words; media has its own warning); remove it, or "
            "put it on the media",
            f"posts[{i}].warning",
        )


def _empty_warning(report: Report, where: str) -> None:
    """A content warning, a post's or a media's, that says nothing."""
    report.warn(
        "empty-warning",
        "this content warning is empty; say in a few neutral words what it hides, so a "
        "presenter can decide whether to reveal it",
        where,
    )
