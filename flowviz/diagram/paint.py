"""Paint a layout and its lines into a picture: one glyph, role and owner per cell.

:func:`paint_base` draws what every stop shares (host frames, boxes, labels) once
per (scenario, view, size); :func:`overlay` copies it and draws a stop's lines
on top: its messages as numbered arrows (① ② …, ``(1)`` in ASCII), and any
permanent links the view shows. A stop only chooses styles for the result (and
swaps box borders to their active form, from ``active_chars``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len

from flowviz.diagram import palette
from flowviz.diagram.glyphs import junction
from flowviz.diagram.labels import cells
from flowviz.diagram.layout import Layout
from flowviz.diagram.marks import message_marks
from flowviz.diagram.palette import BoxGlyphs, LineGlyphs, line_glyphs
from flowviz.diagram.routing import Route
from flowviz.scenario.model import LineStyle

# Cell roles: what a cell shows, which decides how a step styles it.
EMPTY, FRAME, TITLE, BOX, LABEL, LINE, ARROW, CROSSING, NUMBER, NOTE = range(10)

@dataclass(frozen=True, slots=True)
class Line:
    """A line to draw: the arrow of a stop's messages (``numbers``, in order: every
    message from one sender to one receiver of one type shares an arrow) or a
    permanent link."""

    link_id: str
    route: Route
    style: LineStyle
    numbers: tuple[int, ...] = ()


@dataclass(slots=True)
class Picture:
    """Flat per-cell arrays, indexed ``y * width + x``.

    ``owner`` indexes :attr:`elements` (a service, link or group id); a crossing
    has the vertical line in ``owner`` and the horizontal one in ``owner2``.
    A wide character is followed by an empty-string placeholder cell.
    """

    width: int
    height: int
    chars: list[str]
    role: bytearray
    owner: list[int]
    owner2: list[int]
    elements: list[tuple[str, str]]
    element_index: dict[tuple[str, str], int]
    active_chars: dict[int, str] = field(default_factory=dict)

    def copy(self) -> Picture:
        """A copy to draw a stop's lines on, leaving this one as it is."""
        return Picture(self.width, self.height, list(self.chars), bytearray(self.role),
                       list(self.owner), list(self.owner2), list(self.elements),
                       dict(self.element_index), dict(self.active_chars))

    def element(self, kind: str, ident: str) -> int:
        key = (kind, ident)
        if key not in self.element_index:
            self.element_index[key] = len(self.elements)
            self.elements.append(key)
        return self.element_index[key]


def _box_glyphs(ascii: bool) -> tuple[BoxGlyphs, BoxGlyphs, BoxGlyphs]:
    if ascii:
        return palette.ASCII_BOX_IDLE, palette.ASCII_BOX_ACTIVE, palette.ASCII_FRAME
    return palette.BOX_IDLE, palette.BOX_ACTIVE, palette.FRAME


def _outline(pic: Picture, x0: int, y0: int, w: int, h: int, glyphs: BoxGlyphs,
             role: int, owner: int, target: dict[int, str] | None = None) -> None:
    """Draw a rectangle's border (into the picture, or into ``target`` overrides)."""
    width = pic.width
    x1, y1 = x0 + w - 1, y0 + h - 1
    spots: list[tuple[int, int, str]] = [
        (x0, y0, glyphs.corners["dr"]), (x1, y0, glyphs.corners["dl"]),
        (x0, y1, glyphs.corners["ur"]), (x1, y1, glyphs.corners["ul"])]
    spots += [(x, y, glyphs.horizontal) for x in range(x0 + 1, x1) for y in (y0, y1)]
    spots += [(x, y, glyphs.vertical) for y in range(y0 + 1, y1) for x in (x0, x1)]
    for x, y, char in spots:
        if not (0 <= x < pic.width and 0 <= y < pic.height):
            continue
        i = y * width + x
        if target is not None:
            target[i] = char
        else:
            pic.chars[i] = char
            pic.role[i] = role
            pic.owner[i] = owner


def _write(pic: Picture, x: int, y: int, text: str, role: int, owner: int) -> None:
    for offset, char in enumerate(cells(text)):
        if 0 <= x + offset < pic.width:
            i = y * pic.width + x + offset
            pic.chars[i] = char
            pic.role[i] = role
            pic.owner[i] = owner


_STEP = {"l": (-1, 0), "r": (1, 0), "t": (0, -1), "b": (0, 1)}
_ARROW_FOR_SIDE = {"l": "r", "r": "l", "t": "d", "b": "u"}


def _corner_key(prev: tuple[int, int], cell: tuple[int, int], nxt: tuple[int, int]) -> str:
    arms = set()
    for other in (prev, nxt):
        dx, dy = other[0] - cell[0], other[1] - cell[1]
        arms.add("d" if dy > 0 else "u" if dy < 0 else "r" if dx > 0 else "l")
    vertical = "d" if "d" in arms else "u"
    horizontal = "r" if "r" in arms else "l"
    return vertical + horizontal


