"""The message-type legend from the shared engine, with the current stop's types lit."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from flowviz.scenario.model import Scenario, Stop
from flowviz.tui.engine import legend


class LegendBar(Widget):
    """One or two lines naming each message type in its line style and colour."""

    DEFAULT_CSS = """
    LegendBar {
        height: auto;
        max-height: 3;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, scenario: Scenario, *, color: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.color = color
        self.stop: Stop | None = None
        self._made: tuple[tuple[int, int], Text] | None = None

    def show(self, stop: Stop) -> None:
        # The screen is laid out again only when the legend's number of rows changes:
        # mostly a new stop only lights other types.
        width = self.size.width
        before = self._legend(width).plain.count("\n") if self.stop is not None else None
        self.stop = stop
        self.refresh(layout=before != self._legend(width).plain.count("\n"))

    def _legend(self, width: int) -> Text:
        if self.stop is None:
            return Text()
        key = (self.stop.index, width)
        if self._made is None or self._made[0] != key:  # asked up to three times a step
            self._made = (key, legend(self.scenario, self.stop, max(1, width), color=self.color))
        return self._made[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The legend's rows depend on the width being laid out, not on the size the
        # widget had before (which left it 3 rows tall after growing from 30 columns).
        return max(1, len(self._legend(width).plain.split("\n")))

    def render(self) -> Text:
        return self._legend(self.size.width)
