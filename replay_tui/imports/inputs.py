"""The input files of an import, as the session's `archive` sources.

Every file an import reads attests what was read from it, so each becomes a source named by
its file name (never this machine's folders) and its SHA-256, with the tool that made it and
when it was captured where the file says so. The session's default id and title come from
the same names.
"""

from __future__ import annotations

import re

from replay_tui.format.model import Source

_SLUG = re.compile(r"[^A-Za-z0-9]+")


class Inputs:
    """The sources of one import, in the order the files were read."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, str | None]] = {}
        self._named: dict[str, tuple[str, str]] = {}  # sid -> (words, id stem)

    def __len__(self) -> int:
        return len(self._entries)

    def add(
        self,
        file: str,
        fmt: str,
        *,
        tool: str | None = None,
        captured: str | None = None,
        sha256: str | None = None,
    ) -> str:
        """A new `archive` source for one input file; returns its id. `fmt` names the
        format ("twarc2 collection"), `tool` what made the file where known, `captured`
        when (a UTC time, `utc_text`), `sha256` its digest (or later, `update`). Formats
        call it as `Builder.source`."""
        sid = f"archive-{len(self._entries) + 1}"
        self._entries[sid] = {
            "file": file,
            "fmt": fmt,
            "tool": tool,
            "captured": captured,
            "sha256": sha256,
        }
        return sid

    def forget(self, since: int) -> None:
        """Drop the sources added after the first `since` (a read begun again)."""
        for sid in list(self._entries)[since:]:
            del self._entries[sid]

    def update(self, sid: str, **fields: str | None) -> None:
        """Set `tool`, `captured` or `sha256` once known; a field already set is kept
        unless the new value is earlier (`captured`: the first capture of a collection
        made over time)."""
        entry = self._entries[sid]
        for name, value in fields.items():
            if value is None:
                continue
            old = entry.get(name)
            if old is None or (name == "captured" and value < old):
                entry[name] = value

    def sources(self, cited: set[str]) -> list[Source]:
        """The sources something in the session cites, in reading order."""
        return [self._source(sid) for sid in self._entries if sid in cited]

    def _source(self, sid: str) -> Source:
        entry = self._entries[sid]
        digest = entry.get("sha256")
        return Source(
            id=sid,
            outlet=str(entry["fmt"]),
            kind="archive",
            title=f"{base_name(str(entry['file']))}" + (f", SHA-256 {digest}" if digest else ""),
            author=entry.get("tool"),
            published=entry.get("captured"),
        )

    def name(self, sid: str, words: str, stem: str) -> None:
        """Name the session after what `sid` is part of rather than its file (the members
        of an account archive: "the X/Twitter archive of @name", id stem "name-archive"),
        so that it is not named after whichever member was read first."""
        self._named[sid] = (words, stem)

    def short_names(self) -> list[str]:
        """The files' names without their folders, or what they were named as part of,
        each once ("an export" when there is none)."""
        names = (
            self._named[sid][0] if sid in self._named else base_name(str(e["file"]))
            for sid, e in self._entries.items()
        )
        return list(dict.fromkeys(names)) or ["an export"]

    def session_id(self) -> str:
        """`import-` and the first file's name (or what it was named as part of), as a
        session id."""
        first = next(iter(self._entries), None)
        if first in self._named:
            stem = self._named[first][1]
        else:
            stem = self.short_names()[0].split(".", 1)[0]
        slug = _SLUG.sub("-", stem).strip("-")
        return f"import-{slug}" if slug else "import"


def base_name(name: str) -> str:
    """A file's name without its folders (the session names the file, not this machine's
    folders); a member named "data/tweets.js (in archive.zip)" is kept as it is."""
    if name.endswith(")") and " (in " in name:
        return name
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
