"""A one-row progress line for the presenter: how far through the talk we are."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FILLED = "━"
EMPTY = "─"


class ProgressLine(Widget):
    """A thin bar, filled in proportion to the current stop's place among all stops.

    It carries no words: on a projector the step title already says where we
    are, and the bar only hints at how much is left.
    """

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        width: 1fr;
        color: $accent;
    }
    ProgressLine > .progress-line--empty {
        color: $panel-lighten-2;
    }
    """

    COMPONENT_CLASSES = {"progress-line--empty"}  # noqa: RUF012

    position: reactive[int] = reactive(0)
    """The current stop's index."""
    total: reactive[int] = reactive(1)
    """How many stops there are."""

    def set_progress(self, position: int, total: int) -> None:
        self.total = max(1, total)
        self.position = max(0, min(position, self.total - 1))

    def filled_cells(self, width: int) -> int:
        """How many of ``width`` cells are filled (all of them at the last stop)."""
        if self.total <= 1:
            return width
        return round(width * self.position / (self.total - 1))

    def render(self) -> Text:
        width = self.size.width
        filled = self.filled_cells(width)
        empty_style = self.get_component_rich_style("progress-line--empty")
        return Text.assemble((FILLED * filled, ""), (EMPTY * (width - filled), empty_style))
