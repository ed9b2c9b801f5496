"""The one-line header: scenario title, where we are, and any step number being typed."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.navigation import position_label
from flowviz.tui.text import one_line


class StepHeader(Widget):
    """'How OpenStack launches a VM · Step 6a of 15: Publish …'."""

    DEFAULT_CSS = """
    StepHeader {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.stop: Stop | None = None
        self.typed = ""
        self.status = ""

    def update(self, stop: Stop, *, typed: str = "", status: str = "") -> None:
        self.stop = stop
        self.typed = typed
        self.status = status
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" ")
        text.append(one_line(self.scenario.meta.title), "bold")
        if self.stop is not None:
            text.append("  ·  ")
            text.append(position_label(self.scenario, self.stop), "bold")
            text.append(": ")
            text.append(one_line(self.stop.title))
        if self.status:
            text.append("  ")
            text.append(self.status, "italic")
        if self.typed:
            text.append(f"  Go to step: {self.typed}▏", "bold reverse")
        return text
