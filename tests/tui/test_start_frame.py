"""A second start at the same size shows the last start's picture in its first paint,
before the engine has laid anything out, and never a picture of something else."""

from __future__ import annotations

import threading

import pytest

from flowviz.scenario.loader import load_scenario
from flowviz.scenario.model import Scenario
from flowviz.tui.app import FlowvizApp, create_app
from flowviz.tui.widgets.diagram_view import DiagramView
from tests.tui.screen import screen_text, settle


def diagram_rows(app: FlowvizApp) -> list[str]:
    region = app.query_one(DiagramView).region
    return [row[region.x:region.right] for row in screen_text(app)[region.y:region.bottom]]


async def first_screen(scenario: Scenario, size: tuple[int, int], **options: str) -> list[str]:
    app = create_app(scenario, animate=False, **options)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        return diagram_rows(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_second_start_paints_the_picture_at_once(
        size: tuple[int, int], held_layouts: threading.Event) -> None:
    scenario = load_scenario("openstack-vm-launch")
    held_layouts.set()
    drawn = await first_screen(scenario, size)
    held_layouts.clear()
    app = create_app(scenario, animate=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.query_one(DiagramView)
        assert view.diagram is None  # the engine has laid nothing out yet
        assert diagram_rows(app) == drawn
        held_layouts.set()
        await settle(pilot)
        assert diagram_rows(app) == drawn  # the real layout: the same picture


async def test_another_size_stop_or_view_does_not_show_it(held_layouts: threading.Event) -> None:
    scenario = load_scenario("openstack-vm-launch")
    held_layouts.set()
    drawn = await first_screen(scenario, (120, 36))
    held_layouts.clear()
    for size, options in (((121, 36), {}), ((120, 36), {"step": "3"})):
        app = create_app(scenario, animate=False, **options)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert app.query_one(DiagramView).frame is None, (size, options)
    app = create_app(scenario, animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert diagram_rows(app) == drawn
        await pilot.press("right")  # a step before the layout: not the stored picture
        await pilot.pause()
        assert app.query_one(DiagramView).frame is None
        assert diagram_rows(app) != drawn
        held_layouts.set()
        await settle(pilot)
        assert app.stop_index == 1 and diagram_rows(app) != drawn


async def test_a_layout_for_a_size_left_behind_does_not_replace_the_picture(
        held_layouts: threading.Event) -> None:
    """Back at a size already drawn while the layout for another is still running
    (a hint row coming and going does that): the late layout must not win."""
    scenario = load_scenario("openstack-vm-launch")
    held_layouts.set()
    app = create_app(scenario, animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        view = app.query_one(DiagramView)
        drawn = view._built_for
        held_layouts.clear()
        await pilot.resize_terminal(120, 35)  # its layout waits
        await pilot.pause()
        await pilot.resize_terminal(120, 36)  # back before it is done
        await pilot.pause()
        held_layouts.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert view._built_for == drawn == (view.view_id, *view.size)
