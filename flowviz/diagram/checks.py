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


def _inside(rect: Rect, x: int, y: int) -> bool:
    return rect.x <= x <= rect.right and rect.y <= y <= rect.bottom


def _adjacent_outside(rect: Rect, x: int, y: int) -> bool:
    on_sides = rect.y < y < rect.bottom and x in (rect.x - 1, rect.right + 1)
    on_ends = rect.x < x < rect.right and y in (rect.y - 1, rect.bottom + 1)
    return on_sides or on_ends


def violations(diagram: Diagram) -> list[str]:
    """Every broken hard rule of the diagram's routing and layout."""
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
    for link_id in diagram.scenario.links:
        if link_id in diagram.unrouted:
            problems.append(f"{link_id}: not routed")
            continue
        route = diagram.routes[link_id]
        link = diagram.scenario.links[link_id]
        cells = route.cells
        if not _adjacent_outside(layout.boxes[link.source].rect, *cells[0]):
            problems.append(f"{link_id}: does not start at {link.source}")
        if not _adjacent_outside(layout.boxes[link.target].rect, *cells[-1]):
            problems.append(f"{link_id}: does not reach {link.target}")
        for (ax, ay), (bx, by) in itertools.pairwise(cells):
            if abs(ax - bx) + abs(ay - by) != 1:
                problems.append(f"{link_id}: gap between {(ax, ay)} and {(bx, by)}")
        for n, (cell, kind) in enumerate(zip(cells, route.kinds, strict=True)):
            if cell in blocked:
                problems.append(f"{link_id}: runs through {blocked[cell]} at {cell}")
            if not (0 <= cell[0] < diagram.width and 0 <= cell[1] < diagram.height):
                problems.append(f"{link_id}: leaves the canvas at {cell}")
            end = n in (0, len(cells) - 1)
            if kind == "c" or end:
                for table in (horizontal, vertical, turning):
                    if cell in table:
                        problems.append(f"{link_id}: turns or ends on {table[cell]}'s cell {cell}")
                turning[cell] = link_id
                horizontal[cell] = vertical[cell] = link_id
                continue
            table = horizontal if kind == "h" else vertical
            if cell in table:
                problems.append(f"{link_id}: shares a segment with {table[cell]} at {cell}")
            if cell in turning:
                problems.append(f"{link_id}: crosses where {turning[cell]} turns, at {cell}")
            table[cell] = link_id
    groups = {g.id: g.rect for g in layout.groups}
    for box in layout.boxes.values():
        g = groups[box.group]
        r = box.rect
        if not (g.x < r.x and r.right < g.right and g.y < r.y and r.bottom < g.bottom):
            problems.append(f"{box.id}: not inside its group {box.group}")
    return problems


def crossings_bends_length(diagram: Diagram) -> tuple[int, int, int]:
    """(crossings, bends, total line length in cells) of the routed picture."""
    seen: dict[tuple[int, int], int] = {}
    bends = length = 0
    for route in diagram.routes.values():
        length += len(route.cells)
        bends += route.kinds.count("c")
        for cell in route.cells:
            seen[cell] = seen.get(cell, 0) + 1
    return sum(1 for n in seen.values() if n > 1), bends, length
