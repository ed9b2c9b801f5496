"""Snapshots of the walkthrough at fixed sizes, animation off.

Update with ``pytest tests/tui --snapshot-update`` after a deliberate change
(the diagram engine's output is part of the picture).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from flowviz.tui.app import FlowvizApp

AppFactory = Callable[..., FlowvizApp]
SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the diagram, laid out just after the first paint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@pytest.mark.parametrize("step", ["initial", "1", "4", "final"])
def test_steps(snap_compare: SnapCompare, make_app: AppFactory, step: str,
               size: tuple[int, int]) -> None:
    assert snap_compare(make_app(step=step), terminal_size=size, run_before=settle)


def test_communication_types_view(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(step="3", view="types"), terminal_size=(120, 36),
                        run_before=settle)


def test_small_terminal(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(step="2"), terminal_size=(40, 12), run_before=settle)


def test_step_list(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def open_list(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("s")

    assert snap_compare(make_app(step="2"), terminal_size=(120, 36), run_before=open_list)


def test_help(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=open_help)


def test_service_details(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def open_details(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, FlowvizApp)
        app.open_service_details("app")
        await pilot.pause()

    assert snap_compare(make_app(step="3"), terminal_size=(120, 36), run_before=open_details)


def test_light_theme(snap_compare: SnapCompare, make_app: AppFactory) -> None:
    async def light(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("t")

    assert snap_compare(make_app(step="4"), terminal_size=(120, 36), run_before=light)
