"""How much of the presenter's screen the caption takes, and when the narration folds.

The caption (the stop's position, its title, its narration) gets one height per
terminal size, the tallest any stop needs, so the diagram's canvas, and so its
layout, stays put from stop to stop. When that caption would leave the diagram
too little room to draw every name whole (the engine's rungs, as the
walkthrough's side panel decides, :mod:`flowviz.tui.arrangement`), and the
diagram draws better without the narration, the narration folds: the stage
shows the title alone and says ``n: narration``; ``n`` brings it back.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.console import Console
from rich.text import Text

from flowviz.scenario.model import Scenario
from flowviz.tui.text import one_line, visible

STATUS_ROWS = 1
"""The progress line under the caption."""
CAPTION_PADDING = (1, 4)
"""The caption's top padding and its padding left and right (present.tcss)."""
TITLE_PADDING = (1, 2)
"""The title's padding, rows and columns (present.tcss)."""
NARRATION_PADDING = (1, 4)
NARRATION_WIDTH = 100
"""The narration's widest line (present.tcss)."""
MAX_CAPTION_SHARE = 0.5
"""The caption never takes more than this share of the screen (present.tcss)."""


class StageFit(NamedTuple):
    caption_rows: int
    """The caption's height."""
    narration_folded: bool
    """The narration waits behind ``n`` so the diagram draws whole."""
    compact: bool = False
    """Tighter still: the title alone, without its padding or the position above it."""


def _rows(text: str, width: int) -> int:
    console = Console(width=max(1, width), color_system=None, legacy_windows=False)
    return max(1, len(Text(text).wrap(console, max(1, width))))


def _caption_rows(scenario: Scenario, width: int, narration: bool, compact: bool) -> int:
    inner = width - 2 * CAPTION_PADDING[1]
    title_width = inner - 2 * TITLE_PADDING[1]
    narration_width = min(NARRATION_WIDTH, inner) - 2 * NARRATION_PADDING[1]
    title = max(_rows(one_line(stop.title), title_width) for stop in scenario.stops)
    if compact:
        return title
    rows = CAPTION_PADDING[0] + 1 + title + 2 * TITLE_PADDING[0]  # 1: the position
    if narration:
        rows += 2 * NARRATION_PADDING[0] + max(
            _rows(visible(stop.narration.strip()), narration_width) for stop in scenario.stops)
    return rows


def stage_fit(scenario: Scenario, width: int, height: int, *, narration: bool,
              may_fold: bool = True) -> StageFit:
    """The caption's height at ``width`` × ``height``, and whether the narration folds
    (``narration``: the presenter wants it shown; ``may_fold`` False: shown whatever
    it costs, the presenter asked with ``n``).

    The roomiest caption that leaves the diagram its names wins: with the
    narration, then the title alone, then the title without padding; when none
    does, the one whose diagram draws best."""
    from flowviz.diagram.engine import CUT_RUNG
    from flowviz.tui.engine import canvas_ranks

    cap = int(height * MAX_CAPTION_SHARE)
    fits = [StageFit(min(cap, _caption_rows(scenario, width, True, False)), False),
            StageFit(min(cap, _caption_rows(scenario, width, False, False)), narration),
            StageFit(min(cap, _caption_rows(scenario, width, False, True)), narration, True)]
    if not narration:
        fits = fits[1:]
    elif not may_fold:
        return fits[0]
    ranks = canvas_ranks(scenario, None,
                         [(width, height - STATUS_ROWS - fit.caption_rows) for fit in fits])
    for fit, rank in zip(fits, ranks, strict=True):
        if rank < CUT_RUNG:
            return fit
    return fits[ranks.index(min(ranks))]
