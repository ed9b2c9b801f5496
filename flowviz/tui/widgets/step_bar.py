"""A row of ticks, one per stop; the current one lit, any of them clickable."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from flowviz.scenario.model import Scenario
from flowviz.tui.navigation import tick_label


class StepBar(Widget):
    """Shows where the walkthrough stands among all stops."""

    DEFAULT_CSS = """
    StepBar {
        height: 1;
        width: 1fr;
        /* Its own background, whatever the app's: dim and reversed ticks must not
           fall back to the terminal's colours (they vanish on the other shade). */
        background: $panel;
        color: $foreground;
    }
    """

    class StepClicked(Message):
        """The learner clicked the tick of stop ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.current = 0
        self._spans: list[tuple[int, int, int]] = []
        """(start x, end x, stop index) of each tick as last drawn."""

    def set_current(self, index: int) -> None:
        self.current = index
        self.refresh()

    def _labels(self, compact: bool) -> list[str]:
        stops = self.scenario.stops
        if compact:
            return ["●" if s.index == self.current else "·" for s in stops]
        return [tick_label(s, s.index == len(stops) - 1) for s in stops]

    def render(self) -> Text:
        width = self.size.width
        labels = self._labels(compact=False)
        # Labels with a space each side; fall back to one dot per stop when too wide.
        if sum(len(label) + 2 for label in labels) > width:
            labels = self._labels(compact=True)
            pad = 1 if len(labels) * 2 <= width else 0
        else:
            pad = 1
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for index, label in enumerate(labels):
            cell = " " * pad + label + " " * pad
            start = text.cell_len
            style = "bold reverse" if index == self.current else "dim"
            if labels[index] not in ("·", "●") and index < self.current:
                style = ""
            text.append(cell, style)
            self._spans.append((start, text.cell_len, index))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, index in self._spans:
            if start <= event.x < end:
                event.stop()
                self.post_message(self.StepClicked(index))
                return

    def tick_x(self, index: int) -> int:
        """The x offset of a tick's middle as last drawn (for tests and tooltips)."""
        start, end, _ = self._spans[index]
        return (start + end - 1) // 2
