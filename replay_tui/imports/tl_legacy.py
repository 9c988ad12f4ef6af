"""TimelineJS 2's JSON, turned into TimelineJS3's, so that one reader serves both.

Timelines made before TimelineJS3 (2015) are still published in the older form, Knight
Lab's own example pages among them: one `timeline` object with the title slide's
`headline`, `text` and `asset`, a `date` list of events and an `era` list:

    {"timeline": {"headline": "…", "text": "…", "asset": {"media", "credit", "caption"},
                  "date": [{"startDate": "2011,3,23", "endDate": "…", "headline": "…",
                            "text": "…", "tag": "…", "asset": {…}}],
                  "era": [{"startDate": "…", "endDate": "…", "headline": "…"}]}}

Each part has its TimelineJS3 counterpart (`asset` is `media` with `media` as its `url`;
`tag` is `group`; `era` is `eras`). A date is written `YEAR,MONTH,DAY,HOUR,MINUTE,SECOND`
with as many fields as it knows (months from 1), which maps field by field onto TimelineJS3's
date object and so keeps exactly its precision. `YYYY-MM-DD[THH:MM[:SS]]` and
`MM/DD/YYYY` are read the same way. A date in any other shape is passed on as the year, so
that the reader says it cannot be read instead of guessing.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

_FIELDS = ("year", "month", "day", "hour", "minute", "second")
_ISO = re.compile(r"(-?\d+)-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?)?")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(-?\d+)")


class _Legacy(msgspec.Struct, gc=False):
    """Only whether the document is TimelineJS 2's: a `timeline` holding a `date` list."""

    timeline: dict[str, Any] | None = None


_PROBE = msgspec.json.Decoder(_Legacy)


def legacy(data: bytes) -> dict[str, Any] | None:
    """The `timeline` object of a TimelineJS 2 document; None for anything else."""
    try:
        timeline = _PROBE.decode(data).timeline
    except msgspec.DecodeError:
        return None
    if timeline is None or not isinstance(timeline.get("date"), list):
        return None
    return timeline


def date(text: object) -> dict[str, str] | None:
    """A TimelineJS 2 date as TimelineJS3's date object (None when there is none)."""
    if text is None or text == "":
        return None
    raw = str(text).strip()
    if iso := _ISO.fullmatch(raw):
        parts = [p for p in iso.groups() if p is not None]
    elif us := _US.fullmatch(raw):
        parts = [us.group(3), us.group(1), us.group(2)]
    else:
        parts = [p.strip() for p in raw.split(",")]
        if len(parts) > len(_FIELDS):
            return {"year": raw}  # not a date this form writes: the reader says so
    return {name: part for name, part in zip(_FIELDS, parts, strict=False) if part}


def _media(asset: object) -> dict[str, object] | None:
    if not isinstance(asset, dict):
        return None
    return {
        "url": asset.get("media"),
        "credit": asset.get("credit"),
        "caption": asset.get("caption"),
    }


def _slide(entry: dict[str, Any]) -> dict[str, object]:
    slide: dict[str, object] = {
        "text": {"headline": entry.get("headline"), "text": entry.get("text")},
        "start_date": date(entry.get("startDate")),
    }
    if (end := date(entry.get("endDate"))) is not None:
        slide["end_date"] = end
    if (media := _media(entry.get("asset"))) is not None:
        slide["media"] = media
    if isinstance(entry.get("tag"), str):
        slide["group"] = entry["tag"]
    return slide


def as_tl3(timeline: dict[str, Any]) -> bytes:
    """The TimelineJS3 JSON document that says what `timeline` says."""
    title = {
        "text": {"headline": timeline.get("headline"), "text": timeline.get("text")},
        "media": _media(timeline.get("asset")),
    }
    events = [_slide(e) for e in timeline["date"] if isinstance(e, dict)]
    eras = [
        {k: v for k, v in _slide(e).items() if k in ("text", "start_date", "end_date")}
        for e in timeline.get("era") or []
        if isinstance(e, dict)
    ]
    return msgspec.json.encode({"title": title, "events": events, "eras": eras})
