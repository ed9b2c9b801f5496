"""The shared diagram engine, imported lazily so the window paints before layout starts.

The TUI draws only frames the engine (:mod:`flowviz.diagram.engine`) makes, so the
terminal, ``flowviz show`` and the exports draw the same picture.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
