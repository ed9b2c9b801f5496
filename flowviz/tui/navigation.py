"""Where the walkthrough stands: parsing ``--step`` and naming a stop for the header.

Plain functions over the model (no Textual), so the CLI can reject a bad
``--step`` before the app starts and tests need no app to check them.
"""

from __future__ import annotations

from flowviz.errors import UserError
from flowviz.scenario.model import Scenario, Stop


def find_stop(scenario: Scenario, spec: str) -> int | None:
    """The index of the stop ``spec`` names ('3', '6b', 'initial', 'final'), or None."""
    text = spec.strip().lower()
    stops = scenario.stops
    if text in ("initial", "start", "i"):
        return 0
    if text in ("final", "end", "f"):
        return len(stops) - 1
    for stop in stops:
        if stop.step_number is None:
            continue
        if text == f"{stop.step_number}{stop.phase or ''}".lower():
            return stop.index
    if text.isdigit():
        number = int(text)
        for stop in stops:
            if stop.step_number == number:
                return stop.index
    return None


def resolve_step(scenario: Scenario, spec: str | None) -> int:
    """The starting stop for ``--step`` (None: the initial state); UserError if unknown."""
    if spec is None:
        return 0
    index = find_stop(scenario, spec)
    if index is None:
        numbers = [s.number for s in scenario.steps]
        span = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
        raise UserError(
            f"--step {spec!r}: no such step (steps {span}, a phase such as '6b', "
            "'initial' or 'final')"
        )
    return index


def stop_key(stop: Stop) -> str:
    """The short name of a stop as a learner would type it: '3', '6b', 'initial', 'final'."""
    if stop.step_number is None:
        return "initial" if stop.index == 0 else "final"
    return f"{stop.step_number}{stop.phase or ''}"


def position_label(scenario: Scenario, stop: Stop) -> str:
    """'Step 6a of 15', 'Initial state' or 'Final state'."""
    if stop.step_number is None:
        return stop.label
    return f"Step {stop.step_number}{stop.phase or ''} of {len(scenario.steps)}"


def tick_label(stop: Stop, last: bool) -> str:
    """The step bar's short label of a stop."""
    if stop.step_number is None:
        return "End" if last else "Start"
    return f"{stop.step_number}{stop.phase or ''}"
