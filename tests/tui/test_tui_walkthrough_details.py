"""Details a new user trips over (issues 10, 13, 15), each driven with real keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from textual import events
from textual.pilot import Pilot

from flowviz.scenario.loader import load_scenario
from flowviz.tui.app import create_app
from flowviz.tui.widgets.side_panel import SidePanel
from tests.conftest import STEPS
from tests.generated import scenario_data
from tests.tui.screen import screen_text


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_c_shows_the_step_today_and_c_again_comes_back() -> None:
    app = create_app(load_scenario(STEPS / "openstack-vm-launch"), step="7", animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.scenario.meta.id == "openstack-vm-launch-modern"
        assert "Placement" in app.stop.title
        assert screen_text(app)[0].lstrip().startswith("Epoxy 2025.1")  # the era, first
        await pilot.press("c")
        await settle(pilot)
        assert (app.scenario.meta.id, app.stop.label) == ("openstack-vm-launch", "Step 7")
        assert screen_text(app)[0].lstrip().startswith("Grizzly 2013.1")


async def test_an_unknown_phase_is_said_not_guessed() -> None:
    app = create_app(load_scenario(STEPS / "openstack-vm-launch"), animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6", "b", "enter")
        assert app.stop.label == "Step 6b"
        await pilot.press("6", "c")
        assert "Go to step: 6c" in screen_text(app)[0]  # the typed number comes first
        await pilot.press("enter")
        assert app.stop.label == "Step 6b"
        assert any("No step 6c" in n.message for n in app._notifications)


async def test_the_panel_scrolls_from_the_keyboard() -> None:
    app = create_app(load_scenario(STEPS / "openstack-vm-launch"), step="8", animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.query_one(SidePanel)
        assert panel.max_scroll_y > 0
        await pilot.press("j")
        assert panel.scroll_y > 0
        await pilot.press("k")
        assert panel.scroll_y == 0


async def test_the_panel_scrolls_with_the_mouse_and_shows_where() -> None:
    """The wheel scrolls it, and its scrollbar's thumb (drawn in its last column)
    moves down; a drag on the bar scrolls to where the pointer is."""
    app = create_app(load_scenario(STEPS / "openstack-vm-launch"), step="8", animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = app.query_one(SidePanel)
        assert panel.max_scroll_y > 0
        top = panel._thumb()
        assert top is not None and top[0] == 0
        region = panel.scrollable_content_region
        bar_x = region.right - 1 - panel.region.x
        row = region.y - panel.region.y
        await pilot.mouse_down(SidePanel, offset=(bar_x, row + region.height - 1))
        await pilot.mouse_up(SidePanel, offset=(bar_x, row + region.height - 1))
        await pilot.pause()
        assert panel.scroll_y == panel.max_scroll_y  # the bottom of the bar: the end
        thumb = panel._thumb()
        assert thumb is not None and thumb[0] + thumb[1] == region.height
        panel.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        x, y = panel.region.x + 5, region.y + 2
        panel.post_message(events.MouseScrollDown(panel, 5, row + 2, 0, 1, 0, False, False,
                                                  False, screen_x=x, screen_y=y))
        await pilot.pause()
        assert panel.scroll_y > 0


async def test_the_panel_speaks_the_scenario_language(tmp_path: Path) -> None:
    data = scenario_data(3, hosts=3, services=10)
    meta = data["scenario"]
    assert isinstance(meta, dict)
    meta.update(state_fields=["phase", "ready"], state_heading="Pod status",
                caveat_heading="In a real cluster")
    steps = data["steps"]
    assert isinstance(steps, list)
    steps[0]["state"] = {"phase": "Pending", "ready": "0/1"}
    steps[0]["caveat"] = "Simplified."
    (tmp_path / "scenario.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    app = create_app(load_scenario(tmp_path), step="1", animate=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        seen = screen_text(app)
        for _ in range(4):  # the whole panel, a page at a time
            await pilot.press("j")
            seen += screen_text(app)
        text = "\n".join(seen)
        assert "Pod status" in text and "In a real cluster" in text
        assert "phase" in text and "Pending" in text
        assert "Instance state" not in text and "deck" not in text


async def test_the_palette_lists_each_action_once() -> None:
    app = create_app(load_scenario(STEPS / "web-request"), animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        names = [entry.name for entry in app.palette_entries()]
        assert len(names) == len(set(names))
        for wanted in ("Start or pause autoplay", "Pick a step from a list",
                       "Show/hide the side panel", "Faster autoplay", "Export all steps"):
            assert wanted in names
        assert "Theme" not in names  # Textual's own beside flowviz's toggle


async def test_help_says_q_closes_it() -> None:
    app = create_app(load_scenario(STEPS / "web-request"), animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        footer = screen_text(app)[-1]
        assert "Close help" in footer and "Quit" not in footer
        await pilot.press("q")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and app.is_running


async def test_service_details_show_its_links_with_their_labels(tmp_path: Path) -> None:
    data = scenario_data(5, hosts=2, services=10)
    links = data["links"]
    assert isinstance(links, list)
    first = links[0]
    first["label"] = "keeps the session warm"
    (tmp_path / "scenario.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    scenario = load_scenario(tmp_path)
    app = create_app(scenario, animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_service_details(first["from"])
        await pilot.pause()
        text = "\n".join(screen_text(app))
        assert "Links:" in text and "keeps the session warm" in text
