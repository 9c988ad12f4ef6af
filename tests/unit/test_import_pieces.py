"""The pure pieces of the Mastodon, Bluesky and TimelineJS imports: HTML to the text a reader
sees, Bluesky facets at UTF-8 byte offsets, TimelineJS dates at their precision."""

from __future__ import annotations

from html import escape, unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replay_tui.imports.facets import resolve
from replay_tui.imports.html_text import _fast, _unescaped, parsed, visible_text
from replay_tui.imports.rawjson import complete_elements, json_lines
from replay_tui.imports.tl_dates import session_time

LONG_LINK = (
    '<a href="https://example.com/a/very/long/path/that/goes/on" rel="nofollow noopener" '
    'target="_blank"><span class="invisible">https://</span><span class="ellipsis">'
    'example.com/a/very/long/path/t</span><span class="invisible">hat/goes/on</span></a>'
)
SHORT_LINK = (
    '<a href="https://example.org/x" rel="nofollow noopener" target="_blank">'
    '<span class="invisible">https://</span><span class="">example.org/x</span>'
    '<span class="invisible"></span></a>'
)
MENTION = (
    '<span class="h-card" translate="no"><a href="https://mastodon.social/@Gargron" '
    'class="u-url mention">@<span>Gargron</span></a></span>'
)
HASHTAG = '<a href="https://mastodon.social/tags/Gaza" class="mention hashtag" rel="tag">#<span>Gaza</span></a>'


class TestHtmlText:
    def test_paragraphs_and_line_breaks(self) -> None:
        html = "<p>First line<br />second line</p><p>Second paragraph</p>"
        assert visible_text(html).text == "First line\nsecond line\n\nSecond paragraph"

    def test_shortened_link_shows_as_mastodon_shows_it_and_keeps_its_target(self) -> None:
        shown = visible_text(f"<p>Read {LONG_LINK} now</p>")
        assert shown.text == "Read example.com/a/very/long/path/t… now"
        assert shown.links == ("https://example.com/a/very/long/path/that/goes/on",)

    def test_short_link_shows_without_scheme(self) -> None:
        shown = visible_text(f"<p>{SHORT_LINK}</p>")
        assert shown.text == "example.org/x"
        assert shown.links == ("https://example.org/x",)

    def test_mentions_and_hashtags_are_text_and_not_links(self) -> None:
        shown = visible_text(f"<p>{MENTION} on {HASHTAG} :blobcat:</p>")
        assert shown.text == "@Gargron on #Gaza :blobcat:"
        assert shown.links == ()

    def test_quote_inline_is_hidden_and_its_link_kept(self) -> None:
        html = (
            '<p>My comment</p><p class="quote-inline">RE: <a href="https://x.test/@a/1">'
            "https://x.test/@a/1</a></p>"
        )
        shown = visible_text(html)
        assert shown.text == "My comment"
        assert shown.links == ("https://x.test/@a/1",)

    def test_script_and_style_show_nothing(self) -> None:
        html = "<p>a<script>alert('x')</script><style>p{color:red}</style>b</p>"
        assert visible_text(html).text == "ab"

    def test_escaped_tags_and_console_markup_stay_literal(self) -> None:
        html = "<p>&lt;b&gt;bold&lt;/b&gt; [bold red]x[/] &amp;lt;</p>"
        assert visible_text(html).text == "<b>bold</b> [bold red]x[/] &lt;"

    def test_control_and_bidi_characters_are_left_for_the_sanitiser(self) -> None:
        html = "<p>\x1b[2Jcleared \u202eevil</p>"
        assert visible_text(html).text == "\x1b[2Jcleared \u202eevil"

    def test_only_web_links_are_kept(self) -> None:
        shown = visible_text('<a href="javascript:alert(1)">click</a> <a href="data:x">d</a>')
        assert shown.text == "click d"
        assert shown.links == ()

    def test_spaces_kept_as_mastodon_shows_them_collapsed_for_a_web_page(self) -> None:
        html = "<p>a  b \n c</p>"
        assert visible_text(html).text == "a  b   c"
        assert visible_text(html, preserve_spaces=False).text == "a b c"

    def test_unclosed_and_stray_tags(self) -> None:
        assert visible_text("<b>unclosed <i>x").text == "unclosed x"
        assert visible_text("a</p>b").text == "a\n\nb"
        assert visible_text("<p>a<br></p><p>b</p>").text == "a\n\nb"

    @given(st.text())
    def test_any_input_reads_without_error(self, html: str) -> None:
        assert isinstance(visible_text(html).text, str)

    @given(st.text(alphabet=st.characters(blacklist_characters="\n\r\t\x0c\x0b ")))
    def test_escaped_text_comes_back_as_it_was(self, text: str) -> None:
        # Text holding tags, entities, markup or controls, escaped once into HTML, reads
        # back as the same characters: nothing in it is interpreted.
        assert visible_text(f"<p>{escape(text)}</p>").text == text


