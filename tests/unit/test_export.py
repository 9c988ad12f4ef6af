"""Exports: each format on the bundled sessions and on hostile input, and the CLI around them.

What matters is what a reader of an export is told: times at their precision, derived times
marked, tombstones named, variants with their sources, media behind a warning left out
unless revealed, and, for hostile sessions, that nothing in a file (markup, HTML, a link, an
escape byte, a bidi override) comes alive in the document, while the text is still there to
read.
"""

from __future__ import annotations

import json
import os
import re
import stat
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import msgspec
import pytest
from markdown_it import MarkdownIt

from replay_tui.cli import main
from replay_tui.export import FORMATS, ExportError, ExportOptions, export, select_posts
from replay_tui.export.timelinejs import document as timeline_document
from replay_tui.format.read import LoadedSession, load_session, read_session

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
IDF = ROOT / "sessions" / "idf-hamas-2013-10.toml"
ASK = ROOT / "sessions" / "askhamas-2015-03.toml"
HOSTILE = DATA / "hostile.toml"
HOSTILE_EXPORT = DATA / "hostile_export.toml"
BUNDLED = [IDF, ASK]
DOCUMENTS = ("markdown", "html", "timelinejs", "text")

GRAPHIC_WARNING = "Graphic: photo of a toddler buried under ruins (as Ynetnews describes it)"
GRAPHIC_DESCRIPTION = "Neither source reproduces or describes it further."
YNET_VARIANT = "We are in a mission that aims at restoring our occupied land whatever the cost is"


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user folders."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return tmp_path


_CACHE: dict[Path, LoadedSession] = {}


def loaded(path: Path) -> LoadedSession:
    if path not in _CACHE:
        _CACHE[path] = load_session(path)
    return _CACHE[path]


def run(path: Path, fmt: str, **options: Any) -> str:
    return export(loaded(path), fmt, ExportOptions(**options))


# --- what a hostile export must not contain ------------------------------------------------

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""Control characters (C0 but newline and tab, DEL, C1), bidi embeddings, overrides and
isolates, and the Unicode line separators: none may reach a reader's terminal or page."""


def assert_inert(text: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, f"raw {found.group()!r} at {found.start()}"
    assert "\t" not in text


class Tags(HTMLParser):
    """Every tag and attribute of an HTML text, and its text as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.text.append(data)


def parse_html(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    parser.close()
    return parser


def assert_no_live_html(
    text: str, allowed: set[str], allowed_attrs: frozenset[str] = frozenset({"href", "dir", "rel"})
) -> Tags:
    parsed = parse_html(text)
    for tag, attrs in parsed.tags:
        assert tag in allowed, f"unexpected <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            if tag in ("a", "p", "span", "li", "h1", "h3", "h4", "blockquote", "strong"):
                assert name in allowed_attrs | {"class", "id"}, f"{name} on <{tag}>"
            if name == "href":
                assert value is not None
                assert value.startswith(("#post-", "https://", "http://")), value
                assert not re.search(r"[\s\"'<>]", value), value
    lowered = text.lower()
    for live in ("<script", "<img", "<iframe", "<object", "<embed", "<svg", 'javascript:alert(1)"'):
        assert live not in lowered, live
    return parsed


def markdown_to_html(text: str) -> str:
    """Markdown rendered by a CommonMark renderer with raw HTML allowed, tables and
    strikethrough on: the most a Markdown viewer would make of the file."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # markdown-it refuses javascript: links itself; a laxer viewer might not, so the export
    # must not rely on it.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return str(md.render(text))


def shown(fmt: str, out: str) -> str:
    """What a reader of an export sees: the text of the rendered page, not its source."""
    if fmt == "html":
        return "".join(parse_html(out).text)
    if fmt == "markdown":
        return "".join(parse_html(markdown_to_html(out)).text)
    if fmt == "timelinejs":
        document = json.loads(out)
        parts = []
        for slide in [document["title"], *document["events"]]:
            parts.append(slide.get("display_date", ""))
            parts += ["".join(parse_html(v).text) for v in slide["text"].values()]
        return "\n".join(parts)
    return out


VISIBLE_FORMS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "](javascript:alert(1))",
    "![x](http://evil)",
    "[y](https://evil.example/)",
    "[@click=app.quit]x[/]",
    "a [/] b [bold",
    "^[[2J clear",
    "^[]0;pwned^G retitle",
    "<U+009B>31m",
    "<U+202E>txet desrever",
    "<U+2066>late<U+2069>",
    "שלום עולם",
    "مرحبا بالعالم",
    "👩\u200d👩\u200d👧",
    "ends in a backslash \\",
    "&#x202E;ent &lt;b&gt;",
    "END-OF-LONG",
)


