"""`y`'s citation of one post: what it quotes, and whose words each quotation is."""

from __future__ import annotations

from pathlib import Path

from replay_tui.export.citation import citation
from replay_tui.format.read import load_session

ROOT = Path(__file__).resolve().parent.parent.parent
IDF = load_session(ROOT / "sessions" / "idf-hamas-2013-10.toml")
WARNED = load_session(ROOT / "tests" / "data" / "good" / "warned.toml")


def test_another_outlets_wording_is_quoted_as_theirs() -> None:
    """Post 6 is attested by The Daily Dot and Ynetnews, who word it differently: the
    citation quotes both, each under its outlet, not one text under both names."""
    lines = citation(IDF, 5).splitlines()
    main = (
        "“@LTCPeterLerner We are in mission that aims at restoring our occupied land "
        "whatever the cost is. #Palestine #Gaza #WestBank #Hamas”"
    )
    ynet = (
        "As worded by Ynetnews: “We are in a mission that aims at restoring our occupied "
        "land whatever the cost is”"
    )
    assert lines[1:3] == [main, ynet]
    assert lines[-1] == "Sources: The Daily Dot, Ynetnews"


def test_a_post_with_one_wording_has_no_other() -> None:
    assert "As worded by" not in citation(IDF, 2)


def test_the_other_wording_follows_the_warning_too() -> None:
    lines = citation(WARNED, 3).splitlines()
    assert lines[1].startswith("[Content warning by the session's editor")
    assert "As worded by Riverside Radio: “The council talked about the flooded homes.”" in lines
