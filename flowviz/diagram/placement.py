"""The author's arrangement: hosts and services on the grids their layout hints name.

Cells without a hint are filled automatically: groups by trying arrangements to
minimise Σ links × distance, services by the mean position of their neighbours
(a barycentre sweep).
"""

from __future__ import annotations

import itertools
import math

from flowviz.diagram.geometry import Cell, Spacing
from flowviz.scenario.model import GroupBy, LayoutHint, Scenario, View


def _assign(items: list[str], free: list[Cell], fixed: dict[str, Cell],
            weights: dict[tuple[str, str], int]) -> dict[str, Cell]:
    """Put ``items`` on ``free`` cells minimising Σ weight × Manhattan distance."""
    placed = dict(fixed)

    def cost(assignment: dict[str, Cell]) -> int:
        total = 0
        for (a, b), weight in weights.items():
            if a in assignment and b in assignment:
                (ra, ca), (rb, cb) = assignment[a], assignment[b]
                total += weight * (abs(ra - rb) + abs(ca - cb))
        return total

    if not items:
        return placed
    if math.perm(len(free), len(items)) <= 5040:
        best: dict[str, Cell] | None = None
        best_cost = -1
        for cells in itertools.permutations(free, len(items)):
            trial = placed | dict(zip(items, cells, strict=True))
            value = cost(trial)
            if best is None or value < best_cost:
                best, best_cost = trial, value
        assert best is not None
        return best
    # Too many arrangements: place one at a time at its best free cell.
    remaining = list(free)
    for item in items:
        choice = min(remaining, key=lambda c: (cost(placed | {item: c}), c))
        placed[item] = choice
        remaining.remove(choice)
    return placed


def auto_columns(n: int) -> int:
    """Columns for ``n`` items on a grid a little wider than tall, with rows as full as can be."""
    columns = max(1, math.ceil(math.sqrt(n * 2)))
    rows = math.ceil(n / columns)
    return max(1, math.ceil(n / max(1, rows)))


def _grid_cells(hints: dict[str, LayoutHint], items: list[str], columns: int | None) -> tuple[
        dict[str, Cell], list[Cell], list[str]]:
    """Fixed cells from full hints, the free cells of a grid large enough, the items left."""
    fixed = {i: (h.row, h.col) for i, h in hints.items()
             if h.row is not None and h.col is not None}
    taken = set(fixed.values())
    rest = [i for i in items if i not in fixed]
    n = len(items)
    if columns is None:
        columns = max([c + 1 for _, c in taken] + [auto_columns(n)])
    rows = max([r + 1 for r, _ in taken] + [1])
    while rows * columns - len(taken) < len(rest):
        rows += 1
    free = [(r, c) for r in range(rows) for c in range(columns) if (r, c) not in taken]
    # Partial hints (only a row or only a column) pick among matching free cells first.
    for item in list(rest):
        hint = hints.get(item)
        if hint is None or (hint.row is None and hint.col is None):
            continue
        matches = [cell for cell in free if (hint.row is None or cell[0] == hint.row)
                   and (hint.col is None or cell[1] == hint.col)]
        if matches:
            fixed[item] = matches[0]
            free.remove(matches[0])
            rest.remove(item)
    return fixed, free, rest


def place_groups(scenario: Scenario, view: View, groups: list[str],
                 spacing: Spacing) -> dict[str, Cell]:
    """Each group's (row, column) on the group grid."""
    hints: dict[str, LayoutHint] = {}
    if view.group_by is GroupBy.HOST and spacing.use_hints:
        hints = {g: scenario.hosts[g].layout for g in groups if g in scenario.hosts}
    weights: dict[tuple[str, str], int] = {}
    key = "host" if view.group_by is GroupBy.HOST else "project"
    for link in scenario.links.values():
        a = getattr(scenario.services[link.source], key)
        b = getattr(scenario.services[link.target], key)
        if a != b:
            pair = (min(a, b), max(a, b))
            weights[pair] = weights.get(pair, 0) + 1
    fixed, free, rest = _grid_cells(hints, groups, None)
    return _assign(rest, free, fixed, weights)


def place_services(scenario: Scenario, view: View, groups: dict[str, Cell],
                   members: dict[str, list[str]], spacing: Spacing) -> dict[str, Cell]:
    """Each service's (row, column) inside its group."""
    use_hints = view.group_by is GroupBy.HOST and spacing.use_hints
    grid: dict[str, Cell] = {}
    shapes: dict[str, tuple[int, int]] = {}
    auto: dict[str, tuple[list[str], list[Cell]]] = {}
    for gid, sids in members.items():
        hints = {s: scenario.services[s].layout for s in sids} if use_hints else {}
        n = len(sids)
        columns = min(n, max(1, round(math.sqrt(n * 1.5))))
        if any(h.col is not None for h in hints.values()):
            columns = max(columns, *(h.col + 1 for h in hints.values() if h.col is not None))
        fixed, free, rest = _grid_cells(hints, sids, columns)
        grid.update(fixed)
        auto[gid] = (rest, free)
        shapes[gid] = (max(c[0] for c in [*fixed.values(), *free]) + 1, columns)
        for sid, cell in zip(rest, free, strict=False):
            grid[sid] = cell
    neighbours: dict[str, list[str]] = {s: [] for s in scenario.services}
    for link in scenario.links.values():
        neighbours[link.source].append(link.target)
        neighbours[link.target].append(link.source)
    group_of = {s: g for g, sids in members.items() for s in sids}

    def position(sid: str) -> tuple[float, float]:
        gid = group_of[sid]
        rows, columns = shapes[gid]
        row, col = grid[sid]
        grow, gcol = groups[gid]
        return (grow + (row + 0.5) / rows, gcol + (col + 0.5) / columns)

    # Barycentre sweeps: order each group's free services by where their neighbours are.
    for _ in range(3):
        for gid, (rest, free) in auto.items():
            if len(rest) < 2:
                continue
            def bary(sid: str) -> tuple[float, float]:
                near = [position(n) for n in neighbours[sid]] or [position(sid)]
                return (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near))
            centres = {sid: bary(sid) for sid in rest}
            columns = shapes[gid][1]
            by_row = sorted(rest, key=lambda s: (centres[s][0], rest.index(s)))
            ordered: list[str] = []
            for start in range(0, len(by_row), columns):
                chunk = by_row[start:start + columns]
                ordered += sorted(chunk, key=lambda s: (centres[s][1], rest.index(s)))
            for sid, cell in zip(ordered, sorted(free), strict=False):
                grid[sid] = cell
    return grid
