"""Where groups and boxes go: the author's hints first, an automatic layout otherwise.

A view groups services by host (or by project). Groups sit on a small grid of
rows and columns; services sit on a grid inside their group. Hints from the
YAML (``layout: {row, col}``) fix a cell; everything without a hint is placed
automatically: groups by trying arrangements to minimise Σ links × distance,
services by the mean position of their neighbours (a barycentre sweep).

Two arrangements exist. The *author's* (``Spacing.use_hints``) keeps the YAML's
grid of hosts and of services in each host. The *packed* one keeps only the
order of the author's grid and chooses, per host, how many columns of services
it has and where its frame goes on shelves, so the whole deployment fits a
given canvas (a tall narrow one, a wide short one) with every name on it.

Boxes are framed (three rows: border, label, border) or, on small canvases,
one row (``[label]``): :attr:`Spacing.box_rows`.

The result, :class:`Layout`, is plain rectangles in canvas cells, ready for the
router. :class:`Spacing` carries the knobs the size rungs turn.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace

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
    max_label: int | None = None
    """Cut labels to this many cells (None: never; only the last rung cuts)."""
    box_rows: int = 3
    """3: a framed box; 1: a one-row box ``[label]`` for small canvases."""
    gap_x: int = 4
    gap_y: int = 1
    pad_x: int = 2
    pad_y: int = 1
    group_gap_x: int = 3
    group_gap_y: int = 1
    margin: int = 1
    use_hints: bool = True
    """The author's arrangement (hints); False: packed to the canvas, in the author's order."""
    hub_room: bool = False
    """Widen a hub (RabbitMQ, a database) so every permanent link finds a port: for the
    views that draw them all; a step draws a few messages and needs no such room."""


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


def box_label(scenario: Scenario, sid: str, spacing: Spacing) -> str:
    service = scenario.services[sid]
    text = sanitize(service.short if spacing.short_labels else service.label) or sid
    return text if spacing.max_label is None else fit(text, spacing.max_label)


@dataclass(frozen=True, slots=True)
class _GroupShape:
    """A group's service grid: each service's cell, the column widths, the frame size."""

    cells: dict[str, Cell]
    widths: list[int]
    rows: int
    size: tuple[int, int]


def _shape(sids: list[str], cells_of: dict[str, Cell], box_w: dict[str, int], title: str,
           spacing: Spacing) -> _GroupShape:
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
    return _GroupShape({s: cells_of[s] for s in sids}, widths, rows, (w, h))


def _reading_order(scenario: Scenario, sids: list[str]) -> list[str]:
    """The author's order of a group's services: by hinted row and column, then file order."""
    big = 1 << 20

    def key(sid: str) -> tuple[int, int]:
        hint = scenario.services[sid].layout
        return (hint.row if hint.row is not None else big,
                hint.col if hint.col is not None else big)

    return sorted(sids, key=key)


def _rows_of(cells: dict[str, Cell]) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for gid in sorted(cells, key=lambda g: cells[g]):
        rows.setdefault(cells[gid][0], []).append(gid)
    return [rows[r] for r in sorted(rows)]


def _shelves(order: list[str], shapes: dict[str, _GroupShape], avail_w: int,
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


def _extent(rows: list[list[str]], shapes: dict[str, _GroupShape],
            spacing: Spacing) -> tuple[int, int]:
    w = max(sum(shapes[g].size[0] for g in row) + spacing.group_gap_x * (len(row) - 1)
            for row in rows)
    h = sum(max(shapes[g].size[1] for g in row) for row in rows)
    return (w + 2 * spacing.margin,
            h + spacing.group_gap_y * (len(rows) - 1) + 2 * spacing.margin)


def _packed(members: dict[str, list[str]], order: list[str], box_w: dict[str, int],
            titles: dict[str, str], spacing: Spacing, width: int, height: int,
            authored: dict[str, dict[str, Cell]] | None = None,
            ) -> tuple[list[list[str]], dict[str, _GroupShape]]:
    """Shelves of groups and each group's grid, chosen to fit ``width``×``height``.

    Every group may take 1…n columns. For each row height in turn (lowest first),
    each group takes the narrowest grid no taller than it, and the groups are
    shelved in order; the first arrangement that fits wins, else the one that
    overflows the canvas least. Without a canvas (0×0) it aims at a screen's shape.
    """
    options: dict[str, list[_GroupShape]] = {}
    for gid in order:
        sids = members[gid]
        options[gid] = []
        if authored and gid in authored:  # the author's own grid is one of the choices
            options[gid].append(_shape(sids, authored[gid], box_w, titles[gid], spacing))
        for columns in range(1, len(sids) + 1):
            cells = {sid: divmod(n, columns) for n, sid in enumerate(sids)}
            options[gid].append(_shape(sids, cells, box_w, titles[gid], spacing))
    if width <= 0 or height <= 0:  # natural size: about 3:1 in cells, a screen's shape
        area = sum(min(o.size[0] * o.size[1] for o in options[g]) for g in order)
        width, height = int(math.sqrt(area * 3) * 1.3), 1 << 20
    avail_w = width - 2 * spacing.margin
    best: tuple[float, list[list[str]], dict[str, _GroupShape]] | None = None
    if authored:  # each host as its author drew it, only the hosts moved: best if it fits
        shapes = {gid: options[gid][0] for gid in order}
        rows = _shelves(order, shapes, avail_w, spacing.group_gap_x)
        w, h = _extent(rows, shapes, spacing)
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
        rows = _shelves(order, shapes, avail_w, spacing.group_gap_x)
        w, h = _extent(rows, shapes, spacing)
        overflow = max(w / width, h / height)
        if overflow <= 1:
            return rows, shapes
        if best is None or overflow < best[0]:
            best = (overflow, rows, shapes)
    assert best is not None
    return best[1], best[2]


def _busiest(scenario: Scenario, every_link: bool) -> dict[str, int]:
    """How many lines may meet each service at once: all its links when a view draws
    every link, else the most messages it sends or receives in any one stop."""
    busy = dict.fromkeys(scenario.services, 0)
    if every_link:
        for link in scenario.links.values():
            busy[link.source] += 1
            busy[link.target] += 1
        return busy
    for stop in scenario.stops:
        count: dict[str, int] = {}
        for message in stop.messages:
            for sid in {message.source, message.target}:
                count[sid] = count.get(sid, 0) + 1
        for sid, n in count.items():
            if sid in busy:
                busy[sid] = max(busy[sid], n)
    return busy


@dataclass(frozen=True, slots=True)
class _Arrangement:
    """Rows of groups, each group's grid, the box labels and group titles."""

    rows: list[list[str]]
    shapes: dict[str, _GroupShape]
    members: dict[str, list[str]]
    labels: dict[str, str]
    titles: dict[str, str]


