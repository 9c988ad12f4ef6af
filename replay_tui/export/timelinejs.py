"""A TimelineJS3 document: the exchange as a JSON file that TimelineJS opens as it is.

The shape follows the TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html,
`website/docs/json-format.njk` in NUKnightLab/TimelineJS3): a `title` slide without a date and
`events`, each a slide with `start_date` {year, month, day, hour, minute, second,
display_date}, `display_date`, `text` {headline, text}, `group`, `unique_id`, `autolink` and,
only where the post has a URL, `media` {url, caption, credit}.

Honesty on a timeline that needs a date for everything:

* Date fields are written only down to the precision the sources give (a day-precision post
  has year, month and day, no hour), in the session's zone, because TimelineJS builds a
  browser-local `Date` from the fields. Every slide's `display_date` says what is known
  ("Tue 22 Oct 2013, time unknown"; "≈ …, derived from status ID"), and TimelineJS shows it
  instead of its own formatting.
* TimelineJS refuses an event without `start_date` (`TimelineConfig.addEvent` throws
  `missing_start_date_err`). A post with no known time is therefore not placed on the
  timeline rather than given an invented date; the title slide names every such post.
* Headline, text, caption and credit are rendered as HTML (after DOMPurify), so every session
  string is HTML-escaped. `group` and `display_date` are passed through TimelineJS's
  `stripMarkup` (DOMParser `textContent`, which decodes entities) and the group label is then
  set as `innerHTML` (`TimeGroup._initLayout`), so a group name is escaped twice: one
  decoding leaves it escaped for the second.
* `autolink` is off: URLs inside posts are shown as written, not turned into links that the
  sources never vouched for (the same as in the other exports). Links we add ourselves
  (post permalinks, source URLs) are http(s) only, percent-encoded.
* TimelineJS shows a row per `group`, labelled with it. A session's `group` is a short key
  ("idf", "users"); the label is who is in the group instead: its participants' names as
  the session gives them ("Peter Lerner"; "Ahmed, Sara and 2 others"), `group_labels`.
* A post URL becomes `media` (TimelineJS embeds a tweet from its URL) only for a live post
  with no hidden media: an embed would show what a content warning hides, and for a missing
  or deleted post it would show what the sources do not.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from replay_tui.export.build import build_handout
from replay_tui.export.common import (
    WORDS_BEHIND,
    chapter_words,
    inert_json,
    media_words,
    plural,
    prose_time,
    ref_words,
    text_lines,
    warning_head,
    withheld_words,
)
from replay_tui.export.view import ExportError, ExportOptions, Handout, PostView
from replay_tui.format.read import LoadedSession
from replay_tui.format.times import Precision
from replay_tui.words.sanitize import one_line

DATE_FIELDS = ("year", "month", "day", "hour", "minute", "second")


def h(text: str) -> str:
    """Session text (already made visible) for a field TimelineJS renders as HTML; line
    breaks kept as <br>."""
    return escape(text, quote=True).replace("\n", "<br>")


def plain(text: str) -> str:
    """Text for a field TimelineJS strips of markup and then sets as innerHTML (group)."""
    return escape(escape(text, quote=True), quote=True)


def _a(shown: str, target: str | None) -> str:
    if target is None:
        return f'<span dir="auto">{h(shown)}</span>'
    return f'<a href="{escape(target, quote=True)}" rel="noreferrer noopener">{h(shown)}</a>'


def group_labels(loaded: LoadedSession) -> dict[str, str]:
    """Each group of the session (its `group` key, as exports write it) → a readable label:
    the names of the participants in it, in the session's order."""
    members: dict[str, list[str]] = {}
    for person in loaded.session.participants:
        if person.group:
            members.setdefault(one_line(person.group), []).append(one_line(person.name))
    labels: dict[str, str] = {}
    for number, (group, names) in enumerate(members.items(), start=1):
        if len(names) == 1:
            label = names[0]
        elif len(names) <= 3:
            label = f"{', '.join(names[:-1])} and {names[-1]}"
        else:
            label = f"{', '.join(names[:2])} and {len(names) - 2} others"
        if label in labels.values():
            label = f"{label} (group {number})"
        labels[group] = label
    return labels


