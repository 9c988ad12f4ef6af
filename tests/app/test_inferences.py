"""Inferences a session marks (`reply_to_inferred`, `published_zone_inferred`) are shown as
inferences wherever the replay shows the link or the time: the timeline, the focus view,
the context and press panes, the sources lists and provenance (issue 18)."""

from __future__ import annotations

from pathlib import Path

from replay_tui.format.read import load_session
from replay_tui.replay.cursor import Replay
from replay_tui.ui import present
from replay_tui.ui.render import Renderer
from replay_tui.ui.render_cards import sources_section
from replay_tui.ui.render_panes import context_pane, press_pane

from .apps import DATA, SMALL

INFERRED = DATA / "good" / "inferred.toml"
ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED_IDF = ROOT / "sessions" / "idf-hamas-2013-10.toml"
LINK_REASON = "The article says B answered A, not which post."
ZONE_REASON = "The article gives no zone; it is read as Israel time."


def renderer(path: Path, at: int) -> Renderer:
    replay = Replay(load_session(path))
    replay.go(at)
    return Renderer(replay)


def test_the_timeline_marks_an_inferred_reply_link() -> None:
    r = renderer(INFERRED, 1)
    timeline = "\n".join(part.content.plain for part in r.post_parts(1))
    assert "↳ replying to A · inferred link" in timeline


def test_the_context_pane_and_the_focus_view_give_the_reason() -> None:
    r = renderer(INFERRED, 1)
    context, _ = context_pane(r)
    assert f"Reply link: inferred link — {LINK_REASON}" in context.plain
    focus = present.focus_view(r).plain
    assert f"inferred link: {LINK_REASON}" in focus


def test_a_stated_reply_link_is_not_marked() -> None:
    r = renderer(SMALL, 2)
    assert "inferred" not in "\n".join(p.content.plain for p in r.post_parts(2))
    assert "inferred" not in present.focus_view(r).plain


def test_an_inferred_zone_is_marked_where_the_publication_time_is_shown() -> None:
    r = renderer(INFERRED, 1)
    press, _ = press_pane(r)
    assert "Outlet · Thu 24 Oct 2013 · 18:58 IDT (zone inferred)" in press.plain
    sources = "".join(c.plain for c in sources_section(r))
    assert "18:58 IDT (zone inferred)" in sources
    assert f"zone inferred: {ZONE_REASON}" in sources
    provenance = present.provenance(r, 1).plain
    assert "published Thu 24 Oct 2013 · 18:58 IDT (zone inferred)" in provenance
    assert f"zone inferred: {ZONE_REASON}" in provenance


def test_the_bundled_brigades_reply_shows_its_inferred_link() -> None:
    replay = Replay(load_session(BUNDLED_IDF))
    index = next(i for i, p in enumerate(replay.posts) if p.id == "qassam-1")
    replay.go(index)
    r = Renderer(replay)
    timeline = "\n".join(part.content.plain for part in r.post_parts(index))
    assert "↳ replying to @LTCPeterLerner · inferred link" in timeline
    assert "No source says which of Lerner's tweets" in present.focus_view(r).plain
