"""Orthogonal link routing: weighted A* over (cell, orientation) states.

Each state is a cell and whether the line there runs horizontally or vertically,
so a bend is a priced move of its own. Costs follow the measurements in the
project's terminal-diagrams reference: step 1, bend 3, crossing 6, running in a
box's band or beside another line 1, crossing a host border 2; running *along* a
box side 4, because such runs starve the box's ports.

Hard rules are not costs but forbidden moves, so every routed picture obeys them:
a cell carries at most one horizontal and one vertical line; a line never turns
or ends on a cell another line uses, nor crosses where another line turns (so a
┼ is always a crossing); lines cross host borders only at right angles and never
touch boxes, titles or frame corners; an end cell (next to its box) is the line's own.

Links are routed shortest first in a fixed order (deterministic output for the
golden files); links that find no path are moved to the front and everything is
routed again with the crowded cells priced higher, a few rounds at most.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from dataclasses import dataclass

from flowviz.diagram.canvas import BORDER_HORIZONTAL, BORDER_VERTICAL, Grid
from flowviz.diagram.layout import Rect

STEP, BEND, CROSS, NEAR, BORDER, ALONG = 1, 3, 6, 1, 2, 4
OVERLAP = 40
"""The price of a cell another line uses, for a line routed over others as a last resort."""
EPSILON = 1.6
"""Weight on the heuristic: ~3× fewer expansions than exact A* for a few % more bends."""

INF = 1 << 30


@dataclass(frozen=True, slots=True)
class Route:
    """A routed link: cells from the source's port to the target's, and each cell's shape.

    ``kinds`` holds 'h' or 'v' for a straight cell and 'c' for a corner. The first
    and last cells are the ends, just outside their boxes; a line may turn there
    (leaving a box into a one-lane gap), as no other line may touch an end cell.
    """

    cells: list[tuple[int, int]]
    kinds: list[str]
    source_side: str
    target_side: str
    """Which side of the box an end touches: 'l', 'r', 't' or 'b'."""
    overlap: bool = False
    """Routed over other lines (the last resort): it may share their cells."""


def ports(grid: Grid, rect: Rect) -> list[tuple[int, int, str]]:
    """Cells just outside a box's sides: (cell index, orientation 0=h/1=v, side).

    A framed box is left and right from its label row(s), a one-row box from its row.
    """
    out: list[tuple[int, int, str]] = []
    rows = range(rect.y + 1, rect.bottom) if rect.h >= 3 else range(rect.y, rect.bottom + 1)
    for y in rows:
        for x, side in ((rect.x - 1, "l"), (rect.right + 1, "r")):
            if grid.inside(x, y):
                out.append((grid.index(x, y), 0, side))
    for x in range(rect.x + 1, rect.right):
        for y, side in ((rect.y - 1, "t"), (rect.bottom + 1, "b")):
            if grid.inside(x, y):
                out.append((grid.index(x, y), 1, side))
    return out


def _free_end(grid: Grid, cell: int, orientation: int, overlap: bool = False) -> bool:
    """Whether a line may end on ``cell``, leaving its box in ``orientation`` (0 = h).

    A port on a host's frame (a box against its frame's edge) is usable when the
    line crosses the frame there at a right angle, as lines always do.
    """
    border = grid.border[cell]
    if border and border != (BORDER_HORIZONTAL if orientation else BORDER_VERTICAL):
        return False
    if overlap:
        return not grid.blocked[cell]
    return not (grid.blocked[cell] or grid.h_used[cell]
                or grid.v_used[cell] or grid.turned[cell])


def route_one(grid: Grid, source: Rect, target: Rect, *, epsilon: float = EPSILON,
              penalty: bytearray | None = None,
              counter: list[int] | None = None, overlap: bool = False) -> Route | None:
    """The cheapest path from a port of ``source`` to a port of ``target``, or None.

    ``overlap`` (a last resort, so that a message is drawn rather than dropped) lets
    the path run over lines already routed; boxes, titles and frames still hold.
    """
    w = grid.width
    blocked, border, h_used, v_used = grid.blocked, grid.border, grid.h_used, grid.v_used
    turned, band, near, lateral = grid.turned, grid.band, grid.near, grid.lateral
    if overlap:
        # Over other lines only where it must: each used cell costs as much as a
        # long detour, so the line takes free lanes wherever there are some.
        penalty = bytearray(min(255, OVERLAP * (h or v or t) + (penalty[i] if penalty else 0))
                            for i, (h, v, t) in enumerate(zip(h_used, v_used, turned,
                                                              strict=True)))
        empty = bytearray(len(blocked))
        h_used = v_used = turned = lateral = empty
    starts = [(c, o, s) for c, o, s in ports(grid, source) if _free_end(grid, c, o, overlap)]
    goals = {c: s for c, o, s in ports(grid, target) if _free_end(grid, c, o, overlap)}
    if not starts or not goals:
        return None
    side_of_start = {c: s for c, _, s in starts}
    gx0, gx1, gy0, gy1 = target.x - 1, target.right + 1, target.y - 1, target.bottom + 1

    def h(cell: int) -> int:
        x, y = cell % w, cell // w
        dx = gx0 - x if x < gx0 else (x - gx1 if x > gx1 else 0)
        dy = gy0 - y if y < gy0 else (y - gy1 if y > gy1 else 0)
        return int((dx + dy) * epsilon)

    size = len(blocked) * 2
    g = [INF] * size
    parent = [-1] * size
    heap: list[tuple[int, int, int]] = []
    for c, o, _ in starts:
        # Leaving straight is free; turning at once (in a one-lane gap) costs a bend.
        for state, cost0 in ((c * 2 + o, 0), ((c * 2 + o) ^ 1, BEND)):
            if cost0 and border[c]:
                continue  # no turning on a frame
            g[state] = cost0
            heapq.heappush(heap, (h(c) + cost0, cost0, state))
    last_row = grid.height - 1
    expanded = 0
    found = -1
    while heap:
        _f, cost, state = heapq.heappop(heap)
        if cost > g[state]:
            continue
        expanded += 1
        if (state >> 1) in goals:
            found = state
            break
        cell, o = state >> 1, state & 1
        x, y = cell % w, cell // w
        # Moves straight on, in the state's orientation.
        if o == 0:
            nexts = [n for n in ((cell - 1) if x > 0 else -1, (cell + 1) if x < w - 1 else -1)
                     if n >= 0]
        else:
            nexts = [n for n in ((cell - w) if y > 0 else -1, (cell + w) if y < last_row else -1)
                     if n >= 0]
        for n in nexts:
            if blocked[n] or turned[n]:
                continue
            step = STEP + (NEAR if near[n] else 0)
            if band[n]:
                step += ALONG if band[n] & (1 << o) else 1
            if o == 0:
                if h_used[n] or border[n] == BORDER_HORIZONTAL or (
                        lateral[n] & 1 and n not in goals):
                    continue
                if v_used[n]:
                    step += CROSS
            else:
                if v_used[n] or border[n] == BORDER_VERTICAL or (
                        lateral[n] & 2 and n not in goals):
                    continue
                if h_used[n]:
                    step += CROSS
            if border[n]:
                step += BORDER
            if penalty is not None:
                step += penalty[n]
            ns = n * 2 + o
            nc = cost + step
            if nc < g[ns]:
                g[ns] = nc
                parent[ns] = state
                heapq.heappush(heap, (nc + h(n), nc, ns))
        # A bend, only on a cell no other line touches and not on a border.
        if not (h_used[cell] or v_used[cell] or border[cell]):
            ns = state ^ 1
            nc = cost + BEND
            if nc < g[ns]:
                g[ns] = nc
                parent[ns] = state
                heapq.heappush(heap, (nc + h(cell), nc, ns))
    if counter is not None:
        counter[0] += expanded
    if found < 0:
        return None
    states = [found]
    while parent[states[-1]] >= 0:
        states.append(parent[states[-1]])
    states.reverse()
    cells: list[tuple[int, int]] = []
    kinds: list[str] = []
    for state in states:
        cell, o = state >> 1, state & 1
        xy = (cell % w, cell // w)
        if cells and cells[-1] == xy:
            kinds[-1] = "c"
        else:
            cells.append(xy)
            kinds.append("v" if o else "h")
    source_side = side_of_start[states[0] >> 1]
    if (states[0] & 1) != (source_side in ("t", "b")) and kinds[0] != "c":
        kinds[0] = "c"  # turned at once: leaves the box and bends in the same cell
    target_side = goals[found >> 1]
    if (found & 1) != (target_side in ("t", "b")):
        kinds[-1] = "c"
    return Route(cells, kinds, source_side, target_side, overlap)


def route_all(make_grid: Callable[[], Grid], boxes: dict[str, Rect],
              links: list[tuple[str, str, str]], *, rounds: int = 6,
              epsilon: float = EPSILON, counter: list[int] | None = None,
              fail_fast: bool = False, deadline: float | None = None,
              priority: frozenset[str] = frozenset(),
              ) -> tuple[dict[str, Route], list[str], Grid]:
    """Route every (link id, source, target); returns routes, failures and the final grid.

    ``make_grid`` gives a fresh obstacle grid for each round. With ``fail_fast``
    (trying a size rung, where only success counts) a round stops at its first
    failure, and routing gives up at once when a link fails with nothing routed
    before it: no later round can route it then (penalties change costs, not paths).
    The failures returned are then a lower bound, not the full list. Links in
    ``priority`` are routed before the others (those a step's messages ride). Past
    ``deadline`` (a :func:`time.monotonic` value) the links not yet routed fail and
    no new round starts, so a huge scenario degrades instead of hanging.
    """

    def length(item: tuple[str, str, str]) -> int:
        a, b = boxes[item[1]], boxes[item[2]]
        return abs(a.x + a.w // 2 - b.x - b.w // 2) + abs(a.y + a.h // 2 - b.y - b.h // 2)

    order = sorted(links, key=lambda item: (item[0] not in priority, length(item), item[0]))
    penalty: bytearray | None = None
    best: tuple[dict[str, Route], list[str], Grid] | None = None
    for _ in range(rounds):
        grid: Grid = make_grid()
        routes: dict[str, Route] = {}
        failed: list[str] = []
        for link_id, source, target in order:
            if source == target or (deadline is not None and time.monotonic() > deadline):
                failed.append(link_id)
                continue
            route = route_one(grid, boxes[source], boxes[target], epsilon=epsilon,
                              penalty=penalty, counter=counter)
            if route is None:
                failed.append(link_id)
                if fail_fast:
                    break
                continue
            grid.occupy(route.cells, route.kinds, (route.source_side, route.target_side))
            routes[link_id] = route
        if best is None or len(failed) < len(best[1]):
            best = (routes, failed, grid)
        if not failed or (fail_fast and not routes) or (
                deadline is not None and time.monotonic() > deadline):
            break
        # Route the failures first next time, and price the cells that were crowded.
        first = [item for item in order if item[0] in failed]
        order = first + [item for item in order if item[0] not in failed]
        penalty = bytearray(min(255, 2 * n) for n in grid.near)
        # Starved ports are the usual failure: keep other lines off those boxes' bands.
        for item in first:
            for sid in item[1:]:
                r = boxes[sid]
                for y in range(max(0, r.y - 2), min(grid.height, r.bottom + 3)):
                    for x in range(max(0, r.x - 2), min(grid.width, r.right + 3)):
                        i = y * grid.width + x
                        penalty[i] = min(255, penalty[i] + 4)
    assert best is not None
    return best
