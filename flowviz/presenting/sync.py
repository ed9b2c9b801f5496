"""Keep a presenter and its speaker-notes terminals in step, on this machine only.

Transport: Unix-domain datagram sockets in a private folder (mode 0700, owned
by this user, not a symbolic link: :func:`runtime_dir` refuses anything else)
under the user's runtime directory, so nothing is reachable from the network
and other users can neither connect nor listen. Each side binds its own
socket, named after the session, so two presenters on one machine do not cross:

- the presenter binds ``<session>.presenter``; it sends its *state* (current
  stop, when the talk started, the scenario) to every ``<session>.notes-*``
  socket whenever the stop changes and once a second as a heartbeat, and a
  *bye* when it quits;
- each notes terminal binds ``<session>.notes-<pid>``; it sends *commands*
  (next, previous, go to, blank) and a *hello* to the presenter socket, so a
  restarted presenter learns at once that it has a follower.

One presenter per session: a second one finds the first one's socket alive
and refuses (:class:`SessionBusyError`); a socket left by a dead presenter is
replaced. Either side can restart: the heartbeat and the hello find the other
again, and sockets left behind by dead notes terminals are removed on the first
failed send.

Every datagram is data from outside this process: :func:`decode` checks each
field (types, finite numbers, bounded strings, known kinds and actions, no
unknown keys) and anything else is ignored. Nothing here imports Textual; the
apps drive :class:`SyncEndpoint` from their event loop with
:meth:`SyncEndpoint.attach`.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import math
import os
import re
import socket
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from flowviz.presenting.room_quiz import RoomQuiz

PROTOCOL = "flowviz-sync/1"
MAX_DATAGRAM = 8192
HEARTBEAT_SECONDS = 1.0
MAX_STOP = 9999
"""The largest stop index a message may name (a scenario has far fewer)."""
MAX_REFERENCE = 1024
"""The longest scenario reference (a bundled id or an absolute path) a message may carry."""
MAX_TIME = 1e11
"""Timestamps (seconds since the epoch) beyond this, or below 0, are refused."""
_SESSION = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

Role = Literal["presenter", "notes"]
ACTIONS = ("next", "previous", "first", "last", "goto", "blank", "hello")
"""What a notes terminal may ask: ``blank`` toggles the projector's blank screen."""


class SyncError(OSError):
    """The channel cannot be used; the message says why and what to do."""


class UnsafeFolderError(SyncError):
    """The sockets' folder is not private to this user."""


class SessionBusyError(SyncError):
    """Another presenter, alive, already publishes to this session."""


@dataclass(frozen=True, slots=True)
class PresenterState:
    """What the presenter shows: followers mirror it."""

    stop: int
    started: float
    """When the talk's clock started (time.time()); the notes show elapsed time."""
    scenario: str
    blanked: bool = False
    quiz: RoomQuiz | None = None
    """The quiz for the room, when on (:mod:`flowviz.presenting.room_quiz`)."""


@dataclass(frozen=True, slots=True)
class Command:
    """A request from a notes terminal to move the presenter."""

    action: str
    stop: int | None = None


@dataclass(frozen=True, slots=True)
class PresenterQuit:
    """The presenter said goodbye: it is no longer running."""


SyncMessage = PresenterState | Command | PresenterQuit


def valid_session(name: str) -> str:
    """The session name, or ValueError: letters, digits, '.', '_' and '-' only."""
    if not _SESSION.match(name):
        raise ValueError(f"session name {name!r}: use 1-40 letters, digits, '.', '_' or '-'")
    return name


def check_private_folder(folder: Path) -> None:
    """Raise :class:`UnsafeFolderError` unless ``folder`` is a real folder only we can use.

    ``lstat``, so a symbolic link is seen as one (another user could point it
    anywhere); the owner must be this user and no one else may read, write or
    enter it: another user's 0777 folder would let them receive the presenter's
    state and forge the notes' key presses.
    """
    try:
        info = os.lstat(folder)
    except OSError as exc:
        raise UnsafeFolderError(f"cannot use the notes folder {folder}: {exc.strerror}") from None
    advice = "remove it, or set XDG_RUNTIME_DIR to a private folder"
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFolderError(f"the notes folder {folder} is a symbolic link: {advice}")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolderError(f"the notes folder {folder} is not a folder: {advice}")
    if info.st_uid != os.getuid():
        raise UnsafeFolderError(
            f"the notes folder {folder} belongs to another user (uid {info.st_uid}): {advice}")
    if info.st_mode & 0o077:
        mode = stat.S_IMODE(info.st_mode)
        raise UnsafeFolderError(
            f"the notes folder {folder} is open to other users (mode {mode:04o}, "
            f"expected 0700): chmod 700 it if you made it, or {advice}")