FRAGMENTS = [
    "<p>", "</p>", "<br>", "<br />", "<br/>", "<span>", "</span>", "<a href=\"https://x.org/a?b=1&amp;c=2\">",
    "</a>", '<span class="invisible">', '<span class="ellipsis">', '<span class="">',
    '<p class="quote-inline">', '<a href="https://m.example/tags/x" class="mention hashtag" rel="tag">',
    '<span class="h-card" translate="no">', "<pre>", "</pre>", "<div>", "</div>", "<ul>", "<li>",
    "</li>", "</ul>", "<em>", "</em>", "<script>", "</script>", "<style>", "</style>", "<!-- c -->",
    "<b class='x'>", "<a href=x>", '<a title="1>2">', "<", ">", "&", "&amp;", "&lt;b&gt;", "&#39;",
    "&nbsp;", " ", "  ", "\n", "\t", "text", "Café 👋", "\x1b[2J", "\u202e", "[bold]", '"', "'",
    '<a href="https://a.example/1" class="mention">', '<a rel="tag" href="https://c.example/">',
    '<a class="u-url" href="http://b.example/&amp;x">', '<a title="x href=" href="https://d/">',
    '<a href="javascript:x">', '<a href="">', "<a href=\"https://e/'x\">",
    '<a href="https://f/" href="https://g/">',
    "<P>", "</P >", "<p/>", "<img src=\"x\" alt=\"y\">", "</nope>", "<3", "a<b", "<a  href=\"y\" >",
    ' href="https://h/"', '<a class="x" href="https://i/&quot;>">', '<a href="https://j/\x01">',
    '<a HREF="https://k/">', '<a\thref="https://l/">', '<span class="ellipsis"></span>',
]  # fmt: skip

# Server HTML as Mastodon's formatter writes it, with the words, names and addresses drawn at
# random: the fast path works each distinct tag out once and must read every post right.
WORDS = st.lists(
    st.sampled_from([*"ab c&;#<>\"'\n\t", "&amp;", "&#39;", "&lt;", "é", "👋", "\u202e"]),
    max_size=12,
).map("".join)
ADDRESS = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["https", "http", "javascript", "ftp"]),
    st.sampled_from(["example.org", "news.example.com", "a.b"]),
    st.text(alphabet="abc/-_?=&;%0123456789", max_size=40),
)


def _link(url: str) -> str:
    scheme, _, rest = url.partition("://")
    href = escape(url)
    if len(rest) > 30:
        return (
            f'<a href="{href}" target="_blank" rel="nofollow noopener" translate="no"><span '
            f'class="invisible">{scheme}://</span><span class="ellipsis">{escape(rest[:30])}'
            f'</span><span class="invisible">{escape(rest[30:])}</span></a>'
        )
    return (
        f'<a href="{href}" target="_blank" rel="nofollow noopener" translate="no"><span '
        f'class="invisible">{scheme}://</span><span class="">{escape(rest)}</span><span '
        f'class="invisible"></span></a>'
    )


