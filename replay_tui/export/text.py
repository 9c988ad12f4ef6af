"""The plain transcript: the exchange as text for screen readers, pipes and e-mail.

No markup, no colour, no escape sequences (every session string went through
`sanitize.visible`), no drawing characters and no wrapping: one labelled line per fact, a
blank line between blocks, so a screen reader announces "Post 3 of 7", "Time: …", "Text: …"
in the same order for every post, and `grep` finds a post by any of its words.
"""

from __future__ import annotations

from replay_tui.export import common
from replay_tui.export.build import build_handout
from replay_tui.export.view import ExportOptions, Handout, NoteView, PostView, PressView
from replay_tui.format.read import LoadedSession
from replay_tui.words import phrases


def _note(note: NoteView, here: bool) -> list[str]:
    about = common.about_words(note.about)
    also = f" (about {about})" if about and here else ""
    out = [f"Context: {note.title}{also}", note.body]
    if note.sources:
        out.append(f"Sources: {', '.join(note.sources)}")
    return out


def _press(press: PressView, here: bool) -> list[str]:
    about = common.about_words(press.about)
    also = f" (about {about})" if about and here else ""
    return [f"Press, {press.outlet}{also}: “{press.quote}”"]


def _post(post: PostView, total: int) -> list[str]:
    out: list[str] = []
    chapter = post.chapter
    if chapter is not None:
        out.append(f"{common.chapter_words(chapter)}: {chapter.title}")
        if chapter.prompt and not chapter.continued:
            out.append(f"Discussion prompt: {chapter.prompt}")
        out.append("")
    status = f" ({post.status})" if post.status != "live" else ""
    out.append(f"Post {post.number} of {total}{status}")
    out.append(f"Author: {post.author.label}")
    when = post.time + (f" ({post.time_origin})" if post.time_origin else "")
    out.append(f"Time: {when}")
    for label, ref in (("In reply to", post.reply_to), ("Quoting", post.quotes)):
        if ref is not None:
            out.append(common.ref_words(label, ref))
    head = common.warning_head(post)
    behind = f" ({phrases.WORDS_BEHIND})" if head is not None else ""
    if head is not None:
        out.append(f"⚠ {head}")
    out += common.text_lines(
        post,
        said=lambda text: f"Text{behind}: {text}",
        missing="Text: {}".format,
        deleted="({})".format,
        variant=lambda outlet, wording: f"As worded by {outlet}{behind}: {wording}",
    )
    out += [common.media_words(m) for m in post.media]
    out += [f"{fact.label}: {fact.words}" for fact in post.facts]
    for r in post.reactions:
        line = f"Reaction: {r.label}"
        out.append(f"{line}: {r.text}" if r.text else line)
    for note in post.context:
        out += _note(note, True)
    for press in post.press:
        out += _press(press, True)
    if post.notes:
        out.append(f"Presenter notes: {post.notes}")
    out.append("")
    return out


def layout(handout: Handout) -> str:
    """The transcript of a built handout."""
    out = [handout.title]
    if handout.summary:
        out.append(f"Summary: {handout.summary}")
    out += [f"{label}: {words}" for label, words in common.facts(handout)]
    out.append("")
    if handout.participants:
        out.append("Participants")
        for person in handout.participants:
            out.append(common.person_words(person, common.PLAIN))
            if person.bio:
                out.append(f"About {person.name}: {person.bio}")
        out.append("")
    if handout.background:
        out.append("Background")
        for note in handout.background:
            out += [*_note(note, False), ""]
    if handout.coverage:
        out.append("Coverage of the whole exchange")
        out += [line for press in handout.coverage for line in _press(press, False)]
        out.append("")
    out += ["Posts", "", *common.post_lines(handout, _post, ["No posts.", ""])]
    if handout.sources:
        out.append("Sources")
        for n, source in enumerate(handout.sources, 1):
            out.append(f"{n}. {common.source_words(source, common.PLAIN)}")
            if source.url:
                out.append(f"   {source.url}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render(loaded: LoadedSession, options: ExportOptions) -> str:
    """The plain transcript of `loaded` as `options` select it."""
    return layout(build_handout(loaded, options))