# --- each format on the bundled sessions -------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("session", BUNDLED, ids=lambda p: p.stem)
def test_every_format_exports_every_bundled_session(session: Path, fmt: str) -> None:
    out = run(session, fmt)
    assert out.endswith("\n")
    assert_inert(out)
    if fmt in ("json", "timelinejs"):
        json.loads(out)


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_graphic_photo_shows_its_warning_only_unless_revealed(fmt: str) -> None:
    hidden = run(IDF, fmt)
    revealed = shown(fmt, run(IDF, fmt, reveal_sensitive=True))
    assert GRAPHIC_DESCRIPTION not in hidden
    hidden = shown(fmt, hidden)
    assert GRAPHIC_WARNING in hidden
    assert "description not included in this export" in hidden
    assert GRAPHIC_WARNING in revealed
    assert GRAPHIC_DESCRIPTION in revealed


def test_json_withholds_the_graphic_description_and_says_so() -> None:
    document = json.loads(run(IDF, "json"))
    media = next(p for p in document["session"]["posts"] if p["id"] == "qassam-3")["media"][0]
    assert media == {"kind": "photo", "warning": GRAPHIC_WARNING}
    assert document["export"]["media_descriptions_withheld"] == [{"post": "qassam-3", "media": 0}]
    revealed = json.loads(run(IDF, "json", reveal_sensitive=True))
    media = next(p for p in revealed["session"]["posts"] if p["id"] == "qassam-3")["media"][0]
    assert GRAPHIC_DESCRIPTION in media["description"]


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_derived_time_is_marked_and_day_precision_says_time_unknown(fmt: str) -> None:
    out = shown(fmt, run(ASK, fmt))
    assert "≈ Thu 12 Mar 2015, 16:51:54 EDT (derived from status ID" in out
    assert "Thu 12 Mar 2015, time unknown" in out
    assert "00:00" not in out
    if fmt != "timelinejs":
        assert "derived from status ID 576123471769546752" in out
        assert "no source states it" in out
        # said once, in full, not twice (issue 18)
        assert out.count("derived from status ID") == 1


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_missing_posts_are_tombstones_and_variants_name_their_source(fmt: str) -> None:
    assert "text unknown (missing)" in shown(fmt, run(ASK, fmt))
    idf = shown(fmt, run(IDF, fmt))
    assert "As worded by Ynetnews" in idf
    assert YNET_VARIANT in idf


@pytest.mark.parametrize("fmt", ("markdown", "html", "text"))
def test_every_post_names_its_sources_and_the_source_list_ends_the_handout(fmt: str) -> None:
    out = shown(fmt, run(IDF, fmt))
    assert out.count("Sources: Ynetnews, The Daily Dot") >= 3
    tail = out[out.rindex("Sources") :]
    assert "Ynetnews" in tail and "The Daily Dot" in tail and "by Gaby Dunn" in tail
    assert "published Thu 24 Oct 2013, 18:58 IDT" in out


def test_text_transcript_is_one_labelled_line_per_fact() -> None:
    out = run(IDF, "text")
    block = out[out.index("Post 9 of 9") :].split("\n\n")[0].splitlines()
    assert block == [
        "Post 9 of 9",
        "Author: Unnamed pro-Israeli organisation",
        "Time: date and time unknown (not given by the sources)",
        "Text: Your mission is to guarantee there is never peace between Israelis and "
        "Palestinians.",
        "Sources: Ynetnews",
    ]
    assert (
        "Reaction: Favorite by Peter Lerner (@LTCPeterLerner), date and time unknown "
        "(The Daily Dot)"
    ) in out
    assert "\x1b" not in out


