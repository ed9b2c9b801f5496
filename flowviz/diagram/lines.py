"""Routing the lines a picture draws: a stop's numbered arrows, an overview's links.

Both route on the layout's grid with :func:`flowviz.diagram.routing.route_all` and,
for what finds no way round the other lines, route it over them (``overlap``)
rather than drop it; only what cannot be drawn at all is returned as not drawn.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.cells import cell_len

from flowviz.diagram.canvas import Grid, grid_for
from flowviz.diagram.layout import Layout, Rect
from flowviz.diagram.routing import Route, route_all, route_one
from flowviz.scenario.model import Scenario, Stop


def title_widths(layout: Layout) -> dict[str, int]:
    """The cells each group's title blocks on its frame (the title and a space each side)."""
    return {g.id: cell_len(g.title) + 2 for g in layout.groups}


def route_messages(make_grid: Callable[[], Grid], boxes: dict[str, Rect], stop: Stop,
                    ) -> tuple[list[tuple[tuple[int, ...], Route | None]], Grid]:
    """Route the stop's arrows: one per sender, receiver and type, carrying the numbers
    of its messages in order. Returns (numbers, route or None) per arrow and the grid.

    The arrows are routed together as the permanent links are (shortest first,
    failures first in a later round); one that still finds no way round the
    others is routed over them (``overlap``) rather than dropped. Only an arrow
    that cannot reach its receiver at all (or a message from a service to
    itself) stays undrawn.
    """
    groups: dict[tuple[str, str, str], list[int]] = {}
    for n, message in enumerate(stop.messages, start=1):
        groups.setdefault((message.source, message.target, message.type), []).append(n)
    keys = list(groups)
    items = [(str(i), source, target) for i, (source, target, _) in enumerate(keys)
             if source in boxes and target in boxes and source != target]
    found, failed, grid = route_all(make_grid, boxes, items, rounds=4)
    for name in failed:
        source, target, _ = keys[int(name)]
        route = route_one(grid, boxes[source], boxes[target], overlap=True)
        if route is not None:
            grid.occupy(route.cells, route.kinds, (route.source_side, route.target_side))
            found[name] = route
    return [(tuple(groups[key]), found.get(str(i))) for i, key in enumerate(keys)], grid


def overview_routes(scenario: Scenario, layout: Layout, *, fail_fast: bool,
                     deadline: float, rounds: int = 3) -> tuple[dict[str, Route], list[str]]:
    """Route every permanent link (those steps use first). Without ``fail_fast``,
    a link that finds no way round the others is routed over them (``overlap``),
    as a step's arrow is; what the ``deadline`` leaves is reported, not hidden."""
    boxes = {sid: box.rect for sid, box in layout.boxes.items()}
    links = [(lid, link.source, link.target) for lid, link in scenario.links.items()]
    titles = title_widths(layout)
    used = frozenset(message.link for step in scenario.stops for message in step.messages)
    routes, failed, grid = route_all(lambda: grid_for(layout, titles), boxes, links,
                                     fail_fast=fail_fast, rounds=rounds,
                                     deadline=deadline, priority=used)
    if fail_fast:
        return routes, failed
    left = []
    for lid in failed:
        link = scenario.links[lid]
        route = None
        if time.monotonic() < deadline and link.source != link.target:
            route = route_one(grid, boxes[link.source], boxes[link.target], overlap=True)
        if route is None:
            left.append(lid)
            continue
        grid.occupy(route.cells, route.kinds, (route.source_side, route.target_side))
        routes[lid] = route
    return routes, left
