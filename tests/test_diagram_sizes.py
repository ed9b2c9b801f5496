"""The bundled OpenStack topology at the sizes users meet, and how fast it gets there."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from flowviz.diagram import engine
from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario

SCENARIO = Path(__file__).resolve().parent.parent / "steps" / "openstack-vm-launch"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.mark.parametrize(("size", "rungs"), [
    ((120, 36), {"full", "full-tight"}),
    ((116, 31), {"full", "full-tight", "full-snug"}),  # beside the walkthrough's panel
    ((100, 30), {"compact", "compact-tight"}),  # the issue: compact, no scrolling
])
def test_fits_without_scrolling(scenario: Scenario, size: tuple[int, int],
                                rungs: set[str]) -> None:
    d = engine.build_diagram(scenario, None, *size)
    assert d.rung in rungs
    assert (d.width, d.height) == size
    assert d.unrouted == []


def test_viewport_is_shared_by_every_small_canvas(scenario: Scenario) -> None:
    small = [engine.build_diagram(scenario, None, w, h) for w, h in ((78, 31), (60, 20),
                                                                      (40, 12))]
    assert {d.rung for d in small} == {"viewport"}
    assert small[0].picture is small[1].picture is small[2].picture


def test_a_small_canvas_is_quick_once_the_viewport_is_known(scenario: Scenario) -> None:
    view = engine.view_for(scenario, None)
    engine._build(scenario, view, 40, 12, False)
    start = time.perf_counter()
    engine._build(scenario, view, 78, 31, False)
    # Generous (CI machines vary): it took ~1 s before rungs failed fast.
    assert time.perf_counter() - start < 1.0