def test_presenter_notes_are_left_out_unless_asked_for() -> None:
    note = "The Daily Dot says Lerner hashtagged this tweet #TerrorDoesntPay."
    for fmt in ("markdown", "html", "text", "json"):
        assert note not in run(IDF, fmt)
    assert note in run(IDF, "text", presenter_notes=True)
    assert note in shown("html", run(IDF, "html", presenter_notes=True))
    assert note in shown("markdown", run(IDF, "markdown", presenter_notes=True))
    document = json.loads(run(IDF, "json", presenter_notes=True))
    assert any(p.get("notes") == note for p in document["session"]["posts"])


def test_html_is_one_self_contained_printable_page() -> None:
    out = run(IDF, "html")
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "@media print" in out
    assert "default-src 'none'" in out
    for outside in (" src=", "<link", "@import", "url(", "<script"):
        assert outside not in out
    parsed = assert_no_live_html(out, HTML_TAGS, frozenset({"href", "dir", "rel", "class", "id"}))
    classes = [(attrs.get("class") or "").split() for tag, attrs in parsed.tags]
    texts = [
        attrs.get("dir")
        for (tag, attrs), css in zip(parsed.tags, classes, strict=True)
        if "text" in css and "missing" not in css  # a tombstone holds no session text
    ]
    assert texts and all(d == "auto" for d in texts)
    assert 'id="post-3"' in out and '<a href="#post-3">' in out


HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "footer", "main", "section",
    "article", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "span", "a", "br",
    "blockquote", "div",
}  # fmt: skip


# --- TimelineJS3 --------------------------------------------------------------------------

SLIDE_KEYS = {
    "start_date", "end_date", "text", "media", "group", "display_date", "background",
    "autolink", "unique_id",
}  # fmt: skip
DATE_KEYS = ["year", "month", "day", "hour", "minute", "second", "millisecond"]


def check_timeline(document: dict[str, Any]) -> None:
    """The TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html): what is
    required, what each object may hold, and how TimelineJS reads it."""
    assert set(document) <= {"events", "title", "eras", "scale"}
    assert isinstance(document["events"], list) and document["events"]
    slides = [document["title"], *document["events"]]
    ids = [s["unique_id"] for s in slides]
    assert len(ids) == len(set(ids))
    for slide in slides:
        assert set(slide) <= SLIDE_KEYS
        assert re.fullmatch(r"[a-z0-9-]+", slide["unique_id"])
        assert set(slide["text"]) <= {"headline", "text"}
        assert all(isinstance(v, str) for v in slide["text"].values())
        if "media" in slide:
            assert set(slide["media"]) <= {"url", "caption", "credit"}
            assert slide["media"]["url"].startswith(("https://", "http://"))
    assert "start_date" not in document["title"]
    for event in document["events"]:
        start = event["start_date"]
        assert set(start) <= {*DATE_KEYS, "display_date", "format"}
        fields = [k for k in DATE_KEYS if k in start]
        assert fields == DATE_KEYS[: len(fields)], "date fields must run down without gaps"
        assert all(type(start[k]) is int for k in fields)
        assert 1 <= start.get("month", 1) <= 12
        assert isinstance(start["display_date"], str) and start["display_date"]
        assert event["display_date"] == start["display_date"]


@pytest.mark.parametrize("session", BUNDLED, ids=lambda p: p.stem)
def test_timelinejs_follows_the_documented_format(session: Path) -> None:
    check_timeline(json.loads(run(session, "timelinejs")))


def test_timelinejs_places_posts_at_their_precision_and_lists_the_unplaced() -> None:
    document = json.loads(run(ASK, "timelinejs"))
    events = {e["unique_id"]: e for e in document["events"]}
    assert set(events) == {"post-1", "post-2", "post-3"}
    assert events["post-1"]["start_date"] == {
        "year": 2015,
        "month": 3,
        "day": 12,
        "display_date": "Thu 12 Mar 2015, time unknown",
    }
    derived = events["post-2"]["start_date"]
    assert (derived["hour"], derived["minute"], derived["second"]) == (16, 51, 54)
    assert "derived from status ID" in derived["display_date"]
    assert "media" not in events["post-2"], "a missing post's URL is not embedded"
    title = unescape(document["title"]["text"]["text"])
    assert "2 posts with unknown time are not placed on this timeline" in title
    assert "post 4 (Yair Rosenberg)" in title and "post 5 (Hamas" in title
    # The row of a group is labelled by who is in it, not by its key ("users").
    assert events["post-1"]["group"] == "Yair Rosenberg, JeffreyGoldberg and 2 others"
    assert {e["group"] for e in document["events"]} <= {
        "Hamas (English-language Twitter account)",
        "Yair Rosenberg, JeffreyGoldberg and 2 others",
    }


