"""The diagram engine's front door: build a routed picture for a size, frame it per stop.

:func:`build_diagram` lays out and routes a scenario's view for a canvas size
and caches the result per (scenario, view, size, ascii); :meth:`Diagram.frame`
only restyles it for a stop, so stepping through a walkthrough never routes
again. Pure: no Textual here; the TUI, ``flowviz show`` and every export draw
these same frames.

Sizes degrade in rungs, the first whose layout fits *and* routes wins:

1. ``full``: full labels, roomy gaps;
2. ``full-tight``: full labels, smaller gaps;
3. ``full-snug``: full labels, the smallest gaps (a walkthrough's canvas beside its
   side panel at a 120-column terminal is ~116 columns);
4. ``compact``: short labels (``Service.short``/``Host.short``), hubs a cell wide per
   link so the ~10 lines into RabbitMQ find ports (the OpenStack topology at 100×30);
5. ``compact-tight``: short labels, the smallest gaps;
6. ``reflow``: as 5, with the groups rearranged to the canvas's shape (hints dropped);
7. ``viewport``: the smallest picture that routes, larger than the canvas —
   :attr:`Diagram.width`/``height`` then exceed the request and the caller shows
   a window that follows the active services (:meth:`Diagram.viewport`). It is
   computed once per (scenario, view, ascii), whatever the canvas.

Trying a rung stops at its first unroutable link (see ``route_all(fail_fast=True)``),
so a canvas that needs the viewport costs little more than the viewport itself.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, replace

from rich.cells import cell_len

from flowviz.diagram.canvas import Grid, grid_for
from flowviz.diagram.frame import Frame, Window, render
from flowviz.diagram.layout import Layout, Rect, Spacing, build_layout, group_ids, natural_size
from flowviz.diagram.paint import Picture, paint
from flowviz.diagram.routing import Route, route_all
from flowviz.scenario.model import GroupBy, Scenario, Stop, View

RUNGS: tuple[tuple[str, Spacing], ...] = (
    ("full", Spacing(gap_y=2, margin=0)),
    ("full-tight", Spacing(gap_x=3, pad_x=1, group_gap_x=2, margin=0)),
    ("full-snug", Spacing(gap_x=2, pad_x=1, group_gap_x=1, margin=0)),
    ("compact", Spacing(short_labels=True, max_label=16, gap_x=3, pad_x=1, group_gap_x=2,
                        group_gap_y=0, margin=0, roomy_hubs=True)),
    ("compact-tight", Spacing(short_labels=True, max_label=12, gap_x=2, pad_x=1, pad_y=1,
                              group_gap_x=1, group_gap_y=0, margin=0)),
)

FIT_ROUNDS = 4
"""Routing rounds when trying a rung (each stops at its first failure)."""
DEFAULT_VIEW = View("default", "Topology", "Services by host.", GroupBy.HOST, False)


def view_for(scenario: Scenario, view_id: str | None) -> View:
    """The named view, the scenario's first, or a plain host view if it has none."""
    if view_id is not None:
        if view_id not in scenario.views:
            raise KeyError(view_id)
        return scenario.views[view_id]
    return next(iter(scenario.views.values()), DEFAULT_VIEW)


@dataclass(slots=True)
class Diagram:
    """A laid-out, routed picture of one view at one size; frames are restyles of it.

    ``width``×``height`` is the picture's size: the requested canvas whenever a
    rung fits, larger only at the ``viewport`` rung (then show a window of it).
    """

    scenario: Scenario
    view: View
    width: int
    height: int
    rung: str
    layout: Layout
    routes: dict[str, Route]
    unrouted: list[str]
    """Links no rung could route (empty for every bundled scenario; drawn nowhere)."""
    picture: Picture
    ascii: bool

    def frame(self, stop: Stop, *, color: bool = True, light_all: bool | None = None,
              window: Window | None = None) -> Frame:
        """The picture styled for ``stop`` (restyle only; no layout or routing)."""
        lit = stop.link_ids
        colors = {lid: self._color(lid) for lid in self.scenario.links}
        return render(self.picture, active=stop.services, new=stop.new_services, lit=lit,
                      link_colors=colors,
                      light_all=self.view.light_all_links if light_all is None else light_all,
                      color=color, window=window)

    def _color(self, link_id: str) -> str:
        mtype = self.scenario.message_types.get(self.scenario.links[link_id].type)
        return mtype.color if mtype else "grey"

    def service_box(self, service_id: str) -> tuple[int, int, int, int]:
        r = self.layout.boxes[service_id].rect
        return (r.x, r.y, r.w, r.h)

    def link_path(self, link_id: str) -> list[tuple[int, int]]:
        """Cells from the source end to the target end ([] if the link could not be routed)."""
        route = self.routes.get(link_id)
        return list(route.cells) if route else []

    def focus(self, stop: Stop) -> tuple[int, int, int, int]:
        """Bounding box of the stop's active services and lit links (whole picture if none)."""
        xs: list[int] = []
        ys: list[int] = []
        for sid in stop.services:
            if sid in self.layout.boxes:
                r = self.layout.boxes[sid].rect
                xs += [r.x, r.right]
                ys += [r.y, r.bottom]
        for lid in stop.link_ids:
            for x, y in self.link_path(lid):
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


