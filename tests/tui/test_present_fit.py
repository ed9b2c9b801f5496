"""The presenter's picture at the sizes people present at, read off its screen.

At 80×24, 100×30 and 120×36, on the bundled scenarios and on generated ones
(other domains, 2–8 hosts, no layout hints, long labels): the diagram is never
cropped and every service is on screen by its label or short label, with the
narration folded behind ``n`` where it would cost the diagram its names; the
caption keeps one height from stop to stop, so the picture does not move.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flowviz.diagram.labels import sanitize
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.present import PresenterApp
from flowviz.tui.widgets.diagram_view import DiagramView
from tests.conftest import bundled_scenario_dirs
from tests.generated import SHAPES, write_scenario
from tests.tui.screen import screen_text, settle

SIZES = [(80, 24), (100, 30), (120, 36)]


async def _present_and_check(scenario: Scenario) -> None:
    """One presenter, resized through :data:`SIZES` (as a presenter moving to the
    projector does), checked at the first and last stops (Home, End)."""
    app = PresenterApp(scenario, animate=False)
    async with app.run_test(size=SIZES[0]) as pilot:
        view = app.query_one(DiagramView)
        last = len(scenario.stops) - 1
        for size in SIZES:
            await pilot.resize_terminal(*size)
            heights = set()
            for key, index in (("home", 0), ("end", last)):
                await pilot.press(key)
                await settle(pilot)
                assert app.stop_index == index
                where = f"{scenario.meta.id} at {size[0]}x{size[1]}, {app.stop.label}"
                region = view.region
                rows = screen_text(app)[region.y:region.y + region.height]
                text = "\n".join(row[region.x:region.x + region.width] for row in rows)
                assert view.diagram is not None and not view.diagram.cropped, where
                for service in scenario.services.values():
                    assert (sanitize(service.label) in text
                            or sanitize(service.short) in text), f"{where}: {service.id} missing"
                heights.add(view.region.height)
                if app.narration_folded:
                    assert "n: narration" in "\n".join(screen_text(app)), where
            assert len(heights) == 1, f"{scenario.meta.id} at {size}: the diagram moved: {heights}"
        if app.narration_folded:  # n shows it anyway, at the diagram's expense
            await pilot.press("n")
            assert app.query_one("#narration-box").display


@pytest.mark.parametrize("folder", bundled_scenario_dirs(), ids=lambda p: p.name)
async def test_bundled_scenarios_whole_on_the_stage(folder: Path) -> None:
    await _present_and_check(load_scenario(folder))


@pytest.mark.parametrize("seed", [4],
                         ids=lambda n: "{hosts}-hosts-{services}-services".format(**SHAPES[n]))
async def test_generated_scenarios_whole_on_the_stage(tmp_path: Path, seed: int) -> None:
    await _present_and_check(write_scenario(tmp_path / "gen", seed, **SHAPES[seed]))