def test_timelinejs_embeds_a_live_post_url_but_not_behind_a_warning(tmp_path: Path) -> None:
    session = tmp_path / "embed.toml"
    session.write_text(
        'format = "replay-tui/1"\nid = "embed"\ntitle = "t"\ntimezone = "UTC"\n'
        '[[sources]]\nid = "s"\noutlet = "Outlet"\nkind = "news"\n'
        '[[participants]]\nid = "a"\nname = "A"\n'
        '[[posts]]\nid = "p1"\nauthor = "a"\ntext = "x"\nsources = ["s"]\n'
        'url = "https://twitter.com/a/status/576123471769546752"\n'
        '[[posts]]\nid = "p2"\nauthor = "a"\ntext = "y"\nsources = ["s"]\n'
        'url = "https://twitter.com/a/status/576123471769546753"\n'
        '  [[posts.media]]\n  kind = "photo"\n  description = "d"\n  warning = "w"\n',
        encoding="utf-8",
    )
    one = load_session(session)
    events = timeline_document(one, ExportOptions())["events"]
    assert events[0]["media"] == {
        "url": "https://twitter.com/a/status/576123471769546752",
        "caption": "Post 1 at the address the session gives",
        "credit": "Outlet",
    }
    assert "media" not in events[1]
    assert "media" in timeline_document(one, ExportOptions(reveal_sensitive=True))["events"][1]


def test_timelinejs_refuses_a_slice_with_no_known_time() -> None:
    with pytest.raises(ExportError, match="TimelineJS needs a date"):
        run(ASK, "timelinejs", first=4)


# --- json ---------------------------------------------------------------------------------


def as_json(value: object) -> object:
    """`value` as JSON reads it back (the model's tuples become lists)."""
    return json.loads(msgspec.json.encode(value))


def test_json_session_is_the_contract_and_checks(tmp_path: Path) -> None:
    for session in BUNDLED:
        full = json.loads(run(session, "json", presenter_notes=True, reveal_sensitive=True))
        assert full["format"] == "replay-tui-export/1"
        assert full["session"] == as_json(loaded(session).session)
        assert full["export"]["complete"] is True
        target = tmp_path / f"{session.stem}.json"
        target.write_text(json.dumps(json.loads(run(session, "json"))["session"]))
        again, problems = read_session(target)
        assert again is not None, problems
        assert [p for p in problems if p.severity == "error"] == []


def test_json_derived_block_marks_what_no_file_states() -> None:
    document = json.loads(run(ASK, "json"))
    derived = {p["id"]: p for p in document["derived"]["posts"]}
    assert derived["goldberg-1"]["time"] == "2015-03-12T16:51:54-04:00"
    assert derived["goldberg-1"]["precision"] == "second"
    assert "status ID 576123471769546752" in derived["goldberg-1"]["derived_from"]
    assert derived["idfelite-1"] == {
        "id": "idfelite-1",
        "number": 1,
        "time": "2015-03-12",
        "precision": "day",
        "derived_from": None,
        "display": "Thu 12 Mar 2015, time unknown",
    }
    assert derived["rosenberg-1"]["time"] is None
    goldberg = next(p for p in document["session"]["posts"] if p["id"] == "goldberg-1")
    assert "time" not in goldberg, "a derived time is not written into the contract"


def test_json_slice_stays_a_valid_session_and_lists_what_it_changed(tmp_path: Path) -> None:
    document = json.loads(run(IDF, "json", first=5, last=6))
    session = document["session"]
    assert [p["id"] for p in session["posts"]] == ["lerner-2", "qassam-2"]
    assert document["export"]["references_removed"] == [
        {"post": "lerner-2", "reply_to": "qassam-1"}
    ]
    assert {"from": "qassam-1", "to": "lerner-2"} in document["export"]["chapters_moved"]
    assert "reactions" not in session, "the only reaction is to a post left out"
    target = tmp_path / "slice.json"
    target.write_text(json.dumps(session))
    again, problems = read_session(target)
    assert again is not None, problems