def _route(scenario: Scenario, view: View, spacing: Spacing, width: int, height: int,
           ascii: bool, counter: list[int] | None = None, fail_fast: bool = False,
           layout: Layout | None = None,
           ) -> tuple[Layout, dict[str, Route], list[str], Grid]:
    """Lay out (unless ``layout`` is given) and route every link of the scenario."""
    if layout is None:
        layout = build_layout(scenario, view, spacing, width, height)
    laid = layout
    title_widths = {g.id: cell_len(g.title) + 2 for g in laid.groups}
    boxes: dict[str, Rect] = {sid: box.rect for sid, box in laid.boxes.items()}
    links = [(lid, link.source, link.target) for lid, link in scenario.links.items()]
    routes, failed, grid = route_all(lambda: grid_for(laid, title_widths), boxes, links,
                                     counter=counter, fail_fast=fail_fast,
                                     rounds=FIT_ROUNDS if fail_fast else 6)
    return laid, routes, failed, grid


def _centred(layout: Layout, width: int, height: int) -> Layout:
    """``layout`` moved to the middle of a ``width``×``height`` canvas (no larger than it)."""
    dx, dy = (width - layout.width) // 2, (height - layout.height) // 2
    out = Layout(width, height)
    out.groups = [replace(g, rect=replace(g.rect, x=g.rect.x + dx, y=g.rect.y + dy),
                          title_x=g.title_x + dx) for g in layout.groups]
    out.boxes = {sid: replace(b, rect=replace(b.rect, x=b.rect.x + dx, y=b.rect.y + dy))
                 for sid, b in layout.boxes.items()}
    return out


def _shape(layout: Layout) -> tuple[object, ...]:
    """What routing depends on: two rungs with the same shape route the same."""
    return (layout.width, layout.height,
            tuple((g.id, g.title, g.rect, g.title_x) for g in layout.groups),
            tuple(sorted((sid, b.rect) for sid, b in layout.boxes.items())))


def _candidates(scenario: Scenario, view: View, width: int, height: int,
                ) -> list[tuple[str, Spacing]]:
    """The rungs to try, in order, including the reflow to the canvas's shape."""
    out = list(RUNGS)
    n = len(group_ids(scenario, view.group_by))
    tight = RUNGS[-1][1]
    # Reflow: as many group columns as the canvas's aspect suggests (cells are ~2:1).
    aspect = max(0.2, width / max(1, 2 * height))
    columns = max(1, min(n, round(math.sqrt(n * aspect))))
    for cols in dict.fromkeys((columns, max(1, columns - 1), min(n, columns + 1))):
        out.append((f"reflow-{cols}", replace(tight, use_hints=False, group_columns=cols)))
    return out


def _inflate(scenario: Scenario, view: View, spacing: Spacing, width: int,
             height: int) -> Spacing:
    """Widen a fitting rung's gaps into the spare room: more lanes, fewer failed routes."""
    for field, limit in (("gap_x", 3), ("gap_y", 1), ("pad_x", 1), ("group_gap_x", 2)):
        for _ in range(limit):
            wider = replace(spacing, **{field: getattr(spacing, field) + 1})
            nw, nh = natural_size(scenario, view, wider)
            if nw > width or nh > height:
                break
            spacing = wider
    return spacing


