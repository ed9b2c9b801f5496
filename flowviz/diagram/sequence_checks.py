"""The hard rules of a sequence diagram, as checks the tests run on every stop.

Each check reads the painted frame back (its cells and roles), so a change to
the layout or the painting that breaks a rule is caught: the frame is exactly
the canvas, every message is drawn or counted as left out, each arrow has its
head next to its receiver pointing at it, no line runs through a label, ASCII
mode draws its lines, arrowheads and numbers in ASCII and NO_COLOR frames carry no colour.
"""

from __future__ import annotations

from rich.cells import cell_len

from flowviz.diagram.frame import Frame
from flowviz.diagram.labels import cells
from flowviz.diagram.paint import ARROW, LABEL, LINE, NUMBER
from flowviz.diagram.palette import line_glyphs
from flowviz.diagram.sequence import (
    HEADER_ROWS,
    SequenceLayout,
    line_style_of,
    sequence_frame,
    sequence_layout,
)
from flowviz.scenario.model import Scenario, Stop


def sequence_violations(scenario: Scenario, stop: Stop, width: int, height: int, *,
                        ascii: bool = False, color: bool = True) -> list[str]:
    """Every broken rule of ``stop``'s sequence diagram at this size (empty: all good)."""
    layout = sequence_layout(scenario, stop, width, height, ascii=ascii)
    frame = sequence_frame(scenario, stop, width, height, ascii=ascii, color=color)
    return _check(scenario, stop, frame, layout, ascii=ascii, color=color)


def _check(scenario: Scenario, stop: Stop, frame: Frame, layout: SequenceLayout, *,
           ascii: bool, color: bool) -> list[str]:
    problems: list[str] = []
    where = f"{stop.label} at {frame.width}x{frame.height}"
    pic = frame._picture
    if len(frame.lines) != frame.height:
        problems.append(f"{where}: {len(frame.lines)} lines, not {frame.height}")
    for y, line in enumerate(frame.lines):
        if line.cell_len != frame.width:
            problems.append(f"{where}: line {y} is {line.cell_len} cells wide")
        if ascii:  # the glyphs: text from the scenario is the author's own
            row = y * frame.width
            drawn_glyphs = [pic.chars[row + x] for x in range(frame.width)
                      if pic.role[row + x] in (LINE, ARROW, NUMBER)]
            if not "".join(drawn_glyphs).isascii():
                problems.append(f"{where}: line {y} draws glyphs that are not ASCII")
        if not color:
            for span in line.spans:
                style = span.style
                if not isinstance(style, str) and (style.color or style.bgcolor):
                    problems.append(f"{where}: line {y} has colour under NO_COLOR")
                    break
    drawn = len(layout.arrows)
    if drawn + layout.hidden_messages != len(stop.messages):
        problems.append(f"{where}: {drawn} drawn + {layout.hidden_messages} said "
                        f"!= {len(stop.messages)} messages")
    if layout.hidden_messages or layout.hidden_services:
        last = frame.lines[-1].plain
        wanted = (f"{layout.hidden_messages} more" if layout.hidden_messages
                  else f"{layout.hidden_services} more")
        if wanted not in last:
            problems.append(f"{where}: the last row does not say {wanted!r}: {last!r}")
    numbers = [arrow.number for arrow in layout.arrows]
    if numbers != sorted(numbers):
        problems.append(f"{where}: messages out of order: {numbers}")
    for lifeline in layout.lifelines:
        if not lifeline.label:
            problems.append(f"{where}: {lifeline.service} has no label")
        elif lifeline.label not in frame.lines[1].plain:
            problems.append(f"{where}: {lifeline.service}'s label {lifeline.label!r} "
                            "is not drawn")
    for arrow in layout.arrows:
        name = f"{where}: message {arrow.number}"
        glyphs = line_glyphs(line_style_of(scenario, arrow.message), ascii=ascii)
        row = arrow.y * frame.width
        head = row + arrow.head_x
        if not (0 <= arrow.head_x < frame.width) or pic.role[head] != ARROW \
                or pic.chars[head] != glyphs.arrows[arrow.head]:
            problems.append(f"{name} has no arrowhead at x={arrow.head_x}")
        if arrow.source_x != arrow.target_x and \
                (arrow.head == "r") != (arrow.target_x > arrow.source_x):
            problems.append(f"{name} points away from its receiver")
        for x in arrow.shaft:
            if pic.role[row + x] != LINE or pic.chars[row + x] != glyphs.horizontal:
                problems.append(f"{name}'s line is broken at x={x}")
                break
        if arrow.y - 1 < HEADER_ROWS - 1 or not arrow.label.startswith(arrow.mark):
            problems.append(f"{name}'s label is missing its number {arrow.mark!r}")
        label_row = (arrow.y - 1) * frame.width
        end = arrow.label_x + len(cells(arrow.label))
        if end > frame.width or arrow.label_x < 0:
            problems.append(f"{name}'s label runs off the canvas")
            continue
        for x in range(arrow.label_x, end):
            if pic.role[label_row + x] not in (LABEL, NUMBER):
                problems.append(f"{name}'s label is crossed at x={x}")
                break
        text = "".join(pic.chars[label_row + x] for x in range(arrow.label_x, end))
        if text != arrow.label:
            problems.append(f"{name}'s label reads {text!r}, not {arrow.label!r}")
        if cell_len(arrow.label) > frame.width:
            problems.append(f"{name}'s label is wider than the canvas")
    return problems

