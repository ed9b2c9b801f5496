"""The sequence view: its hard rules on every bundled stop, and golden frames."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flowviz.diagram.sequence import sequence_layout
from flowviz.diagram.sequence_checks import sequence_violations
from flowviz.diagram.sequence_paint import sequence_frame
from flowviz.scenario.bundled import bundled_ids
from flowviz.scenario.loader import load_scenario

GOLDEN = Path(__file__).parent / "golden" / "sequence"
SIZES = [(80, 15), (120, 23)]
"""The walkthrough's diagram canvas at 80×24 and at 120×36."""
GOLDEN_STOPS = ["Step 1", "Step 2a", "Step 6a", "Step 8", "Step 15", "Final state"]


@pytest.mark.parametrize("scenario_id", bundled_ids())
@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize(("ascii", "color"), [(False, True), (True, False)])
@pytest.mark.parametrize("neighbours", [False, True])
def test_hard_rules_on_every_stop(scenario_id: str, width: int, height: int, ascii: bool,
                                  color: bool, neighbours: bool) -> None:
    scenario = load_scenario(scenario_id)
    problems = [p for stop in scenario.stops
                for p in sequence_violations(scenario, stop, width, height, ascii=ascii,
                                             color=color, neighbours=neighbours)]
    assert problems == []


def test_small_canvas_says_what_it_leaves_out() -> None:
    scenario = load_scenario("openstack-vm-launch")
    stop = next(s for s in scenario.stops if s.label == "Step 8")
    layout = sequence_layout(scenario, stop, 80, 15)
    assert layout.hidden_messages == len(stop.messages) - len(layout.arrows) > 0
    frame = sequence_frame(scenario, stop, 80, 15)
    assert frame.lines[-1].plain.startswith(f"{layout.hidden_messages} more messages")


def test_replies_point_back() -> None:
    scenario = load_scenario("openstack-vm-launch")
    stop = next(s for s in scenario.stops if s.label == "Step 1")
    layout = sequence_layout(scenario, stop, 80, 15)
    request, = layout.arrows
    assert request.head == "r"
    stop = next(s for s in scenario.stops if s.label == "Step 2a")
    heads = [a.head for a in sequence_layout(scenario, stop, 80, 15).arrows]
    assert "l" in heads and "r" in heads


def test_many_lifelines_narrow_columns_and_short_labels() -> None:
    scenario = load_scenario("openstack-vm-launch")
    stop = next(s for s in scenario.stops if s.label == "Step 8")
    wide = sequence_layout(scenario, stop, 120, 23)
    narrow = sequence_layout(scenario, stop, 40, 23)
    assert len(narrow.lifelines) == len(wide.lifelines)
    assert all(len(line.label) <= 40 // len(narrow.lifelines) - 1 for line in narrow.lifelines)
    assert sequence_violations(scenario, stop, 40, 12) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("label", GOLDEN_STOPS)
def test_golden_frames(label: str, width: int, height: int) -> None:
    scenario = load_scenario("openstack-vm-launch")
    stop = next(s for s in scenario.stops if s.label == label)
    # As the walkthrough draws it: with the neighbours' messages where they fit.
    text = sequence_frame(scenario, stop, width, height, color=False,
                          neighbours=True).plain() + "\n"
    name = f"{label.lower().replace(' ', '-')}-{width}x{height}.txt"
    path = GOLDEN / name
    if os.environ.get("FLOWVIZ_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
