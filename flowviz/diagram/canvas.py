"""The routing grid: flat per-cell arrays of what is where.

One byte per cell for each fact the router asks about, so a lookup is an index,
not a dictionary probe: blocked cells (boxes, host titles, frame corners), the
one-cell band round each box, host-frame borders (which a line may cross only at
right angles), and the lines already routed (horizontal use, vertical use, and
cells where a line turns or ends, which no other line may touch).
"""

from __future__ import annotations

from flowviz.diagram.layout import Layout, Rect

# Values of Grid.border: a frame's top/bottom edge, or its left/right edge.
BORDER_HORIZONTAL = 1
BORDER_VERTICAL = 2


class Grid:
    """Obstacles and occupancy for one layout, indexed ``y * width + x``."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        size = width * height
        self.blocked = bytearray(size)
        self.band = bytearray(size)
        self.border = bytearray(size)
        self.h_used = bytearray(size)
        self.v_used = bytearray(size)
        self.turned = bytearray(size)
        self.near = bytearray(size)
        self.lateral = bytearray(size)
        """1: no horizontal line may enter; 2: no vertical (cells beside an end, so
        no line seems to run on from an arrowhead or a tee)."""

    def index(self, x: int, y: int) -> int:
        return y * self.width + x

    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    def block_rect(self, rect: Rect) -> None:
        for y in range(rect.y, rect.y + rect.h):
            for x in range(rect.x, rect.x + rect.w):
                if self.inside(x, y):
                    self.blocked[self.index(x, y)] = 1

    def band_rect(self, rect: Rect) -> None:
        """Mark the cells round a box: 1 above/below it, 2 left/right of it.

        The router prices a line running *along* a box side there, since such a
        run would use up the ports other links need to reach that box.
        """
        for x in range(rect.x, rect.x + rect.w):
            for y in (rect.y - 1, rect.bottom + 1):
                if self.inside(x, y):
                    self.band[self.index(x, y)] |= 1
        for y in range(rect.y, rect.y + rect.h):
            for x in (rect.x - 1, rect.right + 1):
                if self.inside(x, y):
                    self.band[self.index(x, y)] |= 2

    def frame_rect(self, rect: Rect, title_x: int, title_w: int) -> None:
        """Mark a group frame: borders crossable at right angles, corners and title blocked."""
        for x in range(rect.x, rect.x + rect.w):
            for y in (rect.y, rect.bottom):
                if self.inside(x, y):
                    self.border[self.index(x, y)] = BORDER_HORIZONTAL
        for y in range(rect.y + 1, rect.bottom):
            for x in (rect.x, rect.right):
                if self.inside(x, y):
                    self.border[self.index(x, y)] = BORDER_VERTICAL
        # Running along a frame, just inside or outside it, reads as part of the frame
        # (or as a line in the gap between two hosts): priced like a box's band.
        for x in range(rect.x, rect.x + rect.w):
            for y in (rect.y - 1, rect.y + 1, rect.bottom - 1, rect.bottom + 1):
                if self.inside(x, y):
                    self.band[self.index(x, y)] |= 1
        for y in range(rect.y, rect.y + rect.h):
            for x in (rect.x - 1, rect.x + 1, rect.right - 1, rect.right + 1):
                if self.inside(x, y):
                    self.band[self.index(x, y)] |= 2
        for x, y in ((rect.x, rect.y), (rect.right, rect.y),
                     (rect.x, rect.bottom), (rect.right, rect.bottom)):
            if self.inside(x, y):
                self.blocked[self.index(x, y)] = 1
        # The title and the space either side of it.
        for x in range(title_x, title_x + title_w):
            if self.inside(x, rect.y):
                self.blocked[self.index(x, rect.y)] = 1

    def occupy(self, cells: list[tuple[int, int]], kinds: list[str],
               sides: tuple[str, str] = ("", "")) -> None:
        """Record a routed path: 'h'/'v' straight cells, 'c' corners and ends.

        ``sides`` are the box sides its two ends touch ('l', 'r', 't', 'b').
        """
        w, h = self.width, self.height
        for (x, y), side in zip((cells[0], cells[-1]), sides, strict=True):
            along = ((1, 0), (-1, 0)) if side in ("t", "b") else ((0, 1), (0, -1))
            for dx, dy in along if side else ():
                if 0 <= x + dx < w and 0 <= y + dy < h:
                    self.lateral[(y + dy) * w + x + dx] |= 1 if side in ("t", "b") else 2
        last = len(cells) - 1
        for n, ((x, y), kind) in enumerate(zip(cells, kinds, strict=True)):
            i = y * w + x
            if n in (0, last):
                kind = "c"  # an end is the line's own cell: nothing crosses an arrowhead
            if kind == "h":
                self.h_used[i] = 1
            elif kind == "v":
                self.v_used[i] = 1
            else:
                self.turned[i] = 1
                self.h_used[i] = 1
                self.v_used[i] = 1
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < w and 0 <= ny < h:
                    j = ny * w + nx
                    if self.near[j] < 255:
                        self.near[j] += 1


def grid_for(layout: Layout, title_widths: dict[str, int]) -> Grid:
    """The obstacle grid of a layout (no lines yet)."""
    grid = Grid(layout.width, layout.height)
    for group in layout.groups:
        grid.frame_rect(group.rect, group.title_x, title_widths[group.id])
    for box in layout.boxes.values():
        grid.band_rect(box.rect)
    for box in layout.boxes.values():
        grid.block_rect(box.rect)
    return grid