def runtime_dir() -> Path:
    """The private folder for the sockets (created 0700 when missing, checked always)."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"flowviz-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass  # checked below, whoever made it
    except OSError as exc:
        raise UnsafeFolderError(
            f"cannot create the notes folder {folder}: {exc.strerror}") from None
    check_private_folder(folder)
    return folder


def encode(kind: str, session: str, body: dict[str, Any]) -> bytes:
    return json.dumps({"protocol": PROTOCOL, "kind": kind, "session": session, **body},
                      allow_nan=False).encode()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_STOP


def _is_time(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value) and 0 <= value <= MAX_TIME)


def valid_reference(value: object) -> bool:
    """A scenario reference a message may carry: a short printable string."""
    return (isinstance(value, str) and 0 < len(value) <= MAX_REFERENCE
            and not _CONTROL.search(value))


_HEADER = {"protocol", "kind", "session"}
_STATE_KEYS = _HEADER | {"stop", "started", "scenario", "blanked", "quiz"}
_OPTIONAL_STATE_KEYS = {"blanked", "quiz"}
_QUIZ_KEYS = {"seed", "asking", "revealed"}
MAX_SEED = 2**31 - 1
_COMMAND_KEYS = _HEADER | {"action", "stop"}


def _decode_quiz(value: object) -> RoomQuiz | None:
    """A state's quiz (None: off); ValueError when malformed (the state is ignored)."""
    if value is None:
        return None
    if not isinstance(value, dict) or value.keys() != _QUIZ_KEYS:
        raise ValueError("quiz")
    seed, asking, revealed = value["seed"], value["asking"], value["revealed"]
    if not (isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed <= MAX_SEED):
        raise ValueError("quiz seed")
    if not (asking is None or _is_index(asking)) or not isinstance(revealed, bool):
        raise ValueError("quiz question")
    if revealed and asking is None:
        raise ValueError("quiz answer")
    return RoomQuiz(seed, asking, revealed)


def _encode_quiz(quiz: RoomQuiz | None) -> dict[str, object] | None:
    if quiz is None:
        return None
    return {"seed": quiz.seed, "asking": quiz.asking, "revealed": quiz.revealed}


def decode(data: bytes, session: str) -> SyncMessage | None:
    """Parse a datagram of this session, or None for anything malformed or foreign."""
    if len(data) > MAX_DATAGRAM:
        return None
    try:
        message = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(message, dict) or message.get("protocol") != PROTOCOL:
        return None
    if message.get("session") != session:
        return None
    kind = message.get("kind")
    if kind == "state":
        if not _STATE_KEYS - _OPTIONAL_STATE_KEYS <= message.keys() <= _STATE_KEYS:
            return None
        stop, started, scenario = message["stop"], message["started"], message["scenario"]
        blanked = message.get("blanked", False)
        try:
            quiz = _decode_quiz(message.get("quiz"))
        except ValueError:
            return None
        if (_is_index(stop) and _is_time(started) and valid_reference(scenario)
                and isinstance(blanked, bool)):
            return PresenterState(stop, float(started), scenario, blanked, quiz)
    elif kind == "command":
        if not message.keys() <= _COMMAND_KEYS or "action" not in message:
            return None
        action, stop = message["action"], message.get("stop")
        if action in ACTIONS and (stop is None or _is_index(stop)) and (
                (action == "goto") == (stop is not None)):
            return Command(action, stop)
    elif kind == "bye" and message.keys() == _HEADER:
        return PresenterQuit()
    return None


def presenter_alive(path: Path) -> bool:
    """True when a live process has ``path`` bound (a dead one's socket refuses)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


class SyncEndpoint:
    """One side of a session: binds its socket, sends, and hands received messages on."""

    def __init__(
        self,
        role: Role,
        session: str,
        on_message: Callable[[SyncMessage], None],
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
        try:
            self._bind()
        except BaseException:
            self.sock.close()
            raise
        self._loop: asyncio.AbstractEventLoop | None = None

    def _bind(self) -> None:
        try:
            self.sock.bind(str(self.path))
            return
        except OSError as exc:
            if self.role != "presenter" or exc.errno != errno.EADDRINUSE:
                raise
        # The name is taken. A live presenter answers a connect; a dead one's
        # leftover socket file refuses it and is replaced.
        if presenter_alive(self.path):
            raise SessionBusyError(
                f"a presenter of session {self.session!r} is already running: quit it, or "
                "give this one another session with --session NAME")
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.sock.bind(str(self.path))

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
                "quiz": _encode_quiz(state.quiz),
            },
        )
        for follower in self.followers():
            self._send(follower, payload)

    def farewell(self) -> None:
        """Presenter: tell every notes terminal that we are quitting."""
        payload = encode("bye", self.session, {})
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
            wanted = (PresenterState, PresenterQuit) if self.role == "notes" else (Command,)
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
