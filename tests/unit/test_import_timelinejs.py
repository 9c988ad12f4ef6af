"""TimelineJS imports: events at their precision, text, groups, eras, media, the title slide,
and replay-tui's own TimelineJS export read back as the posts it was made from."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_check import by_id, fixture_passes, inert_on_screen, strictly_clean

from replay_tui.export.timelinejs import render
from replay_tui.export.view import ExportOptions
from replay_tui.format.model import Session
from replay_tui.format.read import LoadedSession, read_session
from replay_tui.imports import ImportOptions, detect, import_paths

DATA = Path(__file__).parent.parent / "data" / "imports" / "timelinejs"
SESSIONS = Path(__file__).parent.parent.parent / "sessions"


def imported(path: Path, **options: str) -> Session:
    return import_paths([path], ImportOptions(**options)).session  # type: ignore[arg-type]


def notes_of(session: Session, post_id: str) -> list[str]:
    return [n.body for n in session.context if post_id in n.posts]


@pytest.mark.parametrize("name", ["bridge.json", "phases.json", "embeds.json", "legacy.json"])
def test_every_fixture_is_recognised_and_passes_check_strict(name: str, tmp_path: Path) -> None:
    fixture_passes(DATA / name, "timelinejs", tmp_path)


def test_each_event_keeps_exactly_its_precision() -> None:
    posts = by_id(imported(DATA / "bridge.json"))
    assert posts["event-1"].time == "2019"  # a year stays a year, never 1 January
    assert posts["event-2"].time == "2020-03"
    assert posts["event-3"].time == "2021-11-04"  # an hour without minutes: the day
    assert posts["event-4"].time == "2025-06-02T09:15"
    assert posts["event-6"].time == "2025-06-02T09:31:07"
    assert posts["hostile"].time == "2025-06-02"  # empty hour and minute are unknown
    assert posts["event-8"].time is None  # 500 BCE cannot be written as a session time


def test_what_a_date_could_not_keep_is_noted() -> None:
    session = imported(DATA / "bridge.json")
    assert any("18h" in n for n in notes_of(session, "event-3"))
    assert any("250 ms" in n for n in notes_of(session, "event-6"))
    assert any("-500" in n for n in notes_of(session, "event-8"))
    assert any("Spring 2020" in n for n in notes_of(session, "event-2"))
    assert any("until 2025-06-02T12:00" in n for n in notes_of(session, "event-4"))


def test_headline_and_text_become_the_text_a_reader_sees() -> None:
    posts = by_id(imported(DATA / "bridge.json"))
    assert posts["event-2"].text == "The survey reports\n\nCracks in two piers.\nRepair or replace?"


def test_the_title_slide_gives_title_and_summary() -> None:
    session = imported(DATA / "bridge.json")
    assert session.title == "The bridge budget, 2019–2025"
    assert (
        session.summary
        == "How the council’s bridge budget came to a vote.\n\nCompiled from the minutes."
    )
    assert imported(DATA / "bridge.json", title="Mine").title == "Mine"


def test_media_url_credit_and_caption_are_kept() -> None:
    posts = by_id(imported(DATA / "bridge.json"))
    (survey,) = posts["event-2"].media
    assert survey.kind == "link"
    assert survey.description == (
        "The survey, p. 12. Credit: Engineers' office. https://files.example.org/survey-2020.pdf"
    )
    assert posts["event-3"].media[0].kind == "video"


def test_a_tweet_or_bluesky_url_becomes_the_posts_link() -> None:
    session = imported(DATA / "bridge.json")
    posts = by_id(session)
    assert posts["event-4"].url == "https://twitter.com/CouncilNews/status/1929466818720694272"
    assert posts["event-6"].url == "https://bsky.app/profile/ana.example.com/post/3lqrep2222cc"
    # A tweet from outside the event's date would contradict it: media only, and said so.
    assert posts["event-5"].url is None
    assert any("status ID" in n for n in notes_of(session, "event-5"))


def test_media_given_as_embed_code_becomes_its_text_and_address() -> None:
    """TimelineJS shows a `<blockquote>`, a tweet's embed code or an `<iframe>` given as the
    media's url (Knight Lab's own examples do): no tag is kept, the words and address are."""
    posts = by_id(imported(DATA / "embeds.json"))
    (quote,) = posts["event-1"].media
    assert quote.kind == "other"
    assert quote.description == (
        "From the opening speech. Credit: Harbour Gazette. "
        "Nothing is built to last & nothing lasts. Chief engineer"
    )
    (frame,) = posts["event-2"].media
    assert frame.kind == "link"
    assert frame.description == (
        "The plans, as a map. Credit: City archive. https://maps.example.org/embed?harbour=1&zoom=3"
    )
    (tweet,) = posts["event-3"].media
    assert "<" not in (tweet.description or "") and "Work starts on Monday" in (
        tweet.description or ""
    )
    # The embedded tweet, and the old `#!/` address of it, are the post's link.
    assert posts["event-3"].url == "https://twitter.com/harbour_works/status/69345729015066624"
    assert posts["event-4"].url == "https://twitter.com/harbour_works/status/69345729015066624"


def test_a_timelinejs_2_document_reads_as_its_timelinejs3_counterpart() -> None:
    """Timelines published before TimelineJS3 (Knight Lab's own example pages keep some):
    `timeline.date` events with `YEAR,MONTH,DAY,…` dates, `asset`, `tag` and `era`."""
    result = import_paths([DATA / "legacy.json"], ImportOptions())
    session = result.session
    assert session is not None
    assert (session.title, session.summary) == (
        "The ferry\n1998–2012",
        "How the harbour ferry came and went, in the older TimelineJS form.",
    )
    posts = by_id(session)
    assert [posts[f"event-{n}"].time for n in range(1, 8)] == [
        "1998",  # a year stays a year
        "2001-06",
        "2003-03-14",
        "2011-05-14T09:30",
        "2012-02-01",
        "2012-03-01",
        None,
    ]
    assert posts["event-2"].text == "Trials\n\nSummer trials & tests"
    assert any("until 2001-09" in n for n in notes_of(session, "event-2"))
    assert [c.title for c in session.chapters] == ["Before", "In service"]
    assert posts["event-1"].author != posts["event-2"].author  # tags are groups
    assert (posts["event-3"].media[0].description or "").startswith("Credit: Twitter.")
    [problem] = result.problems
    assert "event 7" in problem.message and "spring 2012" in problem.message
    assert detect(DATA / "legacy.json") == "timelinejs"
    assert session.sources[0].outlet == "TimelineJS timeline (JSON, the TimelineJS 2 form)"


def test_interleaved_groups_are_participants_and_eras_chapters() -> None:
    session = imported(DATA / "bridge.json")
    people = {p.id: p.name for p in session.participants}
    posts = by_id(session)
    assert people[posts["event-1"].author] == "Council"
    assert people[posts["event-2"].author] == "Engineers"
    assert people[posts["event-6"].author] == "The timeline"
    assert [(c.title, c.start) for c in session.chapters] == [
        ("Planning", "event-1"),
        ("The vote", "event-5"),
    ]


def test_groups_that_follow_one_another_are_chapters() -> None:
    session = imported(DATA / "phases.json")
    assert [(c.title, c.start) for c in session.chapters] == [
        ("Phase one", "event-1"),
        ("Phase two", "event-3"),
        ("Phase & three", "event-4"),  # decoded twice, as TimelineJS shows a group
    ]
    assert {p.name for p in session.participants} == {"The timeline"}


def test_hostile_html_stays_inert_text() -> None:
    post = by_id(imported(DATA / "bridge.json"))["hostile"]
    assert post.text == "<b>Not bold</b>\n\n[bold]not markup[/bold] \x1b[2Jcleared \u202eevil"
    assert post.text is not None
    inert_on_screen(post.text)


def _exported(session_file: Path, tmp_path: Path) -> tuple[LoadedSession, Path]:
    loaded, problems = read_session(session_file)
    assert loaded is not None, problems
    out = tmp_path / f"{session_file.stem}.timeline.json"
    out.write_text(render(loaded, ExportOptions()))
    return loaded, out


@pytest.mark.parametrize("name", ["idf-hamas-2013-10.toml", "askhamas-2015-03.toml"])
def test_own_export_reads_back_with_the_same_posts_times_and_precision(
    name: str, tmp_path: Path
) -> None:
    original, timeline = _exported(SESSIONS / name, tmp_path)
    assert detect(timeline) == "timelinejs"
    session = imported(timeline)
    strictly_clean(session, tmp_path)
    back, problems = read_session(tmp_path / "session.json")
    assert back is not None and problems == []
    zone = original.zone
    assert session.timezone == original.session.timezone
    assert session.title == original.session.title
    placed = [i for i, _ in enumerate(original.session.posts) if original.times[i] is not None]
    assert len(back.session.posts) == len(placed)
    pairs = sorted(
        (original.times[i].instant, i)
        for i in placed  # type: ignore[union-attr]
    )
    for n, (_, i) in enumerate(pairs):
        before, after = original.session.posts[i], back.session.posts[n]
        was, now = original.times[i], back.times[n]
        assert was is not None and now is not None
        assert now.precision == was.precision
        assert now.truncated(now.precision, zone) == was.truncated(was.precision, zone)
        assert (now.derived is None) == (was.derived is None)
        assert after.status == before.status
        assert after.text == before.text
        assert (after.warning, after.warning_by) == (before.warning, before.warning_by)


def test_own_export_reads_back_each_posts_warning_and_whose_it_is(tmp_path: Path) -> None:
    warned = Path(__file__).parent.parent / "data" / "good" / "warned.toml"
    _, timeline = _exported(warned, tmp_path)
    posts = imported(timeline).posts
    assert [(p.warning, p.warning_by) for p in posts] == [
        (None, "editor"),
        ("Injury details", "author"),
        (None, "editor"),
        ("Disaster: a description of flood damage", "editor"),
        (None, "editor"),
    ]
    assert posts[1].text == "The accident report describes the injuries in detail."
