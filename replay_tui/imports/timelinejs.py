"""TimelineJS3: a Knight Lab timeline (its JSON document) as a session.

The TimelineJS3 JSON format: a `title` slide, `events` (slides with `start_date`,
`end_date`, `text` {headline, text}, `media` {url, caption, credit}, `group`,
`display_date`, `unique_id`) and `eras` (`start_date`, `end_date`, `text.headline`).
What becomes what (docs/import.md has the worked example):

* Each event is a post, in date order as TimelineJS shows them. Its time is written at
  exactly the precision of its date fields (`tl_dates.py`: a year alone stays a year).
  TimelineJS dates carry no zone, so they are read in `--timezone` (UTC by default).
* Headline and text are HTML: the post's text is what a reader of the slide sees
  (`html_text.py`), the headline, a blank line, then the text.
* `media` is kept as an attachment whose description gives the caption, the credit and the
  address; a tweet's or a Bluesky post's address is also the post's link.
* `eras` are chapters. `group` is a chapter where the groups follow one another (each
  group's events form one run and there are no eras); otherwise each group is a
  participant, the events' author. Events without a group are by "the timeline", as
  TimelineJS names no author.
* The title slide gives the session's title and summary; `display_date`, `end_date` and
  what a date could not keep are noted with the post.

A timeline replay-tui exported (`export/timelinejs.py`) is recognised by its slide ids and
headlines and read back as the posts it was made from: the author from the headline, the
post's own text from its paragraph (its own warning, and whose, from the line before it),
a missing or deleted post as such, and the times in the zone the title slide names, so
that the posts, their times and their precisions are those of the session exported.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import msgspec

from replay_tui.format.model import Media
from replay_tui.format.times import TimeError, ZoneError, from_status_id, parse, status_id, zone
from replay_tui.imports.base import Input, clean_text, kept
from replay_tui.imports.builder import Builder
from replay_tui.imports.html_text import visible_text, web_link
from replay_tui.imports.tl_dates import session_time
from replay_tui.imports.tl_legacy import as_tl3, legacy
from replay_tui.words import phrases

NAME = "timelinejs"
LABEL = "TimelineJS3 timeline (JSON)"
LEGACY_LABEL = "TimelineJS timeline (JSON, the TimelineJS 2 form)"
PLATFORM = "timelinejs"
TIMELINE = "timeline"

# What replay-tui's own TimelineJS export writes (export/timelinejs.py), to read it back.
EXPORT_MISSING = phrases.MISSING_TEXT
EXPORT_DELETED = f"({phrases.DELETED_NOTE})"
EXPORT_DERIVED = phrases.DERIVED_NOTE
_EXPORT_ID = re.compile(r"post-(\d+)")
_EXPORT_HEADLINE = re.compile(r"Post (\d+): (.*?)(?: \((deleted|missing)\))?", re.S)
_EXPORT_CHAPTER = re.compile(r"Chapter \d+ of \d+( \(continued\))?: (.*)", re.S)
_EXPORT_ZONE = re.compile(r"Times are shown in (\S+)\.")
_LABEL = re.compile(r"(.*) \((@[^()]*)\)", re.S)
_POST_URL = re.compile(
    r"https?://(?:(?:www\.|mobile\.)?(?:twitter|x)\.com/[^/]+/status(?:es)?/\d+"
    r"|bsky\.app/profile/[^/]+/post/[A-Za-z0-9]+)/?(?:[?#].*)?"
)
_PHOTO = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")
_VIDEO_HOSTS = ("youtube.com/", "youtu.be/", "vimeo.com/", "dailymotion.com/")


class Text(msgspec.Struct, gc=False):
    headline: str | None = None
    text: str | None = None


class TlMedia(msgspec.Struct, gc=False):
    url: str | None = None
    caption: str | None = None
    credit: str | None = None


class Era(msgspec.Struct, gc=False):
    """An era: a span of the timeline with a title."""

    start_date: dict[str, Any] | None = None
    end_date: dict[str, Any] | None = None
    text: Text | None = None


class Slide(Era, gc=False):
    """An event (or the title slide): what an era has, and its media, group and labels."""

    media: TlMedia | None = None
    group: str | None = None
    display_date: str | None = None
    unique_id: str | None = None


class Timeline(msgspec.Struct, gc=False):
    events: list[Slide]
    title: Slide | None = None
    eras: list[Era] = []


_DECODER = msgspec.json.Decoder(Timeline)


def sniff(item: Input) -> bool:
    if item.is_dir or item.is_zip:
        return False
    head = item.head
    if head.lstrip()[:1] != b"{":
        return False
    # Every event TimelineJS shows has a start_date (it refuses one without).
    if b'"events"' in head and b'"start_date"' in head:
        return True
    # TimelineJS 2: `{"timeline": {…, "date": [{"startDate": …}]}}` (tl_legacy.py).
    if not (b'"timeline"' in head[:4096] and b'"date"' in head and b'"startDate"' in head):
        return False
    value, _ = item.first_value()  # None when the head does not hold the whole document
    older = value.get("timeline") if isinstance(value, dict) else None
    return value is None or (isinstance(older, dict) and isinstance(older.get("date"), list))


def _seen(html: str | None) -> str:
    return visible_text(html or "", preserve_spaces=False).text


def _group(raw: str | None) -> str | None:
    """A group label as TimelineJS shows it: markup stripped to its text content, which is
    then set as HTML, so entities are decoded twice (export/timelinejs.py relies on it)."""
    if not raw:
        return None
    return _seen(_seen(raw)) or None


class _Paragraphs(HTMLParser):
    """The top-level paragraphs of a slide's text, each with its attributes and its text
    (`<br>` as a line break), for reading back replay-tui's own export."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[dict[str, str | None], list[str]]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            if self.depth == 0:
                self.found.append((dict(attrs), []))
            self.depth += 1
        elif tag == "br" and self.depth:
            self.found[-1][1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1][1].append(data)


