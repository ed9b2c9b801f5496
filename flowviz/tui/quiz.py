"""The quiz: a question before each step, the step shown after the answer, a score.

Keys only, or clicks: 1–4 (or a button) answers, Enter or → goes on; the end
says ``Score: k/N`` and lists the steps missed, each one key (or click) away.
In the walkthrough (``z``) the screen dismisses with the chosen stop's index so
the app goes there; ``flowviz quiz`` runs the same screen in :class:`QuizApp`,
where choosing a missed step shows that step's picture again. Questions come
from :mod:`flowviz.quiz` (pure core); every text here is data, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from flowviz.diagram.labels import sanitize
from flowviz.diagram.sequence import natural_height
from flowviz.diagram.sequence_paint import sequence_frame
from flowviz.quiz import QuizQuestion, QuizRun
from flowviz.scenario.model import Scenario
from flowviz.tui.text import one_line
from flowviz.tui.widgets.key_footer import KeyFooter

RIGHT = "Right."
NOT_QUITE = "Not quite: the answer is {answer}."


class QuizScreen(Screen[int | None]):
    """Asks ``questions`` in order; dismisses with a stop index to go to, or None."""

    DEFAULT_CSS = """
    QuizScreen { padding: 0 1; }
    QuizScreen #quiz-progress { color: $text-muted; }
    QuizScreen #quiz-question { text-style: bold; margin: 1 0; }
    QuizScreen .choice { width: 100%; margin: 0 0 0 0; }
    QuizScreen #quiz-feedback { margin: 1 0 0 0; }
    QuizScreen #quiz-missed { height: auto; max-height: 12; }
    """

    AUTO_FOCUS = ""
    """Nothing focused: Enter must not press the first choice's button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"answer({n - 1})", f"Answer {n}", show=False) for n in range(1, 5)),
        Binding("enter,right", "next", "Go on", key_display="Enter"),
        Binding("escape,q", "leave", "Leave the quiz"),
    ]

    def __init__(self, scenario: Scenario, questions: tuple[QuizQuestion, ...], *,
                 color: bool = True) -> None:
        super().__init__()
        self.scenario = scenario
        self.run = QuizRun(questions, {})
        self.position = 0
        self.answered = False
        self.color = color

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-question")
            with Vertical(id="quiz-choices"):
                for n in range(4):
                    yield Button("", id=f"choice-{n + 1}", classes="choice")
            yield Static(id="quiz-feedback")
            yield OptionList(id="quiz-missed")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._ask()

    # -- showing -------------------------------------------------------------------

    @property
    def question(self) -> QuizQuestion | None:
        if self.position < len(self.run.questions):
            return self.run.questions[self.position]
        return None

    def _ask(self) -> None:
        question = self.question
        missed = self.query_one("#quiz-missed", OptionList)
        if question is None:
            self._finish()
            return
        missed.display = False
        self.answered = False
        stop = self.scenario.stops[question.stop_index]
        self.query_one("#quiz-progress", Static).update(Text(
            f"Question {self.position + 1} of {len(self.run.questions)} · {stop.label}"))
        self.query_one("#quiz-question", Static).update(Text(question.text))
        for n in range(4):
            button = self.query_one(f"#choice-{n + 1}", Button)
            if n < len(question.choices):
                button.label = Text(f"{n + 1}  {one_line(question.choices[n])}")
                button.display = True
                button.disabled = False
                button.variant = "default"
            else:
                button.display = False
        self.query_one("#quiz-feedback", Static).update(Text(""))
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    def _step_picture(self, stop_index: int) -> Text:
        """The stop's narration and its sequence diagram, as the walkthrough shows them."""
        stop = self.scenario.stops[stop_index]
        width = max(40, self.size.width - 4)
        out = Text(sanitize(f"{stop.label}: {stop.title}"), style="bold")
        out.append("\n")
        out.append(" ".join(sanitize(stop.narration).split()))
        if stop.messages:
            frame = sequence_frame(self.scenario, stop, width, natural_height(stop),
                                   color=self.color)
            out.append("\n\n")
            out.append_text(Text("\n").join(frame.lines))
        return out

    def _finish(self) -> None:
        self.query_one("#quiz-progress", Static).update(Text(""))
        self.query_one("#quiz-question", Static).update(Text(self.run.summary()))
        for n in range(4):
            self.query_one(f"#choice-{n + 1}", Button).display = False
        missed = self.run.missed
        feedback = ("Steps missed (Enter on one to see it again):" if missed
                    else "Every answer right.")
        self.query_one("#quiz-feedback", Static).update(Text(feedback))
        options = self.query_one("#quiz-missed", OptionList)
        options.clear_options()
        for question in missed:
            stop = self.scenario.stops[question.stop_index]
            options.add_option(Option(Text(f"{stop.label}: {one_line(stop.title)}"),
                                      id=str(stop.index)))
        options.display = bool(missed)
        if missed:
            options.highlighted = 0
            options.focus()

    # -- answering -------------------------------------------------------------------

    def action_answer(self, choice: int) -> None:
        question = self.question
        if question is None or self.answered or choice >= len(question.choices):
            return
        self.answered = True
        self.run.answers[self.position] = choice
        for n in range(len(question.choices)):
            button = self.query_one(f"#choice-{n + 1}", Button)
            button.disabled = True
            if n == question.answer:
                button.variant = "success"
            elif n == choice:
                button.variant = "error"
        verdict = RIGHT if question.is_right(choice) else NOT_QUITE.format(
            answer=question.choices[question.answer])
        text = Text(verdict, style="bold")
        if question.explain:
            text.append("\n" + " ".join(sanitize(question.explain).split()))
        text.append("\n\n")
        text.append_text(self._step_picture(question.stop_index))
        self.query_one("#quiz-feedback", Static).update(text)
        self.set_focus(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("choice-"):
            event.stop()
            self.action_answer(int(event.button.id.removeprefix("choice-")) - 1)

    def action_next(self) -> None:
        if self.question is None:
            self._open_missed()
            return
        if self.answered:
            self.position += 1
            self._ask()

    def _open_missed(self) -> None:
        options = self.query_one("#quiz-missed", OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            if option.id is not None:
                self.missed_chosen(int(option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.missed_chosen(int(event.option.id))

    def missed_chosen(self, stop_index: int) -> None:
        """A missed step was chosen: go there (the walkthrough) or show it (standalone)."""
        if isinstance(self.app, QuizApp):
            self.query_one("#quiz-feedback", Static).update(self._step_picture(stop_index))
            self.app.shown_stop = stop_index
        else:
            self.dismiss(stop_index)

    def action_leave(self) -> None:
        if isinstance(self.app, QuizApp):
            self.app.exit(0)
        else:
            self.dismiss(None)


class QuizApp(App[int]):
    """``flowviz quiz``: the quiz on its own, from the first step to the score."""

    TITLE = "flowviz quiz"

    def __init__(self, scenario: Scenario, questions: tuple[QuizQuestion, ...], *,
                 color: bool = True) -> None:
        super().__init__()
        self.scenario = scenario
        self.questions = questions
        self.color = color
        self.shown_stop: int | None = None
        """The missed step last shown again (tests read it)."""

    def on_mount(self) -> None:
        self.push_screen(QuizScreen(self.scenario, self.questions, color=self.color))