# --- slices and bookmarks ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ("markdown", "html", "text"))
def test_a_slice_keeps_the_session_numbering(fmt: str) -> None:
    out = shown(fmt, run(IDF, fmt, first=5, last=6))
    assert "Post 5 of 9" in out and "Post 6 of 9" in out
    assert "Post 4 of 9" not in out and "Post 7 of 9" not in out
    assert "posts 5 to 6 of 9" in out
    assert "In reply to post 4, by Alqassam Brigades (@AlqassamBrigade) (not in this export)" in out
    assert "Chapter 2 of 4 (continued)" in out
    assert "Chapter 3 of 4: Two missions" in out


def test_slice_errors_are_in_the_users_words() -> None:
    session = loaded(IDF)
    assert select_posts(session, ExportOptions(first=8)) == [7, 8]
    assert select_posts(session, ExportOptions(last=99)) == list(range(9))
    with pytest.raises(ExportError, match="there is no post 11: this session has 9 posts"):
        select_posts(session, ExportOptions(first=11))
    with pytest.raises(ExportError, match="after its end"):
        select_posts(session, ExportOptions(first=5, last=3))
    only = frozenset({"qassam-3", "lerner-1", "not-a-post"})
    assert select_posts(session, ExportOptions(only=only)) == [2, 7]
    assert select_posts(session, ExportOptions(only=only, first=4)) == [7]
    with pytest.raises(ExportError, match="none of the bookmarked posts"):
        select_posts(session, ExportOptions(only=frozenset({"nope"})))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not f.startswith("timelinejs")])
