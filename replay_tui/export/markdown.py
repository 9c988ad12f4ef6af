"""The Markdown handout: the exchange as a document a teacher can print, edit or post.

Session text is untrusted, and Markdown turns punctuation into links, images, raw HTML and
headings, so every session string is escaped before it is placed: Markdown's punctuation is
backslash-escaped, `<`, `>` and entity-like `&` become entities (which every Markdown
flavour passes through as text, where `\\<` is not understood by all), and the characters
that start a block at the beginning of a line (`-`, `+`, `=`, `1.`) are escaped there. A post
therefore cannot add a link, an image, HTML or a heading; it reads as written, and the file
still reads as plain text.
"""

from __future__ import annotations

import re

from replay_tui.export import common
from replay_tui.export.build import build_handout
from replay_tui.export.view import ExportOptions, Handout, NoteView, PostView, PressView
from replay_tui.format.read import LoadedSession

# Everywhere: what can open a link, image, code span, emphasis, table cell, strikethrough,
# maths or attribute block. `(` and `)` matter only after `]`, `!` only before `[`, and `[`
# is always escaped, so they are left as they are (a handout full of `\(` reads badly).
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~${}])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# `#` before a digit: an issue reference on some hosts. At a line start: headings, list
# items, setext underlines, ordered lists ("1." and "1)") and Pandoc example lists "(@)".
_NUMBER_SIGN = re.compile(r"#(?=\d)")
_LINE_START = re.compile(r"^(\s*)([-+=#(])")
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])")


def escape(text: str) -> str:
    """`text` (already made visible) as inert Markdown: it renders as itself."""
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = _NUMBER_SIGN.sub(r"\\#", text)
    lines = []
    for line in text.split("\n"):
        line = _LINE_START.sub(r"\1\\\2", line)
        lines.append(_ORDERED.sub(r"\1\\\2", line))
    return "\n".join(lines)


def paragraphs(text: str) -> str:
    """Multi-line text as Markdown paragraphs: its line breaks kept (as hard breaks), its
    blank lines as paragraph breaks."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [escape(line.strip()) for line in block.split("\n")]
        blocks.append("  \n".join(line for line in lines if line))
    return "\n\n".join(b for b in blocks if b)


def quoted(text: str) -> str:
    """Multi-line text as a block quote."""
    return "\n".join(f"> {line}" if line else ">" for line in paragraphs(text).split("\n"))


def item(text: str) -> str:
    """Text as the body of a list item, its lines kept inside the item."""
    return paragraphs(text).replace("\n", "\n  ")


MARKUP = common.Markup(
    strong=lambda text: f"**{escape(text)}**",
    span=escape,
    plain=escape,
    sources=lambda names: f" *Sources: {escape(names)}*",
)
"""Markdown's inline markup: bold names, and escaping alone for the rest."""


def link(shown: str, target: str | None) -> str:
    """A URL to read, and an autolink to follow where the URL is a safe http(s) one."""
    if target is None:
        return escape(shown)
    return f"<{target}>"


def _note(note: NoteView, number: int | None) -> list[str]:
    about = common.about_words(note.about)
    also = f" (about {about})" if about and number is not None else ""
    out = [f"**Context: {escape(note.title)}**{also}", "", paragraphs(note.body), ""]
    if note.sources:
        out += [f"*Sources: {escape(', '.join(note.sources))}*", ""]
    return out


def _press(press: PressView, number: int | None) -> list[str]:
    about = common.about_words(press.about)
    also = f" (about {about})" if about and number is not None else ""
    return [f"**Press: {escape(press.outlet)}**{also}", "", quoted(press.quote), ""]


def _post(post: PostView, total: int) -> list[str]:
    out: list[str] = []
    chapter = post.chapter
    if chapter is not None:
        out += [f"### {common.chapter_words(chapter)}: {escape(chapter.title)}", ""]
        if chapter.prompt and not chapter.continued:
            out += [f"**Discussion prompt:** {paragraphs(chapter.prompt)}", ""]
    status = f" ({post.status})" if post.status != "live" else ""
    out += [f"#### Post {post.number} of {total}: {escape(post.author.label)}{status}", ""]
    when = f"*{escape(post.time)}*"
    if post.time_origin:
        when += f" ({escape(post.time_origin)})"
    out += [when, ""]
    for label, ref in (("In reply to", post.reply_to), ("Quoting", post.quotes)):
        if ref is not None:
            out += [escape(common.ref_words(label, ref)), ""]
    head = common.warning_head(post)
    if head is not None:
        out += [f"**⚠ {escape(head)}**", "", f"*{common.WORDS_BEHIND}:*", ""]
    for line in common.text_lines(
        post,
        said=quoted,
        missing="*{}*".format,
        variant=lambda outlet, wording: f"*As worded by {escape(outlet)}:*\n\n{quoted(wording)}",
    ):
        out += [line, ""]
    facts = [f"- {item(common.media_words(m))}" for m in post.media]
    # `link` escapes what it cannot link: every fact's words, and an unsafe address.
    facts += [f"- **{fact.label}:** {link(fact.words, fact.link)}" for fact in post.facts]
    out += [*facts, ""]
    if post.reactions:
        out += ["**Reactions**", ""]
        for r in post.reactions:
            head = r.label
            body = f"{escape(head)}: {item(r.text)}" if r.text else escape(head)
            out.append(f"- {body}")
        out.append("")
    for note in post.context:
        out += _note(note, post.number)
    for press in post.press:
        out += _press(press, post.number)
    if post.notes:
        out += ["**Presenter notes**", "", quoted(post.notes), ""]
    return out


def layout(handout: Handout) -> str:
    """The Markdown text of a built handout."""
    out = [f"# {escape(handout.title)}", ""]
    if handout.summary:
        out += [paragraphs(handout.summary), ""]
    out += [f"- **{label}:** {escape(words)}" for label, words in common.facts(handout)]
    out.append("")
    if handout.participants:
        out += ["## Participants", ""]
        for person in handout.participants:
            bio = f"  \n  {item(person.bio)}" if person.bio else ""
            out.append(f"- {common.person_words(person, MARKUP)}{bio}")
        out.append("")
    if handout.background:
        out += ["## Background", ""]
        for note in handout.background:
            out += _note(note, None)
    if handout.coverage:
        out += ["## Coverage of the whole exchange", ""]
        for press in handout.coverage:
            out += _press(press, None)
    out += ["## Posts", "", *common.post_lines(handout, _post, ["*No posts.*", ""])]
    if handout.sources:
        out += ["## Sources", ""]
        for n, source in enumerate(handout.sources, 1):
            line = f"{n}. {common.source_words(source, MARKUP)}"
            if source.url:
                line += f"  \n   {link(source.url, source.link)}"
            out.append(line)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render(loaded: LoadedSession, options: ExportOptions) -> str:
    """The Markdown handout of `loaded` as `options` select it."""
    return layout(build_handout(loaded, options))