PIECE = st.one_of(
    WORDS.map(escape),
    WORDS,  # unescaped: quotes, stray < and >, entities that are not
    st.sampled_from(["<br />", "<br>", " ", "  "]),
    st.builds(
        lambda host, user: (
            f'<span class="h-card" translate="no"><a href="https://{host}/@{user}" '
            f'class="u-url mention">@<span>{user}</span></a></span>'
        ),
        st.sampled_from(["mastodon.social", "x.test"]),
        st.sampled_from(["Gargron", "a_b", "z"]),
    ),
    st.builds(
        lambda tag, rel: (
            f'<a href="https://mastodon.social/tags/{tag}" class="mention hashtag" {rel}>'
            f"#<span>{tag}</span></a>"
        ),
        st.sampled_from(["Gaza", "Israel", "news", "x"]),
        st.sampled_from(['rel="tag"', 'rel="nofollow noopener" target="_blank"']),
    ),
    ADDRESS.map(_link),
)
PARAGRAPH = st.lists(PIECE, max_size=8).map(lambda pieces: f"<p>{''.join(pieces)}</p>")
QUOTE_INLINE = ADDRESS.map(lambda url: f'<p class="quote-inline">RE: {_link(url)}</p>')
SERVER_HTML = st.builds(
    lambda quote, paragraphs: quote + "".join(paragraphs),
    st.sampled_from(["", '<p class="quote-inline">RE: ']) | QUOTE_INLINE,
    st.lists(PARAGRAPH, min_size=1, max_size=4),
)


class TestFastPathAgreesWithHtmlParser:
    @given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.booleans())
    def test_same_text_and_links(self, pieces: list[str], preserve: bool) -> None:
        html = "".join(pieces)
        assert visible_text(html, preserve_spaces=preserve) == parsed(
            html, preserve_spaces=preserve
        )

    @given(SERVER_HTML, st.booleans())
    def test_same_text_and_links_on_server_html(self, html: str, preserve: bool) -> None:
        assert visible_text(html, preserve_spaces=preserve) == parsed(
            html, preserve_spaces=preserve
        )

    @given(st.lists(SERVER_HTML, min_size=2, max_size=6))
    def test_posts_of_one_shape_each_read_right(self, posts: list[str]) -> None:
        # The same tags with other words and addresses: each tag is looked up in what it
        # was worked out to be for an earlier post.
        for html in posts:
            assert visible_text(html) == parsed(html)

    def test_a_shape_read_twice_keeps_each_posts_words_and_links(self) -> None:
        first = visible_text(f"<p>One {LONG_LINK}</p>")
        second = visible_text(f"<p>Two {LONG_LINK.replace('example.com', 'example.net')}</p>")
        assert first.text.startswith("One example.com/")
        assert second.text.startswith("Two example.net/")
        assert second.links == ("https://example.net/a/very/long/path/that/goes/on",)

    @given(st.lists(st.sampled_from([*"a&;#x3 ", "&amp;", "&#39;", "&quot;", "&lt;", "&gt;", "&amp;lt;", "&nbsp;", "&#x27;", "&lt"])).map("".join))  # fmt: skip
    def test_references_decoded_as_html_unescape_does(self, text: str) -> None:
        assert _unescaped(text) == unescape(text)

    def test_the_fast_path_is_taken_for_server_html(self) -> None:
        assert _fast(f"<p>Read {LONG_LINK} now {MENTION} {HASHTAG}</p>", True)
        assert _fast("<p>a<script>x</script></p>", True) is None
        assert _fast("<p>a<!-- x --></p>", True) is None


