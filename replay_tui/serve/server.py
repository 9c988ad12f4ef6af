"""The audience view in web browsers: textual-serve, guarded, capped, and stopped cleanly.

`replay-tui FILE --serve` presents in its terminal and starts an `AudienceServer`: a
textual-serve `Server` run in a thread of its own (its own asyncio loop, so sixty browsers'
traffic never waits on the presenter's screen, nor the screen on them). Every browser gets
one process, `replay-tui follow --audience PID FILE`: the follower the class would see on a
second terminal, which mirrors the presenter through the presenter file (`user.follow`).

What this adds to textual-serve, and why:

* A token. On 127.0.0.1 (the default) only this machine can connect; a web page it opens
  cannot reach the view through another host name either (DNS rebinding: a request whose
  Host is not a loopback name is refused). On any other address every request must carry
  `?token=...` (`secrets.token_urlsafe`), compared in constant time, or it gets HTTP 403,
  whichever address it comes from. The page's websocket is `/ws/<token>` (textual-serve's
  script appends `?width=...` to the websocket address, so a query there would break), and
  the page's own style and script links carry `?token=`.
* A cap on viewers (`DEFAULT_VIEWERS`): each is a process; the next browser gets a page
  saying the presentation is full, and its websocket is refused.
* Nothing of the machine is served: no folder listings of the static files, no download
  route (textual-serve's `/download/{key}` serves files an app delivers; a follower delivers
  none), the page's title is the session's title (textual-serve's default is the command
  line, which names the file), made inert like every session text (`words.sanitize`: its
  control characters and bidi overrides shown as `^[`, `<U+202E>`; Jinja escapes its
  markup), no font from the internet (a classroom network may have no
  internet, and students' browsers should call no third party), and the follower has no
  command palette (which lists other sessions) and never the presenter notes.
* A larger font by default (`DEFAULT_FONT_SIZE`), for projection; `?fontsize=` still works.
* An end. `stop` closes every websocket (the page then says the presentation has ended),
  waits for every follower process to end, and kills any that does not; a follower also
  quits by itself when the presenter's process is gone, so a presenter killed outright
  leaves no process either.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import logging
import os
import secrets
import shlex
import socket
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from replay_tui.serve import (
    DEFAULT_FONT_SIZE,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_VIEWERS,
    FONT_SIZES,
)
from replay_tui.words.sanitize import one_line

STOP_WAIT = 5.0
"""Seconds a follower process gets to end after its browser's websocket closes."""
TEMPLATES = Path(__file__).parent / "templates"

_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# textual-serve and aiohttp log through `logging`; with no handler Python would print their
# warnings on stderr, over the presenter's screen.
for _name in ("textual-serve", "aiohttp"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class ServeError(Exception):
    """The server cannot start (the port is taken, the address is not this machine's);
    the message is for the user."""


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine (no token needed)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def audience_command(file: str, presenter_pid: int) -> str:
    """The shell command textual-serve runs for each browser; `exec`, so that the process
    textual-serve holds (and `stop` ends) is the follower itself, not a shell above it."""
    return "exec " + shlex.join(
        [
            sys.executable,
            "-m",
            "replay_tui",
            "follow",
            "--audience",
            str(presenter_pid),
            os.path.abspath(file),
        ]
    )


def shown_host(host: str) -> str:
    """The host to put in the address the presenter shows: for "every address" (0.0.0.0,
    ::), this machine's address on its main network; an IPv6 address in brackets."""
    if host in ("0.0.0.0", "::", ""):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                # A UDP "connect" sends nothing; it only picks the outgoing interface.
                probe.connect(("192.0.2.1", 9))
                host = str(probe.getsockname()[0])
        except OSError:
            host = socket.gethostname()
    return f"[{host}]" if ":" in host else host


def _page(status: int, title: str, sentence: str) -> web.Response:
    """A small page that says why a browser cannot watch."""
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{background:#0c181f;color:#f2f2f2;font:24px/1.5 sans-serif;"
        "margin:3em auto;max-width:40em;padding:0 1em}</style></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(sentence)}</p></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html", charset="utf-8")


class AudienceWeb(Server):
    """textual-serve's server with the guard, the cap and the end described above."""

    def __init__(
        self,
        command: str,
        *,
        title: str,
        token: str | None,
        max_viewers: int = DEFAULT_VIEWERS,
        font_size: int = DEFAULT_FONT_SIZE,
    ) -> None:
        # The title is the session file's, so untrusted: an escape sequence, a bell or a bidi
        # override would otherwise reach the browser's tab and the page's first words.
        super().__init__(command, title=one_line(title), templates_path=TEMPLATES)
        self.token = token
        self.max_viewers = max_viewers
        self.font_size = font_size
        self.sockets: set[web.WebSocketResponse] = set()
        """The browsers watching now (their websockets)."""
        self.processes: set[asyncio.subprocess.Process] = set()
        self.closing = False
        self._idle = asyncio.Event()
        self._idle.set()

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        websocket = "/ws" if self.token is None else "/ws/{token}"
        app.add_routes(
            [
                web.get("/", self.index, name="index"),
                web.get(websocket, self.websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        """Refuse every request without the token (or, on loopback, from another host
        name); ask browsers to keep nothing and send the address to no one."""
        if self.token is not None:
            supplied = request.query.get("token") or request.match_info.get("token") or ""
            if not secrets.compare_digest(supplied.encode(), self.token.encode()):
                return _page(
                    403,
                    "Forbidden",
                    "This address needs the token the presenter shows: "
                    "use the whole address, with its ?token=…",
                )
        elif not is_loopback(request.url.host or ""):
            return _page(403, "Forbidden", "This view is served to this machine only.")
        response = await handler(request)
        if not response.prepared:
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["X-Frame-Options"] = "DENY"
        return response

    def _refusal(self) -> web.Response | None:
        if self.closing:
            return _page(503, "The presentation has ended", "The presenter has closed it.")
        if len(self.sockets) >= self.max_viewers:
            return _page(
                503,
                "The presentation is full",
                f"It already has {self.max_viewers} viewers, the most it takes. "
                "Watch on a neighbour's screen, or ask the presenter.",
            )
        return None

    async def index(self, request: web.Request) -> web.Response:
        refused = self._refusal()
        if refused is not None:
            return refused
        try:
            font_size = int(request.query.get("fontsize", ""))
        except ValueError:
            font_size = self.font_size
        if font_size not in FONT_SIZES:
            font_size = self.font_size
        scheme = "wss" if request.secure else "ws"
        websocket = "/ws" if self.token is None else f"/ws/{self.token}"
        context = {
            "title": self.title,
            "font_size": font_size,
            "websocket_url": f"{scheme}://{request.host}{websocket}",
            "static": "/static/",
            "token_query": "" if self.token is None else f"?token={self.token}",
        }
        return aiohttp_jinja2.render_template("audience.html", request, context)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """A browser's view: a follower process fed through this websocket."""
        refused = self._refusal()
        if refused is not None:
            return refused
        websocket = web.WebSocketResponse(heartbeat=15)
        # Counted before the first await, so two browsers cannot both take the last place.
        self.sockets.add(websocket)
        self._idle.clear()
        service: AppService | None = None
        try:
            width = _cells(request.query.get("width"), 80)
            height = _cells(request.query.get("height"), 24)
            await websocket.prepare(request)

            async def close() -> None:
                await websocket.close()

            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
            )
            await service.start(width, height)
            if service._process is not None:
                self.processes.add(service._process)
            try:
                await self._process_messages(websocket, service)
            finally:
                await asyncio.wait_for(service.stop(), STOP_WAIT)
        except (asyncio.CancelledError, TimeoutError):
            await websocket.close()
        except Exception:
            logging.getLogger("textual-serve").exception("a viewer's connection failed")
        finally:
            self.sockets.discard(websocket)
            if service is not None and service._process is not None:
                await _end(service._process)
                self.processes.discard(service._process)
            if not self.sockets:
                self._idle.set()
        return websocket

    async def shutdown(self) -> None:
        """Close every browser's view (each then says the presentation ended) and end
        every follower process."""
        self.closing = True
        for websocket in list(self.sockets):
            with contextlib.suppress(Exception):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"ended")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), STOP_WAIT * 2)
        for process in list(self.processes):
            await _end(process)


