"""The web server behind ``flowviz serve``: textual-serve's, with the doors closed.

textual-serve (1.1) runs one app process per WebSocket and trusts every
connection. Here :class:`GuardedServer` changes four things, each where
textual-serve decides it:

- **Origin** (``handle_websocket``): a browser sends the page's origin with
  every WebSocket handshake; only pages served by this server (its own
  ``http://host:port``, and the loopback names of a loopback server) may
  connect. A page of another site could otherwise read the screen and press
  keys. With ``--host 0.0.0.0`` the origin must match the address the browser
  used, and that address must be an IP address or ``localhost`` (a name could
  be rebound to this machine by another site's DNS).
- **Sessions** (``handle_websocket``): at most ``max_sessions`` app processes at
  once; one more browser gets a one-line message in its terminal instead.
- **Terminal size** (:class:`GuardedAppService`): the size a browser asks for,
  at the start and on every resize, is clamped to :data:`MAX_COLUMNS` ×
  :data:`MAX_ROWS`.
- **Static files** (``_make_app``): ``/static/`` serves its files but never
  lists its folder.

Export is the app's business: the served command line carries
``FLOWVIZ_NO_EXPORT=1`` (see :func:`flowviz.commands.serve.app_command`)
unless ``--allow-export`` was given.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("flowviz.serve")

MAX_COLUMNS = 300
MAX_ROWS = 100
"""The largest terminal a browser may ask for (a 3000×1000 one used 199 MB)."""
MIN_COLUMNS = 10
MIN_ROWS = 4
DEFAULT_MAX_SESSIONS = 8
"""App processes served at once by default (50 used 2.19 GB)."""

FULL_MESSAGE = (
    "\r\n  flowviz serve is full: {count} open, the limit "
    "(flowviz serve --max-sessions N).\r\n  Close another tab, then reload this page.\r\n"
)


def sessions_phrase(count: int) -> str:
    return f"{count} session{'s' if count != 1 else ''} {'are' if count != 1 else 'is'}"


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """The terminal size to use for what a browser asked, or None if it is not a size."""
    if isinstance(width, bool) or isinstance(height, bool):
        return None
    try:
        columns, rows = int(width), int(height)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
    return (min(max(columns, MIN_COLUMNS), MAX_COLUMNS), min(max(rows, MIN_ROWS), MAX_ROWS))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _loopback(host: str) -> bool:
    return host == "localhost" or (_is_ip(host) and ipaddress.ip_address(host).is_loopback)


def _wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def _host_port(netloc: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit(f"//{netloc}")
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None


def origin_allowed(origin: str | None, host_header: str | None, *, host: str, port: int) -> bool:
    """Whether a WebSocket handshake with ``origin`` comes from a page of this server."""
    if not origin:
        return False  # every browser sends one; a page of another site cannot hide it
    try:
        parts = urlsplit(origin)
        origin_host, origin_port = (parts.hostname or "").lower(), parts.port or 80
    except ValueError:
        return False
    if parts.scheme != "http" or origin_port != port or parts.path not in ("", "/"):
        return False
    bound = host.lower().strip("[]")
    if _wildcard(bound):
        # Any of this machine's addresses, as typed in the browser: the origin must be
        # the address the browser connected to, written as an IP address (or localhost).
        seen = _host_port(host_header or "")
        return (seen is not None and seen == (origin_host, origin_port)
                and (_is_ip(origin_host) or origin_host == "localhost"))
    if _loopback(bound):
        return _loopback(origin_host)
    return origin_host == bound


class GuardedAppService(AppService):
    """One app process, its terminal size clamped whatever the browser asks."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        size = clamp_size(width, height) or (80, 24)
        return super()._build_environment(*size)

    async def set_terminal_size(self, width: int, height: int) -> None:
        size = clamp_size(width, height)
        if size is None:
            return
        if size != (width, height):
            log.info("a browser asked for a %s×%s terminal: serving %s×%s (the most is %s×%s)",
                     width, height, *size, MAX_COLUMNS, MAX_ROWS)
        await super().set_terminal_size(*size)


class GuardedServer(Server):
    """textual-serve's server, checking origins and capping sessions and sizes."""

    def __init__(self, command: str, *, host: str, port: int, title: str | None = None,
                 max_sessions: int = DEFAULT_MAX_SESSIONS) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.max_sessions = max_sessions
        self.sessions = 0
        """App processes running now."""

    async def _make_app(self) -> web.Application:
        """textual-serve's routes, with the static folder's listing off."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def origin_ok(self, request: web.Request) -> bool:
        return origin_allowed(request.headers.get("Origin"), request.headers.get("Host"),
                              host=self.host, port=self.port)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_ok(request):
            log.warning("refused a connection from a page of %r (not this server)",
                        request.headers.get("Origin"))
            raise web.HTTPForbidden(text="flowviz serve: pages of other sites may not connect\n")
        if self.sessions >= self.max_sessions:
            log.warning("refused a session: %s open, the limit (--max-sessions)",
                        sessions_phrase(self.sessions))
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.send_bytes(
                FULL_MESSAGE.format(count=sessions_phrase(self.sessions)).encode())
            await websocket.close()
            return websocket
        self.sessions += 1
        try:
            return await self._serve_session(request)
        finally:
            self.sessions -= 1

    async def _serve_session(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with :class:`GuardedAppService` for the app process."""
        websocket = web.WebSocketResponse(heartbeat=15)
        asked = (to_int(request.query.get("width", "80"), 80),
                 to_int(request.query.get("height", "24"), 24))
        width, height = clamp_size(*asked) or (80, 24)
        if (width, height) != asked:
            log.info("a browser asked for a %s×%s terminal: serving %s×%s (the most is %s×%s)",
                     *asked, width, height, MAX_COLUMNS, MAX_ROWS)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = self.make_service(websocket)
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except Exception as error:  # as textual-serve does: log, and close this session only
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket

    def make_service(self, websocket: web.WebSocketResponse) -> AppService:
        """The app process behind one browser tab."""
        async def close() -> None:
            await websocket.close()

        return GuardedAppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