class TestFacets:
    def test_offsets_are_utf8_bytes(self) -> None:
        text = "café 👋 see example.com/long..."
        start = len("café 👋 see ".encode())
        end = len(text.encode())
        spans, problems = resolve(
            text, [(start, end, [("app.bsky.richtext.facet#link", "https://example.com/long/x")])]
        )
        assert problems == []
        assert spans[0].text == "example.com/long..."
        assert spans[0].value == "https://example.com/long/x"

    def test_a_range_that_cuts_a_character_is_refused(self) -> None:
        text = "👋 hi"
        spans, problems = resolve(text, [(1, 3, [("app.bsky.richtext.facet#link", "https://x")])])
        assert spans == [] and "cuts a character" in problems[0].message

    def test_a_range_outside_the_text_is_refused(self) -> None:
        spans, problems = resolve("hi", [(0, 9, [("app.bsky.richtext.facet#tag", "x")])])
        assert spans == [] and "outside the text" in problems[0].message
        spans, problems = resolve("hi", [(2, 1, [("app.bsky.richtext.facet#tag", "x")])])
        assert spans == [] and problems

    def test_unknown_features_are_ignored(self) -> None:
        spans, problems = resolve("hi", [(0, 2, [("com.example.facet#bold", "x")])])
        assert spans == [] and problems == []


class TestTimelineDates:
    @pytest.mark.parametrize(
        ("date", "time"),
        [
            ({"year": 2013}, "2013"),
            ({"year": "2013"}, "2013"),
            ({"year": 2013, "month": 10}, "2013-10"),
            ({"year": 2013, "month": "10", "day": "22"}, "2013-10-22"),
            ({"year": 2013, "month": 10, "day": 22, "hour": 14, "minute": 5}, "2013-10-22T14:05"),
            (
                {"year": 2013, "month": 10, "day": 22, "hour": 14, "minute": 5, "second": 7},
                "2013-10-22T14:05:07",
            ),
            ({"year": 2013, "month": "", "day": ""}, "2013"),
            ({"year": 2013, "display_date": "Autumn 2013"}, "2013"),
        ],
    )
    def test_precision_is_the_precision_given(self, date: dict[str, object], time: str) -> None:
        assert session_time(date).time == time

    def test_an_hour_without_minutes_stays_a_day_and_says_so(self) -> None:
        got = session_time({"year": 2013, "month": 10, "day": 22, "hour": 14})
        assert got.time == "2013-10-22"
        assert got.note is not None and "14h" in got.note

    def test_a_year_outside_the_format_has_no_time(self) -> None:
        got = session_time({"year": -500})
        assert got.time is None and got.note is not None and "-500" in got.note

    @pytest.mark.parametrize(
        "date",
        [
            {},
            {"month": 3},
            {"year": "MMXIII"},
            {"year": 2013, "month": 13},
            {"year": 2013, "month": 2, "day": 30},
            {"year": 2013, "day": 3},
            "2013",
        ],
    )
    def test_unreadable_dates_are_refused_in_words(self, date: object) -> None:
        with pytest.raises(ValueError):
            session_time(date)


@pytest.mark.parametrize(
    ("head", "lines"),
    [
        (b'{"a": 1}\n{"a": 2}\n', True),
        (b'[{"a": 1}]\n[{"a": 2}]', True),
        (b'{"a": 1}\n', False),  # one document, then a line end
        (b'{\n  "a": 1\n}\n', False),  # pretty-printed
        (b'[{"a": 1},\n {"a": 2}]', False),
        (b'{"a": 1, "b": [1, 2', False),  # a first line longer than the head
    ],
)
def test_json_lines_is_told_from_one_document(head: bytes, lines: bool) -> None:
    assert json_lines(head) is lines


def test_complete_elements_keeps_the_files_own_bytes_before_a_cut() -> None:
    whole = '\ufeff[ {"a": "é\\u00e9"} ,\n {"b": [1, "]"]}, {"c": "cut'.encode()
    found = complete_elements(whole)
    assert found is not None and found.count == 2
    assert found.data == '[{"a": "é\\u00e9"},{"b": [1, "]"]}]'.encode()
    assert whole[: found.end].endswith(b'"]"]}')
    assert complete_elements(b'{"a": [1, 2') is None
    empty = complete_elements(b'[{"a": ')
    assert empty is not None and empty.count == 0 and empty.end == 0
