"""The sequence diagram of one stop: who says what to whom, in order.

Where the topology answers "where", this picture answers "in what order, and
what is said": one lifeline per service taking part in the stop (its host named
above it), then one arrow per message, top to bottom, numbered like the
topology's messages (① ② …), in its type's line style and colour and labelled
with its wire text, shortened to fit. A reply points back (right to left).

It is laid out here (:func:`sequence_layout`, pure positions the checks reuse)
and painted by :mod:`flowviz.diagram.sequence_paint` into the same
:class:`~flowviz.diagram.paint.Picture` cells the topology uses, so every
renderer shows it unchanged. When the canvas is short, the last row says how
many messages are left out (never silently).

**Neighbours, for context** (``neighbours=True``: the walkthrough's ``y``,
``flowviz show --sequence --step N``, ``flowviz export --sequence``; not the
whole flow, which already shows every stop). The end of the previous stop is
drawn above the stop's messages and the start of the next stop below them, each
after a divider naming that stop (``┈┈ 5: Process API request ┈┈``, dotted; the
stop's own opens with a light rule ``── 6a: … ──`` when something is above it).
Their arrows are dim and dotted whatever their type, and carry no ① ② (those,
and the messages panel, are the stop's own). Space goes to the stop first: the
neighbours only get rows left over once every one of its messages is placed
(none when some are left out), the nearest first
(:mod:`flowviz.diagram.sequence_context`). Lifelines: the stop's participants,
then, dotted (``┊``), a neighbour's services that are not among them (left of
them when the first such message sends from it, so requests still point right;
else right of them), as many as fit without changing any lifeline label of the
stop's own; a neighbour's message that would need one more is not drawn, nor are the
farther ones of that side, and the divider says ``last 2 of 3``. A layout with
neighbours is kept only if each of the stop's own labels is at least as long as
without them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from flowviz.diagram.labels import fit, sanitize
from flowviz.diagram.marks import message_number
from flowviz.diagram.sequence_context import (
    NO_CONTEXT,
    ContextPlan,
    divider_text,
    plan_context,
    short_label,
)
from flowviz.scenario.model import Host, Message, Scenario, Service, Stop

HEADER_ROWS = 2
"""The host row and the service-label row above the lifelines."""
ROWS_PER_MESSAGE = 2
"""A label row, then the arrow row under it."""
MIN_COLUMN = 4
"""The narrowest column a lifeline gets (its label is then cut to 3 cells)."""
LEFT_PREFERENCE = 10
"""How many cells more a label must gain before it is set right-aligned."""
@dataclass(frozen=True, slots=True)
class Lifeline:
    """A service's column: its x, the label drawn above it and its host's id."""

    service: str
    x: int
    label: str
    host: str
    context: bool = False
    """Drawn faintly (``┊``): only a neighbouring stop's messages need it."""


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
    """The number mark the label starts with (``①`` or ``(1)``; none for context)."""
    context_of: int = -1
    """For a neighbouring stop's message, that stop's index; -1 for the stop's own."""

    @property
    def element(self) -> str:
        """The element id the arrow and its label are owned by in the picture."""
        if self.context_of < 0:
            return message_element(self.number)
        return f"context-{self.context_of}-{self.number}"

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
class Divider:
    """A rule across the lifelines naming the stop whose messages follow it."""

    y: int
    text: str
    current: bool
    """The stop's own (a light rule, bold text) or a neighbour's (dotted, dim)."""


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
    dividers: tuple[Divider, ...] = ()
    context_arrows: tuple[Arrow, ...] = ()
    """The neighbouring stops' messages drawn for context, top down."""


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


def _name_in(room: int, ident: str, item: Service | Host | None) -> str:
    """``item``'s label, else its short label, else the short one cut to ``room``."""
    full = sanitize(item.label) if item else ident
    short = sanitize(item.short) if item else ident
    for text in (full, short):
        if text and cell_len(text) <= room:
            return text
    return fit(short or full, room)