def _paint_route(pic: Picture, route: Route, glyphs: LineGlyphs, owner: int,
                 weights: dict[int, int], ascii: bool) -> None:
    """Draw one link; crossings compose with the line already there."""
    width = pic.width
    last = len(route.cells) - 1
    for n, ((x, y), kind) in enumerate(zip(route.cells, route.kinds, strict=True)):
        i = y * width + x
        if n == last:
            char, role = glyphs.arrows[_ARROW_FOR_SIDE[route.target_side]], ARROW
        elif kind == "c":
            if n == 0:  # bends as it leaves its box: one arm reaches into the box
                dx, dy = _STEP[route.source_side]
                prev = (x - dx, y - dy)
            else:
                prev = route.cells[n - 1]
            char, role = glyphs.corners[_corner_key(prev, (x, y), route.cells[n + 1])], LINE
        else:
            char = glyphs.horizontal if kind == "h" else glyphs.vertical
            role = LINE
        if pic.role[i] in (LINE, CROSSING, ARROW, NUMBER) and pic.owner[i] >= 0:
            if pic.role[i] != LINE or not _crosses(pic.chars[i], kind):
                # A line routed over another (the last resort, so that no message is
                # dropped) merges into it there instead of drawing junctions.
                continue
            # A crossing: the other line is straight here (the router guarantees it).
            other = pic.owner[i]
            vertical_owner, horizontal_owner = (owner, other) if kind == "v" else (other, owner)
            pic.owner[i], pic.owner2[i] = vertical_owner, horizontal_owner
            pic.role[i] = CROSSING
            if ascii:
                # A bridge: the vertical line passes over, so no '+' is mistaken for a corner.
                pic.chars[i] = glyphs.vertical if kind == "v" else pic.chars[i]
            else:
                vw, hw = weights[vertical_owner], weights[horizontal_owner]
                pic.chars[i] = junction((vw, hw, vw, hw))
            continue
        pic.chars[i] = char
        pic.role[i] = role
        pic.owner[i] = owner


_HORIZONTAL = frozenset("─━═┄┅┈-#=.~'")
_VERTICAL = frozenset("│┃║┆┇┊|#H:!;")


def _crosses(existing: str, kind: str) -> bool:
    """True when a straight cell of ``kind`` meets a straight line across it."""
    return (kind == "v" and existing in _HORIZONTAL) or (kind == "h" and existing in _VERTICAL)


def _tee(pic: Picture, route: Route, line_weight: int, idle: BoxGlyphs, active: BoxGlyphs,
         ascii: bool) -> None:
    """Join a link's source end to its box border with a tee (┤ ├ ┴ ┬)."""
    x, y = route.cells[0]
    dx, dy = _STEP[route.source_side]
    bx, by = x - dx, y - dy  # the box border cell next to the end
    i = by * pic.width + bx
    if ascii:
        pic.chars[i] = "+"
        pic.active_chars[i] = "+"
        return
    side = route.source_side
    for glyph_set, target in ((idle, None), (active, pic.active_chars)):
        b = glyph_set.weight
        arms = {"r": (b, line_weight, b, 0), "l": (b, 0, b, line_weight),
                "t": (line_weight, b, 0, b), "b": (0, b, line_weight, b)}[side]
        char = junction(arms)
        if target is None:
            pic.chars[i] = char
        else:
            target[i] = char


def paint_base(layout: Layout, *, ascii: bool = False) -> Picture:
    """Host frames with their titles, and every service's box with its label."""
    size = layout.width * layout.height
    pic = Picture(layout.width, layout.height, [" "] * size, bytearray(size), [-1] * size,
                  [-1] * size, [], {})
    idle, active, frame = _box_glyphs(ascii)
    for group in layout.groups:
        owner = pic.element("group", group.id)
        r = group.rect
        _outline(pic, r.x, r.y, r.w, r.h, frame, FRAME, owner)
        _write(pic, group.title_x, r.y, f" {group.title} ", TITLE, owner)
    for box in layout.boxes.values():
        owner = pic.element("service", box.id)
        r = box.rect
        label_x = r.x + (r.w - cell_len(box.label)) // 2
        if r.h < 3:  # a one-row box: [label], ▐label▌ when active
            _write(pic, r.x + 1, r.y, " " * (r.w - 2), LABEL, owner)
            left, right = ("[", "]")
            on_left, on_right = ("*", "*") if ascii else ("▐", "▌")
            _write(pic, r.x, r.y, left, BOX, owner)
            _write(pic, r.right, r.y, right, BOX, owner)
            pic.active_chars[r.y * pic.width + r.x] = on_left
            pic.active_chars[r.y * pic.width + r.right] = on_right
            _write(pic, label_x, r.y, box.label, LABEL, owner)
            continue
        for y in range(r.y + 1, r.bottom):
            _write(pic, r.x + 1, y, " " * (r.w - 2), LABEL, owner)
        _outline(pic, r.x, r.y, r.w, r.h, idle, BOX, owner)
        _outline(pic, r.x, r.y, r.w, r.h, active, BOX, owner, pic.active_chars)
        _write(pic, label_x, r.y + 1, box.label, LABEL, owner)
    return pic


