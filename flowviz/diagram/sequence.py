"""The sequence diagram of one stop: who says what to whom, in order.

Where the topology answers "where", this picture answers "in what order, and
what is said": one lifeline per service taking part in the stop (its host named
above it), then one arrow per message, top to bottom, numbered like the
topology's messages (① ② …), in its type's line style and colour and labelled
with its wire text, shortened to fit. A reply points back (right to left).

It is laid out (:func:`sequence_layout`, pure positions the checks reuse) and
painted into the same :class:`~flowviz.diagram.paint.Picture` cells the topology
uses, so :func:`flowviz.diagram.frame.render` styles it with the same rules
(colour or NO_COLOR) and every renderer shows it unchanged. When the canvas is
short, the last row says how many messages are left out (never silently).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from flowviz.diagram.frame import Frame, render
from flowviz.diagram.labels import cells, fit, sanitize
from flowviz.diagram.marks import message_number
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
from flowviz.diagram.palette import line_glyphs
from flowviz.scenario.model import LineStyle, Message, Scenario, Stop

HEADER_ROWS = 2
"""The host row and the service-label row above the lifelines."""
ROWS_PER_MESSAGE = 2
"""A label row, then the arrow row under it."""
MIN_COLUMN = 4
"""The narrowest column a lifeline gets (its label is then cut to 3 cells)."""
LEFT_PREFERENCE = 10
"""How many cells more a label must gain before it is set right-aligned."""
LIFELINE = ("│", "|")
HOST_RULE = ("─", "-")


@dataclass(frozen=True, slots=True)
class Lifeline:
    """A service's column: its x, the label drawn above it and its host's id."""

    service: str
    x: int
    label: str
    host: str


@dataclass(frozen=True, slots=True)
class Arrow:
    """One message drawn: its number, label and where they sit."""

    number: int
    message: Message
    source_x: int
    target_x: int
    y: int
    """The arrow's row; its label is on the row above."""
    label: str
    label_x: int
    mark: str
    """The number mark the label starts with (``①`` or ``(1)``)."""

    @property
    def head_x(self) -> int:
        """The arrowhead's cell: next to the target's lifeline, on the source's side."""
        if self.target_x == self.source_x:
            return self.target_x + 1  # a message to itself comes back from the right
        return self.target_x - 1 if self.target_x > self.source_x else self.target_x + 1

    @property
    def head(self) -> str:
        """The arrowhead's direction key in :class:`~flowviz.diagram.palette.LineGlyphs`."""
        return "r" if self.target_x > self.source_x else "l"

    @property
    def shaft(self) -> range:
        """The cells of the line between the lifelines, the head excluded."""
        if self.target_x > self.source_x:
            return range(self.source_x + 1, self.head_x)
        if self.target_x < self.source_x:
            return range(self.head_x + 1, self.source_x)
        return range(self.head_x + 1, self.head_x + 3)


@dataclass(frozen=True, slots=True)
class HostSpan:
    """A host named above the adjacent lifelines it runs."""

    host: str
    x0: int
    x1: int
    """First and last cell of the span (inclusive)."""
    label: str
    label_x: int


@dataclass(frozen=True, slots=True)
class SequenceLayout:
    """Where everything of one stop's sequence diagram goes on a ``width``×``height`` canvas."""

    width: int
    height: int
    lifelines: tuple[Lifeline, ...]
    hosts: tuple[HostSpan, ...]
    arrows: tuple[Arrow, ...]
    hidden_messages: int
    """Messages not drawn (no room): said on the last row."""
    hidden_services: int
    """Lifelines not drawn (too many for the width): said on the last row too."""
    note: str
    """The last row's note (empty when everything is drawn)."""


def participants(stop: Stop) -> list[str]:
    """The services taking part: in order of first appearance in the messages, then
    the stop's other active services."""
    order: dict[str, None] = {}
    for message in stop.messages:
        order.setdefault(message.source)
        order.setdefault(message.target)
    for service in stop.services:
        order.setdefault(service)
    return list(order)


def _service_label(scenario: Scenario, service_id: str, room: int) -> str:
    service = scenario.services.get(service_id)
    full = sanitize(service.label) if service else service_id
    short = sanitize(service.short) if service else service_id
    for text in (full, short):
        if text and cell_len(text) <= room:
            return text
    return fit(short or full, room)


def _host_label(scenario: Scenario, host_id: str, room: int) -> str:
    host = scenario.hosts.get(host_id)
    full = sanitize(host.label) if host else host_id
    short = sanitize(host.short) if host else host_id
    for text in (full, short):
        if text and cell_len(text) <= room:
            return text
    return fit(short or full, room)


