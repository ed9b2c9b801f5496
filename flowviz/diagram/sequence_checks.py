"""The hard rules of a sequence diagram, as checks the tests run on every stop.

Each check reads the painted frame back (its cells and roles), so a change to
the layout or the painting that breaks a rule is caught: the frame is exactly
the canvas, every message is drawn or counted as left out, each arrow has its
head next to its receiver pointing at it, no line runs through a label, ASCII
mode draws its lines, arrowheads and numbers in ASCII and NO_COLOR frames carry no colour.
With neighbours drawn for context, the same rules hold for their arrows (in the
faint glyphs, without numbers), every divider says its text on a row of its
own, nothing shares a row, only the stops either side are drawn and the stop
keeps every arrow and label cell it has without them.
"""

from __future__ import annotations

from rich.cells import cell_len

from flowviz.diagram.frame import Frame
from flowviz.diagram.labels import cells, fit, sanitize
from flowviz.diagram.paint import ARROW, LABEL, LINE, NUMBER
from flowviz.diagram.palette import line_glyphs
from flowviz.diagram.sequence import HEADER_ROWS, Arrow, SequenceLayout, sequence_layout
from flowviz.diagram.sequence_paint import context_glyphs, line_style_of, sequence_frame
from flowviz.scenario.model import Scenario, Stop


def sequence_violations(scenario: Scenario, stop: Stop, width: int, height: int, *,
                        ascii: bool = False, color: bool = True,
                        neighbours: bool = False) -> list[str]:
    """Every broken rule of ``stop``'s sequence diagram at this size (empty: all good);
    with ``neighbours``, of the diagram that shows its neighbours for context."""
    layout = sequence_layout(scenario, stop, width, height, ascii=ascii,
                             neighbours=neighbours)
    frame = sequence_frame(scenario, stop, width, height, ascii=ascii, color=color,
                           neighbours=neighbours)
    problems = _check(scenario, stop, frame, layout, ascii=ascii, color=color)
    if neighbours:
        plain = sequence_layout(scenario, stop, width, height, ascii=ascii)
        problems += _check_context(stop, frame, layout, plain)
    return problems


def _check_context(stop: Stop, frame: Frame, layout: SequenceLayout,
                   plain: SequenceLayout) -> list[str]:
    """The rules only a diagram with its neighbours drawn can break."""
    problems: list[str] = []
    where = f"{stop.label} at {frame.width}x{frame.height} with neighbours"
    if len(layout.arrows) != len(plain.arrows) or layout.note != plain.note:
        problems.append(f"{where}: {len(layout.arrows)} of its own arrows, "
                        f"not {len(plain.arrows)}")
    for new, old in zip(layout.arrows, plain.arrows, strict=False):
        if cell_len(new.label) < cell_len(old.label):
            problems.append(f"{where}: message {new.number}'s label is cut for context")
    if [line.label for line in layout.lifelines if not line.context] != \
            [line.label for line in plain.lifelines]:
        problems.append(f"{where}: its own lifeline labels change for context")
    for arrow in layout.context_arrows:
        if arrow.context_of not in (stop.index - 1, stop.index + 1) or arrow.mark:
            problems.append(f"{where}: context arrow {arrow.element} is not a numberless "
                            "message of a neighbouring stop")
    rows: list[int] = [d.y for d in layout.dividers]
    for arrow in (*layout.arrows, *layout.context_arrows):
        rows += [arrow.y - 1, arrow.y]
    if len(rows) != len(set(rows)) or any(not HEADER_ROWS <= y < frame.height for y in rows):
        problems.append(f"{where}: rows shared or off the canvas: {sorted(rows)}")
    for divider in layout.dividers:
        # The stop's label at least, as painted, however narrow the canvas.
        start = fit(f" {sanitize(divider.text)} ", max(0, frame.width - 2)).strip()[:8]
        if not 0 <= divider.y < frame.height or start not in frame.lines[divider.y].plain:
            problems.append(f"{where}: the divider {divider.text!r} is not drawn")
    if layout.context_arrows and not layout.dividers:
        problems.append(f"{where}: neighbours drawn without a divider")
    return problems


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
    for arrow in (*layout.arrows, *layout.context_arrows):
        problems += _check_arrow(scenario, frame, arrow, where, ascii=ascii)
    return problems


def _check_arrow(scenario: Scenario, frame: Frame, arrow: Arrow, where: str, *,
                 ascii: bool) -> list[str]:
    """An arrow's head, line and label, read back from the frame."""
    problems: list[str] = []
    pic = frame._picture
    name = f"{where}: message {arrow.element}"
    glyphs = (context_glyphs(ascii=ascii) if arrow.context_of >= 0 else
              line_glyphs(line_style_of(scenario, arrow.message), ascii=ascii))
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
        return problems
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

