"""Where groups and boxes go: the author's hints first, an automatic layout otherwise.

A view groups services by host (or by project). Groups sit on a small grid of
rows and columns; services sit on a grid inside their group. Hints from the
YAML (``layout: {row, col}``) fix a cell; everything without a hint is placed
automatically: groups by trying arrangements to minimise Σ links × distance,
services by the mean position of their neighbours (a barycentre sweep).

The result, :class:`Layout`, is plain rectangles in canvas cells, ready for the
router. :class:`Spacing` carries the knobs the size rungs turn.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from rich.cells import cell_len

from flowviz.diagram.labels import fit, sanitize
from flowviz.scenario.model import GroupBy, LayoutHint, Scenario, View


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle of cells: left column, top row, width, height."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w - 1

    @property
    def bottom(self) -> int:
        return self.y + self.h - 1


@dataclass(frozen=True, slots=True)
class Spacing:
    """The knobs a size rung turns (gaps are free cells between things)."""

    short_labels: bool = False
    max_label: int = 22
    gap_x: int = 4
    gap_y: int = 1
    pad_x: int = 2
    pad_y: int = 1
    group_gap_x: int = 3
    group_gap_y: int = 1
    margin: int = 1
    group_columns: int | None = None
    """Columns of the group grid; None = the author's hints or an automatic choice."""
    use_hints: bool = True
    roomy_hubs: bool = False
    """Give a hub (RabbitMQ, a database) a cell of side for each of its links, not half."""


@dataclass(frozen=True, slots=True)
class GroupBox:
    """A framed group (host or project) and where its title sits on the top border."""

    id: str
    title: str
    rect: Rect
    title_x: int


@dataclass(frozen=True, slots=True)
class ServiceBox:
    id: str
    label: str
    rect: Rect
    group: str


@dataclass(slots=True)
class Layout:
    width: int
    height: int
    groups: list[GroupBox] = field(default_factory=list)
    boxes: dict[str, ServiceBox] = field(default_factory=dict)


Cell = tuple[int, int]


def group_ids(scenario: Scenario, group_by: GroupBy) -> list[str]:
    """The groups of a view in file order; a project with no entry still gets a group."""
    if group_by is GroupBy.HOST:
        ids = list(scenario.hosts)
        ids += [s.host for s in scenario.services.values() if s.host not in scenario.hosts]
    else:
        ids = list(scenario.projects)
        ids += [s.project for s in scenario.services.values()]
    used = {s.host if group_by is GroupBy.HOST else s.project for s in scenario.services.values()}
    return [g for g in dict.fromkeys(ids) if g in used]


def group_title(scenario: Scenario, group_by: GroupBy, gid: str, short: bool) -> str:
    if group_by is GroupBy.HOST and gid in scenario.hosts:
        host = scenario.hosts[gid]
        return sanitize(host.short if short else host.label)
    if group_by is GroupBy.PROJECT and gid in scenario.projects:
        return sanitize(scenario.projects[gid].name)
    return sanitize(gid)


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
    fixed, free, rest = _grid_cells(hints, groups, spacing.group_columns)
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


def box_label(scenario: Scenario, sid: str, spacing: Spacing) -> str:
    service = scenario.services[sid]
    text = sanitize(service.short if spacing.short_labels else service.label)
    return fit(text or sid, spacing.max_label)


