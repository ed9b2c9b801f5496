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
