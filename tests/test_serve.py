"""``flowviz serve`` in a real headless Chromium: the app appears and answers a key.

textual-serve draws the terminal on a canvas (xterm.js), so there is no page
text to read. The test drives Chromium over the DevTools protocol instead (a
small client on aiohttp, which textual-serve already depends on): it listens to
the websocket frames the page receives from the app — the terminal output,
from which the scenario title and the step text are read — and presses → with
``Input.dispatchKeyEvent``, as a person's keyboard would. Skipped, saying why,
when Chromium or textual-serve is missing. Everything is bounded by timeouts;
the server and the browser are killed at the end.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from flowviz.cli import main
from flowviz.commands.serve import app_command, is_loopback
from flowviz.scenario.loader import load_scenario

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    import aiohttp
    import textual_serve  # noqa: F401

    HAVE_SERVE = True
except ModuleNotFoundError:
    HAVE_SERVE = False

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or not HAVE_SERVE,
    reason="needs headless Chromium (apt-get install chromium) and textual-serve "
    "(pip install 'flowviz[serve]')",
)

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,900",
]
ANSI = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Za-z0-9]|[=>78])"
)
STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(check: Any, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            result = check()
            if result:
                return result
        time.sleep(0.1)
    return None


@contextlib.contextmanager
def running(argv: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``argv`` in its own process group and kill the whole group afterwards."""
    with log.open("wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


class DevTools:
    """A minimal Chrome DevTools protocol client: commands, and the terminal's output."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.output = bytearray()
        """Everything the app sent the page, escape sequences removed."""
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                payload = frame["payloadData"]
                raw = base64.b64decode(payload) if frame.get("opcode") == 2 else payload.encode()
                self.output += ANSI.sub(b"", raw)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send_str(json.dumps({"id": self.next_id, "method": method,
                                           "params": params}))
        return await asyncio.wait_for(future, 15)

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    async def wait_for_text(self, wanted: str, seconds: float, since: int = 0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if wanted in self.output[since:].decode("utf-8", "replace"):
                return True
            await asyncio.sleep(0.1)
        return False

    async def press(self, key: str, code: int) -> None:
        for kind in ("rawKeyDown", "keyUp"):
            await self.send("Input.dispatchKeyEvent", type=kind, key=key, code=key,
                            windowsVirtualKeyCode=code, nativeVirtualKeyCode=code)

    async def close(self) -> None:
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader
        await self.ws.close()


@contextlib.asynccontextmanager
async def devtools(profile: Path, log: Path) -> AsyncIterator[DevTools]:
    assert CHROMIUM is not None
    argv = [CHROMIUM, *CHROMIUM_FLAGS, "--remote-debugging-port=0",
            f"--user-data-dir={profile}", "about:blank"]
    with running(argv, log):
        port_file = profile / "DevToolsActivePort"
        assert wait_until(lambda: port_file.exists() and port_file.read_text().strip(),
                          STARTUP_SECONDS), "Chromium did not open its DevTools port"
        port = int(port_file.read_text().split()[0])
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list",
                                timeout=aiohttp.ClientTimeout(total=10)) as response:
                targets = await response.json()
            page = next(t for t in targets if t.get("type") == "page")
            ws = await http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
            client = DevTools(ws)
            try:
                yield client
            finally:
                await client.close()


@needs_browser
async def test_served_app_appears_and_answers_a_key(tmp_path: Path) -> None:
    scenario = load_scenario("web-request")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server_argv = [sys.executable, "-m", "flowviz", "serve", "web-request",
                   "--port", str(port)]
    with running(server_argv, tmp_path / "server.log"):
        page = wait_until(lambda: urllib.request.urlopen(url, timeout=2).read(), STARTUP_SECONDS)
        assert page, (tmp_path / "server.log").read_text()
        assert f"ws://127.0.0.1:{port}/ws".encode() in page
        async with devtools(tmp_path / "profile", tmp_path / "chromium.log") as browser:
            await browser.send("Network.enable")
            await browser.send("Page.enable")
            await browser.send("Page.navigate", url=url)
            assert await browser.wait_for_text(scenario.meta.title, STARTUP_SECONDS), (
                browser.text()[-2000:])
            assert await browser.wait_for_text(scenario.stops[0].title, 10)
            # Let the first paint settle, focus the terminal, press →.
            await asyncio.sleep(0.5)
            await browser.send("Runtime.evaluate", expression=(
                "document.querySelector('.xterm-helper-textarea').focus()"))
            before = len(browser.output)
            await browser.press("ArrowRight", 39)
            assert await browser.wait_for_text(scenario.stops[1].title, 15, since=before), (
                browser.text()[before:][-2000:])
            shot = await browser.send("Page.captureScreenshot", format="png")
            (tmp_path / "served.png").write_bytes(base64.b64decode(shot["result"]["data"]))


def test_app_command_and_loopback(tmp_path: Path) -> None:
    class Args:
        follow: str | None = None

    assert app_command(Args(), "web-request").endswith("-m flowviz walk web-request")  # type: ignore[arg-type]
    Args.follow = "room-1"
    assert app_command(Args(), "x y").endswith("present 'x y' --follow room-1")  # type: ignore[arg-type]
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert not is_loopback("example.org")


@pytest.mark.parametrize("argv", [["serve", "--port", "0"], ["serve", "--port", "http"],
                                  ["serve", "--follow", "a b"]])
def test_bad_serve_arguments_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


# -- #12: the server's doors (origin, sessions, sizes, listings, export) ------------------

needs_serve = pytest.mark.skipif(not HAVE_SERVE, reason="needs textual-serve "
                                 "(pip install 'flowviz[serve]')")


@needs_serve
@pytest.mark.parametrize(
    ("origin", "host_header", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1", True),
        ("http://localhost:8000", "localhost:8000", "127.0.0.1", True),
        ("http://[::1]:8000", "[::1]:8000", "127.0.0.1", True),
        ("http://evil.example:8000", "127.0.0.1:8000", "127.0.0.1", False),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", "127.0.0.1", False),
        ("https://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1", False),
        ("null", "127.0.0.1:8000", "127.0.0.1", False),
        (None, "127.0.0.1:8000", "127.0.0.1", False),
        ("http://192.168.1.5:8000", "192.168.1.5:8000", "192.168.1.5", True),
        ("http://127.0.0.1:8000", "192.168.1.5:8000", "192.168.1.5", False),
        # Bound to every address: the browser's own address, as an IP (no rebound names).
        ("http://192.168.1.5:8000", "192.168.1.5:8000", "0.0.0.0", True),
        ("http://localhost:8000", "localhost:8000", "0.0.0.0", True),
        ("http://rebound.example:8000", "rebound.example:8000", "0.0.0.0", False),
        ("http://192.168.1.5:8000", "10.0.0.1:8000", "0.0.0.0", False),
    ],
)
def test_only_pages_of_this_server_may_connect(
    origin: str | None, host_header: str, host: str, allowed: bool
) -> None:
    from flowviz.commands.web_server import origin_allowed

    assert origin_allowed(origin, host_header, host=host, port=8000) is allowed


@needs_serve
def test_sizes_are_clamped() -> None:
    from flowviz.commands.web_server import MAX_COLUMNS, MAX_ROWS, clamp_size

    assert clamp_size(3000, 1000) == (MAX_COLUMNS, MAX_ROWS) == (300, 100)
    assert clamp_size(120, 36) == (120, 36)
    assert clamp_size(-5, 0) == (10, 4)
    assert clamp_size("120", "36") == (120, 36)
    assert clamp_size("wide", 36) is None and clamp_size(None, 1) is None
    assert clamp_size(True, 36) is None and clamp_size(10**400, 36) == (300, 36)


class FakeService:
    """Stands in for an app process: records what the server asked of it."""

    started: list[tuple[int, int]] = []  # noqa: RUF012  (shared by the instances of a test)

    async def start(self, width: int, height: int) -> None:
        self.started.append((width, height))

    async def stop(self) -> None:
        pass

    async def send_bytes(self, data: bytes) -> bool:
        return True

    async def set_terminal_size(self, width: int, height: int) -> None:
        pass

    async def blur(self) -> None:
        pass

    async def focus(self) -> None:
        pass


@contextlib.asynccontextmanager
async def guarded_server(max_sessions: int = 8) -> AsyncIterator[tuple[Any, Any, int]]:
    """A GuardedServer on a free loopback port whose app processes are fakes."""
    from aiohttp.test_utils import TestClient, TestServer

    from flowviz.commands.web_server import GuardedServer

    class Server(GuardedServer):
        def make_service(self, websocket: Any) -> Any:
            return FakeService()

    port = free_port()
    server = Server("true", host="127.0.0.1", port=port, max_sessions=max_sessions)
    FakeService.started = []
    test_server = TestServer(await server._make_app(), host="127.0.0.1", port=port)
    async with TestClient(test_server) as client:
        yield server, client, port


@needs_serve
async def test_a_page_of_another_site_cannot_open_a_session() -> None:
    async with guarded_server() as (_, client, port):
        refused = await client.get("/ws", headers={
            "Origin": "http://evil.example", "Connection": "Upgrade", "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
        assert refused.status == 403
        assert "other sites" in await refused.text()
        assert FakeService.started == []
        ws = await client.ws_connect("/ws?width=120&height=36",
                                     headers={"Origin": f"http://127.0.0.1:{port}"})
        await ws.close()
        assert FakeService.started == [(120, 36)]


@needs_serve
async def test_sessions_and_sizes_are_capped() -> None:
    async with guarded_server(max_sessions=2) as (server, client, port):
        origin = {"Origin": f"http://localhost:{port}"}
        first = await client.ws_connect("/ws?width=3000&height=1000", headers=origin)
        second = await client.ws_connect("/ws", headers=origin)
        for _ in range(100):  # both handshakes handled (bounded, no fixed sleep)
            if server.sessions == 2:
                break
            await asyncio.sleep(0.01)
        assert server.sessions == 2
        assert FakeService.started[0] == (300, 100)
        third = await client.ws_connect("/ws", headers=origin)
        message = await asyncio.wait_for(third.receive(), 5)
        assert b"flowviz serve is full: 2 sessions are open" in message.data, message.data
        assert b"--max-sessions" in message.data
        closing = await asyncio.wait_for(third.receive(), 5)
        assert closing.type.name in ("CLOSE", "CLOSED", "CLOSING")
        await first.close()
        for _ in range(100):
            if server.sessions == 1:
                break
            await asyncio.sleep(0.01)
        fourth = await client.ws_connect("/ws", headers=origin)  # room again
        for _ in range(100):
            if server.sessions == 2:
                break
            await asyncio.sleep(0.01)
        assert server.sessions == 2
        for ws in (second, third, fourth):
            await ws.close()


@needs_serve
async def test_a_resize_beyond_the_limit_is_clamped() -> None:
    from textual_serve.download_manager import DownloadManager

    from flowviz.commands.web_server import GuardedAppService

    async def nothing(*_: object) -> None:
        pass

    service = GuardedAppService("true", write_bytes=nothing, write_str=nothing, close=nothing,
                                download_manager=DownloadManager())
    sent: list[dict[str, object]] = []

    async def send_meta(data: dict[str, object]) -> bool:
        sent.append(data)
        return True

    service.send_meta = send_meta  # type: ignore[method-assign,assignment]
    await service.set_terminal_size(3000, 1000)
    await service.set_terminal_size("x", 1)  # type: ignore[arg-type]  (from a browser's JSON)
    assert sent == [{"type": "resize", "width": 300, "height": 100}]
    environment = service._build_environment(3000, 1000)
    assert (environment["COLUMNS"], environment["ROWS"]) == ("300", "100")


@needs_serve
async def test_static_files_are_served_but_never_listed() -> None:
    async with guarded_server() as (_, client, _):
        listing = await client.get("/static/")
        assert listing.status in (403, 404)
        assert "textual.js" not in await listing.text()
        assert (await client.get("/static/js/")).status in (403, 404)
        assert (await client.get("/static/js/textual.js")).status == 200


def test_the_served_app_may_not_export_unless_allowed() -> None:
    class Args:
        follow: str | None = None
        allow_export = False

    command = app_command(Args(), "web-request")  # type: ignore[arg-type]
    assert command.startswith("FLOWVIZ_NO_EXPORT=1 ")
    # textual-serve runs the command through the shell, as here: the app sees the variable.
    probe = command.split(" ", 1)[0] + " " + shlex.join(
        [sys.executable, "-c", "import os; print(os.environ.get('FLOWVIZ_NO_EXPORT'))"])
    assert subprocess.run(probe, shell=True, capture_output=True, text=True,
                          timeout=30).stdout.strip() == "1"
    Args.follow = "room"
    assert app_command(Args(), "x").startswith("FLOWVIZ_NO_EXPORT=1 ")  # type: ignore[arg-type]
    Args.allow_export = True
    assert "FLOWVIZ_NO_EXPORT" not in app_command(Args(), "x")  # type: ignore[arg-type]


@pytest.mark.parametrize("argv", [["serve", "--max-sessions", "0"],
                                  ["serve", "--max-sessions", "many"]])
def test_bad_session_limits_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