def build_layout(scenario: Scenario, view: View, spacing: Spacing,
                 width: int, height: int) -> Layout:
    """Rectangles for every group and box, spread over ``width``×``height`` when it is larger."""
    groups = group_ids(scenario, view.group_by)
    key = "host" if view.group_by is GroupBy.HOST else "project"
    members = {g: [s.id for s in scenario.services.values() if getattr(s, key) == g]
               for g in groups}
    gcells = place_groups(scenario, view, groups, spacing)
    scells = place_services(scenario, view, gcells, members, spacing)
    labels = {sid: box_label(scenario, sid, spacing) for sid in scenario.services}

    degree = {sid: 0 for sid in scenario.services}
    for link in scenario.links.values():
        degree[link.source] += 1
        degree[link.target] += 1
    # Size each group from its service grid.
    sizes: dict[str, tuple[int, int]] = {}
    col_widths: dict[str, list[int]] = {}
    row_counts: dict[str, int] = {}
    titles = {g: fit(group_title(scenario, view.group_by, g, spacing.short_labels),
                     spacing.max_label + 8) for g in groups}
    for gid in groups:
        columns = max(scells[s][1] for s in members[gid]) + 1
        rows = max(scells[s][0] for s in members[gid]) + 1
        widths = [0] * columns
        for sid in members[gid]:
            col = scells[sid][1]
            # A hub (RabbitMQ, the database) needs room on its sides for every port.
            hub = degree[sid] + 4 if spacing.roomy_hubs else degree[sid] // 2 + 6
            widths[col] = max(widths[col], cell_len(labels[sid]) + 4, hub)
        widths = [w or 0 for w in widths]
        used = [w for w in widths if w]
        inner = sum(used) + spacing.gap_x * (len(used) - 1) + 2 * spacing.pad_x
        w = max(inner + 2, cell_len(titles[gid]) + 6)
        h = 2 + 2 * spacing.pad_y + 3 * rows + spacing.gap_y * (rows - 1)
        sizes[gid] = (w, h)
        col_widths[gid] = widths
        row_counts[gid] = rows

    rows_of: dict[int, list[str]] = {}
    for gid in sorted(groups, key=lambda g: gcells[g]):
        rows_of.setdefault(gcells[gid][0], []).append(gid)
    row_list = [rows_of[r] for r in sorted(rows_of)]
    row_heights = [max(sizes[g][1] for g in row) for row in row_list]
    row_widths = [sum(sizes[g][0] for g in row) + spacing.group_gap_x * (len(row) - 1)
                  for row in row_list]
    natural_w = max(row_widths) + 2 * spacing.margin
    natural_h = sum(row_heights) + spacing.group_gap_y * (len(row_list) - 1) + 2 * spacing.margin
    canvas_w, canvas_h = max(width, natural_w), max(height, natural_h)

    # Spread spare height into the gaps between group rows (a little), then centre.
    spare_h = canvas_h - natural_h
    extra_gap = min(spare_h // (len(row_list) + 1), 3) if len(row_list) > 1 else 0
    used_h = natural_h + extra_gap * (len(row_list) - 1)
    y = spacing.margin + (canvas_h - used_h) // 2
    layout = Layout(canvas_w, canvas_h)
    for row, row_h, row_w in zip(row_list, row_heights, row_widths, strict=True):
        # Spread spare width evenly round and between the groups of this row.
        spare = canvas_w - 2 * spacing.margin - row_w
        slots = len(row) + 1
        x = spacing.margin + spare // slots + (spare % slots) // 2
        for gid in row:
            w, _ = sizes[gid]
            rect = Rect(x, y, w, row_h)
            layout.groups.append(GroupBox(gid, titles[gid], rect, x + 2))
            widths = col_widths[gid]
            used_cols = [v for v in widths if v]
            content = sum(used_cols) + spacing.gap_x * (len(used_cols) - 1)
            left = x + 1 + (w - 2 - content) // 2
            starts: list[int] = []
            cx = left
            for v in widths:
                starts.append(cx)
                if v:
                    cx += v + spacing.gap_x
            for sid in members[gid]:
                r, c = scells[sid]
                by = y + 1 + spacing.pad_y + r * (3 + spacing.gap_y)
                layout.boxes[sid] = ServiceBox(sid, labels[sid], Rect(starts[c], by, widths[c], 3),
                                               gid)
            x += w + spacing.group_gap_x + spare // slots
        y += row_h + spacing.group_gap_y + extra_gap
    return layout


def natural_size(scenario: Scenario, view: View, spacing: Spacing) -> tuple[int, int]:
    """The smallest canvas this spacing needs."""
    layout = build_layout(scenario, view, spacing, 0, 0)
    return layout.width, layout.height
