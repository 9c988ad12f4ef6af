"""The HTML handout: one self-contained page to open, project or print.

Everything is in the file (inline CSS with a print stylesheet; no scripts, fonts, images or
other outside resources, and a Content-Security-Policy that forbids them), so the page works
offline and cannot call home. Every session string is `html.escape`d after
`sanitize.visible`, and attribute values are built only from escaped text, post numbers and
percent-encoded http(s) URLs. A media description behind a content warning is not in the file
at all unless revealed: hiding it with CSS would leave it for anyone who views the source,
prints with styles off, or reads the page with a screen reader.

Post text carries `dir="auto"`, so Hebrew and Arabic lay out right to left on their own.
"""

from __future__ import annotations

from html import escape

from replay_tui import __version__
from replay_tui.export.build import build_handout
from replay_tui.export.common import (
    WORDS_BEHIND,
    Markup,
    about_words,
    chapter_words,
    facts,
    inferred_words,
    media_words,
    person_words,
    post_lines,
    ref_words,
    source_words,
    text_lines,
    warning_head,
)
from replay_tui.export.view import ExportOptions, Handout, NoteView, PostView, PressView, SourceView
from replay_tui.format.read import LoadedSession

CSS = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0;
  --g1: #1f6feb; --g2: #c2410c; --g3: #15803d; --g4: #7e22ce; --g5: #b45309; --g6: #0e7490; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; color: var(--ink);
  background: #fff; font: 1.05rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", sans-serif; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .6rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .2rem; }
.text, .body, blockquote { white-space: pre-wrap; overflow-wrap: anywhere; }
.facts { margin: .8rem 0; padding: 0; list-style: none; color: var(--muted); }
.muted, .time, .sources { color: var(--muted); }
.post { margin: 1.2rem 0; padding: .2rem 0 .4rem .9rem; border-left: 4px solid var(--rule);
  break-inside: avoid; }
