"""The checker, one fault-named fixture per error and warning class.

Each case asserts the message a curator reads, and where it points: line, column and field
path. The fixtures live in tests/data/bad (errors) and tests/data/warn (warnings only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from replay_tui.format.read import read_session

DATA = Path(__file__).resolve().parent.parent / "data"

# fixture, code, line, column, path, words the message must contain
ERRORS = [
    (
        "missing_field.toml",
        "missing-field",
        22,
        1,
        "posts[1].author",
        "missing the required field `author`",
    ),
    ("unknown_field.toml", "unknown-field", 27, 1, "posts[1].text_he", "unknown field `text_he`"),
    ("wrong_type.toml", "wrong-type", 26, 1, "posts[1].text", "expected text, got a whole number"),
    (
        "wrong_type.json",
        "wrong-type",
        36,
        9,
        "posts[1].sources[1]",
        "expected text, got a whole number",
    ),
    (
        "bad_enum.toml",
        "bad-value",
        9,
        1,
        "sources[0].kind",
        "'newspaper' is not one of the allowed",
    ),
    ("bad_slug.toml", "bad-value", 2, 1, "id", "letters, digits and '-'"),
    (
        "duplicate_id.toml",
        "duplicate-id",
        23,
        1,
        "posts[1].id",
        "duplicate id 'p1': posts[0] already uses it",
    ),
    (
        "dangling_author.toml",
        "dangling-reference",
        24,
        1,
        "posts[1].author",
        "no participant has the id 'b'",
    ),
    (
        "dangling_reply.toml",
        "dangling-reference",
        28,
        1,
        "posts[1].reply_to",
        "no post has the id 'p0'",
    ),
    (
        "dangling_quote.json",
        "dangling-reference",
        38,
        7,
        "posts[1].quotes",
        "no post has the id 'p7'",
    ),
    (
        "dangling_source.toml",
        "dangling-reference",
        27,
        1,
        "posts[1].sources[1]",
        "no source has the id 's2'",
    ),
    (
        "dangling_chapter.toml",
        "dangling-reference",
        32,
        1,
        "chapters[0].start",
        "no post has the id 'p3'",
    ),
    (
        "dangling_reaction.toml",
        "dangling-reference",
        33,
        1,
        "reactions[0].by",
        "no participant has the id 'zed'",
    ),
    (
        "dangling_context.toml",
        "dangling-reference",
        34,
        1,
        "context[0].posts[1]",
        "no post has the id 'p9'",
    ),
    (
        "dangling_press.toml",
        "dangling-reference",
        31,
        1,
        "press[0].source",
        "no source has the id 'nyt'",
    ),
    ("post_without_source.toml", "no-source", 27, 1, "posts[1].sources", "names no source"),
    (
        "reaction_without_source.toml",
        "no-source",
        34,
        1,
        "reactions[0].sources",
        "this favorite names no source",
    ),
    ("post_without_text.toml", "missing-field", 22, 1, "posts[1]", 'status = "missing"'),
    (
        "unknown_timezone.toml",
        "unknown-timezone",
        4,
        1,
        "timezone",
        "unknown time zone 'Europe/Atlantis'",
    ),
    (
        "unreadable_time.toml",
        "bad-time",
        25,
        1,
        "posts[1].time",
        "cannot read the time '2 January 2020'",
    ),
    ("impossible_time.toml", "bad-time", 25, 1, "posts[1].time", "'2020-02-30' is not a real date"),
    ("unknown_format.toml", "unknown-format", 1, 1, "format", "unknown format 'replay-tui/9'"),
    (
        "not_toml.toml",
        "not-toml",
        26,
        12,
        "",
        "not valid TOML: illegal character '\\n'; a string is not closed",
    ),
    (
        "not_json.json",
        "not-json",
        34,
        7,
        "",
        "not valid JSON: expected ',' or '}'; a comma is missing between two items",
    ),
    ("truncated.json", "not-json", 21, 13, "", "ends too early"),
    ("not_utf8.toml", "not-utf8", 19, 12, "", "not UTF-8"),
    ("empty.toml", "empty", None, None, "", "the file is empty"),
    ("binary.json", "binary", None, None, "", "binary file"),
    ("top_level_array.json", "wrong-type", None, None, "", "the top level must be an object"),
    ("unknown_extension.yaml", "unknown-extension", None, None, "", "must end in .toml or .json"),
]

WARNINGS = [
    ("time_backwards.toml", "time-backwards", 25, 1, "posts[1].time", "post 'p2' is earlier than 'p1'"),
    ("chapter_order.toml", "chapter-order", 36, 1, "chapters[1].start", "before the chapter listed above"),
    ("unused_participant.toml", "unused-participant", 15, 1, "participants[1]", "participant 'b' neither posts nor reacts"),
    ("unused_source.toml", "unused-source", 11, 1, "sources[1]", "source 's2' attests nothing"),
    ("warning_without_description.toml", "warning-without-description", 30, 3, "posts[1].media[0]", "no description"),
    ("derived_time_mismatch.toml", "derived-time-mismatch", 25, 1, "posts[1].time", "status ID in the url gives 2015-03-12"),
    ("exact_time_contradicts_status_id.toml", "derived-time-mismatch", 25, 1, "posts[1].time", "a wrong time zone is a common cause"),
    ("stray_reply_inference.toml", "stray-inference", 28, 1, "posts[1].reply_to_inferred", "this post has no reply_to"),
    ("stray_zone_inference.toml", "stray-inference", 12, 1, "sources[0].published_zone_inferred", "states its own offset"),
    ("empty_warning.toml", "empty-warning", 28, 1, "posts[1].warning", "this content warning is empty"),
    ("warning_hides_nothing.toml", "warning-hides-nothing", 28, 1, "posts[1].warning", "no text or variant for it to hide"),
    ("stray_warning_by.toml", "stray-warning-by", 28, 1, "posts[1].warning_by", "this post has no warning"),
    ("counts_before_post.toml", "counts-before-post", 31, 1, "posts[1].metrics[0].at", "counts dated 2023-05-03T12:40:51Z, before post 'p2' itself (2023-05-04)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code", "line", "column", "path", "words"), ERRORS)
def test_error_fixture(
    name: str, code: str, line: int | None, column: int | None, path: str, words: str
) -> None:
    file = DATA / "bad" / name
    loaded, problems = read_session(file)
    assert loaded is None
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, [str(p) for p in problems]
    error = errors[0]
    assert (error.code, error.line, error.column, error.path) == (code, line, column, path)
    assert words in error.message
    assert error.file == str(file)
    where = f"{file}:{line}:{column}" if line else f"{file}"
    at = f" (at {path})" if path else ""
    assert str(error) == f"{where}: error: {error.message}{at}"


@pytest.mark.parametrize(("name", "code", "line", "column", "path", "words"), WARNINGS)
def test_warning_fixture(
    name: str, code: str, line: int, column: int, path: str, words: str
) -> None:
    loaded, problems = read_session(DATA / "warn" / name)
    assert loaded is not None, "a warning must not stop the session from loading"
    assert [(p.severity, p.code, p.line, p.column, p.path) for p in problems] == [
        ("warning", code, line, column, path)
    ]
    assert words in problems[0].message
    assert loaded.warnings == problems


def test_every_error_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (DATA / "good" / "minimal.toml").read_text()
    text = text.replace('kind = "news"', 'kind = "paper"')
    text = text.replace('reply_to = "p1"', 'reply_to = "p0"\ncolour = "red"')
    text = text.replace('author = "a"\ntime = "2020-01-01"', 'author = "nobody"\ntime = "soon"')
    file = tmp_path / "many.toml"
    file.write_text(text)
    _, problems = read_session(file)
    found = {(p.code, p.path) for p in problems}
    assert found == {
        ("bad-value", "sources[0].kind"),
        ("unknown-field", "posts[1].colour"),
        ("dangling-reference", "posts[1].reply_to"),
        ("dangling-reference", "posts[0].author"),
        ("bad-time", "posts[0].time"),
    }


def test_a_broken_entry_does_not_raise_false_alarms_elsewhere(tmp_path: Path) -> None:
    # p1 cannot be read (no author), yet p2's reply to it is not a dangling reference.
    text = (DATA / "good" / "minimal.toml").read_text()
    text = text.replace('id = "p1"\nauthor = "a"\n', 'id = "p1"\n')
    file = tmp_path / "one_bad.toml"
    file.write_text(text)
    _, problems = read_session(file)
    assert [(p.code, p.path) for p in problems] == [("missing-field", "posts[0].author")]


def test_json_and_toml_spellings_load_to_the_same_session() -> None:
    from_toml = read_session(DATA / "good" / "minimal.toml")[0]
    from_json = read_session(DATA / "good" / "minimal.json")[0]
    assert from_toml is not None and from_json is not None
    assert from_toml.session == from_json.session
    assert from_toml.times == from_json.times


def test_native_toml_dates_read_as_the_text_they_spell(tmp_path: Path) -> None:
    text = (DATA / "good" / "minimal.toml").read_text()
    text = text.replace('time = "2020-01-01"', "time = 2020-01-01")
    file = tmp_path / "native.toml"
    file.write_text(text)
    loaded, problems = read_session(file)
    assert problems == [] and loaded is not None
    assert loaded.session.posts[0].time == "2020-01-01"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    file = tmp_path / "big.json"
    file.write_bytes(b" " * 4096)
    _, problems = read_session(file, max_bytes=1024)
    assert [p.code for p in problems] == ["too-large"]
    assert "--max-size" in problems[0].message


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path) -> None:
    _, problems = read_session(tmp_path / "nope.toml")
    assert problems[0].code == "unreadable" and "No such file" in problems[0].message
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    _, problems = read_session(folder)
    assert problems[0].code == "unreadable" and "folder" in problems[0].message


def test_derived_time_for_a_post_known_only_by_its_status_url() -> None:
    loaded, problems = read_session(DATA.parent.parent / "sessions" / "askhamas-2015-03.toml")
    assert loaded is not None and problems == []
    i = loaded.post_index["goldberg-1"]
    moment = loaded.times[i]
    assert moment is not None and moment.derived is not None
    assert moment.instant.isoformat() == "2015-03-12T20:51:54+00:00"
    assert "576123471769546752" in moment.derived


def test_null_for_a_required_field_says_so(tmp_path: Path) -> None:
    file = tmp_path / "null.json"
    text = (DATA / "good" / "minimal.json").read_text()
    file.write_text(text.replace('"title": "Fixture"', '"title": null'))
    _, problems = read_session(file)
    assert [(p.path, p.message) for p in problems] == [
        ("title", "expected text, got nothing (null)")
    ]


def test_no_unused_warnings_while_entries_could_not_be_read(tmp_path: Path) -> None:
    # The only post citing s1 and written by a is unreadable: no "unused" false alarms.
    text = (DATA / "good" / "minimal.toml").read_text()
    text = text.replace('id = "p2"', "id = 2")
    file = tmp_path / "bad_id.toml"
    file.write_text(text)
    _, problems = read_session(file)
    assert [p.code for p in problems] == ["wrong-type"]


def test_a_folder_is_named_as_such(tmp_path: Path) -> None:
    _, problems = read_session(tmp_path)
    assert [p.message for p in problems] == ["this is a folder, not a session file"]


def test_inferences_with_what_they_explain_are_accepted() -> None:
    loaded, problems = read_session(DATA / "good" / "inferred.toml")
    assert loaded is not None
    assert problems == []
    assert loaded.session.posts[1].reply_to_inferred == (
        "The article says B answered A, not which post."
    )
    assert loaded.session.sources[0].published_zone_inferred is not None


@pytest.mark.parametrize(
    ("published", "words"),
    [
        (None, "this source has no published time"),
        ('"2013-10-24"', "has no clock time"),
        ('"2013-10-24T15:58Z"', "states its own offset"),
    ],
)
def test_a_zone_inference_must_explain_a_zone_read_into_the_time(
    tmp_path: Path, published: str | None, words: str
) -> None:
    text = (DATA / "good" / "inferred.toml").read_text()
    line = 'published = "2013-10-24T18:58"\n'
    text = text.replace(line, f"published = {published}\n" if published else "")
    file = tmp_path / "zone.toml"
    file.write_text(text)
    loaded, problems = read_session(file)
    assert loaded is not None
    assert [(p.code, p.path) for p in problems] == [
        ("stray-inference", "sources[0].published_zone_inferred")
    ]
    assert words in problems[0].message


@pytest.mark.parametrize("field", ["reply_to_inferred", "published_zone_inferred"])
def test_an_empty_inference_is_refused(tmp_path: Path, field: str) -> None:
    text = (DATA / "good" / "inferred.toml").read_text()
    start = text.index(f"{field} = ")
    end = text.index("\n", start)
    file = tmp_path / "empty.toml"
    file.write_text(text[:start] + f'{field} = ""' + text[end:])
    loaded, problems = read_session(file)
    assert loaded is None
    assert [(p.code, p.path.rsplit(".", 1)[-1]) for p in problems] == [("bad-value", field)]


@pytest.mark.parametrize(("written", "warned"), [("20:51:58Z", False), ("20:52:05Z", True)])
def test_a_time_to_the_second_may_trail_its_status_id_by_seconds(
    tmp_path: Path, written: str, warned: bool
) -> None:
    """X/Twitter's created_at can fall seconds after the time in the status ID (up to 4.5 s
    in published account archives); a time-zone slip is far more than that."""
    text = (DATA / "warn" / "exact_time_contradicts_status_id.toml").read_text()
    file = tmp_path / "trail.toml"
    file.write_text(text.replace("20:51:54+02:00", written))
    _, problems = read_session(file)
    assert any(p.code == "derived-time-mismatch" for p in problems) is warned


@pytest.mark.parametrize(
    ("post_time", "at", "flagged"),
    [
        ("2023-05-04T10:00:00Z", "2023-05-04T09:59:59Z", True),
        ("2023-05-04T10:00:00Z", "2023-05-04T10:00:00Z", False),
        # Known only to the day, month or year: flagged only when certainly before.
        ("2023-05-04T10:00:00Z", "2023-05-04", False),
        ("2023-05-04T10:00:00Z", "2023-05-03", True),
        ("2023-05-04", "2023-05-04T00:00:01Z", False),
        ("2023-05-04", "2023-05-03T23:59:59Z", True),
        ("2023-05", "2023-05-01T00:00:00Z", False),
        ("2023", "2023-01", False),
        ("2023", "2022-12-31", True),
        ("2023-05-04", "2022-11-15T12:40:51Z", True),
        (None, "2000", False),  # a post with no known time: nothing to compare
    ],
)
def test_counts_dated_before_their_post(
    tmp_path: Path, post_time: str | None, at: str, flagged: bool
) -> None:
    text = (DATA / "warn" / "counts_before_post.toml").read_text()
    text = text.replace(
        'time = "2023-05-04"\n', "" if post_time is None else f'time = "{post_time}"\n'
    )
    text = text.replace('at = "2023-05-03T12:40:51Z"', f'at = "{at}"')
    file = tmp_path / "counts.toml"
    file.write_text(text)
    loaded, problems = read_session(file)
    assert loaded is not None
    said = [p for p in problems if p.code == "counts-before-post"]
    assert [p.path for p in said] == (["posts[1].metrics[0].at"] if flagged else [])
    if flagged:
        assert f"counts dated {at}, before post 'p2' itself ({post_time})" in said[0].message
        assert "correct the counts' `at`" in said[0].message


def test_counts_before_a_time_derived_from_the_status_id(tmp_path: Path) -> None:
    text = (DATA / "warn" / "counts_before_post.toml").read_text()
    text = text.replace(
        'time = "2023-05-04"\n', 'url = "https://twitter.com/a/status/576119425447710721"\n'
    )
    text = text.replace("2023-05-04T10:00:00Z", "2015-03-12T10:00:00Z")
    text = text.replace("2023-05-03T12:40:51Z", "2015-03-12T20:00:00Z")
    file = tmp_path / "derived.toml"
    file.write_text(text)
    _, problems = read_session(file)
    assert [(p.code, p.path) for p in problems] == [
        ("counts-before-post", "posts[1].metrics[0].at")
    ]
    assert "(2015-03-12T20:35:49+00:00, from the status ID in its url)" in problems[0].message