def test_a_session_without_posts_exports_and_says_so(fmt: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text('format = "replay-tui/1"\nid = "empty"\ntitle = "Empty"\ntimezone = "UTC"\n')
    session = load_session(empty)
    out = export(session, fmt, ExportOptions())
    assert_inert(out)
    if fmt != "json":
        assert "No posts." in shown(fmt, out)
    with pytest.raises(ExportError, match="no posts to slice"):
        export(session, fmt, ExportOptions(first=1))
    with pytest.raises(ExportError, match="TimelineJS needs a date"):
        export(session, "timelinejs", ExportOptions())
    with pytest.raises(ExportError, match="TimelineJS needs a date"):
        export(session, "timelinejs-page", ExportOptions())


def bookmark(session_id: str, *post_ids: str) -> None:
    """Bookmark posts the way the replayer does (`b`, then save), in the user data folder
    that the autouse fixture points at tmp_path."""
    from replay_tui.user.state import SessionState

    state = SessionState(session_id)
    for post_id in post_ids:
        state.toggle_bookmark(post_id)
    assert state.save() is None


def test_bookmarks_only_exports_the_bookmarked_posts(
    _private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bookmark("idf-hamas-2013-10", "qassam-3", "lerner-1")
    assert list((_private_home / "xdg_data_home").rglob("*.json")), "saved under tmp_path"
    assert main(["export", str(IDF), "--to", "text", "--bookmarks-only"]) == 0
    out = capsys.readouterr().out
    assert "Posts: 2 bookmarked posts of 9" in out
    assert re.findall(r"^Post (\d) of 9", out, re.M) == ["3", "8"]
    assert main(["export", str(IDF), "--to", "text", "--bookmarks-only", "--from", "4"]) == 0
    assert re.findall(r"^Post (\d) of 9", capsys.readouterr().out, re.M) == ["8"]
    assert main(["export", str(IDF), "--to", "json", "--bookmarks-only"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in document["session"]["posts"]] == ["lerner-1", "qassam-3"]


def test_bookmarks_only_with_no_bookmarks_fails_clearly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bookmark("askhamas-2015-03", "idfelite-1")  # another session's bookmarks do not count
    assert main(["export", str(IDF), "--to", "text", "--bookmarks-only"]) == 1
    assert capsys.readouterr().err == (
        "replay-tui export: no posts are bookmarked in the session 'idf-hamas-2013-10'; "
        "bookmark posts in the replayer first, or leave out --bookmarks-only\n"
    )


# --- hostile input -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("session", [HOSTILE, HOSTILE_EXPORT], ids=lambda p: p.stem)
@pytest.mark.parametrize("reveal", [False, True], ids=["hidden", "revealed"])
def test_hostile_exports_hold_no_control_or_bidi_characters(
    session: Path, fmt: str, reveal: bool
) -> None:
    assert_inert(run(session, fmt, reveal_sensitive=reveal, presenter_notes=True))


@pytest.mark.parametrize("session", [HOSTILE, HOSTILE_EXPORT], ids=lambda p: p.stem)
def test_hostile_markdown_renders_no_live_markup(session: Path) -> None:
    source = run(session, "markdown", reveal_sensitive=True, presenter_notes=True)
    rendered = markdown_to_html(source)
    parsed = assert_no_live_html(
        rendered,
        {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "blockquote", "br", "a"},
    )
    for tag, attrs in parsed.tags:
        if tag == "a":
            assert (attrs["href"] or "").startswith("https://"), attrs
            assert "evil" not in (attrs["href"] or ""), attrs
    # Every heading, list item and quote comes from the export's own layout, none from a
    # session string: count them in the source lines the exporter writes.
    lines = source.splitlines()
    for level in (1, 2, 3, 4):
        ours = sum(line.startswith("#" * level + " ") for line in lines)
        assert rendered.count(f"<h{level}>") == ours, f"h{level}"
    ours = sum(bool(re.match(r"(- |\d+\. )", line)) for line in lines)
    assert rendered.count("<li>") == ours
    ours = sum(1 for a, b in zip(["", *lines], lines, strict=False) if b.startswith(">") and not a)
    assert rendered.count("<blockquote>") == ours
    shown = "".join(parsed.text)
    if session == HOSTILE_EXPORT:
        for form in VISIBLE_FORMS:
            assert form in shown, form
        assert "<U+202E>txet" in source.replace("&lt;", "<").replace("&gt;", ">")
        # Markdown block syntax inside a post stays text: no heading, list, rule or code.
        assert "# heading" in shown and "- item" in shown and "1. one" in shown
        assert "<hr" not in rendered and "<code" not in rendered and "<table" not in rendered


@pytest.mark.parametrize("session", [HOSTILE, HOSTILE_EXPORT], ids=lambda p: p.stem)
def test_hostile_html_has_no_live_html_and_still_shows_the_text(session: Path) -> None:
    out = run(session, "html", reveal_sensitive=True, presenter_notes=True)
    parsed = assert_no_live_html(out, HTML_TAGS, frozenset({"href", "dir", "rel", "class", "id"}))
    shown = "".join(parsed.text)
    if session == HOSTILE_EXPORT:
        for form in VISIBLE_FORMS:
            assert form in shown, form
        assert out.startswith("<!DOCTYPE html>\n<html>\n"), "a malformed language is left out"
        assert 'href="javascript' not in out
        assert "Link: javascript:alert(1)" in shown


def test_hostile_html_leaves_the_hidden_description_out_of_the_file() -> None:
    hidden = run(HOSTILE_EXPORT, "html")
    assert "Hidden description" not in hidden
    assert "Warning [@click=app.quit]" in hidden
    assert "Hidden description" in run(HOSTILE_EXPORT, "html", reveal_sensitive=True)


@pytest.mark.parametrize("session", [HOSTILE, HOSTILE_EXPORT], ids=lambda p: p.stem)
def test_hostile_timelinejs_is_valid_and_inert(session: Path) -> None:
    document = json.loads(run(session, "timelinejs", reveal_sensitive=True, presenter_notes=True))
    check_timeline(document)
    shown = []
    for slide in [document["title"], *document["events"]]:
        fields = [*slide["text"].values()]
        if "media" in slide:
            fields += [slide["media"]["caption"], slide["media"]["credit"]]
        for field in fields:
            parsed = assert_no_live_html(field, {"p", "br", "em", "strong", "span", "a"})
            shown.append("".join(parsed.text))
        if "group" in slide:
            # TimelineJS strips markup from `group` (decoding entities once) and then sets it
            # as innerHTML: after one decoding it must still hold no markup.
            once = unescape(slide["group"])
            assert "<" not in once and ">" not in once
            # Labelled by the participant's name (one line), never by the group's key.
            if "onerror" in slide["group"]:
                assert unescape(once).startswith("Name [@click=app.quit]")
                assert "> group" not in unescape(once)
    if session == HOSTILE_EXPORT:
        text = "".join(shown)
        for form in VISIBLE_FORMS:
            assert form in text, form
        assert "1 post with unknown time is not placed on this timeline" in text


@pytest.mark.parametrize("session", [HOSTILE, HOSTILE_EXPORT], ids=lambda p: p.stem)
def test_hostile_text_shows_everything_visibly(session: Path) -> None:
    out = run(session, "text", reveal_sensitive=True, presenter_notes=True)
    if session == HOSTILE_EXPORT:
        for form in VISIBLE_FORMS:
            assert form in out, form


@pytest.mark.parametrize("session", [HOSTILE, HOSTILE_EXPORT], ids=lambda p: p.stem)
def test_hostile_json_is_inert_but_loses_nothing(session: Path) -> None:
    out = run(session, "json", reveal_sensitive=True, presenter_notes=True)
    assert_inert(out)
    document = json.loads(out)
    assert document["session"] == as_json(loaded(session).session)
    assert "\x1b" in document["session"]["title"], "the data itself is kept"


# --- the command line ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_writes_each_format_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(IDF), "--to", fmt]) == 0
    out = capsys.readouterr()
    assert out.out == run(IDF, fmt)
    assert out.err == ""


def test_cli_writes_a_file_with_o(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "handout.html"
    assert main(["export", str(IDF), "--to", "html", "-o", str(target), "--from", "2"]) == 0
    assert target.read_text(encoding="utf-8") == run(IDF, "html", first=2)
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == f"wrote 8 posts as html to {target}\n"
    assert main(["export", str(ASK), "--to", "timelinejs", "-o", str(tmp_path / "t.json")]) == 0
    assert "2 with unknown time are listed on the title slide" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "11"], "replay-tui export: there is no post 11: this session has 9 posts\n"),
        (["--to", "timelinejs"], None),
    ],
)
def test_cli_export_errors_are_one_line_and_exit_1(
    args: list[str], message: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", str(IDF), "--to", "text", *args]
    if message is None:
        argv = ["export", str(ASK), "--to", "timelinejs", "--from", "4"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    if message is not None:
        assert err == message


def test_cli_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = DATA / "bad" / "dangling_reply.toml"
    assert main(["export", str(file), "--to", "markdown"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"replay-tui export: cannot export {file}: line 28: no post has the id 'p0'; add it to "
        f"[[posts]] or correct the reference; `replay-tui check {file}` lists every problem\n"
    )
    assert main(["export", str(tmp_path / "nope.toml"), "--to", "text"]) == 1
    assert "cannot read the file" in capsys.readouterr().err


def test_cli_unwritable_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["export", str(IDF), "--to", "text", "-o", str(blocker / "out.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"replay-tui export: cannot write {blocker / 'out.txt'}: ")
    assert err.count("\n") == 1
    assert main(["export", str(IDF), "--to", "text", "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("replay-tui export: cannot write ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--to", "3"], "--to names the format (markdown, html, timelinejs, timelinejs-page, text, json); to end "
         "the slice at post 3, use --until 3"),
        (["--to", "pdf"], "unknown format 'pdf'"),
        (["--to", "text", "--from", "0"], "'0' is not a post number"),
        (["--to", "text", "--until", "x"], "'x' is not a post number"),
        (["--to", "text", "--from", "5", "--until", "3"], "--from 5 is after --until 3"),
        ([], "the following arguments are required: --to"),
    ],
)  # fmt: skip
def test_cli_usage_errors_exit_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(IDF), *args])
    assert exit_.value.code == 2
    assert expected in capsys.readouterr().err


def test_cli_help_explains_the_format_and_the_slice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "--to always names the format" in out
    assert "--from N and --until M" in out
    for name in FORMATS:
        assert name in out


def test_cli_lists_the_formats_the_registry_has() -> None:
    from replay_tui.cli.export import EXPORT_FORMATS

    assert tuple(FORMATS) == EXPORT_FORMATS


def test_cli_dash_output_is_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(ASK), "--to", "text", "-o", "-"]) == 0
    assert capsys.readouterr().out == run(ASK, "text")


