"""A web page that shows the session in TimelineJS: the `timelinejs` document, ready to publish.

The page holds the same document as `replay-tui export --to timelinejs` (`timelinejs.py`,
which says how a timeline that needs dates stays honest) and loads TimelineJS from Knight
Lab's own CDN, where the TimelineJS documentation points, pinned to one version and checked
with subresource integrity: a browser refuses the files if they are not byte for byte the
ones below.

`VERSION` and the two hashes are of `dist/js/timeline.js` and `dist/css/timeline.css` in the
npm package `@knight-lab/timelinejs` at that version (`npm pack @knight-lab/timelinejs@3.9.10`;
`openssl dgst -sha384 -binary FILE | openssl base64 -A`); Knight Lab publishes the same
`dist` folder at `https://cdn.knightlab.com/libs/timeline3/<version>/`. To move to another
version, change the three together and re-run the browser test (tests/app/
test_timelinejs_page.py), which serves the npm files in place of the CDN and lets the
browser check the hashes.

Nothing else is fetched on the page's behalf: `script_path` is pinned to the same folder
(TimelineJS would otherwise load from `latest`), and `font` is off, so TimelineJS does not
load a font style sheet (from Google Fonts) that no hash covers. The style sheet itself
loads TimelineJS's icon font from the same pinned folder (a font cannot carry a hash).
Tweets shown as `media` are embedded by TimelineJS from the post's own address, as in the
JSON document.

The document sits in a `<script type="application/json">` element, with `<`, `>` and `&`
written as `\\u003c`-style escapes, so no session text can end the element or become
markup; the page's own script parses it with `JSON.parse`.
"""

from __future__ import annotations

import json
from html import escape

from replay_tui.export.common import inert_json
from replay_tui.export.timelinejs import document
from replay_tui.export.view import ExportOptions
from replay_tui.format.read import LoadedSession
from replay_tui.words.sanitize import one_line

VERSION = "3.9.10"
CDN = f"https://cdn.knightlab.com/libs/timeline3/{VERSION}/"
SCRIPT = (
    CDN + "js/timeline.js",
    "sha384-siM5yiZq/dqlzhFN7TmM86cbFdTMfssEZcanVHYo/bQEnpDzjwigQBYqM0O44+1I",
)
STYLE = (
    CDN + "css/timeline.css",
    "sha384-boDF6Nd/No9fGBo1BlF2eLCnex+ILqI/6O7gE0MoOioYo7gWdq9LbFxD94ebGlBB",
)

_HTML_INERT = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

_START = """\
var data = JSON.parse(document.getElementById("timeline-data").textContent);
window.timeline = new TL.Timeline("timeline", data, {
  script_path: "%s",
  font: null,
  hash_bookmark: false
});
"""


def render(loaded: LoadedSession, options: ExportOptions) -> str:
    """One HTML page showing `loaded` (as `options` select it) in TimelineJS."""
    data = document(loaded, options)
    text = inert_json(json.dumps(data, ensure_ascii=False, indent=1)).translate(_HTML_INERT)
    title = escape(one_line(loaded.session.title), quote=True)
    script, script_hash = SCRIPT
    style, style_hash = STYLE
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="replay-tui export --to timelinejs-page">
<title>{title}</title>
<link rel="stylesheet" href="{style}" integrity="{style_hash}" crossorigin="anonymous">
<script src="{script}" integrity="{script_hash}" crossorigin="anonymous"></script>
<style>html, body {{ height: 100%; margin: 0; }} #timeline {{ height: 100%; }}</style>
</head>
<body>
<div id="timeline"></div>
<noscript><p>This page shows the timeline with TimelineJS {VERSION}, loaded from
cdn.knightlab.com, and needs JavaScript. The same posts, times and sources are in
<code>replay-tui export --to html</code>.</p></noscript>
<script type="application/json" id="timeline-data">
{text}
</script>
<script>
{_START % (CDN + "js/")}</script>
</body>
</html>
"""
