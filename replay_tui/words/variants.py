"""Where two wordings of one post differ, word by word.

Sources quote the same tweet differently: one drops the @-mention, another the hashtags,
another ends with "!" where the first has ".". The provenance view shows every variant
with the words that differ from the main text marked, so a reader sees at a glance what is
in dispute and what is not. Words are runs of non-space characters compared exactly (case
and punctuation count: "reconsider." and "reconsider!" differ), matched with difflib's
longest-matching-blocks algorithm, which keeps the shared words of two wordings aligned.

Plain Python: offsets are into the string given, so the UI can turn them into styled spans
of the same (already sanitised) text, and any exporter can reuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Difference:
    """How `text` differs from the wording it was compared `against`."""

    spans: list[tuple[int, int]]
    """(start, end) offsets in `text` of runs of words that `against` does not have there."""
    missing: list[str]
    """Runs of words of `against` that `text` leaves out or words differently, in order."""

    @property
    def same(self) -> bool:
        return not self.spans and not self.missing


def compare(text: str, against: str) -> Difference:
    """The words of `text` that differ from `against`, and the words it lacks."""
    ours = list(_WORD.finditer(text))
    theirs = [m.group() for m in _WORD.finditer(against)]
    matcher = SequenceMatcher(None, theirs, [m.group() for m in ours], autojunk=False)
    spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op in ("replace", "insert") and j2 > j1:
            spans.append((ours[j1].start(), ours[j2 - 1].end()))
        if op in ("replace", "delete") and i2 > i1:
            missing.append(" ".join(theirs[i1:i2]))
    return Difference(spans, missing)