def paragraphs(html: str) -> list[tuple[dict[str, str | None], str]]:
    reader = _Paragraphs()
    reader.feed(html)
    reader.close()
    return [(attrs, "".join(parts)) for attrs, parts in reader.found]


def is_export(timeline: Timeline) -> bool:
    """Whether replay-tui wrote this timeline (its slide ids and headlines)."""
    title = timeline.title
    if title is None or not (title.unique_id or "").endswith("-title") or not timeline.events:
        return False
    return all(
        _EXPORT_ID.fullmatch(event.unique_id or "")
        and event.text is not None
        and _EXPORT_HEADLINE.fullmatch(_seen(event.text.headline))
        for event in timeline.events
    )


class _Embed(HTMLParser):
    """The address an embed's `<iframe>` (or `<embed>`) loads, which shows no text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.src = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "embed") and not self.src:
            src = dict(attrs).get("src") or ""
            self.src = src.strip() if web_link(src.strip()) else ""


def _embedded(html: str) -> tuple[str, str]:
    """Media given as HTML (TimelineJS shows a `<blockquote>`, a tweet's embed code or an
    `<iframe>` as it is): the text a reader sees, and the address it points at (the frame's
    source, else the last link, which in a tweet's embed code is the tweet)."""
    seen = visible_text(html, preserve_spaces=False)
    frame = _Embed()
    frame.feed(html)
    frame.close()
    return seen.text, frame.src or (seen.links[-1] if seen.links else "")


def _address(media: TlMedia | None) -> tuple[str, str]:
    """What a slide's media shows as text (for media given as HTML) and its address."""
    url = (media.url or "").strip() if media is not None else ""
    return _embedded(url) if url.startswith("<") else ("", url)


def _media(media: TlMedia) -> Media | None:
    shown, url = _address(media)
    caption, credit = _seen(media.caption), _seen(media.credit)
    if not (url or caption or credit or shown):
        return None
    lower = url.lower().split("?", 1)[0]
    kind = "link" if url else "other"
    if lower.endswith(_PHOTO):
        kind = "photo"
    elif lower.endswith(".mp4") or any(host in lower for host in _VIDEO_HOSTS):
        kind = "video"
    words = [caption] if caption else []
    if credit:
        words.append(f"Credit: {credit}")
    if shown:
        words.append(shown)
    if url:
        words.append(url)
    # A caption often ends its own sentence: no second full stop after it.
    joined = "".join(
        word if not index else (" " if words[index - 1][-1:] in ".!?…" else ". ") + word
        for index, word in enumerate(words)
    )
    return Media(kind=kind, description=clean_text(joined))  # type: ignore[arg-type]


def post_link(media: TlMedia | None) -> str | None:
    """A tweet's or Bluesky post's address given as the slide's media (as a bare address or
    in the platform's embed code): the post's link. The old `twitter.com/#!/NAME/status/ID`
    form is the same tweet's address without its `#!/`; an embed's `?ref_src=` is dropped."""
    url = _address(media)[1]
    url = re.sub(r"^(https?://(?:www\.)?twitter\.com/)#!/", r"\1", url)
    if not (url and web_link(url) and _POST_URL.fullmatch(url)):
        return None
    return url.split("#", 1)[0].split("?", 1)[0]  # the permalink, without a tracking query


class _Reader:
    def __init__(self, item: Input, builder: Builder, timeline: Timeline, label: str) -> None:
        self.item = item
        self.builder = builder
        self.timeline = timeline
        self.sid = builder.source(item.name, label)
        self.keys: set[str] = set()
        self.timed: list[tuple[str, str]] = []  # (time, key) of the posts with a time
        self.export = False  # replay-tui's own export: its display dates are its own words

    def problem(self, message: str) -> None:
        """A warning about what is kept: no event of a timeline is ever left out."""
        self.builder.caution(kept(self.item.name, None, message))

    def key(self, event: Slide, number: int) -> str:
        wanted = (event.unique_id or "").strip() or f"event-{number}"
        key, n = wanted, 2
        while key in self.keys:
            key, n = f"{wanted}-{n}", n + 1
        self.keys.add(key)
        return key

    def time(self, key: str, event: Slide, number: int) -> str | None:
        if event.start_date is None:
            self.problem(
                f"event {number} has no start_date (TimelineJS refuses such an event); "
                "imported it without a time"
            )
            return None
        try:
            got = session_time(event.start_date)
        except ValueError as exc:
            self.problem(f"event {number}: its start_date cannot be read ({exc}); no time kept")
            return None
        notes = [got.note] if got.note else []
        if event.display_date and not self.export:
            notes.append(f"TimelineJS shows the date as: {_seen(event.display_date)}")
        if event.end_date:
            try:
                end = session_time(event.end_date)
                notes.append(f"The event runs until {end.time or 'a date outside 1–9999'}")
            except ValueError as exc:
                notes.append(f"Its end date cannot be read ({exc})")
        if notes:
            self.builder.note(key, "The date on the timeline", "; ".join(notes) + ".", self.sid)
        return got.time

    def read(self) -> None:
        timeline = self.timeline
        title = timeline.title.text if timeline.title is not None else None
        if is_export(timeline):
            if title is not None:  # its summary is the first paragraph; the rest is ours
                summary = next((w for a, w in paragraphs(title.text or "") if a), None)
                self.builder.describe(title=_seen(title.headline) or None, summary=summary)
            self.export = True
            self.read_export()
            return
        if title is not None:
            self.builder.describe(
                title=_seen(title.headline) or None, summary=_seen(title.text) or None
            )
        groups = [_group(event.group) for event in timeline.events]
        chapters = not timeline.eras and any(groups) and _runs(timeline.events, groups)
        if not chapters:
            for name in dict.fromkeys(g for g in groups if g):
                self.builder.participant(f"group:{name}", name=name, platform=PLATFORM)
        group_of: dict[str, str] = {}
        for number, (event, group) in enumerate(zip(timeline.events, groups, strict=True), 1):
            key = self.key(event, number)
            author = TIMELINE if chapters or not group else f"group:{group}"
            if author == TIMELINE:
                self.builder.participant(TIMELINE, name="The timeline", platform=PLATFORM)
            if group:
                group_of[key] = group
            self.event(key, event, number, author)
        if chapters:
            started: set[str] = set()
            for _, key in sorted(self.timed):
                group = group_of.get(key)
                if group and group not in started:
                    started.add(group)
                    self.builder.chapter(group, key)
        self.eras()

    def event(self, key: str, event: Slide, number: int, author: str) -> None:
        text = event.text or Text()
        parts = [_seen(text.headline), _seen(text.text)]
        media = _media(event.media) if event.media is not None else None
        time = self.time(key, event, number)
        if time is not None:
            self.timed.append((time, key))
        url = post_link(event.media)
        if url is not None and time is not None and not self.agrees(url, time):
            self.builder.note(
                key,
                "A post linked from the slide",
                f"The slide shows the post {url}; its status ID gives a time outside the "
                "event's date, so it is kept as the slide's media, not as this post's link.",
                self.sid,
            )
            url = None
        self.builder.post(
            key,
            author=author,
            source=self.sid,
            text=clean_text("\n\n".join(p for p in parts if p)),
            time=time,
            url=url,
            platform=PLATFORM,
            media=[media] if media is not None else [],
        )

    def agrees(self, url: str, time: str) -> bool:
        """Whether a tweet's status ID falls within the event's date (as the checker asks of
        a post's link); a Bluesky link carries no time and always agrees."""
        number = status_id(url)
        derived = from_status_id(number) if number is not None else None
        if derived is None:
            return True
        try:
            where = zone(self.builder.options.timezone)
            moment = parse(time, where)
        except (TimeError, ZoneError):
            return True  # the checker names a bad zone or time itself
        return derived.truncated(moment.precision, where) == moment.truncated(
            moment.precision, where
        )

    def eras(self) -> None:
        """Each era a chapter, from the first post on or after its start."""
        timed = sorted(self.timed)
        for era in self.timeline.eras:
            title = _seen(era.text.headline if era.text else None) or "An era of the timeline"
            try:
                start = session_time(era.start_date).time if era.start_date else None
            except ValueError as exc:
                self.problem(
                    f"the era '{title}' has a start date that cannot be read ({exc}); "
                    "made no chapter of it"
                )
                continue
            first = next((key for when, key in timed if start is None or when >= start), None)
            if first is not None:
                self.builder.chapter(title, first)

    # -- replay-tui's own export --

    def read_export(self) -> None:
        title = self.timeline.title
        zone = None
        if title is not None and title.text is not None:
            found = _EXPORT_ZONE.search(_seen(title.text.text))
            zone = found.group(1) if found else None
        if zone and self.builder.options.timezone in ("UTC", zone):
            self.builder.options.timezone = zone
        elif zone:
            self.problem(
                f"the timeline's times are in {zone}, as its title slide says; they are read "
                f"in {self.builder.options.timezone} as --timezone asks"
            )
        for number, event in enumerate(self.timeline.events, 1):
            assert event.text is not None
            match = _EXPORT_HEADLINE.fullmatch(_seen(event.text.headline))
            assert match is not None
            label, status = match.group(2), match.group(3) or "live"
            found = _LABEL.fullmatch(label)
            name, handle = (found.group(1), found.group(2)) if found else (label, None)
            author = self.builder.participant(
                f"person:{label}", handle=handle, name=name, platform=PLATFORM
            )
            key = self.key(event, number)
            text = warning = None
            for attrs, words in paragraphs(event.text.text or ""):
                said = phrases.read_warning(words.removeprefix("⚠ "))
                if said is not None and words.startswith("⚠ ") and warning is None:
                    warning = said  # the post's own warning; its words follow
                elif words == EXPORT_DELETED:
                    status = "deleted"
                elif words == EXPORT_MISSING:
                    status = "missing"
                elif text is None and status != "missing" and attrs == {"dir": "auto"}:
                    text = words  # the post's own text comes first; media lines follow
                chapter = _EXPORT_CHAPTER.fullmatch(words)
                if chapter is not None and not chapter.group(1):
                    self.builder.chapter(chapter.group(2), key)
            if text is None:
                status = "missing"
            url = post_link(event.media) or _export_link(event.text.text or "")
            time = self.time(key, event, number)
            if url and EXPORT_DERIVED in _seen(event.display_date):
                time = None  # the checker derives it from the status ID again, marked so
            self.builder.post(
                key,
                author=author,
                source=self.sid,
                text=clean_text(text) if text is not None else None,
                time=time,
                url=url,
                platform=PLATFORM,
                status=status,  # type: ignore[arg-type]
            )
            if warning is not None and text is not None:
                self.builder.warn(key, *warning)


def _export_link(html: str) -> str | None:
    """The post's address from the export's "Link: …" paragraph."""
    for _, words in paragraphs(html):
        if words.startswith("Link: ") and web_link(words[6:].strip()):
            return words[6:].strip()
    return None


def _runs(events: list[Slide], groups: list[str | None]) -> bool:
    """Whether each group's events form one run in date order (so the groups can be
    chapters, which follow one another)."""
    order = sorted(range(len(events)), key=lambda i: _sort_date(events[i]))
    seen: set[str] = set()
    last: str | None = None
    for index in order:
        group = groups[index]
        if group is None or group == last:
            continue
        if group in seen:
            return False
        seen.add(group)
        last = group
    return True


def _sort_date(event: Slide) -> str:
    try:
        return (session_time(event.start_date).time or "") if event.start_date else ""
    except ValueError:
        return ""


def read(item: Input, builder: Builder) -> None:
    data = item.read_bytes()
    older = legacy(data) if b'"events"' not in data[:4096] else None
    timeline = _DECODER.decode(as_tl3(older) if older is not None else data)
    reader = _Reader(item, builder, timeline, LEGACY_LABEL if older is not None else LABEL)
    reader.read()
    builder.update_source(reader.sid, sha256=item.sha256())