def _event(
    post: PostView, loaded: LoadedSession, reveal: bool, groups: dict[str, str]
) -> dict[str, Any]:
    moment = post.moment
    assert moment is not None
    zone = loaded.zone
    fields = moment.truncated(moment.precision, zone)  # down to the known precision only
    shown = prose_time(moment, zone)
    start: dict[str, Any] = dict(zip(DATE_FIELDS, fields, strict=False))
    start["display_date"] = shown

    body: list[str] = []
    if post.chapter is not None:
        chapter = post.chapter
        body.append(f"<p><strong>{chapter_words(chapter)}: {h(chapter.title)}</strong></p>")
    for label, ref in (("In reply to", post.reply_to), ("Quoting", post.quotes)):
        if ref is not None:
            body.append(f"<p>{h(ref_words(label, ref))}</p>")
    head = warning_head(post)
    if head is not None:
        body.append(f'<p dir="auto"><strong>⚠ {h(head)}</strong></p>')
        body.append(f"<details><summary>{h(WORDS_BEHIND)}</summary>")
    body += text_lines(
        post,
        said=lambda text: f'<p dir="auto">{h(text)}</p>',
        missing="<p><em>{}</em></p>".format,
        variant=lambda outlet, wording: (
            f'<p><em>As worded by {h(outlet)}:</em> <span dir="auto">{h(wording)}</span></p>'
        ),
    )
    if head is not None:
        body.append("</details>")
    if post.time_origin:
        body.append(f"<p>Time: {h(post.time_origin)}.</p>")
    body += [f'<p dir="auto">{h(media_words(m))}</p>' for m in post.media]
    for r in post.reactions:
        line = h(r.label)
        body.append(
            f"<p>{line}" + (f': <span dir="auto">{h(r.text)}</span>' if r.text else "") + "</p>"
        )
    body += [f"<p>Counts: {h(line)}</p>" for line in post.metrics]
    body.append(f"<p>Sources: {h(', '.join(post.sources))}</p>")
    # An embed would show warned media, or warned words, without their warning.
    hidden = (any(m.warning is not None for m in post.media) and not reveal) or head is not None
    embed = post.link is not None and post.status == "live" and not hidden
    if post.url and not embed:
        body.append(f"<p>Link: {_a(post.url, post.link)}</p>")
    if post.archived_url:
        body.append(f"<p>Archived: {_a(post.archived_url, post.archived_link)}</p>")
    if post.notes:
        body.append(f'<p><em>Presenter notes:</em> <span dir="auto">{h(post.notes)}</span></p>')

    status = f" ({post.status})" if post.status != "live" else ""
    event: dict[str, Any] = {
        "start_date": start,
        "display_date": shown,
        "text": {
            "headline": h(f"Post {post.number}: {post.author.label}{status}"),
            "text": "".join(body),
        },
        "unique_id": f"post-{post.number}",
        "autolink": False,
    }
    if post.author.group:
        event["group"] = plain(groups.get(post.author.group, post.author.group))
    if embed:
        event["media"] = {
            "url": post.link,
            "caption": h(f"Post {post.number} at the address the session gives"),
            "credit": h(", ".join(post.sources)),
        }
    return event


def _title(handout: Handout, unplaced: list[PostView], approximate: int) -> dict[str, Any]:
    body: list[str] = []
    if handout.summary:
        body.append(f'<p dir="auto">{h(handout.summary)}</p>')
    body.append(
        f"<p>{h(handout.dates)}. Times are shown in {h(handout.zone)}. "
        f"Posts: {h(handout.selection)}.</p>"
    )
    if approximate:
        verb = "is" if approximate == 1 else "are"
        body.append(
            f"<p>{plural(approximate, 'post')} known only to the day (or a coarser date) "
            f"{verb} placed at the start of that period; each slide's date says what is "
            "known.</p>"
        )
    if unplaced:
        listed = "; ".join(f"post {p.number} ({p.author.label})" for p in unplaced)
        verb = "is" if len(unplaced) == 1 else "are"
        body.append(
            f"<p>{plural(len(unplaced), 'post')} with unknown time {verb} not placed on this "
            f"timeline: {h(listed)}.</p>"
        )
    if handout.withheld:
        body.append(f"<p>Content warnings: {withheld_words(handout.withheld)}.</p>")
    if handout.background:
        titles = "; ".join(note.title for note in handout.background)
        body.append(f"<p>Background: {h(titles)}.</p>")
    if handout.sources:
        items = []
        for source in handout.sources:
            bit = h(source.outlet)
            if source.title:
                bit += f", “{h(source.title)}”"
            if source.url:
                bit += f" ({_a(source.url, source.link)})"
            items.append(bit)
        body.append(f"<p>Sources: {'; '.join(items)}.</p>")
    return {
        "text": {"headline": h(handout.title), "text": "".join(body)},
        "unique_id": f"{handout.session_id.lower()}-title",
        "autolink": False,
    }


def document(loaded: LoadedSession, options: ExportOptions) -> dict[str, Any]:
    """The TimelineJS3 document as a dict; ExportError when no exported post has a time."""
    handout = build_handout(loaded, options)
    placed = [p for p in handout.posts if p.moment is not None]
    unplaced = [p for p in handout.posts if p.moment is None]
    if not placed:
        raise ExportError(
            "none of the posts to export has a known time, and TimelineJS needs a date for "
            "every event; choose other posts or another format"
        )
    groups = group_labels(loaded)
    approximate = sum(
        1 for p in placed if p.moment is not None and p.moment.precision < Precision.MINUTE
    )
    return {
        "title": _title(handout, unplaced, approximate),
        "events": [_event(p, loaded, options.reveal_sensitive, groups) for p in placed],
    }


def render(loaded: LoadedSession, options: ExportOptions) -> str:
    """The TimelineJS3 JSON of `loaded` as `options` select it."""
    text = json.dumps(document(loaded, options), ensure_ascii=False, indent=2)
    return inert_json(text) + "\n"
