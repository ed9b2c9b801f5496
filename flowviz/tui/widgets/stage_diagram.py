"""The presenter's diagram: the walkthrough's view, centred on the stage."""

from __future__ import annotations

from textual.strip import Strip

from flowviz.tui.widgets.diagram_view import DiagramView


class StageDiagram(DiagramView):
    """The diagram centred on the stage.

    The engine's picture is often narrower (and shorter) than the canvas it was
    laid out for; on a projector it belongs in the middle, not against the left
    edge. The picture is padded when drawn, so the canvas the engine lays out
    for stays the widget's size (no feedback between the padding and the layout).
    """

    def margins(self) -> tuple[int, int]:
        """Blank columns left of the picture and rows above it."""
        frame = self.frame
        if frame is None:
            return 0, 0
        region = self.scrollable_content_region
        left = max(0, (region.width - frame.width) // 2)
        return left, max(0, (region.height - frame.height) // 2)

    def render_line(self, y: int) -> Strip:
        left, top = self.margins()
        width = self.scrollable_content_region.width
        if y < top:
            return Strip.blank(width, self.rich_style)
        strip = super().render_line(y - top)
        if left:
            strip = Strip.join([Strip.blank(left, self.rich_style), strip]).crop(0, width)
        return strip
