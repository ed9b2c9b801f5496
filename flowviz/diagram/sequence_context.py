"""Which of the neighbouring stops' messages a sequence diagram shows, for context.

A stop's sequence diagram may show, dimmed, the end of the previous stop above
its own messages and the start of the next stop below them, so the learner sees
where the exchange comes from and where it goes. This module only chooses: from
the rows left over once every one of the stop's own messages is placed, and the
lifelines that may be added without cutting any of the stop's own labels, it
takes the neighbours' messages nearest to the stop first (the previous stop's
last, then the next stop's first, then the previous stop's second-to-last …).
Each side stays a run next to the stop: once one of its messages cannot be
drawn, the farther ones are not drawn either, and the divider says how many of
how many are shown. :mod:`flowviz.diagram.sequence` places and paints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowviz.scenario.model import Message, Scenario, Stop

NumberedMessage = tuple[int, Message]
"""A message with its number in its own stop (1 for the first)."""


@dataclass(frozen=True, slots=True)
class ContextPlan:
    """The neighbours' messages to draw, in their own order, and the lifelines they add."""

    before: Stop | None
    """The previous stop when some of its messages are drawn, else None."""
    before_messages: tuple[NumberedMessage, ...]
    after: Stop | None
    after_messages: tuple[NumberedMessage, ...]
    extra_left: tuple[str, ...]
    """Services not taking part in the stop that the drawn messages need a lifeline
    for, as senders: drawn left of the stop's lifelines, so a request still points right."""
    extra_right: tuple[str, ...]
    """The same, as receivers: drawn right of the stop's lifelines."""

    @property
    def extra_services(self) -> tuple[str, ...]:
        """Every lifeline the plan adds."""
        return self.extra_left + self.extra_right

    @property
    def rows(self) -> int:
        """The rows the plan takes (dividers and two per message)."""
        rows = 2 * (len(self.before_messages) + len(self.after_messages))
        return rows + (2 if self.before else 0) + (1 if self.after else 0)


NO_CONTEXT = ContextPlan(None, (), None, (), (), ())


def plan_context(scenario: Scenario, stop: Stop, lifelines: list[str], spare_rows: int,
                 extra_allowed: int, rows_per_message: int) -> ContextPlan:
    """The neighbours' messages that fit in ``spare_rows`` with at most
    ``extra_allowed`` lifelines added to ``lifelines``, the nearest first."""
    stops = scenario.stops
    before = stops[stop.index - 1] if stop.index > 0 else None
    after = stops[stop.index + 1] if stop.index + 1 < len(stops) else None
    sides: list[list[NumberedMessage]] = [
        list(reversed(list(enumerate(before.messages, start=1)))) if before else [],
        list(enumerate(after.messages, start=1)) if after else [],
    ]
    # The first message of a side also pays for its divider (and, above the stop,
    # for the divider that then opens the stop's own messages).
    opening = (2, 1)
    chosen: list[list[NumberedMessage]] = [[], []]
    open_side = [bool(sides[0]), bool(sides[1])]
    on = set(lifelines)
    extra: dict[str, bool] = {}
    """Each added lifeline, and whether it goes left (its first message's sender)."""
    spare = spare_rows
    for k in range(max(len(sides[0]), len(sides[1]))):
        for side in (0, 1):
            if not open_side[side] or k >= len(sides[side]):
                continue
            number, message = sides[side][k]
            needed = list(dict.fromkeys(s for s in (message.source, message.target)
                                        if s not in on))
            cost = rows_per_message + (opening[side] if not chosen[side] else 0)
            if len(extra) + len(needed) > extra_allowed or cost > spare:
                open_side[side] = False  # keep each side a run next to the stop
                continue
            chosen[side].append((number, message))
            extra.update((s, s == message.source) for s in needed)
            on.update(needed)
            spare -= cost
    return ContextPlan(before if chosen[0] else None, tuple(reversed(chosen[0])),
                       after if chosen[1] else None, tuple(chosen[1]),
                       tuple(s for s, left in extra.items() if left),
                       tuple(s for s, left in extra.items() if not left))


def short_label(stop: Stop) -> str:
    """A stop's label as its step bar says it: ``5``, ``6a``, ``Initial state``."""
    if stop.step_number is None:
        return stop.label
    return f"{stop.step_number}{stop.phase or ''}"


def divider_text(stop: Stop, shown: int, *, before: bool) -> str:
    """What a neighbour's divider says: its label, its title and, when only part of
    its messages are drawn, which part (``last 2 of 5``)."""
    text = short_label(stop)
    if shown < len(stop.messages):  # before the title, so a cut title keeps it
        text += f" ({'last' if before else 'first'} {shown} of {len(stop.messages)})"
    return f"{text}: {stop.title}"
