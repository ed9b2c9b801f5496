"""Flatten a scenario's steps and phases into the walkthrough's stops.

Kept apart from :mod:`flowviz.scenario.model` so the model stays declarations only; the
instance state is accumulated here, stop after stop, so each stop carries the
whole state and which fields changed on arriving there.
"""

from __future__ import annotations

from collections.abc import Iterable

from flowviz import record
from flowviz.scenario.model import (
    Counterpart,
    InstanceState,
    Message,
    Question,
    Scenario,
    Source,
    Stop,
)


def with_stops(scenario: Scenario) -> Scenario:
    """``scenario`` with its :attr:`~Scenario.stops` built from its steps."""
    return record.replace(scenario, stops=build_stops(scenario))


class _StateTracker:
    """Carries the instance state from stop to stop."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self._fields = fields
        self._values: dict[str, str | None] = {}

    def apply(self, changes: Iterable[tuple[str, str | None]]) -> InstanceState:
        changed: set[str] = set()
        for name, value in changes:
            if self._values.get(name, None) != value or name not in self._values:
                changed.add(name)
            self._values[name] = value
        ordered = tuple(
            (name, self._values[name]) for name in self._fields if name in self._values
        )
        return InstanceState(values=ordered, changed=frozenset(changed))


def build_stops(scenario: Scenario) -> tuple[Stop, ...]:
    """The initial state, every step or phase in order, then the final state."""
    tracker = _StateTracker(scenario.meta.state_fields)
    stops: list[Stop] = []
    previous_active: set[str] = set()

    def add(
        label: str,
        step_number: int | None,
        phase: str | None,
        title: str,
        narration: str,
        notes: str,
        services: tuple[str, ...],
        messages: tuple[Message, ...],
        state: tuple[tuple[str, str | None], ...],
        sources: tuple[Source, ...],
        caveat: str | None,
        counterpart: Counterpart | None = None,
        questions: tuple[Question, ...] = (),
    ) -> None:
        nonlocal previous_active
        active = set(services)
        active.update(m.source for m in messages)
        active.update(m.target for m in messages)
        talking = (end for m in messages for end in (m.source, m.target))
        ordered_active = tuple(dict.fromkeys((*services, *talking)))
        new = tuple(s for s in ordered_active if s not in previous_active)
        stops.append(
            Stop(
                index=len(stops),
                label=label,
                step_number=step_number,
                phase=phase,
                title=title,
                narration=narration,
                notes=notes,
                services=ordered_active,
                messages=messages,
                state=tracker.apply(state),
                sources=sources,
                caveat=caveat,
                new_services=new if stops else (),
                counterpart=counterpart,
                questions=questions,
            )
        )
        previous_active = active

    initial = scenario.initial
    add(
        "Initial state",
        None,
        None,
        initial.title,
        initial.narration,
        initial.notes,
        initial.services,
        (),
        initial.state,
        (),
        None,
    )
    for step in scenario.steps:
        if not step.phases:
            add(
                f"Step {step.number}",
                step.number,
                None,
                step.title,
                step.narration,
                step.notes,
                step.services,
                step.messages,
                step.state,
                step.sources,
                step.caveat,
                step.counterpart,
                step.questions,
            )
            continue
        for phase in step.phases:
            add(
                f"Step {step.number}{phase.label}",
                step.number,
                phase.label,
                phase.title,
                phase.narration,
                phase.notes or step.notes,
                phase.services,
                phase.messages,
                (*step.state, *phase.state) if phase is step.phases[0] else phase.state,
                step.sources,
                step.caveat,
                phase.counterpart or step.counterpart,
                phase.questions or (step.questions if phase is step.phases[0] else ()),
            )
    final = scenario.final
    add(
        "Final state",
        None,
        None,
        final.title,
        final.narration,
        final.notes,
        final.services,
        (),
        final.state,
        (),
        None,
    )
    return tuple(stops)
