"""The one place an export becomes a session: every format feeds a `Builder`.

Formats differ in how they spell a post; what a session may say about one does not. So
the rules of faithfulness live here, once: a post keeps the platform's id, permalink and
exact UTC time; a post replied to or quoted but absent becomes a placeholder (`missing`,
its permalink, its time left to be derived from a status ID and so marked derived); a
retweet becomes a `repost` reaction on its original, or, when the original is not in the
export, stays a post marked as a retweet by a context note; each input file is an
`archive` source named by its SHA-256 and attesting everything read from it; and the
session comes out sorted by time (the format's replay order), with only the participants
and sources something cites, so that it passes `replay-tui check --strict`.

Posts are kept as the format's own `Post` Structs from the start, so the memory an import
needs is close to the memory of the session it makes.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

import msgspec

from replay_tui.format.model import (
    Chapter,
    ContextNote,
    Media,
    Metrics,
    Participant,
    Post,
    PostStatus,
    Reaction,
    Session,
    WarningBy,
)
from replay_tui.format.problems import Problem
from replay_tui.imports.base import ImportOptions, ImportResult
from replay_tui.imports.cut import cut
from replay_tui.imports.inputs import Inputs
from replay_tui.imports.order import replay_order
from replay_tui.imports.twitter import handle_in

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\s]+")
UNKNOWN_AUTHOR = "unknown-account"
_ONLY_HANDLE = (
    "The export holds neither this post nor a record of its author: {} is the handle the "
    "post that replies to it or quotes it gives (its reply field, the accounts it mentions "
    "or its link to this post). No display name is known."
)


def safe_id(text: str) -> str:
    """An id the format accepts and a person can type: no control characters or spaces."""
    if text.isalnum():
        return text  # a platform id, nearly always
    return _UNSAFE.sub("_", text.strip())


class _Ref(msgspec.Struct, gc=False):
    url: str | None
    author: str | None
    source: str
    platform: str


class _Retweet(msgspec.Struct, gc=False):
    key: str
    original: str | None
    by: str
    source: str
    time: str | None
    url: str | None
    text: str
    original_url: str | None
    original_author: str | None


class Builder:
    """Collects what a format reads and makes the session. See the package docstring for
    how a format calls it; every method takes platform keys (a tweet's id, a user's id),
    never session ids, so formats need not know how ids are made."""

    def __init__(self, options: ImportOptions) -> None:
        self.options = options
        self.problems: list[Problem] = []
        self.skipped = 0  # records left out (`skip`)
        self.warnings = 0  # warnings about what was kept (`caution`)
        self.inputs = Inputs()
        # How a format names each input file it reads: a new `archive` source, and what
        # becomes known of it later (`Inputs.add`, `Inputs.update`).
        self.source = self.inputs.add
        self.update_source = self.inputs.update
        self.name_after = self.inputs.name
        self._people: dict[str, dict[str, Participant]] = {}  # by platform, then key
        self._person_ids: set[str] = set()
        self._posts: dict[str, Post] = {}
        self._refs: dict[str, _Ref] = {}
        self._retweets: list[_Retweet] = []
        self._reposts: list[tuple[str, str, str, str | None, _Ref]] = []
        self._notes: list[tuple[str, str, str, str]] = []
        self._title: str | None = None
        self._summary: str | None = None
        self._chapters: list[tuple[str, str]] = []
        self._one_source: dict[str, tuple[str]] = {}
        self.state: dict[str, object] = {}
        """What a format carries from one input to the next (an archive's account, read
        from account.js, is the author of the tweets in tweets.js), by format name."""

    # -- participants ----------------------------------------------------------------

    def participant(
        self,
        key: str,
        *,
        handle: str | None = None,
        name: str | None = None,
        platform: str = "twitter",
        bio: str | None = None,
    ) -> str:
        """Record an account (by its platform key, e.g. a user id) and return the key.
        Its session id is its handle where known when first seen, else platform-key; a
        later call fills in what an earlier one lacked, never changes what it said."""
        accounts = self._people.get(platform)
        if accounts is None:
            accounts = self._people[platform] = {}
        known = accounts.get(key)
        if (
            known is not None
            and (known.handle or not handle)
            and (known.bio or not bio)
            and (not name or known.name not in (f"account {key}", known.handle))
        ):
            return key  # nothing new: the usual case, once an account has been seen
        handle = handle.lstrip("@") if handle else None
        if known is None:
            base = safe_id(handle) if handle else safe_id(f"{platform}-{key}")
            pid = base or f"{platform}-account"
            n = 2
            while pid in self._person_ids:
                pid = f"{base}-{n}"
                n += 1
            self._person_ids.add(pid)
            accounts[key] = Participant(
                id=pid,
                name=name or (f"@{handle}" if handle else f"account {key}"),
                handle=f"@{handle}" if handle else None,
                platform=platform,
                bio=bio or None,
            )
        else:
            if known.handle is None and handle:
                known.handle = f"@{handle}"
                if known.name == f"account {key}":
                    known.name = f"@{handle}"
            if name and known.name in (f"account {key}", known.handle):
                known.name = name
            if bio and known.bio is None:
                known.bio = bio
        return key

    def accounts(self, platform: str) -> dict[str, Participant]:
        """The accounts recorded so far on `platform`, by key (read-only for formats: a
        format may skip `participant` for an account already here with its handle)."""
        return self._people.setdefault(platform, {})

    def posts_read(self) -> int:
        """How many posts were read so far (placeholders are made only at the end)."""
        return len(self._posts)

    def read_before(self, key: str) -> Post | None:
        """The post read earlier with platform key `key`, if any (read-only for formats: a
        post read again only adds its source, and media only where it had none, so a
        format may skip working out a text the builder would not take)."""
        return self._posts.get(key if key.isalnum() else safe_id(key))

    def _person_id(self, key: str | None, platform: str) -> str:
        if key is None:
            key = self.participant(
                UNKNOWN_AUTHOR, name="Unknown account (not in the export)", platform=platform
            )
        accounts = self._people.get(platform)
        person = accounts.get(key) if accounts is not None else None
        if person is None:
            self.participant(key, platform=platform)
            person = self._people[platform][key]
        return person.id

    # -- posts -----------------------------------------------------------------------

    def post(
        self,
        key: str,
        *,
        author: str,
        source: str,
        text: str | None,
        time: str | None,
        url: str | None = None,
        platform: str = "twitter",
        reply_to: str | None = None,
        reply_to_url: str | None = None,
        reply_to_author: str | None = None,
        quotes: str | None = None,
        quotes_url: str | None = None,
        quotes_author: str | None = None,
        status: PostStatus = "live",
        media: Iterable[Media] = (),
        metrics: Iterable[Metrics] = (),
    ) -> None:
        """A post read from a record. `time` is UTC to the second (`utc_text`), None when
        the record gives none. A post seen again (the same tweet in two pages, or in two
        files) is one post, attested by every source that holds it."""
        # This runs for every post of a million-post import: the usual case is kept short.
        pid = key if key.isalnum() else safe_id(key)
        posts = self._posts
        if reply_to is not None:
            reply_to = reply_to if reply_to.isalnum() else safe_id(reply_to)
            if reply_to not in posts:
                self._ref(reply_to, reply_to_url, reply_to_author, source, platform)
        if quotes is not None:
            quotes = quotes if quotes.isalnum() else safe_id(quotes)
            if quotes not in posts:
                self._ref(quotes, quotes_url, quotes_author, source, platform)
        media = media if type(media) is tuple else tuple(media)
        metrics = metrics if type(metrics) is tuple else tuple(metrics)
        known = posts.get(pid)
        if known is not None:
            self._merge(known, source, status, media, metrics)
            return
        accounts = self._people.get(platform)
        person = accounts.get(author) if accounts is not None else None
        sources = self._one_source.get(source)
        if sources is None:  # one shared tuple per source: a million posts, one tuple
            sources = self._one_source[source] = (source,)
        posts[pid] = Post(
            id=pid,
            author=person.id if person is not None else self._person_id(author, platform),
            sources=sources,
            time=time,
            text=text if status != "missing" else None,
            reply_to=reply_to,
            quotes=quotes,
            url=url,
            status=status,
            media=media,
            metrics=metrics,
        )

    def _merge(
        self,
        known: Post,
        source: str,
        status: PostStatus,
        media: tuple[Media, ...],
        metrics: tuple[Metrics, ...],
    ) -> None:
        if source not in known.sources:
            known.sources = (*known.sources, source)
        if status == "deleted":
            known.status = "deleted"
        if media and not known.media:
            known.media = media
        for m in metrics:
            if m not in known.metrics:
                known.metrics = (*known.metrics, m)

    def attest(self, key: str, source: str) -> None:
        """`source` holds a post read earlier too (an archive's long post): it cites it."""
        post = self._posts.get(safe_id(key))
        if post is not None:
            self._merge(post, source, "live", (), ())

    def _ref(
        self, key: str, url: str | None, author: str | None, source: str, platform: str
    ) -> None:
        ref = self._refs.get(key)
        if ref is None:
            self._refs[key] = _Ref(url, author, source, platform)
        else:
            ref.url = ref.url or url
            ref.author = ref.author or author

    def reference(
        self,
        key: str,
        *,
        source: str,
        url: str | None = None,
        author: str | None = None,
        platform: str = "twitter",
    ) -> None:
        """A post the export points at (replied to, quoted, reposted): if no record of it
        is read, it becomes a placeholder with this permalink and author."""
        self._ref(key, url, author, source, platform)

    def retweet(
        self,
        key: str,
        *,
        by: str,
        source: str,
        time: str | None,
        url: str | None,
        text: str,
        original: str | None = None,
        original_url: str | None = None,
        original_author: str | None = None,
    ) -> None:
        """A retweet record: becomes a `repost` reaction on `original` when that post is
        in the session at the end, otherwise a post by the retweeter marked as a retweet
        (its text is the platform's copy, often cut short), never the retweeter's words."""
        self._retweets.append(
            _Retweet(key, original, by, source, time, url, text, original_url, original_author)
        )

    def repost(
        self,
        original: str,
        *,
        by: str,
        source: str,
        time: str | None = None,
        original_url: str | None = None,
        original_author: str | None = None,
        platform: str = "twitter",
    ) -> None:
        """A repost known without its own text (e.g. a boost record): a reaction on
        `original`, which is a placeholder if the export lacks it."""
        ref = _Ref(original_url, original_author, source, platform)
        self._reposts.append((original, by, source, time, ref))

    def note(self, post: str, title: str, body: str, source: str) -> None:
        """A context note shown with one post (withheld in some countries, a retweet whose
        original is absent): facts the export records that the text does not say."""
        self._notes.append((safe_id(post), title, body, source))

    def warn(self, key: str, warning: str, by: WarningBy = "author") -> None:
        """A warning over the words of the post read with `key` (off `post`'s hot path)."""
        if (post := self._posts.get(key if key.isalnum() else safe_id(key))) is not None:
            post.warning, post.warning_by = warning, by

    def describe(self, *, title: str | None = None, summary: str | None = None) -> None:
        """The session's title and summary where the export states them (a TimelineJS title
        slide); `--title` still wins."""
        self._title = title or self._title
        self._summary = summary or self._summary

    def chapter(self, title: str, start: str) -> None:
        """A chapter beginning at the post with platform key `start` (a TimelineJS era or
        group); kept when that post is, listed in replay order."""
        self._chapters.append((title, safe_id(start)))

    def skip(self, problem: Problem, records: int = 1) -> None:
        """`records` records set aside (0 when the problem counts something else: a page
        of API errors, a file read no further); the problem names the file, line and what
        was left out. The summary's count of skipped records is the sum of `records`."""
        self.problems.append(problem)
        self.skipped += records

    def caution(self, problem: Problem) -> None:
        """A warning about something kept (a post imported without its time, an embed
        left off a post that is kept): said, but never counted as a skipped record."""
        self.problems.append(problem)
        self.warnings += 1

    # -- the session -----------------------------------------------------------------

    def finish(self) -> ImportResult:
        """The session: retweets resolved, placeholders made, the cut applied, posts in
        time order, and only what something cites."""
        reactions: list[Reaction] = []
        posts = self._posts
        for rt in self._retweets:
            if rt.original is not None and safe_id(rt.original) in posts:
                reactions.append(self._reaction(rt.original, rt.by, rt.source, rt.time, "twitter"))
                continue
            cut_short = rt.text.rstrip().endswith("…")
            self.post(
                rt.key, author=rt.by, source=rt.source, text=rt.text, time=rt.time, url=rt.url
            )
            self.note(
                rt.key,
                "A retweet",
                "This is a retweet, not the retweeter's own words; the original post is "
                "not in the export. The text is the platform's copy of it"
                + (", cut short by the platform (it ends in '…')." if cut_short else "."),
                rt.source,
            )
        self._retweets = []
        for original, by, source, time, ref in self._reposts:
            self._ref(original, ref.url, ref.author, source, ref.platform)
            reactions.append(self._reaction(original, by, source, time, ref.platform))
        # An account with a post or reaction here has its own record, named or not.
        recorded = {p.author for p in posts.values()} | {r.by for r in reactions}
        for key, ref in self._refs.items():
            pid = safe_id(key)
            if pid in posts:
                continue
            author = ref.author
            if author is None and ref.platform == "twitter":
                author = self._by_handle(handle_in(ref.url))
            posts[pid] = Post(
                id=pid,
                author=self._person_id(author, ref.platform),
                sources=(ref.source,),
                url=ref.url,
                status="missing",
            )
            person = self._people[ref.platform].get(author or UNKNOWN_AUTHOR)
            if person and person.handle == person.name and person.id not in recorded:
                self.note(pid, "Its author", _ONLY_HANDLE.format(person.handle), ref.source)
        kept = cut(posts, self._people_by_id(), self.options)
        ordered = sorted(kept, key=replay_order(posts, reactions))
        chosen: Container[str] = posts if kept is posts.values() else {p.id for p in ordered}
        reactions = [r for r in reactions if r.post in chosen]
        notes = [
            ContextNote(id=f"note-{i + 1}", title=title, body=body, posts=(post,), sources=(src,))
            for i, (post, title, body, src) in enumerate(n for n in self._notes if n[0] in chosen)
        ]
        cited_people = {p.author for p in ordered} | {r.by for r in reactions if r.by}
        cited_sources = {s for p in ordered for s in p.sources}
        cited_sources |= {s for r in reactions for s in r.sources}
        participants = [p for p in self._all_people() if p.id in cited_people]
        sources = self.inputs.sources(cited_sources)
        session = Session(
            format="replay-tui/1",
            id=self._session_id(),
            title=(
                self.options.title
                or self._title
                or f"Imported from {', '.join(self.inputs.short_names())}"
            ),
            timezone=self.options.timezone,
            summary=self._summary
            or (
                f"Imported by replay-tui from {len(self.inputs)} "
                f"{'file' if len(self.inputs) == 1 else 'files'}; texts, times and counts "
                "as the export records them."
            ),
            chapters=self._chapters_of(ordered),
            sources=sources,
            participants=participants,
            posts=ordered,
            reactions=reactions,
            context=notes,
        )
        kept_placeholders = sum(p.status == "missing" for p in ordered)
        return ImportResult(
            session=session,
            problems=self.problems,
            imported=len(ordered) - kept_placeholders,
            skipped=self.skipped,
            warnings=self.warnings,
            placeholders=kept_placeholders,
            reposts=len(reactions),
        )

    def _chapters_of(self, ordered: list[Post]) -> list[Chapter]:
        where = {post.id: n for n, post in enumerate(ordered)}
        kept = sorted(
            (where[start], n, title, start)
            for n, (title, start) in enumerate(self._chapters)
            if start in where
        )
        return [Chapter(title=title, start=start) for _, _, title, start in kept]

    def _reaction(
        self, original: str, by: str, source: str, time: str | None, platform: str
    ) -> Reaction:
        return Reaction(
            post=safe_id(original),
            kind="repost",
            sources=(source,),
            by=self._person_id(by, platform),
            time=time,
        )

    def _by_handle(self, handle: str | None) -> str | None:
        """The key of the X/Twitter account with `handle` (any case); an account known
        only by that handle when none is. None without a handle."""
        if handle is None:
            return None
        wanted = f"@{handle}".casefold()
        accounts = self._people.setdefault("twitter", {})
        for key, person in accounts.items():
            if person.handle is not None and person.handle.casefold() == wanted:
                return key
        return self.participant(f"@{handle}", handle=handle, platform="twitter")

    def _people_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self._all_people()}

    def _all_people(self) -> list[Participant]:
        return [p for accounts in self._people.values() for p in accounts.values()]

    def _session_id(self) -> str:
        return self.options.id or self.inputs.session_id()
