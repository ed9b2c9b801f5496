"""The soak's key mix: a deterministic random walk of the walkthrough's keys.

Shared by ``tests/tui/test_tui_soak.py`` (a few thousand keys, memory must stay
flat) and ``benchmarks/soak_keys.py`` (10,000 keys, memory per 1,000 printed).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from textual import events
from textual.app import App

WIDTHS = (80, 160)
HEIGHTS = (24, 50)
"""The range of terminal sizes the soak resizes through: each new size is a new
layout, so a cache keyed by size that is not bounded grows with every resize."""

_CHARACTERS = {"enter": "\r", "escape": "\x1b", "space": " ", "question_mark": "?",
               "plus": "+", "minus": "-"}
_KEYS = ("right",) * 6 + ("left",) * 4 + ("home", "end", "v", "w", "y", "i", "j", "k")


def key_mix(count: int, *, seed: int = 12) -> Iterator[str | tuple[int, int]]:
    """``count`` key presses (and now and then a terminal size), the same every run.

    Besides single keys: a typed step number then Enter, and the step list opened
    with ``s`` and closed with Escape or by picking a step with Enter.
    """
    rng = random.Random(seed)
    given = 0
    while given < count:
        roll = rng.random()
        if roll < 0.08:
            keys: tuple[str, ...] = (str(rng.randint(1, 9)), "enter")
        elif roll < 0.12:
            keys = ("s", "down", "enter") if rng.random() < 0.5 else ("s", "escape")
        elif roll < 0.16:
            yield (rng.randint(*WIDTHS), rng.randint(*HEIGHTS))
            continue
        else:
            keys = (rng.choice(_KEYS),)
        yield from keys
        given += len(keys)


def burst(app: App[object], keys: list[str]) -> None:
    """Queue ``keys`` for ``app`` at once, as one read of the terminal delivers them.

    ``Pilot.press`` repaints the whole screen after every key (about 150 ms a key
    here); a burst lets the app coalesce its repaints, so thousands of keys fit in
    seconds, and it is how a held key arrives anyway.
    """
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, _CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        driver.send_message(event)
