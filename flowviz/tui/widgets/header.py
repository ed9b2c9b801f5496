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
        self.playing = ""

    def update(self, stop: Stop, *, typed: str = "", status: str = "",
               playing: str = "") -> None:
        self.stop = stop
        self.typed = typed
        self.status = status
        self.playing = playing
        self.refresh()

    def render(self) -> Text:
        """What matters first, as a narrow terminal cuts the end: the number being
        typed and the play state, where we are, then the view and the scenario."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" ")
        if self.typed:
            text.append(f"Go to step: {self.typed}▏", "bold reverse")
            text.append("  ")
        if self.playing:
            text.append(self.playing, "bold")
            text.append("  ")
        if self.scenario.meta.era_short:  # which era: the classic deck's, or today's
            text.append(one_line(self.scenario.meta.era_short), "reverse")
            text.append("  ")
        if self.stop is not None:
            text.append(position_label(self.scenario, self.stop), "bold")
            text.append(": ")
            text.append(one_line(self.stop.title))
            text.append("  ·  ")
        if self.status:
            text.append(self.status, "italic")
            text.append("  ·  ")
        text.append(one_line(self.scenario.meta.title), "bold")
        return text
