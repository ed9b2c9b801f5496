"""Keep a presenter and its speaker-notes terminals in step, on this machine only.

Transport: Unix-domain datagram sockets in a private folder (mode 0700) under
the user's runtime directory, so nothing is reachable from the network and
other users cannot connect. Each side binds its own socket, named after the
session, so two presenters on one machine do not cross:

- the presenter binds ``<session>.presenter``; it sends its *state* (current
  stop, when the talk started, the scenario) to every ``<session>.notes-*``
  socket whenever the stop changes and once a second as a heartbeat;
- each notes terminal binds ``<session>.notes-<pid>``; it sends *commands*
  (next, previous, go to) and a *hello* to the presenter socket, so a restarted
  presenter learns at once that it has a follower.

Either side can restart: the heartbeat and the hello find the other again, and
sockets left behind by a dead process are removed on the first failed send.
A datagram that is not valid JSON of our shape, or of another session, is
ignored. Nothing here imports Textual; the apps drive :class:`SyncEndpoint`
from their event loop with :meth:`SyncEndpoint.attach`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

PROTOCOL = "flowviz-sync/1"
MAX_DATAGRAM = 4096
HEARTBEAT_SECONDS = 1.0
_SESSION = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")

Role = Literal["presenter", "notes"]
ACTIONS = ("next", "previous", "first", "last", "goto", "hello")


@dataclass(frozen=True, slots=True)
class PresenterState:
    """What the presenter shows: followers mirror it."""

    stop: int
    started: float
    """When the talk's clock started (time.time()); the notes show elapsed time."""
    scenario: str
    blanked: bool = False


@dataclass(frozen=True, slots=True)
class Command:
    """A request from a notes terminal to move the presenter."""

    action: str
    stop: int | None = None


def valid_session(name: str) -> str:
    """The session name, or ValueError: letters, digits, '.', '_' and '-' only."""
    if not _SESSION.match(name):
        raise ValueError(f"session name {name!r}: use 1-40 letters, digits, '.', '_' or '-'")
    return name


def runtime_dir() -> Path:
    """A private folder for the sockets (created 0700 when missing)."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"flowviz-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def encode(kind: str, session: str, body: dict[str, Any]) -> bytes:
    return json.dumps({"protocol": PROTOCOL, "kind": kind, "session": session, **body}).encode()


def decode(data: bytes, session: str) -> PresenterState | Command | None:
    """Parse a datagram of this session, or None for anything malformed or foreign."""
    if len(data) > MAX_DATAGRAM:
        return None
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(message, dict) or message.get("protocol") != PROTOCOL:
        return None
    if message.get("session") != session:
        return None
    kind = message.get("kind")
    try:
        if kind == "state":
            stop, started, scenario = message["stop"], message["started"], message["scenario"]
            blanked = message.get("blanked", False)
            if (
                isinstance(stop, int)
                and not isinstance(stop, bool)
                and stop >= 0
                and isinstance(started, int | float)
                and isinstance(scenario, str)
                and isinstance(blanked, bool)
            ):
                return PresenterState(stop, float(started), scenario, blanked)
        elif kind == "command":
            action, stop = message["action"], message.get("stop")
            if action in ACTIONS and (
                stop is None or (isinstance(stop, int) and not isinstance(stop, bool) and stop >= 0)
            ):
                return Command(action, stop)
    except KeyError:
        return None
    return None


class SyncEndpoint:
    """One side of a session: binds its socket, sends, and hands received messages on."""

    def __init__(
        self,
        role: Role,
        session: str,
        on_message: Callable[[PresenterState | Command], None],
        *,
        folder: Path | None = None,
    ) -> None:
        self.role: Role = role
        self.session = valid_session(session)
        self.on_message = on_message
        self.folder = folder or runtime_dir()
        name = "presenter" if role == "presenter" else f"notes-{os.getpid()}-{id(self):x}"
        self.path = self.folder / f"{self.session}.{name}"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.setblocking(False)
        if role == "presenter" and self.path.exists():
            # A presenter that died left its socket; a live one would answer, but a
            # datagram socket cannot tell, so the newest presenter of a session wins.
            self.path.unlink()
        self.sock.bind(str(self.path))
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- sending -----------------------------------------------------------------

    def _send(self, target: Path, payload: bytes) -> None:
        try:
            self.sock.sendto(payload, str(target))
        except (ConnectionRefusedError, FileNotFoundError):
            if self.role == "presenter" and target.name.startswith(f"{self.session}.notes-"):
                with contextlib.suppress(OSError):
                    target.unlink()  # a notes terminal that is gone
        except (BlockingIOError, OSError):
            pass  # a full or vanished peer: the heartbeat will try again

    def followers(self) -> list[Path]:
        return sorted(self.folder.glob(f"{self.session}.notes-*"))

    def publish(self, state: PresenterState) -> None:
        """Presenter: tell every notes terminal of this session where we are."""
        payload = encode(
            "state",
            self.session,
            {
                "stop": state.stop,
                "started": state.started,
                "scenario": state.scenario,
                "blanked": state.blanked,
            },
        )
        for follower in self.followers():
            self._send(follower, payload)

    def command(self, command: Command) -> None:
        """Notes: ask the presenter to move."""
        body: dict[str, Any] = {"action": command.action}
        if command.stop is not None:
            body["stop"] = command.stop
        self._send(self.folder / f"{self.session}.presenter", encode("command", self.session, body))

    # -- receiving ---------------------------------------------------------------

    def receive_pending(self) -> int:
        """Read every waiting datagram; return how many were ours and well formed."""
        handled = 0
        while True:
            try:
                data = self.sock.recv(MAX_DATAGRAM + 1)
            except (BlockingIOError, InterruptedError):
                return handled
            except OSError:
                return handled
            message = decode(data, self.session)
            wanted = PresenterState if self.role == "notes" else Command
            if isinstance(message, wanted):
                handled += 1
                self.on_message(message)

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver messages from ``loop`` as they arrive (no polling)."""
        self._loop = loop
        loop.add_reader(self.sock.fileno(), self.receive_pending)

    def close(self) -> None:
        if self._loop is not None:
            with contextlib.suppress(Exception):
                self._loop.remove_reader(self.sock.fileno())
        self.sock.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
