"""Where groups and boxes go, for a spacing and a canvas: the layout's front door.

A view groups services by host (or by project). Two arrangements exist. The
*author's* (``Spacing.use_hints``) keeps the YAML's grid of hosts and of
services in each host (:mod:`flowviz.diagram.placement` fills the cells without
a hint). The *packed* one (:mod:`flowviz.diagram.packing`) keeps only the order
of the author's grid and chooses, per host, how many columns of services it
has and where its frame goes on shelves, so the whole deployment fits a given
canvas (a tall narrow one, a wide short one) with every name on it.

Boxes are framed (three rows: border, label, border) or, on small canvases,
one row (``[label]``): :attr:`Spacing.box_rows`.

The result, :class:`Layout`, is plain rectangles in canvas cells, ready for the
router. :class:`Spacing` carries the knobs the size rungs turn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.cells import cell_len

from flowviz.bounded import LRU
from flowviz.diagram.geometry import Cell, GroupBox, Layout, Rect, ServiceBox, Spacing
from flowviz.diagram.labels import fit, sanitize
from flowviz.diagram.packing import GroupShape, extent, group_shape, packed, reading_order, rows_of
from flowviz.diagram.placement import place_groups, place_services
from flowviz.scenario.model import GroupBy, Scenario, View

__all__ = ["Cell", "GroupBox", "Layout", "Rect", "ServiceBox", "Spacing", "build_layout",
           "group_ids", "natural_size"]


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


def box_label(scenario: Scenario, sid: str, spacing: Spacing) -> str:
    service = scenario.services[sid]
    text = sanitize(service.short if spacing.short_labels else service.label) or sid
    return text if spacing.max_label is None else fit(text, spacing.max_label)


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
    shapes: dict[str, GroupShape]
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
        shapes = {g: group_shape(members[g], scells, box_w, titles[g], spacing) for g in groups}
        row_list = rows_of(gcells)
    else:
        if view.group_by is GroupBy.HOST:
            hints = {g: scenario.hosts[g].layout for g in groups if g in scenario.hosts}
            big = 1 << 20
            order = sorted(groups, key=lambda g: (
                (hints[g].row if g in hints and hints[g].row is not None else big),
                (hints[g].col if g in hints and hints[g].col is not None else big)))
        else:
            order = list(groups)
        ordered = {g: reading_order(scenario, members[g]) for g in groups}
        authored: dict[str, dict[str, Cell]] | None = None
        if view.group_by is GroupBy.HOST:
            hinted = place_services(scenario, view, dict.fromkeys(groups, (0, 0)), members,
                                    replace(spacing, use_hints=True))
            authored = {g: {s: hinted[s] for s in members[g]} for g in groups}
        row_list, shapes = packed(ordered, order, box_w, titles, spacing, width, height,
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


_SIZES: LRU[tuple[int, int, Spacing, int, int], tuple[Scenario, tuple[int, int]]] = LRU(128)
"""Natural sizes already worked out: choosing a canvas asks for the same spacing again
and again (each rung, for each candidate canvas, and while widening the gaps)."""


def natural_size(scenario: Scenario, view: View, spacing: Spacing,
                 width: int = 0, height: int = 0) -> tuple[int, int]:
    """The smallest canvas this spacing needs (packed: when aiming at ``width``×``height``)."""
    # With the author's hints the arrangement does not depend on the target size.
    aim = (0, 0) if spacing.use_hints else (width, height)
    key = (id(scenario), id(view), spacing, *aim)
    hit = _SIZES.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    arrangement = _arrange(scenario, view, spacing, width, height)
    size = extent(arrangement.rows, arrangement.shapes, spacing)
    _SIZES.put(key, (scenario, size))
    return size
