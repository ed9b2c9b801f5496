"""Counterparts: a step's twin in another scenario (the same job, another era).

A step or phase may say ``counterpart: {scenario: ID, step: 7}`` (or ``steps:
["7", "8"]``, or a phase label such as ``"6b"``). Two things live here:

* :func:`check_counterparts`, run by the loader: when ``ID`` is a bundled
  scenario (or this scenario itself), every named step, and phase, must exist
  there. Only the other scenario's step numbers and phase labels are read, from
  its YAML, so loading one scenario never loads another (and two scenarios that
  name each other cannot recurse). An id that is not bundled is not checked: it
  may be a folder of the user's own.
* :func:`counterpart_targets`, a pure function for the walkthrough: given a
  scenario and one of its stops, the ``(scenario id, stop label)`` pairs to jump
  to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from flowviz.errors import Problem, ScenarioError
from flowviz.scenario.bundled import bundled_path
from flowviz.scenario.files import YamlError
from flowviz.scenario.model import Counterpart, Scenario, Stop
from flowviz.scenario.yamlsafe import Document, PathKey, parse

_REF = re.compile(r"^([1-9][0-9]*)([a-j]?)$")

StepIndex = dict[int, tuple[str, ...]]
"""Step number → its phase labels (empty for a step without phases)."""


def split_ref(ref: str) -> tuple[int, str | None]:
    """``"6b"`` → ``(6, "b")``; ``"7"`` → ``(7, None)``. Raises ValueError otherwise."""
    match = _REF.match(str(ref))
    if match is None:
        raise ValueError(f"not a step reference: {ref!r}")
    return int(match.group(1)), match.group(2) or None


def _index_of_data(data: Any) -> StepIndex:
    index: StepIndex = {}
    steps = data.get("steps") if isinstance(data, dict) else None
    for step in steps if isinstance(steps, list) else ():
        if not isinstance(step, dict) or not isinstance(step.get("number"), int):
            continue
        phases = step.get("phases")
        labels = tuple(
            p["label"]
            for p in (phases if isinstance(phases, list) else ())
            if isinstance(p, dict) and isinstance(p.get("label"), str)
        )
        index[step["number"]] = labels
    return index


def bundled_step_index(scenario_id: str) -> StepIndex | None:
    """The step numbers and phase labels of a bundled scenario, or None if unknown.

    From the validated-scenario cache when that scenario was opened before (its
    files unchanged); else from its YAML (~14 ms for the modern OpenStack one)."""
    from flowviz.scenario.loader import read_scenario
    from flowviz.scenario.validated_cache import recall

    folder = bundled_path(scenario_id)
    if folder is None:
        return None
    try:  # as the loader reads it: its digest is the cache's key
        _, files, texts, key = read_scenario(folder)
    except ScenarioError:
        return {}
    known = recall(key)
    if known is not None:
        return _index_of_data(known[0])
    index: StepIndex = {}
    for file, text in zip(files, texts, strict=True):
        try:
            document = parse(text, str(file))
        except YamlError:
            continue
        index.update(_index_of_data(document.data))
    return index


def _own_id(data: dict[str, Any]) -> str | None:
    meta = data.get("scenario")
    ident = meta.get("id") if isinstance(meta, dict) else None
    return ident if isinstance(ident, str) else None


def _counterpart_items(data: dict[str, Any]) -> Iterator[tuple[PathKey, dict[str, Any]]]:
    steps = data.get("steps")
    for s, step in enumerate(steps if isinstance(steps, list) else ()):
        if not isinstance(step, dict):
            continue
        if isinstance(step.get("counterpart"), dict):
            yield ("steps", s, "counterpart"), step["counterpart"]
        phases = step.get("phases")
        for p, phase in enumerate(phases if isinstance(phases, list) else ()):
            if isinstance(phase, dict) and isinstance(phase.get("counterpart"), dict):
                yield ("steps", s, "phases", p, "counterpart"), phase["counterpart"]


def check_counterparts(
    data: dict[str, Any], owner: dict[str, Document], *, fallback: Document
) -> list[Problem]:
    """Every counterpart naming a step or phase its (bundled or own) scenario lacks."""
    problems: list[Problem] = []
    indexes: dict[str, StepIndex | None] = {}
    own = _own_id(data)

    def report(path: PathKey, message: str) -> None:
        document = owner.get(str(path[0]), fallback)
        line, column = document.locate(path)
        problems.append(Problem(document.path, message, line, column))

    for path, value in _counterpart_items(data):
        target = value.get("scenario")
        if not isinstance(target, str):
            continue
        if target not in indexes:
            indexes[target] = _index_of_data(data) if target == own else bundled_step_index(target)
        index = indexes[target]
        if index is None:
            continue
        if "steps" in value and isinstance(value["steps"], list):
            refs = [((*path, "steps", n), ref) for n, ref in enumerate(value["steps"])]
        else:
            refs = [((*path, "step"), value.get("step"))]
        for where, ref in refs:
            if isinstance(ref, bool) or not isinstance(ref, int | str):
                continue
            try:
                number, phase = split_ref(str(ref))
            except ValueError:
                continue  # the schema reports the shape
            if number not in index:
                last = max(index, default=0)
                report(where, f"scenario {target!r} has no step {number} (its steps are 1..{last})")
            elif phase is not None and phase not in index[number]:
                labels = ", ".join(index[number]) or "none"
                report(
                    where,
                    f"step {number} of scenario {target!r} has no phase {phase!r} "
                    f"(its phases: {labels})",
                )
    return problems


def _label(ref: str, target: Scenario | None) -> str:
    number, phase = split_ref(ref)
    if phase is None and target is not None:
        # A step with phases has no stop of its own: land on its first phase.
        for stop in target.stops:
            if stop.step_number == number:
                return stop.label
    return f"Step {number}{phase or ''}"


def counterpart_targets(
    scenario: Scenario,
    stop: Stop,
    others: Mapping[str, Scenario] | None = None,
) -> tuple[tuple[str, str], ...]:
    """Where the counterpart key leads from ``stop``: ``(scenario id, stop label)`` pairs.

    In the order the scenario names them; empty when the stop names none (the
    initial and final states never do). Labels are those of
    :attr:`Scenario.stops` (``"Step 7"``, ``"Step 6b"``). A plain step number whose
    step has phases becomes its first phase (``"Step 6a"``) when the target
    scenario is given in ``others`` (by id; ``scenario`` itself is always known),
    and stays ``"Step 6"`` otherwise.
    """
    counterpart: Counterpart | None = stop.counterpart
    if counterpart is None:
        return ()
    known = dict(others or {})
    known.setdefault(scenario.meta.id, scenario)
    target = known.get(counterpart.scenario)
    return tuple((counterpart.scenario, _label(ref, target)) for ref in counterpart.steps)
