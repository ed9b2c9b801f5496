"""The soak of issue 12, bounded: hundreds of real keys, nothing left behind, the app answers.

A 10,000-key soak once saw memory rise about 2.3 MB per 1,000 keys and the app
stop answering End and q. Here a deterministic random mix of the walkthrough's
keys (steps, views, wiring, sequence, panel, typed numbers, the step list
opened and closed), in bursts as a terminal delivers them, and resizes through
three times as many sizes as the diagram cache keeps: what is left alive must
be bounded (no closed widget but the last screen closed, no more diagrams and
stop drawings than the caches hold), and the app still answers End and q.
Counting live objects is not the measure: Textual's own caches fill for
thousands of keys. ``benchmarks/soak_keys.py`` runs the full 10,000 keys and
prints the memory per 1,000.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from textual.pilot import Pilot
from textual.widget import Widget

from flowviz.diagram.engine import DIAGRAMS, STOP_DRAWINGS, Diagram, StopDrawing
from flowviz.tui.app import FlowvizApp
from tests.tui.soak import burst, key_mix

AppFactory = Callable[..., FlowvizApp]

ROUND = 200
"""Keys per round; each round resizes through its own twelve sizes, so two rounds
show 24 sizes, three times what the diagram cache keeps (flowviz.bounded)."""
BATCH = 50
CLOSED_LINGER = 8
"""Closed widgets that may still be alive at the end: the last modal screen closed
(the step list and its children). The footer's leak left 16 more per screen change."""


def _round(shift: int) -> list[str | tuple[int, int]]:
    """The soak's key mix with its resizes mapped onto twelve sizes of this round."""
    sizes = iter([(80 + 8 * n + shift, 24 + 2 * n) for n in range(12)] * ROUND)
    return [next(sizes) if isinstance(item, tuple) else item for item in key_mix(ROUND)]


async def _drive(pilot: Pilot[object], app: FlowvizApp,
                 items: Iterable[str | tuple[int, int]]) -> None:
    batch: list[str] = []

    async def flush() -> None:
        burst(app, batch)
        batch.clear()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    for item in items:
        if isinstance(item, tuple):
            await flush()
            await pilot.resize_terminal(*item)
        else:
            batch.append(item)
            if len(batch) == BATCH:
                await flush()
    await flush()


def _alive() -> tuple[list[Diagram], list[StopDrawing], list[Widget]]:
    """Live diagrams and stop drawings, and widgets alive though closed (removed from
    their screen but never freed)."""
    gc.collect()
    objects = gc.get_objects()
    return ([o for o in objects if isinstance(o, Diagram)],
            [o for o in objects if isinstance(o, StopDrawing)],
            [o for o in objects if isinstance(o, Widget) and o._closed])


async def test_nothing_is_left_behind_over_hundreds_of_keys_and_the_app_answers(
        make_app: AppFactory) -> None:
    app = make_app(animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _drive(pilot, app, _round(0))
        await _drive(pilot, app, _round(1))
        diagrams, drawings, closed = _alive()
        # The screen closed last may linger until the next one opens; no more.
        assert len(closed) <= CLOSED_LINGER, f"{len(closed)} closed widgets alive: {closed[:5]}"
        # 24 sizes shown, each a diagram of its own: only the cache's worth stay (and
        # the one on screen, if the cache let it go).
        assert len(diagrams) <= DIAGRAMS + 1, f"{len(diagrams)} diagrams alive"
        assert len(drawings) <= (DIAGRAMS + 1) * STOP_DRAWINGS, f"{len(drawings)} drawings"
        while len(app.screen_stack) > 1:  # a step list the mix left open
            await pilot.press("escape")
        await pilot.press("end")
        assert app.stop_index == len(app.scenario.stops) - 1
        await pilot.press("q")
    assert not app.is_running
    assert app.return_code in (None, 0)
