"""Keys faster than the app: a burst, as a terminal delivers a paste or a held key.

``Pilot.press`` waits for the app to go idle after every key, so it never finds
these: :func:`burst` queues every key before the app handles the first, as one
read of the terminal does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from flowviz.tui import engine
from flowviz.tui.app import FlowvizApp
from flowviz.tui.screens.service_details import ServiceDetailsScreen
from flowviz.tui.widgets import diagram_view
from flowviz.tui.widgets.diagram_view import DiagramView
from tests.tui.soak import burst as queue_keys

AppFactory = Callable[..., FlowvizApp]

SIZE = (120, 36)

def burst(app: App[Any], *keys: str) -> None:
    """Queue ``keys`` for the app at once, without letting it run in between."""
    queue_keys(app, list(keys))


async def settle(pilot: Pilot[Any]) -> None:
    """Let the queued keys and whatever they started (layouts) finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_step_list_enter_enter_in_one_burst(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "s", "down", "enter", "enter")
        await settle(pilot)
        assert app.is_running
        assert len(app.screen_stack) == 1
        assert app.stop_index == 1
        await pilot.press("end")  # the walkthrough still answers
        assert app.stop_index == len(app.scenario.stops) - 1


async def test_view_switch_while_a_prefetch_is_due(make_app: AppFactory,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diagram_view, "PREFETCH_DELAY", 0.001)  # due at once, not in 50 ms
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        release = threading.Event()
        real = engine.build

        def held(*args: Any) -> Any:
            release.wait()
            return real(*args)

        monkeypatch.setattr(engine, "build", held)
        try:
            # → draws stop 1 and makes a prefetch due; v starts the other view's layout
            # (held); the second → moves on while the old picture is still shown.
            burst(app, "right", "v", "right")
            await pilot.pause()
            view = app.query_one(DiagramView)
            while view._prefetch_timer is not None and app.is_running:
                await pilot.pause()  # until the prefetch has run (or been called off)
            await pilot.pause()
            assert app.is_running
        finally:
            release.set()
        await settle(pilot)
        assert app.is_running
        assert app.stop_index == 2
        assert view.diagram is not None and view.diagram.view.id == app.view_id
        await pilot.press("end")
        assert app.stop_index == len(app.scenario.stops) - 1


@pytest.mark.parametrize("page_key", ["pagedown", "pageup"])
async def test_palette_page_keys_right_after_ctrl_p(make_app: AppFactory, page_key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", page_key)  # the page key comes before the list is laid out
        await settle(pilot)
        assert app.is_running
        assert CommandPalette.is_open(app)
        assert app.stop_index == 0  # the page key is the palette's, not a step key
        await pilot.press("escape")
        assert len(app.screen_stack) == 1
        await pilot.press("end")
        assert app.stop_index == len(app.scenario.stops) - 1


async def test_palette_enter_enter_runs_the_command_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"details")
        commands = app.screen.query_one(CommandList)
        while not commands.option_count:
            await pilot.pause()  # the palette's search runs in its own worker
        # Enter highlights the first hit, Enter runs it; the last Enter came too late.
        burst(app, "enter", "enter", "enter")
        await settle(pilot)
        assert app.is_running
        assert [type(screen) for screen in app.screen_stack[1:]] == [ServiceDetailsScreen]
        await pilot.press("escape")
        assert len(app.screen_stack) == 1
        await pilot.press("end")
        assert app.stop_index == len(app.scenario.stops) - 1


@pytest.mark.parametrize("page_key", ["pagedown", "pageup"])
async def test_presenter_palette_page_keys_right_after_ctrl_p(page_key: str) -> None:
    """The presenter opens the same steadied palette as the walkthrough."""
    from flowviz.scenario.loader import load_scenario
    from flowviz.tui.commands import SteadyPalette
    from flowviz.tui.present import PresenterApp

    app = PresenterApp(load_scenario("openstack-vm-launch"), animate=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "ctrl+p", page_key)
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, SteadyPalette)
        assert app.stop_index == 0  # the page key is the palette's, not the clicker's
        await pilot.press("escape")
        assert len(app.screen_stack) == 1
        await pilot.press("end")
        assert app.stop_index == len(app.scenario.stops) - 1