def _arrange(scenario: Scenario, view: View, spacing: Spacing, width: int,
             height: int) -> _Arrangement:
    groups = group_ids(scenario, view.group_by)
    key = "host" if view.group_by is GroupBy.HOST else "project"
    members = {g: [s.id for s in scenario.services.values() if getattr(s, key) == g]
               for g in groups}
    labels = {sid: box_label(scenario, sid, spacing) for sid in scenario.services}
    frame_w = 4 if spacing.box_rows >= 3 else 2
    busy = _busiest(scenario, spacing.hub_room)
    box_w = {}
    for sid, label in labels.items():
        # A hub (RabbitMQ, the database) needs room on its sides for every port:
        # a port on its top or bottom side for each line that may meet it at once.
        hub = busy[sid] + 2
        box_w[sid] = max(cell_len(label) + frame_w, hub, 5)
    title_cut = None if spacing.max_label is None else spacing.max_label + 8
    titles = {g: group_title(scenario, view.group_by, g, spacing.short_labels) for g in groups}
    if title_cut is not None:
        titles = {g: fit(t, title_cut) for g, t in titles.items()}

    if spacing.use_hints:
        gcells = place_groups(scenario, view, groups, spacing)
        scells = place_services(scenario, view, gcells, members, spacing)
        shapes = {g: _shape(members[g], scells, box_w, titles[g], spacing) for g in groups}
        row_list = _rows_of(gcells)
    else:
        if view.group_by is GroupBy.HOST:
            hints = {g: scenario.hosts[g].layout for g in groups if g in scenario.hosts}
            big = 1 << 20
            order = sorted(groups, key=lambda g: (
                (hints[g].row if g in hints and hints[g].row is not None else big),
                (hints[g].col if g in hints and hints[g].col is not None else big)))
        else:
            order = list(groups)
        ordered = {g: _reading_order(scenario, members[g]) for g in groups}
        authored: dict[str, dict[str, Cell]] | None = None
        if view.group_by is GroupBy.HOST:
            hinted = place_services(scenario, view, dict.fromkeys(groups, (0, 0)), members,
                                    replace(spacing, use_hints=True))
            authored = {g: {s: hinted[s] for s in members[g]} for g in groups}
        row_list, shapes = _packed(ordered, order, box_w, titles, spacing, width, height,
                                   authored)

    return _Arrangement(row_list, shapes, members, labels, titles)


