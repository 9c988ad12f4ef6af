"""Render the real app headless at fixed sizes and save the screens as SVG (and PNG).

    python scripts/screenshots.py [--out screenshots] [--session FILE ...]

For each bundled session (or each FILE given): the title card, the post with the fullest
panes (context, reactions and press all filled where the session has such a post) at
120×40, the same post at 80×24 (panes as tabs), the same post in the projector theme, the
help screen and the end card; the focus view (`f`) in the projector theme on a reply, with
the presenter notes (`P`) where the post has notes; the sources view (`s`) of a post with
another wording; a search with its matches highlighted (`/`, the session's commonest
hashtag) and the thread view (`t`) at the last post; and once, the session picker over the
bundled library, and the preview a large JSON session opens on while it is checked (the
first session, written as JSON). Every session opens at its title card (`--from-start`),
so no shot depends on where an earlier one left off.

The app is built with `build_app`, the factory the `replay-tui` command uses, so the
pictures show what users get. Settings and the user's own sessions are kept out of it
(XDG_CONFIG_HOME and XDG_DATA_HOME point at an empty temporary folder), so the pictures do
not depend on who runs the script; XDG_STATE_HOME and XDG_RUNTIME_DIR point there too, so
no resume position or presenter file of the user's is read or written. SVGs come from
Textual's `save_screenshot`; PNGs from `rsvg-convert` (Debian: librsvg2-bin) when it is
installed, skipped with a note otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDE = (120, 40)
NARROW = (80, 24)


def _richest_post(path: Path) -> int:
    """The index of the post whose panes hold the most: first by how many of the three
    panes have something about this post, then by how much they hold."""
    from replay_tui.format.read import load_session
    from replay_tui.replay.cursor import Replay

    replay = Replay(load_session(path))
    best, best_key = 0, (-1, -1)
    for index in range(replay.count):
        counts = (
            len(replay.context(index)),
            len(replay.reactions(index)),
            len(replay.press(index)),
        )
        key = (sum(1 for c in counts if c), sum(counts))
        if key > best_key:
            best, best_key = index, key
    return best


async def _shoot(
    path: Path | None,
    out: Path,
    name: str,
    size: tuple[int, int],
    *,
    position: int | None = None,
    theme: str | None = None,
    keys: Sequence[str] = (),
) -> Path:
    from replay_tui.format.read import load_session
    from replay_tui.ui.app import build_app
    from replay_tui.user.config import Config
    from replay_tui.user.library import Entry, scan

    loaded = load_session(path) if path is not None else None
    config = Config(Path(os.environ["XDG_CONFIG_HOME"]) / "replay-tui" / "config.toml")

    def library() -> list[Entry]:
        # Paths as they are in the repository, not on the machine that made the pictures.
        return [
            dataclasses.replace(e, path=e.path.relative_to(ROOT))
            if e.path.is_relative_to(ROOT)
            else e
            for e in scan()
        ]

    app = build_app(loaded, from_start=True, config=config, scan=library)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if theme is not None:
            app.theme = theme
            await pilot.pause()
        if position is not None:
            from replay_tui.ui.screens.replay import ReplayScreen

            screen = app.screen
            assert isinstance(screen, ReplayScreen)
            screen.go_to(position)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
        # Background work (the activity strip, counts) settles once the reader stops moving.
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        svg = out / f"{name}.svg"
        app.save_screenshot(filename=svg.name, path=str(out))
    return svg


def _png(svg: Path) -> Path | None:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        return None
    # Textual writes spaces as &#160;; without xml:space="preserve" librsvg drops them at
    # the start of a text run, which shifts words in the picture (not in the terminal).
    text = svg.read_text(encoding="utf-8")
    if 'xml:space="preserve"' not in text:
        text = text.replace("<svg ", '<svg xml:space="preserve" ', 1)
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    png = svg.with_suffix(".png")
    try:
        subprocess.run([converter, "-o", str(png), tmp.name], check=True)
    finally:
        os.unlink(tmp.name)
    return png


def _focus_post(path: Path) -> tuple[int, bool]:
    """The post the focus view is shown on: a reply whose text is known and that has
    presenter notes (something to answer, something to say), else any such reply, else the
    first post; and whether it has notes (then the notes pane is opened too)."""
    from replay_tui.format.read import load_session

    posts = load_session(path).session.posts
    for wanted in (lambda p: p.reply_to and p.text and p.notes, lambda p: p.reply_to and p.text):
        for index, post in enumerate(posts):
            if wanted(post):
                return index, bool(post.notes)
    return 0, bool(posts and posts[0].notes)


def _worded_post(path: Path) -> int:
    """A post with another source's wording (the sources view compares them), else the
    post with the most sources."""
    from replay_tui.format.read import load_session

    posts = load_session(path).session.posts
    for index, post in enumerate(posts):
        if post.variants:
            return index
    return max(range(len(posts)), key=lambda i: len(posts[i].sources), default=0)


def _search_word(path: Path) -> str:
    """What the search shot looks for: the words of the session's commonest hashtag, else
    the first participant's name."""
    from replay_tui.format.read import load_session
    from replay_tui.replay.search import SearchIndex

    loaded = load_session(path)
    tags = SearchIndex(loaded).tags(mentions=False)
    if tags:
        return tags[0].tag.lstrip("#＃")  # typed as keys; the words match the hashtag too
    people = loaded.session.participants
    return people[0].name if people else "the"