.g1 { border-left-color: var(--g1); } .g2 { border-left-color: var(--g2); }
.g3 { border-left-color: var(--g3); } .g4 { border-left-color: var(--g4); }
.g5 { border-left-color: var(--g5); } .g6 { border-left-color: var(--g6); }
.text { font-size: 1.1rem; margin: .5rem 0; }
.missing { font-style: italic; color: var(--muted); }
.status { font-weight: 600; }
.variant { margin: .4rem 0 .4rem 1rem; color: var(--muted); font-style: italic; }
.warning, .inferred { font-weight: 600; }
details { margin: .4rem 0; } summary { cursor: pointer; color: var(--muted); }
blockquote { margin: .4rem 0 .4rem .8rem; padding-left: .7rem; border-left: 2px solid var(--rule); }
.prompt { padding: .5rem .8rem; border: 1px dashed var(--rule); }
.aside { margin: .7rem 0 0; font-size: .95rem; }
ul.plain { padding-left: 1.1rem; }
a { color: inherit; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; } h3, h4 { break-after: avoid; }
  .post, blockquote, .aside { break-inside: avoid; }
  a[href^="http"]:not(.url)::after { content: " <" attr(href) ">"; font-size: .85em;
    word-break: break-all; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def h(text: str) -> str:
    """Session text (already made visible) as HTML text or an attribute value."""
    return escape(text, quote=True)


MARKUP = Markup(
    strong=lambda text: f'<strong dir="auto">{h(text)}</strong>',
    span=lambda text: f'<span dir="auto">{h(text)}</span>',
    plain=h,
    sources=lambda names: f' <span class="sources">Sources: {h(names)}</span>',
)
"""HTML's inline markup: every piece of session text in an element of its own with
`dir="auto"`, so that a right-to-left name does not reorder the line around it."""


def _link(shown: str, target: str | None) -> str:
    if target is None:
        return f'<span dir="auto">{h(shown)}</span>'
    # Printed, a link is followed by its address, unless its text already is that address.
    css = ' class="url"' if shown.strip() == target else ""
    return f'<a href="{h(target)}"{css} rel="noreferrer noopener" dir="auto">{h(shown)}</a>'


def _note(note: NoteView, here: bool) -> list[str]:
    about = about_words(note.about)
    also = f' <span class="muted">(about {h(about)})</span>' if about and here else ""
    out = [
        '<div class="aside">',
        f'<h4 dir="auto">Context: {h(note.title)}{also}</h4>',
        f'<p class="body" dir="auto">{h(note.body)}</p>',
    ]
    if note.sources:
        out.append(f'<p class="sources">Sources: {h(", ".join(note.sources))}</p>')
    out.append("</div>")
    return out


def _press(press: PressView, here: bool) -> list[str]:
    about = about_words(press.about)
    also = f' <span class="muted">(about {h(about)})</span>' if about and here else ""
    return [
        '<div class="aside">',
        f'<h4 dir="auto">Press: {h(press.outlet)}{also}</h4>',
        f'<blockquote dir="auto">{h(press.quote)}</blockquote>',
        "</div>",
    ]


def _post(post: PostView, total: int) -> list[str]:
    out: list[str] = []
    chapter = post.chapter
    if chapter is not None:
        out.append(
            f'<h3 class="chapter" dir="auto">{chapter_words(chapter)}: {h(chapter.title)}</h3>'
        )
        if chapter.prompt and not chapter.continued:
            out.append(
                f'<p class="prompt" dir="auto"><strong>Discussion prompt:</strong> '
                f"{h(chapter.prompt)}</p>"
            )
    group = f" g{post.author.slot}" if post.author.slot else ""
    out.append(f'<article class="post{group}" id="post-{post.number}">')
    status = ""
    if post.status != "live":
        status = f' <span class="status">({h(post.status)})</span>'
    out.append(
        f'<h4><span class="muted">Post {post.number} of {total}:</span> '
        f'<span dir="auto">{h(post.author.label)}</span>{status}</h4>'
    )
    when = h(post.time)
    if post.time_origin:
        when += f" ({h(post.time_origin)})"
    out.append(f'<p class="time">{when}</p>')
    for label, ref in (("In reply to", post.reply_to), ("Quoting", post.quotes)):
        if ref is not None:
            words = h(ref_words(label, ref, inference=False))
            if ref.exported:
                words = f'<a href="#post-{ref.number}">{words}</a>'
            if ref.inferred is not None:
                words += f'<span class="inferred" dir="auto">{h(inferred_words(ref))}</span>'
            out.append(f'<p class="muted">{words}</p>')
    head = warning_head(post)
    if head is not None:
        # The words stay in the page, folded behind the warning until the reader opens them.
        out += [
            f'<p class="warning" dir="auto">⚠ {h(head)}</p>',
            f"<details><summary>{h(WORDS_BEHIND)}</summary>",
        ]
    out += text_lines(
        post,
        said=lambda text: f'<p class="text" dir="auto">{h(text)}</p>',
        missing='<p class="text missing">{}</p>'.format,
        deleted='<p class="muted">({})</p>'.format,
        variant=lambda outlet, wording: (
            f'<p class="variant">As worded by <span dir="auto">{h(outlet)}</span>: '
            f'<span dir="auto">{h(wording)}</span></p>'
        ),
    )
    if head is not None:
        out.append("</details>")
    items = []
    for media in post.media:
        css = ' class="warning"' if media.warning is not None else ""
        items.append(f'<li{css} dir="auto">{h(media_words(media))}</li>')
    for fact in post.facts:
        if fact.address:
            items.append(f"<li>{fact.label}: {_link(fact.words, fact.link)}</li>")
        else:
            css = ' class="sources"' if fact.label == "Sources" else ""
            items.append(f"<li{css}>{fact.label}: {h(fact.words)}</li>")
    out += ['<ul class="plain">', *items, "</ul>"]
    if post.reactions:
        out += ['<div class="aside">', "<h4>Reactions</h4>", '<ul class="plain">']
        for r in post.reactions:
            head = h(r.label)
            body = f': <span class="body">{h(r.text)}</span>' if r.text else ""
            out.append(f'<li dir="auto">{head}{body}</li>')
        out += ["</ul>", "</div>"]
    for note in post.context:
        out += _note(note, True)
    for press in post.press:
        out += _press(press, True)
    if post.notes:
        out += [
            '<div class="aside">',
            "<h4>Presenter notes</h4>",
            f'<p class="body" dir="auto">{h(post.notes)}</p>',
            "</div>",
        ]
    out.append("</article>")
    return out


def _source(source: SourceView) -> str:
    line = source_words(source, MARKUP)
    if source.url:
        line += f"<br>{_link(source.url, source.link)}"
    return f"<li>{line}</li>"


def layout(handout: Handout) -> str:
    """The HTML page of a built handout."""
    lang = f' lang="{h(handout.language)}"' if handout.language else ""
    out = [
        "<!DOCTYPE html>",
        f"<html{lang}>",
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="replay-tui {h(__version__)}">',
        f"<title>{h(handout.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 dir="auto">{h(handout.title)}</h1>',
    ]
    if handout.summary:
        out.append(f'<p class="body" dir="auto">{h(handout.summary)}</p>')
    out += [
        '<ul class="facts">',
        *(f"<li>{label}: {h(words)}</li>" for label, words in facts(handout)),
        "</ul>",
        "</header>",
    ]
    if handout.participants:
        out += ['<section id="participants">', "<h2>Participants</h2>", '<ul class="plain">']
        for person in handout.participants:
            line = person_words(person, MARKUP)
            if person.bio:
                line += f'<br><span class="body muted" dir="auto">{h(person.bio)}</span>'
            out.append(f"<li>{line}</li>")
        out += ["</ul>", "</section>"]
    if handout.background:
        out += ['<section id="background">', "<h2>Background</h2>"]
        for note in handout.background:
            out += _note(note, False)
        out.append("</section>")
    if handout.coverage:
        out += ['<section id="coverage">', "<h2>Coverage of the whole exchange</h2>"]
        for press in handout.coverage:
            out += _press(press, False)
        out.append("</section>")
    out += ["<main>", "<h2>Posts</h2>"]
    out += post_lines(handout, _post, ['<p class="missing">No posts.</p>'])
    out.append("</main>")
    if handout.sources:
        out += ['<section id="sources">', "<h2>Sources</h2>", "<ol>"]
        out += [_source(source) for source in handout.sources]
        out += ["</ol>", "</section>"]
    out += [
        f'<footer class="muted"><p>Exported by replay-tui {h(__version__)} from the session '
        f"“{h(handout.session_id)}”.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def render(loaded: LoadedSession, options: ExportOptions) -> str:
    """The HTML handout of `loaded` as `options` select it."""
    return layout(build_handout(loaded, options))
