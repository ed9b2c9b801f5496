"""Both themes paint a background under every cell of the step bar and the footer.

A segment without a background shows the terminal's own: a light theme's dark
text on a dark terminal (or the other way round) would vanish.
"""

from __future__ import annotations

import pytest
from textual.strip import Strip
from textual.widget import Widget

from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.preferences import DARK_THEME, LIGHT_THEME
from flowviz.tui.widgets.key_footer import KeyFooter
from flowviz.tui.widgets.step_bar import StepBar


def unpainted(strip: Strip) -> list[str]:
    """The text of the segments of ``strip`` with no background (or unreadable text)."""
    bad = []
    for segment in strip:
        style = segment.style
        no_background = style is None or style.bgcolor is None
        unreadable = style is not None and bool(segment.text.strip()) and (
            style.color is None or style.color == style.bgcolor)
        if no_background or unreadable:
            bad.append(segment.text)
    return bad


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_step_bar_and_footer_cell_has_a_background(size: tuple[int, int]) -> None:
    app = create_app(load_scenario(None), step="3", animate=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("p", "6")  # the play state and a typed number in the header too
        for theme in (DARK_THEME, LIGHT_THEME):
            app.theme = theme
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            rows: list[Widget] = [app.query_one(StepBar), app.query_one(KeyFooter)]
            for widget in rows:
                row = strips[widget.region.y]
                assert len(row.text) == size[0]
                assert unpainted(row) == [], (theme, type(widget).__name__)
            # And nowhere else on the screen either.
            assert [y for y, strip in enumerate(strips) if unpainted(strip)] == [], theme
