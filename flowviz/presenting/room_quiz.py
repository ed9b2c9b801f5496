"""The quiz for a room: the presenter asks, the room answers aloud, a key reveals.

With the quiz on (``z`` in the presenter, or ``flowviz present --quiz``), the
clicker's *next* no longer jumps straight to the next step. It first puts the
next step's question on the projector, over the current step's picture (the
room predicts from what it has seen); *next* again reveals the answer and shows
that step, its right choice marked; *next* again asks about the step after.
*Previous* takes a question back before it is revealed. A step with nothing to
ask is shown at once. The questions are :func:`flowviz.quiz.question_for`'s,
the walkthrough's and ``flowviz quiz``'s, with the same ``seed``, so a notes
terminal or a follower that knows the seed shows the same question.

Plain Python: :class:`RoomQuiz` is a value, and :func:`forward` and
:func:`backward` say where the talk goes next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flowviz.quiz import QuizQuestion
    from flowviz.scenario.model import Scenario

# The quiz's questions are imported where asked: the sync channel carries a
# RoomQuiz and stays light for the notes terminal's start.


@dataclass(frozen=True, slots=True)
class RoomQuiz:
    """The quiz is on; what the room sees of it."""

    seed: int = 0
    """Which questions (the same as ``flowviz quiz --seed``)."""
    asking: int | None = None
    """The stop whose question is on the projector (None: no question shown)."""
    revealed: bool = False
    """The talk stands at ``asking``'s stop, its answer marked."""

    def question(self, scenario: Scenario) -> QuizQuestion | None:
        """The question shown (asked or revealed), if any."""
        from flowviz.quiz import question_for

        if self.asking is None or not 0 <= self.asking < len(scenario.stops):
            return None
        return question_for(scenario, scenario.stops[self.asking], seed=self.seed)

    @property
    def waiting_for_answer(self) -> bool:
        """A question is on screen and not yet revealed."""
        return self.asking is not None and not self.revealed


def forward(quiz: RoomQuiz, scenario: Scenario, index: int) -> tuple[RoomQuiz, int]:
    """*Next* during a quiz standing at stop ``index``: the quiz and the stop after it.

    A question on screen is revealed (the talk moves to its stop); otherwise the
    next stop's question is asked (the talk stays), or, with nothing to ask, the
    next stop is shown at once. At the last stop nothing changes but a revealed
    answer stays."""
    from flowviz.quiz import question_for

    if quiz.waiting_for_answer:
        assert quiz.asking is not None
        return RoomQuiz(quiz.seed, quiz.asking, revealed=True), quiz.asking
    following = index + 1
    if following >= len(scenario.stops):
        return quiz, index
    if question_for(scenario, scenario.stops[following], seed=quiz.seed) is None:
        return RoomQuiz(quiz.seed), following
    return RoomQuiz(quiz.seed, following), index


def backward(quiz: RoomQuiz, index: int) -> tuple[RoomQuiz, int]:
    """*Previous* during a quiz: take back a question not yet revealed, else go back
    one stop (clamped at the first)."""
    if quiz.waiting_for_answer:
        return RoomQuiz(quiz.seed), index
    return RoomQuiz(quiz.seed), max(0, index - 1)
