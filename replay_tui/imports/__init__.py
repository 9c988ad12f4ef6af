"""Imports: platform exports (a twarc2 collection, an account archive, …) as sessions.

`replay-tui import` calls `import_paths`; `replay-tui FILE`, `check` and `export` call it
too when the file is an export rather than a session. Nothing here writes files or knows
about the terminal: the result is a `format.model.Session` that obeys the format, the
problems met on the way, and counts (`base.ImportResult`).

How a format is written (one module per format, listed in `FORMATS`):

    NAME = "twarc2"                    # what --format takes; a key of FORMATS
    LABEL = "twarc2 collection (X/Twitter API v2)"   # in words: messages, the source's outlet

    def sniff(input: Input) -> bool:   # is this file one of mine? by CONTENT only:
        ...                            # input.head (first MiB), input.first_value()
                                       # (the first JSON value, or first array element),
                                       # input.members() (a zip's or folder's files)

    def read(input: Input, builder: Builder) -> None:
        sid = builder.source(input.name, LABEL, tool=..., captured=...)
        for number, line in input.lines():          # or input.read_bytes(), read_member()
            ...decode with msgspec Structs of only the fields needed...
            builder.participant(user_id, handle=..., name=..., platform="twitter")
            builder.post(tweet_id, author=user_id, source=sid, text=..., time=utc_text(...),
                         url=..., reply_to=..., quotes=..., media=[...], metrics=[...])
            builder.skip(skipped(input.name, number, "not JSON; skipped the line"))
        builder.update_source(sid, sha256=input.sha256())

    def rank(input: Input) -> int:     # optional: inputs are read lowest rank first
        ...                            # (an archive's account.js before its tweets)

Formats never raise for one bad record: they `skip` it with the file, the line and what
was set aside (`builder.skip(problem, n)` for n records named at once), and go on; a
warning about a record that is kept goes to `builder.caution(kept(...))`, which the
summary counts apart, never as a record skipped. The file and line go in the Problem's
fields, never in its message: they are printed before it (`file:line: warning: …`, as
`check` prints).
`ImportRefused` is for a whole input that cannot be read.
Texts go into the session verbatim (`base.decode_entities` undoes the platform's HTML
escaping; `base.clean_text` only replaces lone surrogates); the encoders escape control
characters and the app's display path makes them inert.
"""

from __future__ import annotations

import gc
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import msgspec

from replay_tui.format.model import Session
from replay_tui.format.problems import Problem
from replay_tui.imports import archive, bluesky, mastodon, timelinejs, twarc2, v1
from replay_tui.imports.base import (
    HEAD_BYTES,
    UNREAD,
    ImportOptions,
    ImportRefused,
    ImportResult,
    Input,
    skipped,
)
from replay_tui.imports.builder import Builder
from replay_tui.imports.rawjson import complete_elements

__all__ = [
    "FORMATS",
    "ImportOptions",
    "ImportRefused",
    "ImportResult",
    "detect",
    "encode",
    "formats_read",
    "import_paths",
]

FORMATS: dict[str, ModuleType] = {
    twarc2.NAME: twarc2,
    archive.NAME: archive,
    v1.NAME: v1,
    mastodon.NAME: mastodon,
    bluesky.NAME: bluesky,
    timelinejs.NAME: timelinejs,
}
"""Format name → module, in the order detection tries them (most specific first)."""

_SESSION = re.compile(rb'"format"\s*:\s*"replay-tui/|^\s*format\s*=\s*["\']replay-tui/', re.M)
"""What only a session's head holds (JSON or TOML): a session is read as one, never imported.
Inside a JSON string the quotes would be escaped, so no post's text can look like this."""


def register(module: ModuleType) -> None:
    """Add a format (a module with NAME, LABEL, sniff and read) after those above."""
    FORMATS[module.NAME] = module


def formats_read() -> str:
    """The formats replay-tui imports, in words, for a refusal."""
    return "; ".join(f"{name} ({module.LABEL})" for name, module in FORMATS.items())


