"""The shapes a layout is made of: rectangles of cells, the spacing knobs, boxes."""

from __future__ import annotations

from dataclasses import dataclass, field


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
