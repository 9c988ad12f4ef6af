"""The fast path of reading server HTML (`html_fast`) gives what `html.parser` gives.

It reads a post's shape once and puts every post of that shape through the plan. Whenever
it reads a post, it must give the text and links of the reader built on `html.parser`
(`parsed`), on fragments mixed at random and on generated server HTML, including posts of
one shape with other words and addresses, read one after another; and it must read what
Mastodon's formatter writes.
"""

from __future__ import annotations

from html import escape

from hypothesis import given
from hypothesis import strategies as st
from test_import_pieces import (
    ADDRESS,
    FRAGMENTS,
    HASHTAG,
    LONG_LINK,
    MENTION,
    SERVER_HTML,
    SHORT_LINK,
    WORDS,
    _link,
)

from replay_tui.imports.html_fast import fast
from replay_tui.imports.html_text import parsed

MIXED = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
# What Mastodon's formatter writes: the words escaped, every tag in its plain form.
ESCAPED = st.lists(
    st.one_of(
        WORDS.map(escape),
        st.sampled_from(["<br />", " ", MENTION, HASHTAG, MENTION.replace("Gargron", "x")]),
        ADDRESS.map(_link),
    ),
    max_size=8,
).map(lambda pieces: f"<p>{''.join(pieces)}</p>")
FORMATTED = st.lists(ESCAPED, min_size=1, max_size=4).map("".join)


@given(MIXED | SERVER_HTML, st.booleans())
def test_reads_as_html_parser_does_whenever_it_reads(html: str, preserve: bool) -> None:
    shown = fast(html, preserve)
    if shown is not None:
        assert shown == parsed(html, preserve_spaces=preserve)


@given(FORMATTED, st.booleans())
def test_what_mastodon_writes_is_read_fast(html: str, preserve: bool) -> None:
    assert fast(html, preserve) == parsed(html, preserve_spaces=preserve)


@given(st.lists(SERVER_HTML | MIXED, min_size=2, max_size=8))
def test_posts_of_one_shape_keep_their_own_words_and_addresses(posts: list[str]) -> None:
    for html in posts:
        shown = fast(html, True)
        if shown is not None:
            assert shown == parsed(html)


def test_a_shape_is_read_once_for_posts_with_other_words_and_addresses() -> None:
    template = "<p>{mention} says {words} {link} {tag}</p><p>{short}</p>"
    first = template.format(
        mention=MENTION, words="one", link=LONG_LINK, tag=HASHTAG, short=SHORT_LINK
    )
    second = template.format(
        mention=MENTION.replace("Gargron", "Other"),
        words="two &amp; three",
        link=LONG_LINK.replace("example.com", "example.net"),
        tag=HASHTAG,
        short=SHORT_LINK.replace("/x", "/y"),
    )
    for html in (first, second, first):
        assert fast(html, True) == parsed(html)
    shown = fast(second, True)
    assert shown is not None
    assert shown.text.startswith("@Other says two & three example.net/")
    assert shown.links == (
        "https://example.net/a/very/long/path/that/goes/on",
        "https://example.org/y",
    )


def test_text_holding_a_raw_angle_bracket_and_addresses_left_in_their_tags() -> None:
    for html in (
        "<p>a > b</p><p>c</p>",
        '<a href="https://x.test/" href="https://y.test/">x</a>',
        '<a href="" HREF="https://g.test/">e</a>',  # the second address is the link
    ):
        assert fast(html, True) == parsed(html)


def test_what_it_leaves_to_html_parser() -> None:
    assert fast("<p>a<!-- c --></p>", True) is None
    assert fast("<p>a<script>x</script></p>", True) is None
    assert fast("<p>a <b</p>", True) is None
    assert fast('<a href="https://h.test/?q=\'">h</a>', True) is None


def test_a_pre_inside_hidden_text_leaves_what_follows_it_outside_pre() -> None:
    html = '<p><span class="invisible"><pre>x</pre></span>a\nb  c</p>'
    for preserve in (True, False):
        assert parsed(html, preserve_spaces=preserve) == fast(html, preserve)
    assert parsed(html, preserve_spaces=False).text == "a b c"
    assert parsed("<p><pre>a\nb  c</pre></p>", preserve_spaces=False).text == "a\nb  c"


# Texts whose spaces, line ends and entities decide what a line starts and ends with: the
# fast path joins a shape's texts in one step only when none needs more than its spaces
# stripped, and must give the steps' text either way.
EDGES = st.lists(
    st.sampled_from([" ", "  ", "a", "b c", "&#32;", "&#10;", "&#39;", "&amp;", "\t", "…"]),
    max_size=4,
).map("".join)
SPACED = st.lists(
    st.one_of(
        EDGES,
        st.sampled_from(["<br />", MENTION, HASHTAG, '<span class="ellipsis">', "</span>"]),
        ADDRESS.map(_link),
    ),
    max_size=8,
).map(lambda pieces: f"<p>{''.join(pieces)}</p>")


@given(st.lists(SPACED, min_size=1, max_size=3).map("".join))
def test_lines_start_and_end_as_html_parser_has_them(html: str) -> None:
    shown = fast(html, True)
    assert shown is not None
    assert shown == parsed(html)
