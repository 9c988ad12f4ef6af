"""The wording and escaping every export format shares: times as prose, links made safe,
counts and references in words, JSON made inert.

The phrases themselves that the replayer shows too ("text unknown (missing)", how a time
is known) are in `words.phrases`; this module puts them in a document's sentences.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from replay_tui.export.view import (
    ChapterView,
    Handout,
    MediaView,
    Person,
    PostView,
    Ref,
    SourceView,
)
from replay_tui.format.model import Source
from replay_tui.format.times import Moment, TimeError, parse, reads_zone
from replay_tui.words import phrases, timefmt
from replay_tui.words.phrases import DATE_NOT_GIVEN
from replay_tui.words.sanitize import INVISIBLES, one_line, stray_tags

MEDIA_WORDS = {kind: words.capitalize() for kind, words in phrases.MEDIA_KINDS.items()}
REACTION_WORDS = {
    "favorite": "Favorite",
    "repost": "Repost",
    "reply": "Reply",
    "quote": "Quote",
    "mention": "Mention",
    "comment": "Comment",
}

_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def prose_time(moment: Moment | None, zone: tzinfo, *, mark_derived: bool = True) -> str:
    """`timefmt.format_moment` as a document reads it: 'Tue 22 Oct 2013, time unknown'.

    The replayer's '·' separator suits a status line; in running text and to a screen
    reader a comma reads better. The words are otherwise the replayer's own.
    """
    return timefmt.format_moment(moment, zone, mark_derived=mark_derived).replace(" · ", ", ")


def post_time(moment: Moment | None, zone: tzinfo) -> str:
    """A post's time for a document, where `time_origin` says beside it how it is known:
    a derived time keeps its '≈' but not the words that `time_origin` gives in full."""
    if moment is not None and moment.derived:
        return f"{phrases.DERIVED_MARK} {prose_time(moment, zone, mark_derived=False)}"
    return prose_time(moment, zone)


def time_origin(moment: Moment | None, zone: tzinfo) -> str | None:
    """How a post's time is known, in words, where a reader could otherwise assume more."""
    return phrases.time_known(moment)


def written_time(text: str | None, zone: tzinfo) -> str | None:
    """A time written in the session (a reaction's, a source's) in words; None if absent."""
    if text is None:
        return None
    try:
        return prose_time(parse(text, zone), zone)
    except (TimeError, ValueError):
        return f"{one_line(text)} {phrases.AS_WRITTEN}"


def published_time(source: Source, zone: tzinfo) -> str | None:
    """When a source was published, in words, with the session's reason where the zone is
    its inference ('Thu 24 Oct 2013, 18:58 IDT (zone inferred: …)'); None if not given."""
    shown = written_time(source.published, zone)
    if shown is not None and source.published_zone_inferred and reads_zone(source.published):
        shown += f" (zone inferred: {one_line(source.published_zone_inferred)})"
    return shown


def withheld_words(count: int) -> str:
    """What a handout says of the media descriptions left out behind their warnings."""
    return (
        f"{plural(count, 'media description')} not included in this export; "
        "only the warning is shown"
    )


def facts(handout: Handout) -> list[tuple[str, str]]:
    """The facts a document gives under its title, as (label, words): the dates, which
    posts, what became of content warnings, whether presenter notes are in."""
    said = [
        ("Dates", f"{handout.dates} (times shown in {handout.zone})"),
        ("Posts", handout.selection),
    ]
    if handout.withheld:
        said.append(("Content warnings", withheld_words(handout.withheld)))
    elif handout.reveal_sensitive:
        said.append(("Content warnings", "media descriptions are shown beside their warnings"))
    if handout.presenter_notes:
        said.append(("Presenter notes", "included"))
    return said


def safe_link(url: str | None) -> str | None:
    """`url` as something safe to follow and to place in a document: an http or https URL
    with every character outside the URL syntax percent-encoded (spaces, quotes, angle
    brackets, control characters, non-ASCII), or None for any other scheme
    (``javascript:``, ``data:``, ``file:``) and for what does not parse as a URL."""
    if not url:
        return None
    text = url.strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urllib.parse.quote(text, safe="/:?#@!$&*+,;=%~-._")


def language_tag(tag: str | None) -> str | None:
    """The session's language if it is shaped like a BCP 47 tag, else None (it is placed in
    an HTML attribute, so nothing else may pass)."""
    if tag and _LANGUAGE.fullmatch(tag):
        return tag
    return None


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def about_words(numbers: tuple[int, ...]) -> str:
    """'post 3', 'posts 1, 2 and 5'; '' for a note about the whole exchange."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"post {numbers[0]}"
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"posts {head} and {numbers[-1]}"


def inferred_words(ref: Ref) -> str:
    """' (inferred link: …)' after a link the session infers; '' after a stated one."""
    return f" (inferred link: {ref.inferred})" if ref.inferred is not None else ""


def ref_words(label: str, ref: Ref, *, inference: bool = True) -> str:
    """'In reply to post 2, by Alqassam Brigades', noting a target left out of the export
    and a link the session infers, with its reason."""
    outside = " (not in this export)" if not ref.exported else ""
    inferred = inferred_words(ref) if inference else ""
    return f"{label} post {ref.number}, by {ref.author}{outside}{inferred}"


def text_lines(
    post: PostView,
    *,
    said: Callable[[str], str],
    missing: Callable[[str], str],
    deleted: Callable[[str], str] | None = None,
    variant: Callable[[str, str], str] | None = None,
) -> list[str]:
    """What a post's words claim, in one place for every format, each line laid out by the
    format: the text through `said`, followed for a deleted post by `DELETED_NOTE` through
    `deleted` (by default, in parentheses through `missing`: a format that writes both
    notes alike); for a post whose text is unknown, only `MISSING_TEXT` through `missing`;
    then, with `variant`, each other source's wording through `variant(outlet, wording)`.
    A format that adds no escaping passes templates: `"Text: {}".format`."""
    if post.text is None:
        lines = [missing(phrases.MISSING_TEXT)]
    else:
        lines = [said(post.text)]
        if post.status == "deleted":
            note = phrases.DELETED_NOTE
            lines.append(deleted(note) if deleted else missing(f"({note})"))
    if variant is not None:
        lines += [variant(outlet, wording) for outlet, wording in post.variants]
    return lines


def chapter_words(chapter: ChapterView) -> str:
    """'Chapter 2 of 4 (continued)': a chapter's place, before its title, in every format."""
    continued = " (continued)" if chapter.continued else ""
    return f"Chapter {chapter.number} of {chapter.total}{continued}"


