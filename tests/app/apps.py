"""Build the app for tests exactly as the CLI does (`build_app`), with test data and a
settings file in a temporary folder; and read what is on the screen."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot

from replay_tui.format.check import check_session
from replay_tui.format.model import FORMAT, Chapter, Participant, Post, Session, Source
from replay_tui.format.read import LoadedSession, load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.user.config import Config
from replay_tui.user.library import Entry

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "good" / "small.toml"
HOSTILE = DATA / "hostile.toml"


def settings(folder: Path | None = None) -> Config:
    """Settings in `folder` (by default where XDG_CONFIG_HOME points, set per test)."""
    if folder is None:
        return Config.load()
    return Config(folder / "config.toml")


def replay_app(path: Path = SMALL, *, config: Config | None = None) -> ReplayApp:
    return build_app(load_session(path), config=config if config is not None else settings())


def picker_app(entries: list[Entry], *, config: Config | None = None) -> ReplayApp:
    return build_app(
        None, config=config if config is not None else settings(), scan=lambda: entries
    )


def replay_screen(app: ReplayApp) -> ReplayScreen:
    screen = app.screen
    assert isinstance(screen, ReplayScreen), f"expected the replay screen, got {screen!r}"
    return screen


@asynccontextmanager
async def at_post(
    app: ReplayApp, index: int, size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot[int], ReplayScreen]]:
    """`app` running at `size`, its replay screen gone to post `index` and drawn."""
    async with app.run_test(size=size) as pilot:
        screen = replay_screen(app)
        screen.go_to(index)
        await pilot.pause()
        yield pilot, screen


async def answered(app: ReplayApp, pilot: Pilot[int]) -> None:
    """Wait for the workers (a search, a hashtag filter, the filter dialog's hashtags: each
    answered by one at every size) and what they post."""
    for _ in range(3):  # an answer may start another worker (a filter lands, then counts)
        await app.workers.wait_for_complete()
        await pilot.pause()


def screen_lines(app: ReplayApp) -> list[str]:
    """What the terminal would show, line by line (the compositor's output as text)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: ReplayApp) -> str:
    return "\n".join(screen_lines(app))


async def settle(app: ReplayApp, done: Callable[[], bool]) -> None:
    """Let workers finish, and the work they hand back to the app, until `done()`."""
    from textual.pilot import Pilot

    pilot = Pilot(app)
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if done():
            return
    raise AssertionError("the app never settled")


def two_voices(
    count: int, text: Callable[[int], str], title: str, chapters: Sequence[Chapter] = ()
) -> LoadedSession:
    """A checked session of `count` posts, Alice and Bob in turn a minute apart (the
    clock goes round, the day changes every 50,000 posts), one source; post i says
    `text(i)`."""
    posts = [
        Post(
            id=f"p{i}",
            author="a" if i % 2 else "b",
            sources=["s"],
            time=f"2020-01-{1 + i // 50_000:02d}T{(i // 60) % 24:02d}:{i % 60:02d}",
            text=text(i),
        )
        for i in range(count)
    ]
    people = [
        Participant(id="a", name="Alice", handle="@alice", group="x"),
        Participant(id="b", name="Bob", handle="@bob", group="y"),
    ]
    return checked("voices", title, people, posts, chapters)


def checked(
    name: str,
    title: str,
    participants: list[Participant],
    posts: list[Post],
    chapters: Sequence[Chapter] = (),
) -> LoadedSession:
    """The session `name` of `posts`, all from one news source `s`, as the checker makes
    it (built in memory: the large and the odd sessions no file in tests/data holds)."""
    session = Session(
        format=FORMAT,
        id=name,
        title=title,
        timezone="UTC",
        sources=[Source(id="s", outlet="Outlet", kind="news")],
        participants=participants,
        chapters=list(chapters),
        posts=posts,
    )
    loaded, problems = check_session(session, name)
    assert loaded is not None, problems[:3]
    return loaded
