"""Pilot tests: ``y`` toggles the walkthrough's diagram to the step's sequence diagram."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from flowviz.diagram.sequence_paint import sequence_frame
from flowviz.tui.app import FlowvizApp
from flowviz.tui.widgets.diagram_view import DiagramView

AppFactory = Callable[..., FlowvizApp]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_y_toggles_the_sequence_view_and_back(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(DiagramView)
        topology = view.frame.plain() if view.frame else ""
        await pilot.press("y")
        await settle(pilot)
        assert view.sequence
        assert view.frame is not None
        stop = app.scenario.stops[app.stop_index]
        expected = sequence_frame(app.scenario, stop, view.size.width, view.size.height,
                                  color=view.color, neighbours=True)
        assert view.frame.plain() == expected.plain()
        assert (view.frame.width, view.frame.height) == (view.size.width, view.size.height)
        assert "①" in view.frame.plain()
        # The next step is drawn as a sequence too, from the cache key that has the flag.
        await pilot.press("right")
        await settle(pilot)
        stop = app.scenario.stops[app.stop_index]
        assert view.frame.plain() == sequence_frame(
            app.scenario, stop, view.size.width, view.size.height, neighbours=True).plain()
        await pilot.press("left", "y")
        await settle(pilot)
        assert not view.sequence
        assert view.frame is not None and view.frame.plain() == topology


async def test_sequence_view_follows_a_resize(make_app: AppFactory) -> None:
    app = make_app(step="2")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        view = app.query_one(DiagramView)
        assert view.frame is not None
        assert (view.frame.width, view.frame.height) == (view.size.width, view.size.height)


async def test_z_opens_the_quiz_at_the_current_step_and_a_missed_step_is_one_key_away(
        make_app: AppFactory) -> None:
    from flowviz.tui.quiz import QuizScreen

    app = make_app(step="4")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first = screen.run.questions[0]
        assert first.stop_index == app.stop_index
        for question in screen.run.questions:
            await pilot.press(str((question.answer + 1) % len(question.choices) + 1), "enter")
        assert screen.run.score == 0
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuizScreen)
        assert app.stop_index == first.stop_index
