"""The command palette: go to a post by its words or its author; to a chapter or a bookmark;
filter by a participant or a hashtag; open another session (Textual's own commands add the
themes).

Textual's fuzzy matcher is built for a few hundred commands and its highlighter parses the
candidate as markup; a session may hold 100,000 untrusted posts. So the post search here is
the `/` search's: the replay screen's `SearchIndex`, with its folding (case, accents and
invisibles ignored: `resume` finds `Résumé`), every typed word matched anywhere `/` looks
(text, author, handle, notes, context and press about the post). The event loop is given a
turn after every block of the index, at most `MAX_HITS` are offered, and matches are
highlighted by spans on sanitised Content.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from replay_tui.format.read import LoadedSession
from replay_tui.replay.filters import Filter
from replay_tui.replay.folding import find_spans, fold_query
from replay_tui.ui import text as t
from replay_tui.ui.controllers.presenting import save_screenshot
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.user.library import Entry
from replay_tui.words import phrases, timefmt

MAX_HITS = 100
PREVIEW = 90
YIELD_EVERY = 4000


class PostSearch(Provider):
    """Jump to a post by its text or author."""

    def _screen(self) -> ReplayScreen | None:
        screen = self.screen
        return screen if isinstance(screen, ReplayScreen) else None

    async def discover(self) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        replay = screen.replay
        if replay.count:
            yield DiscoveryHit(
                Content("Go to the first post"), partial(screen.go_to, 0), help="Home or g"
            )
            yield DiscoveryHit(
                Content("Go to the last post"),
                partial(screen.go_to, replay.count - 1),
                help="End or G",
            )
        for chapter in replay.chapters:
            yield DiscoveryHit(
                t.join(
                    [
                        t.words(f"Go to chapter {chapter.number}: "),
                        t.clipped(chapter.chapter.title, 80),
                    ]
                ),
                partial(screen.go_to, chapter.start),
                text=f"chapter {chapter.number}",
                help=f"post {chapter.start + 1:,} of {replay.count:,}",
            )

    async def search(self, query: str) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        words = [w for w in (fold_query(word).strip() for word in query.split()) if w]
        if not words:
            return
        replay = screen.replay
        index = screen.index
        # The longest word finds the fewest candidates; the others are checked on each.
        lead = max(words, key=len)
        others = [w for w in words if w is not lead]
        matcher = self.matcher(query)
        found = 0
        for lo, hi in index.ranges(0, index.count):
            await asyncio.sleep(0)  # a turn for the event loop after every block
            for i in index.posts_with(lead, lo, hi):
                if not all(index.matches_post(w, i) for w in others):
                    continue
                prompt = self.prompt(screen, i, query.split())
                score = matcher.match(prompt.plain) or 0.0
                # Earlier posts first among equal matches; every hit scores above zero.
                score = 0.5 + score / 2 - i / (replay.count * 10 + 10)
                renderer = screen.words
                when = timefmt.format_short(replay.time(i), renderer.zone, locale=renderer.locale)
                yield Hit(
                    score,
                    prompt,
                    partial(screen.go_to, i),
                    text=prompt.plain,
                    help=f"post {i + 1:,} of {replay.count:,} · {when}",
                )
                found += 1
                if found >= MAX_HITS:
                    return

    def prompt(self, screen: ReplayScreen, index: int, words: list[str]) -> Content:
        """'Name @handle: text…' with the typed words highlighted (as `/` finds them)."""
        replay = screen.replay
        post = replay.posts[index]
        person = replay.participant(post.author)
        name = person.name if person else post.author
        handle = f" {person.handle}" if person and person.handle else ""
        body = phrases.preview_words(post)  # a warning in place of the words it hides
        content = t.join(
            [t.clipped(name + handle, 50, "bold"), t.words(": "), t.clipped(body, PREVIEW)]
        )
        plain = content.plain
        for word in words:
            for start, end in find_spans(plain, word):
                content = content.stylize("bold underline $text-accent", start, end)
        return content


# --- the reading commands: chapters, bookmarks, filters, sessions --------------------------
#
# Each offers its commands to the palette as Content built by `ui/text.py` (titles, names and
# hashtags are session text) and scores them with Textual's matcher on the plain text only,
# never letting it highlight (it would parse the candidate as markup).


def _replay_screen(provider: Provider) -> ReplayScreen | None:
    """The replay screen the palette was opened from, if it takes commands (not a
    follower, which goes only where its presenter goes)."""
    screen = provider.screen
    if isinstance(screen, ReplayScreen) and screen.presenter:
        return screen
    return None


def _scored(provider: Provider, query: str, display: Content) -> float:
    return provider.matcher(query).match(display.plain)


class ChapterCommands(Provider):
    """Go to a chapter by its number or its title."""

    async def search(self, query: str) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        for chapter in screen.replay.chapters:
            display = t.join(
                [
                    t.words(f"Go to chapter {chapter.number}: "),
                    t.clipped(chapter.chapter.title, 80),
                ]
            )
            score = _scored(self, query, display)
            if score > 0:
                yield Hit(
                    score,
                    display,
                    partial(screen.jump, chapter.start),
                    text=display.plain,
                    help=f"from post {chapter.start + 1:,} of {screen.replay.count:,}",
                )


class BookmarkCommands(Provider):
    """Go to a bookmarked post; bookmark the current one."""

    def _hits(self, screen: ReplayScreen) -> list[tuple[Content, Callable[[], object], str]]:
        replay = screen.replay
        state = screen.state
        if state is None:
            return []
        found: list[tuple[Content, Callable[[], object], str]] = []
        if replay.current is not None:
            on = state.is_bookmarked(replay.current.id)
            found.append(
                (
                    t.words("Remove the bookmark on this post" if on else "Bookmark this post"),
                    screen.action_bookmark,
                    "b",
                )
            )
        for index in state.bookmarked_indices(replay.loaded.post_index):
            post = replay.posts[index]
            person = replay.participant(post.author)
            display = t.join(
                [
                    t.words(f"Go to bookmark ★ {index + 1:,}: "),
                    t.clipped(person.name if person else post.author, 40, "bold"),
                    t.words(": "),
                    t.clipped(phrases.preview_words(post), PREVIEW),
                ]
            )
            found.append((display, partial(screen.jump, index), f"post {index + 1:,}"))
        return found

    async def discover(self) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        for display, command, help in self._hits(screen):
            yield DiscoveryHit(display, command, text=display.plain, help=help)

    async def search(self, query: str) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        for display, command, help in self._hits(screen):
            score = _scored(self, query, display)
            if score > 0:
                yield Hit(score, display, command, text=display.plain, help=help)


class FilterCommands(Provider):
    """Show only one participant's posts, or a hashtag's; show all posts again."""

    async def discover(self) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        yield DiscoveryHit(
            t.words("Filter: choose participants or a hashtag…"),
            screen.action_filter,
            help="F",
        )
        if screen.filter.active:
            yield DiscoveryHit(t.words("Filter: show all posts again"), self._clear(screen))

    def _clear(self, screen: ReplayScreen) -> Callable[[], None]:
        return partial(screen.apply_filter, Filter())

    async def search(self, query: str) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        candidates: list[tuple[Content, Callable[[], None], str]] = []
        if screen.filter.active:
            candidates.append(
                (t.words("Filter: show all posts again"), self._clear(screen), "all posts")
            )
        for person, count in screen.filtering.people():
            display = t.join(
                [
                    t.words("Filter: only posts by "),
                    t.clipped(person.name, 50, "bold"),
                    t.words(" "),
                    t.clipped(person.handle or "", 30),
                ]
            )
            chosen = Filter(participants=frozenset({person.id}))
            candidates.append(
                (display, partial(screen.apply_filter, chosen), t.count(count, "post"))
            )
        # The hashtags need the tag index: a second's work at a million posts, so not here.
        tags = await asyncio.to_thread(screen.filtering.hashtags)
        for tag in tags:
            display = t.join([t.words("Filter: only posts with "), t.line(tag.tag, "bold")])
            chosen = Filter(tag=tag.tag)
            candidates.append(
                (display, partial(screen.apply_filter, chosen), t.count(tag.count, "post"))
            )
        for number, (display, command, help) in enumerate(candidates):
            if number % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)
            score = _scored(self, query, display)
            if score > 0:
                yield Hit(score, display, command, text=display.plain, help=help)


class SessionCommands(Provider):
    """Open another session of the library, or go back to the session list."""

    async def startup(self) -> None:
        self._entries: list[Entry] | None = None

    async def _library(self) -> list[Entry]:
        """The library, scanned once per palette in a thread (it reads every file)."""
        entries = self._entries
        if entries is None:
            library: Callable[[], list[Entry]] | None = getattr(self.app, "library", None)
            entries = await asyncio.to_thread(library) if library is not None else []
            self._entries = entries
        return entries

    def _commands(
        self, screen: ReplayScreen, entries: list[Entry]
    ) -> list[tuple[Content, Callable[[], None], str]]:
        found: list[tuple[Content, Callable[[], None], str]] = [
            (t.words("Sessions: choose one from the list"), partial(open_picker, screen), "")
        ]
        current = screen.replay.session.id
        for entry in entries:
            if entry.loaded is None or entry.id == current:
                continue
            display = t.join([t.words("Open session: "), t.clipped(entry.title, 80, "bold")])
            found.append(
                (
                    display,
                    partial(open_session, screen, entry.loaded),
                    f"{entry.dates or 'dates unknown'} · {t.count(entry.posts, 'post')}",
                )
            )
        return found

    async def discover(self) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        yield DiscoveryHit(
            t.words("Sessions: choose one from the list"), partial(open_picker, screen)
        )

    async def search(self, query: str) -> Hits:
        screen = _replay_screen(self)
        if screen is None:
            return
        for display, command, help in self._commands(screen, await self._library()):
            score = _scored(self, query, display)
            if score > 0:
                yield Hit(score, display, command, text=display.plain, help=help or None)


def open_session(screen: ReplayScreen, loaded: LoadedSession) -> None:
    """Replace the replay screen by one of `loaded` (the old one saves its state as it
    goes); Esc still leads back to the session list when the old one came from it."""
    app = screen.app
    resume = not getattr(app, "from_start", False)
    app.switch_screen(ReplayScreen(loaded, from_picker=screen.from_picker, resume=resume))


def open_picker(screen: ReplayScreen) -> None:
    """The session list: back to it when the replay came from it, else over the replay,
    which it leads back to (Esc) as it was; autoplay pauses meanwhile."""
    if screen.from_picker:
        screen.dismiss()
        return
    from replay_tui.format.read import DEFAULT_MAX_BYTES
    from replay_tui.ui.screens.picker import PickerScreen

    app = screen.app
    library = getattr(app, "library", None)
    if callable(library):
        if screen.autoplay.playing:
            screen.autoplay.toggle()
        max_bytes = getattr(app, "max_bytes", DEFAULT_MAX_BYTES)
        back_to = screen.replay.session.id
        app.push_screen(PickerScreen(library, max_bytes=max_bytes, back_to=back_to))


# --- Textual's own commands ----------------------------------------------------------------


def system_commands(
    screen: Screen[Any], textuals: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    """Textual's system commands with its "Screenshot" replaced by `S`'s. Textual's saves
    into the Downloads folder (platformdirs' `user_downloads_path()`, never created), in a
    thread whose error it reduces to "Failed to save screenshot": on a machine without
    ~/Downloads it always failed. `S` saves into the current folder and says where (or
    why not). A follower refuses `S`, so its palette offers no screenshot either."""
    for command in textuals:
        if command.title != "Screenshot":
            yield command
        elif isinstance(screen, ReplayScreen):
            if screen.presenter:
                yield SystemCommand(
                    "Screenshot",
                    "Save an SVG screenshot of the screen into the current folder (S)",
                    screen.action_save_screenshot,
                )
        else:
            from replay_tui.ui.screens.picker import PickerScreen

            stem = "replay-tui-sessions" if isinstance(screen, PickerScreen) else "replay-tui"
            yield SystemCommand(
                "Screenshot",
                "Save an SVG screenshot of the screen into the current folder",
                partial(save_screenshot, screen, stem),
            )
