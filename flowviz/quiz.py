"""Predict the next hop: a question before each step, drawn from the step's own data.

Predicting before seeing is what makes a lesson stick. Every question is a
template filled with the scenario's data (service labels, message-type names,
the declared state fields and their values), or one the author wrote for the
step (``questions:`` in the YAML, asked in preference). Choices and the pick of
template come from a seeded random generator, one per stop, so ``--seed`` gives
the same quiz every time and changing one step does not reshuffle the others.
Plain Python: the walkthrough's screen and ``flowviz quiz`` only ask and score.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flowviz.diagram.labels import sanitize
from flowviz.scenario.model import Scenario, Stop

MAX_CHOICES = 4
"""Answered with the digit keys 1–4."""

RECEIVER = "Step {label}: {sender} sends the first message. Who receives it?"
MESSAGE_TYPE = "Step {label}: what type of message does {sender} send to {receiver}?"
STATE = "Step {label}: what does the instance's {field} become?"
UNSET = "None"
"""How an unset state value is offered (as the side panel shows it)."""


@dataclass(frozen=True, slots=True)
class QuizQuestion:
    """One question, asked before ``stop`` is shown."""

    stop_index: int
    text: str
    choices: tuple[str, ...]
    answer: int
    """The index of the right choice."""
    explain: str | None = None

    def is_right(self, choice: int) -> bool:
        return choice == self.answer


@dataclass(slots=True)
class QuizRun:
    """A learner's way through a quiz: what was answered, and the score."""

    questions: tuple[QuizQuestion, ...]
    answers: dict[int, int]
    """Question index -> the choice the learner gave."""

    @property
    def score(self) -> int:
        return sum(1 for i, choice in self.answers.items() if self.questions[i].is_right(choice))

    @property
    def missed(self) -> list[QuizQuestion]:
        """The questions answered wrong, in order."""
        return [q for i, q in enumerate(self.questions)
                if i in self.answers and not q.is_right(self.answers[i])]

    def summary(self) -> str:
        return f"Score: {self.score}/{len(self.questions)}"


def _short_label(stop: Stop) -> str:
    return f"{stop.step_number}{stop.phase or ''}"


def _service_name(scenario: Scenario, service_id: str) -> str:
    service = scenario.services.get(service_id)
    return sanitize(service.label) if service else service_id


def _pick(rng: random.Random, right: str, pool: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """Up to MAX_CHOICES choices, ``right`` among them at a random place."""
    others = sorted({p for p in pool if p != right})
    rng.shuffle(others)
    choices = [right, *others[:MAX_CHOICES - 1]]
    rng.shuffle(choices)
    return tuple(choices), choices.index(right)


def _receiver(scenario: Scenario, stop: Stop, rng: random.Random) -> QuizQuestion | None:
    if not stop.messages:
        return None
    first = stop.messages[0]
    sender = first.source
    # Distractors: services the sender could talk to first, then any other service.
    linked = [link.target if link.source == sender else link.source
              for link in scenario.links.values() if sender in link.ends]
    pool = [_service_name(scenario, s) for s in dict.fromkeys(linked) if s != sender]
    right = _service_name(scenario, first.target)
    if len(set(pool) - {right}) < MAX_CHOICES - 1:
        pool += [_service_name(scenario, s) for s in scenario.services if s != sender]
    choices, answer = _pick(rng, right, pool)
    text = RECEIVER.format(label=_short_label(stop), sender=_service_name(scenario, sender))
    return QuizQuestion(stop.index, text, choices, answer) if len(choices) > 1 else None


def _message_type(scenario: Scenario, stop: Stop, rng: random.Random) -> QuizQuestion | None:
    if not stop.messages or len(scenario.message_types) < 2:
        return None
    first = stop.messages[0]
    mtype = scenario.message_types.get(first.type)
    if mtype is None:
        return None
    right = sanitize(mtype.name)
    pool = [sanitize(t.name) for t in scenario.message_types.values()]
    choices, answer = _pick(rng, right, pool)
    text = MESSAGE_TYPE.format(label=_short_label(stop),
                               sender=_service_name(scenario, first.source),
                               receiver=_service_name(scenario, first.target))
    return QuizQuestion(stop.index, text, choices, answer)


def _state(scenario: Scenario, stop: Stop, rng: random.Random) -> QuizQuestion | None:
    changed = [f for f in scenario.meta.state_fields if f in stop.state.changed]
    if not changed:
        return None
    field = rng.choice(changed)
    right = sanitize(stop.state.get(field) or UNSET)
    pool = [sanitize(s.state.get(field) or UNSET) for s in scenario.stops
            if field in dict(s.state.values)]
    if len(set(pool) - {right}) < MAX_CHOICES - 1:
        pool += [sanitize(value) for s in scenario.stops for _, value in s.state.values
                 if value]
    choices, answer = _pick(rng, right, pool)
    if len(choices) < 2:
        return None
    text = STATE.format(label=_short_label(stop), field=sanitize(field))
    return QuizQuestion(stop.index, text, choices, answer)


TEMPLATES: tuple[Callable[[Scenario, Stop, random.Random], QuizQuestion | None], ...] = (
    _receiver, _message_type, _state)


def question_for(scenario: Scenario, stop: Stop, *, seed: int = 0) -> QuizQuestion | None:
    """The question asked before ``stop`` (None for a stop with nothing to ask)."""
    rng = random.Random(f"{seed}/{scenario.meta.id}/{stop.label}")
    if stop.questions:
        own = rng.choice(stop.questions)
        return QuizQuestion(stop.index, sanitize(own.question),
                            tuple(sanitize(c) for c in own.choices), own.answer,
                            own.explain)
    if stop.is_bookend:
        return None
    candidates = [q for make in TEMPLATES if (q := make(scenario, stop, rng)) is not None]
    return rng.choice(candidates) if candidates else None


def build_quiz(scenario: Scenario, *, seed: int = 0,
               start: int = 0) -> tuple[QuizQuestion, ...]:
    """One question per stop from stop ``start`` on, in walkthrough order."""
    questions = (question_for(scenario, stop, seed=seed) for stop in scenario.stops[start:])
    return tuple(q for q in questions if q is not None)