def _service_label(scenario: Scenario, service_id: str, room: int) -> str:
    return _name_in(room, service_id, scenario.services.get(service_id))


def _host_label(scenario: Scenario, host_id: str, room: int) -> str:
    return _name_in(room, host_id, scenario.hosts.get(host_id))


def _note(hidden_messages: int, hidden_services: int) -> str:
    parts = []
    if hidden_messages:
        parts.append(f"{hidden_messages} more message{'s' if hidden_messages != 1 else ''}")
    if hidden_services:
        parts.append(f"{hidden_services} more service{'s' if hidden_services != 1 else ''}")
    return " · ".join(parts) + " (see the messages panel)" if parts else ""


def sequence_layout(scenario: Scenario, stop: Stop, width: int, height: int, *,
                    ascii: bool = False, neighbours: bool = False) -> SequenceLayout:
    """Place the lifelines, host names, arrows and labels of ``stop``; with
    ``neighbours``, the neighbouring stops' messages too where they fit without
    costing the stop any of its own arrows or label cells."""
    services = participants(stop)
    max_columns = max(1, width // MIN_COLUMN)
    shown, dropped = services[:max_columns], len(services) - max_columns
    plain = _place(scenario, stop, width, height, shown, max(0, dropped), NO_CONTEXT,
                   ascii=ascii)
    if not neighbours or plain.note:
        return plain  # the stop's own messages come first: no room for context
    spare = max(0, height - HEADER_ROWS) - ROWS_PER_MESSAGE * len(plain.arrows)
    for allowed in range(_lifeline_room(scenario, plain), -1, -1):
        plan = plan_context(scenario, stop, shown, spare, allowed, ROWS_PER_MESSAGE)
        if plan.before is None and plan.after is None:
            break
        layout = _place(scenario, stop, width, height, shown, 0, plan, ascii=ascii)
        if _keeps_the_stop(plain, layout):
            return layout
    return plain


def _lifeline_room(scenario: Scenario, plain: SequenceLayout) -> int:
    """How many lifelines may be added before a label of the stop's own would change."""
    room = 0
    current = len(plain.lifelines)
    for total in range(current + 1, plain.width // MIN_COLUMN + 1):
        column = plain.width // total
        if any(_service_label(scenario, line.service, column - 1) != line.label
               for line in plain.lifelines):
            break
        room = total - current
    return room


def _keeps_the_stop(plain: SequenceLayout, layout: SequenceLayout) -> bool:
    """Whether ``layout`` draws every arrow, lifeline label and label cell of ``plain``."""
    if [line.label for line in layout.lifelines if not line.context] != \
            [line.label for line in plain.lifelines] or len(layout.arrows) != len(plain.arrows):
        return False
    return all(cell_len(new.label) >= cell_len(old.label)
               for new, old in zip(layout.arrows, plain.arrows, strict=True))


def _host_spans(scenario: Scenario, lifelines: list[Lifeline], column: int) -> list[HostSpan]:
    """One host name over each run of adjacent lifelines on the same host."""
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
    return hosts


def _arrow(number: int, message: Message, xs: dict[str, int], y: int, width: int,
           mark: str, context_of: int) -> Arrow:
    """One message's arrow on row ``y``, its label (``mark`` first) on the row above."""
    source_x, target_x = xs[message.source], xs[message.target]
    text = f"{mark} {sanitize(message.wire)}".strip() if mark else sanitize(message.wire)
    low, high = min(source_x, target_x), max(source_x, target_x)
    right_room = width - (low + 1)
    # Start the label at the left lifeline (it reads from there) unless it is cut
    # and there is clearly more room ending at the right one.
    if cell_len(text) <= right_room or high <= right_room + LEFT_PREFERENCE or low == high:
        label = fit(text, right_room)
        label_x = low + 1
    else:  # more room to the left: end the label just before the right lifeline
        label = fit(text, high)
        label_x = high - cell_len(label)
    if cell_len(label) < cell_len(mark):
        label = fit(mark, max(0, right_room))
    return Arrow(number, message, source_x, target_x, y, label, label_x, mark, context_of)


def _place(scenario: Scenario, stop: Stop, width: int, height: int, shown: list[str],
           dropped: int, plan: ContextPlan, *, ascii: bool) -> SequenceLayout:
    """The layout with the lifelines of ``shown`` and of ``plan``, rows top down:
    the previous stop's messages, the stop's own, the next stop's."""
    services = [*plan.extra_left, *shown, *plan.extra_right]
    column = width // len(services) if services else width
    lifelines = []
    for i, service_id in enumerate(services):
        service = scenario.services.get(service_id)
        lifelines.append(Lifeline(service_id, i * column + column // 2,
                                  _service_label(scenario, service_id, column - 1),
                                  service.host if service else "",
                                  context=service_id not in shown))
    xs = {line.service: line.x for line in lifelines}
    drawable = [(n, m) for n, m in enumerate(stop.messages, start=1)
                if m.source in xs and m.target in xs]
    # Messages: two rows each; the last row says what did not fit.
    rows = max(0, height - HEADER_ROWS)
    capacity = rows // ROWS_PER_MESSAGE
    if len(drawable) > capacity or len(drawable) < len(stop.messages) or dropped:
        capacity = max(0, (rows - 1) // ROWS_PER_MESSAGE)
    y = HEADER_ROWS
    dividers: list[Divider] = []
    context: list[Arrow] = []
    if plan.before is not None:
        dividers.append(Divider(y, divider_text(plan.before, len(plan.before_messages),
                                                before=True), current=False))
        y += 1
        for number, message in plan.before_messages:
            context.append(_arrow(number, message, xs, y + 1, width, "", plan.before.index))
            y += ROWS_PER_MESSAGE
        dividers.append(Divider(y, f"{short_label(stop)}: {stop.title}", current=True))
        y += 1
    arrows = []
    for number, message in drawable[:capacity]:
        arrows.append(_arrow(number, message, xs, y + 1, width,
                             message_number(number, ascii=ascii), -1))
        y += ROWS_PER_MESSAGE
    if plan.after is not None:
        dividers.append(Divider(y, divider_text(plan.after, len(plan.after_messages),
                                                before=False), current=False))
        y += 1
        for number, message in plan.after_messages:
            context.append(_arrow(number, message, xs, y + 1, width, "", plan.after.index))
            y += ROWS_PER_MESSAGE
    hidden = len(stop.messages) - len(arrows)
    return SequenceLayout(width, height, tuple(lifelines),
                          tuple(_host_spans(scenario, lifelines, column)), tuple(arrows),
                          hidden, dropped, _note(hidden, dropped), tuple(dividers),
                          tuple(context))


def sequence_height(scenario: Scenario, stop: Stop, width: int, *, ascii: bool = False,
                    neighbours: bool = False) -> int:
    """The rows ``stop``'s sequence diagram needs at ``width`` to show every message
    (with ``neighbours``, and every neighbour's message that gets a lifeline)."""
    height = natural_height(stop)
    if not neighbours:
        return height
    stops = scenario.stops
    around = [stops[i] for i in (stop.index - 1, stop.index + 1) if 0 <= i < len(stops)]
    tall = height + sum(2 + ROWS_PER_MESSAGE * len(s.messages) for s in around)
    layout = sequence_layout(scenario, stop, width, tall, ascii=ascii, neighbours=True)
    rows = [HEADER_ROWS] + [a.y + 1 for a in (*layout.arrows, *layout.context_arrows)]
    return max(rows) + 1


def natural_height(stop: Stop) -> int:
    """The rows ``stop``'s sequence diagram needs to show every message (and a last
    row of lifeline below the last arrow)."""
    return HEADER_ROWS + ROWS_PER_MESSAGE * len(stop.messages) + 1


def message_element(number: int) -> str:
    """The element id a message's arrow is owned by in the picture."""
    return f"message-{number}"
