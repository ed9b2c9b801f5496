"""A list of every stop to pick from."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from flowviz.scenario.model import Scenario
from flowviz.tui.screens.modal import OnceModal
from flowviz.tui.text import one_line


class StepListScreen(OnceModal[int | None]):
    """Dismisses with the index of the chosen stop, or None."""

    DEFAULT_CSS = """
    #step-list-title {
        width: 80%;
        max-width: 90;
        background: $surface;
        padding: 0 1;
    }
    #step-options {
        width: 80%;
        max-width: 90;
        height: auto;
        max-height: 70%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,s", "dismiss_none", "Close the list")]

    def __init__(self, scenario: Scenario, current: int) -> None:
        super().__init__()
        self.scenario = scenario
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(Text("Go to a step", style="bold"), id="step-list-title")
        options = []
        for stop in self.scenario.stops:
            label = Text()
            label.append(f"{stop.label:<14}", "bold")
            label.append(one_line(stop.title))
            options.append(Option(label, id=str(stop.index)))
        yield OptionList(*options, id="step-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
