"""Colours and line glyphs: how each message type looks, with and without colour.

Colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
2008), chosen because its eight colours stay distinct under the common forms of
colour blindness. Colour is never the only cue: every :class:`LineStyle` also
has its own glyphs (light, heavy, double, dashed …), its own corners and its own
arrowhead, so a monochrome terminal or a print-out still tells types apart.
"""

from __future__ import annotations

from flowviz.record import record
from flowviz.scenario.model import LineStyle

PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
}
"""Colour names a scenario may use, mapped to their Okabe–Ito hex values."""

DEFAULT_COLOR = "grey"

ACTIVE_BOX_COLOR = "#F0E442"
"""The highlight for active boxes (Okabe–Ito yellow); bold and heavy borders carry it too."""


def color_hex(name: str) -> str:
    """The hex value of a palette colour name (grey for an unknown name)."""
    return PALETTE.get(name, PALETTE[DEFAULT_COLOR])


# Arm weights for junction glyphs (see flowviz.diagram.glyphs).
NONE, LIGHT, HEAVY, DOUBLE = 0, 1, 2, 3


@record
class LineGlyphs:
    """The glyphs one line style is drawn with.

    ``corners`` are indexed by the pair of arms a corner joins:
    ``"dr"`` (┌), ``"dl"`` (┐), ``"ur"`` (└), ``"ul"`` (┘).
    ``arrows`` by the direction the head points: ``"r"``, ``"l"``, ``"u"``, ``"d"``.
    """

    horizontal: str
    vertical: str
    corners: dict[str, str]
    arrows: dict[str, str]
    weight: int
    """The arm weight this style contributes to crossings and box tees."""


def _corners(chars: str) -> dict[str, str]:
    return dict(zip(("dr", "dl", "ur", "ul"), chars, strict=True))


def _arrows(chars: str) -> dict[str, str]:
    return dict(zip(("r", "l", "u", "d"), chars, strict=True))


UNICODE_LINES: dict[LineStyle, LineGlyphs] = {
    LineStyle.LIGHT: LineGlyphs("─", "│", _corners("┌┐└┘"), _arrows("▶◀▲▼"), LIGHT),
    LineStyle.HEAVY: LineGlyphs("━", "┃", _corners("┏┓┗┛"), _arrows("▶◀▲▼"), HEAVY),
    LineStyle.DOUBLE: LineGlyphs("═", "║", _corners("╔╗╚╝"), _arrows("▶◀▲▼"), DOUBLE),
    # Unicode has no dashed corners: dashed styles turn on rounded (or heavy) corners.
    LineStyle.DASHED: LineGlyphs("┄", "┆", _corners("╭╮╰╯"), _arrows("▷◁△▽"), LIGHT),
    LineStyle.HEAVY_DASHED: LineGlyphs("┅", "┇", _corners("┏┓┗┛"), _arrows("▷◁△▽"), HEAVY),
    LineStyle.DOTTED: LineGlyphs("┈", "┊", _corners("╭╮╰╯"), _arrows("▹◃▵▿"), LIGHT),
}

ASCII_LINES: dict[LineStyle, LineGlyphs] = {
    LineStyle.LIGHT: LineGlyphs("-", "|", _corners("++++"), _arrows("><^v"), LIGHT),
    LineStyle.HEAVY: LineGlyphs("#", "#", _corners("####"), _arrows("><^v"), HEAVY),
    LineStyle.DOUBLE: LineGlyphs("=", "H", _corners("++++"), _arrows("><^v"), DOUBLE),
    LineStyle.DASHED: LineGlyphs(".", ":", _corners("...."), _arrows("><^v"), LIGHT),
    LineStyle.HEAVY_DASHED: LineGlyphs("~", "!", _corners("++++"), _arrows("><^v"), HEAVY),
    LineStyle.DOTTED: LineGlyphs("'", ";", _corners("''''"), _arrows("><^v"), LIGHT),
}


def line_glyphs(style: LineStyle, *, ascii: bool = False) -> LineGlyphs:
    """The glyph set for a line style, in Unicode or in plain ASCII."""
    return (ASCII_LINES if ascii else UNICODE_LINES)[style]


@record
class BoxGlyphs:
    """Border glyphs of a box or frame: ``corners`` as for :class:`LineGlyphs`."""

    horizontal: str
    vertical: str
    corners: dict[str, str]
    weight: int


BOX_IDLE = BoxGlyphs("─", "│", _corners("┌┐└┘"), LIGHT)
BOX_ACTIVE = BoxGlyphs("━", "┃", _corners("┏┓┗┛"), HEAVY)
FRAME = BoxGlyphs("─", "│", _corners("╭╮╰╯"), LIGHT)
ASCII_BOX_IDLE = BoxGlyphs("-", "|", _corners("++++"), LIGHT)
ASCII_BOX_ACTIVE = BoxGlyphs("=", "#", _corners("####"), HEAVY)
ASCII_FRAME = BoxGlyphs("-", "|", _corners("...."), LIGHT)
"""ASCII frames use '.' corners so a host frame is not mistaken for a box."""
