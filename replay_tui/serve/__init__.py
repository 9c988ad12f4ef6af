"""Serving the audience view to web browsers (`replay-tui FILE --serve`).

Plain Python, no Textual: the presenter's command line starts `server.AudienceServer` in a
thread of its own, and the presenter's screen only reads its address and viewer count.
Each browser is shown `replay-tui follow --audience` of the same session, run by
textual-serve as one process per browser.
"""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_VIEWERS = 60
"""Each viewer is a process (see the README for its memory): sixty is a large class."""
DEFAULT_FONT_SIZE = 24
"""Pixels; textual-serve's own default is 16, small on a projector at the back of a room."""
FONT_SIZES = range(8, 73)
