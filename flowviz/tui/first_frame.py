"""The walkthrough's first frame, worked out without the app.

What :class:`~flowviz.tui.widgets.diagram_view.DiagramView` stores in the start
cache after its first layout (:mod:`flowviz.diagram.start_cache`), made here from
the scenario and the terminal's size alone: ``flowviz walk`` has it made in a
child process while it imports Textual (:mod:`flowviz.commands.head_start`), so a
start with an empty cache draws its first frame as a warm start does. The tests
hold the two to the same picture. No Textual here.
"""

from __future__ import annotations

from flowviz.diagram import start_cache
from flowviz.scenario.model import Scenario
from flowviz.tui.arrangement import SHORT_ROWS, TINY_COLUMNS, Arrangement, arrange


def first_frame(scenario: Scenario, view_id: str | None, stop_index: int, width: int,
                height: int, *, color: bool, fit: Arrangement) -> start_cache.StartFrame | None:
    """The frame the walkthrough first shows in a ``width`` × ``height`` terminal
    arranged as ``fit``, or None when a hint row will take a line of the diagram's
    (a terminal too small, a picture cut) and the canvas cannot be told in advance."""
    from flowviz.tui.engine import build

    if width < TINY_COLUMNS or height < SHORT_ROWS:
        return None
    canvas = fit.diagram_canvas(width, height)
    if min(canvas) <= 0:
        return None
    diagram = build(scenario, view_id, *canvas)
    if diagram.cropped or diagram.width > canvas[0] or diagram.height > canvas[1]:
        return None
    stop = scenario.stops[stop_index]
    return start_cache.StartFrame(stop.index, color, canvas, (0, 0),
                                  diagram.frame(stop, color=color, wiring=False))


def prepare_start(scenario: Scenario, view_id: str | None, stop_index: int, width: int,
                  height: int, *, color: bool) -> bool:
    """Put the walkthrough's arrangement and first frame at this size in the start
    cache, unless they are there already; True if a frame was stored."""
    key = start_cache.start_key(scenario, view_id, width, height)
    if key is None or start_cache.complete(key, start_cache.WALKTHROUGH_SLOT):
        return False
    fit = arrange(scenario, view_id, width, height, stored=True)
    start = first_frame(scenario, view_id, stop_index, width, height, color=color, fit=fit)
    return start is not None and start_cache.remember_frame(key, start,
                                                            start_cache.WALKTHROUGH_SLOT)
