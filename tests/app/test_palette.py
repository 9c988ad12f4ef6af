"""The command palette's post search: by text, by author or handle, and the jumps it offers
before anything is typed."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.content import Content

from replay_tui.ui.commands import PostSearch

from .apps import replay_app, replay_screen, screen_text, settle


async def hits_for(query: str) -> list[tuple[str, str | None]]:
    app = replay_app()
    async with app.run_test(size=(120, 40)):
        provider = PostSearch(replay_screen(app))
        return [(str(hit.text), hit.help) async for hit in provider.search(query)]


async def test_search_by_text() -> None:
    hits = await hits_for("staffing")
    assert [text.split(":")[0] for text, _ in hits] == [
        "Riverside Library @RiversideLib",
        "Ana Reporter @ana_reports",
        "Riverside Library @RiversideLib",
    ]
    assert hits[0][1] == "post 3 of 8 · ≈4 Mar 2021 11:15:30"


async def test_search_by_author_name_or_handle_any_case_any_order() -> None:
    by_name = await hits_for("ANA reporter")
    assert len(by_name) == 2
    by_handle = await hits_for("@riversideres")
    assert {help for _, help in by_handle} == {
        "post 2 of 8 · 4 Mar 2021 09:12",
        "post 5 of 8 · 5 Mar 2021",
        "post 3 of 8 · ≈4 Mar 2021 11:15:30",  # mentions @RiversideRes in its text
    }
    assert await hits_for("reporter follow-up") == [
        (
            "Ana Reporter @ana_reports: Follow-up piece is out. #RiversideLibrary",
            "post 8 of 8 · date unknown",
        )
    ]
    assert await hits_for("nothing like this") == []


async def test_a_missing_post_is_found_by_its_author_and_says_so() -> None:
    hits = await hits_for("residents missing")
    assert hits == []  # "missing" is not text of the post: its text is unknown
    texts = [text for text, _ in await hits_for("residents")]
    assert "Riverside Residents @RiversideRes: text unknown (missing)" in texts


async def test_choosing_a_hit_jumps_to_the_post() -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        await pilot.press("ctrl+p", *"sunday")
        await settle(app, lambda: "A reader: Just open on Sunday instead?" in screen_text(app))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert screen.replay.position == 5
        assert "6/8" in screen_text(app)


async def test_discovery_offers_first_last_and_chapters() -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        provider = PostSearch(screen)
        found = [(str(hit.text), hit.command) async for hit in provider.discover()]
        names = [text for text, _ in found]
        assert names == [
            "Go to the first post",
            "Go to the last post",
            "chapter 1",
            "chapter 2",
        ]
        found[3][1]()
        await pilot.pause()
        assert screen.replay.position == 2
        found[1][1]()
        await pilot.pause()
        assert screen.replay.position == 7


async def test_themes_are_offered_in_the_palette() -> None:
    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"theme")
        await settle(app, lambda: "Theme" in screen_text(app))


async def test_chapters_and_bookmarks_in_the_palette() -> None:
    from replay_tui.ui.commands import BookmarkCommands, ChapterCommands

    app = replay_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        hits = [hit async for hit in ChapterCommands(screen).search("replies")]
        assert [str(hit.text) for hit in hits] == ["Go to chapter 2: Replies"]
        hits[0].command()
        await pilot.pause()
        assert screen.replay.position == 2
        offered = [str(hit.text) async for hit in BookmarkCommands(screen).discover()]
        assert offered == ["Bookmark this post"]
        await pilot.press("b", "end")
        offered = [str(hit.text) async for hit in BookmarkCommands(screen).discover()]
        assert offered[0] == "Bookmark this post"
        assert offered[1].startswith("Go to bookmark ★ 3: Riverside Library: @RiversideRes")
        hits = [hit async for hit in BookmarkCommands(screen).search("bookmark staffing")]
        hits[-1].command()
        await pilot.pause()
        assert screen.replay.position == 2


async def test_open_another_session_from_the_palette(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    from replay_tui.ui.app import build_app
    from replay_tui.ui.commands import SessionCommands
    from replay_tui.ui.screens.picker import PickerScreen
    from replay_tui.ui.screens.replay import ReplayScreen
    from replay_tui.user.library import scan

    from .apps import HOSTILE, SMALL, settings

    folder = Path(str(tmp_path)) / "library"
    folder.mkdir()
    shutil.copy(SMALL, folder / "small.toml")
    shutil.copy(HOSTILE, folder / "hostile.toml")
    entries = scan([folder], include_defaults=False)
    from replay_tui.format.read import load_session

    app = build_app(load_session(SMALL), config=settings(), scan=lambda: entries)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        provider = SessionCommands(screen)
        await provider.startup()
        texts = {str(hit.text): hit async for hit in provider.search("open session hostile")}
        (text,) = texts
        assert text.startswith("Open session: Hostile [@click=app.quit]x[/]")
        texts[text].command()
        await pilot.pause()
        other = app.screen
        assert isinstance(other, ReplayScreen) and other.replay.session.id == "hostile"
        hits = [hit async for hit in SessionCommands(other).discover()]
        hits[0].command()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


def test_every_palette_provider_named_by_the_app_exists() -> None:
    # They are imported when the palette first opens: a misspelt name would fail only then.
    from textual.command import Provider

    from replay_tui.ui import app as app_module

    for name in app_module.PROVIDERS:
        assert issubclass(app_module._provider(name)(), Provider), name


async def test_the_palette_finds_what_slash_finds_whatever_the_accents() -> None:
    """The palette's post search is the `/` search: the same index, the same folding."""
    import msgspec

    from replay_tui.format.check import check_session
    from replay_tui.format.read import load_session
    from replay_tui.ui.app import build_app

    from .apps import SMALL, settings

    loaded = load_session(SMALL)
    posts = list(loaded.session.posts)
    posts[4] = msgspec.structs.replace(posts[4], text="Résumé of the week: the hours stay.")
    checked, problems = check_session(msgspec.structs.replace(loaded.session, posts=posts), "x")
    assert checked is not None, problems
    app = build_app(checked, config=settings())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = replay_screen(app)
        hits = [hit async for hit in PostSearch(screen).search("RESUME week")]
        assert [hit.help.split(" · ")[0] for hit in hits if hit.help] == ["post 5 of 8"]
        assert "Résumé of the week" in str(hits[0].text)
        # The highlight covers the accented word as shown.
        display = hits[0].match_display
        assert isinstance(display, Content)
        spans = [s for s in display.spans if "underline" in str(s.style)]
        assert {display.plain[s.start : s.end] for s in spans} == {"Résumé", "week"}
        # `/` finds the same post.
        screen.finder.search_for("resume")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.replay.position == 4
