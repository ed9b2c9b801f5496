"""The packed arrangement: hosts on shelves, each with the grid that lets all fit.

Only the order of the author's grid is kept; each host may take 1…n columns of
services (its author's grid among the choices), and the hosts are shelved left
to right so that the whole deployment fits a given canvas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.cells import cell_len

from flowviz.diagram.geometry import Cell, Spacing
from flowviz.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class GroupShape:
    """A group's service grid: each service's cell, the column widths, the frame size."""

    cells: dict[str, Cell]
    widths: list[int]
    rows: int
    size: tuple[int, int]


def group_shape(sids: list[str], cells_of: dict[str, Cell], box_w: dict[str, int], title: str,
           spacing: Spacing) -> GroupShape:
    columns = max(cells_of[s][1] for s in sids) + 1
    rows = max(cells_of[s][0] for s in sids) + 1
    widths = [0] * columns
    for sid in sids:
        col = cells_of[sid][1]
        widths[col] = max(widths[col], box_w[sid])
    used = [w for w in widths if w]
    inner = sum(used) + spacing.gap_x * (len(used) - 1) + 2 * spacing.pad_x
    w = max(inner + 2, cell_len(title) + 6)
    h = 2 + 2 * spacing.pad_y + spacing.box_rows * rows + spacing.gap_y * (rows - 1)
    return GroupShape({s: cells_of[s] for s in sids}, widths, rows, (w, h))


def reading_order(scenario: Scenario, sids: list[str]) -> list[str]:
    """The author's order of a group's services: by hinted row and column, then file order."""
    big = 1 << 20

    def key(sid: str) -> tuple[int, int]:
        hint = scenario.services[sid].layout
        return (hint.row if hint.row is not None else big,
                hint.col if hint.col is not None else big)

    return sorted(sids, key=key)


def rows_of(cells: dict[str, Cell]) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for gid in sorted(cells, key=lambda g: cells[g]):
        rows.setdefault(cells[gid][0], []).append(gid)
    return [rows[r] for r in sorted(rows)]


def shelves(order: list[str], shapes: dict[str, GroupShape], avail_w: int,
             gap: int) -> list[list[str]]:
    """Groups left to right in order, a new shelf whenever the next would overflow."""
    shelves: list[list[str]] = [[]]
    used = 0
    for gid in order:
        w = shapes[gid].size[0]
        if shelves[-1] and used + gap + w > avail_w:
            shelves.append([])
            used = 0
        used += (gap if shelves[-1] else 0) + w
        shelves[-1].append(gid)
    return shelves


def extent(rows: list[list[str]], shapes: dict[str, GroupShape],
            spacing: Spacing) -> tuple[int, int]:
    w = max(sum(shapes[g].size[0] for g in row) + spacing.group_gap_x * (len(row) - 1)
            for row in rows)
    h = sum(max(shapes[g].size[1] for g in row) for row in rows)
    return (w + 2 * spacing.margin,
            h + spacing.group_gap_y * (len(rows) - 1) + 2 * spacing.margin)


def packed(members: dict[str, list[str]], order: list[str], box_w: dict[str, int],
            titles: dict[str, str], spacing: Spacing, width: int, height: int,
            authored: dict[str, dict[str, Cell]] | None = None,
            ) -> tuple[list[list[str]], dict[str, GroupShape]]:
    """Shelves of groups and each group's grid, chosen to fit ``width``×``height``.

    Every group may take 1…n columns. For each row height in turn (lowest first),
    each group takes the narrowest grid no taller than it, and the groups are
    shelved in order; the first arrangement that fits wins, else the one that
    overflows the canvas least. Without a canvas (0×0) it aims at a screen's shape.
    """
    options: dict[str, list[GroupShape]] = {}
    for gid in order:
        sids = members[gid]
        options[gid] = []
        if authored and gid in authored:  # the author's own grid is one of the choices
            options[gid].append(group_shape(sids, authored[gid], box_w, titles[gid], spacing))
        for columns in range(1, len(sids) + 1):
            cells = {sid: divmod(n, columns) for n, sid in enumerate(sids)}
            options[gid].append(group_shape(sids, cells, box_w, titles[gid], spacing))
    if width <= 0 or height <= 0:  # natural size: about 3:1 in cells, a screen's shape
        area = sum(min(o.size[0] * o.size[1] for o in options[g]) for g in order)
        width, height = int(math.sqrt(area * 3) * 1.3), 1 << 20
    avail_w = width - 2 * spacing.margin
    best: tuple[float, list[list[str]], dict[str, GroupShape]] | None = None
    if authored:  # each host as its author drew it, only the hosts moved: best if it fits
        shapes = {gid: options[gid][0] for gid in order}
        rows = shelves(order, shapes, avail_w, spacing.group_gap_x)
        w, h = extent(rows, shapes, spacing)
        if w <= width and h <= height:
            return rows, shapes
    limits = sorted({o.size[1] for g in order for o in options[g]})
    for limit in limits:
        shapes = {}
        for gid in order:
            fitting = [o for o in options[gid] if o.size[1] <= limit]
            # The narrowest that fits; the author's grid (first) wins a tie.
            shapes[gid] = (min(fitting, key=lambda o: o.size[0]) if fitting
                           else min(options[gid], key=lambda o: o.size[1]))
        rows = shelves(order, shapes, avail_w, spacing.group_gap_x)
        w, h = extent(rows, shapes, spacing)
        overflow = max(w / width, h / height)
        if overflow <= 1:
            return rows, shapes
        if best is None or overflow < best[0]:
            best = (overflow, rows, shapes)
    assert best is not None
    return best[1], best[2]
