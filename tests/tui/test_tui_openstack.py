"""The flagship scenario: every stop back from the end, and phases typed as '6b'."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.widgets.header import StepHeader
from flowviz.tui.widgets.side_panel import SidePanel

OPENSTACK = Path(__file__).resolve().parents[2] / "steps" / "openstack-vm-launch"

pytestmark = pytest.mark.skipif(not OPENSTACK.is_dir(), reason="scenario not written yet")


async def test_walk_every_stop_and_type_a_phase() -> None:
    scenario = load_scenario(OPENSTACK)
    app = create_app(scenario, animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        last = len(scenario.stops) - 1
        # → one stop at a time, at every stop, is walked at this size and three others by
        # tests/tui/test_tui_fit.py; here End, → at the end, and ← back through each stop.
        await pilot.press("end")
        assert app.stop_index == last
        await pilot.press("right")
        assert app.stop_index == last
        for index in range(last - 1, -1, -1):
            await pilot.press("left")
            assert app.stop_index == index
        await pilot.press("6", "b", "enter")
        assert app.stop.label == "Step 6b"
        assert f"Step 6b of {len(scenario.steps)}" in str(app.query_one(StepHeader).render())
        state = app.query_one(SidePanel).sections["state"].plain
        assert "vm_state" in state
