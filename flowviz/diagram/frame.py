"""A frame: a stop's picture styled, as Rich text rows.

Boxes never move from stop to stop: active services get their active border
(heavy, or ``▐label▌`` for a one-row box) and a filled label (bold/reverse when
there is no colour), a cue no line style can imitate; the stop's messages are
drawn bold in their type's colour with their numbers; everything else is dimmed
but stays visible. With ``color=False`` (NO_COLOR) only bold, dim, reverse and
underline are used, and the border and line glyphs carry the rest. Links that
could not be drawn are said on the bottom row (``2 links not drawn``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from flowviz.diagram.paint import (
    ARROW,
    BOX,
    CROSSING,
    FRAME,
    LABEL,
    LINE,
    NUMBER,
    TITLE,
    Picture,
)
from flowviz.diagram.palette import ACTIVE_BOX_COLOR, color_hex

Window = tuple[int, int, int, int]

_PLAIN = Style()
_DIM = Style(dim=True)
_BOLD = Style(bold=True)
_REV = Style(bold=True, reverse=True)
_WARN = Style(bold=True, color="#000000", bgcolor="#D55E00")


@dataclass(frozen=True, slots=True)
class StyleSet:
    """The styles of one frame, precomputed per element state."""

    color: bool

    def link(self, color_name: str, state: int) -> Style:
        """state: 0 idle, 1 lit by the view (light_all), 2 lit by the step."""
        if not self.color:
            return (_DIM, _PLAIN, _BOLD)[state]
        hex_value = color_hex(color_name)
        return (Style(color=hex_value, dim=True), Style(color=hex_value),
                Style(color=hex_value, bold=True))[state]

    def box_border(self, active: bool, quiet: bool) -> Style:
        if active:
            return Style(color=ACTIVE_BOX_COLOR, bold=True) if self.color else _BOLD
        return _PLAIN if quiet else _DIM

    def box_label(self, active: bool, new: bool, quiet: bool) -> Style:
        if active:
            style = (Style(color="#000000", bgcolor=ACTIVE_BOX_COLOR, bold=True) if self.color
                     else Style(bold=True, reverse=True))
            return style + Style(underline=True) if new else style
        return _PLAIN if quiet else _DIM


@dataclass(slots=True)
class Frame:
    """One styled frame (or a window of one): ``lines`` are exactly ``width`` cells each."""

    width: int
    height: int
    lines: list[Text]
    origin: tuple[int, int]
    """Where the window's top-left cell sits on the whole picture."""
    _picture: Picture
    not_drawn: int = 0
    """Links of this stop (or of the overview) that found no route; said on the bottom row."""

    def plain(self) -> str:
        """The frame as plain text lines joined with newlines."""
        return "\n".join(line.plain for line in self.lines)

    def owner_at(self, x: int, y: int) -> str | None:
        """The service or link id under a cell of this frame (None for empty cells)."""
        px, py = x + self.origin[0], y + self.origin[1]
        pic = self._picture
        if not (0 <= x < self.width and 0 <= y < self.height and 0 <= px < pic.width
                and 0 <= py < pic.height):
            return None
        owner = pic.owner[py * pic.width + px]
        if owner < 0:
            return None
        kind, ident = pic.elements[owner]
        return ident if kind in ("service", "link") else None


def render(pic: Picture, *, active: Iterable[str], new: Iterable[str], lit: Iterable[str],
           link_colors: dict[str, str], light_all: bool, color: bool,
           window: Window | None = None, not_drawn: int = 0) -> Frame:
    """Style the picture for one stop and cut out ``window`` (x, y, w, h; default all)."""
    styles = StyleSet(color)
    active_set, new_set, lit_set = set(active), set(new), set(lit)
    quiet = not active_set and not lit_set  # nothing happens: draw everything plainly
    # Per element, per role: the style (computed once per frame, not per cell).
    element_style: list[Style] = []
    label_style: list[Style] = []
    is_active: list[bool] = []
    for kind, ident in pic.elements:
        if kind == "service":
            on = ident in active_set
            element_style.append(styles.box_border(on, quiet))
            label_style.append(styles.box_label(on, ident in new_set, quiet))
            is_active.append(on)
        elif kind == "link":
            state = 2 if ident in lit_set else (1 if quiet else 0)
            element_style.append(styles.link(link_colors.get(ident, "grey"), state))
            label_style.append(element_style[-1])
            is_active.append(ident in lit_set)
        else:
            element_style.append(_DIM)
            label_style.append(_DIM)
            is_active.append(False)
    x0, y0, w, h = window if window is not None else (0, 0, pic.width, pic.height)
    width = pic.width
    chars, role, owner, owner2, active_chars = (pic.chars, pic.role, pic.owner, pic.owner2,
                                                pic.active_chars)
    lines: list[Text] = []
    for y in range(y0, y0 + h):
        text = Text(no_wrap=True, overflow="crop", end="")
        run: list[str] = []
        run_style: Style | None = None
        for x in range(x0, x0 + w):
            if not (0 <= x < width and 0 <= y < pic.height):
                char, style = " ", _PLAIN
            else:
                i = y * width + x
                r = role[i]
                o = owner[i]
                char = chars[i]
                if r == BOX:
                    if is_active[o]:
                        char = active_chars.get(i, char)
                    style = element_style[o]
                elif r == LABEL:
                    style = label_style[o]
                elif r in (LINE, ARROW, NUMBER):
                    style = element_style[o]
                elif r == CROSSING:
                    o2 = owner2[i]
                    style = element_style[o2] if is_active[o2] and not is_active[o] \
                        else element_style[o]
                elif r == FRAME:
                    style = _DIM
                elif r == TITLE:
                    style = _BOLD
                else:
                    style = _PLAIN
                # Cut wide characters the window splits.
                split_left = char == "" and x == x0
                split_right = (char and x == x0 + w - 1 and x + 1 < width
                               and chars[i + 1] == "")
                if split_left or split_right:
                    char = " "
            if style is not run_style:
                if run:
                    text.append("".join(run), run_style)
                run, run_style = [char], style
            else:
                run.append(char)
        if run:
            text.append("".join(run), run_style)
        lines.append(text)
    if not_drawn and lines:
        note = f" {not_drawn} link{'s' if not_drawn != 1 else ''} not drawn "
        if cell_len(note) <= w:
            last = lines[-1].copy()
            last.truncate(w - cell_len(note), overflow="crop")
            last.append(note, _WARN if color else _REV)
            lines[-1] = last
    return Frame(w, h, lines, (x0, y0), pic, not_drawn)