async def _session_shots(path: Path, out: Path) -> list[Path]:
    stem = path.stem
    rich = _richest_post(path)
    shots = [
        await _shoot(path, out, f"{stem}-title", WIDE),
        await _shoot(path, out, f"{stem}-post", WIDE, position=rich),
        await _shoot(path, out, f"{stem}-80x24", NARROW, position=rich),
        await _shoot(path, out, f"{stem}-projector", WIDE, position=rich, theme="projector"),
        await _shoot(path, out, f"{stem}-help", WIDE, position=rich, keys=["question_mark"]),
        await _shoot(path, out, f"{stem}-end", WIDE, keys=["end", "right"]),
    ]
    focus, notes = _focus_post(path)
    shots.append(
        await _shoot(
            path,
            out,
            f"{stem}-focus",
            WIDE,
            position=focus,
            theme="projector",
            keys=["f", "P"] if notes else ["f"],
        )
    )
    shots.append(
        await _shoot(path, out, f"{stem}-sources", WIDE, position=_worded_post(path), keys=["s"])
    )
    word = _search_word(path)
    shots.append(await _shoot(path, out, f"{stem}-search", WIDE, keys=["slash", *word, "enter"]))
    shots.append(await _shoot(path, out, f"{stem}-thread", WIDE, keys=["end", "t"]))
    return shots


async def _loading_shot(path: Path, out: Path) -> Path:
    """The screen a large JSON session opens on while it is checked: `path` written as
    JSON, opened on its preview, and pictured before the check runs (it is not started)."""
    import msgspec

    from replay_tui.format.preview import preview
    from replay_tui.format.read import load_session
    from replay_tui.ui.app import build_app
    from replay_tui.ui.screens.loading import LoadingScreen
    from replay_tui.user.config import Config

    with tempfile.TemporaryDirectory() as folder:
        # Named as in the repository, so the picture does not show a temporary folder.
        as_json = Path(folder) / path.relative_to(ROOT).with_suffix(".json")
        as_json.parent.mkdir(parents=True)
        as_json.write_bytes(msgspec.json.encode(load_session(path).session))
        found = preview(as_json, max_bytes=2**30, from_bytes=0)
        assert found is not None
        found = dataclasses.replace(found, file=str(path.relative_to(ROOT).with_suffix(".json")))
        start = LoadingScreen.on_mount
        LoadingScreen.on_mount = lambda self: None  # type: ignore[method-assign]
        try:
            # Default settings, as the other shots have them (not a theme one of them saved).
            config = Config(Path(os.environ["XDG_CONFIG_HOME"]) / "replay-tui" / "config.toml")
            app = build_app(preview=found, from_start=True, config=config)
            async with app.run_test(size=WIDE) as pilot:
                await pilot.pause()
                svg = out / "loading.svg"
                app.save_screenshot(filename=svg.name, path=str(out))
        finally:
            LoadingScreen.on_mount = start  # type: ignore[method-assign]
    return svg


async def _main(sessions: list[Path], out: Path, picker: bool) -> list[Path]:
    shots: list[Path] = []
    for path in sessions:
        shots += await _session_shots(path, out)
    if picker:
        shots.append(await _shoot(None, out, "picker", WIDE))
        shots.append(await _loading_shot(sessions[0], out))
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--session", type=Path, action="append", metavar="FILE")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from replay_tui.user.library import bundled_dir, session_files

    sessions = options.session or list(session_files(bundled_dir()))
    if not sessions:
        sys.stderr.write(f"no sessions found in {bundled_dir()}\n")
        return 1
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="replay-tui-shots-") as home:
        os.environ["XDG_CONFIG_HOME"] = str(Path(home) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(home) / "data")
        os.environ["XDG_STATE_HOME"] = str(Path(home) / "state")
        runtime = Path(home) / "run"
        runtime.mkdir(mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        shots = asyncio.run(_main(sessions, options.out, picker=options.session is None))
    converter = shutil.which("rsvg-convert")
    for svg in shots:
        png = _png(svg)
        print(
            f"{svg.relative_to(options.out.parent) if svg.is_relative_to(ROOT) else svg}"
            + (f" + {png.name}" if png else "")
        )
    if converter is None:
        print("rsvg-convert not found: SVG only (Debian/Ubuntu: apt-get install librsvg2-bin)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