def _build(scenario: Scenario, view: View, width: int, height: int, ascii: bool) -> Diagram:
    candidates = _candidates(scenario, view, width, height)
    tried: set[tuple[object, ...]] = set()
    for name, spacing in candidates:
        nw, nh = natural_size(scenario, view, spacing)
        if nw > width or nh > height:
            continue
        spacing = _inflate(scenario, view, spacing, width, height)
        # Spread over the canvas; failing that, packed as at its natural size and centred
        # (spreading lengthens lines, so a larger canvas must not do worse than a smaller).
        packed = build_layout(scenario, view, spacing, 0, 0)
        layouts = [build_layout(scenario, view, spacing, width, height)]
        if width - packed.width > packed.width // 8 or height - packed.height > packed.height // 8:
            layouts.append(_centred(packed, width, height))
        for layout in layouts:
            shape = _shape(layout)
            if shape in tried:  # e.g. reflow-5 of 6 groups lays out as reflow-4
                continue
            tried.add(shape)
            layout, routes, failed, _ = _route(scenario, view, spacing, width, height, ascii,
                                               fail_fast=True, layout=layout)
            if not failed:
                return Diagram(scenario, view, layout.width, layout.height, name, layout,
                               routes, [], paint(scenario, layout, routes, ascii=ascii), ascii)
    return _viewport(scenario, view, ascii)


_VIEWPORTS: OrderedDict[tuple[int, str, bool], tuple[Scenario, Diagram]] = OrderedDict()


def _viewport(scenario: Scenario, view: View, ascii: bool) -> Diagram:
    """The smallest picture that routes, shown through a viewport (cached per view).

    It depends on no canvas size, so every canvas too small for a rung shares it.
    The author's arrangement (tightest hinted rung) first, then the smallest reflow.
    """
    key = (id(scenario), view.id, ascii)
    hit = _VIEWPORTS.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    n = len(group_ids(scenario, view.group_by))
    tight = RUNGS[-1][1]
    # Reflows near a square-ish grid of groups (not one tall column: hard to pan around).
    square = max(1, round(math.sqrt(n)))
    reflows = [replace(tight, use_hints=False, group_columns=cols)
               for cols in dict.fromkeys((square, max(1, square - 1), min(n, square + 1)))]
    smallest = min(reflows, key=lambda s: math.prod(natural_size(scenario, view, s)))
    attempts = [replace(spacing, gap_x=spacing.gap_x + grow,
                        gap_y=max(2, spacing.gap_y + grow // 2),
                        group_gap_x=spacing.group_gap_x + grow,
                        group_gap_y=spacing.group_gap_y + grow // 2, margin=2)
                for spacing in (tight, smallest) for grow in range(3)]
    best: tuple[Layout, dict[str, Route], list[str]] | None = None
    furthest: tuple[int, Spacing] | None = None
    for wider in attempts:  # the first that routes, trying each cheaply
        gw, gh = natural_size(scenario, view, wider)
        layout, routes, failed, _ = _route(scenario, view, wider, gw, gh, ascii, fail_fast=True)
        if not failed:
            best = (layout, routes, failed)
            break
        if furthest is None or len(routes) > furthest[0]:
            furthest = (len(routes), wider)
    if best is None:  # none routes: the one that got furthest, routed in full
        assert furthest is not None
        wider = furthest[1]
        gw, gh = natural_size(scenario, view, wider)
        layout, routes, failed, _ = _route(scenario, view, wider, gw, gh, ascii)
        best = (layout, routes, failed)
    assert best is not None
    layout, routes, failed = best
    diagram = Diagram(scenario, view, layout.width, layout.height, "viewport", layout, routes,
                      failed, paint(scenario, layout, routes, ascii=ascii), ascii)
    _VIEWPORTS[key] = (scenario, diagram)
    while len(_VIEWPORTS) > _CACHE_SIZE:
        _VIEWPORTS.popitem(last=False)
    return diagram


_CACHE_SIZE = 32
_CACHE: OrderedDict[tuple[int, str | None, int, int, bool], tuple[Scenario, Diagram]] = (
    OrderedDict())


def build_diagram(scenario: Scenario, view_id: str | None, width: int, height: int, *,
                  ascii: bool = False) -> Diagram:
    """The laid-out, routed diagram of a view for a ``width``×``height`` canvas (cached).

    Sizes below 10×5 are treated as 10×5. Raises KeyError for an unknown view.
    """
    width, height = max(10, width), max(5, height)
    key = (id(scenario), view_id, width, height, ascii)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is scenario:
        _CACHE.move_to_end(key)
        return hit[1]
    diagram = _build(scenario, view_for(scenario, view_id), width, height, ascii)
    _CACHE[key] = (scenario, diagram)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return diagram
