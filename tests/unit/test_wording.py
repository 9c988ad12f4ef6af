"""Word-level differences between a post's main text and another source's wording."""

from __future__ import annotations

from replay_tui.words.variants import compare


def marked(text: str, against: str) -> list[str]:
    return [text[a:b] for a, b in compare(text, against).spans]


def test_identical_wordings_do_not_differ() -> None:
    difference = compare("Israel is here to stay.", "Israel is here  to stay.")
    assert difference.same


def test_punctuation_and_case_count() -> None:
    main = "Saturday afternoon is when working families can come. Please reconsider."
    variant = "Saturday afternoon is when working families can come. Please reconsider!"
    assert marked(variant, main) == ["reconsider!"]
    assert compare(variant, main).missing == ["reconsider."]
    assert marked("saturday afternoon", "Saturday afternoon") == ["saturday"]


def test_dropped_and_added_words() -> None:
    main = (
        "@LTCPeterLerner We are in mission that aims at restoring our occupied land whatever "
        "the cost is. #Palestine #Gaza #WestBank #Hamas"
    )
    variant = "We are in a mission that aims at restoring our occupied land whatever the cost is"
    difference = compare(variant, main)
    assert [variant[a:b] for a, b in difference.spans] == ["a", "is"]
    assert difference.missing == ["@LTCPeterLerner", "is. #Palestine #Gaza #WestBank #Hamas"]


def test_a_run_of_changed_words_is_one_span() -> None:
    text = "one two three four"
    assert marked(text, "one 2 3 four") == ["two three"]


def test_offsets_are_into_the_text_given() -> None:
    text = "  עברית  and  العربية "
    spans = compare(text, "עברית and").spans
    assert [text[a:b] for a, b in spans] == ["العربية"]


def test_empty_wordings() -> None:
    assert compare("", "").same
    assert compare("", "gone").missing == ["gone"]
    assert marked("new", "") == ["new"]
