"""The audience server's guard, cap and pages, over real HTTP to a server on a free port.

No browser and no follower process here (tests/app/test_serve_browser.py has both): only
what the server answers before any follower starts.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import pytest

from replay_tui.serve.server import AudienceServer, audience_command, is_loopback

FILE = "tests/data/good/small.toml"
TITLE = "A <b>title</b> & more"


def get(server: AudienceServer, path: str, host: str | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {} if host is None else {"Host": host}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


@pytest.fixture
def open_server() -> Iterator[AudienceServer]:
    """Listening on every address: a token is needed."""
    server = AudienceServer(FILE, TITLE, host="0.0.0.0", port=0, max_viewers=2)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def local_server() -> Iterator[AudienceServer]:
    server = AudienceServer(FILE, TITLE, port=0)
    server.start()
    yield server
    server.stop()


def test_off_loopback_every_request_needs_the_token(open_server: AudienceServer) -> None:
    token = open_server.token
    assert token is not None and len(token) >= 32
    assert f"?token={token}" in open_server.url
    for path in (
        "/",
        "/?token=wrong",
        f"/?token={token[:-1]}",
        "/static/js/textual.js",
        "/static/css/xterm.css?token=",
        "/ws",
        "/ws/wrong",
        "/download/anything",
        "/nothing-here",
    ):
        status, body = get(open_server, path)
        assert status == 403, path
        assert "token" in body and token not in body, path
    status, _ = get(open_server, f"/static/js/textual.js?token={token}")
    assert status == 200


def test_the_page_carries_the_token_and_the_escaped_title(open_server: AudienceServer) -> None:
    token = open_server.token
    status, page = get(open_server, f"/?token={token}")
    assert status == 200
    # The title is the session's, escaped; never the command line or the file's path.
    assert "<title>A &lt;b&gt;title&lt;/b&gt; &amp; more</title>" in page
    assert "small.toml" not in page and "replay_tui" not in page
    # Every address the page loads carries the token; the websocket has it in its path,
    # because textual-serve's script appends "?width=…" to that address.
    assert f'data-session-websocket-url="ws://127.0.0.1:{open_server.port}/ws/{token}"' in page
    assert f"css/xterm.css?token={token}" in page and f"js/textual.js?token={token}" in page
    # Nothing from the internet: no Google font.
    assert "googleapis" not in page and "https://" not in page


def test_the_served_font_is_large_and_can_be_set(open_server: AudienceServer) -> None:
    token = open_server.token
    assert 'data-font-size="24"' in get(open_server, f"/?token={token}")[1]
    assert 'data-font-size="30"' in get(open_server, f"/?token={token}&fontsize=30")[1]
    # Nonsense falls back to the default.
    assert 'data-font-size="24"' in get(open_server, f"/?token={token}&fontsize=9999")[1]
    server = AudienceServer(FILE, TITLE, port=0, font_size=40)
    server.start()
    try:
        assert 'data-font-size="40"' in get(server, "/")[1]
    finally:
        server.stop()


def test_nothing_of_the_file_system_is_listed(open_server: AudienceServer) -> None:
    token = open_server.token
    for path in ("/static/", "/static/js/", "/static/../server.py", "/download/x"):
        status, body = get(open_server, f"{path}?token={token}")
        assert status in (403, 404), path
        assert "textual.js" not in body


def test_on_loopback_no_token_but_only_loopback_names(local_server: AudienceServer) -> None:
    assert local_server.token is None
    assert local_server.url == f"http://127.0.0.1:{local_server.port}/"
    assert get(local_server, "/")[0] == 200
    assert get(local_server, "/", host=f"localhost:{local_server.port}")[0] == 200
    # A web page whose name points at 127.0.0.1 (DNS rebinding) is refused.
    assert get(local_server, "/", host=f"evil.example:{local_server.port}")[0] == 403


def test_a_port_in_use_is_a_clear_error(local_server: AudienceServer) -> None:
    from replay_tui.serve.server import ServeError

    second = AudienceServer(FILE, TITLE, port=local_server.port)
    with pytest.raises(ServeError, match=f"port {local_server.port}"):
        second.start()


def test_loopback_and_the_follower_command() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    command = audience_command("some dir/it's.toml", 1234)
    assert command.startswith("exec ")
    assert "follow --audience 1234" in command and "'\"'\"'" in command


def test_a_hostile_title_reaches_the_page_inert() -> None:
    """The title comes from the session file: its escape sequences, bell, C1 controls and
    bidi overrides must not reach the page (a browser tab, a screen reader) raw; its markup
    is escaped."""
    import tomllib

    with open("tests/data/hostile.toml", "rb") as file:
        title = tomllib.load(file)["title"]
    assert "\x1b" in title and "\u202e" in title  # the fixture is as hostile as it says
    server = AudienceServer(FILE, title, port=0)
    server.start()
    try:
        status, page = get(server, "/")
    finally:
        server.stop()
    assert status == 200
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066"):
        assert raw not in page, repr(raw)
    head = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert head.startswith("Hostile [@click=app.quit]x[/]")
    assert "^[[2J clear" in head and "&lt;U+202E&gt;txet desrever" in head and "^G" in head
    assert "שלום עולם" in head and "漢字テスト" in head