def build_layout(scenario: Scenario, view: View, spacing: Spacing,
                 width: int, height: int) -> Layout:
    """Rectangles for every group and box, spread over ``width``×``height`` when it is larger.

    With ``use_hints`` off the groups are packed to fit ``width``×``height`` (0×0:
    a screen-shaped natural size); the layout is larger than asked when nothing fits.
    """
    arrangement = _arrange(scenario, view, spacing, width, height)
    row_list, shapes, members = arrangement.rows, arrangement.shapes, arrangement.members
    labels, titles = arrangement.labels, arrangement.titles
    row_heights = [max(shapes[g].size[1] for g in row) for row in row_list]
    row_widths = [sum(shapes[g].size[0] for g in row) + spacing.group_gap_x * (len(row) - 1)
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
            shape = shapes[gid]
            w = shape.size[0]
            rect = Rect(x, y, w, row_h)
            layout.groups.append(GroupBox(gid, titles[gid], rect, x + 2))
            used_cols = [v for v in shape.widths if v]
            content = sum(used_cols) + spacing.gap_x * (len(used_cols) - 1)
            left = x + 1 + (w - 2 - content) // 2
            starts: list[int] = []
            cx = left
            for v in shape.widths:
                starts.append(cx)
                if v:
                    cx += v + spacing.gap_x
            # Centre the service grid in a frame made taller by its row.
            inner_h = (spacing.box_rows * shape.rows + spacing.gap_y * (shape.rows - 1))
            top = y + 1 + (row_h - 2 - inner_h) // 2
            for sid in members[gid]:
                r, c = shape.cells[sid]
                by = top + r * (spacing.box_rows + spacing.gap_y)
                bw, bx = shape.widths[c], starts[c]
                if spacing.box_rows < 3:  # a one-row box hugs its label, centred in its column
                    bw = min(bw, max(5, cell_len(labels[sid]) + 2))
                    bx += (shape.widths[c] - bw) // 2
                layout.boxes[sid] = ServiceBox(sid, labels[sid],
                                               Rect(bx, by, bw, spacing.box_rows), gid)
            x += w + spacing.group_gap_x + spare // slots
        y += row_h + spacing.group_gap_y + extra_gap
    return layout


def natural_size(scenario: Scenario, view: View, spacing: Spacing,
                 width: int = 0, height: int = 0) -> tuple[int, int]:
    """The smallest canvas this spacing needs (packed: when aiming at ``width``×``height``)."""
    arrangement = _arrange(scenario, view, spacing, width, height)
    return _extent(arrangement.rows, arrangement.shapes, spacing)
