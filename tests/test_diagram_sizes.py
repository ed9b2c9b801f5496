"""The bundled topologies at the canvases the walkthrough gives them: whole, never cropped.

The walkthrough at 80×24, 100×30 and 120×36 puts the side panel below the diagram
(the canvases below); at 160×45 beside it. ``rung`` says which size rung fits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flowviz.diagram.engine import best_canvas, build_diagram, rung_index
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario

SCENARIO = Path(__file__).resolve().parent.parent / "steps" / "openstack-vm-launch"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.mark.parametrize(("size", "rung"), [
    ((120, 23), "lines"),  # 120×36: full labels, the author's arrangement
    ((118, 40), "boxes-tight"),  # 160×45 beside the panel: framed boxes
    ((100, 19), "lines-packed"),  # 100×30: full labels, hosts packed to the canvas
    ((80, 15), "short"),  # 80×24: short labels a learner can decode
])
def test_the_whole_deployment_fits(scenario: Scenario, size: tuple[int, int],
                                   rung: str) -> None:
    d = build_diagram(scenario, None, *size)
    assert d.rung == rung
    assert not d.cropped and (d.width, d.height) == size
    assert set(d.layout.boxes) == set(scenario.services)


def test_full_labels_wherever_they_fit(scenario: Scenario) -> None:
    d = build_diagram(scenario, None, 120, 23)
    assert {box.label for box in d.layout.boxes.values()} == {
        s.label for s in scenario.services.values()}


def test_a_canvas_too_small_crops_and_says_so(scenario: Scenario) -> None:
    d = build_diagram(scenario, None, 40, 10)
    assert d.cropped and d.width > 40
    window = d.viewport(scenario.stops[8], 40, 10)
    assert window[2:] == (40, 10)


def test_the_better_canvas_is_chosen(scenario: Scenario) -> None:
    # 120×36: beside the panel (79×32) needs packed hosts; below it (120×23) does not.
    assert rung_index(scenario, None, 120, 23) < rung_index(scenario, None, 78, 32)
    assert best_canvas(scenario, None, [(78, 32), (120, 23)]) == 1
    assert best_canvas(scenario, None, [(0, 0), (120, 23)]) == 1
