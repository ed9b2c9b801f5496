"""Painting a stop's sequence diagram: its layout's glyphs, roles and owners, then styled.

The layout (:mod:`flowviz.diagram.sequence`) says where things go; this module
draws them into the same :class:`~flowviz.diagram.paint.Picture` cells the
topology uses, so :func:`flowviz.diagram.frame.render` styles them with the same
rules. The stop's own messages are lit in their type's colour and line style;
a neighbouring stop's, drawn for context, stay dim (their type's colour, dimmed)
and always use faint glyphs no message type uses (``╌╌▸``, in ASCII ``....>``),
so they read as context without colour too; their lifelines are dotted (``┊``,
``:``), and the dividers naming the neighbours dotted (``┈``, ``.``).
"""

from __future__ import annotations

from rich.cells import cell_len

from flowviz.diagram.frame import Frame, render
from flowviz.diagram.labels import cells, fit, sanitize
from flowviz.diagram.paint import (
    ARROW,
    EMPTY,
    FRAME,
    LABEL,
    LINE,
    NUMBER,
    TITLE,
    Picture,
)
from flowviz.diagram.palette import LIGHT, LineGlyphs, line_glyphs
from flowviz.diagram.sequence import HEADER_ROWS, SequenceLayout, sequence_layout
from flowviz.scenario.model import LineStyle, Message, Scenario, Stop

LIFELINE = ("│", "|")
HOST_RULE = ("─", "-")
CONTEXT_LIFELINE = ("┊", ":")
DIVIDER_RULE = ("─", "-")
CONTEXT_RULE = ("┈", ".")
CONTEXT_GLYPHS = LineGlyphs("╌", "┊", {}, {"r": "▸", "l": "◂", "u": "▴", "d": "▾"}, LIGHT)
"""The faint glyphs a neighbour's arrows are drawn with, whatever their type: no
message type's line style uses them, so they cannot pass for one of the stop's."""


def context_glyphs(*, ascii: bool) -> LineGlyphs:
    """The glyphs of a neighbour's arrows (in ASCII, dots: ``......>``)."""
    return line_glyphs(LineStyle.DASHED, ascii=True) if ascii else CONTEXT_GLYPHS


def line_style_of(scenario: Scenario, message: Message) -> LineStyle:
    """The line style of a message's type (light for an unknown type)."""
    mtype = scenario.message_types.get(message.type)
    return mtype.line if mtype else LineStyle.LIGHT


def paint_sequence(scenario: Scenario, layout: SequenceLayout, *, ascii: bool = False) -> Picture:
    """The layout's glyphs, roles and owners, cell by cell."""
    width, height = layout.width, layout.height
    size = width * height
    pic = Picture(width, height, [" "] * size, bytearray(size), [-1] * size, [-1] * size,
                  [], {})

    def put(x: int, y: int, char: str, role: int, owner: int) -> None:
        if 0 <= x < width and 0 <= y < height:
            i = y * width + x
            pic.chars[i], pic.role[i], pic.owner[i] = char, role, owner

    def write(x: int, y: int, text: str, role: int, owner: int) -> None:
        parts = cells(text)
        if x + len(parts) > width:  # a wide character would spill over the edge
            return
        for k, char in enumerate(parts):
            put(x + k, y, char, role, owner)

    for span in layout.hosts:
        owner = pic.element("host", span.host)
        if span.x1 > span.x0 and span.x1 - span.x0 + 1 >= cell_len(span.label) + 4:
            for x in range(span.x0, span.x1 + 1):
                put(x, 0, HOST_RULE[ascii], FRAME, owner)
            write(span.label_x - 1, 0, f" {span.label} ", FRAME, owner)
        else:
            write(span.label_x, 0, span.label, FRAME, owner)
    for line in layout.lifelines:
        service = pic.element("service", line.service)
        lifeline = pic.element("lifeline", line.service)
        label_x = max(0, min(line.x - cell_len(line.label) // 2, width - cell_len(line.label)))
        write(label_x, 1, line.label, LABEL, service)
        glyph = (CONTEXT_LIFELINE if line.context else LIFELINE)[ascii]
        for y in range(HEADER_ROWS, height):
            put(line.x, y, glyph, LINE, lifeline)
    lifeline_xs = {line.x for line in layout.lifelines}
    for divider in layout.dividers:
        owner = pic.element("divider", str(divider.y))
        rule = (DIVIDER_RULE if divider.current else CONTEXT_RULE)[ascii]
        for x in range(width):
            if x not in lifeline_xs:  # the lifelines run on through it
                put(x, divider.y, rule, FRAME, owner)
        text = fit(f" {sanitize(divider.text)} ", max(0, width - 2))
        write(2, divider.y, text, TITLE if divider.current else FRAME, owner)
    for arrow in (*layout.arrows, *layout.context_arrows):
        owner = pic.element("link", arrow.element)
        glyphs = (context_glyphs(ascii=ascii) if arrow.context_of >= 0
                  else line_glyphs(line_style_of(scenario, arrow.message), ascii=ascii))
        for x in arrow.shaft:
            put(x, arrow.y, glyphs.horizontal, LINE, owner)
        put(arrow.head_x, arrow.y, glyphs.arrows[arrow.head], ARROW, owner)
        mark_cells = len(cells(arrow.mark))
        for k, char in enumerate(cells(arrow.label)):
            put(arrow.label_x + k, arrow.y - 1, char, NUMBER if k < mark_cells else LABEL, owner)
    if layout.note:
        owner = pic.element("note", "more")
        note = fit(layout.note, width)
        for x in range(width):
            put(x, height - 1, " ", EMPTY, -1)
        write(0, height - 1, note, TITLE, owner)
    return pic


def sequence_frame(scenario: Scenario, stop: Stop, width: int, height: int, *,
                   ascii: bool = False, color: bool = True,
                   neighbours: bool = False) -> Frame:
    """The sequence diagram of ``stop`` as a frame of exactly ``width``×``height`` cells;
    with ``neighbours``, the neighbouring stops' messages dimmed around it where they fit."""
    layout = sequence_layout(scenario, stop, width, height, ascii=ascii,
                             neighbours=neighbours)
    pic = paint_sequence(scenario, layout, ascii=ascii)
    colors = {}
    for arrow in (*layout.arrows, *layout.context_arrows):
        mtype = scenario.message_types.get(arrow.message.type)
        colors[arrow.element] = mtype.color if mtype else "grey"
    # Only the stop's own are lit: the neighbours' keep their colour, dimmed.
    return render(pic, active=[line.service for line in layout.lifelines if not line.context],
                  new=stop.new_services, lit=[a.element for a in layout.arrows],
                  link_colors=colors, light_all=False, color=color)
