"""Pilot tests: every key and click of the walkthrough, asserting on the app's state."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Button, OptionList, Static

from flowviz.tui.app import FlowvizApp
from flowviz.tui.screens.help import HelpScreen
from flowviz.tui.screens.service_details import ServiceDetailsScreen
from flowviz.tui.screens.step_list import StepListScreen
from flowviz.tui.stepping import PLAY_SPEEDS
from flowviz.tui.widgets.diagram_view import DiagramView
from flowviz.tui.widgets.header import StepHeader
from flowviz.tui.widgets.side_panel import SidePanel
from flowviz.tui.widgets.step_bar import StepBar


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages run and the diagram's layout worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()

AppFactory = Callable[..., FlowvizApp]

SIZE = (120, 36)


def static_text(app: FlowvizApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def header_text(app: FlowvizApp) -> str:
    return str(app.query_one(StepHeader).render())


@pytest.mark.parametrize("key", ["right", "l", "space", "pagedown"])
async def test_next_keys(make_app: AppFactory, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert app.stop_index == 1
        assert "Step 1 of 5: The browser asks for the page" in header_text(app)
        assert "GET /orders HTTP/1.1" in app.query_one(SidePanel).sections["wire"].plain


@pytest.mark.parametrize("key", ["left", "h", "backspace", "pageup"])
async def test_previous_keys(make_app: AppFactory, key: str) -> None:
    app = make_app(step="3")
    async with app.run_test(size=SIZE) as pilot:
        assert app.stop_index == 3
        await pilot.press(key)
        assert app.stop_index == 2
        assert "Step 2 of 5" in header_text(app)


async def test_ends_clamp(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left")
        assert app.stop_index == 0
        await pilot.press("end", "right")
        assert app.stop_index == len(app.scenario.stops) - 1
        assert "Final state" in header_text(app)


@pytest.mark.parametrize(("first", "last"), [("home", "end"), ("g", "G")])
async def test_first_and_last(make_app: AppFactory, first: str, last: str) -> None:
    app = make_app(step="2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(last)
        assert app.stop_index == len(app.scenario.stops) - 1
        await pilot.press(first)
        assert app.stop_index == 0
        assert "Initial state" in header_text(app)


async def test_type_a_number_then_enter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert "Go to step: 4" in header_text(app)
        assert app.stop_index == 0
        await pilot.press("enter")
        assert app.stop_index == app.scenario.stop_for_step(4).index
        assert app.typed == ""


async def test_typing_an_unknown_step_warns_and_stays(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9", "9", "enter")
        assert app.stop_index == 2
        assert app.typed == ""


async def test_escape_forgets_typed_number(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "escape", "enter")
        assert app.stop_index == 0
        assert app.typed == ""


async def test_step_list_picks_a_stop(make_app: AppFactory) -> None:
    app = make_app(step="1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StepListScreen)
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.press("down", "down", "enter")
        assert not isinstance(app.screen, StepListScreen)
        assert app.stop_index == 3


async def test_step_list_escape_keeps_the_stop(make_app: AppFactory) -> None:
    app = make_app(step="1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "down", "escape")
        assert app.stop_index == 1
        # Navigation keys act on the walkthrough again once the list is closed.
        await pilot.press("right")
        assert app.stop_index == 2


async def test_keys_do_not_move_the_walkthrough_behind_a_modal(make_app: AppFactory) -> None:
    app = make_app(step="1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "right", "l")
        assert isinstance(app.screen, HelpScreen)
        assert app.stop_index == 1


async def test_view_cycles(make_app: AppFactory) -> None:
    app = make_app()
    views = list(app.scenario.views)
    async with app.run_test(size=SIZE) as pilot:
        assert app.view_id == views[0]
        await pilot.press("v")
        assert app.view_id == views[1]
        view = app.query_one(DiagramView)
        assert view.diagram is not None and view.diagram.view.id == views[1]
        for _ in views[1:]:
            await pilot.press("v")
        assert app.view_id == views[0]


async def test_start_view_option(make_app: AppFactory) -> None:
    app = make_app(view="types")
    async with app.run_test(size=SIZE):
        assert app.view_id == "types"


async def test_play_pause_and_speed(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert app.playing
        before = app.play_speed
        await pilot.press("plus")
        assert app.play_speed == before + 1
        await pilot.press("minus", "minus")
        assert app.play_speed == before - 1
        assert f"{PLAY_SPEEDS[app.play_speed]:g} s" in header_text(app)
        app._play_tick()  # what the timer does, without waiting for it
        assert app.stop_index == 1
        await pilot.press("p")
        assert not app.playing


async def test_autoplay_stops_at_the_end(make_app: AppFactory) -> None:
    app = make_app(step="final")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")  # from the end, play starts over
        assert app.stop_index == 0 and app.playing
        await pilot.press("end")
        app._play_tick()
        await settle(pilot)
        assert not app.playing


async def test_help_lists_every_binding(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", Static).content
        console = Console(width=200, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(table)
        lines = console.export_text()
        for binding in FlowvizApp.BINDINGS:
            assert (binding.tooltip or binding.description) in lines  # type: ignore[union-attr]
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_click_a_tick(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one(StepBar)
        await pilot.click(StepBar, offset=(bar.tick_x(3), 0))
        assert app.stop_index == 3


def box_centre(app: FlowvizApp, service_id: str) -> tuple[int, int]:
    view = app.query_one(DiagramView)
    assert view.diagram is not None
    x, y, w, h = view.diagram.service_box(service_id)
    return x + w // 2 - view.scroll_offset.x, y + h // 2 - view.scroll_offset.y


async def test_click_a_service_opens_details_and_goes_to_a_step(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the diagram is laid out just after the first paint
        await pilot.click(DiagramView, offset=box_centre(app, "db"))
        assert isinstance(app.screen, ServiceDetailsScreen)
        facts = str(app.screen.query_one("#details-facts", Static).render())
        assert "PostgreSQL" in facts
        assert "Keeps the application's data." in facts
        assert "Data server" in facts
        assert "step 3" in facts
        buttons = [b.id for b in app.screen.query(Button)]
        assert "goto-3" in buttons
        await pilot.click("#goto-3")
        assert not isinstance(app.screen, ServiceDetailsScreen)
        assert app.stop_index == app.scenario.stop_for_step(3).index


async def test_click_empty_canvas_does_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(DiagramView, offset=(0, 0))
        assert not isinstance(app.screen, ServiceDetailsScreen)


async def test_details_close_with_escape(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=SIZE) as pilot:
        app.open_service_details("browser")
        await settle(pilot)
        assert isinstance(app.screen, ServiceDetailsScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ServiceDetailsScreen)
        assert app.stop_index == 2


async def test_theme_toggle(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dark = app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark is not dark
        await pilot.press("t")
        assert app.current_theme.dark is dark


async def test_motion_toggle(make_app: AppFactory) -> None:
    app = make_app(animate=True)
    async with app.run_test(size=SIZE) as pilot:
        motion = app.motion
        await pilot.press("m")
        assert app.motion is not motion


async def test_panel_toggle(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert not app.query_one("#panel").display
        await pilot.press("i")
        assert app.query_one("#panel").display


async def test_quit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_command_palette_goes_to_a_step(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Go to Step 3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.stop_index == app.scenario.stop_for_step(3).index


async def test_command_palette_switches_view(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Switch view: Communication")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.view_id == "types"