# --- inferences (issue 18) -----------------------------------------------------------------

INFERRED_LINK = "(inferred link: No source says which of Lerner's tweets this answered."
INFERRED_ZONE = (
    "published Thu 24 Oct 2013, 18:58 IDT (zone inferred: The article ends “10.24.13, 18:58” "
    "and gives no time zone"
)


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_an_inferred_reply_link_is_said_to_be_inferred_beside_the_link(fmt: str) -> None:
    out = shown(fmt, run(IDF, fmt))
    assert f"In reply to post 3, by Peter Lerner (@LTCPeterLerner) {INFERRED_LINK}" in out
    assert out.count("inferred link") == 1, "only the Brigades' first reply is inferred"


@pytest.mark.parametrize("fmt", ("markdown", "html", "text"))
def test_an_inferred_time_zone_is_said_to_be_inferred_beside_the_time(fmt: str) -> None:
    out = shown(fmt, run(IDF, fmt))
    assert INFERRED_ZONE in out
    fixture = shown(fmt, run(DATA / "good" / "inferred.toml", fmt))
    assert "18:58 IDT (zone inferred: The article gives no zone" in fixture
    assert "(inferred link: The article says B answered A, not which post.)" in fixture


def test_json_keeps_the_inferences_and_drops_one_with_its_link(tmp_path: Path) -> None:
    document = json.loads(run(IDF, "json"))
    posts = {p["id"]: p for p in document["session"]["posts"]}
    assert posts["qassam-1"]["reply_to"] == "lerner-1"
    assert posts["qassam-1"]["reply_to_inferred"].startswith("No source says which")
    sources = {s["id"]: s for s in document["session"]["sources"]}
    assert "no time zone" in sources["ynet"]["published_zone_inferred"]
    sliced = json.loads(run(IDF, "json", first=4))
    first = sliced["session"]["posts"][0]
    assert first["id"] == "qassam-1"
    assert "reply_to" not in first and "reply_to_inferred" not in first
    assert {"post": "qassam-1", "reply_to": "lerner-1"} in sliced["export"]["references_removed"]
    target = tmp_path / "slice.json"
    target.write_text(json.dumps(sliced["session"]))
    again, problems = read_session(target)
    assert again is not None
    assert "stray-inference" not in [p.code for p in problems]


