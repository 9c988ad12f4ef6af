"""Bluesky rich-text facets: which part of a post's text is a link, a mention or a tag.

A facet's `index` gives `byteStart` (inclusive) and `byteEnd` (exclusive) as offsets into
the text's **UTF-8 bytes**, not characters: in "café 👋 https://x.org" the link starts at
byte 12 but at character 7. Slicing the Python string would cut the wrong characters from
any post with an accent, an emoji or a script other than Latin, so the text is encoded once
and sliced as bytes.

The text a reader sees is `record.text` unchanged; facets only add targets. The Bluesky app
shortens long links in the text ("example.com/some/lo...") while the facet keeps the full
address, so each link facet's target is kept beside the text. A facet whose offsets fall
outside the text, run backwards, or cut a character in two is not trusted, and is reported
rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Span(NamedTuple):
    """One facet resolved: the text it covers, what it is and its value (a link's URI, a
    mention's DID, a tag without '#')."""

    text: str
    kind: str
    value: str


class FacetProblem(NamedTuple):
    """A facet that could not be placed in the text, in words."""

    message: str


FEATURES = {
    "app.bsky.richtext.facet#link": ("link", "uri"),
    "app.bsky.richtext.facet#mention": ("mention", "did"),
    "app.bsky.richtext.facet#tag": ("tag", "tag"),
}


def resolve(
    text: str, facets: Iterable[tuple[int, int, Iterable[tuple[str, str]]]]
) -> tuple[list[Span], list[FacetProblem]]:
    """The spans of `text` the facets name, in order, and the facets that could not be
    placed. Each facet is `(byteStart, byteEnd, [(feature $type, value), ...])`."""
    data = text.encode("utf-8")
    spans: list[Span] = []
    problems: list[FacetProblem] = []
    for start, end, features in facets:
        if not 0 <= start < end <= len(data):
            problems.append(
                FacetProblem(
                    f"a facet's byte range {start}–{end} is outside the text "
                    f"({len(data)} bytes); its link target is not kept"
                )
            )
            continue
        try:
            covered = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            problems.append(
                FacetProblem(
                    f"a facet's byte range {start}–{end} cuts a character in two; "
                    "its link target is not kept"
                )
            )
            continue
        for kind_type, value in features:
            known = FEATURES.get(kind_type)
            if known is not None and value:
                spans.append(Span(covered, known[0], value))
    return spans, problems