def overlay(base: Picture, layout: Layout, lines: list[Line], *,
            ascii: bool = False) -> Picture:
    """``base`` with ``lines`` drawn on it (a new picture; ``base`` is left alone)."""
    pic = base.copy()
    idle, active, _ = _box_glyphs(ascii)
    weights = {pic.element("link", line.link_id): line_glyphs(line.style, ascii=ascii).weight
               for line in lines}
    for line in lines:
        glyphs = line_glyphs(line.style, ascii=ascii)
        owner = pic.element("link", line.link_id)
        _paint_route(pic, line.route, glyphs, owner, weights, ascii)
        x, y = line.route.cells[0]
        dx, dy = _STEP[line.route.source_side]
        source = layout.boxes.get(_box_at(pic, x - dx, y - dy))
        if source is not None and source.rect.h >= 3:
            _tee(pic, line.route, glyphs.weight, idle, active, ascii)
    for line in lines:
        if line.numbers:
            _number(pic, base, line.route, pic.element("link", line.link_id),
                    message_marks(line.numbers, ascii=ascii))
    return pic


def _box_at(pic: Picture, x: int, y: int) -> str:
    if not (0 <= x < pic.width and 0 <= y < pic.height):
        return ""
    owner = pic.owner[y * pic.width + x]
    if owner < 0:
        return ""
    kind, ident = pic.elements[owner]
    return ident if kind == "service" else ""


def _number(pic: Picture, base: Picture, route: Route, owner: int, mark: str) -> None:
    """Write a message's number on its own line, near where it leaves its sender.

    Only cells that were empty before any line was drawn (not a frame border) are
    used. One cell (①) goes on a straight cell of the line; a wider mark ((1)) on
    a horizontal run, or across a vertical line with empty cells either side. A
    line too short to carry it (one cell: just its arrowhead) gets it beside.
    """
    width = cell_len(mark)
    cells, kinds = route.cells, route.kinds

    def free(x: int, y: int) -> bool:
        return (0 <= x < pic.width and 0 <= y < pic.height
                and base.role[y * pic.width + x] == EMPTY)

    def ours(i: int) -> bool:
        x, y = cells[i]
        j = y * pic.width + x
        return pic.role[j] == LINE and pic.owner[j] == owner and free(x, y)

    def empty(x: int, y: int) -> bool:
        return free(x, y) and pic.role[y * pic.width + x] == EMPTY

    last = len(cells) - 1
    if width == 1:
        for i in range(1 if last > 1 else 0, last):
            if kinds[i] in "hv" and ours(i):
                _write(pic, cells[i][0], cells[i][1], mark, NUMBER, owner)
                return
    for i in range(1, last - width + 1):
        run = range(i, i + width)
        if all(kinds[k] == "h" and ours(k) for k in run) and len({cells[k][1] for k in run}) == 1:
            _write(pic, min(cells[k][0] for k in run), cells[i][1], mark, NUMBER, owner)
            return
    for i in range(1, last):
        if kinds[i] != "v" or not ours(i):
            continue
        x, y = cells[i]
        x0 = x - width // 2
        if all(empty(cx, y) for cx in range(x0, x0 + width) if cx != x):
            _write(pic, x0, y, mark, NUMBER, owner)
            return
    # Beside the line, nearest its start first: right or left of a vertical stretch,
    # above or below a horizontal one, then anywhere within three cells of it
    # (never on an arrowhead, another line or a box).
    for reach in (1, 2, 3):
        for i, (x, y) in enumerate(cells):
            if reach == 1:
                vertical = kinds[i] == "v" or (kinds[i] == "c" and i == 0
                                                and route.source_side in ("t", "b"))
                spots = ([(x + 1, y), (x - width, y)] if vertical
                         else [(x, y - 1), (x, y + 1), (x - width + 1, y - 1),
                               (x - width + 1, y + 1)])
            else:
                spots = [(sx, sy) for sy in range(y - reach, y + reach + 1)
                         for sx in range(x - width - reach + 1, x + reach + 1)]
            for sx, sy in spots:
                if all(empty(cx, sy) for cx in range(sx, sx + width)):
                    _write(pic, sx, sy, mark, NUMBER, owner)
                    return
    # Nowhere else: over the line from its first cell, so the number is never missing.
    x, y = cells[0]
    _write(pic, max(0, min(x, pic.width - width)), y, mark, NUMBER, owner)
