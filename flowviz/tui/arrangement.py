"""Where the walkthrough's side panel goes: beside the diagram, below it, or folded.

The choice is by fit, not by a fixed breakpoint: the engine ranks each canvas
the diagram would get (the best rung it draws at, see
:data:`flowviz.diagram.engine.RUNGS`) and the panel goes where the whole
deployment draws best (full labels, the author's arrangement). When neither
keeps every name whole, the diagram takes the screen and the panel waits
behind ``i``.
"""

from __future__ import annotations

from typing import NamedTuple

from flowviz.scenario.model import Scenario

PANEL_COLUMNS = (32, 42)
"""The side panel's width (border and padding included) below and from 110 columns."""
WIDE_COLUMNS = 110
"""From this width the side panel beside the diagram gets its wider size."""
TINY_COLUMNS = 60
"""Narrower terminals hide the panel and say so in a hint row."""
SHORT_ROWS = 18
"""Shorter terminals hide the panel and say so in a hint row."""
CHROME_ROWS = 4
"""Rows that are not the diagram's or the panel's: header, legend, step bar, footer."""
NO_LEGEND_BELOW_ROWS = 30
"""With the panel below, terminals shorter than this drop the legend's row."""


class Arrangement(NamedTuple):
    """The walkthrough's screen at one terminal size."""

    below: bool
    """The panel goes under the diagram (else beside it)."""
    folded: bool
    """Neither fits with every name whole: the panel waits behind ``i``."""
    no_legend: bool
    """The legend's row goes to the diagram (the panel names each message's type)."""
    panel_rows: int
    """The panel's height when below."""
    panel_columns: int
    """The panel's width when beside."""

    def diagram_canvas(self, width: int, height: int) -> tuple[int, int]:
        """The diagram's canvas in a ``width`` × ``height`` terminal so arranged (when
        no hint row shows: see ``FlowvizApp._update_hint``)."""
        beside, below, alone = _canvases(width, height, self.panel_columns, self.panel_rows)
        return alone if self.folded else below if self.below else beside


def arrange(scenario: Scenario, view_id: str | None, width: int, height: int, *,
            stored: bool = False) -> Arrangement:
    """Pick the arrangement that draws ``scenario``'s ``view_id`` best at ``width`` ×
    ``height`` (the whole terminal). ``stored``: as a start does, look it up in (or
    add it to) the start cache (:mod:`flowviz.diagram.start_cache`), since working it
    out means importing the engine and up to 27 trial layouts; a resize does not, or
    every size passed through while dragging a window's edge would be written."""
    if not stored:
        return _arrange(scenario, view_id, width, height)
    from flowviz.diagram import start_cache

    key = start_cache.start_key(scenario, view_id, width, height)
    known = start_cache.recall_arrangement(key) if key is not None else None
    if known is not None and len(known) == len(Arrangement._fields) and all(
            type(value) is type(field) for value, field in zip(known, _EXAMPLE, strict=True)):
        return Arrangement(*known)
    fit = _arrange(scenario, view_id, width, height)
    if key is not None:
        start_cache.remember_arrangement(key, list(fit))
    return fit


def _arrange(scenario: Scenario, view_id: str | None, width: int, height: int) -> Arrangement:
    from flowviz.diagram.engine import CUT_RUNG
    from flowviz.tui.engine import canvas_ranks

    below_rows = max(5, min(10, height // 4))
    panel_columns = PANEL_COLUMNS[1] if width >= WIDE_COLUMNS else PANEL_COLUMNS[0]
    short = height < NO_LEGEND_BELOW_ROWS
    ranks = canvas_ranks(scenario, view_id,
                         list(_canvases(width, height, panel_columns, below_rows)))
    below = ranks[1] < ranks[0]
    # Only cut or cropped both ways: the diagram alone draws better.
    folded = min(ranks[:2]) >= CUT_RUNG and ranks[2] < min(ranks[:2])
    return Arrangement(below=below, folded=folded, no_legend=(below and short) or folded,
                       panel_rows=below_rows, panel_columns=panel_columns)


def _canvases(width: int, height: int, panel_columns: int,
              below_rows: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The diagram's canvas with the panel beside it, below it, and folded away."""
    # Below the diagram on a short terminal, the legend gives its row to the
    # diagram: the panel's numbered messages name each one's type.
    short = height < NO_LEGEND_BELOW_ROWS
    return ((width - panel_columns, height - CHROME_ROWS),
            (width, height - CHROME_ROWS - below_rows + short),
            (width, height - CHROME_ROWS + 1))


_EXAMPLE = Arrangement(below=False, folded=False, no_legend=False, panel_rows=0, panel_columns=0)
"""The type of each field, to check a stored arrangement against."""
