"""Golden plain-text frames of every stop of the bundled OpenStack scenario.

Regenerate with ``FLOWVIZ_UPDATE_GOLDEN=1 pytest tests/test_diagram_golden.py``
(then read the diffs: they are the pictures learners see). A missing golden file
is skipped, not failed, until someone generates it from a committed scenario.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flowviz.diagram.engine import build_diagram
from flowviz.scenario.loader import load_scenario

REPO = Path(__file__).resolve().parent.parent
SCENARIO = REPO / "steps" / "openstack-vm-launch"
GOLDEN = Path(__file__).resolve().parent / "golden" / "diagram"
SIZES = [(120, 23), (100, 19), (80, 15)]
"""The walkthrough's canvas (panel below) at 120×36, 100×30 and 80×24."""
UPDATE = os.environ.get("FLOWVIZ_UPDATE_GOLDEN") == "1"


@pytest.mark.skipif(not SCENARIO.exists(), reason="OpenStack scenario not bundled yet")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_stop_matches_its_golden_frame(size: tuple[int, int]) -> None:
    scenario = load_scenario(SCENARIO)
    width, height = size
    diagram = build_diagram(scenario, None, width, height)
    folder = GOLDEN / f"openstack-{width}x{height}"
    missing = []
    assert not diagram.cropped
    for stop in scenario.stops:
        text = diagram.frame(stop, color=False).plain() + "\n"
        name = f"{stop.index:02d}-{stop.label.lower().replace(' ', '-')}.txt"
        path = folder / name
        if UPDATE:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        elif not path.exists():
            missing.append(name)
        else:
            assert text == path.read_text(encoding="utf-8"), f"{path} differs"
    if missing:
        pytest.skip(f"no golden files yet for {len(missing)} stops (FLOWVIZ_UPDATE_GOLDEN=1)")