def _cells(value: str | None, default: int) -> int:
    try:
        cells = int(value or "")
    except ValueError:
        return default
    return cells if 1 <= cells <= 1000 else default


async def _end(process: asyncio.subprocess.Process) -> None:
    """Wait for a follower process to end; kill it if it does not in time."""
    try:
        await asyncio.wait_for(process.wait(), STOP_WAIT)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


class AudienceServer:
    """An `AudienceWeb` running in a thread of its own, for the presenter's process.

    `start` returns once the server listens (or raises `ServeError`); `url` is the address
    to show (with the token, if any); `viewers` how many browsers watch now (read from any
    thread); `stop` ends it all."""

    def __init__(
        self,
        file: str,
        title: str,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        max_viewers: int = DEFAULT_VIEWERS,
        font_size: int = DEFAULT_FONT_SIZE,
        command: str | None = None,
    ) -> None:
        self.host = host
        self.port = port
        token = None if is_loopback(host) else secrets.token_urlsafe(24)
        self.web = AudienceWeb(
            command if command is not None else audience_command(file, os.getpid()),
            title=title,
            token=token,
            max_viewers=max_viewers,
            font_size=font_size,
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._error: str | None = None

    @property
    def token(self) -> str | None:
        return self.web.token

    @property
    def url(self) -> str:
        """The address to open in a browser (with the token when one is needed)."""
        query = "" if self.token is None else f"?token={self.token}"
        return f"http://{shown_host(self.host)}:{self.port}/{query}"

    @property
    def viewers(self) -> int:
        return len(self.web.sockets)

    def start(self, timeout: float = 30.0) -> None:
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="replay-tui audience server", daemon=True
        )
        self._thread.start()
        if not ready.wait(timeout):
            self._error = "the server did not start in time"
        if self._error is not None:
            self.stop()
            raise ServeError(self._error)

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            loop.run_until_complete(self._listen())
        except OSError as exc:
            self._error = f"cannot listen on {self.host} port {self.port}: {exc.strerror or exc}"
        ready.set()
        if self._error is None:
            loop.run_forever()
        with contextlib.suppress(Exception):
            loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()

    async def _listen(self) -> None:
        app = await self.web._make_app()
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=2)
        await runner.setup()
        self._runner = runner
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            self._runner = None
            raise
        addresses = runner.addresses
        if addresses:
            self.port = int(addresses[0][1])

    async def _stop(self) -> None:
        await self.web.shutdown()
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        """Close every view, end every follower process, stop listening."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            if self._error is None and loop.is_running():
                with contextlib.suppress(Exception):
                    asyncio.run_coroutine_threadsafe(self._stop(), loop).result(STOP_WAIT * 4)
                loop.call_soon_threadsafe(loop.stop)
            thread.join(STOP_WAIT)
