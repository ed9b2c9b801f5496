"""Waiting on apps that talk to each other: bounded loops on state, never fixed sleeps."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot


async def wait_for(pilot: Pilot[object], condition: Callable[[], bool]) -> bool:
    """Let the apps run until ``condition`` holds (a bound of ~10 s, for a loaded CI
    machine running the suite in parallel; it returns as soon as the condition holds)."""
    for _ in range(500):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()