def test_html_prints_a_link_whose_text_is_its_address_once() -> None:
    out = run(ASK, "html")
    url = "https://twitter.com/JeffreyGoldberg/status/576123471769546752"
    assert f'<a href="{url}" class="url"' in out
    assert 'a[href^="http"]:not(.url)::after' in out
    # a link whose text is not its address still prints the address after it
    from replay_tui.export.html import _link

    assert 'class="url"' not in _link("https://example.org/a b", "https://example.org/a%20b")


def test_an_export_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "handout.md"
    old = os.umask(0o022)
    try:
        assert main(["export", str(IDF), "--to", "markdown", "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_an_export_never_replaces_a_file_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout.md"
    out.write_text("mine", encoding="utf-8")
    assert main(["export", str(IDF), "--to", "markdown", "-o", str(out)]) == 1
    assert "already exists; add --force to replace it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["export", str(IDF), "--to", "markdown", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.md"]


def test_an_export_never_replaces_the_session_it_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--force replaces an old output, never the session being read: `-o` naming the
    session itself (or a link to it) is refused and the session stays as it was."""
    session = tmp_path / "mine.toml"
    session.write_bytes(IDF.read_bytes())
    link = tmp_path / "link.toml"
    link.symlink_to(session)
    for out in (session, link, tmp_path / "." / "mine.toml"):
        code = main(["export", str(session), "--to", "json", "-o", str(out), "--force"])
        assert code == 1
        assert "is the session being exported" in capsys.readouterr().err
    code = main(["export", str(link), "--to", "markdown", "-o", str(session), "--force"])
    assert code == 1
    assert session.read_bytes() == IDF.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "mine.toml"]


def test_an_export_into_a_missing_folder_fails_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "handout.md"
    assert main(["export", str(IDF), "--to", "markdown", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the folder" in err and "does not exist; create it first" in err
    assert list(tmp_path.iterdir()) == []


def test_schema_never_replaces_a_file_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schema.json"
    out.write_text("mine", encoding="utf-8")
    assert main(["schema", "-o", str(out)]) == 1
    assert "already exists; add --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["schema", "-o", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"]
    assert main(["schema", "-o", str(tmp_path / "missing" / "s.json")]) == 1