@dataclass(frozen=True)
class Markup:
    """How a handout format marks session text within a line, so that the lines every
    handout writes alike (a participant, a source) are worded in one place. Each function
    takes text made visible and returns it escaped for the format and marked up."""

    strong: Callable[[str], str]
    """A name or an outlet, in bold."""
    span: Callable[[str], str]
    """Session text within a line (a handle, a title)."""
    plain: Callable[[str], str]
    """Escaping alone, for words of the export's own making (a date)."""
    sources: Callable[[str], str]
    """' Sources: …' after a participant, the ids already joined."""


PLAIN = Markup(str, str, str, ". Sources: {}".format)
"""No markup at all: the plain transcript."""


def person_words(person: Person, markup: Markup) -> str:
    """'Peter Lerner (@LTCPeterLerner): IDF spokesman …', marked up by the format (a bio
    is the format's to add, after the line or below it)."""
    line = markup.strong(person.name)
    if person.handle:
        line += f" ({markup.span(person.handle)})"
    if person.role:
        line += f": {markup.span(person.role)}"
    if person.sources:
        line += markup.sources(", ".join(person.sources))
    return line


def source_words(source: SourceView, markup: Markup) -> str:
    """'Outlet, “Title”, by Author, published Tue 22 Oct 2013 (press)': a source as the
    handouts list it, marked up by the format (its URL is the format's to add)."""
    bits = [markup.strong(source.outlet)]
    if source.title:
        bits.append(f"“{markup.span(source.title)}”")
    if source.author:
        bits.append(f"by {markup.span(source.author)}")
    published = source.published
    bits.append(f"published {markup.plain(published)}" if published else DATE_NOT_GIVEN)
    return f"{', '.join(bits)} ({markup.plain(source.kind)})"


def post_lines(
    handout: Handout, lay_out: Callable[[PostView, int], list[str]], none: list[str]
) -> list[str]:
    """Every exported post laid out by the format (`lay_out(post, total)`), or `none`
    where the selection holds no post: a handout says so rather than end on a heading."""
    if not handout.posts:
        return none
    return [line for post in handout.posts for line in lay_out(post, handout.total)]


def warning_head(post: PostView) -> str | None:
    """'Content warning by the author: …', as a document's line, or None."""
    return post.warning[:1].upper() + post.warning[1:] if post.warning else None


WORDS_BEHIND = f"Text {phrases.WORDS_BEHIND}"
"""'Text behind the warning': introduces the words a post's warning covers."""


def media_words(media: MediaView) -> str:
    """One attachment in words, its warning kept and a withheld description said to be so."""
    if media.warning is not None:
        head = f"{media.kind}, content warning: {media.warning}"
        if media.description is not None:
            return f"{head}. Description: {media.description}"
        if media.withheld:
            return f"{head} ({phrases.WITHHELD_NOTE})"
        return f"{head} (not described)"
    if media.description is not None:
        return f"{media.kind}: {media.description}"
    return f"{media.kind} (not described)"


# Characters JSON leaves raw (with ensure_ascii=False) that a terminal or a text field could
# still act on: DEL, the C1 controls, bidi embeddings/overrides/isolates and the Unicode line
# and paragraph separators; and those a reader cannot see (zero-width space, byte-order
# mark, …: `sanitize.INVISIBLES`). (C0 controls are always escaped by the encoder.)
_JSON_INERT = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}
_JSON_INERT.update(
    {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)
_JSON_INERT.update({code: f"\\u{code:04x}" for code in INVISIBLES})


def _json_escape(code: int) -> str:
    """`code` (beyond the first plane) as JSON writes it: a UTF-16 surrogate pair."""
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def inert_json(document: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with every character that could
    act on a terminal, or hide in plain sight, written as a `\\uXXXX` escape instead. Such
    characters can only occur inside strings (the JSON syntax itself is ASCII), where the
    escape means the same thing: the data is unchanged (decoded, each string is exactly the
    session's), Hebrew and Arabic stay readable, no raw control byte is sent, and a zero-width
    space or a hidden tag character shows as its escape. The joiners emoji and scripts need
    (U+200D, U+200C) and the tags of an emoji flag stay as they are."""
    return stray_tags(document.translate(_JSON_INERT), _json_escape)