def detect(path: Path | str) -> str | None:
    """The name of the export format of the file, zip or folder at `path`, by its content;
    None for a session file or anything else replay-tui does not import."""
    item = Input(Path(path))
    try:
        return _detect(item)
    except (OSError, zipfile.BadZipFile, ValueError, RecursionError, MemoryError):
        # Nothing replay-tui imports (too deep to be an export): the session reader, with
        # its limits, says what the file is.
        return None
    finally:
        item.close()


def _detect(item: Input) -> str | None:
    if not item.is_dir and _SESSION.search(item.head[:65536]):
        return None  # a session, JSON or TOML: read it as one
    for name, module in FORMATS.items():
        if module.sniff(item):
            return name
    return None


def import_paths(
    paths: Sequence[str | Path],
    options: ImportOptions,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import every input into one session. `fmt` forces the format of all of them;
    otherwise each is recognised by its content. `progress(done, total)` is told the bytes
    read so far. Raises ImportRefused, naming the file, for an input that is missing, not
    an export, or unreadable as a whole; a bad record is a problem in the result."""
    inputs: list[tuple[Input, ModuleType]] = []
    collecting = False
    try:
        for path in paths:
            item = _open(path)
            inputs.append((item, _format_of(item, fmt)))
        total = sum(item.size for item, _ in inputs)
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        builder = Builder(options)
        # An import makes millions of objects and no reference cycle; left on, the cyclic
        # collector would rescan them all again and again (as read_session explains).
        collecting = gc.isenabled()
        gc.disable()
        rank = {id(item): getattr(module, "rank", _no_rank)(item) for item, module in inputs}
        for item, module in sorted(inputs, key=lambda pair: rank[id(pair[0])]):
            item.on_progress = advance
            read_before, sources = builder.posts_read(), len(builder.inputs)
            try:
                try:
                    module.read(item, builder)
                except msgspec.DecodeError as exc:
                    if builder.posts_read() != read_before or not _salvage(item, exc):
                        raise
                    builder.inputs.forget(sources)  # read again: one source, not two
                    item.on_progress = None  # its bytes were counted once already
                    module.read(item, builder)
                    builder.skip(_salvaged(item), 0)
            # A file read no further: how many records it still held is unknown, so it
            # is counted as a file cut short, never as records skipped.
            except msgspec.DecodeError as exc:
                builder.skip(_broken(item, exc, builder.posts_read() != read_before), 0)
            except (OSError, zipfile.BadZipFile, ValueError) as exc:
                builder.skip(
                    skipped(
                        item.name, None, f"could not read the rest of the file ({exc})", UNREAD
                    ),
                    0,
                )
            except Exception as exc:  # a shape no reader foresaw: say it, keep the rest
                builder.skip(
                    skipped(
                        item.name,
                        None,
                        f"stopped reading this file at an unexpected "
                        f"{type(exc).__name__} ({exc}); what was read before is kept. "
                        "Please report this with the file's format",
                        UNREAD,
                    ),
                    0,
                )
        return builder.finish()
    finally:
        if collecting:
            gc.enable()
        for item, _ in inputs:
            item.close()


def _no_rank(item: Input) -> int:
    return 0


_AT_BYTE = re.compile(r"\(byte (\d+)\)")


def _salvage(item: Input, exc: msgspec.DecodeError) -> bool:
    """For a file that is one JSON array cut off before its end: make `item` give the
    complete records before the cut, and say whether there are any."""
    if item.is_dir or item.is_zip or item.repaired is not None or "truncated" not in str(exc):
        return False
    found = complete_elements(item.path.read_bytes())
    if found is None or not found.count:
        return False
    item.repaired = found
    return True


def _salvaged(item: Input) -> Problem:
    found = item.repaired
    assert found is not None
    records = f"{found.count} complete record" + ("" if found.count == 1 else "s")
    return skipped(
        item.name,
        None,
        f"the file is cut off: it ends at byte {item.size}, inside its JSON; imported the "
        f"{records} before the cut (up to byte {found.end}), "
        "and nothing after it can be read. Export the file again for the rest",
        UNREAD,
    )


def _broken(item: Input, exc: msgspec.DecodeError, kept: bool) -> Problem:
    """A file whose one JSON document does not decode: where (the line of the byte msgspec
    names; the last line when the file ends mid-document), whether what was read before
    it is kept, and what to do about it."""
    line: int | None = None
    shape = isinstance(exc, msgspec.ValidationError)  # its message gives the JSON path
    if not (shape or item.is_dir or item.is_zip) and item.size <= _LOCATE_LIMIT:
        data = item.path.read_bytes()
        found = _AT_BYTE.search(str(exc))
        at = int(found.group(1)) if found else len(data)
        line = data.count(b"\n", 0, at) + 1
    if shape:
        what = f"the file is JSON, but not in the shape this format has ({exc})"
    elif "truncated" in str(exc):
        what = "the file ends before its JSON does (cut off?)"
    else:
        what = f"the file is not valid JSON ({exc})"
    return skipped(
        item.name,
        line,
        f"{what}; "
        + ("what was read before it is kept" if kept else "nothing of it was imported")
        + ". Export the file again, or repair it there",
        UNREAD,
    )


_LOCATE_LIMIT = 256 << 20
"""Bytes of a broken file read again to name the line of its error."""


def _open(path: str | Path) -> Input:
    name = str(path)
    try:
        return Input(Path(path), name)
    except FileNotFoundError:
        raise ImportRefused(f"{name}: no such file or folder") from None
    except OSError as exc:
        raise ImportRefused(f"{name}: cannot read it ({exc.strerror or exc})") from None


def _format_of(item: Input, fmt: str | None) -> ModuleType:
    if fmt is not None:
        module = FORMATS.get(fmt)
        if module is None:
            raise ImportRefused(f"unknown format {fmt!r}; replay-tui reads: {formats_read()}")
        return module
    try:
        name = _detect(item)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImportRefused(f"{item.name}: cannot read it ({exc})") from None
    if name is None:
        cut_short = _cut_short(item)
        if cut_short:
            raise ImportRefused(f"{item.name}: {cut_short}")
        what = (
            "a replay-tui session, not an export"
            if _is_session(item)
            else ("not an export replay-tui reads")
        )
        raise ImportRefused(
            f"{item.name}: {what}; replay-tui imports: {formats_read()} (--format NAME forces one)"
        )
    return FORMATS[name]


def _cut_short(item: Input) -> str | None:
    """What to say of a file detection did not recognise because it is one JSON document
    cut off early (a download stopped short), before any record a format could be told by
    is whole; None for any other file. No format is guessed from a part of a record."""
    if (
        item.is_dir
        or item.is_zip
        or item.size > HEAD_BYTES
        or item.head.lstrip()[:1]
        not in (
            b"[",
            b"{",
        )
    ):
        return None
    try:
        msgspec.json.decode(item.head)
    except msgspec.DecodeError as exc:
        if "truncated" not in str(exc):
            return None
    else:
        return None
    found = complete_elements(item.head)
    if found is None or not found.count:
        return (
            f"the file ends at byte {item.size}, inside its JSON (cut off?), before its "
            "first record is complete: nothing in it can be imported, and what export it "
            "is cannot be told. Export the file again"
        )
    return (
        f"the file ends at byte {item.size}, inside its JSON (cut off?), and replay-tui "
        f"cannot tell its format from the {found.count} complete records before the cut; "
        f"if it is an export, --format NAME imports them (NAME: {', '.join(FORMATS)})"
    )


def _is_session(item: Input) -> bool:
    return not item.is_dir and _SESSION.search(item.head[:65536]) is not None


def encode(session: Session, suffix: str) -> bytes:
    """The session as a file: TOML for `.toml` (for a person to edit), JSON otherwise.
    Both encoders escape control characters, so no text can break the file."""
    if suffix.lower() == ".toml":
        import tomli_w  # only when TOML is asked for

        return tomli_w.dumps(msgspec.to_builtins(session)).encode("utf-8")
    return msgspec.json.encode(session) + b"\n"
