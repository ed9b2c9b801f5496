"""How the presenter shows the room's quiz: the choices, then the answer marked.

The questions and where *next* goes are the core's
(:mod:`flowviz.presenting.room_quiz`); these build the caption's text. Every
choice is data from the scenario, never markup.
"""

from __future__ import annotations

from rich.text import Text

from flowviz.presenting.room_quiz import RoomQuiz
from flowviz.quiz import QuizQuestion
from flowviz.scenario.model import Scenario
from flowviz.tui.navigation import position_label
from flowviz.tui.text import data_text


def choices_text(question: QuizQuestion) -> Text:
    """The choices, numbered for the room to call out: ``1  nova-scheduler``.

    Padded to one width, so on the centred stage they line up as a block."""
    lines = [data_text(choice) for choice in question.choices]
    width = max(line.cell_len for line in lines)
    text = Text()
    for n, line in enumerate(lines, start=1):
        if n > 1:
            text.append("\n")
        text.append(f"{n}  ", style="bold")
        text.append_text(line)
        text.append(" " * (width - line.cell_len))
    return text


def answer_text(question: QuizQuestion, narration: Text) -> Text:
    """The right choice marked, the author's explanation, then the step's narration."""
    right = question.choices[question.answer]
    text = Text("✓ ", style="bold green")
    text.append(f"{question.answer + 1}  ", style="bold")
    text.append_text(data_text(right, "bold"))
    if question.explain:
        text.append("\n")
        text.append_text(data_text(question.explain.strip(), "italic"))
    if narration.plain:
        text.append("\n\n")
        text.append_text(narration)
    return text


def notes_quiz_text(scenario: Scenario, quiz: RoomQuiz | None) -> Text | None:
    """What the notes terminal says of the room's quiz: the question on the projector
    and its answer, which only the teacher sees before it is revealed."""
    question = quiz.question(scenario) if quiz is not None else None
    if quiz is None or question is None:
        return None
    where = position_label(scenario, scenario.stops[question.stop_index])
    right = question.choices[question.answer]
    if quiz.waiting_for_answer:
        text = Text(f"Quiz, the room sees the question of {where}: ", style="bold")
        text.append_text(data_text(question.text))
        text.append("\nAnswer (only you see it): ", style="bold")
        text.append(f"{question.answer + 1}  ")
        text.append_text(data_text(right))
        text.append("  · → reveals it", style="italic")
        return text
    text = Text(f"Quiz, revealed for {where}: ", style="bold")
    text.append(f"{question.answer + 1}  ")
    text.append_text(data_text(right))
    return text
