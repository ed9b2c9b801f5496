"""Listening for a presenter: what the notes terminal and a follower share.

Both open the notes side of a session's channel, say hello (so the presenter
publishes at once), say it again every :data:`HELLO_SECONDS` until they hear
the presenter, and call it gone after :data:`LOST_SECONDS` of silence. What
they hear arrives on the app's loop as a :class:`StateReceived` or
:class:`PresenterLeft` message.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.app import App
from textual.message import Message

from flowviz.presenting.sync import (
    Command,
    PresenterQuit,
    PresenterState,
    SyncEndpoint,
    SyncMessage,
)

HELLO_SECONDS = 2.0
"""A listener says hello this often until it hears a presenter."""
LOST_SECONDS = 3.5
"""A listener that hears nothing for this long says it is waiting again."""
WATCH_SECONDS = 1.0
"""How often a listener checks that its presenter still speaks."""


class StateReceived(Message):
    """The presenter said where it is."""

    def __init__(self, state: PresenterState) -> None:
        super().__init__()
        self.state = state


class PresenterLeft(Message):
    """The presenter said it is quitting."""


def listen(app: App[Any], session: str, folder: Path | None, *,
           failure: str) -> SyncEndpoint | None:
    """Open the notes side of ``session`` for ``app`` and say hello; None (and
    ``failure``: the reason shown) when the channel cannot be opened."""

    def heard(message: SyncMessage) -> None:
        if isinstance(message, PresenterState):
            app.post_message(StateReceived(message))
        elif isinstance(message, PresenterQuit):
            app.post_message(PresenterLeft())

    try:
        endpoint = SyncEndpoint("notes", session, heard, folder=folder)
    except OSError as exc:
        app.notify(f"{failure}: {exc}", severity="error", markup=False)
        return None
    endpoint.attach(asyncio.get_running_loop())
    endpoint.command(Command("hello"))
    return endpoint


def lost(last_heard: float | None, now: float) -> bool:
    """True when the presenter has been silent too long (it crashed, or is gone)."""
    return last_heard is not None and now - last_heard > LOST_SECONDS


def hello(endpoint: SyncEndpoint | None) -> None:
    """Say hello again (the presenter answers with its state)."""
    if endpoint is not None:
        endpoint.command(Command("hello"))
