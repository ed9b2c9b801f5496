"""What the presenter, its notes terminals and browser followers share, without Textual.

Plain functions over the model: how a presenter names its scenario so a notes
terminal can load the same one, how elapsed time reads on a projector, the
first sentence of a narration for the "next up" preview, and what a typed
step number means. The apps in :mod:`flowviz.tui.present` and
:mod:`flowviz.tui.notes` only wire keys and widgets to these.
"""

from __future__ import annotations

import re
from pathlib import Path

from flowviz.scenario.bundled import bundled_ids, bundled_path
from flowviz.scenario.model import Scenario

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_TYPED = re.compile(r"^(\d+)([a-z])?$")

MAX_TYPED_DIGITS = 3
"""Longest step number a presenter (or notes terminal) can type; a phase letter may follow."""


def scenario_reference(scenario: Scenario) -> str:
    """What a notes terminal passes to ``load_scenario`` to get ``scenario``.

    A bundled scenario is named by its id (short, and the same for every
    install); any other by the absolute path it was loaded from.
    """
    if not scenario.origin:
        return scenario.meta.id
    origin = Path(scenario.origin).resolve()
    for scenario_id in bundled_ids():
        path = bundled_path(scenario_id)
        if path is not None and path.resolve() in (origin, origin.parent):
            return scenario_id
    return str(origin)


def format_elapsed(seconds: float) -> str:
    """``12:05`` (minutes:seconds), or ``1:02:05`` past an hour; never negative."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def first_sentence(text: str, limit: int = 160) -> str:
    """The first sentence of ``text`` on one line, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0] if flat else ""
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence


def typed_stop(scenario: Scenario, typed: str) -> int | None:
    """The stop a typed number names: 0 is the initial state, N the first stop of step N,
    ``6b`` phase b of step 6; None when there is no such step or phase."""
    match = _TYPED.match(typed.strip())
    if match is None:
        return None
    number, phase = int(match.group(1)), match.group(2)
    if number == 0:
        return 0 if phase is None else None
    for stop in scenario.stops:
        if stop.step_number == number and (phase is None or stop.phase == phase):
            return stop.index
    return None


def phase_letters(scenario: Scenario, typed: str) -> frozenset[str]:
    """The phase letters that may follow ``typed``: those of the step it names.

    While a number is being typed, these letters are phase letters and nothing
    else (``6`` then ``b`` is step 6b, not "blank the screen"); any other letter
    keeps its own meaning.
    """
    if not typed.isdigit():
        return frozenset()
    number = int(typed)
    return frozenset(stop.phase for stop in scenario.stops
                     if stop.step_number == number and stop.phase)


def all_phase_letters(scenario: Scenario) -> frozenset[str]:
    """Every phase letter the scenario uses (the help lists only these)."""
    return frozenset(stop.phase for stop in scenario.stops if stop.phase)
