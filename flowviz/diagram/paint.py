"""Paint a routed layout into a picture: one glyph, role and owner per cell.

The picture is the static part of every frame of a (scenario, view, size): it
is built once after routing, and a step only chooses styles for it (and swaps
box borders to their heavy form for active services, from ``active_chars``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len

from flowviz.diagram import palette
from flowviz.diagram.glyphs import junction
from flowviz.diagram.labels import cells
from flowviz.diagram.layout import Layout
from flowviz.diagram.palette import BoxGlyphs, LineGlyphs, line_glyphs
from flowviz.diagram.routing import Route
from flowviz.scenario.model import LineStyle, Scenario

# Cell roles: what a cell shows, which decides how a step styles it.
EMPTY, FRAME, TITLE, BOX, LABEL, LINE, ARROW, CROSSING = range(8)


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
        if pic.role[i] in (LINE, CROSSING) and pic.owner[i] >= 0:
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


def paint(scenario: Scenario, layout: Layout, routes: dict[str, Route], *,
          ascii: bool = False) -> Picture:
    """The picture of a routed layout."""
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
        for y in range(r.y + 1, r.bottom):
            _write(pic, r.x + 1, y, " " * (r.w - 2), LABEL, owner)
        _outline(pic, r.x, r.y, r.w, r.h, idle, BOX, owner)
        _outline(pic, r.x, r.y, r.w, r.h, active, BOX, owner, pic.active_chars)
        label_x = r.x + (r.w - cell_len(box.label)) // 2
        _write(pic, label_x, r.y + 1, box.label, LABEL, owner)
    weights: dict[int, int] = {}
    for link_id in routes:
        link = scenario.links[link_id]
        mtype = scenario.message_types.get(link.type)
        style = mtype.line if mtype else LineStyle.LIGHT
        weights[pic.element("link", link_id)] = line_glyphs(style, ascii=ascii).weight
    for link_id, route in routes.items():
        link = scenario.links[link_id]
        mtype = scenario.message_types.get(link.type)
        glyphs = line_glyphs(mtype.line if mtype else LineStyle.LIGHT, ascii=ascii)
        owner = pic.element("link", link_id)
        _paint_route(pic, route, glyphs, owner, weights, ascii)
        _tee(pic, route, glyphs.weight, idle, active, ascii)
    return pic