def _note(hidden_messages: int, hidden_services: int) -> str:
    parts = []
    if hidden_messages:
        parts.append(f"{hidden_messages} more message{'s' if hidden_messages != 1 else ''}")
    if hidden_services:
        parts.append(f"{hidden_services} more service{'s' if hidden_services != 1 else ''}")
    return " · ".join(parts) + " (see the messages panel)" if parts else ""


def sequence_layout(scenario: Scenario, stop: Stop, width: int, height: int, *,
                    ascii: bool = False) -> SequenceLayout:
    """Place the lifelines, host names, arrows and labels of ``stop``."""
    services = participants(stop)
    columns = min(len(services), max(1, width // MIN_COLUMN))
    shown, dropped = services[:columns], services[columns:]
    column = width // columns if columns else width
    lifelines = []
    for i, service_id in enumerate(shown):
        service = scenario.services.get(service_id)
        lifelines.append(Lifeline(service_id, i * column + column // 2,
                                  _service_label(scenario, service_id, column - 1),
                                  service.host if service else ""))
    # Hosts: one name over each run of adjacent lifelines on the same host.
    hosts: list[HostSpan] = []
    i = 0
    while i < len(lifelines):
        j = i
        while j + 1 < len(lifelines) and lifelines[j + 1].host == lifelines[i].host:
            j += 1
        left, right = i * column, (j + 1) * column - 1  # the run's columns, less a gap
        x0, x1 = (lifelines[i].x, lifelines[j].x) if j > i else (left, right - 1)
        label = _host_label(scenario, lifelines[i].host, right - left)
        centre = (x0 + x1) // 2
        label_x = max(left, min(centre - cell_len(label) // 2, right - cell_len(label)))
        hosts.append(HostSpan(lifelines[i].host, x0, x1, label, label_x))
        i = j + 1
    # Messages: two rows each; the last row says what did not fit.
    xs = {line.service: line.x for line in lifelines}
    drawable = [(n, m) for n, m in enumerate(stop.messages, start=1)
                if m.source in xs and m.target in xs]
    rows = max(0, height - HEADER_ROWS)
    capacity = rows // ROWS_PER_MESSAGE
    if len(drawable) > capacity or len(drawable) < len(stop.messages) or dropped:
        capacity = max(0, (rows - 1) // ROWS_PER_MESSAGE)
    arrows = []
    for k, (number, message) in enumerate(drawable[:capacity]):
        y = HEADER_ROWS + k * ROWS_PER_MESSAGE + 1
        source_x, target_x = xs[message.source], xs[message.target]
        mark = message_number(number, ascii=ascii)
        text = f"{mark} {sanitize(message.wire)}".rstrip()
        low, high = min(source_x, target_x), max(source_x, target_x)
        right_room = width - (low + 1)
        # Start the label at the left lifeline (it reads from there) unless it is cut
        # and there is clearly more room ending at the right one.
        if (cell_len(text) <= right_room or high <= right_room + LEFT_PREFERENCE
                or low == high):
            label = fit(text, right_room)
            label_x = low + 1
        else:  # more room to the left: end the label just before the right lifeline
            label = fit(text, high)
            label_x = high - cell_len(label)
        if cell_len(label) < cell_len(mark):
            label = fit(mark, max(0, right_room))
        arrows.append(Arrow(number, message, source_x, target_x, y, label, label_x, mark))
    hidden = len(stop.messages) - len(arrows)
    return SequenceLayout(width, height, tuple(lifelines), tuple(hosts), tuple(arrows),
                          hidden, len(dropped), _note(hidden, len(dropped)))


def natural_height(stop: Stop) -> int:
    """The rows ``stop``'s sequence diagram needs to show every message (and a last
    row of lifeline below the last arrow)."""
    return HEADER_ROWS + ROWS_PER_MESSAGE * len(stop.messages) + 1


def message_element(number: int) -> str:
    """The element id a message's arrow is owned by in the picture."""
    return f"message-{number}"


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
        for y in range(HEADER_ROWS, height):
            put(line.x, y, LIFELINE[ascii], LINE, lifeline)
    for arrow in layout.arrows:
        owner = pic.element("link", message_element(arrow.number))
        glyphs = line_glyphs(line_style_of(scenario, arrow.message), ascii=ascii)
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
                   ascii: bool = False, color: bool = True) -> Frame:
    """The sequence diagram of ``stop`` as a frame of exactly ``width``×``height`` cells."""
    layout = sequence_layout(scenario, stop, width, height, ascii=ascii)
    pic = paint_sequence(scenario, layout, ascii=ascii)
    colors = {}
    for arrow in layout.arrows:
        mtype = scenario.message_types.get(arrow.message.type)
        colors[message_element(arrow.number)] = mtype.color if mtype else "grey"
    return render(pic, active=[line.service for line in layout.lifelines],
                  new=stop.new_services, lit=list(colors), link_colors=colors,
                  light_all=False, color=color)
