"""The shared diagram engine, imported lazily so the window paints before layout starts.

The TUI draws only frames the engine (:mod:`flowviz.diagram.engine`) makes, so the
terminal, ``flowviz show`` and the exports draw the same picture.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio

    from rich.text import Text

    from flowviz.diagram.engine import Diagram
    from flowviz.scenario.model import Scenario, Stop


_BUILD_LOCK = threading.Lock()
"""Layouts run in worker threads; one at a time, as the engine's cache is not thread-safe."""


def build(scenario: Scenario, view: str | None, width: int, height: int) -> Diagram:
    """Lay out and route ``scenario`` for a canvas of ``width`` × ``height`` cells (cached)."""
    from flowviz.diagram.engine import build_diagram

    with _BUILD_LOCK:
        return build_diagram(scenario, view, width, height)


async def build_detached(scenario: Scenario, view: str | None, width: int, height: int, *,
                         wanted: Callable[[], bool]) -> Diagram | None:
    """:func:`build` in a daemon thread; None if the layout was no longer ``wanted`` when
    its turn came (layouts queue on one lock).

    Not a Textual thread worker: those run in the event loop's default executor, whose
    threads ``asyncio.run`` and the interpreter's exit both join, so quitting waited
    for a running layout to finish (135 s for a scenario at the schema's limits).
    Nothing joins a daemon thread; if the awaiting task is cancelled (the app quits,
    or a newer layout replaces this one) the result is dropped.
    """
    import asyncio  # here: ranking canvases (canvas_ranks) needs no event loop

    loop = asyncio.get_running_loop()
    done: asyncio.Future[Diagram | None] = loop.create_future()

    def settle(result: Diagram | None, error: BaseException | None) -> None:
        if done.done():
            return  # cancelled meanwhile
        if error is not None:
            done.set_exception(error)
        else:
            done.set_result(result)

    def run() -> None:
        result: Diagram | None = None
        error: BaseException | None = None
        try:
            if wanted():
                result = build(scenario, view, width, height)
        except BaseException as exc:  # handed to the awaiting task, which reports it
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop has closed: the app has quit
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="flowviz-layout", daemon=True).start()
    return await done


def legend(scenario: Scenario, stop: Stop, width: int, *, color: bool = True) -> Text:
    """The message-type legend with the types of ``stop`` lit."""
    from flowviz.diagram.legend import legend_text

    return legend_text(scenario, stop, width, color=color)


def canvas_ranks(scenario: Scenario, view: str | None,
                 canvases: list[tuple[int, int]]) -> list[int]:
    """How good a picture each candidate canvas gets (lower is better; see rung_index)."""
    from flowviz.diagram.engine import rung_index

    with _BUILD_LOCK:
        return [rung_index(scenario, view, w, h) if w > 0 and h > 0 else 99
                for w, h in canvases]
