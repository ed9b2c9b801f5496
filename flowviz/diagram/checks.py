"""Invariants of a routed diagram, checked from its geometry (used by the tests and
the benchmark; cheap enough to run on every build in a debug session).

Each check returns a list of human-readable violations; an empty list means the
picture obeys the rule.
"""

from __future__ import annotations

import itertools

from rich.cells import cell_len

from flowviz.diagram.engine import Diagram
from flowviz.diagram.layout import Rect
from flowviz.diagram.routing import Route
from flowviz.scenario.model import Stop


def _inside(rect: Rect, x: int, y: int) -> bool:
    return rect.x <= x <= rect.right and rect.y <= y <= rect.bottom


def _adjacent_outside(rect: Rect, x: int, y: int) -> bool:
    rows = (rect.y < y < rect.bottom) if rect.h >= 3 else y == rect.y
    on_sides = rows and x in (rect.x - 1, rect.right + 1)
    on_ends = rect.x < x < rect.right and y in (rect.y - 1, rect.bottom + 1)
    return on_sides or on_ends


def drawn_lines(diagram: Diagram, stop: Stop | None = None) -> list[tuple[str, Route, str, str]]:
    """(name, route, from, to) of every line drawn: the overview's permanent links, or
    a stop's message arrows (sender to receiver)."""
    if stop is None or diagram.overview:
        return [(lid, route, diagram.scenario.links[lid].source,
                 diagram.scenario.links[lid].target) for lid, route in diagram.routes.items()]
    lines = []
    for line in diagram.drawing(stop).lines:
        if line.numbers:
            first = stop.messages[line.numbers[0] - 1]
            name = "messages " + ",".join(map(str, line.numbers))
            lines.append((name, line.route, first.source, first.target))
    return lines


def overlaps(diagram: Diagram, stop: Stop | None = None) -> list[str]:
    """The lines routed over others (the last resort against dropping a message)."""
    return [name for name, route, _, _ in drawn_lines(diagram, stop) if route.overlap]


def violations(diagram: Diagram, stop: Stop | None = None) -> list[str]:
    """Every broken hard rule of the diagram's layout and of the lines it draws (for
    ``stop``: its message arrows, which must all be drawn; else the overview's links).

    A line routed over others (see :func:`overlaps`) is checked for its ends and its
    path, not for the cells it shares."""
    problems: list[str] = []
    layout = diagram.layout
    horizontal: dict[tuple[int, int], str] = {}
    vertical: dict[tuple[int, int], str] = {}
    turning: dict[tuple[int, int], str] = {}
    blocked: dict[tuple[int, int], str] = {}
    for box in layout.boxes.values():
        r = box.rect
        for y in range(r.y, r.y + r.h):
            for x in range(r.x, r.x + r.w):
                blocked[(x, y)] = f"box {box.id}"
    for group in layout.groups:
        for x in range(group.title_x, group.title_x + cell_len(group.title) + 2):
            blocked[(x, group.rect.y)] = f"title of {group.id}"
    if diagram.overview or stop is None:
        problems += [f"{link_id}: not routed" for link_id in diagram.unrouted]
    elif diagram.drawing(stop).not_drawn:
        problems.append(f"{diagram.drawing(stop).not_drawn} messages not drawn")
    for name, route, source, target in drawn_lines(diagram, stop):
        cells = route.cells
        if not _adjacent_outside(layout.boxes[source].rect, *cells[0]):
            problems.append(f"{name}: does not start at {source}")
        if not _adjacent_outside(layout.boxes[target].rect, *cells[-1]):
            problems.append(f"{name}: does not reach {target}")
        for (ax, ay), (bx, by) in itertools.pairwise(cells):
            if abs(ax - bx) + abs(ay - by) != 1:
                problems.append(f"{name}: gap between {(ax, ay)} and {(bx, by)}")
        for n, (cell, kind) in enumerate(zip(cells, route.kinds, strict=True)):
            if cell in blocked:
                problems.append(f"{name}: runs through {blocked[cell]} at {cell}")
            if not (0 <= cell[0] < diagram.width and 0 <= cell[1] < diagram.height):
                problems.append(f"{name}: leaves the canvas at {cell}")
            end = n in (0, len(cells) - 1)
            if route.overlap:
                continue
            if kind == "c" or end:
                for table in (horizontal, vertical, turning):
                    if cell in table:
                        problems.append(f"{name}: turns or ends on {table[cell]}'s cell {cell}")
                turning[cell] = name
                horizontal[cell] = vertical[cell] = name
                continue
            if route.overlap:
                continue  # routed over others as a last resort; counted by overlaps()
            table = horizontal if kind == "h" else vertical
            if cell in table:
                problems.append(f"{name}: shares a segment with {table[cell]} at {cell}")
            if cell in turning:
                problems.append(f"{name}: crosses where {turning[cell]} turns, at {cell}")
            table[cell] = name
    groups = {g.id: g.rect for g in layout.groups}
    for box in layout.boxes.values():
        g = groups[box.group]
        r = box.rect
        if not (g.x < r.x and r.right < g.right and g.y < r.y and r.bottom < g.bottom):
            problems.append(f"{box.id}: not inside its group {box.group}")
    return problems


def crossings_bends_length(diagram: Diagram, stop: Stop | None = None) -> tuple[int, int, int]:
    """(crossings, bends, total line length in cells) of the lines drawn (see drawn_lines)."""
    seen: dict[tuple[int, int], int] = {}
    bends = length = 0
    for _, route, _, _ in drawn_lines(diagram, stop):
        length += len(route.cells)
        bends += route.kinds.count("c")
        for cell in route.cells:
            seen[cell] = seen.get(cell, 0) + 1
    return sum(1 for n in seen.values() if n > 1), bends, length
