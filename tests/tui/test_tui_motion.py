"""Messages travel their links when a step begins; the resting picture is the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from flowviz.tui.app import FlowvizApp
from flowviz.tui.preferences import NO_ANIMATION_ENV
from flowviz.tui.widgets.diagram_view import PULSE_GLYPH, DiagramView


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages run and the diagram's layout worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()

AppFactory = Callable[..., FlowvizApp]


def screen_lines(view: DiagramView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


@pytest.fixture
def motion_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NO_ANIMATION_ENV, raising=False)


async def test_messages_travel_then_rest(make_app: AppFactory, motion_allowed: None) -> None:
    app = make_app(step="3", animate=True)
    still = make_app(step="4", animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        view = app.query_one(DiagramView)
        assert app.motion
        await pilot.press("right")
        assert view.animating
        assert any(PULSE_GLYPH in line for line in screen_lines(view))
        first = (len(view._pulses), view._pulses[0].cell)
        view._advance()  # one timer tick, without waiting for the clock
        assert (len(view._pulses), view._pulses[0].cell if view._pulses else None) != first
        while view.animating:
            view._advance()
        moving_done = screen_lines(view)
        assert not any(PULSE_GLYPH in line for line in moving_done)
    async with still.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert screen_lines(still.query_one(DiagramView)) == moving_done


async def test_reply_travels_its_link_backwards(make_app: AppFactory,
                                                motion_allowed: None) -> None:
    app = make_app(step="3", animate=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("right")  # step 4: app → proxy rides the proxy → app link backwards
        view = app.query_one(DiagramView)
        assert view.diagram is not None
        message = next(m for m in app.stop.messages if m.source == "app" and m.target == "proxy")
        link = app.scenario.links[message.link]
        assert link.source == "proxy"
        path = view.diagram.message_paths(app.stop)[app.stop.messages.index(message)]
        # The arrow points at the receiver: from the app's box to the proxy's.
        app_box, proxy_box = (view.diagram.layout.boxes[s].rect for s in ("app", "proxy"))
        assert _next_to(app_box, path[0]) and _next_to(proxy_box, path[-1])
        assert any(p.path == path for p in view._pulses)


async def test_no_animation_flag(make_app: AppFactory, motion_allowed: None) -> None:
    app = make_app(animate=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("right")
        assert not app.query_one(DiagramView).animating


async def test_environment_turns_motion_off(make_app: AppFactory,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_ANIMATION_ENV, "1")
    app = make_app(animate=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not app.motion
        await pilot.press("right")
        assert not app.query_one(DiagramView).animating


async def test_motion_key_stops_a_running_animation(make_app: AppFactory,
                                                    motion_allowed: None) -> None:
    app = make_app(animate=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("right")
        view = app.query_one(DiagramView)
        assert view.animating
        await pilot.press("m")
        assert not view.animating and not app.motion


def _next_to(rect: object, cell: tuple[int, int]) -> bool:
    from flowviz.diagram.layout import Rect

    assert isinstance(rect, Rect)
    x, y = cell
    return rect.x - 1 <= x <= rect.right + 1 and rect.y - 1 <= y <= rect.bottom + 1
