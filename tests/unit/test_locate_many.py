"""Placing problems in a large JSON file: every position is the one `line_col` gives for
its offset, found in one pass (one `line_col` per value made a broken post deep in a
5 MB file take 95 s to report)."""

from __future__ import annotations

import json

from replay_tui.format import locate


def test_positions_found_in_one_pass_are_those_of_line_col() -> None:
    document = {
        "title": "x",
        "posts": [{"id": f"p{i}", "text": "a\nb" if i % 3 else "c"} for i in range(200)],
    }
    for text in (
        json.dumps(document, indent=2),
        json.dumps(document),
        "\n\n" + json.dumps(document),
    ):
        found = locate.json_positions(text)
        for i in (0, 1, 77, 199):
            # An object member is placed at its key.
            key = text.rfind('"id"', 0, text.index(f'"p{i}"'))
            assert found[("posts", i, "id")] == locate.line_col(text, key)
            assert found[("posts", i)] == locate.line_col(text, text.rfind("{", 0, key))


def test_a_problem_deep_in_a_large_file_is_placed_on_its_line() -> None:
    posts = [{"id": f"p{i}", "author": "a"} for i in range(30_000)]
    posts[25_000]["reply_to"] = "nobody"
    text = json.dumps({"posts": posts}, indent=1)
    where = locate.locate_json(text, ["posts[25000].reply_to"])
    line, column = where["posts[25000].reply_to"]
    assert '"reply_to": "nobody"' in text.splitlines()[line - 1]
    assert text.splitlines()[line - 1][column - 1 :].startswith('"reply_to"')
