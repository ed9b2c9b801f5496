"""The diagram engine's front door: a picture of a view for a canvas size, and its frames.

:func:`build_diagram` lays a scenario's view out for a canvas size (cached per
scenario, view, size and ASCII). The boxes never move from stop to stop: the
learner's map holds. :meth:`Diagram.frame` draws one stop on it: the stop's
messages as arrows from sender to receiver, numbered in order (① ② …) like the
side panel's "On the wire" list, in their type's line style and colour. Idle
wiring is not drawn in a step's picture (``wiring=True`` adds it, faintly,
where it fits); a view with ``light_all_links`` (an overview) draws every
permanent link. Pure: no Textual here; the TUI, ``flowviz show`` and every
export draw these same frames.

Sizes degrade in rungs, and the first whose layout fits the canvas wins (see
:data:`RUNGS`): framed boxes with full labels in the author's arrangement first,
then one-row boxes, then the hosts packed to the canvas's shape, and short
labels only when full ones cannot fit. Labels are cut only at the last rung.
When even that is larger than the canvas the picture is ``cropped`` and the
caller shows a window of it that follows the stop (:meth:`Diagram.viewport`).

A link that finds no route is never dropped silently: the frame says
``N links not drawn``, and :attr:`Frame.not_drawn` counts them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from flowviz.bounded import LRU
from flowviz.diagram.canvas import Grid, grid_for
from flowviz.diagram.frame import Frame, Window, render
from flowviz.diagram.layout import Layout, Rect, Spacing, build_layout, natural_size
from flowviz.diagram.lines import overview_routes, route_messages, title_widths
from flowviz.diagram.paint import Line, Picture, overlay, paint_base
from flowviz.diagram.routing import Route, route_all
from flowviz.scenario.model import GroupBy, LineStyle, Scenario, Stop, View

_BOXES = Spacing(gap_x=4, gap_y=1, pad_x=2, pad_y=1, group_gap_x=3, group_gap_y=1, margin=1)
_BOXES_TIGHT = Spacing(gap_x=2, gap_y=1, pad_x=1, pad_y=1, group_gap_x=1, group_gap_y=0,
                       margin=0)
_LINES = Spacing(box_rows=1, gap_x=3, gap_y=1, pad_x=1, pad_y=1, group_gap_x=2, group_gap_y=1,
                 margin=0)
_LINES_TIGHT = Spacing(box_rows=1, gap_x=2, gap_y=1, pad_x=1, pad_y=0, group_gap_x=1,
                       group_gap_y=0, margin=0)
_PACKED = replace(_LINES_TIGHT, group_gap_y=1)

RUNGS: tuple[tuple[str, Spacing], ...] = (
    ("boxes", _BOXES),
    ("boxes-tight", _BOXES_TIGHT),
    ("lines", _LINES),
    ("lines-tight", _LINES_TIGHT),
    ("boxes-packed", replace(_BOXES_TIGHT, use_hints=False)),
    ("lines-packed", replace(_PACKED, use_hints=False)),
    ("short", replace(_LINES_TIGHT, short_labels=True, gap_x=1)),
    ("short-packed", replace(_PACKED, short_labels=True, use_hints=False)),
    ("short-cut", replace(_PACKED, short_labels=True, use_hints=False, max_label=10, gap_x=1)),
)
"""Size rungs, best first. Every one keeps a free lane between boxes for the arrows
(packed hosts a row apart: a host of one row of boxes has no lane of its own)."""
CUT_RUNG = len(RUNGS) - 1
"""The last rung, the only one that cuts labels."""

OVERVIEW_BUDGET_SECONDS = 1.0
"""How long an overview may spend looking for a layout where every permanent link
routes cleanly (small scenarios only; see MANY_LINKS)."""
ROUTE_BUDGET_SECONDS = 2.5
"""Then how long routing every link may take (over other lines where needed); what
is left is reported as not drawn, so a scenario at the schema's limits stays
responsive."""
MANY_LINKS = 60
"""Overviews with more links route the first fitting layout once, and what does not
fit over other lines (a failed search costs a whole grid, a retry round as much)."""
WIRING_BUDGET_SECONDS = 0.5
"""Likewise for the faint idle wiring of a step picture."""
STOP_DRAWINGS = 32
"""Routed stops kept per diagram (LRU): a walk through a scenario as long as the
bundled ones (29 stops) and back routes nothing twice; each is a whole picture,
so a long scenario (up to 400 stops) does not keep every stop of every size it
was shown at."""
DIAGRAMS = 8
"""Laid-out diagrams kept (LRU, per scenario, view, size and ASCII): a view switch
back or a resize back to a recent size costs nothing; a drag through many sizes
keeps only the last ones (32 kept up to about 30 MB for the small example scenario
at 160x50, issue 12's soak)."""
DEFAULT_VIEW = View("default", "Topology", "Services by host.", GroupBy.HOST, False)


def view_for(scenario: Scenario, view_id: str | None) -> View:
    """The named view, the scenario's first, or a plain host view if it has none."""
    if view_id is not None:
        if view_id not in scenario.views:
            raise KeyError(view_id)
        return scenario.views[view_id]
    return next(iter(scenario.views.values()), DEFAULT_VIEW)


@dataclass(slots=True)
class StopDrawing:
    """One stop's lines on the diagram: what was routed, what could not be."""

    lines: list[Line]
    paths: list[list[tuple[int, int]]]
    """Each message's cells from sender to receiver, in message order ([] if not drawn)."""
    not_drawn: int
    picture: Picture


@dataclass(slots=True)
class Diagram:
    """A laid-out picture of one view at one size; a stop's frame draws its lines on it.

    ``width``×``height`` is the picture's size: the requested canvas whenever a
    rung fits, larger only when ``cropped`` (then show a window of it).
    """

    scenario: Scenario
    view: View
    width: int
    height: int
    rung: str
    layout: Layout
    base: Picture
    ascii: bool
    cropped: bool = False
    routes: dict[str, Route] = field(default_factory=dict)
    """The permanent links, routed (overview views only)."""
    unrouted: list[str] = field(default_factory=list)
    """Permanent links of an overview that found no route (said on its frames)."""
    _stops: LRU[tuple[int, bool], StopDrawing] = field(
        default_factory=lambda: LRU(STOP_DRAWINGS))

    @property
    def overview(self) -> bool:
        """True when the view draws every permanent link (the communication-types view)."""
        return self.view.light_all_links

    # -- a stop's lines ------------------------------------------------------------

    def drawing(self, stop: Stop, *, wiring: bool = False) -> StopDrawing:
        """The stop's numbered message arrows (and idle wiring, if asked), routed once."""
        key = (stop.index, wiring and not self.overview)
        hit = self._stops.get(key)
        if hit is not None:
            return hit
        drawing = self._draw(stop, wiring=key[1])
        self._stops.put(key, drawing)
        return drawing

    def _style(self, type_id: str) -> LineStyle:
        mtype = self.scenario.message_types.get(type_id)
        return mtype.line if mtype else LineStyle.LIGHT

    def _draw(self, stop: Stop, *, wiring: bool) -> StopDrawing:
        boxes = {sid: box.rect for sid, box in self.layout.boxes.items()}
        lines: list[Line] = []
        paths: list[list[tuple[int, int]]] = []
        not_drawn = len(self.unrouted)
        if self.overview:
            # Every link is drawn already; the stop's messages are numbered on theirs.
            numbered: dict[str, list[int]] = {}
            for n, message in enumerate(stop.messages, start=1):
                numbered.setdefault(message.link, []).append(n)
                route = self.routes.get(message.link)
                path = list(route.cells) if route else []
                if route is not None and self.scenario.links[message.link].source != \
                        message.source:
                    path.reverse()
                paths.append(path)
            for link_id, route in self.routes.items():
                lines.append(Line(link_id, route, self._style(self.scenario.links[link_id].type),
                                  tuple(numbered.get(link_id, ()))))
            picture = overlay(self.base, self.layout, lines, ascii=self.ascii)
            return StopDrawing(lines, paths, not_drawn, picture)
        groups, grid = route_messages(self._grid, boxes, stop)
        by_message: dict[int, Route | None] = {}
        for numbers, route in groups:
            first = stop.messages[numbers[0] - 1]
            for n in numbers:
                by_message[n] = route
            if route is None:
                not_drawn += len(numbers)
            else:
                lines.append(Line(first.link, route, self._style(first.type), numbers))
        paths = [list(route.cells) if route is not None else []
                 for route in (by_message.get(n) for n in range(1, len(stop.messages) + 1))]
        if wiring:
            lines = self._wiring(grid, boxes, stop) + lines
        picture = overlay(self.base, self.layout, lines, ascii=self.ascii)
        return StopDrawing(lines, paths, not_drawn, picture)

    def _wiring(self, grid: Grid, boxes: dict[str, Rect], stop: Stop) -> list[Line]:
        """The idle permanent links that still fit round the stop's arrows."""
        used = set(stop.link_ids)
        idle = [(lid, link.source, link.target) for lid, link in self.scenario.links.items()
                if lid not in used]
        deadline = time.monotonic() + WIRING_BUDGET_SECONDS
        routes, _, _ = route_all(lambda: grid, boxes, idle, rounds=1,
                                 deadline=deadline)
        return [Line(lid, route, self._style(self.scenario.links[lid].type))
                for lid, route in routes.items()]

    def _grid(self) -> Grid:
        return grid_for(self.layout, title_widths(self.layout))

    # -- what callers ask ----------------------------------------------------------

    def frame(self, stop: Stop, *, color: bool = True, light_all: bool | None = None,
              window: Window | None = None, wiring: bool = False) -> Frame:
        """The picture of ``stop``: its lines drawn and styled (no layout again)."""
        drawing = self.drawing(stop, wiring=wiring)
        lit = stop.link_ids
        colors = {lid: self._color(lid) for lid in self.scenario.links}
        return render(drawing.picture, active=stop.services, new=stop.new_services, lit=lit,
                      link_colors=colors,
                      light_all=self.view.light_all_links if light_all is None else light_all,
                      color=color, window=window, not_drawn=drawing.not_drawn)

    def _color(self, link_id: str) -> str:
        mtype = self.scenario.message_types.get(self.scenario.links[link_id].type)
        return mtype.color if mtype else "grey"

    def service_box(self, service_id: str) -> tuple[int, int, int, int]:
        r = self.layout.boxes[service_id].rect
        return (r.x, r.y, r.w, r.h)

    def message_paths(self, stop: Stop) -> list[list[tuple[int, int]]]:
        """Each of the stop's messages as cells from sender to receiver ([] if not drawn)."""
        return self.drawing(stop).paths

    def focus(self, stop: Stop) -> tuple[int, int, int, int]:
        """Bounding box of the stop's active services and messages (whole picture if none)."""
        xs: list[int] = []
        ys: list[int] = []
        for sid in stop.services:
            if sid in self.layout.boxes:
                r = self.layout.boxes[sid].rect
                xs += [r.x, r.right]
                ys += [r.y, r.bottom]
        for path in self.message_paths(stop):
            for x, y in path:
                xs.append(x)
                ys.append(y)
        if not xs:
            return (0, 0, self.width, self.height)
        return (min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)

    def viewport(self, stop: Stop, width: int, height: int) -> Window:
        """A ``width``×``height`` window of the picture centred on the stop's focus."""
        fx, fy, fw, fh = self.focus(stop)
        x = min(max(0, fx + fw // 2 - width // 2), max(0, self.width - width))
        y = min(max(0, fy + fh // 2 - height // 2), max(0, self.height - height))
        if fw <= width:  # keep the whole focus in view when it fits
            x = min(max(x, fx + fw - width), fx)
        if fh <= height:
            y = min(max(y, fy + fh - height), fy)
        return (max(0, x), max(0, y), width, height)


def _fits(scenario: Scenario, view: View, spacing: Spacing, width: int, height: int) -> bool:
    nw, nh = natural_size(scenario, view, spacing, width, height)
    return nw <= width and nh <= height


def _inflate(scenario: Scenario, view: View, spacing: Spacing, width: int,
             height: int) -> Spacing:
    """Widen a fitting rung's gaps into the spare room: airier, more lanes for lines."""
    for name, limit in (("gap_x", 3), ("gap_y", 1), ("pad_x", 1), ("group_gap_x", 2),
                        ("group_gap_y", 1), ("pad_y", 1)):
        for _ in range(limit):
            wider = replace(spacing, **{name: getattr(spacing, name) + 1})
            if not _fits(scenario, view, wider, width, height):
                break
            spacing = wider
    return spacing


def _build(scenario: Scenario, view: View, width: int, height: int, ascii: bool) -> Diagram:
    rungs = list(RUNGS)
    if view.light_all_links:  # every permanent link: hubs need a port per link
        rungs = [(name, replace(spacing, hub_room=True)) for name, spacing in rungs]
    fitting = [(name, spacing) for name, spacing in rungs
               if _fits(scenario, view, spacing, width, height)]
    cropped = not fitting
    if cropped:  # nothing fits: the most compact, packed to the canvas's shape, cropped
        fitting = [rungs[-1]]
        if view.light_all_links:  # cropped anyway: airier pictures where links find ways
            roomy = replace(rungs[0][1], gap_x=6, gap_y=2, group_gap_x=4, group_gap_y=2)
            fitting = [rungs[2], rungs[1], rungs[0], ("boxes-roomy", roomy), rungs[-1]]
    layouts = []
    for name, spacing in fitting:
        if cropped:
            layouts.append((name, build_layout(scenario, view, spacing, 0 if name != rungs[-1][0]
                                               else width, 0 if name != rungs[-1][0] else height)))
        else:
            spacing = _inflate(scenario, view, spacing, width, height)
            layouts.append((name, build_layout(scenario, view, spacing, width, height)))
    if not view.light_all_links:
        name, layout = layouts[0]
        return Diagram(scenario, view, layout.width, layout.height, name, layout,
                       paint_base(layout, ascii=ascii), ascii,
                       cropped=layout.width > width or layout.height > height)
    # An overview: the first layout where every link routes cleanly (small scenarios try
    # each; a large one only the first, within one time budget), else the first with
    # what does not fit drawn over other lines.
    deadline = time.monotonic() + OVERVIEW_BUDGET_SECONDS
    many = len(scenario.links) > MANY_LINKS
    tries = [] if many else layouts
    for name, layout in tries:
        routes, failed = overview_routes(scenario, layout, fail_fast=True, deadline=deadline)
        if not failed:
            return Diagram(scenario, view, layout.width, layout.height, name, layout,
                           paint_base(layout, ascii=ascii), ascii, cropped=cropped,
                           routes=routes)
        if time.monotonic() > deadline:
            break
    name, layout = layouts[0] if not cropped else layouts[-1]
    budget = max(deadline, time.monotonic() + ROUTE_BUDGET_SECONDS)
    routes, failed = overview_routes(scenario, layout, fail_fast=False, rounds=1 if many else 2,
                                     deadline=budget)
    return Diagram(scenario, view, layout.width, layout.height, name, layout,
                   paint_base(layout, ascii=ascii), ascii, cropped=cropped,
                   routes=routes, unrouted=failed)


_CACHE: LRU[tuple[int, str | None, int, int, bool], tuple[Scenario, Diagram]] = LRU(DIAGRAMS)
LAYOUT_SECONDS = [0.0]
"""Seconds this process has spent laying diagrams out (the start-up benchmark prints it)."""


def build_diagram(scenario: Scenario, view_id: str | None, width: int, height: int, *,
                  ascii: bool = False) -> Diagram:
    """The laid-out diagram of a view for a ``width``×``height`` canvas (cached).

    Sizes below 10×5 are treated as 10×5. Raises KeyError for an unknown view.
    """
    width, height = max(10, width), max(5, height)
    key = (id(scenario), view_id, width, height, ascii)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    started = time.monotonic()
    diagram = _build(scenario, view_for(scenario, view_id), width, height, ascii)
    LAYOUT_SECONDS[0] += time.monotonic() - started
    _CACHE.put(key, (scenario, diagram))
    return diagram


RANKS = 24
"""Canvases whose rung is remembered: the walkthrough asks for three at every size
(side panel beside, below, folded) and again on each resize event and view change."""

_RANKS: LRU[tuple[int, str | None, int, int], tuple[Scenario, int]] = LRU(RANKS)


def rung_index(scenario: Scenario, view_id: str | None, width: int, height: int) -> int:
    """How good a picture a ``width``×``height`` canvas gets: the index of the first
    rung that fits it (``len(RUNGS)``: none does, the picture would be cropped). Cached:
    each answer costs up to nine trial layouts."""
    key = (id(scenario), view_id, width, height)
    hit = _RANKS.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    view = view_for(scenario, view_id)
    rank = len(RUNGS)
    for index, (_, spacing) in enumerate(RUNGS):
        if view.light_all_links:
            spacing = replace(spacing, hub_room=True)
        if _fits(scenario, view, spacing, width, height):
            rank = index
            break
    _RANKS.put(key, (scenario, rank))
    return rank


def best_canvas(scenario: Scenario, view_id: str | None,
                canvases: list[tuple[int, int]]) -> int:
    """Which of several candidate canvases (e.g. the diagram beside the side panel, or
    above it) gives the best picture: the first of those with the best rung."""
    ranks = [rung_index(scenario, view_id, w, h) if w > 0 and h > 0 else len(RUNGS) + 1
             for w, h in canvases]
    return ranks.index(min(ranks))
