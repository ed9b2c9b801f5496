"""The picture at the learner's size, read off the walkthrough's screen.

For every stop of the bundled scenarios at 80×24, 100×30, 120×36 and 160×45, and
of scenarios the tests write (tests/generated.py: other domains, 2–8 hosts, no
layout hints, labels up to 30 characters) at the first three: every host and service is on screen
by its label or its short label, every message's number is drawn, and no link
is left undrawn. The 40-service scenario is checked from 160×45.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from flowviz.diagram.labels import sanitize
from flowviz.diagram.marks import message_marks
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import create_app
from flowviz.tui.widgets.diagram_view import DiagramView
from tests.conftest import bundled_scenario_dirs
from tests.generated import LARGE, SHAPES, write_scenario
from tests.tui.screen import screen_text, settle

SIZES = [(80, 24), (100, 30), (120, 36), (160, 45)]


def _names(scenario: Scenario, ident: str, kind: str) -> tuple[str, str]:
    item = (scenario.services if kind == "service" else scenario.hosts)[ident]
    return sanitize(item.label), sanitize(item.short)


async def _walk_and_check(scenario: Scenario, sizes: list[tuple[int, int]]) -> None:
    """Walk every stop at each size in turn, in one app: back to the first stop with
    Home, then a real resize (one app start instead of one per size)."""
    app = create_app(scenario, animate=False)
    async with app.run_test(size=sizes[0]) as pilot:
        for size in sizes:
            if app.stop_index:
                await pilot.press("home")
            if app.size != size:
                await pilot.resize_terminal(*size)
            await pilot.pause()
            await settle(pilot)
            assert app.size == size
            await _check_every_stop(pilot, scenario, size)


async def _check_every_stop(pilot: Pilot[Any], scenario: Scenario,
                            size: tuple[int, int]) -> None:
    app = pilot.app
    view = app.query_one(DiagramView)
    places: dict[str, tuple[int, int]] = {}
    for index, stop in enumerate(scenario.stops):
        if index:
            await pilot.press("right")
            await settle(pilot)
        where = f"{scenario.meta.id} at {size[0]}x{size[1]}, {stop.label}"
        assert app.stop is stop, where
        screen = screen_text(app)
        region = view.region
        diagram_rows = screen[region.y:region.y + region.height]
        text = "\n".join(row[region.x:region.x + region.width] for row in diagram_rows)
        assert view.diagram is not None and not view.diagram.cropped, where
        for sid in scenario.services:
            label, short = _names(scenario, sid, "service")
            assert label in text or short in text, f"{where}: {sid} missing"
        for hid in {s.host for s in scenario.services.values()}:
            if hid in scenario.hosts:
                label, short = _names(scenario, hid, "host")
                assert label in text or short in text, f"{where}: host {hid} missing"
        # The map holds: every box's label sits where it sat at the first stop.
        rows = text.split("\n")
        for sid, box in view.diagram.layout.boxes.items():
            place = next(((y, row.index(box.label)) for y, row in enumerate(rows)
                          if box.label in row), None)
            assert place is not None and places.setdefault(sid, place) == place, where
        for line in view.diagram.drawing(stop).lines:
            if line.numbers:
                assert message_marks(line.numbers) in text, f"{where}: {line.numbers}"
        assert "not drawn" not in text and view.frame is not None, where
        assert view.frame.not_drawn == 0, where


# One app per scenario walks all four sizes (each failure names its size and stop).
@pytest.mark.parametrize("folder", bundled_scenario_dirs(), ids=lambda p: p.name)
async def test_bundled_scenarios_whole_at_every_stop(folder: Path) -> None:
    await _walk_and_check(load_scenario(folder), SIZES)


@pytest.mark.parametrize("seed", range(len(SHAPES)),
                         ids=lambda n: "{hosts}-hosts-{services}-services".format(**SHAPES[n]))
async def test_generated_scenarios_whole_at_every_stop(tmp_path: Path, seed: int) -> None:
    # The three sizes people use; 160×45 is the bundled scenarios' and the 40-service one's.
    await _walk_and_check(write_scenario(tmp_path / "gen", seed, **SHAPES[seed]), SIZES[:3])


async def test_forty_services_whole_at_160x45(tmp_path: Path) -> None:
    await _walk_and_check(write_scenario(tmp_path / "gen", 99, **LARGE), [(160, 45)])
