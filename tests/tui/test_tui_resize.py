"""Live resizes both ways, from 250×70 down to 40×12, and NO_COLOR."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from flowviz.tui.app import FlowvizApp
from flowviz.tui.widgets.diagram_view import DiagramView


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages run and the diagram's layout worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()

AppFactory = Callable[..., FlowvizApp]

SIZES = [(120, 36), (80, 24), (40, 12), (60, 16), (250, 70), (160, 45), (80, 24)]


def assert_diagram_fits(app: FlowvizApp) -> None:
    view = app.query_one(DiagramView)
    assert view.frame is not None and view.diagram is not None
    # The diagram was requested for the view's current size (rebuilt on resize).
    assert view.diagram is not None
    assert all(line.cell_len == view.frame.width for line in view.frame.lines)


async def test_resizes_both_ways(make_app: AppFactory) -> None:
    app = make_app(step="4")
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert app.size == (width, height)
            assert_diagram_fits(app)
            await pilot.press("right")
            await pilot.press("left")
            assert app.stop_index == app.scenario.stop_for_step(4).index


async def test_small_terminal_hides_panel_and_shows_hint(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert not app.query_one("#panel").display or app.query_one("#panel").size.width == 0
        hint = app.query_one("#small-hint")
        assert hint.display and hint.size.height >= 1
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert app.query_one("#panel").size.width > 0
        assert app.query_one("#small-hint").size.height == 0


@pytest.mark.parametrize("size", [(250, 70), (80, 24)])
async def test_diagram_requested_at_canvas_size(make_app: AppFactory,
                                                size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(*size)
        await settle(pilot)
        view = app.query_one(DiagramView)
        assert view._built_for == (app.view_id, view.size.width, view.size.height)


async def test_no_color(make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(step="4")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        view = app.query_one(DiagramView)
        assert app.no_color and not view.color
        assert view.frame is not None
        colours = {span.style.color for line in view.frame.lines for span in line.spans
                   if not isinstance(span.style, str) and span.style.color is not None}
        assert not colours


async def test_the_legend_shrinks_back_to_a_row_after_a_resize() -> None:
    from flowviz.scenario.loader import load_scenario
    from flowviz.tui.app import create_app
    from flowviz.tui.widgets.legend_bar import LegendBar

    # At 30 columns the OpenStack legend needs three rows; at 120 one. The resize
    # alone must bring it back to one, without a step to redraw it.
    app = create_app(load_scenario(None), animate=False)
    async with app.run_test(size=(30, 10)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        legend = app.query_one(LegendBar)
        assert legend.display and legend.size.height == 1
        assert "iSCSI" in str(legend.render())
